"""The rubric every draft is checked against, whoever wrote it (templates or a model).
Used by the Drafts page, the CLI (failures go to stderr), the tests and ``eval/``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ingest.injection import addressed_to_an_assistant
from mentordesk.drafting import EMAIL_KINDS
from mentordesk.drafting.brief import DraftBrief
from mentordesk.drafting.wording import CITATION, YEARLESS_DATE
from mentordesk.grounding import support
from mentordesk.relationships.lookup import first_name

MAX_WORDS = 150
SUBJECT_KINDS = EMAIL_KINDS  # an email has a subject
PLACEHOLDER = re.compile(
    r"\[(?!\d{1,2}\])[^\]\n]*[A-Za-z][^\]\n]*\]"  # [Your Name], [Company]; [1] is a citation
    r"|\{[^}\n]*\}"                                 # {name}
    r"|<[A-Z][A-Za-z ]*>"                           # <Name>
    r"|\bTODO\b|\bXXX\b|\bTBD\b"
)
ASK = re.compile(r"\b(call|coffee|chat|meet)\b", re.I)
ASK_LENGTH = re.compile(r"\b(20|30|twenty|thirty)\b[^.?!]*\bminutes?\b", re.I)
FLEXIBLE = re.compile(r"flexib|time and place|fit around your|whatever time|any time|your schedule", re.I)
PREPARED = re.compile(r"come prepared|will be prepared|questions (written|ready)|prepared with", re.I)
MUTUAL = re.compile(r"in return|mutual|for you too|useful to you|happy to share|i can offer|benefit", re.I)
THANKS = re.compile(r"\bthank", re.I)
LEARNED = re.compile(r"\blearn|took away|taking away|takeaway|stayed with me", re.I)
NEXT_STEPS = re.compile(r"next steps?|\bI will\b|\bI'll\b|\bI plan\b", re.I)
PURPOSE = re.compile(r"^\s*\**purpose\b", re.I | re.M)
QUESTION_LINE = re.compile(r"^\s*(?:\d+[.)]|[-*])\s+.*\?", re.M)


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class RubricResult:
    checks: tuple[Check, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def get(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    def to_dict(self) -> dict:
        return {"passed": self.passed, "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail}
                                                  for c in self.checks]}


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def check_draft(subject: str | None, body: str, brief: DraftBrief, today: dt.date | None = None) -> RubricResult:
    kind, person, me = brief.kind, brief.person, brief.me
    checks: list[Check] = []

    def add(name: str, passed: bool, detail: str = "") -> None:
        checks.append(Check(name, bool(passed), "" if passed else detail))

    if kind in SUBJECT_KINDS:
        add("has_subject", subject and subject.strip(), "no subject line")
    first = first_name(person.name)
    add("names_person", re.search(rf"\b{re.escape(first)}\b", body, re.I), f"does not name {person.name}")
    if kind in ("outreach", "intro") and person.company and not (kind == "outreach" and brief.connection == "met"):
        add("names_company", person.company.lower() in body.lower(), f"does not name {person.company}")
    if kind == "outreach":
        asks = [s for s in re.split(r"(?<=[.?!])\s+", body) if s.strip().endswith("?")]
        add("one_ask", len(asks) == 1 and ASK.search(asks[0]) and ASK_LENGTH.search(body),
            f"needs exactly one ask for a 20-30 minute call or coffee (found {len(asks)} questions)")
        add("flexible", FLEXIBLE.search(body), "does not say you are flexible on time and place")
        add("prepared", PREPARED.search(body), "does not say you will come prepared")
        add("mutual_benefit", MUTUAL.search(body), "does not say what is in it for them")
    if (kind == "outreach" and brief.connection == "warm") or kind == "intro":
        introducer = brief.introducer or ""
        named = introducer and re.search(rf"\b{re.escape(introducer.split()[0])}\b", body)
        add("names_introducer", named, f"does not name the introducer {introducer or '(none)'}")
    if kind in ("outreach", "intro"):
        words = word_count(body)
        add("under_150_words", words < MAX_WORDS, f"{words} words; keep it under {MAX_WORDS}")
    if kind == "prep":
        questions = len(QUESTION_LINE.findall(body))
        add("three_to_five_questions", 3 <= questions <= 5, f"{questions} questions; write 3 to 5")
        add("purpose_statement", PURPOSE.search(body), "no purpose statement (a line starting 'Purpose:')")
    if kind == "followup":
        add("thanks", THANKS.search(body), "does not thank them")
        add("learned", LEARNED.search(body), "does not say what you learned")
        add("next_steps", NEXT_STEPS.search(body), "does not state your next steps")
    if kind == "update":
        mentioned = any(support(o.text, body) >= 0.6 for o in brief.outcomes)
        add("mentions_outcome", mentioned, "mentions none of the outcomes waiting to be reported")
    if kind == "thanks":
        add("thanks", THANKS.search(body), "does not thank them")
    if kind != "prep":  # prep is the user's own notes, not a letter
        tail = "\n".join(body.strip().splitlines()[-4:])
        add("signed", me.name and me.name in tail, f"not signed with your name ({me.name})")
    placeholders = PLACEHOLDER.findall(f"{subject or ''}\n{body}")
    add("no_placeholder", not placeholders, f"placeholder {placeholders[0] if placeholders else ''}")
    instructions = [line for line in f"{subject or ''}\n{body}".splitlines() if addressed_to_an_assistant(line)]
    add("no_instructions", not instructions,
        f"carries a line addressed to an AI assistant, not to {first}: {instructions[0][:80] if instructions else ''!r}")
    markers = CITATION.findall(f"{subject or ''}\n{body}")
    add("no_citation_markers", not markers,
        f"[{markers[0] if markers else ''}] is in the text: sources belong beside the email, not in it")
    if kind == "outreach":
        _check_connection(add, subject, body, brief)
    if kind != "prep":
        _check_private(add, body, brief)
    if kind in ("followup", "update", "thanks", "outreach", "prep"):
        # A prep is the user's own page, but its questions are put to the mentor.
        said = "\n".join(QUESTION_LINE.findall(body)) if kind == "prep" else body
        third = _third_person(said, person.name)
        add("speaks_to_them", not third, f"speaks of {first} in the third person: {third!r}")
    last = brief.last_meeting
    yearless = [match.group(0) for match in YEARLESS_DATE.finditer(body)]
    stale = last is not None and last.date.year != (today or dt.date.today()).year
    add("dates_have_year", not (yearless and stale),
        f"{yearless[0] if yearless else ''!r} has no year, and the meeting was in {last.date.year if last else ''}")
    return RubricResult(tuple(checks))


_SAID = ("said|suggested|recommended|advised|told me|thinks|reckons|warned|pointed out|urged|encouraged|believes"
         "|wants me|was clear|insisted|stressed|doesn't think|does not think|didn't think")
_NEVER_MET = re.compile(r"\b(?:we )?haven'?t met|never met|we have not met|don'?t know me|you don'?t know me", re.I)
_INTRODUCED = re.compile(r"\bsuggested I (?:reach out|get in touch|write|contact)|introduced (?:me|us)|thought we should meet"
                         r"|\bintroduc", re.I)


def _check_connection(add, subject: str | None, body: str, brief: DraftBrief) -> None:
    """The email fits how the user knows the person: no introducer invented for a cold
    contact, no "we haven't met" to someone they have met."""
    text = f"{subject or ''}\n{body}"
    if brief.connection == "met":
        add("fits_connection", not _NEVER_MET.search(text), "says you have never met, but you have met before")
    elif brief.connection == "cold":
        add("fits_connection", not _INTRODUCED.search(text), "mentions an introduction, but nobody introduced you")
    else:
        add("fits_connection", True)


def _check_private(add, body: str, brief: DraftBrief) -> None:
    """The tracking table's Notes cell is the user's private note about the person."""
    notes = brief.private_notes
    if not notes:
        add("no_private_notes", True)
        return
    # (without an imported column's header: "Next step: send update on promo case")
    parts = [re.sub(r"^[A-Z][\w /'’-]{0,30}:\s+", "", part) for part in re.split(r"(?<=[.!?;])\s+", notes)]
    pasted = any(len(part.split()) >= 3 and support(part, body) >= 0.8 for part in parts if part.strip())
    add("no_private_notes", not pasted, "quotes the private Notes of your tracking table")


def _third_person(body: str, name: str) -> str:
    """A sentence of the email that reports the mentor to themselves ("Priya suggested ..."),
    or ""."""
    first = first_name(name) or name
    names = "|".join(re.escape(n) for n in sorted({name, first}, key=len, reverse=True))
    pattern = re.compile(rf"(?:^|[.!?:]\s+|^\s*(?:[-*]|\d+[.)])\s+|[\"“]|\b(?:and|so|but|that)\s+)"
                         rf"(?:(?:{names})|she|he)\s+(?:also\s+)?(?:{_SAID})\b",
                         re.I | re.M)
    match = pattern.search(body)
    return match.group(0).strip(" -*.") if match else ""
