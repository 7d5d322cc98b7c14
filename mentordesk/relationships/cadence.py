"""What is due: the rhythm of the mentoring practice as pure functions over dates.

No clock and no database here: every function takes ``today`` and plain views, so each
rule is tested over exact dates (weekends, a meeting today, no meetings yet). Thresholds
are parameters; their defaults come from ``Settings`` through ``Thresholds``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mentordesk.relationships.lookup import name_key
from mentordesk.relationships.views import AdviceView, MeetingView, PersonView

WEEKEND = (5, 6)  # Saturday, Sunday: outreach is a weekday habit


def _default(setting: str) -> int:
    """A threshold's default is its setting's (mentordesk/settings.py is the one place)."""
    from mentordesk.settings import Settings

    return Settings.model_fields[setting].default


@dataclass(frozen=True)
class Thresholds:
    due_weeks: int = _default("cadence_due_weeks")
    overdue_weeks: int = _default("cadence_overdue_weeks")
    follow_up_days: int = _default("follow_up_days")
    target_min: int = _default("target_min")
    target_max: int = _default("target_max")
    max_primary: int = _default("max_primary")

    @classmethod
    def from_settings(cls, settings) -> Thresholds:
        return cls(
            due_weeks=settings.cadence_due_weeks, overdue_weeks=settings.cadence_overdue_weeks,
            follow_up_days=settings.follow_up_days, target_min=settings.target_min,
            target_max=settings.target_max, max_primary=settings.max_primary,
        )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def next_weekday(day: dt.date) -> dt.date:
    while day.weekday() in WEEKEND:
        day += dt.timedelta(days=1)
    return day


# ----- primary mentors ------------------------------------------------------------------
@dataclass(frozen=True)
class MentorDue:
    person: PersonView
    last_met: dt.date | None
    days_since: int | None
    status: str  # "due" (from due_weeks, or never met) | "overdue" (after overdue_weeks)
    due_since: dt.date

    def to_dict(self) -> dict:
        return {
            "name": self.person.name, "person_id": self.person.id, "company": self.person.company,
            "last_met": _iso(self.last_met), "days_since": self.days_since, "status": self.status,
            "due_since": _iso(self.due_since),
        }


def primary_mentors_due(
    people: Iterable[PersonView], today: dt.date, due_weeks: int = Thresholds.due_weeks,
    overdue_weeks: int = Thresholds.overdue_weeks,
) -> list[MentorDue]:
    """Primary mentors to book: due ``due_weeks`` after the last meeting, overdue after
    more than ``overdue_weeks``; never met counts as due. A booked future meeting clears it."""
    due: list[MentorDue] = []
    for person in people:
        if person.stage != "primary" or any(day > today for day in person.met_on):
            continue
        last = person.last_met(today)
        if last is None:
            due.append(MentorDue(person, None, None, "due", today))
            continue
        days = (today - last).days
        if days > overdue_weeks * 7:
            status = "overdue"
        elif days >= due_weeks * 7:
            status = "due"
        else:
            continue
        due.append(MentorDue(person, last, days, status, last + dt.timedelta(weeks=due_weeks)))
    return sorted(due, key=lambda d: (d.status != "overdue", -(d.days_since or 0), name_key(d.person.name)))


def quiet_mentors(people: Iterable[PersonView], today: dt.date,
                  overdue_weeks: int = Thresholds.overdue_weeks) -> list[MentorDue]:
    """Mentors who are not primary and were last met more than ``overdue_weeks`` ago, so a
    list with no primary mentors (say, everyone came from imported notes) still shows who
    has gone quiet. Longest silence first."""
    quiet = []
    for person in people:
        if person.stage != "mentor" or any(day > today for day in person.met_on):
            continue
        last = person.last_met(today)
        if last is not None and (today - last).days > overdue_weeks * 7:
            quiet.append(MentorDue(person, last, (today - last).days, "overdue",
                                   last + dt.timedelta(weeks=overdue_weeks)))
    return sorted(quiet, key=lambda d: (-(d.days_since or 0), name_key(d.person.name)))


# ----- follow-ups and the advice ledger ----------------------------------------------------
@dataclass(frozen=True)
class FollowUpDue:
    meeting: MeetingView
    deadline: dt.date
    days_left: int

    def to_dict(self) -> dict:
        return {
            "meeting_id": self.meeting.id, "mentor": self.meeting.person_name, "date": _iso(self.meeting.date),
            "purpose": self.meeting.purpose, "deadline": _iso(self.deadline), "days_left": self.days_left,
        }


def follow_ups_due(meetings: Iterable[MeetingView], today: dt.date, within_days: int = 7) -> list[FollowUpDue]:
    """Meetings of the last ``within_days`` days (today included) with no follow-up sent."""
    due = []
    for meeting in meetings:
        age = (today - meeting.date).days
        if meeting.follow_up_sent_on is None and 0 <= age <= within_days:
            deadline = meeting.date + dt.timedelta(days=within_days)
            due.append(FollowUpDue(meeting, deadline, (deadline - today).days))
    return sorted(due, key=lambda f: (f.deadline, f.meeting.id))


def open_actions(items: Iterable[AdviceView]) -> list[AdviceView]:
    return [i for i in items if i.kind == "action" and not i.done]


def unreported_outcomes(items: Iterable[AdviceView]) -> list[AdviceView]:
    """Outcomes the mentor has not heard about yet: what an update email should say."""
    return [i for i in items if i.outcome is not None and not i.outcome_reported]


# ----- outreach -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OutreachPick:
    person: PersonView
    reason: str

    def to_dict(self) -> dict:
        return {**self.person.to_dict(), "reason": self.reason}


def outreach_pick(people: Iterable[PersonView], today: dt.date) -> OutreachPick | None:
    """Today's one prospect, on weekdays only: warm connections first, then whoever was
    never contacted, then the least recently contacted; ties broken by name, so the pick
    is stable for the whole day."""
    if today.weekday() in WEEKEND:
        return None
    prospects = [p for p in people if p.stage == "prospect"]
    if not prospects:
        return None

    def rank(person: PersonView):
        last = person.last_contacted(today)
        return (person.connection != "warm", last is not None, last or dt.date.min, name_key(person.name), person.id)

    pick = min(prospects, key=rank)
    last = pick.last_contacted(today)
    if pick.connection == "warm":
        how = f"warm: ask {pick.introducer} for an introduction" if pick.introducer else "warm connection"
    else:
        how = "cold: a short, specific message" if pick.connection == "cold" else "connection not recorded"
    when = f"last contacted {last.isoformat()}" if last else "not contacted yet"
    return OutreachPick(pick, f"{how}; {when}")


# ----- nudges about the list itself ----------------------------------------------------------
def nudges(people: Sequence[PersonView], target_min: int = 15, target_max: int = 25, max_primary: int = 3) -> list[str]:
    """Gentle reminders of the practice's numbers; an empty list means all is well."""
    messages = []
    count = len(people)
    if count < target_min:
        messages.append(
            f"Your list has {count} {'person' if count == 1 else 'people'}; the practice suggests "
            f"{target_min}–{target_max} who show your values. Add {target_min - count} more."
        )
    elif count > target_max:
        messages.append(
            f"Your list has {count} people; {target_min}–{target_max} is easier to work through, one a day. "
            "Consider trimming it."
        )
    primary = sum(1 for p in people if p.stage == "primary")
    if primary > max_primary:
        messages.append(
            f"You have {primary} primary mentors; keep 1–{max_primary} and meet the others now and then, by topic."
        )
    return messages


# ----- the report ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DueReport:
    today: dt.date
    primary_mentors: list[MentorDue] = field(default_factory=list)
    has_primary: bool = False
    quiet_mentors: list[MentorDue] = field(default_factory=list)  # non-primary mentors not met for long
    follow_ups: list[FollowUpDue] = field(default_factory=list)
    open_actions: list[AdviceView] = field(default_factory=list)
    unreported_outcomes: list[AdviceView] = field(default_factory=list)
    outreach: OutreachPick | None = None
    nudges: list[str] = field(default_factory=list)

    @property
    def weekday(self) -> bool:
        return self.today.weekday() not in WEEKEND

    @property
    def nothing_due(self) -> bool:
        return not (self.primary_mentors or self.follow_ups or self.open_actions or self.unreported_outcomes
                    or self.outreach)

    def to_dict(self) -> dict:
        return {
            "today": self.today.isoformat(), "weekday": self.weekday,
            "primary_mentors": [d.to_dict() for d in self.primary_mentors],
            "has_primary": self.has_primary,
            "quiet_mentors": [d.to_dict() for d in self.quiet_mentors],
            "follow_ups": [f.to_dict() for f in self.follow_ups],
            "open_actions": [a.to_dict() for a in self.open_actions],
            "unreported_outcomes": [a.to_dict() for a in self.unreported_outcomes],
            "outreach": self.outreach.to_dict() if self.outreach else None,
            "nudges": self.nudges,
        }


def build_due_report(
    people: Sequence[PersonView], meetings: Sequence[MeetingView], advice: Sequence[AdviceView],
    today: dt.date, thresholds: Thresholds = Thresholds(),
) -> DueReport:
    t = thresholds
    return DueReport(
        today=today,
        primary_mentors=primary_mentors_due(people, today, t.due_weeks, t.overdue_weeks),
        has_primary=any(p.stage == "primary" for p in people),
        quiet_mentors=quiet_mentors(people, today, t.overdue_weeks),
        follow_ups=follow_ups_due(meetings, today, t.follow_up_days),
        open_actions=open_actions(advice),
        unreported_outcomes=unreported_outcomes(advice),
        outreach=outreach_pick(people, today),
        nudges=nudges(people, t.target_min, t.target_max, t.max_primary),
    )


# ----- suggested next meetings (for the calendar) ---------------------------------------------
@dataclass(frozen=True)
class SuggestedMeeting:
    person: PersonView
    date: dt.date


def suggested_meetings(people: Iterable[PersonView], today: dt.date,
                       due_weeks: int = Thresholds.due_weeks) -> list[SuggestedMeeting]:
    """For each primary mentor with nothing booked: the last meeting plus ``due_weeks``,
    or the next weekday if that date has passed (or they were never met)."""
    suggestions = []
    for person in people:
        if person.stage != "primary" or any(day > today for day in person.met_on):
            continue
        last = person.last_met(today)
        target = last + dt.timedelta(weeks=due_weeks) if last else today
        suggestions.append(SuggestedMeeting(person, next_weekday(max(target, today))))
    return sorted(suggestions, key=lambda s: (s.date, name_key(s.person.name)))
