"""The part of a day's note that is the meeting.

A daily note (Obsidian, Logseq, a "today" file) holds a whole day: a task list, a standup,
errands, and the coffee with a mentor as one section ("## JB (coffee yesterday)", "### 12:00
Mittagessen mit [[Yusuf]]") or one log entry with its points nested under it ("- Call with
[[Lakshmi ma'am]] re MBA" over indented lines). Only that part holds the meeting's advice
and the user's steps from it; "Pay society maintenance" in the day's tasks is neither.
Pure functions: whose name a line says is asked of the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.note_meta import only_a_date
from mentordesk.relationships.extraction.labels import _heading, _label_kind

_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+•]|\d+[.)])\s+")


def is_day_note(text: str, file_stem: str) -> bool:
    """Whether a note is a day's note: its file name ("2025-10-09", "2025_05_20") or its
    first line or heading ("# Thu 9 Oct", "Saturday, 17 May 2025") is only a date."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    heading = _heading(first)
    return any(only_a_date(part) for part in (file_stem.replace("_", "-"), heading[1] if heading else first) if part)


def meeting_part(text: str, names_them: Callable[[str], bool]) -> str | None:
    """The lines of a day's note (``is_day_note``) that are the meeting with the person
    ``names_them`` recognises: the one heading that names them, down to the next heading of
    its level or above, with the advice and action sections that follow it straight after
    ("**To-dos**" under their section, a "## Next steps" after it); else, in a note with
    headings, the one top-level list item naming them that has lines nested under it. None
    when nothing would be left out, or when no part, or more than one, names them. (In an
    outline with no headings, a Logseq page, the lines after the meeting's entry are often
    its steps: "TODO book WSET Level 2".)"""
    lines = text.splitlines()
    headed = sum(_heading(line) is not None for line in lines) >= 2
    part = _heading_part(lines, names_them) or (_item_part(lines, names_them) if headed else None)
    if part is None:
        return None
    start, end = part
    kept = lines[start:end]
    left_out = [line for line in lines[:start] + lines[end:] if line.strip() and _heading(line) is None]
    if not left_out:
        return None
    return "\n".join(kept)


def _heading_part(lines: list[str], names_them: Callable[[str], bool]) -> tuple[int, int] | None:
    heads = [(i, found[0], found[1]) for i, line in enumerate(lines) if (found := _heading(line)) is not None]
    naming = [(i, level) for i, level, title in heads if names_them(title)]
    if len(naming) != 1:
        return None
    start, level = naming[0]
    if level == min(lv for _, lv, _ in heads) and start == heads[0][0]:
        return None  # the note's own title: the whole note is the meeting
    end = next((i for i, lv, _ in heads if i > start and lv <= level), len(lines))
    # Sections straight after it that hold advice or steps ("## Next steps") are the meeting's too.
    for i, lv, title in heads:
        if i < end or lv > level:
            continue
        if i != end or _label_kind(title) not in ("advice", "action"):
            break
        end = next((j for j, lv2, _ in heads if j > i and lv2 <= lv), len(lines))
    return start, end


def _item_part(lines: list[str], names_them: Callable[[str], bool]) -> tuple[int, int] | None:
    found: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        item = _LIST_ITEM.match(line)
        if item is None or item["indent"] or not names_them(line):
            continue
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > 0):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        if end > i + 1:
            found.append((i, end))
    return found[0] if len(found) == 1 else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
