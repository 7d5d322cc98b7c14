"""The dense index in Chroma: embedded (a folder) or a Chroma server.

We always pass our own embeddings (Chroma's default embedding function would download a
model), keep every write under the client's maximum batch size, and record the embedding
model's name and dimension on the collection so two models are never mixed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from vectorstore.filters import SearchFilter


class IndexMismatchError(RuntimeError):
    """The index was built with a different embedding model; the fix is a reindex."""


def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=True)


def make_client(*, path: Path | None = None, host: str | None = None, port: int = 8000):
    import chromadb

    if host:
        return chromadb.HttpClient(host=host, port=port, settings=_client_settings())
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_client_settings())


class ChromaIndex:
    def __init__(self, client, collection: str, model_name: str, dimension: int):
        self.client = client
        self.collection_name = collection
        self.model_name = model_name
        self.dimension = dimension
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            collection = self.client.get_or_create_collection(
                self.collection_name,
                embedding_function=None,
                metadata={"embedding_model": self.model_name, "embedding_dimension": self.dimension},
                configuration={"hnsw": {"space": "cosine"}},
            )
            # Kept only once checked: a mismatch must fail every use, not just the first.
            self.check_model(collection)
            self._collection = collection
        return self._collection

    def check_model(self, collection=None) -> None:
        collection = collection if collection is not None else self._collection
        assert collection is not None, "check_model before the collection is open"
        meta = collection.metadata or {}
        built_with = meta.get("embedding_model")
        built_dim = meta.get("embedding_dimension")
        if built_with != self.model_name or built_dim != self.dimension:
            raise IndexMismatchError(
                f"the search index was built with the embedding model {built_with} ({built_dim} dims), "
                f"but the current model is {self.model_name} ({self.dimension} dims); "
                "run `mentordesk reindex` to rebuild it from your library"
            )

    @property
    def max_batch(self) -> int:
        try:
            return max(1, int(self.client.get_max_batch_size()))
        except Exception:  # older servers without the endpoint: stay conservative
            return 1000

    def count(self) -> int:
        return self.collection.count()

    def upsert(self, ids: Sequence[str], embeddings: np.ndarray, texts: Sequence[str], metadatas: Sequence[dict]) -> None:
        step = self.max_batch
        for start in range(0, len(ids), step):
            end = start + step
            self.collection.upsert(
                ids=list(ids[start:end]),
                embeddings=embeddings[start:end],
                documents=list(texts[start:end]),
                metadatas=[_clean(m) for m in metadatas[start:end]],
            )

    def delete(self, ids: Sequence[str]) -> None:
        step = self.max_batch
        ids = list(ids)
        for start in range(0, len(ids), step):
            self.collection.delete(ids=ids[start : start + step])

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        ids = list(ids)
        step = self.max_batch
        for start in range(0, len(ids), step):
            found.update(self.collection.get(ids=ids[start : start + step], include=[])["ids"])
        return found

    def query(self, embedding: np.ndarray, k: int, flt: SearchFilter | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        total = self.count()
        if total == 0:
            return []
        result = self.collection.query(
            query_embeddings=[embedding],
            n_results=min(k, total),
            where=flt.to_chroma_where() if flt else None,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(chunk_id, 1.0 - float(d)) for chunk_id, d in zip(ids, distances)]

    def iter_vectors(self, page: int = 10000) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every stored (ids, vectors), a page at a time (metadata left out: it doubles the
        time, and the store has it)."""
        offset = 0
        while True:
            got = self.collection.get(include=["embeddings"], limit=page, offset=offset)
            if not got["ids"]:
                return
            yield list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)
            offset += len(got["ids"])

    def reset(self) -> None:
        """Drop the collection (any model) and start an empty one for the current model."""
        try:
            self.client.delete_collection(self.collection_name)
        except Exception as exc:  # missing collection is fine; anything else is not
            if "does not exist" not in str(exc).lower() and "not found" not in str(exc).lower():
                raise
        self._collection = None
        _ = self.collection


def _clean(meta: dict) -> dict:
    # Chroma metadata values must be str, int, float or bool; None means "absent".
    return {k: v for k, v in meta.items() if v is not None}
