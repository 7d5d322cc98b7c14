"""Drafts composed from the brief by templates, for models that cannot write a good email
(the embedded SmolLM2, the test fake).

Wording is data: ``prompts/draft_templates/<kind>.yaml`` holds each part's 2–3 phrasing
variants, the subject lines and the phrasings of list items. Code only decides which parts
apply (``when`` flags) and fills in the user's own words from the store. The variant is
chosen by a stable hash of the person and the part, so drafts differ between people but
the same draft comes out the same twice (tests and "regenerate" stay predictable).
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mentordesk.drafting.brief import DraftBrief
from mentordesk.drafting.rubric import MAX_WORDS
from mentordesk.drafting.wording import REPORTED_TO_YOU, day_label, second_person, step_for_them, with_years
from mentordesk.grounding import best_supporting
from mentordesk.prompts import PROMPTS_DIR, PromptError, read_template_file
from mentordesk.relationships.lookup import called, first_name, fold
from mentordesk.relationships.views import AdviceView

TEMPLATES_DIR = PROMPTS_DIR / "draft_templates"
# Variables every template may use; ``compose`` fills all of them.
KNOWN_VARIABLES = frozenset({
    "first", "name", "company", "introducer", "introducer_first", "my_name", "my_first", "my_role",
    "goals", "values", "role", "last_topic", "last_date", "learned_one", "learned_list", "next_steps_list",
    "open_last_list", "open_earlier_list",
    "questions_list", "outcomes_list", "mention", "second", "wrote_on",
})
ITEM_VARIABLES = frozenset({"item", "outcome"})
MAX_LIST = 5
SHORT_LIST = 3
WORD_LIMITED = ("outreach", "intro")
WORD_LIMIT = MAX_WORDS  # the rubric's limit for first emails
CITE_SUPPORT = 0.5  # share of an item's words a passage must contain to be cited for it


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variants: list[str] = Field(min_length=1)
    when: list[str] = Field(default_factory=list)  # flags that must hold; "!flag" must not
    optional: bool = False  # dropped when the user asks for a shorter draft

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        return {"variants": value} if isinstance(value, list) else value


class DraftTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    variables: list[str]
    # Subject lines: a list of variants, or named parts with ``when`` flags (the first
    # part whose flags hold is used), e.g. one subject for a warm contact, one for a cold.
    subject: list[str] | dict[str, Part] = Field(default_factory=list)
    parts: dict[str, Part]
    phrases: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("variables")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = set(value) - KNOWN_VARIABLES
        if unknown:
            raise ValueError(f"unknown variables {sorted(unknown)}; known: {sorted(KNOWN_VARIABLES)}")
        return value

    @model_validator(mode="after")
    def _declared(self) -> DraftTemplate:
        texts = self.subject_variants() + [v for p in self.parts.values() for v in p.variants]
        used = set().union(*(_fields(t) for t in texts)) if texts else set()
        phrase_used = set().union(*(_fields(v) for vs in self.phrases.values() for v in vs)) if self.phrases else set()
        undeclared = (used - set(self.variables)) | (phrase_used - set(self.variables) - ITEM_VARIABLES)
        if undeclared:
            raise PromptError(f"draft template {self.name!r} uses undeclared variables: {sorted(undeclared)}")
        return self


    def subject_variants(self) -> list[str]:
        if isinstance(self.subject, dict):
            return [v for part in self.subject.values() for v in part.variants]
        return list(self.subject)

    def subject_for(self, flags: set[str]) -> list[str]:
        """The subject variants that fit the draft's flags."""
        if not isinstance(self.subject, dict):
            return list(self.subject)
        for part in self.subject.values():
            if _holds(part.when, flags):
                return part.variants
        return []


def _holds(when: Sequence[str], flags: set[str]) -> bool:
    return all((flag[1:] not in flags) if flag.startswith("!") else (flag in flags) for flag in when)


@cache
def load_template(name: str, directory: Path = TEMPLATES_DIR) -> DraftTemplate:
    return DraftTemplate(name=name, **read_template_file(directory, name, "draft template"))


@dataclass(frozen=True)
class Style:
    """Refinements asked for so far; composing with them is deterministic."""

    short: bool = False
    formal: bool = False
    mentions: tuple[str, ...] = field(default=())


def pick(options: Sequence[str], *key: str) -> str:
    digest = hashlib.sha256("\x1f".join(key).encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def compose(brief: DraftBrief, style: Style = Style()) -> tuple[str | None, str]:
    """(subject, body) for the brief's kind."""
    template = load_template(brief.kind)
    if brief.second_message and not style.short:  # a second message: only the parts that must be there
        style = Style(short=True, formal=style.formal, mentions=style.mentions)
    seed = brief.person.name
    values = _variables(brief, template, style)
    flags = {name for name, value in values.items() if value} | {brief.connection}
    paragraphs = []
    for part_name, part in template.parts.items():
        if style.short and part.optional:
            continue
        if not _holds(part.when, flags):
            continue
        paragraphs.append(pick(part.variants, seed, part_name).format(**values).strip())
    body = "\n\n".join(p for p in paragraphs if p)
    if style.mentions:
        body = _insert_mentions(body, brief, style.mentions)
    subjects = template.subject_for(flags)
    subject = pick(subjects, seed, "subject").format(**values).strip() if subjects else None
    if style.formal:
        body, subject = _formal(body), (_formal(subject) if subject else None)
    if brief.kind in WORD_LIMITED and not style.short and _words(body) >= WORD_LIMIT:
        # Long notes about the person or a "mention" can push past the limit: drop the
        # optional parts rather than send a long first email.
        return compose(brief, Style(short=True, formal=style.formal, mentions=style.mentions))
    return subject, body


# ----- variables from the brief --------------------------------------------------------
def _variables(brief: DraftBrief, template: DraftTemplate, style: Style) -> dict[str, str]:
    me, person = brief.me, brief.person
    # An email speaks to the mentor; the prep sheet is the user's own and keeps the note's words.
    meeting_day = brief.last_meeting.date if brief.last_meeting else None
    dated = (lambda text: with_years(text, meeting_day)) if meeting_day else (lambda text: text)
    address = dated if brief.kind == "prep" else (lambda text: dated(second_person(text, person.name)))
    limit = SHORT_LIST if style.short else MAX_LIST
    sources = [s.text for s in brief.sources]
    seed = person.name
    last = brief.last_meeting
    open_last = _open_from(brief, last=True)

    def steps(items: Sequence[AdviceView]) -> str:  # the user's steps as a cited list
        return _bullets([_cite(_sentence(address(_clean(a.text))), sources, a.text) for a in items[:limit]])

    values = {
        # (greeted as the Notes cell says they are called: "Hi Oom Gerrie", "Hi Dusty")
        "first": called(person) or first_name(person.name), "name": person.name, "company": person.company or "",
        "introducer": brief.introducer or "", "introducer_first": first_name(brief.introducer or ""),
        "my_name": me.name or "", "my_first": first_name(me.name or ""), "my_role": me.role or "",
        "goals": _sentence_fragment(me.goals or ""), "values": _join(me.values),
        "role": " ".join(re.sub(r"\([^)]*\)", " ", person.role or "").split()),  # not "(Liz's team)"
        "last_topic": _topic(last, person.name) if last else "",
        "last_date": day_label(last.date) if last else "",
        "second": "yes" if brief.second_message else "",
        "wrote_on": day_label(brief.wrote_on) if brief.wrote_on else "",
        "learned_one": address(_clean(brief.learned[0].text)) if brief.learned else "",
        "learned_list": _bullets([_cite(_sentence(address(_clean(a.text))), sources, a.text)
                                  for a in brief.learned[:limit]]),
        "next_steps_list": steps(brief.next_steps),
        # (a prep's "still open": the last meeting's open actions, else the ones left from before)
        "open_last_list": steps(open_last),
        "open_earlier_list": steps(_open_from(brief, last=False)) if not open_last else "",
        "outcomes_list": _bullets([
            _cite(pick(template.phrases.get("outcome_item", ["{item}: {outcome}."]), seed, o.text).format(
                item=address(_clean(o.text)), outcome=pick(template.phrases.get(f"outcome_{o.outcome}", [o.outcome or ""]),
                                                  seed, o.text)), sources)
            for o in brief.outcomes[:limit]
        ]),
        "questions_list": _questions(brief, template, sources, limit) if "questions_list" in template.variables else "",
        "mention": "",
    }
    return {k: v for k, v in values.items() if k in template.variables}


def _open_from(brief: DraftBrief, last: bool) -> list[AdviceView]:
    """The open actions of the last meeting (``last``), or of the meetings before it."""
    meeting = brief.last_meeting.id if brief.last_meeting is not None else None
    return [a for a in brief.next_steps if (a.meeting_id == meeting) == last]


def _questions(brief: DraftBrief, template: DraftTemplate, sources: list[str], limit: int) -> str:
    """3–5 questions, mixed so one source does not crowd out the others: up to two
    unreported outcomes, two open actions and one piece of last meeting's advice, then
    the standing questions worth bringing to any mentor. Action items about the mentor
    themselves ("Tell Daniel what I decide", "I'll send her the draft") are things to do,
    not questions to ask."""
    seed = brief.person.name
    phrases = template.phrases
    first = first_name(brief.person.name).lower()
    actions = [a for a in brief.next_steps if first not in a.text.lower() and not step_for_them(_clean(a.text))]
    found: list[str] = []
    for kind, items, cap in (("question_outcome", brief.outcomes, 2), ("question_action", actions, 2),
                             ("question_learned", brief.learned, 1)):
        for item in items[:cap]:
            # The questions are put to the mentor: advice the note reports ("Youssef recommended
            # …") is said to them ("Last time you recommended …"), never quoted back in the
            # third person.
            said = _clean(item.text) if kind == "question_action" else second_person(_clean(item.text),
                                                                                      brief.person.name)
            if kind != "question_action":  # quoted in the question: its own quotes become single ones
                said = said.replace('"', "'").replace("“", "‘").replace("”", "’")
            if kind == "question_learned" and REPORTED_TO_YOU.match(said):
                kind_used, said = "question_learned_reported", said[0].lower() + said[1:].rstrip(".")
            else:
                kind_used = kind
            text = pick(phrases[kind_used], seed, item.text).format(item=said, outcome=_outcome(item, template))
            found.append(_cite(text, sources, item.text))
    generic = phrases.get("question_generic", [])
    for question in generic[: max(0, limit - len(found[:limit - 1]))]:
        if len(found) >= limit:
            break
        found.append(question)
    return "\n".join(f"{n}. {q}" for n, q in enumerate(found[:limit], 1))


def _outcome(item: AdviceView, template: DraftTemplate) -> str:
    return pick(template.phrases.get(f"outcome_{item.outcome}", [item.outcome or ""]), item.text, "outcome")


def _insert_mentions(body: str, brief: DraftBrief, mentions: Sequence[str]) -> str:
    phrases = load_template("refine").phrases["mention"]
    extra = " ".join(pick(phrases, brief.person.name, m).format(item=m) for m in mentions)
    paragraphs = body.split("\n\n")
    # Before the sign-off, which is always the last paragraph.
    return "\n\n".join(paragraphs[:-1] + [extra] + paragraphs[-1:]) if len(paragraphs) > 1 else f"{body}\n\n{extra}"


def _formal(text: str) -> str:
    for informal, formal in _formal_pairs():
        text = text.replace(informal, formal)
    return text


@lru_cache(maxsize=1)
def _formal_pairs() -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in load_template("refine").phrases["formal"]:
        informal, _, formal = line.partition(" => ")
        pairs.append((informal, formal))
    return tuple(pairs)


# ----- small text helpers ------------------------------------------------------------------
_CHECKBOX = re.compile(r"^\s*(?:[-*+]\s*)?(?:\[[ xX]\]\s*)?")


def _clean(text: str) -> str:
    return _CHECKBOX.sub("", " ".join(text.split())).rstrip(" .;:")


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def _sentence_fragment(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _truncate(text: str, words: int) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + "…"


_MEETING_LABEL = re.compile(r"^(?:call|coffee|lunch|dinner|chat|meeting|mentoring|notes?|1:1|1-1|1on1|session|sync|"
                            r"catch[- ]?up|check[- ]?in|q&a|transcript|voice memo|re:|fwd:)\b|\d"
                            # ... or ends with one: "Bus notes", "Tomas debrief", "Dee call"
                            r"|\b(?:notes?|call|chat|debrief|recap|sync|session|1:1|meeting|catch[- ]?up)$",
                            re.IGNORECASE)


def _topic(meeting, name: str) -> str:
    """What the last meeting was about, in a few words: its purpose, else its title when
    the title names a subject. A title that only labels the meeting ("Call with Tanaka,
    3 March 2026", "amara-2025-10-28") says nothing a mentor would want read back: ""."""
    for text in (meeting.purpose or "", meeting.title or ""):
        first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0].rstrip(" .?!")
        names = {fold(w) for w in name.split() if len(w) > 2}  # "Tomás" in a name is "Tomas" in a title
        if not first or _MEETING_LABEL.search(first) or names & {fold(w.strip(",.:;()")) for w in first.split()}:
            continue
        if re.match(r"(?i)(?:re|fwd?|aw|wg)\b[\s:_]", first):
            continue  # "Fwd mfe role … job alert": the subject of a mail the notes were typed above
        return _truncate(first, 14)
    return ""


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def _join(items: Sequence[str]) -> str:
    items = [i.strip() for i in items if i.strip()]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _cite(text: str, sources: Sequence[str], basis: str | None = None) -> str:
    """Add [n] for the retrieved passage that holds this item, when one clearly does."""
    n, score = best_supporting(basis or text, sources)
    return f"{text} [{n}]" if n and score >= CITE_SUPPORT else text
