"""Drafting studio (issue 4): every kind passes its rubric on the template path, the
rubric catches bad drafts, the model path cleans citations, sending updates the history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import NOTES_DIR, built_library, copy_library
from langchain_core.language_models import FakeListChatModel

from mentordesk.drafting.brief import DraftBrief
from mentordesk.drafting.intent import DraftRequest, parse_draft_request, parse_refinement_request
from mentordesk.drafting.rubric import check_draft
from mentordesk.drafting.service import DraftService
from mentordesk.drafting.writer import DraftWriter
from mentordesk.llm import ModelInfo
from mentordesk.relationships.lookup import PersonNotFound
from mentordesk.relationships.profile import ProfileView
from mentordesk.relationships.views import PersonView
from mentordesk.suggestions import suggest_followups
from store.errors import UserError
from vectorstore.library_index import SearchResult

ME = dict(name="Alex Rivera", role="Senior Engineer at Tidewell", goals="Deciding between the staff and manager tracks",
          values="kindness, thoughtfulness, humility")


def _people(desk) -> None:
    people = desk.relationships.people
    people.add("Jonas Weber", company="Northwind", role="VP Engineering", connection="warm",
               introducer="Priya Raman", contact="jonas@northwind.example",
               notes="Gave a talk on calm incident response at SREcon that changed how my team runs on-call.")
    people.add("Lena Fischer", company="Acme", connection="cold", notes="Writes about growing staff engineers.")


def _fill_studio(desk) -> None:
    desk.relationships.profile.update(**ME)
    _people(desk)
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    desk.relationships.sync_notes()
    advice = desk.relationships.advice
    first = advice.list(mentor="Priya Raman", kind="advice")[0]
    advice.set_outcome(first.id, "worked")


@pytest.fixture(scope="module")
def studio_library(tmp_path_factory, minilm):
    return built_library(tmp_path_factory.mktemp("studio"), minilm, _fill_studio)


@pytest.fixture
def studio(desk, studio_library) -> DraftService:
    """Profile, a warm and a cold target, the sample notes as meetings, one outcome to report
    (built once for the module, copied into each test's own data folder)."""
    copy_library(studio_library, desk.settings.home)
    return desk.drafts


CASES = [("outreach", "Jonas"), ("outreach", "Lena"), ("intro", "Jonas"), ("prep", "Priya"),
         ("followup", "Daniel"), ("update", "Priya"), ("thanks", "Mei")]


def test_every_kind_passes_its_rubric_on_the_template_path(studio):
    for kind, who in CASES:
        draft = studio.draft(kind, who)
        failures = [f"{c.name}: {c.detail}" for c in draft.rubric.failures()]
        assert draft.rubric.passed, (kind, who, failures, draft.body)
        assert "[Your" not in draft.body and "{" not in draft.body
        assert draft.body.strip().splitlines()[-2:][0] == ME["name"] or kind == "prep"
        assert draft.id is not None
        assert not re.search(r"\[\d+\]", draft.body + (draft.subject or "")), draft.body
        assert "%5B1%5D" not in draft.mailto and "%5B2%5D" not in draft.mailto
        for c in draft.citations:
            assert c["text"] and c["lines"] and all(line in draft.body for line in c["lines"])
    warm = studio.draft("outreach", "Jonas")
    assert "Priya Raman" in warm.body and "Northwind" in warm.body
    assert warm.mailto.startswith("mailto:jonas@northwind.example?subject=")
    assert "%0A" in warm.mailto  # the body is url-encoded, line breaks included
    assert "introduce" not in studio.draft("outreach", "Lena").body.lower()
    prep = studio.draft("prep", "Priya")
    assert prep.subject is None and prep.citations, prep.body
    followup = studio.draft("followup", "Daniel")
    assert "Ask HR about unpaid leave options" in followup.body  # the user's own action item
    assert studio.draft("outreach", "Jonas").body != studio.draft("outreach", "Lena").body.replace("Lena", "Jonas")


def test_refinements_on_the_template_path(studio):
    draft = studio.draft("followup", "Daniel")
    shorter = studio.refine(draft, "shorter")
    assert len(shorter.body) < len(draft.body) and shorter.id == draft.id
    formal = studio.refine(shorter, "more formal")
    assert "I'll" not in formal.body and formal.body.startswith(("Dear", "Hello"))
    mentioned = studio.refine(formal, "mention the runbook")
    assert "the runbook" in mentioned.body and mentioned.rubric.passed
    assert mentioned.refinements == ["shorter", "more formal", "mention the runbook"]
    assert studio.get(draft.id).body == mentioned.body  # the Drafts page opens the refined draft
    with pytest.raises(UserError, match="capable model"):
        studio.refine(draft, "make it sound like a pirate")


def test_model_path_writes_from_the_prompt_and_drops_unretrieved_citations(studio):
    email = ("Subject: Thank you, and my next steps\n\nHi Daniel,\n\nThank you for the time on the 23rd. "
             "I learned to make the decision reversible [1] and to run a regret test [9].\n\n"
             "Next steps: I will ask HR about unpaid leave.\n\nBest,\nAlex Rivera\nSenior Engineer at Tidewell")
    fake = FakeListChatModel(responses=[email, email.replace("Hi Daniel", "Dear Daniel")])
    studio.writer = DraftWriter(lambda: fake, ModelInfo("openai", "fake-capable"))
    draft = studio.draft("followup", "Daniel")
    assert draft.subject == "Thank you, and my next steps"
    assert "[9]" not in draft.body and "[1]" not in draft.body  # markers live beside the email
    assert [c["n"] for c in draft.citations] == [1]
    assert draft.citations[0]["lines"] == ["I learned to make the decision reversible"]
    assert "run a regret test." in draft.body
    assert draft.rubric.passed, draft.rubric.failures()
    refined = studio.refine(draft, "make it warmer")  # any instruction goes to a capable model
    assert refined.body.startswith("Dear Daniel")


def test_mark_sent_logs_the_message_moves_the_stage_and_closes_the_loop(studio, desk):
    rel = desk.relationships
    rel.people.edit("Lena Fischer", stage="prospect")
    before = rel.people.detail("Lena").messages
    rel_sent = studio.mark_sent(studio.draft("outreach", "Lena"))
    after = rel.people.detail("Lena")
    assert len(after.messages) == len(before) + 1 and after.messages[-1].direction == "sent"
    assert after.person.stage == "contacted" and rel_sent.sent_at is not None

    followup = studio.draft("followup", "Daniel")
    studio.mark_sent(followup)
    latest = max(rel.people.detail("Daniel").meetings, key=lambda m: m.date)
    assert latest.follow_up_sent_on == dt.date.today()

    update = studio.draft("update", "Priya")
    studio.mark_sent(update)
    assert not [a for a in rel.advice.list(mentor="Priya") if a.outcome and not a.outcome_reported]
    with pytest.raises(UserError, match="no advice outcomes"):
        studio.draft("update", "Priya")  # nothing left to report


def test_marking_sent_is_all_or_nothing(studio, desk, monkeypatch):
    """A failure part-way (here: settling the meeting) leaves no message logged and the draft
    unsent, so trying again never logs the same email twice."""
    rel = desk.relationships
    followup = studio.draft("followup", "Daniel")
    before = len(rel.people.detail("Daniel").messages)

    def broken(meeting_id):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(studio, "_mark_follow_up", broken)
    with pytest.raises(RuntimeError):
        studio.mark_sent(followup)
    assert len(rel.people.detail("Daniel").messages) == before
    assert studio.get(followup.id).sent_at is None
    monkeypatch.undo()
    studio.mark_sent(studio.get(followup.id))
    assert len(rel.people.detail("Daniel").messages) == before + 1
    assert studio.get(followup.id).sent_at is not None


def test_bad_input_gets_one_clear_line(desk):
    _people(desk)
    drafts = desk.drafts
    with pytest.raises(UserError, match="mentordesk profile set --name"):
        drafts.draft("outreach", "Jonas")
    desk.relationships.profile.update(**ME)
    with pytest.raises(PersonNotFound, match="did you mean Jonas Weber") as caught:
        drafts.draft("outreach", "Jonsa Weber")
    assert caught.value.suggestions == ["Jonas Weber"]
    with pytest.raises(UserError, match="no meetings with Lena Fischer"):
        drafts.draft("followup", "Lena")
    with pytest.raises(UserError, match="no introducer"):
        drafts.draft("intro", "Lena")


def test_cli_draft_json_and_errors(studio, capsys, monkeypatch):
    import json

    from mentordesk.cli import main

    monkeypatch.setenv("MENTORDESK_INDEX_BUILTIN_GUIDANCE", "false")
    assert main(["draft", "followup", "--mentor", "Daniel", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["subject"] and "Daniel" in data["body"] and isinstance(data["citations"], list)
    assert data["rubric"]["passed"]
    assert main(["draft", "followup", "--mentor", "Lena"]) == 1
    assert "no meetings with Lena Fischer" in capsys.readouterr().err


# ----- the rubric catches bad drafts (pure) -------------------------------------------------
def _brief(kind: str = "outreach", sources: int = 2) -> DraftBrief:
    me = ProfileView(name="Alex Rivera", role="Engineer", values=["kindness"])
    person = PersonView(id=1, name="Jonas Weber", company="Northwind", connection="warm", introducer="Priya Raman")
    passage = SearchResult("c", "text", "s.md", "notes", "t", "Jonas Weber", None, 0, 1.0)
    return DraftBrief(kind, me, person, sources=(passage,) * sources)


GOOD = ("Hi Jonas,\n\nPriya suggested I write. Your work at Northwind inspires me.\n\n"
        "Would you be open to a 20-30 minute call or coffee?\n\nIn return, I'm happy to share what I see. "
        "I'm flexible on time and place, and I'll come prepared.\n\nBest,\nAlex Rivera")


def test_rubric_passes_a_good_outreach_and_fails_bad_ones():
    brief = _brief()
    assert check_draft("Hello", GOOD, brief).passed
    assert check_draft("Hello", GOOD.replace("Alex Rivera", "[Your Name]"), brief).get("no_placeholder").passed is False
    assert check_draft("Hello", GOOD + "\nTODO", brief).get("no_placeholder").passed is False
    no_ask = GOOD.replace("Would you be open to a 20-30 minute call or coffee?", "I would like to talk.")
    assert not check_draft("Hello", no_ask, brief).get("one_ask").passed
    two_asks = GOOD.replace("coffee?", "coffee? And could you review my CV?")
    assert not check_draft("Hello", two_asks, brief).get("one_ask").passed
    long = GOOD.replace("inspires me.", "inspires me. " + "More words here. " * 50)
    assert not check_draft("Hello", long, brief).get("under_150_words").passed
    result = check_draft("Hello", GOOD.replace("prepared.", "prepared [2]."), brief)
    assert not result.get("no_citation_markers").passed and "[2]" in result.get("no_citation_markers").detail
    assert not check_draft(None, GOOD, brief).get("has_subject").passed
    assert not check_draft("Hi", GOOD.replace("Priya suggested I write. ", ""), brief).get("names_introducer").passed
    assert not check_draft("Hi", GOOD.replace("flexible on time and place", "free"), brief).get("flexible").passed


def test_rubric_for_prep_followup_update():
    prep = "Purpose: decide my next step.\n\n1. What is my next step, Jonas?\n2. What do I lack?"
    assert not check_draft(None, prep, _brief("prep")).get("three_to_five_questions").passed
    assert check_draft(None, prep + "\n3. How can I stand out?", _brief("prep")).passed
    assert not check_draft(None, "1. a?\n2. b?\n3. c? Jonas", _brief("prep")).get("purpose_statement").passed
    followup = "Hi Jonas,\n\nThank you for the time.\n\nBest,\nAlex Rivera"
    result = check_draft("Thanks", followup, _brief("followup"))
    assert {c.name for c in result.failures()} == {"learned", "next_steps"}
    assert not check_draft("Update", followup, _brief("update")).get("mentions_outcome").passed


# ----- chat intent and suggestions ------------------------------------------------------------
@pytest.mark.parametrize("message, expected", [
    ("draft a follow-up to Daniel", DraftRequest("followup", "Daniel")),
    ("help me prepare for Priya on Thursday", DraftRequest("prep", "Priya")),
    ("write a thank-you note to Mei", DraftRequest("thanks", "Mei")),
    ("cold email to Jonas Weber", DraftRequest("outreach", "Jonas Weber")),
    ("Can you write an update for Carlos about how the advice went?", DraftRequest("update", "Carlos")),
    ("ask Priya to introduce me to Jonas", DraftRequest("intro", "Jonas")),
    ("what did Priya say about negotiating?", None),
    ("draft a follow-up", None),
])
def test_parse_draft_request(message, expected):
    assert parse_draft_request(message) == expected


def test_parse_refinement_request():
    assert parse_refinement_request("shorter") == "shorter"
    assert parse_refinement_request("Make it more formal") == "more formal"
    assert parse_refinement_request("mention the runbook.") == "mention the runbook"
    assert parse_refinement_request("what did Daniel say?") is None


def test_suggest_followups():
    note = SearchResult("c1", "t", "a.md", "notes", "Trial quarter", "Priya Raman", None, 0, 1.0)
    guide = SearchResult("c2", "t", "g.md", "guidance", "Writing a purpose statement", None, None, 0, 1.0)
    out = suggest_followups("what did she say about tracks?", [note, guide], ["Priya Raman", "Daniel Okafor"])
    assert out[:2] == ["What action items are still open with Priya?", "Draft a follow-up to Priya"]
    assert 2 <= len(out) <= 3
    topics = suggest_followups("how do I prepare?", [guide], [])
    assert topics[0] == "Tell me more about writing a purpose statement" and len(topics) >= 2
    assert suggest_followups("Any news from Daniel?", [], ["Daniel Okafor"])[1] == "Draft a follow-up to Daniel"


# ----- one end-to-end draft with the real local model -------------------------------------------
@pytest.mark.local_model
def test_local_model_draft_uses_templates_and_passes_rubric(local_model, isolated_home, minilm):
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    desk = MentorDesk(Settings(home=isolated_home, llm_provider="local", index_builtin_guidance=False),
                      embedder=minilm)
    desk.relationships.profile.update(**ME)
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    draft = desk.drafts.draft("followup", "Priya")
    assert desk.model_info.provider == "local" and not desk.drafts.writer.uses_model
    assert draft.rubric.passed, draft.rubric.failures()
    assert "Priya" in draft.body and draft.subject


# ----- issue 10: drafts a person can send as written -----------------------------------------
def test_outreach_fits_how_the_user_knows_the_person(studio, desk):
    cold = studio.draft("outreach", "Lena")
    assert "suggested" not in (cold.subject or "").lower() and "introduc" not in cold.body.lower()
    assert cold.rubric.get("fits_connection").passed
    # Daniel has meetings in the sample notes: no "we haven't met" to him, and no introducer.
    met = studio.draft("outreach", "Daniel")
    assert "haven't met" not in met.body.lower() and "we haven't met" not in (met.subject or "").lower()
    assert met.rubric.passed, met.rubric.failures()


def test_private_notes_of_the_tracking_table_never_reach_an_email(studio):
    for kind, who in (("outreach", "Jonas"), ("outreach", "Lena"), ("intro", "Jonas")):
        draft = studio.draft(kind, who)
        assert "SREcon" not in draft.body and "growing staff engineers" not in draft.body
        assert draft.rubric.get("no_private_notes").passed


def test_an_email_speaks_to_the_mentor_and_dates_carry_their_year(studio):
    draft = studio.draft("followup", "Daniel")
    assert not re.search(r"\b(?:Daniel|Okafor|he|she)\s+(?:said|suggested|recommended|thinks)\b", draft.body, re.I)
    last = max(m.date for m in studio.people.detail("Daniel").meetings)
    if last.year != dt.date.today().year:
        assert str(last.year) in draft.body
    assert draft.rubric.get("speaks_to_them").passed and draft.rubric.get("dates_have_year").passed


def test_rubric_catches_each_defect_on_hand_made_drafts():
    brief = _brief()
    cold = DraftBrief("outreach", brief.me, PersonView(id=2, name="Lena Fischer", company="Northwind",
                                                       connection="cold", notes="Met at platform meetup."))
    bad_cold = GOOD.replace("Priya suggested I write.", "Priya suggested I reach out.")
    assert not check_draft("Hello", bad_cold, cold).get("fits_connection").passed
    met = DraftBrief("outreach", brief.me, PersonView(id=3, name="Jonas Weber", company="Northwind"), met=True)
    assert not check_draft("Hello", GOOD.replace("Priya suggested I write.", "We haven't met, but hello."),
                           met).get("fits_connection").passed
    pasted = GOOD.replace("Your work at Northwind inspires me.", "In particular: Met at platform meetup.")
    assert not check_draft("Hello", pasted, cold).get("no_private_notes").passed
    assert check_draft("Hello", GOOD, cold).get("no_private_notes").passed
    followup = ("Hi Jonas,\n\nThank you for our chat on 7 March. What I learned:\n- Jonas suggested I write the "
                "design doc first.\n\nMy next steps:\n- I will draft it.\n\nBest,\nAlex Rivera")
    from mentordesk.relationships.views import MeetingView
    last = MeetingView(id=1, person_id=1, person_name="Jonas Weber", date=dt.date(2025, 3, 7))
    fb = DraftBrief("followup", brief.me, brief.person, last_meeting=last, met=True)
    result = check_draft("Thanks", followup, fb, today=dt.date(2026, 12, 1))
    assert not result.get("speaks_to_them").passed and "Jonas suggested" in result.get("speaks_to_them").detail
    assert not result.get("dates_have_year").passed
    fixed = followup.replace("7 March", "7 March 2025").replace("Jonas suggested", "You suggested")
    assert check_draft("Thanks", fixed, fb, today=dt.date(2026, 12, 1)).passed


def test_an_unanswered_first_message_gets_the_polite_second_one(studio, desk):
    """Cold outreach may need a second message: to someone already written to (a message
    logged as sent with nothing back, or the stage "contacted"), the draft says so, leaves out
    what it can, and still asks once; after a reply, it is a first message again."""
    first = studio.draft("outreach", "Lena")
    assert "once more" not in first.body and "haven't met" in first.body
    desk.relationships.people.log_message("Lena", "sent", "asked for 20 minutes", dt.date(2026, 3, 2))
    second = studio.draft("outreach", "Lena")
    assert "I wrote to you on 2 March, and I'm trying once more" in second.body
    assert "haven't met" not in second.body
    assert (second.subject or "").startswith(("Following up", "Once more"))
    assert "leaders I learn from" in first.body and "leaders I learn from" not in second.body  # optional parts go
    assert second.body.count("?") == 1 and second.rubric.passed, second.rubric.failures()
    desk.relationships.people.log_message("Lena", "received", "happy to chat in April", dt.date(2026, 3, 5))
    assert "once more" not in studio.draft("outreach", "Lena").body


@pytest.mark.parametrize("line, expected", [
    ("go back to Marcus at Corrib Labs, he never replied but she says nudge once",
     "go back to Marcus at Corrib Labs, he never replied but you say nudge once"),
    ("She said to wait, and he said no", "You said to wait, and he said no"),  # a past reply may be someone else's
    ("Priya thinks the offer is low", "You think the offer is low"),
    # the first name and the surname's initial, as notes tell two Priyas apart: no "you R" left
    ("Send Priya R the deck to sanity check", "Send you the deck to sanity check"),
    ("Priya R. said to build a tracker.", "You said to build a tracker."),
    # the user's own step that sends something to the mentor, in a note about them
    ("I'll send her the draft by Friday.", "I'll send you the draft by Friday."),
    ("I will email him the deck on Monday", "I will email you the deck on Monday"),
    ("I'll send her CV to Tasha", "I'll send her CV to Tasha"),  # someone else is named: left alone
    ("Ask him about the Lisbon role", "Ask him about the Lisbon role"),  # not the user's step
])
def test_advice_read_back_to_the_mentor_speaks_to_them(line, expected):
    from mentordesk.drafting.wording import second_person

    assert second_person(line, "Priya Raman" if "Priya" in line else "Deirdre Kavanagh") == expected


@pytest.mark.parametrize("line, expected", [
    ("Dr. Amara Okonkwo said to write the case myself.", "You said to write the case myself."),
    ("Amara thinks the offer is low. Dr. Okonkwo said so twice.", "You think the offer is low. You said so twice."),
])
def test_a_mentor_the_table_lists_with_a_title_is_spoken_to(line, expected):
    from mentordesk.drafting.wording import second_person
    from mentordesk.relationships.lookup import first_name

    assert second_person(line, "Dr. Amara Okonkwo") == expected
    assert (first_name("Dr. Amara Okonkwo"), first_name("Dr Okafor"), first_name("Priya Raman")) == (
        "Amara", "Dr Okafor", "Priya")


def test_an_imported_notes_column_header_is_not_taken_for_pasted_notes():
    """Notes joined from a sheet's columns ("Next step: send update on promo case") share
    their header's words with any follow-up; only the user's own words count as pasted."""
    brief = _brief()
    person = PersonView(id=2, name="Lena Fischer", company="Northwind", connection="warm",
                        notes="calls me kiddo; How we met: conference; Next step: send update on promo case")
    body = ("Hi Lena,\n\nThank you for the chat. Next steps on my side:\n- I'll send you the promo case draft.\n\n"
            "Best,\nAlex Rivera")
    assert check_draft("Thanks", body, DraftBrief("followup", brief.me, person)).get("no_private_notes").passed
    pasted = body.replace("I'll send you the promo case draft.", "Next step: send update on promo case.")
    assert not check_draft("Thanks", pasted, DraftBrief("followup", brief.me, person)).get("no_private_notes").passed


def test_every_place_that_lists_draft_kinds_reads_the_one_registry():
    """The CLI's choices, the tool schema a model sees, the app's labels and the chat's words
    all come from DRAFT_KINDS, so a new kind is one entry there (plus its template and checks)."""
    import argparse

    from mentordesk.cli import drafts as cli_drafts
    from mentordesk.drafting import DRAFT_KINDS, EMAIL_KINDS, KINDS
    from mentordesk.drafting.router import write_draft
    from mentordesk.drafting.rubric import SUBJECT_KINDS
    from ui.draft_view import KIND_LABELS

    parser = argparse.ArgumentParser()
    cli_drafts.register(parser.add_subparsers())
    (draft_parser,) = [a for a in parser._subparsers._group_actions[0].choices.values()]
    assert tuple(next(a for a in draft_parser._actions if a.dest == "kind").choices) == KINDS
    assert tuple(write_draft.model_json_schema()["properties"]["kind"]["enum"]) == KINDS
    assert tuple(KIND_LABELS) == KINDS and SUBJECT_KINDS == EMAIL_KINDS
    for kind in DRAFT_KINDS:  # each kind's own words ask for it in chat
        request = parse_draft_request(f"please draft a {kind.short.lower()} {kind.label.lower()} to Daniel")
        assert request == DraftRequest(kind.name, "Daniel"), kind.name


def _action(n: int, meeting: int, day: dt.date, text: str):
    from mentordesk.relationships.views import AdviceView

    return AdviceView(id=n, meeting_id=meeting, meeting_date=day, person_id=2, person_name="Dana Whitaker",
                      kind="action", text=text)


def test_a_prep_lists_what_is_still_open_from_the_last_meeting_and_greets_by_first_name():
    """A stranger's table says '"Dana W". Not the same person as Dana Lim': that is how the
    notes tell two Danas apart, not what she is called. The prep's "still open" is the last
    meeting's open steps; last year's unticked ones only when that meeting left none."""
    from mentordesk.drafting.templates import compose
    from mentordesk.relationships.views import MeetingView

    me = ProfileView(name="Ji-yeon Park", role="Learning designer", values=["kindness"])
    dana = PersonView(id=2, name="Dana Whitaker", company="Whitaker Learning", stage="mentor",
                      role="Freelance designer (Tacoma)", notes='"Dana W". Not the same person as Dana Lim.')
    last = MeetingView(id=9, person_id=2, person_name="Dana Whitaker", date=dt.date(2025, 12, 3))
    old = _action(1, 4, dt.date(2025, 2, 19), "storyboard the stoichiometry unit")
    new = _action(2, 9, dt.date(2025, 12, 3), "redo the portfolio homepage")
    _, body = compose(DraftBrief("prep", me, dana, last_meeting=last, next_steps=(new, old), met=True))
    still_open = body.split("from last time:\n", 1)[1].split("\n\n", 1)[0]
    assert "redo the portfolio homepage" in still_open and "storyboard" not in still_open
    _, earlier = compose(DraftBrief("prep", me, dana, last_meeting=last, next_steps=(old,), met=True))
    assert "Still open from earlier meetings:\n- storyboard the stoichiometry unit" in earlier
    _, email = compose(DraftBrief("followup", me, dana, last_meeting=last, next_steps=(new,), met=True))
    assert email.startswith(("Hi Dana,", "Hello Dana,", "Dear Dana,"))
    _, outreach = compose(DraftBrief("outreach", me, dana))
    assert "(Tacoma)" not in outreach  # the table's aside about her role stays out of the email
