"""Library status page: where the data lives, what is in it, which models answer, and a
rebuild of the search index from the store."""

from __future__ import annotations

import streamlit as st

from mentordesk.container import MentorDesk
from ui.resources import ensure_builtin_guidance, get_desk
from vectorstore.chroma_index import IndexMismatchError


def show_status(desk: MentorDesk) -> None:
    status = desk.status()
    try:
        index_entries: int | None = desk.index_count()
        index_error = None
    except IndexMismatchError as exc:
        index_entries, index_error = None, str(exc)

    documents, chunks, entries = st.columns(3)
    documents.metric("Documents", status["documents"])
    chunks.metric("Chunks", status["chunks"])
    entries.metric("Search index entries", "—" if index_entries is None else index_entries)
    if index_error:
        st.error(f"{index_error}. Use **Rebuild index** below.")
    elif index_entries != status["chunks"]:
        st.warning("The search index and the library differ. Use **Rebuild index** below to bring them in step.")

    by_kind = ", ".join(f"{kind}: {count}" for kind, count in sorted(status["documents_by_kind"].items())) or "none yet"
    provider = status["chat_provider"] + (f" at {status['chat_base_url']}" if status["chat_base_url"] else "")
    st.subheader("Running on")
    st.markdown(
        f"- **Data folder:** `{status['data_folder']}`\n"
        f"- **Database:** `{status['database']}`\n"
        f"- **Search index:** {status['index']}\n"
        f"- **Documents by kind:** {by_kind}\n"
        f"- **Embedding model:** {status['embedding_model']} (precision: {status['embedding_precision']})\n"
        f"- **Dense search:** {'vectors held in memory' if status['vectors_in_memory'] else 'through Chroma (vectors not in memory yet)'}\n"
        f"- **Chat model:** {status['chat_model']}\n"
        f"- **Chat provider:** {provider}"
    )


def rebuild_controls(desk: MentorDesk) -> None:
    st.subheader("Search index")
    st.caption(
        "The search index is derived from the library and can always be rebuilt from it, "
        "for example after changing the embedding model. No note or document is lost."
    )
    if not st.button("Rebuild index", icon=":material/refresh:"):
        return
    with st.status("Rebuilding the search index…", expanded=True) as box:
        bar = st.progress(0.0, text="Reading the library…")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0, text=f"Embedding: {done} of {total} chunks")

        try:
            count = desk.reindex(progress)
        except Exception as exc:
            box.update(label="Rebuilding the search index failed", state="error")
            st.exception(exc)
            return
        bar.empty()
        box.update(label=f"Search index rebuilt: {count} chunks embedded with {desk.embedder.name}", state="complete")


desk = get_desk()
st.title("Library status")
ensure_builtin_guidance(desk)
status_area = st.container()
rebuild_controls(desk)
with status_area:  # filled after a rebuild so the counts shown are the new ones
    show_status(desk)
