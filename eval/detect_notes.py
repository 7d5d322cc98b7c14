"""Which files become notes when the user does not say (the app's "Detect", the CLI's
``ingest`` without ``--kind``).

    python -m eval.detect_notes [--no-write]

For each notes-in-the-wild set: its tracking table imported, then its notes (dev and
held-out) ingested together with the documents of ``eval/data/docs`` and
``eval/data/articles`` into one fresh library, kind left to detection. Reports the notes
that are meetings (``expected.jsonl``) taken for notes, and the documents taken for notes.
The embedder is a hashing stand-in: detection reads text, never vectors. Results go to
``eval/results/detect_notes.md``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from eval.notes_wild import DATE_ORDER, RESULTS, ROOT, SETS, load_expected

DOCUMENTS = [ROOT / "eval" / "data" / "docs", ROOT / "eval" / "data" / "articles"]


def detect(data: Path) -> dict:
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings
    from vectorstore.embeddings import HashingEmbedder

    rows = load_expected(data, "dev") + load_expected(data, "heldout")
    folders = sorted({(data / r["file"]).parent for r in rows})
    os.environ["MENTORDESK_DATE_ORDER"] = DATE_ORDER.get(data.name, "dmy")
    with tempfile.TemporaryDirectory(prefix="mentordesk-detect-") as home:
        desk = MentorDesk(Settings(home=Path(home), llm_provider="fake", index_builtin_guidance=False),
                          embedder=HashingEmbedder())
        desk.relationships.table.import_file(data / "people.csv")
        desk.ingest.ingest_paths(folders + DOCUMENTS)
        kinds = {d["source"]: d["kind"] for d in desk.documents()}
    meetings = [str((data / r["file"]).resolve()) for r in rows if r["meeting"]]
    reviews = [str((data / r["file"]).resolve()) for r in rows if not r["meeting"]]
    documents = [s for s in kinds if any(s.startswith(str(folder.resolve())) for folder in DOCUMENTS)]
    return {"set": data.name, "meetings": len(meetings),
            "meetings_as_notes": sum(kinds.get(s) == "notes" for s in meetings),
            "reviews": len(reviews), "reviews_as_notes": sum(kinds.get(s) == "notes" for s in reviews),
            "documents": len(documents), "documents_as_notes": sorted(Path(s).name for s in documents
                                                                     if kinds[s] == "notes")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    from eval.report import machine_info

    results = [detect(data) for data in SETS.values()]
    info = machine_info()
    lines = ["# Notes told from documents with no kind given (`python -m eval.detect_notes`)", "",
             f"Run {info['date']} on {info['cpu']}. Each set's notes (dev and held-out) and the "
             f"{results[0]['documents']} files of eval/data/docs and eval/data/articles in one library, the set's "
             "tracking table imported first, kind left to detection.", "",
             "| set | meetings taken for notes | notes for review taken for notes | documents taken for notes |",
             "|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['set']} | {r['meetings_as_notes']}/{r['meetings']} | {r['reviews_as_notes']}/{r['reviews']} | "
                     f"{len(r['documents_as_notes'])}/{r['documents']} {', '.join(r['documents_as_notes'])} |")
    total = sum(r["meetings"] for r in results)
    found = sum(r["meetings_as_notes"] for r in results)
    wrong = sum(len(r["documents_as_notes"]) for r in results)
    review = f"{sum(r['reviews_as_notes'] for r in results)}/{sum(r['reviews'] for r in results)}"
    lines += [f"| all | {found}/{total} | {review} | {wrong}/{sum(r['documents'] for r in results)} |", ""]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        (RESULTS / "detect_notes.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
