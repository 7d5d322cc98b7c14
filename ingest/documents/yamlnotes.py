"""A note or a mentoring log kept as YAML (.yaml, .yml), loaded safely (plain data only,
dates left as written) and written out by ``_NoteWriter`` as a note: property lines, then
sections of bullets, tasks and paragraphs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from ingest.documents._common import _dated, _loaders, _one_line, _tidy
from ingest.frontmatter import FrontMatter, _StringDatesLoader

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_TITLE_KEYS = ("title", "subject", "topic", "meeting", "session", "name")
_DATE_KEYS = ("date", "when", "day", "meeting_date", "meeting date", "session_date", "created", "created_at")
_TEXT_KEYS = ("task", "action", "todo", "title", "text", "item", "name", "what", "description", "advice", "note",
              "summary", "content")
_FLAG_KEYS = ("done", "completed", "complete", "checked", "finished", "status", "state")
_DONE = {"done", "completed", "complete", "closed", "finished", "resolved", "yes", "true", "x", "ticked", "sent"}
_OPEN = {"todo", "to do", "open", "pending", "not started", "notstarted", "in progress", "inprogress", "waiting",
         "no", "false", "planned", "next", "doing", "blocked", "new"}
# Aliases can repeat a value without end ("billion laughs"): no more values are written than
# this many, or than the file has characters.
_MAX_VALUES = 20_000
_MAX_DEPTH = 24


def load_yaml(data: bytes) -> LoadedFile:
    """A YAML note or log: a title key as the heading, the top level's other plain values
    as "Key: value" property lines, each list or nested value under a "## Key" heading as
    bullets (an item with a done / status flag as a "- [x]" / "- [ ]" task, another item's
    fields as "Key: value; Key: value"), block text as paragraphs; a list of entries (or
    several YAML documents) as one section per entry, headed by its date and title. Any
    other YAML (a CI config) is written out the same way. A syntax error is a LoadError
    naming its line; tags that would build objects are refused."""
    ld = _loaders()
    try:
        documents = [doc for doc in yaml.load_all(ld.decode_text(data), Loader=_StringDatesLoader) if doc is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ld.LoadError(f"is not valid YAML{where}: {_one_line(str(getattr(exc, 'problem', None) or exc))}") from exc
    except RecursionError as exc:
        raise ld.LoadError("is YAML nested too deeply to read") from exc
    if not documents:
        raise ld.LoadError("is YAML with nothing in it (only comments or empty documents)")
    document = documents[0] if len(documents) == 1 else documents
    writer = _NoteWriter(max(_MAX_VALUES, len(data)))
    lines = writer.document(document)
    meta = FrontMatter(title=writer.title)
    if isinstance(document, dict):
        created = next((document[k] for k in ("created", "created_at", "createdAt") if _plain(document.get(k, []))), None)
        modified = next((document[k] for k in ("modified", "updated", "updated_at") if _plain(document.get(k, []))), None)
        _dated(meta, created, modified)
    return ld.LoadedFile("\n".join(_tidy(lines)).strip(), meta)


def _plain(value) -> bool:
    """A value that fits on a property line: not a list, a mapping or block text."""
    return not isinstance(value, (dict, list)) and not (isinstance(value, str) and "\n" in value.strip())


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, bytes):
        return "(binary data)"
    return "" if value is None else _one_line(str(value))


def _label(key) -> str:
    """A key as written, its first letter capitalised and its underscores as spaces."""
    text = " ".join(str(key).replace("_", " ").split())
    return text[:1].upper() + text[1:]


def _first(mapping: dict, keys: tuple[str, ...]):
    """The first of ``keys`` (any case) holding a plain, non-empty value: (key, value)."""
    lowered = {str(k).lower(): k for k in mapping}
    for key in keys:
        original = lowered.get(key)
        if original is not None and _plain(mapping[original]) and _scalar(mapping[original]):
            return original, mapping[original]
    return None, None


def _flag(mapping: dict) -> tuple[object, bool | None]:
    """An item's done / status flag: (its key, ticked or not), or (None, None)."""
    lowered = {str(k).lower(): k for k in mapping}
    for key in _FLAG_KEYS:
        original = lowered.get(key)
        if original is None:
            continue
        value = mapping[original]
        word = _scalar(value).lower()
        if isinstance(value, bool) or word in _DONE or word in _OPEN:
            return original, value if isinstance(value, bool) else word in _DONE
    return None, None


class _NoteWriter:
    """Values written out as note lines; ``values`` counts what was written, so a YAML
    file whose aliases repeat a value without end is refused, not expanded."""

    def __init__(self, most: int) -> None:
        self.values, self.most = 0, most
        self.title: str | None = None

    def _count(self, depth: int, values: int = 1) -> None:
        self.values += values
        if self.values > self.most or depth > _MAX_DEPTH:
            raise _loaders().LoadError(f"is YAML too large or too deeply nested to read as a note (over {self.most} "
                                       f"values once its aliases are repeated, or over {_MAX_DEPTH} levels deep)")

    def document(self, document) -> list[str]:
        if isinstance(document, list) and len(document) == 1 and isinstance(document[0], dict):
            document = document[0]
        if isinstance(document, dict):
            return self.mapping(document, 1, top=True)
        if isinstance(document, list) and document and all(isinstance(entry, dict) for entry in document):
            return self.entries(document, 2)
        if isinstance(document, list):
            return self.bullets(document, 0, 1)
        return str(document).strip().splitlines() if isinstance(document, str) else [_scalar(document)]

    def mapping(self, mapping: dict, level: int, top: bool = False, skip: tuple = ()) -> list[str]:
        """Plain values as property lines, then each other value as a section one level
        under ``level``."""
        self._count(level, len(mapping) + 1)
        lines: list[str] = []
        if top:
            key, title = _first(mapping, _TITLE_KEYS)
            if key is not None:
                self.title = _scalar(title)
                lines.append(f"# {self.title}")
                skip = (*skip, key)
        sections = []
        for key, value in mapping.items():
            if key in skip:
                continue
            if _plain(value):
                if _scalar(value):
                    lines.append(f"{_label(key)}: {_scalar(value)}")
            elif value:  # an empty list or mapping says nothing
                sections.append((key, value))
        for key, value in sections:
            if level >= 6:
                lines += ["", f"{_label(key)}:", *self.body(value, level)]
            else:
                lines += ["", f"{'#' * (level + 1)} {_label(key)}", *self.body(value, level + 1)]
        return lines

    def body(self, value, level: int) -> list[str]:
        """What a section holds: block text as a paragraph, a list of entries as one
        section each, other lists and mappings as bullets."""
        self._count(level)
        if isinstance(value, str):
            return ["", *(line.rstrip() for line in value.strip().splitlines())]
        if isinstance(value, list) and value and level < 6 and all(self._rich(entry) for entry in value):
            return self.entries(value, level + 1)
        if isinstance(value, dict) and self._rich(value) and level < 6:
            return self.mapping(value, level)
        if isinstance(value, dict):
            self._count(level, len(value))
            return [f"- {_label(key)}: {_scalar(inner)}" for key, inner in value.items() if _scalar(inner)]
        return self.bullets(value if isinstance(value, list) else [value], 0, level)

    @staticmethod
    def _rich(value) -> bool:
        """A mapping that reads as an entry of its own: it holds a list, a mapping or text."""
        return isinstance(value, dict) and any(not _plain(inner) for inner in value.values())

    def entries(self, entries: list, level: int) -> list[str]:
        """Each entry under a heading of its date and title (else its number)."""
        lines: list[str] = []
        for number, entry in enumerate(entries, 1):
            date_key, date = _first(entry, _DATE_KEYS)
            title_key, title = _first(entry, _TITLE_KEYS)
            head = " – ".join(_scalar(part) for part in (date, title) if part is not None) or f"Entry {number}"
            lines += ["", f"{'#' * level} {head}", ""]
            lines += self.mapping(entry, level, skip=tuple(k for k in (date_key, title_key) if k is not None))
        return lines

    def bullets(self, items: list, depth: int, level: int) -> list[str]:
        lines: list[str] = []
        indent = "  " * depth
        for item in items:
            self._count(level + depth)
            if isinstance(item, dict):
                self._count(level + depth, len(item))
                lines += self.item(item, depth, level)
            elif isinstance(item, list):
                lines += self.bullets(item, depth + 1, level)
            elif isinstance(item, str) and "\n" in item.strip():
                first, *rest = item.strip().splitlines()
                lines += [f"{indent}- {first.strip()}", *(f"{indent}  {line.strip()}" for line in rest if line.strip())]
            elif _scalar(item):
                lines.append(f"{indent}- {_scalar(item)}")
        return lines

    def item(self, item: dict, depth: int, level: int) -> list[str]:
        """A mapping in a list: a task when it has a done / status flag ("- [x] Send the
        CV (due: 2026-09-30)"), else its fields on one line; its lists and mappings
        nested under it."""
        indent = "  " * depth
        flag_key, done = _flag(item)
        plain = [(key, value) for key, value in item.items() if _plain(value) and _scalar(value) and key != flag_key]
        nested = [(key, value) for key, value in item.items() if not _plain(value)]
        if done is not None:
            text_key, text = _first({k: v for k, v in plain}, _TEXT_KEYS)
            if text_key is None and plain:
                text_key, text = plain[0]
            rest = "; ".join(f"{_label(k)}: {_scalar(v)}" for k, v in plain if k != text_key)
            line = f"{indent}- [{'x' if done else ' '}] {_scalar(text)}" + (f" ({rest})" if rest else "")
        else:
            line = f"{indent}- " + "; ".join(f"{_label(k)}: {_scalar(v)}" for k, v in plain)
        lines = [line.rstrip()]
        for key, value in nested:
            if isinstance(value, str):
                lines += [f"{indent}  {_label(key)}:", *(f"{indent}  {row.strip()}" for row in value.strip().splitlines())]
            else:
                lines += [f"{indent}  {_label(key)}:", *self.bullets(value if isinstance(value, list) else [value],
                                                                       depth + 1, level)]
        return lines
