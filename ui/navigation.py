"""The app's pages, in menu order. To add a page, write ``ui/<name>_page.py`` and add one
``st.Page`` line here; ``app.py`` needs no change."""

from __future__ import annotations

import streamlit as st


def pages() -> list[st.Page]:
    # Paths are relative to app.py; url_path keeps the addresses short and stable.
    from ui.resources import get_desk

    admin = [st.Page("ui/program_page.py", title="Program", icon=":material/monitoring:", url_path="program")]
    return _pages() + (admin if get_desk().is_admin else [])


def _pages() -> list[st.Page]:
    return [
        st.Page("ui/chat_page.py", title="Chat", icon=":material/forum:", url_path="chat", default=True),
        st.Page("ui/due_page.py", title="What is due", icon=":material/today:", url_path="due"),
        st.Page("ui/drafts_page.py", title="Drafts", icon=":material/edit_note:", url_path="drafts"),
        st.Page("ui/targets_page.py", title="Targets", icon=":material/groups:", url_path="targets"),
        st.Page("ui/mentor_page.py", title="Mentor", icon=":material/person_search:", url_path="mentor"),
        st.Page("ui/meetings_page.py", title="Meetings", icon=":material/event_note:", url_path="meetings"),
        st.Page("ui/profile_page.py", title="Profile", icon=":material/person:", url_path="profile"),
        st.Page("ui/status_page.py", title="Library status", icon=":material/database:", url_path="status"),
    ]
