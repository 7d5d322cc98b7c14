"""Issue 10: articles saved as plain text, PDF or Word are found as well as notes: a title
from the content or metadata (never a download's file-name code), and headings written
as short plain lines start chunks of their own."""

from __future__ import annotations

ARTICLE = """The Quiet Art of Asking

Most people never ask for a mentor because they do not know what to ask for, and they fear wasting a busy person's time with a vague request.

Asking for feedback

When you ask for feedback, ask about one thing, soon after it happened, so that the memory is fresh and the answer is specific enough to act on.

Negotiating your salary

Before any salary conversation, collect three ranges from different sources and decide your walk-away number in advance, then let them name a figure first.
"""


def test_a_plain_text_article_gets_its_own_title_and_its_plain_headings(desk, tmp_path):
    path = tmp_path / "003_914d804517d34e29.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    desk.ingest.ingest_paths([path], kind="documents")
    [hit] = desk.index.search("how do I negotiate my salary", 1)
    assert hit.title == "The Quiet Art of Asking"
    assert "914d8045" not in hit.text and "003" not in hit.text.split("\n", 1)[0]
    assert hit.text.splitlines()[0].endswith("Negotiating your salary")  # the chunk starts at its topic
    assert "walk-away number" in hit.text and "fresh" not in hit.text


def test_a_descriptive_file_name_still_titles_a_document_without_one(desk, tmp_path):
    path = tmp_path / "mentoring-program-handbook.txt"
    path.write_text("mentors meet mentees every month, and the program runs for a year with a kickoff in spring.\n",
                    encoding="utf-8")
    desk.ingest.ingest_paths([path], kind="documents")
    [hit] = desk.index.search("how long does the program run", 1)
    assert hit.title == "Mentoring program handbook"
