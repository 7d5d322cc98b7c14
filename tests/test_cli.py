"""The command-line contract, run as a user runs it: `python -m mentordesk` in a subprocess,
with MENTORDESK_HOME pointing at a temp folder and the fake chat model.

Each call loads MiniLM in a fresh process (a few seconds), so one library folder is shared
by the read-only tests of this module and calls are kept few.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import BAD_NOTES_DIR, NOTES_DIR, ROOT
from helpers import damage_docx_part, make_docx, make_html, make_pdf

RESULT_KEYS = {"text", "source", "kind", "mentor", "date", "score"}


def mentordesk(home, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(home), MENTORDESK_LLM_PROVIDER="fake", HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def json_lines(done) -> list[dict]:
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def notes_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli-home")
    done = mentordesk(home, "ingest", str(NOTES_DIR))
    return home, done


def test_ingest_prints_a_summary_and_exits_0(notes_home):
    _, done = notes_home
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("24 added, 0 replaced, 0 unchanged, 0 removed, 0 skipped; ")
    assert "chunks embedded" in done.stdout


def test_bad_files_are_reported_by_name_and_the_rest_goes_in(tmp_path):
    home, folder, bad_only = tmp_path / "home", tmp_path / "inbox", tmp_path / "bad-only"
    folder.mkdir()
    bad_only.mkdir()
    (folder / "mentor-call.md").write_text(
        "---\nmentor: Rosa Lindqvist\ndate: 2025-06-02\ntitle: Call with Rosa\n---\n"
        "## Advice\nRosa said to publish a quarterly brag document for the promotion committee.\n",
        encoding="utf-8")
    (folder / "article.html").write_bytes(
        make_html("Sponsorship", "What sponsors do",
                  "A sponsor spends political capital nominating you for stretch roles."))
    docx = make_docx("Offer letter", ["Halcyon Systems offers a relocation stipend of twelve thousand euros."])
    (folder / "offer.docx").write_bytes(docx)
    (folder / "review.pdf").write_bytes(make_pdf([["Peer review: Jonas praised the incident retrospective write-up."]]))
    bad = {
        "setup.exe": (b"MZ\x90\x00", "unsupported file type '.exe'"),
        "photo.png": (b"\x89PNG\r\n\x1a\n", "unsupported file type '.png'"),
        "empty.md": (b"", "is empty"),
        "corrupt.pdf": (b"%PDF-1.4\nthis is not really a pdf", "is not a readable PDF"),
        "corrupt.docx": (damage_docx_part(docx), "is not a readable Word document"),
        "noise.txt": (bytes(range(1, 32)) * 40 + b"\xe9", "is neither UTF-8 nor Windows-1252 text"),
    }
    # An old editor's "ANSI" note is read (Windows-1252), not refused for not being UTF-8.
    (folder / "latin1.txt").write_bytes("Café with Zoë: she said to keep a brag document.".encode("cp1252"))
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
        (bad_only / name).write_bytes(data)
    for path in BAD_NOTES_DIR.iterdir():
        shutil.copy(path, folder / path.name)
    bad["2025-09-02-daniel-okafor.md"] = (b"", "front matter is not valid YAML")
    bad["2025-13-45-mei-tanaka.md"] = (b"", "date '2025-13-45' is not a valid YYYY-MM-DD date")

    done = mentordesk(home, "ingest", str(folder))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"5 added, 0 replaced, 0 unchanged, 0 removed, {len(bad)} skipped; ")
    skipped = {line for line in lines[1:] if line.startswith("  skipped ")}
    assert len(skipped) == len(bad)
    for name, (_, reason) in bad.items():
        assert any(line.startswith(f"  skipped {folder / name}: {reason}") for line in skipped), (name, lines)

    # Nothing valid read: non-zero exit, and the reasons are still printed.
    done = mentordesk(home, "ingest", str(bad_only), str(tmp_path / "missing.md"))
    assert done.returncode != 0
    assert "nothing valid was read" in done.stderr
    assert f"  skipped {tmp_path / 'missing.md'}: does not exist" in done.stdout
    assert f"  skipped {bad_only / 'corrupt.pdf'}: is not a readable PDF" in done.stdout

    # What was valid is in the library: every format is found by what it says.
    queries = {
        "quarterly brag document promotion committee": "mentor-call.md",
        "sponsor political capital stretch roles": "article.html",
        "relocation stipend": "offer.docx",
        "incident retrospective peer review": "review.pdf",
    }
    queries_file = tmp_path / "queries.txt"
    queries_file.write_text("\n".join(queries) + "\n\n", encoding="utf-8")
    done = mentordesk(home, "search", "--queries-file", str(queries_file), "-k", "1", "--json", "--kind", "notes",
                      "--kind", "documents")
    assert done.returncode == 0, done.stderr
    found = {line["query"]: line["results"][0] for line in json_lines(done)}
    assert {q: r["source"].rsplit("/", 1)[-1] for q, r in found.items()} == queries
    note = found["quarterly brag document promotion committee"]
    assert (note["kind"], note["mentor"], note["date"]) == ("notes", "Rosa Lindqvist", "2025-06-02")
    assert found["relocation stipend"]["kind"] == "documents" and found["relocation stipend"]["mentor"] is None


def test_search_queries_file_prints_one_json_line_per_query(notes_home, tmp_path):
    home, _ = notes_home
    queries = {
        "What did Priya say about negotiating a job offer?": "2025-03-07-priya-raman.md",
        "Who is Amara Nwosu?": "2025-09-17-daniel-okafor.md",
        "How often should I meet my mentor?": "cadence.md",
    }
    queries_file = tmp_path / "queries.txt"
    queries_file.write_text("\n".join(queries), encoding="utf-8")
    done = mentordesk(home, "search", "--queries-file", str(queries_file), "-k", "3", "--json")
    assert done.returncode == 0, done.stderr
    lines = json_lines(done)
    assert [line["query"] for line in lines] == list(queries)
    for line in lines:
        assert set(line) == {"query", "results"}
        assert len(line["results"]) == 3
        for result in line["results"]:
            assert RESULT_KEYS <= set(result)
            assert isinstance(result["text"], str) and result["text"]
            assert isinstance(result["score"], float)
            assert result["kind"] in ("guidance", "notes", "documents")
            assert result["date"] is None or dt.date.fromisoformat(result["date"])
        scores = [r["score"] for r in line["results"]]
        assert scores == sorted(scores, reverse=True)
        assert line["results"][0]["source"].rsplit("/", 1)[-1] == queries[line["query"]]
    cadence = lines[2]["results"][0]
    assert (cadence["kind"], cadence["mentor"], cadence["date"]) == ("guidance", None, None)


def test_search_filters_by_kind_mentor_and_dates(notes_home):
    home, _ = notes_home
    done = mentordesk(home, "search", "advice about my career", "--kind", "notes", "--mentor", "priya",
                      "--since", "2025-03-01", "--until", "2025-10-31", "-k", "10", "--json")
    assert done.returncode == 0, done.stderr
    [line] = json_lines(done)
    results = line["results"]
    assert len(results) >= 3
    for result in results:
        assert result["kind"] == "notes" and result["mentor"] == "Priya Raman"
        assert "2025-03-01" <= result["date"] <= "2025-10-31"
    assert {r["date"] for r in results} <= {"2025-03-07", "2025-04-25", "2025-06-13", "2025-08-08", "2025-10-03"}


def test_unknown_mentor_is_a_one_line_error_with_a_suggestion(notes_home):
    home, _ = notes_home
    done = mentordesk(home, "search", "offers", "--mentor", "Pria")
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr == "mentordesk: error: no mentor named 'Pria' in your library; did you mean Priya Raman?\n"


def test_a_bad_date_is_an_error_naming_the_value(notes_home):
    home, _ = notes_home
    done = mentordesk(home, "search", "offers", "--since", "2025-02-30")
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1] == (
        "mentordesk: error: argument --since: '2025-02-30' is not a date in YYYY-MM-DD form")


def test_ask_json_gives_the_answer_and_its_cited_passages(notes_home):
    home, _ = notes_home
    done = mentordesk(home, "ask", "What did Priya say about negotiating a job offer?", "--json")
    assert done.returncode == 0, done.stderr
    [reply] = json_lines(done)
    assert {"answer", "citations"} <= set(reply)
    assert "[1]" in reply["answer"]
    first = reply["citations"][0]
    assert {"n", "source", "text"} <= set(first)
    assert first["n"] == 1 and first["source"].endswith("2025-03-07-priya-raman.md")
    # A question about a mentor's advice is answered from the advice ledger: every line is
    # Priya's own words, with her name and the meeting's date, found in the passage it cites.
    cited = {c["n"]: c["text"] for c in reply["citations"]}
    lines = [line for line in reply["answer"].splitlines() if line.startswith("- ")]
    assert lines and any("total compensation" in line for line in lines)
    for line in lines:
        match = re.fullmatch(r"- Priya Raman, \d{1,2} \w+ 20\d\d: (?P<text>.+) \[(?P<n>\d)\]\.", line)
        assert match, line
        assert match["text"] in " ".join(cited[int(match["n"])].split())


def test_reindex_rebuilds_a_deleted_index_and_status_reports_it(notes_home):
    home, _ = notes_home
    shutil.rmtree(home / "chroma")
    done = mentordesk(home, "reindex")
    assert done.returncode == 0, done.stderr
    reindexed = int(done.stdout.split()[1])
    assert done.stdout == f"reindexed {reindexed} chunks with sentence-transformers/all-MiniLM-L6-v2\n"

    done = mentordesk(home, "status", "--json")
    assert done.returncode == 0, done.stderr
    [status] = json_lines(done)
    assert status["data_folder"] == str(home)
    assert status["documents"] == 32
    assert status["documents_by_kind"] == {"guidance": 8, "notes": 24}
    assert status["chunks"] == status["index_entries"] == reindexed
    assert status["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert (status["chat_provider"], status["chat_model"]) == ("fake", "fake-citing-model")
    assert status["database"] == f"sqlite:///{home / 'mentordesk.db'}"
