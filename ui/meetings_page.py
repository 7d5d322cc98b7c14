"""Meetings page: write a meeting note (saved, then indexed so the chat finds it at once),
and the list of meetings to read, edit or delete."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.relationships.schemas import InvalidInput
from mentordesk.relationships.views import MeetingView, PersonView
from store.errors import UserError
from ui.flash import flash, show_flashes
from ui.resources import embedder_loaded, get_desk, user_message
from vectorstore.chroma_index import IndexMismatchError

EDITING = "meeting_editing"  # session state: id of the meeting whose note is in the form
FORM_NUMBER = "meeting_form_number"  # session state: bumped after a save, for an empty form
NEW = 0  # the mentor choice "someone new" (person ids start at 1)
EVERYONE = 0  # the list filter "all mentors"
NOTES_HELP = ("Markdown. Bullets under headings such as *What they said* or *Action items* become "
              "advice and action items you can track.")


def note_form(desk: MentorDesk, people: list[PersonView]) -> None:
    editing = st.session_state.get(EDITING)
    detail = None
    if editing is not None:
        try:
            detail = desk.relationships.meetings.get(editing)
        except UserError:
            st.session_state.pop(EDITING, None)  # deleted meanwhile: back to a new note
            editing = None
    meeting = detail.meeting if detail else None
    by_id = {p.id: p for p in people}
    choices = [*sorted(by_id, key=lambda pid: (-by_id[pid].meetings, by_id[pid].name.lower())), NEW]
    # Fresh widgets for each meeting opened (filled from the store) and after each save.
    suffix = editing or f"new{st.session_state.get(FORM_NUMBER, 0)}"
    st.subheader(f"Edit the note of {meeting.date.isoformat()} with {meeting.person_name}" if meeting
                 else "Write a meeting note")
    with st.form(f"meeting_form_{suffix}"):  # not cleared on submit: a failed save keeps the text
        mentor = st.selectbox(
            "Mentor", choices, index=choices.index(meeting.person_id) if meeting else None,
            format_func=lambda pid: by_id[pid].label if pid != NEW else "Someone new (type the name below)",
            placeholder="Choose a mentor", key=f"meeting_mentor_{suffix}",
        )
        new_name = st.text_input("New mentor's name", key=f"meeting_new_name_{suffix}",
                                 help="Only when the mentor is someone new; they are added to your list as a mentor.")
        day = st.date_input("Date", value=meeting.date if meeting else dt.date.today(), key=f"meeting_date_{suffix}")
        purpose = st.text_input("Purpose", value=(meeting.purpose or "") if meeting else "",
                                placeholder="Decide between the staff and manager tracks", key=f"meeting_purpose_{suffix}")
        notes = st.text_area("Notes", value=detail.notes if detail else "", height=260, help=NOTES_HELP,
                             key=f"meeting_notes_{suffix}")
        submitted = st.form_submit_button("Save changes" if meeting else "Save note", type="primary",
                                          icon=":material/save:")
    if meeting is not None and st.button("Cancel editing", icon=":material/close:"):
        st.session_state.pop(EDITING, None)
        st.rerun()
    if submitted:
        save_note(desk, mentor, new_name, day, purpose, notes, meeting)


def save_note(desk: MentorDesk, mentor: int | None, new_name: str, day: dt.date, purpose: str, notes: str,
              meeting: MeetingView | None) -> None:
    rel = desk.relationships
    if mentor is None or (mentor == NEW and not new_name.strip()):
        st.error("**Mentor**: choose who you met, or pick *Someone new* and type their name.")
        return
    waiting = "Saving and indexing the note…" if embedder_loaded(desk) else \
        "Saving the note and loading the search model (first time only)…"
    try:
        if mentor == NEW:
            mentor = add_mentor(desk, new_name)
            if mentor is None:
                return
        with st.spinner(waiting):
            saved = rel.meetings.save(mentor, day, purpose, notes, meeting_id=meeting.id if meeting else None)
    except UserError as exc:
        st.error(user_message(exc))
        return
    items = f" ({saved.advice} advice, {saved.open_actions} open actions found)" if saved.has_note else ""
    flash("meetings", "success", f"Saved the meeting of {saved.date.isoformat()} with {saved.person_name}{items}.")
    st.session_state.pop(EDITING, None)
    st.session_state[FORM_NUMBER] = st.session_state.get(FORM_NUMBER, 0) + 1
    st.rerun()


def add_mentor(desk: MentorDesk, name: str) -> int | None:
    try:
        return desk.relationships.people.add(name, stage="mentor").id
    except InvalidInput as exc:
        if exc.field == "name":  # already on the list: the form has a place for them
            st.error(f"**New mentor's name**: {' '.join(name.split())} is already in your list; choose them under "
                     "**Mentor** instead.")
            return None
        raise


def delete_meeting(meeting_id: int) -> None:
    try:
        gone = get_desk().relationships.meetings.delete(meeting_id)
    except (UserError, IndexMismatchError) as exc:
        flash("meetings", "error", str(exc))
        return
    if st.session_state.get(EDITING) == meeting_id:
        st.session_state.pop(EDITING, None)
    note = " and its note" if gone.has_note else ""
    flash("meetings", "success", f"Deleted the meeting of {gone.date.isoformat()} with {gone.person_name}{note}.")


def edit_meeting(meeting_id: int) -> None:
    st.session_state[EDITING] = meeting_id


def mark_follow_up(meeting_id: int) -> None:
    get_desk().relationships.meetings.mark_follow_up_sent(meeting_id)


def meeting_list(desk: MentorDesk, people: list[PersonView]) -> None:
    st.subheader("Meetings")
    by_id = {p.id: p for p in people if p.meetings}
    if not by_id:
        st.caption("No meetings yet.")
        return
    who = st.selectbox("Show meetings with", [EVERYONE, *sorted(by_id, key=lambda pid: by_id[pid].name.lower())],
                       format_func=lambda pid: by_id[pid].label if pid != EVERYONE else "Everyone",
                       key="meetings_filter")
    meetings = desk.relationships.meetings.list(who if who != EVERYONE else None)
    today = dt.date.today()
    for meeting in sorted(meetings, key=lambda m: (m.date, m.id), reverse=True):
        planned = " (planned)" if meeting.date > today else ""
        title = meeting.title or meeting.purpose or "Meeting"
        with st.expander(f"{meeting.date.isoformat()}{planned} · {meeting.person_name} · {title}"):
            meeting_details(desk, meeting, today)


def meeting_details(desk: MentorDesk, meeting: MeetingView, today: dt.date) -> None:
    detail = desk.relationships.meetings.get(meeting.id)
    facts = [f"{meeting.advice} advice", f"{meeting.open_actions} open actions"]
    if meeting.follow_up_sent_on:
        facts.append(f"follow-up sent {meeting.follow_up_sent_on.isoformat()}")
    elif meeting.date <= today:
        facts.append("follow-up not sent")
    st.caption(" · ".join(facts) + (f" · from {meeting.source}" if not detail.editable else ""))
    if detail.notes:
        st.markdown(detail.notes)
    else:
        st.caption("No notes for this meeting.")
    edit, follow_up, delete = st.columns(3)
    edit.button("Edit", key=f"meeting_edit_{meeting.id}", icon=":material/edit:", on_click=edit_meeting,
                args=(meeting.id,), disabled=not detail.editable,
                help=None if detail.editable else "This note is a file: edit the file and ingest it again.")
    if meeting.follow_up_sent_on is None and meeting.date <= today:
        follow_up.button("Mark follow-up sent", key=f"meeting_followup_{meeting.id}", icon=":material/mark_email_read:",
                         on_click=mark_follow_up, args=(meeting.id,))
    with delete.popover("Delete", icon=":material/delete:"):
        st.write("Delete this meeting" + (", its note and its advice items?" if meeting.has_note else "?"))
        st.button("Delete for good", key=f"meeting_delete_{meeting.id}", type="primary", on_click=delete_meeting,
                  args=(meeting.id,))


def review_list(desk: MentorDesk, people: list[PersonView]) -> None:
    """Notes that could not become meetings by themselves, each settled with one choice."""
    items = desk.relationships.reviews.list()
    dismissed = desk.relationships.reviews.list(dismissed=True)
    if dismissed:
        with st.expander(f"Notes marked as not a meeting ({len(dismissed)})"):
            for item in dismissed:
                text, undo = st.columns([3, 1], vertical_alignment="center")
                text.markdown(f"**{item.title or item.file_name}** · {item.file_name}")
                undo.button("Put back", key=f"review_reopen_{item.id}", on_click=reopen_review, args=(item.id,))
    if not items:
        return
    st.subheader(f"Needs review ({len(items)})")
    st.caption("These notes are in your library (search and chat find them) but are not meetings yet. "
               "Say who each was with, or that it is not a meeting; the choice is kept when the file is ingested again.")
    new_names = sorted({i.suggested_name for i in items if i.suggested_name and i.date is not None})
    if len(new_names) > 1:
        st.button(f"Add all {len(new_names)} people these notes name to my list ({', '.join(new_names)})",
                  icon=":material/group_add:", on_click=add_suggested_people, key="review_add_all")
    by_id = {p.id: p for p in people}
    for item in items:
        with st.container(border=True):
            st.markdown(f"**{item.title or item.file_name}** · {item.reason_text}")
            st.caption(f"{item.detail} · {item.file_name}")
            st.text(item.excerpt)
            candidates = [pid for pid, _ in item.candidates if pid in by_id]
            choices = candidates + sorted((pid for pid in by_id if pid not in candidates),
                                          key=lambda pid: by_id[pid].name.lower())
            if item.suggested_name:  # a name the note gives that no one in the list has: add them
                choices = [NEW_PERSON] + choices

            def label(pid: int, suggested: str | None = item.suggested_name) -> str:
                return f"➕ Add {suggested} to my list" if pid == NEW_PERSON else by_id[pid].label

            with st.form(f"review_form_{item.id}", border=False):
                person = st.selectbox("Who was it with?", choices, index=0 if candidates or item.suggested_name else None,
                                      format_func=label, placeholder="Choose a person",
                                      key=f"review_person_{item.id}")
                day = st.date_input("Date", value=item.date, key=f"review_date_{item.id}") \
                    if item.reason == "no_date" or item.date is None else item.date
                place, dismiss = st.columns(2)
                placed = place.form_submit_button("Make it a meeting", type="primary", icon=":material/event:")
                skipped = dismiss.form_submit_button("Not a meeting", icon=":material/block:")
            if placed or skipped:
                new = item.suggested_name if placed and person == NEW_PERSON else None
                settle_review(desk, item.id, person if placed and new is None else None, day if placed else None,
                              skipped, new)


def add_suggested_people() -> None:
    settled = get_desk().relationships.reviews.add_suggested()
    flash("meetings", "success", f"{len(settled)} note(s) are now meetings with the people they name.")


def reopen_review(review_id: int) -> None:
    item = get_desk().relationships.reviews.reopen(review_id)
    flash("meetings", "info", f"{item.file_name} is read again like a new note.")


NEW_PERSON = -1  # the review list's "add them to my list" choice


def settle_review(desk: MentorDesk, review_id: int, person: int | None, day: dt.date | None, dismiss: bool,
                  new_person: str | None = None) -> None:
    try:
        item = desk.relationships.reviews.settle(review_id, person=person, date=day, dismiss=dismiss,
                                                 new_person=new_person)
    except UserError as exc:
        st.error(str(exc))
        return
    flash("meetings", "success", f"{item.file_name}: not a meeting." if dismiss else f"{item.file_name} is now a meeting.")
    st.rerun()


desk = get_desk()
st.title("Meetings and notes")
show_flashes("meetings")
people = desk.relationships.people.list()
review_list(desk, people)
form_column, list_column = st.columns([1, 1], gap="large")
with form_column:
    note_form(desk, people)
with list_column:
    meeting_list(desk, people)
