"""Performance figures on the evaluation corpus (``python -m eval bench``).

Prints and records, on the machine it runs on:

- ingestion throughput: chunks per second for a cold ingest of the eval corpus (loading,
  chunking, embedding, Chroma and SQLite writes), next to the embedding model alone;
- re-ingest of the unchanged corpus: seconds, and chunks embedded (should be 0);
- search latency p50/p95 per mode (dense, keyword, hybrid, hybrid with a mentor filter),
  warm, over every evaluation question;
- the local model (SmolLM2 via llama-cpp): load time, time to first token and tokens/s on
  a typical grounded prompt, cold and with the prompt prefix cached, and time to first
  answer token through ``ChatService.ask`` (retrieval included).

With ``--scales`` (default in the full run), the comparison with the LangChain tutorial
pipeline at ~1k and ~10k chunks and search at ~100k chunks (``eval/compare.py``), and app
cold start and peak memory (``eval/coldstart.py``).

``--copies N`` ingests N copies of the corpus to measure at a larger scale. The figures are
measurements, not a timed test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from eval.datasets import Dataset
from eval.metrics import latency_summary

Progress = Callable[[str], None]
SEARCH_MODES = ("dense", "keyword", "hybrid", "hybrid+mentor filter")
# Typical chat questions for the local model: prompts timed directly, then other questions
# through ChatService.ask (different ones, so no prompt is already in the model's state).
LOCAL_MODEL_QUESTIONS = (
    "How often should I meet my mentor?",
    "What should go in a message asking someone to be my mentor?",
    "What did Priya tell me about negotiating a job offer?",
)
ASK_QUESTIONS = (
    "How do I follow up after a mentoring session?",
    "What did Carlos say about on-call burnout?",
    "What is the difference between a mentor and a sponsor?",
)


def _stage_corpus(datasets: Sequence[Dataset], target: Path, copies: int) -> list[tuple[Path, str]]:
    """Copy each corpus ``copies`` times under ``target``; returns (folder, kind) pairs."""
    folders = []
    for dataset in datasets:
        for copy in range(copies):
            folder = target / dataset.name / f"copy{copy:03d}"
            shutil.copytree(dataset.corpus, folder)
            folders.append((folder, dataset.kind))
    return folders


def bench_ingestion(desk, folders: list[tuple[Path, str]]) -> dict:
    started = time.perf_counter()
    embedded = total = 0
    for folder, kind in folders:
        report = desk.ingest.ingest_paths([folder], kind=kind)
        embedded += report.chunks_embedded
        total += report.chunks_total
    cold = time.perf_counter() - started

    started = time.perf_counter()
    re_embedded = 0
    for folder, kind in folders:
        re_embedded += desk.ingest.ingest_paths([folder], kind=kind).chunks_embedded
    again = time.perf_counter() - started

    # The embedding model alone on the same texts, to show how much of ingestion it is.
    from vectorstore.library_index import index_text

    texts = [index_text(c.meta, c.text) for c in desk.index.load_all_chunks()]
    started = time.perf_counter()
    desk.embedder.embed(texts)
    embed_only = time.perf_counter() - started
    return {
        "files": sum(1 for folder, _ in folders for p in folder.rglob("*") if p.is_file()),
        "chunks": embedded,
        "seconds": cold,
        "chunks_per_second": embedded / cold if cold else None,
        "embedding_only_chunks_per_second": len(texts) / embed_only if embed_only else None,
        "reingest_unchanged_seconds": again,
        "reingest_chunks_embedded": re_embedded,
    }


def bench_search(desk, questions: Sequence, rounds: int) -> dict:
    from vectorstore.filters import SearchFilter

    mentors = sorted(desk.index.mentor_names())
    timings: dict[str, list[float]] = {mode: [] for mode in SEARCH_MODES}
    for round_number in range(rounds + 1):  # round 0 warms caches and is not counted
        for n, question in enumerate(questions):
            for mode in SEARCH_MODES:
                flt, search_mode = None, mode
                if mode == "hybrid+mentor filter":
                    # Every query filtered to one mentor: the question's own, else rotate.
                    name = question.mentor or mentors[n % len(mentors)]
                    flt, search_mode = SearchFilter(mentors=desk.index.resolve_mentor(name)), "hybrid"
                started = time.perf_counter()
                desk.index.search(question.question, k=5, flt=flt, mode=search_mode)
                if round_number:
                    timings[mode].append(time.perf_counter() - started)
    return {"modes": {mode: latency_summary(values) for mode, values in timings.items()}}


def bench_local_model(desk, questions: Sequence[str], ask_questions: Sequence[str]) -> dict:
    """Load time, time to first token and tokens/s of the embedded model on grounded
    prompts built exactly as the chat service builds them, each figure the median over the
    questions: a cold prompt; a next question, asked right after another one so only the
    fixed instructions are already evaluated; and a whole ``ChatService.ask`` (retrieval
    and the grounding gate included)."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from eval.answers import chat_service
    from mentordesk.chat import format_passages
    from mentordesk.llm import build_chat_model
    from mentordesk.prompts import load_prompt

    settings = desk.settings.model_copy(update={"llm_provider": "local"})
    model = build_chat_model(settings)
    started = time.perf_counter()
    llama = model.llama
    load = time.perf_counter() - started

    def messages_for(question: str):
        found = [r for r in desk.index.search(question, k=settings.top_k) if r.relevant]
        system, user = load_prompt("answer_local").render(
            passages=format_passages(found[: settings.local_context_passages]), question=question
        )
        return [SystemMessage(system), HumanMessage(user)], len(llama.tokenize((system + "\n" + user).encode(), add_bos=False))

    def one_run(messages) -> dict:
        started = time.perf_counter()
        first, pieces = None, []
        for chunk in model.stream(messages):
            if first is None:
                first = time.perf_counter() - started
            pieces.append(str(chunk.content))
        total = time.perf_counter() - started
        tokens = len(llama.tokenize("".join(pieces).encode(), add_bos=False)) if pieces else 0
        generation = total - (first or 0)
        return {
            "first_token_seconds": first, "total_seconds": total, "output_tokens": tokens,
            "tokens_per_second": (tokens - 1) / generation if tokens > 1 and generation > 0 else None,
        }

    def median_of(runs: list[dict]) -> dict:
        keys = ("first_token_seconds", "total_seconds", "tokens_per_second", "output_tokens")
        out = {k: statistics.median([r[k] for r in runs if r[k] is not None] or [0]) for k in keys}
        out["first_token_seconds_each"] = [r["first_token_seconds"] for r in runs]
        return out

    prompts = [messages_for(q) for q in questions]
    cache = llama.cache
    llama.set_cache(None)  # no saved prompt states: every cold run evaluates its whole prompt
    try:
        cold_runs, next_runs = [], []
        for n, (messages, _) in enumerate(prompts):
            llama.reset()  # forget the evaluated prompt: a true cold start
            cold_runs.append(one_run(messages))
            # The chat's usual case: another question right after, sharing the fixed instructions.
            llama.reset()
            for _ in model.stream(messages, max_tokens=1):
                pass
            next_runs.append(one_run(prompts[(n + 1) % len(prompts)][0]))
    finally:
        llama.set_cache(cache)
    cold = median_of(cold_runs) | {"prompt_tokens": statistics.median(t for _, t in prompts)}
    warm = median_of(next_runs)

    chat = chat_service(desk, "local")
    ask_first, ask_total = [], []
    for question in ask_questions:
        started = time.perf_counter()
        first = None
        for _ in chat.ask(question):
            if first is None:
                first = time.perf_counter() - started
        ask_first.append(first)
        ask_total.append(time.perf_counter() - started)
    return {
        "model": chat.info.model, "load_seconds": load, "repeats": len(questions), "cold": cold, "next_question": warm,
        "ask_first_token_seconds": statistics.median(ask_first), "ask_total_seconds": statistics.median(ask_total),
    }


def run(datasets: Sequence[Dataset], *, copies: int = 1, rounds: int = 3, llm: bool = True,
        max_questions: int | None = None, embedder=None, progress: Progress | None = None,
        scales: Sequence[int] = (), scaled_copies: int = 0, cold_start: bool = False,
        backend: str = "auto", precision: str = "auto") -> dict:
    """``scales``: chunk counts for the comparison with the LangChain tutorial pipeline
    (``eval/compare.py``), the largest also copied ``scaled_copies`` times for search at
    ~100k chunks; ``cold_start``: app start and fresh-process memory (``eval/coldstart.py``).
    Without ``embedder``, the app's own (``backend``, ``precision``: see make_embedder)."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings
    from vectorstore.embeddings import make_embedder

    say = progress or (lambda message: None)
    out: dict = {"copies": copies, "rounds": rounds}
    with tempfile.TemporaryDirectory(prefix="mentordesk-bench-") as tmp:
        tmp_path = Path(tmp)
        folders = _stage_corpus(datasets, tmp_path / "corpus", copies)
        started = time.perf_counter()
        embedder = embedder or make_embedder(backend, precision)
        embedder.embed(["warm up"])
        out["embedding_model_load_seconds"] = time.perf_counter() - started
        settings = Settings(home=tmp_path / "home", llm_provider="fake", index_builtin_guidance=False)
        desk = MentorDesk(settings, embedder=embedder)
        started = time.perf_counter()
        desk.chroma.count()  # create the database, the Chroma client and the collection
        _ = desk.ingest
        out["store_setup_seconds"] = time.perf_counter() - started
        say(f"bench: ingesting {copies} cop{'y' if copies == 1 else 'ies'} of the eval corpus")
        out["ingestion"] = bench_ingestion(desk, folders)
        questions = [q for d in datasets for q in d.questions]
        if max_questions:
            questions = questions[:max_questions]
        say(f"bench: search latency, {len(questions)} questions x {len(SEARCH_MODES)} modes x {rounds} rounds")
        out["search"] = bench_search(desk, questions, rounds)
        out["search"]["chunks"] = out["ingestion"]["chunks"]
        if llm:
            say("bench: local model")
            out["local_model"] = bench_local_model(desk, LOCAL_MODEL_QUESTIONS, ASK_QUESTIONS)
        else:
            out["local_model"] = None
        if scales:
            from eval import compare

            notes = next((d.corpus for d in datasets if d.name == "notes"), None)
            if notes is None:
                from eval.datasets import load_all

                notes = load_all(["notes"])[0].corpus
            out["compare"] = compare.run(notes, tmp_path / "compare", embedder, scales=scales,
                                         scaled_copies=scaled_copies, rounds=rounds, progress=say)
        if cold_start:
            from eval import coldstart

            say("bench: app cold start and fresh-process memory")
            out["cold_start"] = coldstart.run(tmp_path / "coldstart-home", embedder)
    out["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out
