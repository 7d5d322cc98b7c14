"""MentorDesk against the LangChain tutorial pipeline, at scale (part of ``python -m eval bench``).

One run, one generated corpus, both pipelines, the same MiniLM model on the same CPU:

- ``generate_notes``: synthetic meeting notes (front matter mentor/date/title, sections,
  bullets) recombined deterministically from the eval notes, enough for ~1k and ~10k chunks;
- ingestion throughput at each scale, re-ingest of the unchanged corpus (MentorDesk: no
  embedding work; the tutorial pipeline embeds everything again and duplicates it), and warm
  search latency p50/p95 at the largest scale;
- search latency at ~100k chunks for MentorDesk, on a library written directly through the
  store and the Chroma index with *precomputed* vectors (embedding 100k chunks with MiniLM on
  a laptop CPU takes half an hour): every chunk of the largest generated library is copied
  under other mentors and dates, its vector perturbed slightly and renormalised;
- whether the keyword (BM25) index is built once, not per query.

The tutorial pipeline is what a user would write from the LangChain RAG tutorial:
``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``,
``HuggingFaceEmbeddings`` on the same MiniLM weights (local path, offline),
``Chroma.from_documents`` into a persist directory, ``similarity_search(k=5)``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from eval.metrics import latency_summary

Progress = Callable[[str], None]
CHUNKS_PER_NOTE = 5.2  # MentorDesk chunks per generated note (measured: 246 chunks from 47 notes)
MENTORS = (
    "Priya Raman", "Carlos Mendez", "Hannah Okafor", "Daniel Brooks", "Mei Lin Zhou", "Tomás Ferreira",
    "Aisha Bello", "Jonas Weber", "Sofia Rossi", "Kenji Watanabe", "Leila Haddad", "Owen Gallagher",
)
COMPANIES = ("Tidewell", "Larkspur", "Northwind", "Brightpath", "Quillon", "Harbor Labs", "Meridian", "Oakline")
SEARCH_QUERIES = (
    "What did my mentor say about negotiating a job offer?",
    "How should I prepare for a promotion conversation?",
    "advice about on-call burnout",
    "staff engineer track or manager track",
    "How often should we meet?",
    "what to do in the first 90 days as a new manager",
    "giving feedback to a peer who missed a deadline",
    "Who should I ask for an introduction?",
    "keep a weekly energy log",
    "how to run a trial quarter",
)


# ----- corpus -------------------------------------------------------------------------
def _parse_note(text: str) -> tuple[dict, list[str]]:
    _, front, body = text.split("---", 2)
    meta = {}
    for line in front.strip().splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip().strip('"')
    sections = ["## " + s.strip() for s in re.split(r"^## ", body, flags=re.M)[1:]]
    return meta, sections


def generate_notes(source: Path, target: Path, count: int) -> Path:
    """Write ``count`` notes under ``target``: note i takes its title and first sections from
    one eval note and its later sections from another, under a rotated mentor, a date one
    day after the previous note, and a line naming a company and a session number, so no two
    notes are identical. Deterministic: the same count gives the same files."""
    originals = [_parse_note(p.read_text(encoding="utf-8")) for p in sorted(source.glob("*.md"))]
    target.mkdir(parents=True, exist_ok=True)
    start = dt.date(2019, 1, 7)
    for i in range(count):
        meta, sections = originals[i % len(originals)]
        _, other = originals[(i * 7 + 3) % len(originals)]
        mentor = MENTORS[i % len(MENTORS)]
        old_first, new_first = meta["mentor"].split()[0], mentor.split()[0]
        half = max(1, len(sections) // 2)
        body = sections[:half] + other[half:] if len(other) > half else sections
        text = "\n\n".join(body).replace(meta["mentor"], mentor).replace(old_first, new_first)
        date = start + dt.timedelta(days=i)
        company = COMPANIES[(i // len(MENTORS)) % len(COMPANIES)]
        note = (
            f"---\nmentor: {mentor}\ndate: {date.isoformat()}\ntitle: \"{meta['title']} (session {i + 1})\"\n---\n\n"
            f"## Context\n- Session {i + 1} with {mentor}; we talked about my work at {company}.\n\n{text}\n"
        )
        (target / f"{date.isoformat()}-{i:05d}.md").write_text(note, encoding="utf-8")
    return target


def notes_for_chunks(chunks: int) -> int:
    return max(1, round(chunks / CHUNKS_PER_NOTE))


# ----- MentorDesk ---------------------------------------------------------------------
def _desk(home: Path, embedder, memory_vectors: bool = True):
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    settings = Settings(home=home, llm_provider="fake", index_builtin_guidance=False, memory_vectors=memory_vectors)
    desk = MentorDesk(settings, embedder=embedder)
    desk.chroma.count()
    return desk


def mentordesk_ingest(folder: Path, home: Path, embedder) -> tuple[dict, object]:
    desk = _desk(home, embedder)
    started = time.perf_counter()
    report = desk.ingest.ingest_paths([folder], kind="notes")
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again = desk.ingest.ingest_paths([folder], kind="notes")
    reingest = time.perf_counter() - started
    notes = sum(1 for _ in folder.glob("*.md"))
    return {
        "notes": notes, "chunks": report.chunks_embedded, "seconds": cold,
        "chunks_per_second": report.chunks_embedded / cold, "notes_per_second": notes / cold,
        "reingest_seconds": reingest, "reingest_chunks_embedded": again.chunks_embedded,
        "index_count_after_reingest": desk.chroma.count(),
    }, desk


def mentordesk_search(desk, rounds: int, embedder) -> dict:
    """Warm hybrid search, without and with a mentor filter, as the app runs it (vectors in
    memory after ``warm_up``) and as a one-shot command runs it (dense part through Chroma's
    own query), on the same library and queries."""
    from vectorstore.filters import SearchFilter

    chroma_only = _desk(desk.settings.home, embedder, memory_vectors=False)
    desk.index.warm_up()
    chroma_only.index.warm_up()  # builds its keyword index; it keeps no vectors
    keys = sorted(desk.index.mentor_names())
    timings: dict[str, list[float]] = {}
    runs = (("hybrid", desk, False), ("hybrid+mentor filter", desk, True),
            ("hybrid, dense via Chroma query", chroma_only, False),
            ("hybrid+mentor filter, dense via Chroma query", chroma_only, True))
    for round_number in range(rounds + 1):  # round 0 warms up and is not counted
        for n, query in enumerate(SEARCH_QUERIES):
            for mode, searcher, filtered in runs:
                flt = SearchFilter(mentors=(keys[n % len(keys)],)) if filtered else None
                started = time.perf_counter()
                searcher.index.search(query, k=5, flt=flt)
                if round_number:
                    timings.setdefault(mode, []).append(time.perf_counter() - started)
    return {mode: latency_summary(values) for mode, values in timings.items()}


EMBEDDING_SETUPS = (("fp32", 64), ("fp32", 16), ("bf16", 16), ("bf16", 32))


def embedding_setups(texts: Sequence[str], progress: Progress) -> list[dict]:
    """The embedding model alone on the same chunk texts at each (precision, batch size):
    texts/s, and how close the vectors are to float32 (cosine, min and mean). fp32 with
    batch 64 was MentorDesk's setting before bfloat16; bf16 rows run only on a CPU with
    native bfloat16 (elsewhere it is emulated and slower, and ``auto`` picks fp32)."""
    from vectorstore.embeddings import SentenceTransformerEmbedder, cpu_has_fast_bf16

    rows, reference = [], None
    for precision, batch in EMBEDDING_SETUPS:
        if precision == "bf16" and not cpu_has_fast_bf16():
            continue
        progress(f"bench: embedding {len(texts)} chunk texts at {precision}, batch {batch}")
        embedder = SentenceTransformerEmbedder(precision=precision, batch_size=batch)
        embedder.embed(list(texts[:64]))  # load and warm up
        started = time.perf_counter()
        vectors = embedder.embed(texts)
        seconds = time.perf_counter() - started
        if reference is None:
            reference = vectors
        cosine = np.sum(vectors * reference, axis=1)
        rows.append({"precision": precision, "batch_size": batch, "texts": len(texts), "seconds": seconds,
                     "texts_per_second": len(texts) / seconds,
                     "cosine_to_fp32_min": float(cosine.min()), "cosine_to_fp32_mean": float(cosine.mean())})
    return rows


# ----- the LangChain tutorial pipeline ------------------------------------------------
def tutorial_embeddings():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from langchain_huggingface import HuggingFaceEmbeddings

    from vectorstore.embeddings import bundled_minilm_path

    embeddings = HuggingFaceEmbeddings(model_name=str(bundled_minilm_path()))
    embeddings.embed_query("warm up")
    return embeddings


def _tutorial_load_and_split(folder: Path):
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    docs = [Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": str(p)})
            for p in sorted(folder.glob("*.md"))]
    return RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)


def tutorial_ingest(folder: Path, persist: Path, embeddings, reingest: bool) -> tuple[dict, object]:
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    client_settings = ChromaSettings(anonymized_telemetry=False, is_persistent=True, persist_directory=str(persist))
    started = time.perf_counter()
    splits = _tutorial_load_and_split(folder)
    store = Chroma.from_documents(splits, embeddings, persist_directory=str(persist), client_settings=client_settings)
    cold = time.perf_counter() - started
    out = {"notes": sum(1 for _ in folder.glob("*.md")), "chunks": len(splits), "seconds": cold,
           "chunks_per_second": len(splits) / cold, "notes_per_second": sum(1 for _ in folder.glob("*.md")) / cold,
           "count": store._collection.count()}
    if reingest:  # what the tutorial does when run again on the same folder
        started = time.perf_counter()
        store = Chroma.from_documents(_tutorial_load_and_split(folder), embeddings, persist_directory=str(persist),
                                      client_settings=client_settings)
        out["reingest_seconds"] = time.perf_counter() - started
        out["count_after_reingest"] = store._collection.count()
    return out, store


def tutorial_search(store, rounds: int) -> dict:
    timings = []
    for round_number in range(rounds + 1):
        for query in SEARCH_QUERIES:
            started = time.perf_counter()
            store.similarity_search(query, k=5)
            if round_number:
                timings.append(time.perf_counter() - started)
    return {"similarity_search": latency_summary(timings)}


# ----- ~100k chunks from precomputed vectors ------------------------------------------
def build_scaled_library(source_desk, home: Path, embedder, copies: int, progress: Progress) -> dict:
    """A library of ``copies`` x the source library's chunks, written straight into the store
    and the Chroma index: each copy of a note gets another mentor and date, each vector a
    small deterministic perturbation (Gaussian, sigma 0.01 per dimension, renormalised)."""
    from store.tables import Chunk, Document
    from vectorstore.library_index import chunk_metadata, index_text

    desk = _desk(home, embedder)
    got = source_desk.chroma.collection.get(include=["embeddings"])
    vectors = dict(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
    from sqlalchemy import select

    with source_desk.db.session() as session:
        rows = list(session.execute(select(Document, Chunk).join(Chunk).order_by(Document.id, Chunk.position)))
        source_docs: dict[int, tuple] = {}
        for doc, chunk in rows:
            entry = source_docs.setdefault(doc.id, (doc.title, doc.date, doc.content_hash, []))
            entry[3].append((chunk.id, chunk.position, chunk.heading, chunk.text))
    rng = np.random.default_rng(5)
    started = time.perf_counter()
    total = 0
    for copy in range(copies):
        ids, vecs, texts, metas = [], [], [], []
        with desk.db.session() as session:
            for n, (doc_id, (title, date, digest, chunks)) in enumerate(source_docs.items()):
                mentor = MENTORS[(n + copy * 5) % len(MENTORS)]
                doc = Document(source=f"/scaled/copy{copy:03d}/{doc_id}.md", kind="notes", title=title, mentor=mentor,
                               date=(date or dt.date(2020, 1, 1)) + dt.timedelta(days=3 * copy), tags=[],
                               content_hash=f"{digest[:50]}{copy:03d}", text="")
                session.add(doc)
                session.flush()
                for chunk_id, position, heading, text in chunks:
                    chunk = Chunk(id=f"{chunk_id[:48]}c{copy:03d}", document_id=doc.id, position=position,
                                  heading=heading, text=text)
                    session.add(chunk)
                    meta = chunk_metadata(doc, chunk)
                    vector = vectors[chunk_id] + rng.normal(0, 0.01, vectors[chunk_id].shape).astype(np.float32)
                    ids.append(chunk.id)
                    vecs.append(vector / np.linalg.norm(vector))
                    texts.append(index_text(meta, text))
                    metas.append(meta)
            session.commit()
        desk.chroma.upsert(ids, np.vstack(vecs), texts, metas)
        total += len(ids)
        progress(f"bench: 100k library, copy {copy + 1}/{copies}: {total} chunks, {time.perf_counter() - started:.0f} s")
    return {"desk": desk, "chunks": total, "build_seconds": time.perf_counter() - started,
            "distinct_vectors": len(vectors), "copies": copies}


def keyword_index_builds(desk, rounds: int, embedder) -> tuple[dict, dict]:
    """Search latency with a counter on KeywordIndex construction: the app's warm-up builds
    the BM25 index from the store and loads the vectors (timed alone), queries must reuse
    them."""
    import vectorstore.library_index as library_index

    original = library_index.KeywordIndex
    built = {"count": 0}

    class CountingKeywordIndex(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            built["count"] += 1
            super().__init__(*args, **kwargs)

    library_index.KeywordIndex = CountingKeywordIndex
    try:
        started = time.perf_counter()
        _ = desk.index.keyword
        keyword_seconds = time.perf_counter() - started
        started = time.perf_counter()
        desk.index.warm_up()
        vectors_seconds = time.perf_counter() - started
        latency = mentordesk_search(desk, rounds, embedder)
    finally:
        library_index.KeywordIndex = original
    queries = (rounds + 1) * len(SEARCH_QUERIES) * 4
    return latency, {"keyword_build_seconds": keyword_seconds, "vector_load_seconds": vectors_seconds,
                     "keyword_index_builds": built["count"], "queries": queries, "library_indexes": 2}


# ----- the whole comparison -----------------------------------------------------------
def run(notes_source: Path, work: Path, embedder, *, scales: Sequence[int], scaled_copies: int, rounds: int,
        progress: Progress) -> dict:
    """``scales``: target chunk counts (e.g. 1000, 10000); the largest gets search latency
    and is the source of the ``scaled_copies`` x library (0 skips it)."""
    from vectorstore.library_index import index_text

    embeddings = tutorial_embeddings()
    out: dict = {"queries": len(SEARCH_QUERIES), "scales": [], "tutorial": {"splitter": "RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)",
                                            "embeddings": "HuggingFaceEmbeddings(bundled MiniLM path)",
                                            "store": "Chroma.from_documents(persist_directory)"}}
    out["mentordesk_embedder"] = {"precision": getattr(embedder, "precision", None),
                                  "batch_size": getattr(embedder, "batch_size", None)}
    largest_desk = None
    for n, target in enumerate(scales):
        folder = generate_notes(notes_source, work / f"corpus-{target}", notes_for_chunks(target))
        last = n == len(scales) - 1
        progress(f"bench: compare at ~{target} chunks ({notes_for_chunks(target)} notes): MentorDesk")
        md, desk = mentordesk_ingest(folder, work / f"md-{target}", embedder)
        progress(f"bench: compare at ~{target} chunks: tutorial pipeline")
        # The tutorial re-ingest re-embeds everything: timed at the first scale only, to keep the run short.
        tut, store = tutorial_ingest(folder, work / f"tutorial-{target}", embeddings, reingest=(n == 0))
        row = {"target_chunks": target, "mentordesk": md, "tutorial": tut,
               "throughput_ratio": md["chunks_per_second"] / tut["chunks_per_second"],
               "notes_per_second_ratio": md["notes_per_second"] / tut["notes_per_second"]}
        if last:
            progress(f"bench: search latency at {md['chunks']} chunks")
            row["search_ms"] = mentordesk_search(desk, rounds, embedder) | tutorial_search(store, rounds)
            largest_desk = desk
        if n == 0:
            texts = [index_text(c.meta, c.text) for c in desk.index.load_all_chunks()]
            out["embedding_setups"] = embedding_setups(texts, progress)
        out["scales"].append(row)
        del store
    if scaled_copies and largest_desk is not None:
        scaled = build_scaled_library(largest_desk, work / "md-scaled", embedder, scaled_copies, progress)
        progress(f"bench: search latency at {scaled['chunks']} chunks")
        latency, keyword = keyword_index_builds(scaled["desk"], rounds, embedder)
        out["scaled"] = {k: v for k, v in scaled.items() if k != "desk"} | {"search_ms": latency, "keyword": keyword}
    return out
