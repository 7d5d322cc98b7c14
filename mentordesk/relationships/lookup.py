"""Finding a person from a name the user typed.

"Priya Raman", "priya", "Raman" and "Priya Raman (Larkspur)" all find the same person. A
name that matches no one is an error that suggests close matches, so a typo costs one
retry and never creates a second "Pryia".
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.errors import UserError
from store.tables import STAGES, Person
from vectorstore.filters import mentor_key, without_possessives

_WITH_COMPANY = re.compile(r"^(?P<name>.+?)\s*\((?P<company>[^()]+)\)\s*$")

P = TypeVar("P")


class PersonNotFound(UserError):
    def __init__(self, message: str, suggestions: Sequence[str] = ()):
        super().__init__(message)
        self.suggestions = list(suggestions)


def name_key(name: str | None) -> str:
    return mentor_key(name) or ""  # one normalisation for people and the index: O’Sullivan is O'Sullivan


def label(person) -> str:
    return f"{person.name} ({person.company})" if getattr(person, "company", None) else person.name


def match_person(people: Sequence[P], typed: str, exact_only: bool = False) -> P:
    """The one person ``typed`` names, else ``PersonNotFound`` with suggestions.

    Order: exact full name (with an optional "(Company)" to tell namesakes apart), then a
    unique first or last name, then a unique part of a name. ``exact_only`` (for deleting) never
    takes a part of a name: "tha" must not delete Jonathan (a unique whole first name may).
    """
    text = " ".join(typed.split())
    if not text:
        raise PersonNotFound("the name is empty")
    company = None
    match = _WITH_COMPANY.match(text)
    if match:
        text, company = match["name"], name_key(match["company"])
    key = name_key(text)

    exact = [p for p in people if name_key(p.name) == key]
    if company is not None:
        exact = [p for p in exact if name_key(p.company) == company] or [
            p for p in people if name_key(label(p)) == name_key(typed)
        ]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(typed, exact)
    for candidates in (
        [p for p in people if key in name_key(p.name).split()],
        [p for p in people if key in name_key(p.name)] if len(key) >= 3 and not exact_only else [],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise _ambiguous(typed, candidates)
    if exact_only:
        near = [label(p) for p in people if key and key in name_key(p.name)] or _not_found(typed, people).suggestions
        hint = f"; type the full name ({' or '.join(near[:3])})" if near else ""
        raise PersonNotFound(f"no one is named {typed!r}{hint}", near[:3])
    raise _not_found(typed, people)


def _ambiguous(typed: str, matches: Sequence) -> PersonNotFound:
    labels = [label(p) for p in matches]
    return PersonNotFound(f"{typed!r} matches several people: {', '.join(labels)}; use the full name", labels)


def _not_found(typed: str, people: Sequence) -> PersonNotFound:
    if not people:
        return PersonNotFound(f"no one named {typed!r}: your list is empty (add people with `mentors add NAME`)")
    by_key: dict[str, str] = {}
    for p in people:
        by_key.setdefault(name_key(p.name), p.name)
        for part in name_key(p.name).split():
            by_key.setdefault(part, p.name)
    close = difflib.get_close_matches(name_key(typed), list(by_key), n=6, cutoff=0.6)
    suggestions = list(dict.fromkeys(by_key[c] for c in close))[:3]
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    return PersonNotFound(f"no one named {typed!r} in your list{hint}", suggestions)


def find_person(session: Session, typed: str | int, exact_only: bool = False) -> Person:
    """The person a typed name finds, or, for an int, the person with that id (the app
    knows which row was picked, so namesakes never make its edits ambiguous)."""
    if isinstance(typed, int):
        person = session.get(Person, typed)
        if person is None:
            raise PersonNotFound(f"no one with id {typed} in your list (they may have been deleted)")
        return person
    return match_person(session.scalars(select(Person).order_by(Person.id)).all(), typed, exact_only)


def best_for_mentor_name(people: Sequence[Person], mentor: str) -> Person | None:
    """For a note's ``mentor:`` line: the person with exactly that name, preferring the
    most advanced stage when namesakes exist (the one the user meets)."""
    key = name_key(mentor)
    same = [p for p in people if name_key(p.name) == key]
    if not same:
        return None
    return max(same, key=lambda p: (STAGES.index(p.stage) if p.stage in STAGES else -1, -(p.id or 0)))


# Words that start many first names but are words first ("Can" for Candice, "Art" for Arthur).
_NOT_SHORT_NAMES = {"can", "art", "will", "mar", "jan", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                    "feb", "apr", "the", "and", "her", "his", "she", "pat", "rob", "bill", "sun", "mon", "tue",
                    "wed", "thu", "fri", "sat", "new", "call", "chat", "lunch", "notes", "note", "meeting", "session",
                    "summary", "recap", "today", "monday", "tuesday"}
_HONORIFICS = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame",
               # West African forms of respect before the name: "Aunty Bisi", "Oga Femi", "Engr. Tunde"
               "aunty", "auntie", "uncle", "oga", "chief", "engr", "pastor",
               # Filipino and Malay ones: "Kuya Ben", "Ate Joy", "Tita Des", "Kak Nurul"
               "kuya", "ate", "tita", "tito", "manong", "manang", "kak", "kakak", "abang", "encik", "puan", "cik",
               # written after the name: "Anand sir", "Meera ma'am", "Anand bhaiya", "Lakshmi maam"
               "maam", "madam", "bhaiya", "bhai", "didi", "ji", "garu", "sahab", "saab",
               # French: "Mme Roy", "Me Arsenault" (a lawyer; not "M.", which is also an initial), "matante Lise", "mononc' Réal"
               "mme", "mlle", "me", "maître", "maitre", "matante", "mononc", "mononcle", "tante", "oncle",
               # Spanish: "Doña Carmen", "Lic. Ruiz", "Ing. Pérez", "la profe Marta" (not "Don": also a name)
               "doña", "dona", "lic", "licenciada", "licenciado", "ing", "ingeniero", "ingeniera", "profe", "dra",
               "sra", "srta", "mtro", "mtra", "maestro", "maestra",
               # German: "Frau Dr. Hofer", "mit Herrn Prof. Brandt", "Mag. Huber" (Austria), "Dipl.-Ing."
               "frau", "herr", "herrn", "mag", "dipl",  # ("Sr." is left out: "SR" is also initials)
               # Māori forms of respect: "Whaea Anahera", "Matua Rawiri", "Koro Hemi", "Kui Mere"
               "whaea", "matua", "koro", "kui", "kuia",
               # Afrikaans, for an older person: "Oom Gerrie", "Tannie Marietjie"
               "oom", "tannie",
               # a trade's or a team's: "Chef Renee", "Chef M", "Coach Taylor"
               "chef", "coach"}
# A family title that the notes may use as the name itself ("appel avec matante"), when the
# table's Notes cell says so ("matante in my notes").
_FAMILY_TITLES = {"matante", "mononc", "mononcle", "tante", "oncle", "aunty", "auntie", "uncle", "tita", "tito", "kuya",
                  "ate"}
_AFTER_NAME = r"(?:\s+(?i:sir|ma['’]?am|madam|bhaiya|bhai|didi|ji|garu|sahab|saab)\b)?"
# Capitals that notes use as words, never as someone's initials ("HR chat", "PM interview").
_ACRONYMS = {"hr", "pm", "qa", "cv", "ux", "ui", "ai", "ml", "ok", "nb", "ps", "it", "pr", "vp", "ceo", "cto", "cfo",
             "coo", "cio", "mba", "kpi", "okr", "rfc", "api", "sql", "tbd", "eta", "eod", "fyi", "wfh", "pto", "ooo",
             "tl", "em", "ic", "sre", "ba", "po", "dm", "mp", "gp", "md", "rn", "np", "er", "or", "icu", "nhs", "uk",
             "us", "usa", "eu", "nyc", "sf", "la", "am", "pdf", "doc", "todo", "qs", "sm", "asm", "cscs", "nvq",
             "hse", "rams", "cdm", "vc", "pe", "ipo", "saas", "b2b", "b2c", "gtm", "roi", "faq", "ama", "tldr",
             "irl", "btw", "imo", "wip", "rip", "hq", "ny", "tv", "dj", "pa", "ta", "tbc", "aob", "lt", "gm", "dc"}


def _initials(name: str) -> str:
    return "".join(word[0] for word in _person_key(name).split() if word)


@dataclass(frozen=True)
class NoteNameMatch:
    person: Person | None
    candidates: tuple[Person, ...] = ()  # several people fit: the note goes to review

    @property
    def ambiguous(self) -> bool:
        return self.person is None and len(self.candidates) > 1


# Letters that do not decompose into a base letter and an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "ı": "i", "ð": "d"})


def fold(text: str) -> str:
    """"Søren Kjær" -> "soren kjaer", "Wiśniewska" -> "wisniewska": how people type names
    on a keyboard without those letters."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bare_key(name: str | None) -> str:
    """"Mei-Ling Chen" and "meiling chen" alike: case, accents, hyphens and dots do not matter."""
    return " ".join(re.sub(r"[-.’']", "", fold(name_key(name))).split())


# Titles a tracking table may write before a name ("Dr. Amara Okonkwo", "Prof Lin Wei"):
# notes say "Amara" or "Amara Okonkwo", so names are compared without them.
_NAME_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "mme", "mlle", "dra", "sra", "srta", "frau", "herr",
                "engr", "rev"}


def _person_key(name: str | None) -> str:
    """A table name as notes are compared with it: ``_bare_key`` without a leading title
    ("Dr. Amara Okonkwo" -> "amara okonkwo"); a title is kept when only one name follows it
    ("Dr Okafor" stays, since notes write it so)."""
    words = _bare_key(name).split()
    while len(words) > 2 and words[0] in _NAME_TITLES:
        words = words[1:]
    return " ".join(words)


def _is_title(word: str) -> bool:
    return re.sub(r"[.’']", "", word).lower() in _NAME_TITLES


def untitled_words(name: str | None, keep_lone_title: bool = True) -> list[str]:
    """A name's words, as written, without a leading title: ["Amara", "Okonkwo"] for "Dr.
    Amara Okonkwo"; ["Dr", "Okafor"] for "Dr Okafor" (a lone surname keeps its title unless
    ``keep_lone_title`` is False)."""
    words = (name or "").split()
    while words and _is_title(words[0]) and (len(words) > 2 or (len(words) == 2 and not keep_lone_title)):
        words = words[1:]
    return words


def first_name(name: str | None) -> str:
    """The name a letter greets by, as the table writes it: "Amara" for "Dr. Amara Okonkwo",
    "Dr Okafor" when only a surname follows the title, "Priya" for "Priya Raman"."""
    words = untitled_words(name)
    if len(words) == 2 and _is_title(words[0]):
        return " ".join(words)
    return words[0] if words else ""


# "goes by Bob", "everyone calls him Hartley", "I write Dana W", "aka Kat": how the
# Notes cell of a tracking table says what the notes call someone.
_ALIAS = re.compile(
    r"(?i:\b(?:goes by|go by|known as|a\.?k\.?a\.?|nicknamed?|i write|i call (?:him|her|them)"
    r"|(?:everyone |people |we )?(?:just |all )?calls? (?:him|her|them))\s+)[\"“'‘]?"
    # One word, then a second only as a surname or an initial: "Dana W", never the next
    # sentence ("Goes by Dee. My bootcamp instructor" is Dee).
    r"(?P<alias>(?:(?i:dr|prof)\.?\s+)?[A-Z][\w’'\-]*(?:\.|\s+[A-Z](?:[\w’'\-]*|\.))?" + _AFTER_NAME + ")")


# How the user (or everyone) addresses someone, as the Notes cell says it: "goes by Bob",
# "I only ever call him Oom Gerrie", "Dusty - I only ever call him Dusty". Not "I write
# Dana W" (how the notes write them) or "in my notes" forms.
_CALLED = re.compile(
    r"(?i:\b(?:goes by|go by|known as|a\.?k\.?a\.?|nicknamed?|(?:only |just |always )*(?:ever )?calls? (?:him|her|them)"
    r"(?: only)?|(?:he|she|they) (?:is|are) always)\s+)[\"“'‘]?(?P<name>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)?)")


def called(person) -> str | None:
    """The name to greet ``person`` by when their Notes cell says what they are called
    ("Oom Gerrie", "Dusty", "Bob"); None when it says nothing of the kind."""
    notes = getattr(person, "notes", None) or ""
    match = _CALLED.search(notes)
    if match:
        return match["name"]
    # A cell that opens with the quoted name they go by: '"Moriyama-san". Lives in Tokyo.'
    opening = re.match(r"^\s*[\"“](?P<name>[A-Z][^\"“”]{1,28})[\"”]", notes)
    if opening and re.fullmatch(rf"{re.escape(first_name(person.name))}\s+[A-Z]\.?", opening["name"]):
        return None  # '"Dana W"': how the notes tell two Danas apart, not what she is called
    if opening and re.fullmatch(r"[A-Z]{2,3}\.?", opening["name"]):
        return None  # '"JB" in notes': initials the notes use, not a name to greet him by
    return opening["name"] if opening else None


def plain_words(name: str) -> list[str]:
    """A name's words as a note's name is compared: lower case, no possessive, no dots,
    no titles ("Dr. O" -> ["o"], "Dana R." -> ["dana", "r"])."""
    words = [w.strip(".") for w in without_possessives(name_key(name)).split()]
    return [w for w in words if w and w not in _HONORIFICS]


def aliases(person: Person) -> frozenset[str]:
    """The other names a person's Notes cell gives them, as bare keys ("bob", "dana w")."""
    # "Notes call him Sander de Wit": the start of the person's own name is no nickname (a
    # lone "Sander" must stay ambiguous when the table has two).
    own = _bare_key(person.name or "").split()
    notes = getattr(person, "notes", None) or ""
    found = set(_aliases_in(notes))
    # Initials the cell writes in capitals ("sometimes GT - he signs his texts GT", '"Kate F",
    # "KF"'): the person's own initials, of every name word or of first and last, are how
    # the notes name them. Other capitals in a cell (FDA, CIOB, HR) are not their initials.
    if own:
        mine = {"".join(w[0] for w in own), own[0][0] + own[-1][0]}
        found |= {token.lower() for token in _CAPITAL_INITIALS.findall(notes.replace(".", ""))
                  if len(token) >= 2 and token.lower() in mine}
    opening = _OPENING_NICKNAME.match(notes)
    if opening and own:
        nickname = _bare_key(opening["alias"])
        if nickname[:2] == own[0][:2] and nickname not in own and nickname not in _NOT_SHORT_NAMES:
            found.add(nickname)
    return frozenset(a for a in found if a.split() != own[:len(a.split())])


_CAPITAL_INITIALS = re.compile(r"(?<![\w-])[A-Z]{2,4}(?![\w-])")


# "Sometimes Niamh O'D in my notes", "Written as Dee in the notes": the name comes first.
# "Mr. Bello in e-mails, Mr. B in my own notes": after a comma too; "Isa or Isa N. in my
# notes": each name of a short list; "Ma tante Lise - matante in my notes": in lower case
# after a dash.
_ONE_ALIAS = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|M|Mme|Me)\.?\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z](?:[\w’'\-]*|\.))?"
_ALIAS_BEFORE = re.compile(r"(?:(?i:\b(?:sometimes|often|usually|mostly|just|written|appears|shows up)(?: as)?\s+)"
                           r"|(?:^|[,;.]\s+))[\"“'‘]?"
                           rf"(?P<alias>{_ONE_ALIAS}(?:\s*(?:,|/|\bor\b)\s*{_ONE_ALIAS})*)[\"”'’]?"
                           r"\s+(?i:in (?:my|the)(?: own)? notes)"
                           r"|(?<=[-–—] )(?P<lower>[a-zà-ÿ][\w’'\-]{2,})\s+(?i:in (?:my|the)(?: own)? notes)")
# The same in German: "In meinen Notizen 'Eder', 'der Eder' oder 'Markus E.'", "Ferdl - in meinen
# Notizen nenne ich ihn nur Ferdl"; and a cell that opens with a short list of names, in any
# language: "Prof. Steindl / 'der Professor' / 'Steindl'. Hat 2012…", "Claudia / Frau Renner."
_QUOTED_ALIAS = rf"[\"“'‘]?(?:(?:der|die|den|dem)\s+)?{_ONE_ALIAS}[\"”'’]?"
_ALIAS_AFTER = re.compile(r"(?i:(?:in (?:meinen|den|my)(?: eigenen| own)? (?:notizen|notes)|nenne ich (?:ihn|sie)"
                          r"|ich nenne (?:ihn|sie)|genannt)(?:\s+nenne ich (?:ihn|sie))?(?:\s+(?:nur|immer|meistens|oft|auch))*)"
                          rf"\s*:?\s*(?P<alias>{_QUOTED_ALIAS}(?:\s*(?:,|/|\boder\b|\bor\b)\s*{_QUOTED_ALIAS})*)")
# A list of quoted names after the phrase that introduces them: 'Rafa calls her "Ana Carol",
# "Carol" or "Carol Mendes"', 'he is always "Comandante", "o Comandante", "Cmte" or "Cmte."';
# and a cell that opens with a quoted name ('"Moriyama-san". Lives in Tokyo').
_ONE_QUOTED = r"(?:[\"“][^\"“”]{1,30}[\"”]|(?<![\w'’])['‘][^'‘’\n]{1,30}['’](?![\w'’]))"  # "RV", or 'Chef M'
_QUOTED_LIST = re.compile(r"(?i:\b(?:calls? (?:him|her|them)|(?:is|are) always|always|written as|known as|goes by"
                          r"|(?:he|she|they) (?:is|are)|call sign|callsign|saved as|writes"
                          r"|nicknamed?|a\.?k\.?a\.?|in (?:my|the) notes(?: as)?"
                          # 'never writes her name in notes: only "sunbae" / "sunbae-nim"'
                          r"|(?:name|names) in (?:my |the |her |his )?notes:? only|only ever|only))\s*:?\s*"
                          rf"(?P<alias>{_ONE_QUOTED}(?:\s*(?:,|/|\bor\b|\band\b)\s*{_ONE_QUOTED})*)"
                          rf"|^\s*(?P<opening>{_ONE_QUOTED})"
                          # '"sunbae" in any note means her', '"the Prof" = him'
                          rf"|(?P<means>{_ONE_QUOTED})\s+(?i:(?:in (?:any|a|my|the) notes?\s+)?(?:means|is|=)\s+(?:her|him|them)\b)")
_OPENING_LIST = re.compile(rf"^\s*(?P<alias>{_QUOTED_ALIAS}(?:\s*/\s*{_QUOTED_ALIAS})+)\s*[.;]")
# Another name the person has had: "uses her married name since: Liz Ortega", "née Kowalski",
# "formerly Sam Price", "maiden name Adeyemi".
_OTHER_NAME = re.compile(r"(?i:\b(?:married name|maiden name|n[ée]e|formerly|previously|new surname|old surname))"
                         r"[^:.;A-Z]{0,25}:?\s*(?P<alias>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})")
# A Notes cell that opens with a nickname on its own: "Pilou. MSc classmate…" for
# Pierre-Luc, "Deb. My assigned mentor…" for Deborah (taken only when it starts as the
# person's first name does).
_OPENING_NICKNAME = re.compile(r"^\s*(?P<alias>[A-Z][\w’'\-]{1,14})\.\s+[A-Z]")


# "(K. Nurul in my notebook)": where the name is written is not part of it.
_WHERE_WRITTEN = re.compile(r"\s+(?i:in (?:my|the|her|his)(?: own)? (?:notes?|notebook|diary|journal|chats?|texts?))\b.*$")


@functools.lru_cache(maxsize=1024)
def _aliases_in(notes: str) -> frozenset[str]:
    # Read once per Notes text: a note's names are matched against every person, many times.
    found = set()
    matches = [match["alias"] for match in _ALIAS.finditer(notes)]
    # "I only ever call him Oom Gerrie (Oom G, or just Oom)": the shorter forms in brackets
    matches += [alias for match in _ALIAS.finditer(notes)
                if (more := re.match(r"\s*\(([^)]{1,40})\)", notes[match.end():]))
                for alias in re.split(r"\s*(?:,|/|\bor\b|\bjust\b)\s*", _WHERE_WRITTEN.sub("", more[1]))
                if alias and alias[0].isupper()]
    matches += [alias for match in _ALIAS_BEFORE.finditer(notes)
                for alias in re.split(r"\s*(?:,|/|\bor\b)\s*", match["alias"] or match["lower"]) if alias]
    for match in _QUOTED_LIST.finditer(notes):
        for quoted in re.findall(_ONE_QUOTED, match["alias"] or match["opening"] or match["means"]):
            alias = re.sub(r"^(?i:the|o|a|os|as|el|la|der|die|den|dem)\s+", "", quoted.strip("\"“”'‘’ .").strip())
            # (a quoted word the cell says is their name may be lower case: "sunbae")
            if alias and (alias[0].isupper() or (not match["opening"] and len(alias.split()) == 1 and len(alias) >= 3)):
                matches.append(alias)
    matches += [match["alias"] for match in _OTHER_NAME.finditer(notes)]
    listed = [*_ALIAS_AFTER.finditer(notes), *filter(None, [_OPENING_LIST.match(notes)])]
    matches += [re.sub(r"^(?:der|die|den|dem)\s+", "", alias.strip("\"“”'‘’ "))
                for match in listed for alias in re.split(r"\s*(?:,|/|\boder\b|\bor\b)\s*", match["alias"]) if alias]
    for alias in matches:
        whole = _bare_key(alias).split()
        words = [w for w in whole if w not in _HONORIFICS]
        if not words and len(whole) == 1:
            found.add(whole[0])  # "matante in my notes": a family title used as the name
        elif len(words) == 1 and len(words[0]) <= 2 and len(whole) > 1:
            found.add(" ".join(whole))  # "Mr B": a lone initial is no name without its title
        elif words and not (len(words) == 1 and words[0] in _NOT_SHORT_NAMES - {"rob", "bill", "pat"}):
            found.add(" ".join(words))
            if whole[-1] in _HONORIFICS and len(whole) > 1:
                found.add(" ".join(whole))  # "Anand bhaiya": the honorific tells two Anands apart
    return frozenset(found)


def introduced_as(people: Sequence[Person], name: str, text: str) -> Person | None:
    """The person a note introduces under ``name``: "Liz (Elizabeth Tran, the educator
    who…)" or "Elizabeth Tran (Liz)", when the full name is one person of the table."""
    full = r"(?P<full>[A-Z][\w’'\-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w’'\-]+){1,3})"
    short = re.escape(name.strip())
    for pattern in (rf"\b{short}\s*\(\s*{full}", rf"{full}\s*\(\s*{short}\s*\)"):
        for match in re.finditer(pattern, text, flags=re.IGNORECASE if name.islower() else 0):
            found = match_note_name(people, match["full"])
            if found.person is not None and len(_bare_key(found.person.name).split()) > 1:
                return found.person
    return None


def match_note_name(people: Sequence[Person], name: str) -> NoteNameMatch:
    """The person a note's name means: the full name; else a first or last name that only
    one person has ("Tanaka", "amara"); else first name and last initial ("Sam O.").
    A name that fits several people is never guessed (see ``NoteNameMatch.candidates``)."""
    titled = _bare_key(name)
    if set(titled.split()) & _HONORIFICS and (len(titled.split()) > 1 or titled in _FAMILY_TITLES):
        called = [p for p in people if titled in aliases(p)]  # "Anand sir", when the table says "I call him Anand sir"
        if len(called) == 1:
            return NoteNameMatch(called[0])
    if titled in _HONORIFICS and titled not in _FAMILY_TITLES:
        # "coffee w Chef": the title alone, which the Notes cells give to one person ("Chef
        # Renee") or to several ("Chef Renee", "Chef M"): them, or the choice between them.
        called = [p for p in people if re.search(rf"(?i:\b{re.escape(titled)}\.?)\s+[A-Z]", getattr(p, "notes", None) or "")]
        if called:
            return NoteNameMatch(called[0]) if len(called) == 1 else NoteNameMatch(None, tuple(called))
    words = plain_words(name)
    if not words:
        return NoteNameMatch(None)
    key = " ".join(words)
    exact = best_for_mentor_name(people, key)
    if exact is not None:
        return NoteNameMatch(exact)
    bare = _bare_key(key)
    same = [p for p in people if _person_key(p.name) == bare]
    if len(same) == 1:
        return NoteNameMatch(same[0])
    called = [p for p in people if bare in aliases(p)]  # "Bob", when Robert's notes say "goes by Bob"
    # ("Chris" when Christine goes by Chris and Chris Halvorsen is a Chris too: either of them)
    namesakes = [p for p in people if _person_key(p.name).split()[:1] == [bare] and p not in called]
    if len(called) == 1 and namesakes:
        return NoteNameMatch(None, (*called, *namesakes))
    if len(called) == 1:
        return NoteNameMatch(called[0])
    words = bare.split()
    if not words:  # nothing but digits or marks ("3.12.25"): no one's name
        return NoteNameMatch(None)
    if len(words) == 2:
        joined = match_note_name(people, "".join(words))  # "jan willem" is "Jan-Willem"
        if joined.person is not None:
            return joined
    if len(words) == 1:
        fits = [p for p in people if words[0] in _person_key(p.name).split()]
        initials = re.sub(r"[.\s]", "", name.strip())
        if (not fits and initials.isalpha() and initials.lower() not in _ACRONYMS and (
                (2 <= len(initials) <= 3 and initials.isupper())
                or re.fullmatch(r"[A-Z][a-z]{1,3}[A-Z]", initials))):
            # "DP 27.06.25": the capitals are the initials of one person of the table ("PvdW"
            # with the small letters of "van der").
            fits = [p for p in people if len(_person_key(p.name).split()) >= 2 and _initials(p.name) == initials.lower()]
            if fits:
                return NoteNameMatch(fits[0]) if len(fits) == 1 else NoteNameMatch(None, tuple(fits))
        if not fits and len(words[0]) >= 3 and words[0] not in _NOT_SHORT_NAMES and not name.strip().isupper():
            # (an acronym in capitals, "DIA 2026", is no one's short name)
            # "Bea" for Beatriz, "Kat" for Katarzyna: the start of one person's first name.
            fits = [p for p in people if _person_key(p.name).split()[:1] and
                    _person_key(p.name).split()[0].startswith(words[0]) and _person_key(p.name).split()[0] != words[0]]
        if not fits and len(words[0]) >= 5 and words[0].endswith("s"):
            # German and Dutch write the possessive without an apostrophe: "Brigittes Regeln".
            fits = [p for p in people if words[0][:-1] in _person_key(p.name).split()[:1] or words[0][:-1] in aliases(p)]
    else:
        def fits_person(p: Person) -> bool:
            # "Sam O." and "Niamh O'D": the first name and the start of the surname.
            parts = _person_key(p.name).split()
            # "Mark Tan" for "Mark Tan Kok Leong": a family name written before the given ones.
            return (len(parts) >= 2 and parts[0] == words[0]
                    and (parts[-1] == words[-1] or (len(words[-1]) <= 2 and parts[-1].startswith(words[-1]))
                         or (len(words) == 2 and len(words[-1]) >= 2 and words[-1] in parts[1:])))
        fits = [p for p in people if fits_person(p)]
        if not fits and len(words) == 2:
            # "Tony Unite" (from "WhatsApp Chat with Tony Unite"): the one person of that first
            # name, with a word of their company or role after it.
            firsts = [p for p in people if _person_key(p.name).split()[:1] == [words[0]] or words[0] in aliases(p)]
            if len(firsts) == 1 and words[1] in key_words(f"{firsts[0].company or ''} {firsts[0].role or ''}"):
                fits = firsts
        if not fits and len(words) == 2 and len(words[0]) >= 5 and words[0].endswith("s"):
            # "Brigittes Regeln", "Ferdls Tipps": a first name in the possessive, then what is theirs
            fits = [p for p in people if words[0][:-1] in _person_key(p.name).split()[:1] or words[0][:-1] in aliases(p)]
        if not fits and len(words) == 2:
            # "IYER Meera" (Teams), "Venkatesh K" (Zoom): the same name, surname first.
            fits = [p for p in people if _person_key(p.name).split() == words[::-1]]
        if not fits:
            # "Aiofe Brennan", "Dianne Whittaker": each name at most one typing slip away.
            fits = [p for p in people if len(parts := _person_key(p.name).split()) >= 2
                    and len(words[0]) >= 4 and len(words[-1]) >= 4
                    and _one_slip(parts[0], words[0]) and _one_slip(parts[-1], words[-1])]
    if len(fits) == 1:
        return NoteNameMatch(fits[0])
    if len(titled.split()) > 1:
        # "Tita Des", "Sir Mark", "K. Nurul", when nothing above decides: the name as the
        # table's Notes cell writes it for exactly one person ("Sir Mark to his face"; not
        # "apart from Sir Mark").
        written = [p for p in people if _written_in_notes(titled, getattr(p, "notes", None) or "")
                   and (set(titled.split()) & (_HONORIFICS | set(_bare_key(p.name).split())))]  # not "UX Cork"
        if len(written) == 1:
            return NoteNameMatch(written[0])
    return NoteNameMatch(None, tuple(fits))


def _written_in_notes(key: str, notes: str) -> bool:
    """Whether a Notes cell writes this name ("Tita Des. Filipina, …"), other than to tell
    someone apart from it ("Mark T when I need to tell him apart from Sir Mark")."""
    if not notes:
        return False
    text = " ".join(re.sub(r"[-.’']", "", fold(notes)).split())
    for match in re.finditer(rf"(?<![\w]){re.escape(key)}(?![\w])", text):
        before = text[max(0, match.start() - 25): match.start()]
        if not re.search(r"\b(?:from|not|unlike|than|vs|versus|other)\s*$", before):
            return True
    return False


def _one_slip(a: str, b: str) -> bool:
    """One typing slip apart: a letter wrong, missing or extra, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_RELATION = re.compile(r"\bmy\s+(?P<words>(?:[\w'’-]+\s+){0,3}?)(?P<noun>mentor|boss|manager|supervisor|advis[oe]r"
                       r"|coach|sponsor|professor|tutor|gaffer|rep|trainer|teacher|instructor|lecturer)\b", re.IGNORECASE)
_LOOSE_QUALIFIERS = {"old", "former", "new", "current", "first", "main", "other", "own", "great", "lovely"}
_PLAIN_WORDS = {"the", "and", "for", "with", "from", "inc", "ltd", "llc", "company", "senior", "junior", "associate",
                "director", "manager", "head", "lead", "principal", "consultant", "specialist", "assistant", "chief",
                "officer", "vice", "president", "group", "team"}


def described_as(people: Sequence[Person], text: str) -> Person | None:
    """The person a note names by their relation to the user ("call w/ my RAPS mentor",
    "lunch with my old boss"), in its first lines, when the table's Notes or role say it of
    exactly one person: the whole phrase ("my old boss after that"), or its telling words
    ("RAPS") beside the same noun. "My mentor" alone says too little."""
    head = "\n".join([line for line in text.splitlines() if line.strip()][:12])
    for match in _RELATION.finditer(head):
        phrase = " ".join(_bare_key(match.group(0)).split())
        telling = {w for w in _bare_key(match["words"]).split() if w not in _LOOSE_QUALIFIERS}
        fits = [p for p in people if _said_of(p, phrase, telling, match["noun"].lower())]
        if len(fits) == 1:
            return fits[0]
    return None


def _said_of(person: Person, phrase: str, telling: set[str], noun: str) -> bool:
    about = " ".join(_bare_key(f"{person.notes or ''} {person.role or ''}").split())
    if len(phrase.split()) >= 3 and f" {phrase} " in f" {about} ":
        return True
    words = set(about.split())
    return bool(telling) and telling <= words and any(w.startswith(noun) for w in words)


def key_words(text: str) -> set[str]:
    """A text's words as names and companies are compared: lower case, no accents or marks."""
    return set(re.findall(r"\w+", _bare_key(text)))


def words_naming(people: Sequence[Person], text: str) -> set[str]:
    """The words by which ``text`` names people of the table (``people_named_in``): their
    names, nicknames, honorifics and the company or role words that tell them apart, as
    ``key_words`` spells them. Asked "what did Michelle at Brightwater tell me about my
    pitch?", the answer is about the pitch: these words say who, not what."""
    named = people_named_in(people, text)
    words = {w for p in named for w in _person_key(p.name).split() + [a for alias in aliases(p) for a in alias.split()]}
    for person in named:
        namesakes = [p for p in people if _person_key(p.name).split()[:1] == _person_key(person.name).split()[:1]]
        words |= distinctive_words(person, namesakes) if len(namesakes) > 1 else set()
    asked = key_words(without_possessives(text))
    # an honorific beside the name ("Ramesh sir"), but not the French "Me" that is also "me"
    return {w for w in asked if w in words or (w in _HONORIFICS and named and w not in ("me", "m"))}


def distinctive_words(person: Person, others: Sequence[Person]) -> set[str]:
    """The words of a person's company and role that none of ``others`` has ("brightwater",
    "labeling"), to tell two people of the same first name apart."""
    def words(p: Person) -> set[str]:
        return {w for w in key_words(f"{p.company or ''} {p.role or ''}") if len(w) >= 4} - _PLAIN_WORDS

    mine = words(person)
    for other in others:
        if other.id != person.id:
            mine -= words(other)
    return mine


def match_note_hint(people: Sequence[Person], hint: str) -> NoteNameMatch:
    """A guessed name ("chris a outline", "evernote meiling hr", "Tanaka") matched by its
    whole text, else by each pair of words, else by each word: the one person they fit,
    or the several they could be. Words that fit no one are ignored."""
    whole = match_note_name(people, hint)
    if whole.person is not None or whole.candidates:
        return whole
    words = hint.split()
    # "Tony Mulligan", "Tony M": a full name that is no one's is not the one Tony of the table.
    full_name = len(words) >= 2 and all(w[:1].isupper() for w in words)
    for size in ((2,) if full_name else (2, 1)):
        found: dict[int, Person] = {}
        unclear: dict[int, Person] = {}
        for start in range(len(words) - size + 1):
            part = " ".join(words[start:start + size])
            if size == 1 and len(part) < 3 and not part.isupper():  # "DP" may be initials
                continue
            match = match_note_name(people, part)
            if match.person is not None:
                found[match.person.id] = match.person
            for candidate in match.candidates:
                unclear[candidate.id] = candidate
        if len(found) == 1:
            return NoteNameMatch(next(iter(found.values())))
        if len(found) > 1 or unclear:
            return NoteNameMatch(None, tuple({**unclear, **found}.values()))
    return NoteNameMatch(None)


# Words that are names and words alike: only a capital makes them a name in a question.
_WORD_NAMES = _NOT_SHORT_NAMES | {"hope", "grace", "joy", "rose", "faith", "mark", "sunny", "summer", "dawn", "ray",
                                  "frank", "john", "sue", "guy", "rich", "chip", "don", "jack", "ken", "will", "max"}


def people_named_in(people: Sequence[Person], text: str) -> list[Person]:
    """The people of the table a question names, as a note would name them: a full name,
    a first or last name only one person has, a nickname from their Notes cell ("Venky",
    "Gaz"), a name with an honorific ("Anand bhaiya", "Ramesh sir") or a surname initial
    ("Dave O"). A first name two people share names neither, unless the question also
    names the company or role of one of them ("Michelle at Brightwater")."""
    known = {w for p in people for w in plain_words(p.name or "")} | \
        {w for p in people for alias in aliases(p) for w in alias.split()}
    words = re.findall(r"[^\W\d_][\w'’.-]*", without_possessives(text))
    words = [w.rstrip(".'’-") for w in words]
    found: dict[int, Person] = {}
    covered: set[int] = set()  # word positions inside a longer name already matched
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            span = words[start:start + size]
            if set(range(start, start + size)) & covered:
                continue
            lowered = [fold(w.lower()) for w in span]
            if not any(w in known for w in lowered):
                continue
            if size == 1 and (lowered[0] in _WORD_NAMES or lowered[0] in _HONORIFICS or len(lowered[0]) < 3) \
                    and not span[0][:1].isupper():
                continue
            match = match_note_name(people, " ".join(span))
            person = match.person
            if person is None and len(match.candidates) > 1:
                # "Michelle at Brightwater": a shared first name with the company or role of
                # exactly one of the people it fits.
                asked = key_words(text)
                told = [p for p in match.candidates if distinctive_words(p, match.candidates) & asked]
                person = told[0] if len(told) == 1 else None
            if person is not None and person.id is not None:
                found.setdefault(person.id, person)
                covered |= set(range(start, start + size))
    return list(found.values())
