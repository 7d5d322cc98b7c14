"""The same library on a real Chroma server (``chroma run`` on loopback), as a team would
deploy it: ingest through the server, search through it, and the model check still holds."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import NOTES_DIR
from helpers import free_port

from mentordesk.container import MentorDesk
from vectorstore.chroma_index import ChromaIndex, IndexMismatchError


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "chroma")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail("chroma server exited during start-up")
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("chroma server did not start within 60 s")
    yield port
    process.terminate()
    process.wait(timeout=20)


def test_ingest_and_search_through_a_chroma_server(settings, minilm, chroma_server):
    settings.chroma_host = "127.0.0.1"
    settings.chroma_port = chroma_server
    settings.index_builtin_guidance = False
    desk = MentorDesk(settings, embedder=minilm)

    report = desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    assert len(report.added) == 24
    assert desk.index_count() == report.chunks_total
    assert not (settings.home / "chroma").exists()  # nothing was written to an embedded index

    question = "advice on negotiating stock options at Kestrel"
    through_server = [(r.chunk_id, round(r.dense_score, 4)) for r in desk.index.search(question, k=5)]
    top = desk.index.search(question, k=3)[0]
    assert top.mentor == "Daniel Okafor"

    # The app's warm-up pages every vector out of the server (several pages) into memory;
    # searching the copy gives the same results.
    desk.index.warm_up()
    assert desk.index.vectors_loaded
    pages = list(desk.chroma.iter_vectors(page=40))
    assert len(pages) > 2 and sum(len(ids) for ids, _ in pages) == report.chunks_total
    assert [(r.chunk_id, round(r.dense_score, 4)) for r in desk.index.search(question, k=5)] == through_server

    # A second client on the same server with another embedding model is refused.
    other = ChromaIndex(desk.chroma.client, settings.collection, "another/model", 768)
    with pytest.raises(IndexMismatchError, match="reindex"):
        other.count()
