"""A TiddlyWiki tiddler saved as a file (.tid): its field lines, then its WikiText body,
read a line at a time by ``_wikitext``."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ingest.documents._common import _dated, _loaders, _one_line, _tidy
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_FIELD = re.compile(r"^(?P<name>[a-z0-9_.$-]{1,60}):\s?(?P<value>.*)$", re.IGNORECASE)
# Fields TiddlyWiki keeps for itself: how the tiddler is stored and shown, not what it says.
_SYSTEM_FIELDS = {"title", "created", "modified", "tags", "type", "creator", "modifier", "revision", "bag", "list",
                  "list-before", "list-after", "color", "icon", "caption", "draft.of", "draft.title", "plugin-type",
                  "plugin-priority", "_canonical_uri", "code-body", "module-type", "library", "throttle.refresh"}
_MARKDOWN_TYPES = {"text/x-markdown", "text/markdown", "text/plain"}
_LIST = re.compile(r"^(?P<marks>[*#;:>]+)\s*(?P<text>.*)$")
_CHECK = re.compile(r"^\[(?P<box>[ xX])\]\s+")


def load_tid(data: bytes) -> LoadedFile:
    """A tiddler: its title as the heading, its tags and own fields as property lines
    ("Tags: Mentoring, Ana Souza"), its WikiText as Markdown ("!" headings one level under
    the title, "*" and "#" lists, "[x]" / "[ ]" boxes as tasks, bold, italics and links
    reduced to their words); its created time (UTC) as the user's day."""
    ld = _loaders()
    lines = ld.decode_text(data).replace("\r\n", "\n").split("\n")
    fields: dict[str, str] = {}
    at = 0
    while at < len(lines) and lines[at].strip():
        field = _FIELD.match(lines[at])
        if field is None:
            break  # a body with no blank line before it
        fields[field["name"].lower()] = field["value"].strip()
        at += 1
    if not fields:
        raise ld.LoadError('is not a TiddlyWiki tiddler (a .tid file starts with field lines such as "title: …")')
    body = lines[at:]
    title = _one_line(fields.get("title", "")) or None
    out = [f"# {title}"] if title else []
    tags = _tags(fields.get("tags", ""))
    out += [f"Tags: {', '.join(tags)}"] if tags else []
    out += [f"{name[:1].upper()}{name[1:]}: {value}" for name, value in fields.items()
            if name not in _SYSTEM_FIELDS and value]
    if fields.get("type", "").lower() in _MARKDOWN_TYPES:
        out += [""] + [line.rstrip() for line in body]
    else:
        out += [""] + _wikitext(body, shift=1 if title else 0)
    meta = _dated(FrontMatter(title=title, tags=tags), _tid_day(fields.get("created", "")),
                  _tid_day(fields.get("modified", "")))
    return ld.LoadedFile("\n".join(_tidy(out)).strip(), meta)


def _tid_day(value: str) -> dt.date | None:
    """TiddlyWiki's "20250311183000000" (UTC, to the millisecond) on the user's own day."""
    digits = value.strip()
    if not re.fullmatch(r"\d{8,17}", digits):
        return None
    try:
        moment = dt.datetime.strptime(digits[:14].ljust(14, "0"), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC).astimezone().date()


def _tags(value: str) -> list[str]:
    """TiddlyWiki's tag list: words, and "[[tags with spaces]]"."""
    return [a or b for a, b in re.findall(r"\[\[([^\]]+)\]\]|(\S+)", value)]


def _wikitext(lines: list[str], shift: int) -> list[str]:
    """WikiText lines as Markdown lines; a code block's lines are kept as typed, fenced."""
    out: list[str] = []
    fenced = False
    numbers: dict[int, int] = {}
    table: list[list[str]] = []
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("```"):
            fenced = not fenced
            out.append("```")
            continue
        if fenced:
            out.append(line)
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            if not line.endswith(("|c", "|k", "|h", "|f")):
                table.append([_inline(cell.strip().lstrip("!").strip()) for cell in line[1:-1].split("|")])
            continue
        if table:
            out += ["", _loaders()._markdown_table(table), ""]
            table = []
        if not line.strip():
            numbers = {}
            out.append("")
            continue
        if line.strip() in ('"""', "---", "<<<") or re.fullmatch(r"\\(?:define|end|import|rules|whitespace).*", line):
            continue
        heading = re.match(r"^(?P<marks>!{1,6})\s*(?P<text>\S.*)$", line)
        if heading:
            out.append(f"{'#' * min(len(heading['marks']) + shift, 6)} {_inline(heading['text'])}")
            continue
        listed = _LIST.match(line)
        if listed and (listed["marks"][0] != ">" or listed["text"]):
            out.append(_list_line(listed["marks"], _inline(listed["text"]), numbers))
            continue
        check = _CHECK.match(line)
        if check:
            out.append(f"- [{'x' if check['box'] in 'xX' else ' '}] {_inline(line[check.end():])}")
            continue
        text = _inline(line)
        if text or not line.strip():
            out.append(text)
    if table:
        out += ["", _loaders()._markdown_table(table)]
    if fenced:
        out.append("```")
    return out


def _list_line(marks: str, text: str, numbers: dict[int, int]) -> str:
    """A "*", "#", ";" / ":" or ">" line: the last mark says what it is, their count how deep."""
    depth, kind = len(marks) - 1, marks[-1]
    indent = "  " * depth
    if kind == ">":
        return f"{'> ' * len(marks)}{text}"
    if kind in ";:":
        return f"{indent}{text}" if kind == ";" else f"{indent}  {text}"
    for deeper in [d for d in numbers if d > depth]:
        del numbers[deeper]
    if kind == "#":
        numbers[depth] = numbers.get(depth, 0) + 1
        return f"{indent}{numbers[depth]}. {text}"
    check = _CHECK.match(text)
    if check:
        return f"{indent}- [{'x' if check['box'] in 'xX' else ' '}] {text[check.end():]}"
    return f"{indent}- {text}"


def _inline(text: str) -> str:
    """WikiText's inline marks reduced to the words they mark; macros, widgets, images and
    comments dropped. (Spans are bounded: a long line of stray marks must stay linear.)"""
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"<<[^<>]{0,300}>>", "", text)
    text = re.sub(r"\{\{\{?[^{}]{0,300}\}\}\}?", "", text)
    text = re.sub(r"\[img[^\[\]]{0,100}\[[^\[\]]{0,300}\]\]", "", text)
    text = re.sub(r"\[ext\[([^|\[\]]{1,300})\|[^\[\]]{1,500}\]\]", r"\1", text)
    text = re.sub(r"\[ext\[([^\[\]]{1,500})\]\]", r"\1", text)
    text = re.sub(r"\[\[([^|\[\]]{1,300})\|[^\[\]]{1,500}\]\]", r"\1", text)
    text = re.sub(r"\[\[([^\[\]]{1,500})\]\]", r"\1", text)
    text = re.sub(r"</?\$?[a-zA-Z][\w.-]*(?:\s[^<>]{0,500})?/?>", "", text)  # HTML and widgets (<$checkbox …/>)
    for mark in ("''", "__", "\\^\\^", ",,"):
        text = re.sub(rf"{mark}([^\n]{{1,300}}?){mark}", r"\1", text)
    text = re.sub(r"(?<![:\w/])//(?=\S)([^\n]{1,300}?)(?<=\S)//", r"\1", text)  # not a URL's "//"
    text = re.sub(r"(?<![\w~])~(?=[A-Z]\w*[A-Z])", "", text)  # "~WikiWord", a word kept from becoming a link
    return text.strip()
