"""MentorDesk's Streamlit entry point (`streamlit run app.py`, `make run`). The app is
``ui/app_main.py``; an installed copy starts the same app with `mentordesk app`."""

from ui.app_main import run

run()
