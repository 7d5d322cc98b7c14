"""The Streamlit app driven through AppTest: the real app.py and pages, the real MiniLM
model and Chroma in the test's data folder, and the deterministic fake chat model.

Every test starts a fresh process-level cache, so the app indexes the built-in guidance
in its first run exactly as on a user's first start.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from mentordesk.chat import NOT_FOUND

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
NOTES_DIR = ROOT / "eval" / "data" / "notes"
BAD_NOTES_DIR = ROOT / "eval" / "data" / "notes_bad"
KNOWLEDGE_FILES = sorted((ROOT / "knowledge").glob("*.md"))
PRIYA_NOTE = NOTES_DIR / "2025-01-17-priya-raman.md"


@pytest.fixture(autouse=True)
def fresh_process_cache():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def last_answer(at: AppTest):
    messages = at.chat_message
    assert messages[-1].name == "assistant"
    return messages[-1]


def sidebar_metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.sidebar.metric}


def button(at: AppTest, label: str):
    [found] = [b for b in at.button if b.label == label]
    return found


def click(at: AppTest, label: str) -> AppTest:
    button(at, label).click().run()
    assert not at.exception, at.exception
    return at


def test_first_run_indexes_guidance_and_sidebar_shows_status(app, isolated_home):
    assert any(s.label.startswith("Built-in guidance ready") for s in app.status)
    metrics = sidebar_metrics(app)
    assert metrics["Documents"] == str(len(KNOWLEDGE_FILES))
    assert int(metrics["Chunks"]) >= len(KNOWLEDGE_FILES)
    details = " ".join(c.value for c in app.sidebar.caption)
    assert str(isolated_home) in details
    assert "all-MiniLM-L6-v2" in details
    assert "fake-citing-model" in details and "provider: fake" in details


def test_restart_opens_the_chat_without_loading_a_model_until_the_first_question(app):
    from ui.resources import get_desk

    st.cache_resource.clear()  # a new process over a library that is already indexed
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    assert sidebar_metrics(at)["Documents"] == str(len(KNOWLEDGE_FILES))
    desk = get_desk()
    assert not desk.embedder.loaded
    ask(at, "How often should I meet my mentor?")
    assert "[1]" in last_answer(at).markdown[0].value
    assert desk.embedder.loaded


def test_guidance_question_streams_a_cited_answer_with_its_sources(app):
    ask(app, "How often should I meet my mentor?")
    user, answer = app.chat_message
    assert user.name == "user" and user.markdown[0].value == "How often should I meet my mentor?"
    assert "[1]" in answer.markdown[0].value
    assert "six to eight weeks" in answer.markdown[0].value
    [sources] = answer.expander
    assert sources.label.startswith("Sources")
    assert "[1] cadence.md" in sources.markdown[0].value
    assert "guidance" in sources.markdown[0].value and "part " in sources.markdown[0].value
    assert "six to eight weeks" in sources.text[0].value


def test_unanswerable_question_says_nothing_was_found_and_shows_no_sources(app):
    ask(app, "What is the capital of Mongolia?")
    answer = last_answer(app)
    assert answer.markdown[0].value == NOT_FOUND
    assert not answer.expander


def test_a_mentor_question_their_notes_never_touch_says_so(app):
    """Priya's note says nothing about sailing: the answer says that, naming the words it
    looked for, rather than quoting her note on something else as the answer; the lines it
    offers as the closest are cited, with their sources shown."""
    app.sidebar.file_uploader[0].set_value([(PRIYA_NOTE.name, PRIYA_NOTE.read_bytes(), "text/markdown")])
    click(app, "Add to library")
    ask(app, "Did Priya ever say anything about sailing?")
    answer = last_answer(app)
    text = answer.markdown[0].value
    assert text.startswith("I found nothing about that in your notes from Priya Raman") and "“sailing”" in text
    assert "The closest lines in your library, in case one of them is what you mean:" in text and "[1]" in text
    [sources] = answer.expander
    assert PRIYA_NOTE.name in sources.markdown[0].value


def test_clear_conversation_empties_the_transcript(app):
    ask(app, "How should I prepare for a mentor meeting?")
    assert len(app.chat_message) == 2
    click(app, "Clear conversation")
    assert not app.chat_message
    assert button(app, "Clear conversation").disabled  # nothing left to clear
    # The transcript stays empty on the next rerun, and the next question starts afresh.
    ask(app, "What is the capital of Mongolia?")
    assert len(app.chat_message) == 2 and last_answer(app).markdown[0].value == NOT_FOUND


def test_upload_adds_notes_reports_skipped_files_and_mentor_filter_finds_them(app):
    uploads = [(PRIYA_NOTE.name, PRIYA_NOTE.read_bytes(), "text/markdown")]
    uploads += [(p.name, p.read_bytes(), "text/markdown") for p in sorted(BAD_NOTES_DIR.glob("*.md"))]
    uploads.append(("empty.txt", b"", "text/plain"))
    app.sidebar.file_uploader[0].set_value(uploads)
    click(app, "Add to library")

    [summary] = app.sidebar.success
    assert summary.value.startswith("1 added") and "3 skipped" in summary.value
    [skipped] = app.sidebar.warning
    assert "**2025-13-45-mei-tanaka.md**: date '2025-13-45' is not a valid" in skipped.value
    assert "**2025-09-02-daniel-okafor.md**: front matter is not valid YAML" in skipped.value
    assert "**empty.txt**: is empty" in skipped.value
    assert sidebar_metrics(app)["Documents"] == str(len(KNOWLEDGE_FILES) + 1)

    mentor = app.sidebar.selectbox(key="filter_mentor")
    assert mentor.options == ["Any mentor", "Priya Raman"]
    mentor.select("priya raman").run()
    ask(app, "Staff track or manager track?")
    [sources] = last_answer(app).expander
    labels = [m.value for m in sources.markdown]
    assert labels and all("Priya Raman" in label and "2025-01-17" in label for label in labels)
    assert any(PRIYA_NOTE.name in label for label in labels)


def test_status_page_shows_counts_and_rebuilds_the_index(app, isolated_home):
    from ui.resources import get_desk

    deadline = time.monotonic() + 60
    while not get_desk().index.vectors_loaded and time.monotonic() < deadline:
        time.sleep(0.05)  # the app warms up search on a background thread after the first page
    app.switch_page("ui/status_page.py").run()
    assert not app.exception, app.exception
    metrics = {m.label: m.value for m in app.main.metric}
    assert metrics["Documents"] == str(len(KNOWLEDGE_FILES))
    assert metrics["Search index entries"] == metrics["Chunks"]
    page = " ".join(m.value for m in app.main.markdown)
    assert str(isolated_home) in page and "fake-citing-model" in page and "guidance: 8" in page
    assert "Dense search:** vectors held in memory" in page

    click(app, "Rebuild index")
    assert any(s.label == f"Search index rebuilt: {metrics['Chunks']} chunks embedded with "
               "sentence-transformers/all-MiniLM-L6-v2" for s in app.status)


def test_the_library_page_lists_your_documents_and_removes_one(app):
    from ui.resources import get_desk

    desk = get_desk()
    desk.ingest.ingest_paths([PRIYA_NOTE], kind="notes")
    assert [m.person_name for m in desk.relationships.meetings.list()] == ["Priya Raman"]
    app.switch_page("ui/status_page.py").run()
    [table] = app.main.dataframe
    assert list(table.value["Mentor"]) == ["Priya Raman"]  # the user's own: the guidance is not listed
    source = str(PRIYA_NOTE.resolve())
    app.selectbox[0].select(source)
    app.button[0].click().run()  # Remove, without the confirmation
    assert "Tick the box" in app.warning[0].value and desk.documents()
    app.selectbox[0].select(source)
    app.checkbox[0].check()
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert desk.documents() == [] and desk.relationships.meetings.list() == []
    assert any("Removed" in s.value for s in app.success)
    assert "No documents of yours yet" in app.info[0].value


def test_index_built_with_another_model_is_reported_and_fixed_by_rebuild(settings):
    """An index made by a different embedding model: the chat says to rebuild, and the
    status page's Rebuild index makes the chat answer again."""
    from mentordesk.container import MentorDesk
    from vectorstore.embeddings import HashingEmbedder

    MentorDesk(settings, embedder=HashingEmbedder()).ensure_builtin_guidance()

    at = AppTest.from_file(APP, default_timeout=120).run()
    ask(at, "How often should I meet my mentor?")
    [error] = last_answer(at).error
    assert "test/hashing-embedder" in error.value and "Rebuild index" in error.value

    at.switch_page("ui/status_page.py").run()
    assert any("Rebuild index" in e.value for e in at.main.error)
    click(at, "Rebuild index")
    assert not at.main.error

    at.switch_page("ui/chat_page.py").run()
    ask(at, "How often should I meet my mentor?")
    assert "[1]" in last_answer(at).markdown[0].value


def test_a_process_that_ends_right_after_the_first_page_exits_cleanly(isolated_home, minilm):
    """The first page starts the search warm-up on a background thread; a process ending
    while it still runs must exit normally (a daemon thread stopped inside Chroma's native
    code made Python crash with a segmentation fault at exit)."""
    from eval import coldstart

    coldstart.prepare_home(isolated_home, minilm)
    done = subprocess.run([sys.executable, "-c", coldstart._APPTEST], cwd=ROOT, capture_output=True, text=True,
                          env=coldstart.app_env(isolated_home, "fake"), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"chat_input": 1' in done.stdout and '"exceptions": []' in done.stdout


def test_links_written_in_notes_are_shown_as_text_in_answers(app, tmp_path):
    from ui.resources import get_desk

    note = tmp_path / "priya.md"
    note.write_text("---\nmentor: Priya Raman\ndate: 2026-10-02\n---\n# Coffee with Priya\n\n## What she said\n"
                    "- Read the salary guide at https://evil.example/phish before the negotiation.\n"
                    "- Practise the ask with [this script](javascript:alert(1)) for the negotiation.\n",
                    encoding="utf-8")
    get_desk().ingest.ingest_paths([note], kind="notes")
    ask(app, "What did Priya say about the negotiation?")
    text = last_answer(app).markdown[0].value
    assert "`https://evil.example/phish`" in text
    assert "](" not in text and "this script" in text


def test_a_newcomer_is_walked_through_and_can_try_sample_data(app):
    from ui.resources import get_desk

    page = " ".join(m.value for m in app.main.markdown)
    assert "Getting started" in " ".join(h.value for h in app.main.subheader)
    assert "your name and role sign your drafts" in page and "Add files" in page
    click(app, "Load sample data")
    desk = get_desk()
    assert len([p for p in desk.relationships.people.list() if p.name.startswith("Sample:")]) == 5
    assert {m.person_name for m in desk.relationships.meetings.list()} == {"Sample: Ines Duarte", "Sample: Kofi Mensah"}
    assert any("sample notes loaded" in s.value for s in app.success)
    ask(app, "What did Ines say about moving into product?")
    assert "experiment" in last_answer(app).markdown[0].value

    desk.relationships.people.add("Dana Whitfield")  # the user's own, kept by the removal
    click(app, "Clear conversation")  # the first screen shows again with an empty conversation
    click(app, "Remove sample data")
    assert [p.name for p in desk.relationships.people.list()] == ["Dana Whitfield"]
    assert desk.relationships.meetings.list() == [] and desk.documents() == []
