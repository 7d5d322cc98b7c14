"""A web page or Word document saved as one file (.mht, .mhtml): its HTML part read as an
HTML file is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.documents._common import _boxed, _compact, _dated, _loaders, _one_line, _source_lines_joined

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_WORD_BULLET = re.compile(r"^(?P<mark>[·•▪§o])[\s\xa0]*\xa0[\s\xa0]*")
_WORD_LEVEL = {"·": "", "•": "", "o": "  ", "§": "    ", "▪": "    "}


def load_mht(data: bytes) -> LoadedFile:
    """A web page saved as one file (.mht / .mhtml, by Word's "Single File Web Page", Edge
    or Chrome): its HTML part, decoded by its transfer encoding and charset, read as an HTML
    file is; Word's list bullets as "- " items and its ☐ / ☒ boxes as checkboxes; Word's
    <o:Created> time, else the MIME Date header, as the created date."""
    from email import policy
    from email.parser import BytesParser
    from email.utils import parsedate_to_datetime

    ld = _loaders()
    if data.lstrip()[:1] == b"<":  # a page saved with the .mht name but no MIME wrapping
        html, message = ld.decode_text(data), None
    else:
        try:
            message = BytesParser(policy=policy.default).parsebytes(data)
        except (ValueError, TypeError, IndexError, LookupError) as exc:
            raise ld.LoadError(f"is not a readable web archive (.mht): {exc.__class__.__name__}") from exc
        if not message.get("Content-Type"):
            raise ld.LoadError("is not a web archive (.mht): it has no MIME Content-Type header")
        parts = list(message.walk())
        page = next((p for p in parts if p.get_content_type() == "text/html"), None) or \
            next((p for p in parts if p.get_content_type() == "text/plain"), None)
        if page is None:
            raise ld.LoadError("is a web archive (.mht) with no web page (text/html part) in it")
        html = _part_text(page)
        if page.get_content_type() == "text/plain":
            html = "<pre>" + re.sub(r"[<&]", lambda m: "&lt;" if m[0] == "<" else "&amp;", html) + "</pre>"
    loaded = ld._load_html(_source_lines_joined(html).encode("utf-8"))
    lines = []
    for line in loaded.text.splitlines():
        bullet = _WORD_BULLET.match(line)
        if bullet:
            line = f"{_WORD_LEVEL[bullet['mark']]}- {line[bullet.end():].strip()}"
        lines.append(_boxed(line))
    meta = loaded.meta
    lines = _compact("\n".join(lines)).splitlines()
    if message is not None and not meta.title:
        meta.title = _one_line(str(message.get("Subject") or "")) or None
    created = re.search(r"<o:Created>\s*([^<\s]+)\s*</o:Created>", html)
    sent = None
    if not created and message is not None and message.get("Date"):
        try:
            sent = parsedate_to_datetime(str(message.get("Date"))).isoformat()
        except (ValueError, TypeError, IndexError):
            sent = None
    modified = re.search(r"<o:LastSaved>\s*([^<\s]+)\s*</o:LastSaved>", html)
    _dated(meta, created[1] if created else sent, modified[1] if modified else None)
    return ld.LoadedFile("\n".join(lines), meta)


def _part_text(part) -> str:
    """A MIME part's text: quoted-printable or base64 undone, then its charset (text that
    does not fit the charset it claims read as UTF-8 or Windows-1252)."""
    ld = _loaders()
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(part.get_payload() or "").encode("utf-8")
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return ld.decode_text(payload)
