"""Pulling advice and action items out of a meeting note, whatever its shape.

People write notes in many ways: headings ("## What she said", a Word "Heading 2"), label
lines ("Her advice:", "To do -", "Next steps for me: a, b and c."), bold labels, nested
bullet labels ("- advice:" with items under it), numbered and ``1)`` lists, checkboxes,
Q/A and speaker transcripts, pasted emails and plain prose ("She suggested I...", "I
promised to..."). The extractor reads the structure first: what is listed under an advice
label is advice, under an action label an action. What is left (prose, transcript turns,
the sentences of an email) is read sentence by sentence: plain rules for the clear cases
(a first-person commitment, "she suggested", a question, the mentor's own promise), and a
small classifier over the MiniLM embeddings for the rest, when one is available.

Every item keeps the sentence it came from (``quote``), so it can be cited. Pure
functions; the classifier is passed in.
"""

from __future__ import annotations

from mentordesk.relationships.extraction.labels import ExtractedItem, SentenceClassifier
from mentordesk.relationships.extraction.matching import item_key, match_items
from mentordesk.relationships.extraction.model import (
    ModelItem,
    extract_with_model,
    find_span,
    merge_model_items,
    parse_model_items,
)
from mentordesk.relationships.extraction.reader import (
    EXTRACTOR_VERSION,
    extract_items,
    extract_purpose,
    numbered_without_marks,
)
from mentordesk.relationships.extraction.rules import rule_kind
from mentordesk.relationships.extraction.sections import is_day_note, meeting_part
from mentordesk.relationships.extraction.sentences import split_sentences
from mentordesk.relationships.extraction.tasks import split_tasks

__all__ = [
    "EXTRACTOR_VERSION", "ExtractedItem", "ModelItem", "SentenceClassifier", "extract_items", "extract_purpose",
    "extract_with_model", "find_span", "is_day_note", "item_key", "match_items", "meeting_part", "merge_model_items",
    "numbered_without_marks", "parse_model_items", "rule_kind", "split_sentences", "split_tasks",
]
