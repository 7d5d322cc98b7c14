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
        "Note dictée - Korrigane.txt": PILOU, "appel.txt": LISE, "call - Tony M.txt": TONY})
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


def test_an_initial_after_a_shared_first_name_is_not_dropped_as_a_title(placed):
    meetings, _ = placed
    assert meetings["call - Tony M.txt"] == ("Tony Mulligan", "2025-11-28")
