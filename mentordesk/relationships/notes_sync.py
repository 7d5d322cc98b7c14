"""Meetings from notes: every note that names a mentor and a date is a meeting.

Runs after every ingestion (the container hooks it into ``IngestService``), so notes
imported from a folder, uploaded in the app or written in the app all become meetings
the same way. It is idempotent: a note whose content (and extractor version, and review
choice) is unchanged since the last sync is skipped, and a changed note updates its
meeting in place, re-extracting the advice while keeping the done flags and outcomes of
items whose text did not change.

A note that cannot be placed on its own (no mentor, no date, a first name two people
share) is never dropped: it goes to the review list (``NoteReview``) with its reason,
and the user's choice there places it from then on.

Three phases keep the write transaction short: read what changed, extract (which may
call a chat model), then write everything in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ingest.injection import addressed_to_an_assistant
from ingest.note_meta import first_line, journal_entries, names_in_line, note_facts, note_stem
from mentordesk.relationships.extraction import (
    EXTRACTOR_VERSION,
    ExtractedItem,
    SentenceClassifier,
    extract_items,
    extract_purpose,
    is_day_note,
    match_items,
    meeting_part,
    merge_model_items,
)
from mentordesk.relationships.lookup import (
    NoteNameMatch,
    aliases,
    described_as,
    distinctive_words,
    introduced_as,
    key_words,
    match_note_hint,
    match_note_name,
    name_key,
    people_named_in,
    plain_words,
)
from mentordesk.relationships.profile import own_profile
from mentordesk.relationships.schemas import advance_stage
from store.engine import Database
from store.tables import AdviceItem, Document, Meeting, NoteReview, Person

ModelExtractor = Callable[[str], list[ExtractedItem]]


@dataclass
class SyncReport:
    meetings_added: int = 0
    meetings_updated: int = 0
    meetings_removed: int = 0
    people_added: list[str] = field(default_factory=list)
    needs_review: int = 0  # notes waiting in the review list after this sync
    model_items_dropped: int = 0  # items a chat model gave that the note does not say
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.meetings_added or self.meetings_updated or self.meetings_removed or self.people_added)

    def summary(self) -> str:
        text = (f"meetings: {self.meetings_added} added, {self.meetings_updated} updated, "
                f"{self.meetings_removed} removed")
        if self.people_added:
            text += f"; new mentors: {', '.join(self.people_added)}"
        if self.needs_review:
            text += f"; {self.needs_review} note(s) need review (`mentordesk meetings review`)"
        return text

    def to_dict(self) -> dict:
        return {
            "meetings_added": self.meetings_added, "meetings_updated": self.meetings_updated,
            "meetings_removed": self.meetings_removed, "people_added": self.people_added,
            "needs_review": self.needs_review, "model_items_dropped": self.model_items_dropped,
            "warnings": self.warnings,
        }


@dataclass
class _Note:
    """One notes document and where it stands."""

    document_id: int
    source: str
    mentor: str | None
    date: dt.date | None
    title: str | None
    content_hash: str
    text: str = ""


@dataclass
class _Placement:
    note: _Note
    person_id: int | None  # a known person, or None with ``new_person`` set
    new_person: str | None
    date: dt.date
    key: str
    mentor_name: str | None = None  # who the meeting is with and what the note may call them, for a chat's turns
    me: str | None = None  # the user's name (profile), to tell their tasks from others'
    entry: str | None = None  # a journal's entry that is the meeting: its items are the meeting's


@dataclass
class _Review:
    source: str
    reason: str
    detail: str
    candidates: list[int]
    suggested: str | None = None  # a new person the user can add with one choice


@dataclass
class _NoteChange:
    placement: _Placement
    purpose: str | None
    items: list[ExtractedItem]
    model_ran: bool


def _sync_key(content_hash: str, person_id: int | None, mentor: str | None, date: dt.date | None) -> str:
    """What a meeting was last extracted from: the note, the extractor and the placement.
    A new extractor version re-extracts every note on the next sync."""
    raw = f"{EXTRACTOR_VERSION}|{content_hash}|{person_id}|{name_key(mentor)}|{date}"
    return hashlib.sha256(raw.encode()).hexdigest()


class NotesSync:
    def __init__(self, db: Database, model_extractor: Callable[[], ModelExtractor | None] = lambda: None,
                 classifier: Callable[[], SentenceClassifier | None] = lambda: None):
        self.db = db
        # Factories, so the chat model and the embedding model load only when a changed
        # note needs them.
        self._model_extractor = model_extractor
        self._classifier = classifier
        self.last_report: SyncReport | None = None

    def run(self) -> SyncReport:
        report = SyncReport()
        placements, reviews, orphans, dismissed = self._read()
        extractor = self._model_extractor() if placements else None
        classifier = self._classifier() if placements else None
        planned = [self._extract(p, extractor, classifier, report) for p in placements]
        with self.db.session() as session:
            self._apply(session, planned, reviews, orphans + dismissed, report)
            report.needs_review = len(reviews)
        self.last_report = report
        return report

    # ----- phase 1: what changed, and where each note belongs ------------------------------
    def _read(self) -> tuple[list[_Placement], list[_Review], list[int], list[int]]:
        with self.db.session() as session:
            meetings = {
                doc_id: (synced, person_id, synced_mentor)
                for doc_id, synced, person_id, synced_mentor in session.execute(
                    select(Meeting.document_id, Meeting.synced_hash, Meeting.person_id, Meeting.synced_mentor)
                    .where(Meeting.document_id.is_not(None))
                ).tuples()
            }
            notes = [_Note(*row) for row in session.execute(
                select(Document.id, Document.source, Document.mentor, Document.date, Document.title,
                       Document.content_hash).where(Document.kind == "notes")
            ).tuples()]
            choices = {r.source: r for r in session.scalars(select(NoteReview))}
            people = list(session.scalars(select(Person)))
            profile = own_profile(session)
            my_name = profile.name if profile else None
            me = _self_names(my_name)
            placements: list[_Placement] = []
            reviews: list[_Review] = []
            dismissed: list[int] = []
            need_text: list[_Note] = []
            keys: dict[int, str] = {}  # what each note's meeting must have been synced from
            for note in notes:
                choice = choices.get(note.source)
                if choice is not None and choice.dismissed:
                    dismissed.append(note.document_id)
                    continue
                chosen_person = choice.person_id if choice is not None else None
                chosen_date = choice.date if choice is not None else None
                synced = meetings.get(note.document_id, (None,))[0]
                keys[note.document_id] = _sync_key(note.content_hash, chosen_person, note.mentor,
                                                   chosen_date or note.date)
                if synced == keys[note.document_id]:
                    continue  # unchanged since the last sync
                need_text.append(note)
            texts = dict(session.execute(
                select(Document.id, Document.text).where(Document.id.in_([n.document_id for n in need_text]))
            ).tuples().all()) if need_text else {}
            for note in need_text:
                note.text = texts.get(note.document_id, "")
                choice = choices.get(note.source)
                _, current_person, synced_mentor = meetings.get(note.document_id, (None, None, None))
                result = _place(note, people, choice, current_person, synced_mentor, keys[note.document_id], me)
                if isinstance(result, _Placement):
                    result.me = my_name
                    placements.append(result)
                else:
                    reviews.append(result)
        # Meetings whose document is no longer a note (deleted, or re-ingested as another
        # kind) are no longer meetings.
        note_ids = {n.document_id for n in notes}
        orphans = [doc_id for doc_id in meetings if doc_id not in note_ids]
        return placements, reviews, orphans, [d for d in dismissed if d in meetings]

    # ----- phase 2: extraction (no transaction open) ---------------------------------
    def _extract(self, placement: _Placement, extractor: ModelExtractor | None,
                 classifier: SentenceClassifier | None, report: SyncReport) -> _NoteChange:
        note = placement.note
        items = extract_items(placement.entry or note.text, classifier, placement.mentor_name, placement.me)
        if placement.entry is not None:
            items = _ticked_elsewhere(items, note.text)
        model_ran = False
        items = _not_instructions(items)
        if extractor is not None:
            try:
                dropped: list[ExtractedItem] = []
                items = _not_instructions(merge_model_items(items, extractor(note.text), note.text, dropped))
                report.model_items_dropped += len(dropped)
                model_ran = True
            except Exception as exc:  # the rules still count; say why the model part failed
                report.warnings.append(f"advice from free text skipped for {note.title or note.source}: {exc}")
        return _NoteChange(placement, extract_purpose(note.text), items, model_ran)

    # ----- phase 3: one write transaction ---------------------------------------------
    def _apply(self, session: Session, changes: list[_NoteChange], reviews: list[_Review], removed: list[int],
               report: SyncReport) -> None:
        people = {p.id: p for p in session.scalars(select(Person))}
        by_name: dict[str, Person] = {}
        doc_ids = [c.placement.note.document_id for c in changes] + removed
        existing = {
            m.document_id: m
            for m in session.scalars(
                select(Meeting).where(Meeting.document_id.in_(doc_ids))
                .options(selectinload(Meeting.advice_items), selectinload(Meeting.person))
            )
        } if doc_ids else {}
        for change in changes:
            placement, note = change.placement, change.placement.note
            meeting = existing.get(note.document_id)
            person = people.get(placement.person_id) if placement.person_id is not None else None
            if person is None:
                name = " ".join((placement.new_person or "").split())
                person = by_name.get(name_key(name))
                if person is None:
                    person = Person(name=name, stage="mentor")
                    session.add(person)
                    session.flush()
                    by_name[name_key(name)] = person
                    report.people_added.append(person.name)
            if meeting is None:
                meeting = Meeting(document_id=note.document_id, purpose=change.purpose or note.title)
                session.add(meeting)
                report.meetings_added += 1
                person.stage = advance_stage(person.stage, "meeting")
            else:
                report.meetings_updated += 1
                if change.purpose:
                    meeting.purpose = change.purpose
            meeting.person = person
            meeting.date = placement.date
            meeting.synced_hash = placement.key
            meeting.synced_mentor = note.mentor
            _reconcile_items(meeting, change.items, change.model_ran)
        for doc_id in removed:
            meeting = existing.get(doc_id)
            if meeting is not None:
                session.delete(meeting)
                report.meetings_removed += 1
        self._write_reviews(session, changes, reviews)

    @staticmethod
    def _write_reviews(session: Session, changes: list[_NoteChange], reviews: list[_Review]) -> None:
        rows = {r.source: r for r in session.scalars(select(NoteReview))}
        for change in changes:
            row = rows.get(change.placement.note.source)
            if row is not None and row.settled_at is None and not row.dismissed:
                session.delete(row)  # placed on its own now: nothing left to review
            elif row is not None:
                row.reason = None
        for review in reviews:
            row = rows.get(review.source)
            if row is None:
                row = NoteReview(source=review.source)
                session.add(row)
            row.reason, row.detail, row.candidates = review.reason, review.detail, review.candidates
            row.suggested_name = review.suggested
        sources = set(session.scalars(select(Document.source).where(Document.kind == "notes")))
        for source, row in rows.items():
            # A note gone from the library leaves the list; a settled choice stays, so the
            # file placed again later (a re-upload) lands where the user said.
            if source not in sources and row.settled_at is None:
                session.delete(row)


def _self_names(name: str | None) -> set[str]:
    """The user's own name, full and first, so "participants: [Rosa, Chris]" means Chris."""
    key = name_key(name)
    return {key, key.split()[0]} if key else set()


def _place(note: _Note, people: list[Person], choice: NoteReview | None, current_person: int | None,
           synced_mentor: str | None, key: str, me: set[str] = frozenset()) -> _Placement | _Review:
    """Where a note belongs: the user's choice first; then the meeting's person while the
    note names the same mentor as at the last sync (so renaming a person, or moving a
    meeting to a namesake, sticks); then whom the note names (see ``identify``)."""
    date = (choice.date if choice is not None else None) or note.date
    person_id: int | None = choice.person_id if choice is not None else None
    new_person: str | None = None
    journal_entry: str | None = None
    entries = journal_entries(note.text, note_stem(note.source), note.title)  # [] unless a journal
    if person_id is None and note.mentor and current_person is not None:
        current = next((p for p in people if p.id == current_person), None)
        if current is not None and name_key(note.mentor) in (name_key(synced_mentor), name_key(current.name)):
            person_id = current_person
    if person_id is None and not note.mentor and current_person is not None:
        person_id = current_person  # placed before (by hand or by a hint): stays
    if person_id is None:
        facts = note_facts(note.text, note_stem(note.source), title=note.title)
        # Beside a stated name, the only hints are a pasted email's other party.
        hints = facts.hints if facts.mentors or not note.mentor else ()
        # A name read from the title or the prose ("Thurs 12th June - coffee w/ Lorna
        # Baptiste"), not from front matter or a "Mentor:" line the user typed.
        inferred = (facts.mentor_source not in ("front matter", "property") and bool(facts.mentors)
                    and name_key(", ".join(facts.mentors)) == name_key(note.mentor or ""))
        who = identify(people, me, note.mentor, hints, note.text, confirm_new=inferred)
        if who.reason == "no_mentor" and not note.mentor:
            # A journal ("**Tues 14th** … had a half with my union rep"): the one entry that
            # names someone of the table is the meeting, on that entry's day.
            entry = _journal_meeting(entries, people, me)
            if entry is not None:  # its day, not the first entry's (which a title date is)
                who, date, journal_entry = Identified(entry[0]), entry[1], entry[2]
        if who.reason is not None:
            return _Review(note.source, who.reason, who.detail, [p.id for p in who.candidates], who.new_name)
        person_id, new_person = (who.person.id if who.person else None), who.new_name
    if journal_entry is None and (choice is None or choice.date is None):
        # A journal: its meeting entry's day, also over the date its title or first entry
        # heading gave the note ("# Journal — November 2025", "## Sat 15/11/2025").
        entry = _journal_meeting(entries, people, me)
        # (a week's title such as "KW 31 · 28.07.–03.08.2025" dates the note by its range's end)
        days = [day for day, _ in entries]
        if entry is not None and (person_id is None or entry[0].id == person_id) and new_person is None and (
                date is None or min(days) <= date <= max(days) + dt.timedelta(days=6)):
            person_id, date, journal_entry = entry[0].id, entry[1], entry[2]
    if date is None:
        return _Review(note.source, "no_date", "the note has no date (front matter, a Date: line, the title or "
                       "the file name)", [person_id] if person_id else [])
    person = next((p for p in people if p.id == person_id), None)
    if journal_entry is None and person is not None and is_day_note(note.text, note_stem(note.source)):
        # A day's note: the section (or log entry) about them is the meeting, not the day's
        # tasks and errands around it.
        journal_entry = meeting_part(note.text, lambda line: any(p.id == person.id
                                                                 for p in people_named_in(people, line)))
    name = new_person or (person.name if person else None)
    # The names the note may use for them in a chat ("Kees" for Cornelis Brouwer, whose
    # Notes cell says "Goes by Kees"): the reader tells their turns by these words.
    said = " ".join([name or "", *sorted(aliases(person))]) if person else name
    return _Placement(note, person_id, new_person, date, key, said, entry=journal_entry)


# A task crossed off on another day of the journal: "x Kathi den Link schicken" on Wednesday.
_TICKED_LINE = re.compile(r"^\s*(?:[xX×✓✔]|[-*]\s+\[[xX]\])\s+(?P<text>\S.*)$")


def _ticked_elsewhere(items: list[ExtractedItem], text: str) -> list[ExtractedItem]:
    """A journal meeting's open actions that a later day's line ticks off, marked done."""
    ticked = {" ".join(m["text"].lower().split()) for line in text.splitlines() if (m := _TICKED_LINE.match(line))}
    return [replace(i, done=True) if i.kind == "action" and not i.done and " ".join(i.text.lower().split()) in ticked
            else i for i in items]


_MET_IN_ENTRY = re.compile(r"\b(?:coffee|call|rang|phoned|meeting|met|lunch|dinner|chat|catch[- ]?up|1:1|1-1|a half|pint"
                           r"|said|says|reckons|told me|advice|suggested"
                           r"|café|appel|dîner|souper|déjeuner|rencontre|jasé|bière|conseils?|dit|m['’]a dit"
                           r"|llamada|comida|cena|desayuno|charla|sesión|reunión|consejos?|dijo"
                           r"|telefonat|anruf|kaffee|mittagessen|abendessen|treffen|getroffen|gespräch|termin|coaching"
                           r"|mentoring|meinte|sagte|gesagt|riet|rät|empfahl|tipps?)(?!\w)",
                           re.IGNORECASE)


# The meeting itself, not what someone said in passing ("Texted Liz, she said come by").
_MEETING_IN_ENTRY = re.compile(r"\b(?:coffee|call|rang|phoned|meeting|met|lunch|dinner|breakfast|chat|catch[- ]?up|1:1"
                               r"|1-1|a half|pint|came over|came by|went over|session|zoom)(?!\w)", re.IGNORECASE)


def _met_in(entry: str, person: Person, meeting: re.Pattern = _MET_IN_ENTRY) -> bool:
    """Whether a line of a journal entry meets the person it names ("Call w/ KO, 7pm"), not
    only mentions them beside someone else's meeting ("MBR prep w/ Dayo" under "Ifeanyi 1:1")."""
    words = set(plain_words(person.name or "")) | {w for alias in aliases(person) for w in alias.split()}
    for line in entry.splitlines():
        if meeting.search(line) and words & set(plain_words(re.sub(r"[^\w'’\s-]", " ", line))):
            return True
    return False


def _journal_meeting(entries: list[tuple[dt.date, str]], people: list[Person],
                     me: set[str]) -> tuple[Person, dt.date, str] | None:
    """(person, day, entry text) of the one journal entry (``ingest.note_meta.journal_entries``)
    that is a meeting with someone of the table; None when there are no entries, or no
    entry or several people fit."""
    found: list[tuple[Person, dt.date, str]] = []
    for day, entry in entries:
        if not _MET_IN_ENTRY.search(entry):
            continue
        facts = note_facts(entry, "")  # "Quick call with Oga Femi on my way home": named as a title names
        who = identify(people, me, ", ".join(facts.mentors) or None, facts.hints, entry)
        if who.person is not None:
            found.append((who.person, day, entry))
    if len({person.id for person, _, _ in found}) > 1:
        # Several people: only entries where a line meets the one it names ("Call w/ KO"),
        # not "MBR prep w/ Dayo" on a day whose meeting was "Ifeanyi 1:1".
        found = [f for f in found if _met_in(f[2], f[0])]
    if len({person.id for person, _, _ in found}) > 1:
        # Still several: the entry that records a meeting ("Coffee with Liz") over those
        # where someone only said something ("Texted Liz, she said come by", "ran into Priya
        # at the mixer, she said…").
        met = [f for f in found if _met_in(f[2], f[0], _MEETING_IN_ENTRY)]
        found = met if len({person.id for person, _, _ in met}) == 1 else found
    if len({person.id for person, _, _ in found}) != 1:
        return None
    # "Call KO." on Tuesday's to-do line, the call itself and what he said on Wednesday:
    # the entry with the most to say about them is the meeting.
    return max(found, key=lambda f: len(f[2].strip().splitlines()))


@dataclass(frozen=True)
class Identified:
    """Whom a note is with: a person of the table, a new name the note states, or why not."""

    person: Person | None = None
    new_name: str | None = None  # a stated name no one in the table has: a new person
    reason: str | None = None  # no_mentor | ambiguous_mentor
    detail: str = ""
    candidates: tuple[Person, ...] = ()


def identify(people: list[Person], me: set[str], mentor: str | None, hints: tuple[str, ...],
             text: str, confirm_new: bool = False) -> Identified:
    """The one rule, used by ingestion (to name a note's mentor as the table does) and by
    the sync (to place it): the names the note states, without the user's own; else the
    name hints, matched against the table. Several people, or a name two people share,
    is never guessed."""
    stated = [n.strip() for n in (mentor or "").split(",") if n.strip() and not _is_me(n, people, me)]
    if mentor and not stated and any(not _is_me(h, people, me) for h in hints):
        mentor = None  # a pasted e-mail to the user: the sender, among the hints, is the one met
    if mentor:
        names = stated or [mentor]
        matches = [(name, match_note_name(people, name)) for name in names]
        known = tuple({m.person.id: m.person for _, m in matches if m.person is not None}.values())
        unclear = [(name, m) for name, m in matches if m.ambiguous]
        if len(known) == 1:
            return Identified(known[0])
        if len(known) > 1:
            return Identified(reason="ambiguous_mentor", detail=f"the note names {', '.join(p.name for p in known)}",
                              candidates=known)
        if unclear:
            return _ambiguous(*unclear[0])
        other = _known_hint(people, me, hints)
        if other is not None:
            return Identified(other)  # a pasted email from a mentor to the user: the sender
        if len(names) == 1 and confirm_new:
            # "WhatsApp Chat with Thandi N Umoya": a name read from a file name or title that
            # is no one's name as written, but fits one person as a hint does (first name,
            # initial and company).
            hinted = match_note_hint(people, names[0])
            if hinted.person is not None and not _is_me(hinted.person.name, people, me):
                return Identified(hinted.person)
        if len(names) == 1:
            introduced = introduced_as(people, names[0], text)  # "Liz (Elizabeth Tran, …)"
            if introduced is not None:
                return Identified(introduced)
            if people and len(plain_words(names[0])) == 1:
                # "1:1 w/ Bob" when no one in the list is Bob: a lone first name is too little
                # to add a person (it may be someone's nickname), so the user is asked.
                return Identified(reason="no_mentor", detail=f"the note names '{names[0]}', who is not in your list "
                                  "(add them, or pick who it is)")
            if people and confirm_new:
                # A full name read from the title or prose that no one in the tracking table
                # has (a stranger met once, a speaker): the user decides, with "add them" one
                # choice away, rather than the list growing by itself. A name the user typed
                # as the mentor (front matter, a "Mentor:" line) is added; with no table
                # yet, notes are how it starts.
                return Identified(new_name=names[0], reason="no_mentor",
                                  detail=f"the note names '{names[0]}', who is not in your list (add them as a new "
                                  "person, or pick who it is)")
            return Identified(new_name=names[0])
        return Identified(reason="ambiguous_mentor", detail=f"the note names {', '.join(names)}, none of them in "
                          "your list")
    hints = tuple(h for h in hints if not _is_me(h, people, me))
    matches = [(hint, match_note_hint(people, hint)) for hint in hints]
    together = _named_together(matches, text)
    if len(together) > 1:
        return Identified(reason="ambiguous_mentor", detail=f"the note names {' and '.join(p.name for p in together)}",
                          candidates=tuple(together))
    for number, (hint, match) in enumerate(matches):
        if match.person is not None:
            return Identified(match.person)
        if match.ambiguous:
            # The first name the note gives fits several people: settled by the words beside
            # it ("Coffee w/ Michelle (Brightwater labeling)") or by a later, fuller name of
            # one of them ("Sander dW"); someone else named later is not the person met.
            told = _told_apart(match.candidates, hint, text) or described_as(match.candidates, text) or next(
                (m.person for _, m in matches[number + 1:] if m.person in match.candidates), None)
            return Identified(told) if told is not None else _ambiguous(hint, match)
    introduced = next((p for hint, _ in matches if (p := introduced_as(people, hint, text)) is not None), None)
    if introduced is not None:
        return Identified(introduced)
    described = described_as(people, text)
    if described is not None:
        return Identified(described)  # "call w/ my RAPS mentor", when the table's notes say who that is
    said = f" (it mentions {', '.join(repr(h) for h in hints[:3])}, not in your list)" if hints else ""
    return Identified(reason="no_mentor", detail=f"the note does not say who the meeting was with{said}")


def _is_me(name: str, people: list[Person], me: set[str]) -> bool:
    """The user's own name, also as their mail or a meeting tool writes it: "Maria Angelica
    Santos" for a profile saying "Gelai Santos" (a full name with the user's surname that
    is no one in the table)."""
    key = name_key(name)
    if key in me:
        return True
    surnames = {k.split()[-1] for k in me if len(k.split()) > 1}
    return len(key.split()) >= 2 and key.split()[-1] in surnames and match_note_name(people, name).person is None


def _known_hint(people: list[Person], me: set[str], hints: tuple[str, ...]) -> Person | None:
    """The one person of the table the hints name, when the stated name is no one there."""
    # Full names only: "Tony" somewhere in a call with Tony Mulligan is not Tony Ferreira.
    found = {m.person.id: m.person for h in hints if name_key(h) not in me and len(h.split()) >= 2
             for m in [match_note_hint(people, h)] if m.person is not None}
    return next(iter(found.values())) if len(found) == 1 else None


def _named_together(matches: list[tuple[str, NoteNameMatch]], text: str) -> list[Person]:
    """Known people named together in the note's first line ("Group call — Kwame + Tomasz")."""
    title = names_in_line(first_line(text) or "")
    together = {m.person.id: m.person for hint, m in matches[:3] if m.person is not None and hint in title}
    return list(together.values())


def _told_apart(candidates: Sequence[Person], name: str, text: str) -> Person | None:
    """Of the people a first name fits, the one whose company or role a line naming them
    also mentions ("Michelle (Brightwater labeling)"); None unless exactly one."""
    # (not the name itself: "Fraser" of the company "Fraser Adapt" is on every line naming a Fraser)
    own = {p.id: distinctive_words(p, candidates) - key_words(name) for p in candidates}
    lines = [line for line in text.splitlines() if re.search(rf"\b{re.escape(name)}\b", line, re.IGNORECASE)]
    fits = {p.id: p for p in candidates for line in lines if own[p.id] & key_words(line)}
    return next(iter(fits.values())) if len(fits) == 1 else None


def _ambiguous(name: str, match: NoteNameMatch) -> Identified:
    names = " or ".join(p.name for p in match.candidates)
    return Identified(reason="ambiguous_mentor", detail=f"'{name}' could be {names}", candidates=match.candidates)


def _reconcile_items(meeting: Meeting, extracted: list[ExtractedItem], model_ran: bool) -> None:
    """Replace the meeting's items with the extracted ones, carrying over the state
    (done, outcome, reported) of every item whose text is unchanged or nearly so."""
    old = list(meeting.advice_items)
    if not model_ran:
        # Items a model found earlier stay while no model is available to redo them.
        kept_from_model = [i for i in old if i.origin == "model"]
        old = [i for i in old if i.origin != "model"]
    else:
        kept_from_model = []
    matches = match_items([i.text for i in old], [e.text for e in extracted])
    reused: set[int] = set()
    new_items: list[AdviceItem] = []
    for position, item in enumerate(extracted):
        previous = old[matches[position]] if position in matches else None
        if previous is not None:
            reused.add(id(previous))
            previous.kind, previous.text, previous.origin = item.kind, item.text, item.origin
            previous.quote = item.quote
            # A box ticked in the note or in the app counts as done.
            previous.done = previous.done or item.done
            target = previous
        else:
            target = AdviceItem(kind=item.kind, text=item.text, origin=item.origin, done=item.done, quote=item.quote)
        target.position = position
        new_items.append(target)
    for position, item in enumerate(kept_from_model, start=len(new_items)):
        item.position = position
        new_items.append(item)
    meeting.advice_items = new_items  # delete-orphan removes items no longer in the note


class _TableResolver:
    """For ingestion (ingest.sync.MentorResolver): the name a note's mentor has in the
    tracking table, from the user's review choice, the stated name, or the hints; None when
    the table cannot say (the note keeps what it says, and the sync files it for review as
    usual). ``knows``: whether name hints fit anyone of the table, one or several people."""

    def __init__(self, people: list[Person], chosen: dict[str, int], me: set[str]):
        self.people, self.chosen, self.me = people, chosen, me
        self.by_id = {p.id: p for p in people}

    def __call__(self, source: str, mentor: str | None, hints: tuple[str, ...], text: str = "") -> str | None:
        if self.chosen.get(source) in self.by_id:
            return self.by_id[self.chosen[source]].name
        if not mentor:
            # A journal ("MBR prep w/ Dayo" on Monday, "Call w/ KO" and his advice on
            # Wednesday): the entry that is a meeting names the person, not a mention.
            entry = _journal_meeting(journal_entries(text, note_stem(source)), self.people, self.me)
            if entry is not None:
                return entry[0].name
        who = identify(self.people, self.me, mentor, hints, text)
        return who.person.name if who.person is not None else None

    def knows(self, hints: tuple[str, ...], text: str) -> bool:
        who = identify(self.people, self.me, None, hints, text)
        return who.person is not None or (who.reason == "ambiguous_mentor" and bool(who.candidates))


def mentor_resolver(db: Database) -> _TableResolver:
    """The tracking table as ingestion asks it (see ``_TableResolver``)."""
    with db.session() as session:
        people = list(session.scalars(select(Person)))
        chosen = {r.source: r.person_id for r in session.scalars(select(NoteReview)) if r.person_id}
        profile = own_profile(session)
    return _TableResolver(people, chosen, _self_names(profile.name if profile else None))


def _not_instructions(items: list[ExtractedItem]) -> list[ExtractedItem]:
    """A line of a note that speaks to an AI assistant ("Ignore all previous instructions
    ...") is neither advice nor an action, whatever list it sits in (ingest.injection)."""
    return [item for item in items
            if not (addressed_to_an_assistant(item.text) or addressed_to_an_assistant(item.quote))]
