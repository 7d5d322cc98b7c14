"""Pulling advice and action items out of a meeting note, whatever its shape.

People write notes in many ways: headings ("## What she said", a Word "Heading 2"), label
lines ("Her advice:", "To do -", "Next steps for me: a, b and c."), bold labels, nested
bullet labels ("- advice:" with items under it), numbered and ``1)`` lists, checkboxes,
Q/A and speaker transcripts, pasted emails and plain prose ("She suggested I...", "I
promised to..."). The extractor reads the structure first: what is listed under an advice
label is advice, under an action label an action. What is left (prose, transcript turns,
the sentences of an email) is read sentence by sentence: plain rules for the clear cases
(a first-person commitment, "she suggested", a question, the mentor's own promise), and a
small classifier over the MiniLM embeddings for the rest, when one is available.

Every item keeps the sentence it came from (``quote``), so it can be cited. Pure
functions; the classifier is passed in.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal, Protocol, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# Raise when the rules change: the next sync re-extracts every note (hand-set state is kept).
EXTRACTOR_VERSION = "2"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A line that is only bold text, "**Action items:**", works as a heading in many notes.
_BOLD_HEADING = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?):?\s*\1\s*:?\s*$")
# "Her advice:", "To do -", "Next steps for me: send the deck" (content may follow).
_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?P<label>[A-Za-z][\w' /&()-]{1,40}?)(?:\*\*|__)?\s*(?::|\s[-–—](?=\s|$))"
                    r"(?:\*\*|__)?\s*(?P<rest>.*)$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:(?:[-*+•▪‣◦]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s+|(?=\[[ xX✓✔]\]\s))"
                     r"(?P<text>.*)$")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX✓✔])\]\s*(?P<text>.*)$")
# Emoji and symbols used as bullets, and what the common ones say about the line.
_EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2190-\u21FF\u2705\u274C\u2753]"
_EMOJI_BULLET = re.compile(rf"^(?P<indent>\s*)(?P<mark>{_EMOJI})[\uFE0F\u200D\U0001F3FB-\U0001F3FF\u2640\u2642{_EMOJI[1:-1]}]*\s*"
                           r"(?P<text>.+)$")
_EMOJI_KINDS = {"💡": "advice", "⭐": "advice", "🔑": "advice", "🧠": "advice", "👉": "action", "➡": "action",
                "⏭": "action", "📝": "action", "☐": "action", "✅": "done", "✔": "done", "☑": "done",
                "❓": "other", "🤔": "other", "🗓": "other", "📅": "other", "📆": "other", "⏰": "other"}
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Otter, Zoom and Teams transcripts: "Dr. Okonkwo  0:13" on a line, the words below it.
_TIMED_SPEAKER = re.compile(r"^\s*(?P<who>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*$")
_WROTE_LINE = re.compile(r"^\s*On .+?,?\s+(?P<who>[^,<>]+?)\s*(?:<[^>]*>)?\s*wrote:\s*$")
_PROPERTY_BULLET = re.compile(r"^\s*(?:[-*]\s+)?[\w-]+::\s")
_TIMESTAMP = re.compile(r"^\s*\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?\s*")
_CALLOUT = re.compile(r"^\s*>\s?(?:\[!\w+\][-+]?\s*)?")
_DECORATION = re.compile(r"^[^\w*#\[(\"'“‘-]+")  # emoji and symbols before a label ("💡 **Key points**")
_SPEAKER = re.compile(r"^\s*(?:\*\*)?(?P<who>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?)(?:\*\*)?\s*(?:\([\d:]+\))?\s*"
                      r"(?:\*\*)?[:：](?:\*\*)?\s*(?P<text>.+)$")

_ADVICE_WORDS = re.compile(
    r"\b(?:advice|advised|takeaways?|take-aways?|taking away|lessons?|learn(?:ed|t|ings?)|suggest(?:ed|ions?)"
    r"|recommend(?:ed|ations?)|tips?|key points?|insights?|feedback|what (?:she|he|they|\w+) (?:said|thinks?|suggested)"
    r"|(?:her|his|their) (?:notes|view|take|thoughts|points?|rules?)|notes from (?:her|him|them)|what i heard"
    r"|mentor'?s? (?:notes|view|input)|input from|points from|rules? of thumb|wisdom|pointers|taking from"
    r"|take-?homes?|what stuck|what (?:she|he|they) told me)\b",
    re.IGNORECASE,
)
_ACTION_WORDS = re.compile(
    r"\b(?:action(?: items?|s)?|next (?:steps?|actions?)|to[- ]?dos?|follow[- ]?ups?|commitments?|homework|tasks?"
    r"|my (?:plan|list)|i(?:'m| am) going to do|i(?:'ll| will) do|what i(?:'ll| will)|on my side|i wrote down"
    r"|owed by me|for me to do|i promised|i committed)\b|^(?:me|i'll|i will|for me|mine)\b",
    re.IGNORECASE,
)
# Labels whose lines are never advice or actions: the mentee's questions, the agenda...
_OTHER_LABEL = re.compile(
    r"^(?:(?:my |the |open )?questions?(?: i brought| for \w+)?|stories|story|background|context|agenda|purpose"
    r"|intro(?:duction)?s? offered|attendees|people|date|when|where|location|tags?|created|mentor|with|topics?"
    r"|(?:her|his|their) (?:news|update|story|background)|small talk|logistics|next (?:meeting|catch-up|session|call)"
    r"|subject|from|to|cc|sent|re|status|related|person|met|other|misc|miscellaneous|personal|fyi|parking lot"
    r"|summary keywords|keywords|speakers|where i was|how i was|check[- ]in|focus(?: today| for today)?|theme)$",
    re.IGNORECASE,
)
# "Stuff she'll do", "Her actions": the mentor's own list, not the user's.
_MENTOR_LIST = re.compile(
    r"^(?:stuff|things|what) (?:she|he|they|\w+)(?:'ll|’ll| will| is going to| promised| offered)\b"
    r"|^(?:her|his|their|(?-i:[A-Z][a-z]+)'s) (?:actions?|to-?dos?|tasks?|next steps|follow[- ]?ups?|promises)\b",
    re.IGNORECASE,
)
_LEADIN_ACTION = re.compile(
    r"\b(?:i(?:'m| am) going to|i(?:'ll| will)|my (?:plan|list|next steps|actions|to-?dos?)|i need to|to do|todo"
    r"|i promised|on my side|for me|i said i'd|so my list)\b", re.IGNORECASE)
_LEADIN_ADVICE = re.compile(
    r"\b(?:she|he|they|(?-i:[A-Z][a-z]+)) (?:thinks|said|says|suggested|recommended|told me|advised|reckons)\b"
    r"|\bwhat (?:she|he|they|(?-i:[A-Z][a-z]+)) (?:told me|said|thinks)\b"
    r"|\b(?:her|his|their) (?:advice|take|view|tips|points|rules?)\b", re.IGNORECASE)
_PURPOSE = re.compile(r"^purpose\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedItem:
    kind: str  # advice | action
    text: str
    done: bool = False
    origin: str = "note"  # note | model
    quote: str | None = None  # the sentence of the note it was read from


class SentenceClassifier(Protocol):
    """Probabilities of "advice", "action" and "other" per sentence (sentence_classifier.py)."""

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]: ...


def _clean(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]+)\]\]", r"\1", text)  # Obsidian [[links]]
    text = re.sub(r"~~(.+?)~~", r"\1", text)
    return " ".join(text.split()).strip()


def _label_kind(title: str) -> str | None:
    """advice | action | other for the words of a heading or label, else None."""
    title = re.sub(r"^\d+[.)]\s*", "", _clean(_DECORATION.sub("", title)).strip("*_:-–— ").strip())
    if not title or len(title.split()) > 8:
        return None
    if _OTHER_LABEL.match(title) or _MENTOR_LIST.match(title):
        return "other"
    if _ACTION_WORDS.search(title):
        return "action"
    if _ADVICE_WORDS.search(title):
        return "advice"
    return None


def _heading(line: str) -> tuple[int, str] | None:
    """(level, title) when the line is a heading; bold-only lines count as level 7."""
    match = _HEADING.match(line)
    if match:
        return len(match.group(1)), match.group(2)
    match = _BOLD_HEADING.match(_DECORATION.sub("", line.strip()))
    if match:
        return 7, match.group("text")
    return None


def _bare_label(text: str, others: bool = False) -> str | None:
    """The kind of a line that is only a label: "Advice", "todo", "- advice:", "Next steps"
    (and, with ``others``, "Context", "Questions", "Background")."""
    colon = text.rstrip().endswith(":")
    text = _clean(_DECORATION.sub("", text)).rstrip(":").strip()
    if not text or len(text.split()) > (6 if colon else 3) or text.endswith((".", "?", "!", ",")):
        return None
    kind = _label_kind(text)
    return kind if kind in ("advice", "action") or (others and kind == "other" and len(text.split()) <= 2) else None


# ----- sentences ------------------------------------------------------------------------
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Dr.", "Mr.", "Ms.", "Mrs.", "Prof.", "approx.", "incl.", "St.",
                  "Jr.", "Sr.", "a.m.", "p.m.", "No.")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, also in all-lower-case notes; "e.g." does not end one."""
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = re.sub(r"(?<![\w.])" + re.escape(abbr), lambda m: m.group(0).replace(".", "\x00"), protected,
                           flags=re.IGNORECASE)
    protected = re.sub(r"(\d)\.(\d)", "\\1\x00\\2", protected)
    parts = re.split(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?\w)|;\s+(?=[A-Z])", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p and p.strip()]


_FILLERS = re.compile(r"^(?:(?:and|so|but|um+|uh+|er+|anyway|oh|okay|ok|yeah|right|then|like|well|which)\b[,.]?\s*)+",
                      re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:and|so|but|um|uh|anyway|oh and|then|okay)\b)"
    r"|,\s+(?=(?:i'm going to|i am going to|i'll|i will|i need to|i said i'd|i should|she said|he said|they said"
    r"|she also said|he also said|she told|he told|she thinks|he thinks)\b)",
    re.IGNORECASE,
)


def _clauses(sentence: str, longest: int = 40) -> list[str]:
    """A run-on sentence (a dictated voice memo: "so she said X, and um I'm going to Y,
    and ...") cut into its clauses, fillers dropped; a normal sentence is left whole."""
    if len(sentence.split()) <= longest:
        return [sentence]
    parts = [_FILLERS.sub("", part).strip(" ,") for part in _CLAUSE_BREAK.split(sentence)]
    return [part for part in parts if len(part.split()) >= 3] or [sentence]


# ----- rules for prose -------------------------------------------------------------------
_SELF_COMMIT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:so|and|then|now|next,?|also,?|first,?|agreed,?|ok,?|okay,?)\s+)"
    r"(?:i(?:'ll| will| shall| am going to|'m going to| am gonna|'m gonna| promised to| need to| have to| must"
    r"| want to| plan to| intend to| committed to| agreed to| owe (?:her|him|them)| am to|'m to| should(?! have)"
    r"| will also|'ll also|'d better| really need to)|my (?:next )?(?:step|action|task|homework|to-?do)s?"
    r"(?: for \w+)? (?:is|are|will be)|next steps? for me|for me to do|to-?do\b|todo\b)"
    r"|^(?:also |and |then )?(?:going to|gonna|will|need to|must|plan to)\s+\w",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:she|he|they|(?-i:[A-Z][a-z]+))(?:'s| has| had| have)?\s+(?:also\s+|strongly\s+|really\s+|gently\s+|just\s+)?"
    r"(?:suggested|suggests|recommended|recommends|advised|advises|urged|urges|encouraged|encourages|told me"
    r"|tells me|said (?:I|to|that|we|you|never|always|not)|says (?:I|to|that)|warned|warns|pushed me|nudged me"
    r"|insisted|insists|reckons|stressed|emphasi[sz]ed|pointed out|was clear that|is clear that|made the point"
    r"|wants me to|thinks (?:I|you) should)\b"
    r"|\b(?:her|his|their|(?-i:[A-Z][a-z]+)'s|your)\s+(?:view|advice|take|point|rule|suggestion|recommendation|tip"
    r"|position|opinion|message|main point|line|mantra|framing|argument|verdict|idea|rule of thumb)\b"
    r"|\baccording to (?:her|him|them|(?-i:[A-Z][a-z]+))\b|\bas (?:she|he|they|you) (?:suggested|said|put it|recommended)\b"
    r"|\byou (?:said|told me|suggested|recommended|pointed out|advised|reminded me)\b",
    re.IGNORECASE,
)
_MENTOR_TASK = re.compile(
    r"^(?:(?:and|also|plus)\s+)?(?:she|he|they|(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?))(?:'ll|’ll| will| is going to"
    r"|'s going to|’s going to|'s gonna| is (?=sending|sharing|booking|writing|doing|bringing|making|setting|sorting)"
    r"| offered to"
    r"| promised to| said she'd| said he'd| would| can| may| might| is happy to| kindly offered to| to)"
    r"\s+(?:also\s+)?(?:send|share|intro|introduce|connect|forward|look|check|dig|find|email|ping|review|read|put"
    r"|loop|ask|talk|pass|make|set|give|get|follow|reach|lend|host|invite|call|text|write|mention|book|fwd|raise"
    r"|chase|flag|arrange|organise|organize|sort|bring|dig|redo|do|sending|sharing|booking|writing|doing|bringing"
    r"|making|setting|sorting)",
    re.IGNORECASE,
)
_MENTOR_OFFER = re.compile(r"^(?!i\b)(?:she|he|they|(?-i:[A-Z][a-z]+))\b.{0,60}\b(?:offered|promised|agreed) to\b",
                           re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^(?:don'?t|do not|never|always|avoid|stop|start|try|keep|ask|say|make|focus|write|talk|pick|choose|push|build"
    r"|find|get|take|treat|think|spend|put|let|lead|learn|read|be|go|use|stay|practi[cs]e|negotiate|delegate"
    r"|document|frame|protect|prioriti[sz]e|set|give|show|share|volunteer|look|aim|remember|consider|prepare|test"
    r"|resist|trust|assume|separate|own|measure|track|invest|hire|trade|plan|block|drop|move|stick|lean|double|cut"
    r"|open|bring|price|quote|check|lead|rehearse|run|send|reply|open|charge|start|lead|name|sleep|celebrate|wait"
    r"|accept|decline|push back|clarify|insist|default|ship|cap)\b",
    re.IGNORECASE,
)
# Imperatives that are counsel, not chores: "don't buy it yet", "never...", "you should...".
_ADVICE_IMPERATIVE = re.compile(
    r"^(?:(?:and|so|but|also)\s+)?(?:don'?t|do not|never|always|avoid|stop|keep|be|treat|think|trust|assume|resist"
    r"|remember|aim|stay|lean|protect|prioriti[sz]e|separate|use|lead|focus|pick|choose|say|let|give|spend|go|start"
    r"|you should|you shouldn't|you need to|you must|you'll want|you have to|if you|when you)\b",
    re.IGNORECASE,
)
_QUESTIONING = re.compile(
    r"^(?:i|we) (?:asked|wondered|wanted to (?:ask|know))\b|^(?:she|he|they|[A-Z][a-z]+) asked\b", re.IGNORECASE)
_PAST_OR_META = re.compile(
    r"^(?:we (?:talked|discussed|covered|spoke|met|chatted|caught up|went|started|ended)|i (?:told|mentioned"
    r"|explained|shared|had|was|felt|came|brought|pitched|said|got|did|showed|admitted)|(?:she|he|they) (?:told me"
    r" (?:about|how|that she|that he)|talked about|shared|mentioned (?:that )?(?:she|he|her|his)|has|had|is|was"
    r"|joined|moved|started|works|described|listened|laughed|once|used to|spent|went)|(?:she|he) also talked about"
    r"|(?:-\s*)?(?:you|she|he|they|(?-i:[A-Z][a-z]+)) (?:also )?mentioned"
    r"|(?:told|talked|discussed|went|asked|showed|explained|spoke|chatted|caught up) (?:her|him|them|abt|about|thru|through"
    r"|over|on|me)|(?:she|he|they|(?-i:[A-Z][a-z]+)) (?:didn't|did not|let me|listened|was|seemed|came|looked|gave"
    r"|sent|arrived|brought|thought the|loved|liked)|i'm (?!going|gonna|to\b|also going|planning)|i've (?:started|been))\b",
    re.IGNORECASE,
)
_LOGISTICS = re.compile(
    r"^next\s*(?::|(?:coffee|meeting|session|call|1:1|1-1|1on1|catch[- ]?up|chat|sync|walk|lunch|check[- ]?in"
    r"|one|time|date)\b)|^(?:i've|i have) been thinking about\b|^(?:see you|speak|talk) (?:soon|then|next)\b"
    r"|^follow[- ]?up (?:set|booked|scheduled|is|on|in)\b|^wrote this up\b|^let's (?:say|speak|talk|meet)\b"
    r"|^agreed (?:we'd|we would|to meet|on)\b|^(?:can|could|would|will) you\b",
    re.IGNORECASE,
)
# A sentence that opens by reporting the mentor ("She said I should...", "His advice: ...")
# is advice even when it goes on in the first person.
_REPORTED_LEAD = re.compile(
    r"^(?:she|he|they|you|(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?))\s+(?:also\s+|strongly\s+|really\s+|just\s+)?"
    r"(?:said(?=[,:]? (?:to|I|that I|that you|you|we|never|always|not|don't|do not|it's worth|the trick|the key)\b"
    r"|[,:]?\s*[\"“]|:)|says (?=to|I|you)|suggested|suggests|recommended|recommends|advised|urged|encouraged"
    r"|told me (?:to|that I|I)|thinks"
    r"|believes|reckons"
    r"|was clear|is clear|insisted|warned|wants me|pushed me|nudged me|pointed out|made the point)\b"
    r"|^(?:her|his|their|(?-i:[A-Z][a-z]+)'s|your)\s+(?:advice|view|take|rule|point|suggestion|recommendation|tip)\b",
    re.IGNORECASE,
)
_STRONG_REPORT = re.compile(
    r"\b(?:told me to|said (?:I|to|that I|we)|said[,:]? [\"“]|suggested|recommended|advised|urged|(?:was|is) clear"
    r"|thinks I|wants me to)\b|\bsaid[,:]?\s*[\"“]", re.IGNORECASE)
_CONJUNCTION = re.compile(r"^(?:and|so|also|but|then|plus|oh,? and|finally|first|second|third)[,:]?\s+", re.IGNORECASE)
_CONDITIONAL_ADVICE = re.compile(r"^(?:if|when|whenever|once|before|after|until|for|in|during|with|on|at)\b[^,]{3,80},\s*(?P<rest>.+)$",
                                 re.IGNORECASE)


def rule_kind(sentence: str) -> str | None:
    """advice | action | other when a plain rule decides it, else None (ask the classifier)."""
    text = sentence.strip().strip("\"“”'")
    bare = _CONJUNCTION.sub("", text)
    if not text:
        return "other"
    if _LOGISTICS.match(bare) or (text.startswith("(") and text.rstrip(".").endswith(")")):
        return "other"  # "Next coffee: 30 September", an aside in brackets
    if _QUESTIONING.match(bare):
        return "other"  # "I asked if I should wait" reports a question, not an answer
    if (text.endswith("?") or re.search(r"\?\s*(?:->|→|—|-|:)", text)) and not _REPORTED.search(text):
        return "other"  # a question (the mentee's, usually)
    if (_MENTOR_TASK.match(bare) or _MENTOR_OFFER.search(bare)) and _first_verb(bare) not in _TASK_VERBS:
        return "other"  # the mentor's own promise
    if _REPORTED_LEAD.match(bare):
        return "advice"
    if _SELF_COMMIT.search(bare):
        return "action"
    if re.match(r"^(?:hi|hello|hey|dear|thanks|thank you|best|cheers|regards|warmly|talk soon|looking forward)\b",
                bare, re.IGNORECASE) and not _REPORTED.search(text):
        return "other"
    if _PAST_OR_META.match(bare) and not _STRONG_REPORT.search(bare):
        return "other"
    if _REPORTED.search(text):
        return "advice"
    if _IMPERATIVE.match(bare):
        return "advice"
    conditional = _CONDITIONAL_ADVICE.match(bare)
    if conditional and _IMPERATIVE.match(conditional["rest"]):
        return "advice"  # "If they push, give a range"
    return None


# ----- several tasks in one sentence -----------------------------------------------------
_TASK_VERBS = frozenset("""
send email e-mail book read ask write draft update share schedule call follow reach introduce intro set prepare
prep review talk meet check look find try start finish apply sign join buy order research practice practise list
make get plan block reply thank post publish connect message text ping watch listen sketch outline compile collect
gather map pick choose decide propose pitch present run test track log keep record note document revise rewrite edit
submit invite organise organize arrange confirm move learn study take do go visit attend register renew fix build
ship raise negotiate tell let show give offer brainstorm identify rank shortlist refresh polish clarify summarise
summarize circulate loop sync align finalise finalize complete close contact sort put dig draw turn bring create
design print mail forward push lock nail spend cut drop clear enrol enroll volunteer interview shadow pair accept
decline redo hold trim audit cancel interview pass reach rehearse price quote charge open frame own delegate hand
bake host rerun retry re-read reread double prune measure compare estimate calculate benchmark automate migrate
""".split())
_TASK_LEAD = re.compile(
    r"^(?:.*?\b(?:next steps? for me|my next steps?|my actions?|to-?dos?|action items?|for me|on my side)\s*"
    r"(?:is|are|:|-|,)?\s*|(?:ok,?\s+|okay,?\s+|got it\.?\s+)?(?:so |and |then |also )?i(?:'ll| will| am going to"
    r"|'m going to| need to| have to| promised to| plan to| want to| agreed to| should)\s+(?:also\s+)?)",
    re.IGNORECASE,
)
# Verbs of chores, not of counsel: "email Ravi", "book the room", "read the report".
_CHORE_VERBS = frozenset("""
send email e-mail book ask draft read call schedule share update submit sign register order buy print contact message
text ping reply finish complete fix check research chase invite arrange organise organize confirm cancel renew enrol
enroll forward post publish upload download install collect gather compile list shortlist rsvp pay file apply watch
listen visit attend thank tell introduce intro follow look find email dm
""".split())
_DEADLINE = re.compile(r"\b(?:by (?:mon|tue|wed|thu|fri|sat|sun|the|end|next|tomorrow|easter|christmas|half[- ]term|\d)"
                       r"|this (?:week|weekend|month|term|friday|monday)|tomorrow|tonight|tmrw|next week|before (?:the|our|"
                       r"next|mon|tue|wed|thu|fri|\d)|asap|today)\b", re.IGNORECASE)
_BECAUSE_ADVICE = re.compile(r",?\s*\b(?:since|because|as)\s+(?P<advice>(?:you|she|he|they)\s+(?:said|suggested|told me"
                             r"|pointed out|recommended|reckon|think)\b.+)$", re.IGNORECASE)


def _first_verb(text: str) -> str:
    lead = r"^(?:also|then|to|finally|and|so|i'll|i will|i'm going to|i am going to|i need to|i have to|i want to|i plan to)\s+"
    text = text.lower()
    for _ in range(3):
        text = re.sub(lead, "", text)
    return text.split(" ", 1)[0].strip("(\"")


def split_tasks(sentence: str) -> list[str]:
    """"Next steps for me: send the deck, book a call with Ravi and read chapter 3." ->
    ["send the deck", "book a call with Ravi", "read chapter 3"]. Only a list with commas is
    split ("X and Y" alone is one task), and only where every part starts with a verb, so
    "read the chapter on risks, costs and timelines" stays whole."""
    lead = _TASK_LEAD.match(sentence)
    body = (sentence[lead.end():] if lead else sentence).strip().rstrip(".!;")
    # Only a real list is split: "a, b and c", or three or more parts. "Do X and send Y"
    # stays one item, readable on its own ("ask about cost" alone would not say whom).
    if not re.search(r"[,;].*\b(?:and|then)\b|[,;].*[,;]", body):
        return [sentence.strip()]
    pieces = [p.strip() for p in re.split(r",\s*(?:and\s+then\s+|and\s+|then\s+)?|;\s*", body) if p.strip()]
    if len(pieces) >= 2:
        last = re.split(r"\s+(?:and|then|&)\s+(?=\S)", pieces[-1], maxsplit=1)
        if len(last) == 2 and _first_verb(last[1]) in _TASK_VERBS:
            pieces = pieces[:-1] + last
    if len(pieces) >= 2 and all(_first_verb(p) in _TASK_VERBS for p in pieces):
        return [re.sub(r"^(?:also|then|to|finally)\s+", "", p).strip() for p in pieces]
    return [sentence.strip()]


# ----- the note's structure ----------------------------------------------------------------
@dataclass
class _Unit:
    """A piece of the note to judge: a bullet, a sentence of prose or of a transcript turn."""

    text: str
    section: str | None  # advice | action | other | None (unlabelled)
    done: bool = False
    bullet: bool = False
    speaker: str | None = None  # "mentor" | "me" | None
    fragment: bool = False  # a short line of prose on its own, with no end punctuation
    quote: str | None = None  # the whole line, when the unit is only part of it
    checkbox: bool = False  # "- [ ]" or "- [x]": a task, whatever the words


_SELF_SPEAKERS = {"q", "me", "i", "mentee", "myself"}
_NOT_SPEAKERS = {"date", "when", "attendees", "with", "tags", "created", "status", "person", "people", "subject",
                 "from", "to", "sent", "cc", "location", "topic", "related", "met", "next", "note", "notes", "ps",
                 "p.s", "http", "https", "update", "context", "purpose", "agenda", "mentor"}


def _transcript_speakers(lines: list[str]) -> set[str]:
    """Names that start two or more lines with "Name:" (or Q/A): this note is a transcript."""
    counts = Counter()
    for line in lines:
        match = _SPEAKER.match(_TIMESTAMP.sub("", line))
        if match and match["who"].lower() not in _NOT_SPEAKERS and (match["who"].lower() in _SELF_SPEAKERS
                                                                   or not _label_kind(match["who"])):
            counts[match["who"]] += 1
    speakers = {who for who, n in counts.items() if n >= 2}
    return speakers if len(speakers) >= 2 or speakers & {"Q", "A"} else set()


def _role(who: str, mentor: str | None) -> str:
    """"me" or "mentor" for a transcript speaker: Q, Me and I are the user; with the
    meeting's mentor known, a speaker who shares no name with them is the user too."""
    lowered = who.lower().strip(".")
    if lowered in _SELF_SPEAKERS:
        return "me"
    if lowered == "a" or not mentor:
        return "mentor"
    mentor_words = set(re.sub(r"[-.’']", "", mentor.lower()).split())
    who_words = set(re.sub(r"[-.’']", "", lowered).split()) - {"dr", "prof", "mr", "mrs", "ms"}
    return "mentor" if who_words & mentor_words else "me"


def _looks_like_title(line: str) -> bool:
    """The note's first line names the meeting ("Call with Tanaka, 3 March 2026"); a label,
    a heading, a list item or a code fence is not a title."""
    text = line.strip()
    if (_BULLET.match(line) or _heading(line) or text.startswith(("```", "~~~", "|")) or _SPEAKER.match(text)
            or _EMOJI_BULLET.match(line)):
        return False
    if _bare_label(text, others=True) or (_LABEL.match(text) and _label_kind(_LABEL.match(text)["label"])):
        return False
    return bool(re.search(r"[^\W\d_]", text)) and len(text.split()) <= 14 and not text.endswith((".", "!", "?", ":"))


def _quoted_by(raw_lines: list[str], mentor: str | None) -> list[str | None]:
    """For a pasted email thread: the role ("mentor" or "me") of whoever wrote each quoted
    ("> ") line, from the "On ..., NAME <...> wrote:" line above it."""
    roles: list[str | None] = []
    author: str | None = None
    for line in raw_lines:
        match = _WROTE_LINE.match(line)
        if match:
            author = _role(match["who"], mentor)
        roles.append(author if author and line.lstrip().startswith(">") else None)
    return roles


def _units(markdown: str, mentor: str | None = None) -> list[_Unit]:
    raw_lines = markdown.splitlines()
    quoted = _quoted_by(raw_lines, mentor)
    lines = [_CALLOUT.sub("", raw) if raw.lstrip().startswith(">") else raw for raw in raw_lines]
    lines = ["" if _PROPERTY_BULLET.match(line) else line for line in lines]  # Logseq "- tags:: ..."
    speakers = _transcript_speakers(lines)
    units: list[_Unit] = []
    section: str | None = None       # the kind the current lines belong to
    heading_section: str | None = None  # the kind of the last Markdown heading (lasts to the next)
    heading_level = 99
    label_open = False    # a label line's section: ends after a blank line, at the next non-list line
    label_filled = False
    after_blank = False
    nested: list[tuple[int, str | None]] = []  # (indent, section before) for "- advice:" bullets
    table_kinds: list[str | None] | None = None  # the kinds of a Markdown table's columns
    timed_role: str | None = None  # the speaker of the lines under "Name  0:13"
    quoted_role: str | None = None  # who wrote the quoted lines of an email thread
    in_fence = False
    paragraph: list[str] = []
    current: _Unit | None = None

    def flush_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            # Phone notes put one thought per line with no full stops: read each line on
            # its own. Prose with punctuation is joined first (a PDF wraps its lines).
            ended = sum(1 for line in paragraph if line.rstrip().endswith((".", "!", "?", "…", '"', "”", ")")))
            pieces = paragraph if len(paragraph) > 1 and ended * 2 < len(paragraph) else [" ".join(paragraph)]
            for piece in pieces:
                for sentence in split_sentences(piece):
                    for clause in _clauses(sentence):
                        units.append(_Unit(clause, section, quote=sentence if clause != sentence else None,
                                           speaker=quoted_role))
        paragraph = []

    def flush_bullet() -> None:
        nonlocal current
        if current is not None:
            units.append(current)
        current = None

    first = next((i for i, line in enumerate(lines)
                  if line.strip() and not re.match(r"^#+\s*page \d+\s*$", line.strip(), re.I)), None)
    for number, line in enumerate(lines):
        if number == first and _looks_like_title(line):
            continue  # "Call with Tanaka, 3 March 2026": the title, not a sentence of the note
        if quoted[number] != quoted_role:
            flush_bullet(); flush_paragraph()
            quoted_role = quoted[number]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            flush_bullet(); flush_paragraph()
            continue
        if in_fence:
            continue
        if not line.strip():
            flush_bullet(); flush_paragraph()
            after_blank = True
            continue
        line = _TIMESTAMP.sub("", line) if speakers else line
        timed = _TIMED_SPEAKER.match(line)
        if timed:
            flush_bullet(); flush_paragraph()
            timed_role = _role(timed["who"], mentor)
            continue
        row = _TABLE_ROW.match(line)
        if row or _TABLE_RULE.match(line):
            flush_bullet(); flush_paragraph()
            if row and not _TABLE_RULE.match(line):
                cells = [c.strip() for c in row["cells"].split("|")]
                if table_kinds is None:
                    table_kinds = [_label_kind(c) for c in cells]
                    if not any(k in ("advice", "action") for k in table_kinds):
                        table_kinds = [None] * len(cells)
                else:
                    for cell, kind in zip(cells, table_kinds):
                        if cell.strip(" -—–") and kind in ("advice", "action"):
                            units.append(_Unit(cell, kind, bullet=True))
            continue
        table_kinds = None
        bullet = _BULLET.match(line)
        emoji = None if bullet else _EMOJI_BULLET.match(line)
        if emoji:
            bullet = emoji
        if label_open and label_filled and after_blank and not bullet:
            section, label_open = heading_section, False
        after_blank = False
        heading = _heading(line)
        if heading and not bullet:
            level, title = heading
            flush_bullet(); flush_paragraph()
            nested.clear()
            kind = _label_kind(title)
            if level == 7:  # a bold label works like a label line
                if kind is not None:
                    section, label_open, label_filled = kind, True, False
                continue
            if kind is not None or level <= heading_level:
                heading_section, heading_level = kind, (level if kind is not None else 99)
            section, label_open = heading_section, False
            continue
        if bullet:
            flush_bullet(); flush_paragraph()
            indent = len(bullet["indent"].replace("\t", "    "))
            while nested and indent <= nested[-1][0]:
                section = nested.pop()[1]
            text = bullet["text"]
            mark = emoji["mark"] if emoji else None
            inner = _EMOJI_BULLET.match(text) if not emoji else None
            if inner:  # "- 💡 text"
                mark, text = inner["mark"], inner["text"]
            hint = _EMOJI_KINDS.get(mark or "")
            if mark and (_heading(text) or _bare_label(text)):  # "> 💡 **Key points from him**"
                flush_bullet()
                kind = _label_kind(_heading(text)[1] if _heading(text) else text)
                section, label_open, label_filled = kind, True, False
                continue
            box = _CHECKBOX.match(text)
            done = bool(box and box["mark"] != " ") or bool(re.search(r"^~~.+~~$|\((?:done|sent|booked)\)", text, re.I))
            text = box["text"] if box else text
            kind = _bare_label(text)
            label = _LABEL.match(text)
            if kind is None and label and not label["rest"].strip():
                kind = _bare_label(label["label"])
            if kind is not None:
                nested.append((indent, section))
                section = kind
                continue
            if hint == "done":
                done, hint = True, "action"
            if hint == "other":
                continue
            current = _Unit(text, hint or section, done, bullet=True, checkbox=bool(box),
                            speaker=quoted_role if not section else None)
            label_filled = True
            continue
        if current is not None and line[:1].isspace():
            current.text += " " + line.strip()
            continue
        if timed_role is not None:
            flush_bullet()
            for sentence in split_sentences(line.strip()):
                units.append(_Unit(sentence, None, speaker=timed_role))
            continue
        flush_bullet()
        nested.clear()
        stripped = line.strip()
        speaker = _SPEAKER.match(stripped)
        if speaker and speaker["who"] in speakers:
            flush_paragraph()
            role = _role(speaker["who"], mentor)
            for sentence in split_sentences(speaker["text"]):
                units.append(_Unit(sentence, None, speaker=role))
            label_filled = True
            continue
        bare = _bare_label(stripped, others=True)
        label = _LABEL.match(stripped)
        kind = bare or (_label_kind(label["label"]) if label else None)
        if kind is None and stripped.endswith(":") and len(stripped.split()) <= 16:
            lead = stripped[:-1]
            kind = _label_kind(lead) or ("other" if _MENTOR_LIST.search(lead) else None) or \
                ("action" if _LEADIN_ACTION.search(lead) else None) or ("advice" if _LEADIN_ADVICE.search(lead) else None)
        if kind is not None:
            flush_paragraph()
            rest = "" if bare or (not label) else label["rest"].strip()
            section, label_open, label_filled = kind, True, bool(rest)
            if rest:
                for sentence in split_sentences(rest):
                    units.append(_Unit(sentence, kind, quote=_clean(stripped)))
            continue
        if len(stripped.split()) <= 8 and not stripped.endswith((".", "!", "?", ",", ";")):
            flush_paragraph()  # a line of its own ("Session 2 - planning"): not part of the next sentence
            units.append(_Unit(stripped, section, fragment=True))
        else:
            paragraph.append(stripped)
        label_filled = True
    flush_bullet(); flush_paragraph()
    return units


def extract_items(markdown: str, classifier: SentenceClassifier | None = None,
                  mentor: str | None = None) -> list[ExtractedItem]:
    """Advice and action items of a note, in note order (see the module docstring).

    Listed items under an advice or action label take the label's kind, unless a rule
    says the line is neither (a question, the mentor's own promise); prose and transcript
    sentences are judged one by one. Checkboxes set ``done``. With no classifier, prose
    sentences no rule decides are left out. ``mentor`` (the meeting's) tells the user's
    turns in a transcript from the mentor's.
    """
    units = [u for u in _units(markdown, mentor) if _clean(u.text) and u.section != "other"]
    texts = [_clean(u.text) for u in units]
    scanned = len(re.findall(r"[A-Za-z]0|0[a-z]", markdown)) >= 2  # OCR of handwriting
    readable = [_unscan(t, scanned) for t in texts]  # rules and classifier read OCR slips as letters
    rules = [rule_kind(t) for t in readable]
    wanted = [i for i, u in enumerate(units)
              if (rules[i] is None and (not u.bullet or u.section is None))
              or (u.section is None and u.speaker is None and rules[i] == "advice" and _IMPERATIVE.match(readable[i]))]
    scores: dict[int, dict[str, float]] = {}
    if classifier is not None and wanted:
        scores = dict(zip(wanted, classifier.scores([readable[i] for i in wanted])))
    items: list[ExtractedItem] = []
    for i, unit in enumerate(units):
        kind = _decide(unit, readable[i], rules[i], scores.get(i))
        if kind is None:
            continue
        text = texts[i]
        quote = unit.quote or text
        if kind == "action":
            because = _BECAUSE_ADVICE.search(text)
            because = because if because and because.start() > 12 else None
            action_text = text[: because.start()].rstrip(" ,") if because else text
            for task in split_tasks(action_text):
                items.append(ExtractedItem("action", _strip_lead(task), unit.done, quote=quote))
            if because:
                items.append(ExtractedItem("advice", because["advice"].rstrip("."), quote=quote))
        else:
            items.append(ExtractedItem("advice", _strip_lead(text), unit.done, quote=quote))
    return _dedupe(items)


def _decide(unit: _Unit, text: str, rule: str | None, score: dict[str, float] | None) -> str | None:
    """The kind of one unit, or None when it is neither advice nor an action."""
    if unit.section in ("advice", "action"):
        if rule == "other":
            return None
        if score is not None and score["other"] >= 0.7:
            return None  # a story or an aside in the section's prose
        if unit.section == "advice" and rule == "action" and not unit.bullet:
            return "action"  # "I'll try it next week" in a paragraph under "Her advice"
        if unit.section == "action" and re.match(r"^(?:you should|you shouldn't|you need to|you must|don'?t|never"
                                                 r"|always)\b", text, re.IGNORECASE):
            return "advice"  # second-person counsel the user copied among their to-dos
        return unit.section
    if unit.checkbox and rule != "other" or unit.done:
        return "action"  # a checkbox is a task; ticked means done
    if unit.speaker == "me":
        return "action" if rule == "action" else None
    if unit.speaker == "mentor":
        if re.search(r"\b(?:i'd|i would|i wouldn't|i would not|if i were you|in your shoes)\b"
                     r"(?! (?:love|like|be (?:happy|glad)|appreciate|have to check))", text, re.IGNORECASE):
            return "advice"  # "I'd put teaching first": the mentor's counsel
        if _SELF_COMMIT.search(_CONJUNCTION.sub("", text)) or rule == "other":
            return None  # "I'll send you the article" is the mentor's promise
        if rule is not None:
            return "advice"  # an imperative from the mentor is advice to the mentee
        if score is not None and score["advice"] >= 0.5 and len(text.split()) >= 4:
            return "advice"
        return None
    if len(text) < 8 or len(text.split()) < 2 or (unit.fragment and rule is None and len(text.split()) < 3):
        return None  # a stray line or a word or two, outside any advice or action list
    if rule == "advice" and _IMPERATIVE.match(_CONJUNCTION.sub("", text)) and not _ADVICE_IMPERATIVE.match(text):
        # A bare imperative with a task verb in the user's own notes ("draft the paper",
        # "email Ravi") is usually their to-do; the classifier can still call it advice.
        deadline = _DEADLINE.search(text)
        if (_first_verb(text) in _CHORE_VERBS or deadline) and (score is None or score["advice"] < 0.6 or deadline):
            return "action"
        return "advice"
    if rule is not None:
        return rule if rule != "other" else None
    if unit.fragment:  # a short line of its own ("first 100 days: listen, don't fix"): only when clear
        return max(score, key=score.get) if score and max(score.values()) >= 0.6 and \
            max(score, key=score.get) != "other" else None
    if unit.bullet and score is not None and score["other"] < 0.5:
        return "advice" if score["advice"] >= score["action"] else "action"  # a listed point, not a story
    if score is None:
        return None
    best = max(score, key=score.get)
    return best if best != "other" and score[best] >= 0.6 else None


def _unscan(text: str, scanned: bool = False) -> str:
    """What the rules read: a leading "Name:" gone, and in a scanned note OCR slips undone
    (a zero inside a word is an o, "rn" is often an m: "b00k", "rnark")."""
    text = re.sub(r"^(?-i:[A-Z][a-z]+):\s+(?=\S)", "", text)
    if scanned:
        text = re.sub(r"(?<=[A-Za-z])0|0(?=[a-z])", "o", text)
        text = re.sub(r"\brn(?=[aeiou])|(?<=[aeiou])rn(?=[aeiou])|(?<=e)rn\b", "m", text)
    return text


def _strip_lead(text: str) -> str:
    text = re.sub(r"^(?:TODO|To-?do|Action|AI|done|me)\s*[:\-]\s*|^(?:todo|to-?do)\s+", "", text, flags=re.I)
    return text.strip().strip("\"“”").strip()


def _dedupe(items: list[ExtractedItem]) -> list[ExtractedItem]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item_key(item.text)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def extract_purpose(markdown: str, limit: int = 600) -> str | None:
    """The paragraph under a "Purpose" heading, for the meeting's purpose."""
    lines: list[str] = []
    inside = False
    for line in markdown.splitlines():
        heading = _heading(line)
        if heading:
            if inside:
                break
            inside = bool(_PURPOSE.match(heading[1].strip()))
            continue
        if inside:
            if not line.strip() and lines:
                break
            lines.append(line.strip())
    text = _clean(" ".join(lines))
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# ----- matching old items to new ones, so outcomes survive an edit --------------------
def item_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def match_items(old: Sequence[str], new: Sequence[str], fuzzy: float = 0.9) -> dict[int, int]:
    """Map index in ``new`` -> index in ``old`` for items that are the same.

    Exact text (ignoring case and punctuation) first; then, among the rest, near-identical
    text (a fixed typo) with a similarity of at least ``fuzzy``.
    """
    old_keys = [item_key(t) for t in old]
    new_keys = [item_key(t) for t in new]
    free: dict[str, list[int]] = {}
    for i, key in enumerate(old_keys):
        free.setdefault(key, []).append(i)
    matches: dict[int, int] = {}
    for j, key in enumerate(new_keys):
        if free.get(key):
            matches[j] = free[key].pop(0)
    unmatched_old = [i for i in range(len(old)) if i not in matches.values()]
    candidates = sorted(
        (
            (difflib.SequenceMatcher(None, new_keys[j], old_keys[i]).ratio(), j, i)
            for j in range(len(new)) if j not in matches
            for i in unmatched_old
        ),
        reverse=True,
    )
    used: set[int] = set()
    for ratio, j, i in candidates:
        if ratio < fuzzy:
            break
        if j not in matches and i not in used:
            matches[j] = i
            used.add(i)
    return matches


# ----- free text, with a capable model ---------------------------------------------------
class ModelItem(BaseModel):
    """One entry of a chat model's answer, validated before it can reach the ledger."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["advice", "action"]
    text: str = Field(min_length=2, max_length=600)

    @field_validator("kind", mode="before")
    @classmethod
    def _lower(cls, value):
        return value.lower().strip() if isinstance(value, str) else value


def parse_model_items(answer: str) -> list[ExtractedItem]:
    """Read the model's JSON list of {"kind", "text"}; anything else is an error."""
    start, end = answer.find("["), answer.rfind("]")
    if start < 0 or end < start:
        raise ValueError("the model did not answer with a JSON list")
    try:
        data = json.loads(answer[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"the model's list is not valid JSON: {exc.msg}") from None
    items = []
    for entry in data if isinstance(data, list) else []:
        try:
            item = ModelItem.model_validate(entry)
        except ValidationError:
            continue  # one malformed entry (a kind we do not know, no text) does not spoil the rest
        items.append(ExtractedItem(item.kind, _clean(item.text), origin="model"))
    return items


def extract_with_model(model, markdown: str) -> list[ExtractedItem]:
    """Advice and actions stated in prose, which bullets miss. Only for a capable model."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from mentordesk.prompts import load_prompt

    system, user = load_prompt("extract_advice").render(note=markdown[:12000])
    answer = model.invoke([SystemMessage(system), HumanMessage(user)])
    return parse_model_items(str(answer.content))


def merge_model_items(from_rules: list[ExtractedItem], from_model: list[ExtractedItem],
                      note: str | None = None, dropped: list[ExtractedItem] | None = None) -> list[ExtractedItem]:
    """The rules' items win; the model adds only items they do not already hold, and, given
    the note, only items whose words are in it (an item the model made up is dropped, and
    added to ``dropped`` when given)."""
    known = [i.text for i in from_rules]
    extra = []
    for item in from_model:
        quote = find_span(note, item.text) if note is not None else item.text
        if quote is None:
            if dropped is not None:
                dropped.append(item)
            continue
        if not match_items(known, [item.text], fuzzy=0.8):
            extra.append(ExtractedItem(item.kind, item.text, item.done, item.origin, quote))
            known.append(item.text)
    return from_rules + extra


def find_span(note: str, text: str, threshold: float = 0.8) -> str | None:
    """The sentence of ``note`` that holds ``text`` (most of its words, in any order), or
    None when the note does not say it."""
    words = set(item_key(text).split())
    if not words:
        return None
    best, best_score = None, 0.0
    for line in note.splitlines():
        for sentence in split_sentences(_clean(line)):
            have = set(item_key(sentence).split())
            score = len(words & have) / len(words)
            if score > best_score:
                best, best_score = sentence, score
    return best if best_score >= threshold else None
