"""Test profile: every test gets its own data folder, and no test reaches a remote model.

The chat model is the deterministic fake unless a test opts into the real embedded
model with the ``local_model`` fixture. Embeddings use the real MiniLM model, loaded once
per test session and shared (it is local and fast enough).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MENTORDESK_OPENAI_API_KEY", "MENTORDESK_LLM_BASE_URL"):
    os.environ.pop(variable, None)
# One ONNX export of MiniLM for the whole session (the app's default embedder builds it
# once per model cache; every test has its own data folder). Subprocesses inherit it.
if "MENTORDESK_MODEL_CACHE" not in os.environ:
    import tempfile

    os.environ["MENTORDESK_MODEL_CACHE"] = tempfile.mkdtemp(prefix="mentordesk-test-models-")


def _scan_installed_components_once() -> None:
    """Streamlit's AppTest looks for custom components in every installed package's metadata
    on each run: about 0.7 s of each AppTest here, for packages that do not change during a
    session (MentorDesk has no custom components). The first scan's answer is kept."""
    import functools

    from streamlit.components.v2 import manifest_scanner

    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


_scan_installed_components_once()

from mentordesk.settings import Settings, get_settings  # noqa: E402
from vectorstore.embeddings import SentenceTransformerEmbedder  # noqa: E402

DATA = ROOT / "eval" / "data"
NOTES_DIR = DATA / "notes"
BAD_NOTES_DIR = DATA / "notes_bad"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Point MENTORDESK_HOME at a fresh folder and use the fake chat model."""
    home = tmp_path / "home"
    monkeypatch.setenv("MENTORDESK_HOME", str(home))
    monkeypatch.setenv("MENTORDESK_LLM_PROVIDER", "fake")
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


class RememberingEmbedder:
    """The session's real MiniLM, remembering the vector of every text it has embedded: the
    fixtures ingest the same sample notes in test after test, and within one session a text's
    vector is the same each time (it only differs in the last bits between a batch in bf16
    and a single text in fp32, below what any test looks at). Everything else is MiniLM's."""

    def __init__(self, model: SentenceTransformerEmbedder):
        self._model = model
        self._vectors: dict[str, np.ndarray] = {}

    def __getattr__(self, name):
        return getattr(self._model, name)

    def embed(self, texts):
        texts = list(texts)
        new = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        if new:
            self._vectors.update(zip(new, self._model.embed(new)))
        if not texts:
            return self._model.embed(texts)
        return np.stack([self._vectors[text] for text in texts])


@pytest.fixture(scope="session")
def minilm() -> RememberingEmbedder:
    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm up"])
    return RememberingEmbedder(embedder)


@pytest.fixture
def settings(isolated_home) -> Settings:
    return Settings(home=isolated_home, llm_provider="fake")


@pytest.fixture
def desk(settings, minilm):
    """The real application on SQLite and embedded Chroma in a temp folder, real MiniLM,
    fake chat model, without the built-in guidance (tests add what they need)."""
    from mentordesk.container import MentorDesk

    settings.index_builtin_guidance = False
    return MentorDesk(settings, embedder=minilm)


def copy_library(template: Path, home: Path) -> None:
    """Put a library built once (``built_library``) in a test's data folder: a copy of the
    files costs milliseconds where building it again costs a second or more."""
    import shutil

    shutil.copytree(template, home, dirs_exist_ok=True)


def built_library(home: Path, minilm, build) -> Path:
    """Build a library in ``home`` with ``build(desk)`` and close it so its files can be
    copied: the database's connections and Chroma's cached client are let go."""
    from chromadb.api.client import SharedSystemClient

    from mentordesk.container import MentorDesk

    desk = MentorDesk(Settings(home=home, llm_provider="fake", index_builtin_guidance=False), embedder=minilm)
    build(desk)
    desk.db.engine.dispose()
    SharedSystemClient.clear_system_cache()
    return home


@pytest.fixture
def desk_with_guidance(settings, minilm):
    from mentordesk.container import MentorDesk

    desk = MentorDesk(settings, embedder=minilm)
    desk.ensure_builtin_guidance()
    return desk


@pytest.fixture
def local_model(monkeypatch):
    """Opt in to the real embedded SmolLM2 model for this test."""
    monkeypatch.setenv("MENTORDESK_LLM_PROVIDER", "local")
    get_settings.cache_clear()
    return "local"


# The tests `make test-fast` leaves out (each over about 3 s on 2 cores: real servers on
# loopback, whole evaluations, fresh processes, building a wheel). `make test` runs them all.
SLOW_MODULES = {"test_cli", "test_eval_smoke", "test_crash", "test_team_browser", "test_browser_e2e", "test_team_servers", "test_openai_server", "test_packaging", "test_architecture", "test_postgres_store",
                "test_chroma_server"}
SLOW_TESTS = {
    "test_export_and_restore_on_a_fresh_machine",
    "test_the_commands_other_tools_rely_on",
    "test_int8_vectors_stay_within_cosine_0_99_of_float32",
    "test_a_command_that_stops_early_exits_with_its_own_code_while_the_model_loads",
    "test_a_returning_start_checks_the_guidance_without_opening_chroma_or_langchain",
    "test_orphan_vectors_from_a_killed_ingest_are_found_and_deleted",
    "test_the_command_line_acts_as_the_named_user",
    "test_an_upload_over_the_limits_is_refused",
    "test_notes_that_cannot_be_placed_are_listed_and_settled_from_the_cli",
    "test_notes_become_meetings_and_feed_the_ledger",
    "test_profile_targets_and_due_without_loading_any_model",
    "test_a_damaged_cache_is_rebuilt_not_used",
    "test_the_default_onnx_vectors_are_sentence_transformers_vectors",
    "test_bad_files_are_reported_by_name_and_the_rest_goes_in",
    "test_reindex_rebuilds_a_deleted_index_and_status_reports_it",
    "test_cli_draft_json_and_errors",
    "test_the_nearest_note_is_the_same_as_with_float32",
    "test_a_process_that_ends_right_after_the_first_page_exits_cleanly",
    "test_a_release_e0ccbb8_store_upgrades_on_postgresql",
    "test_a_damaged_index_is_one_line_then_doctor_rebuilds_it",
    "test_a_damaged_hnsw_file_is_one_line_not_a_crash_and_doctor_rebuilds_it",
    "test_restore_into_a_team_user_on_postgresql",
    "test_a_folder_of_bad_files_is_reported_file_by_file_and_the_rest_goes_in",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES or item.originalname in SLOW_TESTS \
                or item.get_closest_marker("local_model"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def user_clock(monkeypatch):
    """The machine's time zone, as a user's laptop has one (restored after the test):
    ``user_clock("Pacific/Auckland")``."""
    import time

    def set_zone(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()
