"""Mentor page: one person's timeline of meetings, the advice and action items from each
(outcome and done saved as soon as they change) and the message history."""

from __future__ import annotations

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.drafting import DRAFT_KINDS
from mentordesk.relationships.people import PersonDetail
from mentordesk.relationships.views import PersonView
from ui.advice_widgets import advice_row
from ui.flash import show_flashes
from ui.navigation import page_file
from ui.resources import get_desk

MESSAGE_ICONS = {"sent": ":material/outgoing_mail:", "received": ":material/mark_email_unread:",
                 "met": ":material/groups:"}
MESSAGE_WORDS = {"sent": "Sent", "received": "Received", "met": "Met"}


def person_summary(person: PersonView) -> None:
    facts = [person.role, person.company and f"at {person.company}"]
    st.markdown(" ".join(f for f in facts if f) or "No role or company recorded.")
    stage, met, contacted = st.columns(3)
    stage.metric("Stage", person.stage)
    last_met = person.last_met()
    met.metric("Last met", last_met.isoformat() if last_met else "never")
    last = person.last_contacted()
    contacted.metric("Last contact", last.isoformat() if last else "never")
    details = [f"**Connection:** {person.connection}" if person.connection else "",
               f"**Introducer:** {person.introducer}" if person.introducer else "",
               f"**Contact:** {person.contact}" if person.contact else ""]
    if any(details):
        st.markdown(" · ".join(d for d in details if d))
    if person.notes:
        st.caption(person.notes)


def timeline(detail: PersonDetail) -> None:
    entries = detail.timeline()
    if not entries:
        st.info("No meetings or messages yet. Log a message on the Targets page or write a meeting note.")
        return
    advice = {item.id: item for item in detail.advice}
    meetings = {meeting.id: meeting for meeting in detail.meetings}
    for entry in entries:
        if entry.kind == "meeting":
            meeting = meetings[entry.ref_id]
            st.markdown(f"#### :material/event: {entry.date.isoformat()} · {meeting.title or entry.text}")
            if meeting.title and meeting.purpose:
                st.caption(meeting.purpose)
        elif entry.kind in ("advice", "action"):
            advice_row(advice[entry.ref_id], "mentor")
        else:
            st.markdown(f"{MESSAGE_ICONS.get(entry.detail, '')} **{entry.date.isoformat()}** · "
                        f"{MESSAGE_WORDS.get(entry.detail, entry.detail)}: {entry.text}")


def draft_links(person: PersonView) -> None:
    met = bool(person.meetings)
    kinds = [(kind.name, kind.short) for kind in DRAFT_KINDS if kind.offered_after_meetings == met]
    st.caption("Draft:")
    for column, (kind, label) in zip(st.columns(len(kinds)), kinds):
        column.page_link(page_file("drafts_page.py"), label=label, icon=":material/edit_note:",
                         query_params={"kind": kind, "person": str(person.id)})


def pick_person(desk: MentorDesk) -> PersonView | None:
    people = desk.relationships.people.list()
    if not people:
        st.info("Your list is empty: add people on the Targets page, or write a meeting note.")
        return None
    by_id = {p.id: p for p in people}
    # Mentors first: they are the ones with a timeline worth reading.
    order = sorted(by_id, key=lambda pid: (-by_id[pid].meetings, by_id[pid].name.lower()))
    wanted = st.query_params.get("person")
    start = order.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in by_id else 0
    chosen = st.selectbox("Person", order, index=start, format_func=lambda pid: by_id[pid].label, key="mentor_person")
    return by_id[chosen]


desk = get_desk()
st.title("Mentor")
show_flashes("mentor")
person = pick_person(desk)
if person is not None:
    detail = desk.relationships.people.detail(person.id)
    person_summary(detail.person)
    draft_links(detail.person)
    st.subheader("Timeline")
    timeline(detail)
