"""Plain documents (saved articles as .txt, .pdf, .docx, most with no Markdown headings):
MentorDesk's hybrid search side by side with the LangChain tutorial pipeline, same files,
same MiniLM weights, same CPU, one run.

    python -m eval.articles [--set articles|articles2] [--split dev|test|all] [--runs N]

MentorDesk: the app's ingestion (documents kind) and ``LibraryIndex.search`` in each mode.
Tutorial: the text of each file (extracted by the same loaders, so both read the same words),
``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``, ``HuggingFaceEmbeddings``,
``Chroma.from_documents``, ``similarity_search(k=5)``.

A hit is a result from the question's source file; hit@5 and MRR (over the first 10) per
split. Questions with no source count for neither (the articles do not answer them).
The tutorial's Chroma index is approximate (HNSW) and its results move a little between
runs, so ``--runs`` repeats its ingest and reports the mean (and the range) of each figure.
Results: ``results/<set>.md``. The test split is for final scoring only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from eval.report import cpu_flags, machine_info, publish

EVAL = Path(__file__).resolve().parent
SETS = ("articles", "articles2")
MEASURES = ("hit@5", "mrr", "passage_hit@5", "passage_mrr", "ingest_s")


def load_questions(data: Path, split: str) -> list[dict]:
    rows = [json.loads(line) for line in (data / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["source"] and (split == "all" or r["split"] == split)]


def _answers(text: str, q: dict) -> bool:
    flat = " ".join(text.lower().split())
    return any(" ".join(term.lower().split()) in flat for term in q["answer_terms"])


def _score(ranked: list[list[tuple[str, str]]], questions: list[dict]) -> dict:
    """``ranked``: per question, (source, passage text) best first. A document hit is a
    passage from the question's source; a passage hit is one that also holds an answer
    term (the passage a chat model would need)."""
    hits = passage_hits = 0
    reciprocal = passage_reciprocal = 0.0
    for results, q in zip(ranked, questions):
        names = [Path(source).name for source, _ in results]
        hits += q["source"] in names[:5]
        rank = next((n for n, name in enumerate(names[:10], 1) if name == q["source"]), None)
        reciprocal += 1 / rank if rank else 0.0
        good = [n for n, (source, text) in enumerate(results[:10], 1)
                if Path(source).name == q["source"] and _answers(text, q)]
        passage_hits += bool(good and good[0] <= 5)
        passage_reciprocal += 1 / good[0] if good else 0.0
    n = len(questions) or 1
    return {"n": len(questions), "hit@5": hits / n, "mrr": reciprocal / n, "passage_hit@5": passage_hits / n,
            "passage_mrr": passage_reciprocal / n}


def mentordesk_runs(data: Path, questions: list[dict], embedder) -> dict[str, dict]:
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    with tempfile.TemporaryDirectory(prefix="mentordesk-articles-") as home:
        desk = MentorDesk(Settings(home=Path(home), llm_provider="fake", index_builtin_guidance=False),
                          embedder=embedder)
        started = time.perf_counter()
        desk.ingest.ingest_paths([data], kind="documents")
        seconds = time.perf_counter() - started
        out = {}
        for mode in ("dense", "keyword", "hybrid"):
            ranked = [[(r.source, r.text) for r in desk.index.search(q["question"], 10, mode=mode)] for q in questions]
            out[f"mentordesk {mode}"] = _score(ranked, questions) | {"ingest_s": seconds}
        return out


def tutorial_run(data: Path, questions: list[dict]) -> dict:
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from eval.compare import tutorial_embeddings
    from ingest.loaders import SUPPORTED_SUFFIXES, load_file

    embeddings = tutorial_embeddings()
    files = [p for p in sorted(data.iterdir()) if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md"]
    docs = [Document(page_content=load_file(p).text, metadata={"source": str(p)}) for p in files]
    with tempfile.TemporaryDirectory(prefix="tutorial-articles-") as persist:
        started = time.perf_counter()
        splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
        store = Chroma.from_documents(splits, embeddings, persist_directory=persist, client_settings=ChromaSettings(
            anonymized_telemetry=False, is_persistent=True, persist_directory=persist))
        seconds = time.perf_counter() - started
        ranked = [[(d.metadata["source"], d.page_content) for d in store.similarity_search(q["question"], k=10)]
                  for q in questions]
        return _score(ranked, questions) | {"ingest_s": seconds}


def mean_of(runs: list[dict]) -> dict:
    """Each measure's mean over ``runs``, with its range as ``<measure>_range``."""
    out: dict = {"n": runs[0]["n"], "runs": len(runs)}
    for key in MEASURES:
        values = [r[key] for r in runs]
        out[key] = sum(values) / len(values)
        out[f"{key}_range"] = (min(values), max(values))
    return out


def _cell(r: dict, key: str) -> str:
    low, high = r.get(f"{key}_range", (r[key], r[key]))
    return f"{r[key]:.3f}" if high - low < 1e-9 else f"{r[key]:.3f} ({low:.3f}–{high:.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=SETS, default="articles", dest="name")
    parser.add_argument("--split", choices=("dev", "test", "all", "both"), default="both")
    parser.add_argument("--runs", type=int, default=3, help="tutorial runs to average (its index is approximate)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16"), default="auto",
                        help="MentorDesk's MiniLM precision; fp32 is what a CPU without AMX/AVX-512 BF16 runs")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    data = EVAL / "data" / args.name

    from vectorstore.embeddings import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(precision=args.precision)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    rows = []
    for split in splits:
        questions = load_questions(data, split)
        tutorial = mean_of([tutorial_run(data, questions) for _ in range(args.runs)])
        results = mentordesk_runs(data, questions, embedder) | {"tutorial (LangChain RAG tutorial)": tutorial}
        for name, r in results.items():
            rows.append((split, name, r))
    machine = machine_info()
    lines = ["# Plain documents: MentorDesk against the LangChain tutorial pipeline", "",
             f"`python -m eval.articles --set {args.name} --runs {args.runs}` (`eval/data/{args.name}`), {machine['date']}, {machine['cpu']} ({cpu_flags()}), MiniLM "
             f"{embedder.precision if hasattr(embedder, 'precision') else ''}.", "",
             "*document*: a passage from the question's source; *passage*: one that also holds an answer term. "
             f"The tutorial's figures are the mean of {args.runs} runs (range in brackets where they differ).", "",
             "| split | pipeline | questions | document hit@5 | document MRR@10 | passage hit@5 | passage MRR@10 "
             "| ingest s |", "|---|---|---|---|---|---|---|---|"]
    for split, name, r in rows:
        lines.append(f"| {split} | {name} | {r['n']} | {_cell(r, 'hit@5')} | {_cell(r, 'mrr')} "
                     f"| {_cell(r, 'passage_hit@5')} | {_cell(r, 'passage_mrr')} | {r['ingest_s']:.1f} |")
    publish("\n".join(lines) + "\n", EVAL / "results" / f"{args.name}.md", write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
