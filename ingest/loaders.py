"""One loader per file format. Each returns plain text (markdown headings where the format
has headings, so chunking can keep them with their text) plus metadata.

Problems a user can fix are raised as ``LoadError`` with a one-line reason; the sync step
reports them by file name and goes on with the other files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.frontmatter import FrontMatter, FrontMatterError, split_front_matter
from ingest.limits import check_zip_expansion
from ingest.note_meta import whose_words

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".docx", ".odt", ".rtf", ".html", ".htm", ".eml", ".emlx", ".mbox",
                      ".csv", ".tsv", ".xlsx", ".ics", ".vtt", ".srt", ".json", ".vcf", ".enex", ".org", ".ipynb",
                      ".canvas", ".opml", ".pptx", ".ods", ".xmind", ".mm", ".tex", ".adoc", ".asciidoc", ".mht",
                      ".mhtml", ".xml", ".tid", ".rst", ".taskpaper", ".yaml", ".yml", ".ctd")


class LoadError(ValueError):
    """A file that cannot be ingested, with the reason in the message."""


@dataclass
class LoadedFile:
    text: str
    meta: FrontMatter = field(default_factory=FrontMatter)


def decode_text(data: bytes) -> str:
    """Text in the encodings people's files come in: UTF-8 (with or without a BOM), UTF-16
    (Word's and Excel's "Unicode text", with a BOM or without one), else Windows-1252 (old
    Windows editors and "ANSI" exports), which is taken only when the result reads as text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16")
    if b"\x00" in data[:4096]:
        sample = data[:4096]
        if sample[1::2].count(0) > 0.9 * len(sample[1::2]) and not sample[0::2].count(0):
            return _decoded(data, "utf-16-le")  # ASCII-range text as UTF-16 with no BOM
        if sample[0::2].count(0) > 0.9 * len(sample[0::2]) and not sample[1::2].count(0):
            return _decoded(data, "utf-16-be")
        raise LoadError("looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if _unreadable(text):
            raise LoadError("is neither UTF-8 nor Windows-1252 text (save it as UTF-8 and try again)") from None
    if _unreadable(text):
        raise LoadError("looks like a binary file, not text (it is mostly control characters)")
    return text


def _unreadable(text: str) -> bool:
    """More than 1 in 100 characters are control characters or undecodable bytes."""
    sample = text[:100_000]
    return sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or ch == "\ufffd") > len(sample) // 100


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise LoadError(f"is not valid {encoding.upper()} text (save it as UTF-8 and try again)") from None


def _load_markdown(data: bytes) -> LoadedFile:
    try:
        meta, body = split_front_matter(decode_text(data))
    except FrontMatterError as exc:
        raise LoadError(str(exc)) from exc
    return LoadedFile(_inline_html(body), meta)


_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|font|mark|small|sup|sub|s|del|ins|code|a|kbd)(?:\s[^<>\n]*)?>",
                         re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>|</?(?:p|div)(?:\s[^<>\n]*)?>", re.IGNORECASE)


def _inline_html(text: str) -> str:
    """Markdown with HTML typed inside it ("1. <b>Sources &amp; uses</b> first", "…<br>(she
    said it twice)") as the text a Markdown viewer shows: tags gone, entities decoded."""
    import html

    if not (_INLINE_TAG.search(text) or _BREAK_TAG.search(text)):
        return text
    return html.unescape(_INLINE_TAG.sub("", _BREAK_TAG.sub("\n", text)))


def _load_text(data: bytes) -> LoadedFile:
    text = decode_text(data)
    if text.lstrip()[:1] in ("{", "["):
        # Standard Notes names its JSON backup "Standard Notes Backup and Import File.txt":
        # a text file that is a notes app's JSON export is read as that export.
        try:
            return _load_json(data)
        except LoadError:
            pass
    line_chat = _line_chat(text)
    if line_chat is not None:
        return LoadedFile(line_chat)
    return LoadedFile(text)


_LINE_DAY = re.compile(r"^(?P<date>\d{4}[/.]\d{1,2}[/.]\d{1,2})\s*\(?[^\W\d_]{2,3}\)?\s*$")
_LINE_MESSAGE = re.compile(r"^(?P<time>\d{1,2}:\d{2})\t(?P<who>[^\t]+)\t(?P<text>.*)$")


def _line_chat(text: str) -> str | None:
    """A LINE chat history saved as text ("[LINE] Chat history with …", days as
    "2026/04/14(Tue)", messages as "21:56<tab>Name<tab>text", a long message in quotes over
    several lines) as one "2026/04/14, 21:56 - Name: text" line a message, the way other
    chat exports are read. The "Saved on" stamp is when it was exported, not a meeting: it
    is left out. None when the text is not such an export."""
    lines = text.splitlines()
    if not lines or not lines[0].lstrip("\ufeff").startswith("[LINE]"):
        return None
    out = [lines[0].lstrip("\ufeff")]
    day = None
    message: list[str] | None = None
    for line in lines[1:]:
        if message is not None:  # inside a quoted message
            message.append(line)
            if line.endswith('"'):
                out.append("\n".join(message).replace('""', '"').rstrip('"'))  # its lines kept, as WhatsApp's
                message = None
            continue
        if re.match(r"^\s*saved on\s*:", line, re.IGNORECASE):
            continue
        header = _LINE_DAY.match(line.strip())
        if header:
            day = header["date"].replace(".", "/")
            out.append("")
            continue
        said = _LINE_MESSAGE.match(line)
        if said and day:
            start = f"{day}, {said['time']} - {said['who'].strip()}: "
            body = said["text"]
            if body.startswith('"') and not (len(body) > 1 and body.endswith('"')):
                message = [start + body[1:]]
                continue
            out.append(start + (body[1:-1] if len(body) > 1 and body.startswith('"') and body.endswith('"') else body))
        elif line.strip():
            out.append(line)
    if message is not None:
        out.append("\n".join(message))
    return "\n".join(out) if day else None


def _load_emlx(data: bytes) -> LoadedFile:
    """Apple Mail's .emlx: a line with the message's length in bytes, the message (an .eml),
    then Apple's property list, which is left out."""
    head, _, rest = data.partition(b"\n")
    if not head.strip().isdigit():
        raise LoadError("is not an Apple Mail message (.emlx starts with the message length)")
    return _load_eml(rest[: int(head.strip())])


def _load_pdf(data: bytes) -> LoadedFile:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("is an encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
        created = _pdf_created(reader)
    except LoadError:
        raise
    # PyPdfError, not just PdfReadError: damaged content also raises LimitReachedError & co.
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"is not a readable PDF ({exc.__class__.__name__})") from exc
    pages = [_header_values_joined(unwrap_lines(page)) for page in without_running_lines(pages)]
    text = "\n\n".join(f"## Page {n}\n\n{page.strip()}" for n, page in enumerate(pages, 1) if page.strip())
    meta = FrontMatter(title=str(title) if title else None)
    if created:
        meta.extra["created"] = created
    return LoadedFile(text, meta)


_LIST_START = re.compile(r"^\s*(?:[-–—•*●▪◦→>☐☑✓✔]|\[[ xX]\]|\d{1,2}[.)]\s|[A-Za-z]\)\s|#)")
_RUN_ON_END = {"a", "an", "the", "of", "to", "and", "or", "but", "in", "on", "at", "for", "with", "from", "by", "as",
               "if", "is", "are", "was", "that", "this", "my", "your", "her", "his", "their", "our", "vs", "not"}


_LONE_BULLETS = {"•", "◦", "▪", "‣", "●", "○", "■", "□", "–", "-", "*", "·"}


_LONE_HEADER = re.compile(r"^(From|Sent|To|Cc|Bcc|Subject|Date|Importance|Attachments):\s*$", re.IGNORECASE)


def _header_values_joined(page: str) -> str:
    """An e-mail printed to PDF by Outlook puts each header's label and value on lines of
    their own ("From:" / "Jeevan R <jr@…>"): joined again, as the mail client shows them."""
    lines = page.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _LONE_HEADER.match(lines[i].strip()) and i + 1 < len(lines) and lines[i + 1].strip() \
                and not _LONE_HEADER.match(lines[i + 1].strip()):
            out.append(f"{lines[i].strip()} {lines[i + 1].strip()}")
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def unwrap_lines(page: str) -> str:
    """A PDF page with its soft line breaks joined: text laid out on a page breaks a
    sentence wherever the line is full ("…before you try to improve anything. MAPE" / "is easy
    to explain…"). A line is joined to the one before when that one is long for the page, does
    not end a sentence, and the line does not start a list item; and when it starts in lower
    case or the line before stops on a word no sentence ends with. Short lines, headings and
    list items keep their breaks."""
    lines = page.splitlines()
    widest = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if out and out[-1].strip() in _LONE_BULLETS and stripped:
            out[-1] = f"{out[-1].strip()} {stripped}"  # "•" on a line of its own, its item on the next
            continue
        if out and stripped and not _LIST_START.match(stripped):
            before = out[-1].rstrip()
            last_word = before.rsplit(None, 1)[-1].lower() if before else ""
            wrapped = (before and len(before) >= 0.7 * widest and not before.endswith((".", "!", "?", ":", ";"))
                       and not before.lstrip().startswith("#"))
            if wrapped and (stripped[:1].islower() or stripped[:1] in "(" or last_word in _RUN_ON_END):
                out[-1] = f"{before} {stripped}"
                continue
        out.append(line)
    return "\n".join(out)


_PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?\W*$", re.IGNORECASE)
_EDGE = 2  # lines at the top and at the bottom of a page where headers and footers live


def without_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running headers and footers: a line at the top or bottom of a
    page that recurs on other pages once its digits are ignored ("Printed 12/15/2025 9:02
    PM Simplenote", "app.example.com/p/x7Q Page 1 of 2"), or a bare page number. They are
    not part of the text, and in a note they would read as an item or a date."""
    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()).lower())

    split = [page.strip().splitlines() for page in pages]
    edges: dict[str, int] = {}
    for lines in split:
        for key in {shape(ln) for ln in lines[:_EDGE] + lines[-_EDGE:] if ln.strip()}:
            edges[key] = edges.get(key, 0) + 1
    out = []
    for lines in split:
        edge = set(range(min(_EDGE, len(lines)))) | set(range(max(0, len(lines) - _EDGE), len(lines)))
        kept = [ln for i, ln in enumerate(lines)
                if not (i in edge and ((len(split) > 1 and edges.get(shape(ln), 0) > 1) or _PAGE_NUMBER.match(ln)))]
        out.append("\n".join(kept))
    return out


def _pdf_created(reader):
    """The PDF's own creation date, a last resort for a note's date."""
    try:
        created = reader.metadata.creation_date if reader.metadata else None
    except (ValueError, TypeError):  # a malformed date string in the metadata
        return None
    return created.date() if created else None


def _load_docx(data: bytes) -> LoadedFile:
    import zipfile

    import docx
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_expansion(archive.infolist())  # before python-docx unpacks anything
    except zipfile.BadZipFile as exc:
        raise LoadError(f"is not a readable Word document ({exc.__class__.__name__})") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        return _docx_text(document)
    # A damaged XML part inside the zip raises lxml's XMLSyntaxError, or an AttributeError
    # from python-docx when a part parses but is not the element it expects.
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
        raise LoadError(f"is not a readable Word document ({exc.__class__.__name__})") from exc


def _numbered(paragraph) -> bool:
    """A list item by its numbering properties (Google Docs and LibreOffice exports put
    bullets on "Normal" paragraphs)."""
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


_PYTHON_DOCX_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15)


def _docx_text(document) -> LoadedFile:
    """The document's paragraphs and tables in the order they come (a form's "Mentor |
    Date" table sits at the top, where a note's properties are)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    comments = _docx_comments(document)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            table = _docx_table(Table(block, document))
            if table:
                lines.append(table)
            continue
        if tag != "p":
            continue
        paragraph = Paragraph(block, document)
        text = paragraph.text.strip()
        # A comment in the margin (a mentor reviewing the user's draft): "Comment from Author: text",
        # before the paragraph it is anchored to, as the margin shows it beside that text.
        anchored = [comments.pop(ref) for ref in _comment_refs(block) if ref in comments]
        lines.extend(anchored)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("Heading") and style[-1:].isdigit():
            lines.append("#" * min(int(style[-1]), 6) + " " + text)
        elif style == "Title":
            lines.append("# " + text)
        elif style.startswith("List") or _numbered(paragraph):
            lines.append("- " + text)
        else:
            lines.append(text)
    lines.extend(comments.values())  # anchored nowhere the body shows: at the end
    # The page header ("Mentoring – PvdW – 11 March 2026" on every page): a line of the
    # note before its body, where a typed title would be.
    header = _docx_header(document)
    if header and header not in lines:
        lines.insert(0, header)
    title = document.core_properties.title or None
    meta = FrontMatter(title=title)
    created = document.core_properties.created
    # python-docx stamps every new file with its template's date; that says nothing.
    if created is not None and created.replace(tzinfo=None) != _PYTHON_DOCX_TEMPLATE_CREATED:
        # Word stores it in UTC: the day is the one it was where the user is.
        meta.extra["created"] = (created if created.tzinfo else created.replace(tzinfo=dt.UTC)).astimezone().date()
    return LoadedFile("\n\n".join(lines), meta)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_comments(document) -> dict[str, str]:
    """The document's margin comments by id, each as "Comment from Author: text"."""
    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == "/word/comments.xml"), None)
    if part is None:
        return {}
    root = parse_xml(part.blob, "Word document's comments")
    found: dict[str, str] = {}
    for comment in root.iter(f"{_W}comment"):
        text = " ".join("".join(t.text or "" for t in p.iter(f"{_W}t")).strip() for p in comment.iter(f"{_W}p")).strip()
        if text:
            author = (comment.get(f"{_W}author") or "").strip()
            found[comment.get(f"{_W}id") or str(len(found))] = f"Comment from {author}: {text}" if author else text
    return found


def _comment_refs(block) -> list[str]:
    """The ids of the comments anchored in a paragraph, in order."""
    refs = [el.get(f"{_W}id") for el in block.iter(f"{_W}commentRangeStart", f"{_W}commentReference")]
    return list(dict.fromkeys(r for r in refs if r is not None))


def _docx_header(document) -> str | None:
    """The text of the first section's page header (the first page's own, when it has one)."""
    if not document.sections:
        return None
    section = document.sections[0]
    parts = [section.first_page_header] if section.different_first_page_header_footer else []
    parts.append(section.header)
    for part in parts:
        text = " ".join(" ".join(p.text.split()) for p in part.paragraphs if p.text.strip())
        if text and not part.is_linked_to_previous:
            return text
    return None


_FORM_LABELS = {"date", "mentor", "mentee", "with", "attendees", "when", "session date", "meeting date", "venue",
                "location", "duration", "time", "session no.", "session", "participants", "name", "coach"}


def _docx_table(table) -> str:
    """A Word table as a Markdown table (one block, header separated), so the note's reader
    can tell a "What she said" column from a "My action" one; a two-column table of short
    labels ("Mentor | Nurul Huda Ismail", "Date | 17/01/2026") as property lines, a value
    of several paragraphs (a template's "Discussion" box) as lines under its label. Word's
    placeholder in an unfilled box ("Click or tap here to enter text.") is no text."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            paragraphs = []
            for paragraph in cell.paragraphs:
                text = _WORD_PLACEHOLDER.sub("", " ".join(paragraph.text.split())).strip()
                if text and not re.fullmatch(r"[\d.)•*-]*", text):  # ("1." before a placeholder)
                    style = (paragraph.style.name if paragraph.style is not None else "") or ""
                    listed = (style.startswith("List") or _numbered(paragraph)) and not text.startswith(("-", "•", "*"))
                    paragraphs.append(("- " if listed else "") + text.replace("|", "/"))
            cells.append(paragraphs)
        rows.append(cells)
    if _is_form([[" ".join(c) for c in cells] for cells in rows]):
        lines = []
        for label, *rest in (cells for cells in rows if any(cells)):
            value = [line for cell in rest for line in cell]
            name = " ".join(label).rstrip(":").strip()
            if len(value) > 1:
                lines.append(f"{name}:\n" + "\n".join(value))
            elif value:
                lines.append(f"{name}: {value[0]}")
        return "\n".join(lines)
    return _markdown_table([[" ".join(c) for c in cells] for cells in rows])


# Word's placeholder in a content control nobody filled in (English and a few others).
_WORD_PLACEHOLDER = re.compile(r"(?:click|tap|click or tap) (?:here )?to enter (?:a )?(?:text|date)\.?"
                               r"|cliquez ou appuyez ici pour entrer du texte\.?"
                               r"|haga clic o pulse aquí para escribir texto\.?", re.IGNORECASE)


def _is_form(rows: list[list[str]]) -> bool:
    """A two-column table of short labels and their values, one of them a note's property
    ("Date", "Mentor"): a form, read as property lines. A label's bracketed hint ("Actions
    (owner – action – due)") does not make it long."""
    rows = [cells for cells in rows if any(cells)]
    labels = [re.sub(r"\s*\([^)]*\)", "", cells[0]).rstrip(":").strip() for cells in rows]
    return len(rows) >= 2 and all(
        len(cells) == 2 and label and len(label) <= 30 and len(label.split()) <= 4
        and not cells[0].endswith("?") and cells[0] != cells[1] for cells, label in zip(rows, labels)) \
        and any(label.lower() in _FORM_LABELS for label in labels)


def _markdown_table(rows: list[list[str]]) -> str:
    """Rows of cells (a Word or web page table) as a Markdown table, or as property lines
    when it is a form of short labels and their values."""
    rows = [cells for cells in rows if any(cells)]
    if not rows:
        return ""
    if _is_form(rows):
        return "\n".join(f"{label.rstrip(':')}: {value}" for label, value in rows if value)
    block = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    block += ["| " + " | ".join(cells) + " |" for cells in rows[1:]]
    return "\n".join(block)


_HTML_BLOCKS = ["p", "div", "tr", "td", "th", "table", "section", "article", "header", "footer", "blockquote", "pre",
                "ul", "ol", "dl", "dt", "dd", "hr", "title", "main", "aside", "nav", "figure", "figcaption"]


def _load_html(data: bytes) -> LoadedFile:
    from bs4 import BeautifulSoup
    from bs4.exceptions import ParserRejectedMarkup

    try:
        soup = BeautifulSoup(decode_text(data), "html.parser")
    except ParserRejectedMarkup as exc:  # a broken "<![if …]>" section, as a damaged Word page has
        raise LoadError("is a web page the HTML parser cannot read (broken markup)") from exc
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    for level in range(1, 7):
        for heading in soup.find_all(f"h{level}"):
            heading.replace_with(f"\n\n{'#' * level} {heading.get_text(' ', strip=True)}\n\n")
    # A table (Confluence's "Item | Who | Notes") as a Markdown table, so the reader sees
    # its columns; the innermost tables first.
    for table in reversed(soup.find_all("table")):
        if _layout_table(table):
            continue  # its cells are read as blocks below, their lines and lists kept
        rows = [[" ".join(cell.get_text(" ", strip=True).split()).replace("|", "/")
                 for cell in row.find_all(["td", "th"], recursive=False)] for row in table.find_all("tr")]
        table.replace_with(f"\n\n{_markdown_table([r for r in rows if r])}\n\n")
    for item in soup.find_all("li"):
        item.replace_with(f"\n- {item.get_text(' ', strip=True)}\n")
    # Blocks break lines; inline elements do not: OneNote writes "<p><span>☑</span> call
    # Garrett</p>", and the box belongs on the line of its task.
    for br in soup.find_all("br"):
        br.replace_with("\n")
    # Evernote's, OneNote's and Notion's to-do boxes: "[x] " or "[ ] " before the task.
    for box in soup.find_all(["input", "en-todo"]):
        if box.name == "en-todo" or str(box.get("type") or "").lower() == "checkbox":
            ticked = box.has_attr("checked") and str(box.get("checked")).lower() not in ("false", "0")
            box.replace_with("[x] " if ticked else "[ ] ")
    for block in soup.find_all(_HTML_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    body = soup.body or soup
    text = body.get_text("")
    lines = [line.strip() for line in text.splitlines()]
    return LoadedFile("\n".join(lines), FrontMatter(title=title or None))


def _layout_table(table) -> bool:
    """A table that lays out a page rather than holding data: a cell of it holds a whole
    message or page of text (Gmail's printed or saved thread puts each message's body in
    one cell, with its lines, paragraphs and lists). Squeezed into one Markdown table cell,
    its bullets and paragraphs would run into one line."""
    for cell in table.find_all(["td", "th"]):
        words = len(cell.get_text(" ", strip=True).split())
        blocks = len(cell.find_all(["br", "p", "div", "li"]))
        if words > 60 or (words > 25 and blocks >= 3):
            return True
    return False


def _load_delimited(data: bytes, delimiter: str, name: str) -> LoadedFile:
    """Rows as ``Header: value`` pairs, one line a row; a row with a long text cell (a note
    exported from a notes app: title, created, tags, body) becomes its short cells as
    property lines with the text after them, so it reads like a note with properties."""
    text = decode_text(data)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise LoadError(f"is not valid {name}: {exc}") from exc
    return _rows_as_note(rows)


def _load_xlsx(data: bytes) -> LoadedFile:
    """An Excel workbook kept as notes: each sheet read as a CSV file would be (a log kept
    one item a row, or rows of notes). When some sheets are such logs, only they are the
    note; a list of prospects beside them ("Pipeline") is the tracking table's business.
    Beside a sheet titled as a meeting, sheets of figures (a budget's costs) are no note."""
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_expansion(archive.infolist())  # before openpyxl unpacks anything
    except zipfile.BadZipFile as exc:
        raise LoadError(f"is not a readable Excel workbook ({exc.__class__.__name__})") from exc
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged or foreign file
        raise LoadError(f"is not a readable Excel workbook: {exc}") from exc
    sheets: list[tuple[str, list[list[str]]]] = []
    for sheet in workbook.worksheets:
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        rows = [row for row in rows if any(row)]
        if rows:
            sheets.append((sheet.title, rows))
    workbook.close()
    comments = _xlsx_comments(data)
    logs = [(title, rows) for title, rows in sheets if _item_rows(rows[0], rows[1:]) is not None]
    # A budget with a "Notes from Gloria" tab titled as a meeting ("Mtg w/ Ms. Okafor - … -
    # Wed 4/9/25"): that tab is the note; the budget's rows are no one's advice.
    met = [(title, rows) for title, rows in sheets if _MEETING_TITLE.search(_title_of(rows) or "")]
    chosen = logs or ([(t, r) for t, r in sheets if (t, r) in met or not _figures(r)] if len(met) == 1 else sheets)
    parts = [_sheet_as_note(rows) + "".join(f"\n\n{note}" for note in comments.get(title, [])) for title, rows in chosen]
    if len(chosen) > 1:
        # A sheet of notes (a title over the table, or columns of sentences) before the data
        # sheets beside it ("Applications" of a job search): the note's title and date are its.
        # A sheet whose title is a meeting ("Mtg w/ Ms. Okafor - … - Wed 4/9/25") before the others.
        order = sorted(range(len(chosen)), key=lambda i: (
            not _MEETING_TITLE.search(_title_of(chosen[i][1]) or ""),
            not (_title_of(chosen[i][1]) or parts[i].lstrip().startswith("|"))))
        chosen, parts = [chosen[i] for i in order], [parts[i] for i in order]
        parts = [f"## {title}\n\n{text}" for (title, _), text in zip(chosen, parts)]
    return LoadedFile("\n\n".join(p for p in parts if p.strip()))


_LABEL_WORDS = re.compile(r"\b(?:said|says|to ?do|todo|actions?|next steps|notes|advice|tips|takeaways|questions"
                          r"|homework)\b", re.IGNORECASE)
_DONE_CELL = re.compile(r"^(?:yes|y|done|x|✓|✔|complete|completed|sent|booked|ok)\.?$", re.IGNORECASE)


def _notepad_line(cells: list[str]) -> str:
    """A row of a sheet used as a notepad as a note's line: a short row with no sentence
    in it is a label ("what she said:", "MY TO DO:" over "done?"); any other row is a point
    of the list, ticked when a short cell beside it says it is done ("yes")."""
    first, rest = cells[0], cells[1:]
    if len(first.split()) <= 5 and (first.isupper() or first.endswith(":") or _LABEL_WORDS.search(first)) and all(
            len(cell.split()) <= 2 and not _DONE_CELL.match(cell) for cell in rest):
        return f"{first.rstrip(':')}:"
    done = any(_DONE_CELL.match(cell) for cell in rest)
    more = [cell for cell in rest if len(cell.split()) > 3]
    return f"- {'[x] ' if done else ''}{' – '.join([first, *more])}"


_MEETING_TITLE = re.compile(r"\b(?:mtg|meeting|met|call|coffee|lunch|chat|1:1|1-1|catch[- ]?up|session)\b|\bw/\s*\w",
                            re.IGNORECASE)


def _figures(rows: list[list[str]]) -> bool:
    """Whether a sheet is a sheet of figures: a quarter or more of its filled cells are numbers."""
    cells = [cell for row in rows for cell in row if cell]
    numbers = sum(1 for cell in cells if re.fullmatch(r"[-+$€£]?\s*[\d.,]+\s*%?|=.*", cell.strip()))
    return bool(cells) and numbers * 4 >= len(cells)


def _xlsx_comments(data: bytes) -> dict[str, list[str]]:
    """The cells' comments (a mentor's, or the user's own note of what the mentor said, on a
    costing sheet) by sheet, each as "Comment from Author: text", in cell order. Read only
    when the workbook has comments: openpyxl reads them outside its read-only mode."""
    import zipfile

    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any("comments" in name.lower() for name in archive.namelist()):
            return {}
    found: dict[str, list[str]] = {}
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # the values were read already; the comments are a bonus
        return {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is not None and cell.comment.text.strip():
                    # (Excel puts "Author:" at the start of a comment's text)
                    author = (cell.comment.author or "").strip()
                    text = " ".join(cell.comment.text.split())
                    if author and text.startswith(f"{author}:"):
                        text = text[len(author) + 1:].strip()
                    found.setdefault(sheet.title, []).append(f"Comment from {author}: {text}" if author else text)
    workbook.close()
    return found


def _title_of(rows: list[list[str]]) -> str | None:
    """The title a sheet's first row holds alone over its header, or in a column no row
    below uses ("Mtg w/ Ms. Okafor - … - Wed 4/9/25 2pm" in A1 over notes typed in column
    B), else None."""
    if len(rows) <= 2 or sum(1 for cell in rows[0] if cell) != 1:
        return None
    column = next(i for i, cell in enumerate(rows[0]) if cell)
    if sum(1 for cell in rows[1] if cell) >= 2 or not any(len(row) > column and row[column] for row in rows[1:]):
        return rows[0][column]
    return None


def _sheet_as_note(rows: list[list[str]]) -> str:
    """One sheet as text. A title typed in the first row over the header ("coffee w/ Dana
    Whitaker — Wed Feb 19" above "what she said | me") is a line of its own above the
    table; a table of a few columns of sentences (what she said, what I'll do) is kept as
    a table, so each column is read under its header, as a Word table is."""
    title = _title_of(rows)
    if title:
        rows = rows[1:]
    header, *body = rows
    width = max(i + 1 for row in rows for i, cell in enumerate(row) if cell)
    columns = [[row[i] for row in body if i < len(row) and row[i]] for i in range(width)]
    sentences = 2 <= width <= 4 and all(header[i] for i in range(width)) and all(
        column and sum(len(v.split()) for v in column) / len(column) >= 4 and not any(_ONLY_DATE_CELL.match(v) for v in column)
        for column in columns)
    if sum(1 for cell in header if cell) == 1 and sum(sum(1 for cell in row if cell) == 1 for row in body) * 2 >= len(body):
        # A sheet used as a notepad: lines typed down one column, a label now and then
        # ("what she said", "MY TO DO | done?"), a status beside some. Each row is a line.
        text = "\n".join(_notepad_line([cell.strip() for cell in row if cell]) for row in rows)
    else:
        text = _markdown_table([[c.replace("\n", " ").replace("|", "/") for c in row[:width]] for row in rows]) \
            if sentences else _rows_as_note(rows).text
    return f"{title}\n\n{text}" if title else text


_ONLY_DATE_CELL = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _load_vcf(data: bytes) -> LoadedFile:
    """A contact card (.vcf) whose notes field holds what was said when the user met the
    person: the card's name as the note's "With:" line, then the notes. The card's REV
    stamp is when it was edited, never the meeting."""
    text = decode_text(data).replace("\r\n", "\n")
    if "BEGIN:VCARD" not in text.upper():
        raise LoadError("is not a vCard contact file (no BEGIN:VCARD)")
    unfolded = re.sub(r"\n[ \t]", "", text)  # a long value continues on lines that start with a space
    fields: dict[str, str] = {}
    for line in unfolded.splitlines():
        key, sep, value = line.partition(":")
        name = key.split(";")[0].split(".")[-1].upper()
        if sep and name in ("FN", "NOTE", "ORG", "TITLE") and name not in fields:
            fields[name] = re.sub(r"\\([,;\\])", r"\1", value.replace("\\n", "\n").replace("\\N", "\n")).strip()
    if not fields.get("NOTE"):
        raise LoadError("is a contact card with no notes in it")
    head = [f"With: {fields['FN']}"] if fields.get("FN") else []
    return LoadedFile("\n".join(head + ["", fields["NOTE"]]), FrontMatter(title=fields.get("FN")))


# A line that already starts as a list item: a bullet, a number, a checkbox or a tick mark.
_LISTED = re.compile(r"^\s*(?:[-*+•·▪◦–]\s|\d{1,2}[.)]\s|\[[ xX]\]|[☐☑☒✅✔✓❌⬜🔲])")


def _lines_as_list(value: str) -> str:
    """A multi-line cell typed one point a line (Alt+Enter between them, no blank line) as a
    list, so that each line is read as one point; prose cells with paragraphs stay prose."""
    lines = [line.strip() for line in value.strip().splitlines()]
    if len(lines) < 2 or "" in lines or any(len(line) > 300 or _LISTED.match(line) for line in lines):
        return value.strip()  # (a cell already typed as a list, or as a lead line over one, stays)
    # (a line ending in a colon, "His main points:", heads the lines after it)
    return "\n".join(line if line.endswith(":") else f"- {line}" for line in lines)


def _rows_as_note(rows: list[list[str]]) -> LoadedFile:
    if not rows:
        return LoadedFile("")
    header, *body = rows
    outline = _todoist_rows(header, body)
    if outline is not None:
        return LoadedFile(outline)
    long_format = _item_rows(header, body)
    if long_format is not None:
        return LoadedFile(long_format)
    records = []
    for row in _held_sessions(header, body):
        cells = [(key.strip(), value.strip()) for key, value in zip(header, row) if value.strip()]
        short = [f"{key}: {value}" for key, value in cells if "\n" not in value and len(value) <= _LONG_CELL]
        long = [(key, _lines_as_list(value)) for key, value in cells if "\n" in value or len(value) > _LONG_CELL]
        if long:
            # Two or more text columns ("What Fi said", "My actions") keep their headers as
            # label lines: the header says what the lines under it are.
            # So does a header that says whose words they are ("Harold's advice (in your own words)").
            texts = [f"{key}:\n{value}" if key and (len(long) > 1 or whose_words(key)) else value for key, value in long]
            records.append("\n".join(short + [""]) + "\n" + "\n\n".join(texts))
        elif short:
            records.append("; ".join(short))  # a row of a table: one line
    return LoadedFile("\n\n".join(records))


_SESSION_STATUS = re.compile(r"^(?:(?:session |meeting )?status|state|outcome)$", re.IGNORECASE)
# (a table is a log of sessions only when a column says so: a list of tasks with a Status
# column keeps its open rows)
_SESSION_COLUMN = re.compile(r"\b(?:sessions?|meetings?|scheduled|mentee|mentor)\b", re.IGNORECASE)
_NOT_HELD = re.compile(r"^(?:cancell?ed|no[- ]?show|scheduled|upcoming|planned|booked|re-?scheduled|postponed"
                       r"|declined|tentative|requested|not held|did not happen|missed)\b", re.IGNORECASE)


def _held_sessions(header: list[str], body: list[list[str]]) -> list[list[str]]:
    """A mentoring platform's log of sessions (one a row, a Status column): the sessions
    that took place. A cancelled or a still scheduled one is no meeting, and its agenda or
    cancellation reason is nothing that was said; rows are all kept when none took place."""
    column = next((i for i, h in enumerate(header) if _SESSION_STATUS.match(h.strip())), None)
    if column is None or not any(_SESSION_COLUMN.search(h) for h in header):
        return body
    held = [row for row in body if not (column < len(row) and _NOT_HELD.match(row[column].strip()))]
    return held or body


def _todoist_rows(header: list[str], body: list[list[str]]) -> str | None:
    """A Todoist project exported as CSV (TYPE, CONTENT, DESCRIPTION, PRIORITY, INDENT, …,
    DATE) as the outline the user sees: a section is a heading, a task a list item indented
    by its INDENT, its description after a dash, its due date in brackets, a comment under
    it. None when the table is not such an export."""
    names = [h.strip().upper() for h in header]
    if names[:2] != ["TYPE", "CONTENT"] or "INDENT" not in names:
        return None
    column = {name: i for i, name in enumerate(names)}

    def cell(row: list[str], name: str) -> str:
        i = column.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def indent(row: list[str]) -> int:
        return int(cell(row, "INDENT")) if cell(row, "INDENT").isdigit() else 1

    lines: list[str] = []
    depth = 1
    for number, row in enumerate(body):
        kind, content = cell(row, "TYPE").lower(), cell(row, "CONTENT")
        if not content:
            continue
        if kind == "section":
            lines += ["", f"## {content}", ""]
        elif kind == "task":
            depth = indent(row)
            due = cell(row, "DATE")
            after = next((r for r in body[number + 1:] if cell(r, "TYPE").lower() == "task"), None)
            parent = after is not None and indent(after) > depth
            # a task's description after it; a parent's ("What A. said", "kept these as
            # tasks") is about its list and would blur what the list is
            described = f" — {cell(row, 'DESCRIPTION')}" if cell(row, "DESCRIPTION") and not parent else ""
            lines.append(f"{'    ' * (depth - 1)}- {content}{described}" + (f" (due {due})" if due else ""))
        elif kind == "note" and re.match(r"^(?:done|sent|finished|[✓✔✅☑])", content, re.IGNORECASE) and lines \
                and lines[-1].lstrip().startswith("- ") and not lines[-1].lstrip().startswith("- [x]"):
            # a comment "done 27/11 – sent both": the task it is under is ticked
            lines[-1] = lines[-1].replace("- ", "- [x] ", 1) + f" ({content})"
        elif kind == "note":
            lines.append(f"{'    ' * depth}- {content}")
    return "\n".join(lines).strip()


_ITEM_TYPES = re.compile(r"^(?:advice|action(?: item)?s?|to ?-?dos?|tasks?|notes?|takeaways?|suggestions?|next steps?"
                         r"|follow[- ]?ups?|homework|questions?|decisions?|tips?|feedback|commitments?|other|info"
                         r"|promises?|conseils?|à faire|tâches?|suivis?|promesses?|idées?|remarques?"
                         r"|consejos?|tareas?|pendientes?|notas?|promesas?|acci[óo]n(?:es)?|preguntas?"
                         r"|rat|ratschl[äa]ge?|tipps?|aufgaben?|notiz(?:en)?|zusagen?|versprechen|fragen?|ideen?"
                         r"|empfehlungen?|erkenntnis(?:se)?|ma(?:ß|ss)nahmen?|info(?:s)?"
                         r"|conselhos?|dicas?|a[çc][ãa]o|a[çc][õo]es|tarefas?|pend[êe]ncias?|promessas?|perguntas?"
                         r"|ideias?|observa[çc][ãa]o|observa[çc][õo]es)$",
                         re.IGNORECASE)
_TYPE_HEADERS = {"type", "kind", "category", "item type", "entry type", "item", "what", "catégorie", "genre", "tipo",
                 "categoría", "categoria", "typ", "art", "kategorie"}
_STATUS_HEADERS = {"status", "done", "state", "complete", "completed", "statut", "état", "etat", "fait", "estado",
                   "hecho", "erledigt", "stand"}
_DONE_VALUES = {"done", "completed", "complete", "yes", "y", "closed", "finished", "✓", "✔", "✅", "x", "true", "sent",
                "fait", "faite", "terminé", "terminée", "oui", "envoyé", "envoyée", "hecho", "hecha", "listo", "lista",
                "terminado", "terminada", "completado", "completada", "sí", "si", "enviado", "enviada",
                "erledigt", "ja", "fertig", "abgeschlossen", "gesendet", "geschickt", "erl.",
                "ok", "feito", "feita", "sim", "concluído", "concluída", "concluido", "concluida", "pronto", "pronta"}
# Whose row it is: a task another person took ("Send revised SLA proposal", Who: Felipe) is
# not the user's; a row of theirs says "me" in the user's language.
_OWNER_HEADERS = {"who", "owner", "responsible", "assignee", "assigned to", "quem", "responsável", "responsavel",
                  "quién", "quien", "responsable", "wer", "verantwortlich", "qui"}
_SELF_OWNERS = {"me", "i", "myself", "mine", "self", "eu", "yo", "ich", "moi", "je"}
_ACTION_TYPES = re.compile(r"^(?:action(?: item)?s?|to ?-?dos?|tasks?|next steps?|follow[- ]?ups?|homework|commitments?"
                           r"|à faire|tâches?|suivis?|tareas?|pendientes?|acci[óo]n(?:es)?|aufgaben?|ma(?:ß|ss)nahmen?"
                           r"|a[çc][ãa]o|a[çc][õo]es|tarefas?|pend[êe]ncias?)$", re.IGNORECASE)


def _item_rows(header: list[str], body: list[list[str]]) -> str | None:
    """A log kept one item a row ("Date, Mentor, Topic, Type, Point, Due, Status" with Type
    Advice / Action / Note) as a note: the columns every row shares as property lines, then
    one section per type with its rows' text as list items (ticked when Status says done).
    None when the table is not of that shape."""
    names = [h.strip().lower() for h in header]
    kind_col = next((i for i, h in enumerate(names) if h in _TYPE_HEADERS), None)
    rows = [r for r in body if any(c.strip() for c in r)]
    if kind_col is None or len(rows) < 2:
        return None
    kinds = [r[kind_col].strip() if kind_col < len(r) else "" for r in rows]
    if sum(bool(_ITEM_TYPES.match(k)) for k in kinds) < 0.6 * len(rows):
        return None
    status_col = next((i for i, h in enumerate(names) if h in _STATUS_HEADERS), None)
    owner_col = next((i for i, h in enumerate(names) if h in _OWNER_HEADERS), None)
    others = [i for i in range(len(header)) if i not in (kind_col, status_col)]
    lengths = {i: sum(len(r[i]) if i < len(r) else 0 for r in rows) for i in others}
    text_col = max(lengths, key=lambda i: lengths[i])
    # A column with one value for every row, or typed once on the first row and left blank
    # below ("Date" filled in once, as a merged cell reads)
    def below(i: int) -> set[str]:
        return {(r[i].strip() if i < len(r) else "") for r in rows[1:]}

    def first(i: int) -> str:  # (a row read from a sheet may stop at its last filled cell)
        return rows[0][i].strip() if i < len(rows[0]) else ""

    shared = [i for i in others if i != text_col and first(i) and below(i) in ({first(i)}, {""})]
    lines = [f"{header[i].strip()}: {first(i)}" for i in shared]
    sections: dict[str, list[str]] = {}
    for row, kind in zip(rows, kinds):
        text = row[text_col].strip() if text_col < len(row) else ""
        if not text:
            continue
        status = row[status_col].strip().lower() if status_col is not None and status_col < len(row) else ""
        box = "" if not status else "[x] " if status in _DONE_VALUES else "[ ] "  # "Pending", "Open"
        # A row typed "Note" is context the user kept, neither advice nor a task.
        # So is the mentor's own promise ("Promise: intro to Nadia"): not the user's task.
        heading = "Context" if not kind or re.fullmatch(r"(?i)notes?|notas?|info|other|remarques?|promises?|promesses?|promesas?"
                                                        r"|notiz(?:en)?|zusagen?|versprechen|infos",
                                                        kind) else kind
        owner = row[owner_col].strip().lower() if owner_col is not None and owner_col < len(row) else ""
        if owner and owner not in _SELF_OWNERS and _ACTION_TYPES.match(kind):
            heading = "Context"  # someone else's task (the mentor's promise, a supplier's to-do)
        sections.setdefault(heading, []).append(f"- {box}{text}")
    for kind, items in sections.items():
        lines += ["", f"## {kind}", *items]
    return "\n".join(lines)


_LONG_CELL = 160  # characters: a cell longer than this (or with line breaks) is text, not a property


def _load_csv(data: bytes) -> LoadedFile:
    # Excel in much of Europe and Latin America saves "CSV" with semicolons (the comma is
    # their decimal mark): the header line says which.
    header = decode_text(data).lstrip("\ufeff").split("\n", 1)[0]
    return _load_delimited(data, ";" if header.count(";") > header.count(",") else ",", "CSV")


def _load_tsv(data: bytes) -> LoadedFile:
    return _load_delimited(data, "\t", "tab-separated text")


def _load_ics(data: bytes) -> LoadedFile:
    """A calendar event exported as .ics: its title, day, attendees and place as property
    lines, the notes typed into its description under them, as a note with properties."""
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(decode_text(data))
    except ValueError as exc:
        raise LoadError(f"is not a valid iCalendar file: {exc}") from exc
    blocks, title = [], None
    for event in calendar.walk("VEVENT"):
        summary = str(event.get("SUMMARY") or "").strip()
        start = event.decoded("DTSTART") if event.get("DTSTART") else None
        people = [_calendar_name(p) for p in [event.get("ORGANIZER"), *_as_list(event.get("ATTENDEE"))] if p]
        lines = [summary] if summary else []
        if start is not None:
            lines.append(f"Date: {(start.date() if isinstance(start, dt.datetime) else start).isoformat()}")
        if people:
            lines.append("Attendees: " + ", ".join(dict.fromkeys(p for p in people if p)))
        if event.get("LOCATION"):
            lines.append(f"Location: {event.get('LOCATION')}")
        description = str(event.get("DESCRIPTION") or "").strip()
        blocks.append("\n".join(lines) + ("\n\n" + description if description else ""))
        title = title or summary or None
    if not blocks:
        raise LoadError("is an iCalendar file with no event in it")
    return LoadedFile("\n\n".join(blocks), FrontMatter(title=title))


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def _calendar_name(address) -> str:
    """"Jonathan Rees" from ATTENDEE;CN=Jonathan Rees:mailto:jr@x.com (the address when no CN)."""
    name = address.params.get("CN") if hasattr(address, "params") else None
    return str(name or str(address).removeprefix("mailto:").removeprefix("MAILTO:")).strip()


_CUE_TIME = re.compile(r"^\s*(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->\s*")
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+(?P<who>[^>]+)>(?P<text>.*?)(?:</v>)?$")


def _load_vtt(data: bytes) -> LoadedFile:
    """A WebVTT transcript (Zoom, Teams, Meet): one "Speaker: words" line per cue, without
    the header, cue numbers, timings and notes, so it reads like a pasted transcript."""
    text = decode_text(data).replace("\r\n", "\n")
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise LoadError("is not a WebVTT file (it does not start with WEBVTT)")
    return LoadedFile(_cue_lines(text))


def _load_srt(data: bytes) -> LoadedFile:
    """A SubRip transcript (.srt, what many recorders and caption tools save): its cues
    as lines, like a WebVTT one."""
    text = decode_text(data).replace("\r\n", "\n")
    if not any(_CUE_TIME.match(line) for line in text.splitlines()[:20]):
        raise LoadError("is not a SubRip subtitle file (no '00:00:01,000 --> 00:00:04,000' timing line)")
    return LoadedFile(_cue_lines(text))


def _cue_lines(text: str) -> str:
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        rows = [row.strip() for row in block.strip().splitlines()]
        timed = next((i for i, row in enumerate(rows) if _CUE_TIME.match(row)), None)
        if timed is None:
            continue  # the header, a NOTE or a STYLE block
        words = " ".join(rows[timed + 1:])
        voice = _VOICE.match(words)
        words = f"{voice['who'].strip()}: {voice['text']}" if voice else words
        words = re.sub(r"</?[^>]+>", "", words).strip()
        if words:
            lines.append(words)
    return "\n".join(lines)


def _load_eml(data: bytes) -> LoadedFile:
    """An e-mail saved from a mail client (.eml): its From, To, Date and Subject as the
    property lines of a pasted e-mail, then its text (the plain part, else the HTML part's
    text). Attachments are left out."""
    from email import policy
    from email.parser import BytesParser
    from email.utils import parsedate_to_datetime

    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except (ValueError, TypeError, IndexError) as exc:
        raise LoadError(f"is not a readable e-mail ({exc.__class__.__name__})") from exc
    if not any(message.get(key) for key in ("From", "To", "Subject", "Date")):
        raise LoadError("is not an e-mail (it has no From, To, Subject or Date header)")
    lines = []
    for key in ("From", "To", "Cc"):
        value = _header(message, key)
        if value:
            lines.append(f"{key}: {value}")
    sent = _header(message, "Date")
    if sent:
        try:  # "Mon, 25 Aug 2025 09:12:00 +0530" as the sender's own clock said it
            when = parsedate_to_datetime(sent)
            sent = f"{when:%A}, {when.day} {when:%B %Y %H:%M}"
        except (ValueError, TypeError, IndexError):
            pass
        lines.append(f"Sent: {sent}")
    subject = _header(message, "Subject")
    if subject:
        lines.append(f"Subject: {subject}")
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        content = body.get_content() if body is not None else ""
    except (LookupError, ValueError, KeyError, AttributeError) as exc:  # an unknown charset, a broken part
        raise LoadError(f"has a body that cannot be read ({exc.__class__.__name__})") from exc
    if isinstance(content, bytes):
        content = decode_text(content)
    if body is not None and body.get_content_subtype() == "html":
        content = _load_html(content.encode("utf-8")).text
    return LoadedFile("\n".join(lines) + "\n\n" + content.replace("\r\n", "\n").strip())


def _header(message, key: str) -> str:
    try:
        value = message.get(key)
    except (ValueError, TypeError, IndexError):  # a header the parser cannot decode
        return ""
    return " ".join(str(value or "").split())


def _load_rtf(data: bytes) -> LoadedFile:
    """Rich text (.rtf from WordPad, TextEdit or Word): its text with list items as "- "
    lines; the title and creation date from its info group."""
    from striprtf.striprtf import rtf_to_text

    raw = decode_text(data)
    if not raw.lstrip().startswith("{\\rtf"):
        raise LoadError("is not an RTF document (it does not start with {\\rtf)")
    # WordPad writes a bullet as a {\pntext ...} group in the Symbol font, which comes out as
    # nothing; TextEdit's {\listtext ...} comes out as a tab-framed glyph. Both become "- ".
    raw = re.sub(r"\{\\(?:pntext|listtext)[^{}]*\}", "- ", raw)
    try:
        text = rtf_to_text(raw, errors="replace")
    except (ValueError, IndexError, KeyError) as exc:
        raise LoadError(f"is not a readable RTF document ({exc.__class__.__name__})") from exc
    lines = [re.sub(r"^\s*[•◦▪·]\s*", "- ", line).rstrip() for line in text.splitlines()]
    meta = FrontMatter()
    title = re.search(r"\{\\title\s+([^{}]*)\}", raw)
    if title and rtf_to_text(title[1]).strip():
        meta.title = rtf_to_text(title[1]).strip()
    created = re.search(r"\\creatim\\yr(\d{4})\\mo(\d{1,2})\\dy(\d{1,2})", raw)
    if created:
        try:
            meta.extra["created"] = dt.date(int(created[1]), int(created[2]), int(created[3]))
        except ValueError:
            pass  # a creation stamp that is no date says nothing
    return LoadedFile("\n".join(lines).strip(), meta)


_ODF = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "dc": "http://purl.org/dc/elements/1.1/"}


def parse_xml(data: bytes, what: str | None = None):
    """An XML document's root element, parsed without resolving entities or reaching the
    network (an export is untrusted input). Unreadable: a LoadError saying it is not a
    readable ``what`` ("Evernote export"), or lxml's XMLSyntaxError when ``what`` is None."""
    from lxml import etree

    try:
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        if what is None:
            raise
        raise LoadError(f"is not a readable {what}: {exc}") from exc


def _load_odt(data: bytes) -> LoadedFile:
    """A LibreOffice / OpenDocument text file (.odt): headings as Markdown headings, list
    items as "- " lines, tables as Markdown tables, title and creation date from meta.xml."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_expansion(archive.infolist())
            content = parse_xml(archive.read("content.xml"))
            meta_xml = parse_xml(archive.read("meta.xml")) if "meta.xml" in archive.namelist() else None
    except (zipfile.BadZipFile, KeyError, etree.LxmlError) as exc:
        raise LoadError(f"is not a readable OpenDocument text file ({exc.__class__.__name__})") from exc
    body = content.find("office:body/office:text", _ODF)
    if body is None:
        raise LoadError("is an OpenDocument file with no text body (a spreadsheet or a drawing?)")
    lines: list[str] = []
    _odt_blocks(body, lines, in_list=False)
    meta = FrontMatter()
    if meta_xml is not None:
        title = meta_xml.findtext(".//dc:title", namespaces=_ODF)
        meta.title = title.strip() if title and title.strip() else None
        created = meta_xml.findtext(".//meta:creation-date", namespaces=_ODF)
        try:
            if created:
                meta.extra["created"] = dt.date.fromisoformat(created.strip()[:10])
        except ValueError:
            pass
    return LoadedFile("\n\n".join(lines), meta)


def _odt_blocks(element, lines: list[str], in_list: bool) -> None:
    for child in element:
        tag = _local_name(child.tag)
        if tag == "h":
            level = int(child.get(f"{{{_ODF['text']}}}outline-level") or 1)
            lines.append("#" * min(level, 6) + " " + _odt_inline(child))
        elif tag == "p":
            text = _odt_inline(child)
            if text:
                lines.append(("- " if in_list else "") + text)
        elif tag in ("list", "list-item", "list-header"):
            _odt_blocks(child, lines, in_list=True)
        elif tag == "table":
            rows = []
            for row in child.iter(f"{{{_ODF['table']}}}table-row"):
                cells = [" ".join(_odt_inline(p) for p in cell.iter(f"{{{_ODF['text']}}}p")).replace("|", "/")
                         for cell in row.iter(f"{{{_ODF['table']}}}table-cell")]
                if any(cells):
                    rows.append(cells)
            if rows:
                block = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                lines.append("\n".join(block + ["| " + " | ".join(cells) + " |" for cells in rows[1:]]))
        elif tag in ("section", "div"):
            _odt_blocks(child, lines, in_list)


def _odt_inline(element) -> str:
    """A paragraph's text with ODF's space, tab and line-break elements spelled out."""
    parts = [element.text or ""]
    for child in element:
        tag = _local_name(child.tag)
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{_ODF['text']}}}c") or 1))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif tag not in ("note", "annotation"):  # footnotes and comments are not the line's text
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# The fields notes apps put a note's parts in, in the order they are tried (Google Keep,
# Day One, Standard Notes, Joplin, Simplenote and generic exports).
_JSON_TITLE = ("title", "name", "subject", "heading")
_JSON_TEXT = ("textContent", "text", "content", "body", "markdown", "note", "notes", "plainText", "description")
_JSON_DATE = ("date", "date_journal", "meetingDate", "creationDate", "created", "createdAt", "created_at", "createdTime",
              "created_time", "createdTimestampUsec", "creationTime", "updated", "modified", "modificationDate",
              "userEditedTimestampUsec", "updated_at", "updatedAt")


def _load_json(data: bytes) -> LoadedFile:
    """A note (or a journal of entries) exported as JSON by a notes app: each record's title,
    date and text as a note with properties; several records as dated sections."""
    import json

    try:
        document = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise LoadError(f"is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    from ingest.documents.mstodo import ms_todo_json
    from ingest.exports import chat_json, google_tasks_json, trello_json

    # a chat's messages, a Trello card, Google Tasks, Microsoft To Do
    exported = chat_json(document) or trello_json(document) or google_tasks_json(document) or ms_todo_json(document)
    if exported:
        return LoadedFile(exported)
    records = _json_records(document)
    notes = [note for note in (_json_note(record) for record in records) if note is not None]
    if not notes:
        raise LoadError("is JSON with no note text in it (no title/text fields, e.g. a settings file)")
    if len(notes) == 1:
        title, day, text = notes[0]
        props = [f"Date: {day.isoformat()}"] if day else []
        return LoadedFile("\n".join(([f"# {title}"] if title else []) + props + ["", text]).strip(),
                          FrontMatter(title=title))
    sections = []
    for title, day, text in notes:
        head = " – ".join(part for part in (f"{day:%A}, {day.day} {day:%B %Y}" if day else None, title) if part)
        sections.append((f"## {head}\n\n" if head else "") + text)
    return LoadedFile("\n\n".join(sections))


def _json_records(document) -> list[dict]:
    if isinstance(document, list):
        return [item for item in document if isinstance(item, dict)]
    if isinstance(document, dict):
        for key in ("entries", "notes", "items", "data", "activeNotes"):  # activeNotes: Simplenote
            if isinstance(document.get(key), list):
                return [item for item in document[key] if isinstance(item, dict)]
        return [document]
    return []


def _json_note(record: dict) -> tuple[str | None, dt.date | None, str] | None:
    if isinstance(record.get("content"), dict):  # Standard Notes: {"content": {"title", "text"}}
        record = {**record, **record["content"]}
    title = next((str(record[k]).strip() for k in _JSON_TITLE if isinstance(record.get(k), str)), None) or None
    parts = [record[k].strip() for k in _JSON_TEXT if isinstance(record.get(k), str) and record[k].strip()][:1]
    checklist = record.get("listContent")  # Google Keep's list notes
    if isinstance(checklist, list):
        parts += [f"- [{'x' if item.get('isChecked') else ' '}] {item.get('text', '').strip()}"
                  for item in checklist if isinstance(item, dict) and str(item.get("text", "")).strip()]
    if not parts:
        return None
    day = next((d for d in (_json_day(record.get(k)) for k in _JSON_DATE if k in record) if d), None)
    return title, day, "\n".join(parts)


def _json_day(value) -> dt.date | None:
    """An ISO date or time, or a Unix time in seconds, milliseconds or microseconds. A
    moment stored in UTC (a Unix time, an ISO time ending "Z") is taken on the day it was
    where the user is (the machine's time zone): Journey's 08:45 UTC is 21:45 in Wellington,
    the same evening. A time with its own offset, or a bare date, is that date."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, (int, float)) and value > 0:
        for scale in (1, 1_000, 1_000_000):
            if value / scale < 4_102_444_800:  # before 2100 in seconds
                return dt.datetime.fromtimestamp(value / scale, dt.UTC).astimezone().date()
        return None
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        utc = moment.utcoffset() == dt.timedelta(0)  # stored in UTC; an offset of its own says where it was
        return moment.astimezone().date() if utc else moment.date()
    return None


_LOADERS = {
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".txt": _load_text,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".odt": _load_odt,
    ".rtf": _load_rtf,
    ".eml": _load_eml,
    ".emlx": _load_emlx,
    ".textbundle": _load_markdown,  # the text read out of the bundle folder (read_textbundle)
    ".html": _load_html,
    ".htm": _load_html,
    ".csv": _load_csv,
    ".tsv": _load_tsv,
    ".xlsx": _load_xlsx,
    ".ics": _load_ics,
    ".vtt": _load_vtt,
    ".srt": _load_srt,
    ".json": _load_json,
    ".vcf": _load_vcf,
}


def _register_exports() -> None:
    from ingest import documents, exports

    _LOADERS.update({".enex": exports.load_enex, ".mbox": exports.load_mbox, ".org": exports.load_org,
                     ".ipynb": exports.load_ipynb, ".canvas": exports.load_canvas, ".opml": exports.load_opml})
    _LOADERS.update(documents.LOADERS)  # .pptx, .ods, .xmind, .mm, .tex, .adoc, .mht, .xml


_register_exports()


def load_bytes(name: str, data: bytes) -> LoadedFile:
    """Load a file's content given its name (the suffix picks the loader)."""
    suffix = Path(name).suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        supported = ", ".join(sorted({s for s in SUPPORTED_SUFFIXES if s not in (".markdown", ".htm")}))
        raise LoadError(f"unsupported file type '{suffix or '(none)'}' (supported: {supported})")
    if not data.strip():
        raise LoadError("is empty")
    loaded = loader(data)
    if not loaded.text.strip():
        raise LoadError("has no text to index")
    return loaded


def load_file(path: Path) -> LoadedFile:
    try:
        data = read_textbundle(path) if path.is_dir() else path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot be read: {exc.strerror or exc}") from exc
    return load_bytes(path.name, data)


def read_textbundle(folder: Path) -> bytes:
    """A TextBundle (Bear's and Ulysses' export: a folder "Note.textbundle" holding text.md
    and info.json) as one Markdown note; the creation time of info.json, when there is one,
    as its ``created`` front matter."""
    import json

    from ingest.limits import read_bounded

    if folder.suffix.lower() != ".textbundle":
        raise LoadError("is a folder, not a file")
    text_file = next((folder / name for name in ("text.md", "text.markdown", "text.txt") if (folder / name).is_file()), None)
    if text_file is None:
        raise LoadError("is a TextBundle with no text.md in it")
    text = read_bounded(text_file)
    try:
        info = json.loads(read_bounded(folder / "info.json")) if (folder / "info.json").is_file() else {}
    except (ValueError, UnicodeDecodeError):
        info = {}
    app = next((v for v in info.values() if isinstance(v, dict) and "creationDate" in v), {}) if isinstance(info, dict) else {}
    created = app.get("creationDate")
    if isinstance(created, str) and re.fullmatch(r"[\d\-:TZ.+]{10,40}", created) and not text.startswith(b"---"):
        return f"---\ncreated: {created}\n---\n".encode() + text
    return text
