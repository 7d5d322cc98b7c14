"""An in-memory BM25 index that is updated incrementally.

Built once from the store, then kept current by ``add`` and ``remove`` as ingestion
changes chunks, so a query never rebuilds it. Postings are kept per term as numpy arrays,
so scoring a query touches only the rows that contain its terms, and metadata filters are
vectorised masks over per-row arrays.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from vectorstore.filters import SearchFilter
from vectorstore.rows import RowTable

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves i'm i've i'd it's don't what's did
    say said tell told""".split()
)
# (suffix, replacement), first match wins. "ies"/"ied" become "y" so reply, replies and
# replied meet; "ation" becomes "at" so negotiation meets negotiate.
_SUFFIXES = (
    ("ations", "at"), ("ation", "at"), ("ies", "y"), ("ied", "y"), ("ings", ""), ("ing", ""),
    ("edly", ""), ("ed", ""), ("s", ""), ("ly", ""),
)


@lru_cache(maxsize=1 << 17)  # words repeat: at 100k chunks this halves building the index
def stem(word: str) -> str:
    """A deliberately light stemmer that maps a word's common forms to one key: name,
    names and naming; write, writes and writing; plan, plans and planning; reply, replies and
    replied. Every form goes through the same steps (strip one suffix, then final "e"s,
    then a doubled final consonant). The plural "s" of three-letter words stays (ones,
    days), so a vague "what about cold ones?" does not match every "one" in the library."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if suffix == "s" and (len(base) < 4 or base.endswith(("s", "u", "i"))):  # ones; class, status, analysis
                break
            if suffix == "ly" and len(base) < 4:  # reply, early, only
                break
            if len(base) >= 3 or (replacement and len(base) >= 2):  # thing, bring; tried -> try
                word = base + replacement
            break
    while len(word) > 3 and word.endswith("e"):  # agree, agreed; mentee, mentees
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsz":  # running -> run
        word = word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    # A possessive is the name itself: "Priya's" must match "Priya", not become "priya'".
    return [stem(w.removesuffix("'s")) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


# A query term no chunk has, of at least this many letters ("quals" -> "qual"), stands for
# the library's terms it begins ("qualification", "qualify"): people shorten words when
# they type a question. The most common few are used.
ABBREVIATION_MIN = 4
ABBREVIATION_TERMS = 8
ABBREVIATION_WEIGHT = 0.5  # a guess at what was meant counts half a word typed in full


def may_abbreviate(term: str) -> bool:
    return len(term) >= ABBREVIATION_MIN and term.isalpha()


@dataclass(frozen=True)
class KeywordHit:
    chunk_id: str
    score: float
    matched_terms: int
    query_terms: int


BM25_K1, BM25_B = 1.5, 0.75


def bm25_idf(rows: int, df: int) -> float:
    """Lucene's BM25 idf: never negative, so a term in most chunks still counts a little."""
    return math.log(1 + (rows - df + 0.5) / (df + 0.5))


def bm25_weight(idf, tf, length, average_length, k1: float = BM25_K1, b: float = BM25_B):
    """A term's BM25 contribution to a chunk: ``tf`` occurrences in a chunk of ``length``
    terms. Works on numbers and on numpy arrays alike (the in-memory index scores a whole
    posting list at once)."""
    return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average_length))


class KeywordIndex:
    def __init__(self, k1: float = BM25_K1, b: float = BM25_B):
        self.k1, self.b = k1, b
        self._lock = threading.RLock()
        self._clear()

    def _clear(self) -> None:
        self._rows = RowTable()
        self._lengths: list[int] = []
        self._postings: dict[str, tuple[list[int], list[int]]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._length_array: np.ndarray | None = None
        self._total_length = 0
        self._sorted_terms: list[str] | None = None  # for abbreviations; rebuilt after a new term

    def __len__(self) -> int:
        return self._rows.live

    def add(self, items: Iterable[tuple[str, str, dict]]) -> None:
        """Add or replace chunks given as (chunk id, text, metadata)."""
        with self._lock:
            for chunk_id, text, meta in items:
                self._remove_one(chunk_id)
                row = self._rows.append(chunk_id, meta)
                terms = tokenize(text)
                self._lengths.append(len(terms))
                counts: dict[str, int] = {}
                for term in terms:
                    counts[term] = counts.get(term, 0) + 1
                for term, tf in counts.items():
                    if term not in self._postings:
                        self._sorted_terms = None
                    rows, tfs = self._postings.setdefault(term, ([], []))
                    rows.append(row)
                    tfs.append(tf)
                    self._arrays.pop(term, None)
                self._total_length += len(terms)
            self._length_array = None

    def remove(self, chunk_ids: Iterable[str]) -> None:
        with self._lock:
            for chunk_id in chunk_ids:
                self._remove_one(chunk_id)
            # Dead rows cost memory and time in every query; compact when they pile up.
            if self._rows.needs_compacting():
                self._compact()

    def _remove_one(self, chunk_id: str) -> None:
        row = self._rows.kill(chunk_id)
        if row is not None:
            self._total_length -= self._lengths[row]

    def _compact(self) -> None:
        # Rebuilding from the live rows needs their text; we keep only postings, so re-derive
        # each live row's term counts from the postings themselves.
        live = self._rows.compact()
        remap = {old: new for new, old in enumerate(live)}
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for term, (rows, tfs) in self._postings.items():
            kept = [(remap[r], tf) for r, tf in zip(rows, tfs) if r in remap]
            if kept:
                postings[term] = ([r for r, _ in kept], [tf for _, tf in kept])
        self._lengths = [self._lengths[r] for r in live]
        self._postings = postings
        self._arrays = {}
        self._length_array = None
        self._sorted_terms = None

    def _term_arrays(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        cached = self._arrays.get(term)
        if cached is None:
            posting = self._postings.get(term)
            if posting is None:
                return None
            cached = (np.array(posting[0], dtype=np.int64), np.array(posting[1], dtype=np.float32))
            self._arrays[term] = cached
        return cached

    def _expansions(self, term: str) -> list[str]:
        """The indexed terms an absent query term begins, most common first (see ABBREVIATION_MIN)."""
        if term in self._postings or not may_abbreviate(term):
            return [term]
        if self._sorted_terms is None:
            self._sorted_terms = sorted(self._postings)
        found = []
        for i in range(bisect.bisect_left(self._sorted_terms, term), len(self._sorted_terms)):
            if not self._sorted_terms[i].startswith(term):
                break
            found.append(self._sorted_terms[i])
        found.sort(key=lambda t: -len(self._postings[t][0]))
        return found[:ABBREVIATION_TERMS] or [term]

    def search(self, query: str, k: int = 10, flt: SearchFilter | None = None) -> list[KeywordHit]:
        terms = list(dict.fromkeys(tokenize(query)))
        with self._lock:
            alive = self._rows.live
            if not terms or not alive:
                return []
            if self._length_array is None:
                self._length_array = np.array(self._lengths, dtype=np.float32)
            n_rows = len(self._rows)
            avg_length = max(self._total_length / alive, 1.0)
            scores = np.zeros(n_rows, dtype=np.float32)
            matched = np.zeros(n_rows, dtype=np.int16)
            for term in terms:
                # An abbreviation counts once per chunk, as its best-scoring full form.
                best = np.zeros(n_rows, dtype=np.float32)
                forms = self._expansions(term)
                for full in forms:
                    arrays = self._term_arrays(full)
                    if arrays is None:
                        continue
                    rows, tfs = arrays
                    idf = bm25_idf(alive, len(rows))
                    weight = bm25_weight(idf, tfs, self._length_array[rows], avg_length, self.k1, self.b)
                    best[rows] = np.maximum(best[rows], weight)
                scores += best if forms == [term] else best * ABBREVIATION_WEIGHT
                matched += best > 0
            mask = self._rows.mask(flt) & (matched > 0)
            candidates = np.flatnonzero(mask)
            if candidates.size == 0:
                return []
            if candidates.size > k:
                top = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
            else:
                top = candidates
            top = top[np.argsort(-scores[top], kind="stable")]
            return [KeywordHit(self._rows.ids[r], float(scores[r]), int(matched[r]), len(terms)) for r in top]

