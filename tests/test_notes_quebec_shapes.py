"""Issue 9, shapes from a stranger's notes (eval/data/notes_wild16 dev, a Québécoise
economist): notes written in French or half in French. Outlook's French headers (De :,
Envoyé :, Objet :) and "hier" for the meeting the day before; French dates ("mercredi 29
janvier 2025", "dimanche le 9 mars", "1er mars"); front matter keys in French ("avec",
"quand"); a Notes cell that names a person's nicknames as a list ("Isa or Isa N. in my
notes"), after a dash in lower case ("matante in my notes") or on its own at the start
("Pilou. MSc classmate…")."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.note_meta import find_date, weekday_date
from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Isabelle Fortin,Université Laval,Professeure,mentor,"Ma directrice de maîtrise. Prof. Fortin or Isabelle F. in my notes."
Isabelle Nguyen,Mesurio,VP Produit,mentor,"Isa or Isa N. in my notes (yes, two Isabelles)."
Pierre-Luc Bergeron,Finlo,Director of Data Science,mentor,"Pilou. MSc classmate at Laval, went to industry in 2016."
Lise Bouchard,(retraitée) Hydro-Québec,Ex-chef de service,mentor,"Ma tante Lise - matante in my notes."
Tony Mulligan,Brackenridge,Site manager,mentor,Met once.
Tony Ferreira,Unite,Branch Secretary,mentor,My union rep.
Karim Benali,Trajectoire,CEO,warm,Met through Pilou.
Deborah Klein,Klein Pricing,Pricing advisor,mentor,Deb. My programme mentor.
"""

OUTLOOK_FR = """De : Isabelle Fortin <isabelle.fortin@example.ca>
Envoyé : mercredi 29 janvier 2025 08:12
À : Geneviève Lapointe <genevieve@example.ca>
Objet : RE: Merci pour le café

Bonjour Geneviève,

C'est moi qui te remercie, ça m'a fait grand plaisir de te revoir hier.

1. Ne retourne pas au doctorat pour fuir le Ministère.
"""
FRONT_MATTER_FR = """---
quoi: café / jasette produit
avec: "Isa N. (Mesurio)"
quand: 2025-04-26
créé: 2025-04-27T08:40
---

# Café avec Isa

- Parle à dix clients avant de changer le prix.
"""
PILOU = """Bière avec Pilou à la Korrigane, jeudi 11 décembre 2025.

Il dit que le premier mois je devrais surtout écouter.
"""
LISE = """Appel avec Matante, dimanche le 9 mars 2025

Elle dit: sache ton chiffre à toi pis dis-le pas en premier.
"""
BUJO_FR = """# Juin 2025 — sem. 24

LUN 9/06
• finir tableaux indexation tarifaire
x Caramel chez le vét 17 h

JEU 12/06
o Zoom Pilou 20 h — annulé

SAM 14/06
o Café Karim @ Olimpico — 10 h
  – montre un projet public qu'on peut cliquer
  • écrire à Karim pour le remercier

DIM 15/06
x écrit à Karim pour le remercier
"""
FORM = """TREMPLIN TECH - Fiche de session / Mentoring Session Record
Mentor: Deborah Klein
Date de la session / Session date (MM/JJ/AAAA - MM/DD/YYYY): 04/10/2025
- Frame your public-sector work as pricing work.
"""
MEMO = ("ok alors je viens de raccrocher avec matante lise on est dimanche le 9 mars pis elle dit avant de parler "
        "de salaire sache ton chiffre\n")
TONY = """28/11/25
call w/ Tony M - 20 mins, he was driving

- get a stint on a new build before you go for ASM
"""


@pytest.fixture
def placed(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Geneviève Lapointe")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "RE  Merci pour le café - Outlook.txt": OUTLOOK_FR, "isa-n_cafe-pikolo.md": FRONT_MATTER_FR,
        "Note dictée - Korrigane.txt": PILOU, "appel.txt": LISE, "call - Tony M.txt": TONY,
        "bujo juin 2025 sem 24.md": BUJO_FR, "Fiche session 01.txt": FORM, "Nouvel enregistrement 23.txt": MEMO})
    return placements(desk.relationships)


def test_french_dates_are_read():
    assert find_date("Envoyé : mercredi 29 janvier 2025 08:12") == dt.date(2025, 1, 29)
    assert find_date("le 1er mars 2025") == dt.date(2025, 3, 1)
    assert find_date("10 févr. 2026") == dt.date(2026, 2, 10)
    today = dt.date(2026, 12, 7)
    assert weekday_date("on est dimanche le 9 mars", today) == dt.date(2025, 3, 9)
    assert weekday_date("jeudi soir le 11 décembre", today) == dt.date(2025, 12, 11)


def test_a_french_outlook_reply_saying_hier_is_the_day_before_it_was_sent(placed):
    meetings, _ = placed
    assert meetings["RE  Merci pour le café - Outlook.txt"] == ("Isabelle Fortin", "2025-01-28")


def test_french_front_matter_and_a_nickname_from_a_list_in_the_notes_cell(placed):
    meetings, _ = placed
    assert meetings["isa-n_cafe-pikolo.md"] == ("Isabelle Nguyen", "2025-04-26")


def test_a_nickname_opening_the_notes_cell_and_a_lower_case_family_title(placed):
    meetings, _ = placed
    assert meetings["Note dictée - Korrigane.txt"] == ("Pierre-Luc Bergeron", "2025-12-11")
    assert meetings["appel.txt"] == ("Lise Bouchard", "2025-03-09")


def test_a_french_bullet_journal_week_places_the_day_of_the_meeting(placed):
    meetings, _ = placed
    assert meetings["bujo juin 2025 sem 24.md"] == ("Karim Benali", "2025-06-14")


def test_a_forms_date_field_says_its_own_order(placed):
    meetings, _ = placed
    assert meetings["Fiche session 01.txt"] == ("Deborah Klein", "2025-04-10")


def test_a_name_typed_in_lower_case_after_avec(placed):
    meetings, _ = placed
    assert meetings["Nouvel enregistrement 23.txt"] == ("Lise Bouchard", "2025-03-09")


def test_an_initial_after_a_shared_first_name_is_not_dropped_as_a_title(placed):
    meetings, _ = placed
    assert meetings["call - Tony M.txt"] == ("Tony Mulligan", "2025-11-28")


# ----- what a French note advises and asks of the user ----------------------------------
LABELS_FR = """Dîner avec JF, sam. 11/01/2025

Contexte : 9 ans au Ministère. Je tourne en rond.

Conseils :
- Arrête de te demander si t'as « le droit » de partir.
- Ton RREGOP, c'est pas une prison : fais-toi faire une simulation avant de décider.

À faire :
- Demander une simulation de rente à Retraite Québec

JF va me présenter Olivier Chartrand « après le budget ».
"""
TABLE_FR = """# Rencontre avec Isabelle Fortin — vendredi 3 octobre 2025

| Sujet | Ce qu'Isabelle conseille | Ce que je fais | Statut |
|---|---|---|---|
| Étude de cas | Présente une seule recommandation claire. | Refaire la structure du deck | Fait |
| Réseau | Reste membre de l'ASDEQ. | Renouveler mon adhésion | À faire |
"""
MEMO_FR = ("ok alors je viens de raccrocher avec matante lise on est dimanche le 9 mars pis je veux pas oublier ce "
           "quelle ma dit faque euh elle a parlé longtemps de la crise du verglas en 98 quand elle gérait les équipes "
           "de nuit à alma bon ça cest son histoire um so basically elle dit avant de parler de salaire sache ton "
           "chiffre à toi pis dis-le pas en premier euh elle dit aussi que je devrais arrêter de me comparer à pilou "
           "um moi ce que je dois faire euh je dois calculer mon chiffre minimum ok cest tout ah non aussi elle va me "
           "passer le numéro de son ancien collègue elle dit quil sappelle réjean ok bye\n")


def _kinds(text: str, mentor: str) -> list[tuple[str, str, bool]]:
    from mentordesk.relationships.extraction import extract_items

    return [(i.kind, i.text, i.done) for i in extract_items(text, None, mentor, "Geneviève Lapointe")]


def test_french_labels_imperatives_and_the_mentors_own_promise():
    items = _kinds(LABELS_FR, "Jean-François Gagnon")
    kinds = {text.split()[0]: kind for kind, text, _ in items}
    assert kinds["Arrête"] == "advice" and kinds["Ton"] == "advice"
    assert kinds["Demander"] == "action"
    assert not any("Olivier" in text or "Ministère" in text for _, text, _ in items)


def test_a_french_table_reads_its_advice_action_and_status_columns():
    items = _kinds(TABLE_FR, "Isabelle Fortin")
    assert ("advice", "Présente une seule recommandation claire.", False) in items
    assert ("action", "Refaire la structure du deck", True) in items
    assert ("action", "Renouveler mon adhésion", False) in items


def test_a_french_voice_memo_run_on_is_cut_into_its_advice_and_tasks():
    items = _kinds(MEMO_FR, "Lise Bouchard")
    advice = [text for kind, text, _ in items if kind == "advice"]
    actions = [text for kind, text, _ in items if kind == "action"]
    assert any("sache ton chiffre" in text for text in advice)
    assert any("arrêter de me comparer" in text for text in advice)
    assert any("calculer mon chiffre minimum" in text for text in actions)
    assert not any("verglas" in text or "réjean" in text or "passer le numéro" in text for _, text, _ in items)


# ----- an Excel log, a contact card, a running document ----------------------------------
def _workbook() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    log = book.active
    log.title = "Journal"
    log.append(["Date", "Mentor", "Type", "Élément", "Statut"])
    when = dt.datetime(2026, 2, 21)
    log.append([when, "Karim", "Note", "Brunch chez Arthur's, Saint-Henri.", None])
    log.append([when, "Karim", "Conseil", "Publie ton premier résultat de pricing avant le board de mars.", None])
    log.append([when, "Karim", "Action", "Appeler 5 clients perdus au T4", "Fait"])
    log.append([when, "Karim", "Promesse", "Karim me présente Nadia Haddad", None])
    prospects = book.create_sheet("Pipeline")
    prospects.append(["Nom", "Où", "Statut"])
    prospects.append(["Nadia Haddad", "Vigil", "prospect"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Benali;Karim;;;\r\nFN:Karim Benali\r\n"
         "NOTE:Café (Olimpico) — ce qu'il m'a dit :\\n- Parle à deux anciens employés de Cerclo avant de dire oui.\\n"
         "- Ne négocie pas le titre\\, négocie le péri\r\n mètre.\r\nREV:2025-11-02T14:22:51Z\r\nEND:VCARD\r\n")
RUNNING_DOC = """Gen <> Isa — mentoring doc (2026)
Shared doc · we both edit.

Next session: Mar 5, 2026 (Isa sends the invite)

________________

Feb 5, 2026 — Zoom, 45 min
Notes
* Isa: Give sales a discount band they can use without asking.
"""


@pytest.fixture
def files(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Geneviève Lapointe")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "Suivi mentorat - Karim 2026.xlsx": _workbook(), "Karim Benali.vcf": VCARD.encode(),
        "Gen _ Isa - mentoring doc (2026).txt": RUNNING_DOC})
    return desk.relationships


def test_an_excel_log_is_a_meeting_with_its_advice_and_done_actions(files):
    meetings, _ = placements(files)
    assert meetings["Suivi mentorat - Karim 2026.xlsx"] == ("Karim Benali", "2026-02-21")
    items = {(a.kind, a.text, a.done) for a in files.people.detail("Karim Benali").advice}
    assert ("advice", "Publie ton premier résultat de pricing avant le board de mars.", False) in items
    assert ("action", "Appeler 5 clients perdus au T4", True) in items
    assert not any("Nadia" in text or "Brunch" in text for _, text, _ in items)


def test_a_contact_cards_notes_go_to_review_for_their_date_never_its_edit_stamp(files):
    _, reviews = placements(files)
    assert reviews["Karim Benali.vcf"] == "no_date"


def test_a_running_documents_session_heading_dates_it_not_the_next_session(files):
    meetings, _ = placements(files)
    assert meetings["Gen _ Isa - mentoring doc (2026).txt"] == ("Isabelle Nguyen", "2026-02-05")


def test_a_damaged_workbook_and_a_card_without_notes_say_why():
    from ingest.loaders import LoadError, load_bytes

    with pytest.raises(LoadError, match="Excel workbook"):
        load_bytes("log.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError, match="no notes"):
        load_bytes("card.vcf", b"BEGIN:VCARD\r\nFN:Karim Benali\r\nEND:VCARD\r\n")


REPLY_FR = """De : Isabelle Fortin <isabelle.fortin@example.ca>
Envoyé : mercredi 29 janvier 2025 08:12
À : Geneviève Lapointe <genevieve@example.ca>
Objet : RE: Merci pour le café

Bonjour Geneviève,

Je voulais te mettre par écrit ce que je t'ai dit.

1. Tes années à la Direction de l'analyse ont de la valeur à l'extérieur.
2. Mets à jour ton code : on te demandera Python dès la première entrevue.

Isabelle

Isabelle Fortin, Ph. D.
Professeure titulaire
Département d'économique, Université Laval

De : Geneviève Lapointe <genevieve@example.ca>
Envoyé : mardi 28 janvier 2025 17:46
À : Isabelle Fortin <isabelle.fortin@example.ca>
Objet : Merci pour le café

Bonjour Isabelle,

Comme promis, voici ce que je fais de mon bord :
- je t'envoie mon CV à jour

Au plaisir,
Geneviève

Geneviève Lapointe
Économiste principale | Direction de l'analyse économique
"""


def test_a_french_reply_reads_the_mentors_list_and_never_the_signatures():
    items = _kinds(REPLY_FR, "Isabelle Fortin")
    assert [(kind, text.split()[0]) for kind, text, _ in items] == [
        ("advice", "Tes"), ("advice", "Mets"), ("action", "je")]
    assert not any("Laval" in text or "Économiste" in text or "Professeure" in text for _, text, _ in items)


def test_german_dates_and_outlook_headers_are_read_too():
    from ingest.note_meta import property_lines

    assert find_date("Gesendet: Mittwoch, 29. Januar 2025 08:12") == dt.date(2025, 1, 29)  # German's ordinal dot
    assert find_date("am 3 März 2025") == dt.date(2025, 3, 3)
    props = property_lines("Von: Jonas Weber <jw@example.de>\nGesendet: Mittwoch, 29 Januar 2025 08:12\n"
                           "An: Dana Costa <d@example.com>\nBetreff: Danke für gestern\n\nHallo Dana,\n")
    assert props["from"].startswith("Jonas Weber") and props["to"].startswith("Dana Costa")
    assert props["subject"] == "Danke für gestern" and find_date(props["sent"]) == dt.date(2025, 1, 29)
