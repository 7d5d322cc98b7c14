"""Advice and action items from notes in the shapes people write them (issue 9): label
lines, bold labels, nested bullet labels, numbered lists, Q/A and speaker transcripts,
pasted emails, prose with reported advice and first-person commitments. Rules alone here
(no classifier); the classifier is tested on prose the rules leave undecided."""

from __future__ import annotations

import pytest

from mentordesk.relationships.extraction import extract_items, rule_kind, split_tasks


def kinds(text: str, classifier=None, mentor: str | None = None) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for i in extract_items(text, classifier, mentor)]


def test_label_lines_with_dashes_and_numbered_lists():
    note = ("Date: January 20, 2026\nAttendees: Tom Becker, me\n\nHer advice:\n- Say no to one thing a week\n"
            "- Keep the 1:1s weekly\n\nTo do:\n1) update CV\n2) email Ravi\n\nShe is off to Lagos next week.\n")
    assert kinds(note) == [("advice", "Say no to one thing a week"), ("advice", "Keep the 1:1s weekly"),
                           ("action", "update CV"), ("action", "email Ravi")]


def test_bold_labels_and_checkboxes_keep_done():
    note = "**Advice**\n- Red items first.\n\n**Action items:**\n- [x] thank Hiroshi\n- [ ] draft the proposal\n"
    items = extract_items(note)
    assert [(i.kind, i.text, i.done) for i in items] == [
        ("advice", "Red items first.", False), ("action", "thank Hiroshi", True), ("action", "draft the proposal", False)]


def test_nested_bullet_labels_and_a_bare_label_line():
    note = ("Tanaka 1:1\n\n- he was short on time\n- advice:\n  - lead every doc with the decision\n"
            "  - get a skeptic to review first\n- todo\n  - rewrite the intro\n  - ask Farid for a review\n"
            "\nAdvice\n- Speak in the first ten minutes\nAction items\n- Report back in May\n")
    assert kinds(note) == [("advice", "lead every doc with the decision"), ("advice", "get a skeptic to review first"),
                           ("action", "rewrite the intro"), ("action", "ask Farid for a review"),
                           ("advice", "Speak in the first ten minutes"), ("action", "Report back in May")]


def test_a_lead_in_line_says_whose_list_follows():
    note = ("A few things I'm taking away:\n- Have one 'no' conversation in the first month\n\n"
            "Here's what I'm going to do:\n- Start the brag doc this Friday\n")
    assert kinds(note) == [("advice", "Have one 'no' conversation in the first month"),
                           ("action", "Start the brag doc this Friday")]


def test_qa_transcript_answers_are_advice_and_questions_are_not():
    note = ("Q: How do I answer the failure question?\nA: Pick a real failure with a cost. Own it early.\n"
            "Q: Anything about salary?\nA: Never give the first number.\n")
    assert kinds(note) == [("advice", "Pick a real failure with a cost."), ("advice", "Own it early."),
                           ("advice", "Never give the first number.")]


def test_speaker_transcript_mentor_advice_my_commitments_and_the_mentors_own_plans():
    note = ("Me: I got asked to join the review board.\nTanaka: Say yes, but ask for a fixed two-hour slot.\n"
            "Me: OK. So I'll accept, ask for the Thursday slot, and read the last ten decisions.\n"
            "Tanaka: Good. I'll send you the board's charter.\n")
    assert kinds(note) == [("advice", "Say yes, but ask for a fixed two-hour slot."), ("action", "accept"),
                           ("action", "ask for the Thursday slot"), ("action", "read the last ten decisions")]


def test_prose_reported_advice_commitments_and_distractors():
    note = ("Call with Hiroshi Tanaka, 3 March 2026\n\nWe talked about the on-call redesign. He recommended "
            "splitting the rotation by service. His view is that shared on-call fails. He'll send me the article "
            "on toil. He told a story about an outage in 2018.\n\nI promised to draft the ownership map. "
            "Next steps for me: book a session with the SRE leads, prune the dead alerts and write up a proposal.\n"
            "We'll talk again on 24 March.\n")
    assert kinds(note) == [
        ("advice", "He recommended splitting the rotation by service."),
        ("advice", "His view is that shared on-call fails."),
        ("action", "I promised to draft the ownership map."),
        ("action", "book a session with the SRE leads"), ("action", "prune the dead alerts"),
        ("action", "write up a proposal"),
    ]


def test_pasted_follow_up_email():
    note = ("Hi Amara,\n\nThanks for the coffee this morning!\n\nAs you suggested, I'll prepare a 90-day plan. "
            "I'll also ask Kwame for a written quote, since you said peer evidence beats self-assessment.\n\n"
            "And thanks for offering to connect me with Ravi; I'll reach out to him once I see your intro.\n\n"
            "Best,\nDani\n")
    assert kinds(note) == [
        ("action", "As you suggested, I'll prepare a 90-day plan."),
        ("action", "I'll also ask Kwame for a written quote"),
        ("advice", "you said peer evidence beats self-assessment"),
        ("action", "I'll reach out to him once I see your intro."),
    ]


def test_mentor_promises_and_questions_under_an_action_label_are_left_out():
    note = "## Next steps\n- Priya will send me two example PRDs\n- Should I ask for a raise?\n- Send Priya the deck\n"
    assert kinds(note) == [("action", "Send Priya the deck")]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("She suggested I shadow the on-call lead for a week.", "advice"),
    ("She said I should stop asking for permission.", "advice"),
    ("Her take: a title change is worth less than a bigger team.", "advice"),
    ("If they push, give a range where your target is the bottom.", "advice"),
    ("I need to update my CV before Friday.", "action"),
    ("also going to record myself doing the intro.", "action"),
    ("She'll send me the article.", "other"),
    ("Sam offered to share his crit checklist.", "other"),
    ("I asked if I should wait for the next cycle.", "other"),
    ("How do I handle a difficult colleague?", "other"),
    ("Next coffee: 30 September, same place.", "other"),
    ("We talked about negotiation.", "other"),
])
def test_rules(sentence, kind):
    assert rule_kind(sentence) == kind


def test_a_list_is_split_into_tasks_only_where_each_part_is_a_task():
    assert split_tasks("Next steps for me: send the deck, book a call with Ravi and read chapter 3.") == [
        "send the deck", "book a call with Ravi", "read chapter 3"]
    whole = "I'll read the chapter on risks, costs and timelines."
    assert split_tasks(whole) == [whole]
    assert split_tasks("I'll go back to the five people and ask about cost.") == [
        "I'll go back to the five people and ask about cost."]


def test_the_classifier_decides_prose_the_rules_leave_open(minilm):
    from mentordesk.relationships.sentence_classifier import load_classifier

    classifier = load_classifier(minilm)
    assert classifier is not None, "the shipped weights were trained for the bundled MiniLM"
    note = ("Coffee with Amara\n\nShe moved to Lisbon last spring and loves it. Peer feedback carries more weight "
            "than self-assessment in a promotion case. The coffee place was loud.\n")
    assert kinds(note) == []  # no rule fires on these sentences
    assert kinds(note, classifier) == [
        ("advice", "Peer feedback carries more weight than self-assessment in a promotion case.")]


def test_a_table_is_read_by_its_columns():
    note = ("| Topic | What she said | My action |\n|---|---|---|\n"
            "| Scope | Start smaller than feels respectable. | Run the first cycle in bay 3 only |\n"
            "| Network | Join the Q Community. | — |\n")
    assert kinds(note) == [("advice", "Start smaller than feels respectable."),
                           ("action", "Run the first cycle in bay 3 only"), ("advice", "Join the Q Community.")]


def test_emoji_bullets_say_what_the_line_is():
    note = ("Nkechi 1:1 ☕ 30.09.2025\n\n💡 hire for attitude, train for skill\n👉 todo rewrite the interview questions\n"
            "✅ done: sent Nkechi the vacancy numbers\n🗓 next: 28/10\n❓ should I sit on the panel?\n")
    items = extract_items(note)
    assert [(i.kind, i.text, i.done) for i in items] == [
        ("advice", "hire for attitude, train for skill", False), ("action", "rewrite the interview questions", False),
        ("action", "sent Nkechi the vacancy numbers", True)]


def test_timed_transcript_turns_belong_to_the_mentor_or_to_me():
    note = ("Mentoring - Chris Nakamura\n\nChris Nakamura  0:02\nHow is the interim role going?\n\n"
            "Rosa Delgado-Whitaker  0:09\nHonestly it's a lot. I'll map who makes the decisions.\n\n"
            "Chris Nakamura  0:31\nFor the first ninety days, don't change anything structural. I'll send you my plan.\n")
    assert kinds(note, mentor="Chris Nakamura") == [
        ("action", "I'll map who makes the decisions."),
        ("advice", "For the first ninety days, don't change anything structural.")]


def test_a_quoted_reply_in_an_email_thread_is_the_mentors():
    note = ("Hi Helen, thanks!\n\nMy list:\n- Book a 1:1 with Phil for Friday\n\n"
            "On Wed, 11 Feb 2026 at 07:15, Helen Park <h@x.org> wrote:\n> Morning Kobby,\n>\n"
            "> Talk to him before you talk about him.\n> I'd put teaching first on the agenda.\n"
            "> I'll dig out the article.\n")
    assert kinds(note, mentor="Helen Park") == [
        ("action", "Book a 1:1 with Phil for Friday"), ("advice", "Talk to him before you talk about him."),
        ("advice", "I'd put teaching first on the agenda.")]


def test_a_dictated_voice_memo_is_cut_into_clauses():
    memo = ("so um this is a note from the call with Dr. Okonkwo tonight, it was short because she was on call, "
            "and she said the debrief is for the team not for the report, so do it within 24 hours, um, and she also "
            "said that I shouldn't be the one who speaks first in a debrief, and then for me, I'm going to re-run the "
            "debrief with the night staff on Thursday, and um I'm going to write up my reflection while it's fresh\n")
    got = kinds(memo)
    assert ("action", "I'm going to re-run the debrief with the night staff on Thursday") in got
    assert ("action", "I'm going to write up my reflection while it's fresh") in got
    assert ("advice", "she also said that I shouldn't be the one who speaks first in a debrief") in got
    assert not any("um" in text.split() for _, text in got)


def test_listed_advice_that_ends_in_a_question_stays_advice():
    note = ("## What she said\n- Run a regret test: looking back at 60, which choice would you regret?\n"
            "- She is happy to meet every six weeks.\n- Should I ask for a raise?\n- She'll send me the article.\n")
    assert kinds(note) == [("advice", "Run a regret test: looking back at 60, which choice would you regret?"),
                           ("advice", "She is happy to meet every six weeks.")]


def test_the_shipped_classifier_weights_match_the_labelled_sentences():
    import numpy as np

    from mentordesk.relationships.sentence_classifier import WEIGHTS_PATH
    from mentordesk.relationships.train_classifier import training_digest

    with np.load(WEIGHTS_PATH, allow_pickle=False) as data:
        stored = str(data["training_digest"])
    assert stored == training_digest(), "retrain: python -m mentordesk.relationships.train_classifier"


def test_a_heading_line_over_a_list_is_not_an_item_and_names_the_list():
    note = ("Lunch with Mei-Ling.\n\nHer tips\n\n- Answer the question they asked, then stop.\n\n"
            "What I'll do\n\n- Pull 12 months of turnover data\n- Practise the talk with a timer\n")
    items = [(i.kind, i.text) for i in extract_items(note)]
    assert ("action", "Pull 12 months of turnover data") in items
    assert ("action", "Practise the talk with a timer") in items
    assert ("advice", "Answer the question they asked, then stop.") in items
    assert not any("What I'll do" in text or text == "Her tips" for _, text in items)


def test_an_outline_parent_bullet_heads_its_children():
    note = ("- 1:1 call with Siobhan\n\t- Her take on the assessment\n\t\t- Write the stakeholder section first\n"
            "\t- On the homework policy\n\t\t- Don't relaunch it, just get three colleagues doing it properly\n")
    items = [(i.kind, i.text) for i in extract_items(note)]
    assert ("advice", "Write the stakeholder section first") in items
    assert ("advice", "Don't relaunch it, just get three colleagues doing it properly") in items
    assert not any(text.startswith(("Her take", "On the homework")) for _, text in items)


def test_email_headers_bylines_and_summary_overviews_are_not_items():
    note = ("Prepared by Lucía after the call with Ingrid, July 29, 2025\n\n"
            "Alex Chen and Lucía discussed the seed extension and the pipeline.\n\n"
            "Action items\n- Priya and Lucia to reconnect in June after the interviews.\n"
            "- Kobby Mensah-Larsen <kobby@school.example.org>\n- Send the deck to Alex by Friday\n")
    items = [i.text for i in extract_items(note)]
    assert items == ["Send the deck to Alex by Friday"]


def test_an_unpunctuated_auto_transcript_is_cut_where_the_speaker_moves_on():
    memo = ("ok so notes from the call with jan just now um so the main thing he said was that I should pick five "
            "departments where my profile really fits and write a tailored letter for each one and uh he also said "
            "that I should ask to give a seminar in the spring because then people know my face yeah and he said "
            "don't put the teaching statement off until the end um what else okay so what I have to do I need to "
            "email Jeroen about the seminar slot and I need to draft the teaching statement by end of November "
            "okay that's it stop recording")
    items = kinds(memo)
    assert ("action", "I need to email Jeroen about the seminar slot") in items
    assert any(k == "advice" and t.startswith("he also said that I should ask to give a seminar") for k, t in items)
    assert not any("stop recording" in t for _, t in items)


def test_a_daily_note_keeps_its_chores_out_of_the_meeting():
    note = ("# Tuesday\n\n## Today\n- [x] review Thijs' chapter 2\n- [ ] boodschappen: oat milk, bread\n\n"
            "## 11:00 Bea (career services)\n- Advice: wait for the WUR outcome before saying yes.\n"
            "- [ ] write down my walk-away conditions\n\n9 October 2025, Utrecht Science Park\n")
    texts = [t for _, t in kinds(note)]
    assert "write down my walk-away conditions" in texts
    assert not any("Thijs" in t or "oat milk" in t or "Science Park" in t for t in texts)


WHATSAPP = """[06/04/2025, 20:14] Aoife: Great to see you today, sorry I had to dash off
[06/04/2025, 20:15] Niamh: Ah no worries, it was great to catch up
[06/04/2025, 20:16] Aoife: So the thing I was trying to say before I left – don't quit the school until you have an offer in writing
[06/04/2025, 20:17] Aoife: And honestly start going to the UX Cork meetups, half the jobs I heard about came from there
[06/04/2025, 20:18] Niamh: I'll sign up for the May meetup tonight
[06/04/2025, 20:21] Aoife: I'll send you the job spec for the junior role too
06/04/2025, 20:22 - Aoife: Oh and you should talk to Seán, he freelances
"""


def test_a_whatsapp_export_is_read_turn_by_turn():
    found = kinds(WHATSAPP, mentor="Aoife O'Sullivan")
    # Quoted back as the counsel itself, without the turn's run-up (the quote keeps the line).
    assert ("advice", "Don't quit the school until you have an offer in writing") in found
    assert ("advice", "Start going to the UX Cork meetups, half the jobs I heard about came from there") in found
    assert ("advice", "You should talk to Seán, he freelances") in found
    assert ("action", "I'll sign up for the May meetup tonight") in found
    assert not any("job spec" in t for _, t in found)  # the mentor's own promise
    assert not any("[06/04/2025" in t or "20:22" in t for _, t in found)  # no time stamps in the items


@pytest.mark.parametrize("line", [
    "Told my sister Orla the same thing about her driving test – treat it like a chat, not an exam.",
    "Told my 5th years today they should always show their working.",
    "I told her to ask the super-users first.",
])
def test_the_users_own_advice_to_others_is_not_the_mentors(line):
    assert rule_kind(line) == "other"


BUJO = """Mon 12 January 2026

• Pay the electricity bill
x Collect dry cleaning
• Correct the 5th year tests

Call w/ Dee (19:00, 45 min)
– Dee says the market is always slow in January
– her advice: send 3 tailored applications a week rather than 20 generic ones
x Update LinkedIn headline to UX Researcher
• Write the stakeholder story in STAR format
> Email Marcus again

Key: • task  x done  – note  > migrated
"""


def test_a_bullet_journal_page_reads_its_signifiers_and_leaves_the_days_chores_out():
    items = extract_items(BUJO)
    found = {(i.kind, i.text, i.done) for i in items}
    assert ("advice", "send 3 tailored applications a week rather than 20 generic ones", False) in found
    assert ("action", "Update LinkedIn headline to UX Researcher", True) in found
    assert ("action", "Write the stakeholder story in STAR format", False) in found
    assert ("action", "Email Marcus again", False) in found  # migrated: still to do
    texts = " ".join(i.text for i in items)
    assert "electricity" not in texts and "5th year" not in texts and "Call w/ Dee" not in texts
    assert "Key:" not in texts


def test_notion_toggles_are_sections_and_arrows_are_bullets():
    text = ("# Research mapping\n\n<details>\n<summary>Context</summary>\n\nAoife put us in touch. I came with a lot "
            "of nerves.\n\n</details>\n\n<details>\n<summary>His advice</summary>\n\n- Scope the study to one "
            "question.\n\n</details>\n\nTo do:\n-> Set up a Notion page for the research diary\n")
    found = kinds(text)
    assert ("advice", "Scope the study to one question.") in found
    assert ("action", "Set up a Notion page for the research diary") in found
    assert not any("put us in touch" in t for _, t in found)


def test_what_a_mentor_observes_is_not_advice():
    text = ("What she sees in junior applicants\n- Most junior applicants only show interviews, very few show "
            "synthesis.\n\nHer advice\n1. Put a synthesis example front and centre in the portfolio.\n")
    found = kinds(text)
    assert found == [("advice", "Put a synthesis example front and centre in the portfolio.")]
