"""The evaluation sets: JSONL question files over three corpora, loaded and validated.

Every line is one question: ``id``, ``question``, ``source`` (the file name of the document
that answers it, or null when the library cannot answer it), ``answer_terms`` (phrases the
answering passage contains), ``split`` (``dev`` may be used for tuning, ``test`` never) and,
for notes, ``mentor`` (the mentor the question names, or null). A bad line is an error that
names the file, the line and the field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SPLITS = ("dev", "test")


class DatasetError(ValueError):
    """A question file that cannot be used, with file and line in the message."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    source: str | None
    answer_terms: tuple[str, ...]
    split: str
    dataset: str
    mentor: str | None = None

    @property
    def answerable(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Dataset:
    """A question set, the folder of documents it asks about, and the kind they are
    ingested as."""

    name: str
    questions_file: Path
    corpus: Path
    kind: str
    questions: tuple[Question, ...] = field(default=())

    def split(self, name: str) -> list[Question]:
        return [q for q in self.questions if name == "all" or q.split == name]


# name -> (questions file, corpus folder, kind the corpus is ingested as)
REGISTRY: dict[str, tuple[Path, Path, str]] = {
    "guidance": (DATA / "guidance_questions.jsonl", ROOT / "knowledge", "guidance"),
    "notes": (DATA / "notes_questions.jsonl", DATA / "notes", "notes"),
    "docs": (DATA / "docs_questions.jsonl", DATA / "docs", "documents"),
}

_REQUIRED = ("id", "question", "source", "answer_terms", "split")
_OPTIONAL = ("mentor",)


def _fail(path: Path, line: int, message: str) -> DatasetError:
    return DatasetError(f"{path.name}, line {line}: {message}")


def parse_question(record: object, *, dataset: str, path: Path, line: int) -> Question:
    if not isinstance(record, dict):
        raise _fail(path, line, "expected a JSON object")
    missing = [name for name in _REQUIRED if name not in record]
    if missing:
        raise _fail(path, line, f"missing field {missing[0]!r}")
    unknown = sorted(set(record) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise _fail(path, line, f"unknown field {unknown[0]!r}")
    for name in ("id", "question"):
        if not isinstance(record[name], str) or not record[name].strip():
            raise _fail(path, line, f"field {name!r} must be a non-empty string")
    for name in ("source", "mentor"):
        value = record.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise _fail(path, line, f"field {name!r} must be a non-empty string or null")
    terms = record["answer_terms"]
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise _fail(path, line, "field 'answer_terms' must be a list of non-empty strings")
    if record["source"] is not None and not terms:
        raise _fail(path, line, "field 'answer_terms' is empty for an answerable question")
    if record["split"] not in SPLITS:
        raise _fail(path, line, f"field 'split' must be one of {', '.join(SPLITS)}, not {record['split']!r}")
    return Question(
        id=record["id"].strip(), question=record["question"].strip(), source=record["source"],
        answer_terms=tuple(terms), split=record["split"], dataset=dataset, mentor=record.get("mentor"),
    )


def load_questions(path: Path, dataset: str, corpus: Path | None = None) -> list[Question]:
    """Read and validate a JSONL question file. With ``corpus``, every named source must
    be a file in that folder."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    questions: list[Question] = []
    seen: dict[str, int] = {}
    available = {p.name for p in corpus.rglob("*") if p.is_file()} if corpus is not None else None
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        question = parse_question(record, dataset=dataset, path=path, line=number)
        if question.id in seen:
            raise _fail(path, number, f"id {question.id!r} already used on line {seen[question.id]}")
        seen[question.id] = number
        if available is not None and question.source is not None and question.source not in available:
            raise _fail(path, number, f"source {question.source!r} is not a file in {corpus}")
        questions.append(question)
    if not questions:
        raise DatasetError(f"{path.name} has no questions")
    return questions


def load_dataset(name: str) -> Dataset:
    if name not in REGISTRY:
        raise DatasetError(f"unknown dataset {name!r}: choose from {', '.join(REGISTRY)}")
    questions_file, corpus, kind = REGISTRY[name]
    questions = load_questions(questions_file, name, corpus)
    return Dataset(name, questions_file, corpus, kind, tuple(questions))


def load_all(names: Sequence[str] | None = None) -> list[Dataset]:
    """The registered datasets whose question file exists (``docs`` is optional)."""
    chosen = list(names) if names else [n for n, (path, _, _) in REGISTRY.items() if path.is_file()]
    return [load_dataset(name) for name in chosen]


def quick_subset(dataset: Dataset, per_split: int = 3, unanswerable: int = 1) -> Dataset:
    """A small, deterministic slice for smoke runs: the first answerable questions of
    each split, plus a few the library cannot answer."""
    picked: list[Question] = []
    for split in SPLITS:
        picked += [q for q in dataset.questions if q.split == split and q.answerable][:per_split]
    picked += [q for q in dataset.questions if not q.answerable][:unanswerable]
    return Dataset(dataset.name, dataset.questions_file, dataset.corpus, dataset.kind, tuple(picked))
