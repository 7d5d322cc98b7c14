"""Retrain the advice/action/other sentence classifier (see sentence_classifier.py).

    python -m mentordesk.relationships.train_classifier [--check]

Embeds ``training/*.jsonl`` with the bundled MiniLM model (float32, so the weights
do not depend on the CPU), holds out a fifth of the sentences (stratified, fixed seed),
prints precision and recall per class on that part, then fits on everything and writes
``training/sentence_classifier.npz``. ``--check`` only prints the held-out figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

import numpy as np

from mentordesk.relationships.sentence_classifier import SENTENCES_PATH, WEIGHTS_PATH

LABELS = ("advice", "action", "other")
REGULARISATION = 4.0  # inverse strength (scikit-learn's C), picked on the held-out split


def load_sentences() -> tuple[list[str], list[str]]:
    """Every ``*.jsonl`` in the training folder (sentences.jsonl and the later additions)."""
    texts, labels, seen = [], [], set()
    for path in sorted(SENTENCES_PATH.parent.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["label"] not in LABELS:
                raise SystemExit(f"{path}:{number}: unknown label {row['label']!r}")
            key = " ".join(row["text"].lower().split())
            if key in seen:
                continue  # the same sentence twice would sit on both sides of the split
            seen.add(key)
            texts.append(row["text"])
            labels.append(row["label"])
    return texts, labels


def training_digest() -> str:
    """A hash of the labelled sentences, stored with the weights: a test fails when the
    sentences changed and the weights were not retrained."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(SENTENCES_PATH.parent.glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fit(vectors: np.ndarray, labels: list[str]):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=REGULARISATION, max_iter=2000)
    model.fit(vectors, labels)
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="print held-out figures, write nothing")
    args = parser.parse_args(argv)

    from sklearn.metrics import classification_report
    from sklearn.model_selection import train_test_split

    from vectorstore.embeddings import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(precision="fp32")  # named like the app's embedder
    texts, labels = load_sentences()
    vectors = embedder.embed(texts)
    train_x, test_x, train_y, test_y = train_test_split(vectors, labels, test_size=0.2, random_state=7,
                                                        stratify=labels)
    held_out = fit(train_x, train_y)
    report = classification_report(test_y, held_out.predict(test_x), digits=3)
    print(f"{len(texts)} sentences; held-out {len(test_y)} (python {platform.python_version()})")
    print(report)
    if args.check:
        return 0
    _write_report(len(texts), len(test_y), report)
    model = fit(vectors, labels)
    order = [list(model.classes_).index(label) for label in LABELS]
    np.savez(WEIGHTS_PATH, weights=model.coef_[order].T.astype(np.float32),
             bias=model.intercept_[order].astype(np.float32), labels=np.array(LABELS),
             embedding_model=np.array(embedder.name), training_digest=np.array(training_digest()))
    print(f"wrote {WEIGHTS_PATH}")
    return 0


def _write_report(total: int, held_out: int, report: str) -> None:
    from eval.report import cpu_flags, machine_info

    results = Path(__file__).resolve().parents[2] / "eval" / "results" / "sentence_classifier.md"
    machine = machine_info()
    results.write_text(
        "# Sentence classifier (advice / action / other)\n\n"
        f"Logistic regression over MiniLM (fp32) embeddings, C={REGULARISATION}; {total} labelled sentences "
        f"(mentordesk/relationships/training/*.jsonl), {held_out} held out (stratified, seed 7). "
        f"`python -m mentordesk.relationships.train_classifier`, {machine['date']}, {machine['cpu']} "
        f"({cpu_flags()}).\n\n```\n{report}```\n"
    )


if __name__ == "__main__":
    sys.exit(main())
