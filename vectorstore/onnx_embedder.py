"""MiniLM on ONNX Runtime: the default embedding backend.

The bundled sentence-transformers MiniLM is exported to ONNX once (with torch, which is
installed anyway), fused with ONNX Runtime's transformer graph optimiser and, by default,
quantised to int8 (dynamic, per channel). The result is cached under the data folder,
keyed by everything that shapes it (model weights, this exporter's version, torch, onnx
and onnxruntime versions, the quantisation), with a checksum: a stale, partial or corrupt
cache is rebuilt, never used.

After the export, embedding needs only ``onnxruntime``, ``tokenizers`` and numpy: a
one-shot CLI call or a query never imports torch.

The vectors are those of sentence-transformers (mean pooling over the attention mask,
then L2 normalisation). ``fp32`` (the default) gives the same vectors as sentence-transformers
and the same retrieval on every eval set; ``int8`` is within cosine 0.99 of them on the
check sentences below (the export refuses it otherwise) and about 1.3x faster, but moves retrieval by up to 5 points (measured by
``eval/embedding_backends.py`` and ``python -m eval --precision int8``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

EXPORTER_VERSION = "5"  # bump when the export, optimisation or quantisation steps change
QUANTISATIONS = ("int8", "fp32")
MAX_TOKENS = 256  # MiniLM's max_seq_length (sentence_bert_config.json)
MIN_COSINE = 0.99  # int8 vectors against float32 on the check sentences, or int8 is refused

# Sentences in the shapes the library holds (advice lines, questions, prose), for the
# check that a quantised model still embeds like the float32 one.
CHECK_SENTENCES = (
    "Negotiate on total compensation, not base alone.",
    "What did Priya say about negotiating a job offer?",
    "Send a follow-up within a week of each meeting, naming one piece of advice you will act on.",
    "Most people can only sustain one to three primary mentors at once.",
    "On Thursday I finally sat down with Dana to talk about the analyst role and the Epic certification.",
    "how many questions to prepare before a mentor session",
    "Join a startup for the people and the problem, never for the equity.",
    "The on-call changes worked (pages are down to about three a week), but our runbooks are stale.",
)


def default_cache_dir() -> Path:
    """One cache per machine and user, shared by every data folder: $MENTORDESK_MODEL_CACHE,
    else $XDG_CACHE_HOME (or ~/.cache)/mentordesk/models. ``make install`` builds it, so a
    first start does not export."""
    if os.environ.get("MENTORDESK_MODEL_CACHE"):
        return Path(os.environ["MENTORDESK_MODEL_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mentordesk" / "models"


class OnnxModelError(RuntimeError):
    """The ONNX model could not be built or loaded."""


def _cache_key(model_dir: Path, quantisation: str) -> str:
    """What the exported file depends on. The weights are identified by their size and
    first MiB, which is cheap and changes with any reinstall of the model package."""
    import onnxruntime

    weights = model_dir / "model.safetensors"
    with weights.open("rb") as fh:
        head = hashlib.sha256(fh.read(1 << 20)).hexdigest()
    parts = [EXPORTER_VERSION, quantisation, str(weights.stat().st_size), head, onnxruntime.__version__,
             _version("torch"), _version("onnx"), _version("transformers")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _version(package: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached_model(model_dir: Path, cache_root: Path, quantisation: str = "fp32") -> Path:
    """The ONNX file for ``model_dir`` under ``cache_root``, exported now if the cache does
    not hold a valid one. Writes go to a temporary folder renamed into place, so a killed
    export never leaves a half-written model that looks valid."""
    if quantisation not in QUANTISATIONS:
        raise ValueError(f"quantisation must be one of {', '.join(QUANTISATIONS)}, not {quantisation!r}")
    key = _cache_key(Path(model_dir), quantisation)
    folder = cache_root / f"minilm-{quantisation}-{key}"
    model = folder / "model.onnx"
    if _valid(folder):
        return model
    with _EXPORT_LOCK:  # torch's exporter keeps global state: two threads exporting at once fail
        if _valid(folder):  # the other thread's export
            return model
        _export_into(model_dir, cache_root, folder, key, quantisation)
    return model


_EXPORT_LOCK = threading.Lock()


def _export_into(model_dir: Path, cache_root: Path, folder: Path, key: str, quantisation: str) -> None:
    cache_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=cache_root))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the exporter's tracing notes are not for our users
            built = export(Path(model_dir), work / "model.onnx", quantisation)
        written = (work / "model.onnx").stat()
        (work / "meta.json").write_text(json.dumps({"sha256": _sha256(work / "model.onnx"), "key": key,
                                                    "size": written.st_size, "mtime_ns": written.st_mtime_ns,
                                                    **built}), encoding="utf-8")
        if not _valid(folder):  # another process may have finished the same export meanwhile
            if folder.exists():
                shutil.rmtree(folder)  # stale or corrupt: replaced, never used
            os.replace(work, folder)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _valid(folder: Path) -> bool:
    """Whether the folder holds the file its meta.json describes. The file's size and
    modification time as written are checked on every start; the checksum (0.1 s for
    90 MB) only when either has changed, which any rewrite of the file does."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        stat = (folder / "model.onnx").stat()
        if meta.get("size", stat.st_size) != stat.st_size:
            return False
        if stat.st_mtime_ns == meta.get("mtime_ns"):
            return True
        if meta.get("sha256") != _sha256(folder / "model.onnx"):
            return False
        meta.update(size=stat.st_size, mtime_ns=stat.st_mtime_ns)  # checked: the next start need not hash it
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return True
    except (OSError, ValueError):
        return False


def export(model_dir: Path, out: Path, quantisation: str = "fp32") -> dict:
    """Export, optimise and (for int8) quantise MiniLM into ``out``; returns what was
    built (the quantisation and the check cosine). Needs torch."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    work = out.parent
    raw, fused = work / "raw.onnx", work / "fused.onnx"
    # Eager attention exports the plain BERT pattern, which the optimiser fuses into one
    # Attention op (the SDPA export is left as a dozen small ops).
    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):  # keyword arguments and one output, for a stable graph
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    example = {
        "input_ids": torch.ones((2, 8), dtype=torch.long),
        "attention_mask": torch.ones((2, 8), dtype=torch.long),
        "token_type_ids": torch.zeros((2, 8), dtype=torch.long),
    }
    with torch.no_grad():
        torch.onnx.export(
            Encoder(model), (example["input_ids"], example["attention_mask"], example["token_type_ids"]), str(raw),
            input_names=list(example), output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*example, "last_hidden_state"]},
            opset_version=17, dynamo=False,
        )
    from onnxruntime.transformers.optimizer import optimize_model

    config = model.config
    optimised = optimize_model(str(raw), model_type="bert", num_heads=config.num_attention_heads,
                               hidden_size=config.hidden_size, opt_level=1)
    optimised.save_model_to_file(str(fused))
    raw.unlink()
    if quantisation == "fp32":
        os.replace(fused, out)
        return {"quantisation": "fp32"}
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The MatMuls in int8 (the fused Attention ops stay float32), except the feed-forward
    # output products (intermediate -> hidden): their input, after GELU, has the outliers
    # that per-tensor activation quantisation handles worst. On the eval chunks, min cosine
    # to float32: 0.984 with every MatMul in int8, 0.995 this way. Retrieval still moves
    # by up to 5 points on an eval set (eval/results/report.md), so int8 is not the default.
    graph = onnx.load(str(fused)).graph
    shapes = {init.name: list(init.dims) for init in graph.initializer}
    ffn_out = [node.name for node in graph.node if node.op_type == "MatMul"
               and shapes.get(node.input[1]) == [config.intermediate_size, config.hidden_size]]
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # quantize_dynamic's "consider pre-processing" note is not for our users
    try:
        quantize_dynamic(str(fused), str(out), per_channel=True, weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul"], nodes_to_exclude=ffn_out,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})  # fused ops have no inferred type
    finally:
        root.setLevel(level)
    # int8 only where it embeds like float32: else the float32 model is kept.
    cosine = float(np.min(np.sum(_embed_file(out, model_dir, CHECK_SENTENCES)
                                 * _embed_file(fused, model_dir, CHECK_SENTENCES), axis=1)))
    if cosine < MIN_COSINE:
        os.replace(fused, out)
        return {"quantisation": "fp32", "int8_refused_cosine": cosine}
    fused.unlink()
    return {"quantisation": "int8", "int8_cosine": cosine}


def _embed_file(path: Path, model_dir: Path, texts: Sequence[str]) -> np.ndarray:
    embedder = OnnxEmbedder(model_dir, path.parent, model_file=path)
    return embedder.embed(list(texts))


class OnnxEmbedder:
    """The ``Embedder`` for MiniLM on ONNX Runtime. The model is built (or read from the
    cache) on first use; ``threads`` is ONNX Runtime's intra-op thread count (None: one
    per core). Texts are embedded one at a time by default: int8 quantises each batch's
    activations with one scale, so in a batch a text's vector would depend on its
    neighbours; alone, it is the same every time, and as fast (no padding) on the eval
    chunks: 116 chunks/s against 102 in batches of 8."""

    def __init__(self, model_dir: Path | None = None, cache_dir: Path | None = None, *, name: str | None = None,
                 quantisation: str = "fp32", batch_size: int = 1, threads: int | None = None,
                 model_file: Path | None = None):
        from vectorstore.embeddings import MINILM_NAME, bundled_minilm_path

        self.model_dir = Path(model_dir) if model_dir else bundled_minilm_path()
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.name = name or (MINILM_NAME if model_dir is None else self.model_dir.name)
        self.quantisation = quantisation
        self.precision = f"onnx-{quantisation}"
        self.batch_size = batch_size
        self.threads = threads
        self.dimension = 384 if model_dir is None else int(json.loads(
            (self.model_dir / "config.json").read_text(encoding="utf-8"))["hidden_size"])
        self.model_file = model_file  # an ONNX file to run as is (the export's own check)
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def _load(self):
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                path = self.model_file or cached_model(self.model_dir, self.cache_dir, self.quantisation)
                if self.model_file is None:
                    built = json.loads((path.parent / "meta.json").read_text(encoding="utf-8"))
                    self.precision = f"onnx-{built.get('quantisation', self.quantisation)}"
                options = onnxruntime.SessionOptions()
                if self.threads:
                    options.intra_op_num_threads = self.threads
                try:
                    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
                except Exception as exc:  # a file that passed its checksum yet will not load
                    if self.model_file is None:
                        shutil.rmtree(path.parent, ignore_errors=True)
                    raise OnnxModelError(f"the cached ONNX model {path} could not be loaded ({exc}); "
                                         "it was removed and is rebuilt on the next start") from exc
                tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
                tokenizer.enable_truncation(MAX_TOKENS)
                tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
                self._inputs = {i.name for i in session.get_inputs()}
                self._tokenizer, self._session = tokenizer, session
        return self._session, self._tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        session, tokenizer = self._load()
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Batches of similar length pad less: sort by length, embed, put back in order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start: start + self.batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vectorstore.onnx_embedder [--cache DIR] [--quantisation int8|fp32]``:
    build the ONNX export now (``make install`` runs it), print where it is."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__.split("\n\n")[0] if main.__doc__ else None)
    parser.add_argument("--cache", type=Path, default=None,
                        help="cache folder (default: $MENTORDESK_MODEL_CACHE, else ~/.cache/mentordesk/models)")
    parser.add_argument("--quantisation", choices=QUANTISATIONS, default="fp32")
    args = parser.parse_args(argv)
    from vectorstore.embeddings import bundled_minilm_path

    path = cached_model(bundled_minilm_path(), args.cache or default_cache_dir(), args.quantisation)
    print(f"ONNX model ready: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
