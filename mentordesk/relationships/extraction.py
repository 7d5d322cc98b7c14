"""Pulling advice and action items out of a meeting note, whatever its shape.

People write notes in many ways: headings ("## What she said", a Word "Heading 2"), label
lines ("Her advice:", "To do -", "Next steps for me: a, b and c."), bold labels, bullets,
numbered and ``1)`` lists, checkboxes, Q/A transcripts, pasted emails and plain prose
("She suggested I...", "I promised to..."). The extractor reads the structure first:
everything listed under an advice label is advice, under an action label an action. What
is left (prose, transcript answers, sentences of an email) is read sentence by sentence:
a few plain rules for the clear cases (a first-person commitment, "she suggested"), and a
small classifier over the MiniLM embeddings for the rest, when one is available.

Every item keeps the sentence it came from (``quote``), so it can be cited. Pure
functions; the classifier is passed in.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Protocol, Sequence

# Raise when the rules change: the next sync re-extracts every note (hand-set state is kept).
EXTRACTOR_VERSION = "2"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A line that is only bold text, "**Action items:**", works as a heading in many notes.
_BOLD_HEADING = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?):?\s*\1\s*:?\s*$")
# "Her advice:", "To do -", "Next steps for me: send the deck" (content may follow).
_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][\w' /&-]{1,40}?)(?:\*\*|__)?\s*(?::|\s[-–—]|\s?[-–—]$)"
                    r"(?:\*\*|__)?\s*(?P<rest>.*)$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•▪‣◦]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s+(?P<text>.*)$")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX✓✔])\]\s*(?P<text>.*)$")
_CALLOUT = re.compile(r"^\s*>\s?(?:\[!\w+\][-+]?\s*)?")
_SPEAKER = re.compile(r"^\s*(?:\*\*)?(?P<who>Q|A|Me|I|[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?)(?:\*\*)?\s*(?:\(\d[\d:]*\))?\s*[:：]\s*"
                      r"(?:\*\*)?\s*(?P<text>.+)$")

_ADVICE_LABEL = re.compile(
    r"^(?:(?:her|his|their|the|key|main|mentor'?s?|\w+'s)\s+)*(?:advice|takeaways?|take-aways?|lessons?(?: learned)?"
    r"|suggestions?|recommendations?|tips?|notes? from (?:her|him|them|\w+)|key points?|(?:her|his|their) notes"
    r"|(?:her|his|their) (?:view|take|thoughts)|what (?:i learned|i heard))\b"
    r"|^what (?:they|he|she|\w+) (?:said|suggested|recommended|thinks?)\b"
    r"|^(?:advice|feedback|input) (?:from|for)\b|^learnings?\b|^insights?\b",
    re.IGNORECASE,
)
_ACTION_LABEL = re.compile(
    r"^(?:my\s+)?(?:action items?|actions?(?: for me)?|next steps?(?: for me)?|to[- ]?dos?|follow[- ]?ups?(?: for me)?"
    r"|my actions|my to[- ]?dos?|my next steps|my follow[- ]?ups?|i will|i'll|commitments?|homework|tasks?"
    r"|what i(?:'ll| will) do|things to do|for me to do|owed by me)\b",
    re.IGNORECASE,
)
# Sections whose lines are never advice or actions: the mentee's questions, stories, the agenda.
_OTHER_LABEL = re.compile(
    r"^(?:(?:my |the )?questions?|stories|story|background|context|agenda|purpose|intro(?:duction)?s?(?: offered)?"
    r"|attendees|people|date|when|where|location|tags?|created|mentor|with|topics?|summary of (?:her|his) story"
    r"|(?:her|his|their) (?:news|update|story|background)|small talk|logistics|next (?:meeting|catch-up|session)"
    r"|subject|from|to|cc|sent|re)\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"^purpose\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedItem:
    kind: str  # advice | action
    text: str
    done: bool = False
    origin: str = "note"  # note | model
    quote: str | None = None  # the sentence of the note it was read from


class SentenceClassifier(Protocol):
    """Labels sentences "advice", "action" or "other" (see sentence_classifier.py)."""

    def classify(self, sentences: Sequence[str]) -> list[str]: ...


def _clean(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]+)\]\]", r"\1", text)  # Obsidian [[links]]
    text = re.sub(r"~~(.+?)~~", r"\1", text)
    return " ".join(text.split()).strip()


def _label_kind(title: str) -> str | None:
    """advice | action | other for a heading or label's words, else None."""
    title = re.sub(r"^\d+[.)]\s*", "", _clean(title).strip("*_:-– ").strip())
    if _ACTION_LABEL.match(title):
        return "action"
    if _ADVICE_LABEL.match(title):
        return "advice"
    if _OTHER_LABEL.match(title):
        return "other"
    return None


def _heading(line: str) -> tuple[int, str] | None:
    """(level, title) when the line is a heading; bold-only lines count as level 7."""
    match = _HEADING.match(line)
    if match:
        return len(match.group(1)), match.group(2)
    match = _BOLD_HEADING.match(line)
    if match:
        return 7, match.group("text")
    return None


# ----- sentences ------------------------------------------------------------------------
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Dr.", "Mr.", "Ms.", "Mrs.", "Prof.", "approx.", "incl.", "St.")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations such as "e.g." do not end one."""
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\x00"))
    parts = re.split(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\s+[-–—]{2}\s+|;\s+(?=[A-Z])", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p and p.strip()]


# ----- rules for prose -------------------------------------------------------------------
_SELF_COMMIT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:so|and|then|now|next,?|also,?|first,?|suggested,?|agreed,?)\s+)"
    r"(?:i(?:'ll| will| shall| am going to|'m going to| am gonna|'m gonna| promised to| need to| have to| must"
    r"| want to| plan to| intend to| committed to| agreed to| offered to| owe (?:her|him|them)| am to|'m to"
    r"| should really| also need to| will also| 'll also)|my (?:next )?(?:step|action|task|homework|to-?do)s?"
    r"(?: for \w+)? (?:is|are|will be)|next steps? for me|for me to do|to-?do\b|todo\b|action\b)",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:she|he|they|[A-Z][a-z]+)(?:'s| has| had| have)?\s+(?:also\s+|strongly\s+|really\s+|gently\s+)?"
    r"(?:suggested|suggests|recommended|recommends|advised|advises|urged|urges|encouraged|encourages|told me|tells me"
    r"|thinks|thought|believes|said|says|warned|warns|pushed me|nudged me|insisted|insists|reckons|reckoned"
    r"|stressed|emphasi[sz]ed|pointed out|felt|feels|was clear that|is clear that|made the point)\b"
    r"|\b(?:her|his|their|[A-Z][a-z]+'s)\s+(?:view|advice|take|point|rule|suggestion|recommendation|tip|position"
    r"|opinion|message|main point|line|mantra|framing|argument|verdict)\b"
    r"|\baccording to (?:her|him|them|[A-Z][a-z]+)\b|\bas (?:she|he|they|you) (?:suggested|said|put it|recommended)\b"
    r"|\b(?:you|i) (?:should|shouldn't|must|mustn't|ought to|could try|might try|need to stop)\b",
    re.IGNORECASE,
)
_MENTOR_TASK = re.compile(
    r"^(?:she|he|they|[A-Z][a-z]+)(?:'ll| will| is going to| offered to| promised to| said she'd| said he'd| would)"
    r"\s+(?:send|share|intro|introduce|connect|forward|look|check|dig|find|email|ping|review|read|put|loop|ask|talk)",
)
_IMPERATIVE = re.compile(
    r"^(?:don'?t|do not|never|always|avoid|stop|start|try|keep|ask|say|make|focus|write|talk|pick|choose|push|build"
    r"|find|get|take|treat|think|spend|put|let|lead|learn|read|be|go|use|stay|practi[cs]e|negotiate|delegate"
    r"|document|frame|protect|prioriti[sz]e|set|give|show|share|volunteer|look|aim|remember|consider|prepare|test"
    r"|resist|trust|assume|separate|own|measure|track|invest|hire|trade|plan|block|drop|move|stick|lean|double|cut)\b",
    re.IGNORECASE,
)
_PAST_OR_META = re.compile(
    r"^(?:we (?:talked|discussed|covered|spoke|met|chatted|caught up|went)|i (?:asked|told|mentioned|explained|shared"
    r"|had|was|felt|came|wanted to ask|brought)|she (?:asked|told me about|talked about|shared|mentioned that she"
    r"|has|had|is|was|joined|moved|started|works)|he (?:asked|told me about|talked about|shared|has|had|is|was|joined"
    r"|moved|started|works))\b",
    re.IGNORECASE,
)


def rule_kind(sentence: str) -> str | None:
    """advice | action | other when a plain rule decides it, else None (ask the classifier)."""
    text = sentence.strip().strip("\"“”'")
    lowered = text.lower()
    if not text or len(text) < 8:
        return "other"
    if text.endswith("?") and not _REPORTED.search(text):
        return "other"  # a question (the mentee's, usually)
    if _MENTOR_TASK.match(text):
        return "other"  # the mentor's own promise
    if _SELF_COMMIT.search(text):
        return "action"
    if re.match(r"^(?:hi|hello|hey|dear|thanks|thank you|best|cheers|regards|warmly|talk soon)\b", lowered) \
            and len(text.split()) <= 12:
        return "other"
    if _PAST_OR_META.match(text) and not _REPORTED.search(text):
        return "other"
    if _REPORTED.search(text):
        return "advice"
    if _IMPERATIVE.match(text):
        return "advice"
    return None


# ----- several tasks in one sentence -----------------------------------------------------
_TASK_VERBS = frozenset("""
send email e-mail book read ask write draft update share schedule call follow reach introduce intro set prepare
prep review talk meet check look find try start finish apply sign join buy order research practice practise list
make get plan block reply thank post publish connect message text ping watch listen sketch outline compile collect
gather map pick choose decide propose pitch present run test track log keep record note document revise rewrite edit
submit invite organise organize arrange confirm move learn study take do go visit attend register renew fix build
ship raise negotiate tell let show give offer brainstorm identify rank shortlist refresh polish clarify summarise
summarize circulate loop sync align finalise finalize complete close contact sort put dig draw turn bring create
design print mail forward push lock nail spend cut drop clear enrol enroll volunteer interview shadow pair
""".split())
_TASK_LEAD = re.compile(
    r"^(?:.*?\b(?:next steps? for me|my next steps?|my actions?|to-?dos?|action items?|for me)\s*(?:is|are|:|-)?\s*"
    r"|(?:so |and |then |also )?i(?:'ll| will| am going to|'m going to| need to| have to| promised to| plan to"
    r"| want to| agreed to)\s+(?:also\s+)?)",
    re.IGNORECASE,
)


def split_tasks(sentence: str) -> list[str]:
    """"Next steps for me: send the deck, book a call with Ravi and read chapter 3." ->
    ["send the deck", "book a call with Ravi", "read chapter 3"]. A part that does not start
    with a verb stays with the one before it, so "risks, costs and timelines" is not split."""
    lead = _TASK_LEAD.match(sentence)
    body = sentence[lead.end():] if lead else sentence
    body = body.strip().rstrip(".!;")
    pieces = re.split(r",?\s+and then\s+|,\s*and\s+|,\s*then\s+|;\s*|,\s*|\s+and\s+|\s+then\s+|\s+&\s+", body)
    tasks: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        first = re.sub(r"^(?:also|then|to|finally|and)\s+", "", piece.lower()).split(" ", 1)[0].strip("(")
        if tasks and first not in _TASK_VERBS:
            tasks[-1] += (", " if not piece.lower().startswith("and") else " ") + piece
        else:
            tasks.append(piece)
    verbs = [t for t in tasks if re.sub(r"^(?:also|then|to|finally)\s+", "", t.lower()).split(" ", 1)[0] in _TASK_VERBS]
    if len(tasks) >= 2 and len(verbs) == len(tasks):
        return [re.sub(r"^(?:also|then|to|finally)\s+", "", t).strip() for t in tasks]
    return [sentence.strip()]


# ----- the note's structure ----------------------------------------------------------------
@dataclass
class _Unit:
    """A piece of the note to judge: a bullet, a sentence of prose or a transcript turn."""

    text: str
    section: str | None  # advice | action | other | None (unlabelled)
    done: bool = False
    bullet: bool = False
    speaker: str | None = None  # "mentor" | "me" | None


_SELF_SPEAKERS = {"q", "me", "i", "mentee"}


def _units(markdown: str) -> list[_Unit]:
    units: list[_Unit] = []
    section: str | None = None
    section_level = 99
    # A label line ("To do:", "**Advice**") opens a section that ends at the first line after
    # a blank one that is not a list item, once the section holds something; a Markdown
    # heading's section lasts until the next heading of its level or higher.
    label_section = False
    label_filled = False
    after_blank = False
    in_fence = False
    paragraph: list[str] = []
    current: _Unit | None = None
    seen_speakers: set[str] = set()

    def flush_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            text = " ".join(paragraph)
            for sentence in split_sentences(text):
                units.append(_Unit(sentence, section))
        paragraph = []

    def flush_bullet() -> None:
        nonlocal current
        if current is not None:
            units.append(current)
        current = None

    for raw in markdown.splitlines():
        line = _CALLOUT.sub("", raw) if raw.lstrip().startswith(">") else raw
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            flush_bullet(); flush_paragraph()
            continue
        if in_fence:
            continue
        if not line.strip():
            flush_bullet(); flush_paragraph()
            after_blank = True
            continue
        if label_section and label_filled and after_blank and not _BULLET.match(line):
            section, label_section, label_filled = (None if section_level == 7 or section_level == 99 else section), \
                False, False
            if section_level == 7:
                section_level = 99
        after_blank = False
        heading = _heading(line)
        if heading:
            level, title = heading
            flush_bullet(); flush_paragraph()
            kind = _label_kind(title)
            if kind is not None:
                section, section_level, label_section, label_filled = kind, level, level == 7, False
            elif level <= section_level:
                section, section_level, label_section = None, 99, False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush_bullet(); flush_paragraph()
            text = bullet.group("text")
            box = _CHECKBOX.match(text)
            done = bool(box and box.group("mark") != " ") or bool(re.search(r"~~.+~~|\((?:done|sent|booked)\)", text, re.I))
            text = box.group("text") if box else text
            # "- Her advice: ask for the scope" or "- To do:" inside a list
            label = _LABEL.match(text)
            if label and _label_kind(label["label"]) in ("advice", "action") and not label["rest"].strip():
                section, label_section = _label_kind(label["label"]), True
                continue
            current = _Unit(text, section, done, bullet=True)
            label_filled = True
            continue
        if current is not None and line[:1].isspace():
            current.text += " " + line.strip()
            continue
        flush_bullet()
        label = _LABEL.match(line)
        kind = _label_kind(label["label"]) if label else None
        speaker = _SPEAKER.match(line)
        if label and kind is not None and not (speaker and kind not in ("advice", "action") and label["rest"]
                                               and speaker["who"].lower() not in ("to", "from", "subject")):
            flush_paragraph()
            rest = label["rest"].strip()
            if kind == "other":
                if rest:
                    units.append(_Unit(rest, "other"))
                section, label_section = "other", True
                continue
            section, label_section, label_filled = kind, True, bool(rest)
            section_level = 99 if section_level == 99 else section_level
            if rest:
                for sentence in split_sentences(rest):
                    units.append(_Unit(sentence, kind))
            continue
        if speaker and speaker["who"].lower() not in ("http", "https", "note", "ps", "p.s"):
            flush_paragraph()
            who = speaker["who"].lower()
            seen_speakers.add(who)
            role = "me" if who in _SELF_SPEAKERS else "mentor"
            for sentence in split_sentences(speaker["text"]):
                units.append(_Unit(sentence, section if section in ("advice", "action") and role == "mentor" else None,
                                   speaker=role))
            label_filled = True
            continue
        paragraph.append(line.strip())
        label_filled = True
    flush_bullet(); flush_paragraph()
    return units


def extract_items(markdown: str, classifier: SentenceClassifier | None = None) -> list[ExtractedItem]:
    """Advice and action items of a note, in note order (see the module docstring).

    Listed items under an advice or action label take the label's kind; a label line's own
    text and the sentences of prose and transcripts are judged one by one. Checkboxes set
    ``done``. With no classifier, sentences no rule decides are left out.
    """
    units = [u for u in _units(markdown) if _clean(u.text)]
    undecided = [u for u in units if u.section is None and rule_kind(_clean(u.text)) is None]
    labels = dict(zip(map(id, undecided), classifier.classify([_clean(u.text) for u in undecided]))) \
        if classifier is not None and undecided else {}
    items: list[ExtractedItem] = []
    for unit in units:
        text = _clean(unit.text)
        if unit.section in ("advice", "action"):
            kind = unit.section
            if unit.section == "advice" and rule_kind(text) == "action" and not unit.bullet:
                kind = "action"  # "I'll try it next week" in a paragraph under "Her advice"
        elif unit.section == "other":
            continue
        else:
            kind = rule_kind(text) or labels.get(id(unit), "other")
            if unit.speaker == "me" and kind == "advice":
                kind = "other"  # the mentee's own turn gives no advice
        if kind not in ("advice", "action"):
            continue
        if unit.speaker == "mentor" and kind == "action" and not _SELF_COMMIT.search(text):
            kind = "advice"  # "Book the next session" said by the mentor is advice to me
        if kind == "action":
            for task in split_tasks(text):
                items.append(ExtractedItem("action", _strip_lead(task), unit.done, quote=text))
        else:
            items.append(ExtractedItem("advice", _strip_lead(text), unit.done, quote=text))
    return _dedupe(items)


def _strip_lead(text: str) -> str:
    text = re.sub(r"^(?:TODO|To-?do|Action|AI)\s*[:\-]\s*", "", text, flags=re.I)
    return text.strip().strip("\"“”").strip()


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


# ----- matching old items to new ones, so outcomes survive an edit --------------------
def item_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def match_items(old: Sequence[str], new: Sequence[str], fuzzy: float = 0.9) -> dict[int, int]:
    """Map index in ``new`` -> index in ``old`` for items that are the same.

    Exact text (ignoring case and punctuation) first; then, among the rest, near-identical
    text (a fixed typo) with a similarity of at least ``fuzzy``.
    """
    old_keys = [item_key(t) for t in old]
    new_keys = [item_key(t) for t in new]
    free: dict[str, list[int]] = {}
    for i, key in enumerate(old_keys):
        free.setdefault(key, []).append(i)
    matches: dict[int, int] = {}
    for j, key in enumerate(new_keys):
        if free.get(key):
            matches[j] = free[key].pop(0)
    unmatched_old = [i for i in range(len(old)) if i not in matches.values()]
    candidates = sorted(
        (
            (difflib.SequenceMatcher(None, new_keys[j], old_keys[i]).ratio(), j, i)
            for j in range(len(new)) if j not in matches
            for i in unmatched_old
        ),
        reverse=True,
    )
    used: set[int] = set()
    for ratio, j, i in candidates:
        if ratio < fuzzy:
            break
        if j not in matches and i not in used:
            matches[j] = i
            used.add(i)
    return matches


# ----- free text, with a capable model ---------------------------------------------------
def parse_model_items(answer: str) -> list[ExtractedItem]:
    """Read the model's JSON list of {"kind", "text"}; anything else is an error."""
    start, end = answer.find("["), answer.rfind("]")
    if start < 0 or end < start:
        raise ValueError("the model did not answer with a JSON list")
    try:
        data = json.loads(answer[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"the model's list is not valid JSON: {exc.msg}") from None
    items = []
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict):
            continue
        kind, text = str(entry.get("kind", "")).lower(), _clean(str(entry.get("text", "")))
        if kind in ("advice", "action") and text:
            items.append(ExtractedItem(kind, text, origin="model"))
    return items


def extract_with_model(model, markdown: str) -> list[ExtractedItem]:
    """Advice and actions stated in prose, which bullets miss. Only for a capable model."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from mentordesk.prompts import load_prompt

    system, user = load_prompt("extract_advice").render(note=markdown[:12000])
    answer = model.invoke([SystemMessage(system), HumanMessage(user)])
    return parse_model_items(str(answer.content))


def merge_model_items(from_rules: list[ExtractedItem], from_model: list[ExtractedItem],
                      note: str | None = None) -> list[ExtractedItem]:
    """The rules' items win; the model adds only items they do not already hold, and, given
    the note, only items whose words are in it (an item the model made up is dropped)."""
    known = [i.text for i in from_rules]
    extra = []
    for item in from_model:
        quote = find_span(note, item.text) if note is not None else item.text
        if quote is None:
            continue
        if not match_items(known, [item.text], fuzzy=0.8):
            extra.append(ExtractedItem(item.kind, item.text, item.done, item.origin, quote))
            known.append(item.text)
    return from_rules + extra


def find_span(note: str, text: str, threshold: float = 0.8) -> str | None:
    """The sentence of ``note`` that holds ``text`` (most of its words, in any order), or
    None when the note does not say it."""
    words = set(item_key(text).split())
    if not words:
        return None
    best, best_score = None, 0.0
    for line in note.splitlines():
        for sentence in split_sentences(_clean(line)):
            have = set(item_key(sentence).split())
            score = len(words & have) / len(words)
            if score > best_score:
                best, best_score = sentence, score
    return best if best_score >= threshold else None
