"""The relationship commands as a user runs them: `python -m mentordesk` in a subprocess with
MENTORDESK_HOME in a temp folder and the fake chat model.

Calls are kept few. The commands that need no index (profile, mentors, due, advice,
meetings listing) must not load the embedding model or Chroma: one driver process runs
several of them and reports which heavy modules got imported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import NOTES_DIR, ROOT

TARGETS_CSV = """\
Name,Company,Role,Contact,Connection,Introducer,Stage
Jonas Weber,Northwind,VP Engineering,jonas@northwind.example,warm,Priya Raman,prospect
Lena Fischer,Acme,CTO,lena@acme.example,cold,,prospect
Bo Chen,Initech,Staff engineer,,cold,,boss
"""
LIST_KEYS = {"name", "company", "role", "connection", "introducer", "stage"}


def environment(home) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORDESK_", "OPENAI_"))}
    env.update(MENTORDESK_HOME=str(home), MENTORDESK_LLM_PROVIDER="fake", HF_HUB_OFFLINE="1",
               MENTORDESK_INDEX_BUILTIN_GUIDANCE="false")
    return env


def mentordesk(home, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "mentordesk", *args], cwd=ROOT, env=environment(home),
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def one_line_error(done, *fragments: str) -> None:
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mentordesk: error: "), done.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


DRIVER = textwrap.dedent("""
    import contextlib, io, json, sys
    from mentordesk.cli import main
    outputs = {}
    for argv in json.loads(sys.argv[1]):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = main(argv)
        outputs[" ".join(argv)] = {"code": code, "stdout": buffer.getvalue()}
    heavy = [m for m in ("sentence_transformers", "torch", "chromadb") if m in sys.modules]
    print(json.dumps({"outputs": outputs, "heavy_modules": heavy}))
""")


def run_in_one_process(home, commands: list[list[str]]) -> dict:
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands)], cwd=ROOT, env=environment(home),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_profile_targets_and_due_without_loading_any_model(tmp_path):
    home = tmp_path / "home"
    one_line_error(mentordesk(home, "profile", "set", "--values", "kindness, humility"),
                   "values: give 3 to 5 qualities", "got 2 (kindness, humility)")
    done = mentordesk(home, "profile", "set", "--name", "Alex Rivera", "--role", "Senior engineer",
                      "--values", "kindness, thoughtfulness, humility")
    assert done.returncode == 0 and "values: kindness, thoughtfulness, humility" in done.stdout

    csv_path = tmp_path / "targets.csv"
    csv_path.write_text(TARGETS_CSV, encoding="utf-8")
    done = mentordesk(home, "mentors", "import", str(csv_path))
    assert done.returncode == 0
    assert done.stdout.startswith("targets.csv: 2 added, 0 updated, 1 skipped")
    assert done.stderr.strip() == ("mentordesk: targets.csv, line 4: stage: 'boss' is not one of prospect, "
                                   "contacted, meeting, mentor, primary")

    one_line_error(mentordesk(home, "mentors", "log", "Jonass", "--direction", "sent", "--summary", "Hi"),
                   "no one named 'Jonass'", "did you mean Jonas Weber?")

    ics = tmp_path / "mentoring.ics"
    export = tmp_path / "targets.xlsx"
    result = run_in_one_process(home, [
        ["mentors", "add", "Priya Raman", "--company", "Larkspur", "--stage", "primary"],
        ["mentors", "log", "Lena", "--direction", "sent", "--date", "2026-11-20", "--summary", "Asked for a call"],
        ["profile", "show", "--json"],
        ["mentors", "list", "--json"],
        ["due", "--today", "2026-11-23", "--json", "--ics", str(ics)],
        ["advice", "--json"],
        ["meetings", "--json"],
        ["mentors", "export", str(export)],
    ])
    assert result["heavy_modules"] == []  # no embedding model, no torch, no Chroma
    assert not (home / "chroma").exists()
    out = {argv: (o["code"], o["stdout"]) for argv, o in result["outputs"].items()}
    assert all(code == 0 for code, _ in out.values()), out

    profile = json.loads(out["profile show --json"][1])
    assert profile == {"name": "Alex Rivera", "role": "Senior engineer", "goals": None,
                       "values": ["kindness", "thoughtfulness", "humility"]}
    people = json.loads(out["mentors list --json"][1])
    assert all(LIST_KEYS <= set(p) for p in people)
    assert {p["name"]: p["stage"] for p in people} == {"Jonas Weber": "prospect", "Lena Fischer": "contacted",
                                                       "Priya Raman": "primary"}
    jonas = next(p for p in people if p["name"] == "Jonas Weber")
    assert (jonas["company"], jonas["role"], jonas["connection"], jonas["introducer"]) == (
        "Northwind", "VP Engineering", "warm", "Priya Raman")

    due = json.loads(out[f"due --today 2026-11-23 --json --ics {ics}"][1])
    assert due["today"] == "2026-11-23" and due["weekday"] is True
    assert [(d["name"], d["status"]) for d in due["primary_mentors"]] == [("Priya Raman", "due")]  # never met
    assert due["outreach"]["name"] == "Jonas Weber"  # the warm prospect
    assert "Add 12 more" in due["nudges"][0]
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n") and b"Book a meeting with Priya Raman" in ics.read_bytes()

    assert json.loads(out["advice --json"][1]) == [] and json.loads(out["meetings --json"][1]) == []
    assert export.is_file() and "exported 3 people" in out[f"mentors export {export}"][1]


@pytest.fixture
def small_notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in ("2025-03-07-priya-raman.md", "2026-02-20-priya-raman.md", "2026-09-23-daniel-okafor.md"):
        shutil.copy(NOTES_DIR / name, folder)
    return folder


def test_notes_become_meetings_and_feed_the_ledger(tmp_path, small_notes):
    home = tmp_path / "home"
    done = mentordesk(home, "ingest", str(small_notes), "--kind", "notes", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["meetings"]["meetings_added"] == 3
    assert report["meetings"]["people_added"] == ["Priya Raman", "Daniel Okafor"]

    notes_file = tmp_path / "call.md"
    notes_file.write_text("---\ntitle: ignored\n---\n## What he said\n- Decide by the end of October.\n"
                          "## Next steps\n- [ ] Tell my manager\n", encoding="utf-8")
    done = mentordesk(home, "meetings", "add", "--mentor", "daniel", "--date", "2026-11-20", "--purpose",
                      "Leave or stay", "--notes-file", str(notes_file), "--json")
    assert done.returncode == 0, done.stderr
    added = json.loads(done.stdout)
    assert (added["mentor"], added["date"], added["advice"], added["open_actions"]) == (
        "Daniel Okafor", "2026-11-20", 1, 1)
    assert added["source"].startswith("note:")

    result = run_in_one_process(home, [
        ["meetings", "--mentor", "priya", "--json"],
        ["meetings", "list", "--mentor", "priya", "--json"],  # as `mentors list` is typed
        ["advice", "--mentor", "Daniel Okafor", "--json"],
    ])
    meetings = json.loads(result["outputs"]["meetings --mentor priya --json"]["stdout"])
    assert [(m["date"], m["mentor"]) for m in meetings] == [("2025-03-07", "Priya Raman"), ("2026-02-20", "Priya Raman")]
    assert json.loads(result["outputs"]["meetings list --mentor priya --json"]["stdout"]) == meetings
    advice = json.loads(result["outputs"]["advice --mentor Daniel Okafor --json"]["stdout"])
    assert {"id", "mentor", "meeting_date", "kind", "text", "done", "outcome"} <= set(advice[0])
    decide = next(a for a in advice if a["text"] == "Decide by the end of October.")

    assert mentordesk(home, "advice", "outcome", str(decide["id"]), "worked").returncode == 0
    one_line_error(mentordesk(home, "advice", "outcome", str(decide["id"]), "great"),
                   "outcome: 'great' is not one of tried, worked, didnt_work, not_for_me")
    due = json.loads(mentordesk(home, "due", "--today", "2026-11-23", "--json").stdout)
    assert [o["text"] for o in due["unreported_outcomes"]] == ["Decide by the end of October."]
    assert [(f["mentor"], f["days_left"]) for f in due["follow_ups"]] == [("Daniel Okafor", 4)]
    one_line_error(mentordesk(home, "meetings", "--mentor", "Carlos"), "no one named 'Carlos'")


def test_notes_that_cannot_be_placed_are_listed_and_settled_from_the_cli(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "coffee_sam.txt").write_text("Coffee with Sam, 9 January 2026\n\nHe said to cut the intro.\n")
    (notes / "offsite.md").write_text("Leadership offsite\n\nTakeaways -\n1) Give feedback within 48 hours.\n")
    (notes / "lorna.txt").write_text("Thurs 12th June 2025 - coffee w/ Lorna Baptiste\n\n- Mentor others yourself.\n")
    (notes / "jr.txt").write_text("30/10/2025 - lunch w/ Jonathan Rees\n\n- Learn the programme inside out.\n")
    home = tmp_path / "home"
    table = tmp_path / "t.csv"
    table.write_text("Name,Company\nSam Okoro,Baobab\nSam Lindqvist,Nordlys\n", encoding="utf-8")
    assert mentordesk(home, "mentors", "import", str(table)).returncode == 0
    done = mentordesk(home, "ingest", str(notes), "--kind", "notes")
    assert done.returncode == 0 and "4 note(s) need review" in done.stdout, done.stdout

    result = run_in_one_process(home, [["meetings", "review", "--json"], ["meetings", "review"]])
    assert result["heavy_modules"] == []  # reading the review list loads no model
    waiting = json.loads(result["outputs"]["meetings review --json"]["stdout"])
    by_file = {w["source"].rsplit("/", 1)[-1]: w for w in waiting}
    assert {f: w["reason"] for f, w in by_file.items()} == {"coffee_sam.txt": "ambiguous_mentor", "offsite.md": "no_mentor",
                                                             "lorna.txt": "no_mentor", "jr.txt": "no_mentor"}
    assert {c["name"] for c in by_file["coffee_sam.txt"]["candidates"]} == {"Sam Okoro", "Sam Lindqvist"}
    listing = result["outputs"]["meetings review"]["stdout"]
    assert "coffee_sam.txt: the name fits several people ('Sam' could be Sam Okoro or Sam Lindqvist)" in listing
    assert f"add them: mentordesk meetings settle {by_file['lorna.txt']['id']} --new-person" in listing
    assert "4 note(s) could not be placed" in mentordesk(home, "meetings").stderr
    done = mentordesk(home, "meetings", "settle", str(by_file["lorna.txt"]["id"]), "--new-person")
    assert done.returncode == 0 and "lorna.txt is now a meeting: " in done.stdout and "Lorna Baptiste" in done.stdout
    added = mentordesk(home, "meetings", "add-new")
    assert added.returncode == 0 and "jr.txt is now a meeting: " in added.stdout and "Jonathan Rees" in added.stdout
    assert mentordesk(home, "meetings", "add-new").stdout.startswith("no waiting note names someone new")

    sam = str(by_file["coffee_sam.txt"]["id"])
    one_line_error(mentordesk(home, "meetings", "settle", sam), "choose a person (--mentor)")
    one_line_error(mentordesk(home, "meetings", "settle", sam, "--mentor", "Sam"), "'Sam' matches several people")
    done = mentordesk(home, "meetings", "settle", sam, "--mentor", "Sam Okoro")
    assert done.returncode == 0 and "coffee_sam.txt is now a meeting: " in done.stdout and "Sam Okoro" in done.stdout
    done = mentordesk(home, "meetings", "settle", str(by_file["offsite.md"]["id"]), "--not-a-meeting")
    assert done.returncode == 0 and "not a meeting" in done.stdout
    assert mentordesk(home, "meetings", "review").stdout.startswith("nothing to review")
    listed = json.loads(mentordesk(home, "meetings", "review", "--all", "--json").stdout)
    assert [(w["reason"], w["source"].rsplit("/", 1)[-1]) for w in listed] == [("not_a_meeting", "offsite.md")]
    done = mentordesk(home, "meetings", "settle", str(listed[0]["id"]), "--reopen")
    assert done.returncode == 0 and "read again" in done.stdout
    [back] = json.loads(mentordesk(home, "meetings", "review", "--json").stdout)
    assert back["reason"] == "no_mentor"
