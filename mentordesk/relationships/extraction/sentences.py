"""Sentences of a paragraph, and the clauses of a dictated run-on sentence.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Dr.", "Mr.", "Ms.", "Mrs.", "Prof.", "approx.", "incl.", "St.",
                  "Jr.", "Sr.", "a.m.", "p.m.", "No.")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, also in all-lower-case notes; "e.g." does not end one."""
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = re.sub(r"(?<![\w.])" + re.escape(abbr), lambda m: m.group(0).replace(".", "\x00"), protected,
                           flags=re.IGNORECASE)
    protected = re.sub(r"(\d)\.(\d)", "\\1\x00\\2", protected)
    # An aside in brackets is one piece: "(his story - his first boss made him redo it in 2010.
    # "you will thank me")" does not end at "2010.".
    protected = re.sub(r"\([^()]{0,300}\)", lambda m: m.group(0).replace(".", "\x00"), protected)
    parts = re.split(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?\w)|;\s+(?=[A-Z])", protected)
    return [p.replace("\x00", ".").strip() for p in parts if p and p.strip()]


_FILLERS = re.compile(r"^(?:(?:and|so|but|um+|uh+|er+(?!\s+(?:hat|meinte|meint|sagt|sagte|findet|riet|empfiehlt|will|wird|schickt|stellt)\b)|anyway|oh|okay|ok|yeah|right|then|like|well|which"
                      r"|euh+|pis|puis|et|ben|bon|faque|fait que|genre|ah|alors|donc"
                      r"|eh+|este|o sea|pues|bueno|y|entonces|luego|y luego"
                      r"|äh+m?|öh+m?|hm+|also|und|dann|ja|naja|halt|genau|jedenfalls)\b[,.]?\s*)+",
                      re.IGNORECASE)


_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:and|so|but|um|uh|anyway|oh and|then|okay)\b)"
    r"|,\s+(?=(?:i'm going to|i am going to|i'll|i will|i need to|i said i'd|i should|she said|he said|they said"
    r"|she also said|he also said|she told|he told|she thinks|he thinks)\b)",
    re.IGNORECASE,
)


# An auto-transcript with no punctuation at all: clauses start where the speaker moves on
# ("... for each one and uh he also said that ...", "... okay so what I have to do I need to ...").
_SPOKEN_BREAK = re.compile(
    r"\s+(?=(?:(?:and|so|yeah|okay|ok|um+|uh+|oh)\s+)*(?:he|she|they)\s+(?:also\s+)?(?:said|told me|thinks|reckons"
    r"|suggested|recommended)\b)"
    r"|(?<!\bwhat)\s+(?=(?:(?:and|so|yeah|okay|ok|um+|uh+)\s+)*i (?:need to|have to|must|will|'ll|am going to"
    r"|'m going to)\b)"
    r"|\s+(?=(?:um+|uh+)\s+what else\b)|\s+(?=(?:okay|ok)\s+(?:so\s+)?(?:that's it|what i have to do)\b)"
    r"|\s+(?=(?:and|so)\s+(?:uh+|um+)\s+)"
    # the same in French: "… pis euh elle dit aussi que …", "… um moi ce que je dois faire euh je dois …"
    r"|\s+(?=(?:(?:pis|puis|et|euh+|ah|bon|ok|alors|faque|so|basically|um+)\s+)*(?:elle|il)\s+(?:m['’]a\s+|a\s+)?"
    r"(?:aussi\s+)?(?:dit|dis|pense|trouve|conseille|suggère|recommande)\b)"
    r"|(?<!que)\s+(?=(?:(?:pis|puis|et|euh+|ah|bon|ok|alors|faque|um+)\s+)*(?:je\s+(?:dois|vais)|il\s+faut\s+que\s+je"
    r"|moi\s+ce\s+que\s+je)\b)"
    r"|\s+(?=(?:pis|puis)\s+(?:euh+\s+)?(?:aussi\s+)?(?:faire|appeler|écrire|envoyer|prends|parle|demande)\b)"
    r"|\s+(?=(?:euh+|um+)\s+)|\s+(?=(?:ok\s+)?c['’]?est\s+tout\b)"
    r"|\s+(?=(?:(?:ah|non|pis|et|aussi)\s+)*(?:elle|il)\s+(?:va|vont|peut)\s)"
    # and in Spanish: "… y eh también me dijo que …", "… o sea yo tengo que …", "… y este voy a …"
    r"|\s+(?=(?:(?:y|eh+|este|o sea|pues|bueno|entonces|luego|también|tambien)\s+)*(?:(?:ella|él|el)\s+)?"
    r"(?:también\s+|tambien\s+)?me\s+(?:dijo|recomendó|recomendo|sugirió|sugirio)\b)"
    r"|(?<!que)\s+(?=(?:(?:y|eh+|este|o sea|pues|bueno|entonces)\s+)*(?:yo\s+)?(?:tengo que|voy a)\b)"
    r"|\s+(?=(?:eh+|este)\s+)|\s+(?=(?:y\s+)?(?:ya\s+)?eso es todo\b)"
    r"|\s+(?=(?:creo que\s+)?(?:ella|él|el)\s+me\s+va\s+a\b)"
    # and in German: "… und er hat gesagt dass …", "… und dass ich …", "… und ich werde …"
    r"|(?<!\bhat)\s+(?=(?:(?:und|also|äh+m?|ja|dann|genau)\s+)*(?:er|sie)\s+(?:hat\s+)?(?:auch\s+|noch\s+)?(?:gesagt|meinte|meint"
    r"|sagt|sagte|findet|riet|empfiehlt)\b)"
    r"|\s+(?=(?:und|also)\s+dass\s+(?:ich|du|man)\b)"
    r"|\s+(?=(?:(?:und|also)\s+)?(?:dann|zuerst|außerdem)\s+hat\s+(?:er|sie)\s+(?:auch\s+|noch\s+)?(?:gesagt|gemeint)\b)"
    r"|(?<!dass)(?<!gesagt)(?<!gemeint)(?<!meinte)(?<!sagte)\s+(?=(?:(?:und|also|äh+m?|ja|dann)\s+)*ich\s+(?:werde|muss|soll|will|schreib|meld|schick|ruf|frag"
    r"|red|sprech|kümmer|überleg|mach)\w*\b)"
    r"|\s+(?=(?:und\s+)?(?:bei|mit)\s+(?:der|dem|den)\s+\w+\s+(?:schau|frag|meld|red)\w*\s+ich\b)"
    r"|\s+(?=(?:also\s+)?was mach(?:e)? ich jetzt\b)"
    r"|\s+(?=(?:äh+m?|öh+m?)\s+)|\s+(?=(?:ja\s+)?(?:das\s+)?wars?\b)"
    r"|\s+(?=(?:(?:und|also)\s+)*(?:er|sie)\s+(?:schickt|will|wird|stellt)\s+mi[rc]h?\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^(?:.{0,60}?\b(?:he|she|they) (?:also )?(?:said|told me)(?: was)? that\s+|(?:he|she|they)"
                      r" (?:also )?said(?: that)?\s+)(?=i\b|you\b|don'?t\b|never\b|always\b)", re.IGNORECASE)


def _clauses(sentence: str, longest: int = 40) -> list[str]:
    """A run-on sentence (a dictated voice memo: "so she said X, and um I'm going to Y,
    and ...") cut into its clauses, fillers dropped; a normal sentence is left whole."""
    if len(sentence.split()) <= longest:
        return [sentence]
    parts = [_FILLERS.sub("", part).strip(" ,") for part in _CLAUSE_BREAK.split(sentence)]
    spoken = []
    for part in parts:
        if len(part.split()) > longest and "," not in part:
            spoken += [_FILLERS.sub("", piece).strip(" ,") for piece in _SPOKEN_BREAK.split(part)]
        else:
            spoken.append(part)
    return [part for part in spoken if len(part.split()) >= 3] or [sentence]
