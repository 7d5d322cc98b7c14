"""More files people keep mentoring notes in: a slide deck (.pptx), a LibreOffice
spreadsheet (.ods), mind maps (XMind's .xmind, FreeMind's and Freeplane's .mm), a LaTeX
note (.tex), an AsciiDoc note (.adoc), a web page or Word document saved as one file
(.mht), a Jira issue export (.xml), a TiddlyWiki tiddler (.tid), a reStructuredText note
(.rst), a TaskPaper list (.taskpaper), a note or log kept as YAML (.yaml, .yml), a CherryTree
document (.ctd), and Microsoft To Do's tasks as Microsoft Graph gives them (a .json file, read
by ``ms_todo_json`` from ``ingest.loaders._load_json``).

Each becomes the text the rest of the pipeline reads: Markdown headings, "- " list items,
"- [x]" / "- [ ]" tasks and "Label: value" property lines. A document's own dates are handed
over as the Word loader hands over its core properties: ``meta.extra["created"]`` (and
``"modified"``) as a date, a time stored in UTC taken on the user's own day. Only the standard
library and what the project already uses read them (zipfile, email, PyYAML's safe loader,
and lxml through ``ingest.loaders.parse_xml``, which never resolves entities); a damaged or
foreign file is a ``LoadError`` saying what it is not.
The loaders table in ``ingest.loaders`` picks these by file suffix.

The loaders live one kind of file to a module: ``office`` (.pptx, .ods), ``mindmaps``
(.xmind, .mm), ``latex`` (.tex), ``asciidoc`` (.adoc), ``web`` (.mht), ``jira`` (.xml),
``tiddlywiki`` (.tid), ``rst`` (.rst), ``taskpaper`` (.taskpaper), ``yamlnotes`` (.yaml),
``cherrytree`` (.ctd) and ``mstodo`` (To Do's JSON); ``_common`` holds what they share.
"""

from ingest.documents.asciidoc import load_adoc
from ingest.documents.cherrytree import load_ctd
from ingest.documents.jira import load_xml
from ingest.documents.latex import load_tex
from ingest.documents.mindmaps import load_mm, load_xmind
from ingest.documents.office import load_ods, load_pptx
from ingest.documents.rst import load_rst
from ingest.documents.taskpaper import load_taskpaper
from ingest.documents.tiddlywiki import load_tid
from ingest.documents.web import load_mht
from ingest.documents.yamlnotes import load_yaml

LOADERS = {".pptx": load_pptx, ".ods": load_ods, ".xmind": load_xmind, ".mm": load_mm, ".tex": load_tex,
           ".adoc": load_adoc, ".asciidoc": load_adoc, ".mht": load_mht, ".mhtml": load_mht, ".xml": load_xml,
           ".tid": load_tid, ".rst": load_rst, ".taskpaper": load_taskpaper, ".yaml": load_yaml, ".yml": load_yaml,
           ".ctd": load_ctd}
