"""Test helpers: real PDF, DOCX and HTML files built by the tests themselves (no binary
fixtures in git), and an embedder wrapper that counts and reuses real MiniLM vectors."""

from __future__ import annotations

import io
import socket
import zipfile

import numpy as np


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on, for a server a test starts (or
    for one that is meant to be down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None, to_unicode: bytes | None = None) -> bytes:
    """A minimal valid PDF: one page per list of lines, Helvetica text, a correct xref table.
    ``to_unicode`` adds a ToUnicode CMap stream to the font (to build damaged fonts)."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    info_id = font_id + 1
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for pid, lines in zip(page_ids, pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            ops.append(f"({_pdf_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {pid + 1} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    cmap_ref = f" /ToUnicode {info_id + 1} 0 R" if to_unicode else ""
    font = f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding{cmap_ref} >>"
    objects.append(font.encode())
    objects.append(f"<< /Title ({_pdf_escape(title or '')}) >>".encode())
    if to_unicode:
        objects.append(b"<< /Length " + str(len(to_unicode)).encode() + b" >>\nstream\n" + to_unicode + b"\nendstream")

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R"
    trailer += f" /Info {info_id} 0 R >>" if title else " >>"
    out.write(f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(heading: str, paragraphs: list[str], *, bullets: list[str] = (), table: list[list[str]] = (),
              title: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.rows[r].cells[c].text = value
    if title:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def damage_docx_part(data: bytes, part: str = "word/document.xml", content: bytes = b"<w:document broken") -> bytes:
    """A .docx whose zip is intact but one XML part is damaged (a realistic corrupt file)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, content if name == part else source.read(name))
    return out.getvalue()


def make_html(title: str, heading: str, body: str, *, script: str = "var tracking = 'secret-tracker-id';") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title><script>{script}</script>"
        f"<style>.x {{ color: red }}</style></head><body><nav><ul><li>Home</li></ul></nav>"
        f"<h2>{heading}</h2><p>{body}</p></body></html>"
    ).encode()


_VECTORS: dict[tuple[str, str], np.ndarray] = {}  # (model, text) -> vector, shared across tests


class CountingEmbedder:
    """The real MiniLM model, counting how many texts it was asked to embed (and remembering
    vectors between tests so that ingesting the same notes again costs no model time)."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.texts = 0

    def embed(self, texts):
        self.texts += len(texts)
        missing = [t for t in dict.fromkeys(texts) if (self.name, t) not in _VECTORS]
        if missing:
            _VECTORS.update(zip(((self.name, t) for t in missing), self.inner.embed(missing)))
        return np.stack([_VECTORS[self.name, t] for t in texts]) if texts else self.inner.embed([])


def ingest_notes_with_table(desk, folder, table: str, notes: dict[str, str | bytes]):
    """Import a tracking table (CSV text), write ``notes`` (file name -> text, or the bytes
    of a PDF, Word or other binary file) into a folder and ingest it as notes, as a user
    with a table and a notes folder does. Returns the ingest report."""
    (folder / "table.csv").write_text(table, encoding="utf-8")
    desk.relationships.table.import_file(folder / "table.csv")
    notes_folder = folder / "notes"
    notes_folder.mkdir()
    for name, content in notes.items():
        if isinstance(content, bytes):
            (notes_folder / name).write_bytes(content)
        else:
            (notes_folder / name).write_text(content, encoding="utf-8")
    return desk.ingest.ingest_paths([notes_folder], kind="notes")


def placements(rel) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """What the notes became, by file name: meetings as (mentor, ISO date), and the review
    list's reasons."""
    meetings = {m.source.rsplit("/", 1)[-1]: (m.person_name, m.date.isoformat()) for m in rel.meetings.list()}
    reviews = {r.source.rsplit("/", 1)[-1]: r.reason for r in rel.reviews.list()}
    return meetings, reviews


def machine_in(monkeypatch, zone: str, date_order: str | None = None):
    """A user's machine in ``zone`` (and, with ``date_order``, set to read dates that way) for
    the rest of a test: notes apps store UTC times, and an evening meeting there is the next
    day in UTC. Use from a fixture: ``yield from machine_in(monkeypatch, "America/Chicago")``."""
    import time

    monkeypatch.setenv("TZ", zone)
    if date_order:
        monkeypatch.setenv("MENTORDESK_DATE_ORDER", date_order)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def load_written(folder, name: str, data: bytes | str):
    """Write ``data`` as the file ``name`` in ``folder`` and load it as the app would."""
    from ingest.loaders import load_file

    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return load_file(path)
