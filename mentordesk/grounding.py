"""Deterministic checks that keep answers tied to the passages they cite.

Used three ways: to strip citations of passages that were not retrieved, to hold back a
weak local model's sentences that the passages do not support, and by ``eval/`` to
measure citation precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vectorstore.keyword import tokenize

CITATION = re.compile(r"\[(\d{1,2})\]")
_SENTENCE = re.compile(r"(?<=[.!?])(?<!\.\.\.)\s+(?=[A-Z0-9\"'(\[*-])")  # "..." does not end a sentence
# "... a sentence. [1]" or "a quote. [2][3]": markers written after the full stop.
_TRAILING_MARKERS = re.compile(r"([.!?][\"”’)]*)([ \t]*)((?:\[\d{1,2}\])+)")  # also after a closing quote
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def cited_numbers(text: str) -> list[int]:
    return [int(n) for n in dict.fromkeys(CITATION.findall(text))]


def strip_invalid_citations(text: str, valid: int) -> str:
    """Remove [n] markers that point outside 1..valid."""
    return CITATION.sub(lambda m: m.group(0) if 1 <= int(m.group(1)) <= valid else "", text)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``; a citation written after the full stop ("advice. [1]") stays
    with the sentence it cites (it becomes "advice [1].")."""
    text = _TRAILING_MARKERS.sub(lambda m: f" {m.group(3)}{m.group(1)}", text.strip())
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def support(sentence: str, passage: str) -> float:
    """Share of the sentence's content words (stemmed) that occur in the passage."""
    words = set(tokenize(CITATION.sub("", sentence)))
    if not words:
        return 0.0
    return len(words & set(tokenize(passage))) / len(words)


def numbers_supported(sentence: str, passages: Sequence[str]) -> bool:
    numbers = set(_NUMBER.findall(CITATION.sub("", sentence)))
    if not numbers:
        return True
    joined = " ".join(passages)
    return all(n in joined for n in numbers)


def best_supporting(sentence: str, passages: Sequence[str]) -> tuple[int, float]:
    """(1-based passage number, support) of the passage that best supports a sentence."""
    scores = [support(sentence, p) for p in passages]
    if not scores:
        return 0, 0.0
    best = max(range(len(scores)), key=scores.__getitem__)
    return best + 1, scores[best]


def is_grounded(sentence: str, passages: Sequence[str], threshold: float = 0.5) -> bool:
    _, score = best_supporting(sentence, passages)
    return score >= threshold and numbers_supported(sentence, passages)


def citation_precision(answer: str, passages: Sequence[str], threshold: float = 0.3) -> tuple[int, int]:
    """(supported, total) citations: a citation is supported when it names a retrieved
    passage and that passage shares at least ``threshold`` of the citing sentence's words.
    Each line is read on its own: a quoted note line without a full stop ("- own it [1]")
    is not run together with the lines above it."""
    supported = total = 0
    for sentence in (s for line in answer.splitlines() for s in split_sentences(line)):
        for number in cited_numbers(sentence):
            total += 1
            if 1 <= number <= len(passages) and support(sentence, passages[number - 1]) >= threshold:
                supported += 1
    return supported, total


_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|n't|cannot|can't|won't|don't"
                       r"|doesn't|didn't|isn't|aren't|wasn't|shouldn't|wouldn't|avoid|stop)\b|n't\b", re.IGNORECASE)
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def entailed(sentence: str, facts: Sequence[str], threshold: float = 0.8) -> int:
    """The 1-based number of the one fact that plainly says ``sentence``, else 0.

    Stricter than ``is_grounded``, for a small model's own sentences: nearly every content
    word must come from a single fact (not from several passages together), every number
    and name in it must be in that fact, and it must not add or drop a negation: "never
    for the equity" does not support "he would not join without equity"."""
    text = CITATION.sub("", sentence)
    best, score = best_supporting(text, facts)
    if not best or score < threshold:
        return 0
    fact = facts[best - 1]
    if not numbers_supported(text, [fact]):
        return 0
    if bool(_NEGATION.search(text)) != bool(_NEGATION.search(fact)):
        return 0
    names = {w.lower() for w in _PROPER.findall(text)}
    if names - set(re.findall(r"[a-z]+", fact.lower())):
        return 0
    return best
