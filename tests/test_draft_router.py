"""Drafting requests in the chat (issue 4): a capable model decides by tool calling and
sees the people's names; the local model keeps the intent parser; a failing model call is
a clear error, never a silent "not a draft"."""

from __future__ import annotations

import pytest

from mentordesk.chat import Turn
from mentordesk.drafting import KINDS
from mentordesk.drafting.intent import DraftRequest
from mentordesk.drafting.router import (
    DraftRouter,
    DraftRoutingError,
    Refinement,
    write_draft,
)
from store.errors import UserError
from tests.conftest import NOTES_DIR
from tests.tool_models import CAPABLE, FakeToolCallingModel

ME = {"name": "Alex Rivera", "role": "Senior Engineer at Tidewell"}
FOLLOWUP = ("Subject: Thank you for Tuesday\n\nHi Daniel,\n\nThank you for the time on Tuesday. "
            "I will ask HR about unpaid leave options this week.\n\nAlex Rivera\nSenior Engineer at Tidewell")


@pytest.fixture
def seeded(desk):
    """Profile and Daniel's and Mei's notes, seeded with the fake (non-capable) model."""
    desk.relationships.profile.update(**ME)
    notes = sorted(NOTES_DIR.glob("*daniel-okafor.md")) + sorted(NOTES_DIR.glob("*mei-tanaka.md"))
    desk.ingest.ingest_paths(notes, kind="notes")
    return desk


def capable(desk, **replies) -> FakeToolCallingModel:
    """Install a capable, tool-calling model as the desk's chat model."""
    model = FakeToolCallingModel(**replies)
    desk.chat_model = model
    desk.model_info = CAPABLE
    return model


def test_a_write_draft_tool_call_is_the_request_and_the_desk_drafts_it(seeded):
    model = capable(seeded, text=FOLLOWUP, tool_calls=[
        {"name": "write_draft", "args": {"kind": "followup", "person": "Daniel Okafor"}, "id": "1"}])
    history = [Turn("user", "What did Daniel say about leave?"), Turn("assistant", "He suggested asking HR.")]

    request = seeded.draft_router.route("could you send Dan a note after our chat?", history)

    assert request == DraftRequest("followup", "Daniel Okafor")
    [call] = model.seen
    assert call["tools"] == ["write_draft"]  # no draft open: nothing to refine
    system, *earlier, user = call["messages"]
    assert "Daniel Okafor" in system.content and "Mei Tanaka" in system.content  # names to resolve "Dan"
    assert [m.content for m in earlier] == ["What did Daniel say about leave?", "He suggested asking HR."]
    assert user.content == "could you send Dan a note after our chat?"

    draft = seeded.drafts.draft(request.kind, request.person)
    assert draft.kind == "followup" and draft.person == "Daniel Okafor"
    assert draft.subject == "Thank you for Tuesday" and "unpaid leave" in draft.body
    assert len(model.seen) == 2 and model.seen[1]["tools"] == []  # the draft was written unbound


def test_no_tool_call_is_a_question_for_the_library(seeded):
    capable(seeded, text="answer")
    assert seeded.draft_router.route("What did Mei say about the staff track?") is None


def test_a_refine_tool_call_refines_the_open_draft(seeded):
    model = capable(seeded, tool_calls=[
        {"name": "refine_draft", "args": {"instruction": "mention the runbook"}, "id": "2"}])
    route = seeded.draft_router.route("can you work the runbook in?", open_draft=DraftRequest("followup", "Daniel Okafor"))
    assert route == Refinement("mention the runbook")
    assert model.seen[0]["tools"] == ["write_draft", "refine_draft"]
    assert "followup for Daniel Okafor" in model.seen[0]["messages"][0].content


def test_a_refine_call_with_no_open_draft_or_a_bad_kind_is_an_error_naming_it(seeded):
    capable(seeded, tool_calls=[{"name": "refine_draft", "args": {"instruction": "shorter"}, "id": "3"}])
    with pytest.raises(DraftRoutingError, match="unknown tool 'refine_draft'"):
        seeded.draft_router.route("shorter")
    capable(seeded, tool_calls=[{"name": "write_draft", "args": {"kind": "poem", "person": "Mei"}, "id": "4"}])
    with pytest.raises(DraftRoutingError, match="write_draft with a bad kind"):
        seeded.draft_router.route("write Mei a poem")


def test_a_failing_model_call_is_a_clear_user_error(seeded):
    capable(seeded, error=ConnectionError("Connection refused"), tool_calls=[
        {"name": "write_draft", "args": {"kind": "thanks", "person": "Mei Tanaka"}, "id": "5"}])
    with pytest.raises(UserError) as raised:
        seeded.draft_router.route("a thank-you for Mei please")
    message = str(raised.value)
    assert "fake-tool-caller (openai)" in message and "ConnectionError: Connection refused" in message


def test_the_local_model_keeps_the_intent_parser_and_never_calls_a_model():
    def no_model():
        raise AssertionError("the parser path must not load a model")

    from mentordesk.llm import ModelInfo

    router = DraftRouter(no_model, ModelInfo("local", "smollm2"), lambda: ["Daniel Okafor"])
    assert router.route("draft a follow-up to Daniel") == DraftRequest("followup", "Daniel")
    assert router.route("help me prepare for Priya on Thursday") == DraftRequest("prep", "Priya")
    assert router.route("could you put together a thank-you for Mei?") is None  # what tool calling adds
    assert router.route("shorter") is None  # nothing open to refine
    assert router.route("shorter", open_draft=DraftRequest("followup", "Daniel")) == Refinement("shorter")
    assert router.route("mention the runbook", open_draft=DraftRequest("followup", "Daniel")) == Refinement(
        "mention the runbook")


def test_the_tool_offers_exactly_the_draft_kinds():
    assert write_draft.model_json_schema()["properties"]["kind"]["enum"] == list(KINDS)
