"""BM25 keyword index, reciprocal rank fusion and metadata filters (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from vectorstore.filters import SearchFilter, date_key, mentor_key
from vectorstore.fusion import RRF_K, reciprocal_rank_fusion
from vectorstore.keyword import KeywordIndex, tokenize


def meta(kind="notes", mentor=None, date=None):
    return {"kind": kind, "mentor_key": mentor_key(mentor), "date": date_key(date)}


LIBRARY = [
    ("priya-offer", "Priya said: negotiate on total compensation, ask for a signing bonus.",
     meta("notes", "Priya Raman", dt.date(2025, 3, 7))),
    ("daniel-amara", "Daniel offered to introduce me to Amara Nwosu, an angel investor.",
     meta("notes", "Daniel Okafor", dt.date(2025, 9, 17))),
    ("carlos-oncall", "Carlos on on-call burnout: make alerts actionable, take comp time.",
     meta("notes", "Carlos Mendes", dt.date(2025, 5, 7))),
    ("priya-energy", "Priya suggested a Friday energy log to compare the manager and staff tracks.",
     meta("notes", "Priya Raman", dt.date(2025, 1, 17))),
    ("guide-cold", "A cold message names the talk you saw and asks for twenty minutes.", meta("guidance")),
    ("doc-offer", "Offer letter from Halcyon Systems: base salary and signing bonus terms.", meta("documents")),
]


@pytest.fixture
def index():
    idx = KeywordIndex()
    idx.add(LIBRARY)
    return idx


def ids(hits):
    return [h.chunk_id for h in hits]


# ----- tokenizing -----------------------------------------------------------------------------


def test_tokenize_drops_stopwords_and_folds_simple_word_forms():
    assert tokenize("What did you tell me about the mentors?") == ["mentor"]
    assert len(set(tokenize("mentor mentors mentoring mentored"))) == 1
    assert tokenize("negotiate negotiating")[0] == tokenize("negotiate negotiating")[1]


def test_a_possessive_matches_the_name(index):
    assert tokenize("Priya's advice")[0] == tokenize("Priya")[0]
    assert set(ids(index.search("Priya's advice", 5))) == {"priya-offer", "priya-energy"}


# ----- BM25 -------------------------------------------------------------------------------------


def test_exact_names_and_companies_are_found(index):
    assert ids(index.search("Amara Nwosu", 3)) == ["daniel-amara"]
    assert ids(index.search("Halcyon", 3)) == ["doc-offer"]


def test_more_query_terms_matched_ranks_higher(index):
    hits = index.search("signing bonus negotiate compensation", 5)
    assert ids(hits)[:2] == ["priya-offer", "doc-offer"]
    assert hits[0].score > hits[1].score
    assert (hits[0].matched_terms, hits[0].query_terms) == (4, 4)
    assert hits[1].matched_terms == 2


def test_a_rare_term_outweighs_a_common_one():
    idx = KeywordIndex()
    common = [(f"c{i}", "mentor meeting notes", meta()) for i in range(10)]
    idx.add(common + [("rare", "mentor sabbatical", meta())])
    assert ids(idx.search("mentor sabbatical", 1)) == ["rare"]


def test_queries_with_no_usable_words_or_no_match_return_nothing(index):
    assert index.search("what is the", 5) == []
    assert index.search("sourdough", 5) == []
    assert KeywordIndex().search("anything", 5) == []


def test_k_limits_the_results(index):
    assert len(index.search("Priya Daniel Carlos offer", 2)) == 2


def test_adding_an_existing_id_replaces_its_text(index):
    index.add([("priya-offer", "Priya talked about conference talks instead.", meta("notes", "Priya Raman"))])
    assert len(index) == len(LIBRARY)
    assert "priya-offer" not in ids(index.search("compensation", 5))
    assert ids(index.search("conference", 5)) == ["priya-offer"]


def test_removed_chunks_are_not_found(index):
    index.remove(["daniel-amara", "not-there"])
    assert len(index) == len(LIBRARY) - 1
    assert index.search("Amara Nwosu", 5) == []


# ----- filters in BM25 ---------------------------------------------------------------------------


def test_keyword_filters_by_kind_mentor_and_date(index):
    query = "signing bonus offer Priya energy Amara"
    assert set(ids(index.search(query, 10, SearchFilter(kinds=("documents",))))) == {"doc-offer"}
    by_priya = ids(index.search(query, 10, SearchFilter(mentors=("priya raman",))))
    assert set(by_priya) == {"priya-offer", "priya-energy"}
    spring = ids(index.search(query, 10, SearchFilter(since=dt.date(2025, 2, 1), until=dt.date(2025, 6, 30))))
    assert spring == ["priya-offer"]
    # Undated passages (guidance, documents) never match a date range.
    assert set(ids(index.search(query, 10, SearchFilter(until=dt.date(2030, 1, 1))))) == {
        "priya-offer", "priya-energy", "daniel-amara"}


def test_compaction_after_many_removals_keeps_results_and_filters():
    idx = KeywordIndex()
    idx.add((f"filler{i}", f"filler text number {i}", meta()) for i in range(1100))
    idx.add(LIBRARY)
    idx.remove(f"filler{i}" for i in range(1000))
    assert len(idx) == 100 + len(LIBRARY)
    assert ids(idx.search("Amara Nwosu", 3)) == ["daniel-amara"]
    assert set(ids(idx.search("Priya", 5, SearchFilter(mentors=("priya raman",), since=dt.date(2025, 3, 1))))) == {
        "priya-offer"}
    assert ids(idx.search("filler number 1050", 1)) == ["filler1050"]


# ----- reciprocal rank fusion ----------------------------------------------------------------------


def test_rrf_scores_are_summed_reciprocal_ranks():
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b", "c"]]))
    assert fused["a"] == pytest.approx(1 / (RRF_K + 1))
    assert fused["b"] == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))
    assert fused["c"] == pytest.approx(1 / (RRF_K + 2))


def test_rrf_prefers_an_item_both_rankings_agree_on():
    fused = reciprocal_rank_fusion([["dense-top", "shared", "x"], ["kw-top", "shared", "y"]])
    assert fused[0][0] == "shared"
    assert [item for item, _ in fused[1:3]] == ["dense-top", "kw-top"]  # ties keep first-seen order


def test_rrf_of_nothing_is_empty():
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []


# ----- SearchFilter -------------------------------------------------------------------------------


def test_filter_rejects_unknown_kind_and_reversed_dates():
    with pytest.raises(ValueError, match="unknown kind 'recipes'"):
        SearchFilter(kinds=("recipes",))
    with pytest.raises(ValueError, match="--since 2025-06-01 is after --until 2025-01-01"):
        SearchFilter(since=dt.date(2025, 6, 1), until=dt.date(2025, 1, 1))


def test_chroma_where_clauses():
    assert SearchFilter().to_chroma_where() is None
    assert SearchFilter().empty
    assert SearchFilter(kinds=("notes",)).to_chroma_where() == {"kind": {"$in": ["notes"]}}
    where = SearchFilter(kinds=("notes", "guidance"), mentors=("mei tanaka",), since=dt.date(2025, 4, 2),
                         until=dt.date(2025, 12, 31)).to_chroma_where()
    assert where == {"$and": [
        {"kind": {"$in": ["notes", "guidance"]}},
        {"mentor_key": {"$in": ["mei tanaka"]}},
        {"date": {"$gte": 20250402}},
        {"date": {"$lte": 20251231}},
    ]}


def test_filter_matches_metadata_like_the_indexes_do():
    flt = SearchFilter(kinds=("notes",), mentors=("priya raman",), since=dt.date(2025, 3, 1))
    assert flt.matches(meta("notes", "Priya Raman", dt.date(2025, 3, 1)))
    assert not flt.matches(meta("notes", "Priya Raman", dt.date(2025, 2, 28)))
    assert not flt.matches(meta("notes", "Mei Tanaka", dt.date(2025, 4, 2)))
    assert not flt.matches(meta("guidance"))
    assert not SearchFilter(until=dt.date(2030, 1, 1)).matches(meta("documents"))


def test_mentor_and_date_keys():
    assert mentor_key("  Priya   RAMAN ") == "priya raman"
    assert mentor_key("   ") is None and mentor_key(None) is None
    assert date_key(dt.date(2025, 3, 7)) == 20250307
    assert date_key(dt.date(2025, 12, 31)) < date_key(dt.date(2026, 1, 1))


def test_the_first_of_either_ranking_stays_in_the_fused_top():
    from vectorstore.fusion import keep_leaders, reciprocal_rank_fusion

    dense = ["lonely-winner", "a", "b", "c", "d", "e"]
    keyword = ["a", "b", "c", "d", "e", "f"]
    fused = reciprocal_rank_fusion([dense, keyword])
    assert "lonely-winner" not in [item for item, _ in fused[:5]]  # plain RRF drops it
    top = [item for item, _ in keep_leaders(fused, [dense, keyword], 5)]
    # dense search's clear winner comes second, whatever the number of results asked for
    assert top == ["a", "lonely-winner", "b", "c", "d"]
    assert [item for item, _ in keep_leaders(fused, [dense, keyword], 10)][:5] == top
    assert [item for item, _ in keep_leaders(fused, [dense, keyword], 1)] == ["lonely-winner"]
    scores = [score for _, score in keep_leaders(fused, [dense, keyword], 5)]
    assert scores == sorted(scores, reverse=True)  # the scores shown still fall from first to last
    # the keyword list's first passage is kept within the results, at their end
    top = [item for item, _ in keep_leaders(fused, [keyword, dense], 5)]
    assert top[:2] == ["a", "b"] and "lonely-winner" in top


def test_a_shortened_word_stands_for_the_library_words_it_begins(index):
    """People shorten words when they type ("negot", "quals"): a query word no chunk has, of
    four letters or more, finds the chunks of the words it begins, counted once per chunk."""
    hits = index.search("negot")
    assert [h.chunk_id for h in hits] == ["priya-offer"] and hits[0].matched_terms == 1
    assert [h.chunk_id for h in index.search("invest")] == ["daniel-amara"]
    # a word the library has is itself, not the longer words it begins: "comp" is in
    # Carlos's note ("take comp time"), so Priya's "compensation" is not a match for it
    assert [h.chunk_id for h in index.search("comp")] == ["carlos-oncall"]
    assert index.search("neg") == []  # three letters say too little
    index.add([("new", "Pick one qualification path and stick to it.", meta("notes", "Bernadette Nwosu"))])
    assert [h.chunk_id for h in index.search("quals")] == ["new"]  # a new word is found the same way
