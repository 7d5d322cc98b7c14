"""Due page: the day's dashboard. Today's outreach pick, primary mentors to book, follow-ups
to send, open action items, outcomes to report back, and the calendar of what is coming."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.relationships.cadence import DueReport
from ui.advice_widgets import done_checkbox
from ui.flash import flash, show_flashes
from ui.navigation import page_file
from ui.resources import get_desk

SHOWN_ACTIONS = 8  # newest first; older ones wait in an expander
STATUS_BADGE = {"overdue": ":red-badge[overdue]", "due": ":orange-badge[due]"}


def draft_link(label: str, kind: str, person_id: int) -> None:
    """A link that opens the Drafts page with the kind and person already chosen."""
    st.page_link(page_file("drafts_page.py"), label=label, icon=":material/edit_note:",
                 query_params={"kind": kind, "person": str(person_id)})


def outreach_section(report: DueReport) -> None:
    st.subheader(":material/send: Today's outreach")
    if not report.weekday:
        st.caption("Outreach is a weekday habit: no pick at the weekend.")
        return
    pick = report.outreach
    if pick is None:
        st.caption("No prospects on your list to contact.")
        st.page_link(page_file("targets_page.py"), label="Add people to your target list", icon=":material/group_add:")
        return
    person = pick.person
    st.markdown(f"**{person.label}**" + (f" · {person.role}" if person.role else ""))
    st.caption(pick.reason[:1].upper() + pick.reason[1:])
    warm_intro = person.connection == "warm" and person.introducer
    text, link = st.columns([1, 1])
    with text:
        draft_link("Draft the outreach email", "outreach", person.id)
    if warm_intro:
        with link:
            draft_link(f"Ask {person.introducer} for an intro", "intro", person.id)


def mentors_section(report: DueReport, thresholds) -> None:
    st.subheader(":material/event_repeat: Primary mentors to meet")
    if not report.has_primary:
        st.caption(f"You have no primary mentors yet. Mark 1–{thresholds.max_primary} of your mentors as *primary* "
                   f"on the Targets page to be reminded every {thresholds.due_weeks}–{thresholds.overdue_weeks} weeks.")
    elif not report.primary_mentors:
        st.caption(f"Every primary mentor was met within the last {thresholds.due_weeks} weeks, or has a meeting booked.")
    for due in [*report.primary_mentors, *report.quiet_mentors]:
        since = (f"last met {due.last_met.isoformat()} ({due.days_since} days ago)" if due.last_met
                 else "never met")
        text, link = st.columns([2, 1], vertical_alignment="center")
        text.markdown(f"{STATUS_BADGE[due.status]} **{due.person.label}** · {since}")
        with link:
            draft_link("Prepare", "prep", due.person.id)


def mark_follow_up(meeting_id: int, person: str) -> None:
    get_desk().relationships.meetings.mark_follow_up_sent(meeting_id)
    flash("due", "success", f"Follow-up to {person} marked as sent.")


def follow_ups_section(report: DueReport) -> None:
    st.subheader(":material/forward_to_inbox: Follow-ups to send")
    if not report.follow_ups:
        st.caption("No meeting in the last week is waiting for a follow-up.")
        return
    for due in report.follow_ups:
        m = due.meeting
        left = "due today" if due.days_left == 0 else f"{due.days_left} days left"
        text, link, button = st.columns([2, 1, 1], vertical_alignment="center")
        text.markdown(f"**{m.person_name}**, met {m.date.isoformat()}" + (f" · {m.purpose}" if m.purpose else "")
                      + f"  \n:gray[send by {due.deadline.isoformat()} ({left})]")
        with link:
            draft_link("Draft it", "followup", m.person_id)
        button.button("Mark sent", key=f"due_followup_sent_{m.id}", on_click=mark_follow_up,
                      args=(m.id, m.person_name), icon=":material/done:")


def actions_section(report: DueReport) -> None:
    st.subheader(":material/checklist: Open action items")
    if not report.open_actions:
        st.caption("No open action items.")
        return
    newest = sorted(report.open_actions, key=lambda i: (i.meeting_date, i.id), reverse=True)
    for item in newest[:SHOWN_ACTIONS]:
        action_checkbox(item)
    if len(newest) > SHOWN_ACTIONS:
        with st.expander(f"{len(newest) - SHOWN_ACTIONS} older open items"):
            for item in newest[SHOWN_ACTIONS:]:
                action_checkbox(item)


def action_checkbox(item) -> None:
    done_checkbox(item, "due", label=f"{item.text} · :gray[{item.person_name}, {item.meeting_date.isoformat()}]")


def outcomes_section(report: DueReport) -> None:
    st.subheader(":material/campaign: Outcomes to report back")
    if not report.unreported_outcomes:
        st.caption("Every outcome you recorded has been reported to the mentor.")
        return
    by_person: dict[int, list] = {}
    for item in report.unreported_outcomes:
        by_person.setdefault(item.person_id, []).append(item)
    for person_id, items in by_person.items():
        text, link = st.columns([2, 1], vertical_alignment="center")
        lines = "\n".join(f"- {i.text} → *{i.outcome.replace('_', ' ').replace('didnt', 'didn’t')}*" for i in items)
        text.markdown(f"**{items[0].person_name}**\n{lines}")
        with link:
            draft_link("Draft an update", "update", person_id)


def calendar_download(desk: MentorDesk, today: dt.date) -> None:
    st.download_button("Upcoming meetings (.ics)", desk.relationships.due.calendar(today),
                       file_name="mentordesk-meetings.ics", mime="text/calendar", icon=":material/calendar_month:",
                       on_click="ignore", help="Booked meetings from today, and suggested dates to book with "
                                               "primary mentors, for your calendar app.")


desk = get_desk()
title, when = st.columns([3, 1], vertical_alignment="bottom")
title.title("What is due")
today = when.date_input("As of", value=dt.date.today(), key="due_today",
                        help="See what would be due on another day.")
show_flashes("due")
report = desk.relationships.due.report(today)
counts = st.columns(4)
counts[0].metric("Mentors to meet", len(report.primary_mentors))
counts[1].metric("Follow-ups", len(report.follow_ups))
counts[2].metric("Open actions", len(report.open_actions))
counts[3].metric("Outcomes to report", len(report.unreported_outcomes))
for nudge in report.nudges:
    st.info(nudge, icon=":material/lightbulb:")
if report.nothing_due:
    st.success("Nothing is due. Enjoy the quiet, or add someone to your target list.")
left, right = st.columns(2, gap="large")
with left:
    outreach_section(report)
    mentors_section(report, desk.relationships.thresholds)
    follow_ups_section(report)
with right:
    actions_section(report)
    outcomes_section(report)
st.divider()
calendar_download(desk, today)
