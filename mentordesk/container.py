"""Builds the application's components once, lazily, from settings.

The UI and the CLI receive a ``MentorDesk`` and use its services; nothing heavy (the
embedding model, the chat model, the Chroma client) is created until first needed, so
the app starts fast and a command that needs no model loads none.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from sqlalchemy import func, select

from ingest.sync import IngestReport, IngestService, ProgressFn
from mentordesk.chat import ChatService
from mentordesk.llm import ModelInfo, build_chat_model, model_info
from mentordesk.mentor_answers import MentorAdvice
from mentordesk.relationships import Relationships
from mentordesk.settings import Settings
from store.engine import Database
from store.errors import UserError
from store.scope import Scope
from store.tables import Chunk, Document
from vectorstore.chroma_index import ChromaIndex, make_client
from vectorstore.embeddings import Embedder, make_embedder
from vectorstore.keyword_store import SqliteKeywordStore
from vectorstore.library_index import LibraryIndex
from vectorstore.precomputed import PrecomputedVectors

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
# The guidance's vectors, computed ahead of time (python -m mentordesk.guidance_bundle).
GUIDANCE_VECTORS = KNOWLEDGE_DIR / ".vectors" / "all-MiniLM-L6-v2.npz"


class MentorDesk:
    """One user's view of the library. ``for_user`` gives another user's view (team mode)
    that shares this one's database engine, embedding model and Chroma client."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None, _base: MentorDesk | None = None):
        self.settings = settings
        self._embedder = embedder
        self._base = _base

    @cached_property
    def scope(self) -> Scope:
        """Whose data this desk reads and writes (store.scope)."""
        if self.settings.mode == "single":
            if self.settings.user:
                raise UserError(f"a user ({self.settings.user}) was given, but this is single-user mode: set "
                                "MENTORDESK_MODE=team to act as a team user")
            return Scope.single_user()
        if not self.settings.user:
            raise UserError("team mode needs a user: pass --user NAME or set MENTORDESK_USER")
        return Scope.user(self.settings.user)

    @property
    def is_admin(self) -> bool:
        return self.settings.mode == "team" and self.scope.owner in self.settings.admin_ids

    def for_user(self, user: str) -> MentorDesk:
        """The desk of another team user, sharing this process's heavy objects."""
        return MentorDesk(self.settings.model_copy(update={"user": user}), _base=self._root)

    @property
    def _root(self) -> MentorDesk:
        return self._base._root if self._base is not None else self

    @cached_property
    def _database(self) -> Database:
        """The database, unscoped; shared by every user's desk of this process."""
        if self._base is not None:
            return self._base._root._database
        self.settings.home.mkdir(parents=True, exist_ok=True)
        return Database(self.settings.resolved_database_url)

    @cached_property
    def db(self) -> Database:
        return self._database.scoped(self.scope)

    @cached_property
    def embedder(self) -> Embedder:
        if self._base is not None:
            return self._root.embedder
        if self._embedder is not None:
            return self._embedder
        s = self.settings
        try:
            return make_embedder(s.embedding_backend, s.embedding_precision, model_path=s.embedding_model_path,
                                 batch_size=s.embedding_batch_size, cache_dir=s.model_cache)  # None: the machine's cache
        except ValueError as exc:
            raise UserError(str(exc)) from exc

    def warm_embedder_in_background(self) -> None:
        """Load the embedding model on another thread while this one opens the store and
        the index: ONNX Runtime builds its session in native code, so on a machine with two
        cores the two overlap (the one-shot CLI starts about 0.4 s sooner). A failure here
        is left for the first real use to report. The thread is not a daemon: a command that
        stops early (a bad name) waits for the load to finish, since killing ONNX Runtime
        mid-load aborts the process (exit 134) instead of exiting with the command's code."""
        import threading

        def load() -> None:
            try:
                self.embedder.embed(["warm up"])
            except Exception:  # noqa: BLE001 - reported by the caller's own first embed
                pass

        threading.Thread(target=load, name="embedder-warm-up").start()

    def warm_up_for_chat(self) -> None:
        """What the first question needs, done ahead of it (the app runs this on a background
        thread once its page is usable): the keyword index and in-memory vectors, the
        embedding model, the chat model's classes and the draft router. The local chat model's
        weights are not read: a local answer is composed from the sources without it."""
        self.index.warm_up()
        self.embedder.embed(["warm up"])
        self.draft_router  # noqa: B018 - built for its imports and the people list's query
        self.chat_model  # noqa: B018 - LangChain's classes; a remote model only gets its client

    @cached_property
    def chroma_client(self):
        if self._base is not None:
            return self._root.chroma_client
        s = self.settings
        return make_client(path=s.chroma_path, host=s.chroma_host, port=s.chroma_port)

    @cached_property
    def chroma(self) -> ChromaIndex:
        """The dense index as this user sees it: in team mode every read and delete carries
        the user's owner clause (vectorstore.chroma_index)."""
        return self._chroma_for(self.scope)

    def _chroma_for(self, scope: Scope) -> ChromaIndex:
        return ChromaIndex(self.chroma_client, self.settings.collection, self.embedder.name, self.embedder.dimension,
                           scope=scope)

    @cached_property
    def index(self) -> LibraryIndex:
        return self._index_for(self.db, lambda: self.chroma)

    def _index_for(self, db: Database, chroma) -> LibraryIndex:
        return LibraryIndex(
            db,
            self.embedder,
            chroma,
            min_relevance=self.settings.min_relevance,
            memory_vectors=self.settings.memory_vectors,
            precomputed=PrecomputedVectors(GUIDANCE_VECTORS, self.embedder.name, self.embedder.dimension),
            keyword_store=self._keyword_store(),
        )

    def _keyword_store(self) -> SqliteKeywordStore | None:
        choice, sqlite = self.settings.keyword_index, self._database.engine.dialect.name == "sqlite"
        if choice == "database" and not sqlite:
            raise UserError("MENTORDESK_KEYWORD_INDEX=database needs the SQLite store; use memory (or auto) "
                            "with PostgreSQL")
        if choice == "database" and self.settings.mode == "team":
            raise UserError("MENTORDESK_KEYWORD_INDEX=database is for single-user mode; team mode keeps the "
                            "keyword index in memory, per user")
        # The store's FTS5 table is raw SQL outside the store's per-user scoping: team mode does not use it.
        if self.settings.mode == "team":
            return None
        return SqliteKeywordStore(self._database.engine) if sqlite and choice != "memory" else None

    @cached_property
    def shared_ingest(self) -> IngestService:
        """Writes the guidance every user reads (store.scope.SHARED). In team mode it has an
        index of its own with no owner clause, so a guidance file's old vectors are deleted."""
        if self.settings.mode == "single":
            return IngestService(self.db.scoped(Scope.shared_writer()), self.index)
        shared_db = self._database.scoped(Scope.shared_writer())
        return IngestService(shared_db, self._index_for(shared_db, lambda: self._chroma_for(Scope.shared_writer())))

    @cached_property
    def ingest(self) -> IngestService:
        # After any ingestion, dated notes become meetings (see relationships.notes_sync).
        from mentordesk.relationships.notes_sync import mentor_resolver

        return IngestService(self.db, self.index, on_change=lambda: self.relationships.sync_notes(),
                             mentor_resolver=lambda: mentor_resolver(self.db))

    @cached_property
    def relationships(self) -> Relationships:
        """Profile, people, meetings, advice, what is due. Needs only the database unless
        a note is written or deleted."""
        return Relationships(
            self.db, self.settings, ingest=lambda: self.ingest,
            model_info=lambda: self.model_info, chat_model=lambda: self.chat_model,
            embedder=lambda: self.embedder,
        )

    @cached_property
    def model_info(self) -> ModelInfo:
        return model_info(self.settings)

    @cached_property
    def chat_model(self):
        return build_chat_model(self.settings)

    @cached_property
    def chat(self) -> ChatService:
        return ChatService(
            self.index, lambda: self.chat_model, self.model_info,
            top_k=self.settings.top_k, local_passages=self.settings.local_context_passages,
            mentor_advice=MentorAdvice(self.index, lambda who: self.relationships.people.detail(who),
                                       named_in=lambda text: self.relationships.people.named_in(text),
                                       words_naming=lambda text: self.relationships.people.words_naming(text)),
            local_model_sentences=self.settings.local_model_sentences,
        )

    @cached_property
    def drafts(self):
        from mentordesk.drafting.service import DraftService

        return DraftService.from_desk(self)

    @cached_property
    def draft_router(self):
        """Tells a drafting request in the chat from a question (tool calling or the parser)."""
        from mentordesk.drafting.router import DraftRouter

        return DraftRouter.from_desk(self)

    # ----- library-wide operations ---------------------------------------------------
    def ensure_builtin_guidance(self, progress: ProgressFn | None = None) -> IngestReport | None:
        """Index the built-in guidance as kind ``guidance``. Unchanged files cost a hash."""
        if not self.settings.index_builtin_guidance or not KNOWLEDGE_DIR.is_dir():
            return None
        return self.shared_ingest.ingest_builtin(KNOWLEDGE_DIR, kind="guidance", progress=progress)

    def reindex(self, progress=None) -> int:
        """Rebuild the search index from the store, and re-read every note's meeting, advice
        and actions with the current extractor (hand-set state is kept)."""
        self.ingest.rechunk_stale()  # documents an older chunker cut are cut again from their text
        self.shared_ingest.rechunk_stale()  # the guidance too (deterministic: the same for every user)
        count = self.index.rebuild(progress)
        self.relationships.sync_notes()
        return count

    def status(self) -> dict:
        with self.db.session() as session:
            documents = session.scalar(select(func.count(Document.id))) or 0
            chunks = session.scalar(select(func.count(Chunk.id))) or 0
            by_kind = dict(session.execute(select(Document.kind, func.count(Document.id)).group_by(Document.kind)).all())
        s = self.settings
        info = self.model_info
        return {
            "mode": s.mode,
            "user": self.scope.owner if s.mode == "team" else None,
            "data_folder": str(s.home),
            "database": _redact(s.resolved_database_url),
            "index": f"chroma server {s.chroma_host}:{s.chroma_port}" if s.chroma_host else f"chroma at {s.chroma_path}",
            "documents": documents,
            "documents_by_kind": by_kind,
            "chunks": chunks,
            "embedding_model": self.embedder.name,
            # "auto" until the model is loaded, then what auto chose on this CPU (bf16 or fp32)
            "embedding_precision": getattr(self.embedder, "precision", None) or s.embedding_precision,
            "vectors_in_memory": "index" in self.__dict__ and self.index.vectors_loaded,
            "chat_model": info.model,
            "chat_provider": info.provider,
            "chat_base_url": info.base_url,
        }

    def documents(self) -> list[dict]:
        """The user's own documents (not the shared guidance), newest first, for the Library
        page: source, kind, title, mentor, date, passages."""
        with self.db.session() as session:
            rows = session.execute(
                select(Document.source, Document.kind, Document.title, Document.mentor, Document.date,
                       func.count(Chunk.id))
                .outerjoin(Chunk, Chunk.document_id == Document.id).where(Document.owner == self.scope.owner)
                .group_by(Document.id).order_by(Document.updated_at.desc(), Document.id.desc())
            ).all()
        return [{"source": r[0], "kind": r[1], "title": r[2], "mentor": r[3], "date": r[4], "passages": r[5]}
                for r in rows]

    def remove_document(self, source: str) -> bool:
        """Remove one of the user's documents: its passages leave the index, and a meeting
        note's meeting (with its advice) goes with it. False if there is no such document."""
        return self.ingest.delete_sources([source]) == 1

    def index_count(self) -> int:
        return self.chroma.count()


def _redact(url: str) -> str:
    """Hide a password in a database URL before showing it."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
