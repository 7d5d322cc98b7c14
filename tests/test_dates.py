"""Relative date phrases in questions become date ranges, given today."""

from __future__ import annotations

import datetime as dt

import pytest

from mentordesk.dates import date_range_in, season_range

TODAY = dt.date(2026, 11, 22)
D = dt.date


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("What did Daniel say last year?", D(2025, 1, 1), D(2025, 12, 31)),
        ("Daniel, last year", D(2025, 1, 1), D(2025, 12, 31)),
        ("advice from this year", D(2026, 1, 1), D(2026, 12, 31)),
        ("what came up last month", D(2026, 10, 1), D(2026, 10, 31)),
        ("notes in 2025 about hiring", D(2025, 1, 1), D(2025, 12, 31)),
        ("what did Mei say in March", D(2026, 3, 1), D(2026, 3, 31)),
        ("what did Mei say in December", D(2025, 12, 1), D(2025, 12, 31)),  # the most recent December
        ("anything from May 2025?", D(2025, 5, 1), D(2025, 5, 31)),
        ("on-call advice last spring", D(2026, 3, 1), D(2026, 5, 31)),
        ("last winter", D(2025, 12, 1), D(2026, 2, 28)),
        ("spring of 2025", D(2025, 3, 1), D(2025, 5, 31)),
        ("in the last 3 months", D(2026, 8, 22), TODAY),
        ("over the past two weeks", D(2026, 11, 8), TODAY),
        ("last week", D(2026, 11, 9), D(2026, 11, 15)),  # Monday to Sunday
        ("last quarter", D(2026, 7, 1), D(2026, 9, 30)),
        ("since 2025", D(2025, 1, 1), None),
        # after "in", a month's two-digit number is its year, as people shorten it
        ("what was I meant to do after the JB coffee in Oct 25", D(2025, 10, 1), D(2025, 10, 31)),
        ("the hui in Dec '25", D(2025, 12, 1), D(2025, 12, 31)),
    ],
)
def test_phrases(question, since, until):
    found = date_range_in(question, TODAY)
    assert found is not None, question
    assert (found.since, found.until) == (since, until)


@pytest.mark.parametrize(
    "question",
    ["What did Priya say about negotiating?", "May I ask about the last time we met?", "How do I march forward?",
     "the 2025 budget numbers", "last name of the recruiter"],
)
def test_no_phrase_no_range(question):
    assert date_range_in(question, TODAY) is None


def test_last_season_is_the_most_recent_one_that_ended():
    # In April the spring under way is not "last spring"; in June it is.
    assert date_range_in("last spring", D(2026, 4, 10)).since == D(2025, 3, 1)
    assert date_range_in("last spring", D(2026, 6, 10)).since == D(2026, 3, 1)
    assert date_range_in("this winter", D(2026, 11, 22)).since == D(2026, 12, 1)
    assert date_range_in("this winter", D(2026, 1, 22)).since == D(2025, 12, 1)


def test_leap_year_winter_and_month_ends():
    assert season_range("winter", 2028) == (D(2027, 12, 1), D(2028, 2, 29))
    assert date_range_in("last month", D(2026, 3, 31)).until == D(2026, 2, 28)
    assert date_range_in("last month", D(2026, 1, 5)).since == D(2025, 12, 1)


def test_the_first_phrase_wins_and_is_reported():
    found = date_range_in("last year, not this year", TODAY)
    assert found.phrase == "last year" and found.since == D(2025, 1, 1)


# ----- use in chat retrieval ------------------------------------------------------------------------
class RecordingIndex:
    """Stands in for LibraryIndex: records the filters searched and returns canned results."""

    def __init__(self):
        self.filters = []

    def search(self, query, k, flt=None):
        from vectorstore.library_index import SearchResult

        self.filters.append(flt)
        dated = flt is not None and flt.since is not None
        ids = ["in-2025-a", "in-2025-b"] if dated else ["in-2026", "in-2025-b"]
        return [SearchResult(cid, "text", "src", "notes", None, "Daniel Okafor", None, 0, 1.0) for cid in ids]


def chat(index):
    from mentordesk.chat import ChatService
    from mentordesk.llm import ModelInfo

    return ChatService(index, lambda: None, ModelInfo("fake", "fake"), top_k=3)


def test_chat_prefers_the_period_a_question_names():
    from vectorstore.filters import SearchFilter

    index = RecordingIndex()
    results = chat(index).retrieve("What did Daniel say last year?", today=TODAY)
    assert [r.chunk_id for r in results] == ["in-2025-b", "in-2025-a", "in-2026"]  # boosted, nothing hidden
    assert (index.filters[1].since, index.filters[1].until) == (D(2025, 1, 1), D(2025, 12, 31))

    index = RecordingIndex()
    chat(index).retrieve("What did Daniel say about hiring?", today=TODAY)
    assert index.filters == [None]  # no phrase, one plain search

    index = RecordingIndex()
    explicit = SearchFilter(since=D(2024, 1, 1))
    chat(index).retrieve("What did Daniel say last year?", flt=explicit, today=TODAY)
    assert index.filters == [explicit]  # dates the user set win
