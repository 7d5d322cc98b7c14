"""Bad input of the kinds issue 14 found (huge, expanding, endless, wordless, a pipe, a
device, a link loop, an overlong name, a broken CSV, formula cells, a destructive name that
only matches part of someone's, a blank profile name): each gets a one-line reason, in
bounded time and memory, the rest of the batch goes in, and nothing saved before changes."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from helpers import make_docx
from sqlalchemy import func, select

from ingest.limits import MAX_FILE_BYTES
from store.errors import UserError
from store.tables import Chunk, Document, Person

GOOD_NOTE = "---\nmentor: Priya Raman\ndate: 2026-10-02\n---\n# Coffee\n\n- Ask for the raise in writing.\n"


def counts(desk) -> tuple[int, int, int]:
    with desk.db.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) for t in (Document, Chunk, Person))


def skipped(report) -> dict[str, str]:
    return {Path(name).name: reason for name, reason in report.skipped}


def zip_bomb_docx() -> bytes:
    """A real .docx with one more part that unzips to 300 MB of zeros (it is about 300 KB)."""
    data = io.BytesIO(make_docx("Notes", ["A real paragraph."]))
    with zipfile.ZipFile(data, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _ in range(300):
                part.write(block)
    return data.getvalue()


def test_a_folder_of_bad_files_is_reported_file_by_file_and_the_rest_goes_in(desk, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD_NOTE, encoding="utf-8")
    os.mkfifo(folder / "pipe.md")  # reading it would block forever
    with open(folder / "huge.txt", "wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)
    (folder / "bomb.docx").write_bytes(zip_bomb_docx())
    (folder / "base64.txt").write_text("QUJD" * 300_000, encoding="utf-8")  # 1.2 MB, no spaces
    (folder / "long-name.md").write_text(f"---\nmentor: {'A' * 300}\ndate: 2026-10-02\n---\nHello there.\n",
                                         encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a link loop

    report = desk.ingest.ingest_paths([folder], kind="notes")
    reasons = skipped(report)
    assert [Path(a).name for a in report.added] == ["good.md"]
    assert "not a regular file" in reasons["pipe.md"]
    assert "over the 50.0 MB limit" in reasons["huge.txt"]
    assert "would expand to 300" in reasons["bomb.docx"]
    assert "does not look like text" in reasons["base64.txt"]
    assert "at most 256" in reasons["long-name.md"]
    assert all("\n" not in reason for reason in reasons.values())


def test_a_device_given_by_name_is_refused_at_once(desk):
    before = counts(desk)
    report = desk.ingest.ingest_paths(["/dev/zero"], kind="notes")
    assert "not a regular file" in skipped(report)["zero"]
    assert counts(desk) == before


def test_an_upload_over_the_limits_is_refused(desk):
    report = desk.ingest.ingest_uploads([("notes.md", GOOD_NOTE.encode()), ("bomb.docx", zip_bomb_docx()),
                                         ("words.txt", b"word " * 500_000)])
    assert [Path(a).name for a in report.added] == ["notes.md"]
    reasons = skipped(report)
    assert "would expand" in reasons["bomb.docx"] and "over the 2,000,000 limit" in reasons["words.txt"]


def test_spreadsheet_formulas_are_exported_as_text_and_imported_back(desk, tmp_path):
    from openpyxl import load_workbook

    people = desk.relationships.people
    people.add("=HYPERLINK(\"http://evil.example\",\"click\")", company="+cmd|' /C calc'!A0",
               role="@SUM(1+1)", notes="-2+3")
    people.add("Tab Person", company="\t=1+2")
    csv_text = desk.relationships.table.export_bytes(".csv").decode("utf-8-sig")
    for cell in ("'=HYPERLINK", "'+cmd|", "'@SUM(1+1)", "'-2+3"):
        assert cell in csv_text
    xlsx = tmp_path / "people.xlsx"
    desk.relationships.table.export_file(xlsx)
    sheet = load_workbook(xlsx).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula
    assert any(c.value.startswith("'=") for c in cells)

    csv_file = tmp_path / "people.csv"
    csv_file.write_text(csv_text, encoding="utf-8")
    report = desk.relationships.table.import_file(csv_file)
    assert not report.added  # the same people: the apostrophes are gone again on import
    assert people.get("Tab Person").company == "=1+2"


def test_a_csv_with_an_unclosed_quote_is_an_error_not_one_person(desk, tmp_path):
    bad = tmp_path / "targets.csv"
    bad.write_text('Name,Company\n"Unclosed quote,Acme\nNext,Co\n', encoding="utf-8")
    before = counts(desk)
    with pytest.raises(UserError, match="not valid CSV"):
        desk.relationships.table.import_file(bad)
    assert counts(desk) == before


def test_deleting_never_matches_part_of_a_name(desk):
    people = desk.relationships.people
    people.add("Jonathan Example")
    people.add("Jonas Weber")
    for part in ("tha", "Jon", "example x"):
        with pytest.raises(UserError, match=f"no one is named {part!r}"):
            people.delete(part)
    assert {p.name for p in people.list()} == {"Jonathan Example", "Jonas Weber"}
    assert people.get("tha").name == "Jonathan Example"  # finding him to edit or draft may use a part
    people.delete("jonathan example")
    people.delete("Weber")  # a whole last name that only one person has
    assert people.list() == []


def test_names_longer_than_a_name_can_be_are_refused(desk):
    with pytest.raises(UserError, match="name: is 300 characters long; at most 256"):
        desk.relationships.people.add("B" * 300)
    assert desk.relationships.people.list() == []


def test_a_blank_profile_name_is_refused_and_the_saved_one_kept(desk):
    profile = desk.relationships.profile
    profile.update(name="Alice Andersen", role="Engineer")
    for blank in ("", "   "):
        with pytest.raises(UserError, match="name: cannot be empty"):
            profile.update(name=blank)
    assert profile.get().name == "Alice Andersen"
    profile.update(role="")  # the role may be cleared
    assert profile.get().role is None and profile.get().name == "Alice Andersen"


def test_a_paragraph_repeated_a_thousand_times_is_indexed_once(desk, tmp_path):
    from conftest import NOTES_DIR

    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    spam = tmp_path / "spam.txt"
    spam.write_text("\n\n".join(["Buy cheap widgets today at the widget store, best prices in town."] * 1000),
                    encoding="utf-8")
    report = desk.ingest.ingest_paths([spam], kind="documents")
    assert report.added and report.chunks_total <= 2
    top = desk.index.search("what did Priya say about negotiating the offer?", k=3, mode="dense")
    assert top[0].mentor == "Priya Raman"


def test_a_deeply_nested_folder_is_walked_and_its_notes_go_in(desk, tmp_path):
    deepest = tmp_path / "notes"
    for level in range(120):  # about 1,300 characters of path: deep, and still a legal path
        deepest = deepest / f"level{level:03d}"
    deepest.mkdir(parents=True)
    (deepest / "coffee.md").write_text(GOOD_NOTE, encoding="utf-8")
    (tmp_path / "notes" / "top.md").write_text(GOOD_NOTE.replace("Coffee", "Lunch"), encoding="utf-8")
    report = desk.ingest.ingest_paths([tmp_path / "notes"], kind="notes")
    assert sorted(Path(a).name for a in report.added) == ["coffee.md", "top.md"] and not report.skipped


def test_tracking_tables_in_the_encodings_spreadsheets_save_in_are_imported(desk, tmp_path):
    table = desk.relationships.table
    unicode_text = tmp_path / "excel-unicode.csv"  # Excel's "Unicode Text": UTF-16, tab-separated
    unicode_text.write_bytes("Name\tCompany\nZoë Ng\tAcme\n".encode("utf-16"))
    ansi = tmp_path / "excel-ansi.csv"  # Excel on Windows: the ANSI code page, ";" in many locales
    ansi.write_bytes("Name;Company\nJosé Núñez;Façade Ltd\n".encode("cp1252"))
    for path in (unicode_text, ansi):
        assert table.import_file(path).added, path
    assert {(p.name, p.company) for p in desk.relationships.people.list()} == {
        ("Zoë Ng", "Acme"), ("José Núñez", "Façade Ltd")}


def test_a_tracking_table_from_a_pipe_or_with_too_many_rows_is_refused_and_nothing_changes(desk, tmp_path):
    from ingest.limits import MAX_TABLE_ROWS

    table = desk.relationships.table
    table.import_file(_write(tmp_path / "first.csv", "Name,Company\nAda Lovelace,Analytical\n"))
    before = counts(desk)
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with pytest.raises(UserError, match="pipe.csv is not a regular file"):
        table.import_file(pipe)  # reading it would block for ever
    rows = "".join(f"Person {i},Co\n" for i in range(MAX_TABLE_ROWS + 1))
    with pytest.raises(UserError, match=f"more than {MAX_TABLE_ROWS:,} rows"):
        table.import_file(_write(tmp_path / "crm.csv", "Name,Company\n" + rows))
    with pytest.raises(UserError, match="is not a CSV file"):
        table.import_file(_write(tmp_path / "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert counts(desk) == before


def _write(path: Path, content) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
