"""A LaTeX note (.tex) read as its typeset page: ``_TexReader`` turns the source into text
(commands gone, their words kept), ``_joined_paragraphs`` puts each paragraph's source lines
together."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ingest.documents._common import _loaders
from ingest.frontmatter import FrontMatter

if TYPE_CHECKING:
    from ingest.loaders import LoadedFile


_TEX_SECTIONS = {"part": 1, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5,
                 "subparagraph": 6}
_TEX_LISTS = {"itemize", "enumerate", "description", "todolist", "checklist", "compactitem", "compactenum",
              "asparaitem", "inparaitem", "outline"}
_TEX_VERBATIM = {"verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "comment", "alltt"}
_TEX_ENV_ARGS = {"tabular": 1, "tabular*": 2, "tabularx": 2, "longtable": 1, "array": 1, "minipage": 1,
                 "multicols": 1, "wrapfigure": 2, "minted": 1, "tabulary": 2}
# Commands whose arguments are layout, references or set-up, never the note's words.
_TEX_DROP = {"label", "ref", "eqref", "pageref", "autoref", "cref", "Cref", "cite", "citep", "citet", "nocite",
             "vspace", "hspace", "includegraphics", "usepackage", "RequirePackage", "documentclass", "setlength",
             "addtolength", "setcounter", "addtocounter", "pagestyle", "thispagestyle", "bibliographystyle",
             "bibliography", "addbibresource", "input", "include", "newcommand", "renewcommand", "providecommand",
             "DeclareMathOperator", "newenvironment", "renewenvironment", "newtheorem", "geometry", "hypersetup",
             "thanks", "index", "color", "definecolor", "graphicspath", "captionsetup", "lstset", "setmainfont",
             "setsansfont", "setmonofont", "fontsize", "selectfont", "pagenumbering", "newlength", "vskip", "hskip",
             "rule", "setlist", "titleformat", "fancyhead", "fancyfoot", "lhead", "chead", "rhead", "lfoot", "cfoot",
             "rfoot", "numberwithin", "renewrobustcmd", "DeclareUnicodeCharacter", "counterwithin", "urlstyle",
             "newif", "def", "let", "phantom", "hphantom", "vphantom", "linespread", "enlargethispage",
             "bibitem", "tag", "nonumber", "notag", "footnotemark", "marginpar", "todo"}
_TEX_SYMBOLS = {"ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e",
                "today": "", "textendash": "–", "textemdash": "—", "textquoteleft": "'", "textquoteright": "'",
                "textquotedblleft": '"', "textquotedblright": '"', "textbullet": "•", "bullet": "•", "euro": "€",
                "EUR": "€", "texteuro": "€", "pounds": "£", "textsterling": "£", "textdollar": "$", "textdegree": "°",
                "degree": "°", "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "checkmark": "✓",
                "times": "×", "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "slash": "/",
                "textbackslash": "\\", "textasciitilde": "~", "textless": "<", "textgreater": ">", "textbar": "|",
                "textunderscore": "_", "and": ", ", "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ",
                "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "i", "j": "j", "to": "→",
                "rightarrow": "→", "Rightarrow": "⇒", "leftarrow": "←", "Leftarrow": "⇐", "le": "≤", "leq": "≤",
                "ge": "≥", "geq": "≥", "pm": "±", "approx": "≈", "neq": "≠", "cdot": "·", "square": "☐", "Box": "☐",
                "boxtimes": "☒", "XBox": "☒", "CheckedBox": "☑", "done": "☑", "wontfix": "☒", "percent": "%",
                "par": "\n\n", "newline": "\x00", "linebreak": "\x00", "item": "", "textasciicircum": "^",
                "guillemotleft": "«", "guillemotright": "»", "textregistered": "®", "texttrademark": "™"}
_TEX_LETTERS = {"ss", "o", "O", "ae", "AE", "oe", "OE", "aa", "AA", "l", "L", "i", "j"}
_TEX_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
                ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328", "r": "\u030a"}
_TEX_ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", ",": " ", ";": " ", ":": " ",
                " ": " ", ">": " ", "!": "", "/": "", "-": "", "@": "", "[": "", "]": "", "(": "", ")": "",
                "|": "|", "\n": " ", "\t": " "}
_TICKED_LABEL = re.compile(r"[☑☒✓✔]|\\(?:checkmark|boxtimes|XBox|CheckedBox|done|wontfix|ballotboxwithcheck)\b")
_OPEN_LABEL = re.compile(r"[☐□]|\\(?:square|Box|ballotbox)\b")
_TEX_COMMAND = re.compile(r"\\([A-Za-z@]+\*?|.)", re.DOTALL)


_TEX_TOKEN = re.compile(r"\\.|[{}\[\]]", re.DOTALL)
_TEX_SPECIAL = re.compile(r"[\\{}$~&`'-]")
_TEX_WORD = re.compile(r"\\[A-Za-z]+|\S")
_TEX_INLINE_DEPTH = 4  # a heading inside a footnote inside a title…: deeper than that, commands are just dropped


def _tex_pairs(src: str) -> tuple[dict[int, int], dict[int, int]]:
    """Where each ``{`` and each ``[`` closes, found in one pass (an escaped brace is text;
    an option's brackets do not reach out of the braces around them; one never closed is
    not in the map)."""
    braces: dict[int, int] = {}
    brackets: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for token in _TEX_TOKEN.finditer(src):
        mark, at = token[0], token.start()
        if mark in "{[":
            stack.append((mark, at))
        elif mark == "}":
            while stack and stack[-1][0] == "[":
                stack.pop()
            if stack:
                braces[stack.pop()[1]] = at
        elif mark == "]" and stack and stack[-1][0] == "[":
            brackets[stack.pop()[1]] = at
    return braces, brackets


class _TexReader:
    """LaTeX source read as a person reads the typeset page: commands gone, their words
    kept; sections as headings; list items as bullets (a box label as a checkbox); quotes,
    dashes and ties as plain characters. A forced line break is "\\x00" until the lines are
    put together. Arguments are index ranges of the source, their braces matched once."""

    def __init__(self) -> None:
        self.title = self.author = self.date = ""
        # open lists: (environment, the box its items get by default, where its output starts)
        self.lists: list[tuple[str, str, int]] = []
        self.verbatim: list[str] = []  # verbatim blocks, kept out of the line joining
        self.src = ""
        self.braces: dict[int, int] = {}
        self.brackets: dict[int, int] = {}
        self.depth = 0

    def read(self, src: str) -> str:
        self.src = src
        self.braces, self.brackets = _tex_pairs(src)
        return self._read(0, len(src))

    def _read(self, i: int, end: int) -> str:
        src, out = self.src, []
        while i < end:
            special = _TEX_SPECIAL.search(src, i, end)
            stop = special.start() if special else end
            if stop > i:
                out.append(src[i:stop])
                i = stop
            if i >= end:
                break
            ch = src[i]
            if ch == "\\":
                i = self._command(i, end, out)
            elif ch == "}":
                out.append(" " if src.startswith("{", i + 1, end) else "")  # \href{a}{b}: arguments apart
                i += 1
            elif ch in "{$":
                i += 1
            elif ch in "~&":
                out.append(" " if ch == "~" else " | ")  # a tie; a table's cells
                i += 1
            elif src.startswith("---", i, end):
                out.append("—")
                i += 3
            elif src.startswith("--", i, end):
                out.append("–")
                i += 2
            elif src.startswith("``", i, end) or src.startswith("''", i, end):
                out.append('"')
                i += 2
            else:
                out.append("'" if ch == "`" else ch)
                i += 1
        return "".join(out)

    def inline(self, start: int, stop: int) -> str:
        """An argument's words on one line (a title, a heading, a footnote)."""
        if self.depth >= _TEX_INLINE_DEPTH:
            text = re.sub(r"\\[A-Za-z@]+\*?|[{}$]", " ", self.src[start:stop])
        else:
            self.depth += 1
            lists = self.lists
            self.lists = []
            try:
                text = self._read(start, stop)
            finally:
                self.depth, self.lists = self.depth - 1, lists
        return re.sub(r"\s+,", ",", " ".join(text.replace("\x00", " ").split()))  # "A \and B"

    # ----- arguments: (start, stop, the index after) ranges
    def _space(self, i: int, end: int, newlines: bool = True) -> int:
        blanks = " \t\n" if newlines else " \t"
        while i < end and self.src[i] in blanks:
            i += 1
        return i

    def _argument(self, i: int, end: int) -> tuple[int, int, int]:
        """The ``{...}`` argument after ``i`` (a single token when it has no braces, as in
        ``\\section x``); an opening brace never closed is an empty argument."""
        j = self._space(i, end)
        if j < end and self.src[j] == "{":
            close = self.braces.get(j)
            return (j + 1, close, close + 1) if close is not None and close < end else (j + 1, j + 1, j + 1)
        token = _TEX_WORD.match(self.src, j, end)
        return (token.start(), token.end(), token.end()) if token else (j, j, j)

    def _option(self, i: int, end: int) -> tuple[int, int, int] | None:
        close = self.brackets.get(i) if i < end and self.src[i] == "[" else None
        return (i + 1, close, close + 1) if close is not None and close < end else None

    def _skip_options(self, i: int, end: int) -> int:
        option = self._option(i, end)
        while option is not None:
            i = option[2]
            option = self._option(i, end)
        return i

    def _skip_arguments(self, i: int, end: int) -> int:
        """Past a dropped command's star, options and braced arguments."""
        i = i + 1 if self.src.startswith("*", i, end) else i
        while True:
            j = self._space(i, end, newlines=False)
            option = self._option(j, end)
            close = self.braces.get(j) if j < end and self.src[j] == "{" else None
            if option is not None:
                i = option[2]
            elif close is not None and close < end:
                i = close + 1
            else:
                return i

    # ----- commands
    def _command(self, i: int, end: int, out: list[str]) -> int:
        src = self.src
        match = _TEX_COMMAND.match(src, i, end)
        if match is None:  # a backslash at the very end
            return i + 1
        name, i = match[1], match.end()
        bare = name.rstrip("*")
        if name == "\\":
            out.append("\x00")
            return self._skip_options(i + 1 if src.startswith("*", i, end) else i, end)
        if name in _TEX_ACCENTS and (len(name) == 1 and not name.isalpha() or src.startswith("{", i, end)):
            return self._accent(i, end, _TEX_ACCENTS[name], out)
        if len(name) == 1 and not name.isalpha():
            out.append(_TEX_ESCAPED.get(name, ""))
            return i
        if bare in _TEX_SECTIONS:
            start, stop, i = self._argument(self._skip_options(i, end), end)
            out.append(f"\n\n{'#' * _TEX_SECTIONS[bare]} {self.inline(start, stop)}\n\n")
            return i
        if bare in ("title", "author", "date"):
            start, stop, i = self._argument(self._skip_options(i, end), end)
            setattr(self, bare, self.inline(start, stop))
            return i
        if bare == "item":
            return self._item(i, end, out)
        if bare in ("begin", "end"):
            return self._environment(bare, i, end, out)
        if bare in _TEX_DROP:
            return self._skip_arguments(i, end)
        if bare == "href":  # \href{url}{words}: the words
            return self._argument(i, end)[2]
        if bare == "footnote":
            start, stop, i = self._argument(self._skip_options(i, end), end)
            out.append(f" ({self.inline(start, stop)})")
            return i
        if bare == "verb" and i < end:
            close = src.find(src[i], i + 1, end)
            close = end if close < 0 else close
            out.append(src[i + 1:close])
            return close + 1
        if bare == "maketitle":
            return i
        if bare in _TEX_SYMBOLS:
            out.append(_TEX_SYMBOLS[bare])
            if src.startswith("{}", i, end):
                return i + 2
            # a letter spelt as a command is part of its word: "Stra\ss e" is "Straße"
            return self._space(i, end, newlines=False) if bare in _TEX_LETTERS else i
        # Any other command (\textbf, \emph, \textit, \texttt, \underline, \url, a user's own
        # macro): its options go, the words of its arguments stay.
        return self._skip_options(i, end)

    def _accent(self, i: int, end: int, mark: str, out: list[str]) -> int:
        if self.src.startswith("{", i, end):
            start, stop, i = self._argument(i, end)
            letter = self.src[start:stop].strip().lstrip("\\")
        else:
            i = self._space(i, end, newlines=False)
            letter, i = self.src[i:min(i + 1, end)], i + 1
        out.append(unicodedata.normalize("NFC", letter[:1] + mark) + letter[1:] if letter else "")
        return min(i, end)

    def _item(self, i: int, end: int, out: list[str]) -> int:
        environment, default_box, start = self.lists[-1] if self.lists else ("itemize", "", 0)
        _trim(out, start)
        indent = "  " * max(len(self.lists) - 1, 0)
        box = default_box
        option = self._option(self._space(i, end), end)
        if option is not None:
            label, i = self.src[option[0]:option[1]], option[2]
            if label.strip().strip("$").strip() in ("x", "X") or _TICKED_LABEL.search(label):
                box = "[x] "
            elif _OPEN_LABEL.search(label):
                box = "[ ] "
            elif environment == "description":
                term = self.inline(option[0], option[1]).rstrip(":")
                out.append(f"\n{indent}- {term}: " if term else f"\n{indent}- ")
                return i
        out.append(f"\n{indent}- {box}")
        return i

    def _environment(self, which: str, i: int, end: int, out: list[str]) -> int:
        start, stop, i = self._argument(i, end)
        name = self.src[start:stop].strip()
        if which == "end":
            if self.lists and self.lists[-1][0] == name:
                _trim(out, self.lists.pop()[2])
                out.append("\n" if self.lists else "\n\n")
            else:
                out.append("\n")
            return i
        if name in _TEX_VERBATIM:
            closing = re.compile(r"\\end\s*\{" + re.escape(name) + r"\}").search(self.src, i, end)
            stop, after = (closing.start(), closing.end()) if closing else (end, end)
            body = self.src[self._skip_arguments(i, stop) if name in ("lstlisting", "minted") else i:stop]
            if name != "comment" and body.strip():
                self.verbatim.append(body.strip("\n"))
                out.append(f"\n\n\x01{len(self.verbatim) - 1}\x01\n\n")
            return after
        options = ""
        option = self._option(self._space(i, end), end)
        if option is not None:
            options, i = self.src[option[0]:option[1]], option[2]
        for _ in range(_TEX_ENV_ARGS.get(name, 0)):
            i = self._argument(i, end)[2]
        if name in _TEX_LISTS:
            box = "[ ] " if name in ("todolist", "checklist") or _OPEN_LABEL.search(options) else ""
            if self.lists:
                _trim(out, self.lists[-1][2])  # a list inside an item: its items right under that one
            self.lists.append((name, box, len(out)))
        out.append("\n")
        return i


def _trim(out: list[str], start: int) -> None:
    """The spaces and line ends the source has before a list item (back to where the list
    started), gone: items are one a line, with no blank line between them."""
    while len(out) > start and not out[-1].strip():
        out.pop()
    if len(out) > start:
        out[-1] = out[-1].rstrip(" \t\n")


_TEX_VERBATIM_EDGE = re.compile(r"\\(begin|end)\s*\{(" + "|".join(re.escape(n) for n in _TEX_VERBATIM if n != "comment")
                                + r")\}")


def _without_tex_comments(src: str) -> str:
    """Source without its comments: from an unescaped % to the end of its line, a line that
    is only a comment gone with its line end (a verbatim block's % signs are its text)."""
    kept = []
    verbatim = False
    for line in src.split("\n"):
        edges = [edge[1] for edge in _TEX_VERBATIM_EDGE.finditer(line)]
        if verbatim or edges[:1] == ["begin"]:
            verbatim = edges[-1:] != ["end"]  # still inside when the line does not end the block
            kept.append(line)
            continue
        comment = re.search(r"(?<!\\)(?:\\\\)*%", line)
        if comment:
            line = line[:comment.end() - 1]
            if not line.strip():
                continue
        kept.append(line)
    return "\n".join(kept)


def load_tex(data: bytes) -> LoadedFile:
    """A LaTeX note: \\title as the heading and title, \\author and \\date as "Author:" and
    "Date:" lines, sections as headings, itemize / enumerate items as bullets (a \\square or
    \\checkmark label as a checkbox), the preamble and comments left out and the commands'
    words kept; a paragraph's source lines joined."""
    ld = _loaders()
    src = _without_tex_comments(ld.decode_text(data).replace("\r\n", "\n"))
    begin = re.search(r"\\begin\s*\{document\}", src)
    reader = _TexReader()
    try:
        if begin:
            reader.read(src[:begin.start()])  # the preamble: only its \title, \author and \date
            reader.lists.clear()
            end = re.search(r"\\end\s*\{document\}", src[begin.end():])
            body = src[begin.end():begin.end() + end.start()] if end else src[begin.end():]
        else:
            body = src
        text = reader.read(body)
    except RecursionError:
        raise ld.LoadError("is a LaTeX file nested too deeply to read") from None
    head = [f"# {reader.title}"] if reader.title else []
    head += [f"Author: {reader.author}"] if reader.author else []
    head += [f"Date: {reader.date}"] if reader.date else []
    lines = head + ([""] if head else []) + _joined_paragraphs(text, reader.verbatim)
    return ld.LoadedFile("\n".join(lines).strip(), FrontMatter(title=reader.title or None))


_STRUCTURAL = re.compile(r"^\s*(?:#{1,6} |- )")


def _joined_paragraphs(text: str, kept: list[str]) -> list[str]:
    """Typeset text's lines: a paragraph's source lines joined into one, a heading and each
    list item a line of its own, a forced break ("\\x00") a new line, and a verbatim block
    ("\\x01n\\x01", the n-th of ``kept``) fenced as it was typed."""
    lines: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        merged: list[str] = []
        for line in paragraph.split("\n"):
            if not line.strip():
                continue
            if _STRUCTURAL.match(line) or not merged or merged[-1].lstrip().startswith("#") \
                    or merged[-1].rstrip().endswith("\x00"):
                merged.append(line.rstrip() if _STRUCTURAL.match(line) else line.strip())
            else:
                merged[-1] = merged[-1].rstrip() + " " + line.strip()
        for entry in merged:
            for part in entry.split("\x00"):
                indent = part[:len(part) - len(part.lstrip())] if _STRUCTURAL.match(part) else ""
                tidy = " ".join(part.split())
                verbatim = re.fullmatch(r"\x01(\d+)\x01", tidy)
                if verbatim:
                    lines += ["```", *kept[int(verbatim[1])].splitlines(), "```"]
                elif tidy and tidy not in ("-", "- [ ]", "- [x]"):
                    lines.append(indent + tidy)
        if merged:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines
