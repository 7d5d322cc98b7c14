"""Issue 9: a bullet-journal day whose meeting notes sit indented under the meeting's
event, among the day's other lines; and a voice memo's opening aside ("I want to get this
down before I forget"), which is the note-taker talking, not a task."""

from __future__ import annotations

from mentordesk.relationships.extraction import extract_items, rule_kind

DAY = """# March 2026

12.03 Thu
• standup
• renew parking permit
o Coffee w/ Rosa, 8:30
  – ask for a day before saying yes to any number
  x send promo draft to Rosa
  • book coffee with Sam (platform)
"""

TWO_EVENTS = """Mon 16.03
• pay rent
○ Lunch with Rosa
  – never negotiate against yourself
  • send Rosa the org chart
○ Call w/ Dev
  – ship the small thing first
  • read Dev's design doc
x water plants
"""


def _items(text: str, mentor: str, classifier=None) -> list[tuple[str, str, bool]]:
    return [(i.kind, i.text, i.done) for i in extract_items(text, classifier, mentor, "Ana Kowalska")]


def test_the_days_chores_before_the_meeting_event_are_not_its_items(minilm):
    from mentordesk.relationships.sentence_classifier import load_classifier

    items = _items(DAY, "Rosa Jimenez", load_classifier(minilm))
    texts = [text for _, text, _ in items]
    assert "standup" not in texts and "renew parking permit" not in texts
    assert ("action", "send promo draft to Rosa", True) in items
    assert ("action", "book coffee with Sam (platform)", False) in items
    assert any(kind == "advice" and "day before saying yes" in text for kind, text, _ in items)


def test_of_two_events_on_a_page_the_one_naming_the_mentor_holds_the_items():
    rosa = [text for _, text, _ in _items(TWO_EVENTS, "Rosa Jimenez")]
    assert "send Rosa the org chart" in rosa
    assert not any("Dev" in text or "small thing" in text for text in rosa)
    assert "pay rent" not in rosa
    dev = [text for _, text, _ in _items(TWO_EVENTS, "Dev Malhotra")]
    assert "read Dev's design doc" in dev
    assert not any("Rosa" in text for text in dev)


def test_a_voice_memos_opening_aside_is_not_a_task():
    assert rule_kind("just got off the phone with Rosa and I want to get this down before I forget") == "other"
    assert rule_kind("I want to jot these down quickly") == "other"
    assert rule_kind("I want to send her the deck by Friday") == "action"


def test_an_answer_quotes_a_bullet_journals_lines_one_by_one():
    from mentordesk.chat import passage_sentences

    passage = ("Notes > June\nSAM 14/06\no Café Karim @ Olimpico — 10 h\n"
               "  – the startups hire people who already solved the problem, not diplomas\n"
               "  – show a public project on transport or energy data, something people can click\n"
               "  • write to Karim to thank him\n")
    _, units = passage_sentences(passage)
    assert units == ["Café Karim @ Olimpico — 10 h",
                     "the startups hire people who already solved the problem, not diplomas",
                     "show a public project on transport or energy data, something people can click",
                     "write to Karim to thank him"]
