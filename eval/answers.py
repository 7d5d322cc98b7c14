"""Answer evaluation: does the assistant refuse what the library cannot answer, answer
the rest, and cite only passages that support what it says?

Runs ``ChatService.ask`` (the same path as the chat page and ``mentordesk ask``) on every
question, with the deterministic fake chat model by default or the embedded SmolLM2 model
(``--llm local``). Measured per dataset and split:

- answer rate: answerable questions that got an answer (``found``) rather than a refusal;
- refusal rate: questions the library cannot answer that got a refusal;
- citation precision: cited passages that were retrieved and share enough of the citing
  sentence's words (``mentordesk.grounding.citation_precision``), over all citations;
- cites expected source: answered questions whose citations include the document the
  question names;
- context term recall: share of the expected answer terms present in the passages the
  model was given (did retrieval hand it what it needed);
- answer term recall: share of the expected answer terms present in the answer text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from eval.datasets import Dataset, Question
from eval.metrics import (
    answer_rate,
    citation_precision_macro,
    citation_precision_micro,
    latency_summary,
    mean,
    refusal_rate,
    term_recall,
)

Progress = Callable[[str], None]

@dataclass
class AnswerRun:
    id: str
    dataset: str
    split: str
    llm: str
    question: str
    expected: str | None
    found: bool
    answer: str
    passages: int
    cited_sources: list[str]
    supported_citations: int
    total_citations: int
    context_term_recall: float | None
    answer_term_recall: float | None
    first_token_seconds: float
    seconds: float


@dataclass
class AnswerResult:
    llm: str
    rows: list[dict] = field(default_factory=list)
    runs: list[AnswerRun] = field(default_factory=list)
    latency: dict = field(default_factory=dict)

    def to_dict(self, with_runs: bool = False) -> dict:
        out = {"llm": self.llm, "rows": self.rows, "latency_ms": self.latency, "failures": failures(self.runs)}
        if with_runs:
            out["runs"] = [asdict(r) for r in self.runs]
        return out


def chat_service(desk, llm: str):
    """The chat service of ``desk`` with the chosen model: ``fake`` or ``local``."""
    from mentordesk.chat import ChatService
    from mentordesk.llm import build_chat_model, model_info

    settings = desk.settings.model_copy(update={"llm_provider": llm})
    model = build_chat_model(settings)
    return ChatService(
        desk.index, lambda: model, model_info(settings),
        top_k=settings.top_k, local_passages=settings.local_context_passages,
        mentor_advice=desk.chat.mentor_advice,  # "what did X say about Y" from the ledger, as in the app
        local_model_sentences=settings.local_model_sentences,
    )


def run_question(chat, question: Question, llm: str) -> AnswerRun:
    from mentordesk.grounding import citation_precision

    started = time.perf_counter()
    stream = chat.ask(question.question)
    first_token = None
    for _ in stream:
        if first_token is None:
            first_token = time.perf_counter() - started
    answer = stream.result()
    seconds = time.perf_counter() - started
    passages = [p.text for p in answer.passages]
    supported, total = citation_precision(answer.text, passages) if answer.found else (0, 0)
    return AnswerRun(
        id=question.id, dataset=question.dataset, split=question.split, llm=llm, question=question.question,
        expected=question.source, found=answer.found, answer=answer.text, passages=len(passages),
        cited_sources=[c.result.source_name for c in answer.citations],
        supported_citations=supported, total_citations=total,
        context_term_recall=term_recall("\n".join(passages), question.answer_terms) if question.answerable else None,
        answer_term_recall=term_recall(answer.text, question.answer_terms) if question.answerable else None,
        first_token_seconds=first_token if first_token is not None else seconds, seconds=seconds,
    )


def evaluate(desk, datasets: Sequence[Dataset], llm: str = "fake", progress: Progress | None = None) -> AnswerResult:
    chat = chat_service(desk, llm)
    result = AnswerResult(llm)
    for dataset in datasets:
        if progress:
            progress(f"answers ({llm}): {len(dataset.questions)} {dataset.name} questions")
        for question in dataset.questions:
            result.runs.append(run_question(chat, question, llm))
    result.rows = summarise(result.runs)
    result.latency = {
        "first_token": latency_summary([r.first_token_seconds for r in result.runs]),
        "answer": latency_summary([r.seconds for r in result.runs]),
    }
    return result


def summary_row(runs: Sequence[AnswerRun]) -> dict:
    answerable = [r for r in runs if r.expected is not None]
    unanswerable = [r for r in runs if r.expected is None]
    answered = [r for r in answerable if r.found]
    counts = [(r.supported_citations, r.total_citations) for r in runs]
    return {
        "answerable": len(answerable),
        "answer_rate": answer_rate(r.found for r in answerable),
        "unanswerable": len(unanswerable),
        "refusal_rate": refusal_rate(r.found for r in unanswerable),
        "citations": sum(t for _, t in counts),
        "citation_precision": citation_precision_micro(counts),
        "citation_precision_macro": citation_precision_macro(counts),
        "cites_expected_source": mean(1.0 if r.expected in r.cited_sources else 0.0 for r in answered),
        "context_term_recall": mean(r.context_term_recall for r in answerable if r.context_term_recall is not None),
        "answer_term_recall": mean(r.answer_term_recall for r in answered if r.answer_term_recall is not None),
        # The issue-10 measure: the answer text holds the expected fact (at least half of
        # its answer terms) and cites the document that holds it, over answerable questions.
        "answer_recall": mean(1.0 if r.found and (r.answer_term_recall or 0) >= 0.5 and r.expected in r.cited_sources
                              else 0.0 for r in answerable),
    }


def summarise(runs: Sequence[AnswerRun]) -> list[dict]:
    """One row per dataset x split (dev, test, all), then the whole library."""
    rows = []
    datasets = list(dict.fromkeys(r.dataset for r in runs))
    for name in datasets + ["all"]:
        members = [r for r in runs if name == "all" or r.dataset == name]
        for split in ("dev", "test", "all"):
            chosen = [r for r in members if split == "all" or r.split == split]
            if chosen:
                rows.append({"dataset": name, "split": split, "llm": runs[0].llm} | summary_row(chosen))
    return rows


def failures(runs: Sequence[AnswerRun]) -> list[dict]:
    """Refusals of answerable questions, answers to unanswerable ones, and unsupported
    citations, for reading in the report."""
    out = []
    for r in runs:
        if r.expected is None and r.found:
            problem = "answered a question the library cannot answer"
        elif r.expected is not None and not r.found:
            problem = "refused an answerable question"
        elif r.supported_citations < r.total_citations:
            problem = f"{r.total_citations - r.supported_citations} of {r.total_citations} citations unsupported"
        else:
            continue
        out.append({"id": r.id, "split": r.split, "problem": problem, "question": r.question, "answer": r.answer[:300]})
    return out
