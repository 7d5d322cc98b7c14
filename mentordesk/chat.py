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

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.injection import addressed_to_an_assistant, without_instructions
from ingest.note_meta import CHAT_STAMP, only_a_date
from mentordesk.dates import date_range_in
from mentordesk.grounding import (
    CITATION,
    cited_numbers,
    entailed,
    is_grounded,
    split_sentences,
    strip_invalid_citations,
    support,
)
from mentordesk.llm import ModelInfo, model_errors
from mentordesk.mentor_answers import (
    AdviceLine,
    MentorAdvice,
    asks_for_my_steps,
    compose,
    compose_steps,
    parse_mentor_question,
)
from mentordesk.prompts import load_prompt
from vectorstore.filters import SearchFilter
from vectorstore.fusion import reciprocal_rank_fusion
from vectorstore.library_index import LibraryIndex, SearchResult

if TYPE_CHECKING:  # LangChain is imported when a model is asked, so `search` starts without it
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from mentordesk.relationships.people import PersonDetail

# A list item's mark, the rapid-log signs of a bullet journal among them ("– note", "o event", "x done").
_BULLET = re.compile(r"^\s*(?:[-*+•–—▪‣◦○]|[oxX×](?=\s)|\d+[.)])\s+(?:\[[ xX]\]\s+)?")

# A line that introduces what follows rather than saying it.
_IS_LEAD = re.compile(r"\?\s*$|:\s*$|^(?:new )?(?:topic|context|background|question|q)\s*[:\-]|^(?:i asked|we talked about"
                      r"|we discussed|asked (?:her|him|them) about)\b", re.IGNORECASE)


def _answer_bonus(sentence: str) -> float:
    """A small lift for sentences that give advice or commit to a step, and a small drop
    for stories and asides, judged by the extraction rules of the advice ledger."""
    from mentordesk.relationships.extraction import rule_kind

    kind = rule_kind(sentence)
    return 0.08 if kind in ("advice", "action") else (-0.05 if kind == "other" else 0.0)


KEY_SENTENCES = 7  # sentences quoted in a local answer
FROM_BEST_PASSAGE = 5  # of which at most this many from the best passage
FROM_OTHER_PASSAGE = 2  # and this many from each other one
MODEL_SENTENCES = 2  # sentences the small model may write before the quotes
LOCAL_ANSWER_TOKENS = 80
_PASSAGE_WEIGHT = 0.5  # how much the whole passage's match lifts each of its sentences
WHOLE_ITEM_WORDS = 45  # a list item up to this long is quoted whole
_ENDS_UNIT = re.compile(r"[.!?:;\"”)\]]$")


# Around a chat's messages: a speaker line with only a time ("Bernie Nwosu  5:47 PM"), and a
# line that is only a date and time (ingest.note_meta.only_a_date): never an answer.
_SPEAKER_TIME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?$",
                           re.IGNORECASE)
_CHECKBOX = re.compile(r"^[☐☑☒✓✔✗✘□■]\s*")
# Markdown bold around a phrase or a whole line ("**Q: Is an MBA still worth it?**"): quoted
# without the marks, and a question in bold is still seen to end with its question mark.
_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")


def _chrome(line: str) -> bool:
    return bool(_SPEAKER_TIME.match(line)) or only_a_date(line)


_SPEAKER = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*:\s")  # "Tony Unite: ", "Me: "


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence of ``previous``, broken at a line end by a
    PDF or a fixed-width text: the line above is long and unfinished, or this one starts in
    lower case. Short unpunctuated lines (a phone note's one thought per line, a chat's
    messages) stand alone."""
    if (not previous or _ENDS_UNIT.search(previous) or line.startswith("#") or _SPEAKER.match(line)
            or _chrome(previous)):
        return False
    return len(previous) >= 50 or line[:1].islower()


def passage_sentences(text: str) -> tuple[str, list[str]]:
    """(section heading, quotable units) of a stored passage. The passage's first line is
    its heading ("Guide > Section" or a note's "What she said"); in the body, lines a PDF or
    a fixed-width text wrapped mid-sentence are joined again, so a sentence is never cut at
    a line end, and a list item of up to ``WHOLE_ITEM_WORDS`` words stays one unit: a
    note's bullet is one piece of advice, and its second sentence ("Choose work that shows
    range") often makes no sense without its first ("Three deep case studies beat twelve
    thumbnails"). Longer items and prose are split into sentences. A chat's time stamps
    and date lines are left out, and so is a title line: the body's first line when it
    repeats the heading, or is short and unpunctuated ("Chat with Dave (phone, lunchtime)")."""
    from mentordesk.relationships.extraction import numbered_without_marks

    head, _, body = text.partition("\n") if "\n" in text else ("", "", text)
    heading = head.split(">")[-1].strip().lstrip("#").strip()
    units: list[tuple[str, bool]] = []  # (text, is a list item)
    # ("1 the first cabinet paper…", "2 keep a decisions log…": a list numbered without marks)
    for raw in numbered_without_marks(body.splitlines()):
        line = _EMPHASIS.sub(r"\2", _CHECKBOX.sub("", CHAT_STAMP.sub("", raw.strip())))
        item = bool(_BULLET.match(line))
        if not line:
            units.append(("", False))
        elif not item and units and not CHAT_STAMP.match(raw.strip()) and _continues(units[-1][0], line):
            units[-1] = (units[-1][0] + " " + line, units[-1][1])  # a wrapped line continues the one above
        else:
            units.append((_BULLET.sub("", line).strip(), item))
    kept = [(unit, item) for unit, item in units if unit and not _chrome(unit) and not _meeting_property(unit)]
    if kept and not kept[0][1] and (_bare(kept[0][0]) == _bare(heading) or (
            len(kept[0][0].split()) <= 8 and not re.search(r"[.!?:;]$", kept[0][0]) and len(kept) > 1)):
        kept = kept[1:]
    sentences = [s for unit, item in kept
                 for s in ([unit] if item and len(unit.split()) <= WHOLE_ITEM_WORDS else split_sentences(unit))
                 if len(_SPEAKER.sub("", s)) > 20 and not addressed_to_an_assistant(s)  # never quoted as an answer
                 and not _SHORT_ASIDE.match(s)]
    return heading, sentences


# A short aside on a line of its own, "(typed into the invite after)": how the note came to be.
_SHORT_ASIDE = re.compile(r"^\((?:[^()\s]+\s+){0,7}[^()\s]+\)$")


_PROPERTY_KEYS = {"attendees", "attendee", "participants", "participant", "participantes", "teilnehmer", "date", "data",
                  "datum", "fecha", "mentor", "mentee", "person", "people", "tags", "location", "local", "created",
                  # a form's own questions about the session ("How did we meet?: Phone call")
                  "your name", "name", "email address", "email", "timestamp", "how did we meet?", "session date",
                  "meeting type", "format", "duration"}


def _meeting_property(line: str) -> bool:
    """A note's own property line ("Participantes: Takeshi Moriyama, Rafael", "Date: 5 Nov"),
    or a form's ("Email Address: dbrooks.cooks@gmail.com", "Timestamp: 10/8/2025 22:14:03"):
    who and when, never an answer."""
    key, _, value = line.partition(":") if ":" in line[:30] else ("", "", "")
    if key and re.fullmatch(r"\s*(?:\S+@\S+\.\w+|[\d/.:\s-]+|(?:[\d/.-]+,?\s*)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?)\s*",
                            value, re.IGNORECASE):
        return True  # only an address, a number or a time stamp
    return key.strip().lower() in _PROPERTY_KEYS and len(value.split()) <= 8


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


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
    # A model's sentences that no passage supports, and a warning for the whole answer
    # (no valid citation at all): shown beside the answer, never silently passed on.
    unsupported: list[str] = field(default_factory=list)
    warning: str | None = None

    def to_dict(self) -> dict:
        return {"answer": self.text, "found": self.found, "citations": [c.to_dict() for c in self.citations],
                "unsupported": self.unsupported, "warning": self.warning}


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
        # A model reads the passage with any line that speaks to an assistant left out.
        blocks.append(f"[{n}] {p.citation_label()}\n{without_instructions(p.text.strip())}")
    return "\n\n".join(blocks)


class ChatService:
    def __init__(
        self, index: LibraryIndex, model: Callable[[], BaseChatModel], info: ModelInfo, *,
        top_k: int = 5, local_passages: int = 3, history_turns: int = 4,
        mentor_advice: MentorAdvice | None = None, local_model_sentences: bool = True,
    ):
        self.index = index
        self.mentor_advice = mentor_advice  # "what did X say about Y" from the advice ledger
        self._model_factory = model
        self.info = info
        self.top_k = top_k
        self.local_passages = local_passages
        self.history_turns = history_turns
        # Whether the embedded model may write its own sentences before the quoted facts
        # (each still held to the strict check); see Settings.local_model_sentences.
        self.local_model_sentences = local_model_sentences

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
        base = flt or SearchFilter()
        # A mentor the question names, also by a nickname or an honorific only the tracking
        # table knows ("venky's tip", "as per Anand bhaiya"): a ranking of their notes leads,
        # fused with the library's, so their notes come first without hiding the rest.
        named = self.mentor_advice.named_in(query) if self.mentor_advice is not None else ()
        if named and not base.mentors:
            # Among their notes their name tells nothing apart: the rest of the question ranks them.
            theirs = self.index.search(self.mentor_advice.without_names(query), self.top_k,
                                       dataclasses.replace(base, mentors=named))
            results = fuse_results([theirs, results], self.top_k)
        if base.since or base.until:
            return results  # dates the user set explicitly win
        period = date_range_in(query, today or dt.date.today())
        if period is None:
            return results
        within = dataclasses.replace(base, since=period.since, until=period.until)
        if named and not base.mentors:
            # "What did Daniel say last year?": his notes of that period lead, then the period's
            within = dataclasses.replace(within, mentors=named)
            scoped = self.index.search(self.mentor_advice.without_names(query), self.top_k, within) \
                if self.mentor_advice is not None else []
            if scoped:  # (the question asks for them: they come first, the rest after)
                # Their notes of the period the question names are what it asks about, however
                # its words compare with theirs ("what was I meant to do after the JB coffee
                # in Oct 25" and a "to do:" list): the two filters chose them, not the wording.
                scoped = [r if r.relevant else dataclasses.replace(r, relevant=True) for r in scoped]
                seen = {r.chunk_id for r in scoped}
                return (scoped + [r for r in results if r.chunk_id not in seen])[: self.top_k]
            within = dataclasses.replace(within, mentors=base.mentors)
        scoped = self.index.search(query, self.top_k, within)
        return fuse_results([scoped, results], self.top_k)

    # ----- answering -----------------------------------------------------------------
    def ask(self, question: str, history: Sequence[Turn] = (), flt: SearchFilter | None = None) -> AnswerStream:
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        about = self._mentor_answer(question, flt) or self._steps_answer(question, flt)
        if about is not None:
            return about
        named = self._one_person_named(question, flt)
        nothing = self._nothing_from_them(question, named, flt) if named is not None else None
        if nothing is not None:
            return nothing
        retrieved = self.retrieve(question, history, flt)
        passages = [r for r in retrieved if r.relevant]
        if named is not None:
            passages = self._their_closest(question, passages, named)
        if not passages:
            return AnswerStream([], iter([NOT_FOUND]), lambda text: Answer(text, [], found=False))
        if self.info.provider == "local":
            passages = self._with_advice(question, passages[: self.local_passages])
            pieces = self._grounded_local_answer(question, passages)
        else:
            pieces = self._model_answer(question, history, passages)
        return AnswerStream(passages, pieces, lambda text: self._finish(text, passages))

    def _mentor_answer(self, question: str, flt: SearchFilter | None) -> AnswerStream | None:
        """"What did Priya say about negotiating?": Priya's advice lines on it, each with
        its date and cited to its note. None when the question is not of that shape, the
        name is not one person of the tracking table, or the ledger holds nothing on it
        (then the question is answered from the passages as usual)."""
        asked = parse_mentor_question(question)
        if asked is None or self.mentor_advice is None or (flt is not None and (flt.since or flt.until)):
            return None
        detail = self.mentor_advice.person(asked.who)
        if detail is None:
            return None
        lines = self.mentor_advice.lines(detail, asked.topic, question)
        if not lines:
            return None
        passages, numbers = _cited(lines)
        text = compose(detail.person.name, asked, lines, numbers)
        # Composed here from the ledger, each line quoting its note: nothing a model wrote to check.
        return AnswerStream(passages, iter([text]), lambda t: self._finish(t, passages, composed=True))

    def _steps_answer(self, question: str, flt: SearchFilter | None) -> AnswerStream | None:
        """"What was I meant to do after the JB coffee in Oct 25?": the user's own steps from
        that meeting, as the ledger holds them, each cited to its note. None when the
        question is not of that shape, names no one person, or the meeting holds no steps."""
        if not asks_for_my_steps(question):
            return None
        detail = self._one_person_named(question, flt)
        if detail is None:
            return None
        period = date_range_in(question, dt.date.today())
        found = self.mentor_advice.steps_after(detail, question, (period.since, period.until) if period else None) \
            if self.mentor_advice is not None else None
        if found is None:
            return None
        meeting, lines = found
        passages, numbers = _cited(lines)
        text = compose_steps(detail.person.name, meeting, lines, numbers)
        return AnswerStream(passages, iter([text]), lambda t: self._finish(t, passages, composed=True))

    def _one_person_named(self, question: str, flt: SearchFilter | None) -> PersonDetail | None:
        """The one person of the table the question names, for the answers about them; None
        when it names no one or several, or the user's own filter already says whose notes."""
        if self.mentor_advice is None or (flt is not None and (flt.mentors or flt.since or flt.until)):
            return None
        return self.mentor_advice.one_person_named(question)

    def _nothing_from_them(self, question: str, detail: PersonDetail,
                           flt: SearchFilter | None) -> AnswerStream | None:
        """"What did Dana W say about my LinkedIn headline?" when no note of Dana's has a word
        of it and none of her advice is near it: says so, instead of quoting her notes on
        something else as if they answered. None for any other question."""
        if self.mentor_advice is None:
            return None
        words = self.mentor_advice.says_nothing_about(detail, question)
        if not words:
            return None
        said = " or ".join(f"“{w}”" for w in words[:4])
        text = (f"I found nothing about that in your notes from {detail.person.name}: none of them has {said}, and "
                f"none of the advice they gave reads close to it. Ask again without their name to search all your "
                f"notes.")
        # The lines the answer would otherwise have quoted, plainly marked as not an answer:
        # a paraphrase ("drop which buzzword" for "don't call yourself detail-oriented") is
        # still one look away.
        passages = self._with_advice(question, [r for r in self.retrieve(question, (), flt) if r.relevant]
                                     [: self.local_passages])
        key = self._key_sentences(question, passages)
        if key:
            text += "\n\nThe closest lines in your library, in case one of them is what you mean:\n" + "".join(
                f"- {sentence} [{n}]\n" for n, sentence in key)

        def finish(t: str) -> Answer:
            answer = self._finish(t, passages, composed=True)
            answer.found = False  # not an answer: what was asked is not in their notes
            return answer

        return AnswerStream(passages, iter([text]), finish)

    def _messages(self, prompt_name: str, question: str, history: Sequence[Turn], passages) -> list[BaseMessage]:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        system, user = load_prompt(prompt_name).render(passages=format_passages(passages), question=question)
        messages: list[BaseMessage] = [SystemMessage(system)]
        for turn in list(history)[-self.history_turns:]:
            content = turn.content[:1500]
            messages.append(HumanMessage(content) if turn.role == "user" else AIMessage(content))
        messages.append(HumanMessage(user))
        return messages

    def _model_answer(self, question: str, history: Sequence[Turn], passages) -> Iterator[str]:
        with model_errors(self.info):
            for chunk in self.model.stream(self._messages("answer", question, history, passages)):
                if chunk.content:
                    yield str(chunk.content)

    def _grounded_local_answer(self, question: str, passages: list[SearchResult]) -> Iterator[str]:
        key = self._key_sentences(question, passages)
        facts = [_Fact(n, sentence) for n, sentence in key]
        released = 0
        if self.local_model_sentences:
            for kept in self._local_model_sentences(question, facts):
                released += 1
                yield kept + " "
        yield ("\n\n" if released else "") + FROM_LIBRARY + "\n"
        for fact in facts:
            yield f"- {fact.text} [{fact.n}]\n"

    def _local_model_sentences(self, question: str, facts: list[_Fact]) -> Iterator[str]:
        """The small model's own sentences that a fact plainly says, cited to it. The model
        sees only the key sentences, not whole passages and no history: a short context
        keeps it on topic and its first token fast."""
        system, user = load_prompt("answer_local").render(
            passages="\n".join(f"[{f.n}] {f.text}" for f in facts), question=question
        )
        from langchain_core.messages import HumanMessage, SystemMessage

        # One or two short sentences, as the prompt asks: a small model that starts a list
        # or a new paragraph goes on to its token cap (seconds of CPU) with lines that
        # rarely pass the check, so it stops at the first line break or 80 tokens.
        stream = self.model.stream([SystemMessage(system), HumanMessage(user)], stop=["<|im_end|>", "\n"],
                                   max_tokens=LOCAL_ANSWER_TOKENS)
        buffer, written = "", 0
        fact_texts = [f.text for f in facts]
        for chunk in stream:
            buffer += str(chunk.content)
            sentences = split_sentences(buffer)
            # All but the last sentence are complete; release the ones a fact plainly says.
            for sentence in sentences[:-1]:
                written += 1
                kept = _cite_if_entailed(sentence, facts, fact_texts)
                if kept:
                    yield kept
            buffer = sentences[-1] if sentences else ""
            if written >= MODEL_SENTENCES:
                buffer = ""
                break
        if buffer:
            kept = _cite_if_entailed(buffer, facts, fact_texts)
            if kept:
                yield kept

    def _key_sentences(self, question: str, passages: Sequence[SearchResult]) -> list[tuple[int, str]]:
        """The sentences of the passages that best answer the question, at most
        ``KEY_SENTENCES`` of them, in passage order: up to five from the best passage, up to
        two from each other one. A sentence is scored by its meaning (MiniLM, alone and read
        with its neighbours under its section's heading: an advice bullet such as "Three
        deep case studies beat twelve thumbnails" says little about "showing my work" on its
        own), the question's words it shares, whether it gives advice, and how well
        retrieval matched its whole passage (the stored passage vector's cosine)."""
        candidates: list[tuple[int, str, str | None, str]] = []  # (passage, sentence, the one after it, in context)
        for n, passage in enumerate(passages, 1):
            heading, sentences = passage_sentences(passage.text)
            for i, sentence in enumerate(sentences):
                before = sentences[i - 1] if i else ""
                after = sentences[i + 1] if i + 1 < len(sentences) else None
                context = f"{heading}: {before} {sentence} {after or ''}" if heading else f"{before} {sentence} {after or ''}"
                candidates.append((n, sentence, after, " ".join(context.split())))
        if not candidates:
            return []
        texts = [s for _, s, _, _ in candidates]
        if self.mentor_advice is not None:
            question = self.mentor_advice.without_names(question)
        vectors = self.index.embedder.embed([question] + texts + [c for _, _, _, c in candidates])
        alone = vectors[1: 1 + len(texts)] @ vectors[0]
        in_context = vectors[1 + len(texts):] @ vectors[0]
        scored: list[tuple[float, int, int, str]] = []
        for order, ((n, sentence, after, _), a, b) in enumerate(zip(candidates, alone, in_context)):
            whole = passages[n - 1].dense_score
            score = (0.5 * float(a) + 0.5 * float(b) + 0.3 * support(question, sentence) + _answer_bonus(sentence)
                     + _PASSAGE_WEIGHT * (whole if whole is not None else 0.0))
            if after and _IS_LEAD.search(sentence):
                # A question, or a topic line ("New topic: managing up"): the answer is
                # the sentence after it, which shares the topic's words.
                sentence = after
            scored.append((score, order, n, sentence))
        chosen: list[tuple[int, int, str]] = []
        taken: dict[int, int] = {}
        for _, order, n, sentence in sorted(scored, key=lambda t: -t[0]):
            if taken.get(n, 0) >= (FROM_BEST_PASSAGE if n == 1 else FROM_OTHER_PASSAGE) or any(
                    s == sentence for _, _, s in chosen):
                continue
            chosen.append((n, order, sentence))
            taken[n] = taken.get(n, 0) + 1
            if len(chosen) == KEY_SENTENCES:
                break
        return [(n, sentence) for n, _, sentence in sorted(chosen)]

    def _their_closest(self, question: str, passages: list[SearchResult], detail: PersonDetail) -> list[SearchResult]:
        """A question that names one person ("is it ok to bring up pay? what did Dave O
        say") gets the notes holding their advice plainly about it first, when the passages
        the answer would use do not hold it already."""
        if self.mentor_advice is None:
            return passages
        used = {p.chunk_id for p in passages[: self.local_passages]}
        first = [line.passage for line in self.mentor_advice.closest_lines(detail, question)
                 if line.passage.chunk_id not in used]
        first = list({p.chunk_id: p for p in first}.values())
        taken = {p.chunk_id for p in first}
        return first + [p for p in passages if p.chunk_id not in taken]

    def _with_advice(self, question: str, passages: list[SearchResult]) -> list[SearchResult]:
        """A meeting note's passage that holds none of its advice is swapped for the part of
        the same note that does (see ``MentorAdvice.advice_parts``)."""
        return passages if self.mentor_advice is None else self.mentor_advice.advice_parts(question, passages)

    def _finish(self, text: str, passages: list[SearchResult], composed: bool = False) -> Answer:
        clean = strip_invalid_citations(text, len(passages)).strip()
        cited = cited_numbers(clean)
        citations = [Citation(n, passages[n - 1]) for n in cited]
        answer = Answer(clean, passages, found=True, citations=citations)
        if self.info.provider != "local" and not composed:
            # Any other model writes freely: check every sentence against the passages.
            answer.unsupported = unsupported_sentences(clean, [p.text for p in passages])
            if not citations:
                answer.warning = ("This answer cites none of your passages, so nothing in it is backed by your "
                                  "library; read the passages it had before relying on it.")
            elif answer.unsupported:
                n = len(answer.unsupported)
                answer.warning = (f"{n} sentence{'s' if n > 1 else ''} of this answer {'are' if n > 1 else 'is'} "
                                  "not supported by the passages it cites.")
        return answer


def _cited(lines: Sequence[AdviceLine]) -> tuple[list[SearchResult], list[int]]:
    """The passages a composed answer's lines quote, each once, and each line's citation
    number among them."""
    passages: list[SearchResult] = []
    numbers = []
    for line in lines:
        known = next((i for i, p in enumerate(passages) if p.chunk_id == line.passage.chunk_id), None)
        if known is None:
            passages.append(line.passage)
            known = len(passages) - 1
        numbers.append(known + 1)
    return passages, numbers


def _cite_if_entailed(sentence: str, facts: Sequence[_Fact], texts: Sequence[str]) -> str | None:
    """The small model's sentence, cited to the fact that says it, or None: a sentence no
    single fact plainly says (a paraphrase that may have turned the meaning round) is
    left out; the facts themselves are quoted after it anyway."""
    sentence = CITATION.sub("", sentence).strip()
    if len(sentence) < 12:
        return None
    best = entailed(sentence, texts)
    if not best:
        return None
    body = sentence.rstrip()
    end = body[-1] if body[-1] in ".!?" else "."
    return f"{body.rstrip('.!?')} [{facts[best - 1].n}]{end}"


def unsupported_sentences(text: str, passages: Sequence[str]) -> list[str]:
    """Sentences of a model's answer that the passages do not back: a sentence citing [n]
    is checked against passage n, one without a citation against all of them. Headings,
    greetings and very short lines are not claims and are not checked."""
    found = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        for sentence in split_sentences(line):
            bare = re.sub(r"\s+(?=[.!?,;:])", "", CITATION.sub("", sentence)).strip()
            if len(bare.split()) < 5 or bare.endswith(":"):
                continue
            numbers = [n for n in cited_numbers(sentence) if 1 <= n <= len(passages)]
            basis = [passages[n - 1] for n in numbers] or list(passages)
            if not is_grounded(bare, basis):
                found.append(bare)
    return found
