"""The built-in guidance ships with its vectors: a fresh data folder indexes it without
running the embedding model, the vectors are the model's own, and the bundle is current."""

from __future__ import annotations

import numpy as np

from mentordesk.container import GUIDANCE_VECTORS, MentorDesk
from mentordesk.guidance_bundle import guidance_texts
from mentordesk.settings import Settings
from tests.helpers import CountingEmbedder
from vectorstore.embeddings import MINILM_NAME
from vectorstore.precomputed import PrecomputedVectors, write_bundle


def test_the_bundle_covers_every_guidance_text():
    texts = guidance_texts()
    found = PrecomputedVectors(GUIDANCE_VECTORS, MINILM_NAME, 384).lookup(texts)
    stale = [texts[i].splitlines()[0] for i in range(len(texts)) if i not in found]
    assert len(texts) > 20
    assert not stale, ("knowledge/ changed since its vectors were built; run "
                       f"`python -m mentordesk.guidance_bundle` ({len(stale)} texts lack a vector: {stale[:3]})")


def test_a_fresh_data_folder_indexes_the_guidance_without_the_model(isolated_home, minilm):
    counting = CountingEmbedder(minilm)
    desk = MentorDesk(Settings(home=isolated_home, llm_provider="fake"), embedder=counting)
    report = desk.ensure_builtin_guidance()
    assert report.chunks_embedded > 20
    assert counting.texts == 0  # every guidance vector came from the bundle
    # ...and they are real vectors: dense search (the query is embedded) finds the cadence guide.
    results = desk.index.search("How often should I meet my primary mentor?", k=3, mode="dense")
    assert "cadence" in results[0].source


def test_bundled_vectors_are_the_models_own(minilm):
    texts = guidance_texts()[:6]
    bundled = PrecomputedVectors(GUIDANCE_VECTORS, MINILM_NAME, 384).lookup(texts)
    fresh = minilm.embed(texts)
    cosines = [float(np.dot(bundled[i], fresh[i])) for i in range(len(texts))]
    assert min(cosines) > 0.999


def test_a_changed_text_or_another_model_misses_and_a_damaged_file_is_empty(tmp_path):
    path = tmp_path / "bundle.npz"
    write_bundle(path, "model-a", ["Meet every six weeks."], np.ones((1, 4), dtype=np.float32))
    assert list(PrecomputedVectors(path, "model-a", 4).lookup(["x", "Meet every six weeks."])) == [1]
    assert PrecomputedVectors(path, "model-a", 4).lookup(["Meet every six weeks!"]) == {}
    assert PrecomputedVectors(path, "model-b", 4).lookup(["Meet every six weeks."]) == {}
    assert PrecomputedVectors(path, "model-a", 8).lookup(["Meet every six weeks."]) == {}
    path.write_bytes(b"not a zip file")
    assert PrecomputedVectors(path, "model-a", 4).lookup(["Meet every six weeks."]) == {}
    assert PrecomputedVectors(tmp_path / "absent.npz", "model-a", 4).lookup(["a"]) == {}


def test_a_returning_start_checks_the_guidance_without_opening_chroma_or_langchain(isolated_home, minilm):
    """The chat page's first run on an existing data folder only hashes the guidance files:
    Chroma (about a second to import) and LangChain load later, on the warm-up thread."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    MentorDesk(Settings(home=isolated_home, llm_provider="fake"), embedder=CountingEmbedder(minilm)).ensure_builtin_guidance()
    code = ("import sys; from mentordesk.container import MentorDesk; from mentordesk.settings import Settings; "
            "import ui.chat_drafts, ui.transcript, mentordesk.drafting.router; "
            "desk = MentorDesk(Settings()); r = desk.ensure_builtin_guidance(); "
            "print(len(r.unchanged), 'chromadb' in sys.modules, 'langchain_core' in sys.modules); "
            "print(desk.index.search('How often should I meet my mentor?', 1)[0].source_name, 'chromadb' in sys.modules)")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=180,
                         env={**os.environ, "MENTORDESK_HOME": str(isolated_home), "HF_HUB_OFFLINE": "1",
                              "ANONYMIZED_TELEMETRY": "False", "MENTORDESK_LLM_PROVIDER": "fake"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["8", "False", "False", "cadence.md", "True"]
