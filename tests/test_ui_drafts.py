"""The Drafts page and drafting in the chat, driven through AppTest (issue 4): generate,
check, edit, refine and mark as sent; open a draft by its address; "draft a follow-up to
Priya" in the chat; suggested follow-up questions that ask when clicked."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import NOTES_DIR
from tests.ui_helpers import button, click, ok, open_page, page_text, texts, ui_env  # noqa: F401

ME = dict(name="Alex Rivera", role="Senior Engineer at Tidewell", goals="Deciding between the staff and manager tracks",
          values="kindness, thoughtfulness, humility")
PRIYA_NOTES = sorted(NOTES_DIR.glob("*priya-raman.md"))


@pytest.fixture
def studio(desk):
    """A profile, a warm target, and Priya's meeting notes in the library."""
    desk.relationships.profile.update(**ME)
    desk.relationships.people.add(
        "Jonas Weber", company="Northwind", role="VP Engineering", connection="warm", introducer="Priya Raman",
        contact="jonas@northwind.example",
        notes="Gave a talk on calm incident response at SREcon that changed how my team runs on-call.")
    desk.ingest.ingest_paths(PRIYA_NOTES, kind="notes")
    return desk


def generate(at, kind: str, person_id: int):
    at.selectbox(key="draft_kind").select(kind)
    at.selectbox(key="draft_person").select(person_id).run()
    return click(at, "Generate")


def body(at) -> str:
    [area] = [a for a in at.text_area if a.label == "Body"]
    return area.value


# ----- the Drafts page ----------------------------------------------------------------------------
def test_outreach_for_a_warm_target_passes_the_rubric_and_mark_as_sent_logs_it(studio, ui_env):
    jonas = studio.relationships.people.get("Jonas Weber")
    at = generate(open_page("ui/drafts_page.py"), "outreach", jonas.id)

    [subject] = [t for t in at.text_input if t.label == "Subject"]
    assert subject.value.strip()
    text = body(at)
    assert "Jonas" in text and "Northwind" in text and "Priya" in text and text.rstrip().endswith("Senior Engineer at Tidewell")
    [verdict] = at.main.success
    assert verdict.value.startswith("All ") and verdict.value.endswith(" checks pass")
    checks = texts(at.main.markdown)
    assert ":green[:material/check_circle:] Names the introducer" in checks and ":red[" not in checks
    draft_id = int(at.query_params["draft"])  # the address names the draft, to reopen or share
    [mail] = at.get("link_button")
    assert mail.proto.url.startswith("mailto:jonas@northwind.example?subject=")
    assert parse_qs(urlparse(mail.proto.url).query)["body"][0] == text
    assert [b.label for b in at.download_button] == ["Download .txt"]
    assert text in at.code[0].value  # the copy block

    messages = len(studio.relationships.people.detail(jonas.id).messages)
    click(at, "Mark as sent")
    detail = studio.relationships.people.detail(jonas.id)
    assert len(detail.messages) == messages + 1 and detail.messages[-1].summary == subject.value
    assert detail.person.stage == "contacted"
    assert (f"Marked as sent. Jonas Weber's message history: {messages} → {messages + 1} entries; "
            "stage prospect → contacted.") in texts(at.main.success)
    assert studio.drafts.get(draft_id).sent_at is not None
    assert button(at, "Mark as sent").disabled  # once is enough


def test_edits_are_saved_and_checked_again_and_refine_rewrites(studio, ui_env):
    jonas = studio.relationships.people.get("Jonas Weber")
    at = generate(open_page("ui/drafts_page.py"), "outreach", jonas.id)
    draft_id = int(at.query_params["draft"])
    original = body(at)

    edited = original.replace("Northwind", "your company")
    [area] = [a for a in at.text_area if a.label == "Body"]
    area.input(edited).run()
    ok(at)
    assert studio.drafts.get(draft_id).body == edited.strip()  # the store keeps the user's edit
    assert "**Names their company**: does not name Northwind" in texts(at.main.markdown)
    assert "1 of" in texts(at.main.warning)

    at.text_input(key="draft_refine_text").input("shorter")
    click(at, "Refine")
    refined = studio.drafts.get(draft_id)
    assert refined.refinements == ["shorter"] and body(at) == refined.body
    assert "Refined: shorter." in texts(at.main.success)
    assert "Refinements so far: shorter" in texts(at.main.caption)


def test_a_draft_opens_from_its_address_and_links_preselect_kind_and_person(studio, ui_env):
    draft = studio.drafts.draft("followup", "Priya Raman")
    at = open_page("ui/drafts_page.py", {"draft": str(draft.id)})
    assert "Follow-up after a meeting for Priya Raman" in [h.value for h in at.subheader]
    assert body(at) == draft.body
    [sources] = [e for e in at.main.expander if e.label.startswith("Sources used")]
    assert draft.citations and sources.label == f"Sources used ({len(draft.citations)})"
    for citation, label, passage in zip(draft.citations, sources.markdown, sources.text):
        assert label.value.startswith(f"**[{citation['n']}] ") and passage.value == citation["text"].strip()

    jonas = studio.relationships.people.get("Jonas Weber")
    at = open_page("ui/drafts_page.py", {"kind": "intro", "person": str(jonas.id)})
    assert at.selectbox(key="draft_kind").value == "intro"
    assert at.selectbox(key="draft_person").value == jonas.id


def test_missing_profile_is_explained_with_a_link_to_the_profile(desk, ui_env):
    jonas = desk.relationships.people.add("Jonas Weber", company="Northwind", connection="cold")
    at = generate(open_page("ui/drafts_page.py"), "outreach", jonas.id)
    assert "your profile has no name or role" in texts(at.main.error)
    assert [link.label for link in at.get("page_link")] == ["Fill in your profile"]
    assert "draft" not in at.query_params


# ----- drafting in the chat ------------------------------------------------------------------------
def ask(at, question: str):
    at.chat_input[0].set_value(question).run()
    return ok(at)


def test_chat_drafts_a_follow_up_to_priya_and_refines_it(studio, ui_env):
    at = open_page("ui/chat_page.py")
    ask(at, "draft a follow-up to Priya")
    answer = at.chat_message[-1]
    draft_text = answer.code[0].value
    assert draft_text.startswith("Subject: ") and "Priya" in draft_text and "Alex Rivera" in draft_text
    assert answer.markdown[0].value == "Here is a draft: follow-up after a meeting for Priya Raman."
    [link] = answer.get("page_link")
    assert link.label == "Open on the Drafts page"
    draft_id = int(parse_qs(link.proto.query_string)["draft"][0])
    stored = studio.drafts.get(draft_id)
    assert stored.kind == "followup" and stored.person == "Priya Raman" and stored.body in draft_text
    if stored.citations:
        assert answer.expander[0].label.startswith("Sources used")

    ask(at, "shorter")
    refined = at.chat_message[-1]
    assert refined.markdown[0].value.startswith("Refined (shorter)")
    assert studio.drafts.get(draft_id).refinements == ["shorter"]
    assert len(refined.code[0].value) < len(draft_text)


def test_chat_answers_show_suggested_questions_that_ask_when_clicked(studio, ui_env):
    at = open_page("ui/chat_page.py")
    ask(at, "What did Priya say about the staff track?")
    suggestions = [b for b in at.chat_message[-1].button]
    assert 2 <= len(suggestions) <= 3
    assert "Draft a follow-up to Priya" in [b.label for b in suggestions]
    [follow] = [b for b in suggestions if b.label == "Draft a follow-up to Priya"]
    follow.click().run()
    ok(at)
    user, reply = at.chat_message[-2:]
    assert user.markdown[0].value == "Draft a follow-up to Priya"
    assert reply.code and "Priya" in reply.code[0].value  # the clicked question made the draft


def test_chat_names_a_close_match_for_a_misspelt_person(studio, ui_env):
    at = open_page("ui/chat_page.py")
    ask(at, "draft a follow-up to Pryia")
    assert "did you mean Priya Raman" in texts(at.chat_message[-1].error)
    assert "Sources" not in page_text(at)


def test_chat_with_a_capable_model_drafts_what_the_parser_misses(studio, ui_env, monkeypatch):
    """Tool calling: the model names the kind and resolves "Mei" from the people list."""
    from mentordesk.drafting.intent import parse_draft_request
    from tests.tool_models import CAPABLE, FakeToolCallingModel

    studio.ingest.ingest_paths(sorted(NOTES_DIR.glob("*mei-tanaka.md")), kind="notes")
    question = "could you put together a thank-you for Mei?"
    assert parse_draft_request(question) is None  # the local path would answer it as a question
    thanks = ("Subject: Thank you, Mei\n\nHi Mei,\n\nThank you for your time and your advice on the staff track."
              "\n\nAlex Rivera\nSenior Engineer at Tidewell")
    model = FakeToolCallingModel(text=thanks, tool_calls=[
        {"name": "write_draft", "args": {"kind": "thanks", "person": "Mei Tanaka"}, "id": "1"}])
    monkeypatch.setattr("mentordesk.container.build_chat_model", lambda settings: model)
    monkeypatch.setattr("mentordesk.container.model_info", lambda settings: CAPABLE)

    at = open_page("ui/chat_page.py")
    ask(at, question)
    answer = at.chat_message[-1]
    assert answer.markdown[0].value == "Here is a draft: thank-you note for Mei Tanaka."
    assert answer.code[0].value.startswith("Subject: Thank you, Mei") and "Alex Rivera" in answer.code[0].value
    [link] = answer.get("page_link")
    stored = studio.drafts.get(int(parse_qs(link.proto.query_string)["draft"][0]))
    assert stored.kind == "thanks" and stored.person == "Mei Tanaka"
    assert "Mei Tanaka" in model.seen[0]["messages"][0].content  # the names went to the model


def test_chat_shows_a_failing_model_as_an_error_not_as_an_answer(studio, ui_env, monkeypatch):
    from tests.tool_models import CAPABLE, FakeToolCallingModel

    model = FakeToolCallingModel(error=ConnectionError("Connection refused"))
    monkeypatch.setattr("mentordesk.container.build_chat_model", lambda settings: model)
    monkeypatch.setattr("mentordesk.container.model_info", lambda settings: CAPABLE)

    at = open_page("ui/chat_page.py")
    ask(at, "draft a follow-up to Priya")
    error = texts(at.chat_message[-1].error)
    assert error.startswith("Not answered: could not reach the chat model fake-tool-caller (openai)")
    assert "ConnectionError: Connection refused" in error
    assert not at.chat_message[-1].code and "Sources" not in page_text(at)
