"""Issue 10, from questions a stranger wrote about their own notes (eval/data/wild11 and
wild13 questions): a question names a mentor the way the user talks ("venky's tip",
"as per Anand bhaiya", "what did Dave O say"), which only the tracking table knows; a chat
export is chunked one message a line, so its time stamps and "Sure." are never quoted; and
curly apostrophes ("Don’t apply…") read like straight ones."""

from __future__ import annotations

import pytest

from tests.helpers import ingest_notes_with_table

TABLE = """name,company,role,stage,notes
K. Venkatesh,Zentrix,Principal PM,mentor,Everyone calls him Venky.
Anand Deshpande,Finlytic,Group PM,primary,I call him Anand sir.
Anand Rao,GharSe,Head of Product,mentor,I call him Anand bhaiya.
Dave Okafor,Hallam,Contracts Manager,mentor,
Dave Price,Calder,Site Manager,mentor,
Hope Mensah,Kobo,CFO,mentor,
Michelle Tran,Brightwater Pharmaceuticals,"Associate Director, Labeling",mentor,
Michelle Adeyemi,Adeyemi Regulatory Consulting,CMC consultant,mentor,
"""


@pytest.mark.parametrize(("question", "named"), [
    ("venky's tip on mock interviews?", ["K. Venkatesh"]),
    ("how much runway should a startup have, as per Anand bhaiya?", ["Anand Rao"]),
    ("what did anand sir say about certifications", ["Anand Deshpande"]),
    ("what did Anand say about startups?", []),  # two Anands: neither
    ("is it ok to bring up pay? what did Dave O say", ["Dave Okafor"]),
    ("what did Dave say?", []),
    ("I hope the runway is long enough", []),  # "hope" in lower case is a word
    ("what did Hope say about runway?", ["Hope Mensah"]),
    # two Michelles: the company or role of one of them tells them apart
    ("Michelle at Brightwater told me to drop which buzzword?", ["Michelle Tran"]),
    ("what did the labeling Michelle say about promo review?", ["Michelle Tran"]),
    ("what did Michelle say about promo review?", []),
])
def test_a_question_names_people_as_the_user_calls_them(desk, tmp_path, question, named):
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    desk.relationships.table.import_file(tmp_path / "table.csv")
    assert desk.relationships.people.named_in(question) == named


MOCKS_VENKY = """# Product sense round

Mentor: K. Venkatesh
Date: 12 April 2025

- Do timed rounds, 30 min each, with someone who will interrupt you.
- Clarify the goal before you talk about features.
"""
OTHERS = {f"anand-{n}.md": f"""# Mock interviews, round {n} - with Anand sir

Date: {n} May 2025

- Practise mock interviews with friends from the PM club, round {n} of the series.
- Mock interviews matter more than reading frameworks; practise them out loud.
""" for n in range(1, 8)}


def test_search_prefers_the_notes_of_the_mentor_named_by_nickname(desk, tmp_path):
    ingest_notes_with_table(desk, tmp_path, TABLE, {"venky.md": MOCKS_VENKY, **OTHERS})
    question = "venky's tip on practising mock interviews?"
    plain = desk.index.search(question, 5)  # the library alone cannot tell who "venky" is
    assert "K. Venkatesh" not in [p.mentor for p in plain]
    assert "K. Venkatesh" in [p.mentor for p in desk.chat.retrieve(question)]


CHAT = "\n".join(
    [f"11/04/25, 8:{10 + i:02d} pm - Venky Zentrix: {line}" for i, line in enumerate([
        "Sure.", "Good session.", "Don't jump to features in the first five minutes of the round.",
        "Always say out loud why you are prioritising one pain point over the others.",
        "Timed mocks matter more than reading frameworks at this point.",
    ])] + [f"12/04/25, 9:{10 + i:02d} am - Aditi: thanks, noted point {i} and will practise it this week"
           for i in range(20)])


def test_a_long_chat_is_chunked_one_message_a_line():
    from ingest.chunking import chunk_text

    chunks = chunk_text(CHAT, title="WhatsApp Chat with Venky Zentrix", max_chars=400)
    assert len(chunks) > 1
    for chunk in chunks:
        for line in chunk.text.splitlines()[1:]:
            assert line.count(" - ") <= 1, line  # never two messages run together on a line


def test_chat_stamps_and_pleasantries_are_never_quoted():
    from ingest.chunking import chunk_text
    from mentordesk.chat import passage_sentences

    chunk = chunk_text(CHAT, title="WhatsApp Chat with Venky Zentrix", max_chars=400)[0]
    _, units = passage_sentences(chunk.text)
    assert "Venky Zentrix: Don't jump to features in the first five minutes of the round." in units
    assert not any(unit.endswith(("Sure.", "Good session.")) for unit in units)
    assert not any("8:1" in unit for unit in units)  # no time stamp


def test_curly_apostrophes_read_like_straight_ones():
    from mentordesk.relationships.extraction.rules import rule_kind

    assert rule_kind("Don’t apply for manager jobs yet.") == rule_kind("Don't apply for manager jobs yet.") == "advice"
    assert rule_kind("I’ll send the deck tomorrow") == "action"


MICHELLE = """# Coffee with Michelle at Brightwater

Mentor: Michelle Tran
Date: 6 May 2025

- Met Michelle at the Brightwater cafe after my shift, she drove over from RTP.
- Michelle has run the Brightwater labeling group for six years.
- LinkedIn request to Michelle from Brightwater.
- Michelle thinks Brightwater posts the associate job in June.
- Brightwater's badge office gave me a visitor pass, Michelle laughed at my photo.
- Michelle from Brightwater remembered the apixaban thing from March.
- Michelle calls Brightwater labeling the last thing between the company and the patient.
- Asked Michelle how Brightwater interviews go; Michelle says they run three rounds.
- Michelle at Brightwater is also in the RAPS chapter, same as Diane.
- Don't call yourself detail-oriented in the interview, everyone does; say what you catch instead: dose errors, missing interactions.
"""


def test_a_named_mentors_answer_quotes_what_they_said_not_the_lines_naming_them(desk, tmp_path):
    """The question's "Michelle at Brightwater" says whose notes to read; which of her lines
    answers is judged on the rest of it, so lines that only name her do not crowd out the
    advice asked about."""
    from mentordesk.chat import ChatService
    from mentordesk.llm import ModelInfo
    from tests.test_chat import ScriptedModel

    ingest_notes_with_table(desk, tmp_path, TABLE, {"michelle.md": MICHELLE})
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"),
                       local_passages=1, mentor_advice=desk.chat.mentor_advice, local_model_sentences=False)
    answer = chat.ask("Michelle at Brightwater told me to drop which buzzword from my pitch?").result()
    assert "detail-oriented" in answer.text, answer.text
    assert answer.citations and answer.citations[0].result.mentor == "Michelle Tran"


VENKY_HELLO = """# Venky mock round booking

Mentor: K. Venkatesh
Date: 11 April 2025

- Venky said hi, Venky will call on WhatsApp, Venky is free at 10:30.
- Booked the mock product sense round with Venky for tomorrow; Venky's calendar link.
"""
VENKY_TIPS = """# Product sense round

Mentor: K. Venkatesh
Date: 12 April 2025

- Timed mocks matter more than reading frameworks: 30 minutes each, with someone who will interrupt you.
- Clarify the goal before you talk about features.
"""


def test_among_a_named_mentors_notes_the_rest_of_the_question_ranks_them(desk, tmp_path):
    """"venky's tip on ...": his name picks his notes; it must not also rank them, or the
    note that says "Venky" most wins over the note that answers."""
    ingest_notes_with_table(desk, tmp_path, TABLE, {"hello.md": VENKY_HELLO, "tips.md": VENKY_TIPS})
    found = desk.chat.retrieve("venky's tip for the practice rounds: how long each, and with whom?")
    assert found[0].source.endswith("tips.md"), [f.source for f in found]


INVITE = """Priya / Hemi catch-up
Tue 17/11/2026 12:30 PM - 1:30 PM
Location: Customs, Ghuznee St
Required: Priya Raman
Show as: Busy

-----
(typed into the invite after)
7 wks in. She's pleased. Me too, mostly.
P:
1 the first cabinet paper you own - book time w/ the DPMC advisor early, don't wait for a draft
2 keep a decisions log - date, what, who decided. saves you in every select cttee
3 say no to the second working group. one is visibility, two is a job
4 "find your Priya" - start mentoring someone from the council side
Me:
- book the DPMC person for the drought paper (Dec)
- start decisions log tmrw
"""


def test_a_list_numbered_without_marks_is_quoted_one_point_at_a_time():
    """An invite's notes typed as "1 the first…", "2 keep…": each numbered line is one point,
    not a run-on with the lines below it; and "(typed into the invite after)" is how the
    note came to be, never an answer."""
    from ingest.chunking import chunk_text
    from mentordesk.chat import passage_sentences

    _, units = passage_sentences(chunk_text(INVITE, title="Priya / Hemi catch-up", max_chars=2000)[0].text)
    assert "say no to the second working group. one is visibility, two is a job" in units, units
    assert "keep a decisions log - date, what, who decided. saves you in every select cttee" in units
    assert not any("typed into the invite" in unit for unit in units)


def test_a_point_in_a_list_numbered_without_marks_answers_the_question(desk, tmp_path):
    from mentordesk.chat import ChatService
    from mentordesk.llm import ModelInfo
    from tests.test_chat import ScriptedModel

    table = "name,company,role,stage,notes\nPriya Raman,MfE,Senior policy analyst,mentor,\n"
    ingest_notes_with_table(desk, tmp_path, table, {"Priya catch up.txt": INVITE})
    chat = ChatService(desk.index, lambda: ScriptedModel(reply="Ok.", calls=[]), ModelInfo("local", "scripted"),
                       local_passages=1, mentor_advice=desk.chat.mentor_advice, local_model_sentences=False)
    answer = chat.ask("did Priya think I should join more than one of those cross-agency groups?").result()
    assert "one is visibility, two is a job" in answer.text, answer.text
    assert "typed into the invite" not in answer.text


def test_a_forms_own_fields_are_never_quoted_as_an_answer():
    """A Google Form's row: its time stamp, e-mail address and "How did we meet?" are about
    the form, not what the mentor said."""
    from mentordesk.chat import passage_sentences

    row = ("Session log\nTimestamp: 10/8/2025 22:14:03\nEmail Address: dbrooks.cooks@gmail.com\nYour name: Darnell Brooks\n"
           "How did we meet?: Phone call\n\nHarold's advice (in your own words):\n"
           "- put the sales tax money aside every week in its own account, dont touch it\n")
    _, units = passage_sentences(row)
    assert units == ["Harold's advice (in your own words):",
                     "put the sales tax money aside every week in its own account, dont touch it"], units
