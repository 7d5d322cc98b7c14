"""Turn the dev splits of the notes-in-the-wild sets into classifier training sentences.

    python -m eval.mine_sentences            # writes mentordesk/relationships/training/sentences_dev_notes.jsonl

Every labelled item of a dev note becomes a sentence with its label (advice or action),
and every line the extractor took for an item that the labels do not hold becomes an
"other" sentence (the hard negatives: stories, feedback, logistics). Held-out splits are
never read. Retrain afterwards: ``python -m mentordesk.relationships.train_classifier``.
Dev figures measured after that are optimistic (the classifier has seen those notes);
only held-out figures say how a stranger's notes fare.
"""

from __future__ import annotations

import json
import sys

from eval.notes_wild import SETS, dice, evaluate_split, load_expected
from ingest.loaders import load_file
from mentordesk.relationships.extraction.labels import _clean
from mentordesk.relationships.extraction.reader import _units
from mentordesk.relationships.sentence_classifier import SENTENCES_PATH

OUT = SENTENCES_PATH.parent / "sentences_dev_notes.jsonl"


def main() -> int:
    from vectorstore.embeddings import SentenceTransformerEmbedder

    if OUT.exists():
        OUT.unlink()  # mined from the extractor as trained without these sentences
    embedder = SentenceTransformerEmbedder(precision="fp32")
    rows: dict[str, str] = {}
    for data in SETS.values():
        expected = load_expected(data, "dev")
        if not expected:
            continue
        for row in expected:
            for item in row["items"]:
                rows.setdefault(" ".join(item["text"].split()), item["kind"])
            # Every other piece of the note (a story, feedback, a question) is an "other".
            text = load_file(data / row["file"]).text
            for unit in _units(text):
                piece = " ".join(_clean(unit.text).split())
                if len(piece.split()) >= 4 and all(dice(piece, item["text"]) < 0.5 for item in row["items"]):
                    rows.setdefault(piece, "other")
        result = evaluate_split("dev", embedder, data=data)
        for note in result["notes_detail"]:
            for extra in note["extra"]:
                rows.setdefault(" ".join(extra["text"].split()), "other")
    with OUT.open("w", encoding="utf-8") as out:
        for text, label in rows.items():
            out.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")
    counts = {label: sum(1 for v in rows.values() if v == label) for label in ("advice", "action", "other")}
    print(f"wrote {len(rows)} sentences to {OUT} {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
