"""Reading and writing simple tables: CSV and XLSX.

Only the file format lives here; what the columns mean is the importer's business. Every
problem with the file itself (empty, broken, binary, several sheets) is a ``TableError``
naming the file, raised before anything is saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.limits import MAX_TABLE_ROWS, LimitError, check_upload, check_zip_expansion, read_bounded
from ingest.loaders import LoadError, decode_text
from store.errors import UserError

CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
Cell = object  # str | int | float | dt.date | dt.datetime | None


class TableError(UserError):
    def __init__(self, message: str, sheets: list[str] | None = None):
        super().__init__(message)
        # The workbook's sheets when the problem is choosing one, so the UI can offer them.
        self.sheets = sheets or []


@dataclass
class Table:
    name: str  # the file name, for messages
    headers: list[str]
    rows: list[tuple[int, list[Cell]]]  # (line or row number in the file, cells)
    unit: str  # "line" (CSV) or "row" (XLSX): how a user finds the row in their editor
    sheet: str | None = None


def read_table(path: Path, sheet: str | None = None) -> Table:
    path = Path(path)
    _check_suffix(path.name, sheet)
    try:
        data = read_bounded(path)
    except FileNotFoundError:
        raise TableError(f"{path} does not exist") from None
    except LimitError as exc:
        raise TableError(f"{path.name} {exc}") from None
    except OSError as exc:
        raise TableError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_table(path.name, data, sheet)


def parse_table(name: str, data: bytes, sheet: str | None = None) -> Table:
    """A table from file content (an upload in the app); ``name`` gives the format."""
    suffix = _check_suffix(name, sheet)
    try:
        check_upload(data)
    except LimitError as exc:
        raise TableError(f"{name} {exc}") from None
    if not data.strip():
        raise TableError(f"{name} is empty")
    return _read_csv(name, data) if suffix in CSV_SUFFIXES else _read_xlsx(name, data, sheet)


def _check_suffix(name: str, sheet: str | None) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise TableError(f"{name} is an old .xls workbook; save it as .xlsx or CSV")
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise TableError(f"{name}: unsupported file type {suffix or '(none)'}; use .csv or .xlsx")
    if sheet is not None and suffix in CSV_SUFFIXES:
        raise TableError("--sheet applies to XLSX workbooks only")
    return suffix


# ----- CSV -----------------------------------------------------------------------------
def _decode(name: str, data: bytes) -> str:
    # UTF-8, Excel's "Unicode text" (UTF-16), or the ANSI code page Excel on Windows saves
    # CSV in unless told otherwise (Windows-1252).
    try:
        return decode_text(data)
    except LoadError as exc:
        if "binary" in str(exc):
            raise TableError(f"{name} is not a CSV file (it has binary content)") from None
        raise TableError(f"{name} {exc}") from None


def _read_csv(name: str, data: bytes) -> Table:
    text = _decode(name, data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    # Spreadsheet apps in many locales separate with ";"; pick whichever the header uses most.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # strict: an unclosed quote is an error, not one cell swallowing the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[Cell]]] = []
    start = 1
    try:
        for cells in reader:
            if len(records) > MAX_TABLE_ROWS:
                raise TableError(f"{name} has more than {MAX_TABLE_ROWS:,} rows; a tracking table is a list of "
                                 "people: split it or remove the rows that are not people")
            if any(cell.strip() for cell in cells):
                records.append((start, [unescape_formula(cell) for cell in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(f"{name}, line {reader.line_num}: not valid CSV ({exc})") from None
    if not records:
        raise TableError(f"{name} is empty")
    (_, headers), rows = records[0], records[1:]
    return Table(name, [str(h) for h in headers], rows, "line")


# ----- XLSX ----------------------------------------------------------------------------
def _read_xlsx(name: str, data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_expansion(archive.infolist())
    except LimitError as exc:
        raise TableError(f"{name} {exc}") from None
    except zipfile.BadZipFile:
        pass  # load_workbook says it in its own words below
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(f"{name} is not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        sheets = {ws.title: _sheet_rows(ws) for ws in workbook.worksheets}
    except TableError as exc:
        raise TableError(f"{name}: {exc}") from None
    except Exception as exc:  # a damaged part inside an otherwise valid zip
        raise TableError(f"{name} is not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    finally:
        workbook.close()
    if sheet is not None:
        chosen = next((title for title in sheets if title.lower() == sheet.strip().lower()), None)
        if chosen is None:
            raise TableError(f"{name} has no sheet {sheet!r}; its sheets are: {', '.join(sheets)}", list(sheets))
    else:
        filled = [title for title, rows in sheets.items() if rows]
        if len(filled) > 1:
            raise TableError(
                f"{name} has several sheets with data ({', '.join(filled)}); choose one with --sheet NAME", filled
            )
        chosen = filled[0] if filled else None
    rows = sheets.get(chosen, []) if chosen else []
    if not rows:
        raise TableError(f"{name} is empty" + (f" (sheet {chosen!r})" if sheet else ""))
    (_, headers), body = rows[0], rows[1:]
    return Table(name, ["" if h is None else str(h) for h in headers], body, "row", chosen)


def _sheet_rows(ws) -> list[tuple[int, list[Cell]]]:
    rows = []
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        if len(rows) > MAX_TABLE_ROWS:
            raise TableError(f"sheet {ws.title!r} has more than {MAX_TABLE_ROWS:,} rows; a tracking table is a list "
                             "of people: split it or remove the rows that are not people")
        cells = [_cell(v) for v in values]
        if any(c not in (None, "") for c in cells):
            rows.append((number, cells))
    return rows


def _cell(value: Cell) -> Cell:
    # A phone number typed into Excel comes back as 4915112345678.0; keep it a whole number.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return unescape_formula(value.strip())
    return value


# ----- writing -------------------------------------------------------------------------
def render_table(suffix: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], sheet: str = "People") -> bytes:
    """The file content for a .csv or .xlsx table (a download in the app)."""
    suffix = suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _csv_bytes(headers, rows)
    if suffix in XLSX_SUFFIXES:
        return _xlsx_bytes(headers, rows, sheet)
    raise TableError(f"choose a .csv or .xlsx file to export to, not {suffix or '(no suffix)'}")


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Cell]], sheet: str = "People") -> None:
    """Write CSV or XLSX by the file's suffix, via a temporary file so a failed write
    never leaves half a file where a good one was."""
    path = Path(path)
    data = render_table(path.suffix, headers, rows, sheet)
    if not path.parent.is_dir():
        raise TableError(f"cannot write {path}: folder {path.parent} does not exist")
    try:
        handle, temp = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise TableError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except OSError as exc:
        raise TableError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets
# (=HYPERLINK(...), +cmd|..., @SUM(...)); a tab or carriage return first hides it (OWASP,
# "CSV injection"). Exported text cells get a leading apostrophe, which spreadsheets show as
# plain text; importing such a cell drops the apostrophe again, so a round trip keeps it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def _csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([_text(escape_formula(v)) for v in row] for row in rows)
    # utf-8-sig: the byte-order mark makes Excel open accented names correctly.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]], sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([escape_formula(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    for index, header in enumerate(headers, 1):
        width = max([len(header)] + [len(_text(r[index - 1])) for r in rows if index - 1 < len(r)])
        ws.column_dimensions[ws.cell(1, index).column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
