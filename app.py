"""MentorDesk's Streamlit entry point: page navigation only. Pages live in ``ui/``."""

import streamlit as st

from mentordesk.settings import get_settings
from ui.auth import require_sign_in
from ui.navigation import pages

st.set_page_config(page_title="MentorDesk", page_icon=":material/school:", layout="wide")
require_sign_in(get_settings().mode)  # team mode: nobody sees a page without signing in
st.navigation(pages()).run()
