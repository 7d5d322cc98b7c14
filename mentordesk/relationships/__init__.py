"""Mentor relationships: profile, target list, meetings and notes, advice ledger, cadence.

``Relationships`` bundles the services for the container; each is small and takes only
what it needs. Nothing here loads the embedding model or opens the search index unless a
note is written or deleted, so listing people or asking what is due stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from mentordesk.relationships.advice import AdviceService
from mentordesk.relationships.cadence import Thresholds
from mentordesk.relationships.due import DueService
from mentordesk.relationships.extraction import extract_with_model
from mentordesk.relationships.import_export import PeopleTable
from mentordesk.relationships.meetings import MeetingService
from mentordesk.relationships.notes_sync import ModelExtractor, NotesSync, SyncReport
from mentordesk.relationships.people import PeopleService
from mentordesk.relationships.profile import ProfileService
from mentordesk.relationships.review import ReviewService
from mentordesk.relationships.sentence_classifier import load_classifier
from store.engine import Database


class Relationships:
    def __init__(self, db: Database, settings, *, ingest: Callable[[], object] | None = None,
                 model_info: Callable[[], object] | None = None, chat_model: Callable[[], object] | None = None,
                 embedder: Callable[[], object] | None = None):
        self.db = db
        self.settings = settings
        self.thresholds = Thresholds.from_settings(settings)
        self._ingest = ingest
        self._model_info = model_info
        self._chat_model = chat_model
        self._embedder = embedder

    def _ingest_service(self):
        if self._ingest is None:
            raise RuntimeError("this Relationships was built without an ingest service")
        return self._ingest()

    def _model_extractor(self) -> ModelExtractor | None:
        """Free-text extraction only with a capable model: the small local model and the
        test fake would invent or garble advice, and bullets already cover the notes."""
        if not self.settings.advice_from_free_text or self._model_info is None or self._chat_model is None:
            return None
        if not self._model_info().capable:
            return None
        model = self._chat_model()
        return lambda text: extract_with_model(model, text)

    @cached_property
    def _sentence_classifier(self):
        """The advice/action/other classifier over the app's embeddings, when the app runs
        the model it was trained for (MiniLM); else None, and the rules work alone."""
        if self._embedder is None:
            return None
        return load_classifier(self._embedder())

    @cached_property
    def profile(self) -> ProfileService:
        return ProfileService(self.db)

    @cached_property
    def people(self) -> PeopleService:
        return PeopleService(self.db, self.thresholds,
                             delete_sources=lambda sources: self._ingest_service().delete_sources(sources),
                             on_new_person=self._place_waiting_notes)

    @cached_property
    def table(self) -> PeopleTable:
        return PeopleTable(self.db, on_import=self._place_waiting_notes)

    @cached_property
    def notes_sync(self) -> NotesSync:
        return NotesSync(self.db, self._model_extractor, lambda: self._sentence_classifier)

    @cached_property
    def meetings(self) -> MeetingService:
        return MeetingService(self.db, self._ingest_service, self.sync_notes)

    @cached_property
    def reviews(self) -> ReviewService:
        """Notes that could not be placed as meetings, and the user's choices for them."""
        return ReviewService(self.db, self.sync_notes, reindex=self._reread_note)

    def _reread_note(self, source: str) -> None:
        """Ingest one note file again (after a review choice), if it is a file on disk."""
        from pathlib import Path

        path = Path(source)
        if self._ingest is not None and path.is_absolute() and path.is_file():
            self._ingest_service().ingest_paths([path], kind="notes")

    @cached_property
    def advice(self) -> AdviceService:
        return AdviceService(self.db)

    @cached_property
    def due(self) -> DueService:
        return DueService(self.db, self.thresholds)

    def _place_waiting_notes(self) -> None:
        """After people are added: notes in the review list may now name someone known."""
        if self.reviews.waiting():
            self.sync_notes()

    def sync_notes(self) -> SyncReport:
        """Make every dated note a meeting (idempotent); called after each ingestion."""
        return self.notes_sync.run()


__all__ = ["Relationships", "SyncReport", "Thresholds"]
