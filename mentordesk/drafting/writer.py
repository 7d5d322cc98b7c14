"""Who writes the draft: a capable model from the prompt ``prompts/draft_<kind>.yaml``, or
the templates (``templates.compose``) when the model cannot write a good email.

The model sees the brief as labelled facts and the retrieved passages fenced as data; its
citations are then cut back to the passages it was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from mentordesk.chat import format_passages
from mentordesk.drafting.brief import DraftBrief
from mentordesk.drafting.rubric import SUBJECT_KINDS
from mentordesk.drafting.templates import Style, compose
from mentordesk.grounding import strip_invalid_citations
from mentordesk.llm import ModelInfo, model_errors
from mentordesk.prompts import load_prompt

if TYPE_CHECKING:  # LangChain is imported when a model writes, not to show a template draft
    from langchain_core.language_models import BaseChatModel

_SUBJECT = re.compile(r"^\s*\**subject\**\s*:\s*(?P<subject>.+)$", re.I | re.M)


def brief_facts(brief: DraftBrief) -> str:
    """The brief as labelled lines: facts from the store, for the model to write from."""
    me, p = brief.me, brief.person
    lines = [
        f"Draft kind: {brief.kind}",
        f"Me: {me.name}, {me.role}" + (f"; goals: {me.goals}" if me.goals else ""),
        f"My values in a leader: {', '.join(me.values)}" if me.values else "",
        f"Person: {p.name}" + (f", {p.role}" if p.role else "") + (f" at {p.company}" if p.company else ""),
        _connection(brief),
    ]
    if brief.last_meeting:
        m = brief.last_meeting
        lines.append(f"Last meeting: {m.date.isoformat()}: {m.title or m.purpose or ''}")
    lines += [f"Learned: {a.text}" for a in brief.learned]
    lines += [f"Next step (open action): {a.text}" for a in brief.next_steps]
    lines += [f"Outcome not yet reported: {a.text} -> {a.outcome}" for a in brief.outcomes]
    return "\n".join(line for line in lines if line)


def _connection(brief: DraftBrief) -> str:
    """How the user knows the person, in words the model cannot misread. The tracking
    table's private notes are not given to the model: an email must never quote them."""
    if brief.connection == "met":
        last = brief.last_meeting
        return "Connection: we have met before" + (f" (last on {last.date.isoformat()})" if last else "") + \
            "; do not write as if we had never met"
    if brief.connection == "warm":
        return f"Connection: warm, introduced by {brief.introducer}"
    return "Connection: cold, we have never met and nobody introduced me; do not mention an introducer"


def split_subject(text: str, kind: str) -> tuple[str | None, str]:
    match = _SUBJECT.search(text)
    if not match:
        return None, text.strip()
    body = (text[: match.start()] + text[match.end():]).strip()
    return (match["subject"].strip().strip('"') if kind in SUBJECT_KINDS else None), body


class DraftWriter:
    def __init__(self, model: Callable[[], BaseChatModel], info: ModelInfo):
        self._model = model  # lazy: the template path never loads a model
        self.info = info

    @property
    def uses_model(self) -> bool:
        return self.info.capable

    def write(self, brief: DraftBrief, style: Style = Style()) -> tuple[str | None, str]:  # noqa: B008 - frozen
        if not self.uses_model:
            return compose(brief, style)
        system, user = load_prompt(f"draft_{brief.kind}").render(
            brief=brief_facts(brief), sources=format_passages(brief.sources) or "(none)")
        return self._run(system, user, brief)

    def rewrite(self, brief: DraftBrief, subject: str | None, body: str, instruction: str) -> tuple[str | None, str]:
        system, user = load_prompt("draft_refine").render(
            brief=brief_facts(brief), sources=format_passages(brief.sources) or "(none)",
            draft=(f"Subject: {subject}\n\n" if subject else "") + body, instruction=instruction)
        return self._run(system, user, brief)

    def _run(self, system: str, user: str, brief: DraftBrief) -> tuple[str | None, str]:
        from langchain_core.messages import HumanMessage, SystemMessage

        with model_errors(self.info):
            reply = self._model().invoke([SystemMessage(system), HumanMessage(user)])
        text = strip_invalid_citations(str(reply.content), len(brief.sources))
        return split_subject(text, brief.kind)
