"""Where ingestion's embedding time goes: tokens embedded and seconds per backend setting.

    python -m eval.embed_tokens [--notes 300]

On the 300 generated notes of ``eval.ingest_race``: the texts MentorDesk embeds when it
ingests them (each chunk with its title line) and the chunks of the LangChain tutorial
pipeline (RecursiveCharacterTextSplitter 1000/200), counted in MiniLM's tokens; then the
MentorDesk texts embedded again, in process, with ONNX Runtime fp32 on all cores, on one
core, in batches of 8, and int8 (cosine of each int8 vector to its fp32 one). Prints a
table with the CPU; writes nothing. It says how far fewer tokens or int8 could take the
ingest race (issue 11's 2x), not what the race is.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mentordesk_texts(notes: Path, home: Path) -> list[str]:
    """The texts the app embeds when it ingests ``notes`` (recorded, then embedded for real)."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings
    from vectorstore import onnx_embedder

    seen: list[str] = []
    original = onnx_embedder.OnnxEmbedder.embed

    def recording(self, texts):
        seen.extend(texts)
        return original(self, texts)

    onnx_embedder.OnnxEmbedder.embed = recording  # type: ignore[method-assign]
    try:
        desk = MentorDesk(Settings(home=home, llm_provider="fake", index_builtin_guidance=False))
        desk.ingest.ingest_paths([notes], kind="notes")
    finally:
        onnx_embedder.OnnxEmbedder.embed = original  # type: ignore[method-assign]
    return seen


def main(argv=None) -> int:
    import numpy as np
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from tokenizers import Tokenizer

    from eval.compare import generate_notes
    from eval.report import machine_info
    from vectorstore.embeddings import bundled_minilm_path
    from vectorstore.onnx_embedder import OnnxEmbedder

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=300)
    args = parser.parse_args(argv)
    info = machine_info()
    tokenizer = Tokenizer.from_file(str(bundled_minilm_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()

    def tokens(texts: list[str]) -> int:
        return sum(len(e.ids) for e in tokenizer.encode_batch(texts))

    with tempfile.TemporaryDirectory(prefix="mentordesk-tokens-") as work:
        notes = Path(generate_notes(ROOT / "eval" / "data" / "notes", Path(work) / "notes", args.notes))
        ours = mentordesk_texts(notes, Path(work) / "home")
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        theirs = [c for p in sorted(notes.rglob("*.md")) for c in splitter.split_text(p.read_text(encoding="utf-8"))]
    heads = tokens([t.split("\n", 1)[0] for t in ours]) - 2 * len(ours)
    print(f"CPU: {info['cpu']} ({info['flags']}), {info['usable_cores']} cores")
    print(f"MentorDesk: {len(ours)} texts, {tokens(ours)} tokens (title lines {heads}); "
          f"tutorial: {len(theirs)} chunks, {tokens(theirs)} tokens")

    def timed(embedder) -> tuple[float, np.ndarray]:
        embedder.embed(["warm up"])
        started = time.perf_counter()
        vectors = embedder.embed(ours)
        return time.perf_counter() - started, vectors

    fp32_seconds, fp32 = timed(OnnxEmbedder())
    rows = [("ONNX fp32, all cores, one text at a time", fp32_seconds, None)]
    rows.append(("ONNX fp32, one core", timed(OnnxEmbedder(threads=1))[0], None))
    rows.append(("ONNX fp32, batches of 8 by length", timed(OnnxEmbedder(batch_size=8))[0], None))
    int8_seconds, int8 = timed(OnnxEmbedder(quantisation="int8"))
    cosine = (int8 * fp32).sum(axis=1)
    rows.append(("ONNX int8 (dynamic)", int8_seconds, f"cosine to fp32 min {cosine.min():.4f}, mean {cosine.mean():.4f}"))
    total = tokens(ours)
    print("| setting | seconds | tokens/s | x fp32 | note |\n|---|---|---|---|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds:.2f} | {total / seconds:,.0f} | {fp32_seconds / seconds:.2f} | {note or ''} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
