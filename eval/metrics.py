"""Metric functions for the evaluation, pure and small enough to check by hand.

Retrieval metrics take a ranked list of binary relevance flags (best result first). In
``eval.retrieval`` a result is relevant when its source file name equals the source the
question names; ``first_per_source`` turns a ranked list of sources into such flags,
counting a document once (its later chunks add no gain), so every question has exactly
one relevant item and nDCG's ideal ranking is "that document first".
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence

Relevances = Sequence[bool]


def first_per_source(sources: Sequence[str], expected: str) -> list[bool]:
    """Relevance flags for a ranked list of sources: True only at the first result from
    ``expected``; later chunks of the same document are not counted again."""
    flags, seen = [], False
    for source in sources:
        hit = source == expected and not seen
        seen = seen or hit
        flags.append(hit)
    return flags


def hit_at_k(relevances: Relevances, k: int) -> float:
    """1.0 when any of the first ``k`` results is relevant, else 0.0."""
    if k < 1:
        raise ValueError("k must be at least 1")
    return 1.0 if any(relevances[:k]) else 0.0


def reciprocal_rank(relevances: Relevances, k: int | None = None) -> float:
    """1 / rank of the first relevant result (within the first ``k`` if given), else 0."""
    ranked = relevances if k is None else relevances[:k]
    for rank, relevant in enumerate(ranked, 1):
        if relevant:
            return 1.0 / rank
    return 0.0


def dcg_at_k(relevances: Relevances, k: int) -> float:
    """Discounted cumulative gain with binary gains: sum of 1 / log2(rank + 1)."""
    return sum(1.0 / math.log2(rank + 1) for rank, relevant in enumerate(relevances[:k], 1) if relevant)


def ndcg_at_k(relevances: Relevances, k: int, n_relevant: int = 1) -> float:
    """DCG@k divided by the DCG of the ideal ranking, which puts all ``n_relevant``
    relevant items first. ``n_relevant`` is how many relevant items exist in the whole
    collection (not just in this list); it cannot be fewer than the list holds."""
    if k < 1:
        raise ValueError("k must be at least 1")
    found = sum(1 for relevant in relevances if relevant)
    if n_relevant < found:
        raise ValueError(f"n_relevant={n_relevant} but the ranking already holds {found} relevant items")
    if n_relevant == 0:
        return 0.0
    ideal = dcg_at_k([True] * min(k, n_relevant), k)
    return dcg_at_k(relevances, k) / ideal


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean; None for no values (a table shows it as n/a, not as 0)."""
    values = list(values)
    return sum(values) / len(values) if values else None


def mrr(rankings: Iterable[Relevances], k: int | None = None) -> float | None:
    """Mean reciprocal rank over several questions."""
    return mean(reciprocal_rank(r, k) for r in rankings)


def retrieval_summary(rankings: Sequence[Relevances]) -> dict[str, float | int | None]:
    """The retrieval table's row for a set of questions: hit@1, hit@5, MRR (over the
    first 10 results), nDCG@10 and the number of questions."""
    return {
        "n": len(rankings),
        "hit@1": mean(hit_at_k(r, 1) for r in rankings),
        "hit@5": mean(hit_at_k(r, 5) for r in rankings),
        "mrr": mrr(rankings, k=10),
        "ndcg@10": mean(ndcg_at_k(r, 10) for r in rankings),
    }


# ----- answers ------------------------------------------------------------------------
def refusal_rate(found_on_unanswerable: Iterable[bool]) -> float | None:
    """Share of questions the library cannot answer on which the assistant said so
    (``found`` is False). Higher is better."""
    return mean(0.0 if found else 1.0 for found in found_on_unanswerable)


def answer_rate(found_on_answerable: Iterable[bool]) -> float | None:
    """Share of answerable questions the assistant answered instead of refusing."""
    return mean(1.0 if found else 0.0 for found in found_on_answerable)


def citation_precision_micro(counts: Iterable[tuple[int, int]]) -> float | None:
    """All supported citations over all citations, from per-answer (supported, total)
    pairs as ``mentordesk.grounding.citation_precision`` returns them. None when no answer
    cited anything."""
    supported = total = 0
    for s, t in counts:
        if s < 0 or t < 0 or s > t:
            raise ValueError(f"bad citation count ({s}, {t})")
        supported += s
        total += t
    return supported / total if total else None


def citation_precision_macro(counts: Iterable[tuple[int, int]]) -> float | None:
    """Mean per-answer precision over the answers that cite at least once."""
    return mean(s / t for s, t in counts if t)


def term_recall(text: str, terms: Sequence[str]) -> float | None:
    """Share of the expected answer terms that occur in ``text`` (case-insensitive)."""
    if not terms:
        return None
    lowered = text.lower()
    return sum(1 for term in terms if term.lower() in lowered) / len(terms)


# ----- timings ------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between ranks."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95, mean and max in milliseconds."""
    return {
        "n": len(seconds),
        "p50_ms": percentile(seconds, 50) * 1000,
        "p95_ms": percentile(seconds, 95) * 1000,
        "mean_ms": statistics.fmean(seconds) * 1000,
        "max_ms": max(seconds) * 1000,
    }
