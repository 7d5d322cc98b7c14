"""Team mode end to end in a real browser: an OpenID Connect provider for tests
(oidc-provider-mock, on 127.0.0.1), the app with ``st.login`` in team mode, and Debian's
chromium driven headless by Playwright. Two mentees sign in, each uploads a note, and
neither can reach the other's through chat, the targets, mentor and meetings pages, or a
direct ``?draft=ID`` address of the other's draft.

Needs /usr/bin/chromium (``apt-get install chromium``; .ci/run installs it)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import free_port
from tests.test_chroma_server import chroma_server  # noqa: F401 - the Chroma server fixture
from tests.test_postgres_store import postgres_url  # noqa: F401 - the PostgreSQL server fixture

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def launch_chromium(playwright):
    """Debian's chromium, headless, asked to make no requests of its own (updates, safe
    browsing), so every request a test sees comes from the page."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])


ALICE, BOB, ADMIN = "alice@example.org", "bob@example.org", "admin@example.org"
ALICE_NOTE = """---
mentor: Priya Raman
date: 2026-10-02
---
# Coffee with Priya

## What she said
- Do not resign before the salary conversation: ask for the raise first, in writing.
"""
BOB_NOTE = """---
mentor: Marcus Lee
date: 2026-10-05
---
# Call with Marcus

## What he said
- Ship the small design doc before asking for a bigger team.
"""

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")


def _wait_http(url: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the app exited: {process.stderr.read()[-3000:] if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


@contextmanager
def running_app(env: dict, *extra_args: str, port: int | None = None):
    """``streamlit run app.py`` on a loopback port (a free one unless given) with ``env``;
    yields its address and stops it afterwards (terminate, then kill if it lingers)."""
    port = port or free_port()
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *extra_args],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_http(f"http://127.0.0.1:{port}/_stcore/health", app)
        yield f"http://127.0.0.1:{port}"
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()


def app_env(home: Path, **extra: str) -> dict:
    """The environment of an app or CLI process in these tests: no setting of the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(home), MENTORDESK_LLM_PROVIDER="fake", HF_HUB_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False", **extra)
    return env


@contextmanager
def _app_process(issuer: str, home: Path, folder: Path, extra_env: dict | None = None):
    """The app in team mode on a port of its own, signing in through ``issuer`` (the secrets
    file names the app's own address, so the port is chosen here)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    secrets_file = folder / f"secrets-{port}.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(16)}"\n'
        'client_id = "mentordesk"\n'
        'client_secret = "not-a-real-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n', encoding="utf-8")
    env = app_env(home, MENTORDESK_MODE="team", MENTORDESK_INDEX_BUILTIN_GUIDANCE="false", **(extra_env or {}))
    with running_app(env, "--secrets.files", str(secrets_file), port=port) as url:
        yield url, env


@pytest.fixture
def team_app(tmp_path, isolated_home):
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=free_port()) as provider:
        with _app_process(f"http://127.0.0.1:{provider.server_port}", isolated_home, tmp_path,
                          {"MENTORDESK_ADMINS": ADMIN}) as running:
            yield running


def _leaves_the_machine(request, app_url: str) -> bool:
    """A request from the app's pages to anywhere but this machine (the test provider's own
    sign-in page loads a stylesheet from a CDN: that one is not the app's)."""
    if re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]", request.url) or request.url.startswith(("data:", "blob:")):
        return False
    return request.frame.url.startswith(app_url)


def _cli(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _sign_in(page, url: str, user: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('input[name="sub"]', timeout=30_000)  # the provider's own page
    page.fill('input[name="sub"]', user)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=60_000)
    assert user in page.inner_text('[data-testid="stSidebar"]')


def choose_file(page, dropzone, *paths: Path) -> None:
    """Choose ``paths`` in a file uploader and wait, as a person would, until each one's chip
    shows it uploaded: a click before that submits the form without the file (the uploader
    asks the server for an upload address first, and the button is enabled meanwhile)."""
    dropzone.set_input_files([str(path) for path in paths])
    for path in paths:
        page.locator('[data-testid="stFileChip"]', has_text=path.name).first.wait_for(timeout=60_000)
    page.locator('[data-testid="stFileChipIconSpinner"]').first.wait_for(state="detached", timeout=60_000)


def _upload(page, name: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    choose_file(page, page.locator('[data-testid="stFileUploaderDropzoneInput"]').first, path)
    page.get_by_role("button", name="Add to library").click()
    try:
        page.wait_for_selector("text=1 added", timeout=240_000)  # the first embeds load the model
    except Exception:
        page.screenshot(path=str(tmp_path / "upload-failed.png"))
        raise AssertionError(f"the upload did not finish: {page.inner_text('body')[-1500:]}") from None


def _ask(page, question: str) -> str:
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(question)
    box.press("Enter")
    answers = page.locator('[data-testid="stChatMessage"]')
    deadline, last = time.monotonic() + 90, ""
    while time.monotonic() < deadline:  # until the streamed answer has stopped growing
        page.wait_for_timeout(1000)
        text = answers.last.inner_text() if answers.count() >= 2 else ""
        if len(text) > 40 and text == last:
            return text
        last = text
    raise TimeoutError(f"no answer to {question!r}: {last!r}")


def _page_text(page, url: str, expect: str | None = None) -> str:
    """The main area's text once the page has settled (and holds ``expect``, when given:
    a loaded machine may take a while to run the page's script)."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"]', timeout=30_000)
    deadline, text = time.monotonic() + 45, ""
    while time.monotonic() < deadline:
        page.wait_for_timeout(1500)
        settled = page.locator('[data-testid="stStatusWidget"]').count() == 0  # no "Running..." badge
        text = page.inner_text('[data-testid="stMain"]')
        if settled and (expect is None or expect in text):
            return text
    return text


def _download(page, url: str, button: str, tab: str | None = None) -> str:
    """What a download button on a page gives, as text."""
    _page_text(page, url, expect=tab or button)
    if tab:
        page.get_by_role("tab", name=tab).click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=re.compile(re.escape(button))).click()
    return Path(download.value.path()).read_text(encoding="utf-8-sig")


def test_two_mentees_sign_in_and_never_see_each_others_notes(team_app, tmp_path):
    from playwright.sync_api import sync_playwright

    url, env = team_app
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            pages = {}
            for user, note_name, note in ((ALICE, "priya.md", ALICE_NOTE), (BOB, "marcus.md", BOB_NOTE)):
                context = browser.new_context()  # a browser of their own: separate cookies
                page = context.new_page()
                page.on("request", lambda r: outside.append(r.url) if _leaves_the_machine(r, url) else None)
                _sign_in(page, url, user)
                _upload(page, note_name, note, tmp_path)
                pages[user] = page

            alice, bob = pages[ALICE], pages[BOB]
            assert "resign before the salary conversation" in _ask(alice, "What did Priya say about the salary?")
            bob_answer = _ask(bob, "What did Priya say about the salary?")
            assert "resign" not in bob_answer and "Priya Raman" not in bob_answer

            # a draft of Alice's, opened by Bob by its address
            _cli(env, "--user", ALICE, "profile", "set", "--name", "Alice Andersen", "--role", "Engineer")
            draft = _cli(env, "--user", ALICE, "draft", "followup", "--mentor", "Priya Raman", "--json")
            draft_id = re.search(r'"id": (\d+)', draft).group(1)
            assert "Priya" in _page_text(alice, f"{url}/drafts?draft={draft_id}", expect="Priya")
            seen_by_bob = _page_text(bob, f"{url}/drafts?draft={draft_id}")
            assert "Priya" not in seen_by_bob and "salary" not in seen_by_bob

            for path in ("targets", "meetings", "mentor", "due", "status"):
                text = _page_text(bob, f"{url}/{path}")
                assert "Priya" not in text and "salary" not in text, path
            # (the targets table is drawn on a canvas: its names are not page text, the meetings list's are)
            alice_meetings = _page_text(alice, f"{url}/meetings", expect="Priya Raman")
            assert "Priya Raman" in alice_meetings and "Marcus" not in alice_meetings
            assert "Marcus Lee" in _page_text(bob, f"{url}/meetings", expect="Marcus Lee")

            # the downloads: the tracking table and the calendar
            assert "Priya Raman" in _download(alice, f"{url}/targets", "Download CSV", tab="Export")
            bob_csv = _download(bob, f"{url}/targets", "Download CSV", tab="Export")
            assert "Marcus Lee" in bob_csv and "Priya" not in bob_csv
            bob_ics = _download(bob, f"{url}/due", "Upcoming meetings (.ics)")
            assert bob_ics.startswith("BEGIN:VCALENDAR") and "Priya" not in bob_ics

            # the CLI as each user agrees with the browser
            assert "Priya" not in _cli(env, "--user", BOB, "search", "salary resign raise", "--json")
            assert "Priya" in _cli(env, "--user", ALICE, "search", "salary resign raise", "--json")

            # the program admin sees counts, never anyone's notes; a mentee has no Program page
            admin = browser.new_context().new_page()
            _sign_in(admin, url, ADMIN)
            program = _page_text(admin, f"{url}/program", expect="Mentees")
            assert "Mentees\n\n2" in program and "Priya" not in program and "Marcus" not in program
            assert "Program" not in bob.inner_text('[data-testid="stSidebarNav"]')

            # signed out, the app shows nothing but the sign-in screen
            bob.get_by_role("button", name="Sign out").click()
            bob.get_by_role("button", name="End session").click()  # the provider asks to confirm
            bob.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
            assert "Marcus" not in bob.inner_text("body")
        finally:
            browser.close()
    assert outside == [], outside


def test_two_app_processes_and_a_cli_ingest_share_the_servers(tmp_path, isolated_home, postgres_url,
                                                               chroma_server):
    """Two app processes (as a team runs them behind a load balancer) and a CLI ingest, on one
    PostgreSQL and one Chroma server at once: every write lands, each user's store and index
    agree, and a user signed in on the other process sees their own note there."""
    import json

    from oidc_provider_mock import run_server_in_thread
    from playwright.sync_api import sync_playwright
    from sqlalchemy import create_engine, text

    from tests.conftest import NOTES_DIR

    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    servers = {"MENTORDESK_DATABASE_URL": postgres_url, "MENTORDESK_CHROMA_HOST": "127.0.0.1",
               "MENTORDESK_CHROMA_PORT": str(chroma_server), "MENTORDESK_COLLECTION": f"apps_{time.monotonic_ns()}"}
    with run_server_in_thread(port=free_port()) as provider:
        issuer = f"http://127.0.0.1:{provider.server_port}"
        with _app_process(issuer, isolated_home, tmp_path / "a", servers) as (url_a, env), \
                _app_process(issuer, isolated_home, tmp_path / "b", servers) as (url_b, _):
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                try:
                    alice, bob = (browser.new_context().new_page() for _ in range(2))
                    _sign_in(alice, url_a, ALICE)
                    _sign_in(bob, url_b, BOB)
                    started = time.monotonic()
                    carol = subprocess.Popen(
                        [sys.executable, "-m", "mentordesk", "--user", "carol@example.org", "ingest", str(NOTES_DIR),
                         "--kind", "notes", "--json"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
                    _upload(alice, "priya.md", ALICE_NOTE, tmp_path)
                    _upload(bob, "marcus.md", BOB_NOTE, tmp_path)
                    out, err = carol.communicate(timeout=600)
                    assert carol.returncode == 0 and "Traceback" not in err, err
                    assert time.monotonic() - started < 600  # bounded: nobody waited on anybody for ever

                    elsewhere = browser.new_context().new_page()  # Alice on the other process
                    _sign_in(elsewhere, url_b, ALICE)
                    assert "resign before the salary conversation" in _ask(elsewhere, "What did Priya say about the salary?")
                finally:
                    browser.close()
            expected = {ALICE: 1, BOB: 1, "carol@example.org": len(json.loads(out)["added"])}
            for user, notes in expected.items():
                status = json.loads(_cli(env, "--user", user, "status", "--json"))
                assert status["documents_by_kind"].get("notes") == notes, user  # no lost writes
                assert status["chunks"] == status["index_entries"], user  # store and index agree
