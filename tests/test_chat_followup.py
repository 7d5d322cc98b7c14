"""A conversation: follow-ups lean on the previous question, off-topic questions do not."""

from __future__ import annotations

import pytest
from test_chat import desk, guidance_home  # noqa: F401  (shared module fixtures)

from mentordesk.chat import NOT_FOUND, Turn, is_follow_up


@pytest.mark.parametrize(
    "question, expected",
    [
        ("and what about cold ones?", True),
        ("why is that?", True),
        ("tell me more", True),
        ("What did she say about it?", True),
        ("What is the capital of Mongolia?", False),
        ("How often should I meet my primary mentor?", False),
        ("Can you explain in detail how a warm introduction through a mutual connection works?", False),
    ],
)
def test_follow_up_detection(question, expected):
    assert is_follow_up(question) is expected


def test_off_topic_question_after_a_mentoring_question_is_not_answered(desk):  # noqa: F811
    history = [
        Turn("user", "How often should I meet my primary mentor?"),
        Turn("assistant", "Every six to eight weeks [1]."),
    ]
    answer = desk.chat.ask("What is the capital of Mongolia?", history).result()
    assert not answer.found
    assert answer.text == NOT_FOUND


def test_follow_up_question_uses_the_previous_topic(desk):  # noqa: F811
    history = [
        Turn("user", "How should I write a cold outreach message to a prospective mentor?"),
        Turn("assistant", "State one clear ask [1]."),
    ]
    answer = desk.chat.ask("and what if they don't reply?", history).result()
    assert answer.found
    assert any(p.source.endswith("outreach.md") for p in answer.passages)
