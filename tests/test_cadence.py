"""Cadence rules as pure functions over exact dates: weekends, a meeting today, no meetings
yet, several primary mentors, and thresholds taken from settings."""

from __future__ import annotations

import datetime as dt

import pytest

from mentordesk.relationships.cadence import (
    Thresholds,
    build_due_report,
    follow_ups_due,
    next_weekday,
    nudges,
    open_actions,
    outreach_pick,
    primary_mentors_due,
    suggested_meetings,
    unreported_outcomes,
)
from mentordesk.relationships.views import AdviceView, MeetingView, PersonView
from mentordesk.settings import Settings

MONDAY = dt.date(2026, 11, 23)
SATURDAY = dt.date(2026, 11, 21)
SUNDAY = dt.date(2026, 11, 22)


def person(pid: int, name: str, stage: str = "primary", met: tuple[int, ...] = (), contacted: tuple[int, ...] = (),
           connection: str | None = None, introducer: str | None = None, today: dt.date = MONDAY) -> PersonView:
    """A person whose meetings and contacts are given as days before ``today``."""
    met_on = tuple(sorted(today - dt.timedelta(days=d) for d in met))
    contacted_on = tuple(sorted(set(met_on) | {today - dt.timedelta(days=d) for d in contacted}))
    return PersonView(id=pid, name=name, stage=stage, connection=connection, introducer=introducer,
                      met_on=met_on, contacted_on=contacted_on, meetings=len(met))


def meeting(mid: int, days_ago: int, sent: dt.date | None = None, today: dt.date = MONDAY) -> MeetingView:
    return MeetingView(id=mid, person_id=1, person_name="Priya Raman", date=today - dt.timedelta(days=days_ago),
                       follow_up_sent_on=sent)


def advice(aid: int, kind: str = "action", done: bool = False, outcome: str | None = None,
           reported: bool = False) -> AdviceView:
    return AdviceView(id=aid, meeting_id=1, meeting_date=MONDAY, person_id=1, person_name="Priya Raman", kind=kind,
                      text=f"item {aid}", done=done, outcome=outcome, outcome_reported=reported)


# ----- primary mentors ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(0, None), (41, None), (42, "due"), (56, "due"), (57, "overdue"), (200, "overdue")],
)
def test_primary_mentor_is_due_from_six_weeks_and_overdue_after_eight(days_ago, expected):
    result = primary_mentors_due([person(1, "Priya Raman", met=(days_ago, 300))], MONDAY)
    assert (result[0].status if result else None) == expected
    if result:
        assert result[0].days_since == days_ago
        assert result[0].last_met == MONDAY - dt.timedelta(days=days_ago)
        assert result[0].due_since == result[0].last_met + dt.timedelta(weeks=6)


def test_a_meeting_today_resets_the_clock():
    assert primary_mentors_due([person(1, "Priya Raman", met=(0, 90))], MONDAY) == []


def test_never_met_primary_mentor_is_due():
    [due] = primary_mentors_due([person(1, "Priya Raman")], MONDAY)
    assert (due.status, due.last_met, due.days_since) == ("due", None, None)


def test_a_booked_future_meeting_clears_an_overdue_mentor():
    booked = person(1, "Priya Raman", met=(90, -10))  # -10: ten days from now
    assert primary_mentors_due([booked], MONDAY) == []


def test_only_primary_mentors_have_a_cadence():
    people = [person(1, "Old Mentor", stage="mentor", met=(300,)), person(2, "Target", stage="prospect")]
    assert primary_mentors_due(people, MONDAY) == []


def test_several_primary_mentors_most_overdue_first():
    people = [
        person(1, "Ada Due", met=(45,)),
        person(2, "Ben Overdue", met=(60,)),
        person(3, "Cy Very Overdue", met=(120,)),
        person(4, "Dee Recent", met=(10,)),
        person(5, "Eve Never"),
    ]
    result = primary_mentors_due(people, MONDAY)
    assert [(d.person.name, d.status) for d in result] == [
        ("Cy Very Overdue", "overdue"), ("Ben Overdue", "overdue"), ("Ada Due", "due"), ("Eve Never", "due"),
    ]


def test_thresholds_are_parameters():
    p = [person(1, "Priya Raman", met=(30,))]
    assert primary_mentors_due(p, MONDAY) == []
    assert primary_mentors_due(p, MONDAY, due_weeks=4, overdue_weeks=5)[0].status == "due"
    assert primary_mentors_due(p, MONDAY, due_weeks=2, overdue_weeks=3)[0].status == "overdue"


# ----- follow-ups --------------------------------------------------------------------------
def test_follow_up_is_due_from_a_meeting_today_until_seven_days_after():
    result = follow_ups_due([meeting(1, 0), meeting(2, 7), meeting(3, 8), meeting(4, -2)], MONDAY)
    assert [(f.meeting.id, f.days_left) for f in result] == [(2, 0), (1, 7)]
    assert result[1].deadline == MONDAY + dt.timedelta(days=7)


def test_a_sent_follow_up_is_not_due():
    assert follow_ups_due([meeting(1, 2, sent=MONDAY)], MONDAY) == []


def test_follow_up_window_is_a_parameter():
    assert [f.meeting.id for f in follow_ups_due([meeting(1, 10)], MONDAY, within_days=14)] == [1]


# ----- advice ledger -------------------------------------------------------------------------
def test_open_actions_and_unreported_outcomes():
    items = [
        advice(1), advice(2, done=True), advice(3, kind="advice"),
        advice(4, kind="advice", outcome="worked"), advice(5, kind="advice", outcome="tried", reported=True),
    ]
    assert [i.id for i in open_actions(items)] == [1]
    assert [i.id for i in unreported_outcomes(items)] == [4]


# ----- outreach ------------------------------------------------------------------------------
@pytest.mark.parametrize("day", [SATURDAY, SUNDAY])
def test_no_outreach_on_weekends(day):
    assert outreach_pick([person(1, "Ana", stage="prospect", connection="warm", today=day)], day) is None


def test_outreach_prefers_warm_then_never_contacted_then_least_recent():
    people = [
        person(1, "Cold Never", stage="prospect", connection="cold"),
        person(2, "Warm Recent", stage="prospect", connection="warm", contacted=(3,)),
        person(3, "Warm Old", stage="prospect", connection="warm", contacted=(40,)),
        person(4, "Mentor Warm", stage="mentor", connection="warm"),
    ]
    pick = outreach_pick(people, MONDAY)
    assert pick.person.name == "Warm Old"
    assert "last contacted" in pick.reason
    people.append(person(5, "Warm Never", stage="prospect", connection="warm", introducer="Bo Chen"))
    pick = outreach_pick(people, MONDAY)
    assert pick.person.name == "Warm Never"
    assert "ask Bo Chen for an introduction" in pick.reason and "not contacted yet" in pick.reason


def test_outreach_pick_is_deterministic_and_falls_back_to_cold():
    people = [person(2, "Zoe Cold", stage="prospect", connection="cold"),
              person(1, "Al Cold", stage="prospect", connection="cold")]
    assert outreach_pick(people, MONDAY).person.name == "Al Cold"
    assert outreach_pick(list(reversed(people)), MONDAY).person.name == "Al Cold"


def test_no_prospects_means_no_pick():
    assert outreach_pick([person(1, "Priya Raman")], MONDAY) is None


# ----- nudges and the report ---------------------------------------------------------------------
def test_nudges_for_list_size_and_primary_count():
    def crowd(n, primary=0):
        return [person(i, f"P{i}", stage="primary" if i < primary else "prospect") for i in range(n)]

    assert "Add 11 more" in nudges(crowd(4))[0]
    assert nudges(crowd(15)) == [] and nudges(crowd(25)) == []
    assert "26 people" in nudges(crowd(26))[0]
    [message] = nudges(crowd(20, primary=4))
    assert "4 primary mentors" in message
    assert nudges(crowd(20, primary=3)) == []


def test_due_report_uses_thresholds_from_settings(monkeypatch):
    monkeypatch.setenv("MENTORDESK_CADENCE_DUE_WEEKS", "2")
    monkeypatch.setenv("MENTORDESK_CADENCE_OVERDUE_WEEKS", "3")
    monkeypatch.setenv("MENTORDESK_TARGET_MIN", "1")
    thresholds = Thresholds.from_settings(Settings())
    assert (thresholds.due_weeks, thresholds.overdue_weeks, thresholds.follow_up_days) == (2, 3, 7)
    people = [person(1, "Priya Raman", met=(16,)), person(2, "Ana", stage="prospect", connection="warm")]
    report = build_due_report(people, [meeting(1, 1)], [advice(1), advice(2, kind="advice", outcome="worked")],
                              MONDAY, thresholds)
    assert [d.status for d in report.primary_mentors] == ["due"]
    assert report.outreach.person.name == "Ana"
    assert report.nudges == [] and report.weekday and not report.nothing_due
    data = report.to_dict()
    assert data["today"] == "2026-11-23" and data["outreach"]["name"] == "Ana"
    assert data["follow_ups"][0]["deadline"] == "2026-11-29"
    assert [a["id"] for a in data["open_actions"]] == [1] and data["unreported_outcomes"][0]["outcome"] == "worked"


# ----- suggested next meetings ------------------------------------------------------------------
def test_suggested_next_meeting_is_six_weeks_after_the_last_on_a_weekday():
    recent = person(1, "Ada", met=(7,))  # met Monday 2026-11-16: +6 weeks is Monday 2026-12-28
    overdue = person(2, "Ben", met=(100,))
    never = person(3, "Cy")
    booked = person(4, "Dee", met=(100, -3))
    result = {s.person.name: s.date for s in suggested_meetings([recent, overdue, never, booked], MONDAY)}
    assert result == {"Ada": dt.date(2026, 12, 28), "Ben": MONDAY, "Cy": MONDAY}
    weekend = {s.person.name: s.date for s in suggested_meetings([never], SATURDAY)}
    assert weekend == {"Cy": MONDAY}


def test_next_weekday():
    assert next_weekday(SATURDAY) == MONDAY and next_weekday(SUNDAY) == MONDAY and next_weekday(MONDAY) == MONDAY
