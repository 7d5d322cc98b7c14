"""Suggested follow-up questions under a chat answer: short, clickable, built from what was
retrieved (a pure function, so the UI and tests share it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vectorstore.library_index import SearchResult

MAX_SUGGESTIONS = 3


def suggest_followups(question: str, passages: Sequence[SearchResult], people: Sequence[str]) -> list[str]:
    """2–3 questions: for a mentor's notes, what is open and a follow-up draft; for
    guidance, the other topics the answer drew on."""
    asked = question.lower()
    words = set(re.findall(r"[a-z][a-z'-]*", asked))
    mentors = list(dict.fromkeys(p.mentor for p in passages if p.kind == "notes" and p.mentor))
    mentors += [name for name in people if name.split()[0].lower() in words or name.lower() in asked]
    mentors = list(dict.fromkeys(mentors))
    out: list[str] = []
    if mentors:
        first = mentors[0].split()[0]
        out += [f"What action items are still open with {first}?", f"Draft a follow-up to {first}"]
        if len(mentors) > 1:
            out.append(f"What did {mentors[1].split()[0]} advise?")
    topics = [p.title for p in passages if p.kind != "notes" and p.title and p.title.lower() not in asked]
    for topic in dict.fromkeys(topics):
        out.append(f"Tell me more about {topic.rstrip('?.').lower()}")
    if len(out) < 2:
        out += ["What questions should I bring to my next mentor meeting?", "How do I write a good outreach email?"]
    return list(dict.fromkeys(out))[:MAX_SUGGESTIONS]
