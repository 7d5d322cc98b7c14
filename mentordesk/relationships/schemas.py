"""Validation at the edges: what the CLI, the UI and the importer may write.

Every value from a user passes through one of these models before it reaches the store.
A bad value raises ``InvalidInput`` (a ``UserError``) whose message names the field, so the
CLI prints it on one line and the UI can show it next to the right input.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from store.errors import UserError
from store.tables import CONNECTIONS, DIRECTIONS, OUTCOMES, STAGES

VALUES_MIN, VALUES_MAX = 3, 5
# Spellings people type for an outcome, mapped to the stored value.
_OUTCOME_ALIASES = {"didn't work": "didnt_work", "did not work": "didnt_work", "not for me": "not_for_me"}


class InvalidInput(UserError):
    """A value that failed validation; ``field`` names it for the UI."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], **data: Any) -> M:
    """Build ``model`` from data, turning pydantic's errors into one clear line."""
    try:
        return model(**data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InvalidInput(f"{field}: {message}" if field else message, field) from None


def clean_text(value: object) -> str | None:
    """Strip text; an empty value means "not set". One-line values (names, companies)
    also lose doubled spaces; multi-line text (notes, goals) keeps its lines."""
    if value is None:
        return None
    text = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    return text or None


# The longest text each kind of field may hold: the tables' column sizes, the same on SQLite
# (which would store more) and PostgreSQL (which refuses more).
NAME_CHARS, CONTACT_CHARS, NOTES_CHARS = 256, 512, 20_000


def bounded(text: str | None, limit: int) -> str | None:
    if text is not None and len(text) > limit:
        raise ValueError(f"is {len(text):,} characters long; at most {limit:,}")
    return text


def required_text(value: object, message: str = "is required") -> str:
    """``clean_text`` for a field that must have a value; ``message`` says what is missing."""
    text = clean_text(value)
    if not text:
        raise ValueError(message)
    return text


def choice(value: object, allowed: tuple[str, ...]) -> str | None:
    """Match a typed choice case-insensitively ("Didn't work" -> didnt_work)."""
    text = clean_text(value)
    if text is None:
        return None
    lowered = text.lower()
    key = _OUTCOME_ALIASES.get(lowered, lowered).replace("-", "_").replace(" ", "_").replace("'", "")
    if key not in allowed:
        raise ValueError(f"{text!r} is not one of {', '.join(allowed)}")
    return key


def advance_stage(current: str, at_least: str) -> str:
    """Stages only move forward automatically; the user can always set one by hand."""
    if current not in STAGES:
        return at_least
    return at_least if STAGES.index(at_least) > STAGES.index(current) else current


def parse_values(value: object) -> list[str]:
    """"kindness, humility, candour" or a list -> distinct items, order kept."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    seen: dict[str, str] = {}
    for item in items:
        text = clean_text(item)
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    return list(seen.values())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProfileUpdate(_Strict):
    """Only the fields given are changed (see ``model_fields_set``)."""

    name: str | None = None
    role: str | None = None
    goals: str | None = None
    values: list[str] | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str | None:
        # Drafts are signed with it: given, it cannot be blank (a blank once wiped the saved name).
        return None if value is None else bounded(required_text(value, "cannot be empty"), NAME_CHARS)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str | None:
        return bounded(clean_text(value), NAME_CHARS)

    @field_validator("goals", mode="before")
    @classmethod
    def _clean(cls, value: object) -> str | None:
        return bounded(clean_text(value), NOTES_CHARS)

    @field_validator("values", mode="before")
    @classmethod
    def _values(cls, value: object) -> list[str] | None:
        if value is None:
            return None
        items = parse_values(value)
        if not VALUES_MIN <= len(items) <= VALUES_MAX:
            got = f"{len(items)} ({', '.join(items)})" if items else "none"
            raise ValueError(f"give {VALUES_MIN} to {VALUES_MAX} qualities, separated by commas; got {got}")
        return items


class _PersonFields(_Strict):
    company: str | None = None
    role: str | None = None
    contact: str | None = None
    connection: str | None = None
    introducer: str | None = None
    stage: str | None = None
    notes: str | None = None

    @field_validator("company", "role", "introducer", mode="before")
    @classmethod
    def _clean(cls, value: object) -> str | None:
        return bounded(clean_text(value), NAME_CHARS)

    @field_validator("contact", mode="before")
    @classmethod
    def _contact(cls, value: object) -> str | None:
        return bounded(clean_text(value), CONTACT_CHARS)

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, value: object) -> str | None:
        return bounded(clean_text(value), NOTES_CHARS)

    @field_validator("connection", mode="before")
    @classmethod
    def _connection(cls, value: object) -> str | None:
        return choice(value, CONNECTIONS)

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value: object) -> str | None:
        return choice(value, STAGES)


class PersonCreate(_PersonFields):
    name: str

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return bounded(required_text(value), NAME_CHARS)  # type: ignore[return-value]


class PersonPatch(_PersonFields):
    """An edit: fields not given stay as they are; a field given as empty is cleared."""

    name: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str | None:
        if value is None:
            return None
        return bounded(required_text(value, "cannot be empty"), NAME_CHARS)


class MessageInput(_Strict):
    date: dt.date
    direction: str
    summary: str

    @field_validator("direction", mode="before")
    @classmethod
    def _direction(cls, value: object) -> str:
        result = choice(value, DIRECTIONS)
        if result is None:
            raise ValueError(f"is required: one of {', '.join(DIRECTIONS)}")
        return result

    @field_validator("summary", mode="before")
    @classmethod
    def _summary(cls, value: object) -> str:
        return required_text(value, "is required (a line saying what was said)")


class MeetingNoteInput(_Strict):
    mentor: str
    date: dt.date
    purpose: str | None = None
    notes: str = ""

    @field_validator("mentor", mode="before")
    @classmethod
    def _mentor(cls, value: object) -> str:
        return required_text(value)

    @field_validator("purpose", mode="before")
    @classmethod
    def _purpose(cls, value: object) -> str | None:
        return clean_text(value)

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, value: object) -> str:
        return str(value or "").strip()


class OutcomeInput(_Strict):
    outcome: str | None

    @field_validator("outcome", mode="before")
    @classmethod
    def _outcome(cls, value: object) -> str | None:
        return choice(value, OUTCOMES)
