"""Content hashes and stable chunk ids.

A chunk id depends only on where the chunk comes from and what it says, so re-ingesting an
unchanged file produces the same ids (nothing to embed, nothing duplicated), and a changed
file keeps the ids of the chunks that did not change.
"""

from __future__ import annotations

import hashlib


def content_hash(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def chunk_id(source: str, position: int, text: str) -> str:
    digest = hashlib.sha256(f"{source}\x00{position}\x00{text}".encode()).hexdigest()
    return digest[:32]
