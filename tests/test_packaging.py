"""A plain `pip install .` (a wheel into a new virtualenv, not the editable checkout) holds
everything the app reads at run time: the prompts, the built-in guidance and its vectors, the sentence
classifier, the migrations. The CLI runs from the installed copy, away from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel, built from a copy of the checkout, installed by pip into a new virtualenv
    (its console script included). The dependencies are this venv's, seen through a .pth
    line, so nothing is downloaded; the checkout itself is not on the path."""
    import sysconfig

    tmp_path = tmp_path_factory.mktemp("installed")
    wheels, venv, home, source = tmp_path / "wheels", tmp_path / "venv", tmp_path / "home", tmp_path / "source"
    # Built from a copy: setuptools leaves build/ in the tree it builds, and a stale file
    # there (a prompt deleted since) would go into the wheel and hide a packaging mistake.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "eval", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = wheels.glob("mentordesk-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # A plain path line: the directory's own .pth files (the editable checkout's finder) stay off.
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_", "PYTHONPATH"))},
           "MENTORDESK_HOME": str(home), "MENTORDESK_LLM_PROVIDER": "fake",
           "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           "MENTORDESK_MODEL_CACHE": os.environ["MENTORDESK_MODEL_CACHE"]}
    return tmp_path, Path(site), env, venv / "bin" / "mentordesk"


def test_the_wheel_runs_the_cli_from_an_installed_copy(installed):
    tmp_path, target, env, mentordesk = installed
    where = subprocess.run([str(mentordesk.parent / "python"), "-c", "import mentordesk, prompts, knowledge; print(mentordesk.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert where.returncode == 0, where.stderr
    assert where.stdout.startswith(str(target))  # not the checkout
    out = subprocess.run([str(mentordesk), "ask", "How often should I meet my primary mentor?"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "[1]" in out.stdout and "cadence.md" in out.stdout
    status = subprocess.run([str(mentordesk), "status"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert "guidance" in status.stdout and status.returncode == 0


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (.ci/run installs it)")
def test_mentordesk_app_serves_the_app_from_an_installed_copy(installed):
    """`mentordesk app` from the unpacked wheel, started away from the checkout (so no
    .streamlit/config.toml is read): the Chat page works in a browser, with the upload limit
    and the viewer toolbar the command sets."""
    from playwright.sync_api import sync_playwright
    from test_team_browser import launch_chromium

    from tests.helpers import free_port

    tmp_path, target, env, mentordesk = installed
    port = free_port()
    app = subprocess.Popen([str(mentordesk), "app", "--port", str(port), "--",
                            "--server.headless", "true"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            deadline = time.monotonic() + 120
            while True:  # until the server answers
                try:
                    page.goto(f"http://127.0.0.1:{port}", timeout=10_000)
                    break
                except Exception:
                    assert app.poll() is None and time.monotonic() < deadline, app.stdout.read() if app.stdout else ""
                    time.sleep(1)
            page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=180_000)
            page.get_by_text("Ask your mentoring library").wait_for(timeout=60_000)
            sidebar = page.inner_text('[data-testid="stSidebar"]')
            assert "50MB per file" in sidebar and "Add to library" in sidebar, sidebar
            assert page.get_by_role("button", name="Deploy").count() == 0
            browser.close()
    finally:
        app.terminate()
        app.wait(timeout=30)
