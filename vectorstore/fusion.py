"""Reciprocal rank fusion: combine ranked lists without comparing their raw scores."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

RRF_K = 60
Id = TypeVar("Id", bound=Hashable)


def reciprocal_rank_fusion(rankings: Iterable[Sequence[Id]], k: int = RRF_K) -> list[tuple[Id, float]]:
    """Each ranking is a list of ids, best first. Returns (id, fused score), best first;
    ties keep the order in which ids were first seen."""
    scores: dict[Id, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda pair: -pair[1])


DENSE_LEADER_RANK = 2  # the dense ranking's first passage is never lower than this in the fused list


def keep_leaders(fused: list[tuple[Id, float]], rankings: Sequence[Sequence[Id]], k: int) -> list[tuple[Id, float]]:
    """The first ``k`` of a fused list, with the first item of each ranking kept in: with
    equal-weight fusion, the passage dense search ranks first can fall out of the top 5
    when the keyword list is weak for that query (and the other way round).

    ``rankings[0]`` is the dense ranking: its first passage is moved up to place
    ``DENSE_LEADER_RANK`` when fusion put it lower, whatever ``k`` is, so asking for ten
    results does not push it below the first five (on the dev splits this kept every set's
    figures and lifted the plain-documents set articles2, see eval/results). The first
    passage of any other ranking (the keyword list) only stays within the first ``k``: a
    leader missing from the top takes the place of the lowest item that is no leader."""
    top = list(fused[:k])
    leaders = [ranking[0] for ranking in rankings if ranking]
    scores = dict(fused)
    for leader in leaders[1:]:
        if leader in {item for item, _ in top} or leader not in scores:
            continue
        for i in range(len(top) - 1, -1, -1):
            if top[i][0] not in leaders:
                top[i] = (leader, scores[leader])
                break
    if leaders and leaders[0] in scores:
        dense_leader = (leaders[0], scores[leaders[0]])
        place = min(DENSE_LEADER_RANK, k) - 1
        if dense_leader not in top[: place + 1]:
            if dense_leader in top:
                top.remove(dense_leader)
            # Moved up, it shares the score of the passage it now precedes, so the scores a
            # user sees still fall from first to last.
            lifted = top[place][1] if place < len(top) else dense_leader[1]
            top.insert(place, (dense_leader[0], max(dense_leader[1], lifted)))
            top = top[:k]
    return top
