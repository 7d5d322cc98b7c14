"""Every evaluation metric on small cases worked out by hand."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    answer_rate,
    citation_precision_macro,
    citation_precision_micro,
    dcg_at_k,
    first_per_source,
    hit_at_k,
    latency_summary,
    mean,
    mrr,
    ndcg_at_k,
    percentile,
    reciprocal_rank,
    refusal_rate,
    retrieval_summary,
    term_recall,
)
from mentordesk.grounding import citation_precision, split_sentences

T, F = True, False


def test_first_per_source_marks_only_the_first_chunk_of_the_expected_document():
    sources = ["a.md", "b.md", "b.md", "c.md", "b.md"]
    assert first_per_source(sources, "b.md") == [F, T, F, F, F]
    assert first_per_source(sources, "z.md") == [F, F, F, F, F]
    assert first_per_source([], "b.md") == []


def test_hit_at_k():
    ranking = [F, F, T, F]
    assert hit_at_k(ranking, 1) == 0.0
    assert hit_at_k(ranking, 2) == 0.0
    assert hit_at_k(ranking, 3) == 1.0
    assert hit_at_k(ranking, 10) == 1.0  # k beyond the list is fine
    assert hit_at_k([], 5) == 0.0
    with pytest.raises(ValueError):
        hit_at_k(ranking, 0)


def test_reciprocal_rank_and_mrr():
    assert reciprocal_rank([T, F]) == 1.0
    assert reciprocal_rank([F, F, T]) == pytest.approx(1 / 3)
    assert reciprocal_rank([F, T, T]) == 0.5  # only the first relevant result counts
    assert reciprocal_rank([F, F, F]) == 0.0
    assert reciprocal_rank([F, F, T], k=2) == 0.0  # cut off before the hit
    # (1 + 1/2 + 0 + 1/4) / 4
    assert mrr([[T], [F, T], [F, F], [F, F, F, T]]) == pytest.approx(1.75 / 4)
    assert mrr([]) is None


def test_ndcg_with_one_relevant_document():
    assert ndcg_at_k([T, F, F], 10) == 1.0
    assert ndcg_at_k([F, T, F], 10) == pytest.approx(1 / math.log2(3))  # 0.6309
    assert ndcg_at_k([F, F, F, T], 10) == pytest.approx(1 / math.log2(5))  # 0.4307
    assert ndcg_at_k([F, F, T], 2) == 0.0  # relevant item below the cut-off
    assert ndcg_at_k([F] * 10, 10) == 0.0


def test_ndcg_with_several_relevant_items():
    # Two relevant items at ranks 1 and 3; ideal puts them at 1 and 2.
    dcg = 1 + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3)
    assert dcg_at_k([T, F, T], 10) == pytest.approx(dcg)
    assert ndcg_at_k([T, F, T], 10, n_relevant=2) == pytest.approx(dcg / ideal)
    # A third relevant item exists in the collection but was not retrieved: lower score.
    assert ndcg_at_k([T, F, T], 10, n_relevant=3) < ndcg_at_k([T, F, T], 10, n_relevant=2)
    # The ideal ranking never has more relevant items than k.
    assert ndcg_at_k([T, T], 2, n_relevant=5) == 1.0
    with pytest.raises(ValueError):
        ndcg_at_k([T, T], 10, n_relevant=1)  # more relevant items found than exist
    assert ndcg_at_k([F, F], 10, n_relevant=0) == 0.0


def test_retrieval_summary_row():
    row = retrieval_summary([[T, F], [F, T], [F, F, F, F, F, T]])
    assert row["n"] == 3
    assert row["hit@1"] == pytest.approx(1 / 3)
    assert row["hit@5"] == pytest.approx(2 / 3)
    assert row["mrr"] == pytest.approx((1 + 0.5 + 1 / 6) / 3)
    assert row["ndcg@10"] == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(7)) / 3)
    assert retrieval_summary([])["mrr"] is None


def test_refusal_and_answer_rates():
    # found=False means the assistant said the library does not cover the question.
    assert refusal_rate([False, False, True, False]) == 0.75
    assert answer_rate([True, True, False, True]) == 0.75
    assert refusal_rate([]) is None and answer_rate([]) is None


def test_citation_precision_aggregates():
    counts = [(2, 2), (0, 1), (1, 2), (0, 0)]
    assert citation_precision_micro(counts) == pytest.approx(3 / 5)
    assert citation_precision_macro(counts) == pytest.approx((1 + 0 + 0.5) / 3)  # answers without citations skipped
    assert citation_precision_micro([(0, 0)]) is None
    with pytest.raises(ValueError):
        citation_precision_micro([(3, 2)])


def test_citation_precision_of_a_hand_written_answer():
    passages = [
        "Follow up within one week: thank your mentor and list your next steps.",
        "Meet your primary mentors every six to eight weeks.",
    ]
    answer = (
        "Thank your mentor within one week and list your next steps [1]. "
        "Primary mentor meetings happen every six to eight weeks, on video [1]. "
        "Bring a cake and flowers to the office party [2]. "
        "Ask for a raise [7]."
    )
    # Supported: sentence 1 by [1]. Unsupported: sentence 2 cites the wrong passage,
    # sentence 3 shares too few words with [2], sentence 4 cites a passage that was not retrieved.
    assert citation_precision(answer, passages) == (1, 4)
    assert citation_precision_micro([citation_precision(answer, passages)]) == 0.25


def test_markers_after_the_full_stop_stay_with_their_sentence():
    passages = ["Follow up within one week: thank your mentor and list your next steps."]
    answer = "Thank your mentor within one week and list your next steps. [1]\n- Follow up within one week. [1]"
    assert split_sentences(answer) == [
        "Thank your mentor within one week and list your next steps [1].",
        "- Follow up within one week [1].",
    ]
    assert citation_precision(answer, passages) == (2, 2)
    assert split_sentences("No markers here. None at all.") == ["No markers here.", "None at all."]
    assert split_sentences("Two at once. [1][2] Next.") == ["Two at once [1][2].", "Next."]


def test_term_recall_is_case_insensitive_and_none_without_terms():
    assert term_recall("Meet every Six to Eight weeks.", ["six to eight weeks", "video"]) == 0.5
    assert term_recall("anything", []) is None


def test_percentiles_and_latency_summary():
    values = [0.010, 0.020, 0.030, 0.040, 0.100]
    assert percentile(values, 50) == pytest.approx(0.030)
    assert percentile(values, 0) == pytest.approx(0.010)
    assert percentile(values, 100) == pytest.approx(0.100)
    # 95th: position 0.95 * 4 = 3.8, between 0.040 and 0.100
    assert percentile(values, 95) == pytest.approx(0.040 + 0.8 * 0.060)
    assert percentile([0.5], 95) == 0.5
    summary = latency_summary(values)
    assert summary["p50_ms"] == pytest.approx(30.0)
    assert summary["max_ms"] == pytest.approx(100.0)
    assert summary["n"] == 5
    with pytest.raises(ValueError):
        percentile([], 50)
    assert mean([]) is None


def test_a_probe_answer_stating_the_tempting_opposite_counts_as_contradicted():
    from types import SimpleNamespace

    from eval.probes import judge

    probe = {"id": "p", "source": "n.md", "answer_terms": ["don’t pad"], "forbidden": ["add some buffer"]}
    cite = [SimpleNamespace(result=SimpleNamespace(source="/notes/n.md"))]
    good = judge(SimpleNamespace(text="Don't pad your estimates [1].", citations=cite), probe)
    bad = judge(SimpleNamespace(text="You should add some BUFFER to be safe.", citations=[]), probe)
    assert good["states_advice"] and not good["contradicted"]
    assert bad["contradicted"] == ["add some buffer"] and not bad["states_advice"]


def test_articles_scoring_tells_the_right_document_from_the_right_passage():
    from eval.articles import _score

    q = {"source": "a.txt", "answer_terms": ["compa-ratio"]}
    scored = _score([[("/x/b.txt", "compa-ratio"), ("/x/a.txt", "intro"), ("/x/a.txt", "a compa-ratio of 0.85")]], [q])
    assert scored["hit@5"] == 1.0 and scored["mrr"] == 0.5
    assert scored["passage_hit@5"] == 1.0 and abs(scored["passage_mrr"] - 1 / 3) < 1e-9


def test_the_tutorials_runs_are_averaged_with_their_range():
    from eval.articles import _cell, mean_of

    runs = [{"n": 40, "hit@5": 0.9, "mrr": 0.8, "passage_hit@5": 0.8, "passage_mrr": 0.7, "ingest_s": 10.0},
            {"n": 40, "hit@5": 1.0, "mrr": 0.8, "passage_hit@5": 0.9, "passage_mrr": 0.7, "ingest_s": 12.0}]
    mean = mean_of(runs)
    assert mean["runs"] == 2 and abs(mean["hit@5"] - 0.95) < 1e-9 and mean["hit@5_range"] == (0.9, 1.0)
    assert _cell(mean, "hit@5") == "0.950 (0.900–1.000)" and _cell(mean, "mrr") == "0.800"


def test_a_quoted_line_without_a_full_stop_is_its_own_claim():
    """A local answer quotes a phone note's line as written ("own it", no full stop): its
    citation is judged on that line, not on the lines above it run together."""
    passages = ["Told him I want to go for foreman.\n- stop saying I'm just a chippy in meetings, own it",
                "Write a short purpose statement of two or three sentences before every conversation with a "
                "mentor, naming the specific problem you want help with."]
    answer = ("From your library:\n- stop saying I'm just a chippy in meetings, own it [1]\n"
              "- Write a short purpose statement of two or three sentences before every conversation with a mentor, "
              "naming the specific problem you want help with. [2]\n")
    assert citation_precision(answer, passages) == (2, 2)
