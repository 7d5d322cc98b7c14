"""The application object and one-time work, shared by every session of this process.

``MentorDesk`` builds its heavy parts (embedding model, chat model, Chroma client) lazily,
so getting it here is cheap: the page renders at once and the first question (or the
first-run indexing of the built-in guidance) is what loads a model.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import streamlit as st

from mentordesk.container import MentorDesk
from mentordesk.settings import get_settings
from store.errors import UserError
from vectorstore.chroma_index import IndexMismatchError

REINDEX_HINT = "Use **Rebuild index** on the Library status page (or run `mentordesk reindex`)."


def user_message(exc: BaseException) -> str:
    """What a page shows for a user error: its own words, and for an index built with another
    embedding model, where the app rebuilds it (the one error whose fix has a button here)."""
    return f"{exc}. {REINDEX_HINT}" if isinstance(exc, IndexMismatchError) else str(exc)


@st.cache_resource(show_spinner=False)
def process_desk() -> MentorDesk:
    """The process's desk: single-user mode's only one; in team mode the owner of the heavy
    objects (database engine, embedding model, Chroma client) that every user's desk shares."""
    return MentorDesk(get_settings())


@st.cache_resource(show_spinner=False, max_entries=256)
def _user_desk(user: str) -> MentorDesk:
    return process_desk().for_user(user)


def get_desk() -> MentorDesk:
    """The desk of whoever this session is: in team mode the signed-in user's, whose store
    and index see only their data (store.scope); ``ui.auth.require_sign_in`` runs first."""
    desk = process_desk()
    if desk.settings.mode == "single":
        return desk
    from ui.auth import signed_in_user

    return _user_desk(signed_in_user())


def announce_upgrade(desk: MentorDesk) -> None:
    """Say once that opening the data folder upgraded it, and where the copy of it is."""
    if desk.db.backup is not None and not st.session_state.get("upgrade_announced"):
        st.session_state["upgrade_announced"] = True
        st.toast(f"Your data folder was upgraded to this version. A copy of it as it was: {desk.db.backup}",
                 icon=":material/upgrade:")


@dataclass
class _OneTime:
    done: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(show_spinner=False)
def _guidance_state() -> _OneTime:
    return _OneTime()


@st.cache_resource(show_spinner=False)
def _warmed_users() -> set[str | None]:
    return set()


def ensure_builtin_guidance(desk: MentorDesk) -> None:
    """Index the built-in guidance once per process, showing progress while it runs.

    On a first run this embeds the guidance (and so loads the embedding model); later runs
    only hash the unchanged files. A failure is shown and retried on the next rerun.
    """
    state = _guidance_state()
    if state.done:
        _warm_up_once(desk)
        return
    with state.lock:
        if state.done:
            return
        with st.status("Preparing the built-in mentoring guidance…", expanded=True) as box:
            bar = st.progress(0.0, text="Checking the guidance files…")

            def progress(stage: str, done: int, total: int) -> None:
                bar.progress(done / total if total else 1.0, text=f"{stage.capitalize()}: {done} of {total}")

            try:
                report = desk.ensure_builtin_guidance(progress)
            except UserError as exc:
                box.update(label="The built-in guidance could not be indexed", state="error", expanded=True)
                st.error(user_message(exc))
                return
            except Exception as exc:
                box.update(label="The built-in guidance could not be indexed", state="error", expanded=True)
                st.exception(exc)
                return
            bar.empty()
            summary = report.summary() if report else "indexing of the built-in guidance is switched off"
            box.update(label=f"Built-in guidance ready ({summary})", state="complete", expanded=False)
        state.done = True
    _warm_up_once(desk)


def _warm_up_once(desk: MentorDesk) -> None:
    """Build the keyword index, load the vectors into memory (seconds at 100k chunks) and
    the embedding model before the first question needs them, without holding up the page;
    once per user's desk. Not a daemon thread (explicitly: it would inherit the daemon flag of
    Streamlit's script thread): a daemon stopped inside Chroma's native code at exit crashes Python."""
    warmed, user = _warmed_users(), desk.scope.owner
    with _guidance_state().lock:
        if user in warmed:
            return
        warmed.add(user)
    threading.Thread(target=_warm_up, args=(desk,), name="warm-up-for-chat", daemon=False).start()


def _warm_up(desk: MentorDesk) -> None:
    try:
        desk.warm_up_for_chat()
    except Exception:  # noqa: BLE001 - the first question meets the same error and shows it
        logging.getLogger(__name__).exception("warming up for the first question failed")


def models_loaded(desk: MentorDesk) -> bool:
    """Whether the embedding and chat models are in memory, to say why a first answer waits."""
    return all(getattr(model, "loaded", True) for model in (desk.embedder, desk.chat.model))


def embedder_loaded(desk: MentorDesk) -> bool:
    """Whether the embedding model is in memory: saving a note or drafting needs only it."""
    return getattr(desk.embedder, "loaded", True)
