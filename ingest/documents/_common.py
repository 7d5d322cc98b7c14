"""What the document loaders share: XML elements read whatever their namespace, a zip
package whose damaged parts are a ``LoadError``, a document's own dates as days in
``meta.extra``, a box glyph as a checkbox, and HTML's text tidied (Word's marked sections,
wrapped source lines, the blank lines blocks leave)."""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib

from ingest.frontmatter import FrontMatter
from ingest.limits import check_zip_expansion


def _loaders():
    from ingest import loaders  # the shared pieces (LoadedFile, LoadError, HTML and row reading)

    return loaders


def _local(tag) -> str:
    """An element's name without its namespace (OOXML's Transitional and Strict namespaces,
    XMind's and ODF's, all read alike)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    return next((child for child in element if _local(child.tag) == name), None)


def _descendants(element, name: str) -> list:
    return [node for node in element.iter() if _local(node.tag) == name]


def _attr(element, name: str) -> str | None:
    """An attribute by its name whatever its namespace (``table:name``, ``r:id`` …)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _child_text(element, name: str) -> str:
    child = _child(element, name)
    return "".join(child.itertext()) if child is not None else ""


def _grandchildren(element, name: str, inner: str) -> list:
    """``<name><inner/><inner/></name>``'s inner elements (none when there is no ``name``)."""
    child = _child(element, name)
    return _children(child, inner) if child is not None else []


def _parse_xml(data: bytes, what: str):
    """``ingest.loaders.parse_xml``, its LoadError's reason on one line (lxml's can hold a
    line break)."""
    ld = _loaders()
    try:
        return ld.parse_xml(data, what)
    except ld.LoadError as exc:
        raise ld.LoadError(" ".join(str(exc).split())) from exc


def _day(value) -> dt.date | None:
    """A document's own time as the user's day (see ``ingest.loaders._json_day``)."""
    return _loaders()._json_day(value.strip() if isinstance(value, str) else value)


def _dated(meta: FrontMatter, created, modified=None) -> FrontMatter:
    for key, value in (("created", created), ("modified", modified)):
        day = value if isinstance(value, dt.date) else _day(value) if value not in (None, "") else None
        if day is not None:
            meta.extra[key] = day
    return meta


# A task typed with a box glyph (PowerPoint's and Word's ☐ / ☒) as the checkbox the notes read.
_BOX = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<box>[☐□⬜🔲]|[☑☒✅■])\s*")


def _boxed(line: str) -> str:
    match = _BOX.match(line)
    if not match:
        return line
    ticked = match["box"] in "☑☒✅■"
    lead = match["lead"] or "- "
    return f"{lead}[{'x' if ticked else ' '}] {line[match.end():]}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tidy(lines: list[str]) -> list[str]:
    """Lines without blank ones at the ends or two in a row."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


# ----- zip packages ---------------------------------------------------------------------
# What zipfile raises for a damaged archive: a bad header or checksum, an unknown method or
# version, an encrypted part, a size or offset that points outside the file.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError,
               OSError, ValueError, struct.error)


class _Package:
    """A zip package (.pptx, .ods, .xmind) whose parts are read with the errors a damaged
    file raises turned into a ``LoadError`` naming what the file was meant to be."""

    def __init__(self, data: bytes, what: str) -> None:
        self.what = what
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except _ZIP_ERRORS as exc:
            raise self._error(f"it is not a zip package: {exc.__class__.__name__}") from exc
        check_zip_expansion(self.archive.infolist())  # before anything is unpacked
        self.names = set(self.archive.namelist())

    def _error(self, reason: str):
        return _loaders().LoadError(f"is not a readable {self.what} ({reason})")

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        if name not in self.names:
            raise self._error(f"it has no {name}")
        try:
            return self.archive.read(name)
        except _ZIP_ERRORS as exc:
            raise self._error(f"its part {name} is damaged: {exc.__class__.__name__}") from exc

    def xml(self, name: str):
        return _parse_xml(self.read(name), f"{self.what} (its part {name})")

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type, the target part's name in the package)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return {}
        found = {}
        for rel in self.xml(rels):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return found


# ----- HTML's text ----------------------------------------------------------------------
def _parseable(html: str) -> str:
    """HTML without Word's "<![if !supportLists]>" / "<![endif]>" markers (their content
    stays): Python's HTML parser stops with an error on a marked section it does not know."""
    html = re.sub(r"<!\[(?:if\b|endif)[^\]>]*\]>", "", html, flags=re.IGNORECASE)
    return re.sub(r"<!\[(?!CDATA\[)", "&lt;![", html)


def _source_lines_joined(html: str) -> str:
    """HTML whose source lines are wrapped (Word wraps its HTML at 80 characters, inside a
    paragraph, between a list bullet and its text) with the wraps as the spaces a browser
    shows; a <pre> block keeps its lines."""
    pieces = re.split(r"(<pre\b.*?</pre>)", _parseable(html), flags=re.IGNORECASE | re.DOTALL)
    return "".join(piece if piece[:4].lower() == "<pre" else re.sub(r"\r?\n", " ", piece) for piece in pieces)


def _compact(text: str) -> str:
    """HTML's text without the blank lines its blocks leave: one at most between paragraphs,
    none between the items of a list."""
    lines: list[str] = []
    for line in (line.rstrip() for line in text.splitlines()):
        if not line and (not lines or not lines[-1]):
            continue
        if line.lstrip().startswith("- ") and len(lines) > 1 and not lines[-1] and lines[-2].lstrip().startswith("- "):
            lines.pop()
        lines.append(line)
    return "\n".join(lines).strip()
