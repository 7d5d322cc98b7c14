"""Issue 9: notes written in German, or half in German: dates ("Mittwoch, 12. März 2025",
"Mi, 12.03.", "14. Jänner"), "gestern" for the day before, Outlook's German headers, "Kaffee
mit Brigitte", "Frau Dr." and "Herrn Prof." before a name, labels (Tipps / To-dos / Meine
Aufgaben / Nächste Schritte / Maßnahmen), the du and the Sie imperative, reported speech in
the subjunctive ("Sie meinte, ich solle …"), "ich werde …", the mentor's own promise ("Sie
schickt mir …"), a protocol's task table with an owner column, a dictated run-on, a Teams
summary in the third person. Written from the brief of the next stranger's set, before it
existed, so that set's first look measures them."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.note_meta import find_date, weekday_date
from mentordesk.relationships.extraction import extract_items, rule_kind
from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Brigitte Hofer,Raiffeisen Digital,CIO,primary,"Frau Dr. Hofer in anything formal; Brigitte in my notes. Kaffee im Café Prückel."
Thomas Brandt,TU Wien,Professor,mentor,"Herr Prof. Brandt, my old supervisor. We say Sie."
Thomas Lechner,Bitpanda,Engineering Director,mentor,"Tom or Tom L. in my notes."
Katharina Weiß,Freelance,Coach,mentor,"Kathi in my notes."
Jonas Berger,Runtastic,CTO,prospect,Never met.
"""
COFFEE = """# Kaffee mit Brigitte – Mittwoch, 12. März 2025

Café Prückel, 45 Min.

## Tipps
- Frag deinen Chef direkt, was er von dir erwartet.
- Nicht zu früh über Gehalt reden.
- Sie meinte, ich solle mir ein zweites Standbein im Team aufbauen.

## To-dos
- [x] Lebenslauf überarbeiten
- [ ] Jonas Berger auf LinkedIn anschreiben
- Brigitte die Folien schicken

Sie schickt mir ihren Artikel über Führung.
"""
CALL = """Telefonat mit Herrn Prof. Brandt
Datum: 03.06.2025

Er riet mir, die Promotion nicht abzubrechen, sondern sie in Teilzeit fertigzustellen.
Laut ihm sollte ich zuerst mit meiner Chefin über die Stundenreduktion sprechen.
Nehmen Sie sich Zeit für die Entscheidung, hat er gesagt.
Er erzählte von seiner eigenen Zeit in Zürich.

Nächste Schritte:
1. Mit Sabine über Teilzeit reden (bis Ende Juni)
2. Exposé an Prof. Brandt schicken
Ich werde ihm bis Freitag eine Gliederung schicken.
"""
PROTOCOL = """Protokoll Mentoring-Gespräch
Teilnehmer: Tom L., ich
Datum: Di, 14.10.2025
Ort: Teams

TOP 1: Beförderung
- Tom empfiehlt, ein Brag-Dokument zu führen.
- Wichtig: Erfolge quantifizieren.

Maßnahmen:
| Aufgabe | Verantwortlich | bis |
|---|---|---|
| Brag-Dokument anlegen | ich | 24.10. |
| Kontakt zu Anna herstellen | Tom | 31.10. |

Nächster Termin: 18.11.2025
"""
COACHING = """gestern Abend Coaching mit Kathi. War anstrengend.

Was sie gesagt hat:
Du musst lernen, Nein zu sagen. Setz dir Grenzen und kommunizier sie früh.
Man sollte nie mehr als drei Prioritäten gleichzeitig haben.

Meine Aufgaben
- Wochenplanung am Montag blocken ✓
- Kathi Bescheid geben, wie das Gespräch mit Markus lief
"""
REPLY = """Von: Brigitte Hofer <b.hofer@raiffeisen-digital.at>
Gesendet: Donnerstag, 4. September 2025 08:15
An: Lena Gruber <lena.gruber@example.at>
Betreff: AW: Danke fürs Gespräch

Liebe Lena,

gerne, es war schön, dich gestern zu sehen. Hier noch einmal meine drei Punkte:

1. Verhandle das Gehalt erst, wenn du das Angebot schriftlich hast.
2. Frag nach dem Budget für Weiterbildung.
3. Lass dich nicht unter Druck setzen.

Ich stelle dich nächste Woche Jonas vor.

Liebe Grüße
Brigitte

Brigitte Hofer
CIO | Raiffeisen Digital
"""
SUMMARY = """Besprechungsnotizen
Mentoring Lena / Prof. Brandt
Freitag, 7. November 2025

Zusammenfassung
Thomas Brandt empfahl Lena Gruber, das Kapitel zur Methodik vor Weihnachten abzuschließen.
Er riet ihr, mit der Betreuerin einen festen Termin pro Monat zu vereinbaren.
Lena berichtete von ihrem neuen Projekt im Team.

Folgeaufgaben
- Kapitel 3 bis 19.12. fertigstellen (Lena Gruber)
- Literaturliste schicken (Thomas Brandt)
"""
MEMO = ("also ich komm gerade vom mittagessen mit tom und er hat gesagt dass ich mich nicht verstecken soll und dass ich in den architektur-runden öfter was sagen muss und ich soll mir einen sponsor suchen und ich werde nächste woche mit der bereichsleiterin reden und ihm dann berichten ja das wars\n")


def test_german_dates_are_read():
    assert find_date("Mittwoch, 12. März 2025") == dt.date(2025, 3, 12)
    assert find_date("am 3. Mai 2025") == dt.date(2025, 5, 3)
    assert find_date("14. Jänner 2026") == dt.date(2026, 1, 14)
    assert find_date("Am Di., 3. März 2026 um 18:02 schrieb Tom <tom@example.at>:") == dt.date(2026, 3, 3)
    # a two-letter weekday settles the year of a date written without one
    assert weekday_date("Mi, 12.03.", today=dt.date(2026, 12, 1)) == dt.date(2025, 3, 12)
    assert weekday_date("Do 16.10.", today=dt.date(2026, 12, 1)) == dt.date(2025, 10, 16)


@pytest.fixture
def placed(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Lena Gruber")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Kaffee mit Brigitte.md": COFFEE, "Telefonat Prof Brandt.txt": CALL, "Protokoll Mentoring Tom.txt": PROTOCOL,
        "2025-11-20 Kathi.txt": COACHING, "AW Danke fürs Gespräch.txt": REPLY, "Teams Zusammenfassung.txt": SUMMARY,
        "Sprachmemo 12.txt": MEMO})
    return desk.relationships


def test_german_notes_become_meetings_of_the_right_mentor_and_day(placed):
    meetings, reviews = placements(placed)
    assert meetings["Kaffee mit Brigitte.md"] == ("Brigitte Hofer", "2025-03-12")
    # "Herrn Prof. Brandt" is Thomas Brandt, not the other Thomas
    assert meetings["Telefonat Prof Brandt.txt"] == ("Thomas Brandt", "2025-06-03")
    assert meetings["Protokoll Mentoring Tom.txt"] == ("Thomas Lechner", "2025-10-14")
    # named the day it was written, opening "gestern Abend Coaching mit Kathi"
    assert meetings["2025-11-20 Kathi.txt"] == ("Katharina Weiß", "2025-11-19")
    # sent on 4 September: "schön, dich gestern zu sehen"
    assert meetings["AW Danke fürs Gespräch.txt"] == ("Brigitte Hofer", "2025-09-03")
    assert meetings["Teams Zusammenfassung.txt"] == ("Thomas Brandt", "2025-11-07")
    assert reviews["Sprachmemo 12.txt"] == "no_date"


def test_german_labels_imperatives_reports_and_the_mentors_promise(placed):
    hofer = {(a.kind, a.text, a.done) for a in placed.people.detail("Brigitte Hofer").advice}
    assert ("advice", "Frag deinen Chef direkt, was er von dir erwartet.", False) in hofer
    assert ("advice", "Nicht zu früh über Gehalt reden.", False) in hofer
    assert ("advice", "Sie meinte, ich solle mir ein zweites Standbein im Team aufbauen.", False) in hofer
    assert ("action", "Lebenslauf überarbeiten", True) in hofer
    assert ("action", "Brigitte die Folien schicken", False) in hofer
    assert ("advice", "Lass dich nicht unter Druck setzen.", False) in hofer
    assert not any("Artikel" in text or "stelle dich" in text or "Raiffeisen" in text for _, text, _ in hofer)
    brandt = {(a.kind, a.text) for a in placed.people.detail("Thomas Brandt").advice}
    assert ("advice", "Nehmen Sie sich Zeit für die Entscheidung, hat er gesagt.") in brandt
    assert ("advice", "Laut ihm sollte ich zuerst mit meiner Chefin über die Stundenreduktion sprechen.") in brandt
    assert ("action", "Ich werde ihm bis Freitag eine Gliederung schicken.") in brandt
    assert ("action", "Exposé an Prof. Brandt schicken") in brandt
    assert not any("Zürich" in text for _, text in brandt)  # his story


def test_a_protocol_task_table_keeps_only_the_users_rows(placed):
    tom = {(a.kind, a.text) for a in placed.people.detail("Thomas Lechner").advice}
    assert ("action", "Brag-Dokument anlegen") in tom
    assert ("advice", "Tom empfiehlt, ein Brag-Dokument zu führen.") in tom
    assert not any("Kontakt zu Anna" in text for _, text in tom)  # Tom's own row


def test_a_teams_summary_in_german_gives_advice_and_only_the_users_tasks(placed):
    brandt = {(a.kind, a.text) for a in placed.people.detail("Thomas Brandt").advice}
    assert any(kind == "advice" and text.startswith("Er riet ihr, mit der Betreuerin") for kind, text in brandt)
    assert any(kind == "action" and text.startswith("Kapitel 3 bis 19.12.") for kind, text in brandt)
    assert not any("Literaturliste" in text or "berichtete" in text for _, text in brandt)


def test_a_german_voice_memo_run_on_is_cut_into_advice_and_a_task():
    items = [(i.kind, i.text) for i in extract_items(MEMO, None, "Thomas Lechner", "Lena Gruber")]
    assert ("advice", "er hat gesagt dass ich mich nicht verstecken soll") in items
    assert ("advice", "ich soll mir einen sponsor suchen") in items
    assert any(kind == "action" and text.startswith("ich werde nächste woche") for kind, text in items)
    assert not any("mittagessen" in text for _, text in items)


def test_german_rules_leave_english_alone():
    assert rule_kind("Sie schickt mir ihren Artikel über Führung.") == "other"
    assert rule_kind("Er riet mir, die Promotion nicht abzubrechen.") == "advice"
    assert rule_kind("Ich schicke dir bis Sonntag meinen Entwurf.") == "action"
    assert rule_kind("Mittwoch, 12. März 2025") == "other"
    # English lines with words German also has are not read as German
    assert rule_kind("So the plan is fine.") is None
    assert rule_kind("Die Hard is her favourite film.") is None


BUJO = """# März 2026 – KW 12

**Mo 16.03.**
• Sprint Review vorbereiten
x Zahnarzt anrufen

**Di 17.03.**
○ Telefonat mit Kathi
– Mach die Grenzen sichtbar, sonst merkt sie keiner.
– Sag einmal pro Woche bewusst Nein.
• Kathi den Link zum Kurs schicken
• Wochenplan für April erstellen

**Mi 18.03.**
x Kathi den Link zum Kurs schicken
• Einkaufen
"""
DAILY = """# Montag, 9. März 2026

## Tagebuch
Schlecht geschlafen. Viel zu tun im Sprint.

## Mittagessen mit Brigitte
- Geh mit einer klaren Zahl in die Verhandlung.
- Sie findet, ich sollte die Teamleitung nicht zu schnell annehmen.
- Sie fragt ihren Kollegen bei der Erste Bank für mich.

## Aufgaben heute
- Wäsche
- Steuererklärung
"""
LOG = """Datum;Mentor;Typ;Text;Status
05.05.2026;Kathi;Rat;Plane Pufferzeiten in jede Woche ein.;
05.05.2026;Kathi;Aufgabe;Kalender für Mai aufräumen;erledigt
05.05.2026;Kathi;Notiz;Sie zieht im Juni nach Graz.;
"""


@pytest.fixture
def journals(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Lena Gruber")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Bujo KW 12 2026.md": BUJO, "2026-03-09.md": DAILY, "Mentoring-Log Kathi.csv": LOG})
    return desk.relationships


def test_a_german_bullet_journal_week_is_the_day_of_the_call_with_its_tasks_ticked_later(journals):
    meetings, _ = placements(journals)
    assert meetings["Bujo KW 12 2026.md"] == ("Katharina Weiß", "2026-03-17")
    assert meetings["Mentoring-Log Kathi.csv"] == ("Katharina Weiß", "2026-05-05")
    kathi = {(a.kind, a.text, a.done) for a in journals.people.detail("Katharina Weiß").advice}
    assert ("advice", "Sag einmal pro Woche bewusst Nein.", False) in kathi
    assert ("action", "Kathi den Link zum Kurs schicken", True) in kathi  # "x" on Wednesday
    assert ("action", "Wochenplan für April erstellen", False) in kathi
    assert not any(text in ("Sprint Review vorbereiten", "Einkaufen", "Zahnarzt anrufen") for _, text, _ in kathi)
    # the log's Typ column: Rat is advice, Aufgabe a task ("erledigt": done), Notiz neither
    assert ("advice", "Plane Pufferzeiten in jede Woche ein.", False) in kathi
    assert ("action", "Kalender für Mai aufräumen", True) in kathi
    assert not any("Graz" in text for _, text, _ in kathi)


def test_a_daily_note_keeps_the_lunch_and_not_the_days_chores_or_her_promise(journals):
    meetings, _ = placements(journals)
    assert meetings["2026-03-09.md"] == ("Brigitte Hofer", "2026-03-09")
    hofer = {(a.kind, a.text) for a in journals.people.detail("Brigitte Hofer").advice}
    assert ("advice", "Geh mit einer klaren Zahl in die Verhandlung.") in hofer
    assert not any(text in ("Wäsche", "Steuererklärung") or "Erste Bank" in text for _, text in hofer)


TABLE_DE = """name,company,role,stage,notes
Brigitte Wallner,(i. R.) Versicherung,CFO,primary,"Bis Herbst 'Frau Dr. Wallner', seither 'Brigitte'."
Markus Eder,Voltaro,CFO,mentor,"In meinen Notizen 'Eder', 'der Eder' oder 'Markus E.' - manchmal nur 'Markus'."
Markus Steindl,FH,Professor,mentor,"Prof. Steindl / 'der Professor' / 'Steindl'. Hat meine Masterarbeit betreut."
Ferdinand Haslinger,Kanzlei,Steuerberater,mentor,"Ferdl - in meinen Notizen nenne ich ihn nur Ferdl, nie Ferdinand."
Daniel Kovacs,Paylane,CFO,contacted,Nie getroffen.
"""
OUTLOOK_THREAD = """Von: Brigitte Wallner <bw@example.at>
Gesendet: Freitag, 7. März 2025 19:41
An: Theresa Lechner <tl@example.at>
Betreff: AW: Danke

Liebe Frau Lechner, sehr gerne. Noch ein Gedanke: Bewerben Sie sich.

-----Ursprüngliche Nachricht-----
Von: Theresa Lechner <tl@example.at>
Gesendet: Donnerstag, 6. März 2025 08:14
An: Brigitte Wallner <bw@example.at>
Betreff: Danke

Liebe Frau Dr. Wallner, vielen Dank für das Gespräch gestern im Café Sperl!
"""
GMAIL_PRINT = """Notiz: Kovacs angeschrieben am 6.3.

Gmail - Re: Telefonat

Markus Eder <markus@example.at>
Mi., 4. März 2026, 08:17
an mich

Servus, hier noch zwei Sachen zum Telefonat: Frag nach dem ganzen Paket.

Am Di., 3. März 2026 um 18:02 schrieb Theresa Lechner <t@example.at>:
> Lieber Markus, danke für das Telefonat heute! Hier meine Zusammenfassung:
> - Nicht sofort eine Zahl nennen.
"""
CHAT_DE = """03.04.25, 18:22 - Theresa: Servus Ferdl! Hast du am Wochenende Zeit für ein Achterl?
03.04.25, 18:40 - Ferdl: Freilich. Samstag, 17 Uhr beim Heurigen?
03.04.25, 18:41 - Theresa: Passt!
05.04.25, 23:04 - Theresa: Danke für heute, das hat mir echt geholfen
05.04.25, 23:19 - Ferdl: Gern. Nochmal zum Mitschreiben:
1) Fang mit dem Problem an, nicht mit dir.
2) Nix Schlechtes über den Kollegen sagen.
05.04.25, 23:35 - Theresa: Ich mach bis Mittwoch die Präsentation kürzer
"""
WEEK = """# KW 31 · 28.07.–03.08.2025

## Mo 28.07.
• Abschlusskalender an alle

## Do 31.07.
○ Mittagessen mit Ferdl, 12:30
  – die Ausschreibung auf drei Sätze kürzen
  • Ferdl die Ausschreibung schicken

## Fr 01.08.
x Ferdl die Ausschreibung schicken
"""
RULES_PAGE = """Abgetippt aus dem Notizbuch.

BRIGITTES REGELN
1. Lob öffentlich, Kritik unter vier Augen.
2. Sag nie "das war schon immer so".
"""
MEMO_DE = ("so ich sitz im zug und heute ist mittwoch der 25. februar 2026 und ich war beim steindl wegen dem mba "
           "und er hat gesagt ich soll mich fragen was ich in fünf jahren machen will\n")


def test_german_threads_chats_weeks_and_a_possessive_name(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Theresa Lechner")
    ingest_notes_with_table(desk, tmp_path, TABLE_DE, {
        "AW Danke - Outlook.txt": OUTLOOK_THREAD, "Re Telefonat - Gmail.txt": GMAIL_PRINT,
        "WhatsApp-Chat mit Ferdl.txt": CHAT_DE, "KW 31.md": WEEK, "Regeln.txt": RULES_PAGE, "Sprachmemo.txt": MEMO_DE})
    meetings, reviews = placements(desk.relationships)
    # the earliest message of the Outlook thread says "gestern": the day before it was sent
    assert meetings["AW Danke - Outlook.txt"] == ("Brigitte Wallner", "2025-03-05")
    # Gmail's print view: the sender above the date, not the name in the user's note on top;
    # "hier meine Zusammenfassung" is German "here", not French "yesterday"
    assert meetings["Re Telefonat - Gmail.txt"] == ("Markus Eder", "2026-03-03")
    # arranged on Thursday for "Samstag"; "Danke für heute" on the day; "Ferdl" from the Notes cell
    assert meetings["WhatsApp-Chat mit Ferdl.txt"] == ("Ferdinand Haslinger", "2025-04-05")
    # a week titled by its range is the day of the lunch, not the range's end
    assert meetings["KW 31.md"] == ("Ferdinand Haslinger", "2025-07-31")
    assert meetings["Sprachmemo.txt"] == ("Markus Steindl", "2026-02-25")
    assert reviews["Regeln.txt"] == "no_date"  # "Brigittes Regeln" names her; no day is written


def test_german_notes_cells_give_the_names_used_in_notes():
    from mentordesk.relationships.lookup import _aliases_in

    assert {"eder", "markus e"} <= _aliases_in("In meinen Notizen 'Eder', 'der Eder' oder 'Markus E.' - manchmal nur 'Markus'.")
    assert "ferdl" in _aliases_in("Ferdl - in meinen Notizen nenne ich ihn nur Ferdl, nie Ferdinand.")
    assert "steindl" in _aliases_in("Prof. Steindl / 'der Professor' / 'Steindl'. Hat meine Masterarbeit betreut.")
    assert _aliases_in("Met at a meetup. Coffee twice a year.") == frozenset()


PROTOCOL_PLAIN = """Protokoll Mentoring-Termin
Datum: 02.12.2025

TOP 2  Führung
Brigitte empfiehlt, dem Team die Erfolge konkret zurückzuspiegeln.
Außerdem: nach einer Hochlastphase zwei ruhige Wochen bewusst zulassen, keine neuen Projekte vor Weihnachten.

Maßnahmen
Nr. | Maßnahme                           | Verantwortlich | bis        | Status
1   | Teamrunde mit persönlichem Dank     | TL             | 12.12.2025 | erledigt 11.12.
2   | Notfallplan schreiben               | TL             | 19.12.2025 | offen
3   | Kontakt zu Mag. Thaler herstellen   | BW             | Jänner 2026 | offen
"""


def test_a_plain_text_task_table_with_initials_and_a_line_opening_with_ausserdem():
    items = {(i.kind, i.text, i.done) for i in extract_items(PROTOCOL_PLAIN, None, "Brigitte Wallner", "Theresa Lechner")}
    assert ("action", "Teamrunde mit persönlichem Dank", True) in items  # TL: the user's initials; "erledigt"
    assert ("action", "Notfallplan schreiben", False) in items
    assert not any("Thaler" in text for _, text, _ in items)  # BW's row: the mentor's own task
    assert any(kind == "advice" and "zwei ruhige Wochen" in text for kind, text, _ in items)  # "Außerdem" is no owner
    assert not any("|" in text for _, text, _ in items)


def test_german_infinitive_items_reports_without_subject_and_a_farewell():
    assert rule_kind("Bewerbung bis spätestens 14.03. einreichen.") == "action"  # a task with its deadline
    assert rule_kind("den ersten Monatsabschluss nicht selber rechnen, sondern danebensitzen und fragen") == "advice"
    assert rule_kind("Bei GF-Meetings immer mit einer Empfehlung reingehen, nicht mit Optionen.") == "advice"
    assert rule_kind("sagt, die Stellenausschreibung ist zu lang") == "advice"  # "– sagt, …" under a bujo event
    assert rule_kind("erzählt von seiner Kanzlei, zwei Leute haben gekündigt") == "other"
    assert rule_kind("Ich rede nächste Woche mit Herrn Kainz, bevor ich mich bewerbe.") == "action"
    assert rule_kind("Sag Bescheid!") == "other"
    memo = ("also was mach ich jetzt ich schreib bis sonntag die zwei sätze auf was ich will und bei der jku schau ich "
            "ob es einen online termin gibt und ich schick dem steindl bis ende märz die folien für den gastvortrag und "
            "das wars eigentlich schon dann bin ich ausgestiegen und heim gefahren mit der bahn am abend\n")
    items = [(i.kind, i.text) for i in extract_items(memo, None, "Markus Steindl", "Theresa Lechner")]
    assert any(kind == "action" and text.startswith("ich schreib bis sonntag") for kind, text in items)
    assert any(kind == "action" and text.startswith("ich schick dem steindl") for kind, text in items)


@pytest.mark.parametrize("question, who, topic", [
    ("Was hat Brigitte zum Hearing gesagt?", "Brigitte", "Hearing"),
    ("Was hat mir Ferdl über Gehaltsverhandlungen geraten?", "Ferdl", "Gehaltsverhandlungen"),
    ("Was meinte der Steindl zum MBA?", "Steindl", "MBA"),
    ("Welche Tipps hat mir Brigitte zur Budgetrunde gegeben?", "Brigitte", "Budgetrunde"),
    ("Qu'est-ce que Karim m'a dit sur la négociation ?", "Karim", "la négociation"),
    ("¿Qué me dijo Javier sobre negociar?", "Javier", "negociar"),
])
def test_what_did_x_say_in_german_french_and_spanish(question, who, topic):
    from mentordesk.mentor_answers import parse_mentor_question

    asked = parse_mentor_question(question)
    assert asked is not None and (asked.who, asked.topic) == (who, topic)
    assert parse_mentor_question("Was ist ein Forecast?") is None
    assert parse_mentor_question("Was hat sie gesagt?") is None


@pytest.fixture
def german_desk(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Lena Gruber")
    ingest_notes_with_table(desk, tmp_path, TABLE, {"Kaffee mit Brigitte.md": COFFEE, "AW Danke fürs Gespräch.txt": REPLY})
    return desk


def test_asked_in_german_the_chat_quotes_the_mentors_own_advice(german_desk):
    answer = german_desk.chat.ask("Was hat Brigitte über das Gehalt gesagt?").result()
    assert answer.text.startswith("What Brigitte Hofer said"), answer.text
    assert "Gehalt" in answer.text and answer.citations
    assert all(c.result.mentor == "Brigitte Hofer" for c in answer.citations)


def test_a_draft_quotes_advice_from_notes_in_other_languages_without_an_english_you():
    from mentordesk.drafting.wording import second_person

    # the reporting lead goes; nothing in the German is turned into "you"
    assert second_person("Brigitte empfiehlt, dem Team die Erfolge zurückzuspiegeln.", "Brigitte Wallner") == \
        "Dem Team die Erfolge zurückzuspiegeln."
    assert second_person("Sie meinte, ich solle mit Florian reden.", "Brigitte Wallner") == \
        "Sie meinte, ich solle mit Florian reden."
    assert second_person("Isabelle a dit que la clause est négociable.", "Isabelle Fortin") == "La clause est négociable."
    # English lines are rewritten as before
    assert second_person("Priya suggested I ask for a range.", "Priya Raman") == "You suggested I ask for a range."


def test_the_prep_draft_for_german_notes_asks_about_the_open_tasks(german_desk):
    german_desk.relationships.profile.update(name="Lena Gruber", role="Teamleiterin")
    draft = german_desk.drafts.draft("prep", "Brigitte Hofer")
    assert "Brigitte die Folien schicken" in draft.body or "Jonas Berger auf LinkedIn anschreiben" in draft.body
    assert "You empfiehlt" not in draft.body and "you meinte" not in draft.body.lower()
