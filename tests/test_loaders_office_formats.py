"""More files a mentee keeps notes in, each read as the note a person sees: a slide deck
with speaker notes (.pptx), a LibreOffice Calc log (.ods), mind maps (XMind .xmind,
FreeMind / Freeplane .mm), a LaTeX note (.tex), an AsciiDoc note (.adoc), a page saved as
one file by Word or a browser (.mht) and a Jira issue export (.xml). Every file is built
here the way its tool writes it; a damaged or foreign one is refused with a reason."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from email.message import EmailMessage

import pytest

from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_bytes
from tests.helpers import load_written


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# ----- PowerPoint -----------------------------------------------------------------------
_P = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _shape(paragraphs: str, placeholder: str | None = None, text_box: bool = False) -> str:
    ph = f"<p:nvPr><p:ph {placeholder}/></p:nvPr>" if placeholder is not None else "<p:nvPr/>"
    box = ' txBox="1"' if text_box else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr{box}/>{ph}</p:nvSpPr><p:spPr/>'
            f"<p:txBody><a:bodyPr/>{paragraphs}</p:txBody></p:sp>")


def _para(text: str, level: int = 0, bullet: str = "") -> str:
    props = f'<a:pPr lvl="{level}">{bullet}</a:pPr>' if level or bullet else ""
    return f"<a:p>{props}<a:r><a:rPr lang=\"en-GB\"/><a:t>{text}</a:t></a:r></a:p>"


def _slide(*shapes: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld {_P}><p:cSld><p:spTree>'
            '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f"{''.join(shapes)}</p:spTree></p:cSld></p:sld>")


def pptx(core: bool = True) -> bytes:
    """A two-slide deck as PowerPoint saves it: the deck's order in presentation.xml (the
    slide files numbered the other way round), speaker notes on the first slide."""
    first = _slide(
        _shape(_para("Session with Ana Souza"), 'type="title"'),
        _shape(_para("Ask for the stretch project before the review cycle")
               + _para("Name the project and the skills it shows", level=1)
               + _para("Keep a brag document"), 'type="body" idx="1"'),
        _shape(_para("☒ Sent Ana the deck") + _para("☐ Book the Power BI course"), None, text_box=True),
        _shape(_para("14"), 'type="sldNum" sz="quarter" idx="12"'),
    )
    second = _slide(
        _shape(_para("Next steps"), 'type="title"'),
        _shape(_para("Draft the promotion case", bullet='<a:buChar char="•"/>'), None, text_box=True),
        _shape(_para("Confidential – do not forward", bullet="<a:buNone/>"), 'type="body" idx="1"'),
    )
    notes = (f'<?xml version="1.0" encoding="UTF-8"?><p:notes {_P}><p:cSld><p:spTree>'
             + _shape("", 'type="sldImg"')
             + _shape(_para("She said the review cycle starts in May.") + _para("Follow up with Priya next week."),
                      'type="body" idx="1"')
             + "</p:spTree></p:cSld></p:notes>")
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "ppt/presentation.xml": (f'<p:presentation {_P}><p:sldIdLst><p:sldId id="256" r:id="rId7"/>'
                                 '<p:sldId id="257" r:id="rId8"/></p:sldIdLst></p:presentation>'),
        "ppt/_rels/presentation.xml.rels": (f'<Relationships {_RELS}>'
                                            f'<Relationship Id="rId7" Type="{_REL}/slide" Target="slides/slide2.xml"/>'
                                            f'<Relationship Id="rId8" Type="{_REL}/slide" Target="slides/slide1.xml"/>'
                                            "</Relationships>"),
        "ppt/slides/slide2.xml": first,
        "ppt/slides/_rels/slide2.xml.rels": (f'<Relationships {_RELS}><Relationship Id="rId2" '
                                             f'Type="{_REL}/notesSlide" Target="../notesSlides/notesSlide1.xml"/>'
                                             "</Relationships>"),
        "ppt/notesSlides/notesSlide1.xml": notes,
        "ppt/slides/slide1.xml": second,
    }
    if core:
        parts["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Mentoring – Ana</dc:title>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-15T03:30:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-20T12:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")
    return _zip(parts)


def test_a_slide_deck_reads_slide_by_slide_with_its_speaker_notes(tmp_path):
    loaded = load_written(tmp_path, "Ana session.pptx", pptx())
    lines = loaded.text.splitlines()
    # the deck's own order, each slide's title a heading
    assert lines.index("## Session with Ana Souza") < lines.index("## Next steps")
    assert "- Ask for the stretch project before the review cycle" in lines
    assert "  - Name the project and the skills it shows" in lines  # a second-level bullet, nested
    assert "- [x] Sent Ana the deck" in lines and "- [ ] Book the Power BI course" in lines
    assert "- Draft the promotion case" in lines  # a text box's own bullet
    assert "Confidential – do not forward" in lines  # "no bullet" in a body placeholder: a plain line
    assert "14" not in lines  # the slide number is not the slide's text
    # the speaker notes under their slide, before the next one
    notes = lines.index("Speaker notes:")
    assert lines.index("## Session with Ana Souza") < notes < lines.index("## Next steps")
    assert lines[notes + 1:notes + 3] == ["She said the review cycle starts in May.", "Follow up with Priya next week."]
    assert loaded.meta.title == "Mentoring – Ana"


def test_a_decks_created_time_is_the_users_own_day(tmp_path, user_clock):
    user_clock("America/Los_Angeles")  # 03:30 UTC on the 15th is the evening of the 14th there
    loaded = load_bytes("deck.pptx", pptx())
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)
    assert loaded.meta.extra["modified"] == dt.date(2025, 3, 20)
    assert "created" not in load_bytes("deck.pptx", pptx(core=False)).meta.extra


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04 not really a zip", "not a readable PowerPoint presentation"),
    (_zip({"docProps/app.xml": "<Properties/>"}), "PowerPoint presentation with no slides"),
    (_zip({"ppt/slides/slide1.xml": "<p:sld broken"}), "not a readable PowerPoint presentation"),
])
def test_a_damaged_deck_is_refused_with_a_reason(data, reason):
    with pytest.raises(LoadError, match=reason) as caught:
        load_bytes("deck.pptx", data)
    assert "\n" not in str(caught.value)


# ----- LibreOffice Calc -----------------------------------------------------------------
_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
LOG_ROWS = [["Date", "Mentor", "Type", "Point", "Status"],
            [dt.date(2025, 3, 14), "Ana Souza", "Advice", "Ask for the stretch project before the review", None],
            [None, None, "Action", "Send Ana my promotion case", "Done"],
            [None, None, "Action", "Book the Power BI course", "Open"]]


def _ods_cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%d/%m/%y}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods(rows=LOG_ROWS, body: str | None = None) -> bytes:
    """A Calc sheet as LibreOffice saves it: the padding to the sheet's last column and row
    written as repeated empty cells and rows, a date cell with its ISO value."""
    table_rows = "".join(f"<table:table-row>{''.join(_ods_cell(v) for v in row)}"
                         '<table:table-cell table:number-columns-repeated="16379"/></table:table-row>' for row in rows)
    table_rows += ('<table:table-row table:number-rows-repeated="1048571">'
                   '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    body = body or (f'<office:spreadsheet><table:table table:name="Ana log"><table:table-column '
                    f'table:number-columns-repeated="16384"/>{table_rows}</table:table></office:spreadsheet>')
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:body>{body}' \
              "</office:body></office:document-content>"
    meta = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<office:meta><meta:creation-date>2025-03-14T18:05:00.123</meta:creation-date>"
            "<dc:title>Ana log</dc:title></office:meta></office:document-meta>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
    return buffer.getvalue()


def xlsx(rows=LOG_ROWS) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ana log"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_calc_log_reads_exactly_as_the_same_excel_log(tmp_path):
    loaded = load_written(tmp_path, "Ana log.ods", ods())
    assert loaded.text == load_bytes("Ana log.xlsx", xlsx()).text  # the same rows, the same note
    lines = loaded.text.splitlines()
    assert "Date: 2025-03-14" in lines and "Mentor: Ana Souza" in lines  # the date cell as a date
    assert "- [x] Send Ana my promotion case" in lines and "- [ ] Book the Power BI course" in lines
    assert loaded.meta.title == "Ana log" and loaded.meta.extra["created"] == dt.date(2025, 3, 14)


def test_a_repeated_row_and_a_gap_of_empty_columns_keep_their_cells():
    rows = [["Topic", "", "Said"], ["Salary", "", "Ask for the range first"]]
    body = ('<office:spreadsheet><table:table table:name="S">'
            f"<table:table-row>{_ods_cell('Topic')}<table:table-cell table:number-columns-repeated=\"2\"/>"
            f"{_ods_cell('Said')}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="2">{_ods_cell("Salary")}'
            f'<table:table-cell table:number-columns-repeated="2"/>{_ods_cell("Ask for the range first")}'
            "</table:table-row></table:table></office:spreadsheet>")
    text = load_bytes("s.ods", ods(rows, body=body)).text
    assert text == "Topic: Salary; Said: Ask for the range first\n\nTopic: Salary; Said: Ask for the range first"


def test_a_huge_repeat_count_is_refused_not_expanded():
    body = ('<office:spreadsheet><table:table table:name="S">'
            f'<table:table-row table:number-rows-repeated="900000000">{_ods_cell("x")}</table:table-row>'
            "</table:table></office:spreadsheet>")
    with pytest.raises(LoadError, match="more than 20,000 rows in its sheet 'S'"):
        load_bytes("s.ods", ods(body=body))


def test_a_text_document_named_ods_is_refused_with_a_reason():
    with pytest.raises(LoadError, match="no spreadsheet in it"):
        load_bytes("notes.ods", ods(body="<office:text><text:p>hello</text:p></office:text>"))


# ----- mind maps ------------------------------------------------------------------------
ZEN_CONTENT = [{
    "id": "s1", "class": "sheet", "title": "Sheet 1",
    "rootTopic": {
        "id": "r", "class": "topic", "title": "Coffee with Ana Souza",
        "notes": {"plain": {"content": "Café Lisboa, 14 March"}},
        "children": {"attached": [
            {"id": "a", "title": "Advice", "children": {"attached": [
                {"id": "a1", "title": "Ask for the stretch project",
                 "notes": {"plain": {"content": "before the review cycle\nshe did it in 2019"}}},
                {"id": "a2", "title": "Keep a brag\ndocument", "labels": ["weekly"]}]}},
            {"id": "t", "title": "My actions", "children": {"attached": [
                {"id": "t1", "title": "Send Ana my CV", "markers": [{"markerId": "task-done"}]},
                {"id": "t2", "title": "Book the course", "markers": [{"markerId": "task-half"}]},
                {"id": "t3", "title": "Thank her", "markers": [{"markerId": "priority-1"}]}]}}]},
    },
}]


def test_an_xmind_map_reads_as_a_nested_outline_with_tasks(tmp_path):
    data = _zip({"content.json": json.dumps(ZEN_CONTENT), "metadata.json": "{}",
                 "content.xml": "<xmap-content>Warning: this file cannot be opened in XMind 8</xmap-content>"})
    loaded = load_written(tmp_path, "Ana.xmind", data)
    assert loaded.text.splitlines() == [
        "# Coffee with Ana Souza",
        "Café Lisboa, 14 March",
        "- Advice",
        "  - Ask for the stretch project",
        "    before the review cycle",
        "    she did it in 2019",
        "  - Keep a brag document (weekly)",
        "- My actions",
        "  - [x] Send Ana my CV",
        "  - [ ] Book the course",
        "  - Thank her",
    ]
    assert loaded.meta.title == "Coffee with Ana Souza"


XMIND8_CONTENT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" xmlns:xhtml="http://www.w3.org/1999/xhtml"
 timestamp="1742140800000" version="2.0">
<sheet id="s1" timestamp="1742140800000"><topic id="r" structure-class="org.xmind.ui.map.clockwise">
<title>Mentoring – Ana</title>
<children><topics type="attached">
<topic id="a"><title>Speak up in the first ten minutes</title>
<notes><plain>She said it twice</plain><html><xhtml:p>She said it twice</xhtml:p></html></notes></topic>
<topic id="b"><title>Send the deck</title><marker-refs><marker-ref marker-id="task-done"/></marker-refs></topic>
</topics></children></topic><title>Q1 sessions</title></sheet></xmap-content>"""
XMIND8_META = """<?xml version="1.0" encoding="UTF-8"?><meta xmlns="urn:xmind:xmap:xmlns:meta:2.0" version="2.0">
<Author><Name>me</Name></Author><Create><Time>2025-03-14 20:15:45</Time></Create></meta>"""


def test_an_xmind_8_map_gives_its_sheet_and_creation_day():
    loaded = load_bytes("Ana.xmind", _zip({"content.xml": XMIND8_CONTENT, "meta.xml": XMIND8_META}))
    assert loaded.text.splitlines() == ["# Mentoring – Ana", "Sheet: Q1 sessions",
                                        "- Speak up in the first ten minutes", "  She said it twice",
                                        "- [x] Send the deck"]
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)


@pytest.mark.parametrize("data, reason", [
    (b"not a zip at all", "not a readable XMind mind map"),
    (_zip({"metadata.json": "{}"}), "neither content.json nor content.xml"),
    (_zip({"content.json": "{not json"}), "content.json is not JSON"),
    (_zip({"content.json": "[]"}), "no sheet with a central topic"),
])
def test_a_broken_xmind_file_is_refused_with_a_reason(data, reason):
    with pytest.raises(LoadError, match=reason):
        load_bytes("map.xmind", data)


FREEMIND = """<map version="1.0.1">
<!-- To view this file, download free mind mapping software FreeMind from http://freemind.sourceforge.net -->
<node CREATED="1741953600000" ID="ID_1" MODIFIED="1742212800000" TEXT="Mentoring with Ana">
<node CREATED="1741953600000" ID="ID_2" POSITION="right" TEXT="Advice">
<node ID="ID_3" TEXT="Ask for the stretch project">
<richcontent TYPE="NOTE"><html><head></head><body><p>before the review cycle</p></body></html></richcontent>
</node>
<node ID="ID_4" TEXT="Keep a brag document"/>
</node>
<node ID="ID_5" POSITION="left" TEXT="Actions">
<node ID="ID_6" TEXT="Send Ana my CV"><icon BUILTIN="button_ok"/></node>
<node ID="ID_7"><richcontent TYPE="NODE"><html><body><p>Book the <b>Power BI</b> course</p></body></html></richcontent>
<attribute NAME="Due" VALUE="2025-03-31"/></node>
</node>
</node>
</map>"""


def test_a_freemind_map_reads_as_an_outline_with_its_ticked_tasks(tmp_path, user_clock):
    user_clock("Europe/London")
    loaded = load_written(tmp_path, "Ana.mm", FREEMIND)
    assert loaded.text.splitlines() == [
        "# Mentoring with Ana",
        "- Advice",
        "  - Ask for the stretch project",
        "    before the review cycle",
        "  - Keep a brag document",
        "- Actions",
        "  - [x] Send Ana my CV",
        "  - Book the Power BI course",
        "    Due: 2025-03-31",
    ]
    assert loaded.meta.title == "Mentoring with Ana"
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)  # the root's CREATED, in milliseconds
    assert loaded.meta.extra["modified"] == dt.date(2025, 3, 17)


def test_a_file_that_is_not_a_mind_map_is_refused():
    with pytest.raises(LoadError, match="not a FreeMind or Freeplane mind map"):
        load_bytes("x.mm", b"<html><body>hi</body></html>")
    with pytest.raises(LoadError, match="not a readable FreeMind or Freeplane mind map"):
        load_bytes("x.mm", b"<map><node TEXT='unclosed'></map>")


# ----- LaTeX ----------------------------------------------------------------------------
TEX = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage{amssymb}
\newcommand{\mentor}[1]{\textsc{#1}}
\title{Session with Ana Souza}
\author{Tolu Adeyemi \and Ana Souza}
\date{14 March 2025}
\begin{document}
\maketitle
% private: I was late, do not index this
\section{What she said}
Ana's view: ``ask early'' -- before the review cycle starts, not after it.
She thinks the \textbf{stretch project} is the
best evidence~I can bring. 50\% of promotions are decided before the meeting.

\begin{itemize}
  \item Keep a \emph{brag document} and update it every Friday
  \begin{itemize}
    \item with numbers, not adjectives
  \end{itemize}
  \item Talk to \mentor{Priya} about the \texttt{FP\&A} role --- she moved last year
\end{itemize}

\subsection*{My actions}
\begin{itemize}
  \item[$\boxtimes$] Send Ana my promotion case
  \item[$\square$] Book the Power BI course
\end{itemize}
\begin{verbatim}
# keep as typed, 100%
\end{verbatim}
\end{document}
"""


def test_a_latex_note_reads_as_its_typeset_text(tmp_path):
    loaded = load_written(tmp_path, "ana.tex", TEX)
    lines = loaded.text.splitlines()
    assert lines[:3] == ["# Session with Ana Souza", "Author: Tolu Adeyemi, Ana Souza", "Date: 14 March 2025"]
    assert "## What she said" in lines and "### My actions" in lines
    assert ('Ana\'s view: "ask early" – before the review cycle starts, not after it. She thinks the stretch '
            "project is the best evidence I can bring. 50% of promotions are decided before the meeting.") in lines
    assert "- Keep a brag document and update it every Friday" in lines
    assert "  - with numbers, not adjectives" in lines
    assert "- Talk to Priya about the FP&A role — she moved last year" in lines  # a macro's words kept
    assert "- [x] Send Ana my promotion case" in lines and "- [ ] Book the Power BI course" in lines
    assert "```" in lines and "# keep as typed, 100%" in lines  # verbatim kept, fenced
    assert "private" not in loaded.text and "usepackage" not in loaded.text and "amssymb" not in loaded.text
    assert "\\" not in loaded.text.replace("```", "")
    assert loaded.meta.title == "Session with Ana Souza"


def test_a_latex_fragment_without_a_preamble_is_read_too():
    text = load_bytes("n.tex", b"\\section{Call with Priya}\nShe said: \\emph{apply}.\n").text
    assert text.splitlines() == ["## Call with Priya", "", "She said: apply."]


# ----- AsciiDoc -------------------------------------------------------------------------
ADOC = """= Session with Ana Souza
Tolu Adeyemi <tolu@example.com>
v1.0, 2025-03-14: after the call
:toc:
:mentor: Ana Souza
:revdate: 2025-03-14

// private: I was late

== What she said

Talk to {mentor} again in April.
NOTE: She repeated the *stretch project* point twice.

* Ask for the stretch project before the review
** with numbers, not adjectives
* Keep a _brag document_, see https://example.com/brag[her template]

. Draft the case
. Share it with Priya

[TIP]
====
Start the brag doc this weekend.
====

=== My actions

* [x] Send Ana my CV
* [ ] Book the Power BI course

Cadence:: every second Tuesday

----
$ notes --sync
== not a heading
----

|===
|Course |Cost
|Power BI |N45,000
|===
"""


def test_an_asciidoc_note_reads_as_markdown(tmp_path):
    loaded = load_written(tmp_path, "ana.adoc", ADOC)
    lines = loaded.text.splitlines()
    assert lines[:3] == ["# Session with Ana Souza", "Author: Tolu Adeyemi", "Date: 2025-03-14"]
    assert lines.count("Date: 2025-03-14") == 1  # the revision line's date and :revdate: are one date
    assert "## What she said" in lines and "### My actions" in lines
    assert "Talk to Ana Souza again in April." in lines  # an attribute reference filled in
    assert "NOTE: She repeated the stretch project point twice." in lines
    assert "- Ask for the stretch project before the review" in lines
    assert "  - with numbers, not adjectives" in lines
    assert "- Keep a brag document, see her template" in lines
    assert "1. Draft the case" in lines and "2. Share it with Priya" in lines
    assert "TIP: Start the brag doc this weekend." in lines
    assert "- [x] Send Ana my CV" in lines and "- [ ] Book the Power BI course" in lines
    assert "Cadence: every second Tuesday" in lines
    assert not any(line.strip() in ("====", "----", "|===") for line in lines)  # block delimiters dropped
    assert ["```", "$ notes --sync", "== not a heading", "```"] == lines[lines.index("```"):lines.index("```") + 4]
    assert "| Course | Cost |" in lines and "| Power BI | N45,000 |" in lines
    assert "private" not in loaded.text and ":toc:" not in loaded.text
    assert loaded.meta.title == "Session with Ana Souza"


def test_asciidoc_suffix_is_read_the_same():
    assert load_bytes("a.asciidoc", ADOC.encode()).text == load_bytes("a.adoc", ADOC.encode()).text


# ----- single-file web pages ------------------------------------------------------------
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<title>Caf\u00e9 with Ana</title>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Tolu</o:Author>
<o:Created>2025-03-14T12:00:00Z</o:Created><o:LastSaved>2025-03-16T12:00:00Z</o:LastSaved>
</o:DocumentProperties></xml><![endif]--><style>p.MsoNormal {margin:0cm}</style></head>
<body lang=EN-GB><div class=WordSection1>
<h1>Caf\u00e9 with Ana Souza</h1>
<p class=MsoNormal>She said: ask for the stretch project before the review.</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'>\u00b7<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Keep a brag document</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span><![endif]>update it every Friday</p>
<p class=MsoNormal><span style='font-family:"MS Gothic"'>&#9746;</span> Send Ana my CV</p>
<p class=MsoNormal><span style='font-family:"MS Gothic"'>&#9744;</span> Book the Power BI course</p>
</div></body></html>"""


def word_mht() -> bytes:
    """Word's "Single File Web Page": multipart/related, the page quoted-printable in
    Windows-1252, an image beside it."""
    message = EmailMessage()
    message["MIME-Version"] = "1.0"
    message.set_type("multipart/related")
    message.set_param("type", "text/html")
    page = EmailMessage()
    page.set_content(WORD_HTML.encode("cp1252"), maintype="text", subtype="html", cte="quoted-printable")
    page.set_param("charset", "windows-1252")
    page["Content-Location"] = "file:///C:/Users/tolu/Cafe.htm"
    message.attach(page)
    image = EmailMessage()
    image.set_content(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png")
    message.attach(image)
    return bytes(message)


def test_a_word_single_file_web_page_reads_as_its_document(tmp_path, user_clock):
    user_clock("Europe/Berlin")
    loaded = load_written(tmp_path, "Café with Ana.mht", word_mht())
    lines = [line for line in loaded.text.splitlines() if line]
    assert "# Café with Ana Souza" in lines  # Windows-1252 honoured
    assert "She said: ask for the stretch project before the review." in lines
    assert "- Keep a brag document" in lines and "  - update it every Friday" in lines  # Word's bullets
    assert "- [x] Send Ana my CV" in lines and "- [ ] Book the Power BI course" in lines  # Word's ☒ and ☐
    assert "MsoNormal" not in loaded.text and "Tolu" not in loaded.text  # styles and properties are not text
    assert loaded.meta.title == "Café with Ana"
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)  # <o:Created>


def test_a_browser_mhtml_takes_its_saved_date_and_subject():
    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Subject"] = "Notes – Priya"
    message["Date"] = "Fri, 14 Mar 2025 13:00:00 +0100"
    message["MIME-Version"] = "1.0"
    message.set_content("<html><body><h2>Call with Priya</h2><ul><li>Apply for the FP&amp;A role</li></ul>"
                        "</body></html>", subtype="html", charset="utf-8", cte="base64")
    loaded = load_bytes("priya.mhtml", bytes(message))
    assert "## Call with Priya" in loaded.text and "- Apply for the FP&A role" in loaded.text
    assert loaded.meta.title == "Notes – Priya"
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)


@pytest.mark.parametrize("data, reason", [
    (b"just some words, no headers\n", "no MIME Content-Type header"),
    (b"MIME-Version: 1.0\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n",
     "no web page"),
])
def test_a_file_that_is_no_web_archive_is_refused(data, reason):
    with pytest.raises(LoadError, match=reason):
        load_bytes("page.mht", data)


# ----- Jira XML -------------------------------------------------------------------------
JIRA = """<?xml version="1.0" encoding="UTF-8"?>
<!--  RSS generated by JIRA (1001.0.0-SNAPSHOT#100250) at Mon Mar 17 10:00:00 UTC 2025 -->
<rss version="0.92">
<channel>
  <title>Jira</title>
  <link>https://acme.atlassian.net/issues/?jql=key%3DMENT-12</link>
  <description>An XML representation of a search request</description>
  <language>en-us</language>
  <issue start="0" end="1" total="1"/>
  <build-info><version>1001.0.0-SNAPSHOT</version></build-info>
  <item>
    <title>[MENT-12] Prepare the promotion case with Ana</title>
    <link>https://acme.atlassian.net/browse/MENT-12</link>
    <project id="10000" key="MENT">Mentoring</project>
    <description>&lt;p&gt;Ana said: &lt;b&gt;ask early&lt;/b&gt;, before the review cycle.&lt;/p&gt;
&lt;ul&gt;&lt;li&gt;Collect three examples&lt;/li&gt;&lt;li&gt;Ask Priya for a reference&lt;/li&gt;&lt;/ul&gt;</description>
    <environment></environment>
    <key id="10012">MENT-12</key>
    <summary>Prepare the promotion case with Ana</summary>
    <type id="10002">Task</type>
    <priority id="3">Medium</priority>
    <status id="10001" description="">In Progress</status>
    <resolution id="-1">Unresolved</resolution>
    <assignee accountid="712020:aaa">Tolu Adeyemi</assignee>
    <reporter accountid="557058:bbb">Ana Souza</reporter>
    <labels><label>mentoring</label><label>promotion</label></labels>
    <created>Fri, 14 Mar 2025 13:12:00 +0100</created>
    <updated>Mon, 17 Mar 2025 10:00:00 +0000</updated>
    <due>Mon, 31 Mar 2025 00:00:00 +0100</due>
    <comments>
      <comment id="10100" author="557058:bbb" created="Sat, 15 Mar 2025 10:00:00 +0100">&lt;p&gt;Send me the draft by Friday.&lt;/p&gt;</comment>
      <comment id="10101" author="712020:aaa" created="Sun, 16 Mar 2025 18:30:00 +0100">&lt;p&gt;Draft sent.&lt;/p&gt;</comment>
    </comments>
    <customfields>
      <customfield id="customfield_10019" key="com.pyxis.greenhopper.jira:gh-lexo-rank">
        <customfieldname>Rank</customfieldname>
        <customfieldvalues><customfieldvalue>0|i0001b:</customfieldvalue></customfieldvalues>
      </customfield>
      <customfield id="customfield_10020" key="com.pyxis.greenhopper.jira:gh-sprint">
        <customfieldname>Sprint</customfieldname>
        <customfieldvalues><customfieldvalue id="3">Q1 growth</customfieldvalue></customfieldvalues>
      </customfield>
    </customfields>
  </item>
</channel>
</rss>"""


def test_a_jira_issue_export_reads_as_a_note_with_its_comments(tmp_path):
    loaded = load_written(tmp_path, "MENT-12.xml", JIRA)
    lines = loaded.text.splitlines()
    assert lines[:2] == ["# [MENT-12] Prepare the promotion case with Ana", "Created: 2025-03-14 13:12"]
    for line in ("Status: In Progress", "Assignee: Tolu Adeyemi", "Reporter: Ana Souza", "Due: 2025-03-31",
                 "Labels: mentoring, promotion", "Sprint: Q1 growth"):
        assert line in lines
    assert "Ana said: ask early, before the review cycle." in lines
    assert "- Collect three examples" in lines and "- Ask Priya for a reference" in lines
    assert lines.index("## Comments") < lines.index("### Ana Souza – 2025-03-15 10:00") \
        < lines.index("Send me the draft by Friday.") < lines.index("### Tolu Adeyemi – 2025-03-16 18:30")
    assert "0|i0001b" not in loaded.text and "<p>" not in loaded.text  # Jira's rank and HTML are not the note
    assert loaded.meta.title == "[MENT-12] Prepare the promotion case with Ana"
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)


@pytest.mark.parametrize("data, reason", [
    (b'<?xml version="1.0"?><project><dependencies/></project>',
     r"XML document of another kind \(<project>\); the XML files read are a Jira issue export"),
    (b'<rss version="2.0"><channel><title>Blog</title><item><title>Post</title></item></channel></rss>',
     "RSS feed that is not a Jira export"),
    (b"<rss><channel><item>", "not a readable XML file"),
])
def test_other_xml_is_refused_with_the_kinds_that_are_read(data, reason):
    with pytest.raises(LoadError, match=reason) as caught:
        load_bytes("export.xml", data)
    assert "\n" not in str(caught.value)


def test_an_outline_saved_as_xml_is_read_as_the_outline():
    opml = b'<opml version="2.0"><head><title>Ana</title></head><body><outline text="Ask early"/></body></opml>'
    assert load_bytes("ana.xml", opml).text == "# Ana\n- Ask early"


# ----- every new type -------------------------------------------------------------------
NEW_SUFFIXES = (".pptx", ".ods", ".xmind", ".mm", ".tex", ".adoc", ".asciidoc", ".mht", ".mhtml", ".xml")


def test_the_new_types_are_offered_for_upload():
    assert set(NEW_SUFFIXES) <= set(SUPPORTED_SUFFIXES)


@pytest.mark.parametrize("suffix", NEW_SUFFIXES)
@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03garbage\xff\xfe" * 40, b"PK\x03\x04" + b"\x00" * 60])
def test_garbage_in_any_new_type_is_a_one_line_load_error(suffix, data):
    with pytest.raises(LoadError) as caught:
        load_bytes(f"file{suffix}", data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("suffix", [".xml", ".mm"])
def test_an_xml_file_never_reads_a_file_it_points_at(suffix):
    data = b"<?xml version='1.0'?><!DOCTYPE map [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><map><node TEXT='&e;'/></map>"
    try:
        text = load_bytes(f"map{suffix}", data).text
    except LoadError as exc:
        text = str(exc)
    assert "root:" not in text


def test_a_folder_of_them_becomes_meetings_with_the_mentor_and_their_items(desk, tmp_path, user_clock):
    from tests.helpers import ingest_notes_with_table

    user_clock("America/Los_Angeles")
    table = "name,company,role,stage,notes\nAna Souza,Acme,Director,mentor,\nPriya Raman,Globex,Finance Lead,mentor,\n"
    report = ingest_notes_with_table(desk, tmp_path, table, {
        "Ana session.pptx": pptx(), "Ana log.ods": ods(), "Ana.mm": FREEMIND, "ana.tex": TEX, "ana.adoc": ADOC,
        "Cafe with Ana.mht": word_mht(), "MENT-12.xml": JIRA, "pom.xml": b"<project><modelVersion/></project>"})
    [(skipped, reason)] = report.skipped  # a build file is refused with the kinds read; the others are read
    assert skipped.endswith("pom.xml") and "Jira issue export" in reason
    rel = desk.relationships
    meetings = {m.source.rsplit("/", 1)[-1]: (m.person_name, m.date.isoformat()) for m in rel.meetings.list()}
    assert meetings == {name: ("Ana Souza", "2025-03-14") for name in (
        "Ana session.pptx", "Ana log.ods", "Ana.mm", "ana.tex", "ana.adoc", "Cafe with Ana.mht", "MENT-12.xml")}
    items = {(a.text, a.done) for a in rel.advice.list()}
    assert ("Send Ana my promotion case", True) in items  # the Calc log's "Done" status
    assert ("Sent Ana the deck", True) in items and ("Book the Power BI course", False) in items  # the deck's boxes
