"""Notes kept in note-taking and task apps, each read as the note a person sees: a
TiddlyWiki tiddler (.tid), a reStructuredText note (.rst), a TaskPaper list (.taskpaper,
OmniFocus's export too), a note or log kept as YAML (.yaml / .yml), a CherryTree document
(.ctd) and Microsoft To Do's tasks as Microsoft Graph returns them (.json). Every file is
built here the way its tool writes it; a damaged or foreign one is refused with a reason."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_bytes
from tests.helpers import load_written

# ----- TiddlyWiki -----------------------------------------------------------------------
TID = """created: 20250314183000000
modified: 20250316090000000
tags: Mentoring [[Ana Souza]]
title: Coffee with Ana Souza
type: text/vnd.tiddlywiki
revision: 0
location: Café Nero

! What she said
Ana thinks the ''stretch project'' is the //best// evidence, see [[Promotion case]] and [[her template|Brag Doc]].
<<toc-selective-expandable "Mentoring">>

* Keep a brag document
** with numbers, not adjectives
* Talk to Priya about the FP&A role

# Draft the case
# Share it with Priya

!! My actions
* [x] Send Ana my CV
* [ ] Book the Power BI course

|!Course |!Cost |
|Power BI |N45,000 |
"""


def test_a_tiddler_reads_as_a_markdown_note(tmp_path):
    loaded = load_written(tmp_path, "Coffee with Ana Souza.tid", TID)
    lines = loaded.text.splitlines()
    assert lines[:3] == ["# Coffee with Ana Souza", "Tags: Mentoring, Ana Souza", "Location: Café Nero"]
    assert "## What she said" in lines and "### My actions" in lines  # "!" one level under the title
    assert "Ana thinks the stretch project is the best evidence, see Promotion case and her template." in lines
    assert "- Keep a brag document" in lines and "  - with numbers, not adjectives" in lines
    assert "1. Draft the case" in lines and "2. Share it with Priya" in lines
    assert "- [x] Send Ana my CV" in lines and "- [ ] Book the Power BI course" in lines
    assert "| Power BI | N45,000 |" in lines
    assert "<<" not in loaded.text and "revision" not in loaded.text.lower() and "type:" not in loaded.text
    assert loaded.meta.title == "Coffee with Ana Souza"
    assert loaded.meta.tags == ["Mentoring", "Ana Souza"]


def test_a_tiddlers_created_time_is_utc_taken_to_the_users_day(user_clock):
    user_clock("America/Los_Angeles")
    assert load_bytes("a.tid", TID.encode()).meta.extra["created"] == dt.date(2025, 3, 14)
    user_clock("Pacific/Auckland")  # 18:30 UTC is the next morning in Auckland
    loaded = load_bytes("a.tid", TID.encode())
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 15)
    assert loaded.meta.extra["modified"] == dt.date(2025, 3, 16)


def test_a_markdown_tiddler_keeps_its_markdown():
    tid = b"title: Call with Priya\ntype: text/x-markdown\n\n## Notes\n\n- **apply** now\n"
    assert load_bytes("p.tid", tid).text.splitlines() == ["# Call with Priya", "", "## Notes", "", "- **apply** now"]


def test_a_file_that_is_no_tiddler_is_refused():
    with pytest.raises(LoadError, match="not a TiddlyWiki tiddler"):
        load_bytes("x.tid", b"Just some words typed here.\n\nMore words.")


# ----- reStructuredText -----------------------------------------------------------------
RST = """==============================
 Session with Ana Souza
==============================

:Date: 2025-03-14
:Author: Tolu Adeyemi
:Mentor: Ana Souza

.. private: I was late, do not index this
   and this line is part of the comment.

What she said
=============

Ana's view: **ask early**, before the review
cycle starts. She sent `her template <https://example.com/brag>`_ and the
``brag.md`` file, and said *numbers* not adjectives.

- Ask for the stretch project before the review

  - with numbers, not adjectives
* Keep a brag document

#. Draft the case
#. Share it with Priya

.. note:: She repeated the stretch project point
   twice.

.. image:: us.png

My actions
----------

+ [x] Send Ana my CV
+ [ ] Book the Power BI course

Cadence
    every second Tuesday

The command::

    $ notes --sync
    Title
    =====

+-----------+---------+
| Course    | Cost    |
+===========+=========+
| Power BI  | N45,000 |
+-----------+---------+
"""


def test_a_restructuredtext_note_reads_as_markdown(tmp_path):
    loaded = load_written(tmp_path, "ana.rst", RST)
    lines = [line for line in loaded.text.splitlines() if line]
    assert lines[:4] == ["# Session with Ana Souza", "Date: 2025-03-14", "Author: Tolu Adeyemi", "Mentor: Ana Souza"]
    assert "## What she said" in lines and "### My actions" in lines  # styles in the order they first appear
    assert ("Ana's view: ask early, before the review cycle starts. She sent her template and the brag.md file, "
            "and said numbers not adjectives.") in lines  # wrapped lines joined, markup reduced
    assert "- Ask for the stretch project before the review" in lines
    assert "  - with numbers, not adjectives" in lines and "- Keep a brag document" in lines
    assert "1. Draft the case" in lines and "2. Share it with Priya" in lines
    assert "NOTE: She repeated the stretch project point twice." in lines
    assert "- [x] Send Ana my CV" in lines and "- [ ] Book the Power BI course" in lines
    assert "Cadence: every second Tuesday" in lines
    assert lines[lines.index("The command:") + 1:lines.index("The command:") + 6] == [
        "```", "$ notes --sync", "Title", "=====", "```"]  # a literal block kept as typed, no heading in it
    assert "| Power BI | N45,000 |" in lines
    assert "private" not in loaded.text and "us.png" not in loaded.text and "https" not in loaded.text
    assert loaded.meta.title == "Session with Ana Souza"


def test_underline_styles_rank_by_first_appearance():
    text = load_bytes("n.rst", b"Call with Priya\n~~~~~~~~~~~~~~~\n\nAsked\n*****\n\nShe said: apply.\n").text
    assert text.splitlines() == ["# Call with Priya", "", "## Asked", "", "She said: apply."]


# ----- TaskPaper ------------------------------------------------------------------------
TASKPAPER = """Session with Ana Souza 2025-03-14: @parallel(true) @autodone(false)
\tWe met at the café; she said to ask early.
\t- Send Ana my CV @done(2025-03-15) @context(Email)
\t\tShe wants the PDF version
\t- Book the Power BI course @due(2025-03-31 17:00) @flagged
\t\t- Ask @Priya for the budget
\tReading:
\t\t- Radical Candor
Inbox:
- Call Priya about the FP&A role
"""


def test_a_taskpaper_list_reads_as_projects_and_tasks(tmp_path):
    loaded = load_written(tmp_path, "ana.taskpaper", TASKPAPER)
    assert [line for line in loaded.text.splitlines() if line] == [
        "## Session with Ana Souza 2025-03-14",
        "We met at the café; she said to ask early.",
        "- [x] Send Ana my CV (context: Email)",
        "  She wants the PDF version",
        "- [ ] Book the Power BI course (due 2025-03-31)",
        "  - [ ] Ask Priya for the budget",
        "### Reading",
        "- [ ] Radical Candor",
        "## Inbox",
        "- [ ] Call Priya about the FP&A role",
    ]


# ----- YAML -----------------------------------------------------------------------------
YAML_NOTE = """# kept in my notes repo
title: Monthly check-in with Ana Souza
date: 2025-03-14
mentor: Ana Souza
location: Zoom
advice:
  - Ask for the stretch project early
  - Keep a brag document
actions:
  - task: Send Ana my CV
    done: true
  - task: Book the Power BI course
    done: false
    due: 2025-03-31
  - {action: Draft the promotion case, status: in progress}
books:
  - {title: Radical Candor, author: Kim Scott}
notes: |
  She said the review cycle starts in May.

  Follow up with Priya next week.
"""


def test_a_yaml_note_reads_as_properties_then_sections(tmp_path):
    loaded = load_written(tmp_path, "ana.yaml", YAML_NOTE)
    lines = loaded.text.splitlines()
    assert lines[:4] == ["# Monthly check-in with Ana Souza", "Date: 2025-03-14", "Mentor: Ana Souza", "Location: Zoom"]
    advice = lines.index("## Advice")
    assert lines[advice + 1:advice + 3] == ["- Ask for the stretch project early", "- Keep a brag document"]
    actions = lines.index("## Actions")
    assert lines[actions + 1:actions + 4] == [
        "- [x] Send Ana my CV", "- [ ] Book the Power BI course (Due: 2025-03-31)", "- [ ] Draft the promotion case"]
    assert "- Title: Radical Candor; Author: Kim Scott" in lines
    notes = lines.index("## Notes")
    assert lines[notes + 1:] == ["", "She said the review cycle starts in May.", "", "Follow up with Priya next week."]
    assert "kept in my notes repo" not in loaded.text
    assert loaded.meta.title == "Monthly check-in with Ana Souza"


def test_a_yaml_log_of_entries_gives_each_its_own_section():
    log = b"""- date: 2025-03-14
  mentor: Ana Souza
  advice: [Ask early, Keep a brag document]
- date: 2025-04-11
  mentor: Ana Souza
  actions: [{task: Send the case, done: yes}]
"""
    lines = [line for line in load_bytes("log.yml", log).text.splitlines() if line]
    assert lines == ["## 2025-03-14", "Mentor: Ana Souza", "### Advice", "- Ask early", "- Keep a brag document",
                     "## 2025-04-11", "Mentor: Ana Souza", "### Actions", "- [x] Send the case"]


def test_yaml_that_is_no_note_is_still_read():
    workflow = b"name: CI\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n"
    lines = [line for line in load_bytes("ci.yml", workflow).text.splitlines() if line]
    assert lines == ["# CI", "## Jobs", "### Test", "Runs-on: ubuntu-latest", "#### Steps", "- Run: pytest"]


@pytest.mark.parametrize("data, reason", [
    (b"date: 2025-03-14\nadvice: [Ask early\nmentor: Ana\n", r"not valid YAML \(line 3\)"),
    (b"date: 2025-03-14\n  mentor: Ana\n", r"not valid YAML \(line 2\)"),
    (b"!!python/object/apply:os.system ['touch /tmp/owned']\n", "not valid YAML.*could not determine a constructor"),
    (b"# nothing but a comment\n", "YAML with nothing in it"),
    (b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", "too large"),
    (b"&loop [*loop]\n", "too deeply nested"),
])
def test_broken_or_hostile_yaml_is_a_one_line_load_error(data, reason):
    with pytest.raises(LoadError, match=reason) as caught:
        load_bytes("note.yaml", data)
    assert "\n" not in str(caught.value)


# ----- CherryTree -----------------------------------------------------------------------
_CT_TEXT = ("She thinks the stretch project is the best evidence.\n"
            "• Keep a brag document\n"
            "☑ Send Ana my CV\n"
            "☐ Book the Power BI course\n"
            "Costs:\n")
CTD = f"""<?xml version="1.0" encoding="UTF-8"?>
<cherrytree>
  <bookmarks list=""/>
  <node name="Mentoring with Ana Souza" unique_id="1" prog_lang="custom-colors" tags="mentoring" readonly="0"
        custom_icon_id="0" is_bold="0" foreground="" ts_creation="1741977000.0" ts_lastsave="1742212800.0">
    <rich_text>She thinks the </rich_text><rich_text weight="heavy">stretch project</rich_text><rich_text> is the best evidence.
• Keep a brag document
☑ Send Ana my CV
☐ Book the Power BI course
Costs:
</rich_text>
    <rich_text>After the table, a command:
</rich_text>
    <table char_offset="{len(_CT_TEXT)}" justification="left" col_min="40" col_max="400"><row><cell>Power BI</cell><cell>N45,000</cell></row><row><cell>Course</cell><cell>Cost</cell></row></table>
    <codebox char_offset="{len(_CT_TEXT) + 1 + len("After the table, a command:") + 1}" justification="left" frame_width="300" frame_height="100" width_in_pixels="1" syntax_highlighting="sh" highlight_brackets="1" show_line_numbers="0">notes --sync</codebox>
    <node name="Actions" unique_id="2" prog_lang="custom-colors" tags="" ts_creation="1741977100.0" ts_lastsave="0.0">
      <rich_text>Follow up with Priya next week.</rich_text>
    </node>
  </node>
</cherrytree>
"""


def test_a_cherrytree_document_reads_node_by_node(tmp_path, user_clock):
    user_clock("Europe/London")
    loaded = load_written(tmp_path, "mentoring.ctd", CTD)
    assert [line for line in loaded.text.splitlines() if line] == [
        "# Mentoring with Ana Souza",
        "Tags: mentoring",
        "She thinks the stretch project is the best evidence.",
        "- Keep a brag document",
        "- [x] Send Ana my CV",
        "- [ ] Book the Power BI course",
        "Costs:",
        "| Course | Cost |",  # CherryTree keeps the header row last
        "|---|---|",
        "| Power BI | N45,000 |",
        "After the table, a command:",
        "```",
        "notes --sync",
        "```",
        "## Actions",
        "Follow up with Priya next week.",
    ]
    assert loaded.meta.title == "Mentoring with Ana Souza"
    assert loaded.meta.extra["created"] == dt.date(2025, 3, 14)  # 18:30 UTC
    assert loaded.meta.extra["modified"] == dt.date(2025, 3, 17)


def test_a_cherrytree_creation_time_is_the_users_own_day(user_clock):
    user_clock("Asia/Tokyo")  # 18:30 UTC is 03:30 the next day in Tokyo
    assert load_bytes("m.ctd", CTD.encode()).meta.extra["created"] == dt.date(2025, 3, 15)


@pytest.mark.parametrize("data, reason", [
    (b"<html><body>hi</body></html>", r"not a CherryTree document \(its root element is <html>"),
    (b"<cherrytree><node name='x'></cherrytree>", "not a readable CherryTree document"),
    (b"<cherrytree><bookmarks list=''/></cherrytree>", "no node in it"),
])
def test_a_file_that_is_no_cherrytree_document_is_refused(data, reason):
    with pytest.raises(LoadError, match=reason) as caught:
        load_bytes("x.ctd", data)
    assert "\n" not in str(caught.value)


def test_a_cherrytree_document_never_reads_a_file_it_points_at():
    data = (b"<?xml version='1.0'?><!DOCTYPE c [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
            b"<cherrytree><node name='x'><rich_text>&e;</rich_text></node></cherrytree>")
    try:
        text = load_bytes("x.ctd", data).text
    except LoadError as exc:
        text = str(exc)
    assert "root:" not in text


# ----- Microsoft To Do (Microsoft Graph JSON) -------------------------------------------
def _todo_task(title: str, status: str = "notStarted", body: str = "", content_type: str = "text",
               due: str | None = None, checklist: tuple = ()) -> dict:
    task = {"@odata.etag": 'W/"j3Ny"', "importance": "normal", "isReminderOn": False, "status": status,
            "title": title, "createdDateTime": "2025-03-14T20:15:03.123Z",
            "lastModifiedDateTime": "2025-03-15T08:00:00Z", "id": "AAMkAD" + title[:4],
            "body": {"content": body, "contentType": content_type},
            "checklistItems": [{"displayName": name, "isChecked": ticked, "id": str(n)}
                               for n, (name, ticked) in enumerate(checklist)]}
    if due:
        task["dueDateTime"] = {"dateTime": f"{due}T00:00:00.0000000", "timeZone": "UTC"}
    if status == "completed":
        task["completedDateTime"] = {"dateTime": "2025-03-15T00:00:00.0000000", "timeZone": "UTC"}
    return task


MEETING_BODY = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'></head><body>"
                "<p>She said to <b>ask early</b> for the stretch project, before the review cycle starts,</p>"
                "<p>and to keep a brag document with numbers.</p></body></html>")
TODO = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/todo/lists",
        "value": [{"@odata.etag": 'W/"l1"', "displayName": "Mentoring", "isOwner": True, "wellknownListName": "none",
                   "id": "AAMkList", "tasks": [
                       _todo_task("Coffee with Ana Souza", "completed", MEETING_BODY, "html", due="2025-03-14",
                                  checklist=(("Send Ana my CV", True), ("Book the Power BI course", False))),
                       _todo_task("Send Ana the deck", "completed", "as a PDF"),
                       _todo_task("Draft the promotion case", due="2025-03-31", checklist=(("outline", True),)),
                   ]}]}


def test_microsoft_to_do_tasks_read_as_a_note(tmp_path):
    lines = load_written(tmp_path, "todo.json", json.dumps(TODO)).text.splitlines()
    assert lines == [
        "# Mentoring",
        "",
        "## Coffee with Ana Souza",
        "Date: 2025-03-14",  # the all-day due date's own day
        "",
        "She said to ask early for the stretch project, before the review cycle starts,",
        "",
        "and to keep a brag document with numbers.",  # the HTML body's paragraphs as text
        "",
        "- [x] Send Ana my CV",
        "- [ ] Book the Power BI course",
        "",
        "- [x] Send Ana the deck (as a PDF)",
        "- [ ] Draft the promotion case (due 2025-03-31)",
        "  - [x] outline",
    ]


def test_one_to_do_lists_tasks_read_the_same(user_clock):
    user_clock("Pacific/Auckland")
    tasks = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/todo/lists('x')/tasks",
             "value": [_todo_task("Coffee with Ana Souza", body="She said to ask early for the stretch project, "
                                                                 "before the review cycle starts, with numbers.")]}
    lines = load_bytes("tasks.json", json.dumps(tasks).encode()).text.splitlines()
    # no due date: the day it was typed (20:15 UTC is the next morning in Auckland)
    assert lines[:2] == ["## Coffee with Ana Souza", "Date: 2025-03-15"]


def test_other_json_is_not_taken_for_to_do():
    from ingest.documents.mstodo import ms_todo_json

    assert ms_todo_json({"value": [{"title": "x", "status": "done"}]}) is None  # no Graph fields
    assert ms_todo_json({"value": [{"displayName": "Lists without tasks"}]}) is None
    assert ms_todo_json([{"title": "a list", "status": "completed", "importance": "high"}]) is None
    note = load_bytes("n.json", json.dumps({"title": "Call with Priya", "text": "apply now"}).encode()).text
    assert note.startswith("# Call with Priya")


# ----- every new type -------------------------------------------------------------------
NEW_SUFFIXES = (".tid", ".rst", ".taskpaper", ".yaml", ".yml", ".ctd")


def test_the_new_types_are_offered_for_upload():
    assert set(NEW_SUFFIXES) <= set(SUPPORTED_SUFFIXES)


@pytest.mark.parametrize("suffix", NEW_SUFFIXES)
@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03garbage\xff\xfe" * 40, b"PK\x03\x04" + b"\x00" * 60])
def test_garbage_in_any_new_type_is_a_one_line_load_error(suffix, data):
    with pytest.raises(LoadError) as caught:
        load_bytes(f"file{suffix}", data)
    assert "\n" not in str(caught.value)


def test_a_folder_of_them_becomes_meetings_with_the_mentor_and_their_items(desk, tmp_path, user_clock):
    from tests.helpers import ingest_notes_with_table

    user_clock("America/Los_Angeles")
    table = "name,company,role,stage,notes\nAna Souza,Acme,Director,mentor,\nPriya Raman,Globex,Finance Lead,mentor,\n"
    report = ingest_notes_with_table(desk, tmp_path, table, {
        "ana.tid": TID, "ana.rst": RST, "ana.taskpaper": TASKPAPER, "ana.yaml": YAML_NOTE, "mentoring.ctd": CTD,
        "todo.json": json.dumps(TODO), "broken.yml": "date: 2025-03-14\n  mentor: Ana\n"})
    [(skipped, reason)] = report.skipped
    assert skipped.endswith("broken.yml") and "line 2" in reason
    rel = desk.relationships
    meetings = {m.source.rsplit("/", 1)[-1]: (m.person_name, m.date.isoformat()) for m in rel.meetings.list()}
    assert meetings == {name: ("Ana Souza", "2025-03-14") for name in (
        "ana.tid", "ana.rst", "ana.taskpaper", "ana.yaml", "mentoring.ctd", "todo.json")}
    items = {(a.text, a.done) for a in rel.advice.list()}
    assert ("Send Ana my CV", True) in items and ("Book the Power BI course", False) in items
