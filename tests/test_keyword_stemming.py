"""The keyword index's stemmer gives a word's common forms one key, so BM25 matches a
question's wording against the library's ("they never replied" finds "no reply")."""

from __future__ import annotations

import pytest

from vectorstore.keyword import KeywordIndex, stem, tokenize


@pytest.mark.parametrize(
    "forms",
    [
        ("name", "names", "naming", "named"),
        ("write", "writes", "writing"),
        ("plan", "plans", "planning", "planned"),
        ("reply", "replies", "replied"),
        ("negotiate", "negotiating", "negotiation", "negotiated"),
        ("mentor", "mentors", "mentoring", "mentored"),
        ("mentee", "mentees"),
        ("agree", "agreed", "agrees"),
        ("company", "companies"),
        ("meeting", "meetings", "meet"),
    ],
)
def test_forms_of_a_word_share_one_key(forms):
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


def test_words_that_only_look_inflected_are_kept():
    assert stem("class") == "class" and stem("status") == "status" and stem("analysis") == "analysis"
    assert stem("thing") != stem("th") and stem("bring") == "bring"
    assert stem("reply") == "reply" and stem("early") == "early"  # "ly" is not a suffix here
    assert stem("ones") == "ones"  # would otherwise match every "one"
    assert stem("2025") == "2025" and stem("don't") == "don't"


def test_a_paraphrased_question_finds_the_passage_by_its_word_forms():
    index = KeywordIndex()
    index.add([
        ("silence", "No reply yet? Send one polite follow-up after a week.", {"kind": "guidance"}),
        ("list", "Put fifteen to twenty-five names on your target list.", {"kind": "guidance"}),
    ])
    assert [h.chunk_id for h in index.search("They never replied to me", 2)] == ["silence"]
    assert [h.chunk_id for h in index.search("naming people for my list", 2)][0] == "list"
    assert "reply" in tokenize("replied")
