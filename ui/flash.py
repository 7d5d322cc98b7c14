"""Messages that outlive one rerun: a callback or a save that reruns the page records what
happened, and the page shows it once on its next run. UI state only (session state)."""

from __future__ import annotations

import streamlit as st

_KEY = "flash_messages"  # session state: {scope: [(level, text), ...]}
_SHOW = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}


def flash(scope: str, level: str, text: str) -> None:
    st.session_state.setdefault(_KEY, {}).setdefault(scope, []).append((level, text))


def show_flashes(scope: str) -> None:
    for level, text in st.session_state.get(_KEY, {}).pop(scope, []):
        _SHOW[level](text)
