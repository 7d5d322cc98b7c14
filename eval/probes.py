"""Contradiction probes: questions whose note says the opposite of a tempting paraphrase.

    python -m eval.probes [--llm fake|local|both] [--split dev|test|all]

Each probe's notes are ingested into a fresh library (the notes kind, so they become
meetings and the advice ledger), and the question is asked through ``ChatService.ask`` as
the chat page does. An answer is *contradicted* when it contains one of the probe's
forbidden phrases (the tempting opposite, which the notes never say), and *states the
advice* when it contains one of its answer terms and cites the probe's note. The target is
0 contradicted answers. Results: ``results/probes.md``. The test split is for scoring only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from eval.report import cpu_flags, machine_info, publish

DATA = Path(__file__).resolve().parent / "data" / "probes"
RESULTS = Path(__file__).resolve().parent / "results" / "probes.md"


def load_probes(split: str) -> list[dict]:
    rows = [json.loads(line) for line in (DATA / "probes.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def judge(answer, probe: dict) -> dict:
    def norm(value: str) -> str:
        return " ".join(value.lower().replace("’", "'").replace("‘", "'").split())

    text = norm(answer.text)
    contradicted = [f for f in probe["forbidden"] if norm(f) in text]
    cited = {Path(c.result.source).name for c in answer.citations}
    states = any(norm(t) in text for t in probe["answer_terms"]) and probe["source"] in cited
    return {"id": probe["id"], "contradicted": contradicted, "states_advice": states, "answer": answer.text}


def run(llm: str, probes: list[dict], embedder) -> list[dict]:
    from eval.answers import chat_service
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    with tempfile.TemporaryDirectory(prefix="mentordesk-probes-") as home:
        desk = MentorDesk(Settings(home=Path(home), llm_provider="fake", index_builtin_guidance=False),
                          embedder=embedder)
        desk.ingest.ingest_paths([DATA / "notes"], kind="notes")
        chat = chat_service(desk, llm)
        return [judge(chat.ask(p["question"]).result(), p) for p in probes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--llm", choices=("fake", "local", "both"), default="both")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print every answer")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    from vectorstore.embeddings import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    models = ("fake", "local") if args.llm == "both" else (args.llm,)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    machine = machine_info()
    lines = ["# Contradiction probes", "",
             f"`python -m eval.probes`, {machine['date']}, {machine['cpu']} ({cpu_flags()}).", "",
             "| model | split | probes | contradicted | states the advice, citing its note |", "|---|---|---|---|---|"]
    for llm in models:
        for split in splits:
            probes = load_probes(split)
            judged = run(llm, probes, embedder)
            bad = [j for j in judged if j["contradicted"]]
            lines.append(f"| {llm} | {split} | {len(judged)} | {len(bad)} | "
                         f"{sum(j['states_advice'] for j in judged)} |")
            if args.show or (bad and split == "dev"):
                for j in (judged if args.show else bad):
                    print(f"--- {llm} {split} {j['id']} contradicted={j['contradicted']} states={j['states_advice']}")
                    print(j["answer"])
    publish("\n".join(lines) + "\n", RESULTS, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
