"""Reading a note into units (list items, sentences, transcript turns) and deciding
which are advice and which are action items; see the package docstring."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.note_meta import MAIL_HEADERS, WROTE_LINE, in_capitals, printed_sender
from mentordesk.relationships.extraction.labels import (
    _BULLET,
    _CALLOUT,
    _CHECKBOX,
    _EMOJI_BULLET,
    _EMOJI_KINDS,
    _LABEL,
    _LEADIN_ACTION,
    _LEADIN_ADVICE,
    _MENTOR_LIST,
    _PROPERTY_BULLET,
    _SPEAKER,
    _TABLE_ROW,
    _TABLE_RULE,
    _TIMED_SPEAKER,
    _TIMESTAMP,
    ExtractedItem,
    SentenceClassifier,
    _bare_label,
    _clean,
    _heading,
    _label_kind,
    name_words,
)
from mentordesk.relationships.extraction.matching import item_key
from mentordesk.relationships.extraction.rules import (
    _ADVICE_IMPERATIVE,
    _CONJUNCTION,
    _IMPERATIVE,
    _REPORTED_LEAD,
    _SAID_IMPERATIVE,
    _SELF_COMMIT,
    not_an_item,
    plain_quotes,
    rule_kind,
)
from mentordesk.relationships.extraction.sentences import _clauses, split_sentences
from mentordesk.relationships.extraction.tasks import (
    _BECAUSE_ADVICE,
    _CHORE_VERBS,
    _DEADLINE,
    _TASK_VERBS,
    _first_verb,
    split_tasks,
)

# Raise when the rules change: the next sync re-extracts every note (hand-set state is kept).
EXTRACTOR_VERSION = "35"


_PURPOSE = re.compile(r"^purpose\b", re.IGNORECASE)


@dataclass
class _Unit:
    """A piece of the note to judge: a bullet, a sentence of prose or of a transcript turn."""

    text: str
    section: str | None  # advice | action | other | None (unlabelled)
    done: bool = False
    bullet: bool = False
    speaker: str | None = None  # "mentor" | "me" | None
    fragment: bool = False  # a short line of prose on its own, with no end punctuation
    quote: str | None = None  # the whole line, when the unit is only part of it
    checkbox: bool = False  # "- [ ]" or "- [x]": a task, whatever the words
    turn: int | None = None  # which turn of a chat or transcript the sentence is part of
    message: bool = False  # the turn is one chat message ("Kit: …" on one line), quoted whole


_SELF_SPEAKERS = {"q", "me", "i", "mentee", "myself"}


_NOT_SPEAKERS = {"date", "when", "attendees", "with", "tags", "created", "status", "person", "people", "subject",
                 "from", "to", "sent", "cc", "location", "topic", "related", "met", "next", "note", "notes", "ps",
                 "p.s", "http", "https", "update", "context", "purpose", "agenda", "mentor",
                 *MAIL_HEADERS}  # a pasted e-mail's headers in French, Spanish, German


def _transcript_speakers(lines: list[str]) -> set[str]:
    """Names that start two or more lines with "Name:" (or Q/A): this note is a transcript."""
    counts = Counter()
    for line in lines:
        match = _SPEAKER.match(_TIMESTAMP.sub("", line))
        if match and match["who"].lower() not in _NOT_SPEAKERS and (match["who"].lower() in _SELF_SPEAKERS
                                                                   or not _label_kind(match["who"])):
            counts[match["who"]] += 1
    speakers = {who for who, n in counts.items() if n >= 2}
    return speakers if len(speakers) >= 2 or speakers & {"Q", "A"} else set()


def _role(who: str, mentor: str | None, me: frozenset[str] | set[str] = frozenset(), self_named: bool = False) -> str:
    """"me" or "mentor" for a transcript speaker: Q, Me, I and the user's own name are the
    user; with the meeting's mentor known, a speaker who shares no name with them is the
    user too."""
    lowered = who.lower().strip(".")
    words = name_words(lowered)
    if lowered in _SELF_SPEAKERS or (words & me and not (mentor and words & name_words(mentor))):
        return "me"
    if lowered == "a" or not mentor or self_named:
        return "mentor"  # beside "Me:" in a chat, the other speaker ("Kit") is the one met
    mentor_words = name_words(mentor)
    who_words = name_words(lowered) - {"dr", "prof", "mr", "mrs", "ms"}
    # ("PvdW" speaking for Pieter van der Westhuizen: the initials of every word of the name)
    initials = "".join(word[0] for word in re.sub(r"[-.’']", " ", mentor.lower()).split())
    return "mentor" if who_words & mentor_words or lowered.replace(" ", "") == initials else "me"


# A transcription tool that could not name the voices: "Speaker 1", "Speaker B", "Person 2".
_ANONYMOUS = re.compile(r"^(?:speaker|person|participant|unknown speaker|voice)\s*\w{1,2}$", re.IGNORECASE)
# A name said to the other person: "Cheers for coming out, Dusty.", "Thanks, Priya!", "Hi Sophie".
_ADDRESSED = re.compile(r"(?:\b(?:thanks|cheers|thank you|hi|hey|hello|morning|kia ora|ta)\b[^.!?\n]{0,30}?,?\s+"
                        r"|,\s+)(?P<name>[A-Z][a-z]+)(?=\s*[.!?,]|\s*$)")


def _anonymous_roles(lines: list[str], speakers: set[str], me: frozenset[str] | set[str]) -> dict[str, str]:
    """For a transcript of two unnamed voices: who is the user. The voice that says a name
    to the other ("Cheers for coming out, Dusty") is the user's, unless the name is the
    user's own (then it is the mentor speaking). Empty when that does not settle it."""
    timed = {m["who"] for line in lines if (m := _TIMED_SPEAKER.match(line))}
    speakers = speakers or timed
    if len(speakers) != 2 or not all(_ANONYMOUS.match(s) for s in speakers):
        return {}
    votes: Counter[str] = Counter()
    who: str | None = None
    for line in lines:
        match = _SPEAKER.match(_TIMESTAMP.sub("", line)) or _TIMED_SPEAKER.match(line)
        if match and match["who"] in speakers:
            who, line = match["who"], match.groupdict().get("text") or ""
        elif not line.strip() or who is None:
            continue
        for said in _ADDRESSED.finditer(line):
            mine = said["name"].lower() in {word for name in me for word in name_words(name.lower())}
            votes[who] += -1 if mine else 1
    namers = [s for s, v in votes.items() if v > 0]  # who said the other person's name
    if len(namers) == 1:
        user = namers[0]
    elif not namers and len(votes) == 1:
        user = next(s for s in speakers if s not in votes)  # the one who said the user's name is the mentor
    else:
        return {}  # no names said, or both voices said them: not settled
    return {s: "me" if s == user else "mentor" for s in speakers}


def _looks_like_title(line: str) -> bool:
    """The note's first line names the meeting ("Call with Tanaka, 3 March 2026"); a label,
    a heading, a list item or a code fence is not a title."""
    text = line.strip()
    if (_BULLET.match(line) or _heading(line) or text.startswith(("```", "~~~", "|")) or _SPEAKER.match(text)
            or _EMOJI_BULLET.match(line)):
        return False
    if _bare_label(text, others=True) or (_LABEL.match(text) and _label_kind(_LABEL.match(text)["label"])):
        return False
    return bool(re.search(r"[^\W\d_]", text)) and len(text.split()) <= 14 and not text.endswith((".", "!", "?", ":"))


def _asides_apart(paragraph: list[str]) -> list[str]:
    """A paragraph's lines joined as prose, except a line that is an aside in brackets
    ("(his story - …)"), which stays a piece of its own, apart from the lines around it."""
    pieces: list[list[str]] = [[]]
    for line in paragraph:
        aside = line.strip().startswith("(") and line.strip().endswith(")")
        if aside:
            pieces += [[line], []]
        else:
            pieces[-1].append(line)
    return [" ".join(piece) for piece in pieces if piece]


_AUTOMATED_SENDER = re.compile(r"\b(?:no-?reply|do-?not-?reply|notifications?|alerts?|careers|jobs|newsletters?"
                               r"|mailer-daemon)@", re.IGNORECASE)


def _quoted_by(raw_lines: list[str], mentor: str | None) -> list[str | None]:
    """For a pasted email thread: the role ("mentor" or "me") of whoever wrote each quoted
    ("> ") line, from the "On ..., NAME <...> wrote:" line above it."""
    roles: list[str | None] = []
    author: str | None = None
    sender: str | None = None  # the mentor, while the lines are the body of an email they sent
    for number, line in enumerate(raw_lines):
        match = WROTE_LINE.match(line)
        if match:
            author, sender = _role(match["who"], mentor), None
        header = _FROM_HEADER.match(line)
        printed = printed_sender(raw_lines, number)
        who = header["who"] if header else printed[0].split("<")[0].strip() if printed else None
        if who is not None:
            sender = "mentor" if mentor and _role(who, mentor) == "mentor" else None
            if _AUTOMATED_SENDER.search(line) and number > 0 and any(
                    _FROM_HEADER.match(earlier) for earlier in raw_lines[:number]):
                # a job alert forwarded under the user's notes: no one's words (a meeting
                # tool's own summary, mailed from no-reply, is the note itself)
                sender = "automated"
        elif line.strip() in ("--", "-- ", "__"):
            sender = None  # a signature block
        quoted_line = line.lstrip().startswith(">")
        roles.append(author if author and quoted_line else (sender if not quoted_line and who is None else None))
    return roles


# An e-mail's closing ("Best,", "Au plaisir,", "Cordialement") and what follows it up to
# the next message: the writer's name, title, address and disclaimer, never an item.
_CLOSING = re.compile(r"^\s*(?:best(?: wishes| regards)?|(?:kind |warm |many )?(?:regards|thanks)|thank you|cheers|talk soon"
                      r"|speak soon|all the best|cordialement|bien à vous|au plaisir|à bientôt|a bientot|bonne journée"
                      r"|salutations|merci(?: encore)?|(?:un )?saludos?|un abrazo|abrazos?|besos|atentamente|cordialmente"
                      r"|quedo atent[ao]|muchas gracias|gracias|viele grüße|mit freundlichen grüßen"
                      r"|sent from my \w+|envoyé de mon \w+)\s*[,.!]?\s*$", re.IGNORECASE)
_NEXT_MESSAGE = re.compile(r"^\s*(?:(?:from|de|von)\s?:|-{2,}\s*(?:original|forwarded|message)|_{5,}|>)", re.IGNORECASE)


def _signature_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines from an e-mail's closing to the next message of the thread
    (its header, a separator or quoted lines); none in a note that is no e-mail."""
    senders = [m["who"] for line in lines if (m := _FROM_HEADER.match(line) or WROTE_LINE.match(line))]
    if not senders:
        return set()
    # A line that is only a sender's name ("Isabelle", "Isabelle Fortin, Ph. D.") signs off too.
    names = {n.lower() for who in senders for n in (who.strip(), who.split()[0]) if n}
    skipped: set[int] = set()
    closing = None
    for number, line in enumerate(lines):
        if closing is not None and (_NEXT_MESSAGE.match(line) or WROTE_LINE.match(line)):
            closing = None
        # (a greeting, "Jae-won," over the body, is no sign-off: it ends with a comma)
        signed = line.strip().split(",")[0].strip().lower() in names and not line.rstrip().endswith(",")
        if closing is None and (_CLOSING.match(line) or signed):
            closing = number
        if closing is not None:
            skipped.add(number)
    return skipped


_FROM_HEADER = re.compile(r"^\s*(?:from|de|von)\s?:\s*(?P<who>[^<>@]+?)\s*(?:<[^>]*>)?\s*$", re.IGNORECASE)


def _is_outline_heading(text: str, indent: int, after: list[str]) -> bool:
    """A short bullet with no end punctuation whose next line is a more indented bullet."""
    if len(text.split()) > 8 or text.rstrip().endswith((".", "!", "?", ";", ",")) or _CHECKBOX.match(text):
        return False
    following = next((ln for ln in after if ln.strip()), "")
    child = _BULLET.match(following)
    return bool(child) and len(child["indent"].replace("\t", "    ")) > indent


def following_line(lines: list[str], number: int) -> str:
    """The next line with text after line ``number``."""
    return next((ln for ln in lines[number + 1:number + 12] if ln.strip()), "")


def _names_a_speaker(line: str, markdown: str, mentor: str | None) -> bool:
    """ "Renee:" over a list: the points of the person of that name, who is the mentor or
    is named in full elsewhere in the note ("speakers: Renee Kaplan, CNIO …")."""
    # ("o Cmte:", "a AP:", "der Ferdl:": with the article some languages put before a name)
    about = re.fullmatch(r"(?P<who>[A-Z][\w'’-]*)\s+(?:re|on|about)\b:?\s+[^:]{1,60}:", line.strip())
    if about:  # "S re the re-advertised role:", "Priya on the panel:": their points on it
        line = f"{about['who']}:"
    letters = re.fullmatch(r"(?P<letters>[A-Z]{1,3})\.?\s*:", line.strip())
    if letters and mentor and mentor.split():
        # "P:" or "JB:" over a list: the mentor's initial (of the first name) or initials
        words = [w for w in re.split(r"[\s-]+", mentor) if w]
        if letters["letters"] in (words[0][0].upper(), "".join(w[0].upper() for w in words)):
            return True
    match = re.fullmatch(r"(?:(?:o|a|der|die|el|la)\s+)?(?P<name>[A-Z][A-Za-z'’\-]+)(?: [A-Z]\.?)?\s*:", line.strip())
    if not match or match["name"].lower() in ("me", "i", "notes", "summary", "update", "updates"):
        return False
    name = match["name"]
    if mentor and name.lower() in {w.lower() for w in mentor.split()}:
        return True
    return re.search(rf"\b{re.escape(name)} [A-Z][a-z'’\-]+", markdown) is not None


# Rapid logging (a bullet journal): "• task", "x done", "> migrated", "< scheduled",
# "– note". Read as checkboxes and plain bullets, so the usual rules apply to each line.
# "× done" and "○ event" are common too, and "!" marks a point that matters (an idea, a tip).
_BUJO = re.compile(r"^(?P<indent>\s*)(?P<mark>[•xX×><–○◦o!])\s+(?P<text>\S.*)$")
_EVENT_MARKS = {"○", "◦", "o"}
_BUJO_KEY = re.compile(r"^\s*(?:key|legend)\s*:.*(?:task|done|migrated|note)", re.IGNORECASE)
_DAY_MEETING = re.compile(r"^\s*(?:call|coffee|lunch|chat|meeting|1:1|1-1|zoom|teams|catch[- ]?up|session|mentoring"
                          r"|telefonat|anruf|kaffee|mittagessen|abendessen|treffen|gespräch|termin)\b"
                          r".*\b(?:with|w/|mit)\s*\S", re.IGNORECASE)


def _bullet_journal(lines: list[str], mentor: str | None = None) -> list[str]:
    """A bullet-journal page as Markdown: signifiers become checkboxes or bullets, the key
    line goes. On a day's page, the tasks above the line that opens the meeting ("Call w/
    Dee (19:00, 45 min)", or an event with the meeting's notes indented under it: "○ Coffee
    w/ Rosa") are the day's chores, not the meeting's: they are left out, and so is what
    follows the next event that has notes of its own under it."""
    marks = [m["mark"] for line in lines if (m := _BUJO.match(line))]
    is_journal = len(marks) >= 4 and ("•" in marks) and (set(marks) & {"x", "X", "×", ">", "<", "–"}) \
        or any(_BUJO_KEY.match(line) for line in lines)
    if not is_journal:
        return lines
    under = _under_the_meeting(lines, mentor)
    out: list[str] = []
    for i, line in enumerate(lines):
        match = _BUJO.match(line)
        if _BUJO_KEY.match(line) or (under is not None and i not in under and line.strip()
                                     and not line.lstrip().startswith("#")):
            out.append("")
        elif match and match["mark"] in _EVENT_MARKS:
            out.append("")  # an event ("○ 6:00 call w/ Dee"): when something happened, never an item
        elif match:
            box = {"•": "- [ ] ", "x": "- [x] ", "X": "- [x] ", "×": "- [x] ", ">": "- [ ] ", "<": "- [ ] ", "–": "- ",
                   "!": "- "}[match["mark"]]
            out.append(f"{match['indent']}{box}{match['text']}")
        else:
            out.append(line)
    starts = [i for i, line in enumerate(out) if i > 0 and _DAY_MEETING.match(line) and not _BUJO.match(lines[i])]
    if under is None and starts and any(_BUJO.match(line) for line in lines[:starts[0]]):
        out = [""] * (starts[0] + 1) + out[starts[0] + 1:]  # the chores, and the meeting's own line (its title)
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _under_the_meeting(lines: list[str], mentor: str | None) -> set[int] | None:
    """The numbers of the lines that belong to the page's meeting: from the first line
    indented under its event (an event mark, or a line such as "• Coffee w/ Rosa", followed
    by deeper lines) to the next such event. The event naming the mentor when one does,
    else the first. None when no event has lines under it."""
    blocks: list[tuple[str, int]] = []  # (the event's text, its first line under it)
    for i, line in enumerate(lines):
        match = _BUJO.match(line)
        text = match["text"] if match else line.strip()
        if not text or not ((match and match["mark"] in _EVENT_MARKS) or _DAY_MEETING.match(text)):
            continue
        after = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if after is not None and _indent(lines[after]) > _indent(line):
            blocks.append((text, after))
    if not blocks:
        return None
    words = name_words(mentor) - {"mr", "mrs", "ms", "dr"}
    chosen = next((k for k, (text, _) in enumerate(blocks) if words & name_words(text)), 0)
    end = blocks[chosen + 1][1] - 1 if chosen + 1 < len(blocks) else len(lines)
    return set(range(blocks[chosen][1], end))


_TOGGLE = re.compile(r"^\s*</?details[^>]*>\s*$", re.IGNORECASE)
_SUMMARY = re.compile(r"^\s*<summary[^>]*>(?P<title>.*?)</summary>\s*$", re.IGNORECASE)


_PIPE_CELLS = re.compile(r"^[^|]+(?:\s\|\s[^|]*){2,}$")


def _pipe_rows(lines: list[str]) -> list[str]:
    """A table typed in plain text, its cells between " | " with no pipe at either end
    ("Nr. | Maßnahme | Verantwortlich | bis"), as Markdown rows: two or more such lines
    with the same number of cells in a row, the first of short header cells (not "Next
    steps: a | b | c" over "Done?: yes | no | no", a log row's lists)."""
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _PIPE_CELLS.match(lines[j].strip()) and \
                lines[j].count(" | ") == lines[i].count(" | "):
            j += 1
        header = [cell.strip() for cell in lines[i].split(" | ")]
        if j - i >= 2 and all(len(cell.split()) <= 3 and ":" not in cell for cell in header):  # a header row first
            for k in range(i, j):
                out[k] = "| " + lines[k].strip() + " |"
        i = max(j, i + 1)
    return out


_ZOOM_CHAT = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s+From\s+(?P<who>[^\W\d]\S*(?: \S+)*?)\s+to\s+\S.*?\s*:\s*(?P<text>.*)$")


def _zoom_chat(lines: list[str]) -> tuple[list[str], set[str]]:
    """A Zoom meeting's saved chat ("18:32:20 From Priya Raman to Everyone:" over the
    message, indented) as the "Name: message" turns of any other chat, and its senders
    (every one of them speaks, even one who wrote once)."""
    senders = [m["who"] for line in lines if (m := _ZOOM_CHAT.match(line))]
    if len(senders) < 2:
        return lines, set()
    out: list[str] = []
    waiting = False  # a header whose message is on the next, indented line
    for line in lines:
        match = _ZOOM_CHAT.match(line)
        if match:
            out.append(f"{match['who']}: {match['text']}".rstrip())
            waiting = not match["text"].strip()
        elif waiting and line.strip():
            out[-1] += " " + line.strip()
            waiting = False
        else:
            out.append(line.strip() if line[:1] == "\t" else line)
    return out, set(senders)


def _reminders(lines: list[str]) -> list[str]:
    """A Reminders list dictated or copied with its circles: "○" open, "●" completed. Only
    beside open circles is a filled one a tick (alone, "●" is a Word bullet)."""
    marks = {line.lstrip()[:1] for line in lines}
    if not {"○", "●"} <= marks:
        return lines
    return [re.sub(r"^(\s*)●\s*", r"\1- [x] ", line) for line in lines]


def _toggles(lines: list[str]) -> list[str]:
    """Notion's and GitHub's collapsible blocks (<details><summary>His advice</summary>)
    as the headings they stand for."""
    return ["" if _TOGGLE.match(line) else (f"## {m['title'].strip()}" if (m := _SUMMARY.match(line)) else line)
            for line in lines]


def _quote_marks_as_bullets(lines: list[str]) -> list[str]:
    """Lines marked with ">" under a label ("o Cmte:" and his points, each on a "> " line) are
    that label's list, one point a line, not one quoted paragraph."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not re.match(r"^\s*>\s*(?!\[!)\S", line):
            continue
        j = i
        while j > 0 and re.match(r"^\s*>", lines[j - 1]):
            j -= 1
        run_end = i
        while run_end + 1 < len(lines) and re.match(r"^\s*>\s*\S", lines[run_end + 1]):
            run_end += 1
        above = lines[j - 1].strip() if j > 0 else ""
        # (a short label, not the "On Tue … Carol <carol@…> wrote:" line over a quoted e-mail)
        if run_end > j and above.endswith(":") and len(above.split()) <= 5 and "@" not in above \
                and not re.search(r"\b(?:wrote|schrieb|escribió|escreveu|a écrit)\b", above, re.IGNORECASE):
            out[i] = re.sub(r"^\s*>\s*", "- ", line)
    return out


# A row of a data sheet read out as its fields: "Company: Kestrel; Role: Associate LXD; Applied:
# 2025-01-28; Status: rejected; Notes: applied before Liz said wait a year".
_DATA_ROW = re.compile(r"^(?:(?P<label>[^:;\n]{1,30}):\s[^;\n]*;\s){2,}[^:;\n]{1,30}:\s")


_RECORD_FIELDS = {"company", "organisation", "organization", "employer", "role", "position", "job title", "title",
                  "applied", "applied on", "date applied", "status", "stage", "salary", "pay", "rate", "location",
                  "link", "url", "source", "posting", "deadline", "phone", "email", "linkedin"}


def _data_row_items(line: str) -> str:
    """A record of three or more fields, two of them a job tracker's or a contact list's
    (company, role, status…), as only its advice and action fields; the other cells are data, not
    what a mentor said or what the user will do. Any other line as it is."""
    if not _DATA_ROW.match(line):
        return line
    fields = re.findall(r"(?:^|;\s)([^:;\n]{1,30}):\s([^;\n]*)", line)
    if sum(1 for label, _ in fields if label.strip().lower() in _RECORD_FIELDS) < 2:
        return line  # a meeting log's or a form's row: its fields are read as they are
    # (one line still: the reader keeps other lists in step with the note's lines)
    return "; ".join(f"{label}: {value}" for label, value in fields if _label_kind(label) in ("advice", "action"))


_BARE_NUMBER = re.compile(r"^(?P<indent>\s*)(?P<n>\d{1,2})\s+(?=[^\d\s])")


def numbered_without_marks(lines) -> list[str]:
    """A list numbered without a mark ("1 the first cabinet paper you own…", "2 keep a
    decisions log…", typed into a calendar invite): "1." and "2.", when the lines count up
    from 1 one after another."""
    out = list(lines)
    i = 0
    while i < len(out):
        first = _BARE_NUMBER.match(out[i])
        if first is None or first["n"] != "1":
            i += 1
            continue
        run = [i]
        while run[-1] + 1 < len(out) and (m := _BARE_NUMBER.match(out[run[-1] + 1])) and int(m["n"]) == len(run) + 1:
            run.append(run[-1] + 1)
        if len(run) >= 2:
            for j in run:
                out[j] = _BARE_NUMBER.sub(lambda m: f"{m['indent']}{m['n']}. ", out[j], count=1)
        i = run[-1] + 1
    return out


def _units(markdown: str, mentor: str | None = None, me: frozenset[str] | set[str] = frozenset()) -> list[_Unit]:
    chat_lines, zoom_senders = _zoom_chat(markdown.splitlines())
    raw_lines = _bullet_journal(_pipe_rows(_toggles(_reminders(chat_lines))), mentor)
    quoted = _quoted_by(raw_lines, mentor)
    lines = [_CALLOUT.sub("", raw) if raw.lstrip().startswith(">") else raw for raw in _quote_marks_as_bullets(raw_lines)]
    lines = ["" if role == "automated" else line for line, role in zip(lines, quoted)]
    lines = ["" if _PROPERTY_BULLET.match(line) else line for line in lines]  # Logseq "- tags:: ..."
    lines = numbered_without_marks(_data_row_items(line) for line in lines)
    speakers = _transcript_speakers(lines)
    speakers |= zoom_senders
    self_named = any(_role(s, None, me) == "me" for s in speakers)  # "Me:" or the user's name speaks
    anonymous = _anonymous_roles(lines, speakers, me)
    units: list[_Unit] = []
    section: str | None = None       # the kind the current lines belong to
    heading_section: str | None = None  # the kind of the last Markdown heading (lasts to the next)
    heading_level = 99
    label_open = False    # a label line's section: ends after a blank line, at the next non-list line
    label_filled = False
    after_blank = False
    nested: list[tuple[int, str | None]] = []  # (indent, section before) for "- advice:" bullets
    table_kinds: list[str | None] | None = None  # the kinds of a Markdown table's columns
    prose_columns: list[bool] = []  # the free-text columns ("Notes") of a table with no advice/action column
    status_column: int | None = None  # the column of a table that says whether a row is done
    timed_role: str | None = None  # the speaker of the lines under "Name  0:13"
    quoted_role: str | None = None  # who wrote the quoted lines of an email thread
    in_fence = False
    turns = 0  # speaker turns seen so far
    turn_role: str | None = None  # the speaker of the chat message the lines under it continue
    paragraph: list[str] = []
    current: _Unit | None = None

    def flush_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            # Phone notes put one thought per line with no full stops: read each line on
            # its own. Prose with punctuation is joined first (a PDF wraps its lines).
            ended = sum(1 for line in paragraph if line.rstrip().endswith((".", "!", "?", "…", '"', "”", ")")))
            # (so are lines that each open with whose task it is: "HW – draft the letter", "Mere – …")
            owned = all(_OWNER_DASHED.match(line) or _OWNER.match(line) for line in paragraph)
            pieces = paragraph if len(paragraph) > 1 and (ended * 2 < len(paragraph) or owned) \
                else _asides_apart(paragraph)
            for piece in pieces:
                for sentence in split_sentences(piece):
                    for clause in _clauses(sentence):
                        units.append(_Unit(clause, section, quote=sentence if clause != sentence else None,
                                           speaker=quoted_role))
        paragraph = []

    def flush_bullet() -> None:
        nonlocal current
        if current is not None:
            units.append(current)
        current = None

    first = next((i for i, line in enumerate(lines)
                  if line.strip() and not re.match(r"^#+\s*page \d+\s*$", line.strip(), re.I)), None)
    signature = _signature_lines(lines)
    for number, line in enumerate(lines):
        if number == first and _looks_like_title(line):
            continue  # "Call with Tanaka, 3 March 2026": the title, not a sentence of the note
        if number in signature:
            flush_bullet(); flush_paragraph()
            continue
        if quoted[number] != quoted_role:
            flush_bullet(); flush_paragraph()
            quoted_role = quoted[number]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            flush_bullet(); flush_paragraph()
            continue
        if in_fence:
            continue
        if not line.strip():
            flush_bullet(); flush_paragraph()
            after_blank = True
            turn_role = None
            table_kinds = None  # a table ends at a blank line: the next one has its own header
            continue
        line = _TIMESTAMP.sub("", line) if speakers else line
        timed = _TIMED_SPEAKER.match(line)
        if timed:
            flush_bullet(); flush_paragraph()
            timed_role = anonymous.get(timed["who"]) or _role(timed["who"], mentor, me)
            turns += 1
            continue
        row = _TABLE_ROW.match(line)
        if row or _TABLE_RULE.match(line):
            flush_bullet(); flush_paragraph()
            if row and not _TABLE_RULE.match(line):
                cells = [c.strip() for c in row["cells"].split("|")]
                if table_kinds is None:
                    table_kinds = [_label_kind(c) for c in cells]
                    status_column = next((i for i, c in enumerate(cells) if _STATUS_HEADER.match(c)), None)
                    owner_column = next((i for i, c in enumerate(cells) if _OWNER_HEADER.match(c)), None)
                    prose_columns = [bool(_PROSE_HEADER.match(c)) for c in cells]
                    if not any(k in ("advice", "action") for k in table_kinds):
                        table_kinds = [None] * len(cells)
                else:
                    # A "Status" column saying Done ticks the row's action.
                    finished = status_column is not None and status_column < len(cells) and bool(
                        _DONE_CELL.match(cells[status_column]))
                    # An owner column ("Verantwortlich", "Who") naming someone else: their task.
                    theirs = owner_column is not None and owner_column < len(cells) and not _mine(
                        cells[owner_column], me)
                    for cell, kind in zip(cells, table_kinds):
                        if cell.strip(" -—–") and kind in ("advice", "action") and not (theirs and kind == "action"):
                            units.append(_Unit(cell, kind, finished and kind == "action", bullet=True))
                    if "advice" not in table_kinds:
                        # No column says advice or action ("Item | Who | Notes"): a free-text
                        # column ("Notes", "Discussion") is prose, read sentence by sentence.
                        for cell, free in zip(cells, prose_columns):
                            if free and len(cell.split()) >= 5:
                                units.extend(_Unit(sentence, None) for sentence in split_sentences(cell))
                    if owner_column is not None and owner_column < len(cells) and len(cells[owner_column].split()) >= 3 \
                            and "action" not in table_kinds:
                        # a "Responsible" cell that holds the task with its owner ("HW – book the room")
                        units.append(_Unit(cells[owner_column], "action", finished, bullet=True))
            continue
        table_kinds = None
        bullet = _BULLET.match(line)
        emoji = None if bullet else _EMOJI_BULLET.match(line)
        if emoji:
            bullet = emoji
        if label_open and label_filled and after_blank and not bullet:
            section, label_open = heading_section, False
        after_blank = False
        heading = _heading(line)
        if heading and not bullet and re.fullmatch(r"Page \d+", heading[1].strip()):
            continue  # a PDF's page break ("## Page 2"): the list or section goes on across it
        if heading and not bullet:
            level, title = heading
            flush_bullet(); flush_paragraph()
            nested.clear()
            # (a heading that says whose list follows: "2. What lenders will go after (her list)")
            theirs = _LEADIN_ADVICE.search(title) or re.search(r"\((?:her|his|their) list\)", title, re.IGNORECASE)
            kind = "advice" if theirs and _label_kind(title) in (None, "other") else _label_kind(title)
            if level == 7:  # a bold label works like a label line
                if kind is not None:
                    section, label_open, label_filled = kind, True, False
                continue
            if kind is not None or level <= heading_level:
                heading_section, heading_level = kind, (level if kind is not None else 99)
            section, label_open = heading_section, False
            continue
        if bullet:
            flush_bullet(); flush_paragraph()
            indent = len(bullet["indent"].replace("\t", "    "))
            while nested and indent <= nested[-1][0]:
                section = nested.pop()[1]
            text = bullet["text"]
            mark = emoji["mark"] if emoji else None
            inner = _EMOJI_BULLET.match(text) if not emoji else None
            if inner:  # "- 💡 text"
                mark, text = inner["mark"], inner["text"]
            hint = _EMOJI_KINDS.get(mark or "")
            if mark and (_heading(text) or _bare_label(text)):  # "> 💡 **Key points from him**"
                flush_bullet()
                kind = _label_kind(_heading(text)[1] if _heading(text) else text)
                section, label_open, label_filled = kind, True, False
                continue
            box = _CHECKBOX.match(text)
            done = bool(box and box["mark"] != " ") or bool(re.search(r"^~~.+~~$|\((?:done|sent|booked)\)", text, re.I))
            text = box["text"] if box else text
            ticked = _TICKED_AFTER.search(text)
            status = _STATUS_AFTER.search(text)
            if ticked and len(text) > ticked.end() - ticked.start() + 3:
                # "Preparar la propuesta ✔", "send Ravi the deck - done": ticked after the item
                done, text = True, text[: ticked.start()].rstrip(" -–—,")
            elif status and status.start() >= 8:
                # "13-week cash flow in Google Sheets -- DONE, been updating every Monday",
                # "inter-company loan doc -- not yet": where the step stands, written after it
                done, text = done or status["state"].lower() in _DONE_STATES, text[: status.start()].rstrip(" -–—,")
            kind = _bare_label(text)
            label = _LABEL.match(text)
            if kind is None and label and not label["rest"].strip():
                kind = _bare_label(label["label"])
            if kind is None and _is_outline_heading(text, indent, lines[number + 1:number + 12]) \
                    and (rule_kind(text) not in ("advice", "action") or _LEADIN_ADVICE.search(text)
                         or _LEADIN_ACTION.search(text) or _REPORTED_LEAD.match(text)):
                # An outline's parent bullet ("- Her take on the assessment" over indented
                # points) heads its children; it names their kind when it can, and the
                # mentor's name over them ("- Priya" beside "- me") says they are hers.
                # (A parent that is itself counsel, "- don't survey first" over its reason,
                # is a point with notes under it.)
                lead = _LEADIN_ACTION.search(text) and "action" or _LEADIN_ADVICE.search(text) and "advice"
                theirs = mentor is not None and bool(name_words(text)) and name_words(text) <= name_words(mentor) \
                    and "advice"
                nested.append((indent, section))
                section = _label_kind(text) or lead or theirs or section
                continue
            if kind is not None:
                if re.match(r"\s*\d", line) and indent == 0:
                    # "3. Decisions / next steps": a numbered section heading; its items follow
                    # at the same indent (a nested label's items are indented under it).
                    nested.clear()
                    section, label_open, label_filled = kind, True, False
                    continue
                nested.append((indent, section))
                section = kind
                continue
            if hint == "done":
                done, hint = True, "action"
            if hint == "other":
                continue
            # (a list typed inside a chat message, "Te dejo aquí lo que platicamos:" then "1. …",
            # is that speaker's)
            in_turn = not section and not quoted_role and turn_role is not None
            current = _Unit(text, hint or section, done, bullet=True, checkbox=bool(box),
                            speaker=(quoted_role or turn_role) if not section else None,
                            turn=turns if in_turn else None)
            label_filled = True
            continue
        mine = _MY_LINE.match(line)
        if mine and (mine["mark"] != ":" or "Me" not in speakers):
            # "Me - ring Marek re the 2 pallets" under a mentor's points (not a chat's "Me:" turns)
            flush_bullet(); flush_paragraph()
            for sentence in split_sentences(mine["text"].strip()):
                for part in split_tasks(sentence) or [sentence]:
                    units.append(_Unit(part, "action", quote=_clean(line.strip())))
            section, label_open, label_filled = "action", True, True  # like a "To do:" label: lines after it go on
            continue
        answer = _SPEAKER.match(line.strip())
        if current is not None and line[:1].isspace() and not (answer and answer["who"] in speakers):
            # (an indented "A: …" under "3.1 Q: …" is the answer's own turn, not the question's tail)
            current.text += " " + line.strip()
            continue
        if timed_role is not None:
            flush_bullet()
            for sentence in split_sentences(line.strip()):
                units.append(_Unit(_spoken(sentence), None, speaker=timed_role, turn=turns))
            continue
        flush_bullet()
        nested.clear()
        stripped = line.strip()
        speaker = _SPEAKER.match(stripped)
        if speaker and speaker["who"] in speakers:
            flush_paragraph()
            if label_open:  # a label typed inside the last chat message ("And my homework:") ends with it
                section, label_open = heading_section, False
            role = anonymous.get(speaker["who"]) or _role(speaker["who"], mentor, me, self_named)
            turn_role = role
            turns += 1
            said = re.sub(r"^\d{1,2}[.)]\s+(?=\S)", "", _TIMESTAMP.sub("", speaker["text"]))  # "2. Resign in person, …"
            listed = re.match(r"^[-*•–]\s+(?=\S)", said)  # "- stand one full turnaround…", a list's first item
            if listed:
                units.append(_Unit(_spoken(said[listed.end():]), section, bullet=True, speaker=role, turn=turns))
                label_filled = True
                continue
            for sentence in split_sentences(said):
                # (a Q/A transcript's answer is a list of points, not a message to quote whole)
                units.append(_Unit(_spoken(sentence), None, speaker=role, turn=turns,
                                   message=speaker["who"] not in ("A", "Q")))
            if role == "me" and _YOUR_WORDS.search(speaker["text"]) and speaker["text"].rstrip().endswith(":"):
                # "Writing down what you said before my brain leaks:" and a list under it: the
                # user typing back the mentor's points, advice (until "And my homework:").
                section, label_open, label_filled = "advice", True, False
                continue
            label_filled = True
            continue
        if _COMMENT_FROM.match(stripped):  # a margin comment is one point, its sentences together
            flush_paragraph()
            units.append(_Unit(stripped, None))
            continue
        bare = _bare_label(stripped, others=True)
        label = _LABEL.match(stripped)
        if label and label["rest"].strip() and _DONE_LABEL.match(label["label"].strip()):
            # "Did: rewrote query 2 with CTEs": what the user already did, a done action
            flush_paragraph()
            units.append(_Unit(label["rest"].strip(), "action", True, quote=_clean(stripped)))
            label_filled = True
            continue
        kind = bare or (_label_kind(label["label"]) if label else None)
        if kind is None and stripped.endswith(":") and len(stripped.split()) <= 16:
            lead = stripped[:-1]
            kind = _label_kind(lead) or ("other" if _MENTOR_LIST.search(lead) else None) or \
                ("action" if _LEADIN_ACTION.search(lead) else None) or ("advice" if _LEADIN_ADVICE.search(lead) else None) \
                or ("advice" if _names_a_speaker(stripped, markdown, mentor) and _BULLET.match(following_line(lines, number))
                    else None)
        following = next((ln for ln in lines[number + 1:number + 12] if ln.strip()), "")  # the next line with text
        if kind is None and stripped.endswith(":") and _BULLET.match(following):
            said = split_sentences(stripped)
            if len(said) > 1 and _SHE_WAS.match(said[-1]):
                # "Yesterday - coffee with Fi M. … She was brilliant, zero sugar-coating:" over
                # a list: the story before the colon, then what she said.
                paragraph.append(" ".join(said[:-1]))
                flush_paragraph()
                section, label_open, label_filled = "advice", True, False
                continue
        if kind == "other" and label and label["rest"].strip() and not bare:
            # "Topic : Khaata Labs offer", "Speakers: …" over a list, "Project: Filton
            # Primary" atop a block of properties: a property of the meeting, not the
            # heading of what follows.
            flush_paragraph()
            section, label_open = heading_section, False
            continue
        if kind is not None:
            flush_paragraph()
            rest = "" if bare or (not label) else label["rest"].strip()
            section, label_open, label_filled = kind, True, bool(rest)
            if rest and kind == "advice":
                # "Advice: Test the concept with pop-ups first. Real paying customers, not
                # friends.": one label line is one piece of counsel, with its reasons.
                units.append(_Unit(rest, kind, quote=_clean(stripped)))
            elif rest:
                for part in _inline_list(rest):
                    for sentence in split_sentences(part):
                        units.append(_Unit(sentence, kind, quote=_clean(stripped)))
            continue
        if len(stripped.split()) <= 8 and not stripped.endswith((".", "!", "?", ",", ";")):
            flush_paragraph()  # a line of its own ("Session 2 - planning"): not part of the next sentence
            if _BULLET.match(following) and not _BULLET.match(line):
                # A short line over a list is the list's heading ("What I'll do", "On pricing"):
                # it names the list's kind when it can and is never an item itself.
                lead = _LEADIN_ACTION.search(stripped) and "action" or _LEADIN_ADVICE.search(stripped) and "advice"
                kind = _label_kind(stripped) or lead or ("advice" if _names_a_speaker(stripped, markdown, mentor)
                                                          else None)
                if kind is not None:
                    section, label_open, label_filled = kind, True, False
                elif label_open:
                    # A new list under a line that names no kind: the label above it
                    # ("speakers: …") no longer applies.
                    section, label_open = heading_section, False
                continue
            units.append(_Unit(stripped, section, fragment=True))
        else:
            paragraph.append(stripped)
        label_filled = True
    flush_bullet(); flush_paragraph()
    return units


# "1) Write the teardown; 2) Check if L&D reimburses it": a numbered list typed on one line
# (a spreadsheet cell, a chat message).
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[;,.])|(?<=\s))\s*\(?\d{1,2}[).]\s+")


# The user's message pointing at what the other person said ("what you said", "your tips").
_YOUR_WORDS = re.compile(r"\b(?:what you (?:said|told me|suggested|recommended)|you (?:said|told me)|"
                         r"your (?:advice|tips|points|pointers|wisdom|rules|list))\b", re.IGNORECASE)


# The last sentence of a paragraph that introduces the mentor's points: "She was brilliant,
# zero sugar-coating:", "He didn't hold back:", "Fi was blunt as ever:".
_SHE_WAS = re.compile(r"^(?:she|he|they|(?-i:[A-Z][a-z]+(?: [A-Z]\.?)?))(?:'s| was| were| is| didn't| did not| had| got)"
                      r"\b(?!.*\b(?:asked|wants?|will|promised|offered|going to)\b)[^:]{0,60}:$", re.IGNORECASE)


# A table column of free text: "Notes", "Discussion", "Comments", "What was said".
_PROSE_HEADER = re.compile(r"^\W*(?:notes?|discussion|comments?|details?|summary|what was (?:said|discussed)"
                           r"|remarques?|notas?|notizen|bemerkungen?|kommentare?)\W*$", re.IGNORECASE)


# What a speaker says before the point, in a transcript: "Actually no, I must speak to Riaan
# first", "Okay so, send me the deck", "Yeah, hire the grid engineer first".
_FILLER = re.compile(r"^(?:(?:actually|okay|ok|so|yeah|yep|right|um+|uh+|er+|well|look|oh|ja)(?: no| so| yeah)?,\s+)+",
                     re.IGNORECASE)


def _spoken(sentence: str) -> str:
    """A transcript sentence without the filler it opens with, when a point is left (as
    written otherwise, so the item is still a span of the note it cites)."""
    rest = _FILLER.sub("", sentence)
    return rest if len(rest.split()) >= 3 else sentence


def _inline_list(text: str) -> list[str]:
    parts = [p.strip(" ;,") for p in _INLINE_NUMBER.split(text)]
    parts = [p for p in parts if p]
    return parts if len(_INLINE_NUMBER.findall(text)) >= 2 and len(parts) >= 2 else [text]


_MY_LINE = re.compile(r"^\s*(?:me|myself)\s*(?P<mark>[-–:])\s+(?P<text>\S.*)$", re.IGNORECASE)
_TICKED_AFTER = re.compile(r"\s*(?:[-–—,(]\s*)?(?:[✓✔☑✅]\s*(?:hecho|done|fait|listo|erledigt)?|(?<=[-–—,(] )(?:done|hecho|listo|fait|erledigt)"
                           r"|\((?:hecho|listo|fait|fatto|feito|erledigt|erl\.)\))\s*\)?\s*$", re.IGNORECASE)
_STATUS_AFTER = re.compile(r"\s+(?:--|[-–—])\s+(?P<state>done|did it|did that|sent|booked|finished|completed|not yet"
                           r"|in progress|pending|waiting|started|half done)\b(?![-'’])[^\n]*$", re.IGNORECASE)
_DONE_STATES = {"done", "did it", "did that", "sent", "booked", "finished", "completed"}
_DONE_LABEL = re.compile(r"^(?:did|done|completed|finished|already done|erledigt|schon erledigt)$", re.IGNORECASE)
_STATUS_HEADER = re.compile(r"^(?:status|done\??|state|progress|statut|état|etat|fait\s*\??|estado|hecho\s*\??|erledigt\s*\??)$",
                            re.IGNORECASE)
_OWNER_HEADER = re.compile(r"^(?:owner|owners|who|responsible|action by|assigned to|assignee|by whom|lead"
                           r"|wer|verantwortlich|verantwortung|zuständig|responsable|qui|quién|quien)$",
                           re.IGNORECASE)
_SELF_CELL = {"", "-", "—", "–", "me", "i", "myself", "ich", "moi", "yo", "mich"}


def _mine(cell: str, me: frozenset[str] | set[str]) -> bool:
    """Whether a table's owner cell names the user: "ich", "me", their own name, or nothing."""
    words = name_words(cell.strip(" *_"))
    if cell.strip(" *_").lower() in _SELF_CELL or words & _SELF_CELL or (me and words & me):
        return True
    return _initials_of(cell, me)


def _initials_of(text: str, names: frozenset[str] | set[str]) -> bool:
    """"TL" for Theresa Lechner: two or three capitals, each the initial of one of the names."""
    letters = text.strip(" *_.")
    firsts = [w[0] for w in names if w]
    return bool(firsts) and 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper() and all(
        firsts.count(c) >= letters.lower().count(c) for c in letters.lower())


_DONE_CELL = re.compile(r"^(?:done|yes|y|completed?|finished|sent|booked|fait|faite|terminée?|envoyée?|oui"
                        r"|hecho|hecha|listo|lista|terminado|terminada|completado|completada|enviado|enviada|sí|si"
                        r"|erledigt|ja|fertig|abgeschlossen|gesendet|geschickt"
                        r"|[x✓✔☑✅])(?!\w)", re.IGNORECASE)


# How people open a chat message before they get to the point ("Oh and honestly, …").
_DISCOURSE = re.compile(r"^(?:(?:and|so|oh|also|plus|but|ok|okay|look|honestly|seriously|tbh|anyway|well|right|please)"
                        r"[,!]?\s+)+", re.IGNORECASE)


# The mentor speaking to the user: counsel, whatever the classifier makes of the rest.
_SECOND_PERSON_COUNSEL = re.compile(r"^(?:you (?:should|shouldn'?t|need to|have to|must|could|might want to|want to|"
                                    r"ought to)|you'?d be better|make sure|try to|don'?t|do not|never|always)\b",
                                    re.IGNORECASE)


def _counsel_clause(text: str) -> str | None:
    """The first clause of a chat turn that counsels: the whole turn without its opening
    words, else a part after a dash or colon ("So the thing I was trying to say – don't
    quit until you have an offer"); None if none does."""
    parts = [text] + re.split(r"\s[–—-]\s|:\s", text)[1:]
    clauses = (_DISCOURSE.sub("", part).strip() for part in parts)
    return next((c for c in clauses if c and (rule_kind(c) == "advice" or _SECOND_PERSON_COUNSEL.match(c))), None)


# What an AI note-taker prints around its notes (Gemini, Zoom, Teams, Otter, Fireflies):
# its header and its footer are never the meeting's advice or tasks.
_NOTETAKER_LINE = re.compile(
    r"^\W*notes$|^(?:attachments|invited|meeting records)\b|notes by gemini|review gemini'?s notes"
    r"|take a short survey|get tips and learn how|ai-generated content may be|always check for accuracy"
    r"|^transcribed by\b|^powered by\b|transcript was (?:computer|automatically) generated"
    # a calendar invitation's own lines (Google Calendar, Outlook, Zoom)
    r"|^join (?:with google meet|by phone|zoom meeting|on your computer|the meeting)\b|^more phone numbers"
    r"|^reply for\b|^invitation from google calendar|^yes\s+no\s+maybe\b|^view all guest info"
    # a transcription service's footer ("Edit or share at otter.ai", "View in Fireflies")
    r"|\b(?:share|edit|view|open) (?:\w+ )?(?:at|in|on) (?:otter\.ai|fireflies|fathom|tl;?dv|read\.ai)\b"
    r"|^(?:organi[sz]er|guests|more options)$", re.IGNORECASE)


def _sentence_case(text: str) -> str:
    """A note typed in capitals as it would be typed in the usual case: each line in lower
    case with its first letter (after a bullet or a label) a capital."""
    def line(raw: str) -> str:
        low = raw.lower()
        return re.sub(r"^(\W*)(\w)", lambda m: m[1] + m[2].upper(), low, count=1)
    return "\n".join(line(raw) for raw in text.splitlines())


def extract_items(markdown: str, classifier: SentenceClassifier | None = None,
                  mentor: str | None = None, me: str | None = None) -> list[ExtractedItem]:
    """Advice and action items of a note, in note order (see the module docstring).

    Listed items under an advice or action label take the label's kind, unless a rule
    says the line is neither (a question, the mentor's own promise); prose and transcript
    sentences are judged one by one. Checkboxes set ``done``. With no classifier, prose
    sentences no rule decides are left out. ``mentor`` (the meeting's) tells the user's
    turns in a transcript from the mentor's; ``me`` (the user's name) tells their tasks
    from other people's in an owner-tagged list.
    """
    me_words = name_words(me)
    if in_capitals(markdown):
        markdown = _sentence_case(markdown)  # "RUN THE WINDOW URSELF SAT." reads as any other advice
    units = [u for u in _units(markdown, mentor, me_words) if _clean(u.text) and u.section != "other"
             and not _NOTETAKER_LINE.search(_clean(u.text))]
    texts = [_clean(u.text) for u in units]
    scanned = len(re.findall(r"[A-Za-z]0|0[a-z]", markdown)) >= 2  # OCR of handwriting
    # Rules and the classifier read OCR slips as letters and curly quotes as straight ones.
    readable = [plain_quotes(_unscan(t, scanned)) for t in texts]
    rules = [rule_kind(t) for t in readable]
    wanted = [i for i, u in enumerate(units)
              if (rules[i] is None and (not u.bullet or u.section is None))
              or (u.section is None and u.speaker is None and rules[i] == "advice" and _IMPERATIVE.match(readable[i]))]
    scores: dict[int, dict[str, float]] = {}
    if classifier is not None and wanted:
        scores = dict(zip(wanted, classifier.scores([readable[i] for i in wanted])))
    counsel = _lists_of_counsel(units, readable, rules)
    # (whose a line is, "Tom: send the practice note", is read before the rules drop "Tom:")
    tagged = [plain_quotes(t) for t in texts]
    kinds = [_decide(unit, readable[i], rules[i], scores.get(i), mentor, me_words, i in counsel, tagged[i])
             for i, unit in enumerate(units)]
    spans = _mentor_turn_spans(units, kinds, readable)
    inside = {j for i, end in spans.items() for j in range(i + 1, end + 1)}  # quoted with the counsel before them
    items: list[ExtractedItem] = []
    for i, unit in enumerate(units):
        kind = kinds[i]
        if kind is None or i in inside:
            continue
        text = texts[i]
        quote = unit.quote or text
        if i in spans:  # the mentor's counsel and the reasons they gave with it, as they said it
            text = " ".join([_point_of_turn(text), *texts[i + 1: spans[i] + 1]])
            quote = " ".join(texts[i: spans[i] + 1])
            items.append(ExtractedItem("advice", _strip_lead(text), unit.done, quote=quote))
            continue
        if kind == "action":
            because = _BECAUSE_ADVICE.search(text)
            because = because if because and because.start() > 12 else None
            action_text = text[: because.start()].rstrip(" ,") if because else text
            for task in split_tasks(action_text):
                mine = _initials_dash(task, me_words)  # "HW – draft the letter": the task, without whose
                task = task.split(None, 2)[2] if mine and len(task.split(None, 2)) == 3 else task
                items.append(ExtractedItem("action", _strip_lead(task), unit.done, quote=quote))
            if because:
                items.append(ExtractedItem("advice", because["advice"].rstrip("."), quote=quote))
        else:
            if unit.speaker == "mentor":
                text = _point_of_turn(text)  # the counsel, without "So the thing I was trying to say –"
            items.append(ExtractedItem("advice", _strip_lead(text), unit.done, quote=quote))
    return _dedupe(items)


def _mentor_turn_spans(units: list[_Unit], kinds: list[str | None], texts: list[str]) -> dict[int, int]:
    """In the mentor's turns of a chat or transcript: a sentence of counsel -> the last of
    the sentences after it in the same turn that give its reason ("Take number 2. Number 1
    makes enemies of your colleagues…"). People quote counsel with its reason as one piece
    of advice; the next counsel, a question or a promise of the mentor's own ends it."""
    spans: dict[int, int] = {}
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.speaker != "mentor" or unit.turn is None or kinds[i] != "advice":
            i += 1
            continue
        end = i
        j = i + 1
        # A chat message is quoted from its counsel to its end ("Lead with what changed. A
        # reviewer opens an annual report looking for one thing…"), unless a question or a
        # promise of the mentor's own ends it first.
        # (a numbered point on a line of its own in the message is a point of its own)
        while j < len(units) and units[j].turn == unit.turn and not units[j].bullet and (
                (kinds[j] is None and _explains(texts[j]))
                or (unit.message and not texts[j].rstrip().endswith("?") and rule_kind(texts[j]) in (None, "advice"))):
            end = j
            j += 1
        if end > i:
            spans[i] = end
        i = max(j, i + 1)
    return spans


def _explains(text: str) -> bool:
    """A sentence that can give the reason for counsel: not a question, not the mentor's
    own promise or an offer, not a farewell."""
    return not text.rstrip().endswith("?") and rule_kind(text) is None and len(text.split()) >= 3


def _point_of_turn(text: str) -> str:
    """A chat turn's counsel as it would be quoted back: the first clause that counsels
    (after a dash or colon if the words before it do not), without the turn's opening words
    ("And honestly start going to the meetups" -> "Start going to the meetups")."""
    counsel = _counsel_clause(text)
    return text if counsel is None else counsel[:1].upper() + counsel[1:]


_TITLED = re.compile(r"^(?P<title>[^:.!?]{3,40}):\s+(?P<rest>\S.*)$")
_OWNER = re.compile(r"^@?(?P<owner>(?-i:[A-Z][\w'’.-]*)(?: (?-i:[A-Z][\w'’.-]*)){0,2})"
                    r"(?::\s+|\s+to\s+(?=[a-z])|\s+will\s+(?=[a-z]))")


_OWNER_DASHED = re.compile(r"^(?P<owner>(?-i:[A-Z][a-zà-ÿāēīōū'’-]+)(?: (?-i:[A-Z][a-zà-ÿāēīōū'’-]+))?|(?-i:[A-Z]{2,3}))"
                           r"\s+[–—-]\s+(?=[a-z])")


# A task list whose owner follows the task: Teams' "Submit the application (Ciara Dunne)".
_OWNER_AFTER = re.compile(r"\s*\((?P<owner>(?-i:[A-Z][\w'’.-]*)(?: (?-i:[A-Z][\w'’.-]*)){0,2})\)\s*\.?\s*$")


# Words that open a line with a colon and are no one's name: "Außerdem: …", "Wichtig: …"
_NOT_OWNERS = {"todo", "action", "next", "me", "i", "note", "ps", "re", "außerdem", "wichtig", "zudem", "dazu", "fazit",
               "achtung", "nachtrag", "ergebnis", "idee", "frage", "antwort", "beispiel", "hinweis", "tipp", "lage",
               "important", "reminder", "update", "edit", "idea", "question", "answer", "example", "tip", "key"}


# A Word comment as the loader writes it (ingest.loaders._docx_comments).
_COMMENT_FROM = re.compile(r"^Comment from (?P<who>[^:]{2,60}):\s+(?P<rest>\S.*)$")
_MENTOR_SAID = re.compile(r"^(?P<who>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}):\s+(?P<rest>\S.*)$")


def _tagged_owner(text: str, dashed: bool = False) -> str | None:
    """Whose task an owner-tagged line is ("Alex Chen: share the template", "Priya to send
    the deck", "Femke Bakker will email…"); None when the line has no owner tag: a label
    word ("Todo:") or a verb ("Ask Tom to lead the slot" is an instruction to the user).
    With ``dashed`` (a line of a list of tasks), a name before a dash is an owner too
    ("Mere – talk to the kaumātua first")."""
    match = _OWNER.match(text) or (_OWNER_DASHED.match(text) if dashed else None)
    if not match or match["owner"].lower() in _NOT_OWNERS:
        return None
    if not all(_person_word(w) for w in match["owner"].split()):
        return None  # "BNs: 1 page", "CPEng: keep it": an abbreviation's label, not a person
    return None if match["owner"].split()[0].lower() in _TASK_VERBS else match["owner"]


def _person_word(word: str) -> bool:
    """A word that can be part of a person's name ("El-Amrani", "McKenzie", "DeShawn", or
    initials "JB"), not an abbreviation with capitals run together or at its end ("BNs",
    "CPEng", "MfE")."""
    word = word.rstrip(".")
    if word.isupper():
        return True  # initials, or a surname as Outlook writes it ("IYER Meera")
    return bool(re.fullmatch(r"[A-Z][^\s]*", word)) and not re.search(r"[A-Z]{2}|[a-z][A-Z]$", word)


def _owner_is_me(text: str, me: set[str], dashed: bool = False) -> bool:
    """An owner-tagged task whose owner is the user (their profile name, or its initials:
    "HW – draft the letter")."""
    owner = _tagged_owner(text, dashed) or _initials_dash(text, me)
    return bool(owner and _my_name(owner, me))


def _my_name(owner: str, me: frozenset[str] | set[str]) -> bool:
    """Whether an owner tag is the user: a name of theirs, its initials ("HW"), or the short
    form a name of theirs begins ("Gen" for Geneviève)."""
    words = name_words(owner)
    return bool(me) and bool(words & me or _initials_of(owner, me)
                             or any(len(w) >= 3 and m.startswith(w) for w in words for m in me))


def _names_a_party(owner: str | None, mentor: str | None, me: set[str]) -> bool:
    """Whether an owner tag is the mentor or the user, by a name or the initials."""
    if not owner:
        return False
    mentor_words = name_words(mentor)
    return _my_name(owner, me) or bool(name_words(owner) & mentor_words or _initials_of(owner, mentor_words))


def _initials_dash(text: str, names: frozenset[str] | set[str]) -> str | None:
    """"HW" of "HW – draft the letter" when they are the initials of these names."""
    match = _OWNER_DASHED.match(text)
    return match["owner"] if match and _initials_of(match["owner"], names) else None


def _owner_after_not_me(text: str, mentor: str | None, me: set[str]) -> bool:
    """"Write the support letter (Aoife Brennan)": the task of the person named after it,
    when that is the mentor, or anyone but the user once the user's name is known."""
    match = _OWNER_AFTER.search(text)
    if not match:
        return False
    owner = name_words(match["owner"])
    if me and owner & me:
        return False
    # With the user's name known, a full name in brackets is someone else's ("(Tock)" is no one's).
    return bool(mentor and owner & name_words(mentor)) or bool(me and len(owner) >= 2)


def _owner_says_not_mine(text: str, mentor: str | None, me: set[str], dashed: bool = False) -> bool:
    """An owner-tagged task of an AI meeting summary ("Alex Chen: share the template",
    "Priya to send the deck") that belongs to someone else than the user; in a list of
    tasks also "Mere – talk to the kaumātua" and the mentor's initials ("TF – complete the
    survey")."""
    mentor_words = name_words(mentor)
    if _initials_dash(text, mentor_words) and not _initials_dash(text, me):
        return True
    tagged = _tagged_owner(text, dashed)
    if tagged is None or _my_name(tagged, me):
        return False
    if mentor and (name_words(tagged) & mentor_words or _initials_of(tagged, mentor_words)):
        return True
    if tagged.isupper() and not _OWNER.match(text):
        return False  # "CV – redo it with numbers": an abbreviation, not someone's initials
    return bool(me)  # with the user's name known, anyone else's task is not theirs


def _lists_of_counsel(units: list[_Unit], texts: list[str], rules: list[str | None]) -> set[int]:
    """The bullets of unlabelled lists that report the mentor ("He said don't compare
    hourly to salary…") and hold no commitment of the user's: their bare imperatives
    ("Ask for the range up front") are the mentor's advice too, not the user's chores."""
    counsel: set[int] = set()
    run: list[int] = []
    for i in range(len(units) + 1):
        unit = units[i] if i < len(units) else None
        if unit is not None and unit.bullet and unit.section is None and unit.speaker is None \
                and (not run or i == run[-1] + 1):
            run.append(i)
            continue
        reported = any(_REPORTED_LEAD.match(bare) or _SAID_IMPERATIVE.match(bare)
                       for bare in (_CONJUNCTION.sub("", texts[j]) for j in run))
        if reported and not any(rules[j] == "action" or units[j].checkbox for j in run):
            counsel.update(run)
        run = [i] if unit is not None and unit.bullet and unit.section is None and unit.speaker is None else []
    return counsel


# The mentor asking for something back: work the mentee owes them, so the mentee's action.
_HOMEWORK = re.compile(r"(?:^|\band\s+|\bthen\s+)(?:please\s+)?(?:send|email|e-mail|forward|show|bring|share)"
                       r"\s+(?:me|it to me|(?:it|that|them|this|those)\s+(?:over\s+)?to me)\b", re.IGNORECASE)


# The line a tool writes about the file itself: "Document generated by Confluence on …",
# "This transcript was exported on Sep 3, 2025", "Converted from handwriting · reMarkable".
_TOOL_FOOTER = re.compile(r"^\W*(?:this |the )?(?:document|page|file|transcript|note|pdf|export|summary)?\s*"
                          r"(?:was |is )?(?:auto-?)?(?:generated|exported|created|printed|converted|downloaded|transcribed)"
                          r" (?:by|from|with|on|using|at|in)\b"
                          # Gmail's stand-in for the quoted messages of a printed thread
                          r"|^\[(?:quoted text hidden|texto das mensagens ocultas|texto citado oculto"
                          r"|texto citado ocultado|text des messages masqué)\]$", re.IGNORECASE)


# A mentor's message that introduces the points they send next.
_PASTING = re.compile(r"^(?:ok(?:ay)?,?\s+)?(?:pasting|here(?:'s| is| are)|as promised|putting|writing)\b.{0,60}"
                      r"\b(?:i said|what i said|the gist|my notes|the list|in writing|my points)\b", re.IGNORECASE)


# A sentence that opens by reporting a named person: "Marcus says I look lighter", "Tasha
# thinks it's fine". (Not "She says…", and not the mentor under any name the table knows.)
_SOMEONE_ELSE_SAYS = re.compile(
    r"^(?i:and |but |also |plus |so |then )?(?P<who>(?!(?:She|He|They|You|It|Everyone|Someone|Nobody|Everybody|Also"
    r"|And|But|Plus|So|Then|Now|Still|Just|Really)\b)"
    r"(?-i:[A-Z][a-z]+)(?: (?-i:[A-Z][a-z]+))?)\s+(?:also\s+)?(?:says|said|thinks|thought|reckons|reckoned)\b")


_TEMPLATE_INSTRUCTION = re.compile(r"^(?:please )?(?:use|fill in|fill out|complete|save|delete|keep|file|print)\b.*"
                                   r"\b(?:this|the) (?:template|form)\b", re.IGNORECASE)
_WITH_REASON = re.compile(r"\s[–—-]\s+(?:best|the best|only|easiest|that's|it's|they'll|you'll|it'll|that'll|they're)\b|\b(?:so that|because|that way)\b",
                          re.IGNORECASE)


def _decide(unit: _Unit, text: str, rule: str | None, score: dict[str, float] | None,
            mentor: str | None = None, me: set[str] = frozenset(), counsel: bool = False,
            tagged: str | None = None) -> str | None:
    """The kind of one unit, or None when it is neither advice nor an action. ``tagged`` is
    the line with the name it may open with ("Tom: send the note"), which ``text`` has lost."""
    if tagged is None or tagged == text or not _names_a_party(_tagged_owner(tagged), mentor, me):
        tagged = text  # ("Also: volunteer for…" is no one's task)
    comment = _COMMENT_FROM.match(text)
    if comment and mentor and name_words(comment["who"]) & name_words(mentor) and not text.rstrip().endswith("?") \
            and not _SELF_COMMIT.search(comment["rest"]):
        return "advice"  # the mentor's comment in the margin of the user's draft
    other = _SOMEONE_ELSE_SAYS.match(text)
    if other and mentor and unit.speaker is None and unit.section is None \
            and not (name_words(other["who"]) & name_words(mentor)) and not (me and name_words(other["who"]) & me):
        return None  # "Marcus says I look lighter": someone else's words in a note about the mentor
    said = _MENTOR_SAID.match(tagged)
    owner = _tagged_owner(tagged) if said else None
    if said and owner and unit.section is None and unit.speaker is None and mentor \
            and name_words(owner) & name_words(mentor) and not (me and name_words(owner) & me):
        # "AP: decide with 70% of information and review with 90%" in a deck's speaker notes,
        # outside any list of tasks: the mentor's words, not a task the mentor took.
        rest = said["rest"]
        # (a chore with the reason for it is counsel: "Tom: sign up as a mentor in the 2027
        # intake – best way to find out what you actually know")
        if (_first_verb(rest) not in _CHORE_VERBS or _WITH_REASON.search(rest)) and not _SELF_COMMIT.search(rest) and (
                rule_kind(rest) == "advice" or _ADVICE_IMPERATIVE.match(rest) or _WITH_REASON.search(rest)):
            return "advice"
    # In a list of tasks a name before the task is whose it is ("Tom: send the practice
    # note"); elsewhere "Gary: if a subbie is short…" is what Gary said, read without it.
    dashed = unit.section == "action"
    owned = tagged if dashed else text
    if unit.section != "advice" and (_owner_says_not_mine(owned, mentor, me, dashed) or _owner_after_not_me(text, mentor, me)):
        return None
    if me and unit.section != "advice" and _owner_is_me(owned, me, dashed) and not text.rstrip().endswith("?"):
        return "action"  # "Femke Bakker will email the organisers": the user's own task in a recap
    if text.rstrip().endswith(":") and unit.section is None:
        return None  # "Writing down what you said so I don't lose it:" leads to the points
    if _TOOL_FOOTER.match(text):
        return None  # "Document generated by Confluence on Jul 24, 2025 16:52"
    if unit.section is None and _TEMPLATE_INSTRUCTION.search(text):
        return None  # "Use this template for all external meetings": the form's own instructions
    theirs = _LABEL.match(text)
    if theirs and re.match(r"(?i)(?:her|his|their)\s", theirs["label"]) and _label_kind(theirs["label"]) == "other":
        return None  # "+ her offer: contract work for me Oct-Dec if MfE doesn't come through": hers, not a step
    field = _LABEL.match(text) if unit.section is None else None
    if field and field["rest"].strip() and _label_kind(field["label"]) == "other" and len(field["label"].split()) <= 4 \
            and not re.search(r"[^\W\d_]{3,}", field["rest"]):
        return None  # a record's field read out of a one-line row ("Start Time (UTC): 2026-03-05 00:00")
    if unit.section is None and len(re.findall(r"[^\W\d_]{2,}", text)) >= 3 and not re.search(r"[a-zà-ÿ]", text):
        return None  # a log's line in capitals ("0040Z PAUSA 25 MIN (PESSOAL)"), outside any list of items
    if unit.speaker == "mentor" and _PASTING.search(text):
        return None  # "Pasting the stuff I said so you've got it in writing": what the points under it are
    titled = _TITLED.match(text)
    if titled and not_an_item(titled["rest"]):
        return None  # "Share the rubric: Søren will send Anneliese the rubric" (an AI recap's task title)
    if unit.section in ("advice", "action"):
        if unit.fragment and len(text.split()) < 2:
            return None  # a lone word under the list ("Atlassian", a page's footer)
        if rule == "other" and (not unit.bullet or not_an_item(text)):
            return None  # a listed point stays unless it is plainly a question, a promise of theirs, logistics
        if score is not None and score["other"] >= 0.7 and not (unit.quote and unit.section == "action"):
            # a story or an aside in the section's prose ("Me: cost the menu properly" is a
            # task the user labelled, whatever the classifier makes of it)
            return None
        if unit.section == "advice" and rule == "action" and not unit.bullet:
            return "action"  # "I'll try it next week" in a paragraph under "Her advice"
        if unit.section == "advice" and re.match(r"^(?:and\s+)?(?:send|e-?mail|forward|share|show|bring)\s+you\b", text,
                                                 re.IGNORECASE):
            return "action"  # "send you the names of the 2 courses": the user's promise to the mentor, typed among her points
        if unit.section == "action" and re.match(r"^(?:you should|you shouldn't|you need to|you must|don'?t|never"
                                                 r"|always)\b", text, re.IGNORECASE):
            return "advice"  # second-person counsel the user copied among their to-dos
        return unit.section
    if unit.checkbox and rule != "other" or unit.done:
        return "action"  # a checkbox is a task; ticked means done
    if unit.speaker == "me":
        # (a list typed in the user's own chat message, "ok so my list:", holds their tasks)
        if rule == "action" or (unit.bullet and unit.turn is not None and rule in (None, "advice")):
            return "action"
        # A chat message of the user's that is a bare chore ("call Sérgio until 05/12", "read
        # the SGHA of the contract"): a task they typed for themselves while the mentor spoke.
        chore = _first_verb(text) in _CHORE_VERBS or (_IMPERATIVE.match(text) and _DEADLINE.search(text))
        if unit.message and rule in (None, "advice") and chore and not _ADVICE_IMPERATIVE.match(text) \
                and not text.rstrip().endswith("?") and len(text.split()) <= 25:
            return "action"
        return None
    if unit.speaker == "mentor":
        if re.search(r"\b(?:i'd|i would|i wouldn't|i would not|if i were you|in your shoes)\b"
                     r"(?! (?:love|like|be (?:happy|glad)|appreciate|have to check))", text, re.IGNORECASE):
            return "advice"  # "I'd put teaching first": the mentor's counsel
        if _SELF_COMMIT.search(_CONJUNCTION.sub("", text)):
            return None  # "I'll send you the article" is the mentor's promise
        if _HOMEWORK.search(text):
            return "action"  # "Send me your CV once you have redone it": homework the mentor set
        if rule == "action" and re.match(r"^(?:(?:und|also|y|et)\s+)?(?:ich|je|j['’]|yo)\b", text, re.IGNORECASE):
            return None  # "Ich stelle dich nächste Woche Jonas vor": the mentor's own promise, in their words
        if _counsel_clause(text) is not None:
            return "advice"  # "So the thing I was trying to say – don't quit until you have an offer"
        if rule == "other":
            return None
        if rule is not None:
            return "advice"  # an imperative from the mentor is advice to the mentee
        if score is not None and score["advice"] >= 0.7 and len(text.split()) >= 4:
            return "advice"
        if unit.bullet:
            return "advice"  # a point in the mentor's own list ("the three things: 1. Finish ACCA first")
        return None
    if len(text) < 8 or len(text.split()) < 2 or (unit.fragment and rule is None and len(text.split()) < 3):
        return None  # a stray line or a word or two, outside any advice or action list
    if rule == "advice" and _IMPERATIVE.match(_CONJUNCTION.sub("", text)) and not _ADVICE_IMPERATIVE.match(text):
        # A bare imperative with a task verb in the user's own notes ("draft the paper",
        # "email Ravi") is usually their to-do; the classifier can still call it advice.
        deadline = _DEADLINE.search(text)
        if (_first_verb(text) in _CHORE_VERBS or deadline) and (score is None or score["advice"] < 0.6 or deadline) \
                and not counsel:
            return "action"
        return "advice"
    if rule is not None:
        return rule if rule != "other" else None
    if unit.fragment:  # a short line of its own ("first 100 days: listen, don't fix"): only when clear
        return max(score, key=score.get) if score and max(score.values()) >= 0.6 and \
            max(score, key=score.get) != "other" else None
    if unit.bullet and score is not None and score["other"] < 0.5:
        return "advice" if score["advice"] >= score["action"] else "action"  # a listed point, not a story
    if score is None:
        return None
    best = max(score, key=score.get)
    return best if best != "other" and score[best] >= 0.6 else None


def _unscan(text: str, scanned: bool = False) -> str:
    """What the rules read: a leading "Name:" gone, and in a scanned note OCR slips undone
    (a zero inside a word is an o, "rn" is often an m: "b00k", "rnark")."""
    text = re.sub(r"^(?-i:[A-Z][a-z]+):\s+(?=\S)", "", text)
    if scanned:
        text = re.sub(r"(?<=[A-Za-z])0|0(?=[a-z])", "o", text)
        text = re.sub(r"\brn(?=[aeiou])|(?<=[aeiou])rn(?=[aeiou])|(?<=e)rn\b", "m", text)
    return text


def _strip_lead(text: str) -> str:
    text = re.sub(r"^(?:TODO|To-?do|Action|done|me)\s*[:\-]\s*|^AI:\s*|^(?:todo|to-?do)\s+|^\((?:me|mine|my task)\)\s*", "",
                  text, flags=re.I).strip()
    text = _COMMENT_FROM.sub(r"\g<rest>", text)
    # A label inside the line: "her advice: send 3 tailored applications a week".
    text = re.sub(r"^(?:(?:her|his|their|my|the|main|key)\s+)?(?:advice|tips?|suggestions?|takeaways?|recommendations?"
                  r"|view|take|verdict)\s*(?:was|is)?\s*[:\-–]\s+(?=\S)", "", text, flags=re.I).strip()
    text = re.sub(r"^@?(?-i:[A-Z][\w'’.-]*)(?: (?-i:[A-Z][\w'’.-]*)){0,2}:\s+(?=[a-z])", "", text)  # "Lucía: send it"
    if re.fullmatch(r"[\"“][^\"“”]*[\"”]", text):  # a whole quoted sentence: the quotes go
        text = text[1:-1]
    return text.strip()


def _dedupe(items: list[ExtractedItem]) -> list[ExtractedItem]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item_key(item.text)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def extract_purpose(markdown: str, limit: int = 600) -> str | None:
    """The paragraph under a "Purpose" heading, for the meeting's purpose."""
    lines: list[str] = []
    inside = False
    for line in markdown.splitlines():
        heading = _heading(line)
        if heading:
            if inside:
                break
            inside = bool(_PURPOSE.match(heading[1].strip()))
            continue
        if inside:
            if not line.strip() and lines:
                break
            lines.append(line.strip())
    text = _clean(" ".join(lines))
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
