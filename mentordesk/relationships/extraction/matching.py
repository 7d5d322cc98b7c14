"""Matching old items to new ones, so done flags and outcomes survive an edit of the note.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence


def item_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def match_items(old: Sequence[str], new: Sequence[str], fuzzy: float = 0.9) -> dict[int, int]:
    """Map index in ``new`` -> index in ``old`` for items that are the same.

    Exact text (ignoring case and punctuation) first; then, among the rest, near-identical
    text (a fixed typo) with a similarity of at least ``fuzzy``.
    """
    old_keys = [item_key(t) for t in old]
    new_keys = [item_key(t) for t in new]
    free: dict[str, list[int]] = {}
    for i, key in enumerate(old_keys):
        free.setdefault(key, []).append(i)
    matches: dict[int, int] = {}
    for j, key in enumerate(new_keys):
        if free.get(key):
            matches[j] = free[key].pop(0)
    unmatched_old = [i for i in range(len(old)) if i not in matches.values()]
    candidates = sorted(
        (
            (difflib.SequenceMatcher(None, new_keys[j], old_keys[i]).ratio(), j, i)
            for j in range(len(new)) if j not in matches
            for i in unmatched_old
        ),
        reverse=True,
    )
    used: set[int] = set()
    for ratio, j, i in candidates:
        if ratio < fuzzy:
            break
        if j not in matches and i not in used:
            matches[j] = i
            used.add(i)
    return matches
