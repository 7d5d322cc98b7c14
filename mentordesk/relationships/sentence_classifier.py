"""A small classifier that tells advice, action items and other sentences apart.

It is a multinomial logistic regression over the MiniLM sentence embeddings the app already
computes, so it costs one embedding per sentence and a 384x3 matrix product. The weights
live in ``training/sentence_classifier.npz`` next to the labelled sentences they were
trained on (``training/sentences.jsonl``); ``python -m mentordesk.relationships.train_classifier``
retrains them with scikit-learn and prints precision and recall on a held-out split.
Running it needs only numpy: scikit-learn is a training-time tool.

The weights belong to one embedding model. With any other embedder (a test fake, another
model) ``load_classifier`` returns None and extraction falls back to its rules alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

TRAINING_DIR = Path(__file__).resolve().parent / "training"
WEIGHTS_PATH = TRAINING_DIR / "sentence_classifier.npz"
SENTENCES_PATH = TRAINING_DIR / "sentences.jsonl"


class EmbeddingSentenceClassifier:
    def __init__(self, embedder, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str],
                 min_confidence: float = 0.0):
        self.embedder = embedder
        self.weights = weights.astype(np.float32)  # (dimension, classes)
        self.bias = bias.astype(np.float32)
        self.labels = list(labels)
        # Below this probability a sentence counts as "other": a wrong item in the ledger
        # costs the user more than a missed one they can still read in the note.
        self.min_confidence = min_confidence

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self.embedder.embed(list(sentences)), dtype=np.float32)
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def classify(self, sentences: Sequence[str]) -> list[str]:
        if not sentences:
            return []
        probs = self.probabilities(sentences)
        other = self.labels.index("other")
        result = []
        for row in probs:
            best = int(row.argmax())
            result.append(self.labels[best] if best == other or row[best] >= self.min_confidence else "other")
        return result


def load_classifier(embedder, path: Path = WEIGHTS_PATH, min_confidence: float = 0.6):
    """The trained classifier for ``embedder``, or None when the weights are missing or were
    trained on another embedding model's vectors."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        model_name = str(data["embedding_model"])
        if model_name != getattr(embedder, "name", None):
            return None
        return EmbeddingSentenceClassifier(embedder, data["weights"], data["bias"],
                                           [str(x) for x in data["labels"]], min_confidence)
