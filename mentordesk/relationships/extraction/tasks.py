"""Several tasks in one sentence ("send the deck, book a call and read chapter 3"), and
the verbs that mark a chore rather than counsel.
"""

from __future__ import annotations

import re

_TASK_VERBS = frozenset("""
send email e-mail redo rework redraft rerun regroup rename remove add export book read ask write draft update share schedule call follow reach introduce intro set prepare
prep review talk meet check look find try start finish apply sign join buy order research practice practise list
make get plan block reply thank post publish connect message text ping watch listen sketch outline compile collect
gather map pick choose decide propose pitch present run test track log keep record note document revise rewrite edit
submit invite organise organize arrange confirm move learn study take do go visit attend register renew fix build
ship raise negotiate tell let show give offer brainstorm identify rank shortlist refresh polish clarify summarise
summarize circulate loop sync align finalise finalize complete close contact sort put dig draw turn bring create
design print mail forward push lock nail spend cut drop clear enrol enroll volunteer interview shadow pair accept
decline redo hold trim audit cancel interview pass reach rehearse price quote charge open frame own delegate hand
bake host rerun retry re-read reread double prune measure compare estimate calculate benchmark automate migrate
change switch launch reopen hire fire tidy sketch mock pilot rehearse shadow talk
""".split())


_TASK_LEAD = re.compile(
    r"^(?:me\s*[:>–-]+\s*|.*?\b(?:next steps? for me|my next steps?|my actions?|to-?dos?|action items?|for me|on my side)\s*"
    r"(?:is|are|:|-|,)?\s*|(?:ok,?\s+|okay,?\s+|got it\.?\s+)?(?:so |and |then |also )?i(?:'ll| will| am going to"
    r"|'m going to| need to| have to| promised to| plan to| want to| agreed to| should|'m(?= \w+ing\b))\s+(?:also\s+)?"
    # Spanish and French: "Yo me comprometo a: …", "voy a …", "tengo que …", "je vais …"
    r"|(?:yo\s+)?(?:me comprometo a|me comprometí a|voy a|tengo que)\s*:?\s*|je (?:vais|dois)\s+)",
    re.IGNORECASE,
)
# A Spanish or French infinitive ("hablar", "armar", "leerme", "écrire") starts a task too.
_INFINITIVE = re.compile(r"^[a-záéíóúñèêç]{2,}(?:ar|er|ir|re)(?:me|te|le|lo|la|les|los|las|se)?\b", re.IGNORECASE)


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


def _starts_a_task(text: str) -> bool:
    return _first_verb(text) in _TASK_VERBS or bool(_INFINITIVE.match(text.strip()))


def _first_verb(text: str) -> str:
    lead = (r"^(?:also|then|to|finally|and|so|i'll|i will|i'm going to|i am going to|i need to|i have to|i want to"
            r"|i plan to|i'm|i am)\s+")
    text = text.lower()
    for _ in range(3):
        text = re.sub(lead, "", text)
    word = text.split(" ", 1)[0].strip("(\"")
    if word.endswith("ing") and len(word) > 5:  # "changing the headline", "asking for references"
        stem = word[:-3]
        for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
            if base in _TASK_VERBS:
                return base
    return word


def split_tasks(sentence: str) -> list[str]:
    """"Next steps for me: send the deck, book a call with Ravi and read chapter 3." ->
    ["send the deck", "book a call with Ravi", "read chapter 3"]. Only a list with commas is
    split ("X and Y" alone is one task), and only where every part starts with a verb, so
    "read the chapter on risks, costs and timelines" stays whole."""
    # "I'll ring Mitchelstown in the morning and I'll ask the designer…": each "I'll" is a
    # commitment of its own.
    again = re.split(r"\s+(?:and|then|&)\s+(?=(?:i'll|i will|i'm going to|i am going to)\s)", sentence.strip(),
                     flags=re.IGNORECASE)
    if len(again) > 1:
        return [task for part in again for task in split_tasks(part)]
    lead = _TASK_LEAD.match(sentence)
    body = (sentence[lead.end():] if lead else sentence).strip().rstrip(".!;")
    # Only a real list is split: "a, b and c", or three or more parts. "Do X and send Y"
    # stays one item, readable on its own ("ask about cost" alone would not say whom).
    if " / " in body and not re.search(r"[,;]", body):  # "add checks / ask him about access / put it in git"
        slashed = [p.strip() for p in body.split(" / ") if p.strip()]
        if len(slashed) >= 2 and all(_first_verb(p) in _TASK_VERBS for p in slashed):
            return slashed
    if not re.search(r"[,;].*\b(?:and|then|y|e|et|luego)\b|[,;].*[,;]", body):
        return [sentence.strip()]
    pieces = [p.strip() for p in re.split(r",\s*(?:and\s+then\s+|and\s+|then\s+|y\s+|et\s+)?|;\s*", body) if p.strip()]
    if len(pieces) >= 2:
        last = re.split(r"\s+(?:and|then|&|y|e|et)\s+(?=\S)", pieces[-1], maxsplit=1)
        if len(last) == 2 and _starts_a_task(last[1]):
            pieces = pieces[:-1] + last
    if any(re.match(r"^(?:and\s+|then\s+)?\w+\s+(?:it|them|that|those|this|these)\b", p, re.IGNORECASE)
           for p in pieces[1:]):
        return [sentence.strip()]  # "…, and send them to me before noon": one task, "them" needs the first part
    if len(pieces) >= 2 and all(_starts_a_task(p) for p in pieces):
        return [re.sub(r"^(?:also|then|to|finally)\s+", "", p).strip() for p in pieces]
    return [sentence.strip()]
