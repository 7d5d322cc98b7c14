"""Heading-aware chunking and the hashes that make ingestion incremental."""

from __future__ import annotations

import re

from conftest import ROOT

from ingest.chunking import chunk_text
from ingest.frontmatter import split_front_matter
from ingest.hashing import chunk_id, content_hash

NESTED = """Intro paragraph before any heading, long enough to stand on its own as a passage.

# Outreach
Top-level text about outreach.

## Cold messages
Keep a cold message under one hundred and fifty words.

```
# a comment in a code block, not a heading
```

### Subject lines
Name the talk you saw.

## Warm messages
Ask the introducer first.
"""


def test_every_chunk_starts_with_its_heading_path():
    chunks = chunk_text(NESTED, title="Outreach guide")
    assert [c.heading for c in chunks] == [
        "Outreach guide",
        "Outreach",
        "Outreach > Cold messages",
        "Outreach > Cold messages > Subject lines",
        "Outreach > Warm messages",
    ]
    for chunk in chunks:
        assert chunk.text.startswith(chunk.heading + "\n")
    assert [c.position for c in chunks] == list(range(len(chunks)))


def test_a_heading_inside_a_code_fence_is_text():
    chunks = chunk_text(NESTED)
    cold = next(c for c in chunks if c.heading == "Outreach > Cold messages")
    assert "# a comment in a code block, not a heading" in cold.text
    assert not any("a comment in a code block" in (c.heading or "") for c in chunks)


def test_text_before_any_heading_has_no_heading_without_a_title():
    chunks = chunk_text("Just a paragraph with no heading at all, and nothing else in the file.")
    assert len(chunks) == 1
    assert chunks[0].heading is None
    assert chunks[0].text == "Just a paragraph with no heading at all, and nothing else in the file."


def _bodies(chunks):
    return [c.text.split("\n", 1)[1] if c.heading else c.text for c in chunks]


def test_long_sections_are_split_at_sentences_within_the_limit_and_lose_nothing():
    sentences = [f"Sentence number {i} is about mentoring and outreach." for i in range(60)]
    chunks = chunk_text("# Big section\n\n" + " ".join(sentences), max_chars=300)
    assert len(chunks) > 5
    assert all(len(c.text) <= 300 for c in chunks)
    assert all(c.heading == "Big section" for c in chunks)
    # No sentence is cut in half, and all of them survive in order.
    rejoined = " ".join(_bodies(chunks))
    assert re.findall(r"Sentence number \d+ is about mentoring and outreach\.", rejoined) == sentences


def test_paragraphs_are_kept_whole_when_they_fit():
    paragraphs = [f"Paragraph {i}: " + "advice " * 20 for i in range(6)]
    chunks = chunk_text("# Tips\n\n" + "\n\n".join(paragraphs), max_chars=400)
    for body in _bodies(chunks):
        for piece in body.split("\n\n"):
            assert piece.strip() in [p.strip() for p in paragraphs]


def test_one_enormous_word_run_is_still_cut_under_the_limit():
    chunks = chunk_text("# H\n\n" + "x" * 2000, max_chars=300)
    assert all(len(c.text) <= 300 for c in chunks)
    assert "".join(_bodies(chunks)) == "x" * 2000


def test_a_short_tail_is_folded_into_the_previous_chunk_of_its_section():
    # 311 + 10 characters do not fit the section's budget (326 minus the heading line),
    # so the tail would be a chunk of its own; it is folded in because it is tiny.
    text = "# Section\n\n" + ("This paragraph is long. " * 13).strip() + "\n\nTiny tail."
    assert len(chunk_text(text, max_chars=326, min_chars=0)) == 2
    chunks = chunk_text(text, max_chars=326, min_chars=120)
    assert len(chunks) == 1
    assert chunks[0].text.endswith("This paragraph is long.\n\nTiny tail.")


def test_a_short_section_is_not_merged_into_another_section():
    chunks = chunk_text("# A\n\nFirst section text.\n\n# B\n\nOk.")
    assert [c.text for c in chunks] == ["A\nFirst section text.", "B\nOk."]


def test_headings_with_no_text_make_no_chunks():
    assert chunk_text("") == []
    assert chunk_text("# Only a heading\n\n## And another\n") == []


def test_chunking_is_deterministic_on_the_built_in_guidance():
    meta, body = split_front_matter((ROOT / "knowledge" / "outreach.md").read_text(encoding="utf-8"))
    first = chunk_text(body, title=meta.title)
    assert first == chunk_text(body, title=meta.title)
    assert len(first) >= 4
    assert all(len(c.text) <= 900 for c in first)
    assert any(c.heading == "Reaching out to potential mentors > Example structure for a cold message" for c in first)


# ----- hashing ------------------------------------------------------------------------------


def test_content_hash_is_the_same_for_str_and_its_utf8_bytes_and_differs_on_any_change():
    assert content_hash("café") == content_hash("café".encode())
    assert content_hash("café") != content_hash("cafe")
    assert len(content_hash(b"")) == 64


def test_chunk_id_is_stable_and_depends_on_source_position_and_text():
    base = chunk_id("/notes/a.md", 0, "text")
    assert base == chunk_id("/notes/a.md", 0, "text")
    assert len(base) == 32
    others = {
        chunk_id("/notes/b.md", 0, "text"), chunk_id("/notes/a.md", 1, "text"), chunk_id("/notes/a.md", 0, "text!")
    }
    assert base not in others and len(others) == 3
    # The separator keeps (source, position) boundaries unambiguous.
    assert chunk_id("a1", 2, "x") != chunk_id("a", 12, "x")
