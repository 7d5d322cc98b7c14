"""The tracking table as an editable grid, and turning its edits into PeopleService calls.

``st.data_editor`` reports edits by row position (``edited_rows``, ``added_rows``,
``deleted_rows``). Each row the user touched becomes one service call, validated there, so
a bad row is reported by its position and field and saves nothing, while good rows save.
Rows that failed stay in the grid as unsaved input (UI state) until fixed or discarded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from mentordesk.relationships.people import PERSON_FIELDS, HasMeetingNotes, PeopleService
from mentordesk.relationships.views import PersonView
from store.errors import UserError
from store.tables import CONNECTIONS, STAGES

PENDING = "targets_pending"  # session state: Pending, rows that failed to save
VERSION = "targets_editor_version"  # session state: bumped to give the grid a fresh start

COLUMNS = {
    "name": st.column_config.TextColumn("Name", required=True),
    "company": st.column_config.TextColumn("Company"),
    "role": st.column_config.TextColumn("Role"),
    "contact": st.column_config.TextColumn("Contact", help="Email or how to reach them"),
    "connection": st.column_config.SelectboxColumn("Connection", options=["", *CONNECTIONS], width="small",
                                                   help="warm: someone can introduce you"),
    "introducer": st.column_config.TextColumn("Introducer", help="Who could connect you"),
    "stage": st.column_config.SelectboxColumn("Stage", options=list(STAGES), default="prospect", required=True,
                                              width="small"),
    "notes": st.column_config.TextColumn("Notes", width="large", help="Why them: what they show of your values"),
    "last_contacted": st.column_config.DateColumn("Last contact", disabled=True, format="YYYY-MM-DD"),
}


@dataclass
class Pending:
    edits: dict[int, dict[str, str]] = field(default_factory=dict)  # person id -> field -> typed value
    added: list[dict[str, str]] = field(default_factory=list)  # new rows that were not saved

    def __bool__(self) -> bool:
        return bool(self.edits or self.added)


@dataclass
class TableRow:
    person: PersonView | None  # None: a new row typed in earlier that could not be saved
    values: dict[str, str | None]


@dataclass
class SaveResult:
    saved: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pending: Pending = field(default_factory=Pending)


def _text(value: object) -> str:
    """A cell as text: the grid gives None or NaN for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def table_rows(people: list[PersonView], pending: Pending) -> list[TableRow]:
    rows = []
    for person in people:
        values = {name: getattr(person, name) for name in PERSON_FIELDS}
        values.update(pending.edits.get(person.id, {}))
        rows.append(TableRow(person, values))
    rows += [TableRow(None, {name: added.get(name) for name in PERSON_FIELDS}) for added in pending.added]
    return rows


def frame(rows: list[TableRow]) -> pd.DataFrame:
    # Empty cells as "": the grid would print None in each of them.
    data = [{**{k: v or "" for k, v in row.values.items()},
             "last_contacted": row.person.last_contacted() if row.person else None} for row in rows]
    return pd.DataFrame(data, columns=[*PERSON_FIELDS, "last_contacted"])


def editor_key() -> str:
    return f"targets_editor_{st.session_state.get(VERSION, 0)}"


def reset_editor() -> None:
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


def people_editor(rows: list[TableRow]) -> None:
    st.data_editor(
        frame(rows), key=editor_key(), num_rows="dynamic", hide_index=True, width="stretch",
        column_config=COLUMNS, column_order=list(COLUMNS),
    )


def edit_state() -> dict:
    state = st.session_state.get(editor_key()) or {}
    return {"edited_rows": {int(k): v for k, v in (state.get("edited_rows") or {}).items()},
            "added_rows": list(state.get("added_rows") or []),
            "deleted_rows": [int(i) for i in state.get("deleted_rows") or []]}


def has_edits() -> bool:
    state = edit_state()
    return bool(state["edited_rows"] or state["added_rows"] or state["deleted_rows"])


def save_edits(people: PeopleService, rows: list[TableRow], with_notes: bool) -> SaveResult:
    """Deletions first (so a removed name can be added again), then edits, then new rows."""
    state, result = edit_state(), SaveResult()
    deleted = set(state["deleted_rows"])
    for position in sorted(deleted):
        person = rows[position].person if position < len(rows) else None
        if person is None:
            continue  # an unsaved row: dropping it is all there is to do
        where = f"Row {position + 1} ({person.name})"
        try:
            people.delete(person.id, with_notes=with_notes)
            result.saved.append(f"deleted {person.label}")
        except HasMeetingNotes as exc:
            result.errors.append(f"{where}: not deleted: {exc.person} has {exc.notes} meeting "
                                 f"note{'s' if exc.notes != 1 else ''}; tick *Also delete their meeting notes* to "
                                 "delete them too")
        except UserError as exc:
            result.errors.append(f"{where}: not deleted: {exc}")

    for position, row in enumerate(rows):
        if position in deleted:
            continue
        typed = {**row.values, **state["edited_rows"].get(position, {})}
        if row.person is None:
            _add(people, typed, f"Row {position + 1}", result)
            continue
        changes = {name: _text(typed.get(name)) for name in PERSON_FIELDS
                   if _text(typed.get(name)) != _text(getattr(row.person, name))}
        if not changes:
            continue
        try:
            people.edit(row.person.id, **changes)
            result.saved.append(f"updated {row.person.label}")
        except UserError as exc:
            result.errors.append(f"Row {position + 1} ({row.person.name}): {exc}")
            result.pending.edits[row.person.id] = changes

    for number, added in enumerate(state["added_rows"], 1):
        _add(people, added, f"New row {number}", result)
    return result


def _add(people: PeopleService, typed: dict, where: str, result: SaveResult) -> None:
    values = {name: _text(typed.get(name)) for name in PERSON_FIELDS}
    if not any(values.values()):
        return  # an empty row the user added and left: nothing to save or report
    try:
        person = people.add(values.pop("name"), **{k: v or None for k, v in values.items()})
        result.saved.append(f"added {person.label}")
    except UserError as exc:
        result.errors.append(f"{where}: {exc}")
        result.pending.added.append({name: _text(typed.get(name)) or None for name in PERSON_FIELDS})
