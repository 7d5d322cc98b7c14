"""Issue 11: MiniLM on ONNX Runtime. Its vectors stay close to sentence-transformers'
float32 ones, its cache is rebuilt when damaged, a query never imports torch, and
impossible settings are a one-line error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import NOTES_DIR

from mentordesk import cli
from vectorstore.embeddings import make_embedder
from vectorstore.onnx_embedder import OnnxEmbedder, cached_model

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp("onnx-cache")
    # The session's export when it has one (checked like any cache entry, re-exported if not
    # valid), else a new one; the int8 export is made by the first test that asks for it.
    for made in Path(os.environ["MENTORDESK_MODEL_CACHE"]).glob("minilm-fp32-*"):
        shutil.copytree(made, folder / made.name)
    OnnxEmbedder(cache_dir=folder, quantisation="fp32").embed(["warm up"])
    return folder


@pytest.fixture(scope="module")
def fp32():
    """sentence-transformers in float32 (the session's ``minilm`` runs bf16 on AMX CPUs)."""
    from vectorstore.embeddings import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(precision="fp32")


def _note_texts() -> list[str]:
    return [p.read_text(encoding="utf-8")[:900] for p in sorted(NOTES_DIR.glob("*.md"))]


def test_the_default_onnx_vectors_are_sentence_transformers_vectors(cache, fp32):
    texts = _note_texts() + ["What did Priya say about negotiating?"]
    onnx = OnnxEmbedder(cache_dir=cache)
    vectors = onnx.embed(texts)
    assert onnx.precision == "onnx-fp32"
    np.testing.assert_allclose(vectors, fp32.embed(texts), atol=2e-5)


def test_int8_vectors_stay_within_cosine_0_99_of_float32(cache, fp32):
    texts = _note_texts() + ["What did Priya say about negotiating?", "how often should I meet my mentor"]
    onnx = OnnxEmbedder(cache_dir=cache, quantisation="int8")
    vectors = onnx.embed(texts)
    assert onnx.precision == "onnx-int8"
    assert vectors.shape == (len(texts), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    reference = fp32.embed(texts)
    cosine = np.sum(vectors * reference, axis=1)
    assert cosine.min() > 0.99
    # and the order of the texts does not matter (batches are sorted by length inside)
    np.testing.assert_allclose(onnx.embed(texts[::-1])[::-1], vectors, atol=1e-5)


def test_the_nearest_note_is_the_same_as_with_float32(cache, fp32):
    texts = _note_texts()
    questions = ["negotiating a job offer and the signing bonus", "on-call burnout and comp time",
                 "giving feedback in design critiques"]
    onnx = OnnxEmbedder(cache_dir=cache, quantisation="int8")
    for question in questions:
        ours = int(np.argmax(onnx.embed(texts) @ onnx.embed([question])[0]))
        theirs = int(np.argmax(fp32.embed(texts) @ fp32.embed([question])[0]))
        assert ours == theirs, question


def test_a_damaged_cache_is_rebuilt_not_used(cache, tmp_path):
    import shutil

    from vectorstore.embeddings import bundled_minilm_path

    own = tmp_path / "cache"
    shutil.copytree(cache, own)
    model = cached_model(bundled_minilm_path(), own)
    good = model.read_bytes()
    damaged = good[: len(good) // 2]
    model.write_bytes(damaged)  # a half-written file, as a killed copy leaves it
    rebuilt = cached_model(bundled_minilm_path(), own)
    assert len(rebuilt.read_bytes()) > len(damaged)
    vectors = OnnxEmbedder(cache_dir=own).embed(["still works"])
    assert vectors.shape == (1, 384)
    (rebuilt.parent / "meta.json").unlink()  # no checksum at all: not trusted either
    assert cached_model(bundled_minilm_path(), own).stat().st_size > 1_000_000


def test_a_query_on_the_onnx_backend_never_imports_torch(cache):
    code = ("import sys; from vectorstore.onnx_embedder import OnnxEmbedder; "
            f"v = OnnxEmbedder(cache_dir={str(cache)!r}).embed(['how often should I meet my mentor']); "
            "print(v.shape, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["(1,", "384)", "False", "False"]


def test_the_default_backend_is_onnx_fp32_and_a_users_model_folder_uses_torch(tmp_path):
    assert isinstance(make_embedder(cache_dir=tmp_path), OnnxEmbedder)
    assert make_embedder("auto", "auto", cache_dir=tmp_path).quantisation == "fp32"
    assert make_embedder("onnx", "int8", cache_dir=tmp_path).quantisation == "int8"
    from vectorstore.embeddings import SentenceTransformerEmbedder, bundled_minilm_path

    assert isinstance(make_embedder(model_path=bundled_minilm_path()), SentenceTransformerEmbedder)
    assert isinstance(make_embedder("auto", "bf16"), SentenceTransformerEmbedder)


@pytest.mark.parametrize("backend, precision, says", [
    ("torch", "int8", "int8 needs the onnx backend"),
    ("onnx", "bf16", "bf16 needs the torch backend"),
    ("tensorflow", "auto", "embedding_backend"),
])
def test_impossible_embedding_settings_are_a_one_line_error(monkeypatch, capsys, isolated_home, backend, precision,
                                                             says):
    monkeypatch.setenv("MENTORDESK_EMBEDDING_BACKEND", backend)
    monkeypatch.setenv("MENTORDESK_EMBEDDING_PRECISION", precision)
    assert cli.main(["search", "mentor"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err, err


def test_the_export_is_cached_once_per_machine_for_every_data_folder(monkeypatch, tmp_path):
    from vectorstore.onnx_embedder import default_cache_dir

    monkeypatch.delenv("MENTORDESK_MODEL_CACHE", raising=False)  # the test session sets its own
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "mentordesk" / "models"
    assert OnnxEmbedder().cache_dir == default_cache_dir()  # not inside any one data folder


def test_a_command_that_stops_early_exits_with_its_own_code_while_the_model_loads(cache, tmp_path):
    """The CLI loads the embedder on a second thread; a command that fails at once (an
    unknown person) must still exit 1 with its message, not abort inside ONNX Runtime."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "MENTORDESK_HOME": str(tmp_path / "home"),
           "MENTORDESK_MODEL_CACHE": str(cache), "MENTORDESK_INDEX_BUILTIN_GUIDANCE": "false",
           "MENTORDESK_LLM_PROVIDER": "fake"}
    out = subprocess.run([sys.executable, "-m", "mentordesk", "draft", "followup", "--mentor", "Nobody"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "no one named 'Nobody'" in out.stderr and "terminate" not in out.stderr
