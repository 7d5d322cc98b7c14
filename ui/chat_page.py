"""Chat page: ask the mentoring library; answers stream and show the passages they cite,
with suggested follow-up questions. A drafting request ("draft a follow-up to Priya") is
answered with the draft itself, which later messages ("shorter") refine.

The transcript is UI state (session state); the library and the drafts live in the store.
"""

from __future__ import annotations

import itertools
from contextlib import nullcontext

import streamlit as st

from mentordesk.chat import Turn
from mentordesk.container import MentorDesk
from mentordesk.drafting.intent import DraftRequest
from mentordesk.drafting.router import Refinement
from mentordesk.suggestions import suggest_followups
from store.errors import UserError
from ui.chat_drafts import draft_reply, refine_reply
from ui.filters import search_filter_controls
from ui.onboarding import getting_started
from ui.resources import announce_upgrade, ensure_builtin_guidance, get_desk, models_loaded, user_message
from ui.sidebar import library_sidebar
from ui.transcript import ASK_NEXT, Entry, inert_links, show_caution, show_entry, show_sources, show_suggestions
from vectorstore.filters import SearchFilter

TRANSCRIPT = "chat_transcript"  # session state: list[Entry], UI state only
INTERRUPTED = "Not answered: a new question or a page change interrupted it. Ask it again if you still need it."


def answer(desk: MentorDesk, question: str, history: list[Turn], flt: SearchFilter | None) -> Entry:
    """Stream the answer into the current chat message; returns what the transcript keeps."""
    try:
        loaded = models_loaded(desk)  # building the chat model can fail too (e.g. its file is missing)
        with st.spinner("Searching your library…" if loaded else "Loading the models (first question only) and searching…"):
            stream = desk.chat.ask(question, history=history, flt=flt)
            pieces = iter(stream)
            first = next(pieces, "")  # the spinner stays up until the first words arrive
        st.write_stream(inert_links(piece) for piece in itertools.chain([first], pieces))
        result = stream.result()
    except (UserError, ValueError) as exc:
        message = user_message(exc)
        st.error(message)
        return Entry("assistant", "", error=message)
    except Exception as exc:
        message = f"The answer failed: {type(exc).__name__}: {exc}"
        st.error(message)
        st.exception(exc)
        return Entry("assistant", "", error=message)
    if not result.found and not result.citations:
        entry = Entry("assistant", result.text)
    elif result.citations:  # (also "I found nothing about that…" with the closest lines it cites)
        entry = Entry("assistant", result.text, [(c.n, c.result) for c in result.citations])
    else:
        entry = Entry("assistant", result.text, list(enumerate(result.passages, 1)), cited=False)
    entry.caution, entry.unsupported = result.warning, list(result.unsupported)
    show_caution(entry)
    show_sources(entry)
    entry.suggestions = suggest_followups(question, result.passages, [p.name for p in desk.relationships.people.list()])
    return entry


def respond(desk: MentorDesk, question: str, earlier: list[Entry], flt: SearchFilter | None, number: int) -> Entry:
    """Refine the draft just shown, make a draft, or answer from the library."""
    history = [Turn(e.role, e.content) for e in earlier if not (e.error or e.warning)]
    last = next((e for e in reversed(earlier) if e.role == "assistant"), None)
    shown = last.draft if last is not None else None
    try:
        with st.spinner("Reading your message…") if desk.draft_router.uses_model else nullcontext():
            request = desk.draft_router.route(question, history, DraftRequest(shown.kind, shown.person) if shown else None)
    except UserError as exc:
        st.error(f"Not answered: {exc}")
        return Entry("assistant", "", error=f"Not answered: {exc}")
    if isinstance(request, Refinement):
        return refine_reply(desk, shown, request.instruction)
    if request is not None:
        entry = draft_reply(desk, request)
        if entry is not None:
            return entry
        st.caption(f"No one named {request.person} is on your list, so this is answered from your library.")
    entry = answer(desk, question, history, flt)
    show_suggestions(entry, number)
    return entry


desk = get_desk()
announce_upgrade(desk)
transcript: list[Entry] = st.session_state.setdefault(TRANSCRIPT, [])

st.title("Ask your mentoring library")
ensure_builtin_guidance(desk)

with st.sidebar:
    filter_area = st.container()
    st.divider()
    library_sidebar(desk)
    with filter_area:  # filled after an upload so a new mentor can be picked at once
        search_filter = search_filter_controls(desk)

conversation_controls = st.container()
if not transcript:
    getting_started(desk)
    st.caption(
        "Ask about finding mentors, outreach, preparing for a meeting, follow-up, cadence, "
        "or what your mentors told you. Answers cite their sources as [1], [2]."
    )
for number, entry in enumerate(transcript):
    show_entry(entry, number)

typed = st.chat_input("Ask a question, or ask for a draft: “draft a follow-up to Priya”")
if question := typed or st.session_state.pop(ASK_NEXT, None):
    earlier = list(transcript)
    transcript.append(Entry("user", question))
    show_entry(transcript[-1])
    # Stays in the transcript if this run is interrupted before the answer is complete.
    transcript.append(Entry("assistant", "", warning=INTERRUPTED))
    with st.chat_message("assistant"):
        transcript[-1] = respond(desk, question, earlier, search_filter, len(transcript) - 1)

with conversation_controls:  # rendered last, so it is enabled as soon as the first answer is in
    st.button("Clear conversation", icon=":material/delete_sweep:", on_click=transcript.clear, disabled=not transcript)
