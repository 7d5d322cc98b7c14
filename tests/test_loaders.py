"""Loaders and front matter: what text and metadata each supported format yields, and the
one-line reason a user sees for every kind of file that cannot be ingested."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BAD_NOTES_DIR, NOTES_DIR
from helpers import damage_docx_part, make_docx, make_html, make_pdf

from ingest.frontmatter import FrontMatterError, split_front_matter
from ingest.loaders import LoadError, load_bytes, load_file

# ----- markdown and front matter -------------------------------------------------------


def test_markdown_front_matter_becomes_metadata_and_is_not_in_the_text():
    loaded = load_file(NOTES_DIR / "2025-01-17-priya-raman.md")
    assert loaded.meta.mentor == "Priya Raman"
    assert loaded.meta.date == dt.date(2025, 1, 17)
    assert loaded.meta.title == "First session: staff track or manager track?"
    assert loaded.meta.tags == ["career-path", "goals", "management"]
    assert "mentor: Priya Raman" not in loaded.text
    assert loaded.text.lstrip().startswith("## Purpose")


def test_front_matter_comma_separated_tags_and_unknown_keys_are_kept():
    meta, body = split_front_matter("---\ntitle: T\ntags: a, b ,c\nlocation: Lisbon\n---\nBody here.\n")
    assert meta.tags == ["a", "b", "c"]
    assert meta.extra == {"location": "Lisbon"}
    assert body == "Body here.\n"


def test_markdown_without_front_matter_is_all_body():
    loaded = load_bytes("plain.md", b"# Heading\n\nJust text.")
    assert loaded.text == "# Heading\n\nJust text."
    assert loaded.meta.mentor is None and loaded.meta.date is None


@pytest.mark.parametrize(
    "text, reason",
    [
        ("---\ntitle: x\nbody without a closing line\n", "no closing ---"),
        ('---\ntitle: "unterminated\nmentor: A\n---\nbody\n', "not valid YAML"),
        ("---\nmentor: A\ndate: 2025-13-45\n---\nbody\n", "'2025-13-45' is not a valid YYYY-MM-DD date"),
        ("---\n- a\n- b\n---\nbody\n", "key: value"),
        ("---\ntags: 7\n---\nbody\n", "tags must be a list"),
    ],
)
def test_broken_front_matter_is_an_error_that_names_the_problem(text, reason):
    with pytest.raises(FrontMatterError, match=reason):
        split_front_matter(text)
    with pytest.raises(LoadError, match=reason):
        load_bytes("note.md", text.encode())


def test_the_sample_broken_notes_are_rejected_with_their_reason():
    reasons = {}
    for path in sorted(BAD_NOTES_DIR.iterdir()):
        with pytest.raises(LoadError) as caught:
            load_file(path)
        reasons[path.name] = str(caught.value)
    assert "not valid YAML" in reasons["2025-09-02-daniel-okafor.md"]
    assert "2025-13-45" in reasons["2025-13-45-mei-tanaka.md"]


def test_suffix_is_case_insensitive():
    assert load_bytes("NOTES.MD", b"---\nmentor: Mei Tanaka\n---\nHello").meta.mentor == "Mei Tanaka"


# ----- other formats ---------------------------------------------------------------------


def test_pdf_text_is_extracted_page_by_page_with_its_title():
    data = make_pdf(
        [["Quarterly review (Q3) with the promotion committee."], ["Ask Priya about sponsorship next time."]],
        title="Promotion packet",
    )
    loaded = load_bytes("packet.pdf", data)
    assert loaded.meta.title == "Promotion packet"
    assert "## Page 1\n\nQuarterly review (Q3) with the promotion committee." in loaded.text
    assert "## Page 2\n\nAsk Priya about sponsorship next time." in loaded.text


def test_docx_headings_lists_and_tables_become_markdown():
    data = make_docx(
        "Negotiation checklist",
        ["Ask about the signing bonus before the start date."],
        bullets=["Get the offer in writing"],
        table=[["Contact", "Role"], ["Amara Nwosu", "Angel investor"]],
        title="Offer prep",
    )
    loaded = load_bytes("offer.docx", data)
    assert loaded.meta.title == "Offer prep"
    lines = loaded.text.split("\n\n")
    assert lines[0] == "# Negotiation checklist"
    assert "Ask about the signing bonus before the start date." in lines
    assert "- Get the offer in writing" in lines
    assert "| Contact | Role |\n|---|---|\n| Amara Nwosu | Angel investor |" in lines  # a Markdown table


def test_html_keeps_headings_and_title_and_drops_scripts_and_styles():
    loaded = load_bytes("page.html", make_html("Cadence tips", "Meeting rhythm", "Meet every six weeks."))
    assert loaded.meta.title == "Cadence tips"
    assert "## Meeting rhythm" in loaded.text
    assert "Meet every six weeks." in loaded.text
    assert "secret-tracker-id" not in loaded.text
    assert "color: red" not in loaded.text


def test_csv_rows_become_labelled_lines():
    loaded = load_bytes("targets.csv", b"name,company,notes\nAmara Nwosu,Larkspur,\nCarlos Mendes,Tidewell,met twice\n")
    assert loaded.text.split("\n\n") == [
        "name: Amara Nwosu; company: Larkspur",
        "name: Carlos Mendes; company: Tidewell; notes: met twice",
    ]


def test_text_with_bom_or_utf16_is_decoded():
    assert load_bytes("a.txt", "\ufeffcafé".encode("utf-8")).text == "café"
    assert load_bytes("b.txt", "crème brûlée".encode("utf-16")).text == "crème brûlée"


# ----- files that cannot be ingested -------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("setup.exe", b"MZ\x90\x00\x03", "unsupported file type '.exe'"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "unsupported file type '.png'"),
        ("README", b"hello", r"unsupported file type '\(none\)'"),
        ("empty.md", b"", "is empty"),
        ("blank.txt", b" \n\t\n", "is empty"),
        ("noise.txt", bytes(range(1, 32)) * 40, "mostly control characters"),
        ("noise-ansi.txt", bytes(range(1, 32)) * 40 + b"\xe9", "neither UTF-8 nor Windows-1252"),
        ("bad-utf16.txt", b"\xff\xfe" + b"a\x00" * 5 + b"\x00\xd8", "not valid UTF-16"),
        ("binary.txt", b"abc\x00\x01\x02def", "binary"),
        ("garbage.pdf", b"this was never a pdf", "not a readable PDF"),
        ("notzip.docx", b"PK\x03\x04 definitely not a zip", "not a readable Word document"),
        ("only-front-matter.md", b"---\ntitle: Nothing else\n---\n\n", "has no text to index"),
    ],
)
def test_unusable_files_get_a_one_line_reason(name, data, reason):
    with pytest.raises(LoadError, match=reason) as caught:
        load_bytes(name, data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("data", [
    "Café with Zoë: keep a brag document.".encode("cp1252"),  # an old editor's "ANSI" text
    "Café with Zoë: keep a brag document.".encode("utf-16"),  # Word's "Unicode text", with a BOM
    "Cafe with Zoe: keep a brag document.".encode("utf-16-le"),  # the same without a BOM
    "\ufeffCafé with Zoë: keep a brag document.".encode("utf-8"),  # Notepad's UTF-8 with a BOM
])
def test_text_in_the_encodings_people_save_in_is_read(data):
    text = load_bytes("note.txt", data).text
    assert "brag document" in text and "\ufeff" not in text and ("Zoë" in text or "Zoe" in text)


def test_unsupported_type_lists_the_supported_ones():
    with pytest.raises(LoadError) as caught:
        load_bytes("a.exe", b"x")
    for suffix in (".md", ".txt", ".pdf", ".docx", ".html"):
        assert suffix in str(caught.value)


def test_truncated_pdf_is_a_load_error():
    data = make_pdf([["Some text on a page that will be cut off."]])
    with pytest.raises(LoadError, match="not a readable PDF"):
        load_bytes("cut.pdf", data[: len(data) // 2])


def test_pdf_with_a_damaged_font_map_is_a_load_error():
    # An oversized code in the font's ToUnicode map makes pypdf raise LimitReachedError,
    # which is not a PdfReadError: it must still be reported, not crash the ingest.
    cmap = b"begincmap\n1 beginbfrange\n<" + b"00" * 17 + b"> <" + b"00" * 17 + b"> <0041>\nendbfrange\nendcmap"
    with pytest.raises(LoadError, match="not a readable PDF"):
        load_bytes("odd-font.pdf", make_pdf([["Hello world"]], to_unicode=cmap))


def test_pdf_without_any_text_has_nothing_to_index():
    with pytest.raises(LoadError, match="has no text to index"):
        load_bytes("scan.pdf", make_pdf([[]]))


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_docx_with_a_damaged_xml_part_is_a_load_error(part):
    data = damage_docx_part(make_docx("Heading", ["Some text."]), part)
    with pytest.raises(LoadError, match="not a readable Word document"):
        load_bytes("broken.docx", data)


def test_missing_file_cannot_be_read(tmp_path):
    with pytest.raises(LoadError, match="cannot be read"):
        load_file(tmp_path / "gone.md")


def test_a_note_exported_as_a_table_row_reads_like_a_note():
    body = "He went through my queries.\n- always check the row count after every join\n- comment the why"
    csv_row = 'title,created,body\n"SQL review w/ Sander",2025-11-25 19:02,"' + body + '"\n'
    loaded = load_bytes("notes_export.csv", csv_row.encode())
    assert loaded.text == "title: SQL review w/ Sander\ncreated: 2025-11-25 19:02\n\n" + body
    long = "Declan, video call. Advice: pick one tool to be the best in the team at, " * 3
    tsv = f"Title\tCreated\tText\nDeclan - 6 months\t08/09/2026 19:22\t{long}\n"
    loaded = load_bytes("notes_export.tsv", tsv.encode())
    assert loaded.text.splitlines()[:2] == ["Title: Declan - 6 months", "Created: 08/09/2026 19:22"]
    assert loaded.text.endswith(long.strip())


def test_a_web_page_with_broken_markup_gives_a_clear_error():
    import pytest

    from ingest.loaders import LoadError, load_bytes

    with pytest.raises(LoadError, match="cannot read"):
        load_bytes("damaged.html", b"<html><![endi]><p>text</p></html>")
