"""An .xml export: a Jira issue (or search) export read here; an OPML outline, an Evernote
export or a FreeMind map saved with the .xml name handed to its own loader."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ingest.documents._common import (
    _child,
    _child_text,
    _children,
    _compact,
    _dated,
    _descendants,
    _grandchildren,
    _loaders,
    _local,
    _one_line,
    _parse_xml,
    _source_lines_joined,
)
from ingest.documents.mindmaps import load_mm
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_XML_KINDS = ("a Jira issue export (RSS), an OPML outline, an Evernote export, a FreeMind mind map, an SMS Backup & "
              "Restore file")


def load_xml(data: bytes) -> LoadedFile:
    """An .xml file of a kind people export notes as: a Jira issue (or search) export, else
    an OPML outline, an Evernote export or a FreeMind map saved with the .xml name. Any
    other XML is refused with the kinds that are read: its elements are not a note."""
    ld = _loaders()
    root = _parse_xml(data, "XML file")
    tag = _local(root.tag)
    if tag == "rss" and _jira_items(root):
        return _load_jira(root)
    if tag == "opml":
        from ingest.exports import load_opml

        return load_opml(data)
    if tag == "en-export":
        from ingest.exports import load_enex

        return load_enex(data)
    if tag == "map":
        return load_mm(data)
    if tag == "smses":
        from ingest.exports import sms_backup_xml

        messages = sms_backup_xml(root)
        if messages is None:
            raise ld.LoadError("is an SMS backup with no message text in it")
        return ld.LoadedFile(messages)
    kind = "an RSS feed that is not a Jira export" if tag == "rss" else f"an XML document of another kind (<{tag}>)"
    raise ld.LoadError(f"is {kind}; the XML files read are {_XML_KINDS}")


def _jira_items(root) -> list:
    channel = _child(root, "channel")
    items = _children(channel, "item") if channel is not None else []
    return [item for item in items if _child(item, "key") is not None or _child(item, "project") is not None]


_JIRA_FIELDS = (("type", "Type"), ("status", "Status"), ("resolution", "Resolution"), ("priority", "Priority"),
                ("assignee", "Assignee"), ("reporter", "Reporter"), ("project", "Project"))
_JIRA_SKIPPED_FIELDS = {"rank", "development", "team", "flagged", "[chart] date of first response", "sprint report"}


def _load_jira(root) -> LoadedFile:
    """Each issue: its title as a heading, a "Created:" line and its fields as property
    lines, its description as text, then its comments, each under its author and time."""
    ld = _loaders()
    items = _jira_items(root)
    top = "#" if len(items) == 1 else "##"
    sections, first_title, first_created = [], None, None
    for item in items:
        title = _one_line(_child_text(item, "title") or _child_text(item, "summary") or _child_text(item, "key"))
        first_title = first_title or title or None
        people = {}
        for person in item.iter():
            if _local(person.tag) in ("assignee", "reporter", "creator") and (person.text or "").strip():
                for key in ("username", "accountid"):
                    if person.get(key):
                        people[person.get(key)] = person.text.strip()
        created = _jira_time(_child_text(item, "created"))
        first_created = first_created or created
        lines = [f"{top} {title}"] if title else []
        lines += [f"Created: {created:%Y-%m-%d %H:%M}"] if created else []
        for name, label in _JIRA_FIELDS:
            value = _one_line(_child_text(item, name))
            if value and value.lower() not in ("unassigned", "unresolved"):
                lines.append(f"{label}: {value}")
        due = _jira_time(_child_text(item, "due"))
        lines += [f"Due: {due:%Y-%m-%d}"] if due else []
        labels = [_one_line(label.text or "") for label in _grandchildren(item, "labels", "label")]
        lines += [f"Labels: {', '.join(x for x in labels if x)}"] if any(labels) else []
        long_fields = []
        for custom in _grandchildren(item, "customfields", "customfield"):
            name = _one_line(_child_text(custom, "customfieldname"))
            values = [_jira_html(v.text or "") for v in _descendants(custom, "customfieldvalue")]
            value = "\n".join(v for v in values if v)
            if not name or not value or name.lower() in _JIRA_SKIPPED_FIELDS:
                continue
            if "\n" in value or len(value) > 160:
                long_fields.append(f"{name}:\n{value}")
            else:
                lines.append(f"{name}: {value}")
        description = _jira_html(_child_text(item, "description"))
        if description:
            lines += ["", description]
        for block in long_fields:
            lines += ["", block]
        comments = _grandchildren(item, "comments", "comment")
        if comments:
            lines += ["", f"{top}# Comments"]
            for comment in comments:
                author = comment.get("author") or ""
                author = people.get(author, author)
                when = _jira_time(comment.get("created") or "")
                head = " – ".join(part for part in (author, f"{when:%Y-%m-%d %H:%M}" if when else "") if part)
                lines += ["", f"{top}## {head or 'Comment'}", "", _jira_html(comment.text or "")]
        sections.append("\n".join(lines).strip())
    meta = _dated(FrontMatter(title=first_title), first_created.date() if first_created else None)
    return ld.LoadedFile("\n\n".join(sections), meta)


def _jira_time(value: str) -> dt.datetime | None:
    """Jira's "Fri, 14 Mar 2025 09:12:00 +0000": a time in UTC as the user's own clock
    shows it, a time with another offset as written there."""
    from email.utils import parsedate_to_datetime

    if not value.strip():
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (ValueError, TypeError, IndexError):
        return None
    if moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0):
        return moment.astimezone()
    return moment


def _jira_html(value: str) -> str:
    """A Jira field's HTML (the description, a comment) as text."""
    if not value.strip():
        return ""
    if "<" not in value and "&" not in value:
        return value.strip()
    return _compact(_loaders()._load_html(_source_lines_joined(value).encode("utf-8")).text)
