"""Wording rules for an email that goes to the mentor: the lines of the user's notes speak
of the mentor in the third person ("Priya suggested I ask for a range"), the email speaks
to them ("You suggested I ask for a range"); dates carry their year unless it is this
year's; the citation markers a draft is built with are kept beside the email, not in it.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.note_meta import MONTHS
from mentordesk.relationships.extraction.languages import not_english, without_reporting_lead

# Verbs that follow a reporting subject and change form with "you".
_AGREE = {"thinks": "think", "says": "say", "reckons": "reckon", "believes": "believe", "wants": "want",
          "was": "were", "is": "are", "has": "have", "doesn't": "don't", "does": "do", "feels": "feel",
          "likes": "like", "prefers": "prefer", "suggests": "suggest", "recommends": "recommend",
          "warns": "warn", "insists": "insist", "argues": "argue", "tells": "tell", "advises": "advise",
          "hates": "hate", "loves": "love", "knows": "know", "sees": "see", "asks": "ask",
          "doesn't think": "don't think", "does not think": "do not think", "doesn't want": "don't want"}
_REPORTING = (r"(?:also |strongly |really |gently |just )?(?:doesn't think|does not think|didn't think|doesn't want"
              r"|said|suggested|recommended|advised|told|thinks|reckons"
              r"|warned|pointed out|urged|encouraged|believes|wants|was|is|has|says|insisted|stressed|argued"
              r"|made the point|put it|mentioned|offered|asked|feels|prefers|suggests|recommends)\b")
CITATION = re.compile(r"\s*\[(\d{1,2})\]")
# Advice already said to the mentor ("You recommended focusing on two projects"), after second_person.
REPORTED_TO_YOU = re.compile(rf"^You {_REPORTING}", re.IGNORECASE)


def second_person(text: str, name: str) -> str:
    """``text`` about the mentor ``name``, rewritten to address them: their name becomes
    "you"/"your", and a sentence that opens with "She said ..." opens with "You said ...".
    Other people's names and pronouns in the middle of a sentence are left alone: they
    may be about someone else."""
    from mentordesk.relationships.lookup import untitled_words

    words = untitled_words(name, keep_lone_title=False)  # (["Amara", "Okonkwo"] of "Dr. Amara Okonkwo")
    if not words:
        return text
    names = sorted({name.strip(), " ".join(words), words[0], *([words[-1]] if len(words) > 1 else [])},
                   key=len, reverse=True)
    # "Thandi N" / "Thandi N." (the first name and the surname's initial, as notes tell two
    # Thandis apart) before "Thandi" alone, so the initial does not stay behind
    initial = [rf"{re.escape(words[0])}\s+{re.escape(words[-1][0])}\.?(?!\w)"] if len(words) > 1 else []
    alternatives = "|".join(initial + [re.escape(n) for n in names])
    who = rf"(?:(?:Dr\.?|Prof\.?|Mr\.?|Mrs\.?|Ms\.?)\s+)?(?:{alternatives})"
    text = re.sub(rf"\b{who}['’]s\b", "your", text)
    opening = re.compile(rf"^(?P<lead>(?:and|also|but|so)\s+)?(?:{who}|she|he|they)\s+(?P<verb>{_REPORTING})",
                         re.IGNORECASE)

    def lead(match: re.Match) -> str:
        verb = match["verb"]
        if verb.lower() in _AGREE:
            verb = _AGREE[verb.lower()]
        else:
            head, _, last = verb.rpartition(" ")
            last = _AGREE.get(last.lower(), last) if last else _AGREE.get(verb.lower(), verb)
            verb = f"{head} {last}" if head else last
        return f"{match['lead'] or ''}{'you' if match['lead'] else 'You'} {verb}"

    # A line of notes in German, French or Spanish: its reporting lead goes ("Brigitte empfiehlt,
    # dem Team …" -> "Dem Team …"), and the rest is quoted as written, names and all (an
    # English "you" in the middle of it would read as a slip).
    if not_english(text):
        return without_reporting_lead(text, who)
    # "Ingrid: "Never surprise the board."": the label goes, the quote is the advice.
    labelled = re.match(rf"^(?:{who}|she|he)\s*:\s*[\"“]?(?P<rest>.+?)[\"”]?\.?$", text, re.IGNORECASE)
    if labelled:
        text = labelled["rest"]
    # Each sentence of the line may open with "She said ...".
    # (not after a title: "Dr. Amara Okonkwo said" is one sentence)
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)"
                     r"\s+(?=[A-Z])", text)
    text = " ".join(opening.sub(lead, part) for part in parts)
    text = re.sub(r"\b(?:as|like) (?:she|he) (said|put it|suggested|recommended)\b", r"as you \1", text)
    # "…, he never replied but she says nudge once": a reporting clause after "but" or "and"
    # in the mentor's own advice is the mentor speaking (the "he" before it is someone else).
    # Present tense only: "and he said no" may well be someone else's past reply.
    text = re.sub(r"\b(but|and|so) (?:she|he) (says|thinks|reckons|suggests|recommends)\b",
                  lambda m: f"{m[1]} you {_AGREE.get(m[2], m[2])}", text)
    text = re.sub(rf"(?<![\w-]){who}(?![\w-])", "you", text)
    text = _my_step_to_you(text)
    text = re.sub(r"(^|[.!?]\s+)(you|your)\b", lambda m: m[1] + m[2].capitalize(), text)
    return text


# "I'll send her the draft by Friday" in a note about this mentor: the step is for them.
_MY_STEP_TO_THEM = re.compile(
    r"^(?P<lead>(?:[-*]\s+)?I(?:['’]ll| will| am going to|['’]m going to| promised to| need to| have to| should)?\s+"
    r"(?:also\s+|then\s+)?(?:send|email|e-mail|text|call|ask|tell|show|give|update|message|ping|thank|forward|"
    r"remind|invite|share with|get back to|follow up with|circle back with|report back to))\s+(?P<pronoun>her|him)\b",
    re.IGNORECASE)
_NOT_A_PERSON = {"I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                 "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                 "December", "LinkedIn", "CV"}


def step_for_them(text: str) -> re.Match | None:
    """The user's own step that sends or tells something to "her"/"him" ("I'll send her
    the draft by Friday"), in a line that names nobody else: in a note about one mentor,
    the step is for that mentor. (A capitalised word other than a day, a month or "I" may
    be the person meant, so such a line gives None.)"""
    match = _MY_STEP_TO_THEM.match(text)
    if match is None:
        return None
    others = [w for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+", text) if w not in _NOT_A_PERSON]
    return None if others else match


def _my_step_to_you(text: str) -> str:
    match = step_for_them(text)
    return f"{match['lead']} you{text[match.end():]}" if match else text


def day_label(day: dt.date, today: dt.date | None = None) -> str:
    """"7 March" in the current year, "7 March 2025" otherwise."""
    today = today or dt.date.today()
    label = f"{day.day} {day:%B}"
    return label if day.year == today.year else f"{label} {day.year}"


def without_citations(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with its [n] markers taken out, and (n, line) for each marker: the line it
    sat on, so a citation can be shown beside the sentence it supports."""
    found: list[tuple[int, str]] = []
    lines = []
    for line in text.splitlines():
        if not CITATION.search(line):
            lines.append(line)
            continue
        start = 0
        for match in CITATION.finditer(line):
            # The sentence the marker closes: from the last sentence end before it.
            before = line[:match.start()]
            ends = [m.end() for m in re.finditer(r"[.!?:]\s+(?=\S)", before)]
            start = max([start] + [e for e in ends if e <= len(before)])
            sentence = _tidy(CITATION.sub("", line[start:match.end()])).strip(" -*")
            found.append((int(match.group(1)), sentence))
        lines.append(_tidy(CITATION.sub("", line)).rstrip())
    return "\n".join(lines), found


def _tidy(text: str) -> str:
    """No space left before the punctuation a removed marker stood in front of."""
    return re.sub(r"(?<=\S) +(?=[.,;:!?](?:\s|$))", "", text)


# Month names as a calendar writes them ("March", "Mar", "Sept"), from ingest.note_meta's table.
_MONTHS = "|".join(sorted((name.capitalize() for name in MONTHS), key=len, reverse=True))
YEARLESS_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTHS})\b(?!,? \d{{4}})"
    rf"|\b(?P<month2>{_MONTHS}) (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})")


def with_years(text: str, meeting: dt.date, today: dt.date | None = None) -> str:
    """A yearless date in a line from a meeting's notes ("by Aug 7") gets its year when
    that is not the current one: the meeting's year, or the next for a month before the
    meeting's (notes in December about "by 10 January")."""
    today = today or dt.date.today()

    def add(match: re.Match) -> str:
        number = MONTHS[(match["month"] or match["month2"]).lower()]
        year = meeting.year + (1 if number < meeting.month else 0)
        return match.group(0) if year == today.year else f"{match.group(0)} {year}"

    return YEARLESS_DATE.sub(add, text)
