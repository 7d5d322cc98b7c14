"""Import and export of the tracking table (CSV or XLSX).

Import rules, so the user's own spreadsheet works as is and can be imported again:
- headers are matched case-insensitively, in any order, with common synonyms
  ("Email" for contact, "Status" for stage, "Title / Role"); unknown columns are reported
  and ignored; several free-text columns ("Comments", "How we met", "Next step") are kept
  together in the notes, each under its header;
- cells in the user's own words are read and the report says how: "mentor (occasional)"
  and "reached out - waiting" as stages, "Primary mentor" under "Relationship" as the
  stage, other text there ("ex-colleague") in the notes; numeric "last contacted" dates
  follow the order the column's unambiguous dates show ("9/14/2026"), else the user's
  date-order setting, else an ambiguous one is an error;
- ``name`` is required; each row is validated like a hand-made entry, and a bad row is
  reported by its line (CSV) or row (XLSX) number and skipped;
- a row updates the person it matches instead of adding a duplicate: same name and
  company, else same contact, else the one person of that name with no company yet
  (someone first met through an imported note);
- columns present in the file overwrite (an empty cell clears the field, except stage,
  which stays); columns absent from the file leave the stored values alone;
- all valid rows are written in one transaction: either all of them or none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ingest.note_meta import date_order_setting, find_date, numeric_order
from mentordesk.relationships.lookup import label, name_key
from mentordesk.relationships.schemas import InvalidInput, PersonCreate, validated
from mentordesk.relationships.tabular import Table, TableError, parse_table, read_table, render_table, write_table
from mentordesk.relationships.views import load_people
from store.engine import Database
from store.tables import CONNECTIONS, STAGES, MessageEntry, Person

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "person", "contact name", "mentor", "mentor name", "prospect", "target", "who",
             "display name"),
    "company": ("company", "organisation", "organization", "employer", "company name", "org", "organisation name",
                "organization name", "current company", "workplace", "firm", "account", "account name",
                "organization 1 name", "organization 1 - name"),
    "role": ("role", "title", "job title", "position", "role title", "job", "headline", "current position",
             "occupation", "current title", "organization 1 title", "organization 1 - title", "current role",
             "job role", "designation"),
    "contact": ("contact", "contact information", "contact info", "email", "e mail", "email address",
                "e mail address", "e mail 1 value", "email 1 value", "e mail 1 - value", "email 1 - value", "linkedin",
                "linkedin url", "linkedin profile", "url", "profile url", "profile", "phone", "phone number",
                "mobile", "contact details", "how to reach"),
    "connection": ("connection", "connection type", "warm or cold", "warm/cold", "warm / cold", "warm cold",
                   "connection warm cold", "relationship", "temperature", "warm", "cold or warm", "relationship type",
                   "type of relationship"),
    "introducer": ("introducer", "introduced by", "who could introduce", "intro via", "who can intro",
                   "who could intro", "who can introduce", "intro by", "intro", "introduction", "introduction via",
                   "introduced via", "mutual connection", "mutual connections", "mutual", "connector", "warm intro",
                   "can introduce", "referrer", "referred by", "via", "warm intro via", "intro through",
                   "introduction through", "introduced through", "who introduced us", "connected via",
                   "connected through", "intro from"),
    "stage": ("stage", "status", "pipeline stage", "state", "relationship stage"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "why", "why them", "description", "about",
              "why this person",
              # more columns of free text, kept in Notes under their header ("How we met: a conference")
              "how we met", "how i know them", "how we know each other", "met at", "met through", "where we met",
              "context", "background", "next step", "next steps", "next action", "topics", "interests"),
    "last_contacted": ("last contacted", "last contact", "last contacted on", "last contact date", "last touch",
                       "last touched", "date last contacted", "last reached out", "last outreach", "last touchpoint",
                       "last touch point", "last met", "last meeting", "last meeting date", "last spoke",
                       "last spoken", "last talked", "last call", "last chat", "last catch up", "last catchup",
                       "last interaction", "last conversation", "date of last contact", "most recent contact"),
    # Exports that split the name: LinkedIn Connections.csv, Google Contacts, Outlook.
    "first_name": ("first name", "given name", "firstname", "first"),
    "last_name": ("last name", "family name", "surname", "lastname", "last"),
}
# Columns several headers may fill: their values are joined (an email and a profile URL;
# "Comments" and "How we met", the latter under its header).
_MULTI = ("contact", "notes")
_NOTES_UNLABELLED = {"notes", "note", "comments", "comment", "remarks"}
EXPORT_HEADERS = ("name", "company", "role", "contact", "connection", "introducer", "stage", "notes",
                  "last contacted")
_BY_ALIAS = {alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class RowError:
    where: str  # "line 4" or "row 4"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportReport:
    file: str
    sheet: str | None = None
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    read_as: list[RowError] = field(default_factory=list)  # cells read in another way, e.g. stage "warm"

    @property
    def imported(self) -> int:
        return len(self.added) + len(self.updated)

    def summary(self) -> str:
        where = f" (sheet {self.sheet})" if self.sheet else ""
        return (f"{self.file}{where}: {len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.errors)} skipped")

    def to_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "added": self.added, "updated": self.updated,
                "errors": [{"where": e.where, "message": e.message} for e in self.errors],
                "ignored_columns": self.ignored_columns,
                "read_as": [{"where": e.where, "message": e.message} for e in self.read_as]}


def normalise_header(header: str) -> str:
    text = str(header).strip().lower().replace("_", " ").replace("-", " ")
    text = re.sub(r"[^\w/ ]+", " ", text)  # "Who can intro?", "Connection (warm/cold)"
    return " ".join(text.split())


def _column_for(header: object) -> str | None:
    key = normalise_header(str(header))
    found = _BY_ALIAS.get(key) or _BY_ALIAS.get(" ".join(key.replace("/", " ").split()))
    if found is None and "/" in key:  # "Title / Role", "Company/Org": both halves say the same column
        halves = {_BY_ALIAS.get(part.strip()) for part in key.split("/") if part.strip()} - {None}
        found = halves.pop() if len(halves) == 1 else None
    return found


def map_columns(table: Table) -> tuple[dict[str, list[int]], list[str]]:
    """Column name -> indexes, and the headers that mean nothing to us."""
    mapping: dict[str, list[int]] = {}
    ignored: list[str] = []
    for index, header in enumerate(table.headers):
        column = _column_for(header)
        if column is None:
            if str(header).strip():
                ignored.append(str(header).strip())
            continue
        if column in mapping and column not in _MULTI:
            first = table.headers[mapping[column][0]]
            raise TableError(f"{table.name}: columns {first!r} and {header!r} both give the {column}; keep one")
        mapping.setdefault(column, []).append(index)
    if "name" not in mapping and "first_name" not in mapping:
        found = ", ".join(repr(h) for h in table.headers if str(h).strip()) or "none"
        raise TableError(f"{table.name} has no 'name' column (its columns: {found})")
    return mapping, ignored


def find_header(table: Table, look_ahead: int = 12) -> Table:
    """The table from its real header row: exports such as LinkedIn's Connections.csv start
    with a few lines of notes, and sheets often have a title row above the header."""
    def names_a_person(cells) -> bool:
        columns = {_column_for(c) for c in cells if str(c or "").strip()}
        return bool(columns & {"name", "first_name"}) and len(columns - {None}) >= 2 or \
            (columns == {"name"} and len([c for c in cells if str(c or "").strip()]) == 1)

    if names_a_person(table.headers):
        return table
    for position, (_, cells) in enumerate(table.rows[:look_ahead]):
        if names_a_person(cells):
            return Table(table.name, [str(c or "") for c in cells], table.rows[position + 1:], table.unit,
                         table.sheet)
    return table


def _parse_date(value: object, day_first: bool | None = None) -> dt.date | None:
    """A "last contacted" cell as a date. ``day_first`` is the order the file writes its
    numeric dates in, when its other dates or the user's date-order setting say it; with
    none, an ambiguous "03/04/2025" is an error asking for YYYY-MM-DD."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        pass
    text = str(value).strip()
    ambiguous = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})", text)
    if ambiguous and day_first is None and int(ambiguous[1]) <= 12 and int(ambiguous[2]) <= 12 \
            and ambiguous[1] != ambiguous[2]:
        first, second = int(ambiguous[1]), int(ambiguous[2])
        months = calendar.month_name
        raise InvalidInput(f"last contacted {value!r} could be {first} {months[second]} or {second} "
                           f"{months[first]}; write it as YYYY-MM-DD", "last_contacted")
    day = find_date(text, day_first=day_first)  # "14 Mar 2026", "03/14/2026", "2026-03-14 10:30"
    if day is None:
        raise InvalidInput(f"last contacted {value!r} is not a date (write it as YYYY-MM-DD)", "last_contacted")
    return day


@dataclass
class _Row:
    where: str
    values: dict  # validated person fields present in the file
    last_contacted: dt.date | None


def _validate_rows(table: Table, mapping: dict[str, list[int]], report: ImportReport) -> list[_Row]:
    rows: list[_Row] = []
    day_first = _date_order(table, mapping.get("last_contacted", []))
    # "Relationship: ex-colleague" says how they know the person, not warm or cold
    connection_header = normalise_header(table.headers[mapping["connection"][0]]) if "connection" in mapping else ""
    descriptive = bool(connection_header) and not re.search(r"warm|cold|connection|temperature", connection_header)
    for number, cells in table.rows:
        where = f"{table.unit} {number}"
        raw = {col: _cell(cells, indexes) for col, indexes in mapping.items()}
        if len(mapping.get("notes", [])) > 1:
            raw["notes"] = _notes_cell(table.headers, cells, mapping["notes"])
        first, last = raw.pop("first_name", None), raw.pop("last_name", None)
        if "name" not in raw or not str(raw.get("name") or "").strip():
            raw["name"] = " ".join(str(p).strip() for p in (first, last) if p is not None and str(p).strip())
        _read_stage_words(raw, where, report)
        _read_connection_words(raw, where, report, table.headers[mapping["connection"][0]] if descriptive else None)
        try:
            last = _parse_date(raw.pop("last_contacted", None), day_first)
            given = {k: ("" if v is None else str(v)) for k, v in raw.items()}
            person = validated(PersonCreate, **given)
        except InvalidInput as exc:
            report.errors.append(RowError(where, str(exc)))
            continue
        values = {k: getattr(person, k) for k in raw}
        if values.get("stage") is None:
            values.pop("stage", None)  # an empty stage keeps the stored one (or the default)
        rows.append(_Row(where, values, last))
    return rows


# What people write in a spreadsheet's stage or status column, read as MentorDesk's
# stages. "warm" and "cold" say how they know the person: they are the connection.
STAGE_WORDS = {
    "warm": ("connection", "warm"), "cold": ("connection", "cold"),
    "target": ("stage", "prospect"), "lead": ("stage", "prospect"), "to contact": ("stage", "prospect"),
    "not contacted": ("stage", "prospect"), "idea": ("stage", "prospect"), "new": ("stage", "prospect"),
    "reached out": ("stage", "contacted"), "emailed": ("stage", "contacted"), "messaged": ("stage", "contacted"),
    "asked": ("stage", "contacted"), "waiting": ("stage", "contacted"), "pending": ("stage", "contacted"),
    "met": ("stage", "meeting"), "meeting scheduled": ("stage", "meeting"), "scheduled": ("stage", "meeting"),
    "in touch": ("stage", "meeting"), "active": ("stage", "mentor"), "mentoring": ("stage", "mentor"),
    "primary mentor": ("stage", "primary"), "main mentor": ("stage", "primary"),
}


def _stage_meaning(value: object) -> tuple[str, str] | None:
    """("stage", "primary") for "Primary mentor", ("stage", "mentor") for "mentor
    (occasional)", ("stage", "contacted") for "reached out - waiting", ("connection",
    "warm") for "warm"; None for a cell that says none of them."""
    text = re.sub(r"\([^)]*\)", " ", str(value or "").lower())  # "(occasional)"
    word = " ".join(re.sub(r"[^\w ]+", " ", text).split())
    if not word:
        return None
    if word in STAGES:
        return ("stage", word)
    if word in STAGE_WORDS:
        return STAGE_WORDS[word]
    for phrase in sorted([*STAGE_WORDS, *STAGES], key=len, reverse=True):  # the longest phrase inside it
        if re.search(rf"\b{re.escape(phrase)}\b", word):
            return STAGE_WORDS.get(phrase, ("stage", phrase))
    return None


def _read_stage_words(raw: dict, where: str, report: ImportReport) -> None:
    """A stage cell in the user's own words becomes a stage (or the connection), and the
    report says how it was read; a word not in the table stays an error naming the choices."""
    value = raw.get("stage")
    word = " ".join(str(value).lower().replace("-", " ").split()) if value is not None else ""
    if not word or word in STAGES:
        return
    read = _stage_meaning(value)
    if read is None:
        return
    field_name, meaning = read
    if field_name == "connection":
        raw["stage"] = None
        if not str(raw.get("connection") or "").strip():
            raw["connection"] = meaning
        report.read_as.append(RowError(where, f"stage {value!r} read as connection {meaning}"))
    else:
        raw["stage"] = meaning
        report.read_as.append(RowError(where, f"stage {value!r} read as {meaning}"))


def _read_connection_words(raw: dict, where: str, report: ImportReport, descriptive_header: str | None) -> None:
    """A connection cell that is not "warm" or "cold": "Warm (ex-colleague)" is warm; a
    stage written there ("Primary mentor" under "Relationship") is the stage when the row
    gives none; any other text under a header such as "Relationship" ("friend of Sam") is
    kept in the notes under that header. Each is said in the report; text under a header
    that asks for warm or cold stays an error naming the choices."""
    value = raw.get("connection")
    text = str(value).strip() if value is not None else ""
    if not text or text.lower() in CONNECTIONS:
        return
    temperature = {w for w in re.findall(r"[a-z]+", text.lower()) if w in CONNECTIONS}
    if len(temperature) == 1:
        raw["connection"] = temperature.pop()
        report.read_as.append(RowError(where, f"connection {value!r} read as {raw['connection']}"))
        return
    read = _stage_meaning(text)
    if read is not None and read[0] == "stage" and not str(raw.get("stage") or "").strip():
        raw["connection"], raw["stage"] = None, read[1]
        report.read_as.append(RowError(where, f"{descriptive_header or 'connection'} {value!r} read as stage {read[1]}"))
        return
    if descriptive_header is not None:
        raw["connection"] = None
        kept = f"{descriptive_header.strip()}: {text}"
        raw["notes"] = f"{raw['notes']}; {kept}" if str(raw.get("notes") or "").strip() else kept
        report.read_as.append(RowError(where, f"{descriptive_header.strip()} {value!r} kept in the notes"))


def _date_order(table: Table, indexes: list[int]) -> bool | None:
    """Whether the file writes its "last contacted" dates day first (True) or month
    first (False), from its unambiguous ones ("9/14/2026"), else the user's date-order
    setting; None when neither says."""
    said = {numeric_order(str(cells[i])) for _, cells in table.rows for i in indexes
            if i < len(cells) and cells[i] is not None} - {None}
    return said.pop() if len(said) == 1 else date_order_setting()


def _notes_cell(headers: list[str], cells: list, indexes: list[int]) -> str | None:
    """The text of every notes-like column of a row: "Comments" as it is, the others under
    their header ("calls me kiddo; How we met: conference")."""
    plain, labelled = [], []
    for i in indexes:
        value = str(cells[i]).strip() if i < len(cells) and cells[i] is not None else ""
        if value:
            header = str(headers[i]).strip()
            if normalise_header(header) in _NOTES_UNLABELLED:
                plain.append(value)
            else:
                labelled.append(f"{header}: {value}")
    return "; ".join(plain + labelled) or None


def _cell(cells: list, indexes: list[int]) -> object:
    values = [cells[i] for i in indexes if i < len(cells) and cells[i] is not None and str(cells[i]).strip()]
    if len(indexes) == 1:
        return cells[indexes[0]] if indexes[0] < len(cells) else None
    return ", ".join(str(v).strip() for v in values) if values else None


class _Matcher:
    """Finds the stored (or just imported) person a row is about, by name and by contact
    through two dictionaries (a scan of everyone per row made 10,000 rows take minutes)."""

    def __init__(self, people: list[Person]):
        self._by_name: dict[str, list[Person]] = {}
        self._by_contact: dict[str, list[Person]] = {}
        self._keys: dict[int, tuple[str, str | None]] = {}
        for person in people:
            self.track(person)

    def track(self, person: Person) -> None:
        """Index ``person`` under their current name and contact (again, after a change)."""
        old = self._keys.pop(id(person), None)
        if old is not None:
            self._by_name[old[0]].remove(person)
            if old[1] is not None:
                self._by_contact[old[1]].remove(person)
        keys = (name_key(person.name), name_key(person.contact) if person.contact else None)
        self._keys[id(person)] = keys
        self._by_name.setdefault(keys[0], []).append(person)
        if keys[1] is not None:
            self._by_contact.setdefault(keys[1], []).append(person)

    def find(self, name: str, company: str | None, contact: str | None, company_given: bool) -> Person | None:
        same_name = list(self._by_name.get(name_key(name), ()))
        if company_given:
            exact = [p for p in same_name if name_key(p.company) == name_key(company)]
            if exact:
                return exact[0]
        if contact:
            by_contact = self._by_contact.get(name_key(contact), [])
            if by_contact:
                return by_contact[0]
        if not company_given:
            if len(same_name) > 1:
                raise InvalidInput(f"several people are named {name}; add a company column to tell them apart")
            return same_name[0] if same_name else None
        if company and len(same_name) == 1 and not same_name[0].company:
            return same_name[0]  # the company of someone first met through a note
        return None


class PeopleTable:
    def __init__(self, db: Database, on_import=None):
        self.db = db
        # Called after rows were saved: notes waiting for review may name the new people.
        self._on_import = on_import

    def import_file(self, path: Path, sheet: str | None = None) -> ImportReport:
        return self._import(read_table(Path(path), sheet))

    def import_bytes(self, name: str, data: bytes, sheet: str | None = None) -> ImportReport:
        """Import an uploaded file; ``name`` (its file name) tells CSV from XLSX."""
        return self._import(parse_table(name, data, sheet))

    def _import(self, table: Table) -> ImportReport:
        table = find_header(table)
        mapping, ignored = map_columns(table)
        report = ImportReport(table.name, table.sheet, ignored_columns=ignored)
        rows = _validate_rows(table, mapping, report)
        if not rows:
            if not report.errors:
                raise TableError(f"{table.name} has a header but no rows")
            return report
        with self.db.session() as session:  # every valid row, or none
            self._apply(session, rows, "company" in mapping, report)
        if self._on_import is not None and report.added:
            self._on_import()
        return report

    def _apply(self, session: Session, rows: list[_Row], company_given: bool, report: ImportReport) -> None:
        people = list(session.scalars(select(Person).options(selectinload(Person.messages),
                                                            selectinload(Person.meetings))))
        matcher = _Matcher(people)
        seen: dict[int, str] = {}  # id(person) -> where it was first touched in this file
        for row in rows:
            v = row.values
            try:
                person = matcher.find(v["name"], v.get("company"), v.get("contact"), company_given)
            except InvalidInput as exc:
                report.errors.append(RowError(row.where, str(exc)))
                continue
            if person is not None and id(person) in seen:
                report.errors.append(RowError(row.where, f"{label(person)} is already on {seen[id(person)]}"))
                continue
            if person is None:
                person = Person(stage="prospect", messages=[], meetings=[])
                session.add(person)
                report.added.append(v["name"])
            else:
                report.updated.append(v["name"])
            seen[id(person)] = row.where
            for key, value in v.items():
                setattr(person, key, value)
            matcher.track(person)
            _record_last_contact(person, row.last_contacted, report.file)

    def export_file(self, path: Path) -> int:
        rows = self._rows()
        write_table(Path(path), EXPORT_HEADERS, rows)
        return len(rows)

    def export_bytes(self, suffix: str = ".csv") -> bytes:
        """The table as a .csv or .xlsx download."""
        return render_table(suffix, EXPORT_HEADERS, self._rows())

    def _rows(self) -> list[list[object]]:
        with self.db.session() as session:
            people = load_people(session)
        return [[p.name, p.company, p.role, p.contact, p.connection, p.introducer, p.stage, p.notes,
                 p.last_contacted()] for p in people]


def _record_last_contact(person: Person, day: dt.date | None, file: str) -> None:
    """A "last contacted" date becomes a message-history entry, once: nothing is added when
    the history already reaches that date (so exporting and importing again changes nothing)."""
    if day is None:
        return
    known = [e.date for e in person.messages] + [m.date for m in person.meetings]
    if any(d >= day for d in known):
        return
    person.messages.append(MessageEntry(date=day, direction="sent", summary=f"last contact (imported from {file})"))
