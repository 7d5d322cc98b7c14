"""Issue 9: shapes found on notes_wild21's dev split (a São Paulo airline manager who writes
Brazilian English with Portuguese mixed in), none of them written for this code: a Google
Forms response sheet in Portuguese, Gmail's thread saved as a web page, an operations shift
log with a call noted at the end, Zoom's saved chat in its meeting folder, a mentoring
platform's export in UTC, a LINE chat history, margin comments in a Word draft, Google Tasks
from Takeout, and the names such notes carry ("o Cmte", "Ana Carol")."""

from __future__ import annotations

import io
import json

import pytest

from ingest.loaders import load_bytes
from ingest.note_meta import note_facts, only_a_date
from mentordesk.relationships.extraction import extract_items
from tests.helpers import machine_in, placements

TABLE = """name,company,role,stage,notes
Ana Paula Ribeiro,Aerovia,VP Operations,primary,"Rafa calls her ""AP"" or ""Ana Paula""."
Ana Carolina Mendes,Cargonautica,Hub director,mentor,"Rafa calls her ""Ana Carol"", ""Carol"" or ""Carol Mendes""."
José Roberto Figueiredo,independent,Retired captain,mentor,"He is always ""Comandante"", ""o Comandante"" or ""Cmte"" in the notes."
Débora Figueira,Rota,Executive coach,mentor,
Takeshi Moriyama,independent,Lean coach,mentor,\"\"\"Moriyama-san\"\". Lives in Tokyo.\"
"""


@pytest.fixture
def sao_paulo(monkeypatch):
    yield from machine_in(monkeypatch, "America/Sao_Paulo")


FORM = """Carimbo de data/hora,Endereço de e-mail,Nome do(a) participante,Coach / mentor(a),Data da sessão,Orientações do(a) coach,Meus próximos passos
07/04/2025 20:11:09,rafa@example.com,Rafael Oliveira,Débora Figueira,07/04/2025,"- Say what you will stop doing before you ask for the new job
- Read the 360 feedback as data, not as a verdict","1. Book the assessment until 20/04
2. Talk with two people from the OCC"
"""

GMAIL_PAGE = """<html><head><title>Gmail - Obrigado!</title></head><body>
<table><tr><td>Rafael Oliveira &lt;rafa@example.com&gt;</td></tr></table>
<table><tr><td><b>Rafael Oliveira</b> &lt;rafa@example.com&gt;</td><td>ter., 15 de jul. de 2025 às 16:20</td></tr>
<tr><td colspan="2">Para: Ana Carolina Mendes &lt;carol@example.com&gt;</td></tr>
<tr><td colspan="2"><div>Oi Carol,<br>Muito obrigado pelo almoço de hoje! I wrote down here to not forget:<br>
- learn to read the handling contract (SLA, penalties) – nobody in the OCC reads it<br>
- ask to rotate through all the desks, not only maintenance control<br>Da minha parte:<br>
- read the IATA handling manual, at least annex B<br>Obrigado de novo! abs, Rafa</div></td></tr></table>
</body></html>"""

SHIFT_LOG = """OCC CGH - LIVRO DE TURNO (SHIFT LOG)
TURNO: NOTURNO    DATA: 18-19SEP25    1900L-0700L / 2200Z-1000Z
------------------------------------------------------------
2200Z  ASSUMIDO TURNO. 3 PENDENCIAS.
2348Z  SBSP TS, GROUND STOP 25 MIN. 4 VOOS EM ESPERA.
0040Z  PAUSA 25 MIN (PESSOAL - VER FIM DO LOG).
0230Z  OPERACAO NORMALIZADA.
0415Z  V3302 PAX EMBARQUE NEGADO - SEM IMPACTO.
0655Z  PECA PR-VOK SAIU VCP VIA RODOVIARIO.
0955Z  PASSADO TURNO.
------------------------------------------------------------
(notas pessoais)

pausa das 0040Z: liguei pro Cmte, ele tava acordado
he said:
 - never promise an aircraft release time that maintenance control didn't sign
 - write in the log the why of each cancellation
me:
 - reread the operations manual chapter 4
"""

ZOOM_SAVED_CHAT = """21:03:55 From Rafael Oliveira to Everyone:
\tboa noite Carol! som ok?
21:11:40 From Ana Carolina Mendes to Everyone:
\tDon't send your CV before you ask the airport director what he thinks is broken in the hub.
21:14:30 From Rafael Oliveira to Everyone:
\tcall the airport director until 05/12
"""

PLATFORM = """Meeting ID,Mentor,Mentee,Start Time (UTC),End Time (UTC),Status,Meeting Notes,Created At (UTC)
MTG-1,Débora Figueira,Rafael Oliveira,2026-03-12 00:00,2026-03-12 01:00,Completed,"Coach:
- In the first 30 days, change nothing structural: ask and observe",2026-03-04 18:41
"""

LINE_CHAT = """[LINE] Chat history with Takeshi Moriyama
Saved on: 2026/04/20 22:15

2026/04/13(Mon)
22:04\tRafael\tIs tomorrow 21h still ok for you?
22:31\tTakeshi Moriyama\tYes. I will call you.

2026/04/14(Tue)
21:02\tTakeshi Moriyama\t☎ Call time 51:27
21:57\tTakeshi Moriyama\t"1. Go to the gate before you read the report.
2. Measure the process, not the people."
22:06\tRafael\tObrigado! my homework: stand one full turnaround at gate 212 with a stopwatch
"""

TASKS = {"kind": "tasks#taskLists", "items": [
    {"kind": "tasks#taskList", "title": "Minhas tarefas", "items": [
        {"kind": "tasks#task", "id": "a", "title": "renovar CNH", "status": "needsAction"}]},
    {"kind": "tasks#taskList", "title": "Mentoria", "items": [
        {"kind": "tasks#task", "id": "m", "title": "Café c/ Ana Paula – qui 17/9", "status": "completed",
         "due": "2026-09-17T00:00:00.000Z",
         "notes": "padaria 7h30. talked about the hub.\nAna Paula:\n- bring 3 results with a number and 1 mistake you own\n"
                  "- delegate the afternoon shift for real"},
        {"kind": "tasks#task", "id": "s", "parent": "m", "title": "Make 1 page with the semester results",
         "status": "completed"}]}]}


def _docx_with_comment() -> bytes:
    """A Word draft with a heading, a paragraph and a margin comment by the mentor."""
    import docx

    document = docx.Document()
    document.add_heading("Pitch (entrevista 21/01)", 1)
    anchored = document.add_paragraph("My experience in the OCC taught me to decide with missing information.")
    document.add_comment(anchored.runs, text="Tell the story of the PR-VOK night: the best proof you decide under pressure",
                         author="Ana Paula Ribeiro", initials="AP")
    document.add_heading("Notas da call c/ AP – qua 14/01, 19h", 2)
    document.add_paragraph("if they offer, don't accept on the spot. Ask for 48h")
    document.core_properties.created = __import__("datetime").datetime(2026, 1, 5, 23, 12)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_these_notes_become_meetings_of_the_right_person_and_day(desk, tmp_path, sao_paulo):
    desk.relationships.profile.update(name="Rafael Nakamura Oliveira")
    zoom = tmp_path / "notes" / "Zoom" / "2025-11-26 21.02.33 Ana Carolina Mendes's Zoom Meeting"
    zoom.mkdir(parents=True)
    (zoom / "meeting_saved_chat.txt").write_text(ZOOM_SAVED_CHAT, encoding="utf-8")
    (tmp_path / "notes" / "Takeout").mkdir()
    (tmp_path / "notes" / "Takeout" / "Tasks.json").write_text(json.dumps(TASKS), encoding="utf-8")
    for name, content in {
        "Registro de sessões (respostas).csv": FORM, "Gmail - Obrigado!.html": GMAIL_PAGE,
        "LOG_OCC_NOTURNO_18-19SEP25.txt": SHIFT_LOG, "mentoring_meetings_export.csv": PLATFORM,
        "[LINE] Chat with Takeshi Moriyama.txt": LINE_CHAT, "Pitch v3 (comentarios AP).docx": _docx_with_comment(),
    }.items():
        path = tmp_path / "notes" / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    desk.relationships.table.import_file(tmp_path / "table.csv")
    desk.ingest.ingest_paths([tmp_path / "notes"], kind="notes")
    meetings, reviews = placements(desk.relationships)
    # a form's "Coach / mentor(a)" and "Data da sessão"
    assert meetings["Registro de sessões (respostas).csv"] == ("Débora Figueira", "2025-04-07")
    # Gmail's saved page: sent by the user to Carol, "almoço de hoje"
    assert meetings["Gmail - Obrigado!.html"] == ("Ana Carolina Mendes", "2025-07-15")
    # "liguei pro Cmte" at the end of the log; the night shift "18-19SEP25" began on the 18th
    assert meetings["LOG_OCC_NOTURNO_18-19SEP25.txt"] == ("José Roberto Figueiredo", "2025-09-18")
    # the day is in the Zoom meeting's folder name
    assert meetings["meeting_saved_chat.txt"] == ("Ana Carolina Mendes", "2025-11-26")
    # 00:00 UTC on the 12th is 21:00 on the 11th in São Paulo
    assert meetings["mentoring_meetings_export.csv"] == ("Débora Figueira", "2026-03-11")
    # arranged "tomorrow" on the 13th; the call on the 14th (not the day it was saved)
    assert meetings["[LINE] Chat with Takeshi Moriyama.txt"] == ("Takeshi Moriyama", "2026-04-14")
    # the call heading's day, not the interview's in the title
    assert meetings["Pitch v3 (comentarios AP).docx"] == ("Ana Paula Ribeiro", "2026-01-14")
    # "Café c/ Ana Paula" typed into a task, due that day
    assert meetings["Tasks.json"] == ("Ana Paula Ribeiro", "2026-09-17")
    assert not reviews


def test_a_saved_gmail_page_keeps_each_messages_lines_and_bullets():
    text = load_bytes("Gmail - Obrigado!.html", GMAIL_PAGE.encode()).text
    assert "- learn to read the handling contract (SLA, penalties) – nobody in the OCC reads it" in text.splitlines()
    assert "ter., 15 de jul. de 2025 às 16:20" in text.splitlines()
    assert only_a_date("ter., 15 de jul. de 2025 às 16:20") and not only_a_date("de repente")
    items = extract_items(text, None, "Ana Carolina Mendes", "Rafael Oliveira")
    assert ("action", "read the IATA handling manual, at least annex B") in [(i.kind, i.text) for i in items]


def test_portuguese_labels_sort_advice_from_the_users_own_list():
    note = ("Cmte – ter 11/08/26 – almoço em Moema\n\ncontexto: the audit is in september.\n\n"
            "Conselhos:\n- go to the ramp at night without warning, once a month\n"
            "- don't sign anything about safety you didn't read entirely\n\n"
            "pendências minhas:\n* review the incident report with focus on the system\n"
            "* make the list of known non-conformities\n")
    items = [(i.kind, i.text) for i in extract_items(note, None, "José Roberto Figueiredo cmte", "Rafael")]
    assert items == [("advice", "go to the ramp at night without warning, once a month"),
                     ("advice", "don't sign anything about safety you didn't read entirely"),
                     ("action", "review the incident report with focus on the system"),
                     ("action", "make the list of known non-conformities")]


def test_a_line_chat_word_comments_and_google_tasks_read_as_notes():
    line = load_bytes("[LINE] Chat with Takeshi Moriyama.txt", LINE_CHAT.encode()).text
    assert "2026/04/14, 21:57 - Takeshi Moriyama: 1. Go to the gate before you read the report." in line.splitlines()
    assert "2. Measure the process, not the people." in line.splitlines()  # a quoted message keeps its lines
    assert "Saved on" not in line
    word = load_bytes("Pitch.docx", _docx_with_comment())
    assert ("Comment from Ana Paula Ribeiro: Tell the story of the PR-VOK night: the best proof you decide under pressure"
            in word.text.splitlines())
    tasks = load_bytes("Tasks.json", json.dumps(TASKS).encode()).text
    assert "## Café c/ Ana Paula – qui 17/9" in tasks and "Date: 2026-09-17" in tasks
    assert "- [ ] renovar CNH" in tasks and "  - [x] Make 1 page with the semester results" in tasks


def test_a_notes_cell_lists_quoted_names_and_a_form_key_keeps_its_gender_mark():
    import csv

    from mentordesk.relationships.lookup import match_note_hint
    from store.tables import Person

    people = []
    for n, row in enumerate(csv.DictReader(io.StringIO(TABLE)), 1):
        person = Person(name=row["name"], company=row["company"], role=row["role"], notes=row["notes"])
        person.id = n
        people.append(person)
    for said, who in [("Cmte", "José Roberto Figueiredo"), ("o Comandante", "José Roberto Figueiredo"),
                      ("Carol", "Ana Carolina Mendes"), ("Moriyama-san", "Takeshi Moriyama"), ("AP", "Ana Paula Ribeiro")]:
        assert match_note_hint(people, said).person.name == who, said
    assert match_note_hint(people, "Ana").person is None  # two Anas: neither
    facts = note_facts("Coach / mentor(a): Débora Figueira\nData da sessão: 07/04/2025\n\nnotes", "form")
    assert facts.mentors == ("Débora Figueira",) and facts.date.isoformat() == "2025-04-07"


def test_a_broken_google_tasks_file_says_so():
    with pytest.raises(Exception, match="JSON"):
        load_bytes("Tasks.json", b'{"kind": "tasks#taskLists", "items": [')


def test_a_word_file_without_comments_reads_as_before():
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Just a line.")
    document.save(out)
    assert load_bytes("plain.docx", out.getvalue()).text == "Just a line."


def test_a_zoom_chat_the_users_own_chores_and_a_logs_capitals():
    """In a saved Zoom chat the user types their to-dos as messages of their own while the
    mentor talks; the mentor's imperative stays advice. A shift log's lines in capitals and
    Gmail's "[Texto das mensagens ocultas]" are no items."""
    items = [(i.kind, i.text) for i in extract_items(ZOOM_SAVED_CHAT, None, "Ana Carolina Mendes carol", "Rafael Oliveira")]
    assert ("advice", "Don't send your CV before you ask the airport director what he thinks is broken in the hub.") in items
    assert ("action", "call the airport director until 05/12") in items
    assert not any("som ok" in text for _, text in items)
    log = [(i.kind, i.text) for i in extract_items(SHIFT_LOG, None, "José Roberto Figueiredo cmte", "Rafael")]
    assert not any(text.isupper() for _, text in log), log
    assert ("advice", "never promise an aircraft release time that maintenance control didn't sign") in log
    footer = extract_items("Oi Carol,\nObrigado!\n- read the handling manual\n[Texto das mensagens ocultas]\n",
                           None, "Ana Carolina Mendes", "Rafael")
    assert [i.text for i in footer] == ["read the handling manual"]


def test_a_file_made_before_the_call_takes_the_weekday_its_text_gives():
    import datetime as dt

    deck = "# OCC – 60 dias\n\nSpeaker notes:\nTalked with AP today (seg) at night, she was in the car.\n"
    # the deck was created on Friday 17 October; "today (seg)" is the Monday after
    assert note_facts(deck, "OCC 60 dias - conversa AP", created=dt.date(2025, 10, 17)).date == dt.date(2025, 10, 20)
    plain = "# OCC – 60 dias\n\nTalked with AP at night.\n"
    assert note_facts(plain, "OCC 60 dias", created=dt.date(2025, 10, 17)).date == dt.date(2025, 10, 17)


def test_a_mentors_words_in_speaker_notes_and_margin_comments_are_advice():
    notes = ("## What I saw\n\n- 68% of delays start in line maintenance\n\nSpeaker notes:\n"
             "AP: decide with 70% of information and review with 90%\nAP: send you the handover model\n")
    items = [(i.kind, i.text) for i in extract_items(notes, None, "Ana Paula Ribeiro ap", "Rafael")]
    assert ("advice", "decide with 70% of information and review with 90%") in items
    assert not any("handover model" in text for _, text in items)  # her own task, not the user's
    word = load_bytes("Pitch.docx", _docx_with_comment()).text
    advice = [i.text for i in extract_items(word, None, "Ana Paula Ribeiro ap", "Rafael") if i.kind == "advice"]
    assert "Tell the story of the PR-VOK night: the best proof you decide under pressure" in advice


def test_an_item_log_in_portuguese_with_an_owner_column():
    log = ("Data,Tipo,Item,Quem,Status\n"
           "21/05/2026,info,Almoço c/ LGB no Itaim,,\n"
           "21/05/2026,conselho,Put line maintenance in the hub daily – 10 min standing,LGB,\n"
           "21/05/2026,ação,Propose the daily meeting to the line maintenance team,eu,ok\n"
           "21/05/2026,ação,Intro me to Paulo Henrique,LGB,\n"
           "21/05/2026,ação,Send revised SLA proposal,Felipe (Pista),\n")
    text = load_bytes("LGB almoço.csv", log.encode()).text
    items = [(i.kind, i.text, i.done) for i in extract_items(text, None, "Luiz Gustavo Barreto lgb", "Rafael")]
    assert items == [("advice", "Put line maintenance in the hub daily – 10 min standing", False),
                     ("action", "Propose the daily meeting to the line maintenance team", True)]


def test_a_chat_messages_numbered_points_stay_apart_and_a_dashed_first_line_is_a_task():
    chat = ("2026/04/14, 21:55 - Rafael: thanks, ready\n2026/04/14, 21:56 - Takeshi Moriyama: As promised, the points:\n"
            "2026/04/14, 21:57 - Takeshi Moriyama: 1. Go to the gate before you read the report.\n"
            "2. Do not measure people, measure the process.\n"
            "2026/04/14, 22:06 - Rafael: - stand one full turnaround at gate 212 with a stopwatch\n"
            "- draft the standard work for the arrival\n")
    items = [(i.kind, i.text) for i in extract_items(chat, None, "Takeshi Moriyama", "Rafael")]
    assert items == [("advice", "Go to the gate before you read the report."),
                     ("advice", "Do not measure people, measure the process."),
                     ("action", "stand one full turnaround at gate 212 with a stopwatch"),
                     ("action", "draft the standard work for the arrival")]


def test_a_one_line_rows_fields_are_no_items():
    row = ("Meeting ID: MTG-1; Mentor: Débora Figueira; Start Time (UTC): 2026-03-05 00:00; Duration (min): 60\n\n"
           "Coach:\n- In the first 30 days, change nothing structural\n")
    assert [(i.kind, i.text) for i in extract_items(row, None, "Débora Figueira", "Rafael")] == [
        ("advice", "In the first 30 days, change nothing structural")]


def test_drafts_greet_by_the_quoted_name_and_follow_up_only_the_last_meetings_steps(desk, tmp_path):
    """A follow-up names the next steps of the meeting it follows up, not a year-old open one,
    and never lists as the user's step what they asked the mentor for ("send me the deck");
    the greeting uses the name the Notes cell quotes ("Moriyama-san", "Comandante")."""
    desk.relationships.profile.update(name="Rafael Oliveira", role="Hub operations manager")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "carol 2025-11-26.md").write_text(
        "Call with Carol, 26/11/2025.\n\n## Her advice\n- Know the three hub numbers by heart\n\n"
        "## My actions\n- call the airport director before applying\n", encoding="utf-8")
    (notes / "carol 2026-10-06.md").write_text(
        "Almoço com Carol, 06/10/2026.\n\n## Her advice\n- Simulate the new bank with December's schedule\n\n"
        "## My actions\n- ask Network Planning for the bank simulation\n- send me the VCP bank deck from 2023\n",
        encoding="utf-8")
    (notes / "moriyama 2026-11-05.md").write_text(
        "Call with Moriyama-san, 05/11/2026.\n\n## Advice\n- Rest is part of standard work\n", encoding="utf-8")
    (notes / "cmte 2026-08-11.md").write_text(
        "Almoço com o Cmte, 11/08/2026.\n\nConselhos:\n- go to the ramp at night without warning\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    desk.relationships.table.import_file(tmp_path / "table.csv")
    desk.ingest.ingest_paths([notes], kind="notes")
    follow_up = desk.drafts.draft("followup", "Ana Carolina Mendes")
    assert follow_up.body.startswith(("Hi Ana Carol,", "Hello Ana Carol,"))
    assert "ask Network Planning for the bank simulation" in follow_up.body
    assert "airport director" not in follow_up.body  # the older meeting's step
    assert "send me" not in follow_up.body.lower() and "VCP bank deck" not in follow_up.body
    thanks = desk.drafts.draft("thanks", "Takeshi Moriyama")
    assert thanks.body.split("\n", 1)[0] in ("Hi Moriyama-san,", "Dear Moriyama-san,", "Hello Moriyama-san,")
    prep = desk.drafts.draft("prep", "José Roberto Figueiredo")
    assert "Comandante" in prep.body and "José hears" not in prep.body


@pytest.mark.parametrize(("question", "who", "topic"), [
    ("o que a Carol disse sobre o banco novo?", "Carol", "o banco novo"),
    ("O que o Cmte me falou sobre a auditoria da ANAC?", "Cmte", "a auditoria da ANAC"),
    ("Quais os conselhos do LGB sobre o SLA?", "LGB", "o SLA"),
])
def test_questions_about_a_mentors_advice_in_portuguese(question, who, topic):
    from mentordesk.mentor_answers import parse_mentor_question

    asked = parse_mentor_question(question)
    assert asked is not None and (asked.who, asked.topic) == (who, topic)
    assert parse_mentor_question("o que é um SLA?") is None


def test_a_mentors_answer_in_portuguese_finds_the_note_its_title_names(desk, tmp_path, monkeypatch):
    """"O que a Carol disse sobre o banco novo?": the embedding model reads English, but the
    note titled "banco novo" is about it; its advice answers, not an older note's."""
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")  # a Brazilian's "06/10/2026"
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "Gmail - Obrigado de novo.md").write_text(
        "Lunch with Carol, 15/07/2025. Obrigado de novo!\n\n## Her advice\n"
        "- learn to read the handling contract – nobody in the OCC reads it\n", encoding="utf-8")
    (notes / "Ana Carol - banco novo.md").write_text(
        "Call with Carol, 06/10/2026.\n\n## Her advice\n- simulate the new schedule with December's flights, "
        "not October's\n- bring the handling company in to design it together\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    desk.relationships.table.import_file(tmp_path / "table.csv")
    desk.ingest.ingest_paths([notes], kind="notes")
    answer = desk.chat.ask("o que a Carol disse sobre o banco novo?").result()
    assert "December's flights" in answer.text and "handling contract" not in answer.text, answer.text


def test_points_marked_with_quote_marks_under_a_label_are_a_list_and_property_lines_are_never_quoted():
    from mentordesk.chat import passage_sentences

    note = ("o Cmte:\n> ramp incidents: first the system, then the person\n"
            "> the ANAC audit is a conversation. Show what is wrong before they find it\n")
    items = [i.text for i in extract_items(note, None, "José Roberto Figueiredo cmte", "Rafael")]
    assert items == ["ramp incidents: first the system, then the person",
                     "the ANAC audit is a conversation. Show what is wrong before they find it"]
    quoted = ("> On Tue, Carol wrote:\n> thanks for the lunch today, it was great to see you\n"
              "> and good luck with the new role\n")
    assert len(extract_items(quoted, None, "Ana Carolina Mendes", "Rafael")) <= 1  # an e-mail quote is no list
    _, sentences = passage_sentences("Mentoria Moriyama-san\nParticipantes: Takeshi Moriyama, Rafael Oliveira\n"
                                     "- Rest is part of standard work, plan the vacation now\n")
    assert sentences == ["Rest is part of standard work, plan the vacation now"]
