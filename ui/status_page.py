"""Library status page: where the data lives, what is in it, which models answer, and a
rebuild of the search index from the store."""

from __future__ import annotations

import streamlit as st

from mentordesk.container import MentorDesk
from store.errors import UserError
from ui.flash import flash, show_flashes
from ui.resources import ensure_builtin_guidance, get_desk


def show_status(desk: MentorDesk) -> None:
    status = desk.status()
    try:
        index_entries: int | None = desk.index_count()
        index_error = None
    except UserError as exc:  # another model's index, or one that cannot be opened
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


def documents_list(desk: MentorDesk) -> None:
    """The user's documents, and removing one (its passages, and a note's meeting and advice)."""
    st.subheader("Your documents")
    show_flashes("library")
    documents = desk.documents()
    if not documents:
        st.info("No documents of yours yet: add notes or documents with **Add files** in the sidebar.")
        return
    st.dataframe(
        [{"Title": d["title"] or d["source"].rsplit("/", 1)[-1], "Kind": d["kind"], "Mentor": d["mentor"] or "",
          "Date": d["date"], "Passages": d["passages"], "Source": d["source"]} for d in documents],
        hide_index=True,
    )
    labels = {d["source"]: f"{d['title'] or d['source'].rsplit('/', 1)[-1]} ({d['kind']}, {d['source']})"
              for d in documents}
    with st.form("remove_document", border=False):
        chosen = st.selectbox("Remove a document", list(labels), format_func=labels.__getitem__, index=None,
                              placeholder="Choose a document to remove")
        confirmed = st.checkbox("Yes, remove it from the library (the file on your disk is not touched)")
        submitted = st.form_submit_button("Remove", icon=":material/delete:")
    if submitted:
        if not chosen:
            st.warning("Choose a document first.")
        elif not confirmed:
            st.warning("Tick the box to confirm the removal.")
        elif desk.remove_document(chosen):
            flash("library", "success", f"Removed {labels[chosen]}.")
            st.rerun()


desk = get_desk()
st.title("Library status")
ensure_builtin_guidance(desk)
status_area = st.container()
documents_list(desk)
rebuild_controls(desk)
with status_area:  # filled after a rebuild so the counts shown are the new ones
    show_status(desk)
