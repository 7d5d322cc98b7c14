"""The LangChain chat models behind ``mentordesk.llm.build_chat_model``: SmolLM2 run
in-process with llama-cpp-python, and the deterministic fake for tests. Imported only
when a model is built, so commands that never ask a model never import LangChain."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict


def _role(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant", "system": "system"}.get(message.type, "user")


@contextmanager
def _without_weight_repacking():
    """Load with llama.cpp's weight repacking ("extra buffer types") switched off.

    On CPUs with AMX (these machines report amx_int8), the repacked Q4_1 kernels of the
    llama.cpp built by llama-cpp-python 0.3.36 segfault in decode on any multi-token
    prompt; plain kernels work. The Python API has no switch for it, so the default
    model parameters are adjusted for the duration of the load.
    """
    import llama_cpp.llama_cpp as native

    original = native.llama_model_default_params

    def params():
        value = original()
        value.use_extra_bufts = False
        return value

    native.llama_model_default_params = params
    try:
        yield
    finally:
        native.llama_model_default_params = original


# One loaded model per file, shared by every instance in the process.
_LOADED_MODELS: dict[str, Any] = {}
_LOAD_LOCK = threading.Lock()


class LocalLlamaChatModel(BaseChatModel):
    """SmolLM2 (or another GGUF chat model) in-process with llama-cpp-python."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str
    max_tokens: int = 160
    n_ctx: int = 2048
    n_threads: int | None = None
    temperature: float = 0.2
    repeat_penalty: float = 1.3

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    @property
    def llama(self):
        with _LOAD_LOCK:
            model = _LOADED_MODELS.get(self.model_path)
            if model is None:
                from llama_cpp import Llama, LlamaRAMCache

                with _without_weight_repacking():
                    model = Llama(
                        model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads, verbose=False
                    )
                # Keeps the evaluated state of earlier prompts: a repeated system prompt
                # prefix is not evaluated again, which shortens time to first token.
                model.set_cache(LlamaRAMCache(capacity_bytes=256 << 20))
                _LOADED_MODELS[self.model_path] = model
            return model

    @property
    def loaded(self) -> bool:
        return self.model_path in _LOADED_MODELS

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(chunk.message.content for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        payload = [{"role": _role(m), "content": str(m.content)} for m in messages]
        stream = self.llama.create_chat_completion(
            messages=payload,
            max_tokens=kwargs.get("max_tokens", self.max_tokens),
            temperature=self.temperature,
            repeat_penalty=self.repeat_penalty,
            stop=stop or ["<|im_end|>", "\n\n\n"],
            stream=True,
        )
        guard = RepetitionGuard()
        for part in stream:
            delta = part["choices"][0].get("delta", {}).get("content") or ""
            if not delta:
                continue
            delta, halt = guard.feed(delta)
            if delta:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk
            if halt:
                break


class RepetitionGuard:
    """Stops a small model that starts repeating itself: a finished line identical to an
    earlier one ends the output (the repeated line is not emitted)."""

    def __init__(self):
        self.seen: set[str] = set()
        self.pending = ""

    def feed(self, delta: str) -> tuple[str, bool]:
        self.pending += delta
        out = []
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            key = line.strip().lower()
            if key and key in self.seen:
                return "".join(out), True
            if key:
                self.seen.add(key)
            out.append(line + "\n")
        # Hold back the unfinished line only if it could still turn into a repeat.
        key = self.pending.strip().lower()
        if key and any(s.startswith(key) for s in self.seen):
            return "".join(out), False
        out.append(self.pending)
        self.pending = ""
        return "".join(out), False


_PASSAGE = re.compile(r"^\[(\d+)\][^\n]*\n(.*?)(?=^\[\d+\]|\Z|PASSAGES>>>)", re.DOTALL | re.MULTILINE)


class FakeCitingChatModel(BaseChatModel):
    """Deterministic stand-in for tests: answers with the first sentence of the first
    passage it was given, cited as [1]; with no passages, says it found nothing."""

    @property
    def _llm_type(self) -> str:
        return "fake-citing"

    def _answer(self, messages: list[BaseMessage]) -> str:
        prompt = str(messages[-1].content)
        passages = _PASSAGE.findall(prompt)
        if not passages:
            return "I could not find that in your library."
        number, text = passages[0]
        body = [line for line in text.strip().splitlines()[1:] if line.strip()] or text.strip().splitlines()
        sentence = re.split(r"(?<=[.!?])\s", " ".join(body).strip())[0]
        return f"{sentence} [{number}]"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._answer(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for word in re.findall(r"\S+\s*", self._answer(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word))
