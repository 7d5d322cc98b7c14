"""Row bookkeeping shared by the two in-memory indexes (BM25 keywords and vectors):
chunk id <-> row number, which rows are still alive, and the metadata columns that
filters test (kind, mentor, date), as numpy arrays for vectorised masks."""

from __future__ import annotations

import numpy as np

from vectorstore.filters import KINDS, SearchFilter, date_key


class RowTable:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.row: dict[str, int] = {}
        self._alive: list[bool] = []
        self._kind: list[int] = []
        self._mentor: list[int] = []  # codes from _mentor_codes (0: no mentor): fast to compare
        self._mentor_codes: dict[str, int] = {"": 0}
        self._date: list[int] = []
        self._arrays: dict[str, np.ndarray] | None = None

    def __len__(self) -> int:
        """Rows in use, dead ones included (row numbers run up to this)."""
        return len(self.ids)

    @property
    def live(self) -> int:
        return len(self.row)

    def append(self, chunk_id: str, meta: dict) -> int:
        row = len(self.ids)
        self.ids.append(chunk_id)
        self.row[chunk_id] = row
        self._alive.append(True)
        self._kind.append(KINDS.index(meta["kind"]) if meta.get("kind") in KINDS else -1)
        self._mentor.append(self._mentor_codes.setdefault(meta.get("mentor_key") or "", len(self._mentor_codes)))
        self._date.append(meta.get("date") or 0)
        self._arrays = None
        return row

    def kill(self, chunk_id: str) -> int | None:
        """Mark a chunk's row dead; returns the row, or None for an unknown id."""
        row = self.row.pop(chunk_id, None)
        if row is not None:
            self._alive[row] = False
            self._arrays = None
        return row

    def needs_compacting(self) -> bool:
        return len(self.ids) > 1000 and self.live < len(self.ids) // 2

    def compact(self) -> list[int]:
        """Drop dead rows and renumber; returns the old row numbers of the rows kept, in
        order, so the owner can reorder its own per-row data the same way."""
        live = [r for r, ok in enumerate(self._alive) if ok]
        self.ids = [self.ids[r] for r in live]
        self.row = {cid: i for i, cid in enumerate(self.ids)}
        self._alive = [True] * len(live)
        self._kind = [self._kind[r] for r in live]
        self._mentor = [self._mentor[r] for r in live]
        self._date = [self._date[r] for r in live]
        self._arrays = None
        return live

    def mask(self, flt: SearchFilter | None) -> np.ndarray:
        """Boolean array over all rows: alive and passing ``flt``."""
        if self._arrays is None:
            self._arrays = {
                "alive": np.array(self._alive, dtype=bool),
                "kind": np.array(self._kind, dtype=np.int8),
                "mentor": np.array(self._mentor, dtype=np.int32),
                "date": np.array(self._date, dtype=np.int64),
            }
        a = self._arrays
        mask = a["alive"].copy()
        if flt is None or flt.empty:
            return mask
        if flt.kinds:
            mask &= np.isin(a["kind"], [KINDS.index(k) for k in flt.kinds])
        if flt.mentors:
            mask &= np.isin(a["mentor"], [self._mentor_codes.get(m, -1) for m in flt.mentors])
        if flt.since:
            mask &= a["date"] >= date_key(flt.since)
        if flt.until:
            mask &= (a["date"] <= date_key(flt.until)) & (a["date"] > 0)
        return mask
