"""Sidebar controls that narrow what the chat searches: kind, mentor and dates."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentordesk.container import MentorDesk
from vectorstore.filters import KINDS, SearchFilter


def search_filter_controls(desk: MentorDesk) -> SearchFilter | None:
    """Render the filter widgets; returns the filter, or None to search everything."""
    st.subheader("Search in")
    kinds = st.multiselect("Kinds", KINDS, key="filter_kinds", placeholder="All kinds")
    names = desk.index.mentor_names()  # mentor key -> display name
    # "" rather than None for "any": a selectbox shows a None value as an empty choice.
    mentor = st.selectbox(
        "Mentor",
        ["", *sorted(names, key=names.__getitem__)],
        format_func=lambda key: names.get(key, key) if key else "Any mentor",
        key="filter_mentor",
        disabled=not names,
        help=None if names else "No notes name a mentor yet.",
    )
    since = until = None
    if st.checkbox("Only between dates", key="filter_by_date", help="Guidance has no date: a date range searches dated notes only."):
        today = dt.date.today()
        picked = st.date_input("Dates", value=(today - dt.timedelta(days=365), today), key="filter_dates")
        # While the user is picking a range, the widget holds one date.
        picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
        since = picked[0] if picked else None
        until = picked[1] if len(picked) > 1 else None
    try:
        flt = SearchFilter(kinds=tuple(kinds), mentors=(mentor,) if mentor else (), since=since, until=until)
    except ValueError as exc:
        st.error(f"Filter not applied: {exc}")
        return None
    return None if flt.empty else flt
