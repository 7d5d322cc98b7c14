"""Notes as other tools export them: an Evernote export (.enex), a mailbox (.mbox), an Org
mode file (.org), a Jupyter notebook (.ipynb), an Obsidian canvas (.canvas), and the JSON
of chat exports (Facebook Messenger, Google Chat, Slack) and of a Trello card or board.

Each is turned into the plain text a person would have pasted: headings, list items and
checkboxes as Markdown, a chat as one "[date, time] Name: words" line per message, a mail
thread as its messages' header lines and bodies. Times stored in UTC are shown in the
machine's own time zone, so an evening meeting keeps its day. The loaders table in
``ingest.loaders`` picks these by file suffix; the JSON ones are tried by
``ingest.loaders._load_json`` before its notes-app reading.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


def _loaders():
    from ingest import loaders  # the shared pieces (LoadedFile, LoadError, HTML and e-mail reading)

    return loaders


# ----- Evernote -------------------------------------------------------------------------
def load_enex(data: bytes) -> LoadedFile:
    """An Evernote export: each note's title, its created time as a "Created:" line, and
    its content (ENML, with its to-do boxes) as text; several notes as sections."""
    ld = _loaders()
    root = ld.parse_xml(data, "Evernote export")
    notes = root.findall(".//note")
    if not notes:
        raise ld.LoadError("is an Evernote export with no note in it")
    parts, first_title = [], None
    for note in notes:
        title = (note.findtext("title") or "").strip()
        first_title = first_title or title or None
        created = _compact_utc(note.findtext("created") or "")
        content = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", note.findtext("content") or "")  # ENML's prologue
        text = ld._load_html(content.encode("utf-8")).text.strip() if content.strip() else ""
        head = ([f"# {title}"] if title else []) + ([f"Created: {created:%Y-%m-%d %H:%M}"] if created else [])
        parts.append("\n".join(head + ["", text]).strip())
    heading = "#" if len(parts) == 1 else "##"
    joined = "\n\n".join(p.replace("# ", f"{heading} ", 1) if p.startswith("# ") else p for p in parts)
    return ld.LoadedFile(joined, ld.FrontMatter(title=first_title))


def _compact_utc(value: str) -> dt.datetime | None:
    """Evernote's "20250314T183000Z" as a local time."""
    try:
        return dt.datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC).astimezone()
    except ValueError:
        return None


# ----- mailboxes ------------------------------------------------------------------------
_MBOX_SEPARATOR = re.compile(rb"^From \S+.*$", re.MULTILINE)


def load_mbox(data: bytes) -> LoadedFile:
    """A mailbox (Thunderbird, Apple Mail, Google Takeout): its messages oldest first, each
    as a pasted e-mail (From, To, Sent, Subject, then its text), one after the other."""
    ld = _loaders()
    starts = [m.start() for m in _MBOX_SEPARATOR.finditer(data)]
    if not starts:
        raise ld.LoadError("is not a mailbox (no 'From ' line starting a message)")
    chunks = [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]
    messages = []
    for chunk in chunks:
        body = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
        body = re.sub(rb"^>From ", b"From ", body, flags=re.MULTILINE)  # mboxrd's escaped lines
        try:
            messages.append(ld._load_eml(body).text)
        except ld.LoadError:
            continue
    if not messages:
        raise ld.LoadError("is a mailbox with no readable message in it")
    return ld.LoadedFile("\n\n________________________________\n\n".join(messages))


# ----- Org mode -------------------------------------------------------------------------
_ORG_HEADING = re.compile(r"^(?P<stars>\*+)\s+(?:(?P<todo>TODO|DONE|NEXT|WAITING|CANCELL?ED)\s+)?(?P<title>.*?)"
                          r"(?:\s+:[\w@:]+:)?\s*$")
_ORG_KEYWORD = re.compile(r"^#\+(?P<key>[A-Za-z_]+):\s*(?P<value>.*)$")


def load_opml(data: bytes) -> LoadedFile:
    """An outline exported as OPML (Workflowy, Dynalist, OmniOutliner, Logseq): the head's
    title as the title, each outline item as a nested bullet ("_complete" ticks it), and an
    item's note (Workflowy's "_note") as the lines under it."""
    ld = _loaders()
    root = ld.parse_xml(data, "OPML outline")
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ld.LoadError("is not an OPML outline (no <opml> with a <body>)")
    title = (root.findtext("head/title") or "").strip() or None
    lines = [f"# {title}"] if title else []

    def walk(node, depth: int) -> None:
        for item in node.findall("outline"):
            text = " ".join((item.get("text") or item.get("title") or "").split())
            note = (item.get("_note") or "").strip()
            if depth == 0 and item.findall("outline") and not lines:
                lines.append(f"# {text}")  # a top item with children: the page's title
            elif text:
                box = "[x] " if item.get("_complete") == "true" else ""
                lines.append(f"{'  ' * depth}- {box}{text}")
            for note_line in note.splitlines():
                if note_line.strip():
                    lines.append(f"{'  ' * (depth + 1)}{note_line.strip()}")
            walk(item, depth + 1 if text else depth)

    walk(body, 0)
    if not any(line.strip() for line in lines):
        raise ld.LoadError("is an OPML outline with nothing in it")
    return ld.LoadedFile("\n".join(lines), ld.FrontMatter(title=title) if title else ld.FrontMatter())


def load_org(data: bytes) -> LoadedFile:
    """An Org mode file: headings as Markdown headings, a TODO or DONE heading as an
    unticked or ticked task, #+TITLE and #+DATE as the title and a Date line, and the
    drawers (:PROPERTIES:, :LOGBOOK:) left out."""
    ld = _loaders()
    lines, title, in_drawer = [], None, False
    for raw in ld.decode_text(data).replace("\r\n", "\n").splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if re.fullmatch(r":[A-Z]+:", stripped) and stripped != ":END:":
            in_drawer = True
            continue
        if in_drawer:
            in_drawer = stripped != ":END:"
            continue
        keyword = _ORG_KEYWORD.match(stripped)
        if keyword:
            key = keyword["key"].lower()
            if key == "title":
                title = keyword["value"].strip()
                lines.append(f"# {title}")
            elif key == "date":
                lines.append(f"Date: {_org_time(keyword['value'])}")
            continue
        if re.match(r"^(?:SCHEDULED|DEADLINE|CLOSED):", stripped):
            continue  # planning lines: when a task is due or was closed, not the meeting
        heading = _ORG_HEADING.match(line)
        if heading:
            text = _org_time(heading["title"])
            if heading["todo"]:
                box = "x" if heading["todo"] in ("DONE", "CANCELLED", "CANCELED") else " "
                lines.append(f"{'  ' * (len(heading['stars']) - 1)}- [{box}] {text}")
            else:
                lines.append(f"{'#' * min(len(heading['stars']), 6)} {text}")
            continue
        lines.append(_org_time(line))
    return ld.LoadedFile("\n".join(lines).strip(), ld.FrontMatter(title=title))


def _org_time(text: str) -> str:
    """"<2026-01-08 Thu 13:02>" and "[2026-01-08 Thu]" as "2026-01-08 13:02"."""
    return re.sub(r"[<\[](\d{4}-\d{2}-\d{2})(?: \w{2,3}\.?)?( \d{1,2}:\d{2})?[^>\]]*[>\]]", r"\1\2", text)


# ----- Jupyter and Obsidian canvas ------------------------------------------------------
def load_ipynb(data: bytes) -> LoadedFile:
    """A Jupyter notebook: its Markdown cells in order (code and outputs left out)."""
    ld = _loaders()
    document = _json(data, "Jupyter notebook")
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        raise ld.LoadError("is not a Jupyter notebook (no cells)")
    texts = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            texts.append("".join(source) if isinstance(source, list) else str(source))
    return ld.LoadedFile("\n\n".join(t.strip() for t in texts if t.strip()))


def load_canvas(data: bytes) -> LoadedFile:
    """An Obsidian canvas: its text cards read top to bottom, then left to right, each card's
    label (a group's name) with it."""
    ld = _loaders()
    document = _json(data, "Obsidian canvas")
    nodes = document.get("nodes") if isinstance(document, dict) else None
    if not isinstance(nodes, list):
        raise ld.LoadError("is not an Obsidian canvas (no nodes)")
    cards = [n for n in nodes if isinstance(n, dict) and (n.get("text") or n.get("label"))]
    cards.sort(key=lambda n: (n.get("y", 0), n.get("x", 0)))
    texts = [str(n.get("text") or f"## {n.get('label')}") for n in cards]
    return ld.LoadedFile("\n\n".join(t.strip() for t in texts if t.strip()))


def _json(data: bytes, name: str):
    ld = _loaders()
    try:
        return json.loads(ld.decode_text(data))
    except json.JSONDecodeError as exc:
        raise ld.LoadError(f"is not a readable {name}: {exc.msg} at line {exc.lineno}") from exc


# ----- chat and Trello JSON -------------------------------------------------------------
_SENDER_KEYS = ("sender_name", "sender", "from", "author", "user_name", "username", "creator", "user_profile",
                "senderName", "authorName")
_TEXT_KEYS = ("content", "text", "body", "message")
_TIME_KEYS = ("timestamp_ms", "ts", "timestamp", "created_date", "createdAt", "created_at", "date", "time", "sent")


def chat_json(document) -> str | None:
    """A chat exported as JSON (Messenger's "messages" with sender_name and timestamp_ms,
    Google Chat's with creator and created_date, Slack's with user_profile and ts): one
    "[date, time] Name: words" line per message, oldest first; None when the document is
    not a list of messages."""
    messages = document.get("messages") if isinstance(document, dict) else document
    if not isinstance(messages, list) or not messages:
        return None
    rows = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        sender = next((_name(message[k]) for k in _SENDER_KEYS if message.get(k)), None)
        text = next((t for t in (_plain(message.get(k)) for k in _TEXT_KEYS) if t.strip()), None)
        when = next((w for w in (_moment(message.get(k), k) for k in _TIME_KEYS) if w), None)
        if sender and text and when:
            rows.append((when, _unmangled(sender), _unmangled(text)))
    if len(rows) < max(1, 0.6 * len(messages)):
        return None
    title = document.get("title") or document.get("name") if isinstance(document, dict) else None
    return _chat_text(rows, _unmangled(str(title)) if title else None)


def _chat_text(rows: list[tuple[dt.datetime, str, str]], title: str | None) -> str:
    """Messages (time, sender, text) as one "[date, time] Name: words" line each, oldest
    first, in the user's date order, under ``title`` when there is one."""
    from ingest.note_meta import default_day_first

    order = "%d/%m/%Y" if default_day_first() else "%m/%d/%Y"
    lines = []
    for when, sender, text in sorted(rows, key=lambda r: r[0]):
        # A message typed over several lines ("My list:" and "1. email Vic …") keeps them:
        # the first on the sender's line, the rest under it, as a chat app shows them.
        first, *rest = [" ".join(line.split()) for line in text.strip().splitlines() if line.strip()]
        lines += [f"[{when.strftime(order)}, {when:%H:%M}] {sender}: {first}", *rest]
    return "\n".join(([f"# {title}", ""] if title else []) + lines)


def sms_backup_xml(root) -> str | None:
    """Android's SMS Backup & Restore file (<smses> of <sms address date type body
    contact_name> and <mms> with text parts): one "[date, time] Name: words" line per
    message, oldest first, the other party by their contact name and the user as "Me"
    (type 2 is sent, 1 received). None when it holds no message with text."""
    rows = []
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "sms":
            text = element.get("body") or ""
            sent = element.get("type") == "2"
        elif tag == "mms":
            text = " ".join(part.get("text") or "" for part in element.iter() if part.tag.rsplit("}", 1)[-1] == "part"
                            and (part.get("ct") or "").startswith("text/plain"))
            sent = element.get("msg_box") == "2"
        else:
            continue
        when = _moment(element.get("date"), "timestamp_ms")
        if not text.strip() or when is None:
            continue
        contact = element.get("contact_name") or element.get("address") or "Them"
        rows.append((when, "Me" if sent else ("Them" if contact == "(Unknown)" else contact), text))
    if not rows:
        return None
    others = list(dict.fromkeys(sender for _, sender, _ in sorted(rows, key=lambda r: r[0]) if sender != "Me"))
    return _chat_text(rows, f"Messages with {', '.join(others)}" if others else "Messages")


def _plain(value) -> str:
    """A message's text: a string, or Telegram's list of plain strings and formatted parts
    ({"type": "bold", "text": "Ok as promised, the list"})."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) if isinstance(part, dict) else ""
                       for part in value)
    return ""


def _name(value) -> str | None:
    if isinstance(value, dict):  # Google Chat's creator, Slack's user_profile, Discord's author
        # (Discord: the nickname the chat shows, "Hamish", before the account's "doc.lockhart")
        return value.get("nickname") or value.get("name") or value.get("real_name") or value.get("display_name")
    return str(value).strip() or None


def _moment(value, key: str) -> dt.datetime | None:
    """A message's time as a local time: Unix seconds or milliseconds (Slack's "ts" is a
    string of seconds), ISO text, or Google Chat's "Thursday, 8 January 2026 at 19:02:11 UTC"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        value = float(value)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if key == "timestamp_ms" or value > 4_102_444_800 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).astimezone()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        text = re.sub(r"^\w+day,\s*", "", value.replace("\u202f", " ").strip()).replace(" at ", " ")
        for pattern in ("%d %B %Y %H:%M:%S %Z", "%B %d, %Y %H:%M:%S %Z", "%B %d, %Y %I:%M:%S %p %Z",
                        "%d %B %Y %I:%M:%S %p %Z"):
            try:
                return dt.datetime.strptime(text, pattern).replace(tzinfo=dt.UTC).astimezone()
            except ValueError:
                pass
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.astimezone() if moment.tzinfo else moment
    return None


def _unmangled(text: str) -> str:
    """Messenger's and Instagram's exports write UTF-8 bytes as Latin-1 characters ("RenÃ©e"
    for "Renée", "ð\x9f\x92¯" for an emoji): a lead byte then a continuation byte."""
    if re.search(r"[\xc2-\xf4][\x80-\xbf]", text):
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    return text


def trello_json(document) -> str | None:
    """A Trello card (or a board export's cards): each card's name as a heading, its
    description, its checklists as ticked or unticked boxes and its comments with their
    day and author. None when the document is not Trello's."""
    if not isinstance(document, dict):
        return None
    cards = document.get("cards") if isinstance(document.get("cards"), list) else None
    if cards is None and "desc" in document and "idList" in document:
        cards = [document]
    if not cards:
        return None
    checklists = [c for c in document.get("checklists", []) if isinstance(c, dict)]
    actions = [a for a in document.get("actions", []) if isinstance(a, dict)]
    blocks = []
    for card in cards:
        if not isinstance(card, dict) or card.get("closed"):
            continue
        lines = [f"# {card.get('name', '').strip()}"]
        if card.get("desc"):
            lines += ["", str(card["desc"]).strip()]
        own = [c for c in checklists if c.get("idCard") == card.get("id")] + \
            [c for c in card.get("checklists", []) if isinstance(c, dict)]
        for checklist in own:
            lines += ["", f"## {checklist.get('name', 'Checklist')}"]
            for item in sorted(checklist.get("checkItems", []), key=lambda i: i.get("pos", 0)):
                box = "x" if item.get("state") == "complete" else " "
                lines.append(f"- [{box}] {item.get('name', '').strip()}")
        comments = [a for a in actions if a.get("type") == "commentCard"
                    and (a.get("data", {}).get("card", {}).get("id") in (card.get("id"), None))]
        if comments:
            lines += ["", "## Comments"]
            for comment in sorted(comments, key=lambda a: a.get("date", "")):
                when = _moment(comment.get("date"), "date")
                who = (comment.get("memberCreator") or {}).get("fullName", "")
                stamp = f"{when:%Y-%m-%d}" if when else ""
                lines.append(f"- {stamp} {who}: {comment.get('data', {}).get('text', '').strip()}".replace("  ", " "))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) or None


def google_tasks_json(document) -> str | None:
    """Google Tasks from Takeout (Tasks.json: lists of tasks): each list's title as a
    heading; a task with notes (a meeting typed into a task: "Café c/ Ana – qui 17/9" and
    what was said) as a heading of its own with its notes under it; other tasks as ticked
    or unticked boxes, a subtask under its parent. Deleted tasks are left out. None when
    the document is not Google Tasks'."""
    if not isinstance(document, dict) or document.get("kind") != "tasks#taskLists":
        return None
    blocks = []
    for task_list in document.get("items") or []:
        if not isinstance(task_list, dict):
            continue
        tasks = [t for t in task_list.get("items") or [] if isinstance(t, dict) and not t.get("deleted")]
        top = sorted((t for t in tasks if not t.get("parent")), key=lambda t: str(t.get("position", "")))
        lines = [f"# {str(task_list.get('title') or 'Tasks').strip()}"]
        for task in top:
            lines += _google_task(task)
            children = sorted((t for t in tasks if t.get("parent") == task.get("id")), key=lambda t: str(t.get("position", "")))
            lines += ["  " + line for child in children for line in _google_task(child)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) or None


def _google_task(task: dict) -> list[str]:
    title = " ".join(str(task.get("title") or "").split())
    notes = str(task.get("notes") or "").strip()
    box = "x" if task.get("status") == "completed" else " "
    if notes and len(notes.split()) > 12:
        # Google stores the day a task is set for as midnight UTC: its date part is the day.
        day = re.match(r"\d{4}-\d\d-\d\d", str(task.get("due") or ""))
        return ["", f"## {title}", *([f"Date: {day[0]}"] if day else []), "", notes, ""]
    return [f"- [{box}] {title}" + (f" ({notes})" if notes else "")]
