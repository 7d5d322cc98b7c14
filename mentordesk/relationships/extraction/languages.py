"""The rules of ``rules.py`` for notes written in other languages than English: French,
Spanish and German. Each language decides the same four things: the mentor's own promise,
the user's commitment, reported advice and the imperative of an advice verb.
"""

from __future__ import annotations

import re

# ----- French ---------------------------------------------------------------------------
# Notes are often written in French, or half in French ("Conseils :", "elle dit que…",
# "Parle à des gens qui…"). The same decisions in that language: the mentor's own promise,
# the user's commitment, reported advice, and the familiar imperative (tu) or the polite
# one (vous) of an advice verb, negated or not ("Ne retourne pas…", "Méfie-toi…").
_FR_VERBS = (
    "parle parler demande écris ecris lis mets fais prends garde arrête arrete montre présente presente accepte refuse "
    "reste va viens dis sache sois aie choisis cherche trouve négocie negocie attends évite evite commence "
    "continue essaie essaye pense oublie appelle envoie prépare prepare pose donne écoute ecoute laisse travaille "
    "signe vérifie verifie compare calcule regarde apprends inscris méfie mefie concentre rappelle profite publie "
    "contacte rencontre construis ose valide teste propose exige utilise fixe lâche lache relis documente mesure "
    "investis bâtis batis protège protege décide decide quitte termine finis passe reviens rejoins crée cree offre "
    "insiste précise precise bloque répète repete retiens retourne entraîne entraine pratique assure délègue delegue "
    "priorise limite sépare separe vise tiens préviens previens remercie célèbre celebre partage lance démissionne "
    "demissionne postule pars relance soigne prends ménage menage fie"
).split()
_FR_VERB = "(?:" + "|".join(sorted(set(_FR_VERBS), key=len, reverse=True)) + ")"
_FR_POLITE = "(?:" + "|".join(v[:-1] + "ez" for v in _FR_VERBS if v.endswith("e") and len(v) > 3) + ")"
_FR_IMPERATIVE = re.compile(
    rf"^(?:(?:et|puis|mais|pis|aussi),?\s+)?(?:ne\s+|n['’])?(?:te\s+|t['’]|le\s+|la\s+|les\s+|lui\s+|leur\s+|en\s+|y\s+)?"
    rf"(?:{_FR_VERB}|{_FR_POLITE})(?:-(?:toi|moi|le|la|les|lui|leur|en|y|nous|vous))?\b(?![’'-])",
    re.IGNORECASE)
_FR_ADVICE = re.compile(
    r"\b(?:tu devrais|tu dois|tu peux|vous devriez|il faut(?! que je)|faut (?:que tu|pas)|le mieux,? c['’]est"
    r"|(?:elle|il|iel|ils|elles)\s+(?:m['’]a\s+|a\s+|m['’]ont\s+|ont\s+)?(?:dit|dis|conseillé|suggéré|recommandé"
    r"|conseille|suggère|recommande|insiste|pense|trouve|répète|croit)"
    r"(?:\s+(?:aussi|encore|toujours|bien|vraiment|souvent|surtout))?\s*(?:que|de|d['’]|qu['’]|:)"
    r"|selon (?:elle|lui|eux)|d['’]après (?:elle|lui)|(?:son|leur) (?:conseil|avis)|sa (?:règle|recommandation))"
    # "elle dit avant de parler de salaire…", "elle a dit parle à Félix…" (not "elle dit qu'elle…": her own story)
    r"|^(?:(?:so|basically|pis|et|ah)\s+)*(?:elle|il)\s+(?:m['’]a\s+|a\s+)?(?:aussi\s+)?(?:dit|dis)\b(?!\s+qu['’]?(?:elle|il)s?\b)",
    re.IGNORECASE)
_FR_MINE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:alors|donc|et|puis|pis)\s+)(?:je\s+vais|j['’]vais|je\s+dois|il\s+faut\s+que\s+je"
    r"|faut\s+que\s+je|je\s+m['’]engage|j['’]ai\s+promis|je\s+compte)\b"
    r"|^(?:et\s+)?je\s+(?:t['’]|vous\s+)?(?:envoie|écris|ecris|inscris|m['’]inscris|regarde|rappelle|reviens|relance)\b",
    re.IGNORECASE)
_FR_THEIRS = re.compile(r"^(?:(?i:elle|il|iel)|[A-ZÀ-Þ][\w’'-]+(?: [A-ZÀ-Þ][\w’'-]+)?)\s+(?i:va|vont|peut|pourrait|offre de"
                        r"|propose de)\s+(?i:me|m['’]|te|t['’]|en|lui|regarder|demander|envoyer|présenter|parler)")


# ----- Spanish ---------------------------------------------------------------------------
# The same four decisions for notes in Spanish: "Pide la oferta por escrito", "No aceptes
# la primera cifra", "me dijo que…", "voy a…" / "tengo que…", and "te presento a Laura"
# or "me va a mandar el artículo" (the mentor's own promise).
_ES_VERBS = (  # (not "lee", "usa", "date", "agenda", "ten", "sal": English words or names too)
    "pide pregunta busca escribe manda envía envia haz sé pon ven negocia aprende practica prepara "
    "evita acepta rechaza deja toma guarda cuida construye documenta mide delega prioriza enfócate enfocate "
    "olvídate olvidate muestra presenta comparte llama apunta anota elige decide espera intenta empieza sigue "
    "mantén manten confía confia cuéntale cuentale dile pídele pidele aprovecha organiza revisa contacta "
    "asegúrate asegurate habla piensa trabaja calcula compara reserva ofrece propón propon defiende "
    "cobra exige aprovecha concéntrate concentrate tómate tomate deja ponte hazte quédate quedate quita contrata mete "
    "suelta lleva dale cierra abre reparte enseña forma vete apóyate apoyate rodéate rodeate pregúntale preguntale "
    "escríbele escribele llámale llamale díselo diselo úsala usala acuérdate acuerdate fíjate fijate"
).split()
_ES_IMPERATIVE = re.compile(
    r"^(?:(?:y|pero|también|tambien|además|ademas|o sea|pues|bueno),?\s+)?(?:"
    + "|".join(sorted(set(_ES_VERBS), key=len, reverse=True))
    + r")(?:l[eoa]s?|me|te|nos|se)?\b"
    # "No aceptes…", "No te compares…", "Nunca firmes…": a negative command is the subjunctive
    r"|^(?:(?:y|pero|también|tambien),?\s+)?(?:no|nunca|jamás|jamas)\s+(?:(?:te|le|lo|la|les|me|se)\s+[a-záéíóúñ]{3,}(?:es|as)"
    r"|aceptes|firmes|digas|renuncies|negocies|esperes|compares|hagas|vayas|dejes|tomes|pidas|olvides|cuentes"
    r"|mandes|envíes|envies|regales|trabajes|asumas|prometas|des|pongas|subestimes|aceptes|respondas|contestes"
    r"|confíes|confies|firmes|cambies|busques|sigas|uses|vendas|bajes|critiques|alargues|sueltes|cambies|aceptes"
    r"|discutas|regañes|castigues|prometas|compares|reescribas|micromanejes|escondas|trates|cedas|tengas|seas|estés)\b",
    re.IGNORECASE)
_ES_ADVICE = re.compile(
    r"\b(?:me (?:dijo|recomendó|recomendo|sugirió|sugirio|aconsejó|aconsejo|insistió|insistio) (?:que|de|:)"
    r"|(?:ella|él|el) (?:dice|piensa|cree|opina|insiste|recomienda|sugiere) que|según (?:ella|él|el)"
    r"|su consejo|deberías|deberias|tienes que|te conviene|lo mejor es|hay que"
    # an AI recap's third person: "Adriana sugirió que Mariana pida…", "le aconsejó preparar…"
    r"|(?:le |les )?(?:sugirió|sugirio|aconsejó|aconsejo|recomendó|recomendo|propuso) (?:que|a|\w+ar|\w+er|\w+ir)\b)",
    re.IGNORECASE)
# Lines that report what the mentor said, whatever follows: "según Adriana, …", "que mi output
# es el del equipo" (under "me dijo:"), "dice que deje de…".
_ES_REPORTED_LEAD = re.compile(r"^(?:y\s+|también\s+|tambien\s+)*(?:según (?:ella|él|el|[A-ZÁÉÍÓÚ]\w+)\b|que\s+(?!no sé)"
                               r"|(?:ella |él |el )?(?:dice|dijo) que\b|me (?:dijo|recomendó|recomendo|sugirió|sugirio) que\b)",
                               re.IGNORECASE)
# A Spanish imperative with its pronoun joined on and its stress marked: "díselo", "pídele", "vete".
_ES_ENCLITIC = re.compile(r"^(?:(?:y|pero),?\s+)?[a-zñ]*[áéíóú][a-zñ]*(?:te|le|lo|la|les|los|las|nos|me|selo|sela)\b",
                          re.IGNORECASE)
_ES_MINE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:y|entonces|así que|asi que|pues|yo)\s+)(?:voy a|tengo que|me comprometí a|me comprometi a|debo"
    r"|me comprometo a"
    r"|quedé en|quede en|le (?:mando|envío|envio|escribo|paso))\b",
    re.IGNORECASE)
_ES_THEIRS = re.compile(
    r"^(?:(?i:ella|él|el)\s+|[A-ZÁÉÍÓÚÑ][\w’'-]+(?: [A-ZÁÉÍÓÚÑ][\w’'-]+)?\s+)?(?i:me|te)\s+(?i:va a|vas a)\s+"
    r"|^(?i:te (?:presento|mando|paso|envío|envio|comparto|conecto))\b"
    r"|^(?:(?i:ella|él|el)|[A-ZÁÉÍÓÚÑ][\w’'-]+)\s+(?i:va a (?:presentarme|mandarme|enviarme|pasarme|escribir))")


def _spanish_kind(text: str) -> str | None:
    if _ES_THEIRS.search(text):
        return "other"  # "Marta me va a presentar a su jefe", "te presento a Laura": their promise
    if _ES_REPORTED_LEAD.match(text):
        return "advice"  # "según ella tengo que hacer 1:1 con todos": her advice, in my words
    if _ES_MINE.search(text):
        return "action"
    if _ES_ADVICE.search(text) or _ES_IMPERATIVE.match(text) or (_ES_ENCLITIC.match(text) and _looks_spanish(text)):
        return "advice"
    return None


_ES_WORDS = {"que", "el", "la", "los", "las", "una", "por", "para", "con", "del", "al", "es", "lo", "se", "su", "tu",
             "te", "mi", "y", "de", "en", "un", "no", "más", "pero", "como"}


def _looks_spanish(text: str) -> bool:
    return len(set(re.findall(r"[a-záéíóúñ]+", text.lower())) & _ES_WORDS) >= 3


def _french_kind(text: str) -> str | None:
    if re.match(r"^(?:moi\s+)?ce que je (?:dois|vais) faire\s*:?\s*$", text, re.IGNORECASE):
        return "other"  # "moi ce que je dois faire": the lead-in to the list, not a task
    if _FR_THEIRS.match(text):
        return "other"  # "JF va me présenter Olivier": the mentor's own promise
    if _FR_MINE.search(text):
        return "action"
    if _FR_ADVICE.search(text) or _FR_IMPERATIVE.match(text):
        return "advice"
    return None


# ----- German ----------------------------------------------------------------------------
# Notes in German, or half in German: "Sie meinte, ich solle …", "Er riet mir, …", "laut
# ihm …" (reported advice, often in the subjunctive), "Frag deinen Chef …" / "Nehmen Sie
# sich Zeit …" (the du and the Sie imperative), "Nicht zu früh über Gehalt reden" (an
# infinitive used as a rule), "ich werde …" / "ich schicke ihr …" (the user's commitment),
# and "sie schickt mir …" / "er stellt mich … vor" (the mentor's own promise).
_DE_VERBS = (  # du-imperatives of advice verbs (not "bitte", "plane", "setz" alone: also nouns or English)
    "frag frage sprich rede red schreib schreibe nimm mach mache such suche lies lern lerne bleib bleibe sei hab habe "
    "geh gehe sag sage trau traue hör höre verhandle verhandel akzeptier akzeptiere vermeide vermeid denk denke bau "
    "baue zeig zeige fang hol hole lass gib bereite konzentrier konzentriere dokumentier dokumentiere übe üb probier "
    "probiere investier investiere vertrau vertraue delegier delegiere kommunizier kommuniziere priorisier priorisiere "
    "nutze nutz warte wart schau schaue überleg überlege kündige kündig bewirb melde meld ruf rufe versuch versuche "
    "behalte behalt halte halt vergiss achte achte fordere fordre verlang verlange triff wähle wähl entscheide "
    "entscheid sammle sammel notier notiere verteidige grenz streich schütze schütz blocke block formuliere "
    "formulier überlass unterschätz unterschätze rechne vergleiche vergleich kläre klär schlaf schlafe iss trink "
    "stell stelle setz setze pass vernetz vernetze bedank bedanke feier feiere erzähl "
    "erzähle bring bringe dräng dränge trenne trenn beginn beginne starte start hinterfrage hinterfrag lob lobe"
).split()
_DE_VERB = "(?:" + "|".join(sorted(set(_DE_VERBS), key=len, reverse=True)) + ")"
_DE_IMPERATIVE = re.compile(
    rf"^(?:(?:und|aber|auch|also|dann|außerdem|ausserdem),?\s+)?(?:{_DE_VERB})\b(?!\s+(?:ich|wir)\b)"
    # the Sie form: "Nehmen Sie sich Zeit", "Seien Sie ehrlich" (not "Können Sie …": a request)
    r"|^(?:(?:und|aber|auch|also|dann),?\s+)?(?!(?:können|könnten|würden|möchten|wollen|haben|hatten|waren|sind)\b)"
    r"[a-zäöüß]{3,}en\s+Sie\b(?!.*\?\s*$)"
    # an infinitive or a noun phrase used as a rule: "Nicht zu früh über Gehalt reden", "Nie ohne Plan B",
    # "Keine Zusagen ohne Rücksprache", "Immer zuerst fragen"
    r"|^(?:nicht|nie|niemals|keine?[nrm]?|immer|lieber)\s+\w",
    re.IGNORECASE)
_DE_ADVICE = re.compile(
    r"\b(?:du solltest|du musst|du kannst ruhig|sie sollten|man sollte|man muss|es lohnt sich|wichtig ist"
    r"|(?:ich|du) (?:solle|müsse|möge)\b|(?:ihr|sein|ihrer|seiner) (?:rat|tipp|tipps|empfehlung|meinung nach|ansicht nach)"
    r"|laut (?:ihr|ihm|ihnen|[A-ZÄÖÜ][a-zäöüß]+)\b|nach (?:ihrer|seiner) (?:erfahrung|meinung)"
    r"|(?:empfahl|empfiehlt|riet|rät|schlug\b.{0,60}\bvor|schlägt\b.{0,60}\bvor|regte\b.{0,40}\ban|ermutigte|ermutigt"
    r"|betonte|warnte|warnt)\b"
    r"|\b(?:hat|habe)\b.{0,40}\b(?:geraten|empfohlen|vorgeschlagen|ans herz gelegt)|\bsoll(?:e|te)? ich\b(?!.*\?))",
    re.IGNORECASE)
# A line that opens by reporting the mentor, whatever follows ("Sie meinte, ich …",
# "Er hat gesagt, dass ich …", "Laut Tom …").
_DE_REPORTED_LEAD = re.compile(
    r"^(?:(?:und|auch|außerdem|ausserdem|dann)\s+)*(?:(?:sie|er|(?-i:[A-ZÄÖÜ][a-zäöüß]+))\s+(?:hat\s+)?(?:auch\s+|noch\s+)?"
    r"(?:meinte|meint|sagte|sagt|gesagt|findet|fand|denkt|glaubt)(?:\s+(?:auch|noch))?(?:[,:]|\s+(?:dass|ich|du|man|wir)\b)"
    r"|(?:dann\s+|zuerst\s+|außerdem\s+)?hat\s+(?:er|sie)\s+(?:auch\s+|noch\s+)?(?:gesagt|gemeint)\b"
    r"|laut\s+(?:ihr|ihm|[A-ZÄÖÜ]\w+)\b|(?:ihr|sein)\s+(?:rat|tipp)\b"
    # the rest of a report ("… und dass ich …") and what I was told to do ("ich soll …")
    r"|dass\s+(?:ich|du|man)\b|(?:ich|man)\s+soll(?:e|en)?\b"
    # a bullet journal's note under the meeting drops the subject: "– sagt, die Ausschreibung ist zu lang"
    r"|(?:sagt|sagte|meint|meinte|findet|rät|riet|empfiehlt|empfahl)\b[,:]?)",
    re.IGNORECASE)
_DE_MINE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:also|dann|und|deshalb|daher|jetzt|morgen)\s+)ich\s+(?:werde|muss|will|möchte"
    r"|schicke|sende|schreibe|meld(?:e)?\s+mich|rufe|frage|kümmere\s+mich|nehme\s+mir\s+vor|habe\s+(?:ihr|ihm|ihnen)\s+versprochen"
    r"|habe\s+zugesagt|mache|kläre|buche|lese|bereite|plane|setze\s+mich)\b"
    r"|\b(?:schicke|sende|schreibe|mache|melde|rufe|frage|lese|buche|plane|kläre|bereite|schau|schaue|schick|schreib"
    r"|mach|meld|ruf|frag|rede|red|spreche|sprech|kümmere|probiere|probier|übe|üb|hol|hole)\s+ich\b"
    # "Ich rede nächste Woche mit Herrn Kainz", "ich schreib bis sonntag …": what I do, with its when
    r"|\bich\s+(?!bin|war|habe|hab|hatte|fand|fühle|glaube|denke|weiß|finde|kann|könnte|würde|sollte|soll|sei|wäre"
    r"|hätte|musste|wollte|dachte|wusste)\w+\b.{0,60}\b(?:bis|nächste woche|nächsten|morgen|heute|übermorgen"
    r"|am (?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|wochenende)|diese woche|gleich|sofort"
    r"|demnächst|noch)\b",
    re.IGNORECASE)
_DE_THEIRS = re.compile(
    r"^(?:(?:und|auch)\s+)?(?:(?i:sie|er)|[A-ZÄÖÜ][\w’'-]+(?: [A-ZÄÖÜ][\w’'-]+)?)\s+(?i:schickt|sendet|stellt|vernetzt|leitet"
    r"|gibt|fragt|meldet|schaut|bringt|will|wird|kann|möchte|bietet|hat\s+angeboten|hat\s+versprochen|leiht|borgt"
    r"|macht|teilt|sucht|organisiert|schreibt|ruft|kümmert\s+sich|hört\s+sich)\b"
    # … for me, to me: "Sie fragt ihren Kollegen für mich", "Er schickt mir den Link" (not "gibt mir den Rat")
    r"(?=.*\b(?i:mir|mich|uns)\b)(?!.*\b(?i:rat|tipp|ratschlag|hinweis)\b)")
_DE_TOLD = re.compile(  # stories and what was talked about, not counsel
    r"^(?:erzählt|erzählte|berichtet|berichtete)\b"
    r"|^(?:wir\s+(?:haben|hatten|sprachen|redeten|sind)|(?:sie|er)\s+(?:hat\s+)?(?:erzählt|erzählte|berichtete|war|ist"
    r"|hatte|kam|kommt)|ich\s+(?:habe|hab|hatte|war|bin|erzählte|fand|fühle|fühlte|komm|komme|kam))\b",
    re.IGNORECASE)
_DE_WORDS = {"und", "der", "die", "das", "nicht", "ich", "mit", "ist", "zu", "den", "dem", "ein", "eine", "sich",
             "auf", "für", "dass", "mir", "mich", "du", "dir", "sie", "er", "es", "von", "im", "auch", "wie", "bei",
             "noch", "nach", "zum", "zur", "aus", "wenn", "oder", "aber", "ihr", "ihm", "dein", "deine", "deinen",
             "bis", "vor", "über", "unter", "nur", "schon", "sehr", "kein", "keine", "keinen", "nie", "immer", "wird",
             "werden", "sind", "beim", "vom", "ins", "als", "dann", "jetzt", "heute", "spätestens", "nächste",
             "nächsten", "sondern", "weil", "damit", "ob", "uns", "euch", "einer", "einen", "eines", "sein",
             "seine", "seiner", "seinen", "ihre", "ihrer", "ihren", "haben", "hatte", "wurde", "wieder", "zwei", "drei"}


# du-imperatives that are no English word: a short line starting with one is German
# ("Sag einmal pro Woche bewusst Nein.") even with too few German little words to tell.
_DE_ONLY_VERBS = sorted(set(_DE_VERBS) - {"halt", "block", "start", "hole", "pass", "bring", "wart", "sage", "fang", "red",
                                          "lass", "hab", "rede", "iss", "such", "lies",
                                          "plane", "stell", "ruf", "bitte"},
                        key=len, reverse=True)
_DE_OPENING = re.compile(r"^(?=[A-ZÄÖÜ])(?:" + "|".join(_DE_ONLY_VERBS) + r")\b", re.IGNORECASE)


def _looks_german(text: str) -> bool:
    return len(set(re.findall(r"[a-zäöüß]+", text.lower())) & _DE_WORDS) >= 2 or bool(_DE_OPENING.match(text))


# A German list item is often an infinitive phrase, the verb last: "Bewerbung bis 14.03.
# einreichen" is a task; "den Abschluss nicht selber rechnen, sondern danebensitzen" a rule.
_DE_INFINITIVE_END = re.compile(r"\b[a-zäöüß]{3,}(?:en|ern|eln)\s*[.!]?\s*$")
_DE_DEADLINE = re.compile(r"\b(?:bis|spätestens|nächste woche|morgen|heute|diese woche|am (?:montag|dienstag|mittwoch"
                          r"|donnerstag|freitag))\b", re.IGNORECASE)
_DE_RULE_WORDS = re.compile(r"\b(?:nicht|nie|niemals|immer|keine?[nmr]?|sondern)\b", re.IGNORECASE)
# "Sag Bescheid!", "Melde dich": a farewell's "let me know", not counsel
_DE_FAREWELL = re.compile(r"^(?:sag|gib|gebt)\s+bescheid\b|^meld(?:e)? dich\b|^(?:schönen|guten|liebe|lg|bis bald)\b"
                          r"|^was mach(?:e)? ich (?:jetzt|nun|damit)\b",
                          re.IGNORECASE)


def _german_kind(text: str) -> str | None:
    if not _looks_german(text):
        return None
    if _DE_FAREWELL.match(text):
        return "other"
    if _DE_THEIRS.match(text):
        return "other"  # "Sie schickt mir ihren Artikel": the mentor's own promise
    if _DE_REPORTED_LEAD.match(text):
        return "advice"  # "Sie meinte, ich solle …": her advice, in my words
    if _DE_MINE.search(text):
        return "action"
    if _DE_ADVICE.search(text) or _DE_IMPERATIVE.match(text):
        return "advice"
    if _DE_TOLD.match(text):
        return "other"
    clauses = re.split(r"\s[–—-]\s|,\s", text)  # "… nicht verhindern wollen – wer gehen will, geht ganz"
    if any(_DE_INFINITIVE_END.search(c) for c in clauses) and not re.match(r"^(?:ich|wir|sie|er|es)\b", text,
                                                                             re.IGNORECASE):
        if _DE_RULE_WORDS.search(text):
            return "advice"
        if _DE_DEADLINE.search(text):
            return "action"
    return None


_FR_WORDS = {"le", "la", "les", "des", "une", "est", "que", "qui", "pas", "pour", "dans", "avec", "sur", "ce", "cette",
             "je", "tu", "vous", "il", "elle", "mon", "ma", "ton", "ta", "ne", "au", "aux", "du", "et", "être", "fait",
             "de", "à", "un", "en", "avant", "après", "dit"}


def not_english(text: str) -> bool:
    """Whether a line is written in French, Spanish or German (by its little words)."""
    words = set(re.findall(r"[a-zà-ÿß]+", text.lower()))
    return _looks_german(text) or _looks_spanish(text) or len(words & _FR_WORDS) >= 3


# The verb that reports the mentor at the head of a line, in French, Spanish and German.
_REPORTING_VERB = (r"(?:empfiehlt|empfahl|rät|riet|meinte|meint|sagte|sagt|findet|fand|betont|warnte|dit|conseille|conseillé"
                   r"|recommande|recommandé|suggère|suggéré|dijo|dice|recomienda|recomendó|sugiere|sugirió|aconseja"
                   r"|aconsejó|gesagt|geraten|empfohlen)")


def without_reporting_lead(text: str, who: str) -> str:
    """A French, Spanish or German line of advice without the words that report it, for a
    draft to the mentor: "Brigitte empfiehlt, dem Team …" -> "Dem Team …" (``who`` is a
    pattern for the mentor's names). Kept whole when what follows is the user's first
    person ("Sie meinte, ich solle …")."""
    foreign = re.match(rf"^(?:(?:{who}|sie|er|elle|il|ella|él)\s+)?(?:(?:hat|a|m['’]a)\s+)?{_REPORTING_VERB}\b"
                       r"(?:\s+(?:mir|me|m['’]))?[,:]?\s*(?:(?:dass|que|de)\s+|(?:qu|d)['’]\s*)?(?P<rest>\S.*)$",
                       text, re.IGNORECASE)
    rest = foreign["rest"] if foreign and not re.match(r"(?:ich|je|j['’]|yo)\b", foreign["rest"], re.I) else text
    return rest[:1].upper() + rest[1:]


def other_language_kind(text: str) -> str | None:
    """advice | action | other when a French, Spanish or German rule decides the sentence."""
    return _french_kind(text) or _spanish_kind(text) or _german_kind(text)
