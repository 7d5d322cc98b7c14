"""Office files: a PowerPoint slide deck (.pptx) and a LibreOffice Calc spreadsheet (.ods),
both zip packages of XML parts."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import TYPE_CHECKING

from ingest.documents._common import (
    _attr,
    _boxed,
    _child,
    _children,
    _dated,
    _descendants,
    _loaders,
    _local,
    _Package,
    _tidy,
)
from ingest.frontmatter import FrontMatter
from ingest.limits import MAX_TABLE_ROWS

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


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


def _core_properties(package: _Package, meta: FrontMatter) -> FrontMatter:
    """docProps/core.xml's title, created and modified (Office's core properties)."""
    if not package.has("docProps/core.xml"):
        return meta
    core = package.xml("docProps/core.xml")
    values = {_local(node.tag): (node.text or "").strip() for node in core}
    meta.title = meta.title or values.get("title") or None
    return _dated(meta, values.get("created"), values.get("modified"))


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
