"""Prompt templates live in ``prompts/`` as YAML files with named variables.

A template file declares its variables; rendering with a missing or unexpected variable
is an error, and so is a template that uses a variable it does not declare.
"""

from __future__ import annotations

import string
from functools import cache
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
    def _declared(self) -> PromptTemplate:
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


def read_template_file(directory: Path, name: str, what: str = "prompt template") -> dict:
    """The YAML mapping in ``directory/name.yaml``; a missing or malformed file is a PromptError."""
    path = directory / f"{name}.yaml"
    if not path.is_file():
        raise PromptError(f"no {what} {name!r} in {directory}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PromptError(f"{what} file {path} is not a mapping")
    return data


@cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> PromptTemplate:
    return PromptTemplate(name=name, **read_template_file(directory, name))
