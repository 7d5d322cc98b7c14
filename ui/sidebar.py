"""The library sidebar: what the app runs on, and adding files to the library."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.sync import IngestReport
from mentordesk.container import MentorDesk
from store.errors import UserError
from ui.resources import user_message

UPLOAD_TYPES = [suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES]  # the loaders' table
KIND_CHOICES = {  # "" rather than None: a selectbox shows a None value as an empty choice
    "": "Detect (a note when it names a mentor or someone of your list, and a date)",
    "guidance": "Guidance",
    "notes": "Notes",
    "documents": "Documents",
}


def library_sidebar(desk: MentorDesk) -> None:
    """Adding files first (a newcomer's first step, above the fold), then the counts, which
    are filled after an upload so they include it."""
    st.header("Library")
    upload_controls(desk)
    library_status_summary(desk)


def library_status_summary(desk: MentorDesk) -> None:
    status = desk.status()
    documents, chunks = st.columns(2)
    documents.metric("Documents", status["documents"])
    chunks.metric("Chunks", status["chunks"])
    st.caption(
        f"Data folder: `{status['data_folder']}`  \n"
        f"Embedding model: {status['embedding_model']}  \n"
        f"Chat model: {status['chat_model']} · provider: {status['chat_provider']}"
        + (f" at {status['chat_base_url']}" if status["chat_base_url"] else "")
    )


def upload_controls(desk: MentorDesk) -> None:
    st.subheader("Add files")
    with st.form("upload_form", clear_on_submit=True, border=False):
        uploads = st.file_uploader(
            "Files", type=UPLOAD_TYPES, accept_multiple_files=True, key="upload_files",
            help="Markdown notes may start with front matter: mentor, date, title, tags.",
        )
        kind = st.selectbox("Kind", list(KIND_CHOICES), format_func=KIND_CHOICES.__getitem__, key="upload_kind")
        submitted = st.form_submit_button("Add to library", icon=":material/upload:")
    if not submitted:
        return
    if not uploads:
        # Also what a press looks like while a chosen file is still on its way to the server.
        st.info("No file to add yet: choose one or more files and wait until each has finished uploading "
                "(its spinner stops), then press Add to library again.")
        return
    bar = st.progress(0.0, text="Adding files…")
    try:
        report = add_uploads(desk, uploads, kind or None, lambda share, text: bar.progress(share, text=text))
    except UserError as exc:
        bar.empty()
        st.error(user_message(exc))
        return
    bar.empty()
    show_ingest_report(report)


def add_uploads(
    desk: MentorDesk, uploads: Sequence[UploadedFile], kind: str | None,
    progress: Callable[[float, str], None] | None = None,
) -> IngestReport:
    """Ingest the uploaded files as one batch and return its report."""

    def on_progress(stage: str, done: int, total: int) -> None:
        if progress:
            progress(done / total if total else 1.0, f"{stage.capitalize()}: {done} of {total}")

    files = [(upload.name, upload.getvalue()) for upload in uploads]
    return desk.ingest.ingest_uploads(files, kind, progress=on_progress)


def show_ingest_report(report: IngestReport) -> None:
    if report.read_anything:
        st.success(report.summary().capitalize())
    else:
        st.warning(f"Nothing was added: {report.summary()}")
    if report.skipped:
        lines = "\n".join(f"- **{name}**: {reason}" for name, reason in report.skipped)
        st.warning(f"Skipped files:\n{lines}")
