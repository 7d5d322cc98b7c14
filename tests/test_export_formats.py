"""Issue 9: notes as other tools export them (ingest.exports): Evernote (.enex), a mailbox
(.mbox), Org mode (.org), a Jupyter notebook (.ipynb), an Obsidian canvas (.canvas), and
the JSON of Messenger, Google Chat, Trello and Simplenote. Each reads as the text a person
would have pasted; UTC times show in the machine's own time zone; a damaged file says why."""

from __future__ import annotations

import json
import os
import time

import pytest

from ingest.loaders import LoadError, load_bytes


@pytest.fixture
def montreal(monkeypatch):
    monkeypatch.setenv("TZ", "America/Toronto")
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
    assert "TZ" not in os.environ or os.environ["TZ"] != "America/Toronto"


ENEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">
<en-export export-date="20260301T120000Z" application="Evernote" version="10.0">
  <note>
    <title>Lunch w Priya</title>
    <created>20250315T020000Z</created>
    <content><![CDATA[<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd">
<en-note><div>She said: ask for the budget first.</div><div><en-todo checked="true"/>send her my CV</div>
<div><en-todo/>book the next lunch</div></en-note>]]></content>
  </note>
</en-export>"""


def test_an_evernote_export_keeps_title_local_created_time_and_todo_boxes(montreal):
    text = load_bytes("Lunch.enex", ENEX).text
    assert text.startswith("# Lunch w Priya")
    assert "Created: 2025-03-14 22:00" in text  # 02:00 UTC is the evening before in Montréal
    assert "[x] send her my CV" in text and "[ ] book the next lunch" in text
    assert "xml" not in text.lower()


MBOX = b"""From priya@example.com Mon Mar 17 09:00:00 2025
From: Priya Raman <priya@example.com>
To: Dana Costa <dana@example.com>
Subject: Re: thanks for lunch
Date: Mon, 17 Mar 2025 09:00:00 +0000

Glad it helped. Ask for the budget before the scope.

From dana@example.com Sun Mar 16 20:00:00 2025
From: Dana Costa <dana@example.com>
To: Priya Raman <priya@example.com>
Subject: thanks for lunch
Date: Sun, 16 Mar 2025 20:00:00 +0000

Thank you for lunch yesterday!
"""


def test_a_mailbox_reads_as_its_messages_one_after_the_other():
    text = load_bytes("thread.mbox", MBOX).text
    assert text.count("From: ") == 2 and text.count("Subject: ") == 2
    assert "Ask for the budget before the scope." in text and "Thank you for lunch yesterday!" in text
    with pytest.raises(LoadError, match="not a mailbox"):
        load_bytes("x.mbox", b"just some text\n")


ORG = b"""#+TITLE: Coffee with JF
#+DATE: <2026-01-08 Thu>
* Ce qu'il m'a dit
- Parle aux gens avant de parler aux recruteurs.
* DONE \xc3\xa9crire \xc3\xa0 St\xc3\xa9phane
  CLOSED: [2026-01-08 Thu 13:31]
  :LOGBOOK:
  CLOCK: [2026-01-08 Thu 13:02]--[2026-01-08 Thu 13:31] =>  0:29
  :END:
* TODO demander le cap table
"""


def test_an_org_file_has_headings_tasks_and_no_drawers():
    text = load_bytes("jf.org", ORG).text
    assert "# Coffee with JF" in text and "Date: 2026-01-08" in text
    assert "# Ce qu'il m'a dit" in text
    assert "- [x] écrire à Stéphane" in text and "- [ ] demander le cap table" in text
    assert "LOGBOOK" not in text and "CLOCK" not in text and "CLOSED" not in text


def test_a_notebook_and_a_canvas_give_their_text_in_reading_order():
    notebook = {"cells": [{"cell_type": "markdown", "source": ["# Prep for Deb\n", "- ask about equity\n"]},
                          {"cell_type": "code", "source": ["import pandas"], "outputs": []},
                          {"cell_type": "markdown", "source": "She said: price the pension."}]}
    text = load_bytes("prep.ipynb", json.dumps(notebook).encode()).text
    assert "# Prep for Deb" in text and "She said: price the pension." in text and "pandas" not in text
    canvas = {"nodes": [{"id": "b", "type": "text", "text": "second card", "x": 0, "y": 300},
                        {"id": "a", "type": "text", "text": "first card", "x": 0, "y": 0},
                        {"id": "f", "type": "file", "file": "x.png", "x": 0, "y": 100}], "edges": []}
    text = load_bytes("board.canvas", json.dumps(canvas).encode()).text
    assert text.index("first card") < text.index("second card") and "x.png" not in text
    with pytest.raises(LoadError, match="Jupyter"):
        load_bytes("x.ipynb", b'{"cells": ')


def test_a_messenger_export_is_a_chat_in_local_time_with_its_accents_repaired(montreal):
    messenger = {"participants": [{"name": "Lise Bouchard"}, {"name": "Gen Lapointe"}],
                 "messages": [{"sender_name": "Lise Bouchard", "timestamp_ms": 1741742100000,  # 2025-03-12 01:15 UTC
                               "content": "Sache ton chiffre, pis dis-le pas en premier. Ã\x87a marche."},
                              {"sender_name": "Gen Lapointe", "timestamp_ms": 1741741200000,
                               "content": "Allo matante!"}],
                 "title": "Lise Bouchard"}
    text = load_bytes("message_1.json", json.dumps(messenger).encode()).text
    lines = text.splitlines()
    assert lines[0] == "# Lise Bouchard"
    assert lines[2] == "[11/03/2025, 21:00] Gen Lapointe: Allo matante!"  # oldest first, local time
    assert lines[3].startswith("[11/03/2025, 21:15] Lise Bouchard: Sache ton chiffre") and "Ça marche." in lines[3]


def test_google_chat_trello_and_simplenote_json():
    chat = {"messages": [{"creator": {"name": "Pierre-Luc Bergeron", "email": "p@x.ca"},
                          "created_date": "Thursday, January 8, 2026 at 7:02:11 PM UTC", "text": "Demande tes accès."}]}
    assert "Pierre-Luc Bergeron: Demande tes accès." in load_bytes("messages.json", json.dumps(chat).encode()).text
    card = {"id": "c1", "name": "Mentorat Karim", "desc": "Brunch, 21 février 2026", "idList": "l1",
            "checklists": [{"name": "À faire", "checkItems": [{"name": "Appeler 5 clients", "state": "complete"},
                                                              {"name": "Envoyer le deck", "state": "incomplete"}]}]}
    text = load_bytes("trello-card.json", json.dumps(card).encode()).text
    assert "# Mentorat Karim" in text and "## À faire" in text
    assert "- [x] Appeler 5 clients" in text and "- [ ] Envoyer le deck" in text
    simple = {"activeNotes": [{"id": "n1", "content": "Call with Isa\nShe said: talk to ten customers.",
                               "creationDate": "2026-02-05T15:00:00.000Z"}], "trashedNotes": []}
    assert "talk to ten customers" in load_bytes("notes.json", json.dumps(simple).encode()).text
