"""Whose rows a session sees and writes: the one place where the store is scoped by user.

Every table that holds a person's data (documents and their chunks, the profile, people,
messages, meetings, advice, note reviews, drafts) has an ``owner`` column. A session opened
by ``Database.session()`` carries a ``Scope``, and two session events apply it to every
statement, so no query in the services can forget it:

- reads (ORM ``select``, ``Session.get``, lazy loads) see only rows whose owner is in
  ``scope.readable``: the user's own and the shared guidance;
- ORM ``update`` and ``delete`` statements touch only the user's own rows;
- a flush gives new rows the session's owner, and refuses to change or delete a row owned
  by anyone else (the shared guidance included) with ``ScopeError``.

On a laptop (single-user mode) the owner is ``LOCAL``; in team mode it is the signed-in
user's id. The built-in and program-wide guidance belong to ``SHARED``, written only through
``Scope.shared_writer()``. Raw SQL bypasses all of this: the store's code uses none for
owned tables (the SQLite keyword table is not used in team mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, sessionmaker, with_loader_criteria

from store.errors import UserError

LOCAL = "local"  # the one user of a single-user data folder
SHARED = "*"  # the guidance every user reads
RESERVED = (LOCAL, SHARED)
MAX_USER_LENGTH = 128
_USER = re.compile(r"^[\w.@+-]+$")


class ScopeError(UserError):
    """A write to a row that belongs to someone else."""


def check_user_id(user: str) -> str:
    """A team user's id as given (an e-mail address or a name); a clear error if it cannot be one."""
    user = (user or "").strip()
    if not user:
        raise UserError("the user name is empty: pass --user NAME or set MENTORDESK_USER")
    if len(user) > MAX_USER_LENGTH:
        raise UserError(f"the user name is longer than {MAX_USER_LENGTH} characters")
    if user in RESERVED or not _USER.match(user):
        raise UserError(f"{user!r} cannot be a user name: use letters, digits and . @ + - _ "
                        f"(not {' or '.join(repr(r) for r in RESERVED)})")
    return user


@dataclass(frozen=True)
class Scope:
    owner: str | None  # who new rows belong to; None: a read-only scope
    readable: tuple[str, ...] | None  # whose rows are seen; None: everyone's (aggregates only)

    @classmethod
    def single_user(cls) -> Scope:
        return cls(LOCAL, (LOCAL, SHARED))

    @classmethod
    def user(cls, user: str) -> Scope:
        user = check_user_id(user)
        return cls(user, (user, SHARED))

    @classmethod
    def shared_writer(cls) -> Scope:
        """Writes the guidance every user reads (the built-in guidance, an admin's additions)."""
        return cls(SHARED, (SHARED,))

    @classmethod
    def everyone_read_only(cls) -> Scope:
        """Reads every user's rows and writes none: for the program admin's aggregates,
        which must return counts, never content."""
        return cls(None, None)

    @property
    def is_team_user(self) -> bool:
        return self.owner is not None and self.owner not in RESERVED


class Owned:
    """Mixin for tables whose rows belong to one user (or to ``SHARED``): ``local`` in a
    single-user data folder, a user id in team mode, ``*`` for the shared guidance. Set from
    the session's scope on insert."""

    owner: Mapped[str] = mapped_column(String(MAX_USER_LENGTH), server_default=LOCAL, index=True)


def install_scoping(sessions: sessionmaker) -> None:
    """Apply each session's ``Scope`` to everything it reads and writes."""

    @event.listens_for(sessions, "do_orm_execute")
    def _limit_statement(state: ORMExecuteState) -> None:
        scope: Scope | None = state.session.info.get("scope")
        if scope is None or scope.readable is None:
            return
        if state.is_select:
            owners = scope.readable
        elif state.is_update or state.is_delete:
            owners = (scope.owner,) if scope.owner else ()
        else:
            return
        state.statement = state.statement.options(
            with_loader_criteria(Owned, lambda cls: cls.owner.in_(owners), include_aliases=True)
        )

    @event.listens_for(sessions, "before_flush")
    def _own_rows(session: Session, _context, _instances) -> None:
        scope: Scope | None = session.info.get("scope")
        if scope is None:
            return
        for row in session.new:
            if isinstance(row, Owned):
                if scope.owner is None:
                    raise ScopeError("this view of the store is read-only")
                if getattr(row, "owner", None) is None:
                    row.owner = scope.owner
                elif row.owner != scope.owner:
                    raise ScopeError(f"cannot save a row for {row.owner!r} as {scope.owner!r}")
        for row in list(session.dirty) + list(session.deleted):
            if isinstance(row, Owned) and (scope.owner is None or row.owner != scope.owner):
                if row in session.dirty and not session.is_modified(row, include_collections=False):
                    continue  # only a collection of it changed (its own child rows, checked themselves)
                what = "the shared guidance" if row.owner == SHARED else "someone else's data"
                raise ScopeError(f"{what} cannot be changed here")
