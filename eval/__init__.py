"""MentorDesk's evaluation: datasets, metrics, the retrieval and answer runners, and the
benchmark. Run it with ``python -m eval`` (see eval/README.md)."""
