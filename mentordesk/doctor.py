"""``mentordesk doctor``: compare the store (the source of truth) with the search index and
repair what differs, saying what it found and what it did.

- the index cannot be opened (a damaged Chroma file: "file is not a database", or a damaged
  HNSW file, which crashes the process that reads it, so it is probed in a child process):
  the embedded index folder is set aside (renamed, not deleted) and rebuilt from the store;
- the index was built with another embedding model: rebuilt;
- store passages with no vector (an index folder deleted, a killed rebuild): embedded;
- vectors with no passage (a killed ingest): deleted.

(The SQLite keyword table needs no doctor: it is rebuilt on first use whenever it is behind.)

Nothing in the store is changed. Repairs take the index write lock (store.locks).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select

from store.locks import index_write_lock
from store.tables import Chunk
from vectorstore.chroma_index import IndexMismatchError

# Opens the index and runs one query: a damaged HNSW file crashes this, not the caller.
_PROBE = """
import sys
from vectorstore.chroma_index import ChromaIndex, make_client
import numpy as np
client = make_client(path=__import__("pathlib").Path(sys.argv[1]))
names = [c.name for c in client.list_collections()]
if sys.argv[2] in names:
    collection = client.get_collection(sys.argv[2])
    if collection.count():
        collection.query(query_embeddings=[np.ones(int(sys.argv[3]), dtype=np.float32)], n_results=1)
"""


@dataclass
class DoctorReport:
    passages: int = 0
    index_entries: int | None = None
    missing: int = 0  # passages of the store with no vector
    orphans: int = 0  # vectors with no passage in the store
    problem: str | None = None  # the index could not be opened, or was built with another model
    repaired: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not (self.missing or self.orphans or self.problem)

    def to_dict(self) -> dict:
        return {**asdict(self), "healthy": self.healthy}

    def lines(self) -> list[str]:
        out = [f"passages in the library: {self.passages}",
               f"entries in the search index: {'unknown' if self.index_entries is None else self.index_entries}"]
        if self.problem:
            out.append(f"problem: {self.problem}")
        if self.missing:
            out.append(f"passages with no vector: {self.missing}")
        if self.orphans:
            out.append(f"vectors of passages no longer in the library: {self.orphans}")
        out.extend(f"repaired: {line}" for line in self.repaired)
        if self.healthy and not self.repaired:
            out.append("the search index agrees with the library")
        return out


def probe_index(desk) -> str | None:
    """None if the embedded index opens and answers a query; else what went wrong."""
    s = desk.settings
    if s.chroma_host or not s.chroma_path.exists():
        return None
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", _PROBE, str(s.chroma_path), s.collection,
                           str(desk.embedder.dimension)], cwd=root, capture_output=True, text=True, timeout=300)
    if done.returncode == 0:
        return None
    if done.returncode < 0:
        return f"the search index crashed the process that read it (signal {-done.returncode}): its files are damaged"
    last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
    return f"the search index cannot be opened ({last[:200]})"


def examine(desk, repair: bool = True) -> DoctorReport:
    report = DoctorReport()
    with desk.db.session() as session:
        store_ids = set(session.scalars(select(Chunk.id)))
    report.passages = len(store_ids)

    damaged = probe_index(desk)
    if damaged:
        report.problem = damaged
        if not repair:
            return report
        aside = _set_aside(desk)
        report.repaired.append(f"moved the damaged index to {aside} and rebuilt it: "
                               f"{_fresh_index(desk).reindex()} passages embedded")
        report.index_entries = desk.index_count()
        return report

    try:
        index_ids = desk.chroma.all_ids()
    except IndexMismatchError as exc:
        report.problem = str(exc).split(";")[0]
        if repair:
            report.repaired.append(f"rebuilt the index with {desk.embedder.name}: {desk.reindex()} passages embedded")
            report.index_entries = desk.index_count()
        return report
    report.index_entries = len(index_ids)
    missing, orphans = store_ids - index_ids, index_ids - store_ids
    report.missing, report.orphans = len(missing), len(orphans)
    if not repair or report.healthy:
        return report

    with index_write_lock(desk.db.engine, desk.index.owner):
        # Read again under the lock: an ingest that was between its two steps has finished.
        with desk.db.session() as session:
            store_ids = set(session.scalars(select(Chunk.id)))
        index_ids = desk.chroma.all_ids()
        orphans, missing = index_ids - store_ids, store_ids - index_ids
        if orphans:
            desk.chroma.delete(sorted(orphans))
            report.repaired.append(f"deleted {len(orphans)} vectors of passages no longer in the library")
        if missing:
            chunks = [c for c in desk.index.load_all_chunks() if c.id in missing]
            desk.index.add(chunks)
            report.repaired.append(f"embedded {len(chunks)} passages that had no vector")
    desk.index.forget_loaded()
    report.index_entries = desk.index_count()
    return report


def _set_aside(desk) -> Path:
    path = desk.settings.chroma_path
    aside = path.with_name(f"{path.name}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}")
    path.rename(aside)
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # Chroma keeps one client per folder per process
    return aside


def _fresh_index(desk):
    """A desk that opens the index folder anew (the old client may hold the damaged files)."""
    from mentordesk.container import MentorDesk

    return MentorDesk(desk.settings, embedder=desk.embedder)
