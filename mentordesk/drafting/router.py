"""Which chat messages ask for a draft, or for a change to the draft just shown.

With a capable model (OpenAI or a compatible server) the model decides through tool
calling: ``write_draft(kind, person)`` and, while a draft is open, ``refine_draft``. It sees
the people's names, so "Dan" or "a thank-you for Mei" resolves. With the local model the
small intent parser (``intent.py``) decides. A failing model call is an error the user
sees, never a silent "not a draft".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mentordesk.chat import Turn
from mentordesk.drafting import KINDS
from mentordesk.drafting.intent import (
    DraftRequest,
    parse_draft_request,
    parse_refinement_request,
)
from mentordesk.llm import ModelInfo
from mentordesk.prompts import load_prompt
from store.errors import UserError

if TYPE_CHECKING:  # LangChain is imported when a model is asked: the chat page loads without it
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

HISTORY_TURNS = 4  # enough for "and one for Mei too"; older turns only cost tokens
TURN_CHARS = 600


class write_draft(BaseModel):  # lower case: the class name is the tool name the model sees
    """Write a draft for one of the user's people."""

    model_config = ConfigDict(str_strip_whitespace=True)
    kind: Literal[KINDS]  # type: ignore[valid-type]  # the registry's names, as the model sees them
    person: str = Field(min_length=1, description="The person's full name as listed.")


class refine_draft(BaseModel):
    """Change the draft that is open in the conversation."""

    model_config = ConfigDict(str_strip_whitespace=True)
    instruction: str = Field(min_length=1, description="The change, in the user's words.")


@dataclass(frozen=True)
class Refinement:
    instruction: str


Route = DraftRequest | Refinement | None


class DraftRoutingError(UserError):
    """The model that decides whether a message asks for a draft failed or answered nonsense."""


class DraftRouter:
    def __init__(self, model: Callable[[], BaseChatModel], info: ModelInfo, names: Callable[[], list[str]]):
        self._model = model  # lazy: the parser path never loads a model
        self.info = info
        self._names = names

    @classmethod
    def from_desk(cls, desk) -> DraftRouter:
        return cls(lambda: desk.chat_model, desk.model_info,
                   lambda: [p.name for p in desk.relationships.people.list()])

    @property
    def uses_model(self) -> bool:
        return self.info.capable

    def route(self, message: str, history: Sequence[Turn] = (), open_draft: DraftRequest | None = None) -> Route:
        """A draft to make, a refinement of ``open_draft``, or None (a question to answer)."""
        if not message.strip():
            return None
        if self.uses_model:
            return self._by_tool_call(message, history, open_draft)
        instruction = parse_refinement_request(message) if open_draft is not None else None
        return Refinement(instruction) if instruction else parse_draft_request(message)

    def _by_tool_call(self, message: str, history: Sequence[Turn], open_draft: DraftRequest | None) -> Route:
        from langchain_core.messages import HumanMessage, SystemMessage

        tools: list[type[BaseModel]] = [write_draft] + ([refine_draft] if open_draft is not None else [])
        system, user = load_prompt("route_draft").render(
            people="\n".join(self._names()) or "(no one yet)", message=message,
            open_draft=f"{open_draft.kind} for {open_draft.person}" if open_draft else "none")
        messages: list[BaseMessage] = [SystemMessage(system), *_history(history), HumanMessage(user)]
        try:
            reply = self._model().bind_tools(tools).invoke(messages)
        except Exception as exc:  # network, auth, rate limit: say so, with the model's own words
            raise DraftRoutingError(
                f"could not reach the chat model {self.info.label} to read this message: "
                f"{type(exc).__name__}: {exc}") from exc
        return _to_route(reply, open_draft)


def _history(history: Sequence[Turn]) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage

    recent = [t for t in history if t.content.strip()][-HISTORY_TURNS:]
    return [(HumanMessage if t.role == "user" else AIMessage)(t.content[:TURN_CHARS]) for t in recent]


def _to_route(reply: BaseMessage, open_draft: DraftRequest | None) -> Route:
    calls = getattr(reply, "tool_calls", None) or []
    if not calls:
        bad = getattr(reply, "invalid_tool_calls", None) or []
        if bad:
            raise DraftRoutingError(f"the chat model called {bad[0].get('name')!r} with arguments that are not JSON")
        return None
    call = calls[0]  # one message asks for one draft
    try:
        match call["name"]:
            case "write_draft":
                args = write_draft.model_validate(call["args"])
                return DraftRequest(args.kind, args.person)
            case "refine_draft" if open_draft is not None:
                return Refinement(refine_draft.model_validate(call["args"]).instruction)
            case other:
                raise DraftRoutingError(f"the chat model called an unknown tool {other!r}")
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(p) for p in problem["loc"]) or "arguments"
        raise DraftRoutingError(f"the chat model called {call['name']} with a bad {field}: {problem['msg']}") from exc
