"""The vocabulary of a note's structure: headings, label lines and what they announce
(advice, actions, or neither), list markers, checkboxes, emoji bullets, tables and
transcript speaker lines; and the item type the extractor returns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ingest.note_meta import MAIL_HEADERS

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


# A line that is only bold text, "**Action items:**", works as a heading in many notes.
_BOLD_HEADING = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?):?\s*\1\s*:?\s*$")


# "Her advice:", "To do -", "Next steps for me: send the deck" (content may follow).
_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?P<label>[A-Za-zÀ-ÖØ-öø-ÿ][\w'’ /&()-]{1,40}?)(?:\*\*|__)?\s*(?::|\s[-–—](?=\s|$))"
                    r"(?:\*\*|__)?\s*(?P<rest>.*)$")


_BULLET = re.compile(r"^(?P<indent>\s*)(?:(?:->|=>|[→➔➜⇒]|[-*+•▪‣◦○◯●]|\d{1,3}[.)]|\d{1,2}\.\d(?:\.\d{1,2})*\.?|\(\d{1,3}\)|[a-z][.)])\s+"
                     r"|(?=\[[ xXvV/✓✔]\]\s))"
                     r"(?P<text>.*)$")


# "[v]" and "[/]": a tick as typed from a paper notebook or read by OCR
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xXvV/✓✔])\]\s*(?P<text>.*)$")


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
# "Dr. Okonkwo  0:42" (Otter, Fathom) or "Dana R.  12:41 PM" (a pasted Slack or Teams chat):
# the lines under it are that person's turn.
_TIMED_SPEAKER = re.compile(r"^\s*(?P<who>[A-Z][\w'’.-]*(?: [A-Z0-9][\w'’.-]*){0,2})\s+\(?\d{1,2}:\d{2}(?::\d{2})?"
                            r"(?:\s*[AaPp]\.?[Mm]\.?)?\)?:?\s*$")  # "Priya  0:13", Rev's "Speaker 1 (00:00:14):"




_PROPERTY_BULLET = re.compile(r"^\s*(?:[-*]\s+)?[\w-]+::\s")


# A time before a transcript's line ("[12:41]", "0:13"), or a chat export's date and time:
# WhatsApp's "[06/04/2025, 20:14] Aoife: …" and Android's "06/04/2025, 20:14 - Aoife: …".
_TIMESTAMP = re.compile(r"^\s*\[?\(?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?"
                        r"(?:\s*[AaPp]\.?[Mm]\.?)?\)?\]?\s*(?:[-–]\s+)?")


_CALLOUT = re.compile(r"^\s*>\s?(?:\[!\w+\][-+]?\s*)?")


_DECORATION = re.compile(r"^[^\w*#\[(\"'“‘-]+")  # emoji and symbols before a label ("💡 **Key points**")


_SPEAKER = re.compile(r"^\s*(?:\*\*)?(?P<who>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2})(?:\*\*)?\s*(?:\([\d:]+\))?\s*"
                      r"(?:\*\*)?[:：](?:\*\*)?\s*(?P<text>.+)$")


_ADVICE_WORDS = re.compile(
    r"\b(?:advice|advised|takeaways?|take-aways?|taking away|lessons?|learn(?:ed|t|ings?)|suggest(?:ed|ions?)"
    r"|recommend(?:ed|ations?)|tips?|key points?|insights?|feedback|what (?:she|he|they|\w+) (?:said|thinks?|suggested)"
    r"|(?:her|his|their) (?:main |key |big )?(?:notes|view|take|thoughts|points?|rules?)|notes from (?:her|him|them)|what i heard"
    r"|mentor'?s? (?:notes|view|input)|input from|points from|rules? of thumb|wisdom|pointers|taking from"
    r"|take-?homes?|what stuck|what (?:she|he|they) told me"
    # French: "Conseils :", "Ce qu'elle m'a dit", "Ses conseils", "À retenir"
    r"|conseils?|conseille|ce qu['’]\w+ (?:m['’]a dit|a dit|dit|pense|m['’]a conseillé|conseille|recommande|suggère)"
    r"|(?:ses|son|leurs?) (?:conseils?|idées|points|règles?|avis|recommandations?)|recommandations?"
    r"|à retenir|a retenir|ce que je retiens|leçons?|points? clés?|mots? d['’]ordre"
    # Spanish: "Consejos:", "Lo que me dijo", "Sus consejos", "Recomendaciones", "Aprendizajes"
    r"|consejos?|lo que me (?:dijo|recomendó|sugirió|aconsejó)|sus (?:consejos|ideas|recomendaciones|puntos)"
    r"|recomendaciones|sugerencias|aprendizajes|para recordar|ideas clave"
    # German: "Tipps:", "Ratschläge", "Was sie gesagt hat", "Ihr Rat", "Erkenntnisse", "Empfehlungen"
    r"|tipps?|rat|ratschl[äa]ge?|empfehlung|(?:ihr|sein|ihre|seine) (?:rat|tipps?|punkte|ratschläge|empfehlungen|sicht|regeln)"
    r"|was (?:sie|er|\w+) (?:gesagt hat|sagte|meinte|empfiehlt|empfahl|rät|riet)|empfehlungen|erkenntnisse"
    r"|hinweise|impulse|kernaussagen|(?:zum )?mitnehmen|merken|(?:\w+s )?regeln"
    r"|was (?:du|sie|er) mir (?:geraten|empfohlen|mitgegeben) (?:hast|hat|haben)"
    # Portuguese: "Conselhos:", "Dicas", "Orientações do(a) coach", "O que ela disse", "Recomendações"
    r"|conselhos?|dicas?|orienta[çc][õo]es|recomenda[çc][õo]es|sugest[õo]es|aprendizados"
    r"|o que (?:ela|ele|\w+) (?:disse|falou|recomendou|sugeriu)|(?:ela|ele) (?:disse|falou))\b",
    re.IGNORECASE,
)


# The mentor's instructions over a list ("What she told me to do for the summer", "things dana
# said", "stuff Liz said"): her counsel, though it is worded as things to do.
_THEIR_INSTRUCTIONS = re.compile(r"^(?:what|things|stuff|everything) (?!(?:i|we|me)\b)(?:she|he|they|\w+) (?:told me to do"
                                 r"|told me|said|says|wants me to do)\b", re.IGNORECASE)
_ACTION_WORDS = re.compile(
    r"\b(?:action(?: items?|s)?|next (?:steps?|actions?)|to[- ]?dos?|follow[- ]?ups?|commitments?|^(?:my )?homework\b|\bhomework$|tasks?"
    r"|my (?:plan|list|stuff|part|bits?|items|jobs?|side)|i(?:'m| am) going to do|i(?:'ll| will) do|what i(?:'ll| will)|on my side|i wrote down"
    r"|owed by me|for me to do|i promised|i committed|what i'm doing|what i am doing|doing about it)\b"
    r"|^(?:me|mine)$|^(?:i'll|i will|for me)\b"  # ("me dijo que…: …" is a sentence, not the user's list)
    # French: "À faire :", "Prochaines étapes", "Suivis", "Mes actions", "Moi :", "Pour moi"
    r"|(?:^|\b)(?:à|a) faire\b|\bprochaines? étapes?\b|^suivis?\b|\bsuites? à donner\b|\bmes (?:actions|tâches|devoirs"
    r"|suivis|engagements)\b|\btâches?\b|^(?:moi|pour moi|de mon côté)\b|\bce que je (?:vais faire|dois faire|fais)\b"
    # Spanish: "Pendientes:", "Tareas:", "Próximos pasos", "Por hacer", "Mis compromisos", "Qué hago"
    r"|\bpendientes?\b|\btareas?\b|\bpr[óo]ximos pasos\b|\bpor hacer\b|\bmis (?:acciones|compromisos|tareas)\b"
    r"|\bcompromisos\b|\bacciones\b|\bqu[ée] (?:hago|voy a hacer)\b|\blo que (?:hago|voy a hacer)\b"
    # German: "Aufgaben:", "Nächste Schritte", "Meine To-dos", "Offene Punkte", "Maßnahmen", "Was ich mache"
    r"|\b(?:meine )?aufgaben?\b|\bn(?:ä|ae)chste schritte\b|\bmeine (?:to-?dos|punkte|schritte)\b|\boffene punkte\b"
    r"|\bma(?:ß|ss)nahmen?\b|\bwas ich (?:mache|tue|tun werde|machen werde)\b|^(?:für mich|ich)$|\bvereinbart\b"
    # Portuguese: "Próximos passos", "Pendências (minhas)", "Meus próximos passos", "Da minha parte", "Eu vou", "Tarefas"
    r"|\bpr[óo]ximos passos\b|\bpend[êe]ncias\b|\bminhas (?:pend[êe]ncias|tarefas|a[çc][õo]es)\b|\bda minha parte\b"
    r"|^eu vou\b|\ba fazer\b|\bpara fazer\b|\ba[çc](?:[õo]es|[ãa]o)\b|\bcombinados?\b|\bmeus compromissos\b",
    re.IGNORECASE,
)


# Labels whose lines are never advice or actions: the mentee's questions, the agenda...
_OTHER_LABEL = re.compile(
    r"^(?:(?:my |the |open )?questions?(?: i brought| for \w+)?|stories|story|background|context|agenda|purpose|goals?"
    r"|intro(?:duction)?s? offered|attendees|people|date|when|where|location|tags?|created|mentor|with|topics?"
    r"|(?:her|his|their) (?:news|update|story|background|offer)|small talk|logistics|next (?:meeting|catch-up|session|call)"
    r"|subject|from|to|cc|sent|re|status|related|person|met|personal|fyi|parking lot"
    r"|summary keywords|keywords|speakers|where i was|how i was|check[- ]in|focus(?: today| for today)?|theme"
    # A database row's own properties (Notion, Airtable): "Name: Business plan v1", "Type: Intro"
    r"|name|title|type|category|priority|project|created (?:by|time)|last edited(?: by| time)?|modified|updated"
    r"|url|link|source"
    # An Outlook appointment pasted as text: "Show as: Busy", "Reminder: 15 minutes"
    r"|show as|reminder|categories|required|optional|organi[sz]er|sensitivity|importance|recurrence"
    # A meeting platform's row: "Start Time (UTC)", "Duration (min)", "Created At (UTC)"
    r"|(?:start|end)(?: time| date)?(?: \((?:utc|gmt)\))?|duration(?: \(\w+\))?|(?:created|updated) at(?: \((?:utc|gmt)\))?"
    # A later line about how it went ("Update 24/11: Hendersons paid!!"), a column asking "Done?"
    r"|update(?:\s+\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)?|done\?"
    # A daily note's own sections: the day's chores, not a meeting's outcomes.
    r"|today|tonight|this morning|morning|evening|habits|gratitude|groceries|shopping(?: list)?|errands|journal"
    r"|daily(?: log| notes?)?|day plan|plan for today|(?:today'?s )?(?:tasks|todos?) (?:for )?today"
    r"|heute|(?:aufgaben|to-?dos?|erledigungen) (?:für )?heute|heute zu tun|tagebuch|dankbar(?:keit)?|gewohnheiten"
    r"|einkauf(?:en|sliste)?|haushalt|privat"
    # What the mentor observes, not what they advise: "What she sees in junior applicants".
    r"|what (?:she|he|they) (?:sees?|saw|notices?|noticed|observes?|observed|looks? for|knows?) (?:in|about|when|with)\b.*"
    r"|(?:about|on) (?:the|her|his|their) (?:team|company|org|organisation|organization|role|job)"
    # French: context, agenda, the mentor's story, the next meeting, properties
    r"|contexte|ordre du jour|objectifs?|(?:mes )?questions?(?: pour (?:elle|lui))?|(?:son|sa|leur) histoire"
    r"|prochaine? (?:rencontre|séance|dîner|café|lunch|appel|rendez-vous)|lieu|quand|où|avec|qui|objet|sujet"
    r"|humeur|énergie|coût|suivi prévu|présents?|participants?|créé|maj"
    + "|" + "|".join(MAIL_HEADERS) +  # a pasted e-mail's header lines in French, Spanish, German
    r"|contexto|preguntas?|mis preguntas|tema|temas|fecha|con|lugar|asistentes|próxima (?:reunión|sesión|llamada)"
    r"|su historia"
    # German: context, the agenda, the people there, the next meeting, a protocol's columns
    r"|kontext|hintergrund|teilnehmer(?:innen|:innen)?|teilnehmende|anwesend|datum|ort|thema|themen|tagesordnung"
    r"|tops?|(?:meine )?fragen|(?:n(?:ä|ae)chster?|n(?:ä|ae)chstes) (?:termin|treffen|gespräch|call|sitzung)"
    r"|stimmung|verantwortlich|bis|protokoll|wann|wo|mit|dauer|(?:ihre|seine) (?:geschichte|news)"
    r"|lage|ausgangslage|situation|stand|rückblick|verteiler|allfälliges"
    # Portuguese: context, the agenda, themes, the next meeting, a form's own fields
    r"|contexto|pauta|temas?(?: principais)?|perguntas?|minhas perguntas|data|local|participantes|formato"
    r"|pr[óo]xim[ao] (?:reuni[ãa]o|sess[ãa]o|conversa|call)|data da pr[óo]xima (?:sess[ãa]o|reuni[ãa]o)"
    r"|nome do\(a\) participante|avalia[çc][ãa]o(?: da sess[ãa]o)?.*|carimbo de data/hora|endere[çc]o de e-mail)$",
    re.IGNORECASE,
)


# "Stuff she'll do", "Her actions": the mentor's own list, not the user's.
_MENTOR_LIST = re.compile(
    r"^(?:stuff|things|what) (?:she|he|they|(?!i\b)\w+)(?:'ll|’ll| will| is going to| promised| offered)\b"
    r"|^(?:her|his|their|(?-i:[A-Z][a-z]+)'s) (?:actions?|to-?dos?|tasks?|next steps|follow[- ]?ups?|promises)\b"
    r"|^(?:ihre|seine) (?:aufgaben|to-?dos|schritte|zusagen)\b|^was (?:sie|er) (?:macht|tut|schickt)\b",
    re.IGNORECASE,
)


_LEADIN_ACTION = re.compile(
    r"\b(?:i(?:'m| am) going to|i(?:'ll| will)|my (?:plan|list|next steps|actions|to-?dos?)|i need to|to do|todo"
    r"|i promised|on my side|for me|i said i'd|so my list)\b", re.IGNORECASE)


_LEADIN_ADVICE = re.compile(
    r"\b(?:she|he|they|(?-i:[A-Z][a-z]+)) (?:thinks|said|says|suggested|recommended|told me|advised|reckons)\b"
    r"|\bwhat (?:she|he|they|(?-i:[A-Z][a-z]+|[A-Z]\.)) (?:told me|said|thinks)(?!\w)"
    r"|\b(?:her|his|their) (?:advice|take|view|tips|points|rules?)\b"
    # "Coach:" alone over a list (a coaching platform's notes): what the coach said
    r"|^(?:(?:the|my|o|a) )?(?:coach|mentor|mentora)$", re.IGNORECASE)


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


def name_words(name: str | None) -> set[str]:
    """A person's name as comparable words: lower case, hyphens, dots and apostrophes gone."""
    return set(re.sub(r"[-.’']", "", (name or "").lower()).split())


def _clean(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]+)\]\]", r"\1", text)  # Obsidian [[links]]
    text = re.sub(r"~~(.+?)~~", r"\1", text)
    return " ".join(text.split()).strip()


_SOMEONE_SAID = re.compile(r"^(?!(?i:i|we|me|you)\b)(?:[A-Z][\w.'’-]*\s+){1,3}(?:said|says|suggested|recommended|advised)$")


def _label_kind(title: str) -> str | None:
    """advice | action | other for the words of a heading or label, else None."""
    title = re.sub(r"^\d+[.)]\s*", "", _clean(_DECORATION.sub("", title)).strip("*_:-–— ").strip())
    # ("What she told me to do for the summer (she was very bossy, in the good way)")
    title = " ".join(re.sub(r"\s*\([^)]*\)", " ", title).split()).strip(":-–— ") or title
    if _THEIR_INSTRUCTIONS.match(title) and len(title.split()) <= 12:
        return "advice"
    if not title or len(title.split()) > 8:
        return None
    if _OTHER_LABEL.match(title) or _MENTOR_LIST.match(title):
        return "other"
    parts = [part.strip() for part in title.split("/")]
    if len(parts) > 1 and all(part and _OTHER_LABEL.match(part) for part in parts):
        return "other"  # "Agenda / goals"
    if _SOMEONE_SAID.match(title):
        return "advice"  # "Mr B said:", "Aunty Bisi says", "What she told me to do" over the points
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
    # (an aside in brackets is no part of a label that ends with a colon: "Next steps (by Friday):")
    words = re.findall(r"[\w'-]+", re.sub(r"\([^)]*\)", " ", text) if colon else text)
    if colon and _THEIR_INSTRUCTIONS.match(text):
        words = words[:6]  # "What she told me to do for the summer (she was very bossy):"
    if not text or len(words) > (6 if colon else 3) or text.endswith((".", "?", "!", ",")):
        return None
    kind = _label_kind(text)
    return kind if kind in ("advice", "action") or (others and kind == "other" and len(text.split()) <= 2) else None
