"""Retrieval evaluation: one fresh library holding every corpus, every question in every mode.

The library is the real application (SQLite, embedded Chroma, the MiniLM model) in a
temporary data folder. All three corpora go into the same library, as they would for a
user, so a guidance question competes with notes and long documents.

Modes: ``dense`` (MiniLM only), ``keyword`` (BM25 only), ``hybrid`` (both, fused with
reciprocal rank fusion; the default the app uses) and ``hybrid+mentor`` (hybrid with a
mentor filter, for notes questions that name a mentor, as a user would set it in the UI).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.datasets import Dataset, Question
from eval.metrics import first_per_source, latency_summary, retrieval_summary, term_recall

MODES = ("dense", "keyword", "hybrid", "hybrid+mentor")
DEPTH = 10  # results per query; every metric looks at most this deep
MENTOR_SUBSET = "notes·names mentor"

Progress = Callable[[str], None]


@dataclass
class Library:
    """The application under test and what it took to build it."""

    desk: object  # mentordesk.container.MentorDesk
    documents: int
    chunks: int
    chunks_by_kind: dict[str, int]
    ingest_seconds: float
    model_load_seconds: float


@dataclass
class QuestionRun:
    id: str
    dataset: str
    split: str
    mode: str
    question: str
    expected: str
    mentor: str | None
    sources: list[str]
    relevances: list[bool]
    passage_hit5: bool
    seconds: float

    @property
    def rank(self) -> int | None:
        return next((n for n, hit in enumerate(self.relevances, 1) if hit), None)


@dataclass
class RetrievalResult:
    rows: list[dict] = field(default_factory=list)
    runs: list[QuestionRun] = field(default_factory=list)
    latency: dict[str, dict] = field(default_factory=dict)

    def to_dict(self, with_runs: bool = False) -> dict:
        out = {"rows": self.rows, "latency_ms": self.latency, "misses": misses(self.runs)}
        if with_runs:
            out["runs"] = [asdict(r) | {"rank": r.rank} for r in self.runs]
        return out


def build_library(home: Path, datasets: Sequence[Dataset], *, embedder=None, precision: str = "auto",
                  backend: str = "auto", progress: Progress | None = None) -> Library:
    """Ingest every dataset's corpus into a fresh MentorDesk whose data folder is ``home``;
    without ``embedder``, the bundled MiniLM on ``backend`` at ``precision``, as the app
    builds it (``vectorstore.embeddings.make_embedder``)."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings
    from vectorstore.embeddings import make_embedder

    started = time.perf_counter()
    if embedder is None:
        embedder = make_embedder(backend, precision)  # the machine's model cache, as the app
    embedder.embed(["warm up"])  # load the model outside the timed ingestion
    model_load = time.perf_counter() - started

    settings = Settings(home=home, llm_provider="fake", index_builtin_guidance=False)
    desk = MentorDesk(settings, embedder=embedder)
    started = time.perf_counter()
    for dataset in datasets:
        if progress:
            progress(f"ingesting {dataset.corpus.name}/ as {dataset.kind}")
        report = desk.ingest.ingest_paths([dataset.corpus], kind=dataset.kind)
        if report.skipped:
            skipped = ", ".join(f"{name} ({reason})" for name, reason in report.skipped)
            raise RuntimeError(f"corpus {dataset.corpus} has files that could not be ingested: {skipped}")
    seconds = time.perf_counter() - started
    status = desk.status()
    by_kind: dict[str, int] = {}
    for chunk in desk.index.load_all_chunks():
        by_kind[chunk.meta["kind"]] = by_kind.get(chunk.meta["kind"], 0) + 1
    return Library(desk, status["documents"], status["chunks"], by_kind, seconds, model_load)


def mentor_filter(desk, mentor: str):
    from vectorstore.filters import SearchFilter

    return SearchFilter(mentors=desk.index.resolve_mentor(mentor))


def run_question(desk, question: Question, mode: str) -> QuestionRun:
    flt = None
    search_mode = mode
    if mode == "hybrid+mentor":
        if not question.mentor:
            raise ValueError(f"{question.id} names no mentor; hybrid+mentor does not apply")
        flt, search_mode = mentor_filter(desk, question.mentor), "hybrid"
    started = time.perf_counter()
    results = desk.index.search(question.question, k=DEPTH, flt=flt, mode=search_mode)
    seconds = time.perf_counter() - started
    sources = [r.source_name for r in results]
    # Passage level: one of the first five passages comes from the right document and
    # contains an answer term, i.e. the passage the chat model sees really answers it.
    passage_hit5 = any(
        r.source_name == question.source and (term_recall(r.text, question.answer_terms) or 0) > 0
        for r in results[:5]
    )
    return QuestionRun(
        id=question.id, dataset=question.dataset, split=question.split, mode=mode, question=question.question,
        expected=question.source or "", mentor=question.mentor, sources=sources,
        relevances=first_per_source(sources, question.source or ""), passage_hit5=passage_hit5, seconds=seconds,
    )


def modes_for(question: Question) -> list[str]:
    return [m for m in MODES if m != "hybrid+mentor" or question.mentor]


def evaluate(desk, datasets: Sequence[Dataset], progress: Progress | None = None) -> RetrievalResult:
    result = RetrievalResult()
    for dataset in datasets:
        answerable = [q for q in dataset.questions if q.answerable]
        if progress:
            progress(f"retrieval: {len(answerable)} {dataset.name} questions")
        for question in answerable:
            for mode in modes_for(question):
                result.runs.append(run_question(desk, question, mode))
    result.rows = summarise(result.runs)
    by_mode: dict[str, list[float]] = {}
    for run in result.runs:
        by_mode.setdefault(run.mode, []).append(run.seconds)
    result.latency = {mode: latency_summary(values) for mode, values in by_mode.items()}
    return result


def summarise(runs: Sequence[QuestionRun]) -> list[dict]:
    """One row per dataset x split x mode, plus the notes questions that name a mentor as
    their own group, so hybrid+mentor is compared with the other modes on the same questions."""
    groups: dict[tuple[str, str, str], list[QuestionRun]] = {}
    for run in runs:
        names = [run.dataset] + ([MENTOR_SUBSET] if run.dataset == "notes" and run.mentor else [])
        for name in names:
            if run.mode == "hybrid+mentor" and name != MENTOR_SUBSET:
                continue
            for split in (run.split, "all"):
                groups.setdefault((name, split, run.mode), []).append(run)
    rows = []
    order = {m: i for i, m in enumerate(MODES)}
    split_order = {"dev": 0, "test": 1, "all": 2}
    dataset_order: dict[str, int] = {}
    for run in runs:
        dataset_order.setdefault(run.dataset, len(dataset_order))
    dataset_order[MENTOR_SUBSET] = dataset_order.get("notes", 0) + 0.5
    for (name, split, mode), members in sorted(
        groups.items(), key=lambda item: (dataset_order.get(item[0][0], 99), split_order[item[0][1]], order[item[0][2]])
    ):
        row = {"dataset": name, "split": split, "mode": mode}
        row.update(retrieval_summary([m.relevances for m in members]))
        row["passage_hit@5"] = sum(m.passage_hit5 for m in members) / len(members)
        rows.append(row)
    return rows


def misses(runs: Sequence[QuestionRun], mode: str = "hybrid") -> list[dict]:
    """Questions whose expected document is not ranked first in ``mode``, with what came
    first instead: the raw material for reading failures."""
    out = []
    for run in runs:
        if run.mode != mode or run.rank == 1:
            continue
        out.append({
            "id": run.id, "split": run.split, "question": run.question, "expected": run.expected,
            "rank": run.rank, "top3": run.sources[:3],
        })
    return out


PRECISION_METRICS = ("hit@1", "hit@5", "mrr", "ndcg@10")


def precision_comparison(reference: Sequence[QuestionRun], candidate: Sequence[QuestionRun],
                         label: str = "bf16") -> dict:
    """Retrieval with the reference embedder (torch, fp32) next to the candidate (``label``:
    bf16, onnx-int8...), on the same questions: one row per dataset and mode plus every set
    pooled, with the difference in points (hundredths), and the questions whose rank changed."""
    def rows_of(runs):
        groups: dict[tuple[str, str], list[QuestionRun]] = {}
        for run in runs:
            if run.mode in ("dense", "hybrid"):
                groups.setdefault((run.dataset, run.mode), []).append(run)
                groups.setdefault(("all sets", run.mode), []).append(run)
        return {key: retrieval_summary([m.relevances for m in members]) for key, members in groups.items()}

    ref, cand = rows_of(reference), rows_of(candidate)
    rows = []
    for key in sorted(ref, key=lambda k: (k[0] == "all sets", k[1] != "dense")):
        row = {"dataset": key[0], "mode": key[1], "n": ref[key]["n"]}
        for metric in PRECISION_METRICS:
            row[f"{metric} fp32"] = ref[key][metric]
            row[f"{metric} {label}"] = cand[key][metric]
            row[f"{metric} diff points"] = round(100 * (cand[key][metric] - ref[key][metric]), 2)
        rows.append(row)
    by_id = {(r.id, r.mode): r for r in candidate}
    moved = [
        {"id": r.id, "mode": r.mode, "question": r.question, "rank fp32": r.rank,
         f"rank {label}": by_id[(r.id, r.mode)].rank}
        for r in reference
        if r.mode in ("dense", "hybrid") and (r.id, r.mode) in by_id and by_id[(r.id, r.mode)].rank != r.rank
    ]
    pooled = [r for r in rows if r["dataset"] == "all sets"]
    worst = min((r[f"{m} diff points"] for r in pooled for m in PRECISION_METRICS), default=0.0)
    worst_set = min((r[f"{m} diff points"] for r in rows for m in PRECISION_METRICS), default=0.0)
    return {"rows": rows, "moved": moved, "worst_pooled_diff_points": worst, "worst_diff_points": worst_set,
            "label": label}
