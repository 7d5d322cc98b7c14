"""Issue 9: five more kinds of file a person's notes folder really holds, read as notes: an
e-mail saved from a mail client (.eml), rich text from WordPad or TextEdit (.rtf), a
LibreOffice document (.odt), a SubRip transcript (.srt) and a notes app's JSON export
(Google Keep, Day One). Each file is built here the way its tool writes it; the end-to-end
test ingests them into a real store with a tracking table."""

from __future__ import annotations

import io
import json
import zipfile
from email.message import EmailMessage

import pytest

from tests.helpers import ingest_notes_with_table

TABLE = ("name,company,role,stage,notes\n"
         "Femi Adebayo,Kobo360,CFO,primary,I call him Oga Femi\n"
         "Bisi Adeyemi-Cole,Access Bank,Director of Finance,mentor,Mum's friend from church\n"
         "Kunle Bello,Flutterwave,Finance Lead,mentor,\n"
         "Ngozi Okafor,Paystack,Finance Manager,warm,\n")


def eml() -> bytes:
    """A reply from the mentor, plain and HTML parts, as Thunderbird or Apple Mail saves it."""
    message = EmailMessage()
    message["From"] = "Femi Adebayo <femi.adebayo@example.ng>"
    message["To"] = "Tolu Adeyemi <tolu.adeyemi@example.com>"
    message["Date"] = "Sun, 09 Mar 2025 19:42:10 +0100"
    message["Subject"] = "Re: Thank you for today"
    message.set_content("Tolu,\n\nGood to see you today. As promised, the three things:\n\n"
                        "1. Finish ACCA before you think about an MBA. The market here still reads it.\n"
                        "2. Learn SQL properly - one hour every morning for six weeks.\n"
                        "3. Don't accept the counter-offer; the reasons you wanted to leave will still be there.\n\n"
                        "Send me your CV once you have redone it.\n\nFemi\n")
    message.add_alternative("<html><body><p>Tolu,</p><p>Good to see you today.</p></body></html>", subtype="html")
    return bytes(message)


# TextEdit's rich text: an info group with the creation time, bullets as {\listtext} groups,
# each paragraph ended by a backslash at the end of its line.
RTF = "\\\n".join([
    r"{\rtf1\ansi\ansicpg1252\cocoartf2761" "\n" r"{\fonttbl\f0\fswiss\fcharset0 Helvetica;}"
    r"{\colortbl;\red255\green255\blue255;}" "\n"
    r"{\info{\title Aunty Bisi}{\author Tolu}{\creatim\yr2025\mo4\dy12\hr18\min5}}" "\n"
    r"\pard\tx220\tx720\pardirnatural\f0\fs24 \cf0 Lunch with Aunty Bisi \'96 12/04/2025",
    "",
    "What she said:",
    r"\ls1\ilvl0{\listtext	\uc0\u8226 	}Speak up in the first ten minutes of a leadership meeting"
    r" or you won\'92t speak at all",
    r"{\listtext	\uc0\u8226 	}Keep a brag document and update it every Friday",
    "",
    "My to-dos:",
    r"{\listtext	\uc0\u8226 	}Start the brag doc this weekend",
    r"{\listtext	\uc0\u8226 	}Book the Power BI course",
]) + "\\\n}"
# WordPad's: bullets as {\pntext} groups in the Symbol font, paragraphs ended by \par.
WORDPAD_RTF = (r"{\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil Calibri;}{\f1\fnil\fcharset2 Symbol;}}"
               "\n" r"\pard\b\f0\fs22 Points\b0\par" "\n"
               r"\pard{\pntext\f1\'B7\tab}{\*\pn\pnlvlblt\pnf1\pnindent0{\pntxtb\'B7}}\fi-360\li720 Keep a brag "
               r"document\par" "\n" r"{\pntext\f1\'B7\tab}Speak up early\par" "\n}")

_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
<office:body><office:text>
<text:h text:outline-level="1">Session with Ngozi Okafor</text:h>
<text:p>Date: 21/05/2025</text:p>
<text:p>She was<text:s text:c="2"/>generous with her time<text:note><text:note-body><text:p>an hour and a half
</text:p></text:note-body></text:note>.</text:p>
<text:h text:outline-level="2">Key points</text:h>
<text:list><text:list-item><text:p>Ask for the finance manager title before you accept, not after.</text:p>
</text:list-item><text:list-item><text:p>Build one dashboard people use every week.</text:p></text:list-item>
</text:list>
<text:h text:outline-level="2">Homework</text:h>
<text:list><text:list-item><text:p>Draft my 30-60-90 plan and send it to Ngozi</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Course</text:p></table:table-cell>
<table:table-cell><text:p>Cost</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Power BI</text:p></table:table-cell>
<table:table-cell><text:p>N45,000</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""
_ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:meta><meta:creation-date>2025-05-21T20:11:00</meta:creation-date><dc:title>Ngozi</dc:title></office:meta>
</office:document-meta>"""


def odt(content: str = _ODT_CONTENT, meta: str | None = _ODT_META) -> bytes:
    """An OpenDocument text file as LibreOffice lays it out (the mimetype first, stored)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        if meta:
            archive.writestr("meta.xml", meta)
    return buffer.getvalue()


SRT = """1
00:00:01,200 --> 00:00:05,000
Tolu Adeyemi: Thanks for making time, Mr. Bello. Nairobi or Lagos, that is the question.

2
00:00:05,500 --> 00:00:12,000
Kunle Bello: Take the Nairobi role only if they put the relocation package in writing.

3
00:00:12,500 --> 00:00:18,000
Tolu Adeyemi: Okay. I will ask HR for the package in writing by Friday.

4
00:00:18,400 --> 00:00:25,000
Kunle Bello: And talk to two people who moved there from Lagos before you sign anything.
"""

KEEP_JSON = {"color": "DEFAULT", "isTrashed": False, "isPinned": False, "isArchived": False,
             "textContent": "Oga Femi call\n\nHis take: stop apologising for your audit background, it is your "
                            "edge in FP&A interviews.\nPractise the 3-statement model until you can do it "
                            "without notes.\n\nTo do:\n- redo CV summary\n- send him the Paystack JD",
             "title": "Oga Femi 2/8", "userEditedTimestampUsec": 1754150400000000,
             "createdTimestampUsec": 1754136000000000, "labels": [{"name": "Mentoring"}]}
DAY_ONE_JSON = {"metadata": {"version": "1.0"}, "entries": [
    {"creationDate": "2025-09-01T07:30:00Z", "text": "Gym, then the Q3 close. Tired."},
    {"creationDate": "2025-09-03T19:10:00Z", "text": "Call with Kunle Bello tonight.\n\nHe said: say no to the "
                                                     "Nairobi role unless the package is in writing."}]}


def _load(tmp_path, name: str, data: bytes | str):
    from ingest.loaders import load_file

    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return load_file(path)


def test_an_eml_reads_as_a_pasted_email_with_its_headers_and_plain_text(tmp_path):
    loaded = _load(tmp_path, "Re_ Thank you for today.eml", eml())
    lines = loaded.text.splitlines()
    assert lines[:4] == ["From: Femi Adebayo <femi.adebayo@example.ng>", "To: Tolu Adeyemi <tolu.adeyemi@example.com>",
                         "Sent: Sunday, 9 March 2025 19:42", "Subject: Re: Thank you for today"]
    assert "2. Learn SQL properly - one hour every morning for six weeks." in lines
    assert "<p>" not in loaded.text  # the plain part, not the HTML one


def test_an_html_only_eml_reads_as_text():
    from ingest.loaders import load_bytes

    message = EmailMessage()
    message["From"], message["Subject"] = "Ngozi Okafor <n@example.com>", "Notes"
    message.set_content("<html><body><p>Ask for the title.</p><ul><li>Build one dashboard.</li></ul></body></html>",
                        subtype="html")
    text = load_bytes("notes.eml", bytes(message)).text
    assert "Ask for the title." in text and "- Build one dashboard." in text and "<li>" not in text


def test_rtf_from_textedit_and_wordpad_keeps_bullets_title_and_creation_date(tmp_path):
    import datetime as dt

    loaded = _load(tmp_path, "Aunty Bisi lunch.rtf", RTF)
    assert loaded.text.splitlines() == [
        "Lunch with Aunty Bisi – 12/04/2025", "", "What she said:",
        "- Speak up in the first ten minutes of a leadership meeting or you won’t speak at all",
        "- Keep a brag document and update it every Friday", "", "My to-dos:",
        "- Start the brag doc this weekend", "- Book the Power BI course"]
    assert loaded.meta.title == "Aunty Bisi" and loaded.meta.extra["created"] == dt.date(2025, 4, 12)
    assert _load(tmp_path, "wordpad.rtf", WORDPAD_RTF).text.splitlines() == [
        "Points", "- Keep a brag document", "- Speak up early"]


def test_odt_reads_headings_lists_tables_and_meta_without_footnotes(tmp_path):
    import datetime as dt

    loaded = _load(tmp_path, "Ngozi session.odt", odt())
    blocks = loaded.text.split("\n\n")
    assert blocks[:3] == ["# Session with Ngozi Okafor", "Date: 21/05/2025", "She was  generous with her time."]
    assert "- Ask for the finance manager title before you accept, not after." in blocks
    assert "## Homework" in blocks and "- Draft my 30-60-90 plan and send it to Ngozi" in blocks
    assert "| Power BI | N45,000 |" in loaded.text
    assert loaded.meta.title == "Ngozi" and loaded.meta.extra["created"] == dt.date(2025, 5, 21)


def test_srt_reads_as_speaker_lines(tmp_path):
    lines = _load(tmp_path, "2025-06-14 call with Mr Bello.srt", SRT).text.splitlines()
    assert lines[1] == "Kunle Bello: Take the Nairobi role only if they put the relocation package in writing."
    assert len(lines) == 4 and not any("-->" in line for line in lines)


def test_json_exports_of_keep_and_day_one(tmp_path):
    keep = _load(tmp_path, "Oga Femi 2_8.json", json.dumps(KEEP_JSON))
    assert keep.text.splitlines()[:3] == ["# Oga Femi 2/8", "Date: 2025-08-02", ""]
    assert "- send him the Paystack JD" in keep.text
    journal = _load(tmp_path, "journal.json", json.dumps(DAY_ONE_JSON)).text
    assert "## Monday, 1 September 2025" in journal and "## Wednesday, 3 September 2025" in journal
    assert journal.index("Gym, then") < journal.index("## Wednesday") < journal.index("Call with Kunle")


@pytest.mark.parametrize(("name", "data", "error"), [
    ("note.eml", b"just some words\nwith no headers\n", "not an e-mail"),
    ("note.rtf", b"Plain words saved with the wrong name", "not an RTF document"),
    ("note.odt", b"PK\x03\x04 broken", "not a readable OpenDocument"),
    ("sheet.odt", odt(content='<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                              'office:1.0"><office:body><office:spreadsheet/></office:body>'
                              '</office:document-content>', meta=None), "no text body"),
    ("captions.srt", b"1\nhello there\n", "not a SubRip"),
    ("broken.json", b'{"title": "Femi", ', "not valid JSON"),
    ("settings.json", b'{"theme": "dark", "fontSize": 14}', "no note text"),
])
def test_a_bad_file_of_each_new_kind_gets_a_clear_error(tmp_path, name, data, error):
    from ingest.loaders import LoadError

    with pytest.raises(LoadError, match=error):
        _load(tmp_path, name, data)


def test_a_folder_of_them_becomes_meetings_with_their_items(desk, tmp_path):
    """The mentor is found by nickname ("Oga Femi", "Aunty Bisi": honorifics before a name),
    from the e-mail's sender, a heading or a speaker; the date from the e-mail's Date
    header, a line of the note, the file name or the export's timestamp."""
    desk.relationships.profile.update(name="Tolu Adeyemi")
    report = ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Re_ Thank you for today.eml": eml(), "Aunty Bisi lunch.rtf": RTF, "Ngozi session.odt": odt(),
        "2025-06-14 call with Mr Bello.srt": SRT, "Oga Femi 2_8.json": json.dumps(KEEP_JSON)})
    assert not report.skipped
    rel = desk.relationships
    meetings = {m.source.rsplit("/", 1)[-1]: (m.person_name, m.date.isoformat()) for m in rel.meetings.list()}
    assert meetings == {"Re_ Thank you for today.eml": ("Femi Adebayo", "2025-03-09"),
                        "Aunty Bisi lunch.rtf": ("Bisi Adeyemi-Cole", "2025-04-12"),
                        "Ngozi session.odt": ("Ngozi Okafor", "2025-05-21"),
                        "2025-06-14 call with Mr Bello.srt": ("Kunle Bello", "2025-06-14"),
                        "Oga Femi 2_8.json": ("Femi Adebayo", "2025-08-02")}
    items = {(a.kind, a.text) for a in rel.advice.list()}
    assert ("advice", "Finish ACCA before you think about an MBA. The market here still reads it.") in items
    assert ("action", "Send me your CV once you have redone it.") in items  # homework the mentor set
    assert ("advice", "Keep a brag document and update it every Friday") in items
    assert ("action", "Book the Power BI course") in items
    assert ("action", "Draft my 30-60-90 plan and send it to Ngozi") in items
    assert ("advice", "Take the Nairobi role only if they put the relocation package in writing.") in items
    assert any(kind == "action" and text.startswith("I will ask HR for the package") for kind, text in items)
    assert ("action", "send him the Paystack JD") in items
