"""A deterministic stand-in for a capable chat model with tool calling (OpenAI-like).

Bound to tools it replies with the tool calls it was given (or raises ``error``);
unbound it replies with ``text``, as when it writes a draft or an answer. Every prompt it
receives is recorded in ``seen`` (shared by the bound copies).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field

from mentordesk.llm import ModelInfo

CAPABLE = ModelInfo("openai", "fake-tool-caller")


class FakeToolCallingModel(BaseChatModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    tool_calls: list[dict] = Field(default_factory=list)
    text: str = "answer"
    error: Exception | None = None
    tools: list[str] = Field(default_factory=list)  # names of the bound tools
    seen: list[dict] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake-tool-caller"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> FakeToolCallingModel:
        return self.model_copy(update={"tools": [convert_to_openai_tool(t)["function"]["name"] for t in tools]})

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        self.seen.append({"tools": list(self.tools), "messages": list(messages)})
        if self.tools and self.error is not None:
            raise self.error
        reply = AIMessage(content="", tool_calls=self.tool_calls) if self.tools and self.tool_calls \
            else AIMessage(content=self.text)
        return ChatResult(generations=[ChatGeneration(message=reply)])
