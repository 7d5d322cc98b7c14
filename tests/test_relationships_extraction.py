"""Advice and action items from meeting notes (pure functions), and matching old items to
new ones so outcomes survive an edit."""

from __future__ import annotations

import pytest
from conftest import NOTES_DIR

from mentordesk.relationships.extraction import (
    ExtractedItem,
    extract_items,
    extract_purpose,
    match_items,
    merge_model_items,
    parse_model_items,
)

NOTE = """\
## Purpose
Talk through the offer
and the counter.

## Stories
- A story bullet is not advice.

## What she said
- Negotiate on **total compensation**, not base alone.
- Let them name the number first.
  If pushed, give a range.
### On counteroffers
- A counteroffer rarely fixes the reason you started looking.

## Action items
- [ ] Write down my walk-away number
- [x] Thank Priya
1. Email Elif Demir

She also mentioned her sabbatical.
- a bullet after prose still belongs to the section

## Misc
- not extracted
"""


def test_bullets_under_advice_and_action_headings():
    items = extract_items(NOTE)
    assert [(i.kind, i.text, i.done) for i in items] == [
        ("advice", "Negotiate on total compensation, not base alone.", False),
        ("advice", "Let them name the number first. If pushed, give a range.", False),
        ("advice", "A counteroffer rarely fixes the reason you started looking.", False),
        ("action", "Write down my walk-away number", False),
        ("action", "Thank Priya", True),
        ("action", "Email Elif Demir", False),
        ("action", "a bullet after prose still belongs to the section", False),
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [("## Advice", "advice"), ("# What they said", "advice"), ("### What he said:", "advice"),
     ("## Key takeaways", "advice"), ("## What Priya said", "advice"), ("## Her advice", "advice"),
     ("## Next steps", "action"), ("## To do", "action"), ("## To-Do", "action"), ("## TODO", "action"),
     ("## Action items", "action"), ("**Action items:**", "action"), ("## Introductions offered", None),
     ("## Stories", None), ("## Purpose", None)],
)
def test_heading_variants(heading, kind):
    items = extract_items(f"{heading}\n- the item\n")
    assert [i.kind for i in items] == ([kind] if kind else [])


def test_code_fences_and_checkbox_variants():
    text = "## To do\n```\n- not a bullet\n```\n* [X] capital x done\n+ [ ] plain\n- []not a checkbox\n"
    items = extract_items(text)
    assert [(i.text, i.done) for i in items] == [("capital x done", True), ("plain", False),
                                                 ("[]not a checkbox", False)]


def test_every_sample_note_yields_advice_and_actions():
    for path in sorted(NOTES_DIR.glob("*.md")):
        items = extract_items(path.read_text(encoding="utf-8"))
        assert any(i.kind == "advice" for i in items), path.name
        assert any(i.kind == "action" for i in items), path.name
    sample = extract_items((NOTES_DIR / "2025-03-07-priya-raman.md").read_text(encoding="utf-8"))
    assert ("action", "Thank Priya and promise to report back after the call", True) in [
        (i.kind, i.text, i.done) for i in sample]


def test_purpose_is_the_paragraph_under_the_purpose_heading():
    assert extract_purpose(NOTE) == "Talk through the offer and the counter."
    assert extract_purpose("## Advice\n- x\n") is None
    assert extract_purpose("## Purpose\n" + "word " * 300).endswith("…")


def test_match_items_exact_then_near_identical():
    old = ["Start the Friday energy log", "Ask my manager about a hiring loop", "Book the next session"]
    new = ["Book the next session.", "Start the friday energy-log", "Ask my manager about owning a hiring loop",
           "Ask HR for next year's hiring budget"]
    matches = match_items(old, new)
    assert matches[0] == 2 and matches[1] == 0  # punctuation and case do not matter
    assert matches[2] == 1  # a small edit keeps the item (and its outcome)
    assert 3 not in matches  # different wording is a new item
    assert match_items(["Ask my manger about a hiring loop"], ["Ask my manager about a hiring loop"]) == {0: 0}
    assert match_items(["same", "same"], ["same"]) == {0: 0}


def test_model_items_are_parsed_strictly_and_merged_without_duplicates():
    answer = 'Here you go:\n[{"kind": "advice", "text": "Keep a brag document"}, {"kind": "opinion", "text": "x"},' \
             ' {"kind": "action", "text": "Email Elif Demir"}]'
    items = parse_model_items(answer)
    assert [(i.kind, i.text, i.origin) for i in items] == [("advice", "Keep a brag document", "model"),
                                                         ("action", "Email Elif Demir", "model")]
    merged = merge_model_items([ExtractedItem("action", "Email Elif Demir.")], items)
    assert [i.text for i in merged] == ["Email Elif Demir.", "Keep a brag document"]
    with pytest.raises(ValueError, match="JSON list"):
        parse_model_items("I could not find any advice.")
