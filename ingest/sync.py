"""Incremental, idempotent ingestion into the store and the index.

For every file: load it, hash it, and compare with what the store already holds.
Unchanged files cost one hash and no embedding. Changed files keep the chunks whose text
did not change and embed only the new ones. Files deleted from an ingested folder are
removed from the store and the index.

Order of writes, so that a failure never loses or hides saved data: new vectors are
written to the index first (an index entry with no store row is ignored by search), then
the store is committed in one transaction, then stale vectors are deleted.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ingest.chunking import CHUNKER_VERSION, chunk_text
from ingest.frontmatter import FrontMatter
from ingest.hashing import chunk_id, content_hash
from ingest.limits import (
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
    LimitError,
    check_text,
    check_upload,
    read_bounded,
)
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedFile, LoadError, load_bytes, load_file, read_textbundle
from ingest.note_meta import MEETING_WORDS, first_line, note_facts, note_stem, title_line
from store.engine import Database
from store.errors import UserError
from store.generation import bump_generation
from store.kinds import DOCUMENT_KINDS
from store.locks import index_write_lock
from store.scope import LOCAL, RESERVED
from store.tables import Chunk, Document
from vectorstore.library_index import IndexedChunk, LibraryIndex, chunk_metadata

logger = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int], None]


class MentorResolver(Protocol):
    """The tracking table, asked by ingestion (mentordesk.relationships.notes_sync.mentor_resolver)."""

    def __call__(self, source: str, mentor: str | None, hints: tuple[str, ...], text: str = "") -> str | None:
        """The mentor's name in the table, from the user's review choice, the stated name or
        the hints; None when the table cannot say."""

    def knows(self, hints: tuple[str, ...], text: str) -> bool:
        """True when the hints name someone of the table, one person or several."""

# Part of every document's content hash: raise it when loading or reading metadata changes,
# so the next ingest re-reads every file instead of skipping it as unchanged (chunks whose
# text and metadata did not change keep their vectors).
READER_VERSION = "16"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_total: int = 0

    @property
    def read_anything(self) -> bool:
        return bool(self.added or self.replaced or self.unchanged or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped; {self.chunks_embedded} chunks embedded"
        )

    def to_dict(self) -> dict:
        return {
            "added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
            "removed": self.removed, "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "chunks_embedded": self.chunks_embedded, "chunks_total": self.chunks_total,
        }


@dataclass
class _Plan:
    """What one file will change: its document fields and its full list of chunks."""

    source: str
    display: str
    kind: str
    meta: FrontMatter
    text: str
    digest: str
    chunks: list[tuple[str, int, str | None, str]]  # (id, position, heading, text)
    replacing: bool


def _chunk_context(kind: str, meta: FrontMatter) -> str:
    # Metadata is part of a chunk's id: a note moved to another mentor or date is re-indexed.
    return f"{kind}|{meta.title or ''}|{meta.mentor or ''}|{meta.date or ''}"


BATCH_FILES = 25  # files embedded and committed together (see _plan_and_apply)


class IngestService:
    def __init__(self, db: Database, index: LibraryIndex, on_change: Callable[[], object] | None = None,
                 mentor_resolver: Callable[[], MentorResolver] | None = None):
        self.db = db
        self.index = index
        # Whose documents these are (store.scope). Lookups by source are limited to them:
        # the session also reads the shared guidance, which this service must never take
        # for one of the user's files.
        self.owner = db.scope.owner or LOCAL
        # Gives a note's mentor as the tracking table spells it ("amara" in a file name ->
        # "Amara Nwosu"), so search's mentor filter and citations name the right person.
        # A factory: it reads the table once per ingestion.
        self._mentor_resolver = mentor_resolver
        # Called after every ingestion or deletion, so services derived from the store
        # (meetings from notes) follow every entry point: CLI, upload, notes written in the app.
        self.on_change = on_change

    # ----- public entry points -------------------------------------------------------
    def ingest_paths(
        self, paths: Iterable[str | Path], kind: str | None = None, progress: ProgressFn | None = None
    ) -> IngestReport:
        _check_kind(kind)
        report = IngestReport()
        files: list[tuple[Path, str]] = []
        folders: list[Path] = []
        for raw in paths:
            path = Path(raw).expanduser()
            if not path.exists():
                report.skipped.append((str(raw), "does not exist"))
            elif path.is_dir() and path.suffix.lower() != ".textbundle":  # (a bundle is one note)
                folders.append(path.resolve())
                files.extend((file.resolve(), str(file)) for file in _files_in(path))
            else:
                files.append((path.resolve(), str(raw)))
        # A file named twice (a folder and a file in it, overlapping folders) is read once:
        # two plans for one source would write the same chunk ids twice.
        unique: dict[Path, str] = {}
        for path, display in files:
            unique.setdefault(path, display)
        loaded = _read_files([(str(path), display, path) for path, display in unique.items()], report, progress)
        stale = self._stale_sources(folders, {source for source, *_ in loaded})
        return self._plan_and_apply(loaded, kind, stale, report, progress)

    def ingest_builtin(self, folder: Path, kind: str = "guidance", prefix: str = "builtin",
                       progress: ProgressFn | None = None) -> IngestReport:
        """Ingest the files shipped with the code (the built-in guidance) under sources that
        do not depend on where the code is installed: ``builtin/cadence.md``. A file gone
        from a new release leaves the library; so do the copies an older release indexed
        under its install path (``/old/venv/.../knowledge/cadence.md``), which would
        otherwise answer twice after a reinstall elsewhere."""
        _check_kind(kind)
        report = IngestReport()
        files = _files_in(folder)
        named = [(path, path.relative_to(folder).as_posix()) for path in files]
        loaded = _read_files([(f"{prefix}/{display}", display, path) for path, display in named], report, progress)
        seen = {source for source, *_ in loaded}
        names = {path.name for path in files}
        with self.db.session() as session:
            indexed = session.execute(select(Document.source, Document.kind).where(self._own)).all()
        stale = [source for source, doc_kind in indexed if source not in seen and (
            source.startswith(f"{prefix}/")
            or (doc_kind == kind and Path(source).is_absolute() and Path(source).parent.name == folder.name
                and Path(source).name in names))]
        return self._plan_and_apply(loaded, kind, stale, report, progress)

    def ingest_uploads(
        self, files: Sequence[tuple[str, bytes]], kind: str | None = None, progress: ProgressFn | None = None,
        prefix: str = "upload",
    ) -> IngestReport:
        """Ingest uploaded files (no file on disk) in one batch, each as source upload/NAME:
        one embedding pass, one transaction and one report for all of them."""
        _check_kind(kind)
        report = IngestReport()
        loaded: list[tuple[str, str, LoadedFile, bytes]] = []
        for number, (name, data) in enumerate(files, 1):
            if progress:
                progress("reading", number, len(files))
            result = _load_or_report(name, name, _returning(data), report)
            if result is not None:
                loaded.append((f"{prefix}/{name}", name, *result))
        return self._plan_and_apply(loaded, kind, [], report, progress)

    def ingest_bytes(self, name: str, data: bytes, kind: str | None = None,
                     progress: ProgressFn | None = None) -> IngestReport:
        """Ingest one uploaded file (source upload/NAME)."""
        return self.ingest_uploads([(name, data)], kind, progress)

    def ingest_text(
        self, source: str, text: str, *, kind: str, title: str | None = None, mentor: str | None = None,
        date: dt.date | None = None, tags: list[str] | None = None,
    ) -> IngestReport:
        """Ingest text written in the app, such as a meeting note (source like note:12)."""
        _check_kind(kind)
        report = IngestReport()
        if not text.strip():
            report.skipped.append((source, "is empty"))
            return report
        meta = FrontMatter(title=title, mentor=mentor, date=date, tags=list(tags or []))
        loaded = LoadedFile(text, meta)
        fingerprint = f"{text}\x00{title}\x00{mentor}\x00{date}\x00{tags}".encode()
        return self._plan_and_apply([(source, title or source, loaded, fingerprint)], kind, [], report, None)

    def rechunk_stale(self, session=None) -> int:
        """Re-cut, from its stored text, every document an older chunker cut; the caller
        re-embeds (``reindex``). Returns how many documents were re-cut. Given a session,
        the work joins its transaction (an import restores and cuts in one commit)."""
        if session is None:
            with self.db.session() as own_session:
                return self.rechunk_stale(own_session)
        done = 0
        stale = session.scalars(select(Document).where(self._own).where(
            (Document.chunker_version.is_(None)) | (Document.chunker_version != CHUNKER_VERSION))).all()
        for doc in stale:
            meta = FrontMatter(title=doc.title, mentor=doc.mentor, date=doc.date, tags=list(doc.tags or []))
            chunks = _chunks(doc.source, doc.kind, meta, _chunkable(doc.text, doc.kind, doc.source), self.owner)
            doc.chunks.clear()
            session.flush()  # the old rows go before new ones that may share their ids
            doc.chunks.extend(Chunk(id=cid, position=position, heading=heading, text=text)
                              for cid, position, heading, text in chunks)
            doc.chunker_version = CHUNKER_VERSION
            done += 1
        if done:
            bump_generation(session)
        return done

    def delete_sources(self, sources: Iterable[str]) -> int:
        """Remove documents (and their chunks, from store and index). Returns how many."""
        report = IngestReport()
        self._apply([], list(sources), report, None)
        return len(report.removed)

    @property
    def _own(self):
        return Document.owner == self.owner

    def _plan_and_apply(self, loaded, kind: str | None, stale: list[str], report: IngestReport,
                        progress: ProgressFn | None) -> IngestReport:
        """Plan against the store, then write. Another process may write the same documents
        between the two (two ingests of one folder, two app processes indexing the built-in
        guidance on a fresh team database): the losing transaction then fails on a unique
        key, and planning once more against what the other one wrote settles it."""
        reading = IngestReport(skipped=list(report.skipped))  # what reading the files found
        for attempt in (1, 2):
            try:
                plans = self._plan(loaded, kind, report)
                # In batches, each embedded and committed on its own: a long ingest that is
                # killed loses at most one batch, and the next run skips what was committed.
                batches = [plans[i:i + BATCH_FILES] for i in range(0, len(plans), BATCH_FILES)] or [[]]
                for number, batch in enumerate(batches, 1):
                    last = number == len(batches)
                    self._apply(batch, stale if last else [], report, progress, notify=last)
                return report
            except IntegrityError:
                if attempt == 2:
                    raise UserError("another process was writing the same documents at the same time; "
                                    "run the command again") from None
                report.__dict__.update(IngestReport(skipped=list(reading.skipped)).__dict__)
        return report

    # ----- planning ------------------------------------------------------------------
    def _plan(
        self, loaded: list[tuple[str, str, LoadedFile, bytes]], kind: str | None, report: IngestReport
    ) -> list[_Plan]:
        with self.db.session() as session:
            known = dict(session.execute(select(Document.source, Document.content_hash).where(self._own)).all())
        plans: list[_Plan] = []
        # Only notes have mentors: ingesting the built-in guidance at start-up reads no table.
        resolve = (self._mentor_resolver() if self._mentor_resolver is not None and loaded
                   and kind in (None, "notes") else None)
        for source, display, file, raw in loaded:
            meta, hints, table_date = _with_note_facts(file, display, kind)
            try:
                _bound_names(meta)
            except LimitError as exc:
                report.skipped.append((display, str(exc)))
                continue
            # Named only by hints: a note when the table knows them (the sync places it, or
            # files it for review when two people share the name).
            table_knows = table_date is not None and resolve is not None and resolve.knows(hints, file.text)
            if table_knows:
                meta.date = meta.date or table_date
            doc_kind = kind or ("notes" if meta.mentor or table_knows else "documents")
            if doc_kind == "notes" and resolve is not None:
                meta.mentor = resolve(source, meta.mentor, hints, file.text) or meta.mentor
            # The resolved mentor is part of the hash: when the table or a review choice
            # changes who a note is with, the next ingest re-indexes it under that name.
            digest = content_hash(f"{READER_VERSION}\x00{doc_kind}\x00{meta.mentor or ''}".encode() + b"\x00" + raw)
            if known.get(source) == digest:
                report.unchanged.append(display)
                continue
            text = _chunkable(file.text, doc_kind, display)
            if meta.title is None:
                meta.title = title_line(text, meeting=doc_kind == "notes") or _title_from(display)
            chunks = _chunks(source, doc_kind, meta, text, self.owner)
            if not chunks:
                report.skipped.append((display, "has no text to index"))
                continue
            plans.append(_Plan(source, display, doc_kind, meta, file.text, digest, chunks, source in known))
        return plans

    def _stale_sources(self, folders: list[Path], seen: set[str]) -> list[str]:
        """Documents that lived in an ingested folder but whose file is gone."""
        if not folders:
            return []
        with self.db.session() as session:
            sources = session.scalars(select(Document.source).where(self._own)).all()
        stale = []
        for source in sources:
            path = Path(source)
            if source in seen or not path.is_absolute():
                continue
            if any(folder in path.parents for folder in folders) and not path.exists():
                stale.append(source)
        return stale

    # ----- applying ------------------------------------------------------------------
    def _apply(self, plans: list[_Plan], stale: list[str], report: IngestReport, progress: ProgressFn | None,
               notify: bool = True) -> None:
        # The vectors go in before the chunks commit: a rebuild or repair in another process
        # must not take them for orphans in between (store.locks).
        with index_write_lock(self.db.engine, self.owner):
            self._apply_locked(plans, stale, report, progress)
        if notify and self.on_change is not None:
            self.on_change()

    def _apply_locked(self, plans: list[_Plan], stale: list[str], report: IngestReport,
                      progress: ProgressFn | None) -> None:
        with self.db.session() as session:
            old_ids: dict[str, set[str]] = {}
            for plan in plans:
                if plan.replacing:
                    old_ids[plan.source] = set(
                        session.scalars(select(Chunk.id).join(Document).where(self._own, Document.source == plan.source))
                    )
        new_chunks: list[IndexedChunk] = []
        for plan in plans:
            existing = old_ids.get(plan.source, set())
            doc_meta = _doc_stub(plan, self.owner)
            for cid, position, _heading, text in plan.chunks:
                if cid not in existing:
                    new_chunks.append(IndexedChunk(cid, text, chunk_metadata(doc_meta, Chunk(position=position))))
        if new_chunks:
            self.index.add(new_chunks, (lambda done, total: progress("embedding", done, total)) if progress else None)
        report.chunks_embedded += len(new_chunks)

        stale_ids: list[str] = []
        with self.db.session() as session:
            for plan in plans:
                doc = session.scalar(select(Document).where(self._own, Document.source == plan.source))
                if doc is None:
                    doc = Document(source=plan.source)
                    session.add(doc)
                    report.added.append(plan.display)
                else:
                    report.replaced.append(plan.display)
                doc.kind, doc.title, doc.mentor = plan.kind, plan.meta.title, plan.meta.mentor
                doc.date, doc.tags = plan.meta.date, plan.meta.tags
                doc.content_hash, doc.text, doc.chunker_version = plan.digest, plan.text, CHUNKER_VERSION
                keep = {cid for cid, *_ in plan.chunks}
                for chunk in list(doc.chunks):
                    if chunk.id not in keep:
                        stale_ids.append(chunk.id)
                        doc.chunks.remove(chunk)
                have = {chunk.id for chunk in doc.chunks}
                session.flush()  # delete dropped chunks before inserting, ids may repeat
                for cid, position, heading, text in plan.chunks:
                    if cid not in have:
                        doc.chunks.append(Chunk(id=cid, position=position, heading=heading, text=text))
                report.chunks_total += len(plan.chunks)
            for source in stale:
                doc = session.scalar(select(Document).where(self._own, Document.source == source))
                if doc is not None:
                    stale_ids.extend(chunk.id for chunk in doc.chunks)
                    session.delete(doc)
                    report.removed.append(source)
            generation = bump_generation(session) if (plans or report.removed) else None
            if generation is not None:  # the keyword rows commit with the chunks they index
                self.index.write_keywords(session, new_chunks, stale_ids, generation)
        if stale_ids:
            self.index.remove(stale_ids)
        if generation is not None:
            self.index.mark_current(generation)


def _files_in(folder: Path) -> list[Path]:
    """The files of a folder and its subfolders, in order, without hidden ones (.git, .obsidian).
    Links to folders are not followed (a link loop would never end); pipes and devices are
    left for the reader to refuse by name."""
    found: list[Path] = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        # a "Note.textbundle" folder (Bear, Ulysses) is one note, read whole
        bundles = [d for d in dirs if d.lower().endswith(".textbundle")]
        found.extend(Path(top) / name for name in bundles)
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in bundles]
        found.extend(Path(top) / name for name in files if not name.startswith("."))
    return sorted(found)


def _bound_names(meta: FrontMatter) -> None:
    """A mentor name longer than a name can be is an error (it would fail the whole batch on
    PostgreSQL); an overlong title is cut."""
    if meta.mentor and len(meta.mentor) > MAX_NAME_CHARS:
        raise LimitError(f"names a mentor of {len(meta.mentor)} characters; a name has at most {MAX_NAME_CHARS}")
    if meta.title and len(meta.title) > MAX_TITLE_CHARS:
        meta.title = meta.title[: MAX_TITLE_CHARS - 1].rstrip() + "…"


def _read_files(files: Sequence[tuple[str, str, Path]], report: IngestReport,
                progress: ProgressFn | None) -> list[tuple[str, str, LoadedFile, bytes]]:
    """(source, display, loaded file, raw bytes) for each (source, display, path) that loads;
    the others are reported as skipped."""
    loaded: list[tuple[str, str, LoadedFile, bytes]] = []
    for number, (source, display, path) in enumerate(files, 1):
        if progress:
            progress("reading", number, len(files))
        read = functools.partial(read_textbundle if path.is_dir() else read_bounded, path)
        result = _load_or_report(display, path.name, read, report)
        if result is not None:
            loaded.append((source, display, *result))
    return loaded


def _returning(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _load_or_report(
    display: str, name: str, read: Callable[[], bytes], report: IngestReport
) -> tuple[LoadedFile, bytes] | None:
    """Read and parse one file; a problem is added to the report as a skipped file."""
    try:
        data = read()
        check_upload(data)
        loaded = load_bytes(name, data)
        check_text(loaded.text)
        return loaded, data
    except (LoadError, LimitError) as exc:
        report.skipped.append((display, str(exc)))
    except OSError as exc:
        report.skipped.append((display, f"cannot be read: {exc.strerror or exc}"))
    except Exception as exc:  # a parser bug on one odd file must not stop the others
        logger.exception("loading %s failed", display)
        report.skipped.append((display, f"could not be parsed ({exc.__class__.__name__}: {exc})"))
    return None


def _with_note_facts(file: LoadedFile, display: str,
                     kind: str | None) -> tuple[FrontMatter, tuple[str, ...], dt.date | None]:
    """Front matter completed with the mentor and date the note states elsewhere (property
    lines, the title, the file name, the document's metadata). Without an explicit kind, a
    file counts as a note when it says plainly who and when: a stated mentor and a date,
    from front matter or property lines, or a title with a meeting word ("Coffee with Amara").
    Otherwise, when it is dated and names no one outright but has name hints ("kickoff
    Marloes.md"), the third value is that date: it is a note if the hints name someone of the
    tracking table (the caller asks it); else None."""
    meta = file.meta
    if kind not in (None, "notes") or (meta.mentor and meta.date):
        return meta, (), None
    created = meta.extra.get("created")
    facts = note_facts(file.text, note_stem(display), title=meta.title, mentor=meta.mentor, date=meta.date,
                       created=created if isinstance(created, dt.date) else None)
    if kind is None and not meta.mentor:
        heading = f"{meta.title or ''} {note_stem(display)} {first_line(file.text) or ''}".lower()
        plain = facts.mentor_source in ("front matter", "property", "attendee list") or any(w in heading for w in MEETING_WORDS)
        if not (facts.mentors and facts.date and plain):
            # A document often names people too; only a dated one is taken for a note.
            if facts.hints and not facts.mentors and facts.date is not None:
                return meta, facts.hints, facts.date
            return meta, (), None
    meta.mentor = meta.mentor or (", ".join(facts.mentors) if facts.mentors else None)
    meta.date = meta.date or facts.date
    return meta, facts.hints, None


def _chunkable(text: str, kind: str, display: str) -> str:
    if kind == "documents" and Path(display).suffix.lower() in PLAIN_SUFFIXES:
        return mark_plain_headings(text)  # "Asking for feedback" on a line of its own
    return text


def _chunks(source: str, kind: str, meta: FrontMatter, text: str,
            owner: str = LOCAL) -> list[tuple[str, int, str | None, str]]:
    """A document's chunks as (id, position, heading, text) from its ``_chunkable`` text, the
    same from a file at ingest and from the stored text at ``reindex``. In team mode the
    owner is part of the id: two people's ``upload/notes.md`` must not share chunk ids (the
    index would let the second overwrite the first's vectors); single-user ids are unchanged."""
    context = _chunk_context(kind, meta)
    where = source if owner in RESERVED else f"{owner}\x00{source}"
    seen: set[str] = set()
    chunks = []
    for c in chunk_text(text, title=meta.title):
        # A passage repeated word for word in one document is indexed once: a file of 1,000
        # identical paragraphs filled the index with one vector and crowded out every other.
        key = " ".join(c.text.split())
        if key in seen:
            continue
        seen.add(key)
        chunks.append((chunk_id(where, c.position, f"{context}\x00{c.text}"), c.position, c.heading, c.text))
    return chunks


def _doc_stub(plan: _Plan, owner: str) -> Document:
    return Document(
        owner=owner, source=plan.source, kind=plan.kind, title=plan.meta.title, mentor=plan.meta.mentor,
        date=plan.meta.date,
    )


def _title_from(display: str) -> str | None:
    """A title from the file name when the name is made of words ("mentoring-handbook"),
    never from a download's code ("003_914d804517d34e29", "download (2)"): None then, and
    the chunks carry no made-up heading."""
    stem = Path(display).stem
    words = re.findall(r"[A-Za-z]+", stem)
    filler = {"download", "document", "untitled", "scan", "file", "doc", "docx", "article", "final", "copy", "draft",
              "version", "new", "export", "img", "pdf", "txt", "print", "the"}
    real = [w for w in words if len(w) >= 3 and w.lower() not in filler and re.search(r"[aeiouy]", w, re.I)
            and not re.fullmatch(r"[a-f]+", w, re.I)]
    if len(real) < 2 or re.search(r"[0-9a-f]{8,}", stem, re.I):
        return None
    return stem.replace("-", " ").replace("_", " ").strip().capitalize()


PLAIN_SUFFIXES = (".txt", ".pdf", ".docx")


def mark_plain_headings(text: str) -> str:
    """Plain text and PDFs write headings as short lines of their own: such a line between
    blank lines (or at the top), with no end punctuation and a paragraph after it, becomes
    a Markdown heading, so chunks start at topics and carry them."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        bold = re.fullmatch(r"(\*\*|__)(?P<text>[^*_]{2,80})\1", stripped)
        if bold and len(bold["text"].split()) <= 10 and not bold["text"].rstrip().endswith((".", ",", ";")):
            out.append(f"## {bold['text'].strip()}")  # a Word paragraph in bold on its own: a heading
            continue
        before = not lines[i - 1].strip() if i > 0 else True
        after = next((ln.strip() for ln in lines[i + 1:] if ln.strip()), "")
        if (before and stripped and not stripped.startswith(("#", "-", "*", ">", "|")) and 1 <= len(stripped.split()) <= 10
                and not re.search(r"[.,;:!?]$", stripped) and stripped[:1].isupper()
                and len(after.split()) >= 12 and i + 1 < len(lines) and not re.match(r"^\d+[.)]\s", stripped)):
            out.append(f"## {stripped}")
        else:
            out.append(line)
    return "\n".join(out)


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise ValueError(f"unknown kind {kind!r}: choose from {', '.join(DOCUMENT_KINDS)}")


__all__ = ["IngestReport", "IngestService", "SUPPORTED_SUFFIXES", "load_file"]
