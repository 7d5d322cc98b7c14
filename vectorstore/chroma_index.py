"""The dense index in Chroma: embedded (a folder) or a Chroma server.

We always pass our own embeddings (Chroma's default embedding function would download a
model), keep every write under the client's maximum batch size, and record the embedding
model's name and dimension on the collection so two models are never mixed.

Team mode keeps every user's vectors in one collection, each with its ``owner`` in the
metadata, and this class adds the owner clause to every read (the user's own and the
shared guidance) and every delete (the user's own only), so no caller can leave it out.
One collection rather than one per user: the shared guidance is stored once instead of in
every user's collection, and an admin adding guidance writes one place. Chroma itself has
no authentication, so its port must never be reachable by users (see the README).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from store.errors import UserError
from store.scope import Scope
from vectorstore.filters import SearchFilter
from vectorstore.hnsw_check import DamagedIndex, check_index_folder


class IndexMismatchError(UserError):
    """The index was built with a different embedding model; the fix is a reindex."""


class IndexUnavailableError(UserError):
    """The index cannot be opened (damaged files, a server that does not answer)."""


def _client_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=True)


def make_client(*, path: Path | None = None, host: str | None = None, port: int = 8000):
    import chromadb

    if path is not None and not host:
        try:  # before Chroma reads the files: a damaged HNSW file crashes its reader
            check_index_folder(path)
        except (DamagedIndex, OSError) as exc:
            raise IndexUnavailableError(f"the search index at {path} is damaged ({exc}); run `mentordesk doctor` "
                                        "to rebuild it from your library") from exc
    try:
        if host:
            return chromadb.HttpClient(host=host, port=port, settings=_client_settings())
        assert path is not None
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_client_settings())
    except Exception as exc:  # noqa: BLE001 - a damaged folder or a server that is down
        where = f"the Chroma server at {host}:{port}" if host else f"the search index at {path}"
        raise IndexUnavailableError(f"{where} cannot be opened ({_first_line(exc)}); "
                                    + ("check that the server is running" if host
                                       else "run `mentordesk doctor` to rebuild it from your library")) from exc


class ChromaIndex:
    def __init__(self, client, collection: str, model_name: str, dimension: int, scope: Scope | None = None):
        self.client = client
        self.collection_name = collection
        self.model_name = model_name
        self.dimension = dimension
        self._collection = None
        # A single-user folder holds one user's vectors (and, from before team mode, vectors
        # without an owner), so only a team user's scope filters.
        self.scope = scope if scope is not None and scope.is_team_user else None

    def _readable(self, where: dict | None = None) -> dict | None:
        if self.scope is None:
            return where
        owners = {"owner": {"$in": list(self.scope.readable or ())}}
        return owners if where is None else {"$and": [where, owners]}

    def _own(self) -> dict | None:
        return None if self.scope is None else {"owner": self.scope.owner}

    @property
    def collection(self):
        if self._collection is None:
            try:
                collection = self.client.get_or_create_collection(
                    self.collection_name,
                    embedding_function=None,
                    metadata={"embedding_model": self.model_name, "embedding_dimension": self.dimension},
                    configuration={"hnsw": {"space": "cosine"}},
                )
            except Exception as exc:  # noqa: BLE001 - any failure to open is the same advice
                raise IndexUnavailableError(
                    f"the search index cannot be opened ({_first_line(exc)}); run `mentordesk doctor` to "
                    "rebuild it from your library") from exc
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
        """Vectors this scope can read."""
        with _reading():
            if self.scope is None:
                return self.collection.count()
            return len(self.collection.get(where=self._readable(), include=[])["ids"])

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
            self.collection.delete(ids=ids[start : start + step], where=self._own())

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        ids = list(ids)
        step = self.max_batch
        for start in range(0, len(ids), step):
            found.update(self.collection.get(ids=ids[start : start + step], where=self._readable(), include=[])["ids"])
        return found

    def all_ids(self, page: int = 20000) -> set[str]:
        """Every id this scope can read (for a comparison with the store)."""
        found: set[str] = set()
        offset = 0
        while True:
            with _reading():
                got = self.collection.get(where=self._readable(), include=[], limit=page, offset=offset)["ids"]
            if not got:
                return found
            found.update(got)
            offset += len(got)

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``ids`` this scope can read."""
        with _reading():
            got = self.collection.get(ids=list(ids), where=self._readable(), include=["embeddings"])
        return {chunk_id: np.asarray(vector, dtype=np.float32) for chunk_id, vector in zip(got["ids"], got["embeddings"])}

    def query(self, embedding: np.ndarray, k: int, flt: SearchFilter | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        with _reading():
            total = self.collection.count()  # every user's: cheap, and only an upper bound is needed
            if total == 0:
                return []
            result = self.collection.query(
                query_embeddings=[embedding],
                n_results=min(k, total),
                where=self._readable(flt.to_chroma_where() if flt else None),
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
            with _reading():
                got = self.collection.get(where=self._readable(), include=["embeddings"], limit=page, offset=offset)
            if not got["ids"]:
                return
            yield list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)
            offset += len(got["ids"])

    def reset(self) -> None:
        """Drop the collection (any model) and start an empty one for the current model. A team
        user's reset deletes only their own vectors: the others' stay as they are."""
        if self.scope is not None:
            self.collection.delete(where=self._own())
            return
        try:
            self.client.delete_collection(self.collection_name)
        except Exception as exc:  # missing collection is fine; anything else is not
            if "does not exist" not in str(exc).lower() and "not found" not in str(exc).lower():
                raise
        self._collection = None
        _ = self.collection


@contextmanager
def _reading() -> Iterator[None]:
    """Chroma's "internal error" on a read is damage it found in its files (a header or an id
    map that does not parse): the same one-line advice as a folder that cannot be opened."""
    from chromadb.errors import InternalError

    try:
        yield
    except InternalError as exc:
        raise IndexUnavailableError(f"the search index cannot be read ({_first_line(exc)}); run `mentordesk doctor` "
                                    "to rebuild it from your library") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else exc.__class__.__name__)[:200]


def _clean(meta: dict) -> dict:
    # Chroma metadata values must be str, int, float or bool; None means "absent".
    return {k: v for k, v in meta.items() if v is not None}
