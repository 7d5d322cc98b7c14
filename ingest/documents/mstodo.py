"""Microsoft To Do tasks as Microsoft Graph returns them (a .json file): its lists with
their tasks, or one list's tasks. ``ingest.loaders._load_json`` tries ``ms_todo_json``
next to the other exports read from JSON."""

from __future__ import annotations

import datetime as dt
import re

from ingest.documents._common import _compact, _day, _loaders, _one_line, _source_lines_joined


def ms_todo_json(document) -> str | None:
    """Each list's name as a heading; a task whose body is more than a dozen words (a
    meeting typed into a task) as a heading of its own with a "Date:" line (its due day,
    else the day it was created), its body as text and its checklist as checkboxes; other
    tasks as "- [x]" / "- [ ]" lines with a short body in brackets, their due day and their
    checklist nested under them. None when the document is not Microsoft To Do's."""
    if not isinstance(document, dict):
        return None
    value = document.get("value")
    lists: list[tuple[object, list]]
    if isinstance(value, list) and value and all(_is_task(item) for item in value):
        lists = [(None, value)]  # one list's tasks ("…/todo/lists/{id}/tasks")
    elif isinstance(value, list) and any(_is_list(item) for item in value):
        lists = [(item.get("displayName"), item["tasks"]) for item in value if _is_list(item)]
    elif _is_list(document):
        lists = [(document.get("displayName"), document["tasks"])]
    else:
        return None
    blocks = []
    for name, tasks in lists:
        lines = [f"# {_one_line(str(name))}"] if name else []
        for task in tasks:
            if _is_task(task):
                lines += _task(task)
        blocks.append("\n".join(lines).strip())
    return "\n\n".join(block for block in blocks if block) or None


def _is_list(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("displayName"), str) and isinstance(item.get("tasks"), list)


def _is_task(item) -> bool:
    """A todoTask: a title and a status, and Graph's own fields ("@odata.etag", "importance")."""
    return (isinstance(item, dict) and isinstance(item.get("title"), str) and isinstance(item.get("status"), str)
            and ("@odata.etag" in item or "importance" in item))


def _task(task: dict) -> list[str]:
    title = _one_line(task["title"])
    done = "x" if task.get("status") == "completed" else " "
    body = _body(task.get("body"))
    checklist = [item for item in task.get("checklistItems") or [] if isinstance(item, dict)
                 and _one_line(str(item.get("displayName") or ""))]
    boxes = [f"- [{'x' if item.get('isChecked') else ' '}] {_one_line(str(item['displayName']))}" for item in checklist]
    due = _due(task.get("dueDateTime"))
    if len(body.split()) > 12:
        day = due or _day(task.get("createdDateTime"))
        return ["", f"## {title}", *([f"Date: {day.isoformat()}"] if day else []), "", body,
                *([""] + boxes if boxes else []), ""]
    extra = "; ".join(part for part in (_one_line(body), f"due {due.isoformat()}" if due else "") if part)
    return [f"- [{done}] {title}" + (f" ({extra})" if extra else ""), *("  " + box for box in boxes)]


def _body(body) -> str:
    """A task's body: text as typed, HTML as the text a page shows."""
    if not isinstance(body, dict) or not str(body.get("content") or "").strip():
        return ""
    content = str(body["content"]).replace("\r\n", "\n")
    if str(body.get("contentType") or "").lower() == "html":
        html = _source_lines_joined(content).encode("utf-8")
        return _compact(_loaders()._load_html(html).text)
    return content.strip()


def _due(value) -> dt.date | None:
    """Graph keeps an all-day due date as midnight of that day ("2025-09-11T00:00:00.0000000"
    in UTC): the day is its date part, whatever the zone."""
    moment = value.get("dateTime") if isinstance(value, dict) else None
    day = re.match(r"(\d{4})-(\d\d)-(\d\d)", str(moment or ""))
    return _day(day[0]) if day else None
