"""Bounds on what one file may cost, so a huge, expanding or endless input is refused with
a reason instead of eating the machine's memory and time. The same on SQLite and PostgreSQL
(name lengths are the tables' column sizes)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024  # a file as stored on disk or uploaded
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # a .docx's parts once unzipped (a zip bomb expands far more)
MAX_TEXT_CHARS = 2_000_000  # a document's text: about 1,000 pages
MAX_WORD_CHARS = 200  # a "word" longer than this is not prose (base64, a minified file, noise)
MAX_NAME_CHARS = 256  # a mentor's or a person's name (the column size)
MAX_TITLE_CHARS = 512
MAX_TABLE_ROWS = 20_000  # a tracking table's rows (a target list is 15-25 people; CRM exports run longer)


class LimitError(Exception):
    """An input over one of the bounds; the message says which and by how much."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_bounded(path: Path) -> bytes:
    """A regular file's bytes, at most ``MAX_FILE_BYTES``. A FIFO, a device (/dev/zero) or a
    socket is refused before it is opened: reading one could block or never end."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise LimitError("is not a regular file (a pipe, a device or a socket)")
    if info.st_size > MAX_FILE_BYTES:
        raise LimitError(f"is {_mb(info.st_size)}, over the {_mb(MAX_FILE_BYTES)} limit for one file")
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)  # a file that grows while read is still bounded
    if len(data) > MAX_FILE_BYTES:
        raise LimitError(f"is over the {_mb(MAX_FILE_BYTES)} limit for one file")
    return data


def check_upload(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise LimitError(f"is {_mb(len(data))}, over the {_mb(MAX_FILE_BYTES)} limit for one file")


def check_zip_expansion(infos) -> None:
    """For a .docx (a zip): refuse before unpacking when its parts would expand past the bound."""
    total = sum(max(info.file_size, 0) for info in infos)
    if total > MAX_EXPANDED_BYTES:
        raise LimitError(f"would expand to {_mb(total)}, over the {_mb(MAX_EXPANDED_BYTES)} limit")


def check_text(text: str) -> None:
    """A document's text: not too long, and made of words."""
    if len(text) > MAX_TEXT_CHARS:
        raise LimitError(f"has {len(text):,} characters of text, over the {MAX_TEXT_CHARS:,} limit; split it")
    longest = max((len(word) for word in text.split()), default=0)
    if longest > MAX_WORD_CHARS and longest > len(text) // 4:
        raise LimitError(f"does not look like text: it holds a run of {longest:,} characters without a space")
