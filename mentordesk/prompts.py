"""Prompt templates live in ``prompts/`` as YAML files with named variables.

A template file declares its variables; rendering with a missing or unexpected variable
is an error, and so is a template that uses a variable it does not declare.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


class PromptError(ValueError):
    pass


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class PromptTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    variables: list[str]
    system: str = ""
    user: str

    @model_validator(mode="after")
    def _declared(self) -> "PromptTemplate":
        used = _fields(self.system) | _fields(self.user)
        undeclared = used - set(self.variables)
        if undeclared:
            raise PromptError(f"prompt {self.name!r} uses undeclared variables: {sorted(undeclared)}")
        return self

    def render(self, **values: object) -> tuple[str, str]:
        """Return (system, user) text."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing:
            raise PromptError(f"prompt {self.name!r} is missing variables: {sorted(missing)}")
        if extra:
            raise PromptError(f"prompt {self.name!r} got unknown variables: {sorted(extra)}")
        text = {k: str(v) for k, v in values.items()}
        return self.system.format(**text).strip(), self.user.format(**text).strip()


@lru_cache(maxsize=None)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> PromptTemplate:
    path = directory / f"{name}.yaml"
    if not path.is_file():
        raise PromptError(f"no prompt template {name!r} in {directory}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PromptError(f"prompt file {path} is not a mapping")
    return PromptTemplate(name=name, **data)
