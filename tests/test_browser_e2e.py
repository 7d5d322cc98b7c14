"""A newcomer's first ten minutes in a real browser (Debian chromium, headless, Playwright),
single-user mode on a fresh data folder: the first screen, the profile (a blank name is
refused), a targets import, a note upload, a cited answer, a follow-up drafted and marked as
sent. A request listener fails the test on any request that leaves 127.0.0.1. Screenshots of
each step go to $MENTORDESK_SCREENSHOTS (CI keeps them) or the test's temp folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from test_team_browser import (
    CHROMIUM,
    _ask,
    _leaves_the_machine,
    _page_text,
    _upload,
    app_env,
    choose_file,
    launch_chromium,
    running_app,
)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")
TARGETS = "Name,Company,Role,Connection,Stage\nPriya Raman,Kestrel,VP Engineering,warm,primary\n" \
          "Jonas Weber,Northwind,CTO,cold,prospect\n"
NOTE = """---
mentor: Priya Raman
date: 2026-10-02
---
# Coffee with Priya

## What she said
- Ask for the raise first, in writing, before you talk about resigning.

## Action items
- [ ] Write the one-page case for the raise by Friday.
"""


@pytest.fixture
def app_url(isolated_home):
    with running_app(app_env(isolated_home)) as url:
        yield url


def test_a_newcomers_first_ten_minutes(app_url, tmp_path):
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("MENTORDESK_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.on("request", lambda r: outside.append(r.url) if _leaves_the_machine(r, app_url) else None)

            def shot(name: str) -> None:
                page.screenshot(path=str(shots / f"{len(list(shots.glob('*.png'))) + 1:02d}-{name}.png"))

            page.goto(app_url)
            page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=120_000)
            page.get_by_text("Getting started").wait_for(timeout=60_000)
            assert page.get_by_role("button", name="Deploy").count() == 0  # no developer toolbar
            shot("first-start")

            _page_text(page, f"{app_url}/profile", expect="Save profile")
            page.get_by_role("textbox", name="Name", exact=True).fill("")
            page.get_by_role("button", name="Save profile").click()
            page.get_by_text("cannot be empty").wait_for(timeout=30_000)
            page.get_by_role("textbox", name="Name", exact=True).fill("Alice Andersen")
            page.get_by_role("textbox", name="Role", exact=True).fill("Senior Engineer at Tidewell")
            page.get_by_role("button", name="Save profile").click()
            page.get_by_text("Profile saved.").wait_for(timeout=30_000)
            shot("profile")

            _page_text(page, f"{app_url}/targets", expect="Import")
            targets = tmp_path / "targets.csv"
            targets.write_text(TARGETS, encoding="utf-8")
            page.get_by_role("tab", name="Import").click()
            choose_file(page, page.locator('[data-testid="stFileUploaderDropzoneInput"]').last, targets)
            page.get_by_role("button", name=re.compile(r"Import$")).click()
            page.get_by_text(re.compile(r"2 added")).first.wait_for(timeout=60_000)
            shot("targets-imported")

            page.goto(app_url)
            page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=60_000)
            _upload(page, "priya.md", NOTE, tmp_path)
            shot("note-uploaded")
            answer = _ask(page, "What did Priya say about the raise?")
            assert "Ask for the raise first" in answer and "[1]" in answer
            assert "not supported" not in answer  # quoted from the note, not written by a model
            shot("answer")

            # Priya is the first person of the fresh library: id 1
            _page_text(page, f"{app_url}/drafts?kind=followup&person=1", expect="Priya Raman")
            page.get_by_role("button", name="Generate").click()
            page.get_by_role("button", name="Mark as sent").wait_for(timeout=60_000)
            shot("draft")
            page.get_by_role("button", name="Mark as sent").click()
            page.get_by_text(re.compile(r"Marked as sent\. Priya Raman.s message history")).wait_for(timeout=30_000)
            shot("sent")
        finally:
            browser.close()
    assert outside == [], outside


def test_bad_files_through_the_upload_widget_get_a_reason_each_and_the_rest_goes_in(app_url, isolated_home,
                                                                                   tmp_path):
    """The bad-input classes a person can drop on the uploader: each named with its reason
    on the page, the good files (one of them UTF-16) added, and nothing else changed."""
    import json
    import subprocess
    import sys

    from conftest import ROOT
    from playwright.sync_api import sync_playwright
    from test_bad_input import zip_bomb_docx

    files = {
        "coffee.md": NOTE.encode("utf-8"),
        "lunch-utf16.txt": "Lunch with Jonas Weber: he said to write the on-call handbook.".encode("utf-16"),
        "broken.pdf": b"%PDF-1.4\nthis is not really a pdf",
        "bomb.docx": zip_bomb_docx(),
        "base64.txt": b"QUJD" * 300_000,
        "empty.md": b"",
        "noise.txt": bytes(range(1, 32)) * 40 + b"\xe9",
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # over the uploader's 50 MB: refused by the widget itself

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(app_url)
            page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=120_000)
            dropzone = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
            choose_file(page, dropzone, *paths, huge)
            assert "File must be 50.0MB or smaller" in page.inner_text('[data-testid="stSidebar"]')
            page.get_by_role("button", name="Add to library").click()
            page.get_by_text("Skipped files").wait_for(timeout=240_000)
            sidebar = page.inner_text('[data-testid="stSidebar"]')
            assert "2 added" in sidebar, sidebar
            for name, reason in [("broken.pdf", "is not a readable PDF"), ("bomb.docx", "would expand to"),
                                 ("base64.txt", "does not look like text"), ("empty.md", "is empty"),
                                 ("noise.txt", "neither UTF-8 nor Windows-1252")]:
                assert any(name in line and reason in line for line in sidebar.splitlines()), (name, sidebar)

            choose_file(page, dropzone, tmp_path / "broken.pdf", tmp_path / "empty.md")  # only bad ones
            page.get_by_role("button", name="Add to library").click()
            page.get_by_text("Nothing was added").wait_for(timeout=120_000)
        finally:
            browser.close()
    status = subprocess.run([sys.executable, "-m", "mentordesk", "status", "--json"], cwd=ROOT,
                            env=app_env(isolated_home), capture_output=True, text=True, timeout=300)
    by_kind = json.loads(status.stdout)["documents_by_kind"]
    assert by_kind.get("notes", 0) + by_kind.get("documents", 0) == 2, status.stdout  # the built-in guidance aside
