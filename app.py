"""MentorDesk's Streamlit entry point: page navigation only. Pages live in ``ui/``."""

import streamlit as st

from ui.navigation import pages

st.set_page_config(page_title="MentorDesk", page_icon=":material/school:", layout="wide")
st.navigation(pages()).run()
