"""Issue 10: "what did X say about Y" is answered with X's own advice lines, each with
its date and cited to the note it came from; a small model's sentence that turns a
source round is never passed on; a remote model's unsupported sentences are named."""

from __future__ import annotations

import re

import pytest

from mentordesk.chat import ChatService, unsupported_sentences
from mentordesk.grounding import entailed
from mentordesk.llm import ModelInfo
from mentordesk.mentor_answers import parse_mentor_question
from tests.conftest import NOTES_DIR
from tests.test_chat import ScriptedModel

LINE = re.compile(r"^- (?P<who>[^,]+), (?P<date>\d{1,2} \w+ \d{4}): (?P<text>.+) \[(?P<n>\d)\]\.$")


@pytest.fixture(scope="module")
def notes_desk(tmp_path_factory, minilm):
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    desk = MentorDesk(Settings(home=tmp_path_factory.mktemp("mentor-answers"), llm_provider="fake",
                               index_builtin_guidance=False), embedder=minilm)
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    return desk


@pytest.mark.parametrize("question, who, topic", [
    ("What did Priya tell me about negotiating a job offer?", "Priya", "negotiating a job offer"),
    ("what did Daniel say?", "Daniel", None),
    ("Carlos's advice on design reviews", "Carlos", "design reviews"),
    ("What did Mei recommend when I was exhausted?", "Mei", "I was exhausted"),
    ("What tips did Mei give me for presenting to a big audience?", "Mei", "presenting to a big audience"),
    ("what advice has Priya given me on salary?", "Priya", "salary"),
    ("what was Mere's line on compensating iwi for being involved?", "Mere", "compensating iwi for being involved"),
    ("Kate's rule on pricing?", "Kate", "pricing"),
])
def test_questions_about_a_mentors_advice_are_recognised(question, who, topic):
    asked = parse_mentor_question(question)
    assert asked is not None and (asked.who, asked.topic) == (who, topic)


def test_what_did_priya_say_about_negotiating_lists_her_own_advice_cited(notes_desk):
    answer = notes_desk.chat.ask("What did Priya say about negotiating a job offer?").result()
    lines = [LINE.match(line) for line in answer.text.splitlines()[1:] if line.strip()]
    assert lines and all(lines), answer.text
    assert all(m["who"] == "Priya Raman" for m in lines)
    assert any("total compensation" in m["text"] for m in lines)  # the negotiation advice, not her story
    by_n = {c.n: c.result for c in answer.citations}
    for m in lines:
        passage = by_n[int(m["n"])]
        assert passage.mentor == "Priya Raman" and m["text"] in " ".join(passage.text.split())
    # quoted from her notes by the code, not written by a model: no "not supported" warning
    # (the fake provider is checked like a remote model; it once flagged every such line)
    assert answer.warning is None and answer.unsupported == []


def test_advice_is_gathered_across_meetings_and_off_topic_lines_stay_out(notes_desk):
    answer = notes_desk.chat.ask("What did Daniel tell me about quitting to work on the startup?").result()
    assert "reversible" in answer.text and "unpaid leave" in answer.text
    assert "sailing" not in answer.text.lower()
    assert len({c.result.source for c in answer.citations}) >= 1


def test_a_topic_none_of_their_notes_touches_is_said_so_not_answered_with_other_lines(notes_desk):
    """No note of Daniel's has a word of it and none of his advice is near it: the answer
    says so (a refusal) instead of quoting his notes on the startup as if they answered."""
    answer = notes_desk.chat.ask("Did Daniel ever say anything about getting a pilot's licence?").result()
    assert not answer.found
    assert answer.text.startswith("I found nothing about that in your notes from Daniel Okafor")
    # the closest lines follow, marked as such and cited
    assert "The closest lines in your library" in answer.text and answer.citations
    assert "“pilot's” or “licence”" in answer.text  # the words looked for, as the user wrote them
    # a topic his notes do hold is answered as before, and so is the same topic asked of no one
    assert notes_desk.chat.ask("Did Daniel ever say anything about equity?").result().found
    assert notes_desk.chat.ask("Did Priya say anything about negotiating?").result().found


def test_a_name_not_in_the_table_is_answered_from_the_library_as_usual(notes_desk):
    answer = notes_desk.chat.ask("What did the guidance say about cold emails?").result()
    assert not answer.text.startswith("What the guidance said")


def test_the_strict_check_refuses_a_paraphrase_that_turns_the_source_round():
    facts = ["Join a startup for the people and the problem, never for the equity."]
    assert entailed("Join a startup for the people and the problem, never for the equity.", facts) == 1
    assert entailed("Daniel said that he would not be a part of the company if there was no equity.", facts) == 0
    assert entailed("Join a startup for the equity and the problem.", facts) == 0  # the negation dropped
    assert entailed("Join a startup for the people, never for the equity, says Okafor.", facts) == 0  # a new name


def test_the_local_path_drops_the_models_contradiction_and_quotes_the_source(notes_desk):
    model = ScriptedModel(reply="Daniel Okafor said that he would not join the company if there was no equity [1]. ",
                          calls=[])
    chat = ChatService(notes_desk.index, lambda: model, ModelInfo("local", "scripted"))
    answer = chat.ask("Should I join a startup for the equity?").result()
    assert "would not join" not in answer.text
    assert "never for the equity" in answer.text  # the note's own words, quoted and cited


def test_a_topic_line_is_not_the_key_sentence(minilm, tmp_path):
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    note = tmp_path / "n.md"
    note.write_text("---\nmentor: Ana Silva\ndate: 2026-03-02\n---\n"
                    "New topic: managing up to a new director who prefers written updates.\n"
                    "Send her a five-line written update every Friday, decisions first.\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.ingest.ingest_paths([note], kind="notes")
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"))
    answer = chat.ask("How should I manage up to a director who prefers written updates?").result()
    assert "five-line written update every Friday" in answer.text


def test_remote_answers_name_the_sentences_the_passages_do_not_back(notes_desk):
    question = "How do I negotiate a job offer?"
    first = notes_desk.chat.retrieve(question)[0].text.split("\n")[1].lstrip("- ").rstrip(".")
    model = ScriptedModel(reply=f"{first} [1]. Priya also won an award for negotiating at Google in 2019 [1].",
                          calls=[])
    chat = ChatService(notes_desk.index, lambda: model, ModelInfo("openai", "scripted"))
    answer = chat.ask(question).result()
    assert answer.unsupported == ["Priya also won an award for negotiating at Google in 2019."]
    assert answer.warning and "not supported" in answer.warning
    uncited = ChatService(notes_desk.index, lambda: ScriptedModel(reply="Always ask for more money.", calls=[]),
                          ModelInfo("openai", "scripted")).ask("How do I negotiate a job offer?").result()
    assert uncited.warning and "cites none" in uncited.warning
    assert unsupported_sentences("Negotiate on total compensation, not base alone [1].",
                                 ["Negotiate on total compensation, not base alone."]) == []


def test_the_local_answer_quotes_a_notes_advice_not_its_account_of_the_problem(minilm, tmp_path):
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    note = tmp_path / "2024-05-27-marcus.md"
    note.write_text(
        "---\nmentor: Marcus Lindqvist\ndate: 2024-05-27\n---\n"
        "## Purpose\nThe marketing director wants a delivery date for the attribution model, which is late for the "
        "second time, and I wonder whether to add slack to the date in case things go wrong.\n\n"
        "## Advice\n- Don't pad your estimates; give the honest median and let the misses be visible.\n"
        "- Re-estimate every Friday and send the new date even when it has not changed.\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.ingest.ingest_paths([note], kind="notes")
    # One passage for the small model: the one that matches best is the note's account of the problem.
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"),
                       local_passages=1, mentor_advice=desk.chat.mentor_advice)
    top = desk.index.search("The marketing director wants a date: should I add slack in case things go wrong?", 1)[0]
    assert "honest median" not in top.text  # the premise: the best match is the account, not the advice
    answer = chat.ask("The marketing director wants a date: should I add slack in case things go wrong?").result()
    assert "honest median" in answer.text or "Re-estimate every Friday" in answer.text
    assert any("## Advice" in c.result.text or "Advice" in c.result.text.split("\n", 1)[0] for c in answer.citations)


def test_a_pdfs_wrapped_lines_are_quoted_as_whole_sentences(minilm, tmp_path):
    """A PDF or a fixed-width text breaks sentences at line ends; a local answer quotes
    the whole sentence, never the fragment up to the line break."""
    from mentordesk.chat import passage_sentences
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    wrapped = ("Giving feedback\nDescribe the specific situation, the observable behaviour and\nthe impact it had, "
               "then ask for the other person's view before suggesting\nwhat to do next.\n- Keep it private.\n"
               "- Give it within a day or two.")
    heading, sentences = passage_sentences(wrapped)
    assert heading == "Giving feedback"
    assert sentences[0] == ("Describe the specific situation, the observable behaviour and the impact it had, then ask "
                            "for the other person's view before suggesting what to do next.")
    assert sentences[1:] == ["Give it within a day or two."]  # "Keep it private." is too short to quote alone

    doc = tmp_path / "feedback-guide.txt"
    doc.write_text("How to give feedback to your team\n\n" + "\n".join(
        ["When someone's behaviour in a meeting causes a problem, use the situation, behaviour, impact",
         "pattern: describe the specific situation, the observable behaviour and the impact it had,",
         "then ask for the other person's view before suggesting what to do next. Do it in private",
         "and soon, while both of you still remember the meeting clearly."]) + "\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.ingest.ingest_paths([doc], kind="documents")
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"))
    answer = chat.ask("How do I tell someone that the way they acted in a meeting was a problem?").result()
    quoted = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert any("situation, behaviour, impact pattern" in line for line in quoted), answer.text
    assert all(line.rstrip().endswith(("].", "]")) and not line.rstrip(" []0123456789").endswith((",", " and"))
               for line in quoted), answer.text


def test_a_notes_advice_bullet_is_quoted_whole(minilm, tmp_path):
    """A bullet of advice is one unit: its second sentence ("Pick projects that show...")
    means little without its first, so the answer quotes the whole bullet on one line."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    note = tmp_path / "2025-06-03 Portfolio chat with Ines.md"
    note.write_text(
        "# Portfolio review with Ines Duarte\n\nDate: 3 June 2025\n\n## What she said\n"
        "- Two strong write-ups beat a gallery of screenshots. Pick projects that show different strengths: depth, "
        "working across teams, helping people.\n"
        "- Tell each story the same way: the situation, your part, the trade-offs, the result.\n"
        "- Put the dead ends in, not only the polished ending. Reviewers believe a process more than a result.\n"
        "- Keep each write-up short enough to read over a coffee.\n", encoding="utf-8")
    guide = tmp_path / "hiring-guide.txt"
    guide.write_text(
        "Hiring for a new team\n\nBefore you read a single CV, write down what the role needs and agree which "
        "interviewer assesses what. Shadow three interviews before you lead one. Decide in a debrief where "
        "everyone shares written feedback before hearing the others.\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.ingest.ingest_paths([note], kind="notes")
    desk.ingest.ingest_paths([guide], kind="documents")
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"),
                       local_passages=5)
    answer = chat.ask("How should I present my past projects in a portfolio?").result()
    quoted = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert any("Two strong write-ups beat a gallery of screenshots. Pick projects that show different strengths"
               in line for line in quoted), answer.text
    assert any("Put the dead ends in, not only the polished ending. Reviewers believe" in line for line in quoted), \
        answer.text


def test_a_chats_stamps_and_a_notes_title_line_are_never_quoted():
    """What a local answer may quote from a chat export or a phone note: each message on its
    own (a long message is not run into the next one), without its time stamp, and not the
    speaker-and-time lines, the date lines or the note's title line."""
    from mentordesk.chat import passage_sentences

    whatsapp = ("WhatsApp chat with Tony\n25/04/2025, 07:41 - Becca: Morning Tony, cheers for last night, and for the "
                "pint\n25/04/2025, 08:15 - Tony Unite: Don't take the first number they give you, ask for it in "
                "writing")
    assert passage_sentences(whatsapp)[1] == [
        "Becca: Morning Tony, cheers for last night, and for the pint",
        "Tony Unite: Don't take the first number they give you, ask for it in writing"]
    slack = ("Slack DM\nBernie Nwosu  5:47 PM\nWriting down what I said before you forget it\nThursday, June 19th\n"
             "Bernie Nwosu  6:20 PM\nWhen Pete or Wayne push back, ask them what they would do")
    assert passage_sentences(slack)[1] == ["Writing down what I said before you forget it",
                                           "When Pete or Wayne push back, ask them what they would do"]
    phone = ("11/02/26\n11/02/26\n\nChat with Dave (phone, lunchtime)\n\nPete keeps going over my head to the clerk "
             "of works.\n- have it out with Pete on his own, not in front of the lads")
    assert passage_sentences(phone)[1] == ["Pete keeps going over my head to the clerk of works.",
                                           "have it out with Pete on his own, not in front of the lads"]


def test_a_question_written_in_bold_is_not_quoted_as_its_own_answer(minilm, tmp_path):
    """A Q&A note with its questions in Markdown bold ("**Q: How do I tell Papa?**"): the
    answer quotes what follows the question, without the bold marks."""
    from mentordesk.chat import passage_sentences
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    body = ("**Q: Now that I've moved to a PM role anyway, is an MBA still worth it?**\n"
            "She said the MBA's main value for me was the switch, and I've done that.\n\n"
            "**Q: How do I tell my father I'm dropping the MBA plan?**\n"
            "Show him the numbers: the salary jump already happened without the degree.\n")
    assert passage_sentences("Lakshmi Q&A\n" + body)[1][0] == (
        "Q: Now that I've moved to a PM role anyway, is an MBA still worth it?")
    note = tmp_path / "lakshmi.md"
    note.write_text("---\nmentor: Lakshmi Menon\ndate: 2025-06-14\n---\n" + body, encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.ingest.ingest_paths([note], kind="notes")
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"),
                       local_model_sentences=False)
    answer = chat.ask("how did Lakshmi say I should break it to my father that the MBA is off?").result()
    assert "Show him the numbers" in answer.text
    assert "**" not in answer.text and "How do I tell my father" not in answer.text


def test_a_question_naming_one_mentor_gets_their_advice_on_it_from_a_lower_ranked_note(minilm, tmp_path):
    """"is it ok to bring up pay in the interview? what did Dave say": the note search ranks
    first is his pay review (all about pay); the answer is a line of another note, "Don't ask
    about the rate in the interview itself", which the ledger knows is close to the question."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    (tmp_path / "2025-11-19-dave.md").write_text(
        "---\nmentor: Dave Okafor\ndate: 2025-11-19\n---\n"
        "Pay review with Dave. He is putting me up for the full pay rate from January; pay goes up again "
        "with the NVQ.\n\n## Advice\n- Bring him the wins file every quarter, not only at the yearly pay review.\n",
        encoding="utf-8")
    (tmp_path / "2025-04-08-dave.md").write_text(
        "---\nmentor: Dave Okafor\ndate: 2025-04-08\n---\n"
        "Feedback on Thursday's foreman interview.\n\n## Advice\n"
        "- Next time lead with numbers: how many men, how many units, what you saved.\n"
        "- Don't ask about the rate in the interview itself. Ask me or Karen afterwards, that's normal here.\n",
        encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.relationships.people.add("Dave Okafor", stage="primary")
    desk.ingest.ingest_paths([tmp_path / "2025-11-19-dave.md", tmp_path / "2025-04-08-dave.md"], kind="notes")
    question = "is it ok to bring up pay in the interview? what did Dave say"
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"),
                       local_passages=1, mentor_advice=desk.chat.mentor_advice)
    assert desk.index.search(question, 1)[0].source.endswith("2025-11-19-dave.md")  # the premise
    answer = chat.ask(question).result()
    assert "Don't ask about the rate in the interview itself" in answer.text
    assert any(c.result.source.endswith("2025-04-08-dave.md") for c in answer.citations)


def test_a_question_naming_a_mentor_and_a_month_answers_from_their_note_of_that_month(minilm, tmp_path):
    """"what was I meant to do after the JB coffee in Oct 25": his note of October 2025 is
    what is asked about, though its words ("to do:") share little with the question's."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    (tmp_path / "2025-02-03-jb.md").write_text(
        "---\nmentor: Jim Brennan\ndate: 2025-02-03\n---\nJB coffee at Fidel's.\n\n"
        "- why not ask for a secondment?\n\nHW - send CV\n", encoding="utf-8")
    (tmp_path / "2025-10-08-jb.md").write_text(
        "---\nmentor: Jim Brennan\ndate: 2025-10-08\n---\n## Standup\n- flood plan back from legal\n\n"
        "## JB\nLong one at Fidel's. His take three months in:\n- you're a policy person on a trial, act like it\n\n"
        "to do:\n- change email sig\n- put CPD log in order\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.relationships.people.add("Jim Brennan", stage="primary", notes='"JB" in my notes')
    desk.ingest.ingest_paths([tmp_path / "2025-02-03-jb.md", tmp_path / "2025-10-08-jb.md"], kind="notes")
    answer = desk.chat.ask("what was I meant to do after the JB coffee in Oct 25").result()
    assert answer.citations and all(c.result.source.endswith("2025-10-08-jb.md") for c in answer.citations), answer.text


def test_their_line_that_says_the_topic_is_found_in_any_of_their_notes(minilm, tmp_path):
    """"JB's view on secondments?": his long phone-note line "why not ask for a secondment? …"
    reads far from "secondments" as a whole, and his note that search ranks first only
    mentions the word once. Every line of his that says the topic is in the answer, and the
    best note's lines that neither say it nor are plainly about it are not."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    (tmp_path / "JB coffee.txt").write_text(
        "JB coffee Mon 3rd Feb 2025 - Fidel's\n\n"
        "- if u want out of pipes say it out loud to someone who can do something about it\n"
        "- why not ask for a secondment? reg council climate team always short of ppl who know how a network "
        "actually fails\n"
        "- policy ppl write for ministers not engineers - 2 pages max, get used to it\n", encoding="utf-8")
    (tmp_path / "JB after the no.md").write_text(
        "---\nmentor: Jim Brennan\ndate: 2026-04-09\n---\nJB rang after the MfE no. Secondment ends in July.\n\n"
        "## What he said\n"
        "- Second-ranked in your first policy application is a result, not a failure.\n"
        "- Don't go back to Harbour Water in July just because the secondment ends. Negotiate the extension now.\n"
        "- Keep the Sunday walks going, whatever happens.\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.relationships.people.add("Jim Brennan", stage="primary", notes='"JB" in my notes')
    desk.ingest.ingest_paths([tmp_path / "JB coffee.txt", tmp_path / "JB after the no.md"], kind="notes")
    answer = desk.chat.ask("What did JB say about secondments?").result()
    assert answer.text.startswith("What Jim Brennan said about secondments"), answer.text
    assert "why not ask for a secondment?" in answer.text
    assert "Negotiate the extension now" in answer.text
    assert "Sunday walks" not in answer.text and "Second-ranked" not in answer.text


def test_what_was_i_meant_to_do_after_a_meeting_lists_my_steps_from_that_meeting(minilm, tmp_path):
    """"What was I meant to do after the JB coffee in Oct 25": the user's own steps from
    that meeting, from the ledger, cited to its note; not his advice, not another meeting's
    steps. "our first coffee" is the earliest meeting; a question about someone with no
    steps in their notes is answered from the passages as usual."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    (tmp_path / "JB coffee.txt").write_text(
        "JB coffee Mon 3rd Feb 2025 - Fidel's\n\n"
        "- don't resign to get into policy. go sideways first, keep the salary\n\n"
        "HW - send CV\nHW - ask Craig re secondment b4 end Feb\nJB - dig out his old submissions\n", encoding="utf-8")
    (tmp_path / "JB october.md").write_text(
        "---\nmentor: Jim Brennan\ndate: 2025-10-08\n---\nCoffee at Fidel's.\n\n## His take\n"
        "- get a referee from the policy side, not just engineers.\n\n"
        "## To do\n- change email sig\n- [x] put CPD log in order\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.relationships.profile.update(name="Hemi Walker")
    desk.relationships.people.add("Jim Brennan", stage="primary", notes='"JB" in my notes')
    desk.relationships.people.add("Kate Fraser", stage="mentor")
    (tmp_path / "JB march.md").write_text(
        "---\nmentor: Jim Brennan\ndate: 2026-03-04\n---\nCoffee. Feb was a write-off, the Feb budget round ate it.\n\n"
        "## To do\n- book the Feb follow-up with Craig again\n", encoding="utf-8")
    desk.ingest.ingest_paths([tmp_path / "JB coffee.txt", tmp_path / "JB october.md", tmp_path / "JB march.md"],
                             kind="notes")

    answer = desk.chat.ask("what was I meant to do after the JB coffee in Oct 25").result()
    assert answer.text.startswith("What you took on at your meeting with Jim Brennan on 8 October 2025"), answer.text
    assert "- change email sig [1]." in answer.text and "- put CPD log in order (done) [1]." in answer.text
    assert "referee" not in answer.text and "send CV" not in answer.text
    assert answer.citations and all(c.result.source.endswith("JB october.md") for c in answer.citations)

    february = desk.chat.ask("what was I supposed to do after the feb coffee w JB").result()  # a month, no year
    assert "3 February 2025" in february.text and "send CV" in february.text, february.text

    first = desk.chat.ask("what did I promise JB at our first coffee?").result()
    assert "3 February 2025" in first.text and "send CV" in first.text, first.text
    assert "dig out his old submissions" not in first.text  # his task, not mine

    other = desk.chat.ask("what was I supposed to do after the call with Kate?").result()
    assert not other.text.startswith("What you took on")


def test_what_they_said_at_the_first_or_last_meeting_is_that_meetings_advice(minilm, tmp_path):
    """"what did Tom say about CPEng at the first ENZ session": the advice of his earliest
    meeting, not of the later minutes that also mention CPEng."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    (tmp_path / "session 1.md").write_text(
        "---\nmentor: Tom Fraser\ndate: 2025-03-12\n---\nIntro session.\n\n## Advice\n"
        "- keep CPEng current whatever happens - policy teams love an engineer who is still chartered\n"
        "- log CPD hours as you go, not in a panic in Nov\n", encoding="utf-8")
    (tmp_path / "session 6.md").write_text(
        "---\nmentor: Tom Fraser\ndate: 2026-09-08\n---\nLast session before MfE.\n\n## Advice\n"
        "- keep CPEng while at MfE and keep a thread of technical CPD going\n"
        "- find the engineers in the building in week one\n", encoding="utf-8")
    desk = MentorDesk(Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False),
                      embedder=minilm)
    desk.relationships.people.add("Tom Fraser", stage="mentor")
    desk.ingest.ingest_paths([tmp_path / "session 1.md", tmp_path / "session 6.md"], kind="notes")
    first = desk.chat.ask("what did Tom say about CPEng at the first ENZ session").result()
    assert "still chartered" in first.text and "12 March 2025" in first.text, first.text
    assert "while at MfE" not in first.text
    last = desk.chat.ask("what did Tom say at our last session?").result()
    assert "find the engineers in the building" in last.text and "still chartered" not in last.text, last.text


@pytest.mark.parametrize("question, mine", [
    ("what was I meant to do after the JB coffee in Oct 25", True),
    ("what did I promise JB at our first coffee?", True),
    ("what was I supposed to do about the scope creep on the nursing course, per dana w?", False),  # her advice
    ("what was I supposed to do about pricing?", False),  # no meeting said
])
def test_a_question_for_my_steps_names_a_meeting_and_not_their_view(question, mine):
    from mentordesk.mentor_answers import asks_for_my_steps

    assert asks_for_my_steps(question) is mine
