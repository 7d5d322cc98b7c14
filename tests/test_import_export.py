"""Importing and exporting the tracking table: round trips in CSV and XLSX, re-imports that
update, and every kind of bad file with a message naming the row or file while nothing
already saved changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from relationship_helpers import bare_relationships, snapshot

from mentordesk.relationships import import_export
from mentordesk.relationships.tabular import TableError

CSV_TEXT = """\
Name,Company,Role,Contact,Connection,Introducer,Stage,Notes,Last contacted
Jonas Weber,Northwind,VP Engineering,jonas@northwind.example,warm,Priya Raman,prospect,"Talk on calm on-call, SREcon",2026-10-02
Lena Fischer,Acme,CTO,lena@acme.example,Cold,,,Writes about staff engineers,
Rafael Ortiz,Fernhill,Design lead,,,Mei Tanaka,Primary,,
"""


@pytest.fixture
def rel(tmp_path):
    return bare_relationships(tmp_path / "home")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


def xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    workbook.save(path)
    return path


def people(rel) -> dict[str, dict]:
    return {p.name: p.to_dict() for p in rel.people.list()}


# ----- the happy path -----------------------------------------------------------------------------
def test_csv_import_reads_every_column(rel, tmp_path):
    report = rel.table.import_file(write(tmp_path / "targets.csv", CSV_TEXT))
    assert (report.added, report.updated, report.errors) == (["Jonas Weber", "Lena Fischer", "Rafael Ortiz"], [], [])
    jonas = people(rel)["Jonas Weber"]
    assert (jonas["connection"], jonas["introducer"], jonas["notes"]) == ("warm", "Priya Raman",
                                                                          "Talk on calm on-call, SREcon")
    assert jonas["last_contacted"] == "2026-10-02"
    assert people(rel)["Lena Fischer"]["stage"] == "prospect"  # empty stage: the default
    assert people(rel)["Rafael Ortiz"]["stage"] == "primary"
    assert rel.people.detail("Jonas").messages[0].direction == "sent"


def test_headers_in_any_order_and_case_with_synonyms(rel, tmp_path):
    text = "STATUS;email;Full Name;Favourite colour\nmentor;a@b.example;Ana Ruiz;blue\n"
    report = rel.table.import_file(write(tmp_path / "semicolons.csv", text))
    assert report.ignored_columns == ["Favourite colour"]
    assert people(rel)["Ana Ruiz"]["contact"] == "a@b.example" and people(rel)["Ana Ruiz"]["stage"] == "mentor"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_and_reimport_updates_instead_of_duplicating(rel, tmp_path, suffix):
    rel.table.import_file(write(tmp_path / "targets.csv", CSV_TEXT))
    rel.people.log_message("Lena", "sent", "Hello", dt.date(2026, 11, 2))
    before = snapshot(rel)
    exported = tmp_path / f"export{suffix}"
    assert rel.table.export_file(exported) == 3
    report = rel.table.import_file(exported)
    assert (report.added, len(report.updated), report.errors) == ([], 3, [])
    assert snapshot(rel) == before  # importing an export changes nothing at all


def test_xlsx_export_has_typed_dates_and_a_header(rel, tmp_path):
    rel.table.import_file(write(tmp_path / "targets.csv", CSV_TEXT))
    path = tmp_path / "out.xlsx"
    rel.table.export_file(path)
    ws = load_workbook(path).active
    assert ws.title == "People"
    assert [c.value for c in ws[1]] == list(import_export.EXPORT_HEADERS)
    jonas = next(row for row in ws.iter_rows(min_row=2, values_only=True) if row[0] == "Jonas Weber")
    assert jonas[-1].date() == dt.date(2026, 10, 2)


def test_reimport_matches_on_name_and_company_or_contact(rel, tmp_path):
    rel.table.import_file(write(tmp_path / "targets.csv", CSV_TEXT))
    rel.people.add("Mei Tanaka")  # met through notes: no company yet
    changed = ("name,company,contact,role\n"
               "Jonas Weber,Northwind,,SVP Engineering\n"        # name + company
               "Lena F.,Globex,lena@acme.example,CTO\n"          # contact: she moved and uses a short name
               "Mei Tanaka,Fernhill,,Design director\n")         # the one Mei, now with a company
    report = rel.table.import_file(write(tmp_path / "changed.csv", changed))
    assert (report.added, report.updated) == ([], ["Jonas Weber", "Lena F.", "Mei Tanaka"])
    everyone = people(rel)
    assert everyone["Jonas Weber"]["role"] == "SVP Engineering"
    assert everyone["Jonas Weber"]["connection"] == "warm"  # a column absent from the file is kept
    assert everyone["Lena F."]["company"] == "Globex" and "Lena Fischer" not in everyone
    assert everyone["Mei Tanaka"]["company"] == "Fernhill"
    assert len(everyone) == 4


# ----- bad rows: reported by line, skipped; the good rows are saved ----------------------------------------
def test_bad_rows_are_reported_by_line_and_skipped(rel, tmp_path):
    rel.people.add("Lena Fischer", company="Acme", role="CTO")
    text = ("name,company,stage,connection,last contacted,role\n"
            "Jonas Weber,Northwind,prospect,warm,2026-10-02,VP\n"
            ",Nameless Inc,prospect,,,\n"
            "Lena Fischer,Acme,friend,,,Chief\n"
            '"Ana\nRuiz",Acme,prospect,lukewarm,,\n'
            "Bo Chen,Initech,prospect,cold,03/04/2025,\n"
            "Jonas Weber,Northwind,mentor,,,\n")
    report = rel.table.import_file(write(tmp_path / "bad.csv", text))
    assert [str(e) for e in report.errors] == [
        "line 3: name: is required",
        "line 4: stage: 'friend' is not one of prospect, contacted, meeting, mentor, primary",
        "line 5: connection: 'lukewarm' is not one of warm, cold",  # a quoted name over two lines
        "line 7: last contacted '03/04/2025' could be 3 April or 4 March; write it as YYYY-MM-DD",
        "line 8: Jonas Weber (Northwind) is already on line 2",
    ]
    assert report.added == ["Jonas Weber"]
    assert people(rel)["Lena Fischer"]["role"] == "CTO"  # the bad row changed nothing


def test_xlsx_rows_are_reported_by_row_number(rel, tmp_path):
    path = xlsx(tmp_path / "t.xlsx", {"Targets": [["Name", "Stage", "Contact"], ["Ana Ruiz", "prospect", 4915112345678],
                                                  [None, None, None], ["Bo Chen", "boss", None]]})
    report = rel.table.import_file(path)
    assert [str(e) for e in report.errors] == [
        "row 4: stage: 'boss' is not one of prospect, contacted, meeting, mentor, primary"]
    assert people(rel)["Ana Ruiz"]["contact"] == "4915112345678"  # not 4915112345678.0


def test_valid_rows_are_saved_all_or_nothing(rel, tmp_path, monkeypatch):
    rel.people.add("Lena Fischer", company="Acme", role="CTO")
    before = snapshot(rel)
    calls = []

    def fail_on_second(person, day, file):
        calls.append(person)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(import_export, "_record_last_contact", fail_on_second)
    with pytest.raises(RuntimeError, match="disk full"):
        rel.table.import_file(write(tmp_path / "targets.csv", CSV_TEXT))
    assert snapshot(rel) == before


# ----- bad files: one clear error naming the file; nothing saved ------------------------------------------
@pytest.fixture
def saved(rel):
    rel.people.add("Lena Fischer", company="Acme", role="CTO")
    rel.profile.update(name="Alex", values="a, b, c")
    return snapshot(rel)


def _fails(rel, saved, path, message, sheet=None):
    with pytest.raises(TableError, match=message):
        rel.table.import_file(path, sheet)
    assert snapshot(rel) == saved


def test_missing_name_column(rel, saved, tmp_path):
    _fails(rel, saved, write(tmp_path / "noname.csv", "company,role\nAcme,CTO\n"),
           r"^noname.csv has no 'name' column \(its columns: 'company', 'role'\)")


def test_empty_files(rel, saved, tmp_path):
    _fails(rel, saved, write(tmp_path / "empty.csv", ""), r"^empty.csv is empty")
    _fails(rel, saved, write(tmp_path / "blank.csv", "\n \n,,\n"), r"^blank.csv is empty")
    _fails(rel, saved, write(tmp_path / "header.csv", "name,company\n"), r"^header.csv has a header but no rows")
    _fails(rel, saved, xlsx(tmp_path / "empty.xlsx", {"Sheet1": []}), r"^empty.xlsx is empty")


def test_several_sheets_ask_which_one(rel, saved, tmp_path):
    path = xlsx(tmp_path / "book.xlsx", {"Targets": [["name"], ["Ana Ruiz"]], "Archive": [["name"], ["Old Friend"]],
                                         "Empty": []})
    _fails(rel, saved, path, r"^book.xlsx has several sheets with data \(Targets, Archive\); choose one with --sheet")
    _fails(rel, saved, path, r"^book.xlsx has no sheet 'Nope'; its sheets are: Targets, Archive, Empty", sheet="Nope")
    report = rel.table.import_file(path, sheet="archive")
    assert (report.sheet, report.added) == ("Archive", ["Old Friend"])


def test_one_sheet_with_data_needs_no_choice(rel, tmp_path):
    path = xlsx(tmp_path / "book.xlsx", {"Sheet1": [], "People": [["NAME"], ["Ana Ruiz"]]})
    assert rel.table.import_file(path).added == ["Ana Ruiz"]


def test_broken_and_wrong_files(rel, saved, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip file")
    _fails(rel, saved, broken, r"^broken.xlsx is not a readable XLSX workbook")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"name\x00\x01\x02")
    _fails(rel, saved, binary, r"^binary.csv is not a CSV file")
    _fails(rel, saved, write(tmp_path / "old.xls", "x"), r"^old.xls is an old .xls workbook")
    _fails(rel, saved, write(tmp_path / "list.txt", "name\nAna\n"), r"unsupported file type .txt")
    _fails(rel, saved, tmp_path / "missing.csv", r"missing.csv does not exist")
    _fails(rel, saved, write(tmp_path / "dup.csv", "name,company,organisation\nAna,a,b\n"),
           r"columns 'company' and 'organisation' both give the company")
    _fails(rel, saved, write(tmp_path / "t.csv", "name\nAna\n"), r"--sheet applies to XLSX", sheet="People")


def test_excel_ansi_csv_is_read(rel, tmp_path):
    rel.table.import_file(write(tmp_path / "ansi.csv", "name,company\nRenée Müller,Zürich AG\n", encoding="cp1252"))
    assert people(rel)["Renée Müller"]["company"] == "Zürich AG"


def test_export_to_an_unsupported_name_or_missing_folder(rel, tmp_path):
    with pytest.raises(TableError, match="choose a .csv or .xlsx"):
        rel.table.export_file(tmp_path / "people.json")
    with pytest.raises(TableError, match="does not exist"):
        rel.table.export_file(tmp_path / "nope" / "people.csv")


def test_uploads_and_downloads_as_bytes(rel, tmp_path):
    """The app imports an uploaded file and offers the table as a download, without files."""
    report = rel.table.import_bytes("targets.csv", CSV_TEXT.encode("utf-8-sig"))
    assert len(report.added) == 3
    for suffix in (".csv", ".xlsx"):
        data = rel.table.export_bytes(suffix)
        again = rel.table.import_bytes(f"download{suffix}", data)
        assert (again.added, len(again.updated)) == ([], 3)
    with pytest.raises(TableError) as error:
        rel.table.import_bytes("book.xlsx", xlsx(tmp_path / "b.xlsx", {"A": [["name"], ["x"]],
                                                                      "B": [["name"], ["y"]]}).read_bytes())
    assert error.value.sheets == ["A", "B"]  # for a sheet picker


LINKEDIN = '''Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Amara,Nwosu,https://www.linkedin.com/in/amara-nwosu,,Lattice Health,VP Engineering,14 Mar 2024
Tom,Becker,https://www.linkedin.com/in/tombecker,tom@halden.example,Halden Logistics,Engineering Manager,02 Jan 2025
'''


def test_linkedin_connections_export_with_its_preamble(rel, tmp_path):
    report = rel.table.import_file(write(tmp_path / "Connections.csv", LINKEDIN))
    assert report.added == ["Amara Nwosu", "Tom Becker"] and report.errors == []
    assert report.ignored_columns == ["Connected On"]
    tom = people(rel)["Tom Becker"]
    assert (tom["company"], tom["role"]) == ("Halden Logistics", "Engineering Manager")
    assert tom["contact"] == "https://www.linkedin.com/in/tombecker, tom@halden.example"
    assert people(rel)["Amara Nwosu"]["contact"] == "https://www.linkedin.com/in/amara-nwosu"


@pytest.mark.parametrize("header", [
    "Full Name,Organisation,Job title,E-mail,Warm/Cold,Who can intro?,Status,Why them,Last contact date",
    "Contact name,Company name,Headline,Email Address,Connection (warm/cold),Mutual connection,Pipeline stage,Comments,Last touch",
])
def test_other_header_names_land_in_the_seed_columns(rel, tmp_path, header):
    row = "Priya Raman,Larkspur,VP Product,priya@larkspur.example,warm,Jonas Weber,mentor,Great talk,2026-03-14"
    report = rel.table.import_file(write(tmp_path / "sheet.csv", f"{header}\n{row}\n"))
    assert report.ignored_columns == [] and report.errors == []
    priya = people(rel)["Priya Raman"]
    assert (priya["company"], priya["role"], priya["contact"], priya["connection"], priya["introducer"],
            priya["stage"], priya["notes"]) == ("Larkspur", "VP Product", "priya@larkspur.example", "warm",
                                                "Jonas Weber", "mentor", "Great talk")
    assert rel.people.detail("Priya Raman").person.last_contacted() == dt.date(2026, 3, 14)


def test_a_sheet_with_a_title_row_above_the_header(rel, tmp_path):
    path = xlsx(tmp_path / "t.xlsx", {"Targets": [["My mentor targets 2026"], [], ["Name", "Company", "Fun fact"],
                                                  ["Ana Ruiz", "Acme", "juggles"]]})
    report = rel.table.import_file(path)
    assert report.added == ["Ana Ruiz"] and report.ignored_columns == ["Fun fact"]


def test_a_stage_in_the_users_own_words_is_read_and_said_so(rel, tmp_path):
    text = ("name,company,stage,connection\nCiara Fitzgerald,Harbourline,warm,\nPriya Raman,Fernhill,Reached out,\n"
            "Tomás Breathnach,Kestrel,Active,\nSam Cole,Acme,cold,warm\nNo Way,Acme,someday,\n")
    report = rel.table.import_file(write(tmp_path / "people.csv", text))
    assert report.added == ["Ciara Fitzgerald", "Priya Raman", "Tomás Breathnach", "Sam Cole"]
    everyone = people(rel)
    assert (everyone["Ciara Fitzgerald"]["stage"], everyone["Ciara Fitzgerald"]["connection"]) == ("prospect", "warm")
    assert everyone["Priya Raman"]["stage"] == "contacted" and everyone["Tomás Breathnach"]["stage"] == "mentor"
    assert everyone["Sam Cole"]["connection"] == "warm"  # the connection cell wins over the stage word
    assert [str(n) for n in report.read_as][:2] == ["line 2: stage 'warm' read as connection warm",
                                                    "line 3: stage 'Reached out' read as contacted"]
    assert len(report.errors) == 1 and "someday" in str(report.errors[0])  # an unknown word is still an error


def test_a_strangers_network_sheet_imports_every_row(rel, tmp_path):
    """A sheet kept by hand with other habits: a title row, "Title / Role", a "Relationship"
    column holding stages and free text, month-first dates with one unambiguous, and several
    free-text columns. Every row lands; nothing the user wrote is lost or silently dropped."""
    path = xlsx(tmp_path / "network.xlsx", {"Network 2026": [
        ["My mentoring network - updated Nov 2026"], [],
        ["Full Name", "Org", "Title / Role", "Relationship", "Last touchpoint", "How we met", "Warm intro via",
         "Next step", "Comments", "Shoe size"],
        ["Amara Okonkwo", "Lumen Health", "VP Product", "Primary mentor", "10/02/2026", "conference", None,
         "send update on promo case", "calls me 'kiddo'", 38],
        ["Tom Becker", "Freelance", "Design lead", "mentor (occasional)", "9/14/2026", None, "Amara", None, None, None],
        ["Lena Fischer", None, None, "reached out - waiting", None, None, None, None, None, None],
        ["Bo Chen", "Initech", None, "ex-colleague", None, None, None, None, "met twice", None],
        ["Sam Cole", "Acme", None, "Warm (old boss)", None, None, None, None, None, None],
    ]})
    report = rel.table.import_file(path)
    assert report.errors == [] and report.ignored_columns == ["Shoe size"]
    assert report.added == ["Amara Okonkwo", "Tom Becker", "Lena Fischer", "Bo Chen", "Sam Cole"]
    everyone = people(rel)
    amara = everyone["Amara Okonkwo"]
    assert (amara["role"], amara["stage"]) == ("VP Product", "primary")
    assert amara["notes"] == "calls me 'kiddo'; How we met: conference; Next step: send update on promo case"
    # "9/14/2026" in the same column says the file writes month first: 10/02 is 2 October
    assert amara["last_contacted"] == "2026-10-02"
    assert (everyone["Tom Becker"]["stage"], everyone["Tom Becker"]["introducer"]) == ("mentor", "Amara")
    assert everyone["Lena Fischer"]["stage"] == "contacted"
    assert everyone["Bo Chen"]["notes"] == "met twice; Relationship: ex-colleague"  # kept, under its header
    assert everyone["Sam Cole"]["connection"] == "warm"
    said = [str(n) for n in report.read_as]
    assert "row 4: Relationship 'Primary mentor' read as stage primary" in said
    assert "row 7: Relationship 'ex-colleague' kept in the notes" in said


def test_a_warm_cold_column_still_refuses_other_words(rel, tmp_path):
    text = "name,warm/cold\nAna Ruiz,lukewarm\nBo Chen,Primary mentor\n"
    report = rel.table.import_file(write(tmp_path / "t.csv", text))
    assert [str(e) for e in report.errors] == ["line 2: connection: 'lukewarm' is not one of warm, cold"]
    assert people(rel)["Bo Chen"]["stage"] == "primary"  # a stage written there is still read as the stage


def test_ambiguous_dates_follow_the_users_date_order_setting(rel, tmp_path, monkeypatch):
    text = "name,last contacted\nAna Ruiz,03/04/2025\n"
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    report = rel.table.import_file(write(tmp_path / "t.csv", text))
    assert report.errors == [] and people(rel)["Ana Ruiz"]["last_contacted"] == "2025-04-03"
