"""Advice and actions from a capable chat model: its JSON answer validated, and only
items whose words are in the note kept.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mentordesk.relationships.extraction.labels import ExtractedItem, _clean
from mentordesk.relationships.extraction.matching import item_key, match_items
from mentordesk.relationships.extraction.sentences import split_sentences


class ModelItem(BaseModel):
    """One entry of a chat model's answer, validated before it can reach the ledger."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["advice", "action"]
    text: str = Field(min_length=2, max_length=600)

    @field_validator("kind", mode="before")
    @classmethod
    def _lower(cls, value):
        return value.lower().strip() if isinstance(value, str) else value


def parse_model_items(answer: str) -> list[ExtractedItem]:
    """Read the model's JSON list of {"kind", "text"}; anything else is an error."""
    start, end = answer.find("["), answer.rfind("]")
    if start < 0 or end < start:
        raise ValueError("the model did not answer with a JSON list")
    try:
        data = json.loads(answer[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"the model's list is not valid JSON: {exc.msg}") from None
    items = []
    for entry in data if isinstance(data, list) else []:
        try:
            item = ModelItem.model_validate(entry)
        except ValidationError:
            continue  # one malformed entry (a kind we do not know, no text) does not spoil the rest
        items.append(ExtractedItem(item.kind, _clean(item.text), origin="model"))
    return items


def extract_with_model(model, markdown: str) -> list[ExtractedItem]:
    """Advice and actions stated in prose, which bullets miss. Only for a capable model."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from mentordesk.prompts import load_prompt

    system, user = load_prompt("extract_advice").render(note=markdown[:12000])
    answer = model.invoke([SystemMessage(system), HumanMessage(user)])
    return parse_model_items(str(answer.content))


def merge_model_items(from_rules: list[ExtractedItem], from_model: list[ExtractedItem],
                      note: str | None = None, dropped: list[ExtractedItem] | None = None) -> list[ExtractedItem]:
    """The rules' items win; the model adds only items they do not already hold, and, given
    the note, only items whose words are in it (an item the model made up is dropped, and
    added to ``dropped`` when given)."""
    known = [i.text for i in from_rules]
    extra = []
    for item in from_model:
        quote = find_span(note, item.text) if note is not None else item.text
        if quote is None:
            if dropped is not None:
                dropped.append(item)
            continue
        if not match_items(known, [item.text], fuzzy=0.8):
            extra.append(ExtractedItem(item.kind, item.text, item.done, item.origin, quote))
            known.append(item.text)
    return from_rules + extra


def find_span(note: str, text: str, threshold: float = 0.8) -> str | None:
    """The sentence of ``note`` that holds ``text`` (most of its words, in any order), or
    None when the note does not say it."""
    words = set(item_key(text).split())
    if not words:
        return None
    best, best_score = None, 0.0
    for line in note.splitlines():
        for sentence in split_sentences(_clean(line)):
            have = set(item_key(sentence).split())
            score = len(words & have) / len(words)
            if score > best_score:
                best, best_score = sentence, score
    return best if best_score >= threshold else None
