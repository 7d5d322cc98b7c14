"""Chat page: ask the mentoring library; answers stream and show the passages they cite.

The transcript is UI state (session state); the library itself lives in the store.
"""

from __future__ import annotations

import itertools

import streamlit as st

from mentordesk.chat import Turn
from mentordesk.container import MentorDesk
from mentordesk.errors import UserError
from ui.filters import search_filter_controls
from ui.resources import REINDEX_HINT, ensure_builtin_guidance, get_desk, models_loaded
from ui.sidebar import library_sidebar
from ui.transcript import Entry, show_entry, show_sources
from vectorstore.chroma_index import IndexMismatchError
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
        st.write_stream(itertools.chain([first], pieces))
        result = stream.result()
    except IndexMismatchError as exc:
        message = f"{exc}. {REINDEX_HINT}"
        st.error(message)
        return Entry("assistant", "", error=message)
    except (UserError, ValueError) as exc:
        st.error(str(exc))
        return Entry("assistant", "", error=str(exc))
    except Exception as exc:
        message = f"The answer failed: {type(exc).__name__}: {exc}"
        st.error(message)
        st.exception(exc)
        return Entry("assistant", "", error=message)
    if not result.found:
        return Entry("assistant", result.text)
    if result.citations:
        entry = Entry("assistant", result.text, [(c.n, c.result) for c in result.citations])
    else:
        entry = Entry("assistant", result.text, list(enumerate(result.passages, 1)), cited=False)
    show_sources(entry)
    return entry


desk = get_desk()
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
    st.caption(
        "Ask about finding mentors, outreach, preparing for a meeting, follow-up, cadence, "
        "or what your mentors told you. Answers cite their sources as [1], [2]."
    )
for entry in transcript:
    show_entry(entry)

if question := st.chat_input("Ask a question about mentoring or your notes"):
    history = [Turn(e.role, e.content) for e in transcript if not (e.error or e.warning)]
    transcript.append(Entry("user", question))
    show_entry(transcript[-1])
    # Stays in the transcript if this run is interrupted before the answer is complete.
    transcript.append(Entry("assistant", "", warning=INTERRUPTED))
    with st.chat_message("assistant"):
        transcript[-1] = answer(desk, question, history, search_filter)

with conversation_controls:  # rendered last, so it is enabled as soon as the first answer is in
    st.button("Clear conversation", icon=":material/delete_sweep:", on_click=transcript.clear, disabled=not transcript)
