"""The mentee's profile: name, role, goals and the 3–5 values they look for in a leader.
Drafts sign with the name and role; the targets page shows the values."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from mentordesk.relationships.schemas import ProfileUpdate, validated
from store.engine import Database
from store.tables import Profile


def own_profile(session) -> Profile | None:
    """The profile of the session's user: one row per owner (the store's scope picks it)."""
    return session.scalar(select(Profile).order_by(Profile.id).limit(1))


@dataclass(frozen=True)
class ProfileView:
    name: str | None = None
    role: str | None = None
    goals: str | None = None
    values: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.name or self.role or self.goals or self.values)

    def missing(self) -> list[str]:
        """Fields a draft needs that are not filled in yet."""
        return [name for name in ("name", "role") if not getattr(self, name)]

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "goals": self.goals, "values": list(self.values)}


class ProfileService:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> ProfileView:
        with self.db.session() as session:
            row = own_profile(session)
            if row is None:
                return ProfileView()
            return ProfileView(row.name, row.role, row.goals, list(row.values or []))

    def update(self, **changes) -> ProfileView:
        """Set the fields given (``None`` means "leave as is"; "" clears a text field)."""
        given = {key: value for key, value in changes.items() if value is not None}
        update = validated(ProfileUpdate, **given)
        with self.db.session() as session:
            row = own_profile(session)
            if row is None:
                row = Profile(values=[])
                session.add(row)
            for key in update.model_fields_set:
                setattr(row, key, getattr(update, key))
        return self.get()
