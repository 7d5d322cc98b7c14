"""Kinds of documents in the library, named once.

guidance: the built-in mentoring guidance (and any guidance a user adds); notes: the user's
meeting notes, each with a mentor and a date; documents: anything else (articles, PDFs).
"""

DOCUMENT_KINDS = ("guidance", "notes", "documents")
