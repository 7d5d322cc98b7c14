"""The bottom layer: the relational store, the source of truth.

``engine``: the database engine and transactional sessions (SQLite by default, any
SQLAlchemy URL such as PostgreSQL); ``tables``: the tables; ``generation``: the counter
that tells a long-running process another one changed the library; ``kinds``: document
kinds; ``errors``: the error a user can act on. Nothing here imports the rest of the
project (an import-linter contract in the test suite keeps it so).
"""
