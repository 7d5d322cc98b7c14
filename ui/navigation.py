"""The app's pages, in menu order. To add a page, write ``ui/<name>_page.py`` and add one
``st.Page`` line here; ``app.py`` needs no change.

Pages are named by their file next to this one (``page_file("chat_page.py")``), not by a path
relative to the script Streamlit runs: the app starts from ``app.py`` in a checkout and from
``ui/streamlit_app.py`` in an installed copy, and both must find the same files."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent


def page_file(name: str) -> str:
    """A page's file, for ``st.Page`` and ``st.page_link``: ``page_file("drafts_page.py")`` (a name
    kept as "ui/drafts_page.py", as chat transcripts hold their links, works too)."""
    return str(HERE / Path(name).name)


def pages() -> list[st.Page]:
    # url_path keeps the addresses short and stable.
    from ui.resources import get_desk

    admin = [st.Page(page_file("program_page.py"), title="Program", icon=":material/monitoring:", url_path="program")]
    return _pages() + (admin if get_desk().is_admin else [])


def _pages() -> list[st.Page]:
    return [
        st.Page(page_file("chat_page.py"), title="Chat", icon=":material/forum:", url_path="chat", default=True),
        st.Page(page_file("due_page.py"), title="What is due", icon=":material/today:", url_path="due"),
        st.Page(page_file("drafts_page.py"), title="Drafts", icon=":material/edit_note:", url_path="drafts"),
        st.Page(page_file("targets_page.py"), title="Targets", icon=":material/groups:", url_path="targets"),
        st.Page(page_file("mentor_page.py"), title="Mentor", icon=":material/person_search:", url_path="mentor"),
        st.Page(page_file("meetings_page.py"), title="Meetings", icon=":material/event_note:", url_path="meetings"),
        st.Page(page_file("profile_page.py"), title="Profile", icon=":material/person:", url_path="profile"),
        st.Page(page_file("status_page.py"), title="Library status", icon=":material/database:", url_path="status"),
    ]
