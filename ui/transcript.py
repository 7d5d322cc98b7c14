"""How a chat transcript entry looks: the message, and the passages its answer used."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from vectorstore.library_index import SearchResult


@dataclass
class Entry:
    role: str  # "user" or "assistant"
    content: str
    sources: list[tuple[int, SearchResult]] = field(default_factory=list)
    cited: bool = True  # False: the answer cites nothing, sources are the passages it was given
    error: str | None = None
    warning: str | None = None


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


def show_entry(entry: Entry) -> None:
    with st.chat_message(entry.role):
        if entry.error:
            st.error(entry.error)
        elif entry.warning:
            st.warning(entry.warning)
        else:
            st.markdown(entry.content)
        show_sources(entry)
