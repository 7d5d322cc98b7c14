"""An AsciiDoc note (.adoc, .asciidoc), read a line at a time by ``_AdocReader``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.documents._common import _loaders, _tidy
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_ADOC_BUILTINS = {"nbsp": " ", "sp": " ", "empty": "", "amp": "&", "lt": "<", "gt": ">", "startsb": "[", "endsb": "]",
                  "vbar": "|", "quot": '"', "apos": "'", "zwsp": "", "plus": "+", "caret": "^", "tilde": "~",
                  "backslash": "\\", "backtick": "`", "two-colons": "::", "deg": "°", "ldquo": "“", "rdquo": "”",
                  "lsquo": "‘", "rsquo": "’", "wj": "", "brvbar": "¦", "pp": "++", "cpp": "C++"}
_ADMONITIONS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")
_ADOC_LITERAL = re.compile(r"-{4,}|\.{4,}|\+{4,}|`{3}.*")
_ADOC_OPEN = re.compile(r"={4,}|\*{4,}|_{4,}|--")
_ADOC_LIST = re.compile(r"^(?P<marker>\*{1,5}|-|\.{1,5}|\d{1,3}\.)\s+(?P<text>\S.*)$")
_ADOC_CHECK = re.compile(r"^\[(?P<box>[ xX*])\]\s+")
_ADOC_TERM = re.compile(r"^(?P<term>[^:\s][^:]*?)(?::{2,4}|;;)(?:\s+(?P<text>.*))?$")
_ADOC_REVISION = re.compile(r"^(?:v?\d[\w.-]*,\s*)?(?P<date>[^:]*?(?:\d{4}|\d{1,2}[/.-]\d{1,2})[^:]*?)\s*(?::\s*.*)?$")
_ADOC_AUTHOR = re.compile(r"[^\W\d][\w.'’ -]{0,60}?(?:\s*<[^<>\s]+>)?(?:\s*;\s*[^\W\d][\w.'’ -]{0,60}?(?:\s*<[^<>\s]+>)?)*")


def load_adoc(data: bytes) -> LoadedFile:
    """An AsciiDoc note: "= Title" and "== Section" as Markdown headings, the header's
    author and revision line and the :author: / :date: / :revdate: attributes as "Author:"
    and "Date:" lines, "*" and "." lists as bullets and numbered items, "* [x]" checklists as
    checkboxes, "Term:: text" as a property line, admonitions kept as "NOTE: …" text, tables
    as Markdown tables, block delimiters and comments dropped (a listing kept, fenced)."""
    ld = _loaders()
    source = ld.decode_text(data).replace("\r\n", "\n")
    reader = _AdocReader()
    for line in source.split("\n"):
        reader.line(line.rstrip())
    reader.close()
    lines = _tidy(reader.out)
    return ld.LoadedFile("\n".join(lines).strip(), FrontMatter(title=reader.title))


class _AdocReader:
    """AsciiDoc read a line at a time, the blocks it is in (listing, comment, table) kept
    as state; ``out`` collects the Markdown-like lines."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.attributes: dict[str, str] = {}
        self.title: str | None = None
        self.header = 0  # lines of the document header (author, revision) still possible
        self.block: str | None = None  # the delimiter of an open literal, comment or table block
        self.table: list[str] = []
        self.admonition = ""  # "[NOTE]" waiting for its block's first line
        self.numbers: dict[int, int] = {}

    def line(self, line: str) -> None:
        stripped = line.strip()
        if self.block is not None:
            self._in_block(line, stripped)
            return
        if not stripped:
            self.header, self.numbers = 0, {}
            self.out.append("")
            return
        if re.fullmatch(r"/{4,}", stripped):
            self.block = stripped
            return
        if stripped.startswith("//") or re.match(r"^(?:ifn?def|endif|ifeval)::", stripped):
            return
        if stripped == "|===" or re.fullmatch(r"[|,:!]===", stripped):
            self.block, self.table = stripped, []
            return
        if _ADOC_LITERAL.fullmatch(stripped):
            self.block = stripped if not stripped.startswith("```") else "```"
            self.out.append("```")
            return
        if _ADOC_OPEN.fullmatch(stripped) or stripped in ("+", "<<<", "'''", "---", "***"):
            return
        attribute = re.match(r"^:!?(?P<name>[\w][\w-]*)!?:\s*(?P<value>.*)$", stripped)
        if attribute:
            self._attribute(attribute["name"].lower(), self._inline(attribute["value"]))
            return
        heading = re.match(r"^(?P<marks>={1,6}|#{1,6})\s+(?P<text>\S.*)$", line)
        if heading:
            level, text = len(heading["marks"]), self._inline(heading["text"].rstrip(" =#"))
            if level == 1 and self.title is None:
                self.title, self.header = text, 2
            self.out.append(f"{'#' * level} {text}")
            return
        if self.header and self._header_line(stripped):
            return
        self.header = 0
        if re.fullmatch(r"\[\[?[^\]]*\]\]?", stripped):  # a block's style, role or anchor
            style = stripped.strip("[]").split(",")[0].strip()
            self.admonition = style if style in _ADMONITIONS else ""
            return
        if re.match(r"^\w+::\S*\[.*\]$", stripped):  # image::, include::, video::, toc::[]
            return
        if re.match(r"^\.[^\s.]", stripped):  # a block title
            self.out.append(self._inline(stripped[1:]))
            return
        self.out.append(self._text_line(stripped))

    def _text_line(self, stripped: str) -> str:
        listed = _ADOC_LIST.match(stripped)
        if listed:
            marker, text = listed["marker"], listed["text"]
            depth = 0 if marker == "-" or marker[0].isdigit() else len(marker) - 1
            check = _ADOC_CHECK.match(text)
            if check and not marker.startswith("."):
                box = "[ ] " if check["box"] == " " else "[x] "
                return f"{'  ' * depth}- {box}{self._inline(text[check.end():])}"
            if marker[0].isdigit():
                return f"{marker} {self._inline(text)}"
            if marker.startswith("."):
                self.numbers = {d: n for d, n in self.numbers.items() if d <= depth}
                self.numbers[depth] = self.numbers.get(depth, 0) + 1
                return f"{'  ' * depth}{self.numbers[depth]}. {self._inline(text)}"
            return f"{'  ' * depth}- {self._inline(text)}"
        term = _ADOC_TERM.match(stripped)
        if term and "://" not in term["term"]:
            value = self._inline(term["text"] or "")
            return f"{self._inline(term['term'])}: {value}".rstrip()
        text = self._inline(re.sub(r"\s\+$", "", stripped))
        if self.admonition:
            text, self.admonition = f"{self.admonition}: {text}", ""
        return text

    def _attribute(self, name: str, value: str) -> None:
        self.attributes[name] = value
        line = f"Date: {value}" if name in ("date", "revdate") else f"Author: {value}" if name == "author" else ""
        if value and line and line not in self.out:  # the revision line's date again in :revdate:
            self.out.append(line)

    def _header_line(self, stripped: str) -> bool:
        """The lines right under "= Title": the author line, then the revision line
        ("v1.2, 2025-03-14: remark"). False for a line that is neither."""
        if len(stripped) > 200:
            return False
        revision = _ADOC_REVISION.match(stripped)
        if revision:
            line = f"Date: {revision['date'].strip()}"
            self.out += [] if line in self.out else [line]
            self.header = 0
            return True
        if self.header == 2 and len(stripped.split()) <= 12 and _ADOC_AUTHOR.fullmatch(stripped):
            names = [re.sub(r"<[^>]*>", "", name).strip() for name in stripped.split(";")]
            self.out.append("Author: " + ", ".join(name for name in names if name))
            self.header = 1
            return True
        return False

    def _in_block(self, line: str, stripped: str) -> None:
        block = self.block or ""
        if stripped != block:
            if block.startswith("/"):
                return  # a comment block
            if block.endswith("==="):
                self.table.append(stripped)
            else:
                self.out.append(line)
            return
        if block.endswith("==="):
            table = _adoc_table(self.table, block[0])
            if table:
                self.out += ["", table, ""]
        elif not block.startswith("/"):
            self.out.append("```")
        self.block = None

    def close(self) -> None:
        if self.block is not None and not self.block.startswith("/") and not self.block.endswith("==="):
            self.out.append("```")  # a listing left open at the end of the file
        elif self.block is not None and self.block.endswith("==="):
            self._in_block("", self.block)

    def _inline(self, text: str) -> str:
        def attribute(match: re.Match) -> str:
            name = match[1].lower()
            return self.attributes.get(name, _ADOC_BUILTINS.get(name, match[0]))

        text = re.sub(r"\{([\w][\w-]*)\}", attribute, text)
        text = re.sub(r"<<([^,<>]{1,200}),\s*([^<>]{1,300})>>", r"\2", text)
        text = re.sub(r"<<([^<>]{1,200})>>", r"\1", text)
        text = re.sub(r"\b(?:link|xref|mailto):(\S+?)\[([^\]]*)\]", lambda m: m[2] or m[1], text)
        text = re.sub(r"\b((?:https?|ftp|irc)://[^\s\[]+)\[([^\]]*)\]", lambda m: m[2].split(",")[0] or m[1], text)
        text = re.sub(r"\bfootnote:\w*\[([^\]]*)\]", r" (\1)", text)
        text = re.sub(r"\bimage:\S*?\[[^\]]*\]", "", text)
        text = re.sub(r"\b(?:kbd|btn|pass|menu|stem|latexmath|asciimath|icon|indexterm2?):\S*?\[([^\]]*)\]", r"\1", text)
        # (spans bounded in length: a long line of stray marks must not take quadratic time)
        text = re.sub(r'"`([^\n]{1,300}?)`"', r'"\1"', text)
        text = re.sub(r"'`([^\n]{1,300}?)`'", r"'\1'", text)
        for mark in (r"\*\*", "__", "``", "##"):
            text = re.sub(rf"{mark}([^\n]{{1,300}}?){mark}", r"\1", text)
        for mark in (r"\*", "_", "`", "#", r"\+"):
            text = re.sub(rf"(?<![\w{mark[-1]}\\]){mark}(?=\S)([^\n]{{0,300}}?\S){mark}(?![\w{mark[-1]}])", r"\1", text)
        return re.sub(r"(?<=\s)--(?=\s)", "—", text).strip()


def _adoc_table(lines: list[str], separator: str) -> str:
    """An AsciiDoc table's cells (a row on one line, or one cell a line) as a Markdown table;
    the first line with cells says how many columns there are."""
    columns = 0
    cells: list[str] = []
    for line in lines:
        if not line:
            continue
        if separator == "|":
            lead, *parts = line.split("|")
            if lead.strip() and cells:
                cells[-1] += " " + lead.strip()  # a cell's text going on over lines
        else:
            parts = line.split(separator)
        if parts:
            columns = columns or len(parts)
            cells += [" ".join(part.split()) for part in parts]
    rows = [cells[start:start + columns] for start in range(0, len(cells), max(columns, 1))]
    return _loaders()._markdown_table(rows) if rows else ""
