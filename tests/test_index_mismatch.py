"""An index built with another embedding model is refused on every use, with the fix named."""

from __future__ import annotations

import pytest

from mentordesk.container import MentorDesk
from vectorstore.chroma_index import IndexMismatchError
from vectorstore.embeddings import HashingEmbedder


def test_mismatched_index_is_refused_every_time_until_reindexed(settings, minilm):
    settings.index_builtin_guidance = True
    MentorDesk(settings, embedder=HashingEmbedder()).ensure_builtin_guidance()
    desk = MentorDesk(settings, embedder=minilm)

    # A long-running app asks more than once: the second search must not reach Chroma
    # with vectors of the wrong size (a raw dimension error), but give the same advice.
    for _ in range(2):
        with pytest.raises(IndexMismatchError, match="reindex"):
            desk.index.search("How often should I meet my mentor?")

    desk.reindex()
    assert desk.index.search("How often should I meet my mentor?")[0].source.endswith("cadence.md")
