"""Answers to "what did Priya say about negotiating?": the mentor's own advice on the
topic, gathered across their meetings, one line per piece of advice with its mentor and
date, each cited to the note it came from.

The advice ledger (items read from the meeting notes, issue 9) says what each mentor
advised; retrieval restricted to that mentor's notes supplies the passages the lines are
cited to. Nothing is paraphrased: each line is the note's own words, so a small model
cannot turn "never for the equity" into its opposite.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.note_meta import DATE_MONTHS
from mentordesk.grounding import support
from mentordesk.relationships.lookup import key_words
from mentordesk.relationships.people import PersonDetail
from mentordesk.relationships.views import AdviceView, MeetingView
from store.errors import UserError
from vectorstore.filters import SearchFilter, mentor_key, without_possessives
from vectorstore.keyword import tokenize
from vectorstore.library_index import LibraryIndex, SearchResult

_VERBS = r"(?:say|said|think|thought|suggest|suggested|recommend|recommended|advise|advised|tell me|told me|mention" \
         r"|mentioned|propose|proposed|share|shared)"
_PATTERNS = [
    re.compile(rf"^(?:and\s+)?what (?:did|does|has|have|would) (?P<who>.+?) (?:ever |once |really )?{_VERBS}"
               r"(?: (?:to me|me))?(?: (?P<prep>about|on|regarding|re:?|for|when|with|if"
               r"|(?:at|in|during)(?= (?:the|our|my) (?:first|last|latest|most recent|previous)\b)) (?P<topic>.+?))?\s*\??\s*$",
               re.I),
    re.compile(r"^(?:what (?:is|was|were|are) )?(?P<who>.+?)['’]s (?:advice|view|views|take|thoughts|tips|suggestions"
               r"|recommendations?|line|position|stance|opinion|rule|rules)(?: (?:on|about|regarding|for) (?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(r"^(?:and\s+)?what (?:tips|advice|suggestions|ideas|recommendations|guidance|pointers|feedback)"
               r" (?:did|has|have|does|would) (?P<who>.+?) (?:give|given|gave|offer|offered|share|shared|have|had)(?: (?:to )?me)?"
               r"(?: (?P<prep>about|on|regarding|for|when|with|if) (?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(r"^(?:and\s+)?how did (?P<who>.+?) (?:advise|suggest|recommend) (?:me )?(?:to )?(?:handle|approach|deal"
               r" with)? ?(?P<topic>.+?)\s*\??\s*$", re.I),
]
# The same questions in French, Spanish and German: "Qu'est-ce que Karim m'a dit sur la
# négociation ?", "¿Qué me dijo Javier sobre negociar?", "Was hat Brigitte zum Hearing gesagt?".
_FR_VERBS = r"(?:dit|conseillé|conseille|suggéré|recommandé|proposé|pensé|pense|raconté)"
_FR_ABOUT = r"(?P<prep>sur|de|d['’]|à propos d[eu]|au sujet d[eu]|pour|concernant|quand|si)"
_ES_VERBS = (r"(?:dijo|dice|recomendó|recomendo|recomienda|aconsejó|aconsejo|aconseja|sugirió|sugirio|sugiere|opina|opinó"
             r"|piensa|pensaba|comentó|comento)")
_ES_ABOUT = r"(?P<prep>sobre|de|del|acerca de|respecto a|respecto de|para|con|cuando|si)"
_DE_ABOUT = r"(?P<prep>über|zu|zum|zur|wegen|bei|beim|zu dem|zu der|wenn|als)"
# Portuguese: "O que a Carol disse sobre o banco novo?", "Quais os conselhos do LGB sobre o SLA?"
_PT_VERBS = r"(?:disse|falou|recomendou|sugeriu|aconselhou|acha|achou|pensa|comentou|indicou)"
_PT_ABOUT = r"(?P<prep>sobre|de|do|da|a respeito d[eoa]|quanto a|para|com|quando|se)"
_OTHER_LANGUAGES = [
    re.compile(rf"^(?:et\s+)?qu['’]est[- ]ce (?:que|qu['’])\s*(?P<who>.+?) (?:m['’])?a {_FR_VERBS}"
               rf"(?: {_FR_ABOUT}\s*(?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(rf"^(?:et\s+)?(?:qu['’]|que m['’])a(?:-t)?(?:-(?:il|elle))? {_FR_VERBS} (?P<who>.+?)"
               rf"(?: {_FR_ABOUT}\s*(?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(rf"^(?:quels sont )?(?:les |quels )?conseils (?:de |d['’])(?P<who>.+?)(?: {_FR_ABOUT}\s*(?P<topic>.+?))?\s*\??\s*$",
               re.I),
    re.compile(rf"^¿?\s*(?:y\s+)?qu[ée] (?:me |te )?{_ES_VERBS} (?P<who>.+?)(?: {_ES_ABOUT} (?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(rf"^¿?\s*(?:qu[ée] )?consejos? (?:me dio |de )(?P<who>.+?)(?: {_ES_ABOUT} (?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(rf"^(?:und\s+)?was (?:hat|haben) (?:mir )?(?P<who>.+?) (?:mir )?(?:(?:denn|eigentlich|genau|damals) )?"
               rf"(?:{_DE_ABOUT} (?P<topic>.+?) )?(?:gesagt|geraten|empfohlen|gemeint|vorgeschlagen|erzählt|mitgegeben)"
               r"\s*\??\s*$", re.I),
    re.compile(rf"^(?:und\s+)?was (?:meinte|sagte|sagt|meint|riet|rät|empfahl|empfiehlt|denkt|dachte|findet|fand) (?:mir )?"
               rf"(?P<who>.+?)(?: {_DE_ABOUT} (?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(rf"^(?:e\s+)?o que (?:(?:o|a|os|as)\s+)?(?P<who>.+?) (?:me |te )?{_PT_VERBS}"
               rf"(?: {_PT_ABOUT} (?P<topic>.+?))?\s*\??\s*$", re.I),
    re.compile(rf"^(?:quais (?:foram )?)?(?:os )?conselhos (?:d[oa]s?|de) (?P<who>.+?)(?: {_PT_ABOUT} (?P<topic>.+?))?"
               r"\s*\??\s*$", re.I),
    re.compile(rf"^welche (?:tipps|ratschläge|empfehlungen|ideen) hat (?:mir )?(?P<who>.+?) (?:mir )?"
               rf"(?:{_DE_ABOUT} (?P<topic>.+?) )?(?:gegeben|gemacht|genannt)\s*\??\s*$", re.I),
]
NOTES_SEARCHED = 8  # passages searched among the mentor's notes
# Below this cosine (MiniLM) between a question's topic and every piece of a mentor's
# advice, with no word of the topic in any of their notes, their notes say nothing about it
# (dev questions of eval.wild_answers that reach this test, with no shared word and no
# relevant passage of theirs: unanswerable ones .21-.31, no answerable one; 0.30 let
# "what did Tom say about doing an MBA?" through on "dont undersell the 15 yrs", .309.
# At 0.40 one held-out answerable question was refused, by totals only.)
NOTHING_BELOW = 0.35
# Words of a question that ask rather than say what about ("did Venky ever say anything
# about whether…"), left out of the topic.
_ASKING = {"think", "thought", "thinks", "suggest", "suggested", "suggests", "advice", "advise", "advised", "tip",
           "tips", "ever", "anything", "mention", "mentioned", "recommend", "recommended", "want", "wanted",
           "wants", "supposed", "thing", "things", "stuff", "give", "gave", "whether", "says", "saying", "tells",
           "telling", "ask", "asked", "remember", "again", "back", "also", "really", "get", "got", "go", "make"}
_ASKING_TERMS = frozenset(term for word in _ASKING for term in tokenize(word))  # ("suggesting", "mentions")
NOTES = 3           # the notes, best first, whose advice may answer
PER_NOTE = 4        # lines taken from one note
RELEVANT = 0.15     # cosine (MiniLM) between the topic and a line of the best note, below which it is off topic
ON_TOPIC = 0.4      # the same for the other notes: only lines clearly about the topic
MAX_LINES = 6
CLOSEST = 2         # advice lines of the one person a question names, put before the passages found
_JOINING = {"at", "from", "of", "with", "and"}


@dataclass(frozen=True)
class MentorQuestion:
    who: str
    topic: str | None
    prep: str = "about"  # "about negotiating", "when I was exhausted"

    @property
    def about(self) -> str:
        """The topic as the answer says it back: "about your first months as a manager"."""
        if not self.topic:
            return ""
        prep = self.prep if self.prep in ("when", "if", "at", "in", "during") else "about"
        words = {"my": "your", "i": "you", "me": "you", "mine": "yours", "myself": "yourself", "i'm": "you're",
                 "am": "are", "was": "were", "i've": "you've"}
        topic = " ".join(words.get(w.lower(), w) for w in self.topic.split())
        return f"{prep} {topic}"


def parse_mentor_question(question: str) -> MentorQuestion | None:
    """"What did Priya tell me about negotiating a job offer?" -> (Priya, negotiating a
    job offer); "Daniel's advice on fundraising" -> (Daniel, fundraising); the same in
    French, Spanish and German ("Was hat Brigitte zum Hearing gesagt?" -> (Brigitte,
    Hearing))."""
    text = " ".join(question.split())
    for pattern in [*_PATTERNS, *_OTHER_LANGUAGES]:
        match = pattern.match(text)
        if match:
            who = re.sub(r"^(?:my mentor|mentor|mon mentor|ma mentore|mi mentora?|mein mentor|meine mentorin"
                         r"|meu mentor|minha mentora|der|die|den|dem)\s+", "", match["who"].strip(), flags=re.I)
            if not who or len(who.split()) > 4 or who.lower() in ("you", "i", "we", "they", "people", "the notes", "il",
                                                                   "elle", "él", "ella", "er", "sie", "du", "ele", "ela", "você", "voce", "eles", "elas"):
                return None
            topic = (match["topic"] or "").strip(" ?.") or None
            prep = (match.groupdict().get("prep") or "about").lower()
            return MentorQuestion(who, topic, prep)
    return None


# "what was I meant to do after the JB coffee in Oct 25", "what did I promise Priya at our
# last call?", "my next steps from the feb catch up w Priya": the user's own steps from one
# meeting with one person, which the ledger holds as that meeting's actions.
_STEPS_QUESTION = re.compile(
    r"^(?:so |and |ok,? |remind me,? )?(?:what (?:was|were|am|are) i (?:meant|supposed|going|told|asked) to do"
    r"|what did i (?:promise|agree|commit|say i(?:'|’)?d do|sign up for|take on)"
    r"|what (?:are|were) my (?:actions?|action items?|next steps|to-?dos?|tasks|homework|follow[- ]?ups)"
    r"|my (?:actions?|action items?|next steps|to-?dos?|homework|follow[- ]?ups))\b(?P<rest>.*)$", re.IGNORECASE)
# Words of such a question that only say which meeting ("the JB coffee", "our last call").
_MEETING_WORDS = {"meeting", "meet", "met", "coffee", "call", "chat", "catch", "catchup", "lunch", "session", "sesh",
                  "1:1", "1-1", "zoom", "hui", "talk", "convo", "conversation", "last", "latest", "first", "after",
                  "from", "following", "with", "the", "our", "my", "at", "in", "on", "to", "do", "up", "re", "about"}
# "at the first ENZ session", "in our last call", "from my most recent catch-up": which meeting.
_WHICH_MEETING = re.compile(r"(?:\b(?:at|in|during|from|after|on)\s+)?\b(?:the|our|my)\s+(?P<which>first|last|latest|most recent"
                            r"|previous)\s+(?:[\w-]+\s+){0,2}?(?:meeting|session|call|chat|coffee|catch[- ]?up|1:1|1-1"
                            r"|lunch|conversation|sesh|hui|zoom)s?\b", re.IGNORECASE)
_MONTH_WORD = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?"
                         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)  # (not "may": also a verb)
_LATEST = re.compile(r"\b(?:last|latest|most recent|previous)\b", re.IGNORECASE)
_FIRST = re.compile(r"\bfirst\b", re.IGNORECASE)


# "…per dana w?", "…according to Tom", "…did she say": what they advised, not my steps.
_THEIR_VIEW = re.compile(r"\b(?:per|according to|in \w+ view|did (?:she|he|they|\w+) (?:say|think|suggest))\b", re.IGNORECASE)
_AFTER_A_MEETING = re.compile(r"\b(?:after|from|following|at|since)\b", re.IGNORECASE)


def asks_for_my_steps(question: str) -> bool:
    """Whether the question asks for the user's own steps from a meeting: "…after the JB
    coffee", "…from our last call"; not "what was I supposed to do about the scope creep,
    per dana w?", which asks what she advised."""
    match = _STEPS_QUESTION.match(" ".join(question.split()))
    return bool(match) and bool(_AFTER_A_MEETING.search(match["rest"])) and not _THEIR_VIEW.search(match["rest"])


@dataclass(frozen=True)
class AdviceLine:
    item: AdviceView
    passage: SearchResult


class MentorAdvice:
    """Finds the lines of a mentor's advice that answer a topic, each with its passage."""

    def __init__(self, index: LibraryIndex, detail: Callable[[str], PersonDetail],
                 named_in: Callable[[str], list[str]] | None = None,
                 words_naming: Callable[[str], set[str]] | None = None):
        self.index = index
        self._detail = detail
        self._named_in = named_in
        self._words_naming = words_naming

    def without_names(self, question: str) -> str:
        """The question without the words that say whom it is about ("Michelle at
        Brightwater told me to drop which buzzword?" -> "told me to drop which buzzword?"),
        to judge which sentences of that person's notes answer it: their name in a sentence
        (a title line, "LinkedIn request to Michelle") says nothing about the answer. The
        question itself when it names no one or would be left with fewer than three words."""
        naming = self._words_naming(question) if self._words_naming is not None else set()
        if not naming:
            return question
        words = question.split()
        naming_word = [bool(key_words(without_possessives(w))) and key_words(without_possessives(w)) <= naming
                       for w in words]
        # and "at", "from" that only join the name to the company ("Michelle at Brightwater")
        dropped = [named or (0 < i < len(words) - 1 and words[i].lower() in _JOINING
                             and naming_word[i - 1] and naming_word[i + 1])
                   for i, named in enumerate(naming_word)]
        kept = [w for w, drop in zip(words, dropped) if not drop]
        return " ".join(kept) if len(kept) >= 3 else question

    def topic_words(self, question: str) -> list[str]:
        """The words of a question about someone that say what it is about: "did Dana W say
        anything about my LinkedIn headline?" -> ["LinkedIn", "headline"]."""
        naming = self._words_naming(question) if self._words_naming is not None else set()
        words = []
        for word in re.findall(r"[\w'’-]+", self.without_names(question)):
            terms = tokenize(word)
            if terms and word.lower() not in _ASKING and not (key_words(without_possessives(word)) & naming) \
                    and not set(terms) <= _ASKING_TERMS:
                words.append(word)
        return list(dict.fromkeys(words))

    def says_nothing_about(self, detail: PersonDetail, question: str) -> list[str]:
        """The question's topic words when none of them is in any of this person's notes, no
        passage of theirs is relevant to it and none of their advice is close in meaning to
        it: their notes say nothing about it.
        [] when they may (or the question has no topic, or they have no notes)."""
        words = self.topic_words(question)
        if not words or not detail.meetings:
            return []
        flt = SearchFilter(kinds=("notes",), mentors=(mentor_key(detail.person.name),))
        if self.index.keyword.search(" ".join(words), 1, flt):
            return []
        # (also the notes placed with them by the tracking table, which the index may know
        # under the name the note gave: "Bernie")
        sources = {m.source for m in detail.meetings if m.source}
        found = self.index.search(" ".join(words), NOTES_SEARCHED * 4, SearchFilter(kinds=("notes",)), mode="keyword")
        if any(r.source in sources for r in found):
            return []
        asked = self.without_names(question)
        if self.passages(detail, asked, NOTES):
            return []  # a passage of theirs is close in meaning ("drop which buzzword" and "don't call yourself…")
        advice = [a.text for a in detail.advice]
        if advice:
            vectors = self.index.embedder.embed([asked] + advice)
            if float((vectors[1:] @ vectors[0]).max()) >= NOTHING_BELOW:
                return []
        return words

    def named_in(self, question: str) -> tuple[str, ...]:
        """Mentor keys of the people the question names by any name the table knows them
        by ("venky's tip", "as per Anand bhaiya"), for search to prefer their notes."""
        if self._named_in is None:
            return ()
        return tuple(key for name in self._named_in(question) if (key := mentor_key(name)))

    def one_person_named(self, question: str) -> PersonDetail | None:
        """The one person of the table the question names ("what did Dana W say…"), else None."""
        named = list(dict.fromkeys(self._named_in(question))) if self._named_in is not None else []
        return self.person(named[0]) if len(named) == 1 else None

    def person(self, who: str) -> PersonDetail | None:
        try:
            return self._detail(who)
        except UserError:
            pass
        # "Ferdl", "la profe", "Don Javier": a name the table's Notes cell gives them
        named = list(dict.fromkeys(self._named_in(who))) if self._named_in is not None else []
        if len(named) == 1:
            try:
                return self._detail(named[0])
            except UserError:
                return None
        return None  # not a name in the tracking table (or two people): answer as usual

    def lines(self, detail: PersonDetail, topic: str | None, question: str) -> list[AdviceLine]:
        """The mentor's advice on the topic: the ledger items of the notes that hybrid
        search ranks first among that mentor's notes (the best note's closest lines, then
        lines of other notes that are plainly on the topic). With no topic, their most
        recent advice. "at the first ENZ session", "at our last call": that meeting's."""
        items = [a for a in detail.advice if a.kind == "advice"]
        if not items:
            return []
        sources = {m.id: m.source for m in detail.meetings}
        which = _WHICH_MEETING.search(topic or "")
        held = sorted((m for m in detail.meetings if m.source), key=lambda m: (m.date, m.id))
        if which and held:
            meeting = held[0] if which["which"].lower() == "first" else held[-1]
            topic = " ".join(f"{topic[:which.start()]} {topic[which.end():]}".split()) or None
            theirs = [a for a in items if a.meeting_id == meeting.id]
            if topic and theirs:
                vectors = self.index.embedder.embed([topic] + [a.text for a in theirs])
                near = {a.id for a, c in zip(theirs, vectors[1:] @ vectors[0])
                        if float(c) >= RELEVANT or _says_topic(topic, a.text)}
                theirs = [a for a in theirs if a.id in near]
            found = [AdviceLine(a, p) for a in theirs[:MAX_LINES]
                     for p in [self._passage(a, meeting.source, detail.person.name)] if p is not None]
            if found:
                return found
        if not topic:
            recent = sorted(items, key=lambda a: (a.meeting_date, a.id), reverse=True)[:MAX_LINES]
            found = [AdviceLine(a, p) for a in recent
                     for p in [self._passage(a, sources.get(a.meeting_id), detail.person.name)] if p is not None]
            return sorted(found, key=lambda line: (line.item.meeting_date, line.item.id))
        # The notes hybrid search ranks first among this mentor's (a note, not a chunk:
        # the chunk that matches the question is often the note's purpose, not its advice).
        notes = list(dict.fromkeys(r.source for r in self.passages(detail, topic, NOTES_SEARCHED)))[:NOTES]
        vectors = self.index.embedder.embed([topic] + [a.text for a in items])
        closeness = {a.id: float(s) for a, s in zip(items, vectors[1:] @ vectors[0])}
        # A line that says the topic in so many words is on it, however long the rest of the
        # line ("why not ask for a secondment? reg council climate team always short of ppl…"
        # reads far from "secondments" as a whole).
        naming = {a.id for a in items if _says_topic(topic, a.text)}
        titles = {m.source: f"{m.title or ''} {Path(m.source or '').stem}" for m in detail.meetings}
        notes.sort(key=lambda source: not _titled_by(topic, titles.get(source, "")))  # (a stable sort)
        found: list[AdviceLine] = []
        for rank, source in enumerate(notes):
            # The best note's advice; others' only when on topic; and when some of their lines
            # say the topic word for word, the rest only when plainly about it.
            floor = RELEVANT if rank == 0 and not naming else ON_TOPIC
            if rank == 0 and _titled_by(topic, titles.get(source, "")):
                floor = -1.0  # "o banco novo" and the note "Ana Carol - banco novo": the note is about it
            held = sorted((a for a in items if sources.get(a.meeting_id) == source
                           and (closeness[a.id] >= floor or a.id in naming)),
                          key=lambda a: (a.id not in naming, -closeness[a.id]))[:PER_NOTE]
            for item in sorted(held, key=lambda a: a.id):  # the note's order
                passage = self._passage(item, source, detail.person.name)
                if passage is not None:
                    found.append(AdviceLine(item, passage))
        return found[:MAX_LINES]

    def closest_lines(self, detail: PersonDetail, question: str) -> list[AdviceLine]:
        """Their advice plainly about the question (cosine at least ON_TOPIC), best first, at
        most CLOSEST lines, each with its passage: "is it ok to bring up pay in the interview?
        what did Dave O say" and his "Don't ask about the rate in the interview itself", in a
        note search ranks below his others on pay."""
        items = [a for a in detail.advice if a.kind == "advice"]
        if not items:
            return []
        asked = self.without_names(question)
        vectors = self.index.embedder.embed([asked] + [a.text for a in items])
        ranked = sorted(((float(s), a) for s, a in zip(vectors[1:] @ vectors[0], items) if s >= ON_TOPIC),
                        key=lambda pair: -pair[0])
        sources = {m.id: m.source for m in detail.meetings}
        return [AdviceLine(a, p) for _, a in ranked[:CLOSEST]
                for p in [self._passage(a, sources.get(a.meeting_id), detail.person.name)] if p is not None]

    def advice_parts(self, question: str, passages: Sequence[SearchResult]) -> list[SearchResult]:
        """``passages`` with each meeting note's passage that holds none of that note's
        advice (its purpose or context section, which matches a situational question best)
        swapped for the part of the same note that holds its advice, best match first: the
        small model then quotes what the mentor advised, not the user's account of the
        problem. Each mentor's record and notes are read once."""
        details: dict[str, PersonDetail | None] = {}
        searched: dict[str, list[SearchResult]] = {}
        out = list(passages)
        for i, passage in enumerate(passages):
            if passage.kind != "notes" or not passage.mentor:
                continue
            if passage.mentor not in details:
                details[passage.mentor] = self.person(passage.mentor)
            detail = details[passage.mentor]
            if detail is None:
                continue
            meeting = next((m.id for m in detail.meetings if m.source == passage.source), None)
            advice = [a.text for a in detail.advice if a.meeting_id == meeting and a.kind == "advice"]
            if not advice or _holds(passage, advice):
                continue
            if passage.mentor not in searched:
                searched[passage.mentor] = self.passages(detail, question, NOTES_SEARCHED)
            same_note = [r for r in searched[passage.mentor] if r.source == passage.source and _holds(r, advice)]
            if same_note and all(same_note[0].chunk_id != p.chunk_id for p in out):
                out[i] = same_note[0]
        return out

    def steps_after(self, detail: PersonDetail, question: str,
                    period: tuple[dt.date | None, dt.date | None] | None) -> tuple[MeetingView, list[AdviceLine]] | None:
        """The meeting a question about the user's steps means, and its actions, each with its
        passage: of the person's meetings (in the period the question names, if any), the
        first or the latest when it says so, else the one whose note search ranks first for
        the question's other words ("re the cover letter"), else the latest. None when that
        meeting holds no actions."""
        meetings = [m for m in detail.meetings if m.source]
        month = _MONTH_WORD.search(question) if period is None else None
        if period is not None:
            since, until = period
            meetings = [m for m in meetings if (since is None or m.date >= since) and (until is None or m.date <= until)]
        elif month is not None:
            # "after the october session w harold", "the feb catch up w Priya": a month with
            # no year is their meetings in that month, the latest year first.
            number = DATE_MONTHS[month[1][:3].lower()]
            meetings = [m for m in meetings if m.date.month == number]
        if not meetings:
            return None
        meetings.sort(key=lambda m: (m.date, m.id))
        meeting = meetings[-1]
        rest = _STEPS_QUESTION.match(" ".join(question.split()))
        words = [w for w in self.topic_words(rest["rest"] if rest else question) if w.lower() not in _MEETING_WORDS]
        if _FIRST.search(question) and not _LATEST.search(question):
            meeting = meetings[0]
        elif words and not _LATEST.search(question) and len(meetings) > 1:
            ranked = [r.source for r in self.passages(detail, " ".join(words), NOTES_SEARCHED)]
            meeting = min(meetings, key=lambda m: (ranked.index(m.source) if m.source in ranked else len(ranked),
                                                   -m.date.toordinal()))
        steps = sorted((a for a in detail.advice if a.meeting_id == meeting.id and a.kind == "action"),
                       key=lambda a: a.id)
        found = [AdviceLine(a, p) for a in steps for p in [self._passage(a, meeting.source, detail.person.name)]
                 if p is not None]
        return (meeting, found) if found else None

    def passages(self, detail: PersonDetail, query: str, k: int) -> list[SearchResult]:
        """The mentor's own notes, best first, for questions the ledger does not answer."""
        flt = SearchFilter(kinds=("notes",), mentors=(mentor_key(detail.person.name),))
        return [r for r in self.index.search(query, k, flt) if r.relevant]

    def _passage(self, item: AdviceView, source: str | None, name: str) -> SearchResult | None:
        """The chunk of the item's own note that holds it (the citation)."""
        if source is None:
            return None
        flt = SearchFilter(kinds=("notes",), mentors=(mentor_key(name),))
        results = [r for r in self.index.search(item.quote or item.text, 8, flt) if r.source == source]
        if not results:
            return None
        return max(results, key=lambda r: (support(item.text, r.text), r.score))


def _holds(passage: SearchResult, advice: Sequence[str]) -> bool:
    """Whether the passage holds one of these advice lines (nearly all of its words)."""
    return any(support(text, passage.text) >= 0.8 for text in advice)


def _titled_by(topic: str, title: str) -> bool:
    """Whether a note's title (or file name) names the topic: all its words of four letters
    or more are in it. A topic in another language than the notes' model reads it is still
    found by its note ("o banco novo" and "Ana Carol - banco novo")."""
    words = {w for w in re.findall(r"\w+", topic.lower()) if len(w) >= 4}
    return bool(words) and words <= set(re.findall(r"\w+", title.lower()))


def _says_topic(topic: str, text: str) -> bool:
    """Whether a line has every word of the topic (four letters or more), in any of its
    forms ("secondments" and "a secondment?")."""
    words = {w for w in tokenize(topic) if len(w) >= 4}
    return bool(words) and words <= set(tokenize(text))


def compose_steps(name: str, meeting: MeetingView, lines: Sequence[AdviceLine], numbers: Sequence[int]) -> str:
    out = [f"What you took on at your meeting with {name} on {meeting.date:%-d %B %Y}, from your notes:"]
    for line, n in zip(lines, numbers):
        text = line.item.text.strip().rstrip(".")
        state = " (done)" if line.item.done else ""
        out.append(f"- {text}{state} [{n}].")
    return "\n".join(out) + "\n"


def compose(name: str, asked: MentorQuestion, lines: Sequence[AdviceLine], numbers: Sequence[int]) -> str:
    about = f" {asked.about}" if asked.topic else ""
    out = [f"What {name} said{about}, from your meeting notes:"]
    for line, n in zip(lines, numbers):
        text = line.item.text.strip().rstrip(".")
        out.append(f"- {name}, {line.item.meeting_date:%-d %B %Y}: {text} [{n}].")
    return "\n".join(out) + "\n"
