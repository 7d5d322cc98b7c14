"""MentorDesk's Streamlit entry point: page navigation only. Pages live in ``ui/``."""

from pathlib import Path

import streamlit as st

from mentordesk.settings import get_settings
from ui.auth import require_sign_in
from ui.navigation import pages

# The page icon is a file served by the app itself: a ":material/..." icon is fetched from
# fonts.gstatic.com, which fails offline and should not learn who uses MentorDesk.
st.set_page_config(page_title="MentorDesk", page_icon=str(Path(__file__).parent / "ui" / "icon.png"), layout="wide")
require_sign_in(get_settings().mode)  # team mode: nobody sees a page without signing in
st.navigation(pages()).run()
