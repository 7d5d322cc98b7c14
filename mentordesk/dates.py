"""Relative date phrases in a question ("last year", "in March", "last spring") as a
date range, given today. Pure: the caller passes ``today``.

Used by chat retrieval to prefer notes from the period a question names. Seasons are the
meteorological ones of the northern hemisphere (spring is March to May); winter Y is the
winter that contains January of Y (December Y-1 to February Y).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.note_meta import MONTHS  # month names and abbreviations, "sept" too

SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1}


@dataclass(frozen=True)
class DateRange:
    since: dt.date | None
    until: dt.date | None
    phrase: str  # the words that gave the range, for showing "(filtered to last year)"


# ----- calendar arithmetic ------------------------------------------------------------------
def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def season_range(season: str, year: int) -> tuple[dt.date, dt.date]:
    """The season of ``year``; winter Y runs from December Y-1 to February Y."""
    first = SEASONS[season]
    start_year = year - 1 if season == "winter" else year
    end_year, end_month = add_months(start_year, first, 2)
    return dt.date(start_year, first, 1), month_range(end_year, end_month)[1]


def _this_season(season: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """This year's season; for winter, the one under way or coming (in November,
    "this winter" is the next one, in January the current one)."""
    if season != "winter":
        return season_range(season, today.year)
    current = season_range("winter", today.year)
    return current if current[1] >= today else season_range("winter", today.year + 1)


def _last_season(season: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The most recent instance of the season that has ended before today."""
    for year in (today.year, today.year - 1, today.year - 2):
        start, end = season_range(season, year)
        if end < today:
            return start, end
    raise AssertionError("unreachable")


def _quarter(today: dt.date, delta: int) -> tuple[dt.date, dt.date]:
    year, month = add_months(today.year, (today.month - 1) // 3 * 3 + 1, delta * 3)
    end_year, end_month = add_months(year, month, 2)
    return dt.date(year, month, 1), month_range(end_year, end_month)[1]


def _week(today: dt.date, delta: int) -> tuple[dt.date, dt.date]:
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=delta)
    return monday, monday + dt.timedelta(days=6)


# ----- phrases ------------------------------------------------------------------------------
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON = "|".join(SEASONS)
_YEAR = r"(?:19|20)\d{2}"
_COUNT = r"\d{1,3}|" + "|".join(NUMBERS)

Handler = Callable[[re.Match, dt.date], tuple[dt.date | None, dt.date | None]]


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text]


def _relative_span(match: re.Match, today: dt.date) -> tuple[dt.date, dt.date]:
    n, unit = _count(match["n"].lower()), match["unit"].lower()
    if unit.startswith("day"):
        start = today - dt.timedelta(days=n)
    elif unit.startswith("week"):
        start = today - dt.timedelta(weeks=n)
    elif unit.startswith("month"):
        year, month = add_months(today.year, today.month, -n)
        start = dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    else:
        start = dt.date(today.year - n, today.month, min(today.day, calendar.monthrange(today.year - n, today.month)[1]))
    return start, today


def _month(match: re.Match, today: dt.date) -> tuple[dt.date, dt.date]:
    month = MONTHS[match["month"].lower()]
    if match["year"]:
        return month_range(int(match["year"]), month)
    if match["short"]:
        return month_range(2000 + int(match["short"]), month)
    # "in March" means the most recent March (this year's, once it has begun).
    return month_range(today.year if month <= today.month else today.year - 1, month)


def _season(match: re.Match, today: dt.date) -> tuple[dt.date, dt.date]:
    season, which, year = match["season"].lower(), (match["which"] or "").lower(), match["year"]
    if year:
        return season_range(season, int(year))
    if which in ("last", "previous"):
        return _last_season(season, today)
    return _this_season(season, today)


class _Normalised:
    """Lets one handler read either alternative of a pattern with two spellings
    (group ``x`` in the first alternative, ``x2`` in the second)."""

    def __init__(self, match: re.Match):
        self.match = match

    def __getitem__(self, key: str):
        groups = self.match.groupdict()
        return groups.get(key) or groups.get(f"{key}2")


def _rule(pattern: str, handler: Handler) -> tuple[re.Pattern, Handler]:
    return re.compile(pattern, re.IGNORECASE), lambda m, t: handler(_Normalised(m), t)


_UNIT = r"days?|weeks?|months?|years?"
# Order matters only for phrases starting at the same place: the more specific rule first.
_RULES: list[tuple[re.Pattern, Handler]] = [
    _rule(rf"\b(?:in|during|over|within) the (?:last|past) (?P<n>{_COUNT}) (?P<unit>{_UNIT})\b"
          rf"|\b(?:last|past) (?P<n2>{_COUNT}) (?P<unit2>{_UNIT})\b", _relative_span),
    _rule(rf"\b(?:(?P<which>last|previous|this) )?(?P<season>{_SEASON})(?: of)? (?P<year>{_YEAR})\b"
          rf"|\b(?P<which2>last|previous|this) (?P<season2>{_SEASON})\b", _season),
    # "may" and "march" are also ordinary words: a month counts only after a preposition
    # ("in May") or with a year ("May 2025").
    # ("in Oct 25", "in Oct '25": after "in", a month's two-digit number is its year)
    _rule(rf"\b(?:in|during|from|of|throughout) (?P<month>{_MONTH})\.?(?: (?P<year>{_YEAR})| '?(?P<short>\d{{2}})(?![\d:]|st|nd|rd|th))?\b"
          rf"|\b(?P<month2>{_MONTH})\.? (?P<year2>{_YEAR})\b", _month),
    _rule(r"\b(?:last|previous) year\b", lambda m, t: (dt.date(t.year - 1, 1, 1), dt.date(t.year - 1, 12, 31))),
    _rule(r"\bthis year\b", lambda m, t: (dt.date(t.year, 1, 1), dt.date(t.year, 12, 31))),
    _rule(r"\b(?:last|previous) month\b", lambda m, t: month_range(*add_months(t.year, t.month, -1))),
    _rule(r"\bthis month\b", lambda m, t: month_range(t.year, t.month)),
    _rule(r"\b(?:last|previous) quarter\b", lambda m, t: _quarter(t, -1)),
    _rule(r"\bthis quarter\b", lambda m, t: _quarter(t, 0)),
    _rule(r"\b(?:last|previous) week\b", lambda m, t: _week(t, -1)),
    _rule(r"\bthis week\b", lambda m, t: _week(t, 0)),
    _rule(r"\byesterday\b", lambda m, t: (t - dt.timedelta(days=1),) * 2),
    _rule(rf"\bsince (?P<year>{_YEAR})\b", lambda m, t: (dt.date(int(m["year"]), 1, 1), None)),
    _rule(rf"\b(?:in|during|from|of|throughout) (?P<year>{_YEAR})\b",
          lambda m, t: (dt.date(int(m["year"]), 1, 1), dt.date(int(m["year"]), 12, 31))),
]


def date_range_in(text: str, today: dt.date) -> DateRange | None:
    """The first relative or named period in ``text``, or None when there is none."""
    found: list[tuple[int, int, DateRange]] = []
    for order, (pattern, handler) in enumerate(_RULES):
        match = pattern.search(text)
        if match:
            since, until = handler(match, today)
            found.append((match.start(), order, DateRange(since, until, match.group(0).strip())))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]
