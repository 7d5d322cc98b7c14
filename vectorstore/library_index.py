"""The search side of the library: dense (Chroma) + keyword (BM25), fused with RRF.

The relational store is the source of truth. This class keeps the two derived indexes in
step with it: ingestion calls ``add``/``remove``; ``rebuild`` recreates both from the store;
a generation counter in the store tells a long-running process (the app) that another
process (the CLI) changed the library, so its in-memory indexes are reloaded once.

Keyword search: on SQLite, an FTS5 table in the store (``keyword_store.py``), written in
ingestion's transaction, used by one-shot processes because it needs no build; after
``warm_up`` (the app), and always on PostgreSQL, an in-memory BM25 index with the same
ranking, far faster per query. In-memory indexes: that BM25 index and, after
``warm_up``, a copy of every vector for exact dense search (``MemoryVectors``; faster than
Chroma's own query at every size we measured, and much faster with a filter). Until the
copy is loaded, and in one-shot command-line use, dense search asks Chroma.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sqlalchemy import select

from store.engine import Database
from store.generation import read_generation, read_generation_in
from store.locks import index_write_lock
from store.scope import LOCAL
from store.tables import Chunk, Document
from vectorstore.chroma_index import ChromaIndex, IndexMismatchError
from vectorstore.embeddings import Embedder
from vectorstore.filters import SearchFilter, date_key, mentor_key, without_possessives
from vectorstore.fusion import keep_leaders, reciprocal_rank_fusion
from vectorstore.keyword import KeywordIndex, tokenize
from vectorstore.keyword_store import SqliteKeywordStore
from vectorstore.memory_vectors import MemoryVectors
from vectorstore.precomputed import PrecomputedVectors

SearchMode = Literal["hybrid", "dense", "keyword"]
Progress = Callable[[int, int], None]
CANDIDATE_DEPTH = 20  # results taken from each ranking before fusion
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexedChunk:
    id: str
    text: str
    meta: dict


@dataclass
class SearchResult:
    chunk_id: str
    text: str
    source: str
    kind: str
    title: str | None
    mentor: str | None
    date: dt.date | None
    position: int
    score: float
    dense_score: float | None = None
    keyword_coverage: float = 0.0
    relevant: bool = True

    @property
    def source_name(self) -> str:
        return self.source.rsplit("/", 1)[-1]

    def citation_label(self) -> str:
        parts = [self.title or self.source_name, self.kind]
        if self.mentor:
            parts.append(self.mentor)
        if self.date:
            parts.append(self.date.isoformat())
        parts.append(f"part {self.position + 1}")
        return " · ".join(parts)


def chunk_metadata(document: Document, chunk: Chunk) -> dict:
    return {
        "kind": document.kind,
        "source": document.source,
        "title": document.title,
        "mentor": document.mentor,
        "mentor_key": mentor_key(document.mentor),
        "date": date_key(document.date),
        "position": chunk.position,
        "owner": document.owner,  # the index layer keeps each user's vectors apart by it (team mode)
    }


def index_text(meta: dict, text: str) -> str:
    """The text that is embedded and keyword-indexed: the passage with its document's title,
    mentor and date in front, so "what did Priya say in March" can match any part of a note."""
    date = meta.get("date")
    date_text = f"{date // 10000:04d}-{date // 100 % 100:02d}-{date % 100:02d}" if date else None
    header = " · ".join(str(part) for part in (meta.get("title"), meta.get("mentor"), date_text) if part)
    return f"{header}\n{text}" if header and not text.startswith(header) else text


def _keyword_index(chunks: Iterable[IndexedChunk]) -> KeywordIndex:
    index = KeywordIndex()
    index.add((c.id, index_text(c.meta, c.text), c.meta) for c in chunks)
    return index


class LibraryIndex:
    def __init__(
        self,
        db: Database,
        embedder: Embedder,
        chroma: ChromaIndex | Callable[[], ChromaIndex],
        *,
        min_relevance: float = 0.25,
        memory_vectors: bool = True,
        precomputed: PrecomputedVectors | None = None,
        keyword_store: SqliteKeywordStore | None = None,
    ):
        self.db = db
        self.embedder = embedder
        self.precomputed = precomputed  # vectors shipped for known texts (the built-in guidance)
        # The keyword index in the store (SQLite FTS5), written in ingestion's transaction;
        # None: an in-memory BM25 index built from the store on first use (PostgreSQL).
        self.keyword_store = keyword_store
        # A factory is called on first use: opening Chroma costs about a second (its import),
        # which a start that only checks the guidance's hashes does not need to pay.
        self._chroma = chroma if isinstance(chroma, ChromaIndex) else None
        self._chroma_factory = None if isinstance(chroma, ChromaIndex) else chroma
        self.min_relevance = min_relevance
        self.memory_vectors_enabled = memory_vectors
        self._keyword: KeywordIndex | None = None
        self._keyword_generation = -1
        self._vectors: MemoryVectors | None = None
        self._vectors_generation = -1
        self._keep_warm = False  # set by warm_up: reload the in-memory vectors when stale
        self._memory_keywords = False  # set by warm_up: search the in-memory BM25, not the store's
        self._vector_loader: threading.Thread | None = None
        self._mentor_names: dict[str, str] = {}
        self._names_generation = -1
        self._lock = threading.RLock()

    @property
    def owner(self) -> str:
        return self.db.scope.owner or LOCAL

    @property
    def chroma(self) -> ChromaIndex:
        if self._chroma is None:
            with self._lock:
                if self._chroma is None:
                    assert self._chroma_factory is not None
                    self._chroma = self._chroma_factory()
        return self._chroma

    # ----- writing -------------------------------------------------------------------
    def add(self, chunks: Sequence[IndexedChunk], progress: Progress | None = None, batch: int = 256) -> None:
        """Embed and index chunks, in batches so progress can be shown."""
        total = len(chunks)
        for start in range(0, total, batch):
            part = chunks[start : start + batch]
            texts = [index_text(c.meta, c.text) for c in part]
            vectors = self._embed(texts)
            self.chroma.upsert([c.id for c in part], vectors, texts, [c.meta for c in part])
            with self._lock:
                if self._vectors is not None:
                    self._vectors.add([c.id for c in part], vectors, [c.meta for c in part])
            if progress:
                progress(min(start + batch, total), total)
        with self._lock:
            if self._keyword is not None:
                self._keyword.add((c.id, index_text(c.meta, c.text), c.meta) for c in chunks)

    def write_keywords(self, session, added: Sequence[IndexedChunk], removed: Sequence[str], generation: int) -> None:
        """Ingestion's part of the keyword index in the store, in ingestion's own transaction
        (``generation``: the chunk generation that transaction commits). No-op in memory mode,
        where ``add`` and ``remove`` keep the in-memory index."""
        if self.keyword_store is None:
            return
        self.keyword_store.write(session, ((c.id, index_text(c.meta, c.text), c.meta) for c in added), removed)
        self.keyword_store.follow(session, generation)

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for ``texts``: shipped ones where there are, the embedder for the rest (a
        fresh data folder's guidance then needs no model at all)."""
        known = self.precomputed.lookup(texts) if self.precomputed is not None else {}
        if not known:
            return self.embedder.embed(texts)
        missing = [i for i in range(len(texts)) if i not in known]
        vectors = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        if missing:
            vectors[missing] = self.embedder.embed([texts[i] for i in missing])
        for i, vector in known.items():
            vectors[i] = vector
        return vectors

    def remove(self, chunk_ids: Iterable[str]) -> None:
        ids = list(chunk_ids)
        if not ids:
            return
        self.chroma.delete(ids)
        with self._lock:
            if self._keyword is not None:
                self._keyword.remove(ids)
            if self._vectors is not None:
                self._vectors.remove(ids)

    def mark_current(self, generation: int) -> None:
        """Called after this process applied its own change, so it is not reloaded."""
        with self._lock:
            if self._keyword is not None and self._keyword_generation == generation - 1:
                self._keyword_generation = generation
            if self._vectors is not None and self._vectors_generation == generation - 1:
                self._vectors_generation = generation

    def rebuild(self, progress: Progress | None = None) -> int:
        """Recreate the dense and keyword indexes from the store. Returns chunks indexed.

        Every chunk is embedded again and written over its vector; vectors with no chunk
        are deleted. The collection itself is dropped only when it was built with another
        embedding model, so a search or an ingest in another process never finds it gone;
        ingestion takes turns with this through the index write lock."""
        with index_write_lock(self.db.engine, self.owner):
            try:
                _ = self.chroma.collection
            except IndexMismatchError:
                self.chroma.reset()
            with self._lock:
                self._vectors = None
            chunks = self.load_all_chunks()
            orphans = self.chroma.all_ids() - {c.id for c in chunks}
            self.chroma.delete(sorted(orphans))
            self.add(chunks, progress)
        with self._lock:
            self._keyword = None
        if self.keyword_store is not None:
            self._rebuild_keyword_store()
        return len(chunks)

    def _rebuild_keyword_store(self) -> None:
        """Rewrite the store's keyword table from the chunks in one transaction, and mark it
        current for the generation it read. Emptying the table comes first: it takes
        SQLite's write lock, so no ingestion commits between reading the chunks and marking."""
        store = self.keyword_store
        assert store is not None, "only called when the keyword index lives in the store"
        with self.db.session() as session:
            store.replace_all(session, ())
            generation = read_generation_in(session)
            chunks = self.load_all_chunks(session)
            store.write(session, ((c.id, index_text(c.meta, c.text), c.meta) for c in chunks))
            store.mark_current(session, generation)

    def load_all_chunks(self, session=None) -> list[IndexedChunk]:
        # Plain rows rather than ORM objects: 1.1 s instead of 3.1 s at 100k chunks. A row
        # carries every attribute chunk_metadata reads from a document and from a chunk.
        columns = (Chunk.id, Chunk.text, Chunk.position, Document.kind, Document.source, Document.title,
                   Document.mentor, Document.date, Document.owner)
        if session is not None:
            rows = session.execute(select(*columns).join(Document).order_by(Document.id, Chunk.position))
            return [IndexedChunk(row.id, row.text, chunk_metadata(row, row)) for row in rows]
        with self.db.session() as own:
            return self.load_all_chunks(own)

    def forget_loaded(self) -> None:
        """Drop the in-memory copies (after a repair changed the index under them)."""
        with self._lock:
            self._vectors, self._keyword = None, None

    def coverage(self) -> tuple[int, int]:
        """(passages in the store, entries in the index) for this scope: a search on an index
        with fewer entries than passages may miss some (run ``mentordesk doctor``)."""
        from sqlalchemy import func

        with self.db.session() as session:
            passages = session.scalar(select(func.count(Chunk.id))) or 0
        return passages, self.chroma.count()

    # ----- in-memory vectors ----------------------------------------------------------
    def warm_up(self) -> None:
        """Build the keyword index and load the in-memory vectors now (the app runs this on
        a background thread at start), and keep the vectors loaded from then on. The store
        is read once for both."""
        generation = read_generation(self.db)
        chunks = self.load_all_chunks()
        with self._lock:
            self._memory_keywords = True
            if self._keyword is None or generation != self._keyword_generation:
                self._keyword, self._keyword_generation = _keyword_index(chunks), generation
        if self.memory_vectors_enabled:
            with self._lock:
                self._keep_warm = True
                loader = self._start_vector_loader(chunks, generation)
            loader.join()

    @property
    def vectors_loaded(self) -> bool:
        return self._vectors is not None

    def _start_vector_loader(self, chunks: list[IndexedChunk] | None = None, generation: int = -1) -> threading.Thread:
        """Start loading the vectors on a background thread, unless one is running. Call
        with ``self._lock`` held. Not a daemon: Python waits for it at exit, because a
        thread stopped inside Chroma's native code during shutdown crashes the process."""
        if self._vector_loader is None or not self._vector_loader.is_alive():
            self._vector_loader = threading.Thread(
                target=self._load_vectors, args=(chunks, generation), name="load-vectors", daemon=False
            )
            self._vector_loader.start()
        return self._vector_loader

    def _load_vectors(self, chunks: list[IndexedChunk] | None, generation: int) -> None:
        """Copy every vector out of Chroma, with its metadata from ``chunks`` (the store as
        of ``generation``; read here when not given). Installed only if the library did not
        change meanwhile (the next search notices the new generation and loads again). On
        any error the copy stays unloaded and searches keep asking Chroma, which reports it."""
        try:
            if chunks is None:
                generation = read_generation(self.db)
                chunks = self.load_all_chunks()
            metadata = {chunk.id: chunk.meta for chunk in chunks}
            vectors = MemoryVectors(self.chroma.dimension)
            for ids, embeddings in self.chroma.iter_vectors():
                known = [i for i, chunk_id in enumerate(ids) if chunk_id in metadata]  # skip any not in the store
                vectors.add([ids[i] for i in known], embeddings[known], [metadata[ids[i]] for i in known])
            with self._lock:
                if read_generation(self.db) == generation:
                    self._vectors, self._vectors_generation = vectors, generation
        except Exception:
            log.warning("could not load the vectors into memory; searching through Chroma", exc_info=True)

    def _current_vectors(self, generation: int) -> MemoryVectors | None:
        """The in-memory vectors if loaded and current; if stale, drop them and (once
        warmed up) reload on a background thread. Searches use Chroma meanwhile."""
        with self._lock:
            if self._vectors is not None and self._vectors_generation == generation:
                return self._vectors
            self._vectors = None
            if self._keep_warm:
                self._start_vector_loader()
            return None

    def _dense(self, query_vector: np.ndarray, k: int, flt: SearchFilter | None, generation: int):
        vectors = self._current_vectors(generation)
        if vectors is not None:
            return vectors.search(query_vector, k, flt)
        return self.chroma.query(query_vector, k, flt)

    # ----- reading -------------------------------------------------------------------
    @property
    def keyword(self) -> KeywordIndex | SqliteKeywordStore:
        """The keyword index a search uses. Both rank by the same BM25. A long-running process
        (the app, after ``warm_up``) keeps it in memory: 0.7 ms a query at 100k chunks where
        FTS5 takes 101 ms (p95 2.8 against 217 ms: eval/results/keyword_index.md).
        A one-shot process uses the store's FTS5 table, which needs no build (3.9 s at 100k)."""
        if self.keyword_store is not None and not self._memory_keywords:
            with self.db.session() as session:
                current = self.keyword_store.is_current(session)
            if not current:
                with self._lock:
                    self._rebuild_keyword_store()
            return self.keyword_store
        generation = read_generation(self.db)
        with self._lock:
            if self._keyword is None or generation != self._keyword_generation:
                self._keyword, self._keyword_generation = _keyword_index(self.load_all_chunks()), generation
            return self._keyword

    def mentor_names(self) -> dict[str, str]:
        """Map of lower-case mentor key to display name, for everyone in the library.
        Read from the store once per generation; it does not need the keyword index, so
        a page listing mentors does not build it."""
        generation = read_generation(self.db)
        with self._lock:
            if generation != self._names_generation:
                with self.db.session() as session:
                    names = session.scalars(select(Document.mentor).where(Document.mentor.is_not(None)).distinct())
                    self._mentor_names = {key: n for n in names if n and (key := mentor_key(n))}
                self._names_generation = generation
            return self._mentor_names

    def mentors_named_in(self, text: str) -> tuple[str, ...]:
        """Mentor keys whose full name, or unambiguous first or last name, appears in text."""
        plain = without_possessives(text.lower())
        words = set(tokenize(text)) | set(plain.split())
        lowered = " " + " ".join(plain.split()) + " "
        found: list[str] = []
        keys = list(self.mentor_names())
        for key in keys:
            if f" {key} " in lowered:
                found.append(key)
                continue
            for part in key.split():
                sharing = [k for k in keys if part in k.split()]
                if len(part) > 2 and part in words and len(sharing) == 1:
                    found.append(key)
                    break
        return tuple(dict.fromkeys(found))

    def resolve_mentor(self, name: str) -> tuple[str, ...]:
        """Keys of mentors matching a user-typed name: exact, else a unique first/last name
        or substring match. Unknown names return the typed key so the filter finds nothing."""
        key = mentor_key(name) or ""
        names = self.mentor_names()
        if key in names:
            return (key,)
        partial = [k for k in names if key in k.split() or key in k]
        return tuple(partial) if partial else (key,)

    def search(
        self, query: str, k: int = 5, flt: SearchFilter | None = None, mode: SearchMode = "hybrid"
    ) -> list[SearchResult]:
        if not query.strip():
            raise ValueError("the question is empty")
        # A fixed candidate depth, so asking for more results never reorders the first ones
        # (with k * 4, the top 5 of k=10 differed from k=5 on 28 of 92 eval questions).
        candidates = max(k, CANDIDATE_DEPTH)
        rankings: list[list[str]] = []
        dense_scores: dict[str, float] = {}
        coverage: dict[str, float] = {}
        query_vector = None
        generation = read_generation(self.db)
        if mode in ("hybrid", "dense"):
            query_vector = self.embedder.embed([query])[0]
            dense = self._dense(query_vector, candidates, flt, generation)
            dense_scores.update(dense)
            rankings.append([cid for cid, _ in dense])
        keywords = self.keyword if mode in ("hybrid", "keyword") else None  # checked against the store once
        if keywords is not None:
            hits = keywords.search(query, candidates, flt)
            coverage.update({h.chunk_id: h.matched_terms / h.query_terms for h in hits})
            rankings.append([h.chunk_id for h in hits])
        if mode == "hybrid" and (flt is None or not flt.mentors):
            # A question that names a mentor should prefer that mentor's notes: add rankings
            # restricted to them, so their passages gain weight without hiding the rest.
            named = self.mentors_named_in(query)
            if named:
                scoped = SearchFilter(
                    kinds=flt.kinds if flt else (), mentors=named,
                    since=flt.since if flt else None, until=flt.until if flt else None,
                )
                assert query_vector is not None  # hybrid search embedded the question above
                scoped_dense = self._dense(query_vector, candidates, scoped, generation)
                dense_scores.update(scoped_dense)
                rankings.append([cid for cid, _ in scoped_dense])
                assert keywords is not None
                scoped_hits = keywords.search(query, candidates, scoped)
                coverage.update({h.chunk_id: h.matched_terms / h.query_terms for h in scoped_hits})
                rankings.append([h.chunk_id for h in scoped_hits])
        fused = keep_leaders(reciprocal_rank_fusion(rankings), rankings[:2] if mode == "hybrid" else [], k)
        results = self._hydrate(fused)
        for result in results:
            result.dense_score = dense_scores.get(result.chunk_id)
            result.keyword_coverage = coverage.get(result.chunk_id, 0.0)
        if mode != "keyword":
            self._fill_dense_scores(results, query_vector, generation)
            for result in results:
                result.relevant = self._is_relevant(result)
        else:
            for result in results:
                result.relevant = result.keyword_coverage >= 0.5
        return results

    def _is_relevant(self, result: SearchResult) -> bool:
        dense = result.dense_score if result.dense_score is not None else -1.0
        if dense >= self.min_relevance:
            return True
        # A strong keyword match (most of the question's words, e.g. a name) with some
        # semantic similarity still counts; a stray shared word does not.
        return result.keyword_coverage >= 0.6 and dense >= self.min_relevance * 0.5

    def _fill_dense_scores(self, results: list[SearchResult], query_vector: np.ndarray | None, generation: int) -> None:
        missing = [r for r in results if r.dense_score is None]
        if not missing or query_vector is None:
            return
        memory = self._current_vectors(generation)
        vectors: dict[str, np.ndarray | None] = (
            {r.chunk_id: memory.vector(r.chunk_id) for r in missing} if memory is not None
            else dict(self.chroma.vectors([r.chunk_id for r in missing])))
        for result in missing:
            vector = vectors.get(result.chunk_id)
            if vector is not None:
                result.dense_score = float(np.dot(np.asarray(vector, dtype=np.float32), query_vector))

    def _hydrate(self, fused: list[tuple[str, float]]) -> list[SearchResult]:
        if not fused:
            return []
        ids = [cid for cid, _ in fused]
        with self.db.session() as session:
            rows = session.execute(select(Chunk, Document).join(Document).where(Chunk.id.in_(ids)))
            by_id = {c.id: (c, d) for c, d in rows}
        results = []
        for chunk_id, score in fused:
            if chunk_id not in by_id:  # index ahead of the store (e.g. mid-reindex): skip it
                continue
            chunk, doc = by_id[chunk_id]
            results.append(
                SearchResult(
                    chunk_id=chunk_id, text=chunk.text, source=doc.source, kind=doc.kind, title=doc.title,
                    mentor=doc.mentor, date=doc.date, position=chunk.position, score=score,
                )
            )
        return results
