"""Tables of the relational store, the source of truth. The vector index is derived from
``Document`` and ``Chunk`` and can always be rebuilt from them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from store.scope import Owned


class Base(DeclarativeBase):
    pass


class Document(Owned, Base):
    __tablename__ = "documents"
    __table_args__ = (Index("uq_documents_owner_source", "owner", "source", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A file's absolute path, or a logical name such as "note:12" for text written in the app.
    source: Mapped[str] = mapped_column(String(1024), index=True)  # unique per owner
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str | None] = mapped_column(String(512))
    mentor: Mapped[str | None] = mapped_column(String(256), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    # The chunker that cut this document (ingest.chunking.CHUNKER_VERSION); `reindex`
    # re-cuts a document made by another one from its stored text.
    chunker_version: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())

    chunks: Mapped[list[Chunk]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Chunk.position"
    )


class Chunk(Owned, Base):
    __tablename__ = "chunks"

    # Stable id derived from the document source, position and text (see ingest.hashing).
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(String(512))
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="chunks")


class StoreMeta(Base):
    """Small key/value facts about the store, such as the chunk generation counter that
    tells a running app its keyword index is stale after another process ingested."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


# ----- relationships (issue 3) -------------------------------------------------------
# Allowed values are checked by the pydantic schemas in mentordesk.relationships.schemas;
# the tables store plain strings so a database can be read without this code.
STAGES = ("prospect", "contacted", "meeting", "mentor", "primary")
CONNECTIONS = ("warm", "cold")
DIRECTIONS = ("sent", "received", "met")
ADVICE_KINDS = ("advice", "action")
OUTCOMES = ("tried", "worked", "didnt_work", "not_for_me")


class Profile(Owned, Base):
    """The mentee using this store: one row per owner."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(256))
    role: Mapped[str | None] = mapped_column(String(256))
    goals: Mapped[str | None] = mapped_column(Text)
    values: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())


class Person(Owned, Base):
    """A row of the tracking table: a target, a mentor or a primary mentor."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(256), index=True)
    company: Mapped[str | None] = mapped_column(String(256))
    role: Mapped[str | None] = mapped_column(String(256))
    contact: Mapped[str | None] = mapped_column(String(512))
    connection: Mapped[str | None] = mapped_column(String(8))
    introducer: Mapped[str | None] = mapped_column(String(256))
    stage: Mapped[str] = mapped_column(String(16), default="prospect", index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())

    messages: Mapped[list[MessageEntry]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="MessageEntry.date"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Meeting.date"
    )


class MessageEntry(Owned, Base):
    __tablename__ = "message_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    direction: Mapped[str] = mapped_column(String(8))
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    person: Mapped[Person] = relationship(back_populates="messages")


class Meeting(Owned, Base):
    """A meeting with a person. Its note, if any, is a ``Document`` of kind notes; deleting
    the document (a note file removed from an ingested folder) deletes the meeting."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    purpose: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True, index=True
    )
    follow_up_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    # The note's content hash and mentor when advice was last extracted, so a sync only
    # re-reads changed notes and a renamed person keeps their meetings.
    synced_hash: Mapped[str | None] = mapped_column(String(64))
    synced_mentor: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    person: Mapped[Person] = relationship(back_populates="meetings")
    document: Mapped[Document | None] = relationship()
    advice_items: Mapped[list[AdviceItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AdviceItem.position",
        passive_deletes=True,
    )


class AdviceItem(Owned, Base):
    """A piece of advice or an action item taken from a meeting note."""

    __tablename__ = "advice_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(8), default="note")  # note (a bullet) | model
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # The sentence of the note the item was read from, for citing it ("Next steps for me:
    # send the deck, book a call with Ravi." gives two actions with one quote).
    quote: Mapped[str | None] = mapped_column(Text, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    meeting: Mapped[Meeting] = relationship(back_populates="advice_items")


REVIEW_REASONS = ("no_mentor", "no_date", "ambiguous_mentor")


class NoteReview(Owned, Base):
    """A note that could not be placed as a meeting on its own (no mentor, no date, a name
    that fits several people), and the user's choice once they settle it.

    Keyed by the document's source, not its id, so the choice survives re-ingesting or
    re-uploading the file. A settled row overrides what the note says; an unsettled row is
    removed as soon as the note can be placed by itself (say, after importing the table).
    """

    __tablename__ = "note_reviews"
    __table_args__ = (Index("uq_note_reviews_owner_source", "owner", "source", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(1024), index=True)  # unique per owner
    reason: Mapped[str | None] = mapped_column(String(32))  # see REVIEW_REASONS; None once settled
    detail: Mapped[str | None] = mapped_column(Text)  # "'Sam' could be Sam Okoro or Sam Whitfield"
    candidates: Mapped[list] = mapped_column(JSON, default=list)  # person ids the name could mean
    suggested_name: Mapped[str | None] = mapped_column(String(200))  # a full name no one in the table has
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    date: Mapped[dt.date | None] = mapped_column(Date)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)  # "not a meeting"
    settled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


# ----- drafting (issue 4) -------------------------------------------------------------
class Draft(Owned, Base):
    """An email or prep note drafted for a person; kept so a draft made in chat opens on
    the Drafts page, and so "mark as sent" knows what was sent."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str | None] = mapped_column(String(512))
    body: Mapped[str] = mapped_column(Text)
    citations: Mapped[list] = mapped_column(JSON, default=list)
    # Refinements asked for so far ("shorter", "mention X"), so the template path can
    # compose the same draft again with all of them applied.
    refinements: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
