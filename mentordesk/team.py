"""Team mode's program-wide operations: the admin's aggregates (counts, never content) and
moving a single-user data folder's data to one named team user.

Everything a mentee sees goes through their own desk (``MentorDesk.for_user``), whose
store and index are scoped to them; only this module opens the store across users, and it
returns numbers only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field

from sqlalchemy import select, update

from store.errors import UserError
from store.scope import LOCAL, RESERVED, Owned, Scope, check_user_id
from store.tables import Base, Chunk, Document, MessageEntry, Person


@dataclass
class ProgramSummary:
    today: dt.date
    mentees: int = 0
    mentees_with_a_primary_mentor: int = 0
    mentees_on_cadence: int = 0  # have a primary mentor, none of them due or overdue
    mentees_with_overdue: int = 0
    primary_mentors_due: int = 0
    primary_mentors_overdue: int = 0
    follow_ups_due: int = 0
    outreach_per_week: dict[str, int] = field(default_factory=dict)  # ISO week -> messages sent

    def to_dict(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        return data


def team_users(desk) -> list[str]:
    """Every user id that owns data in the store (aggregate use only)."""
    everyone = desk._database.scoped(Scope.everyone_read_only())
    owners: set[str] = set()
    with everyone.session() as session:
        for table in (Person, Document):
            owners.update(session.scalars(select(table.owner).distinct()))
    return sorted(owner for owner in owners if owner not in RESERVED)


def program_summary(desk, today: dt.date | None = None, weeks: int = 8) -> ProgramSummary:
    """The program's health in numbers, for an admin: how many mentees are on cadence, how
    many primary mentors are due or overdue, follow-ups due, and outreach sent per week."""
    if desk.settings.mode != "team":
        raise UserError("the program summary is for team mode (MENTORDESK_MODE=team)")
    if not desk.is_admin:
        raise UserError(f"{desk.scope.owner} is not a program admin (MENTORDESK_ADMINS)")
    today = today or dt.date.today()
    summary = ProgramSummary(today=today)
    for user in team_users(desk):
        report = desk.for_user(user).relationships.due.report(today)
        summary.mentees += 1
        overdue = sum(1 for due in report.primary_mentors if due.status == "overdue")
        summary.primary_mentors_overdue += overdue
        summary.primary_mentors_due += len(report.primary_mentors) - overdue
        summary.follow_ups_due += len(report.follow_ups)
        if report.has_primary:
            summary.mentees_with_a_primary_mentor += 1
            summary.mentees_on_cadence += not report.primary_mentors
        summary.mentees_with_overdue += overdue > 0
    since = today - dt.timedelta(weeks=weeks)
    everyone = desk._database.scoped(Scope.everyone_read_only())
    with everyone.session() as session:
        sent = session.scalars(select(MessageEntry.date).where(
            MessageEntry.direction == "sent", MessageEntry.date > since, MessageEntry.date <= today))
        weeks_sent = Counter(f"{d.isocalendar().year}-W{d.isocalendar().week:02d}" for d in sent)
    summary.outreach_per_week = dict(sorted(weeks_sent.items()))
    return summary


def claim_single_user_data(desk, user: str) -> int:
    """Give everything a single-user data folder holds (owner ``local``) to the team user
    ``user``; the shared guidance stays shared. The passages keep their ids and vectors: only
    the owner in each vector's metadata changes (deleting and re-adding them was slower, and
    Chroma's filtered search then missed a new vector now and then). Returns the number of
    documents moved."""
    user = check_user_id(user)
    database = desk._database  # unscoped: this is the one cross-user write there is
    with database.engine.begin() as connection:
        claimed = list(connection.execute(select(Chunk.id).where(Chunk.owner == LOCAL)).scalars())
        moved = connection.execute(select(Document.id).where(Document.owner == LOCAL)).scalars().all()
        taken = connection.execute(select(Document.id).where(Document.owner == user).limit(1)).first()
        if taken is not None:
            raise UserError(f"{user} already has documents in this store; claim only into a new user")
        owned = {mapper.class_.__tablename__ for mapper in Base.registry.mappers if issubclass(mapper.class_, Owned)}
        for table in Base.metadata.sorted_tables:
            if table.name in owned:
                connection.execute(update(table).where(table.c.owner == LOCAL).values(owner=user))
    _give_vectors(desk, user, claimed)
    return len(moved)


def _give_vectors(desk, user: str, ids: list[str]) -> None:
    """Set ``owner`` in the metadata of the claimed passages' vectors; embed any that have none."""
    from vectorstore.chroma_index import ChromaIndex

    unscoped = ChromaIndex(desk.chroma_client, desk.settings.collection, desk.embedder.name, desk.embedder.dimension)
    found: set[str] = set()
    for start in range(0, len(ids), 1000):
        got = unscoped.collection.get(ids=ids[start:start + 1000], include=["metadatas"])
        if got["ids"]:
            unscoped.collection.update(ids=got["ids"], metadatas=[{**(m or {}), "owner": user} for m in got["metadatas"]])
        found.update(got["ids"])
    missing = set(ids) - found
    if missing:
        index = desk.for_user(user).index
        index.add([c for c in index.load_all_chunks() if c.id in missing])


def rebuild_everyone(desk) -> dict[str, int]:
    """An admin's rebuild of the whole index (after changing the embedding model): the
    collection is dropped and every user's passages, and the shared guidance, are embedded
    again. A mentee's own ``reindex`` cannot do it: it may delete only their own vectors, and
    the collection records the model it was built with. Returns passages per user."""
    if desk.settings.mode != "team" or not desk.is_admin:
        raise UserError("rebuilding everyone's index is for a program admin in team mode (MENTORDESK_ADMINS)")
    from vectorstore.chroma_index import ChromaIndex

    ChromaIndex(desk.chroma_client, desk.settings.collection, desk.embedder.name, desk.embedder.dimension).reset()
    done = {"(shared guidance)": desk.shared_ingest.index.rebuild()}
    for user in team_users(desk):
        done[user] = desk.for_user(user).reindex()
    return done
