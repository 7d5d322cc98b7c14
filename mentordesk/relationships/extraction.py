"""Pulling advice and action items out of a meeting note (pure functions).

People write notes the way the domain brief teaches: a heading such as "What she said" or
"Action items" with bullets under it, action items often as "- [ ]" checkboxes. The
extractor reads exactly that structure; it never guesses from prose. Prose is the chat
model's job, and only a capable one (see ``extract_with_model``).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Sequence

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A line that is only bold text, "**Action items:**", works as a heading in many notes.
_BOLD_HEADING = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?):?\s*\1\s*:?\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX])\]\s*(?P<text>.*)$")

_ADVICE = re.compile(
    r"^(?:(?:her|his|their|the|key)\s+)?(?:advice|takeaways?|lessons?(?: learned)?)\b"
    r"|^what (?:they|he|she|\w+) said\b",
    re.IGNORECASE,
)
_ACTION = re.compile(r"^(?:action items?|actions|next steps?|to[- ]?dos?)\b", re.IGNORECASE)
_PURPOSE = re.compile(r"^purpose\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedItem:
    kind: str  # advice | action
    text: str
    done: bool = False
    origin: str = "note"  # note | model


def _heading_kind(title: str) -> str | None:
    title = re.sub(r"^\d+[.)]\s*", "", title.strip().strip("*_").strip())
    if _ACTION.match(title):
        return "action"
    if _ADVICE.match(title):
        return "advice"
    return None


def _clean(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return " ".join(text.split())


def _headings(line: str) -> tuple[int, str] | None:
    """(level, title) when the line is a heading; bold-only lines count as level 7."""
    match = _HEADING.match(line)
    if match:
        return len(match.group(1)), match.group(2)
    match = _BOLD_HEADING.match(line)
    if match:
        return 7, match.group("text")
    return None


def extract_items(markdown: str) -> list[ExtractedItem]:
    """Bullets under advice and action headings, in note order.

    A section lasts until the next heading of the same or a higher level, so sub-headings
    ("### On salary") inside "## Advice" stay advice. Checkboxes set ``done``; an indented
    line under a bullet continues it.
    """
    items: list[ExtractedItem] = []
    section: str | None = None
    section_level = 0
    current: list[str] | None = None  # [kind, text, done] of the bullet being read
    in_fence = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            text = _clean(current[1])
            if text:
                items.append(ExtractedItem(current[0], text, current[2] == "x"))
        current = None

    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        heading = _headings(line)
        if heading:
            level, title = heading
            flush()
            kind = _heading_kind(title)
            if kind is not None:
                section, section_level = kind, level
            elif section is not None and level <= section_level:
                section = None
            continue
        if section is None:
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            text = bullet.group("text")
            box = _CHECKBOX.match(text)
            done = "x" if box and box.group("mark").lower() == "x" else ""
            current = [section, box.group("text") if box else text, done]
        elif line.strip() and current is not None and line[:1].isspace():
            current[1] += " " + line.strip()
        else:
            flush()
    flush()
    return items


def extract_purpose(markdown: str, limit: int = 600) -> str | None:
    """The paragraph under a "Purpose" heading, for the meeting's purpose."""
    lines: list[str] = []
    inside = False
    for line in markdown.splitlines():
        heading = _headings(line)
        if heading:
            if inside:
                break
            inside = bool(_PURPOSE.match(heading[1].strip()))
            continue
        if inside:
            if not line.strip() and lines:
                break
            lines.append(line.strip())
    text = _clean(" ".join(lines))
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# ----- matching old items to new ones, so outcomes survive an edit --------------------
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


# ----- free text, with a capable model ---------------------------------------------------
def parse_model_items(answer: str) -> list[ExtractedItem]:
    """Read the model's JSON list of {"kind", "text"}; anything else is an error."""
    start, end = answer.find("["), answer.rfind("]")
    if start < 0 or end < start:
        raise ValueError("the model did not answer with a JSON list")
    try:
        data = json.loads(answer[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"the model's list is not valid JSON: {exc.msg}") from None
    items = []
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict):
            continue
        kind, text = str(entry.get("kind", "")).lower(), _clean(str(entry.get("text", "")))
        if kind in ("advice", "action") and text:
            items.append(ExtractedItem(kind, text, origin="model"))
    return items


def extract_with_model(model, markdown: str) -> list[ExtractedItem]:
    """Advice and actions stated in prose, which bullets miss. Only for a capable model."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from mentordesk.prompts import load_prompt

    system, user = load_prompt("extract_advice").render(note=markdown[:12000])
    answer = model.invoke([SystemMessage(system), HumanMessage(user)])
    return parse_model_items(str(answer.content))


def merge_model_items(from_bullets: list[ExtractedItem], from_model: list[ExtractedItem]) -> list[ExtractedItem]:
    """Bullets win; the model adds only items the bullets do not already say."""
    known = [i.text for i in from_bullets]
    extra = []
    for item in from_model:
        if not match_items(known, [item.text], fuzzy=0.8):
            extra.append(item)
            known.append(item.text)
    return from_bullets + extra
