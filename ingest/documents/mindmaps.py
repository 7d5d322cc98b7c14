"""Mind maps: XMind's .xmind (XMind Zen's content.json or XMind 8's content.xml) and
FreeMind's / Freeplane's .mm, each read into a tree of ``_Topic`` and written out by
``_outline`` as one heading with nested bullets."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.documents._common import (
    _child,
    _child_text,
    _children,
    _dated,
    _grandchildren,
    _loaders,
    _local,
    _one_line,
    _Package,
    _parse_xml,
    _parseable,
)
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


@dataclass
class _Topic:
    title: str
    notes: str = ""
    done: bool | None = None  # a task marker: ticked, not ticked, or no task
    labels: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # "Name: value" attribute lines
    children: list[_Topic] = field(default_factory=list)


def _outline(root: _Topic, heading: str) -> list[str]:
    """A mind map's central topic as a heading, its notes under it, its branches as nested
    bullets (tasks as checkboxes) with each topic's notes indented under it."""
    lines = [f"{heading} {root.title}"] if root.title else []
    lines += root.details + [line.strip() for line in root.notes.splitlines() if line.strip()]

    def walk(topics: list[_Topic], depth: int) -> None:
        for topic in topics:
            text = topic.title + (f" ({', '.join(topic.labels)})" if topic.labels else "")
            if text:
                box = "" if topic.done is None else "[x] " if topic.done else "[ ] "
                lines.append(f"{'  ' * depth}- {box}{text}")
            inner = depth + 1 if text else depth
            lines.extend(f"{'  ' * inner}{line}" for line in topic.details)
            lines.extend(f"{'  ' * inner}{line.strip()}" for line in topic.notes.splitlines() if line.strip())
            walk(topic.children, inner)

    walk(root.children, 0)
    return lines


_XMIND = "XMind mind map"
# XMind's own names for a new sheet ("Sheet 1", "Map 1", "Canvas 1"), which say nothing.
_DEFAULT_SHEET = re.compile(r"^(?:sheet|map|canvas|mind ?map|画布|工作表|画板)\s*\d*$", re.IGNORECASE)


def load_xmind(data: bytes) -> LoadedFile:
    """An XMind mind map (XMind Zen's content.json or XMind 8's content.xml): each sheet's
    central topic as the heading, its topics as nested bullets, a topic's plain notes under
    it, a task marker as a checkbox (task-done ticked); a sheet's own name as a "Sheet:"
    line; XMind 8's creation time as the created date."""
    ld = _loaders()
    package = _Package(data, _XMIND)
    meta = FrontMatter()
    try:
        if package.has("content.json"):
            sheets = _xmind_json(package.read("content.json"), meta)
        elif package.has("content.xml"):
            sheets = _xmind_xml(package, meta)
        else:
            raise ld.LoadError("is not an XMind mind map (it has neither content.json nor content.xml)")
    except RecursionError:
        raise ld.LoadError("is a mind map nested too deeply to read") from None
    sheets = [(name, root) for name, root in sheets if root.title or root.children]
    if not sheets:
        raise ld.LoadError("is an XMind mind map with no topics in it")
    parts = []
    for name, root in sheets:
        lines = _outline(root, "#" if len(sheets) == 1 else "##")
        if name and not _DEFAULT_SHEET.match(name) and name != root.title:
            lines.insert(1 if root.title else 0, f"Sheet: {name}")
        parts.append("\n".join(lines))
    meta.title = sheets[0][1].title or sheets[0][0] or None
    return ld.LoadedFile("\n\n".join(parts), meta)


def _xmind_json(raw: bytes, meta: FrontMatter) -> list[tuple[str, _Topic]]:
    ld = _loaders()
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ld.LoadError(f"is not a readable {_XMIND} (its content.json is not JSON: {exc.__class__.__name__})") from exc
    if isinstance(document, dict):
        document = [document]
    sheets = [sheet for sheet in document if isinstance(sheet, dict) and isinstance(sheet.get("rootTopic"), dict)] \
        if isinstance(document, list) else []
    if not sheets:
        raise ld.LoadError(f"is not a readable {_XMIND} (its content.json holds no sheet with a central topic)")
    stamps = [s["timestamp"] for s in sheets if isinstance(s.get("timestamp"), int) and not isinstance(s["timestamp"], bool)]
    _dated(meta, None, max(stamps) if stamps else None)  # when a sheet was last changed
    return [(_one_line(str(sheet.get("title") or "")), _json_topic(sheet["rootTopic"])) for sheet in sheets]


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _json_topic(node: dict) -> _Topic:
    notes = _mapping(node.get("notes"))
    plain = _mapping(notes.get("plain")).get("content")
    html = _mapping(notes.get("realHTML")).get("content")
    if not plain and html:
        plain = _html_text(str(html))
    markers = [str(m.get("markerId") or "") for m in _list(node.get("markers")) if isinstance(m, dict)]
    labels = [_one_line(str(label)) for label in _list(node.get("labels")) if str(label).strip()]
    topic = _Topic(_one_line(str(node.get("title") or "")), str(plain or ""), _task_done(markers), labels)
    children = _mapping(node.get("children"))
    for kind in ("attached", "callout", "detached", "summary"):
        for child in _list(children.get(kind)):
            if isinstance(child, dict):
                topic.children.append(_json_topic(child))
    return topic


def _task_done(markers: list[str]) -> bool | None:
    """XMind's task markers: task-done is ticked; task-start, task-half … are not yet."""
    tasks = [m for m in markers if m.startswith("task-")]
    return None if not tasks else "task-done" in tasks


def _xmind_xml(package: _Package, meta: FrontMatter) -> list[tuple[str, _Topic]]:
    ld = _loaders()
    root = package.xml("content.xml")
    if _local(root.tag) != "xmap-content":
        raise ld.LoadError(f"is not a readable {_XMIND} (its content.xml is not an XMind map)")
    sheets = []
    for sheet in _children(root, "sheet"):
        topic = _child(sheet, "topic")
        if topic is not None:
            sheets.append((_one_line(_child_text(sheet, "title")), _xml_topic(topic)))
    created = None
    if package.has("meta.xml"):
        stamp = next((node.text for node in package.xml("meta.xml").iter()
                      if _local(node.tag) == "Time" and _local(node.getparent().tag) == "Create"), None)
        created = (stamp or "").strip()[:10] or None  # "2017-08-18 20:15:45", the writer's own clock
    _dated(meta, created, _count_or_none(root.get("timestamp")))
    return sheets


def _count_or_none(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _xml_topic(node) -> _Topic:
    notes = _child(node, "notes")
    plain = _child_text(notes, "plain") if notes is not None else ""
    markers = [ref.get("marker-id") or "" for ref in _grandchildren(node, "marker-refs", "marker-ref")]
    labels = [_one_line(label.text or "") for label in _grandchildren(node, "labels", "label")]
    topic = _Topic(_one_line(_child_text(node, "title")), plain, _task_done(markers), [x for x in labels if x])
    children = _child(node, "children")
    for group in _children(children, "topics") if children is not None else []:
        topic.children += [_xml_topic(child) for child in _children(group, "topic")]
    return topic


_MM = "FreeMind or Freeplane mind map"
_DONE_ICONS = {"button_ok", "checked"}  # FreeMind's tick, Freeplane's ticked box


def load_mm(data: bytes) -> LoadedFile:
    """A FreeMind / Freeplane mind map: the central node as the heading and title, its
    nodes as nested bullets (a node with the "button_ok" tick icon a ticked task, Freeplane's
    unticked box an open one), each node's notes and attributes under it; the central node's
    CREATED and MODIFIED times (milliseconds since 1970) as the document's dates."""
    ld = _loaders()
    root = _parse_xml(data, _MM)
    top = _child(root, "node") if _local(root.tag) == "map" else None
    if top is None:
        raise ld.LoadError(f"is not a {_MM} (no <map> with a <node> in it)")
    try:
        tree = _mm_topic(top)
    except RecursionError:
        raise ld.LoadError("is a mind map nested too deeply to read") from None
    meta = _dated(FrontMatter(title=tree.title or None), _count_or_none(top.get("CREATED")),
                  _count_or_none(top.get("MODIFIED")))
    return ld.LoadedFile("\n".join(_outline(tree, "#")), meta)


def _mm_topic(node) -> _Topic:
    text = node.get("TEXT") or ""
    if text.lstrip().lower().startswith("<html"):  # old FreeMind kept rich text in the attribute
        text = _html_text(text)
    rich = {(part.get("TYPE") or "").upper(): part for part in _children(node, "richcontent")}
    if not text.strip() and "NODE" in rich:
        text = _rich_text(rich["NODE"])
    notes = [_rich_text(rich[kind]) for kind in ("DETAILS", "NOTE") if kind in rich]
    notes += ["".join(hook.itertext()) for hook in _children(node, "hook")
              if (hook.get("NAME") or "").endswith("NodeNote.properties")]  # FreeMind 0.8's notes
    icons = {icon.get("BUILTIN") for icon in _children(node, "icon")}
    done = True if icons & _DONE_ICONS else False if "unchecked" in icons else None
    details = [f"{_one_line(a.get('NAME') or '')}: {_one_line(a.get('VALUE') or '')}"
               for a in _children(node, "attribute") if (a.get("NAME") or "").strip() and (a.get("VALUE") or "").strip()]
    topic = _Topic(_one_line(text), "\n".join(n for n in notes if n.strip()), done, details=details)
    topic.children = [_mm_topic(child) for child in _children(node, "node")]
    return topic


def _rich_text(part) -> str:
    from lxml import etree

    html = next((child for child in part if _local(child.tag) == "html"), None)
    if html is None:
        return "".join(part.itertext()).strip()
    return _html_text(etree.tostring(html, encoding="unicode"))


def _html_text(html: str) -> str:
    text = _loaders()._load_html(_parseable(html).encode("utf-8")).text
    return "\n".join(line for line in text.splitlines() if line.strip())
