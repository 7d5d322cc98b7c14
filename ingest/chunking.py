"""Heading-aware chunking.

Text is split into sections at markdown headings; each chunk carries its heading path
("Outreach > Cold messages") as its first line, so a passage is never cut off from the
heading that says what it is about. Sections longer than ``max_chars`` are split at
paragraph, then sentence boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Raise when chunking changes: `reindex` then re-cuts every document from its stored text.
CHUNKER_VERSION = "2"
DEFAULT_MAX_CHARS = 900
DEFAULT_MIN_CHARS = 120


@dataclass(frozen=True)
class TextChunk:
    position: int
    heading: str | None
    text: str


def _sections(text: str) -> list[tuple[str | None, str]]:
    """Split into (heading path, body) pairs, tracking nested headings."""
    path: list[tuple[int, str]] = []
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            level, title = len(match.group(1)), match.group(2).strip()
            path = [(lvl, t) for lvl, t in path if lvl < level] + [(level, title)]
            sections.append((" > ".join(t for _, t in path), []))
        else:
            sections[-1][1].append(line)
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections if heading or "\n".join(lines).strip()]


def _split_long(paragraph: str, max_chars: int) -> list[str]:
    """A paragraph cut into pieces of at most ``max_chars``: at line ends first (a chat's
    messages, a transcript's turns and a list keep one line each), then at sentence ends."""
    if len(paragraph) <= max_chars:
        return [paragraph]
    lines = [line for line in paragraph.splitlines() if line.strip()]
    if len(lines) > 1:
        packed: list[str] = []
        current = ""
        for line in lines:
            for part in _split_long(line, max_chars):
                if current and len(current) + 1 + len(part) > max_chars:
                    packed.append(current)
                    current = part
                else:
                    current = f"{current}\n{part}" if current else part
        return packed + ([current] if current else [])
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(paragraph):
        while len(sentence) > max_chars:  # one enormous "sentence": cut at a space
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > max_chars:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def chunk_text(
    text: str,
    *,
    title: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    min_chars: int = DEFAULT_MIN_CHARS,
) -> list[TextChunk]:
    """Chunk ``text``; ``title`` heads chunks that come before any heading."""
    bodies: list[tuple[str | None, str]] = []
    for heading, body in _sections(text):
        heading = heading or title
        if not body:
            continue
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        current = ""
        budget = max_chars - (len(heading) + 1 if heading else 0)
        budget = max(budget, max_chars // 2)
        for paragraph in paragraphs:
            for piece in _split_long(paragraph, budget):
                if current and len(current) + 2 + len(piece) > budget:
                    bodies.append((heading, current))
                    current = piece
                else:
                    current = f"{current}\n\n{piece}" if current else piece
        if current:
            bodies.append((heading, current))

    # Fold a very short trailing piece into its predecessor from the same section.
    merged: list[tuple[str | None, str]] = []
    for heading, body in bodies:
        if merged and merged[-1][0] == heading and len(body) < min_chars and len(merged[-1][1]) + len(body) < max_chars:
            merged[-1] = (heading, merged[-1][1] + "\n\n" + body)
        else:
            merged.append((heading, body))

    return [
        TextChunk(position=i, heading=heading, text=f"{heading}\n{body}" if heading else body)
        for i, (heading, body) in enumerate(merged)
    ]
