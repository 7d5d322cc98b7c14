"""Profile page: who the user is (drafts are signed with the name and role) and the 3–5
qualities they look for in a leader (shown on the Targets page)."""

from __future__ import annotations

import streamlit as st

from mentordesk.relationships.profile import ProfileView
from store.errors import UserError
from ui.flash import flash, show_flashes
from ui.resources import get_desk

FIELDS = {"name": "Name", "role": "Role", "goals": "Goals", "values": "Values"}
ERROR = "profile_error"  # session state: (field or None, message) of the last failed save


def save_profile(had_values: bool) -> None:
    """Form callback: runs before the page, so the page shows the saved profile."""
    state = st.session_state
    values = state["profile_values"]
    try:
        get_desk().relationships.profile.update(
            name=state["profile_name"], role=state["profile_role"], goals=state["profile_goals"],
            # Left empty on a profile that never had values: not an error, just not set yet.
            values=values if values.strip() or had_values else None,
        )
    except UserError as exc:
        state[ERROR] = (getattr(exc, "field", None), str(exc))
        return
    state.pop(ERROR, None)
    flash("profile", "success", "Profile saved.")


def field_error(field: str) -> None:
    """The failed save's message under the input it is about, named by the input's label."""
    error = st.session_state.get(ERROR)
    if error and error[0] == field:
        st.error(f"**{FIELDS[field]}**: {error[1].removeprefix(f'{field}: ')}")


def profile_form(profile: ProfileView) -> None:
    with st.form("profile_form", border=True):
        st.text_input("Name", value=profile.name or "", key="profile_name", help="Drafts are signed with it.")
        field_error("name")
        st.text_input("Role", value=profile.role or "", key="profile_role",
                      placeholder="Senior Engineer at Tidewell", help="Drafts introduce you with it.")
        field_error("role")
        st.text_area("Goals", value=profile.goals or "", key="profile_goals", height=100,
                     placeholder="What you want help with this year")
        field_error("goals")
        st.text_input("Values: 3 to 5 qualities you look for in a leader, separated by commas",
                      value=", ".join(profile.values), key="profile_values",
                      placeholder="kindness, thoughtfulness, humility")
        field_error("values")
        st.form_submit_button("Save profile", icon=":material/save:", on_click=save_profile,
                              args=(bool(profile.values),))
    error = st.session_state.get(ERROR)
    if error and error[0] not in FIELDS:
        st.error(error[1])


desk = get_desk()
st.title("Profile")
st.caption("Drafts are signed with your name and role; your values guide who goes on your target list.")
show_flashes("profile")
profile = desk.relationships.profile.get()
if profile.missing():
    st.info(f"Drafts need your {' and '.join(profile.missing())}.")
profile_form(profile)
