"""Vectors computed ahead of time for texts known in advance: the built-in guidance.

Every new data folder indexes the same guidance, so its vectors are computed once, by
``python -m mentordesk.guidance_bundle``, and shipped with the code. A vector is looked up
by the SHA-256 of the exact text that would be embedded (title, heading and body, as
``index_text`` builds it), so a guidance file edited without rebuilding the bundle simply
misses and is embedded as usual: a stale bundle costs time, never a wrong vector. The test
suite checks that the bundle covers every guidance chunk.

The vectors are the float32 reference (torch and ONNX fp32 give the same vectors). They are
used for any precision of the same model: on a machine that embeds queries in bf16 or int8
the guidance keeps its fp32 vectors, as close to the model as it gets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PrecomputedVectors:
    """A read-only map from text to vector, read from a bundle file on first use. A missing
    or unreadable file, or one made with another model, is an empty map."""

    def __init__(self, path: Path, model: str, dimension: int):
        self.path = Path(path)
        self.model = model
        self.dimension = dimension
        self._rows: dict[str, np.ndarray] | None = None

    def _load(self) -> dict[str, np.ndarray]:
        if self._rows is None:
            self._rows = {}
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    info = json.loads(str(data["info"]))
                    digests, vectors = data["digests"], data["vectors"]
            except (OSError, KeyError, ValueError):
                return self._rows  # no bundle (or a damaged one): everything is embedded
            if info.get("model") == self.model and vectors.ndim == 2 and vectors.shape[1] == self.dimension \
                    and len(digests) == len(vectors):
                self._rows = {str(d): v.astype(np.float32) for d, v in zip(digests, vectors)}
        return self._rows

    def __len__(self) -> int:
        return len(self._load())

    def lookup(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The positions in ``texts`` that have a vector, and their vectors."""
        rows = self._load()
        if not rows:
            return {}
        found = {}
        for i, text in enumerate(texts):
            vector = rows.get(text_digest(text))
            if vector is not None:
                found[i] = vector
        return found


def write_bundle(path: Path, model: str, texts: Sequence[str], vectors: np.ndarray, **info) -> None:
    """Write ``texts``' vectors to ``path`` (a .npz file), replacing it atomically."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(texts) != len(vectors):
        raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(temporary, digests=np.array([text_digest(t) for t in texts]), vectors=vectors,
                        info=np.array(json.dumps({"model": model, "dimension": int(vectors.shape[1]), **info})))
    temporary.replace(path)
