"""How a chat transcript entry looks: the message, the passages its answer used, a draft
made in the conversation, and suggested follow-up questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

from ui.draft_view import KIND_LABELS, as_text, show_citations
from ui.navigation import page_file
from vectorstore.library_index import SearchResult

ASK_NEXT = "chat_ask_next"  # session state: a suggested question clicked, asked on the next run
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)[^)]*\)")
_BARE_URL = re.compile(r"(?<![`\w])((?:https?|ftp|file|javascript|data|mailto):[^\s<>`]*[^\s<>`.,;:!?)\]]"
                       r"|www\.[^\s<>`]*[^\s<>`.,;:!?)\]])", re.IGNORECASE)


def inert_links(markdown: str) -> str:
    """Links that came from notes or documents shown as text, not as something to click: a
    Markdown link keeps its label with the address beside it in code, a bare address is code
    (Streamlit would make both live links, images included)."""
    text = _MD_LINK.sub(lambda m: f"{m[1]} (`{m[2]}`)" if m[2] else m[1], markdown)
    return _BARE_URL.sub(lambda m: f"`{m[1]}`", text)


@dataclass(frozen=True)
class DraftSnapshot:
    """A draft as the conversation showed it; the draft itself lives in the store."""

    id: int
    kind: str
    person: str
    subject: str | None
    body: str
    citations: list[dict]
    passed: bool
    note: str = ""  # e.g. "Refined: shorter."


@dataclass
class Entry:
    role: str  # "user" or "assistant"
    content: str
    sources: list[tuple[int, SearchResult]] = field(default_factory=list)
    cited: bool = True  # False: the answer cites nothing, sources are the passages it was given
    error: str | None = None
    warning: str | None = None
    draft: DraftSnapshot | None = None
    suggestions: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (page file, label) to show after an error
    caution: str | None = None  # the answer's own warning (a model's sentences the passages do not back)
    unsupported: list[str] = field(default_factory=list)


def show_sources(entry: Entry) -> None:
    if not entry.sources:
        return
    label = f"Sources ({len(entry.sources)})" if entry.cited else f"Passages used ({len(entry.sources)}, none cited)"
    with st.expander(label):
        for n, passage in entry.sources:
            details = [f"**[{n}] {passage.source_name}**", passage.kind]
            details += [part for part in (passage.mentor, passage.date and passage.date.isoformat()) if part]
            details.append(f"part {passage.position + 1}")
            st.markdown(" · ".join(details))
            # Retrieved text is shown as plain text: it is data, not markup to interpret.
            st.text(passage.text.strip())


def show_draft(draft: DraftSnapshot) -> None:
    intro = draft.note or f"Here is a draft: {KIND_LABELS[draft.kind].lower()} for {draft.person}."
    st.markdown(intro)
    # As code: the body keeps its line breaks, is not read as markup, and has a copy button.
    st.code(as_text(draft.subject, draft.body), language=None, wrap_lines=True)
    if not draft.passed:
        st.caption("Some rubric checks fail: see them on the Drafts page.")
    show_citations(draft.citations)
    st.page_link(page_file("drafts_page.py"), label="Open on the Drafts page", icon=":material/open_in_new:",
                 query_params={"draft": str(draft.id)})
    st.caption("Refine it here: *shorter*, *more formal*, *mention …*")


def ask_next(question: str) -> None:
    st.session_state[ASK_NEXT] = question


def show_suggestions(entry: Entry, number: int) -> None:
    """Suggested follow-up questions as buttons; a click asks that question."""
    if not entry.suggestions:
        return
    for column, (n, question) in zip(st.columns(len(entry.suggestions)), enumerate(entry.suggestions)):
        column.button(question, key=f"suggestion_{number}_{n}", on_click=ask_next, args=(question,),
                      icon=":material/subdirectory_arrow_right:", type="tertiary")


def show_entry(entry: Entry, number: int = 0) -> None:
    with st.chat_message(entry.role):
        show_body(entry, number)


def show_body(entry: Entry, number: int) -> None:
    if entry.error:
        st.error(entry.error)
        for page, label in entry.links:
            st.page_link(page_file(page), label=label)
    elif entry.warning:
        st.warning(entry.warning)
    elif entry.draft:
        show_draft(entry.draft)
    else:
        st.markdown(inert_links(entry.content))
        show_caution(entry)
    show_sources(entry)
    show_suggestions(entry, number)


def show_caution(entry: Entry) -> None:
    """Under an answer a model wrote freely: what the passages do not back, named."""
    if entry.caution:
        st.warning(entry.caution, icon=":material/report:")
    if entry.unsupported:
        st.markdown("**Not found in the passages:**\n" + "\n".join(f"- {s}" for s in entry.unsupported))
