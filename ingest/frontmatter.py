"""Markdown front matter: a YAML block between two ``---`` lines at the top of a file.

Known keys (``mentor``, ``date``, ``title``, ``tags``) become document metadata, and so do
their usual synonyms in note apps (``with``, ``person``, ``people``, ``attendees``; ``when``,
``created``); other keys are kept in ``extra``. Broken front matter is an error naming the
problem, never ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from ingest.note_meta import DATE_KEYS, MENTOR_KEYS, parse_date_value, split_names


class _StringDatesLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as strings, so a bad date gets our own clear message."""


_StringDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class FrontMatterError(ValueError):
    pass


@dataclass
class FrontMatter:
    title: str | None = None
    mentor: str | None = None
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def parse_date(value: object) -> dt.date:
    """Accept a date, a datetime or an ISO ``YYYY-MM-DD`` string; anything else is an error."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        day = parse_date_value(value)  # "March 3, 2026 9:15 AM", "[[2026-03-03]]", "3 March 2026"
        if day is not None:
            return day
    raise FrontMatterError(f"date {value!r} is not a valid YYYY-MM-DD date")


def _pop_first(data: dict, keys: tuple[str, ...]) -> tuple[str | None, object]:
    """The first of ``keys`` (any case) with a value, removed from ``data``."""
    lowered = {" ".join(str(k).strip().lower().replace("_", " ").replace("-", " ").split()): k for k in data}
    for key in keys:
        original = lowered.get(key)
        if original is not None and data.get(original) not in (None, "", []):
            return key, data.pop(original)
    return None, None


def _key_words(key: object) -> set[str]:
    return set(re.sub(r"[^a-z]+", " ", str(key).lower()).split())


# Keys a writer invents ("chat_with", "when_was_it", "met_on_date") are read by their words
# when no usual key is there; a key about another time ("next", "due") is not the meeting's.
_MENTOR_KEY_WORDS = {"with", "mentor"}
_DATE_KEY_WORDS = {"when", "date", "day", "met"}
_OTHER_TIME_WORDS = {"next", "due", "deadline", "follow", "followup", "review", "updated", "modified", "edited",
                     "birthday", "born", "until", "by", "start", "end", "remind", "reminder"}


def _pop_by_words(data: dict, words: set[str]) -> tuple[str | None, object]:
    """The first key whose words include one of ``words`` (and none about another time)."""
    for original in list(data):
        found = _key_words(original)
        if found & words and not found & _OTHER_TIME_WORDS and data.get(original) not in (None, "", []):
            return str(original), data.pop(original)
    return None, None


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Return the parsed front matter and the body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n") or text.startswith("---\r\n"):
            raise FrontMatterError("front matter starts with --- but has no closing --- line")
        return FrontMatter(), text
    try:
        data = yaml.load(match.group(1), Loader=_StringDatesLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a list of key: value pairs")
    meta = FrontMatter()
    if data.get("title") is not None:
        meta.title = str(data.pop("title")).strip() or None
    else:
        data.pop("title", None)
    key, mentor = _pop_first(data, MENTOR_KEYS)
    if mentor is None:
        key, mentor = _pop_by_words(data, _MENTOR_KEY_WORDS)
        if mentor is not None and not isinstance(mentor, (str, list)):
            data[key], key, mentor = mentor, None, None  # not a name: keep it as it was
    if mentor is not None:
        if isinstance(mentor, dict):
            raise FrontMatterError(f"{key} must be a name or a list of names, not a mapping")
        names = split_names(mentor)
        # Several names ("participants: [Rosa, Chris]") are kept together; the notes sync
        # leaves out the user and picks the one the tracking table knows.
        meta.mentor = ", ".join(names) if names else None
    key, date = _pop_first(data, DATE_KEYS)
    if date is not None:
        try:
            meta.date = parse_date(date)
        except FrontMatterError as exc:
            raise FrontMatterError(f"{exc} (front matter key {key!r})" if key != "date" else str(exc)) from None
    else:
        guessed_key, guessed = _pop_by_words(data, _DATE_KEY_WORDS)
        if guessed is not None:
            try:
                meta.date = parse_date(guessed)
            except FrontMatterError:
                data[guessed_key] = guessed  # an invented key that holds no date is just kept
    for key in ("mentor", "date"):
        data.pop(key, None)  # an empty value
    tags = data.pop("tags", None)
    if tags is not None:
        if isinstance(tags, str):
            tags = [t for t in (part.strip() for part in tags.split(",")) if t]
        elif not isinstance(tags, list):
            raise FrontMatterError("tags must be a list or a comma-separated string")
        meta.tags = [str(t) for t in tags]
    meta.extra.update(data)
    return meta, text[match.end():]
