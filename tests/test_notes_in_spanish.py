"""Issue 9: notes written in Spanish, or half in Spanish: dates ("el martes 4 de marzo de
2025"), "ayer" for the day before, a Gmail reply pasted with Spanish headers, "Café con
Marta", labels (Consejos / Pendientes), imperatives and their negative form, "me dijo que",
"voy a" / "tengo que", the mentor's own promise ("te presento a…"), a dictated run-on, a
CSV log typed in Spanish. Written from the brief of the next stranger's set, before it
existed, so that set's first look measures them."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.note_meta import find_date
from mentordesk.relationships.extraction import extract_items
from tests.helpers import ingest_notes_with_table, placements

TABLE = """name,company,role,stage,notes
Marta Ruiz Olmedo,Banco Meridiano,Engineering Manager,mentor,Mi mentora del programa.
Javier Ortega,Fintecha,CTO,mentor,Ex jefe.
Javier Salas,Cuadrante,VP Engineering,mentor,Lo conocí en un meetup.
Carmen Beltrán,(jubilada),Directora de RR. HH.,mentor,"Doña Carmen, amiga de mi madre."
"""
GMAIL_ES = """De: Marta Ruiz Olmedo <marta@example.es>
Enviado: miércoles, 5 de marzo de 2025 9:10
Para: Sofía Cárdenas <sofia@example.com>
Asunto: RE: gracias por el café

Hola Sofía,

Gracias a ti, me gustó mucho verte ayer. Te dejo por escrito lo que te dije:

1. No aceptes la primera cifra que te den.
2. Pide que te pongan todo por escrito.

Te presento a Laura por correo esta semana.

Un abrazo,
Marta

Marta Ruiz Olmedo
Engineering Manager | Banco Meridiano
"""
LABELS_ES = """Café con Javier Salas, el martes 4 de marzo de 2025

Contexto: sigo atascada con el equipo de QA.

Consejos:
- Habla con tu manager antes del viernes.
- No te compares con los otros leads.

Pendientes:
- Preparar la propuesta de equipo ✔
- Mandarle mi CV a Javier
"""
LOG_ES = """Fecha,Mentor,Tipo,Texto,Estado
12/06/2025,Doña Carmen,Nota,"Comida en Lavapiés, muy rica.",
12/06/2025,Doña Carmen,Consejo,Negocia el título antes que el sueldo.,
12/06/2025,Doña Carmen,Tarea,Escribir a RR. HH. sobre la banda salarial,Hecho
12/06/2025,Doña Carmen,Tarea,Leer el libro que me recomendó,Pendiente
"""
MEMO_ES = ("bueno acabo de salir de la llamada con marta y eh me dijo que no acepte la primera oferta y que pida "
           "todo por escrito o sea yo tengo que preparar mi cifra mínima y este voy a mandarle mi cv el lunes y ya "
           "eso es todo creo que ella me va a presentar a su antiguo jefe\n")


def test_spanish_dates_are_read():
    assert find_date("el martes 4 de marzo de 2025") == dt.date(2025, 3, 4)
    assert find_date("12 ago 2025") == dt.date(2025, 8, 12)
    assert find_date("4 de marzo", default_year=2025) == dt.date(2025, 3, 4)


@pytest.fixture
def placed(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    desk.relationships.profile.update(name="Sofía Cárdenas")
    ingest_notes_with_table(desk, tmp_path, TABLE, {
        "RE gracias por el café.txt": GMAIL_ES, "cafe.txt": LABELS_ES, "Mentoría - Carmen.csv": LOG_ES})
    return desk.relationships


def test_a_spanish_reply_saying_ayer_is_the_day_before_it_was_sent(placed):
    meetings, _ = placements(placed)
    assert meetings["RE gracias por el café.txt"] == ("Marta Ruiz Olmedo", "2025-03-04")
    assert meetings["cafe.txt"] == ("Javier Salas", "2025-03-04")
    assert meetings["Mentoría - Carmen.csv"] == ("Carmen Beltrán", "2025-06-12")


def test_the_spanish_reply_gives_the_mentors_points_and_not_her_promise_or_signature(placed):
    items = {(a.kind, a.text) for a in placed.people.detail("Marta Ruiz Olmedo").advice}
    assert ("advice", "No aceptes la primera cifra que te den.") in items
    assert ("advice", "Pide que te pongan todo por escrito.") in items
    assert not any("Laura" in text or "Banco" in text for _, text in items)


def test_spanish_labels_a_log_and_its_done_status(placed):
    salas = {(a.kind, a.text, a.done) for a in placed.people.detail("Javier Salas").advice}
    assert ("advice", "Habla con tu manager antes del viernes.", False) in salas
    assert ("advice", "No te compares con los otros leads.", False) in salas
    assert ("action", "Mandarle mi CV a Javier", False) in salas
    assert any(kind == "action" and text.startswith("Preparar la propuesta") and done for kind, text, done in salas)
    carmen = {(a.kind, a.text, a.done) for a in placed.people.detail("Carmen Beltrán").advice}
    assert ("advice", "Negocia el título antes que el sueldo.", False) in carmen
    assert ("action", "Escribir a RR. HH. sobre la banda salarial", True) in carmen
    assert not any("Lavapiés" in text for _, text, _ in carmen)


def test_a_spanish_voice_memo_run_on_is_cut_into_advice_tasks_and_her_promise():
    items = [(i.kind, i.text) for i in extract_items(MEMO_ES, None, "Marta Ruiz Olmedo", "Sofía Cárdenas")]
    assert ("advice", "me dijo que no acepte la primera oferta y que pida todo por escrito") in items
    assert ("action", "tengo que preparar mi cifra mínima") in items
    assert any(kind == "action" and "mandarle mi cv" in text for kind, text in items)
    assert not any("presentar" in text or "eso es todo" in text for _, text in items)


CHAT_ES = """09/02/25, 17:21 - Mariana: Inge!! ¿Tiene chance esta semana de una videollamada?
09/02/25, 17:40 - Inge Garza: Martes a mediodía de acá, ¿te queda?
09/02/25, 17:41 - Mariana: Perfecto, el martes 11 entonces
11/02/25, 18:58 - Mariana: Ya estoy en el Meet cuando guste
11/02/25, 19:53 - Inge Garza: Te dejo aquí lo que platicamos para que no se te olvide:
1. Si quieres ser manager, díselo a tu jefe con todas sus letras.
2. No sueltes QA de golpe; deja a alguien formado antes de irte.
11/02/25, 19:55 - Mariana: Anotado. Yo me comprometo a: hablar con Iñaki antes de fin de mes, armar un plan de transición y leerme el libro
11/02/25, 19:56 - Mariana: y mi lista para el viernes:
- preparar la retro
- leer el informe de Lucía
"""


def test_a_spanish_chat_arranged_days_ahead_and_the_lists_typed_in_its_messages():
    items = [(i.kind, i.text) for i in extract_items(CHAT_ES, None, "Héctor Garza", "Mariana Elizondo")]
    assert ("advice", "Si quieres ser manager, díselo a tu jefe con todas sus letras.") in items
    assert ("advice", "No sueltes QA de golpe; deja a alguien formado antes de irte.") in items
    assert ("action", "hablar con Iñaki antes de fin de mes") in items and ("action", "leerme el libro") in items
    assert ("action", "preparar la retro") in items and ("action", "leer el informe de Lucía") in items


def test_the_chat_is_the_day_it_was_arranged_for(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORDESK_DATE_ORDER", "dmy")
    table = TABLE + "Héctor Garza Villarreal,Grupo Norte,Director de Ingeniería,mentor,El Inge. Inge Garza en WhatsApp.\n"
    ingest_notes_with_table(desk, tmp_path, table, {"Chat de WhatsApp con Inge Garza.txt": CHAT_ES})
    meetings, _ = placements(desk.relationships)
    assert meetings["Chat de WhatsApp con Inge Garza.txt"] == ("Héctor Garza Villarreal", "2025-02-11")


def test_an_ai_recap_in_spanish_and_reported_lines_under_me_dijo():
    from mentordesk.relationships.extraction import rule_kind

    assert rule_kind("Adriana sugirió que Mariana pida feedback del panel, por escrito.") == "advice"
    assert rule_kind("según ella tengo que hacer 1:1 con todos en las primeras dos semanas") == "advice"
    assert rule_kind("que mi output es el output del equipo") == "advice"
    assert rule_kind("Vete a casa a tu hora. El equipo copia lo que haces.") == "advice"
    assert rule_kind("jueves 5 de febrero de 2026 — llamada con Javier (25 min)") == "other"
    assert rule_kind("No updates this week") is None  # an English "No …es" is no Spanish command


def test_a_semicolon_csv_log_and_a_sentence_that_starts_with_me_dijo():
    from ingest.loaders import load_bytes

    log = ("Fecha;Mentor;Tipo;Texto;Estado\n15/01/2026;Tato;Consejo;Contrata por cómo piensan en voz alta, no por el "
           "live coding;\n15/01/2026;Tato;Tarea;Escribir el scorecard;Hecho\n").encode()
    text = load_bytes("log.csv", log).text
    assert "Mentor: Tato" in text and "- Contrata por cómo piensan en voz alta, no por el live coding" in text
    assert "- [x] Escribir el scorecard" in text
    note = "me dijo que eso es el trabajo ahora: que mi output es el output del equipo.\n"
    items = [(i.kind, i.text) for i in extract_items(note, None, "Marisol Aguirre", "Mariana Elizondo")]
    assert len(items) == 1 and items[0][0] == "advice" and "que mi output es el output del equipo" in items[0][1]
