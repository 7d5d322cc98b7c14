"""Drafting in the conversation: a request such as "draft a follow-up to Priya" is answered
with the draft (stored, so the Drafts page opens it), and "shorter" or "mention X" right
after refines it."""

from __future__ import annotations

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.drafting.intent import DraftRequest
from mentordesk.drafting.service import Draft
from mentordesk.relationships.lookup import PersonNotFound
from store.errors import UserError
from ui.draft_view import KIND_LABELS
from ui.navigation import page_file
from ui.resources import user_message
from ui.transcript import DraftSnapshot, Entry, show_draft


def snapshot(draft: Draft, note: str = "") -> DraftSnapshot:
    return DraftSnapshot(draft.id, draft.kind, draft.person, draft.subject, draft.body, draft.citations,
                         draft.rubric.passed, note)


def draft_failed(desk: MentorDesk, message: str) -> Entry:
    st.error(message)
    links = [("ui/profile_page.py", "Fill in your profile")] if desk.relationships.profile.get().missing() else []
    for page, label in links:
        st.page_link(page_file(page), label=label)
    return Entry("assistant", "", error=message, links=links)


def draft_reply(desk: MentorDesk, request: DraftRequest) -> Entry | None:
    """The draft asked for, shown in the message; None when the name is no one on the list
    and nothing close, so the message is answered as a question instead."""
    try:
        with st.spinner(f"Drafting {KIND_LABELS[request.kind].lower()} for {request.person}…"):
            draft = desk.drafts.draft(request.kind, request.person)
    except PersonNotFound as exc:
        if not exc.suggestions:
            return None
        return draft_failed(desk, f"Not drafted: {exc}")
    except UserError as exc:
        return draft_failed(desk, f"Not drafted: {user_message(exc)}")
    entry = Entry("assistant", draft.body, draft=snapshot(draft))
    show_draft(entry.draft)
    return entry


def refine_reply(desk: MentorDesk, previous: DraftSnapshot, instruction: str) -> Entry:
    try:
        with st.spinner(f"Refining the draft: {instruction}…"):
            draft = desk.drafts.refine(desk.drafts.get(previous.id), instruction)
    except UserError as exc:
        return draft_failed(desk, f"Not refined: {exc}")
    entry = Entry("assistant", draft.body, draft=snapshot(draft, f"Refined ({instruction}):"))
    show_draft(entry.draft)
    return entry
