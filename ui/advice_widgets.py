"""Advice ledger widgets shared by the Mentor and Due pages: marking an action done and
recording what came of advice, each saved the moment it changes."""

from __future__ import annotations

import streamlit as st

from mentordesk.relationships.views import AdviceView
from store.errors import UserError
from ui.flash import flash
from ui.resources import get_desk
from ui.transcript import inert_links

# "" rather than None for "no outcome": a selectbox shows a None value as an empty choice.
OUTCOME_LABELS = {"": "No outcome yet", "tried": "Tried", "worked": "Worked", "didnt_work": "Didn't work",
                  "not_for_me": "Not for me"}


def _set_done(item_id: int, key: str, scope: str) -> None:
    try:
        get_desk().relationships.advice.set_done(item_id, st.session_state[key])
    except UserError as exc:
        flash(scope, "error", str(exc))


def _set_outcome(item_id: int, key: str, scope: str) -> None:
    try:
        get_desk().relationships.advice.set_outcome(item_id, st.session_state[key] or None)
    except UserError as exc:
        flash(scope, "error", str(exc))


def done_checkbox(item: AdviceView, scope: str, label: str = "Done") -> None:
    # The stored value is part of the key: a change saved elsewhere (an outcome settling
    # an action, another page) starts a fresh widget showing the store's value.
    key = f"{scope}_done_{item.id}_{item.done}"
    st.checkbox(label, value=item.done, key=key, on_change=_set_done, args=(item.id, key, scope))


def outcome_select(item: AdviceView, scope: str) -> None:
    key = f"{scope}_outcome_{item.id}_{item.outcome}"
    st.selectbox("Outcome", list(OUTCOME_LABELS), index=list(OUTCOME_LABELS).index(item.outcome or ""),
                 format_func=OUTCOME_LABELS.__getitem__, key=key, on_change=_set_outcome,
                 args=(item.id, key, scope), label_visibility="collapsed")


def advice_row(item: AdviceView, scope: str) -> None:
    """One ledger item: its text, and a done box (actions) or an outcome (advice)."""
    text, control = st.columns([3, 1], vertical_alignment="center")
    with text:
        st.markdown(f"**{'Action' if item.kind == 'action' else 'Advice'}:** {inert_links(item.text)}")
        if item.outcome and item.outcome_reported:
            st.caption("Outcome reported to them.")
    with control:
        if item.kind == "action":
            done_checkbox(item, scope)
        else:
            outcome_select(item, scope)
