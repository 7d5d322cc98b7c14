"""How a draft looks, on the Drafts page and in the chat: its labels, rubric and sources."""

from __future__ import annotations

import streamlit as st

from mentordesk.drafting import DRAFT_KINDS
from mentordesk.drafting.rubric import MAX_WORDS, RubricResult

KIND_LABELS = {kind.name: kind.label for kind in DRAFT_KINDS}
CHECK_LABELS = {
    "has_subject": "Has a subject line",
    "names_person": "Names the person",
    "names_company": "Names their company",
    "one_ask": "One clear ask: a 20–30 minute call or coffee",
    "flexible": "Flexible on time and place",
    "prepared": "Says you will come prepared",
    "mutual_benefit": "Says what is in it for them",
    "names_introducer": "Names the introducer",
    "under_150_words": f"Under {MAX_WORDS} words",
    "three_to_five_questions": "3 to 5 questions",
    "purpose_statement": "Has a purpose statement",
    "thanks": "Thanks them",
    "learned": "Says what you learned",
    "next_steps": "States your next steps",
    "mentions_outcome": "Reports what came of their advice",
    "signed": "Signed with your name",
    "no_placeholder": "No placeholders left",
    "no_citation_markers": "No [n] markers in the email",
    "fits_connection": "Fits how you know them (cold, warm, met)",
    "no_private_notes": "Keeps your private notes out",
    "speaks_to_them": "Speaks to them, not about them",
    "dates_have_year": "Dates carry a year when not this year",
}


def check_label(name: str) -> str:
    return CHECK_LABELS.get(name, name.replace("_", " ").capitalize())


def show_rubric(rubric: RubricResult) -> None:
    if not rubric.checks:
        st.caption("The rubric could not be checked for this draft.")
        return
    passed = sum(1 for c in rubric.checks if c.passed)
    if rubric.passed:
        st.success(f"All {len(rubric.checks)} checks pass", icon=":material/verified:")
    else:
        st.warning(f"{len(rubric.checks) - passed} of {len(rubric.checks)} checks fail", icon=":material/rule:")
    lines = []
    for check in rubric.checks:
        if check.passed:
            lines.append(f":green[:material/check_circle:] {check_label(check.name)}")
        else:
            lines.append(f":red[:material/cancel:] **{check_label(check.name)}**: {check.detail}")
    st.markdown("  \n".join(lines))


def show_citations(citations: list[dict], *, expanded: bool = False) -> None:
    """The passages a draft cites, as plain text: retrieved text is data, not markup."""
    if not citations:
        st.caption("Sources: none cited. The draft is written from your profile and your tracking table.")
        return
    with st.expander(f"Sources used ({len(citations)})", expanded=expanded):
        for citation in citations:
            st.markdown(f"**[{citation['n']}] {citation.get('title') or citation['source']}**")
            for line in citation.get("lines") or []:
                st.caption(f"Supports: {line}")
            st.text(citation["text"].strip())


def as_text(subject: str | None, body: str) -> str:
    """The draft as a plain-text file or clipboard text."""
    return f"Subject: {subject}\n\n{body}\n" if subject else f"{body}\n"
