"""App cold start and peak memory (part of ``python -m eval bench``).

- ``streamlit run app.py`` (headless, a free port, a data folder where the guidance is
  already indexed): seconds from process start until ``/_stcore/health`` answers, then the
  page HTML fetched;
- the chat page's first script run in a fresh process: ``AppTest.from_file("app.py").run()``
  wall time, models not loaded (they load on the first question), and whether the chat
  input is there;
- peak resident memory (``VmHWM``) of a fresh process that loads the library and the
  local model and answers one question.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Peak memory of the child itself: VmHWM of its own address space. (ru_maxrss of a child
# started by fork + exec reports the parent's peak when that is higher.)
_PEAK = """
def peak_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_APPTEST = _PEAK + """
import json, sys, time
started = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120)
at.run()
seconds = time.perf_counter() - started
from ui.resources import get_desk
print("RESULT", json.dumps({"seconds": seconds, "chat_input": len(at.chat_input), "embedder_loaded": get_desk().embedder.loaded,
                  "torch_imported": "torch" in sys.modules, "exceptions": [str(e.value) for e in at.exception],
                  "max_rss_mib": peak_mib()}))
"""

_ANSWER = _PEAK + """
import json, time
started = time.perf_counter()
from mentordesk.container import MentorDesk
from mentordesk.settings import Settings
desk = MentorDesk(Settings(llm_provider="local"))
text = "".join(str(part) for part in desk.chat.ask("How often should I meet my mentor?"))
print("RESULT", json.dumps({"seconds": time.perf_counter() - started, "answer_chars": len(text),
                  "max_rss_mib": peak_mib()}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(home: Path, provider: str) -> dict:
    """The environment an app or CLI run of the benchmarks gets: its own data folder, the
    given chat provider, no hub downloads, no telemetry."""
    return dict(os.environ, MENTORDESK_HOME=str(home), MENTORDESK_LLM_PROVIDER=provider, HF_HUB_OFFLINE="1",
                ANONYMIZED_TELEMETRY="False", STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")


def _run_json(code: str, env: dict) -> dict:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    # The result line is marked: libraries may log to stdout too (Streamlit warns about a
    # missing ScriptRunContext when a cached resource is used outside a script run).
    results = [line[len("RESULT "):] for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if not results:
        return {"error": "no result line in the output: " + (done.stdout.strip().splitlines() or ["(empty)"])[-1][:200]}
    return json.loads(results[-1])


def prepare_home(home: Path, embedder) -> float:
    """A data folder with the built-in guidance indexed, as after a first run."""
    from mentordesk.container import MentorDesk
    from mentordesk.settings import Settings

    started = time.perf_counter()
    MentorDesk(Settings(home=home, llm_provider="fake"), embedder=embedder).ensure_builtin_guidance()
    return time.perf_counter() - started


def streamlit_start(home: Path, timeout: float = 60) -> dict:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port)],
        cwd=ROOT, env=app_env(home, "fake"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        health = page = None
        while time.perf_counter() - started < timeout and health is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as reply:
                    if reply.status == 200:
                        health = time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        if health is not None:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as reply:
                reply.read()
                page = time.perf_counter() - started
        return {"health_seconds": health, "page_html_seconds": page}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def run(home: Path, embedder) -> dict:
    out = {"prepare_seconds": prepare_home(home, embedder)}
    out["streamlit"] = streamlit_start(home)
    out["first_script_run"] = _run_json(_APPTEST, app_env(home, "fake"))
    out["fresh_process_one_local_answer"] = _run_json(_ANSWER, app_env(home, "local"))
    return out
