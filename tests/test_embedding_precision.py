"""Embedding precision: bfloat16 where the CPU supports it natively, float32 elsewhere, and
a clear error for anything else."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import NOTES_DIR

from mentordesk import cli
from vectorstore.embeddings import BF16_MIN_TEXTS, SentenceTransformerEmbedder, cpu_has_fast_bf16, resolve_precision


def test_auto_picks_bf16_only_on_a_cpu_with_native_support():
    assert resolve_precision("auto") == ("bf16" if cpu_has_fast_bf16() else "fp32")
    assert resolve_precision("fp32") == "fp32"


def test_an_unknown_precision_is_refused(monkeypatch, capsys):
    with pytest.raises(ValueError, match="must be one of auto, fp32, bf16, not 'fp16'"):
        resolve_precision("fp16")
    monkeypatch.setenv("MENTORDESK_EMBEDDING_PRECISION", "fp16")
    assert cli.main(["status"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "embedding_precision" in err and "'auto', 'fp32', 'bf16' or 'int8'" in err


@pytest.mark.skipif(not cpu_has_fast_bf16(), reason="bf16 runs only on CPUs with AMX / AVX-512 BF16")
def test_bf16_vectors_match_fp32_closely_and_a_single_question_stays_fp32(minilm):
    texts = [p.read_text(encoding="utf-8")[:900] for p in sorted(NOTES_DIR.glob("*.md"))]
    assert len(texts) >= BF16_MIN_TEXTS
    fp32 = SentenceTransformerEmbedder(precision="fp32").embed(texts)
    bf16_embedder = SentenceTransformerEmbedder(precision="bf16")
    bf16 = bf16_embedder.embed(texts)
    assert bf16.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(bf16, axis=1), 1.0, atol=1e-5)
    cosine = np.sum(fp32 * bf16, axis=1)
    assert cosine.min() > 0.999
    assert not np.array_equal(fp32, bf16)  # it really ran in bfloat16
    # One question (the search path) is embedded in float32: same vector as fp32.
    np.testing.assert_allclose(bf16_embedder.embed(texts[:1]), fp32[:1], atol=1e-5)
