"""A small classifier that tells advice, action items and other sentences apart.

It is a multinomial logistic regression over the MiniLM sentence embeddings the app already
computes, so it costs one embedding per sentence and a 384x3 matrix product. The weights
live in ``training/sentence_classifier.npz`` next to the labelled sentences they were
trained on (``training/*.jsonl``); ``python -m mentordesk.relationships.train_classifier``
retrains them with scikit-learn and prints precision and recall on a held-out split.
Running it needs only numpy: scikit-learn is a training-time tool.

The weights belong to one embedding model. With any other embedder (a test fake, another
model) ``load_classifier`` returns None and extraction falls back to its rules alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

TRAINING_DIR = Path(__file__).resolve().parent / "training"
WEIGHTS_PATH = TRAINING_DIR / "sentence_classifier.npz"
SENTENCES_PATH = TRAINING_DIR / "sentences.jsonl"


class EmbeddingSentenceClassifier:
    def __init__(self, embedder, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str]):
        self.embedder = embedder
        self.weights = weights.astype(np.float32)  # (dimension, classes)
        self.bias = bias.astype(np.float32)
        self.labels = list(labels)

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self.embedder.embed(list(sentences)), dtype=np.float32)
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        if not sentences:
            return []
        return [dict(zip(self.labels, map(float, row))) for row in self.probabilities(sentences)]


def load_classifier(embedder, path: Path = WEIGHTS_PATH):
    """The trained classifier for ``embedder``, or None when the weights are missing or were
    trained on another embedding model's vectors."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        model_name = str(data["embedding_model"])
        if model_name != getattr(embedder, "name", None):
            return None
        return EmbeddingSentenceClassifier(embedder, data["weights"], data["bias"],
                                           [str(x) for x in data["labels"]])
