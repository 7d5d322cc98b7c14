"""The first screen's "Getting started": what a newcomer sets up (a profile, a target list,
their notes), ticked off as they go, and sample data to try the app with, loaded and removed
in one click. Shown on the Chat page until all three are done."""

from __future__ import annotations

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.samples import has_samples, load_samples, remove_samples
from ui.flash import flash, show_flashes
from ui.navigation import page_file


def _load(desk: MentorDesk) -> None:
    flash("onboarding", "success", load_samples(desk) + ". Try: “What did Ines say about moving into product?”")


def _remove(desk: MentorDesk) -> None:
    flash("onboarding", "success", f"Sample data removed ({remove_samples(desk)} people and their notes).")


def getting_started(desk: MentorDesk) -> None:
    profile = desk.relationships.profile.get()
    people = desk.relationships.people.list()
    notes = [d for d in desk.documents() if d["kind"] == "notes"]
    samples = has_samples(desk)
    steps = [
        (bool(profile.name and profile.role), "Tell MentorDesk who you are: your name and role sign your drafts, "
         "and the 3–5 qualities you look for in a leader shape your target list.", "ui/profile_page.py", "Profile"),
        (bool(people), "Import or type your target list: 15–25 people you could learn from (CSV or XLSX, "
         "exports from other tools work).", "ui/targets_page.py", "Targets"),
        (bool(notes), "Add your meeting notes with **Add files** in the sidebar (Markdown, text, Word, PDF): "
         "each note with a mentor and a date becomes a meeting, its advice goes to your ledger.", None, None),
    ]
    show_flashes("onboarding")
    if all(done for done, *_ in steps) and not samples:
        return
    with st.container(border=True):
        st.subheader("Getting started")
        for done, text, page, label in steps:
            icon = ":material/check_circle:" if done else ":material/radio_button_unchecked:"
            st.markdown(f"{icon} {text}")
            if page and not done:
                st.page_link(page_file(page), label=f"Open {label}", icon=":material/arrow_forward:")
        if samples:
            st.button("Remove sample data", icon=":material/delete:", on_click=_remove, args=(desk,),
                      help="Removes the sample people and notes, and nothing of yours.")
        elif not people and not notes:
            st.button("Load sample data", icon=":material/science:", on_click=_load, args=(desk,),
                      help="Five sample people and two meeting notes to try the app with; removable in one click.")
