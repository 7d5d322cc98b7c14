"""The advice ledger: mark actions done, record what came of advice, and remember which
outcomes the mentor has been told about (closing the loop)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mentordesk.relationships.lookup import find_person
from mentordesk.relationships.schemas import OutcomeInput, validated
from mentordesk.relationships.views import AdviceView, advice_view, load_advice
from store.engine import Database
from store.errors import UserError
from store.tables import AdviceItem, Meeting


class AdviceNotFound(UserError):
    pass


class AdviceService:
    def __init__(self, db: Database):
        self.db = db

    def list(self, mentor: str | None = None, kind: str | None = None, open_only: bool = False) -> list[AdviceView]:
        """Items oldest meeting first; ``open_only`` keeps actions not done and advice with
        no outcome yet."""
        with self.db.session() as session:
            person_id = find_person(session, mentor).id if mentor else None
            items = load_advice(session, person_id)
        if kind is not None:
            items = [i for i in items if i.kind == kind]
        if open_only:
            items = [i for i in items if (not i.done if i.kind == "action" else i.outcome is None)]
        return items

    def set_done(self, item_id: int, done: bool = True) -> AdviceView:
        with self.db.session() as session:
            item = self._load(session, item_id)
            item.done = done
            return advice_view(item)

    def set_outcome(self, item_id: int, outcome: str | None) -> AdviceView:
        """Record (or clear, with None) what came of an item. A new outcome is news the
        mentor has not heard yet, so it goes back on the "to report" list."""
        value = validated(OutcomeInput, outcome=outcome).outcome
        with self.db.session() as session:
            item = self._load(session, item_id)
            if item.outcome != value:
                item.outcome = value
                item.outcome_reported = False
            if value is not None and item.kind == "action":
                item.done = True  # an action with an outcome is settled, whatever the outcome
            return advice_view(item)

    def mark_reported(self, item_ids: Iterable[int]) -> int:
        """After an update is sent: these outcomes are now known to the mentor."""
        ids = list(item_ids)
        with self.db.session() as session:
            items = session.scalars(select(AdviceItem).where(AdviceItem.id.in_(ids))).all()
            missing = set(ids) - {i.id for i in items}
            if missing:
                raise AdviceNotFound(f"no advice item with id {min(missing)}")
            for item in items:
                item.outcome_reported = item.outcome is not None
            return sum(1 for i in items if i.outcome is not None)

    @staticmethod
    def _load(session, item_id: int) -> AdviceItem:
        item = session.scalar(
            select(AdviceItem).where(AdviceItem.id == item_id)
            .options(selectinload(AdviceItem.meeting).selectinload(Meeting.person))
        )
        if item is None:
            raise AdviceNotFound(f"no advice item with id {item_id} (see `mentordesk advice`)")
        return item
