"""The app's start in a real browser, as a user meets it.

    python -m eval.browser_start [--runs 3] [--no-write]

Debian's chromium, headless, driven by Playwright (``executable_path=/usr/bin/chromium``;
``apt-get install chromium``, ``pip install playwright``; no browser download). The browser
is open before the app starts, as a user's is. For each run:

- **fresh data folder**: seconds from ``streamlit run app.py`` to a chat input that takes
  text (the built-in guidance indexed, the page idle), and the part of it after the page
  began to load;
- **first answer**: seconds from pressing Enter on a question to the finished answer (the
  models load on this first question), then a second question on the warm app;
- **existing data folder**: the app stopped and started again on the same folder.

The chat model is the embedded default (SmolLM2 on llama.cpp), the embedder the default
(MiniLM on ONNX Runtime). Everything talks to 127.0.0.1. The report is
``eval/results/browser_start.md``; figures go with the CPU model and its flags.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from eval.coldstart import app_env, free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "eval" / "results"
CHROMIUM = "/usr/bin/chromium"
CHAT_INPUT = '[data-testid="stChatInputTextArea"]'
QUESTIONS = ("How often should I meet my mentor?", "How do I write a cold outreach email?")


def _start_app(home: Path, port: int, root: Path = ROOT) -> subprocess.Popen:
    env = app_env(home, "local")  # the embedded default, whatever model this machine has configured
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_health(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("streamlit did not answer its health check")


def _idle(page, timeout_ms: int) -> None:
    """Wait until the script run is over (Streamlit shows its status widget while running)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms, polling=50)


def _usable_chat(page, url: str, started: float) -> dict:
    loading = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(f"{CHAT_INPUT}:not([disabled])", timeout=180_000)
    _idle(page, 180_000)
    done = time.perf_counter()
    status = page.locator('[data-testid="stExpander"] summary')
    return {"to_chat_input_s": done - started, "after_page_load_s": done - loading,
            "guidance_status": status.first.inner_text().splitlines()[-1] if status.count() else ""}


def _ask(page, question: str, number: int) -> tuple[float, float, str]:
    box = page.locator(CHAT_INPUT)
    box.fill(question)
    asked = time.perf_counter()
    box.press("Enter")
    # The answer's first words are in once the new assistant message holds text outside the
    # spinner; it is finished when the script run ends (the status widget is gone).
    page.wait_for_function(
        """n => { const m = document.querySelectorAll('[data-testid="stChatMessage"]')[n - 1];
                  if (!m) return false;
                  const spinner = m.querySelector('[data-testid="stSpinner"]');
                  const text = m.innerText.replace(spinner ? spinner.innerText : '', '');
                  return text.includes('From your library') || text.replace('smart_toy', '').trim().length > 40; }""", arg=2 * number, timeout=300_000, polling=20)
    first_words = time.perf_counter() - asked
    _idle(page, 300_000)
    seconds = time.perf_counter() - asked
    text = page.locator('[data-testid="stChatMessage"]').nth(2 * number - 1).inner_text()
    return first_words, seconds, text


def one_run(browser, work: Path, root: Path = ROOT) -> dict:
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    row: dict = {}
    for state in ("fresh", "existing"):
        port = free_port()
        page = browser.new_page()
        started = time.perf_counter()
        app = _start_app(home, port, root)
        try:
            _wait_health(port, app)
            row[f"{state}_health_s"] = time.perf_counter() - started
            row.update({f"{state}_{k}": v for k, v in _usable_chat(page, f"http://127.0.0.1:{port}/", started).items()})
            if state == "fresh":
                for number, question in enumerate(QUESTIONS, 1):
                    first_words, seconds, text = _ask(page, question, number)
                    row[f"answer_{number}_first_words_s"] = first_words
                    row[f"answer_{number}_s"] = seconds
                    row[f"answer_{number}_chars"] = len(text)
                    row[f"answer_{number}_cites"] = "[1]" in text
        finally:
            page.close()
            app.terminate()
            try:
                app.wait(30)
            except subprocess.TimeoutExpired:
                app.kill()
    return row


def _commit(root: Path) -> str:
    out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (out.stdout.strip() or "unknown") + (" (with uncommitted changes)" if dirty else "")


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright

    from eval.report import machine_info

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also run another checkout of MentorDesk (e.g. a git worktree of an older commit), in turn")
    args = parser.parse_args(argv)
    sides = {"this": ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    info = machine_info()
    rows: dict[str, list[dict]] = {side: [] for side in sides}
    work = Path(tempfile.mkdtemp(prefix="mentordesk-browser-"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--no-sandbox", "--disable-background-networking", "--disable-component-update"])
            for run in range(args.runs):
                for side, root in sides.items():
                    rows[side].append(one_run(browser, work, root))
                    print(f"{side} run {run + 1}: " + ", ".join(
                        f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in rows[side][-1].items()),
                        flush=True)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    measures = [("fresh data folder: `streamlit run` to a usable chat input", "fresh_to_chat_input_s"),
                ("  of which after the page began to load", "fresh_after_page_load_s"),
                ("  `streamlit run` to the health check", "fresh_health_s"),
                ("first question (models load): Enter to the answer's first words", "answer_1_first_words_s"),
                ("  Enter to the finished answer (sources and suggestions shown)", "answer_1_s"),
                ("second question, warm app: Enter to first words", "answer_2_first_words_s"),
                ("  Enter to the finished answer", "answer_2_s"),
                ("existing data folder: `streamlit run` to a usable chat input", "existing_to_chat_input_s"),
                ("  of which after the page began to load", "existing_after_page_load_s")]
    commits = {side: _commit(root) for side, root in sides.items()}
    lines = ["# The app's start in a real browser", "",
             f"Generated by `python -m eval.browser_start --runs {args.runs}"
             + (" --baseline CHECKOUT" if args.baseline else "") + f"` on {info['date']}: headless Debian "
             "chromium driven by Playwright, the browser open before the app starts, the embedded defaults "
             "(MiniLM on ONNX Runtime, SmolLM2 on llama.cpp), everything on 127.0.0.1"
             + (", the two checkouts in turn." if args.baseline else "."), "",
             f"- CPU: {info['cpu']}; flags: {info['flags']}",
             "- " + "; ".join(f"{side}: commit {commit}" for side, commit in commits.items()), "",
             "| measure | " + " | ".join(f"{side} median s (min-max)" for side in sides) + " |",
             "|---|" + "---|" * len(sides)]
    for label, key in measures:
        cells = []
        for side in sides:
            values = [r[key] for r in rows[side] if key in r]
            cells.append(f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})" if values else "-")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for side in sides:
        cites = sum(bool(r.get("answer_1_cites")) for r in rows[side])
        lines.append(f"\n{side}: first answers citing a source: {cites} of {len(rows[side])}; guidance status on "
                     f"the fresh start: “{rows[side][0].get('fresh_guidance_status', '')}”.")
    lines.append("")
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        (RESULTS / "browser_start.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
