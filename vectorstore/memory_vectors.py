"""Every chunk vector of the library in one float32 matrix, searched exactly with numpy.

Chroma stays the vector store of record (it persists the vectors, serves a team from a
server and answers one-off searches from the command line). A long-running process (the
app) also keeps this copy, loaded once from Chroma and kept in step by ingestion, because
at library sizes a laptop holds it is both faster and exact:

- at 100k chunks, one matrix-vector product and a top-k take about 5 ms, against 13 ms for
  Chroma's HNSW query; with a mentor filter about 1 ms, against 70 ms for Chroma's filtered
  query (eval/results/bench.md);
- a filter never loses results: HNSW with a selective filter can return fewer than k.

The cost is memory: 1.5 KiB per chunk (150 MiB at 100k chunks). ``memory_vectors=false``
in the settings turns it off.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import numpy as np

from vectorstore.filters import SearchFilter
from vectorstore.rows import RowTable


class MemoryVectors:
    def __init__(self, dimension: int):
        self.dimension = dimension
        self._lock = threading.RLock()
        self._rows = RowTable()
        self._matrix = np.zeros((0, dimension), dtype=np.float32)  # rows beyond len(_rows) are spare

    def __len__(self) -> int:
        return self._rows.live

    def add(self, ids: Sequence[str], vectors: np.ndarray, metas: Sequence[dict]) -> None:
        """Add or replace rows; ``vectors`` are L2-normalised, one per id."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dimension):
            raise ValueError(f"expected {len(ids)} vectors of {self.dimension} dims, got shape {vectors.shape}")
        with self._lock:
            for chunk_id in ids:
                self._rows.kill(chunk_id)
            start = len(self._rows)
            self._reserve(start + len(ids))
            self._matrix[start : start + len(ids)] = vectors
            for chunk_id, meta in zip(ids, metas):
                self._rows.append(chunk_id, meta)

    def remove(self, ids: Iterable[str]) -> None:
        with self._lock:
            for chunk_id in ids:
                self._rows.kill(chunk_id)
            if self._rows.needs_compacting():
                self._matrix = self._matrix[self._rows.compact()].copy()

    def vector(self, chunk_id: str) -> np.ndarray | None:
        with self._lock:
            row = self._rows.row.get(chunk_id)
            return None if row is None else self._matrix[row].copy()

    def search(self, query: np.ndarray, k: int, flt: SearchFilter | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first; exact over every row passing ``flt``."""
        with self._lock:
            n = len(self._rows)
            if not self._rows.live or k <= 0:
                return []
            rows = np.flatnonzero(self._rows.mask(flt))
            if rows.size == 0:
                return []
            query = np.asarray(query, dtype=np.float32)
            if rows.size < n // 4:  # a selective filter: score only its rows
                scores = _dot(self._matrix[rows], query)
            else:  # one pass over the whole matrix, then keep the rows that pass
                scores = _dot(self._matrix[:n], query)[rows]
            take = min(k, rows.size)
            best = np.argpartition(-scores, take - 1)[:take]
            best = best[np.argsort(-scores[best], kind="stable")]
            return [(self._rows.ids[rows[i]], float(scores[i])) for i in best]

    def _reserve(self, rows: int) -> None:
        """Grow the matrix geometrically, so adding chunk by chunk stays cheap."""
        if rows <= len(self._matrix):
            return
        grown = np.zeros((max(rows, 2 * len(self._matrix), 1024), self.dimension), dtype=np.float32)
        used = len(self._rows)
        grown[:used] = self._matrix[:used]
        self._matrix = grown


def _dot(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    """matrix @ query, computed by torch rather than numpy: torch's thread pool is the one
    the embedding model uses, while numpy's OpenBLAS threads keep spinning after a product
    and slowed the next question's embedding from 8 to 16 ms (p95 to 105 ms) at 100k chunks.
    Imported here so commands that never search do not load torch."""
    import torch

    return torch.mv(torch.from_numpy(matrix), torch.from_numpy(query)).numpy()
