"""Retrieval-backed question answering with citations.

``ChatService.ask`` retrieves passages (hybrid search, the conversation folded into the
query for follow-ups), decides whether the library covers the question at all, and streams
an answer that cites passages as [1], [2]. Citations can only point at retrieved passages.

With the small embedded model the answer is held to the passages: its sentences are
released one by one only when the passages support them, and the answer always ends with
the key sentences quoted from the passages themselves, so the model is never the only
source of a fact.
"""

from __future__ import annotations

import re
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from mentordesk.dates import date_range_in
from mentordesk.grounding import (
    best_supporting,
    cited_numbers,
    is_grounded,
    split_sentences,
    strip_invalid_citations,
    support,
)
from mentordesk.llm import ModelInfo
from mentordesk.prompts import load_prompt
from vectorstore.filters import SearchFilter
from vectorstore.fusion import reciprocal_rank_fusion
from vectorstore.library_index import LibraryIndex, SearchResult

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")

NOT_FOUND = (
    "I could not find anything about that in your library, so I won't guess. "
    "Try other words, or add notes or documents that cover it."
)
FROM_LIBRARY = "From your library:"


@dataclass(frozen=True)
class _Fact:
    n: int
    text: str


@dataclass
class Turn:
    role: str  # "user" or "assistant"
    content: str


@dataclass
class Citation:
    n: int
    result: SearchResult

    def to_dict(self) -> dict:
        r = self.result
        return {
            "n": self.n, "source": r.source, "title": r.title, "kind": r.kind, "mentor": r.mentor,
            "date": r.date.isoformat() if r.date else None, "position": r.position, "text": r.text,
        }


@dataclass
class Answer:
    text: str
    passages: list[SearchResult]
    found: bool
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"answer": self.text, "found": self.found, "citations": [c.to_dict() for c in self.citations]}


class AnswerStream:
    """Iterate for the answer's text pieces as they are produced; ``answer`` is set at the end."""

    def __init__(self, passages: list[SearchResult], pieces: Iterator[str], finish: Callable[[str], Answer]):
        self.passages = passages
        self._pieces = pieces
        self._finish = finish
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        text = []
        for piece in self._pieces:
            text.append(piece)
            yield piece
        self.answer = self._finish("".join(text))

    def result(self) -> Answer:
        if self.answer is None:
            for _ in self:
                pass
        assert self.answer is not None
        return self.answer


_FOLLOW_UP_CUES = re.compile(
    r"^(and|but|also|so|what about|how about|why|then)\b|\b(it|its|that|this|these|those|they|them|their|"
    r"he|him|his|she|her|more|else|again|instead|one|ones|example|examples)\b",
    re.IGNORECASE,
)


def is_follow_up(question: str, max_words: int = 8) -> bool:
    """A short question that points back at the conversation ("and for cold ones?",
    "why is that?", "tell me more"). Longer or self-contained questions stand alone."""
    words = question.split()
    return len(words) <= max_words and bool(_FOLLOW_UP_CUES.search(question.strip()))


def fuse_results(rankings: Sequence[Sequence[SearchResult]], k: int) -> list[SearchResult]:
    """Reciprocal rank fusion of several result lists, best first. A passage found in
    several lists is returned as found by the last list it appears in."""
    by_id = {r.chunk_id: r for ranking in rankings for r in ranking}
    fused = reciprocal_rank_fusion([[r.chunk_id for r in ranking] for ranking in rankings])
    return [by_id[chunk_id] for chunk_id, _ in fused[:k]]


def format_passages(passages: Sequence[SearchResult]) -> str:
    blocks = []
    for n, p in enumerate(passages, 1):
        blocks.append(f"[{n}] {p.citation_label()}\n{p.text.strip()}")
    return "\n\n".join(blocks)


class ChatService:
    def __init__(
        self, index: LibraryIndex, model: Callable[[], BaseChatModel], info: ModelInfo, *,
        top_k: int = 5, local_passages: int = 3, history_turns: int = 4,
    ):
        self.index = index
        self._model_factory = model
        self.info = info
        self.top_k = top_k
        self.local_passages = local_passages
        self.history_turns = history_turns

    @property
    def model(self) -> BaseChatModel:
        return self._model_factory()

    # ----- retrieval -----------------------------------------------------------------
    def retrieve(
        self, question: str, history: Sequence[Turn] = (), flt: SearchFilter | None = None,
        today: dt.date | None = None,
    ) -> list[SearchResult]:
        results = self._search(question, flt, today)
        previous = [t.content for t in history if t.role == "user"][-1:]
        if previous and is_follow_up(question):
            # A follow-up ("and what about cold ones?") leans on the previous question:
            # search with both and fuse, so the new words lead and the old ones fill in.
            # A question that stands on its own is searched alone, so an off-topic
            # question is not answered from the previous topic.
            combined = self._search(f"{previous[0]} {question}", flt, today)
            results = fuse_results([results, combined], self.top_k)
        return results

    def _search(self, query: str, flt: SearchFilter | None, today: dt.date | None) -> list[SearchResult]:
        """Hybrid search; a period named in the question ("Daniel, last year") adds a
        ranking restricted to that period, so its notes lead without hiding the rest:
        such phrases are loose ("last spring" can mean either of two springs)."""
        results = self.index.search(query, self.top_k, flt)
        if flt is not None and (flt.since or flt.until):
            return results  # dates the user set explicitly win
        period = date_range_in(query, today or dt.date.today())
        if period is None:
            return results
        scoped = self.index.search(query, self.top_k, SearchFilter(
            kinds=flt.kinds if flt else (), mentors=flt.mentors if flt else (),
            since=period.since, until=period.until,
        ))
        return fuse_results([scoped, results], self.top_k)

    # ----- answering -----------------------------------------------------------------
    def ask(self, question: str, history: Sequence[Turn] = (), flt: SearchFilter | None = None) -> AnswerStream:
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        retrieved = self.retrieve(question, history, flt)
        passages = [r for r in retrieved if r.relevant]
        if not passages:
            return AnswerStream([], iter([NOT_FOUND]), lambda text: Answer(text, [], found=False))
        if self.info.provider == "local":
            passages = passages[: self.local_passages]
            pieces = self._grounded_local_answer(question, passages)
        else:
            pieces = self._model_answer(question, history, passages)
        return AnswerStream(passages, pieces, lambda text: self._finish(text, passages))

    def _messages(self, prompt_name: str, question: str, history: Sequence[Turn], passages) -> list[BaseMessage]:
        system, user = load_prompt(prompt_name).render(passages=format_passages(passages), question=question)
        messages: list[BaseMessage] = [SystemMessage(system)]
        for turn in list(history)[-self.history_turns:]:
            content = turn.content[:1500]
            messages.append(HumanMessage(content) if turn.role == "user" else AIMessage(content))
        messages.append(HumanMessage(user))
        return messages

    def _model_answer(self, question: str, history: Sequence[Turn], passages) -> Iterator[str]:
        for chunk in self.model.stream(self._messages("answer", question, history, passages)):
            if chunk.content:
                yield str(chunk.content)

    def _grounded_local_answer(self, question: str, passages: list[SearchResult]) -> Iterator[str]:
        texts = [p.text for p in passages]
        key = self._key_sentences(question, passages)
        # The small model sees only the key sentences, not whole passages and no history:
        # a short context keeps it on topic and its first token fast.
        facts = [_Fact(n, sentence) for n, sentence in key]
        system, user = load_prompt("answer_local").render(
            passages="\n".join(f"[{f.n}] {f.text}" for f in facts), question=question
        )
        stream = self.model.stream([SystemMessage(system), HumanMessage(user)])
        buffer, released = "", 0
        for chunk in stream:
            buffer += str(chunk.content)
            sentences = split_sentences(buffer)
            # All but the last sentence are complete; release the ones the passages support.
            for sentence in sentences[:-1]:
                kept = _cite_if_grounded(sentence, texts)
                if kept:
                    released += 1
                    yield kept + " "
            buffer = sentences[-1] if sentences else ""
        if buffer:
            kept = _cite_if_grounded(buffer, texts)
            if kept:
                released += 1
                yield kept + " "
        yield ("\n\n" if released else "") + FROM_LIBRARY + "\n"
        for fact in facts:
            yield f"- {fact.text} [{fact.n}]\n"

    def _key_sentences(self, question: str, passages: Sequence[SearchResult]) -> list[tuple[int, str]]:
        """For each passage, the sentence closest to the question (meaning and words)."""
        candidates: list[tuple[int, str]] = []
        for n, passage in enumerate(passages, 1):
            body = passage.text.split("\n", 1)[-1] if "\n" in passage.text else passage.text
            for line in body.splitlines():
                line = _BULLET.sub("", line).strip()
                candidates.extend((n, s) for s in split_sentences(line) if len(s) > 20)
        if not candidates:
            return []
        vectors = self.index.embedder.embed([question] + [s for _, s in candidates])
        similarity = vectors[1:] @ vectors[0]
        best: dict[int, tuple[float, str]] = {}
        for (n, sentence), sim in zip(candidates, similarity):
            score = float(sim) + 0.3 * support(question, sentence)
            if n not in best or score > best[n][0]:
                best[n] = (score, sentence)
        return [(n, best[n][1]) for n in sorted(best)]

    def _finish(self, text: str, passages: list[SearchResult]) -> Answer:
        clean = strip_invalid_citations(text, len(passages)).strip()
        cited = cited_numbers(clean)
        citations = [Citation(n, passages[n - 1]) for n in cited]
        return Answer(clean, passages, found=True, citations=citations)


def _cite_if_grounded(sentence: str, passages: Sequence[str]) -> str | None:
    sentence = strip_invalid_citations(sentence.strip(), len(passages))
    if len(sentence) < 12 or not is_grounded(sentence, passages):
        return None
    numbers = cited_numbers(sentence)
    best, _ = best_supporting(sentence, passages)
    if best and best not in numbers:
        # Point the sentence at the passage that supports it, not where the model guessed.
        sentence = strip_invalid_citations(sentence, 0).rstrip() + f" [{best}]"
    return sentence
