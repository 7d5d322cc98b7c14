"""Program page (team mode, admins only): the program's health in numbers. It shows counts,
never anyone's notes, mentors or drafts."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentordesk.team import program_summary
from store.errors import UserError
from ui.resources import get_desk

st.title("Program")
st.caption("Counts across every mentee. Nobody's notes, mentors or drafts are shown here.")
try:
    summary = program_summary(get_desk(), dt.date.today())
except UserError as exc:
    st.error(str(exc))
    st.stop()

mentees, on_cadence, overdue = st.columns(3)
mentees.metric("Mentees", summary.mentees)
on_cadence.metric("On cadence", summary.mentees_on_cadence,
                  help="Have a primary mentor and none of them is due or overdue for a meeting.")
overdue.metric("With an overdue primary mentor", summary.mentees_with_overdue)
due, late, follow_ups = st.columns(3)
due.metric("Primary mentors due", summary.primary_mentors_due)
late.metric("Primary mentors overdue", summary.primary_mentors_overdue)
follow_ups.metric("Follow-ups due", summary.follow_ups_due)
st.subheader("Outreach sent per week")
if summary.outreach_per_week:
    st.bar_chart({"messages sent": summary.outreach_per_week})
else:
    st.info("No outreach has been logged in the last eight weeks.")
