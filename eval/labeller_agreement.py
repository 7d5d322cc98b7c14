"""How much do two careful people agree when they label the same notes?

    python -m eval.labeller_agreement [--set notes_wild9] [--show] [--no-write]

A set's ``expected.jsonl`` was written by one labeller; ``second_labeller.jsonl`` (when a
set has one) by another, who saw only the notes, the tracking table and a one-page guide,
never the first labels. The second labeller's items are scored against the first's with
the very matching ``eval.notes_wild`` uses for the extractor (one to one, word overlap
Dice >= 0.5, kind must agree). The figures are a ceiling of sorts: an extractor cannot be
expected to agree with the expected labels much more than a second person does.

Writes eval/results/labeller_agreement.md (with the CPU line every report carries).
"""

from __future__ import annotations

import argparse
import json
import sys

from eval.notes_wild import RESULTS, SETS, ItemScore, load_expected, score_items


def agreement(set_name: str, show: bool = False) -> dict:
    data = SETS[set_name]
    second = {row["file"]: row["items"] for row in
              (json.loads(line) for line in (data / "second_labeller.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip())}
    first = [row for row in load_expected(data, "all") if row["file"] in second]
    scores = {"advice": ItemScore(), "action": ItemScore()}
    done = {"agree": 0, "both_actions": 0}
    for row in first:
        got = [(item["kind"], item["text"]) for item in second[row["file"]]]
        matched, missed, extra = score_items(row["items"], got, scores)
        for i, j in matched:
            a, b = row["items"][i], second[row["file"]][j]
            if a["kind"] == b["kind"] == "action":
                done["both_actions"] += 1
                done["agree"] += bool(a.get("done")) == bool(b.get("done"))
        if show:
            for i in missed:
                print(f"{row['file']}: only first  {row['items'][i]['kind']}: {row['items'][i]['text']}")
            for j in extra:
                print(f"{row['file']}: only second {got[j][0]}: {got[j][1]}")
    return {
        "set": set_name, "notes": len(first),
        "first": {k: sum(1 for r in first for i in r["items"] if i["kind"] == k) for k in scores},
        "second": {k: sum(1 for items in second.values() for i in items if i["kind"] == k) for k in scores},
        "scores": {k: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "tp": s.tp, "fp": s.fp,
                       "fn": s.fn} for k, s in scores.items()},
        "done_agreement": round(done["agree"] / done["both_actions"], 3) if done["both_actions"] else None,
    }


def markdown(results: list[dict]) -> str:
    from eval.report import machine_info

    lines = ["# Two labellers on the same notes", "",
             f"CPU: {machine_info().get('cpu', '?')} (no model runs here; the line is the house habit).", "",
             "The second labeller's items scored against the first's (expected.jsonl) with the extractor's own "
             "matching: precision = share of the second's items the first also has, recall = share of the "
             "first's items the second also has.", "",
             "| set | notes | advice first/second | advice P | advice R | actions first/second | actions P "
             "| actions R | done agrees |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        a, c = r["scores"]["advice"], r["scores"]["action"]
        lines.append(f"| {r['set']} | {r['notes']} | {r['first']['advice']}/{r['second']['advice']} | "
                     f"{a['precision']:.2f} | {a['recall']:.2f} | {r['first']['action']}/{r['second']['action']} | "
                     f"{c['precision']:.2f} | {c['recall']:.2f} | {r['done_agreement']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append",
                        help="a set with a second_labeller.jsonl (default: every such set)")
    parser.add_argument("--show", action="store_true", help="print the items only one labeller has")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    names = args.set or [n for n, path in SETS.items() if (path / "second_labeller.jsonl").exists()]
    if not names:
        print("no set has a second_labeller.jsonl", file=sys.stderr)
        return 1
    results = [agreement(name, show=args.show) for name in names]
    for r in results:
        a, c = r["scores"]["advice"], r["scores"]["action"]
        print(f"{r['set']}: {r['notes']} notes; advice P {a['precision']:.2f} R {a['recall']:.2f}; "
              f"actions P {c['precision']:.2f} R {c['recall']:.2f}; done agrees {r['done_agreement']}")
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "labeller_agreement.md").write_text(markdown(results), encoding="utf-8")
        (RESULTS / "labeller_agreement.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
