"""Who and when a meeting note is about, from wherever the writer put it.

People rarely write front matter. The mentor and the date sit in a property line at the
top ("Date: January 20, 2026", "Attendees: Tom Becker, me"), in the title or first line
("Call with Hiroshi Tanaka, 3 March 2026"), in the file name ("amara-2025-10-28.txt"), or
in the document's own metadata (a Word file's created date). The sources are tried in
that order, after front matter; the first that gives a value wins.

Only the top of a note is read for property lines and the title, so a date further down
("next catch-up 14 April 2026") is never taken for the meeting's date.

Pure functions over text; no store and no model.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# Notes are not all written in English: French ("le 9 mars", "29 janvier 2025", "10 févr.")
# and German month names, written with or without their accents. (Spanish ones are left
# out: "Julio" and "Abril" are people's names, and month words are never read as names.)
_OTHER_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "jänner": 1, "jaenner": 1, "jän": 1, "feber": 2, "mär": 3, "okt": 10,  # (Austrian January and February)
}
MONTHS.update(_OTHER_MONTHS)
# Spanish and Portuguese month names are read in dates ("4 de marzo de 2025", "12 de julho")
# but kept out of MONTHS, which also says which capitalised words are no one's name.
DATE_MONTHS = {**MONTHS, **{
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12, "dez": 12,
    "mai": 5}}  # French and German May, also a name
_MONTH = r"(?P<month>" + "|".join(sorted(DATE_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_NAMES = {  # English (calendar's C locale), French, German: name -> Monday = 0
    **{name.lower(): n for n, name in enumerate(calendar.day_name)},
    **{name.lower(): n for n, name in enumerate(calendar.day_abbr)},
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonntag": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "sabado": 5,
    # Portuguese, with or without "-feira" ("qua 09/04" and "dom" are left out: "Dom" is a name)
    "segunda": 0, "terça": 1, "terca": 1, "quarta": 2, "quinta": 3, "sexta": 4,
}
_WEEKDAYS = set(_WEEKDAY_NAMES) | {"tues", "weds", "thur", "thurs"}  # how people shorten them in English
_ORD = r"(?:st|nd|rd|th|er|re|e|\.)?"  # "3rd", French "1er", German "29."

# Each pattern names its groups; a two-digit year is 20YY.
_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>20\d\d)[-/._](?P<mnum>\d{1,2})[-/._](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>20\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
    # (and "Aug 11 '26", "11 Aug '26": a year shortened with an apostrophe)
    re.compile(rf"(?<![\w])(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?(?P<year>20\d\d|['’]\d\d)(?!\d)",
               re.I),
    re.compile(rf"(?<![\w]){_MONTH}\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>20\d\d|['’]\d\d)(?!\d)", re.I),
    # (a sentence's full stop after the year is no part of the date: "Lunch with Carol, 15/07/2025.")
    re.compile(r"(?<![\d/.])(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>20\d\d|\d\d)(?![\d/]|\.\d)"),
    re.compile(r"(?<![\d\-])(?P<first>\d{1,2})-(?P<second>\d{1,2})-(?P<year>20\d\d)(?![\d\-])"),
    # An operations log's "18SEP25", "03MAR2026", a night shift's "18-19SEP25" (its first day)
    re.compile(r"(?<![\w-])(?P<day>\d{1,2})(?:-\d{1,2})?(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
               r"(?P<year>20\d\d|\d\d)(?![\w])"),
]
# A date spelt without a year ("3 March", "March 3rd"): the year comes from another source.
_YEARLESS = [  # ("Thurs the 9th, July": a comma before the month too)
    re.compile(rf"(?<![\w])(?P<day>\d{{1,2}}){_ORD},?\s+(?:of\s+|de\s+)?{_MONTH}(?![\w])", re.I),
    re.compile(rf"(?<![\w]){_MONTH}\s+(?P<day>\d{{1,2}}){_ORD}(?![\w])", re.I),
]

MENTOR_KEYS = ("mentor", "mentors", "with", "person", "people", "attendees", "attendee", "participants",
               "who", "met with", "meeting with", "mentor name",
               # French, Spanish, German
               "mentore", "mentor·e", "avec", "qui", "personne", "personnes", "participant", "participantes",
               "con", "quién", "quien", "mit", "teilnehmer",
               # Portuguese, and a form's question ("Coach / mentor(a)")
               "mentor(a)", "mentora", "coach", "coach / mentor(a)", "mentor(a) / coach", "com", "quem", "pessoa",
               "reunião com", "conversa com")
_LISTED_KEYS = {"attendees", "attendee", "participants", "participant", "participantes", "teilnehmer"}
DATE_KEYS = ("date", "when", "meeting date", "met", "met on", "meeting", "session date", "day",
             "date of session", "date of meeting", "date of call", "meeting on", "session on", "dtg",
             "start time", "start", "start date", "meeting start", "session start", "scheduled", "scheduled for",
             "session date/time", "date/time", "date & time", "date and time", "quand", "fecha",
             "cuándo", "cuando", "datum", "wann", "date de la rencontre", "date de la séance", "jour",
             "data", "data da sessão", "data da sessao", "data da reunião", "data da reuniao", "data da conversa",
             "data do encontro", "quando", "dia",
             # when the note was written: the meeting's day when nothing else says
             "created", "sent", "created time", "date created", "created at", "créé", "créée", "cree", "creee", "créé le")
# A pasted e-mail's headers as Outlook writes them in French, Spanish or German, and the
# English header each stands for (the extractor also reads these words as headers).
MAIL_HEADERS = {"de": "from", "envoyé": "sent", "envoye": "sent", "à": "to", "objet": "subject", "cc": "cc",
                   "para": "to", "enviado": "sent", "asunto": "subject", "von": "from", "gesendet": "sent",
                   "an": "to", "betreff": "subject", "assunto": "subject", "enviada em": "sent", "enviado em": "sent"}
_SELF = {"me", "myself", "i", "self", "you", "mentee"}
# Words that say a line is about a meeting, for titles such as "Coffee with Amara".
MEETING_WORDS = ("coaching", "transcript", "memo", "checkin", "coffee", "call", "meeting", "lunch", "chat", "1:1", "1-1", "1on1", "one-on-one", "one on one",
                 "catch-up", "catch up", "catchup", "session", "sync", "mentoring", "breakfast", "dinner", "walk",
                 "zoom", "video call", "notes", "check-in", "check in", "drinks", "conversation", "debrief",
                 # French and Spanish
                 "café", "dîner", "diner", "souper", "déjeuner", "rencontre", "appel", "réunion", "jasette", "séance",
                 "mentorat", "entretien", "rendez-vous", "bière", "apéro", "reunión", "llamada", "almuerzo", "cena",
                 "charla", "mentoría", "comida", "desayuno", "videollamada", "sesión", "junta", "plática", "platica",
                 # German
                 "kaffee", "telefonat", "anruf", "treffen", "gespräch", "mittagessen", "abendessen", "frühstück",
                 "besprechung", "spaziergang", "austausch", "sitzung", "protokoll", "notizen", "sprachmemo",
                 "feierabendbier", "mentoring-gespräch", "gesprächsnotiz", "videocall",
                 # Portuguese
                 "reunião", "reuniao", "conversa", "almoço", "almoco", "jantar", "ligação", "ligacao", "mentoria",
                 "sessão", "sessao", "papo", "encontro", "chamada")
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*(?![\w])"  # letters only: "Delft3D" is not a name
_WITH_NAME = re.compile(
    rf"(?:\bwith\b|\bw/|\bw\.|(?-i:\bw)(?=\s+(?-i:[A-Z]))|\bmeet(?:ing)? (?:with )?|\bavec\b|\bcon\b|(?-i:\bmit\b)"
    # Portuguese: "almoço com a AP", "conversa com o Cmte", "liguei pro Cmte"
    rf"|(?<![.@])\bcom\b(?:\s+(?-i:o|a)\b)?|\bc/(?!o\b)|\bliguei\s+(?:pr[oa]|para(?:\s+(?-i:o|a))?)\b)\s*(?:\[\[)?(?P<name>{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,2}})",
    re.I,
)
# (a form's "Coach / mentor(a)" and "Nome do(a) participante" keep their gender marks, an
# export's "Start Time (UTC)" the zone its times are in)
_PROPERTY = re.compile(
    r"^\s*(?:[-*>]\s*)?(?:\*\*|__)?(?P<key>[A-Za-zÀ-ÖØ-öø-ÿ](?:[A-Za-zÀ-ÖØ-öø-ÿ /]|\([a-z]{1,2}\)|\s?\([A-Za-z]{2,6}\)){0,24}?)(?:\*\*|__)?\s*[:：]{1,2}\s*(?:\*\*|__)?\s*"
    r"(?P<value>.*?)\s*$"
)
# Obsidian's [[Name]] and [[page|Name]], and org-mode's [[id:…][Name]]: the name shown
_WIKILINK = re.compile(r"\[\[[^\]]*\]\[(?P<org>[^\]]+)\]\]|\[\[(?:[^\]|]*\|)?(?P<shown>[^\]]+)\]\]")


def _unlinked(text: str) -> str:
    return _WIKILINK.sub(lambda m: m["org"] or m["shown"], text)
_NEXT_MEETING = re.compile(r"\bnext\b|\bfollow[- ]?up (?:on|set|booked)\b|\bagain on\b|\brebooked\b", re.IGNORECASE)
# "(due 20/11/2025)", "Due: Fri 28 Nov": when a task is due, never when the meeting was.
_DUE = re.compile(r"\bdue(?: date)?:?\s+(?:on\s+|by\s+)?(?=\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug"
                  r"|sep|oct|nov|dec))", re.IGNORECASE)
_TOP_LINES = 12  # property lines and the title live in the first lines of a note


@dataclass(frozen=True)
class NoteFacts:
    """What the note itself says about its meeting, and where each fact came from."""

    # Names the note states outright: front matter, a property line, "... with NAME".
    mentors: tuple[str, ...] = ()
    mentor_source: str | None = None  # front matter | property | title | file name | hint
    # Names guessed from a bare title, the file name or an email greeting: only hints,
    # matched against the tracking table and never used to create a person.
    hints: tuple[str, ...] = ()
    date: dt.date | None = None
    date_source: str | None = None  # front matter | property | title | file name | metadata


# ----- dates ---------------------------------------------------------------------------
def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match, day_first: bool = True) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"].lstrip("'’"))
    year = 2000 + year if year < 100 else year
    if groups.get("month"):
        return _safe_date(year, DATE_MONTHS[groups["month"].lower().rstrip(".")], int(groups["day"]))
    if groups.get("mnum"):
        return _safe_date(year, int(groups["mnum"]), int(groups["day"]))
    first, second = int(groups["first"]), int(groups["second"])
    day = _numeric_date(year, first, second, day_first)
    if first <= 12 and second <= 12 and first != second:
        # "Tuesday, 05/06/2025" from a tool set to US dates: the weekday written beside an
        # ambiguous date says which order it is in (6 May 2025 was a Tuesday).
        around = match.string[max(0, match.start() - 14): match.start()] + " " + match.string[match.end(): match.end() + 8]
        named = next((_WEEKDAY_NAMES[w.lower()] for w in re.findall(r"[^\W\d_]+", around)
                      if w.lower() in _WEEKDAY_NAMES and len(w) >= 3), None)
        other = _numeric_date(year, first, second, not day_first)
        if named is not None and day is not None and other is not None:
            wanted = named
            if day.weekday() != wanted and other.weekday() == wanted:
                return other
    return day


def _recorder_stamp(stem: str) -> dt.date | None:
    """"Voice 260124_213355": a phone recorder's yymmdd_hhmmss file name."""
    match = re.search(r"(?<!\d)(\d{2})(\d{2})(\d{2})[_-](?:[01]\d|2[0-3])[0-5]\d[0-5]\d(?!\d)", stem)
    return _safe_date(2000 + int(match[1]), int(match[2]), int(match[3])) if match else None


def _numeric_date(year: int, first: int, second: int, day_first: bool) -> dt.date | None:
    """4/11: the 4th of November where most of the world writes dates, the 11th of April in
    the US. A number above 12 settles it; otherwise ``day_first`` does."""
    if first > 12 or (day_first and second <= 12):
        return _safe_date(year, second, first)
    return _safe_date(year, first, second)


def numeric_order(text: str) -> bool | None:
    """True when the text writes numeric dates day first (a "14/03/2026" somewhere), False
    when month first ("03/14/2026"), None when it does not say."""
    for match in re.finditer(r"(?<![\d/.])(\d{1,2})[/.\-](\d{1,2})[/.\-](?:20)?\d\d(?![\d/.])", text):
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    return None


def date_order_setting() -> bool | None:
    """``MENTORDESK_DATE_ORDER`` (dmy or mdy; the documented setting in mentordesk.settings):
    True for day first, False for month first, None when the user did not set it."""
    import os

    return {"dmy": True, "mdy": False}.get(os.environ.get("MENTORDESK_DATE_ORDER", "auto").strip().lower())


def default_day_first() -> bool:
    """The user's date-order setting, else day first unless the machine's locale writes
    month first (the US)."""
    import os

    setting = date_order_setting()
    if setting is not None:
        return setting
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG") or ""
    return not locale.startswith(("en_US", "en_PH", "es_US"))


_ORDINAL_WORDS = {word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}
_ORDINAL_WORDS |= {f"twenty {word}": 20 + n for word, n in list(_ORDINAL_WORDS.items())[:9]}
_ORDINAL_WORDS |= {"thirtieth": 30, "thirty first": 31}
_SPELLED_DAY = "(?P<spelled>" + "|".join(w.replace(" ", "[ -]") for w in sorted(_ORDINAL_WORDS, key=len, reverse=True)) + ")"
_MONTH_WORD = "(?:" + "|".join(sorted(DATE_MONTHS, key=len, reverse=True)) + r")\.?"
_SPELLED_BEFORE = re.compile(rf"\b{_SPELLED_DAY}(?=\s+(?:of\s+)?{_MONTH_WORD}(?!\w))", re.IGNORECASE)
_SPELLED_AFTER = re.compile(rf"\b(?P<lead>{_MONTH_WORD}\s+the\s+){_SPELLED_DAY}\b", re.IGNORECASE)  # ("I may second that")


def spelled_days(text: str) -> str:
    """A day written in words beside its month, as a transcribed voice memo has it ("the
    twenty second of may", "May the third"), in figures: "the 22nd of may"."""
    if not re.search(r"(?:first|second|third|th)\b", text, re.IGNORECASE):
        return text

    def figures(match: re.Match) -> str:
        n = _ORDINAL_WORDS[re.sub(r"[ -]+", " ", match["spelled"].lower())]
        suffix = "st" if n in (1, 21, 31) else "nd" if n in (2, 22) else "rd" if n in (3, 23) else "th"
        return match.group(0).replace(match["spelled"], f"{n}{suffix}")

    return _SPELLED_AFTER.sub(figures, _SPELLED_BEFORE.sub(figures, text))


def find_date(text: str, default_year: int | None = None, day_first: bool | None = None) -> dt.date | None:
    """The first full date written in ``text`` (ISO, compact, "3 March 2026", "March 3rd,
    2026", "03/03/2026"); a date with no year only when ``default_year`` is given.
    ``day_first`` reads 4/11/25 (None: the machine's locale decides)."""
    day_first = default_day_first() if day_first is None else day_first
    text = spelled_days(text)
    # An OCR'd notebook's "Sat l4/6/25" or "2O25": a letter read for a digit inside a date.
    text = re.sub(r"(?<![A-Za-z])[lI|](?=\d?\d[/.\-]\d)|(?<=\d[/.\-])[lI](?=\d)", "1", text)
    text = re.sub(r"(?<=\d)[oO](?=\d)|(?<=[/.\-])[oO](?=\d)|(?<=\d)[oO](?=[/.\-]\d)", "0", text)
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            day = _from_match(match, day_first)
            if day is not None:
                found.append((match.start(), day))
                break
    if found:
        return min(found)[1]
    if default_year is not None:
        for pattern in _YEARLESS:
            yearless = pattern.search(text)
            if yearless:
                return _safe_date(default_year, DATE_MONTHS[yearless["month"].lower().rstrip(".")], int(yearless["day"]))
    return None


_DTG = re.compile(r"\b(?P<day>\d{2})(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)Z\s?"
                  r"(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s?(?P<year>(?:20)?\d\d)\b")


def parse_date_value(value: str, day_first: bool | None = None, *, utc: bool = False) -> dt.date | None:
    """A property or front matter value meant to be a date ("January 20, 2026",
    "March 3, 2026 9:15 AM", "[[2026-03-03]]"); None when it holds no date. ``utc``: the
    value's key says its time is in UTC ("Start Time (UTC): 2026-03-12 00:00", a mentoring
    platform's export), so the day is the one it was where the user is."""
    value = _unlinked(value)
    dtg = _DTG.search(value)
    if dtg:  # a military date-time group: "250115Z JUL 25" is 01:15 UTC on 25 July 2025
        try:
            zulu = dt.datetime(2000 + int(dtg["year"][-2:]), MONTHS[dtg["month"].lower()], int(dtg["day"]),
                               int(dtg["hour"]), int(dtg["minute"]), tzinfo=dt.UTC)
            return zulu.astimezone().date()
        except ValueError:
            pass
    stamp = re.fullmatch(r"\s*(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)\s*(?:UTC|GMT)?\s*", value) if utc else None
    if stamp:
        try:
            stated = dt.datetime.fromisoformat(f"{stamp[1]}T{stamp[2]}").replace(tzinfo=dt.UTC)
            return stated.astimezone().date()
        except ValueError:
            pass
    # A moment stored in UTC ("2026-01-26T23:00:00.000Z", Capacities and other apps'
    # properties): the day it was where the user is, the machine's time zone. (A time with
    # its own offset, "2026-03-10T21:30:00-08:00", was written where it happened: its date.)
    moment = re.fullmatch(r"\s*(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00))\s*", value)
    if moment:
        try:
            return dt.datetime.fromisoformat(moment[1].replace("Z", "+00:00")).astimezone().date()
        except ValueError:
            pass
    return find_date(value, day_first=day_first)


# ----- names ---------------------------------------------------------------------------
def split_names(value: object) -> list[str]:
    """Names from a value such as "Tom Becker, me", "[[Amara Okafor]]", ["A", "B"],
    "Priya Raman <priya@x.com>"; the writer themselves ("me") is left out."""
    if isinstance(value, (list, tuple)):
        return [name for item in value for name in split_names(item)]  # YAML reads [[A]] as nested lists
    else:
        # An aside first, so its commas do not split it: "Dianne Whittaker (retired VP, Halvern)".
        value = re.sub(r"(?<!\])\([^()]*\)", " ", _unlinked(str(value)))
        parts = re.split(r"[,;&/]|\band\b|\+", value)
    names = []
    for part in parts:
        part = _unlinked(part)
        if re.fullmatch(r"\s*<?[^\s<>@]+@[^\s<>@]+\.\w+>?\s*", part):
            continue  # an address with no name ("beccahollis.joinery@gmail.com") names no one
        part = re.sub(r"<[^>]*>|\([^)]*\)|\[[^\]]*\]\([^)]*\)", " ", part)  # emails, asides, links
        part = part.replace("@", " ").strip(" \t*_\"'`[]#")
        part = " ".join(part.split())
        if part and part.lower() not in _SELF and not re.fullmatch(r"[\W\d_]+", part):
            names.append(part)
    return names


_PARTICLES = {"de", "da", "van", "von", "der", "den", "al", "el", "bin", "bint", "la", "le", "di", "du", "dos", "del",
              "y", "ibn", "ter", "ten", "st", "mc", "o'", "d'"}


def looks_like_name(name: str) -> bool:
    """"Tom Becker", "Fatima Al-Sayed", "Ludwig van Beethoven"; not "eng leads + product
    leads (~25 people)" or "the team"."""
    words = name.split()
    if not 1 <= len(words) <= 4 or re.search(r"[\d+~@#=/]", name):
        return False
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words) and words[0][:1].isupper()


def _trim_name(name: str) -> str:
    """Drop trailing words that are dates or filler ("Amara March", "Sam on Tuesday")."""
    words = name.replace("’", "'").split()
    kept: list[str] = []
    for word in words:
        bare = word.strip(".,-").lower()
        if word[:1].islower() and bare not in _PARTICLES:
            break  # "Priya this morning": a name is capitalised
        if bare in MONTHS or bare in _WEEKDAYS or bare in ("on", "at", "re", "about", "and", "the", "to", "in",
                                                           "for", "notes", "call", "re:", "me", "this", "that", "today",
                                                           "tonight", "yesterday", "tomorrow"):
            break
        kept.append(word.strip(".,-'"))
        if word.endswith(".") and len(word.strip(".")) > 1 and bare not in ("dr", "prof", "mr", "mrs", "ms", "st"):
            break  # "with Bea. Brought the list": the sentence ends with the name
    return " ".join(w for w in kept if w)


# "Join with Google Meet": the tools a call is held on, never the person met.
_CALL_APPS = {"google meet", "meet", "zoom", "teams", "microsoft teams", "webex", "skype", "google", "slack",
              "whatsapp", "facetime", "google hangouts", "hangouts"}


# File names a tool gives every export, whose folder says what it is: Zoom's
# "2025-11-26 21.02.33 Ana Carolina Mendes's Zoom Meeting/meeting_saved_chat.txt".
# A call the user made, said in passing: "liguei pro Cmte", "rang Dusty", "phoned her".
_CALLED_THEM = re.compile(r"\b(?:liguei|called|phoned|rang|llamé|llame|j['’]ai appelé|angerufen)\b", re.IGNORECASE)
_TOOL_FILE_NAMES = {"meeting_saved_chat", "meeting_saved_closed_caption", "closed_caption", "audio_transcript",
                    "chat", "transcript", "recording", "playback", "text", "index", "note", "notes", "content"}


def note_stem(source: str | Path) -> str:
    """The name a note's file goes by: its stem, with its folder's name before a name every
    export of that tool has ("meeting_saved_chat")."""
    path = Path(str(source))
    if path.stem.lower() in _TOOL_FILE_NAMES and path.parent.name:
        return f"{path.parent.name} {path.stem}"
    return path.stem


def name_with(line: str) -> str | None:
    """The capitalised name after "with" / "w/" in a line: "Coffee with Amara", "Call w/
    Sam Okoro - Jan 9"; two names joined by "and" come back as "Kwame, Tomasz" (the sync
    then asks which), unless the line says "mostly with X"."""
    text = _unlinked(line).strip().lstrip("#").strip().strip("*_")
    match = _WITH_NAME.search(text)
    if not match:
        return None
    name = _trim_name(match["name"])
    if name and re.match(r"(?i)(?:with|w/)\s+\S", name):  # "phone con with Chris A": "con" was no "with"
        return name_with(text[match.start("name"):])
    if not name or not name[0].isupper() or name.lower() in _CALL_APPS:
        return None
    if name.split()[0].lower() in _TOOL_NOUNS:
        return None  # "Meeting Transcript", "meeting notes": what the file is, not who
    if re.search(r"\b(?:mostly|mainly|primarily) with\b", text, re.IGNORECASE):
        return name
    rest = text[match.start("name") + len(name):]
    honorific = re.match(r"\s+(sir|ma['’]?am|madam|bhaiya|bhai|didi|ji|garu|sahab|saab)\b", rest, re.IGNORECASE)
    if honorific:  # "with Anand sir": the table may tell two Anands apart by it
        name, rest = f"{name} {honorific[1]}", rest[honorific.end():]
    other = re.match(rf"\s*(?:and|&|\+)\s+(?:\[\[)?(?P<name>{_NAME_WORD}(?: {_NAME_WORD})?)", rest)
    if other:
        second = _trim_name(other["name"])
        if second and second[0].isupper() and second.lower() not in _SELF:
            return f"{name}, {second}"
    return name


_TOOL_NOUNS = {"transcript", "recording", "notes", "note", "summary", "minutes", "recap", "chat", "agenda", "invite",
               "invitation", "audio", "video", "captions", "subtitles"}
_STOP_WORDS = {"group", "panel", "dinner", "notes", "note", "meeting", "call", "coffee", "voice", "memo", "transcript", "zoom", "teams", "mentoring",
               "session", "catch", "up", "check", "in", "the", "my", "with", "and", "re", "fwd", "subject", "chat",
               "lunch", "sync", "coaching", "review", "prep", "follow", "followup", "follow-up", "recording", "cloud",
               "mentor", "mentee", "q", "a", "qa", "q&a", "i", "me", "we", "our", "at", "on", "of", "for", "to",
               "about", "thoughts", "journal", "entry", "debrief", "walk", "breakfast", "drinks", "new",
               "first", "second", "third", "next", "last", "quick", "weekly", "monthly", "check-in", "catch-up",
               "one-on-one", "gmt", "bst", "utc", "pm", "am", "transcribed", "update", "updates",
               # French: "Café Karim", "Appel avec…", "Rencontre Prof Fortin", "Souper chez…"
               "café", "cafe", "dîner", "diner", "souper", "déjeuner", "appel", "rencontre", "bière", "jasette",
               "séance", "mentorat", "avec", "chez", "suivi", "compte", "rendu",
               # Spanish: "Café con Marta", "Llamada con Javier", "Comida con el Ing. Ruiz"
               "con", "llamada", "reunión", "comida", "cena", "desayuno", "charla", "plática", "junta", "sesión",
               "mentoría", "notas", "videollamada",
               # German: "Kaffee mit Brigitte", "Telefonat mit Herrn Prof. Brandt", "Protokoll Mentoring-Gespräch"
               "kaffee", "telefonat", "anruf", "treffen", "gespräch", "mittagessen", "abendessen", "frühstück",
               "besprechung", "spaziergang", "austausch", "sitzung", "protokoll", "notizen", "sprachmemo", "mit",
               "feierabendbier", "mentoring-gespräch", "gesprächsnotiz", "videocall", "termin"}


def names_in_line(line: str) -> list[str]:
    """Runs of capitalised words in a title line, as name hints: "1:1 Chris Alvarez, Aug
    29 2024" -> ["Chris Alvarez"], "Mentoring check-in — Nkechi Balogun / Rosa" ->
    ["Nkechi Balogun", "Rosa"]. Only hints: the tracking table decides."""
    text = _unlinked(line).strip().lstrip("#").strip()
    text = re.sub(r"(\*\*|__)", " ", text)
    runs: list[list[str]] = [[]]
    for segment in re.split(r"[,;/|()\[\]–—:·•+&]+|\s-\s", text):  # punctuation ends a name
        runs.append([])
        for word in segment.split():
            bare = word.strip(".'’\"!?-")
            lowered = bare.lower().rstrip(".")
            capital = bare[:1].isupper() or lowered in _PARTICLES and runs[-1]
            if lowered in ("mr", "mrs", "ms") and bare:
                runs.append([bare])  # "Mr B": the title stays with an initial (the table may call him that)
                continue
            if (not bare or not capital or lowered in _STOP_WORDS or lowered in MONTHS or lowered in _WEEKDAYS
                    or re.search(r"\d", bare) or lowered in ("dr", "prof")):
                if lowered in ("dr", "prof") and bare:
                    continue  # "Dr Okonkwo": the title goes, the name stays
                runs.append([])
                continue
            runs[-1].append(bare)
    return [" ".join(run[:3]) for run in runs if run and run[-1].lower() not in ("mr", "mrs", "ms")]


def name_in_file_name(stem: str) -> str | None:
    """A file name's words once dates and meeting words are removed: "amara-2025-10-28" ->
    "amara", "1on1_tanaka_20260303" -> "tanaka", "chris_a_outline" -> "chris a outline".
    Only a hint: the tracking table is searched for its words and pairs of words."""
    text = re.sub(r"[_]+", " ", stem)
    text = re.sub(r"\d{4}[-.]?\d{1,2}[-.]?\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4}|\d+", " ", text)
    words = [w for w in re.split(r"[\s\-–.]+", text) if w]
    skip = set(MEETING_WORDS) | _STOP_WORDS | {"w", "mtg", "copy", "final", "draft", "v", "1on1"}
    names = [w for w in words if w.lower() not in skip and w.lower() not in MONTHS and w.lower() not in _WEEKDAYS]
    return " ".join(names) if names else None


def speaker_names(text: str) -> list[str]:
    """Who speaks in a transcript: "Nkechi: ...", "[00:01:12] Nkechi: ...", "- Gary: ..." in
    a list, or Otter's "Dr. Okonkwo  0:13" on a line of its own; names seen on two lines or
    more."""
    counts: dict[str, int] = {}
    for line in text.splitlines()[:400]:
        line = re.sub(r"^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*", "", line.strip())
        line = re.sub(r"^[-*•]\s+", "", line)  # " - Gary: always check the lookahead…" in a list
        match = (re.match(r"^(?P<who>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})\s*:\s+\S", line)
                 or re.match(r"^(?P<who>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*$", line))
        if match:
            who = match["who"]
            counts[who] = counts.get(who, 0) + 1
    names = [who for who, n in counts.items() if n >= 2 and who.lower() not in _STOP_WORDS | _SELF
             and who.lower() not in ("date", "when", "attendees", "tags", "created", "to", "from", "sent", "note",
                                     "ps", "status", "person", "people", "subject", "location", "topic")]
    return [re.sub(r"^(?:Dr|Prof)\.?\s+", "", who) for who in names]


# ----- the whole note --------------------------------------------------------------------
_EVENT_SPEAKERS = re.compile(r"^\W*(?:guest |keynote )?(?:speakers?|presenters?|panel(?:ists)?|hosts?|facilitators?)"
                             r"\s*(?:were|was)?\s*[:\-–]\s*(?P<names>\S.*)$", re.I)


def _event_speakers(top_lines: list[str]) -> list[str] | None:
    """The speakers a note of a talk names in its first lines, or None if it names none."""
    for line in top_lines:
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            match = _EVENT_SPEAKERS.match(sentence)
            if match:
                names = [n for part in re.split(r"\s+(?:and|&)\s+|;", match["names"]) for n in names_in_line(part)[:1]]
                if names:
                    return names
    return None


def _top_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.strip())
        if len(lines) >= _TOP_LINES:
            break
    return lines


_QUOTED_MESSAGE = re.compile(r"^\s*(?:-{3,}\s*(?:forwarded message|original message|ursprüngliche nachricht"
                             r"|message d['’]origine|mensaje original|weitergeleitete nachricht)|begin forwarded message"
                             r"|_{5,}\s*$)", re.IGNORECASE)


def _forwarded_to_self(text: str, props: dict[str, str]) -> str | None:
    """The forwarded message of an email the user forwarded to themselves (subject "FW:" or
    "Fwd:", to a bare address or to the sender's own name), from its header on; else None."""
    if not re.match(r"^\s*(?:fwd?|wg)\s*:", props.get("subject", ""), re.IGNORECASE) or "to" not in props:
        return None
    to = props["to"].strip()
    bare_address = re.fullmatch(r"<?[^<>\s]+@[^<>\s]+>?", to) is not None
    # "To: Gelai notes <gelai.notes@…>", "To: My inbox": a box of the user's own
    own_box = re.search(r"\b(?:notes|inbox|archive|personal|myself|self)\b", _address_name(to)) is not None
    if not bare_address and not own_box and _address_name(to) != _address_name(props.get("from", "")):
        return None
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _QUOTED_MESSAGE.match(line)]
    if not starts:
        return None
    covering = [line for line in lines[:starts[0]] if line.strip() and not _PROPERTY.match(line.strip())]
    if any(_DAY_BEFORE_MET.search(line) and (_DAY_BEFORE.search(line) or re.search(r"\b(?:with|w/|w)\s+[A-Z]", line))
           for line in covering):
        return None  # the user's own notes on top ("notes from lunch w Greg yesterday"): the note is theirs
    # A chain forwarded on (to a partner, then to the notes box): the innermost message,
    # the one first sent, is what the note keeps.
    for start in reversed(starts):
        inner = "\n".join(lines[start + 1:]).strip()
        if re.match(r"^(?:from|von|de)\s*:", inner, re.IGNORECASE):
            return inner
    return None


# Gmail's print view: each message starts "Name <address>", its date after a tab (or two
# spaces) on the same line, or on the next line when the view was printed to PDF.
_PRINTED_SENDER = re.compile(r"^\s*(?P<sender>[^\t<>:]{1,80}<[^<>\s]+@[^<>\s]+>)\s*(?:(?:\t|\s{2,})(?P<when>.+))?$")


def printed_sender(lines: list[str], number: int) -> tuple[str, str] | None:
    """(sender, when) when line ``number`` starts a message of a printed e-mail thread
    ("Aditi Joshi <aditi@…>⇥Mon, 25 Aug 2025 at 9:12 am"); None otherwise."""
    match = _PRINTED_SENDER.match(lines[number])
    if match is None:
        return None
    when = match["when"] or (lines[number + 1] if number + 1 < len(lines) else "")
    if not re.search(r"\d{4}", when) or (match["when"] is None and not only_a_date(when)):
        return None
    return match["sender"].strip(), when.strip()


def _printed_reply_date(text: str, to: str, sent: dt.date, day_first: bool | None) -> dt.date | None:
    """In a printed e-mail thread (Gmail's print view), the day of the first message from
    ``to`` within a week after ``sent``; None when they did not write."""
    lines = [line.strip() for line in text.splitlines()]
    for i in range(len(lines)):
        printed = printed_sender(lines, i)
        if printed is not None and _address_name(printed[0]) != _address_name(to) and \
                any(_THANKS_FOR_TODAY.search(line) for line in lines[i + 1:i + 6]):
            return None  # the user's first message thanks "for tonight": the meeting was that day
        if printed is not None and _address_name(printed[0]) == _address_name(to):
            day = find_date(printed[1], day_first=day_first)
            return day if day is not None and sent <= day <= sent + dt.timedelta(days=7) else None
    return None


# A form's date field that explains itself: "Date de la session / Session date (MM/JJ/AAAA -
# MM/DD/YYYY): 04/10/2025", "Date (DD/MM/YYYY): 10/04/2025".
_FORM_DATE = re.compile(r"^\s*(?P<key>[^:：]{0,60}?\bdate\b[^:：]{0,60}?\((?:[^()]*\b(?:mm|dd|jj|tt)\b[^()]*)\))\s*[:：]\s*"
                        r"(?P<value>\S.*?)\s*$", re.IGNORECASE)


def _with_stated_order(key: str, value: str) -> str:
    """``value`` as an ISO date when ``key`` says how it is written ("MM/DD/YYYY" month
    first; "DD/MM" or French "JJ/MM" day first); else ``value`` as it is."""
    if re.search(r"\bmm[/.\-](?:dd|jj|tt)\b", key, re.IGNORECASE):
        day = find_date(value, day_first=False)
    elif re.search(r"\b(?:dd|jj|tt)[/.\-]mm\b", key, re.IGNORECASE):
        day = find_date(value, day_first=True)
    else:
        day = None
    return day.isoformat() if day else value


def property_lines(text: str) -> dict[str, str]:
    """``key: value`` lines at the top of a note, keys lower-cased ("date", "attendees")."""
    found: dict[str, str] = {}
    lines = _top_lines(text)
    for i, line in enumerate(lines):
        if _QUOTED_MESSAGE.match(line):
            break  # the headers of a forwarded or quoted message are that message's, not the note's
        printed = printed_sender(lines, i)
        if printed and "from" not in found:
            # Gmail's print view, under the subject and its "1 message" line.
            found["from"], found["sent"] = printed
            if i >= 2 and re.fullmatch(r"\d+ messages?", lines[i - 1].strip(), re.IGNORECASE):
                found.setdefault("subject", lines[i - 2].strip())
            continue
        form_date = _FORM_DATE.match(line)
        if form_date and "date" not in found:
            found["date"] = _with_stated_order(form_date["key"], form_date["value"])
            continue
        match = _PROPERTY.match(line)
        if match and match["value"]:
            key = " ".join(match["key"].lower().split())
            found.setdefault(MAIL_HEADERS.get(key, key), match["value"])
    return found


def first_line(text: str) -> str | None:
    """The note's first line that is not a property line (nor a PDF's "## Page 1")."""
    for line in _top_lines(text):
        if _PROPERTY.match(line) and not line.lstrip().startswith("#"):
            continue
        if re.fullmatch(r"#+\s*page \d+", line.strip(), re.IGNORECASE):
            continue
        return line
    return None


def title_line(text: str, *, meeting: bool = True) -> str | None:
    """A note's own title: its first line when that is a heading or a short line that
    names the meeting ("Call with Hiroshi Tanaka, 3 March 2026"); else None. With
    ``meeting=False`` (a document: "Harborline Engineering Career Ladder"), any short line
    with no end punctuation is a title, a "Networking: a handout" line included (for a
    note, such a line is a property)."""
    line = first_line(text) if meeting else next(
        (ln for ln in _top_lines(text) if not re.fullmatch(r"#+\s*page \d+", ln, re.IGNORECASE)), None)
    if not line:
        return None
    heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", line)
    text_line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", heading.group(1) if heading else line).strip().strip("*_").strip()
    longest, ends = (12, (".", "!", "?", ":")) if meeting else (14, (".", "!", "?", ":", ",", ";"))
    names_it = not meeting or any(w in text_line.lower() for w in MEETING_WORDS) or find_date(text_line)
    if not heading and (len(text_line.split()) > longest or text_line.endswith(ends) or not names_it):
        return None
    return text_line[:200] or None


def in_capitals(text: str) -> bool:
    """Whether a note is typed in capitals (a kitchen's, a message center's, a caps-lock phone note)."""
    letters = re.findall(r"[^\W\d_]", text[:3000])
    return len(letters) >= 40 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _usual_case(text: str) -> str:
    """Words in capitals as names are usually written ("CHRIS A" -> "Chris A"); month and
    short code words ("JUL", "DTG", "SOC") stay as they are."""
    def word(match: re.Match) -> str:
        w = match.group(0)
        return w if len(w) <= 3 and w.lower() not in ("ana", "bob", "tom", "joe", "sam", "amy", "kim", "lee") \
            else w.capitalize()
    return re.sub(r"[^\W\d_]+", word, text)


def note_facts(text: str, file_stem: str, *, title: str | None = None, mentor: str | None = None,
               date: dt.date | None = None, created: dt.date | None = None,
               day_first: bool | None = None) -> NoteFacts:
    """Mentor and date of a note: ``mentor``/``date`` (front matter) first, then property
    lines, then the title or first line, then the file name, then ``created`` (the
    document's own metadata, date only)."""
    if in_capitals(text):
        # A message typed in capitals ("PHONE CON WITH CHRIS A THIS EVENING"): names are read
        # from it as if written in the usual case.
        text, title, file_stem = _usual_case(text), title and _usual_case(title), _usual_case(file_stem)
    # The note's own numeric dates say how it writes them; else the setting (or locale).
    evidence = numeric_order(text)
    day_first = evidence if evidence is not None else (default_day_first() if day_first is None else day_first)
    mentors: list[str] = split_names(mentor) if mentor else []
    mentor_source = "front matter" if mentors else None
    date_source = "front matter" if date else None
    props = property_lines(text)
    for key in [k for k in props if "/" in k]:
        # a form's combined question: "Mentor / coordinator", "Coach / mentor(a)"
        for part in (p.strip() for p in key.split("/")):
            if part in MENTOR_KEYS or part in DATE_KEYS:
                props.setdefault(part, props[key])
    forwarded = None if mentors or date else _forwarded_to_self(text, props)
    if forwarded is not None:
        # "FW: feedback", sent from work to the user's own gmail "for the mentoring folder":
        # the message forwarded is the note, with its own sender and date.
        inner = note_facts(forwarded, file_stem, title=title, created=created, day_first=day_first)
        if inner.mentors or inner.hints:
            return inner
    heads = [h for h in (title, first_line(text)) if h]
    top = _top_lines(text)

    guessed: list[str] = []  # stated in a property line, but not shaped like a person's name
    if not mentors:
        for key in MENTOR_KEYS:
            if key in props and split_names(props[key]):
                names = split_names(props[key])
                mentors = [n for n in names if looks_like_name(n)]
                guessed = [n for n in names if not looks_like_name(n)]
                mentor_source = "property" if mentors else None
                if mentors and key in _LISTED_KEYS and ("from" in props or "subject" in props):
                    # A meeting tool's summary mailed to the user ("Attendees: Craig Benton,
                    # Sophie Whitcombe"): the tool listed who was there, the user did not
                    # name a mentor, so a stranger on it is theirs to add, not added for them.
                    mentor_source = "attendee list"
                break
    if not mentors:
        for value in props.values():  # "Met: [[2025-10-21]] with [[Valentina Rossi]]"
            if len(value.split()) > 10:
                continue  # a sentence ("Speaker: Joost …. Went with Sander …") is not a property
            name = name_with(value)
            if name:
                mentors, mentor_source = [name], "property"
                break
    if "invitation" in props:  # Google Calendar: "Invitation: Forecast review Femke x Inês @ Tue 14 Oct …"
        heads.insert(0, props["invitation"].split(" @ ")[0])
    email = "subject" in props or "from" in props
    to_self = email and "to" in props and "from" in props and \
        _address_name(props["to"]) == _address_name(props["from"])  # a note mailed to oneself
    if email and props.get("subject"):
        heads.append(re.sub(r"^(?:re|fwd?|aw|wg)\s*:\s*", "", props["subject"], flags=re.I))
    other_party: list[str] = []
    recap = next((name for head in heads if (name := whose_words(head))), None) if email and not mentors else None
    if recap is not None and "to" in props and not to_self:
        # "Subject: what Gloria said (long, sorry)", mailed to the user's partner: the
        # meeting told about is Gloria's, not one with the person it was sent to.
        mentors, mentor_source = [recap], "title"
    if not mentors and "to" in props and email and not to_self:
        # A pasted email: the addressee is the mentor when the user pasted what they sent;
        # when they pasted what the mentor sent them, the sender is. The sender is kept as
        # a hint, and the tracking table (or the user's own name) decides.
        mentors, mentor_source = split_names(props["to"])[:1], "property"
        other_party = split_names(props.get("from", ""))[:1]
    event = not mentors and _is_event([t for t in (title, title_line(text), file_stem) if t])
    if not mentors and not event:
        for head in heads:
            name = name_with(head)
            if name:
                mentors, mentor_source = name.split(", "), "title"
                break
    if not mentors:
        name = name_with(re.sub(r"[_]+", " ", file_stem))
        if name:
            mentors, mentor_source = [name], "file name"
    hints: list[str] = list(other_party)
    speakers = _event_speakers(top) if not mentors else None
    if speakers is None and event:
        # A podcast episode or a webinar "w/ Kristen Alvarado": the guest is a speaker, a
        # candidate only if the table knows them, never a new person met.
        speakers = [name for name in map(name_with, heads) if name]
    if speakers is not None:
        # A talk, panel or webinar ("Speakers: Hannah Kwok (…) and Rob Mensah (…)"): its
        # speakers are the only candidates; someone the note merely mentions ("Dee posted
        # the link") is not the person met.
        hints, mentor_source = speakers, "hint"
    if not mentors and speakers is None:
        body_with = name_with(" ".join(text.split()[:120]))  # "…after coffee with Chris Alvarez…"
        # A name the note says it met ("## Pay review w/ Okafor" in a daily note) before any
        # name it only mentions ("Marek's lads back to full numbers").
        met = [n for line in heads + [ln for ln in text.splitlines() if re.match(r"^#{1,6}\s", ln)]
               if (n := name_with(line))]
        guesses = met + guessed + email_names(text) + [n for head in heads + top[:3] for n in names_in_line(head)]
        guesses += speaker_names(text) + [g for g in (body_with, _greeting_name(text), name_in_file_name(file_stem)) if g]
        guesses += _thanked_names(text)
        # Headings further down ("## 11:00 Bea (career services)" in a daily note), and a
        # name typed in lower case after "with" ("notes from the call with jan willem").
        guesses += [n for line in text.splitlines() if re.match(r"^#{1,6}\s", line) for n in names_in_line(line)]
        guesses += [_lower_name(m["name"]) for m in _LOWER_WITH.finditer(" ".join(text.split()[:80]))]
        # "Had lunch at sunbae's", "went over to Gaz's": the host (a hint only the table can place).
        guesses += [m["name"] for m in _AT_THEIRS.finditer(" ".join(text.split()[:200]))]
        # Last, a call the note records further down ("pausa das 0040Z: liguei pro Cmte" at the
        # end of a shift log): a hint only the tracking table can make a mentor.
        guesses += [n for line in text.splitlines()[_TOP_LINES:] if _CALLED_THEM.search(line) and (n := name_with(line))]
        # And whose words a label says the lines under it are ("Harold's advice (in your own
        # words):" in a form's export, "What Tasha said:"), anywhere in the note.
        guesses += [n for line in text.splitlines() if len(line) <= 80 and (n := whose_words(line))]
        if to_self:
            guesses = [g for g in guesses if g and _address_name(g) != _address_name(props["from"])]
        hints = list(dict.fromkeys(g for g in guesses if g))
        first = top[0] if top else ""
        if first and not names_in_line(first) and first.lower() not in hints and find_date(first, day_first=day_first):
            # A dated first line typed in lower case on a phone ("3.12.25 sean on zoom, typing
            # this on the bus"), last of the hints: matched word by word, only a word that is
            # one person's name in the table places the note.
            hints.append(first.lower())
        mentor_source = "hint" if hints else None

    if date is None:
        # "Start Time (UTC)", "Scheduled (NZT)": the key without the zone it names (a UTC
        # time is turned into the user's day; any other zone is taken to be theirs)
        zoned = {re.sub(r"\s*\([^)]*\)$", "", key): key for key in props if re.search(r"\([^)]*\)$", key)}
        for key in DATE_KEYS:
            stated = key if key in props else zoned.get(key)
            if stated:
                date = parse_date_value(props[stated], day_first, utc=bool(re.search(r"\((?:utc|gmt)\)$", stated)))
                if date:
                    date_source = "property"
                    break
        if date is not None and ("subject" in props or "from" in props):
            # A pasted follow-up email: its date is when it was sent; the meeting it thanks
            # for is named in the body ("thanks for the time on Tuesday 30 September").
            recalled = _meeting_date_in_email(text, date, day_first)
            if recalled is not None:
                # The top message says which day the meeting was ("notes from lunch w Greg
                # yesterday"): the older messages quoted under it set it up, they are not it.
                date, date_source = recalled, "email"
    yesterday = date is not None and date_source == "property" and not email and _opens_with_yesterday(text)
    if yesterday and date is not None:
        date -= dt.timedelta(days=1)  # an app's entry dated when written: "Yesterday - coffee with Fi M."
    if date is not None and date_source == "property" and "to" in props and "from" in props:
        # A printed thread the user started ("Please what would you do?"): the answer with
        # the advice, the first message from the person written to, is the exchange's day.
        answered = _printed_reply_date(text, props["to"], date, day_first)
        if answered is not None:
            date, date_source = answered, "email"
    if date is None or date_source == "property":
        thread = email_thread_date(text, day_first)
        if thread is not None and (date is None or thread < date):
            date, date_source = thread, "email"
    written: dt.date | None = None
    if date is None:
        # The title and the first lines; a line about the next meeting is not this one's date,
        # and a line saying when the note was written ("written Sun 1/25/2026") is kept aside.
        for head in [h for h in heads if not _DUE.search(h)] + [line for line in top[:3] if not _NEXT_MEETING.search(line)
                                                                  and not _DUE.search(line)]:
            if _written_line(head) or _TOOL_STAMP.search(head):
                written = written or find_date(head, day_first=day_first) or weekday_date(head)
                continue
            date = find_date(head, day_first=day_first)
            if date:
                date_source = "title"
                # "25/04/2025, 07:41 - Becca: cheers for last night", or a note app's stamp
                # ("14 Jun 2025, 08:12:47") over "kal raat ka call with Anand bhaiya": the
                # meeting was the day before the date written.
                # (also under "Monday, 30 March 2026 — on the MRT home": a date and where it was typed)
                weekday = re.match(r"^\W*([^\W\d_]+),?\s+\d", head)
                dated_head = only_a_date(head) or (
                    (re.match(r"^\W*\d", head) is not None or (weekday is not None and _weekday_number(weekday[1]) is not None))
                    and len(head.split()) <= 10)
                said = [head] + (_lines_after(top, head, 2) if dated_head else [])
                if any(_DAY_BEFORE.search(line) and _DAY_BEFORE_MET.search(line) for line in said):
                    date -= dt.timedelta(days=1)
                break
    if date is not None and date_source == "title":
        date = _arranged_for_next_day(text, date, day_first)
    if date is None and written is not None:
        date, date_source = _meeting_before(text, written, day_first) or written, "written"
    if date is None:  # "2025_11_06" as written, else with underscores read as spaces
        date = find_date(file_stem, day_first=day_first) or find_date(re.sub(r"[_]", " ", file_stem),
                                                                      day_first=day_first) \
            or _recorder_stamp(file_stem)
        date_source = "file name" if date else None
        # "2025-11-20 Kathi.txt" opening "gestern Abend Coaching mit Kathi": named the day it was written
        if date is not None and _opens_with_yesterday(text):
            date -= dt.timedelta(days=1)
    if date is None and created is not None and not any(name_with(h) for h in heads):
        # A draft whose title dates something else ("Pitch (entrevista 21/01)") and whose
        # heading further down dates the meeting with someone ("## Notas da call c/ AP – qua
        # 14/01, 19h"): that heading's day, in the created year.
        for line in text.splitlines():
            if re.match(r"^#{1,6}\s", line) and name_with(line) and any(w in line.lower() for w in MEETING_WORDS) \
                    and not _NEXT_MEETING.search(line):
                date = find_date(line, default_year=created.year, day_first=day_first) or \
                    _yearless_numeric(line, created.year, day_first)
                if date:
                    date_source = "title"
                    break
    if date is None and created is not None:
        # A yearless date in the title ("Coffee with Amara, 3 March", "Farah 4/12 – the
        # offer") takes the created year.
        for head in heads:
            date = find_date(head, default_year=created.year, day_first=day_first) or \
                _yearless_numeric(head, created.year, day_first)
            if date:
                date_source = "title"
                break
    if date is None:
        # "Zoom chat 11-06 Priya.txt": a day and month in the file name, the year from the
        # note's own full dates ("… my last day is Fri 25 July 2025") or its metadata.
        date = _day_without_year(file_stem, text, created, day_first)
        date_source = "file name" if date else None
    if date is None:
        # "## Whaea Anahera 25/11 – concept review" (a section of a task list): the same, from
        # the first heading that writes a day and month
        heading = next((line for line in text.splitlines() if re.match(r"^#{1,6}\s", line)
                        and _STEM_DAY.search(line) and not _NEXT_MEETING.search(line)), None)
        date = _day_without_year(heading, text, created, day_first) if heading else None
        date_source = "title" if date else None
    if date is None:
        # "Thurs 30th Oct - coffee w/ JR": no year, but the weekday says which one (also
        # "Thu 9/10" on a line of its own under a handwritten page's title and "w/ Whaea Anahera").
        for head in heads + top[:3] + [line for line in top[3:6] if only_a_date(line)]:
            date = weekday_date(head)
            if date:
                date_source = "title"
                break
    if date is None:
        date = _session_heading_date(text, day_first)
        date_source = "session heading" if date else None
    if date is None:
        # An outline's context line: "  - video call w Priya Tues Aug 11 '26, 30 min on her lunch"
        for line in text.splitlines()[:_TOP_LINES + 8]:
            if name_with(line) and _MET_THEM.search(line) and not _NEXT_MEETING.search(line) and not _DUE.search(line):
                date = find_date(line, day_first=day_first)
                if date:
                    date_source = "title"
                    break
    if date is None:
        # A list of projects or pages with one about the meeting: "## Viper 29JUL26" among
        # "## Inbox" and "## Someday" in a TaskPaper file, named by a name the note gives.
        # (a name also written elsewhere in the note: "send Viper the abstract"; a heading's
        # own word, "Release 12MAR26", names no one)
        lowered = text.lower()
        called = {w for n in [*mentors, *hints] if n and n.split()
                  for w in [n.split()[0].lower()] if len(re.findall(rf"\b{re.escape(w)}\b", lowered)) >= 2}
        for line in text.splitlines():
            if re.match(r"^#{1,6}\s", line) and set(re.findall(r"[^\W\d_]+", line.lower())) & called \
                    and not _NEXT_MEETING.search(line) and not _DUE.search(line):
                date = find_date(line, day_first=day_first)
                if date:
                    date_source = "session heading"
                    break
    if date is None and created is not None:
        date, date_source = created, "metadata"
        # A file started a few days before the meeting it holds ("Talked with AP today (seg)",
        # a deck made on Friday for Monday's call): the weekday the text gives it, that week.
        today = _TODAY_WEEKDAY.search(text)
        named_day = _SHORT_WEEKDAYS.get(today["day"].lower().rstrip("."), _weekday_number(today["day"])) if today else None
        if named_day is not None:
            date += dt.timedelta(days=(named_day - date.weekday()) % 7)
    if date is not None and date_source == "title" and not email:
        # "Interview is Mon 3/17" on top and "Dana L came over Thurs 3/13 and grilled me" below:
        # the day the note says the meeting was, not the day its first lines are about.
        date = _meeting_day_in_body(text, heads + top[:3], [*mentors, *hints], date, day_first) or date
    if date is not None and not yesterday and date_source in ("file name", "title", "property", "metadata") \
            and not email and _section_met_yesterday(text, [*mentors, *hints]):
        date -= dt.timedelta(days=1)
    return NoteFacts(tuple(mentors), mentor_source, tuple(hints), date, date_source)


_WHOSE_WORDS = re.compile(
    r"^\W*(?:(?i:what)\s+(?P<said>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*)?)\s+(?i:said|says|told me|suggested|recommended"
    r"|advised|thinks)\b|(?P<owner>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*)?)['’]s\s+(?i:advice|tips|take|notes|feedback"
    r"|thoughts|suggestions|pointers|rules?)\b)")
_NOT_A_SPEAKER = {"she", "he", "they", "we", "you", "it", "this", "that", "mom", "dad", "everyone", "nobody", "today"}


def whose_words(line: str) -> str | None:
    """The name a line says the words under or in it are of: "what Gloria said (long,
    sorry)", "Harold's advice (in your own words):", "Chef Renee's rules"; None otherwise."""
    match = _WHOSE_WORDS.match(line.strip())
    if match is None:
        return None
    name = (match["said"] or match["owner"]).strip()
    if name.split()[0].lower() in _NOT_A_SPEAKER or not looks_like_name(name):
        return None
    return name


def _section_met_yesterday(text: str, names: list[str]) -> bool:
    """A day's note with a section about the meeting the day before: "## JB (coffee
    yesterday, didn't get to write it up)" under "# Thu 9 Oct"."""
    called = {name.split()[0].lower() for name in names if name and name.split()}
    return any(re.match(r"^#{1,6}\s", line) and _SAYS_YESTERDAY.search(line) and _DAY_BEFORE_MET.search(line)
               and set(re.findall(r"[^\W\d_]+", line.lower())) & called for line in text.splitlines())


# A dated first line that is plainly about something other than a meeting: an interview, an
# offer or its deadline, an exam, a start date, or the night the note was written.
_ABOUT_SOMETHING_ELSE = re.compile(r"\b(?:interview|offer|deadline|due|answer by|reply by|decide by|exam|test|start date"
                                   r"|starts?|can'?t sleep|couldn'?t sleep|writing this|written|journal|diary)\b", re.I)
# A line recalling an earlier meeting ("since our last call on 3/2"), not the one the note holds.
_EARLIER_MEETING = re.compile(r"\b(?:our|my|the|your|a)\s+(?:last|previous|prior|first|earlier)\s+(?:\w+\s+)?(?:call|chat"
                              r"|meeting|coffee|session|time)\b|\bback in\b|\bsince (?:our|we)\b", re.I)
_MET_THEM = re.compile(r"\b(?:came over|came by|come over|talked|spoke|met|meeting|call|called|coffee|lunch|breakfast"
                       r"|dinner|drinks|chat|chatted|session|zoom|facetime|catch[- ]?up|caught up|1:1|sat down)\b", re.I)
_NOT_NAMES = {"it", "she", "he", "they", "i", "need", "talked", "the", "my"}  # (and the weekdays)


def _meeting_day_in_body(text: str, heads: list[str], names: list[str], date: dt.date,
                         day_first: bool | None) -> dt.date | None:
    """The day a line of the note's opening says the meeting with someone it names was
    ("Talked it through with Monique on our call Thursday 5/15", "the coffee with Priya …
    It was Aug 14"), when the date the note opens with is about something else (an
    interview, an offer's deadline, the night it was written) and falls up to four months
    after it. None when the opening names no such day, or its dated first lines are
    themselves the meeting ("Coffee with Priya 3/14")."""
    first_dated = next((head for head in heads if find_date(head, default_year=date.year, day_first=day_first)
                        or _yearless_numeric(head, date.year, day_first) or weekday_date(head)), None)
    # A note that opens with its date ("Dienstag, 14. Oktober 2025 · 17:00", a journal's day,
    # a chat's stamps) is that day's, whatever its lines recall.
    if first_dated is None or not _ABOUT_SOMETHING_ELSE.search(first_dated):
        return None
    opening = re.match(r"^\W*(?:[^\W\d_]+\.?,?\s+)?\d[\d/.\-]*(?:\s+\d{4})?\s*[-–—:,]?\s*", first_dated)
    if opening:
        # (unless the rest of that line says it is when the note was written, not who was met:
        # "Sun 9/21 - can't sleep, so")
        rest = first_dated[opening.end():]
        if not re.search(r"[^\W\d_]", rest) or re.search(r"\d", rest) or _MET_THEM.search(rest) \
                or re.search(r"(?<!^)\b[A-Z][a-z]", rest):
            return None
    if sum(1 for line in text.splitlines()[:60] if CHAT_STAMP.match(line.strip())) >= 2:
        return None
    firsts = {w for n in names if n for w in [n.split()[0]] if w[:1].isupper() and len(w) >= 3
              and w.lower() not in _NOT_NAMES and w.lower() not in _WEEKDAYS}
    if not firsts:
        return None
    named = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(firsts)) + r")\b")
    for line in text.splitlines()[1:40]:
        if not (_MET_THEM.search(line) and named.search(line)) or _NEXT_MEETING.search(line) \
                or _EARLIER_MEETING.search(line):
            continue
        said = find_date(line, default_year=date.year, day_first=day_first) or \
            _yearless_numeric(line, date.year, day_first)
        if said is None or said == date or not dt.timedelta(0) < date - said <= dt.timedelta(days=120) \
                or line.strip() == first_dated.strip():
            continue
        if named.findall(line)[0] in named.findall(first_dated):
            return None  # the dated head meets the same person ("Call w/ Sam 3/17" … "Sam called 3/13")
        return said
    return None


_TODAY_WEEKDAY = re.compile(r"\b(?:today|hoje|hoy|aujourd['’]hui|heute)\s*\(?\s*(?P<day>[^\W\d_]{3,9}\.?)\s*\)", re.IGNORECASE)
_SHORT_WEEKDAYS = {"seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4, "sáb": 5, "sab": 5, "dom": 6}


_SESSION_HEAD = re.compile(r"^\W{0,4}(?P<date>[^—–|]{0,30}?\d{4})\s*(?:[—–|,:-]\s*(?P<rest>.*))?$")


def _session_heading_date(text: str, day_first: bool | None) -> dt.date | None:
    """A running document's session heading further down ("Feb 5, 2026 — Zoom, 45 min"
    under the doc's title and "Next session: Mar 5"): a short line that starts with a full
    date and says nothing else but how the meeting was held. None when there is none."""
    for line in text.splitlines()[:200]:
        line = line.strip().strip("#*_ ").strip()
        match = _SESSION_HEAD.match(line)
        if not match or len(line.split()) > 10 or _NEXT_MEETING.search(line) or WRITTEN_LINE.match(line):
            continue
        rest = (match["rest"] or "").lower()
        if rest and not (any(w in rest for w in MEETING_WORDS) or re.search(r"\b\d+\s*(?:min|mins|minutes|h)\b", rest)):
            continue
        day = find_date(match["date"], day_first=day_first)
        if day is not None:
            return day
    return None


# "cheers for last night", "notes from yesterday's coffee": the meeting was the day before.
# (French "hier" is also German "here": "hier meine Zusammenfassung", "ich bin hier" are not yesterday.)
_YESTERDAY = (r"yesterday|gestern|ayer|anoche|ontem"  # English, German, Spanish, Portuguese, and French:
              r"|hier(?!\s+(?:meine?n?|ist|sind|die|der|das|den|noch|nochmal|in|im|bei|zu|ein|eine|kurz|mal|was|alles"
              r"|unten|oben|nur|und|gibt|geht|wird|war|auf|an|am|habe|hab|findest|siehst|steht)\b)"
              r"(?<!bin hier)(?<!ist hier)(?<!von hier)(?<!auch hier)(?<!nach hier)(?<!war hier)")
_SAYS_YESTERDAY = re.compile(rf"\b(?:{_YESTERDAY})\b", re.IGNORECASE)
_DAY_BEFORE = re.compile(rf"\b(?:last night|last nite|yday|kal raat|{_YESTERDAY})\b", re.IGNORECASE)  # kal raat: Hindi


# A chat export's message stamp: "11/04/25, 7:52 pm - Aditi: …", "[12-06-2025 17:41] Meera: …".
CHAT_STAMP = re.compile(r"^\[?(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}),?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
                        r"\s*(?:[ap]\.?m\.?)?\]?\s*(?:[-–:]\s*)?", re.IGNORECASE)
_TOMORROW = re.compile(r"\b(?:tomorrow|tmrw|tmr|tomoz|kal|(?-i:morgen)(?! früh\b))\b(?<!guten morgen)", re.IGNORECASE)


def _arranged_for_next_day(text: str, date: dt.date, day_first: bool | None) -> dt.date:
    """A chat whose first day only arranges the meeting ("Can we do the mock round kal
    morning?" / "Sure. 10:30 tomorrow") and whose messages go on the next day: the meeting
    was that next day. Any other note keeps ``date``."""
    days: dict[dt.date, list[str]] = {}
    heading_day: dt.date | None = None  # a chat export's message heading ("## Wednesday, 5 February 2025 – Viper")
    for line in text.splitlines()[:200]:
        stamp = CHAT_STAMP.match(line.strip())
        day = find_date(stamp["date"], day_first=day_first) if stamp else None
        if day is None and re.match(r"^#{1,6}\s+\S.*\d", line):
            heading_day = find_date(line, day_first=day_first)
            continue
        if day is None and line.strip():
            day = heading_day  # a message's text under its heading
        if day is not None:
            days.setdefault(day, []).append(line)
    after = date + dt.timedelta(days=1)
    first = days.get(date, [])
    if after in days and any(_TOMORROW.search(line) for line in first):
        return after
    # "Abeg when you have 20 minutes this weekend…" / "Saturday morning I'll be in the
    # office": a short first day that sets a day, then the conversation itself that week.
    later = sorted(day for day in days if date < day <= date + dt.timedelta(days=31))
    thanked = next((day for day in later if any(_THANKS_FOR_TODAY.search(line) for line in days[day])), None)
    if thanked is not None and any(_ARRANGING.search(line) or _TOMORROW.search(line) for line in first):
        return thanked  # arranged on the first day; "Danke für heute" on the day it happened
    if later and len(first) <= 6 and len(days[later[0]]) > len(first) and any(_ARRANGING.search(line) for line in first):
        return later[0]
    return date


_ARRANGING = re.compile(r"\b(?:this|the|next) (?:weekend|week)\b|\bone of these (?:days|weekends)\b"
                        # Spanish and French: "esta semana", "el martes 11", "¿te queda?", "cette semaine"
                        r"|\b(?:esta|la próxima|la proxima) semana\b|\bel (?:lunes|martes|miércoles|miercoles|jueves|viernes"
                        r"|sábado|sabado|domingo)\b|\bte queda\b|\bcette semaine\b|\b(?:lundi|mardi|mercredi|jeudi"
                        r"|vendredi|samedi) (?:prochain|soir|midi)\b"
                        r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]* (?:the )?\d{1,2}(?:st|nd|rd|th)\b"
                        r"|\bnext (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur"
                        r"|sun)day (?:morning|afternoon|evening|night)\b|\bwhen you (?:have|are free|get)\b"
                        r"|\b(?:are|r) you free\b|\bhave (?:\d+|a few|some) minutes\b"
                        # German: "am Wochenende", "nächste Woche", "Samstag, 17 Uhr?", "passt es dir", "hast du … Zeit"
                        r"|\b(?:am|dieses|nächstes) wochenende\b|\b(?:diese|nächste) woche\b|\b(?:am )?(?:montag|dienstag"
                        r"|mittwoch|donnerstag|freitag|samstag|sonntag)\b|\bpasst (?:es )?(?:dir|ihnen|euch)\b"
                        r"|\b(?:hast du|haben sie)\b.{0,40}\bzeit\b"
                        r"|\b(?:good|free|still on|keen|ok|okay) for (?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
                        # "Thursday 3pm work?", "thursday 3 works"
                        r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:at )?\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b", re.IGNORECASE)
# A chat message thanking for the meeting of that same day.
_THANKS_FOR_TODAY = re.compile(r"\b(?:(?:thanks?(?: you)?|cheers)(?: so much| heaps)? for (?:[\w'’]+ ){0,3}?(?:today|this morning|this afternoon"
                               r"|this arvo|tonight)|danke (?:dir |ihnen |euch )?(?:für|fuer) heute"
                               r"|gracias por (?:lo de )?hoy|merci pour aujourd['’]hui|great (?:to see|seeing) you today)\b",
                               re.IGNORECASE)


_DATE_AND_TIME_WORDS = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|"
    r"\b(?:" + "|".join(sorted(DATE_MONTHS, key=len, reverse=True)) + r")\.?(?!\w)|\b(?:at|am|pm|um|uhr)\b|[\d:/.,·\-–]+"
    r"|\b(?-i:Mo|Di|Mi|Do|Fr|Sa|So)\b"
    # Portuguese and Spanish: "ter., 15 de jul. de 2025 às 16:20", "19h30"
    r"|\b(?:seg|ter|qua|qui|sex|sáb|sab|dom)\.|\b(?:de|às|del)\b|(?<=\d)h(?=\d|\b)",
    re.IGNORECASE)


def only_a_date(line: str) -> bool:
    """A line that is a date and a time and nothing else ("14 Jun 2025, 08:12:47", "Thu,
    11 Dec 2025 at 22:47"): a note app's or a chat's stamp."""
    return bool(line.strip()) and not _DATE_AND_TIME_WORDS.sub(" ", line).strip()


def _lines_after(lines: list[str], line: str, count: int) -> list[str]:
    return lines[lines.index(line) + 1: lines.index(line) + 1 + count] if line in lines else []
def _opens_with_yesterday(text: str) -> bool:
    """Whether one of the first lines of the note's body opens by saying a meeting was
    yesterday ("Yesterday - coffee with Fi M.", "Gestern Abend Coaching mit Kathi")."""
    body = [line.strip() for line in text.splitlines() if line.strip() and not _PROPERTY.match(line.strip())][:6]
    return any(re.match(rf"^\W*(?:{_YESTERDAY})\b", line, re.IGNORECASE) and _DAY_BEFORE_MET.search(line)
               for line in body)


# The words that say a "yesterday" was a meeting (an email's or a chat's first lines).
_DAY_BEFORE_MET = re.compile(r"\b(?:thank|cheers|coffee|lunch|dinner|breakfast|call|chat|pint|drinks|meeting|met\b"
                             r"|catch|session|talk|merci|remercie|café|dîner|souper|revoir|rencontre|appel|jasé"
                             r"|danke|treffen|gespräch|gracias|reunión|llamada|comida|cena|charla|plática|platica"
                             r"|sesión|séance|videollamada|coaching|mentoring|kaffee|telefonat|anruf|mittagessen"
                             r"|abendessen|frühstück|austausch|besprechung|termin"
                             # "good to see you yesterday", "schön, dich gestern zu sehen"
                             r"|see you|seeing you|saw you|sehen|gesehen|getroffen|gesprochen)",
                             re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(r"\b(?P<day>[^\W\d_]{3,}|(?-i:Mo|Di|Mi|Do|Fr|Sa|So))\.?,?\s*"
                             r"(?:(?:morning|evening|night|matin|soir|midi)\s+)?(?:the\s+|le\s+|den\s+|der\s+)?$", re.IGNORECASE)


_WEEKDAY_AFTER = re.compile(r"\s*,?\s*\(?(?P<day>[^\W\d_]{3,9})\b\.?\)?")
# "13/11" or German's "12.03." beside a weekday (the later _YEARLESS_NUMERIC is slashes only)
_WEEKDAY_NUMERIC = re.compile(r"(?<![\d/.\-])(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})(?:\.(?!\d)|(?![\d/.\-]))")


def _weekday_number(word: str) -> int | None:
    """Monday = 0 for a weekday's name or short form in English, French or German ("Thurs",
    "jeudi"); None for any other word."""
    word = word.lower().rstrip(".")
    if word in _WEEKDAY_NAMES:
        return _WEEKDAY_NAMES[word]
    english = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    if word in _GERMAN_SHORT_DAYS:
        return _GERMAN_SHORT_DAYS[word]
    return english.index(word[:3]) if word[:3] in english and re.fullmatch(r"[a-z]+", word) and (
        len(word) == 3 or word.endswith("day") or word in ("tues", "thur", "thurs", "weds")) else None


# German writes a weekday in two letters: "Mi, 12.03.", "Do 16.04." (read only before a date)
_GERMAN_SHORT_DAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}


def weekday_date(text: str, today: dt.date | None = None, years: int = 4) -> dt.date | None:
    """A yearless date with its weekday ("Thurs 12th June", "Tue, Oct 14"): the most
    recent year, up to ``years`` back and not after today, in which that day fell on that
    weekday. None when no weekday is written or no year in the range fits."""
    today = today or dt.date.today()
    text = spelled_days(text)
    for pattern in [*_YEARLESS, _WEEKDAY_NUMERIC]:
        for match in pattern.finditer(text):
            weekday = _WEEKDAY_BEFORE.search(text[max(0, match.start() - 22): match.start()])
            after = _WEEKDAY_AFTER.match(text[match.end(): match.end() + 16])
            if (weekday is None or _weekday_number(weekday["day"]) is None) and after is not None \
                    and _weekday_number(after["day"]) is not None:
                weekday = after  # "BIG MIKE 8/12 TUES": the weekday after the date
            if weekday is None or (len(weekday["day"]) == 2 and "." not in match.group(0)):
                continue  # (German's "Mi" only before a dotted date, "Mi, 12.03."; never English "So 12/3")
            wanted = _weekday_number(weekday["day"])
            if wanted is None:
                continue
            if "first" in match.groupdict():  # "jueves 13/11": day first unless the user writes month first
                first, second = int(match["first"]), int(match["second"])
                day_first = (default_day_first() or first > 12) and second <= 12
                day, month = (first, second) if day_first else (second, first)
            else:
                month, day = DATE_MONTHS[match["month"].lower().rstrip(".")], int(match["day"])
            for year in range(today.year, today.year - years - 1, -1):
                candidate = _safe_date(year, month, day)
                if candidate is not None and candidate <= today and candidate.weekday() == wanted:
                    return candidate
    return None


# Words that make a title a talk, an episode or a book rather than a meeting.
_EVENT_TITLE = re.compile(r"\b(?:podcast|episode|ep\.?\s*#?\d+|webinar|keynote|ted ?talk|audiobook|livestream|"
                          r"lecture|masterclass|fireside|panel discussion|book notes|meetup|conference talk)\b",
                          re.IGNORECASE)
_MET_TITLE = re.compile(r"\b(?:coffee|lunch|call|1:1|1-1|1on1|one-on-one|breakfast|dinner|drinks|catch[- ]?up|"
                        r"check[- ]?in|mentoring|met|meeting)\b", re.IGNORECASE)


# A gathering of many, whatever meal it is held over: "C&I Energy Forum – breakfast".
_GATHERING_TITLE = re.compile(r"\b(?:forum|summit|conference|expo|indaba|symposium|congress|convention|trade show"
                              r"|networking (?:event|evening|night))\b", re.IGNORECASE)


def _is_event(lines: list[str]) -> bool:
    """True when the note's title says it is about a talk, an episode, a book or a
    gathering ("podcast notes - ep. 41 w/ …", "Webinar: capacity management", "C&I Energy
    Forum – breakfast") and not about a meeting with someone."""
    return any(_EVENT_TITLE.search(line) and not _MET_TITLE.search(line)
               or _GATHERING_TITLE.search(line) and not _WITH_NAME.search(line) for line in lines)


# A line that says when the note was written, not when the meeting was.
WRITTEN_LINE = re.compile(r"^\W*(?:written|typed(?: up)?|wrote (?:this|it|these)|notes? (?:written|typed)|printed|exported"
                      r"|(?:last )?(?:edited|updated|modified))\b", re.IGNORECASE)
# "IMG_2231.jpg — Text recognised (Google Lens), copied 13 Apr 2025": when a tool made the
# file, not when the meeting was.
_TOOL_STAMP = re.compile(r"\b(?:copied|scan|scanned|recogni[sz]ed|exported|synced|downloaded|generated)(?: on| at)?\s+"
                         r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
                         re.IGNORECASE)
_YEARLESS_NUMERIC = re.compile(r"(?<![\d/.\-])(?P<first>\d{1,2})/(?P<second>\d{1,2})(?![\d/])")


_STEM_SHORT_YEAR = re.compile(r"(?<![\d/.\-])(?P<first>\d{1,2})([-.])(?P<second>\d{1,2})\2(?P<year>\d{2})(?![\d/.\-])")
_STEM_DAY = re.compile(r"(?<![\d/.\-])(?P<first>\d{1,2})[-./](?P<second>\d{1,2})(?![\d/.\-])")


def _day_without_year(line: str, text: str, created: dt.date | None, day_first: bool | None) -> dt.date | None:
    """The day a file name or a heading writes without its year ("11-06", "19.6", "25/11")
    in the year of the first full date the note writes, else of its metadata; a two-digit
    year ("12-11-25") is read as it stands. None when nothing gives a year."""
    order = default_day_first() if day_first is None else day_first
    short = _STEM_SHORT_YEAR.search(line)
    if short is not None:  # "Thandi M 12-11-25": a two-digit year
        return _numeric_date(2000 + int(short["year"]), int(short["first"]), int(short["second"]), order)
    match = _STEM_DAY.search(line)
    if match is None:
        return None
    stated = find_date(text, day_first=day_first)
    year = stated.year if stated is not None else (created.year if created is not None else None)
    return _numeric_date(year, int(match["first"]), int(match["second"]), order) if year is not None else None


def _yearless_numeric(text: str, year: int, day_first: bool | None) -> dt.date | None:
    """"29/8" or "8/29" in ``year``: a number above 12 settles the order, else ``day_first``."""
    day_first = default_day_first() if day_first is None else day_first
    found = (_numeric_date(year, int(m["first"]), int(m["second"]), day_first) for m in _YEARLESS_NUMERIC.finditer(text))
    return next((day for day in found if day is not None), None)


_WEEKDAY_THE_NTH = re.compile(r"\b(?P<weekday>(?:mon|tues?|wednes|thurs?|fri|satur|sun)day) the (?P<day>\d{1,2})(?:st|nd|rd|th)\b",
                              re.IGNORECASE)


def _weekday_the_nth(text: str, written: dt.date) -> dt.date | None:
    """"It's Thursday the 28th" said in a recording exported later: the latest such day on
    or before ``written`` (within four months)."""
    match = _WEEKDAY_THE_NTH.search(text)
    if match is None:
        return None
    wanted = _weekday_number(match["weekday"])
    for back in range(5):  # this month, then up to four months before
        months = written.year * 12 + written.month - 1 - back
        day = _safe_date(months // 12, months % 12 + 1, int(match["day"]))
        if day is not None and day <= written and day.weekday() == wanted:
            return day
    return None


# "Sun 11 Jan - writing this up a month late": the line says when the note was written.
_WRITING_UP = re.compile(r"\b(?:writing|typing) (?:this |it |these |them |my notes )?up\b", re.IGNORECASE)


def _written_line(line: str) -> bool:
    return bool(WRITTEN_LINE.match(line) or _WRITING_UP.search(line))


def _meeting_before(text: str, written: dt.date, day_first: bool) -> dt.date | None:
    """A reflection written days later names the meeting's day in its first sentences
    ("On Thursday, 1/22, I finally sat down with Liz"): that date, in the year it was
    written, when it falls within four months before the writing."""
    opening = " ".join(line for line in text.splitlines()[:12]
                       if not _written_line(line) and not _TOOL_STAMP.search(line))[:600]
    candidates = [find_date(opening, day_first=day_first), find_date(opening, default_year=written.year,
                                                                      day_first=day_first)]
    candidates.append(_yearless_numeric(opening, written.year, day_first))
    candidates.append(_weekday_the_nth(opening, written))
    candidates.append(weekday_date(opening, written))  # "5-20 Wed Tasha @ Chrome Yellow", scanned the next day
    for candidate in candidates:
        if candidate is not None and candidate > written:
            candidate = _safe_date(candidate.year - 1, candidate.month, candidate.day)
        if candidate is not None and dt.timedelta(0) <= written - candidate <= dt.timedelta(days=120):
            return candidate
    return None


class _FirstOf:
    """Patterns tried in turn, used as one: ``match`` gives the first one's match."""

    def __init__(self, *patterns: re.Pattern[str]):
        self.patterns = patterns

    def match(self, text: str) -> re.Match[str] | None:
        return next((m for p in self.patterns if (m := p.match(text))), None)


# The line above a quoted reply: "On Tue, 3 Mar 2026 at 17:02, Helen Park <h@x.org> wrote:",
# and German Gmail's order, the name after the verb: "Am Di., 3. März 2026 um 18:02 schrieb
# Theresa Lechner <t@x.at>:".
WROTE_LINE = _FirstOf(
    re.compile(r"^\s*(?:On|Le|El|Am) (?P<when>.+?),?\s+(?P<who>[^,<>()]+?)\s*\(?(?:<[^>]*>)?\)?\s*"
               r"(?:wrote|a écrit|escribió|schrieb)\s?:\s*$"),  # English, French, Spanish, German
    re.compile(r"^\s*Am (?P<when>.+?\d.*?)\s+schrieb\s+(?P<who>[^,<>()]+?)\s*\(?(?:<[^>]*>)?\)?\s*:\s*$"))
# Outlook's header block over each message of a thread: "Sent: Thursday, March 6, 2025 8:14 AM",
# "Gesendet: Donnerstag, 6. März 2025 08:14", "Envoyé : …", "Enviado: …".
_SENT_LINE = re.compile(r"^\s*>?\s*(?:\*\*)?(?:sent|gesendet|envoyé|envoye|enviado)(?:\*\*)?\s*:\s*(?P<when>.*\d.*)$",
                        re.IGNORECASE)
_DATE_TIME_LINE = re.compile(r"^\s*(?:\w{2,3}\.?,\s*)?\d{1,2}\.? \w{3,9}\.? \d{4},? \d{1,2}:\d{2}(?:\s*[ap]m)?\s*(?:\(.*\))?\s*$"
                             r"|^\s*\w{3}, \w{3,9} \d{1,2}, \d{4},? (?:at )?\d{1,2}:\d{2}\s*(?:[AP]M)?\s*$", re.IGNORECASE)


_LOWER_WITH = re.compile(r"\b(?:with|w/|w(?=\s)|met|avec|con|mit|beim)\s+(?P<name>[a-zà-ÿ][a-zà-ÿ'’\-]{2,}(?:\s+[a-zà-ÿ][a-zà-ÿ'’\-]{2,})?)")


_AT_THEIRS = re.compile(r"\b(?:lunch|coffee|dinner|tea|breakfast|brunch|drinks|went over|came over|stopped by|went round)"
                        r"\s+(?:at|to)\s+(?P<name>[^\W\d_][\w’'\-]{2,})['’]s\b", re.IGNORECASE)


_FILLER = {"after", "before", "about", "today", "tonight", "yesterday", "this", "from", "over", "again", "later",
           "briefly", "quickly", "outside", "downstairs", "upstairs"}


def _lower_name(name: str) -> str:
    """"sander after" (from "koffie w sander after the ops meeting") -> "sander"."""
    words = name.split()
    return words[0] if len(words) > 1 and (words[1] in _FILLER or words[1] in _STOP_WORDS) else name


def _address_name(value: str) -> str:
    """The name part of "Anneliese Vandermeulen <a.v@uu.nl>", lower-cased."""
    return " ".join(re.sub(r"<[^>]*>|\S+@\S+|[\"']", " ", value).lower().split())


def email_names(text: str) -> list[str]:
    """Who a pasted email thread is with: "On Tue, ..., Helen Park <...> wrote:", and
    Gmail's "to Rajesh" line under the sender."""
    names = [match["who"].strip() for match in map(WROTE_LINE.match, text.splitlines()) if match]
    lines = [line.strip() for line in text.splitlines()]
    # Gmail's print view: "Markus Eder <markus@…>" over "Mi., 4. März 2026, 08:17"
    names += [printed[0].split("<")[0].strip(" \"") for i in range(len(lines)) if (printed := printed_sender(lines, i))]
    names += [m[1] for m in re.finditer(r"^\s*to (?!me\b)([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\s*$", text, re.MULTILINE)]
    return list(dict.fromkeys(names))


def email_thread_date(text: str, day_first: bool | None = None) -> dt.date | None:
    """The meeting a pasted email thread is about: the earliest message's date, a day
    earlier when that message says "yesterday". None when the text is not an email thread."""
    lines = text.splitlines()
    outlook_thread = sum(bool(_SENT_LINE.match(line)) for line in lines) >= 2  # one "Sent:" is one message
    headers: list[tuple[dt.date, int, int]] = []  # (date, minutes into the day, line)
    for number, line in enumerate(lines):
        match = WROTE_LINE.match(line) or (_SENT_LINE.match(line) if outlook_thread else None)
        when = match["when"] if match else (line if _DATE_TIME_LINE.match(line) else None)
        if when:
            # "On Tue, May 13, 2025 at 4:21 PM Renee <r@x.org> wrote:" splits at the last
            # comma, leaving the year with the name: then the whole line is read.
            day = find_date(when, day_first=day_first) or find_date(line, day_first=day_first)
            clock = re.search(r"(\d{1,2}):(\d{2})\s*([AaPp][Mm])?", when)
            minutes = 0
            if clock:
                hour = int(clock[1]) % 12 + (12 if (clock[3] or "").lower() == "pm" else 0) if clock[3] \
                    else int(clock[1])
                minutes = hour * 60 + int(clock[2])
            if day is not None:
                headers.append((day, minutes, number))
    if not headers:
        return None
    first, _, at = min(headers)
    following = " ".join(line.lstrip("> ") for line in lines[at + 1: at + 12])
    if _SAYS_YESTERDAY.search(following):
        return first - dt.timedelta(days=1)
    return first


def _meeting_date_in_email(text: str, sent: dt.date, day_first: bool | None = None) -> dt.date | None:
    lines = text.splitlines()
    # the top message only: the older ones quoted under it were sent on other days
    end = next((i for i, line in enumerate(lines) if _QUOTED_MESSAGE.match(line) or WROTE_LINE.match(line)), len(lines))
    body = [line for line in lines[:end] if line.strip() and not _PROPERTY.match(line.strip())][:6]
    for line in body:
        lowered = line.lower()
        if _SAYS_YESTERDAY.search(lowered) and _DAY_BEFORE_MET.search(lowered):
            return sent - dt.timedelta(days=1)
        day = find_date(line, default_year=sent.year, day_first=day_first) or _yearless_numeric(line, sent.year,
                                                                                              day_first)
        met = re.search(r"\bthank|\bmeet|\bcall|\bcoffee|\bchat|\btime\b", lowered)
        if day is not None and met and sent - dt.timedelta(days=14) <= day <= sent:
            return day
        weekday = _WEEKDAY_BACK.search(line)
        if weekday and met and not _LOOKS_AHEAD.search(lowered):
            return _last_weekday(sent, weekday)
    return None


# "thanks for staying back on Tuesday (23rd)", "our chat last Sunday": the meeting was on
# the last such day before the email was sent.
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BACK = re.compile(r"\b(?:on |last |this past )?(?P<day>" + "|".join(_DAY_NAMES) + r")(?:'s)?\b"
                           r"(?:\s*\(?(?:the )?(?P<num>\d{1,2})(?:st|nd|rd|th)\)?)?", re.IGNORECASE)
_LOOKS_AHEAD = re.compile(r"looking forward|see you|next (?:week|time)|\bwill\b|'ll\b|going to|coming up|until then")


def _last_weekday(sent: dt.date, match: re.Match) -> dt.date | None:
    back = (sent.weekday() - _DAY_NAMES.index(match["day"].lower())) % 7 or 7
    day = sent - dt.timedelta(days=back)
    if match["num"] and int(match["num"]) != day.day:
        return None  # "Tuesday (23rd)" that does not fit the week before: no guess
    return day


# "Cheers for coming out, Dusty." / "Thanks, Dusty." in a transcript whose speakers have no
# names ("Speaker 1", "Speaker 2"): the person thanked is the one met.
_THANKED = re.compile(rf"\b(?:thanks|thank you|cheers|ta)\b(?: (?:heaps|so much|a lot|again))?"
                      rf"(?: for [^,.!?\n]{{1,40}})?,\s+(?P<name>{_NAME_WORD})(?=\s*[.!?,]|\s*$)", re.IGNORECASE)


def _thanked_names(text: str) -> list[str]:
    """The people thanked by name in the first lines of a note, in order."""
    found = (_trim_name(m["name"]) for line in text.splitlines()[:80] for m in _THANKED.finditer(line))
    return [name for name in found if name and name[0].isupper() and name.lower() not in ("all", "team", "everyone", "guys")]


def _greeting_name(text: str) -> str | None:
    """The addressee of a pasted email: "Hi Amara," / "Dear Dr. Tanaka,"."""
    for line in _top_lines(text)[:8]:
        match = re.match(rf"^(?:hi|hello|hey|dear)\s+(?:dr\.?\s+|prof\.?\s+)?(?P<name>{_NAME_WORD}(?: {_NAME_WORD})?)\s*[,!]",
                         line, re.I)
        if match:
            name = _trim_name(match["name"])
            if name and name[0].isupper() and name.lower() not in ("all", "team", "there", "everyone"):
                return name
    return None


# ----- journals: several dated entries in one file, one of them a meeting ----------------
_WEEKDAY_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# "LUN 9/06", "SAM 14/06" in a French journal; "mié 12/03", "sáb 15/03" in a Spanish one
_OTHER_WEEKDAYS = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,
                   "mié": 2, "mie": 2, "jue": 3, "vie": 4, "sáb": 5, "sab": 5, "dom": 6}


def _weekday_index(word: str) -> int:
    named = _weekday_number(word)  # a whole name in any language read, or German's "Mi"
    if named is not None:
        return named
    short = word.lower()[:3]
    return _WEEKDAY_ORDER.index(short) if short in _WEEKDAY_ORDER else _OTHER_WEEKDAYS[short]
_DAY_HEADING = re.compile(
    rf"^(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    rf"|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?\s+)?(?P<day>\d{{1,2}}){_ORD}"
    rf"(?:\s+(?:of\s+)?{_MONTH})?(?:,?\s+(?P<year>20\d\d))?$", re.IGNORECASE)
_MONTH_LINE = re.compile(rf"^(?:w/?c\s+\d{{1,2}}{_ORD}\s+)?{_MONTH}(?:\s+(?P<year>20\d\d))?$", re.IGNORECASE)
# "Tue 18/11/2025", "WED 11.02", "Sat 15/11": a weekday or a year says the numbers are a day.
_NUMERIC_DAY_HEADING = re.compile(
    r"^(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|mié|mie|jue|vie|sáb|sab|dom"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)[a-zé]*\.?,?\s+)?(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})"
    r"(?:[/.\-](?P<year>(?:20)?\d\d))?\.?$", re.IGNORECASE)  # (German writes "Mo 16.03.")


def _heading_text(line: str) -> str:
    """A line as a heading would read: without "#", "**", a trailing colon or dash."""
    bare = re.sub(r"^#{1,6}\s+", "", line.strip())
    bare = re.sub(r"^(\*\*|__)(.+?)\1$", r"\2", bare).strip()
    return re.sub(r"\s*[:\-–—]\s*$", "", bare).strip()


def journal_entries(text: str, file_stem: str = "", title: str | None = None,
                    today: dt.date | None = None) -> list[tuple[dt.date, str]]:
    """A journal's dated entries ("**Tues 14th**" under "# January" in "Jan 2025 journal.md",
    "Weds 5th" under "w/c 3 Nov"), each with its text; [] when the note has fewer than two.
    The month comes from the nearest month line above, else the title or file name; the
    year from those, else the latest year in which the weekday fits."""
    context = " ".join(t for t in (title, file_stem) if t)
    month = next((DATE_MONTHS[m.lower().rstrip(".")] for m in re.findall(_MONTH, context, re.IGNORECASE)), None)
    year_match = re.search(r"(?<!\d)(20\d\d)(?!\d)", context)
    year = int(year_match.group(1)) if year_match else None
    entries: list[tuple[dt.date, list[str]]] = []
    for line in text.splitlines():
        heading = _heading_text(line)
        month_line = _MONTH_LINE.match(heading) if heading and len(heading) <= 30 else None
        if month_line:
            month = DATE_MONTHS[month_line["month"].lower().rstrip(".")]
            year = int(month_line["year"]) if month_line["year"] else year
            continue
        day = _DAY_HEADING.match(heading) if heading and len(heading) <= 30 else None
        numeric = _NUMERIC_DAY_HEADING.match(heading) if heading and len(heading) <= 30 and not day else None
        if numeric and (numeric["weekday"] or numeric["year"]):
            when = _numeric_journal_day(numeric, year, today)
            if when is not None:
                entries.append((when, []))
                continue
        if day and (day["weekday"] or day["month"]) and (day["month"] or month):
            entry_month = DATE_MONTHS[day["month"].lower().rstrip(".")] if day["month"] else month
            assert entry_month is not None
            entry_year = int(day["year"]) if day["year"] else year
            when = _journal_day(entry_year, entry_month, int(day["day"]), day["weekday"], today)
            if when is not None:
                entries.append((when, []))
                continue
        if entries:
            entries[-1][1].append(line)
    return [(when, "\n".join(lines)) for when, lines in entries] if len(entries) >= 2 else []


def _numeric_journal_day(match: re.Match, year: int | None, today: dt.date | None) -> dt.date | None:
    """The day of "Tue 18/11/2025" or "WED 11.02" (the year from the title): a number over
    12 settles the order, else the weekday, else the user's date order."""
    first, second = int(match["first"]), int(match["second"])
    if match["year"]:
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
    orders = [(second, first), (first, second)]  # (month, day) read day first, then month first
    if first <= 12 and second <= 12 and match["weekday"] is None:
        orders = orders if default_day_first() else orders[::-1]
    elif first <= 12 and second <= 12:
        wanted = _weekday_index(match["weekday"])
        fits = [(m, d) for m, d in orders if year and (c := _safe_date(year, m, d)) and c.weekday() == wanted]
        orders = fits or (orders if default_day_first() else orders[::-1])
    for month, day in orders:
        if month <= 12:
            when = _journal_day(year, month, day, match["weekday"], today)
            if when is not None:
                return when
    return None


def _journal_day(year: int | None, month: int, day: int, weekday: str | None,
                 today: dt.date | None) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if weekday is None:
        return None
    today = today or dt.date.today()
    wanted = _weekday_index(weekday)
    for candidate_year in range(today.year, today.year - 5, -1):
        candidate = _safe_date(candidate_year, month, day)
        if candidate is not None and candidate <= today and candidate.weekday() == wanted:
            return candidate
    return None
