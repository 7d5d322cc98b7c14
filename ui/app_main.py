"""The app itself: page set-up, sign-in (team mode) and navigation. ``app.py`` at the
repository's top and ``ui/streamlit_app.py`` (what ``mentordesk app`` starts from an
installed copy) both only call ``run``; pages live next to this file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from mentordesk.settings import get_settings
from ui.auth import require_sign_in
from ui.navigation import pages

ICON = Path(__file__).parent / "icon.png"


def run() -> None:
    # The page icon is a file served by the app itself: a ":material/..." icon is fetched from
    # fonts.gstatic.com, which fails offline and should not learn who uses MentorDesk.
    st.set_page_config(page_title="MentorDesk", page_icon=str(ICON), layout="wide")
    require_sign_in(get_settings().mode)  # team mode: nobody sees a page without signing in
    st.navigation(pages()).run()
