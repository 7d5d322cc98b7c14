"""A reStructuredText note (.rst), read by ``_RstReader`` a block at a time: a block is a
run of lines its first line's shape says the kind of (a title and its underline, a field,
a list item, an explicit ".. " markup, a table, a paragraph)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.documents._common import _loaders, _tidy
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}$")  # a line of one punctuation mark, 3 or more
_FIELD = re.compile(r"^:(?P<name>[^:\s][^:]{0,60}?):(?:\s+(?P<value>.*))?$")
_BULLET = re.compile(r"^(?P<marker>[-*+•‣⁃])\s+(?P<text>.*)$")
_ENUMERATED = re.compile(r"^(?P<marker>\(?(?:\d{1,3}|#)[.)])\s+(?P<text>.*)$")
_EXPLICIT = re.compile(r"^\.\.(?:\s+(?P<rest>.*))?$")
_DIRECTIVE = re.compile(r"^(?:\|[^|]+\|\s+)?(?P<name>[\w][\w:+.-]*)::(?:\s+(?P<argument>.*))?$")
_PROPERTY = re.compile(r"^[^\W\d][\w /()-]{0,30}:\s+\S")  # "Mentor: Ana", typed as a note's property line
_MAX_NESTING = 40
_SIMPLE_TABLE = re.compile(r"^=+(?:\s+=+)+$")
_CHECK = re.compile(r"^\[(?P<box>[ xX])\]\s+")
_ADMONITIONS = {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "todo",
                "seealso", "versionadded", "versionchanged", "deprecated"}
_CODE = {"code", "code-block", "sourcecode", "parsed-literal"}
# Directives whose content is layout, set-up or a picture, never the note's words.
_DROPPED = {"image", "figure", "contents", "toctree", "include", "literalinclude", "raw", "meta", "sectnum",
            "section-numbering", "header", "footer", "index", "highlight", "role", "default-role", "title", "class",
            "cssclass", "container-class", "target-notes", "csv-table", "only", "ifconfig", "tabularcolumns",
            "automodule", "autoclass", "autofunction", "math", "unicode", "date"}


def load_rst(data: bytes) -> LoadedFile:
    """A reStructuredText note: section titles as Markdown headings ("#", "##", … in the
    order their underline styles first appear), fields (":Date:", ":Mentor:") as property
    lines, bullet and enumerated lists as "- " and "1." items ("- [x]" boxes kept),
    admonitions (".. note::") kept as "NOTE: …" text, literal and code blocks fenced, tables
    as Markdown tables; comments, targets and pictures dropped; inline markup reduced to its
    words."""
    ld = _loaders()
    source = ld.decode_text(data).replace("\r\n", "\n").expandtabs(8)
    reader = _RstReader()
    reader.read([line.rstrip() for line in source.split("\n")], 0)
    return ld.LoadedFile("\n".join(_tidy(reader.out)).strip(), FrontMatter(title=reader.title))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


class _RstReader:
    """``out`` collects the Markdown-like lines; the title styles and substitutions met so
    far are kept across the nested blocks (a directive's or a list item's content)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.styles: list[tuple[str, bool]] = []  # (mark, overlined) in the order first seen
        self.title: str | None = None
        self.substitutions: dict[str, str] = {}
        self.nesting = 0  # lists and directives inside each other

    def read(self, lines: list[str], depth: int) -> None:
        """Blocks of ``lines`` (already dedented); ``depth`` is the list level they sit in."""
        self.nesting += 1
        if self.nesting > _MAX_NESTING:
            raise _loaders().LoadError(f"is reStructuredText nested more than {_MAX_NESTING} levels deep")
        self._read(lines, depth)
        self.nesting -= 1

    def _read(self, lines: list[str], depth: int) -> None:
        i, numbers = 0, 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                self.out.append("")
                i += 1
                continue
            taken = self._heading(lines, i) if depth == 0 else 0
            if taken:
                i += taken
                numbers = 0
                continue
            stripped = line.strip()
            if _ADORNMENT.match(stripped) and len(stripped) >= 4:
                i += 1  # a transition
                continue
            block_end = self._block_end(lines, i)
            block = lines[i:block_end]
            numbers = numbers if _BULLET.match(stripped) or _ENUMERATED.match(stripped) else 0
            if _EXPLICIT.match(stripped):
                self._explicit(block, depth)
            elif _FIELD.match(stripped):
                self._field(block, depth)
            elif stripped.startswith(("+-", "+=")) or _SIMPLE_TABLE.match(stripped):
                block_end = self._table(lines, i)
            elif _BULLET.match(stripped) or _ENUMERATED.match(stripped):
                numbers = self._item(block, depth, numbers)
            elif stripped.startswith("| ") or stripped == "|":
                self.out += ["  " * depth + self._inline(row.strip()[2:]) for row in block]
            else:
                block_end = self._paragraph(lines, i, depth)
            i = block_end

    def _block_end(self, lines: list[str], start: int) -> int:
        """Where the block starting at ``start`` ends: at the first line after it that is
        no more indented than its first line (blank lines inside an indented body belong
        to it)."""
        base = _indent(lines[start])
        end = start + 1
        while end < len(lines):
            if lines[end].strip() and _indent(lines[end]) <= base:
                break
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        return end

    def _heading(self, lines: list[str], i: int) -> int:
        """A section title (underlined, or over- and underlined) as a heading: the lines
        it took, or 0 when there is none here."""
        line = lines[i].strip()
        over = _ADORNMENT.match(line)
        if over and i + 2 < len(lines) and lines[i + 1].strip() and lines[i + 2].strip() == line:
            self._title(lines[i + 1].strip(), (line[0], True))
            return 3
        if over or _indent(lines[i]) or i + 1 >= len(lines):
            return 0
        under = _ADORNMENT.match(lines[i + 1])
        if under and (len(lines[i + 1]) >= len(line) or len(lines[i + 1]) >= 4) and (i == 0 or not lines[i - 1].strip()):
            self._title(line, (lines[i + 1][0], False))
            return 2
        return 0

    def _title(self, text: str, style: tuple[str, bool]) -> None:
        if style not in self.styles:
            self.styles.append(style)
        level = min(self.styles.index(style) + 1, 6)
        text = self._inline(text)
        self.title = self.title or (text if level == 1 else None)
        self.out += ["", f"{'#' * level} {text}", ""]

    def _field(self, block: list[str], depth: int) -> None:
        """":Date: 2025-05-06" (a value going on over indented lines) as "Date: 2025-05-06"."""
        field = _FIELD.match(block[0].strip())
        assert field is not None
        value = " ".join([field["value"] or ""] + [line.strip() for line in block[1:] if line.strip()])
        name = field["name"].strip()
        if name.lower() in ("dedication", "abstract"):
            self.out.append(self._inline(value))
            return
        self.out.append(f"{'  ' * depth}{name[:1].upper()}{name[1:]}: {self._inline(value)}".rstrip())

    def _item(self, block: list[str], depth: int, numbers: int) -> int:
        """A list item: its first paragraph on the marker's line, what else it holds read
        as blocks one level deeper. Returns the enumerated list's count so far."""
        first = block[0].strip()
        bullet = _BULLET.match(first)
        matched = bullet or _ENUMERATED.match(first)
        assert matched is not None
        column = _indent(block[0]) + len(matched["marker"]) + (len(first) - len(matched["marker"]) - len(matched["text"]))
        body = [line[column:] if _indent(line) >= column else line.strip() for line in block[1:]]
        lead = [matched["text"]]
        while body and body[0].strip() and not (_BULLET.match(body[0]) or _ENUMERATED.match(body[0])):
            lead.append(body.pop(0).strip())
        text = self._inline(" ".join(lead))
        if bullet:
            check = _CHECK.match(text)
            box = f"[{'x' if check['box'] in 'xX' else ' '}] " if check else ""
            self.out.append(f"{'  ' * depth}- {box}{text[check.end():] if check else text}")
            numbers = 0
        else:
            given = re.sub(r"\D", "", matched["marker"])
            numbers = int(given) if given else numbers + 1
            self.out.append(f"{'  ' * depth}{numbers}. {text}")
        self.read(body, depth + 1)
        return numbers

    def _paragraph(self, lines: list[str], i: int, depth: int) -> int:
        """A paragraph's lines joined; "Term" with an indented line under it as "Term: …"
        (with a list under it, the list nested under the term);
        a paragraph ending "::" introduces a literal block, fenced. Returns where it ends."""
        base = _indent(lines[i])
        end = i
        while end < len(lines) and lines[end].strip() and _indent(lines[end]) == base and \
                not (end > i and (_BULLET.match(lines[end].strip()) or _FIELD.match(lines[end].strip()))):
            end += 1
        if end < len(lines) and lines[end].strip() and _indent(lines[end]) > base and end == i + 1:
            block_end = self._block_end(lines, i)
            definition = self._dedented(lines[end:block_end])
            term = self._inline(lines[i].strip())
            if all(line.strip() for line in definition) and not any(
                    pattern.match(definition[0]) for pattern in (_BULLET, _ENUMERATED, _FIELD, _EXPLICIT)):
                self.out.append(f"{'  ' * depth}{term.rstrip(':')}: {self._inline(' '.join(definition))}")
            else:  # "Actions:" with a list under it
                self.out.append(f"{'  ' * depth}{term}")
                self.read(definition, depth + 1)
            return block_end
        rows = [line.strip() for line in lines[i:end]]
        if not all(_PROPERTY.match(row) for row in rows):
            rows = [" ".join(rows)]  # a paragraph's wrapped lines as the one line it reads as
        literal = rows[-1].endswith("::")
        if literal:  # "Paragraph::" reads "Paragraph:"; "Paragraph ::" and a lone "::" read nothing
            rows[-1] = rows[-1][:-2] + ("" if rows[-1][:-2].endswith(" ") or rows[-1] == "::" else ":")
        self.out += ["  " * depth + self._inline(row) for row in rows if row.strip()]
        if not literal:
            return end
        start = end
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start >= len(lines) or _indent(lines[start]) <= base:
            return end
        block_end = start
        while block_end < len(lines) and (not lines[block_end].strip() or _indent(lines[block_end]) > base):
            block_end += 1
        self.out += ["```", *self._dedented(lines[start:block_end]), "```"]
        return block_end

    def _explicit(self, block: list[str], depth: int) -> None:
        """".. " markup: a directive, a footnote, a substitution; a target or a comment is
        dropped."""
        explicit = _EXPLICIT.match(block[0].strip())
        rest = (explicit["rest"] if explicit else None) or ""
        directive = _DIRECTIVE.match(rest)
        if directive is None:
            footnote = re.match(r"^\[(?P<label>[^\]]+)\]\s*(?P<text>.*)$", rest)
            if footnote:
                more = " ".join(line.strip() for line in block[1:] if line.strip())
                self.out.append(self._inline(f"[{footnote['label']}] {footnote['text']} {more}".strip()))
            return  # a comment (".. anything else") or a target (".. _name: url")
        name, argument = directive["name"].lower(), (directive["argument"] or "").strip()
        body = self._dedented(block[1:])
        options = 0
        while options < len(body) and _FIELD.match(body[options].strip()):
            options += 1  # the directive's options (":class: …", ":linenos:")
        body = body[options:]
        if rest.startswith("|"):
            if name in ("replace", "unicode"):
                label = rest[1:rest.index("|", 1)]
                self.substitutions[label] = " ".join([argument] + [line.strip() for line in body if line.strip()])
            return
        if name in _DROPPED:
            return
        if name in _CODE:
            self.out += ["```", *body, "```"]
            return
        start = len(self.out)
        self.read(body, depth)
        inner = self.out[start:]
        del self.out[start:]
        lead = next((n for n, line in enumerate(inner) if line.strip()), None)
        if name in _ADMONITIONS or name == "admonition":
            label = argument if name == "admonition" else name.upper()
            text = argument if name != "admonition" else ""
            if lead is not None:
                inner[lead] = f"{label}: " + " ".join(part for part in (text, inner[lead].strip()) if part)
            else:
                inner = [f"{label}: {text}".rstrip()]
        elif argument:
            inner.insert(0, self._inline(argument))  # a topic's, a sidebar's or a rubric's title
        self.out += inner

    @staticmethod
    def _dedented(lines: list[str]) -> list[str]:
        width = min((_indent(line) for line in lines if line.strip()), default=0)
        out = [line[width:] for line in lines]
        while out and not out[0].strip():
            out.pop(0)
        while out and not out[-1].strip():
            out.pop()
        return out

    def _table(self, lines: list[str], i: int) -> int:
        """A grid table ("+---+" borders) or a simple table ("===  ===" borders) as a
        Markdown table. Returns where it ends."""
        end = i
        while end < len(lines) and lines[end].strip():
            end += 1
        rows: list[list[str]] = []
        if lines[i].strip().startswith("+"):
            cells: list[str] = []
            for line in (line.strip() for line in lines[i:end]):
                if line.startswith("+"):
                    if cells:
                        rows.append([" ".join(cell.split()) for cell in cells])
                    cells = []
                    continue
                parts = [part.strip() for part in line.strip("|").split("|")]
                cells = [f"{a} {b}" for a, b in zip(cells, parts)] if cells else parts
        else:
            border = lines[i]
            spans = [(m.start(), m.end()) for m in re.finditer(r"=+", border)]
            for line in lines[i + 1:end]:
                if _SIMPLE_TABLE.match(line.strip()) or re.fullmatch(r"[-\s]+", line):
                    continue
                row = [line[a:b if n < len(spans) - 1 else len(line)].strip() for n, (a, b) in enumerate(spans)]
                if not row[0] and rows:  # a cell going on under the row above
                    rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], row)]
                else:
                    rows.append(row)
        table = _loaders()._markdown_table([[self._inline(cell).replace("|", "/") for cell in row] for row in rows])
        if table:
            self.out += ["", table, ""]
        return end

    def _inline(self, text: str) -> str:
        """Inline markup reduced to its words (spans bounded: a long line of stray marks
        must stay linear)."""
        text = re.sub(r"\|([^|\s][^|]{0,100}?)\|(?:__?)?", lambda m: self.substitutions.get(m[1], m[1]), text)
        text = re.sub(r"`([^`<]{1,300}?)\s*<[^<>`]{1,500}>`__?", r"\1", text)  # `text <url>`_
        text = re.sub(r":[\w:+.-]{1,40}:`([^`<]{1,300}?)\s*<[^<>`]{1,300}>`", r"\1", text)  # :ref:`Label <target>`
        text = re.sub(r":[\w:+.-]{1,40}:`([^`]{1,300})`", r"\1", text)  # :code:`x`, :doc:`page`
        text = re.sub(r"``([^\n]{1,300}?)``", r"\1", text)
        text = re.sub(r"`([^`]{1,300})`(?:__?|:[\w:+.-]{1,40}:)?", r"\1", text)
        text = re.sub(r"\s?\[(?:\d+|#[\w-]*|\*|[A-Za-z][\w.-]{0,40})\]_", "", text)  # footnote and citation marks
        text = re.sub(r"(?<![\w*\\])\*\*(?=\S)([^\n]{1,300}?)(?<=\S)\*\*(?![\w*])", r"\1", text)
        text = re.sub(r"(?<![\w*\\])\*(?=[^\s*])([^\n]{0,300}?)(?<=[^\s*\\])\*(?![\w*])", r"\1", text)
        text = re.sub(r"\b([A-Za-z][\w.-]{0,60}?)__?(?=[\s,.;:!?)]|$)", r"\1", text)  # reference_
        return re.sub(r"\\(.)", r"\1", text).strip()
