"""What ``mentordesk app`` runs with Streamlit, from wherever the package is installed."""

from ui.app_main import run

run()
