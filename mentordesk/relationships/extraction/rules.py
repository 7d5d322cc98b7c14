"""Plain rules that decide a sentence when its wording says what it is: a first-person
commitment, reported advice, a question, the mentor's own promise, logistics.
"""

from __future__ import annotations

import re

from ingest.note_meta import WRITTEN_LINE
from mentordesk.relationships.extraction.languages import other_language_kind
from mentordesk.relationships.extraction.tasks import _TASK_VERBS, _first_verb

_SELF_COMMIT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:so|and|then|now|next,?|also,?|first,?|agreed,?|ok,?|okay,?)\s+)"
    r"(?:i(?:'ll| will| shall|(?:'m| am)(?: also| still| really| definitely| probably| just)? (?:going to|gonna)| promised to| need to| have to| must"
    r"| want to| plan to| intend to| committed to| agreed to| owe (?:her|him|them)| am to|'m to| should(?! have)"
    r"| will also|'ll also|'d better| really need to)|my (?:next )?(?:step|action|task|homework|to-?do)s?"
    r"(?: for \w+)? (?:is|are|will be)|next steps? for me|for me to do|to-?do\b|todo\b)"
    r"|^(?:also |and |then )?(?:going to|gonna|will|need to|must|plan to)\s+\w|^me\s*[:>]\s*\w|^\((?:me|mine)\)\s*\w",
    re.IGNORECASE,
)
# "I want to know what FP&A looks like", "I would be very grateful", "I'll write that down",
# "I want to get this down before I forget":
# a wish, a courtesy or a note-taker's aside, not a task.
_NOT_A_TASK = re.compile(r"\bi (?:want(?:ed)? to|would like to|'d like to) (?:know|understand|hear)\b"
                         r"|\bi(?:'d| would) be (?:very |really |so )?(?:grateful|glad|happy|delighted)\b"
                         r"|^i(?:'ll| will) (?:write|note|jot) (?:that|it|this) down\b"
                         # a voice memo's opening: "I want to get this down before I forget"
                         r"|\b(?:i want to|i need to|i'll|i will|let me|gonna|going to) (?:quickly )?(?:get|write|jot|put|note)"
                         r" (?:this|it|these|that|everything) down\b|\b(?:writing|jotting) (?:this|these|it) down\b"
                         r"|\bbefore i forget\b"
                         # what the note is: "notes from lunch w Sione today so they're somewhere I'll find them"
                         r"|^(?:my |quick |rough )?notes (?:from|on|re|of|after) (?:the |my |our |lunch|coffee|call|chat|today)"
                         # an aspiration or thanks, not a step: "I want to be the person who…", "I owe her so much"
                         r"|\bi want to be (?:the|a|an|someone|somebody|known)\b"
                         r"|\bi owe (?:her|him|them) (?:so much|a lot|big|one|everything|my)\b", re.IGNORECASE)


_REPORTED = re.compile(
    r"\b(?:she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+))(?:'s| has| had| have)?\s+(?:also\s+|strongly\s+|really\s+|gently\s+|just\s+)?"
    r"(?:suggested|suggests|recommended|recommends|advised|advises|urged|urges|encouraged|encourages"
    r"|told me (?=to\b|that (?:i|you)\b|i should|you should|not to|never|always)|tells me (?=to\b)|said (?:I|to|that|we|you|never|always|not)|says (?:I|to|that)|warned|warns|pushed me|nudged me"
    r"|insisted|insists|reckons|stressed|emphasi[sz]ed|pointed out|was clear that|is clear that|made the point"
    r"|wants me to|thinks (?:I|you) should)\b"
    r"|\b(?:her|his|their|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+)'s|your)\s+(?:view|advice|take|point|rule|suggestion|recommendation|tip"
    r"|position|opinion|message|main point|line|mantra|framing|argument|verdict|idea|rule of thumb)\b"
    r"|\baccording to (?:her|him|them|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+))\b|\bas (?:she|he|they|you) (?:suggested|said|put it|recommended)\b"
    r"|\byou (?:said|told me|suggested|recommended|pointed out|advised|reminded me)\b",
    re.IGNORECASE,
)


_MENTOR_TASK = re.compile(
    # "KO: he'll put me in touch…", "She said she'll ask her friend…": told back, still theirs
    r"^(?:(?-i:[A-Z][\w.]{0,20}):\s+)?(?:(?:and|also|plus)\s+)?(?:(?:she|he|they) (?:also )?(?:said|says|mentioned)(?: that)?\s+)?"
    r"(?:she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+(?: [A-ZÀ-Þ][a-zß-ÿ]+)?))(?:'ll|’ll| will| is going to"
    r"|'s going to|’s going to|'s gonna| is(?= (?:sending|sharing|booking|writing|doing|bringing|making|setting|sorting))"
    r"| offered to"
    r"| promised to| said she'd| said he'd| would| can| may| might| is happy to| kindly offered to| to)"
    r"\s+(?:also\s+)?(?:send|share|intro|introduce|connect|forward|look|check|dig|find|email|ping|review|read|put"
    r"|loop|ask|talk|pass|make|set|give|get|follow|reach|lend|host|invite|call|text|write|mention|book|fwd|raise"
    r"|chase|flag|arrange|organise|organize|sort|bring|dig|redo|do|sending|sharing|booking|writing|doing|bringing"
    r"|making|setting|sorting|refer|be (?:a |my |your )?(?:referee|reference|sponsor))",
    re.IGNORECASE,
)


_MENTOR_OFFER = re.compile(r"^(?!i\b)(?:she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+))\b.{0,60}\b(?:offered|promised|agreed) to\b",
                           re.IGNORECASE)


# "I'm making the correspondence log tomorrow": a plan with its day is a commitment too.
_SELF_PLANNED = re.compile(r"\bi(?:'m| am) (?!not\b)\w+ing\b.{0,60}\b(?:tomorrow|tonight|this (?:week|weekend|evening)"
                           r"|next week|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)


# The mentor's promise told back to them, in a thank-you email: "You said you'd talk to Eoin".
_YOUR_PROMISE = re.compile(r"^(?:and\s+)?you (?:said you'?d|said you would|said you'?ll|offered to|promised to|kindly offered)\b",
                           re.IGNORECASE)


_IMPERATIVE = re.compile(
    r"^(?:don'?t|do not|never|always|avoid|stop|start|try|keep|ask|say|make|focus|write|talk|pick|choose|push|build"
    r"|find|get|take|treat|think|spend|put|let|lead|learn|read|be|go|use|stay|practi[cs]e|negotiate|delegate"
    r"|document|frame|protect|prioriti[sz]e|set|give|show|share|volunteer|look|aim|remember|consider|prepare|test"
    r"|resist|trust|assume|separate|own|measure|track|invest|hire|trade|plan|block|drop|move|stick|lean|double|cut"
    r"|open|bring|price|quote|check|lead|rehearse|run|send|reply|open|charge|start|lead|name|sleep|celebrate|wait"
    r"|accept|decline|push back|clarify|insist|default|ship|cap|finish|complete|apply|join|skip|request|quit"
    r"|leave|sit|register|learn)\b",
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
    r"|joined|moved|started|works|described|listened|laughed|once|used to|spent|went|left|admitted|explained (?:that|how|why)"
    r"|liked (?:that|how|my|the)|came back)|(?:she|he) also talked about|met (?-i:[A-Z])\w+ (?:in|at|for|over)\b"
    r"|(?-i:[A-ZÀ-Þ][\wß-ÿ]+ [A-ZÀ-Þ][\wß-ÿ]+) (?:explained|described|shared|admitted|told (?:a|us|the) stor)"
    r"|(?:-\s*)?(?:you|she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+)) (?:also )?mentioned"
    r"|(?:told|talked|discussed|went|asked|showed|explained|spoke|chatted|caught up) (?:her|him|them|abt|about|thru|through"
    r"|over|on|me)|(?:she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+)) (?:didn't|did not|let me|listened|was|seemed|came|looked|gave"
    r"|sent|arrived|brought|thought the|loved|liked|shared|noted|walked|described|recounted|highlighted|explained"
    r"|asked|talked|told (?:a|me a|us|the) stor)|i'm (?!going|gonna|to\b|also going|planning|\w+ing\b)|i've (?:started|been))\b",
    re.IGNORECASE,
)


_LOGISTICS = re.compile(
    r"^next\s*(?::|(?:coffee|meeting|session|call|1:1|1-1|1on1|catch[- ]?up|chat|sync|walk|lunch|check[- ]?in"
    r"|one|time|date)\b)|^(?:i've|i have) been thinking about\b|^(?:see you|speak|talk) (?:soon|then|next)\b"
    r"|^follow[- ]?up (?:set|booked|scheduled|is|on|in)\b|^wrote this up\b|^let's (?:say|speak|talk|meet)\b"
    r"|^agreed (?:we'd|we would|to meet|on)\b|^(?:can|could|would|will) you\b"
    r"|^(?:ai[- ])?generated (?:content|by|with)|(?:always |please )?(?:double-)?check (?:it |them )?for accuracy|(?:so )?(?:the|my) (?:big |real |main )?question (?:is|was)\b|^exported from\b|^notebook:|^(?:call|meeting) on \w+ \d"
    # A note's own byline or an AI summary's overview: "Prepared by me after the call with
    # Ingrid", "Meeting summary for ...", "Alex Chen and Lucía discussed ...".
    r"|^(?:prepared|written|drafted|recorded|transcribed|summari[sz]ed) by\b"
    r"|^(?:meeting )?(?:summary|recap|minutes) (?:for|of)\b"
    r"|^[\w'’.-]+(?: [\w'’.-]+){0,3}(?: \([^)]*\))? and [\w'’.-]+(?: [\w'’.-]+){0,3} (?:discussed|talked|met|caught up"
    r"|covered|spoke|reviewed|went over)\b"
    r"|\b(?:stop|end(?:ed)?) (?:the )?recording\b|^that'?s (?:it|all)\b"
    # Two people "to reconnect": the next meeting, nobody's task.
    r"|^[\w'’.-]+(?: [\w'’.-]+)? and [\w'’.-]+(?: [\w'’.-]+)? (?:to|will) (?:reconnect|meet|catch up|regroup|touch base"
    r"|speak|talk|sync|follow up)\b",
    re.IGNORECASE,
)

# "written Sun 1/25/2026", "Printed 11/20/2025": when the note was written or printed
# (the same lines ingest.note_meta sets aside when it dates a note).
_WRITTEN_ON = re.compile(WRITTEN_LINE.pattern + r".{0,40}\d", re.IGNORECASE)


# What note and meeting tools write around the notes: WhatsApp's encryption notice, Gemini's
# survey line, a Teams recap's recording lines, LinkedIn's "View Aditi's profile".
_TOOL_TEXT = re.compile(
    r"end-to-end encrypted|^learn more\.?$|provide feedback about using \w+|^recording (?:and transcript|expires\b)"
    r"|^(?:transcript|recording)s? (?:is|are) (?:available|ready)|^view [\w'’ .-]+['’]s? profile$"
    r"|^this message was deleted|^<media omitted>|^missed (?:voice |video )?call\b|^you deleted this message",
    re.IGNORECASE)


def _logistics(bare: str) -> bool:
    return bool(_LOGISTICS.match(bare) or _WRITTEN_ON.match(bare) or _TOOL_TEXT.search(bare))


_MONTH_WORD = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|enero|febrero|marzo|abril|mayo|junio"
               r"|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|avril|juin|juillet|août"
               r"|septembre|octobre|novembre|décembre|januar|februar|märz|mai|juni|juli|oktober|dezember|jänner)")
_DATE_LINE = re.compile(rf"^(?:(?:\w+day|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|lunes|martes|miércoles|jueves|viernes"
                        rf"|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch"
                        rf"|donnerstag|freitag|samstag|sonntag|(?-i:Mo|Di|Mi|Do|Fr|Sa|So))\.?,?\s+)?"
                        rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_MONTH_WORD}"
                        rf"|{_MONTH_WORD}\s+\d{{1,2}}"
                        rf"(?:st|nd|rd|th)?|\d{{4}}-\d\d-\d\d|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}),?(?:\s+(?:de\s+)?\d{{4}})?"
                        r"(?:(?:\s*[,;·|–—-]|\s+(?=(?-i:[A-Z0-9])))\s*(?!.*\b(?:said|says|told|suggest\w*|should|advi[cs]e\w*|must)\b)"
                        r"[\w .,'’&()/-]{0,60})?$", re.IGNORECASE)

# A line that carries an address or an email header: "Kobby <kobby@school.org>", "From: ...".
_CONTACT = re.compile(r"<[^<>\s]+@[^<>\s]+>|^\S+@\S+\.\w+$|^(?:from|to|cc|bcc|sent|date|subject):\s"
                      r"|^\+?[\d\s().-]{7,}$", re.IGNORECASE)  # an address, a header, a phone number


# A sentence that opens by reporting the mentor ("She said I should...", "His advice: ...")
# is advice even when it goes on in the first person.
_REPORTED_LEAD = re.compile(
    r"^(?:she|he|they|you|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+(?: [A-Z][a-z]+)?))\s+(?:also\s+|strongly\s+|really\s+|just\s+)?"
    r"(?:said(?=[,:]? (?:to|I|that I|that you|you|we|never|always|not|don't|do not|it's worth|the trick|the key)\b"
    r"|[,:]?\s*[\"“]|:)|says (?=to|I|you)|suggested|suggests|recommended|recommends|advised|urged|encouraged"
    r"|told me (?:to|that I|I)|thinks(?=.*\b(?:I|you|we) (?:should|could|need|must|ought|have to|might)"
    r"| (?:it'?s|it is) (?:worth|better|best|time|fine|ok)| (?:the|my|a) \w+ (?:should|needs|must))"
    r"|believes(?= (?:that )?(?:I|you|we) (?:should|could|need|must))|reckons"
    r"|was clear|is clear|insisted|warned|wants me|pushed me|nudged me|pointed out|made the point)\b"
    r"|^(?:her|his|their|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+)'s|your)\s+(?:advice|view|take|rule|point|suggestion|recommendation|tip)\b",
    re.IGNORECASE,
)


# "She said get on the super-user list", "he said the best thing I can do is...": a report
# whose words are counsel.
_SAID_IMPERATIVE = re.compile(
    r"^(?:she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+))\s+(?:also\s+|basically\s+|just\s+)?"
    # "She laughed and said don't pay anyone yet"
    r"(?:(?:laughed|smiled|sighed|nodded|paused|shrugged|grinned|winced|leaned in)\s+and\s+(?:then\s+)?)?"
    r"(?:said|says)[,:]?\s+"
    r"(?:(?:to\s+)?(?=(?:don'?t|never|always|get|go|ask|make|put|take|keep|stop|start|try|find|sign|apply|write|talk"
    r"|pick|use|learn|do|be|focus|volunteer|wait|push|send|say|treat|think|lead|spend|look|join|build)\b)"
    r"|(?:the )?(?:best|smartest|first|only|main|most important|biggest) (?:thing|move|way|step|bet)\b)",
    re.IGNORECASE)

# A commitment the user reports making: "I said I'd send…", "I told her I would…", "I promised him I'll…"
_SAID_I_WOULD = re.compile(r"^(?:and |so )?i (?:said|told (?:her|him|them)|promised(?: (?:her|him|them))?|agreed)"
                           r"(?: that)? i(?:'d| would|'ll| will)\s+(?!have\b)\w", re.IGNORECASE)
_TOLD_SOMEONE_TO = re.compile(
    r"^(?:(?:i|we)\s+)?(?:also\s+|then\s+|just\s+)?(?:told|advised|encouraged|reminded|suggested to|recommended to)\s+"
    r"(?:her|him|them|my\s+[\w'’]+(?:\s+[\w'’]+)?|(?-i:[A-Z][a-z]+))(?:\s+(?:today|yesterday|again|too))?"
    r"\s+(?:to|the same|that|they|she|he)\b", re.IGNORECASE)


_STRONG_REPORT = re.compile(
    r"\b(?:told me to|said (?:I|to|that I|we)|said[,:]? [\"“]|suggested|recommended|advised|urged|(?:was|is) clear"
    r"|thinks I|wants me to)\b|\bsaid[,:]?\s*[\"“]", re.IGNORECASE)


_CONJUNCTION = re.compile(r"^(?:and|so|also|but|then|plus|oh,? and|finally|first|second|third)[,:]?\s+", re.IGNORECASE)


_CONDITIONAL_ADVICE = re.compile(r"^(?:if|when|whenever|once|before|after|until|for|in|during|with|on|at)\b[^,]{3,80},\s*(?P<rest>.+)$",
                                 re.IGNORECASE)


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'"})


def plain_quotes(text: str) -> str:
    """Word's, Apple's and Google Docs' curly quotes as typed ones: "Don’t" is "Don't"."""
    return text.translate(_TYPOGRAPHIC)


def rule_kind(sentence: str) -> str | None:
    """advice | action | other when a plain rule decides it, else None (ask the classifier)."""
    text = plain_quotes(sentence).strip().strip("\"'")
    bare = _CONJUNCTION.sub("", text)
    if not text:
        return "other"
    if _DATE_LINE.match(text):
        return "other"  # "9 October 2025, Utrecht Science Park": when and where, not a point
    if _logistics(bare) or _CONTACT.search(text) or (text.startswith("(") and text.rstrip(".").endswith(")")):
        return "other"  # "Next coffee: 30 September", an aside in brackets
    if _QUESTIONING.match(bare):
        return "other"  # "I asked if I should wait" reports a question, not an answer
    if (text.endswith("?") or re.search(r"\?\s*(?:->|→|—|-|:)", text)) and not _REPORTED.search(text):
        return "other"  # a question (the mentee's, usually)
    if ((_MENTOR_TASK.match(bare) or _MENTOR_OFFER.search(bare)) and _first_verb(bare) not in _TASK_VERBS) \
            or _YOUR_PROMISE.match(bare):
        return "other"  # the mentor's own promise
    if _REPORTED_LEAD.match(bare) or _SAID_IMPERATIVE.match(bare):
        return "advice"
    other_language = other_language_kind(bare)
    if other_language is not None:
        return other_language
    if _SAID_I_WOULD.match(bare):
        return "action"  # "I said I'd send her my case study this week", "I told him I would call"
    if _TOLD_SOMEONE_TO.match(bare):
        return "other"  # the user's own advice to someone else ("I told her to ask the super-users")
    if _NOT_A_TASK.search(bare):
        return "other"
    if _SELF_COMMIT.search(bare) or _SELF_PLANNED.search(bare):
        return "action"
    if re.match(r"^(?:hi|hello|hey|dear|thanks|thank you|best|cheers|regards|warmly|talk soon|looking forward)\b",
                bare, re.IGNORECASE) and not _REPORTED.search(text):
        return "other"
    if _PAST_OR_META.match(bare) and not _STRONG_REPORT.search(bare):
        return "other"
    if re.match(r"^(?:let me|let's|let us|go ahead|see you|speak soon|talk later|sure|ok(?:ay)?|noted)\b", bare,
                re.IGNORECASE) and not _REPORTED.search(text):
        return "other"  # "Let me be straight with you", "Go ahead": the talk around the counsel
    if _REPORTED.search(text):
        return "advice"
    if _IMPERATIVE.match(bare):
        return "advice"
    conditional = _CONDITIONAL_ADVICE.match(bare)
    if conditional and _IMPERATIVE.match(conditional["rest"]):
        return "advice"  # "If they push, give a range"
    return None


# Someone's story or news told in the third person: not advice even in an advice list.
_NARRATIVE = re.compile(
    r"^(?:she|he|they|(?-i:[A-ZÀ-Þ][a-zß-ÿ]+))(?: also)? (?:noted|shared|asked|told (?:me |us )?(?:a|the|about)\b"
    r"|talked about|walked (?:me |us )?through|described|recounted|spent|laughed|plugged|mentioned (?:that )?(?:she|he|"
    r"her|his|their)|was (?:in|on|at)\b|is (?:off|away|on leave|travelling|traveling))", re.IGNORECASE)
_INTERROGATIVE = re.compile(r"^(?:how|what|why|when|where|who|which|should|shall|can|could|would|do|does|did|is|are"
                            r"|was|will|have|has|any)\b[^.!]*\?\s*$", re.IGNORECASE)


def not_an_item(text: str) -> bool:
    """A line that is neither advice nor an action even inside an advice or action list: a
    question the user asked, the mentor's own promise, logistics, an aside in brackets."""
    bare = _CONJUNCTION.sub("", text.strip().strip("\"“”'"))
    return bool(
        _INTERROGATIVE.match(bare) or _QUESTIONING.match(bare) or _logistics(bare) or _NARRATIVE.match(bare)
        or _CONTACT.search(text)
        or ((_MENTOR_TASK.match(bare) or _MENTOR_OFFER.search(bare)) and _first_verb(bare) not in _TASK_VERBS)
        or _YOUR_PROMISE.match(bare)
        or (text.startswith("(") and text.rstrip(".").endswith(")"))
    )
