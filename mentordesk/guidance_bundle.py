"""Build the vectors of the built-in guidance that ship with the code.

    python -m mentordesk.guidance_bundle [--check]

Run it after editing anything in ``knowledge/`` (the test suite fails until you do). It
ingests ``knowledge/`` into a scratch data folder exactly as a first start would, records
the texts that ingestion embeds, embeds them with the float32 reference (MiniLM on torch),
and writes ``knowledge/.vectors/all-MiniLM-L6-v2.npz``. With ``--check`` it writes nothing
and exits 1 when the bundle misses a guidance text.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from vectorstore.embeddings import MINILM_NAME, HashingEmbedder


class _Recorder(HashingEmbedder):
    """Records what ingestion would embed; its own vectors are thrown away."""

    def __init__(self) -> None:
        super().__init__(384)
        self.name = MINILM_NAME
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().embed(texts)


def guidance_texts() -> list[str]:
    """The texts a fresh data folder embeds for the built-in guidance, in order."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    recorder = _Recorder()
    with tempfile.TemporaryDirectory(prefix="mentordesk-bundle-") as home:
        desk = MentorDesk(Settings(home=Path(home), llm_provider="fake", index_builtin_guidance=True),
                          embedder=recorder)
        desk.index.precomputed = None  # record every text, not only those the bundle lacks
        desk.ensure_builtin_guidance()
        del desk
    return recorder.texts


def main(argv: Sequence[str] | None = None) -> int:
    from mentordesk.container import GUIDANCE_VECTORS
    from vectorstore.precomputed import PrecomputedVectors, write_bundle

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the bundle is current")
    args = parser.parse_args(argv)
    texts = guidance_texts()
    bundle = PrecomputedVectors(GUIDANCE_VECTORS, MINILM_NAME, 384)
    missing = len(texts) - len(bundle.lookup(texts))
    if args.check:
        print(f"{GUIDANCE_VECTORS}: {len(texts) - missing} of {len(texts)} guidance texts have a vector")
        return 1 if missing else 0
    import torch

    from vectorstore.embeddings import SentenceTransformerEmbedder

    vectors = SentenceTransformerEmbedder(precision="fp32").embed(texts)
    write_bundle(GUIDANCE_VECTORS, MINILM_NAME, texts, vectors, precision="fp32", torch=torch.__version__)
    print(f"wrote {GUIDANCE_VECTORS} ({len(texts)} texts, {missing} new or changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
