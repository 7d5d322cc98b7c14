"""Drafts page: pick a kind and a person, generate a draft from their history, check it
against the rubric, edit, refine, copy, download, open in the mail app, and mark it sent.

The draft lives in the store; the page shows the one named by ``?draft=ID`` in the
address, so the chat (or a bookmark) can open it. ``?kind=`` and ``?person=`` (a person id)
preselect the choices, for links from the Due and Mentor pages.
"""

from __future__ import annotations

import re

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.drafting import BY_NAME, KINDS
from mentordesk.drafting.service import Draft
from store.errors import UserError
from ui.draft_view import KIND_LABELS, as_text, show_citations, show_rubric
from ui.flash import flash, show_flashes
from ui.navigation import page_file
from ui.resources import embedder_loaded, get_desk, user_message

CURRENT = "draft_current"  # flash scope: news about the open draft, shown next to its buttons


def preselect_from_address(people_ids: list[int]) -> None:
    """?kind=...&person=... fill the choices once, then leave the address to ?draft=."""
    kind, person = st.query_params.get("kind"), st.query_params.get("person")
    if kind in KINDS:
        st.session_state["draft_kind"] = kind
    if person and person.isdigit() and int(person) in people_ids:
        st.session_state["draft_person"] = int(person)
    for name in ("kind", "person"):
        st.query_params.pop(name, None)


def profile_hint(desk: MentorDesk) -> None:
    if desk.relationships.profile.get().missing():
        st.page_link(page_file("profile_page.py"), label="Fill in your profile", icon=":material/person:")


def generate_controls(desk: MentorDesk) -> None:
    people = desk.relationships.people.list()
    if not people:
        st.info("Your list is empty: add people on the Targets page first.")
        return
    by_id = {p.id: p for p in people}
    preselect_from_address(list(by_id))
    kind_column, person_column, button_column = st.columns([2, 3, 1], vertical_alignment="bottom")
    kind = kind_column.selectbox("Kind", KINDS, format_func=KIND_LABELS.__getitem__, key="draft_kind")
    person = person_column.selectbox("Person", sorted(by_id, key=lambda pid: by_id[pid].name.lower()),
                                     format_func=lambda pid: by_id[pid].label, index=None,
                                     placeholder="Choose a person", key="draft_person")
    if not button_column.button("Generate", type="primary", icon=":material/auto_awesome:", disabled=person is None):
        return
    waiting = "Drafting from your notes…" if embedder_loaded(desk) else "Loading the search model and drafting…"
    try:
        with st.spinner(waiting):
            draft = desk.drafts.draft(kind, person)
    except UserError as exc:
        st.error(user_message(exc))
        profile_hint(desk)
        return
    st.query_params["draft"] = str(draft.id)


def open_draft(desk: MentorDesk) -> Draft | None:
    wanted = st.query_params.get("draft")
    if not wanted:
        return None
    if not wanted.isdigit():
        st.error(f"The address names the draft {wanted!r}; a draft id is a number.")
        return None
    try:
        with st.spinner("Opening the draft…"):
            return desk.drafts.get(int(wanted))
    except UserError as exc:
        st.error(str(exc))
        return None


# ----- callbacks: they run before the page, so it shows the stored result ------------------
def save_edit(draft_id: int, revision: str) -> None:
    state, drafts = st.session_state, get_desk().drafts
    try:
        draft = drafts.get(draft_id)
        drafts.edit(draft, state.get(f"draft_subject_{revision}", draft.subject), state[f"draft_body_{revision}"])
    except UserError as exc:
        flash(CURRENT, "error", f"Your edit was not saved: {exc}")


def refine(draft_id: int, instruction: str | None = None) -> None:
    drafts = get_desk().drafts
    instruction = instruction if instruction is not None else st.session_state.get("draft_refine_text", "")
    try:
        drafts.refine(drafts.get(draft_id), instruction)
    except UserError as exc:
        flash(CURRENT, "error", str(exc))
        return
    st.session_state["draft_refine_text"] = ""
    flash(CURRENT, "success", f"Refined: {instruction.strip()}.")


def mark_sent(draft_id: int) -> None:
    desk = get_desk()
    people = desk.relationships.people
    try:
        draft = desk.drafts.get(draft_id)
        before, messages_before = people.get(draft.person_id), len(people.detail(draft.person_id).messages)
        desk.drafts.mark_sent(draft)
    except UserError as exc:
        flash(CURRENT, "error", str(exc))
        return
    after, messages_after = people.get(draft.person_id), len(people.detail(draft.person_id).messages)
    stage = f"stage {before.stage} → {after.stage}" if after.stage != before.stage else f"stage stays {after.stage}"
    flash(CURRENT, "success", f"Marked as sent. {after.name}'s message history: {messages_before} → {messages_after} "
                            f"entries; {stage}.")


# ----- the draft ------------------------------------------------------------------------------
def draft_editor(draft: Draft) -> None:
    # A refinement writes new text: new widgets, filled from the store.
    revision = f"{draft.id}_{len(draft.refinements)}"
    if draft.subject is not None:
        st.text_input("Subject", value=draft.subject, key=f"draft_subject_{revision}", on_change=save_edit,
                      args=(draft.id, revision))
    st.text_area("Body", value=draft.body, height=380, key=f"draft_body_{revision}", on_change=save_edit,
                 args=(draft.id, revision), help="Your edits are saved and checked again when you leave the box.")
    with st.form("refine_form", border=False):
        text, button = st.columns([3, 1], vertical_alignment="bottom")
        text.text_input("Refine", key="draft_refine_text", placeholder="shorter · more formal · mention the runbook")
        button.form_submit_button("Refine", icon=":material/tune:", on_click=refine, args=(draft.id,))
    if draft.refinements:
        st.caption("Refinements so far: " + "; ".join(draft.refinements))


def draft_actions(draft: Draft) -> None:
    text = as_text(draft.subject, draft.body)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{draft.kind} {draft.person}".lower()).strip("-")
    download, mail, send = st.columns(3)
    download.download_button("Download .txt", text, file_name=f"{slug}.txt", mime="text/plain",
                             icon=":material/download:", on_click="ignore")
    if not BY_NAME[draft.kind].email:
        send.caption(f"{BY_NAME[draft.kind].label} is for you: nothing to send.")
        return
    mail.link_button("Open in mail app", draft.mailto, icon=":material/mail:",
                     help="Opens your mail app with the subject and body filled in.")
    send.button("Mark as sent", type="primary", icon=":material/send:", on_click=mark_sent, args=(draft.id,),
                disabled=draft.sent_at is not None,
                help="Adds the message to their history and moves their stage forward.")


def show_draft(draft: Draft) -> None:
    st.subheader(f"{KIND_LABELS[draft.kind]} for {draft.person}")
    if draft.sent_at:
        st.caption(f"Marked as sent on {draft.sent_at.date().isoformat()}.")
    text_column, check_column = st.columns([3, 2], gap="large")
    with text_column:
        draft_editor(draft)
    with check_column:
        st.markdown("**Rubric**")
        show_rubric(draft.rubric)
        show_citations(draft.citations)
    show_flashes(CURRENT)
    draft_actions(draft)
    with st.expander("Copy as plain text"):
        st.code(as_text(draft.subject, draft.body), language=None, wrap_lines=True)


desk = get_desk()
st.title("Drafts")
st.caption("Outreach, intro requests, meeting prep, follow-ups, updates and thank-you notes, written from "
           "your profile, your tracking table and your meeting notes.")
generate_controls(desk)
st.divider()
current = open_draft(desk)
if current is not None:
    show_draft(current)
else:
    show_flashes(CURRENT)
    if "draft" not in st.query_params:
        st.caption("Choose a kind and a person, then **Generate**.")
