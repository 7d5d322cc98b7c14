"""Everything of one user's library in one file, and back: ``mentordesk export FILE.zip``,
``mentordesk import FILE.zip``.

The archive holds:

- ``manifest.json``: the format, the schema revision, the embedding model, when and what;
- ``store.json``: every row of the user's own tables (profile, people, messages, meetings,
  advice with its hand-set state, note reviews, drafts, documents with their full text);
  the shared guidance is left out (every install has it);
- ``documents/``: each document's text as a Markdown or text file, readable without
  MentorDesk;
- ``settings.json``: the settings in effect, without secrets (no API key, no passwords).

Import goes into a library with no documents and no people of the user's (a fresh machine,
or a new team user): rows get new ids (a team database holds other users' rows), the
documents are cut into passages again by the current chunker and embedded, so the same
library gives the same search results. The vectors are not in the archive: they are derived.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

from sqlalchemy import Boolean, Date, DateTime, select

from store.errors import UserError
from store.migrate import HEAD
from store.tables import AdviceItem, Document, Draft, Meeting, MessageEntry, NoteReview, Person, Profile

FORMAT = "mentordesk-export/1"
# Parents before children; each table's foreign keys and the table they point at.
TABLES = (
    ("profile", Profile, {}),
    ("people", Person, {}),
    ("documents", Document, {}),
    ("message_entries", MessageEntry, {"person_id": "people"}),
    ("meetings", Meeting, {"person_id": "people", "document_id": "documents"}),
    ("advice_items", AdviceItem, {"meeting_id": "meetings"}),
    ("note_reviews", NoteReview, {"person_id": "people"}),
    ("drafts", Draft, {"person_id": "people"}),
)
_SKIP = {"id", "owner", "created_at", "updated_at"}
_SECRET = re.compile(r"key|secret|password|token", re.IGNORECASE)
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _columns(model) -> list:
    return [c for c in model.__table__.columns if c.name not in ("owner",)]


def export_library(desk, path: Path) -> dict[str, int]:
    """Write the user's library to ``path`` (.zip). Returns rows written per table."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        raise UserError(f"export to a .zip file, not {path.name}")
    if not path.parent.is_dir():
        raise UserError(f"cannot write {path}: folder {path.parent} does not exist")
    owner = desk.db.scope.owner
    data: dict[str, list[dict]] = {}
    with desk.db.session() as session:
        for name, model, _ in TABLES:
            rows = session.scalars(select(model).where(model.owner == owner).order_by(model.id)).all()
            data[name] = [{c.name: _plain(getattr(row, c.key)) for c in _columns(model)} for row in rows]
    manifest = {"format": FORMAT, "schema": HEAD, "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "embedding_model": desk.embedder.name, "counts": {k: len(v) for k, v in data.items()}}
    settings = {k: _plain(v) if not isinstance(v, Path) else str(v)
                for k, v in desk.settings.model_dump().items() if not _SECRET.search(k) and k != "database_url"}
    temp = path.with_name(f".{path.name}.partial")
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            archive.writestr("store.json", json.dumps(data, ensure_ascii=False, default=str))
            archive.writestr("settings.json", json.dumps(settings, indent=2, default=str))
            for doc in data["documents"]:
                archive.writestr(f"documents/{doc['id']:05d}-{_file_name(doc)}", doc["text"])
        temp.replace(path)  # a failed export never leaves half a file where a good one was
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)
    return manifest["counts"]


def _file_name(doc: dict) -> str:
    stem = re.sub(r"[^\w.-]+", "-", Path(str(doc["source"])).stem).strip("-")[:80] or "document"
    return f"{stem}.md"


def import_library(desk, path: Path) -> dict[str, int]:
    """Restore an export into this user's empty library; returns rows restored per table."""
    data = _read_archive(Path(path))
    with desk.db.session() as session:
        has = any(session.scalar(select(model.id).where(model.owner == desk.db.scope.owner).limit(1)) is not None
                  for model in (Document, Person))
    if has:
        raise UserError("this library already has documents or people; import into an empty one (a new data "
                        "folder, MENTORDESK_HOME=..., or a new team user) so nothing is overwritten. If an import "
                        "into it was stopped part-way, its library is whole: run `mentordesk doctor` to finish "
                        "its search index")
    new_ids: dict[str, dict[int, int]] = {}
    counts: dict[str, int] = {}
    with desk.db.session() as session:  # one transaction: a bad archive changes nothing
        for name, model, parents in TABLES:
            mapping = new_ids.setdefault(name, {})
            for raw in data.get(name, []):
                row = model(**_values(model, raw, parents, new_ids, name))
                if name == "documents":
                    row.chunker_version = None  # cut again below, with this install's chunker and ids
                session.add(row)
                session.flush()
                mapping[int(raw["id"])] = row.id
            counts[name] = len(data.get(name, []))
        for review in session.scalars(select(NoteReview)):
            review.candidates = [new_ids["people"].get(int(c), c) for c in review.candidates or []]
        # Cut in the same commit: a kill after it leaves a whole library whose vectors `doctor`
        # (or the next ingest) adds; a kill before it leaves the library empty, as it was.
        desk.ingest.rechunk_stale(session)
    desk.relationships.sync_notes()
    desk.index.rebuild()
    return counts


def _values(model, raw: dict, parents: dict[str, str], new_ids: dict[str, dict[int, int]], table: str) -> dict:
    values = {}
    for column in _columns(model):
        if column.name in _SKIP or column.name not in raw:
            continue
        value = raw[column.name]
        if column.name in parents and value is not None:
            target = new_ids.get(parents[column.name], {})
            if int(value) not in target:
                raise UserError(f"the archive's {table} row {raw.get('id')} points at a missing "
                                f"{parents[column.name]} row {value}")
            value = target[int(value)]
        elif value is not None and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        elif value is not None and isinstance(column.type, Boolean):
            value = bool(value)
        values[column.key] = value
    return values


def _read_archive(path: Path) -> dict:
    if not path.is_file():
        raise UserError(f"{path} does not exist")
    if path.stat().st_size > MAX_ARCHIVE_BYTES:
        raise UserError(f"{path} is larger than an export can be ({MAX_ARCHIVE_BYTES // 1024 // 1024} MB)")
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > 4 * MAX_ARCHIVE_BYTES:
                raise UserError(f"{path} would expand past what an export can hold")
            manifest = json.loads(archive.read("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise UserError(f"{path} is not a MentorDesk export (format {manifest.get('format')!r})")
            data = json.loads(archive.read("store.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path} is not a readable MentorDesk export ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(name, []), list) for name, _, _ in TABLES):
        raise UserError(f"{path} is not a readable MentorDesk export (store.json has the wrong shape)")
    return data
