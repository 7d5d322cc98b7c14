"""A TaskPaper list (.taskpaper, also what OmniFocus exports as TaskPaper): projects,
tasks and notes, nested by indentation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.documents._common import _loaders, _tidy
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_TAG = re.compile(r"(?<!\S)@(?P<name>[^\s()@]+)(?:\((?P<value>[^()]*)\))?")
# OmniFocus's scheduling bookkeeping, written on every project and task it exports.
_BOOKKEEPING = {"autodone", "parallel", "defer", "repeat-method", "repeat-rule", "estimate", "flagged", "today",
                "start", "done", "due"}


def load_taskpaper(data: bytes) -> LoadedFile:
    """A TaskPaper list: a "Project:" line as a "## Project" heading (a project inside it
    one level deeper, its tags dropped), a "- task" as "- [x]" when tagged @done else
    "- [ ]", a subtask under its task, a note as a plain line under its task or project.
    A bare tag keeps its word in place ("call @Ana" reads "call Ana"); @due(…) and a tag
    with a value go in brackets after the task ("(due 2025-03-31; context: Office)");
    @done and OmniFocus's scheduling tags (@defer, @parallel, @flagged …) are dropped."""
    ld = _loaders()
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # the open projects and tasks: (indent, "project" or "task")
    for raw in ld.decode_text(data).replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            out.append("")
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        tasks = sum(1 for _, kind in stack if kind == "task")
        projects = sum(1 for _, kind in stack if kind == "project")
        text = line.strip()
        if text.startswith(("- ", "* ")) or text in ("-", "*"):
            out.append("  " * tasks + _task(text[2:]))
            stack.append((indent, "task"))
        elif _TAG.sub("", text).rstrip().endswith(":") and not text.startswith("-"):
            name = " ".join(_TAG.sub("", text).split()).removesuffix(":").rstrip()  # a project's tags dropped
            out += ["", f"{'#' * min(projects + 2, 6)} {name}", ""]
            stack.append((indent, "project"))
        else:
            out.append("  " * tasks + _words(text))
    return ld.LoadedFile("\n".join(_tidy(out)).strip(), FrontMatter())


def _task(text: str) -> str:
    """A task's line: its box, its words, then its due day and valued tags in brackets."""
    tags = [(m["name"].lower(), " ".join((m["value"] or "").split())) for m in _TAG.finditer(text)]
    box = "[x]" if any(name == "done" for name, _ in tags) else "[ ]"
    details = [f"due {value.split(' ')[0]}" for name, value in tags if name == "due" and value]
    details += [f"{name}: {value}" for name, value in tags if value and name not in _BOOKKEEPING]
    return f"- {box} {_words(text)}" + (f" ({'; '.join(details)})" if details else "")


def _words(text: str) -> str:
    """A line's words, a bare tag's word kept in place ("call @Ana" reads "call Ana"), a
    tag with a value left out (``_task`` puts it in brackets)."""
    def word(match: re.Match) -> str:
        name = match["name"]
        return "" if match["value"] is not None or name.lower() in _BOOKKEEPING else name

    return " ".join(_TAG.sub(word, text).split())
