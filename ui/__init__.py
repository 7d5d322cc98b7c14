"""The Streamlit user interface: pages and widgets only. Everything here calls the
services of a ``MentorDesk``; no business logic lives in this package."""
