"""Metadata filters shared by the dense and keyword indexes.

Dates are stored in the index as integers (YYYYMMDD) because Chroma compares numbers,
not strings; mentor names as a lower-cased key so matching ignores case.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from store.kinds import DOCUMENT_KINDS as KINDS  # the filter's choices are the document kinds


def date_key(value: dt.date | None) -> int | None:
    return value.year * 10000 + value.month * 100 + value.day if value else None


_POSSESSIVE = re.compile(r"['’]s\b")


def without_possessives(text: str) -> str:
    """ "Priya's advice" -> "Priya advice"; "O'Sullivan" and "O’Sullivan" stay whole (as "O'Sullivan"). """
    return _POSSESSIVE.sub("", text.replace("’", "'"))


def mentor_key(name: str | None) -> str | None:
    return " ".join(name.lower().replace("’", "'").split()) if name and name.strip() else None


@dataclass(frozen=True)
class SearchFilter:
    kinds: tuple[str, ...] = ()
    mentors: tuple[str, ...] = field(default=())  # mentor keys (lower-case full names)
    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self):
        bad = [k for k in self.kinds if k not in KINDS]
        if bad:
            raise ValueError(f"unknown kind {bad[0]!r}: choose from {', '.join(KINDS)}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")

    @property
    def empty(self) -> bool:
        return not (self.kinds or self.mentors or self.since or self.until)

    def to_chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.kinds:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.mentors:
            clauses.append({"mentor_key": {"$in": list(self.mentors)}})
        if self.since:
            clauses.append({"date": {"$gte": date_key(self.since)}})
        if self.until:
            clauses.append({"date": {"$lte": date_key(self.until)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, meta: dict) -> bool:
        if self.kinds and meta.get("kind") not in self.kinds:
            return False
        if self.mentors and meta.get("mentor_key") not in self.mentors:
            return False
        date = meta.get("date")
        if self.since and (date is None or date < date_key(self.since)):
            return False
        if self.until and (date is None or date > date_key(self.until)):
            return False
        return True
