"""Driving the Streamlit app with AppTest for the relationship and drafting pages.

Data is seeded through the services into the test's MENTORDESK_HOME before the app runs;
the app then opens that same store. The built-in guidance is not indexed (these pages do
not search it) and the app's embedding model is the session's MiniLM, shared, so a test
costs seconds, not a model load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from mentordesk.settings import get_settings
from tests.helpers import CountingEmbedder

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture
def ui_env(monkeypatch, minilm):
    """The app's settings for these tests, and its embedder shared with the seeding desk."""
    monkeypatch.setenv("MENTORDESK_INDEX_BUILTIN_GUIDANCE", "false")
    get_settings.cache_clear()
    shared = CountingEmbedder(minilm)
    monkeypatch.setattr("mentordesk.container.make_embedder", lambda *args, **kwargs: shared)
    st.cache_resource.clear()
    yield shared
    st.cache_resource.clear()


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    """Start the app (its default page runs first, as in a browser) and go to ``page``."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, (label, [b.label for b in at.button])
    return found[0]


def click(at: AppTest, label: str) -> AppTest:
    button(at, label).click().run()
    return ok(at)


def texts(elements) -> str:
    return "\n".join(e.value for e in elements)


def page_text(at: AppTest) -> str:
    """Everything written on the main area, to look for a phrase."""
    parts = [texts(at.main.markdown), texts(at.main.caption), texts(at.main.success), texts(at.main.info),
             texts(at.main.warning), texts(at.main.error)]
    return "\n".join(parts)
