"""Recognising drafting requests in a chat message, for the local model (a capable model
uses tool calling instead, see ``router.py``). Pure functions: the router calls
``parse_draft_request`` on each message, and ``parse_refinement_request`` while a draft is
open in the conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentordesk.drafting import BY_CHAT_ORDER

_VERB = re.compile(r"\b(ask|draft|write|compose|help me|prepare|prep|send|email|note|message|reach out)\b", re.I)
_NAME = re.compile(r"\b(?:to|for|with)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_NOT_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Me", "My", "The"}


@dataclass(frozen=True)
class DraftRequest:
    kind: str
    person: str


def parse_draft_request(message: str) -> DraftRequest | None:
    """("followup", "Daniel") for "draft a follow-up to Daniel"; None when the message is
    not a drafting request or names no one."""
    if not _VERB.search(message):
        return None
    kind = next((k.name for k in BY_CHAT_ORDER if k.asked_by.search(message)), None)
    if kind is None:
        return None
    names = [m["name"] for m in _NAME.finditer(message)]
    names = [" ".join(w for w in n.split() if w not in _NOT_NAMES) for n in names]
    names = [n for n in names if n]
    if not names:
        return None
    # "ask Sam to introduce me to Jonas": the last name is the person the draft is about.
    return DraftRequest(kind, names[-1])


_SHORTER = re.compile(r"^(?:make it |a bit |please )*(?:shorter|more concise|shorten it|trim it)\b", re.I)
_FORMAL = re.compile(r"^(?:make it |a bit |please )*more formal\b", re.I)
_MENTION = re.compile(r"^(?:please |also |and )*mention\s+(?P<what>.+?)[.!]?$", re.I)


def parse_refinement_request(message: str) -> str | None:
    """A refinement of the open draft ("shorter", "more formal", "mention the runbook"),
    normalised to what ``DraftService.refine`` accepts; None otherwise."""
    text = " ".join(message.split())
    if _SHORTER.match(text):
        return "shorter"
    if _FORMAL.match(text):
        return "more formal"
    match = _MENTION.match(text)
    return f"mention {match['what']}" if match else None
