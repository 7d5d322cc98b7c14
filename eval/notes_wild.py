"""Notes as people write them: meetings placed, advice and actions found, prep drafts.

    python -m eval.notes_wild [--split dev|heldout|all] [--show]

The set is ``eval/data/notes_wild`` (written by a separate helper from a brief, without
seeing the code): a tracking table, and notes in ten shapes in ``dev/`` and ``heldout/``.
``heldout/`` is never used for tuning; its figures are the ones the targets refer to.

For each split, in a fresh data folder with the real MiniLM model: import the table,
ingest the folder as notes, then compare with ``expected.jsonl``:
- meetings: a note expected as a meeting counts when a meeting with that mentor and date
  exists for it; precision is over the meetings made; a note expected in review counts
  when it is in the review list with the expected reason (and is no meeting);
- items: the advice and actions extracted from every note's text (placed or not) are
  matched one to one to the expected ones by word overlap (Dice >= 0.5, kind must agree);
- prep: for each mentor whose latest meeting has open actions, the prep draft (template
  path) mentions at least one of them.

Writes eval/results/notes_wild.json and notes_wild.md (with the CPU it ran on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {name: ROOT / "eval" / "data" / name
        for name in ("notes_wild", "notes_wild2", "notes_wild3", "notes_wild4", "notes_wild5", "notes_wild6",
                     "notes_wild7", "notes_wild8", "notes_wild9", "notes_wild10", "notes_wild11", "notes_wild12", "notes_wild13",
                     "notes_wild14", "notes_wild15", "notes_wild16", "notes_wild17", "notes_wild18", "notes_wild19", "notes_wild20",
                     "notes_wild21", "notes_wild22", "notes_wild23", "notes_wild24", "notes_wild25")}
# A set whose writer dates numbers month first is run as that user would set it up
# (MENTORDESK_DATE_ORDER=mdy, or a US locale); the others read day first.
DATE_ORDER = {"notes_wild6": "mdy", "notes_wild8": "mdy", "notes_wild11": "mdy", "notes_wild22": "mdy",
              "notes_wild23": "mdy", "notes_wild25": "mdy"}
# The time zone of the user's machine, where a set's README gives one: chat and notes-app
# exports store UTC times, and an evening meeting in Montréal is the next day in UTC.
TIME_ZONE = {"notes_wild16": "America/Toronto", "notes_wild17": "Europe/Madrid", "notes_wild18": "Europe/Vienna",
             "notes_wild19": "Pacific/Auckland", "notes_wild20": "Africa/Johannesburg",
             "notes_wild21": "America/Sao_Paulo",
             "notes_wild22": "America/Chicago", "notes_wild23": "America/Los_Angeles",
             "notes_wild24": "Pacific/Auckland", "notes_wild25": "America/New_York"}
# The user each set was written as (its README's persona), set as the app's profile name
# before ingesting, as a user who filled in their profile would have it: the user's own
# name in a note ("Femke Bakker will email...", "Femke x Ines") is then theirs.
PERSONA = {"notes_wild": "Dani Costa", "notes_wild2": "Rosa Delgado-Whitaker", "notes_wild3": "Kwabena Mensah-Larsen",
           "notes_wild4": "Lucía Ferreira-Okoye", "notes_wild5": "Anneliese Vandermeulen",
           "notes_wild6": "Marisol Quintero-Haynes", "notes_wild7": "Niamh Ó Briain", "notes_wild8": "Renee Kaminski",
           "notes_wild9": "Femke Bakker", "notes_wild10": "Ciara Dunne", "notes_wild11": "Megan Pruitt", "notes_wild12": "Becca Hollis",
           "notes_wild13": "Aditi Joshi", "notes_wild14": "Tolu Adeyemi",
           "notes_wild15": "Gelai Santos", "notes_wild16": "Geneviève Lapointe",
           "notes_wild17": "Mariana Elizondo Treviño", "notes_wild18": "Theresa Lechner",
           "notes_wild19": "Sophie Whitcombe", "notes_wild20": "Lerato Dlamini-Pretorius",
           "notes_wild21": "Rafael Nakamura Oliveira",
           "notes_wild22": "Marcus Delgado-Reyes", "notes_wild23": "Ji-yeon Park",
           "notes_wild24": "Hemi Walker", "notes_wild25": "Darnell Brooks"}
DATA = SETS["notes_wild"]
RESULTS = ROOT / "eval" / "results"
MATCH = 0.5


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", text.lower()).split())  # whitespace runs collapse too


def dice(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


@dataclass
class ItemScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def match_items(expected: list[dict], got: list[tuple[str, str]]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one pairs (expected index, got index), best overlap first; then the misses
    and the extras."""
    pairs = sorted(((dice(e["text"], g[1]), i, j) for i, e in enumerate(expected) for j, g in enumerate(got)),
                   reverse=True)
    used_e: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if score < MATCH:
            break
        if i in used_e or j in used_g:
            continue
        used_e.add(i)
        used_g.add(j)
        matched.append((i, j))
    return matched, [i for i in range(len(expected)) if i not in used_e], [j for j in range(len(got)) if j not in used_g]


def score_items(expected: list[dict], got: list[tuple[str, str]],
                scores: dict[str, ItemScore]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Match one note's items (``got``: (kind, text)) to the expected ones and add the
    true/false positives and misses per kind to ``scores``; a match of the wrong kind is a
    miss of one kind and an extra of the other. Returns ``match_items``'s answer."""
    matched, missed, extra = match_items(expected, got)
    for i, j in matched:
        e_kind, g_kind = expected[i]["kind"], got[j][0]
        if e_kind == g_kind:
            scores[e_kind].tp += 1
        else:
            scores[e_kind].fn += 1
            scores[g_kind].fp += 1
    for i in missed:
        scores[expected[i]["kind"]].fn += 1
    for j in extra:
        scores[got[j][0]].fp += 1
    return matched, missed, extra


def load_expected(data: Path, split: str) -> list[dict]:
    rows = [json.loads(line) for line in (data / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
    # Running logs (several meetings in one file) are not supported yet: kept out of the scores.
    return [r for r in rows if r.get("review_reason") != "running_log" and (split == "all" or r["split"] == split)]


def evaluate_split(split: str, embedder, show: bool = False, data: Path = DATA) -> dict:
    import os
    import time
    from unittest import mock

    order = DATE_ORDER.get(data.name)
    zone = TIME_ZONE.get(data.name)
    settings = ({"MENTORDESK_DATE_ORDER": order} if order else {}) | ({"TZ": zone} if zone else {})
    try:
        with mock.patch.dict(os.environ, settings):
            time.tzset()  # the process's local time zone follows TZ from here on
            return _evaluate_split(split, embedder, show, data)
    finally:
        time.tzset()


def _evaluate_split(split: str, embedder, show: bool = False, data: Path = DATA) -> dict:
    from ingest.loaders import LoadError, load_file
    from mentordesk.container import MentorDesk
    from mentordesk.relationships.extraction import extract_items
    from mentordesk.settings import Settings

    expected = load_expected(data, split)
    folders = sorted({(data / r["file"]).parent for r in expected})
    with tempfile.TemporaryDirectory(prefix="mentordesk-notes-wild-") as home:
        settings = Settings(home=Path(home), llm_provider="fake", index_builtin_guidance=False)
        desk = MentorDesk(settings, embedder=embedder)
        desk.relationships.table.import_file(data / "people.csv")
        me = PERSONA.get(data.name)
        if me:
            desk.relationships.profile.update(name=me)
        started = time.perf_counter()
        desk.ingest.ingest_paths(folders, kind="notes")
        ingest_seconds = time.perf_counter() - started
        rel = desk.relationships
        meetings = {m.source: m for m in rel.meetings.list()}
        reviews = {r.source: r for r in rel.reviews.list()}
        classifier = rel._sentence_classifier
        ledger: dict[int, list] = {}
        for advice in rel.advice.list():
            ledger.setdefault(advice.meeting_id, []).append(advice)

        placed_ok = placed_expected = made = review_ok = review_expected = 0
        notes_out = []
        scores = {"advice": ItemScore(), "action": ItemScore()}
        for row in expected:
            path = (data / row["file"]).resolve()
            source = str(path)
            meeting, review = meetings.get(source), reviews.get(source)
            got = {"meeting": {"mentor": meeting.person_name, "date": meeting.date.isoformat()} if meeting else None,
                   "review": review.reason if review else None}
            if meeting is not None:
                made += 1
            if row["meeting"]:
                placed_expected += 1
                ok = got["meeting"] == row["meeting"]
                placed_ok += ok
            else:
                review_expected += 1
                ok = meeting is None and got["review"] == row["review_reason"]
                review_ok += ok
            try:
                loaded_text = load_file(path).text
            except LoadError:
                loaded_text = ""  # a file the app cannot read: every item of it is missed
            if meeting is not None:
                # What the user reads in the advice ledger for this meeting (a journal's
                # meeting holds only its entry's items).
                items = [(a.kind, a.text) for a in ledger.get(meeting.id, [])]
            else:  # what the app will read from the note once the user settles its review
                items = [(i.kind, i.text) for i in extract_items(loaded_text, classifier, None, me)]
            matched, missed, extra = score_items(row["items"], items, scores)
            notes_out.append({
                "file": row["file"], "shape": row["shape"], "placement_ok": bool(ok), "expected": row["meeting"]
                or row["review_reason"], "got": got,
                "missed": [row["items"][i] for i in missed],
                "extra": [{"kind": items[j][0], "text": items[j][1]} for j in extra],
                "wrong_kind": [{"expected": row["items"][i], "got": items[j][0]} for i, j in matched
                               if row["items"][i]["kind"] != items[j][0]],
            })
            if show:
                mark = "ok " if ok else "BAD"
                print(f"{mark} {row['file']} [{row['shape']}] expected {row['meeting'] or row['review_reason']} "
                      f"got {got}")
                for i in missed:
                    print(f"     missed {row['items'][i]['kind']}: {row['items'][i]['text']}")
                for j in extra:
                    print(f"     extra  {items[j][0]}: {items[j][1]}")
                for i, j in matched:
                    if row["items"][i]["kind"] != items[j][0]:
                        print(f"     kind   {items[j][0]} (expected {row['items'][i]['kind']}): {items[j][1]}")
        prep = _prep_share(desk)
    total = ItemScore(*(sum(getattr(s, p) for s in scores.values()) for p in ("tp", "fp", "fn")))
    return {
        "set": data.name, "split": split, "notes": len(expected), "ingest_seconds": round(ingest_seconds, 2),
        "classifier": classifier is not None,
        "meetings": {"expected": placed_expected, "placed_right": placed_ok, "made": made,
                     "recall": placed_ok / placed_expected if placed_expected else 1.0,
                     "precision": placed_ok / made if made else 1.0},
        "review": {"expected": review_expected, "right_reason": review_ok},
        "items": {kind: {"precision": s.precision, "recall": s.recall, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                  for kind, s in {**scores, "all": total}.items()},
        "prep": prep,
        "notes_detail": notes_out,
    }


def _prep_share(desk) -> dict:
    """Prep drafts for mentors whose latest meeting left open actions: how many ask about one."""
    rel = desk.relationships
    rel.profile.update(name="Dani Costa", role="Senior Engineer")
    asked = total = 0
    examples = []
    for person in rel.people.list():
        detail = rel.people.detail(person.id)
        if not detail.meetings:
            continue
        last = max(detail.meetings, key=lambda m: (m.date, m.id))
        open_actions = [a for a in detail.advice if a.meeting_id == last.id and a.kind == "action" and not a.done]
        if not open_actions:
            continue
        total += 1
        draft = desk.drafts.draft("prep", person.name)
        hit = any(dice(a.text, line) >= 0.6 or a.text.lower() in draft.body.lower()
                  for a in open_actions for line in draft.body.splitlines())
        asked += hit
        examples.append({"mentor": person.name, "mentions_open_action": hit, "body": draft.body})
    return {"mentors": total, "mention_open_action": asked, "share": asked / total if total else None,
            "drafts": examples}


def extraction_cost(embedder) -> dict:
    """Time to extract items from every dev note, rules alone and rules + classifier, side
    by side on the same notes (the classifier embeds each undecided sentence)."""
    from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_file
    from mentordesk.relationships.extraction import extract_items
    from mentordesk.relationships.sentence_classifier import load_classifier

    def readable(path: Path) -> str | None:
        try:
            return load_file(path).text
        except LoadError:  # a file the app skips with its reason (scored as a miss above)
            return None

    texts = [text for data in SETS.values() for p in sorted((data / "dev").iterdir())
             if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and (text := readable(p)) is not None]
    classifier = load_classifier(embedder)
    embedder.embed(["warm up"])
    figures = {}
    for name, used in (("rules", None), ("rules+classifier", classifier)):
        started = time.perf_counter()
        items = sum(len(extract_items(text, used)) for text in texts)
        seconds = time.perf_counter() - started
        figures[name] = {"notes": len(texts), "items": items, "seconds": round(seconds, 3),
                         "ms_per_note": round(1000 * seconds / len(texts), 1)}
    figures["precision"] = getattr(embedder, "precision", None)
    return figures


def write_report(results: list[dict], machine: dict, cost: dict | None = None) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "notes_wild.json").write_text(json.dumps({"machine": machine, "results": results, "cost": cost},
                                                        indent=1, default=str) + "\n")
    lines = ["# Notes as people write them (eval/data/notes_wild)", "",
             f"Run {dt.date.today().isoformat()} on {machine.get('cpu')} ({machine.get('flags')}); "
             "`python -m eval.notes_wild`. heldout/ was never used for tuning.", "",
             "| set | split | notes | meetings recall | meetings precision | review right | advice P / R | action P / R "
             "| all items P / R | prep asks about an open action |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        m, it, p = r["meetings"], r["items"], r["prep"]
        share = f"{p['mention_open_action']}/{p['mentors']}" if p["mentors"] else "n/a"
        lines.append(
            f"| {r['set']} | {r['split']} | {r['notes']} | {m['placed_right']}/{m['expected']} ({m['recall']:.2f}) | "
            f"{m['precision']:.2f} | {r['review']['right_reason']}/{r['review']['expected']} | "
            f"{it['advice']['precision']:.2f} / {it['advice']['recall']:.2f} | "
            f"{it['action']['precision']:.2f} / {it['action']['recall']:.2f} | "
            f"{it['all']['precision']:.2f} / {it['all']['recall']:.2f} | {share} |")
    lines += ["", "Items are matched one to one by word overlap (Dice >= 0.5) and must have the expected kind.",
              "Per-note misses and extras are in notes_wild.json."]
    if cost:
        lines += ["", f"Extraction cost on all dev notes (MiniLM {cost['precision']}): "
                  + "; ".join(f"{name} {c['ms_per_note']} ms/note ({c['items']} items from {c['notes']} notes)"
                              for name, c in cost.items() if isinstance(c, dict))]
    (RESULTS / "notes_wild.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate meetings and advice from notes in the wild")
    parser.add_argument("--split", choices=("dev", "heldout", "all", "both"), default="both")
    parser.add_argument("--set", dest="sets", choices=(*SETS, "every"), default="every",
                        help="which evaluation set (default: every set; notes_wild2 has a dev split only)")
    parser.add_argument("--show", action="store_true", help="print every note's misses and extras")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    from eval.report import machine_info
    from vectorstore.embeddings import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(precision="fp32")
    splits = ("dev", "heldout") if args.split == "both" else (args.split,)
    names = list(SETS) if args.sets == "every" else [args.sets]
    results = [evaluate_split(split, embedder, args.show, SETS[name]) for name in names for split in splits
               if load_expected(SETS[name], split)]
    for r in results:
        m, it = r["meetings"], r["items"]
        print(f"{r['set']} {r['split']}: meetings {m['placed_right']}/{m['expected']} placed right, precision "
              f"{m['precision']:.2f}; review {r['review']['right_reason']}/{r['review']['expected']}; "
              f"advice P {it['advice']['precision']:.2f} R {it['advice']['recall']:.2f}; "
              f"action P {it['action']['precision']:.2f} R {it['action']['recall']:.2f}; "
              f"prep {r['prep']['mention_open_action']}/{r['prep']['mentors']}")
    machine = machine_info()
    cost = extraction_cost(embedder)
    print("extraction cost:", json.dumps(cost))
    print(f"cpu: {machine.get('cpu')} ({machine.get('flags')})")
    if not args.no_write:
        write_report(results, machine, cost)
    return 0


if __name__ == "__main__":
    sys.exit(main())
