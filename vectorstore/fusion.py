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


def keep_leaders(fused: list[tuple[Id, float]], rankings: Sequence[Sequence[Id]], k: int) -> list[tuple[Id, float]]:
    """The first ``k`` of a fused list, with the first item of each ranking kept in: with
    equal-weight fusion, the passage dense search ranks first can fall out of the top 5
    when the keyword list is weak for that query (and the other way round). A leader
    missing from the top takes the place of the lowest item that is no leader."""
    top = list(fused[:k])
    leaders = [ranking[0] for ranking in rankings if ranking]
    scores = dict(fused)
    for leader in leaders:
        if leader in {item for item, _ in top} or leader not in scores:
            continue
        for i in range(len(top) - 1, -1, -1):
            if top[i][0] not in leaders:
                top[i] = (leader, scores[leader])
                break
    return top
