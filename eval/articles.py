"""Plain documents (saved articles as .txt, .pdf, .docx, most with no Markdown headings):
MentorDesk's hybrid search side by side with the LangChain tutorial pipeline, same files,
same MiniLM weights, same CPU, one run.

    python -m eval.articles [--split dev|test|all]

MentorDesk: the app's ingestion (documents kind) and ``LibraryIndex.search`` in each mode.
Tutorial: the text of each file (extracted by the same loaders, so both read the same words),
``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``, ``HuggingFaceEmbeddings``,
``Chroma.from_documents``, ``similarity_search(k=5)``.

A hit is a result from the question's source file; hit@5 and MRR (over the first 10) per
split. Questions with no source count for neither (the articles do not answer them).
Results: ``results/articles.md``. The test split is for final scoring only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from eval.report import cpu_flags, machine_info, publish

DATA = Path(__file__).resolve().parent / "data" / "articles"
RESULTS = Path(__file__).resolve().parent / "results" / "articles.md"


def load_questions(split: str) -> list[dict]:
    rows = [json.loads(line) for line in (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
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


def mentordesk_runs(questions: list[dict], embedder) -> dict[str, dict]:
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    with tempfile.TemporaryDirectory(prefix="mentordesk-articles-") as home:
        desk = MentorDesk(Settings(home=Path(home), llm_provider="fake", index_builtin_guidance=False),
                          embedder=embedder)
        started = time.perf_counter()
        desk.ingest.ingest_paths([DATA], kind="documents")
        seconds = time.perf_counter() - started
        out = {}
        for mode in ("dense", "keyword", "hybrid"):
            ranked = [[(r.source, r.text) for r in desk.index.search(q["question"], 10, mode=mode)] for q in questions]
            out[f"mentordesk {mode}"] = _score(ranked, questions) | {"ingest_s": seconds}
        return out


def tutorial_run(questions: list[dict]) -> dict:
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from eval.compare import tutorial_embeddings
    from ingest.loaders import SUPPORTED_SUFFIXES, load_file

    embeddings = tutorial_embeddings()
    files = [p for p in sorted(DATA.iterdir()) if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md"]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all", "both"), default="both")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16"), default="auto",
                        help="MentorDesk's MiniLM precision; fp32 is what a CPU without AMX/AVX-512 BF16 runs")
    args = parser.parse_args(argv)

    from vectorstore.embeddings import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(precision=args.precision)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    rows = []
    for split in splits:
        questions = load_questions(split)
        results = mentordesk_runs(questions, embedder) | {"tutorial (LangChain RAG tutorial)": tutorial_run(questions)}
        for name, r in results.items():
            rows.append((split, name, r))
    machine = machine_info()
    lines = ["# Plain documents: MentorDesk against the LangChain tutorial pipeline", "",
             f"`python -m eval.articles`, {machine['date']}, {machine['cpu']} ({cpu_flags()}), MiniLM "
             f"{embedder.precision if hasattr(embedder, 'precision') else ''}.", "",
             "*document*: a passage from the question's source; *passage*: one that also holds an answer term.", "",
             "| split | pipeline | questions | document hit@5 | document MRR@10 | passage hit@5 | passage MRR@10 "
             "| ingest s |", "|---|---|---|---|---|---|---|---|"]
    for split, name, r in rows:
        lines.append(f"| {split} | {name} | {r['n']} | {r['hit@5']:.3f} | {r['mrr']:.3f} | {r['passage_hit@5']:.3f} "
                     f"| {r['passage_mrr']:.3f} | {r['ingest_s']:.1f} |")
    publish("\n".join(lines) + "\n", RESULTS, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
