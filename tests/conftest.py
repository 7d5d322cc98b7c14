"""Test profile: every test gets its own data folder, and no test reaches a remote model.

The chat model is the deterministic fake unless a test opts into the real embedded
model with the ``local_model`` fixture. Embeddings use the real MiniLM model, loaded once
per test session and shared (it is local and fast enough).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEmbedder:
    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm up"])
    return embedder


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
