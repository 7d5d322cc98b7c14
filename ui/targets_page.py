"""Targets page: the user's values, the tracking table (edit in place, import, export),
nudges about the list, and logging a message in someone's history."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.relationships.import_export import ImportReport
from mentordesk.relationships.tabular import CSV_SUFFIXES, XLSX_SUFFIXES, TableError
from store.errors import UserError
from store.tables import DIRECTIONS
from ui import people_table
from ui.flash import flash, show_flashes
from ui.navigation import page_file
from ui.resources import get_desk

IMPORT_SHEETS = "import_sheets"  # session state: {upload file id: sheet names to choose from}
DIRECTION_LABELS = {"sent": "I sent a message", "received": "They replied", "met": "We met"}


def show_values(desk: MentorDesk) -> None:
    values = desk.relationships.profile.get().values
    if values:
        st.markdown("**What I look for in a leader:** " + " ".join(f":blue-badge[{v}]" for v in values))
    else:
        st.info("Add the 3–5 qualities you look for in a leader on the Profile page: they are what "
                "every person on this list should show.")
        st.page_link(page_file("profile_page.py"), label="Set your values", icon=":material/person:")


def show_nudges(desk: MentorDesk) -> None:
    for nudge in desk.relationships.people.nudges():
        st.info(nudge, icon=":material/lightbulb:")


def tracking_table(desk: MentorDesk) -> None:
    people = desk.relationships.people
    pending: people_table.Pending = st.session_state.get(people_table.PENDING) or people_table.Pending()
    rows = people_table.table_rows(people.list(), pending)
    show_flashes("targets_table")
    if pending:
        st.warning("Some rows were not saved (see the messages above); they are still in the table. "
                   "Fix them and save again, or discard them.")
    st.caption("Edit cells, add rows at the bottom, or select rows and delete them; then **Save changes**.")
    people_table.people_editor(rows)
    save, with_notes, discard = st.columns([1, 2, 1], vertical_alignment="center")
    notes_too = with_notes.checkbox("Also delete their meeting notes", key="targets_delete_notes",
                                    help="Deleting someone with meeting notes removes the notes from your library too.")
    if discard.button("Discard changes", icon=":material/undo:", disabled=not (pending or people_table.has_edits())):
        st.session_state.pop(people_table.PENDING, None)
        people_table.reset_editor()
        st.rerun()
    if save.button("Save changes", type="primary", icon=":material/save:"):
        result = people_table.save_edits(people, rows, notes_too)
        if result.saved:
            flash("targets_table", "success", "Saved: " + "; ".join(result.saved) + ".")
        if result.errors:
            flash("targets_table", "error", "Not saved:\n" + "\n".join(f"- {e}" for e in result.errors))
        if not (result.saved or result.errors):
            flash("targets_table", "info", "Nothing to save: no cell was changed.")
        st.session_state[people_table.PENDING] = result.pending
        people_table.reset_editor()
        st.rerun()


def log_message_form(desk: MentorDesk) -> None:
    people = desk.relationships.people.list()
    if not people:
        st.caption("Add someone to your list first.")
        return
    by_id = {p.id: p for p in people}
    with st.form("log_message", clear_on_submit=True):
        who = st.selectbox("Person", list(by_id), format_func=lambda pid: by_id[pid].label, index=None,
                           placeholder="Choose a person", key="log_person")
        direction = st.radio("What happened", DIRECTIONS, format_func=DIRECTION_LABELS.__getitem__,
                             horizontal=True, key="log_direction")
        day = st.date_input("Date", value=dt.date.today(), key="log_date")
        summary = st.text_input("Summary", placeholder="Asked for a 20-minute call about the staff track",
                                key="log_summary")
        submitted = st.form_submit_button("Log message", icon=":material/mail:")
    if not submitted:
        return
    if who is None:
        st.error("**Person**: choose who the message was with.")
        return
    before = by_id[who].stage
    try:
        entry = desk.relationships.people.log_message(who, direction, summary, day)
    except UserError as exc:
        st.error(str(exc))
        return
    after = desk.relationships.people.get(who).stage
    moved = f"; stage {before} → {after}" if after != before else ""
    st.success(f"Logged for {entry.person_name} on {entry.date.isoformat()}: {entry.summary}{moved}.")


def show_import_report(report: ImportReport) -> None:
    (st.success if report.imported else st.warning)(f"Imported {report.summary()}.")
    if report.errors:
        st.error("Rows skipped:\n" + "\n".join(f"- {error}" for error in report.errors))
    if report.ignored_columns:
        st.caption("Columns ignored (not part of the tracking table): " + ", ".join(report.ignored_columns))
    if report.read_as:
        st.caption("Read in your words: " + "; ".join(str(note) for note in report.read_as))


def import_controls(desk: MentorDesk) -> None:
    st.caption("Headers are matched case-insensitively and in any order; `name` is required. Importing "
               "the same file again updates people instead of adding them twice.")
    upload = st.file_uploader("CSV or XLSX file", type=[suffix.lstrip(".") for suffix in CSV_SUFFIXES + XLSX_SUFFIXES], key="import_file")
    sheets = st.session_state.get(IMPORT_SHEETS, {}).get(upload.file_id) if upload else None
    sheet = None
    if sheets:
        st.warning(f"{upload.name} has several sheets with data. Choose the one to import.")
        sheet = st.selectbox("Sheet", sheets, key=f"import_sheet_{upload.file_id}")
    if not st.button("Import", icon=":material/upload_file:", disabled=upload is None):
        return
    try:
        report = desk.relationships.table.import_bytes(upload.name, upload.getvalue(), sheet)
    except TableError as exc:
        if exc.sheets and sheet is None:
            st.session_state.setdefault(IMPORT_SHEETS, {})[upload.file_id] = exc.sheets
            st.rerun()  # shows the sheet picker above the Import button
        st.error(str(exc))
        return
    except UserError as exc:
        st.error(str(exc))
        return
    if report.imported:
        people_table.reset_editor()  # rows moved: edits typed before the import no longer line up
    show_import_report(report)


def export_buttons(desk: MentorDesk) -> None:
    table = desk.relationships.table
    csv, xlsx = st.columns(2)
    csv.download_button("Download CSV", table.export_bytes(".csv"), file_name="mentordesk-targets.csv",
                        mime="text/csv", icon=":material/download:", on_click="ignore")
    xlsx.download_button("Download XLSX", table.export_bytes(".xlsx"), file_name="mentordesk-targets.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         icon=":material/download:", on_click="ignore")


desk = get_desk()
st.title("Targets")
header = st.container()  # filled last, so the nudges count what this run saved
table_tab, log_tab, import_tab, export_tab = st.tabs(["Tracking table", "Log a message", "Import", "Export"])
# Writes first, the table last: the table then shows what was just logged or imported.
with log_tab:
    log_message_form(desk)
with import_tab:
    import_controls(desk)
with table_tab:
    tracking_table(desk)
with export_tab:
    st.caption("The whole table, with the date of the last contact, to open in a spreadsheet or import again.")
    export_buttons(desk)
with header:
    show_values(desk)
    show_nudges(desk)
