"""More files people keep mentoring notes in: a slide deck (.pptx), a LibreOffice
spreadsheet (.ods), mind maps (XMind's .xmind, FreeMind's and Freeplane's .mm), a LaTeX
note (.tex), an AsciiDoc note (.adoc), a web page or Word document saved as one file
(.mht) and a Jira issue export (.xml).

Each becomes the text the rest of the pipeline reads: Markdown headings, "- " list items,
"- [x]" / "- [ ]" tasks and "Label: value" property lines. A document's own dates are handed
over as the Word loader hands over its core properties: ``meta.extra["created"]`` (and
``"modified"``) as a date, a time stored in UTC taken on the user's own day. Only the standard
library reads them (zipfile, email, and lxml through ``ingest.loaders.parse_xml``, which
never resolves entities); a damaged or foreign file is a ``LoadError`` saying what it is not.
The loaders table in ``ingest.loaders`` picks these by file suffix.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import posixpath
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.frontmatter import FrontMatter
from ingest.limits import MAX_TABLE_ROWS, check_zip_expansion

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


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


def _parse_xml(data: bytes, what: str):
    """``ingest.loaders.parse_xml``, its LoadError's reason on one line (lxml's can hold a
    line break)."""
    ld = _loaders()
    try:
        return ld.parse_xml(data, what)
    except ld.LoadError as exc:
        raise ld.LoadError(" ".join(str(exc).split())) from exc


def _list(value) -> list:
    return value if isinstance(value, list) else []


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


def _core_properties(package: _Package, meta: FrontMatter) -> FrontMatter:
    """docProps/core.xml's title, created and modified (Office's core properties)."""
    if not package.has("docProps/core.xml"):
        return meta
    core = package.xml("docProps/core.xml")
    values = {_local(node.tag): (node.text or "").strip() for node in core}
    meta.title = meta.title or values.get("title") or None
    return _dated(meta, values.get("created"), values.get("modified"))


# ----- PowerPoint -----------------------------------------------------------------------
_PPTX = "PowerPoint presentation"
_RUNNING_PLACEHOLDERS = {"dt", "sldNum", "ftr", "hdr", "sldImg"}  # dates, page numbers, footers, thumbnails


def load_pptx(data: bytes) -> LoadedFile:
    """A slide deck: each slide's title as a heading, its text boxes as lines (a body
    placeholder's paragraphs as bullets, nested by level), its tables as Markdown tables, then
    its speaker notes under a "Speaker notes:" line; title and dates from the core properties."""
    ld = _loaders()
    package = _Package(data, _PPTX)
    slides = _slide_parts(package)
    if not slides:
        raise ld.LoadError("is a PowerPoint presentation with no slides in it")
    sections = []
    for number, part in enumerate(slides, 1):
        heading, lines = _slide_text(package.xml(part))
        notes = _notes_lines(package, part)
        if notes:
            lines += ["", "Speaker notes:", *notes]
        heading = heading or (f"## Slide {number}" if lines else "")
        if heading or lines:
            sections.append("\n".join(([heading, ""] if heading else []) + lines).strip())
    meta = _core_properties(package, FrontMatter())
    return ld.LoadedFile("\n\n".join(sections), meta)


def _slide_parts(package: _Package) -> list[str]:
    """The slides in the order the deck shows them (presentation.xml's list), else by number."""
    if package.has("ppt/presentation.xml"):
        relations = package.relations("ppt/presentation.xml")
        listed = [relations.get(_relation_id(slide) or "", ("", ""))[1]
                  for slide in _descendants(package.xml("ppt/presentation.xml"), "sldId")]
        listed = [name for name in listed if name and package.has(name)]
        if listed:
            return listed
    numbered = [n for n in package.names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    return sorted(numbered, key=lambda n: int(re.sub(r"\D", "", posixpath.basename(n))))


def _relation_id(element) -> str | None:
    """``r:id`` (a namespaced ``id``), not the element's own plain ``id``."""
    return next((v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"), None)


def _slide_text(slide) -> tuple[str, list[str]]:
    """A slide's heading and its lines, shapes in the order they are stacked."""
    tree = next((node for node in slide.iter() if _local(node.tag) == "spTree"), None)
    if tree is None:
        return "", []
    heading, lines = "", []
    for shape in _shapes(tree):
        if _local(shape.tag) == "graphicFrame":
            table = _drawing_table(shape)
            if table:
                lines += ["", table, ""]
            continue
        kind = _placeholder(shape)
        paragraphs = _drawing_paragraphs(shape)
        if kind in _RUNNING_PLACEHOLDERS or not paragraphs:
            continue
        if kind in ("title", "ctrTitle") and not heading:
            title = " ".join(" ".join(text.split()) for _, text, _ in paragraphs if text.strip())
            heading = f"{'#' if kind == 'ctrTitle' else '##'} {title}" if title else ""
            continue
        listed = kind is not None and kind not in ("subTitle", "title", "ctrTitle")  # a body placeholder
        for level, text, bullet in paragraphs:
            if bullet is True or (bullet is None and listed):
                lines.append(_boxed(f"{'  ' * level}- {' '.join(text.split())}"))
            else:
                lines += [_boxed(line.strip()) for line in text.splitlines() if line.strip()]
    return heading, _tidy(lines)


def _tidy(lines: list[str]) -> list[str]:
    """Lines without blank ones at the ends or two in a row."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def _shapes(tree):
    for child in tree:
        name = _local(child.tag)
        if name in ("sp", "graphicFrame"):
            yield child
        elif name == "grpSp":
            yield from _shapes(child)
        elif name == "AlternateContent":  # one of its choices, not both
            choice = _child(child, "Fallback")
            choice = choice if choice is not None else _child(child, "Choice")
            if choice is not None:
                yield from _shapes(choice)


def _placeholder(shape) -> str | None:
    """The placeholder type ("title", "body", "sldNum" …), "body" for an untyped one, None
    for a text box the user drew."""
    placeholder = next((node for node in shape.iter() if _local(node.tag) == "ph"), None)
    if placeholder is None:
        return None
    return placeholder.get("type") or "body"


def _drawing_paragraphs(shape) -> list[tuple[int, str, bool | None]]:
    """A shape's paragraphs as (level, text, bullet): True for an explicit bullet or
    number, False for "no bullet", None when the slide's layout decides."""
    body = _child(shape, "txBody")
    if body is None:
        return []
    paragraphs = []
    for paragraph in _children(body, "p"):
        properties = _child(paragraph, "pPr")
        level, bullet = 0, None
        if properties is not None:
            try:
                level = min(int(properties.get("lvl") or 0), 8)
            except ValueError:
                level = 0
            if _child(properties, "buNone") is not None:
                bullet = False
            elif _child(properties, "buChar") is not None or _child(properties, "buAutoNum") is not None:
                bullet = True
        parts = []
        for run in paragraph:
            name = _local(run.tag)
            if name in ("r", "fld"):
                parts.append("".join(t.text or "" for t in _children(run, "t")))
            elif name == "br":
                parts.append("\n")
        text = "".join(parts)
        if text.strip():
            paragraphs.append((level, text, bullet))
    return paragraphs


def _drawing_table(frame) -> str:
    rows = []
    for row in _descendants(frame, "tr"):
        cells = []
        for cell in _children(row, "tc"):
            text = " ".join(" ".join(t.text or "" for t in _descendants(p, "t")) for p in _descendants(cell, "p"))
            cells.append(" ".join(text.split()).replace("|", "/"))
        rows.append(cells)
    return _loaders()._markdown_table(rows) if rows else ""


def _notes_lines(package: _Package, slide_part: str) -> list[str]:
    """A slide's speaker notes: the notes page's body text, one line a paragraph."""
    notes_part = next((target for kind, target in package.relations(slide_part).values()
                       if kind.endswith("/notesSlide") and package.has(target)), None)
    if notes_part is None:
        return []
    tree = next((node for node in package.xml(notes_part).iter() if _local(node.tag) == "spTree"), None)
    lines: list[str] = []
    for shape in _shapes(tree) if tree is not None else ():
        if _placeholder(shape) != "body":
            continue  # the slide's thumbnail, the page number, the header and footer
        for level, text, bullet in _drawing_paragraphs(shape):
            if bullet:
                lines.append(_boxed(f"{'  ' * level}- {' '.join(text.split())}"))
            else:
                lines += [_boxed(line.strip()) for line in text.splitlines() if line.strip()]
    return lines


# ----- OpenDocument spreadsheet ---------------------------------------------------------
_ODS = "OpenDocument spreadsheet"
_MAX_COLUMNS = 16_384  # the widest sheet LibreOffice makes


def load_ods(data: bytes) -> LoadedFile:
    """A LibreOffice Calc spreadsheet read as an Excel workbook is: each sheet's rows
    through the same row reading (header names, dates, a log kept one item a row), only
    the log sheets when some are logs; repeated rows and columns expanded, the empty ones
    LibreOffice pads every sheet with skipped; title and creation date from meta.xml."""
    ld = _loaders()
    package = _Package(data, _ODS)
    content = package.xml("content.xml")
    body = next((node for node in content.iter() if _local(node.tag) == "body"), None)
    spreadsheet = _child(body, "spreadsheet") if body is not None else None
    if spreadsheet is None:
        raise ld.LoadError("is an OpenDocument file with no spreadsheet in it (a text document or a drawing?)")
    sheets: list[tuple[str, list[list[str]]]] = []
    for table in _children(spreadsheet, "table"):
        name = _attr(table, "name") or f"Sheet {len(sheets) + 1}"
        rows = _ods_rows(table, name)
        if rows:
            sheets.append((name, rows))
    logs = [(title, rows) for title, rows in sheets if ld._item_rows(rows[0], rows[1:]) is not None]
    chosen = logs or sheets
    parts = [ld._rows_as_note(rows).text for _, rows in chosen]
    if len(chosen) > 1:
        parts = [f"## {title}\n\n{text}" for (title, _), text in zip(chosen, parts)]
    return ld.LoadedFile("\n\n".join(p for p in parts if p.strip()), _odf_meta(package))


def _odf_meta(package: _Package) -> FrontMatter:
    meta = FrontMatter()
    if not package.has("meta.xml"):
        return meta
    values = {_local(node.tag): (node.text or "").strip() for node in package.xml("meta.xml").iter()}
    meta.title = values.get("title") or None
    # ODF's times are the writer's own clock, no zone: their date part is the day.
    created, modified = values.get("creation-date", "")[:10], values.get("date", "")[:10]
    return _dated(meta, created or None, modified or None)


def _count(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def _ods_rows(table, sheet: str) -> list[list[str]]:
    ld = _loaders()
    rows: list[list[str]] = []

    def walk(element) -> None:
        for child in element:
            name = _local(child.tag)
            if name in ("table-header-rows", "table-rows", "table-row-group"):
                walk(child)
            elif name == "table-row":
                cells = _ods_cells(child, sheet)
                if not any(cells):
                    continue  # an empty row, however often repeated
                repeat = _count(_attr(child, "number-rows-repeated"))
                if len(rows) + repeat > MAX_TABLE_ROWS:
                    raise ld.LoadError(f"has more than {MAX_TABLE_ROWS:,} rows in its sheet '{sheet}'")
                rows.extend(list(cells) for _ in range(repeat))

    walk(table)
    return rows


def _ods_cells(row, sheet: str) -> list[str]:
    cells: list[str] = []
    blanks = 0  # empty cells not yet written: only needed when a value follows them
    for cell in row:
        if _local(cell.tag) not in ("table-cell", "covered-table-cell"):
            continue
        repeat = _count(_attr(cell, "number-columns-repeated"))
        value = _ods_value(cell)
        if not value:
            blanks += repeat
            continue
        if len(cells) + blanks + repeat > _MAX_COLUMNS:
            raise _loaders().LoadError(f"has a row wider than {_MAX_COLUMNS:,} columns in its sheet '{sheet}'")
        cells += [""] * blanks + [value] * repeat
        blanks = 0
    return cells


def _ods_value(cell) -> str:
    """A cell as the Excel loader reads one: a date as its ISO date (and time when it has
    one), a whole number without ".0", a currency or percentage as shown, else its text."""
    ld = _loaders()
    kind = _attr(cell, "value-type")
    shown = "\n".join(ld._odt_inline(p) for p in _children(cell, "p")).strip()
    if kind == "date":
        raw = _attr(cell, "date-value") or ""
        try:
            moment = dt.datetime.fromisoformat(raw.strip()[:19])
        except ValueError:
            return shown
        return ld._cell_text(moment)
    if kind == "float":
        try:
            return ld._cell_text(float(_attr(cell, "value") or ""))
        except ValueError:
            return shown
    if kind == "boolean":
        return ld._cell_text((_attr(cell, "boolean-value") or "").lower() == "true")
    return shown or (_attr(cell, "string-value") or "").strip()


# ----- mind maps ------------------------------------------------------------------------
@dataclass
class _Topic:
    title: str
    notes: str = ""
    done: bool | None = None  # a task marker: ticked, not ticked, or no task
    labels: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # "Name: value" attribute lines
    children: list[_Topic] = field(default_factory=list)


def _outline(root: _Topic, heading: str) -> list[str]:
    """A mind map's central topic as a heading, its notes under it, its branches as nested
    bullets (tasks as checkboxes) with each topic's notes indented under it."""
    lines = [f"{heading} {root.title}"] if root.title else []
    lines += root.details + [line.strip() for line in root.notes.splitlines() if line.strip()]

    def walk(topics: list[_Topic], depth: int) -> None:
        for topic in topics:
            text = topic.title + (f" ({', '.join(topic.labels)})" if topic.labels else "")
            if text:
                box = "" if topic.done is None else "[x] " if topic.done else "[ ] "
                lines.append(f"{'  ' * depth}- {box}{text}")
            inner = depth + 1 if text else depth
            lines.extend(f"{'  ' * inner}{line}" for line in topic.details)
            lines.extend(f"{'  ' * inner}{line.strip()}" for line in topic.notes.splitlines() if line.strip())
            walk(topic.children, inner)

    walk(root.children, 0)
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


_XMIND = "XMind mind map"
# XMind's own names for a new sheet ("Sheet 1", "Map 1", "Canvas 1"), which say nothing.
_DEFAULT_SHEET = re.compile(r"^(?:sheet|map|canvas|mind ?map|画布|工作表|画板)\s*\d*$", re.IGNORECASE)


def load_xmind(data: bytes) -> LoadedFile:
    """An XMind mind map (XMind Zen's content.json or XMind 8's content.xml): each sheet's
    central topic as the heading, its topics as nested bullets, a topic's plain notes under
    it, a task marker as a checkbox (task-done ticked); a sheet's own name as a "Sheet:"
    line; XMind 8's creation time as the created date."""
    ld = _loaders()
    package = _Package(data, _XMIND)
    meta = FrontMatter()
    try:
        if package.has("content.json"):
            sheets = _xmind_json(package.read("content.json"), meta)
        elif package.has("content.xml"):
            sheets = _xmind_xml(package, meta)
        else:
            raise ld.LoadError("is not an XMind mind map (it has neither content.json nor content.xml)")
    except RecursionError:
        raise ld.LoadError("is a mind map nested too deeply to read") from None
    sheets = [(name, root) for name, root in sheets if root.title or root.children]
    if not sheets:
        raise ld.LoadError("is an XMind mind map with no topics in it")
    parts = []
    for name, root in sheets:
        lines = _outline(root, "#" if len(sheets) == 1 else "##")
        if name and not _DEFAULT_SHEET.match(name) and name != root.title:
            lines.insert(1 if root.title else 0, f"Sheet: {name}")
        parts.append("\n".join(lines))
    meta.title = sheets[0][1].title or sheets[0][0] or None
    return ld.LoadedFile("\n\n".join(parts), meta)


def _xmind_json(raw: bytes, meta: FrontMatter) -> list[tuple[str, _Topic]]:
    ld = _loaders()
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ld.LoadError(f"is not a readable {_XMIND} (its content.json is not JSON: {exc.__class__.__name__})") from exc
    if isinstance(document, dict):
        document = [document]
    sheets = [sheet for sheet in document if isinstance(sheet, dict) and isinstance(sheet.get("rootTopic"), dict)] \
        if isinstance(document, list) else []
    if not sheets:
        raise ld.LoadError(f"is not a readable {_XMIND} (its content.json holds no sheet with a central topic)")
    stamps = [s["timestamp"] for s in sheets if isinstance(s.get("timestamp"), int) and not isinstance(s["timestamp"], bool)]
    _dated(meta, None, max(stamps) if stamps else None)  # when a sheet was last changed
    return [(_one_line(str(sheet.get("title") or "")), _json_topic(sheet["rootTopic"])) for sheet in sheets]


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _json_topic(node: dict) -> _Topic:
    notes = _mapping(node.get("notes"))
    plain = _mapping(notes.get("plain")).get("content")
    html = _mapping(notes.get("realHTML")).get("content")
    if not plain and html:
        plain = _html_text(str(html))
    markers = [str(m.get("markerId") or "") for m in _list(node.get("markers")) if isinstance(m, dict)]
    labels = [_one_line(str(label)) for label in _list(node.get("labels")) if str(label).strip()]
    topic = _Topic(_one_line(str(node.get("title") or "")), str(plain or ""), _task_done(markers), labels)
    children = _mapping(node.get("children"))
    for kind in ("attached", "callout", "detached", "summary"):
        for child in _list(children.get(kind)):
            if isinstance(child, dict):
                topic.children.append(_json_topic(child))
    return topic


def _task_done(markers: list[str]) -> bool | None:
    """XMind's task markers: task-done is ticked; task-start, task-half … are not yet."""
    tasks = [m for m in markers if m.startswith("task-")]
    return None if not tasks else "task-done" in tasks


def _xmind_xml(package: _Package, meta: FrontMatter) -> list[tuple[str, _Topic]]:
    ld = _loaders()
    root = package.xml("content.xml")
    if _local(root.tag) != "xmap-content":
        raise ld.LoadError(f"is not a readable {_XMIND} (its content.xml is not an XMind map)")
    sheets = []
    for sheet in _children(root, "sheet"):
        topic = _child(sheet, "topic")
        if topic is not None:
            sheets.append((_one_line(_child_text(sheet, "title")), _xml_topic(topic)))
    created = None
    if package.has("meta.xml"):
        stamp = next((node.text for node in package.xml("meta.xml").iter()
                      if _local(node.tag) == "Time" and _local(node.getparent().tag) == "Create"), None)
        created = (stamp or "").strip()[:10] or None  # "2017-08-18 20:15:45", the writer's own clock
    _dated(meta, created, _count_or_none(root.get("timestamp")))
    return sheets


def _count_or_none(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _grandchildren(element, name: str, inner: str) -> list:
    """``<name><inner/><inner/></name>``'s inner elements (none when there is no ``name``)."""
    child = _child(element, name)
    return _children(child, inner) if child is not None else []


def _child_text(element, name: str) -> str:
    child = _child(element, name)
    return "".join(child.itertext()) if child is not None else ""


def _xml_topic(node) -> _Topic:
    notes = _child(node, "notes")
    plain = _child_text(notes, "plain") if notes is not None else ""
    markers = [ref.get("marker-id") or "" for ref in _grandchildren(node, "marker-refs", "marker-ref")]
    labels = [_one_line(label.text or "") for label in _grandchildren(node, "labels", "label")]
    topic = _Topic(_one_line(_child_text(node, "title")), plain, _task_done(markers), [x for x in labels if x])
    children = _child(node, "children")
    for group in _children(children, "topics") if children is not None else []:
        topic.children += [_xml_topic(child) for child in _children(group, "topic")]
    return topic


_MM = "FreeMind or Freeplane mind map"
_DONE_ICONS = {"button_ok", "checked"}  # FreeMind's tick, Freeplane's ticked box


def load_mm(data: bytes) -> LoadedFile:
    """A FreeMind / Freeplane mind map: the central node as the heading and title, its
    nodes as nested bullets (a node with the "button_ok" tick icon a ticked task, Freeplane's
    unticked box an open one), each node's notes and attributes under it; the central node's
    CREATED and MODIFIED times (milliseconds since 1970) as the document's dates."""
    ld = _loaders()
    root = _parse_xml(data, _MM)
    top = _child(root, "node") if _local(root.tag) == "map" else None
    if top is None:
        raise ld.LoadError(f"is not a {_MM} (no <map> with a <node> in it)")
    try:
        tree = _mm_topic(top)
    except RecursionError:
        raise ld.LoadError("is a mind map nested too deeply to read") from None
    meta = _dated(FrontMatter(title=tree.title or None), _count_or_none(top.get("CREATED")),
                  _count_or_none(top.get("MODIFIED")))
    return ld.LoadedFile("\n".join(_outline(tree, "#")), meta)


def _mm_topic(node) -> _Topic:
    text = node.get("TEXT") or ""
    if text.lstrip().lower().startswith("<html"):  # old FreeMind kept rich text in the attribute
        text = _html_text(text)
    rich = {(part.get("TYPE") or "").upper(): part for part in _children(node, "richcontent")}
    if not text.strip() and "NODE" in rich:
        text = _rich_text(rich["NODE"])
    notes = [_rich_text(rich[kind]) for kind in ("DETAILS", "NOTE") if kind in rich]
    notes += ["".join(hook.itertext()) for hook in _children(node, "hook")
              if (hook.get("NAME") or "").endswith("NodeNote.properties")]  # FreeMind 0.8's notes
    icons = {icon.get("BUILTIN") for icon in _children(node, "icon")}
    done = True if icons & _DONE_ICONS else False if "unchecked" in icons else None
    details = [f"{_one_line(a.get('NAME') or '')}: {_one_line(a.get('VALUE') or '')}"
               for a in _children(node, "attribute") if (a.get("NAME") or "").strip() and (a.get("VALUE") or "").strip()]
    topic = _Topic(_one_line(text), "\n".join(n for n in notes if n.strip()), done, details=details)
    topic.children = [_mm_topic(child) for child in _children(node, "node")]
    return topic


def _rich_text(part) -> str:
    from lxml import etree

    html = next((child for child in part if _local(child.tag) == "html"), None)
    if html is None:
        return "".join(part.itertext()).strip()
    return _html_text(etree.tostring(html, encoding="unicode"))


def _html_text(html: str) -> str:
    text = _loaders()._load_html(_parseable(html).encode("utf-8")).text
    return "\n".join(line for line in text.splitlines() if line.strip())


# ----- LaTeX ----------------------------------------------------------------------------
_TEX_SECTIONS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
                 "subparagraph": 6}
_TEX_LISTS = {"itemize", "enumerate", "description", "todolist", "checklist", "compactitem", "compactenum",
              "asparaitem", "inparaitem", "outline"}
_TEX_VERBATIM = {"verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "comment", "alltt"}
_TEX_ENV_ARGS = {"tabular": 1, "tabular*": 2, "tabularx": 2, "longtable": 1, "array": 1, "minipage": 1,
                 "multicols": 1, "wrapfigure": 2, "minted": 1, "tabulary": 2}
# Commands whose arguments are layout, references or set-up, never the note's words.
_TEX_DROP = {"label", "ref", "eqref", "pageref", "autoref", "cref", "Cref", "cite", "citep", "citet", "nocite",
             "vspace", "hspace", "includegraphics", "usepackage", "RequirePackage", "documentclass", "setlength",
             "addtolength", "setcounter", "addtocounter", "pagestyle", "thispagestyle", "bibliographystyle",
             "bibliography", "addbibresource", "input", "include", "newcommand", "renewcommand", "providecommand",
             "DeclareMathOperator", "newenvironment", "renewenvironment", "newtheorem", "geometry", "hypersetup",
             "thanks", "index", "color", "definecolor", "graphicspath", "captionsetup", "lstset", "setmainfont",
             "setsansfont", "setmonofont", "fontsize", "selectfont", "pagenumbering", "newlength", "vskip", "hskip",
             "rule", "setlist", "titleformat", "fancyhead", "fancyfoot", "lhead", "chead", "rhead", "lfoot", "cfoot",
             "rfoot", "numberwithin", "renewrobustcmd", "DeclareUnicodeCharacter", "counterwithin", "urlstyle",
             "newif", "def", "let", "phantom", "hphantom", "vphantom", "linespread", "enlargethispage",
             "bibitem", "tag", "nonumber", "notag", "footnotemark", "marginpar", "todo"}
_TEX_SYMBOLS = {"ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e",
                "today": "", "textendash": "–", "textemdash": "—", "textquoteleft": "'", "textquoteright": "'",
                "textquotedblleft": '"', "textquotedblright": '"', "textbullet": "•", "bullet": "•", "euro": "€",
                "EUR": "€", "texteuro": "€", "pounds": "£", "textsterling": "£", "textdollar": "$", "textdegree": "°",
                "degree": "°", "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "checkmark": "✓",
                "times": "×", "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "slash": "/",
                "textbackslash": "\\", "textasciitilde": "~", "textless": "<", "textgreater": ">", "textbar": "|",
                "textunderscore": "_", "and": ", ", "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ",
                "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "i", "j": "j", "to": "→",
                "rightarrow": "→", "Rightarrow": "⇒", "leftarrow": "←", "Leftarrow": "⇐", "le": "≤", "leq": "≤",
                "ge": "≥", "geq": "≥", "pm": "±", "approx": "≈", "neq": "≠", "cdot": "·", "square": "☐", "Box": "☐",
                "boxtimes": "☒", "XBox": "☒", "CheckedBox": "☑", "done": "☑", "wontfix": "☒", "percent": "%",
                "par": "\n\n", "newline": "\x00", "linebreak": "\x00", "item": "", "textasciicircum": "^",
                "guillemotleft": "«", "guillemotright": "»", "textregistered": "®", "texttrademark": "™"}
_TEX_LETTERS = {"ss", "o", "O", "ae", "AE", "oe", "OE", "aa", "AA", "l", "L", "i", "j"}
_TEX_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
                ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328", "r": "\u030a"}
_TEX_ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", ",": " ", ";": " ", ":": " ",
                " ": " ", ">": " ", "!": "", "/": "", "-": "", "@": "", "[": "", "]": "", "(": "", ")": "",
                "|": "|", "\n": " ", "\t": " "}
_TICKED_LABEL = re.compile(r"[☑☒✓✔]|\\(?:checkmark|boxtimes|XBox|CheckedBox|done|wontfix|ballotboxwithcheck)\b")
_OPEN_LABEL = re.compile(r"[☐□]|\\(?:square|Box|ballotbox)\b")
_TEX_COMMAND = re.compile(r"\\([A-Za-z@]+\*?|.)", re.DOTALL)


_TEX_TOKEN = re.compile(r"\\.|[{}\[\]]", re.DOTALL)
_TEX_SPECIAL = re.compile(r"[\\{}$~&`'-]")
_TEX_WORD = re.compile(r"\\[A-Za-z]+|\S")
_TEX_INLINE_DEPTH = 4  # a heading inside a footnote inside a title…: deeper than that, commands are just dropped


def _tex_pairs(src: str) -> tuple[dict[int, int], dict[int, int]]:
    """Where each ``{`` and each ``[`` closes, found in one pass (an escaped brace is text;
    an option's brackets do not reach out of the braces around them; one never closed is
    not in the map)."""
    braces: dict[int, int] = {}
    brackets: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for token in _TEX_TOKEN.finditer(src):
        mark, at = token[0], token.start()
        if mark in "{[":
            stack.append((mark, at))
        elif mark == "}":
            while stack and stack[-1][0] == "[":
                stack.pop()
            if stack:
                braces[stack.pop()[1]] = at
        elif mark == "]" and stack and stack[-1][0] == "[":
            brackets[stack.pop()[1]] = at
    return braces, brackets


class _TexReader:
    """LaTeX source read as a person reads the typeset page: commands gone, their words
    kept; sections as headings; list items as bullets (a box label as a checkbox); quotes,
    dashes and ties as plain characters. A forced line break is "\\x00" until the lines are
    put together. Arguments are index ranges of the source, their braces matched once."""

    def __init__(self) -> None:
        self.title = self.author = self.date = ""
        # open lists: (environment, the box its items get by default, where its output starts)
        self.lists: list[tuple[str, str, int]] = []
        self.verbatim: list[str] = []  # verbatim blocks, kept out of the line joining
        self.src = ""
        self.braces: dict[int, int] = {}
        self.brackets: dict[int, int] = {}
        self.depth = 0

    def read(self, src: str) -> str:
        self.src = src
        self.braces, self.brackets = _tex_pairs(src)
        return self._read(0, len(src))

    def _read(self, i: int, end: int) -> str:
        src, out = self.src, []
        while i < end:
            special = _TEX_SPECIAL.search(src, i, end)
            stop = special.start() if special else end
            if stop > i:
                out.append(src[i:stop])
                i = stop
            if i >= end:
                break
            ch = src[i]
            if ch == "\\":
                i = self._command(i, end, out)
            elif ch == "}":
                out.append(" " if src.startswith("{", i + 1, end) else "")  # \href{a}{b}: arguments apart
                i += 1
            elif ch in "{$":
                i += 1
            elif ch in "~&":
                out.append(" " if ch == "~" else " | ")  # a tie; a table's cells
                i += 1
            elif src.startswith("---", i, end):
                out.append("—")
                i += 3
            elif src.startswith("--", i, end):
                out.append("–")
                i += 2
            elif src.startswith("``", i, end) or src.startswith("''", i, end):
                out.append('"')
                i += 2
            else:
                out.append("'" if ch == "`" else ch)
                i += 1
        return "".join(out)

    def inline(self, start: int, stop: int) -> str:
        """An argument's words on one line (a title, a heading, a footnote)."""
        if self.depth >= _TEX_INLINE_DEPTH:
            text = re.sub(r"\\[A-Za-z@]+\*?|[{}$]", " ", self.src[start:stop])
        else:
            self.depth += 1
            lists = self.lists
            self.lists = []
            try:
                text = self._read(start, stop)
            finally:
                self.depth, self.lists = self.depth - 1, lists
        return re.sub(r"\s+,", ",", " ".join(text.replace("\x00", " ").split()))  # "A \and B"

    # ----- arguments: (start, stop, the index after) ranges
    def _space(self, i: int, end: int, newlines: bool = True) -> int:
        blanks = " \t\n" if newlines else " \t"
        while i < end and self.src[i] in blanks:
            i += 1
        return i

    def _argument(self, i: int, end: int) -> tuple[int, int, int]:
        """The ``{...}`` argument after ``i`` (a single token when it has no braces, as in
        ``\\section x``); an opening brace never closed is an empty argument."""
        j = self._space(i, end)
        if j < end and self.src[j] == "{":
            close = self.braces.get(j)
            return (j + 1, close, close + 1) if close is not None and close < end else (j + 1, j + 1, j + 1)
        token = _TEX_WORD.match(self.src, j, end)
        return (token.start(), token.end(), token.end()) if token else (j, j, j)

    def _option(self, i: int, end: int) -> tuple[int, int, int] | None:
        close = self.brackets.get(i) if i < end and self.src[i] == "[" else None
        return (i + 1, close, close + 1) if close is not None and close < end else None

    def _skip_options(self, i: int, end: int) -> int:
        option = self._option(i, end)
        while option is not None:
            i = option[2]
            option = self._option(i, end)
        return i

    def _skip_arguments(self, i: int, end: int) -> int:
        """Past a dropped command's star, options and braced arguments."""
        i = i + 1 if self.src.startswith("*", i, end) else i
        while True:
            j = self._space(i, end, newlines=False)
            option = self._option(j, end)
            close = self.braces.get(j) if j < end and self.src[j] == "{" else None
            if option is not None:
                i = option[2]
            elif close is not None and close < end:
                i = close + 1
            else:
                return i

    # ----- commands
    def _command(self, i: int, end: int, out: list[str]) -> int:
        src = self.src
        match = _TEX_COMMAND.match(src, i, end)
        if match is None:  # a backslash at the very end
            return i + 1
        name, i = match[1], match.end()
        bare = name.rstrip("*")
        if name == "\\":
            out.append("\x00")
            return self._skip_options(i + 1 if src.startswith("*", i, end) else i, end)
        if name in _TEX_ACCENTS and (len(name) == 1 and not name.isalpha() or src.startswith("{", i, end)):
            return self._accent(i, end, _TEX_ACCENTS[name], out)
        if len(name) == 1 and not name.isalpha():
            out.append(_TEX_ESCAPED.get(name, ""))
            return i
        if bare in _TEX_SECTIONS:
            start, stop, i = self._argument(self._skip_options(i, end), end)
            out.append(f"\n\n{'#' * _TEX_SECTIONS[bare]} {self.inline(start, stop)}\n\n")
            return i
        if bare in ("title", "author", "date"):
            start, stop, i = self._argument(self._skip_options(i, end), end)
            setattr(self, bare, self.inline(start, stop))
            return i
        if bare == "item":
            return self._item(i, end, out)
        if bare in ("begin", "end"):
            return self._environment(bare, i, end, out)
        if bare in _TEX_DROP:
            return self._skip_arguments(i, end)
        if bare == "href":  # \href{url}{words}: the words
            return self._argument(i, end)[2]
        if bare == "footnote":
            start, stop, i = self._argument(self._skip_options(i, end), end)
            out.append(f" ({self.inline(start, stop)})")
            return i
        if bare == "verb" and i < end:
            close = src.find(src[i], i + 1, end)
            close = end if close < 0 else close
            out.append(src[i + 1:close])
            return close + 1
        if bare == "maketitle":
            return i
        if bare in _TEX_SYMBOLS:
            out.append(_TEX_SYMBOLS[bare])
            if src.startswith("{}", i, end):
                return i + 2
            # a letter spelt as a command is part of its word: "Stra\ss e" is "Straße"
            return self._space(i, end, newlines=False) if bare in _TEX_LETTERS else i
        # Any other command (\textbf, \emph, \textit, \texttt, \underline, \url, a user's own
        # macro): its options go, the words of its arguments stay.
        return self._skip_options(i, end)

    def _accent(self, i: int, end: int, mark: str, out: list[str]) -> int:
        if self.src.startswith("{", i, end):
            start, stop, i = self._argument(i, end)
            letter = self.src[start:stop].strip().lstrip("\\")
        else:
            i = self._space(i, end, newlines=False)
            letter, i = self.src[i:min(i + 1, end)], i + 1
        out.append(unicodedata.normalize("NFC", letter[:1] + mark) + letter[1:] if letter else "")
        return min(i, end)

    def _item(self, i: int, end: int, out: list[str]) -> int:
        environment, default_box, start = self.lists[-1] if self.lists else ("itemize", "", 0)
        _trim(out, start)
        indent = "  " * max(len(self.lists) - 1, 0)
        box = default_box
        option = self._option(self._space(i, end), end)
        if option is not None:
            label, i = self.src[option[0]:option[1]], option[2]
            if label.strip().strip("$").strip() in ("x", "X") or _TICKED_LABEL.search(label):
                box = "[x] "
            elif _OPEN_LABEL.search(label):
                box = "[ ] "
            elif environment == "description":
                term = self.inline(option[0], option[1]).rstrip(":")
                out.append(f"\n{indent}- {term}: " if term else f"\n{indent}- ")
                return i
        out.append(f"\n{indent}- {box}")
        return i

    def _environment(self, which: str, i: int, end: int, out: list[str]) -> int:
        start, stop, i = self._argument(i, end)
        name = self.src[start:stop].strip()
        if which == "end":
            if self.lists and self.lists[-1][0] == name:
                _trim(out, self.lists.pop()[2])
                out.append("\n" if self.lists else "\n\n")
            else:
                out.append("\n")
            return i
        if name in _TEX_VERBATIM:
            closing = re.compile(r"\\end\s*\{" + re.escape(name) + r"\}").search(self.src, i, end)
            stop, after = (closing.start(), closing.end()) if closing else (end, end)
            body = self.src[self._skip_arguments(i, stop) if name in ("lstlisting", "minted") else i:stop]
            if name != "comment" and body.strip():
                self.verbatim.append(body.strip("\n"))
                out.append(f"\n\n\x01{len(self.verbatim) - 1}\x01\n\n")
            return after
        options = ""
        option = self._option(self._space(i, end), end)
        if option is not None:
            options, i = self.src[option[0]:option[1]], option[2]
        for _ in range(_TEX_ENV_ARGS.get(name, 0)):
            i = self._argument(i, end)[2]
        if name in _TEX_LISTS:
            box = "[ ] " if name in ("todolist", "checklist") or _OPEN_LABEL.search(options) else ""
            if self.lists:
                _trim(out, self.lists[-1][2])  # a list inside an item: its items right under that one
            self.lists.append((name, box, len(out)))
        out.append("\n")
        return i


def _trim(out: list[str], start: int) -> None:
    """The spaces and line ends the source has before a list item (back to where the list
    started), gone: items are one a line, with no blank line between them."""
    while len(out) > start and not out[-1].strip():
        out.pop()
    if len(out) > start:
        out[-1] = out[-1].rstrip(" \t\n")


_TEX_VERBATIM_EDGE = re.compile(r"\\(begin|end)\s*\{(" + "|".join(re.escape(n) for n in _TEX_VERBATIM if n != "comment")
                                + r")\}")


def _without_tex_comments(src: str) -> str:
    """Source without its comments: from an unescaped % to the end of its line, a line that
    is only a comment gone with its line end (a verbatim block's % signs are its text)."""
    kept = []
    verbatim = False
    for line in src.split("\n"):
        edges = [edge[1] for edge in _TEX_VERBATIM_EDGE.finditer(line)]
        if verbatim or edges[:1] == ["begin"]:
            verbatim = edges[-1:] != ["end"]  # still inside when the line does not end the block
            kept.append(line)
            continue
        comment = re.search(r"(?<!\\)(?:\\\\)*%", line)
        if comment:
            line = line[:comment.end() - 1]
            if not line.strip():
                continue
        kept.append(line)
    return "\n".join(kept)


def load_tex(data: bytes) -> LoadedFile:
    """A LaTeX note: \\title as the heading and title, \\author and \\date as "Author:" and
    "Date:" lines, sections as headings, itemize / enumerate items as bullets (a \\square or
    \\checkmark label as a checkbox), the preamble and comments left out and the commands'
    words kept; a paragraph's source lines joined."""
    ld = _loaders()
    src = _without_tex_comments(ld.decode_text(data).replace("\r\n", "\n"))
    begin = re.search(r"\\begin\s*\{document\}", src)
    reader = _TexReader()
    try:
        if begin:
            reader.read(src[:begin.start()])  # the preamble: only its \title, \author and \date
            reader.lists.clear()
            end = re.search(r"\\end\s*\{document\}", src[begin.end():])
            body = src[begin.end():begin.end() + end.start()] if end else src[begin.end():]
        else:
            body = src
        text = reader.read(body)
    except RecursionError:
        raise ld.LoadError("is a LaTeX file nested too deeply to read") from None
    head = [f"# {reader.title}"] if reader.title else []
    head += [f"Author: {reader.author}"] if reader.author else []
    head += [f"Date: {reader.date}"] if reader.date else []
    lines = head + ([""] if head else []) + _joined_paragraphs(text, reader.verbatim)
    return ld.LoadedFile("\n".join(lines).strip(), FrontMatter(title=reader.title or None))


_STRUCTURAL = re.compile(r"^\s*(?:#{1,6} |- )")


def _joined_paragraphs(text: str, kept: list[str]) -> list[str]:
    """Typeset text's lines: a paragraph's source lines joined into one, a heading and each
    list item a line of its own, a forced break ("\\x00") a new line, and a verbatim block
    ("\\x01n\\x01", the n-th of ``kept``) fenced as it was typed."""
    lines: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        merged: list[str] = []
        for line in paragraph.split("\n"):
            if not line.strip():
                continue
            if _STRUCTURAL.match(line) or not merged or merged[-1].lstrip().startswith("#") \
                    or merged[-1].rstrip().endswith("\x00"):
                merged.append(line.rstrip() if _STRUCTURAL.match(line) else line.strip())
            else:
                merged[-1] = merged[-1].rstrip() + " " + line.strip()
        for entry in merged:
            for part in entry.split("\x00"):
                indent = part[:len(part) - len(part.lstrip())] if _STRUCTURAL.match(part) else ""
                tidy = " ".join(part.split())
                verbatim = re.fullmatch(r"\x01(\d+)\x01", tidy)
                if verbatim:
                    lines += ["```", *kept[int(verbatim[1])].splitlines(), "```"]
                elif tidy and tidy not in ("-", "- [ ]", "- [x]"):
                    lines.append(indent + tidy)
        if merged:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines


# ----- AsciiDoc -------------------------------------------------------------------------
_ADOC_BUILTINS = {"nbsp": " ", "sp": " ", "empty": "", "amp": "&", "lt": "<", "gt": ">", "startsb": "[", "endsb": "]",
                  "vbar": "|", "quot": '"', "apos": "'", "zwsp": "", "plus": "+", "caret": "^", "tilde": "~",
                  "backslash": "\\", "backtick": "`", "two-colons": "::", "deg": "°", "ldquo": "“", "rdquo": "”",
                  "lsquo": "‘", "rsquo": "’", "wj": "", "brvbar": "¦", "pp": "++", "cpp": "C++"}
_ADMONITIONS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")
_ADOC_LITERAL = re.compile(r"-{4,}|\.{4,}|\+{4,}|`{3}.*")
_ADOC_OPEN = re.compile(r"={4,}|\*{4,}|_{4,}|--")
_ADOC_LIST = re.compile(r"^(?P<marker>\*{1,5}|-|\.{1,5}|\d{1,3}\.)\s+(?P<text>\S.*)$")
_ADOC_CHECK = re.compile(r"^\[(?P<box>[ xX*])\]\s+")
_ADOC_TERM = re.compile(r"^(?P<term>[^:\s][^:]*?)(?::{2,4}|;;)(?:\s+(?P<text>.*))?$")
_ADOC_REVISION = re.compile(r"^(?:v?\d[\w.-]*,\s*)?(?P<date>[^:]*?(?:\d{4}|\d{1,2}[/.-]\d{1,2})[^:]*?)\s*(?::\s*.*)?$")
_ADOC_AUTHOR = re.compile(r"[^\W\d][\w.'’ -]{0,60}?(?:\s*<[^<>\s]+>)?(?:\s*;\s*[^\W\d][\w.'’ -]{0,60}?(?:\s*<[^<>\s]+>)?)*")


def load_adoc(data: bytes) -> LoadedFile:
    """An AsciiDoc note: "= Title" and "== Section" as Markdown headings, the header's
    author and revision line and the :author: / :date: / :revdate: attributes as "Author:"
    and "Date:" lines, "*" and "." lists as bullets and numbered items, "* [x]" checklists as
    checkboxes, "Term:: text" as a property line, admonitions kept as "NOTE: …" text, tables
    as Markdown tables, block delimiters and comments dropped (a listing kept, fenced)."""
    ld = _loaders()
    source = ld.decode_text(data).replace("\r\n", "\n")
    reader = _AdocReader()
    for line in source.split("\n"):
        reader.line(line.rstrip())
    reader.close()
    lines = _tidy(reader.out)
    return ld.LoadedFile("\n".join(lines).strip(), FrontMatter(title=reader.title))


class _AdocReader:
    """AsciiDoc read a line at a time, the blocks it is in (listing, comment, table) kept
    as state; ``out`` collects the Markdown-like lines."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.attributes: dict[str, str] = {}
        self.title: str | None = None
        self.header = 0  # lines of the document header (author, revision) still possible
        self.block: str | None = None  # the delimiter of an open literal, comment or table block
        self.table: list[str] = []
        self.admonition = ""  # "[NOTE]" waiting for its block's first line
        self.numbers: dict[int, int] = {}

    def line(self, line: str) -> None:
        stripped = line.strip()
        if self.block is not None:
            self._in_block(line, stripped)
            return
        if not stripped:
            self.header, self.numbers = 0, {}
            self.out.append("")
            return
        if re.fullmatch(r"/{4,}", stripped):
            self.block = stripped
            return
        if stripped.startswith("//") or re.match(r"^(?:ifn?def|endif|ifeval)::", stripped):
            return
        if stripped == "|===" or re.fullmatch(r"[|,:!]===", stripped):
            self.block, self.table = stripped, []
            return
        if _ADOC_LITERAL.fullmatch(stripped):
            self.block = stripped if not stripped.startswith("```") else "```"
            self.out.append("```")
            return
        if _ADOC_OPEN.fullmatch(stripped) or stripped in ("+", "<<<", "'''", "---", "***"):
            return
        attribute = re.match(r"^:!?(?P<name>[\w][\w-]*)!?:\s*(?P<value>.*)$", stripped)
        if attribute:
            self._attribute(attribute["name"].lower(), self._inline(attribute["value"]))
            return
        heading = re.match(r"^(?P<marks>={1,6}|#{1,6})\s+(?P<text>\S.*)$", line)
        if heading:
            level, text = len(heading["marks"]), self._inline(heading["text"].rstrip(" =#"))
            if level == 1 and self.title is None:
                self.title, self.header = text, 2
            self.out.append(f"{'#' * level} {text}")
            return
        if self.header and self._header_line(stripped):
            return
        self.header = 0
        if re.fullmatch(r"\[\[?[^\]]*\]\]?", stripped):  # a block's style, role or anchor
            style = stripped.strip("[]").split(",")[0].strip()
            self.admonition = style if style in _ADMONITIONS else ""
            return
        if re.match(r"^\w+::\S*\[.*\]$", stripped):  # image::, include::, video::, toc::[]
            return
        if re.match(r"^\.[^\s.]", stripped):  # a block title
            self.out.append(self._inline(stripped[1:]))
            return
        self.out.append(self._text_line(stripped))

    def _text_line(self, stripped: str) -> str:
        listed = _ADOC_LIST.match(stripped)
        if listed:
            marker, text = listed["marker"], listed["text"]
            depth = 0 if marker == "-" or marker[0].isdigit() else len(marker) - 1
            check = _ADOC_CHECK.match(text)
            if check and not marker.startswith("."):
                box = "[ ] " if check["box"] == " " else "[x] "
                return f"{'  ' * depth}- {box}{self._inline(text[check.end():])}"
            if marker[0].isdigit():
                return f"{marker} {self._inline(text)}"
            if marker.startswith("."):
                self.numbers = {d: n for d, n in self.numbers.items() if d <= depth}
                self.numbers[depth] = self.numbers.get(depth, 0) + 1
                return f"{'  ' * depth}{self.numbers[depth]}. {self._inline(text)}"
            return f"{'  ' * depth}- {self._inline(text)}"
        term = _ADOC_TERM.match(stripped)
        if term and "://" not in term["term"]:
            value = self._inline(term["text"] or "")
            return f"{self._inline(term['term'])}: {value}".rstrip()
        text = self._inline(re.sub(r"\s\+$", "", stripped))
        if self.admonition:
            text, self.admonition = f"{self.admonition}: {text}", ""
        return text

    def _attribute(self, name: str, value: str) -> None:
        self.attributes[name] = value
        line = f"Date: {value}" if name in ("date", "revdate") else f"Author: {value}" if name == "author" else ""
        if value and line and line not in self.out:  # the revision line's date again in :revdate:
            self.out.append(line)

    def _header_line(self, stripped: str) -> bool:
        """The lines right under "= Title": the author line, then the revision line
        ("v1.2, 2025-03-14: remark"). False for a line that is neither."""
        if len(stripped) > 200:
            return False
        revision = _ADOC_REVISION.match(stripped)
        if revision:
            line = f"Date: {revision['date'].strip()}"
            self.out += [] if line in self.out else [line]
            self.header = 0
            return True
        if self.header == 2 and len(stripped.split()) <= 12 and _ADOC_AUTHOR.fullmatch(stripped):
            names = [re.sub(r"<[^>]*>", "", name).strip() for name in stripped.split(";")]
            self.out.append("Author: " + ", ".join(name for name in names if name))
            self.header = 1
            return True
        return False

    def _in_block(self, line: str, stripped: str) -> None:
        block = self.block or ""
        if stripped != block:
            if block.startswith("/"):
                return  # a comment block
            if block.endswith("==="):
                self.table.append(stripped)
            else:
                self.out.append(line)
            return
        if block.endswith("==="):
            table = _adoc_table(self.table, block[0])
            if table:
                self.out += ["", table, ""]
        elif not block.startswith("/"):
            self.out.append("```")
        self.block = None

    def close(self) -> None:
        if self.block is not None and not self.block.startswith("/") and not self.block.endswith("==="):
            self.out.append("```")  # a listing left open at the end of the file
        elif self.block is not None and self.block.endswith("==="):
            self._in_block("", self.block)

    def _inline(self, text: str) -> str:
        def attribute(match: re.Match) -> str:
            name = match[1].lower()
            return self.attributes.get(name, _ADOC_BUILTINS.get(name, match[0]))

        text = re.sub(r"\{([\w][\w-]*)\}", attribute, text)
        text = re.sub(r"<<([^,<>]{1,200}),\s*([^<>]{1,300})>>", r"\2", text)
        text = re.sub(r"<<([^<>]{1,200})>>", r"\1", text)
        text = re.sub(r"\b(?:link|xref|mailto):(\S+?)\[([^\]]*)\]", lambda m: m[2] or m[1], text)
        text = re.sub(r"\b((?:https?|ftp|irc)://[^\s\[]+)\[([^\]]*)\]", lambda m: m[2].split(",")[0] or m[1], text)
        text = re.sub(r"\bfootnote:\w*\[([^\]]*)\]", r" (\1)", text)
        text = re.sub(r"\bimage:\S*?\[[^\]]*\]", "", text)
        text = re.sub(r"\b(?:kbd|btn|pass|menu|stem|latexmath|asciimath|icon|indexterm2?):\S*?\[([^\]]*)\]", r"\1", text)
        # (spans bounded in length: a long line of stray marks must not take quadratic time)
        text = re.sub(r'"`([^\n]{1,300}?)`"', r'"\1"', text)
        text = re.sub(r"'`([^\n]{1,300}?)`'", r"'\1'", text)
        for mark in (r"\*\*", "__", "``", "##"):
            text = re.sub(rf"{mark}([^\n]{{1,300}}?){mark}", r"\1", text)
        for mark in (r"\*", "_", "`", "#", r"\+"):
            text = re.sub(rf"(?<![\w{mark[-1]}\\]){mark}(?=\S)([^\n]{{0,300}}?\S){mark}(?![\w{mark[-1]}])", r"\1", text)
        return re.sub(r"(?<=\s)--(?=\s)", "—", text).strip()


def _adoc_table(lines: list[str], separator: str) -> str:
    """An AsciiDoc table's cells (a row on one line, or one cell a line) as a Markdown table;
    the first line with cells says how many columns there are."""
    columns = 0
    cells: list[str] = []
    for line in lines:
        if not line:
            continue
        if separator == "|":
            lead, *parts = line.split("|")
            if lead.strip() and cells:
                cells[-1] += " " + lead.strip()  # a cell's text going on over lines
        else:
            parts = line.split(separator)
        if parts:
            columns = columns or len(parts)
            cells += [" ".join(part.split()) for part in parts]
    rows = [cells[start:start + columns] for start in range(0, len(cells), max(columns, 1))]
    return _loaders()._markdown_table(rows) if rows else ""


# ----- single-file web pages ------------------------------------------------------------
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


def _source_lines_joined(html: str) -> str:
    """HTML whose source lines are wrapped (Word wraps its HTML at 80 characters, inside a
    paragraph, between a list bullet and its text) with the wraps as the spaces a browser
    shows; a <pre> block keeps its lines."""
    pieces = re.split(r"(<pre\b.*?</pre>)", _parseable(html), flags=re.IGNORECASE | re.DOTALL)
    return "".join(piece if piece[:4].lower() == "<pre" else re.sub(r"\r?\n", " ", piece) for piece in pieces)


def _parseable(html: str) -> str:
    """HTML without Word's "<![if !supportLists]>" / "<![endif]>" markers (their content
    stays): Python's HTML parser stops with an error on a marked section it does not know."""
    html = re.sub(r"<!\[(?:if\b|endif)[^\]>]*\]>", "", html, flags=re.IGNORECASE)
    return re.sub(r"<!\[(?!CDATA\[)", "&lt;![", html)


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


# ----- XML exports ----------------------------------------------------------------------
_XML_KINDS = "a Jira issue export (RSS), an OPML outline, an Evernote export, a FreeMind mind map"


def load_xml(data: bytes) -> LoadedFile:
    """An .xml file of a kind people export notes as: a Jira issue (or search) export, else
    an OPML outline, an Evernote export or a FreeMind map saved with the .xml name. Any
    other XML is refused with the kinds that are read: its elements are not a note."""
    ld = _loaders()
    root = _parse_xml(data, "XML file")
    tag = _local(root.tag)
    if tag == "rss" and _jira_items(root):
        return _load_jira(root)
    if tag == "opml":
        from ingest.exports import load_opml

        return load_opml(data)
    if tag == "en-export":
        from ingest.exports import load_enex

        return load_enex(data)
    if tag == "map":
        return load_mm(data)
    kind = "an RSS feed that is not a Jira export" if tag == "rss" else f"an XML document of another kind (<{tag}>)"
    raise ld.LoadError(f"is {kind}; the XML files read are {_XML_KINDS}")


def _jira_items(root) -> list:
    channel = _child(root, "channel")
    items = _children(channel, "item") if channel is not None else []
    return [item for item in items if _child(item, "key") is not None or _child(item, "project") is not None]


_JIRA_FIELDS = (("type", "Type"), ("status", "Status"), ("resolution", "Resolution"), ("priority", "Priority"),
                ("assignee", "Assignee"), ("reporter", "Reporter"), ("project", "Project"))
_JIRA_SKIPPED_FIELDS = {"rank", "development", "team", "flagged", "[chart] date of first response", "sprint report"}


def _load_jira(root) -> LoadedFile:
    """Each issue: its title as a heading, a "Created:" line and its fields as property
    lines, its description as text, then its comments, each under its author and time."""
    ld = _loaders()
    items = _jira_items(root)
    top = "#" if len(items) == 1 else "##"
    sections, first_title, first_created = [], None, None
    for item in items:
        title = _one_line(_child_text(item, "title") or _child_text(item, "summary") or _child_text(item, "key"))
        first_title = first_title or title or None
        people = {}
        for person in item.iter():
            if _local(person.tag) in ("assignee", "reporter", "creator") and (person.text or "").strip():
                for key in ("username", "accountid"):
                    if person.get(key):
                        people[person.get(key)] = person.text.strip()
        created = _jira_time(_child_text(item, "created"))
        first_created = first_created or created
        lines = [f"{top} {title}"] if title else []
        lines += [f"Created: {created:%Y-%m-%d %H:%M}"] if created else []
        for name, label in _JIRA_FIELDS:
            value = _one_line(_child_text(item, name))
            if value and value.lower() not in ("unassigned", "unresolved"):
                lines.append(f"{label}: {value}")
        due = _jira_time(_child_text(item, "due"))
        lines += [f"Due: {due:%Y-%m-%d}"] if due else []
        labels = [_one_line(label.text or "") for label in _grandchildren(item, "labels", "label")]
        lines += [f"Labels: {', '.join(x for x in labels if x)}"] if any(labels) else []
        long_fields = []
        for custom in _grandchildren(item, "customfields", "customfield"):
            name = _one_line(_child_text(custom, "customfieldname"))
            values = [_jira_html(v.text or "") for v in _descendants(custom, "customfieldvalue")]
            value = "\n".join(v for v in values if v)
            if not name or not value or name.lower() in _JIRA_SKIPPED_FIELDS:
                continue
            if "\n" in value or len(value) > 160:
                long_fields.append(f"{name}:\n{value}")
            else:
                lines.append(f"{name}: {value}")
        description = _jira_html(_child_text(item, "description"))
        if description:
            lines += ["", description]
        for block in long_fields:
            lines += ["", block]
        comments = _grandchildren(item, "comments", "comment")
        if comments:
            lines += ["", f"{top}# Comments"]
            for comment in comments:
                author = comment.get("author") or ""
                author = people.get(author, author)
                when = _jira_time(comment.get("created") or "")
                head = " – ".join(part for part in (author, f"{when:%Y-%m-%d %H:%M}" if when else "") if part)
                lines += ["", f"{top}## {head or 'Comment'}", "", _jira_html(comment.text or "")]
        sections.append("\n".join(lines).strip())
    meta = _dated(FrontMatter(title=first_title), first_created.date() if first_created else None)
    return ld.LoadedFile("\n\n".join(sections), meta)


def _jira_time(value: str) -> dt.datetime | None:
    """Jira's "Fri, 14 Mar 2025 09:12:00 +0000": a time in UTC as the user's own clock
    shows it, a time with another offset as written there."""
    from email.utils import parsedate_to_datetime

    if not value.strip():
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (ValueError, TypeError, IndexError):
        return None
    if moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0):
        return moment.astimezone()
    return moment


def _jira_html(value: str) -> str:
    """A Jira field's HTML (the description, a comment) as text."""
    if not value.strip():
        return ""
    if "<" not in value and "&" not in value:
        return value.strip()
    return _compact(_loaders()._load_html(_source_lines_joined(value).encode("utf-8")).text)


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


LOADERS = {".pptx": load_pptx, ".ods": load_ods, ".xmind": load_xmind, ".mm": load_mm, ".tex": load_tex,
           ".adoc": load_adoc, ".asciidoc": load_adoc, ".mht": load_mht, ".mhtml": load_mht, ".xml": load_xml}
