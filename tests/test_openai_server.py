"""MentorDesk against a real OpenAI-compatible server: llama-cpp-python's server serving
the bundled SmolLM2 on 127.0.0.1 (started here), reached through OPENAI_BASE_URL as a
user would configure Ollama, vLLM or LM Studio.

What a user sees: the answer streams; its [n] citations point at the passages it had;
a sentence the passages do not back is listed, an answer with no valid citation carries
a warning; a stopped server is one clear error, and nothing saved is lost.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import free_port

from mentordesk.chat import unsupported_sentences
from mentordesk.grounding import cited_numbers, split_sentences
from mentordesk.llm import bundled_smollm2_path
from store.errors import UserError
from tests.conftest import NOTES_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def llama_server():
    port = free_port()
    log = open(os.devnull, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.llama_server", "--model", str(bundled_smollm2_path()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--model_alias", "smollm2"],
        cwd=ROOT, stdout=log, stderr=log, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/models", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail("the llama.cpp server exited at start")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the llama.cpp server did not start in 180 s")
    yield url, process
    process.terminate()
    process.wait(timeout=30)
    log.close()


def _remote_desk(isolated_home, minilm, url: str):
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    settings = Settings(home=isolated_home, llm_provider="openai", llm_base_url=url, llm_model="smollm2",
                        llm_max_tokens=120, top_k=3, index_builtin_guidance=False)
    return MentorDesk(settings, embedder=minilm)


def test_a_real_server_streams_a_checked_answer(llama_server, isolated_home, minilm, tmp_path):
    url, _ = llama_server
    desk = _remote_desk(isolated_home, minilm, url)
    assert desk.model_info.provider == "openai"
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in ("2025-05-07-carlos-mendes.md", "2025-03-07-priya-raman.md", "2025-08-08-priya-raman.md"):
        (notes / name).write_bytes((NOTES_DIR / name).read_bytes())
    desk.ingest.ingest_paths([notes], kind="notes")
    stream = desk.chat.ask("How should I prepare for on-call burnout conversations with my manager?")
    pieces = list(stream)
    answer = stream.result()
    assert len(pieces) > 3, "the answer arrives in pieces as the server streams it"
    assert answer.found and answer.text.strip()
    for n in cited_numbers(answer.text):
        assert 1 <= n <= len(answer.passages)  # citations outside the passages are taken out
    assert {c.n for c in answer.citations} == set(cited_numbers(answer.text))
    # Every sentence the passages do not back is named, and only those.
    sentences = {s for line in answer.text.splitlines() for s in split_sentences(line)}
    assert all(any(u in s for s in sentences) for u in answer.unsupported)
    assert answer.unsupported == unsupported_sentences(answer.text, [p.text for p in answer.passages])
    if not answer.citations:
        assert answer.warning and "cites none of your passages" in answer.warning
    elif answer.unsupported:
        assert answer.warning and "not supported" in answer.warning


def test_a_made_up_answer_is_flagged_not_passed_on():
    passages = ["Join a startup for the people and the problem, never for the equity."]
    made_up = "Daniel said he would not join the company if there was no equity. He also loves sailing in Greece [1]."
    flagged = unsupported_sentences(made_up, passages)
    assert "He also loves sailing in Greece" in flagged[-1]
    assert unsupported_sentences("Join a startup for the people and the problem [1].", passages) == []


def test_a_stopped_server_is_a_clear_error_and_nothing_is_lost(isolated_home, minilm):
    port = free_port()  # nothing listens here: a server that was stopped
    desk = _remote_desk(isolated_home, minilm, f"http://127.0.0.1:{port}/v1")
    desk.ingest.ingest_paths([NOTES_DIR], kind="notes")
    before = len(desk.relationships.meetings.list())
    with pytest.raises(UserError, match=rf"127\.0\.0\.1:{port}.*check that the server is running"):
        "".join(desk.chat.ask("What is a good cadence for meeting a mentor?"))
    assert len(desk.relationships.meetings.list()) == before and before > 0


def test_the_cli_says_so_when_the_server_is_down(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(tmp_path), HF_HUB_OFFLINE="1", OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1",
               MENTORDESK_LLM_MODEL="smollm2", MENTORDESK_INDEX_BUILTIN_GUIDANCE="false")
    run = lambda *args: subprocess.run([sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=300)
    assert run("ingest", str(NOTES_DIR)).returncode == 0
    done = run("ask", "How often should I meet a primary mentor?")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "check that the server is running" in done.stderr


def test_a_note_that_gives_the_model_orders_does_not_steer_a_real_server(llama_server, isolated_home, minilm):
    """The note's 'ignore previous instructions' line is left out of what the server reads,
    so the answer is about the advice, and the line is never presented as advice."""
    from test_injection import NOTE

    url, _ = llama_server
    desk = _remote_desk(isolated_home, minilm, url)
    desk.ingest.ingest_bytes("priya.md", NOTE.encode(), kind="notes")
    sent: list[str] = []
    original = desk.chat._messages

    def recording(*args, **kwargs):
        messages = original(*args, **kwargs)
        sent.extend(str(m.content) for m in messages)
        return messages

    desk.chat._messages = recording
    answer = desk.chat.ask("How should I ask for a raise before resigning?").result()
    assert sent and not any("PWNED" in m or "previous instructions" in m for m in sent)
    assert "PWNED" not in answer.text
    assert not any("PWNED" in a.text for a in desk.relationships.advice.list())
