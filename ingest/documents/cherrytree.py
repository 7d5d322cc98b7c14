"""A CherryTree document saved as XML (.ctd): a tree of nodes, each a page of rich text
with code boxes and tables set into it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.documents._common import _boxed, _children, _dated, _loaders, _local, _one_line, _parse_xml, _tidy
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_BULLET = re.compile(r"^(?P<lead>\s*)[•◇▪→⇒◦‣]\s+")  # CherryTree's list bullets, whichever the user picked
_PLAIN_NODE = {"custom-colors", "plain-text", ""}  # rich or plain text; any other prog_lang is a code node


def load_ctd(data: bytes) -> LoadedFile:
    """A CherryTree document: each node's name as a heading by its depth ("#" for a top
    node), its tags as a "Tags:" line, its rich text as text (formatting dropped, "•" bullets
    as "- " items, ☐ / ☑ / ☒ to-do boxes as checkboxes), a code box or code node fenced, a
    table as a Markdown table, its child nodes under it. The first node's creation time
    (UTC seconds) is the created date, its last save the modified date."""
    ld = _loaders()
    root = _parse_xml(data, "CherryTree document")
    if _local(root.tag) != "cherrytree":
        raise ld.LoadError(f"is not a CherryTree document (its root element is <{_local(root.tag)}>, not <cherrytree>)")
    nodes = _children(root, "node")
    if not nodes:
        raise ld.LoadError("is a CherryTree document with no node in it")
    lines: list[str] = []
    for node in nodes:
        _node(node, 1, lines)
    first = nodes[0]
    meta = _dated(FrontMatter(title=_one_line(first.get("name") or "") or None),
                  _seconds(first.get("ts_creation")), _seconds(first.get("ts_lastsave")))
    return ld.LoadedFile("\n".join(_tidy(lines)).strip(), meta)


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _node(node, depth: int, lines: list[str]) -> None:
    name = _one_line(node.get("name") or "")
    lines += ["", f"{'#' * depth} {name}" if depth <= 6 else name] if name else []
    tags = [tag for tag in re.split(r"[,\s]+", node.get("tags") or "") if tag]
    lines += [f"Tags: {', '.join(tags)}"] if tags else []
    lines += ["", *_page(node)]
    for child in _children(node, "node"):
        _node(child, depth + 1, lines)


def _page(node) -> list[str]:
    """A node's text: its rich-text runs joined, each code box and table put back where
    its ``char_offset`` says (each embedded object takes one character of the page)."""
    text = "".join("".join(run.itertext()) for run in _children(node, "rich_text"))
    if (node.get("prog_lang") or "") not in _PLAIN_NODE:
        return ["```", *text.strip("\n").splitlines(), "```"] if text.strip() else []
    embedded = []
    for element in node:
        kind = _local(element.tag)
        if kind in ("codebox", "table"):
            offset = int(element.get("char_offset") or 0) if (element.get("char_offset") or "").isdigit() else len(text)
            embedded.append((offset, _codebox(element) if kind == "codebox" else _table(element)))
    embedded.sort(key=lambda pair: pair[0])
    pieces, start = [], 0
    for number, (offset, block) in enumerate(embedded):
        at = max(start, min(offset - number, len(text)))
        pieces += [text[start:at], f"\n\n{block}\n\n"]
        start = at
    pieces.append(text[start:])
    lines = []
    for line in "".join(pieces).splitlines():
        bullet = _BULLET.match(line)
        lines.append(_boxed(f"{bullet['lead']}- {line[bullet.end():]}" if bullet else line.rstrip()))
    return lines


def _codebox(element) -> str:
    return "\n".join(["```", "".join(element.itertext()).strip("\n"), "```"])


def _table(element) -> str:
    """CherryTree keeps a table's header row last."""
    rows = [[_one_line("".join(cell.itertext())).replace("|", "/") for cell in _children(row, "cell")]
            for row in _children(element, "row")]
    rows = rows[-1:] + rows[:-1]
    return _loaders()._markdown_table(rows)
