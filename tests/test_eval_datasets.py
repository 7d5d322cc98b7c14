"""The evaluation sets load, are consistent with their corpora, and bad lines are named."""

from __future__ import annotations

import json

import pytest

from eval.datasets import REGISTRY, DatasetError, load_all, load_questions, quick_subset
from ingest.loaders import load_file


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {"id": "q1", "question": "How often?", "source": "a.md", "answer_terms": ["weekly"], "split": "dev"}


def test_every_shipped_set_loads_and_has_both_splits():
    datasets = load_all()
    assert {d.name for d in datasets} == set(REGISTRY)
    for dataset in datasets:
        assert dataset.split("dev") and dataset.split("test"), dataset.name
        assert len(dataset.split("all")) == len(dataset.questions)


def test_answer_terms_occur_in_the_document_the_question_names():
    """Otherwise passage-level metrics and answer term recall would be meaningless."""
    for dataset in load_all():
        for question in dataset.questions:
            if not question.answerable:
                continue
            text = " ".join(load_file(dataset.corpus / question.source).text.lower().split())
            for term in question.answer_terms:
                assert term.lower() in text, f"{question.id}: {term!r} not in {question.source}"


def test_bad_json_is_reported_with_file_and_line(tmp_path):
    path = _write(tmp_path / "set.jsonl", [json.dumps(GOOD), "{not json"])
    with pytest.raises(DatasetError, match=r"set\.jsonl, line 2: not valid JSON"):
        load_questions(path, "t")


def test_missing_field_is_named(tmp_path):
    record = dict(GOOD)
    del record["split"]
    path = _write(tmp_path / "set.jsonl", ["", json.dumps(record)])
    with pytest.raises(DatasetError, match=r"line 2: missing field 'split'"):
        load_questions(path, "t")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"split": "train"}, "field 'split' must be one of dev, test"),
        ({"answer_terms": "weekly"}, "field 'answer_terms' must be a list"),
        ({"answer_terms": []}, "'answer_terms' is empty for an answerable question"),
        ({"question": " "}, "field 'question' must be a non-empty string"),
        ({"extra": 1}, "unknown field 'extra'"),
        ({"mentor": 3}, "field 'mentor' must be a non-empty string or null"),
    ],
)
def test_invalid_fields_are_named(tmp_path, change, message):
    path = _write(tmp_path / "set.jsonl", [json.dumps(GOOD | change)])
    with pytest.raises(DatasetError, match=message):
        load_questions(path, "t")


def test_duplicate_ids_and_unknown_sources_are_errors(tmp_path):
    path = _write(tmp_path / "set.jsonl", [json.dumps(GOOD), json.dumps(GOOD)])
    with pytest.raises(DatasetError, match="line 2: id 'q1' already used on line 1"):
        load_questions(path, "t")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b.md").write_text("hello")
    path = _write(tmp_path / "one.jsonl", [json.dumps(GOOD)])
    with pytest.raises(DatasetError, match="source 'a.md' is not a file in"):
        load_questions(path, "t", corpus)


def test_unanswerable_questions_have_no_source():
    path_questions = [q for d in load_all() for q in d.questions if not q.answerable]
    assert path_questions and all(q.source is None for q in path_questions)


def test_quick_subset_is_small_and_keeps_both_splits_and_an_unanswerable_question():
    guidance = next(d for d in load_all() if d.name == "guidance")
    quick = quick_subset(guidance)
    assert len(quick.questions) == 7
    assert {q.split for q in quick.questions} == {"dev", "test"}
    assert any(not q.answerable for q in quick.questions)
