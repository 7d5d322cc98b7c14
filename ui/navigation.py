"""The app's pages, in menu order. To add a page, write ``ui/<name>_page.py`` and add one
``st.Page`` line here; ``app.py`` needs no change."""

from __future__ import annotations

import streamlit as st


def pages() -> list[st.Page]:
    # Paths are relative to app.py; url_path keeps the addresses short and stable.
    return [
        st.Page("ui/chat_page.py", title="Chat", icon=":material/forum:", url_path="chat", default=True),
        st.Page("ui/status_page.py", title="Library status", icon=":material/database:", url_path="status"),
    ]
