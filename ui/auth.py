"""Sign-in for team mode, through the team's OpenID Connect provider with Streamlit's
``st.login`` (Authlib); the provider is configured in ``.streamlit/secrets.toml`` (README,
"Team deployment"). Single-user mode has no sign-in.

A user is known by the e-mail address the provider gives (else its subject id); that id
owns their rows in the store (store.scope)."""

from __future__ import annotations

import streamlit as st

from store.errors import UserError
from store.scope import check_user_id


def signed_in_user() -> str:
    """The signed-in user's id; stops the page with the sign-in screen when nobody is."""
    if not st.user.is_logged_in:
        sign_in_screen()
        st.stop()
    user = st.user.get("email") or st.user.get("sub")
    try:
        return check_user_id(str(user or ""))
    except UserError as exc:
        st.error(f"Your sign-in gave no usable user id ({exc}). Ask the program admin to check the provider's "
                 "claims (an e-mail address is expected).")
        st.button("Sign out", on_click=st.logout)
        st.stop()
        raise  # st.stop ends the script; this keeps type checkers satisfied


def require_sign_in(mode: str) -> None:
    """Called by app.py before the pages: in team mode nobody sees a page unsigned."""
    if mode == "team":
        user = signed_in_user()
        with st.sidebar:
            account_sidebar(user)


def sign_in_screen() -> None:
    st.title("MentorDesk")
    st.write("Your mentoring library: sign in to see your notes, mentors and drafts. Nobody else in the "
             "program can see them.")
    try:
        configured = "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all: the same answer, not configured
        configured = False
    if not configured:
        st.error("Sign-in is not configured: team mode needs an [auth] section in .streamlit/secrets.toml "
                 "(see the README, Team deployment).")
        return
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)


def account_sidebar(user: str) -> None:
    st.caption(f"Signed in as **{user}**")
    st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="sign_out")
