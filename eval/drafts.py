"""Draft rubric pass rate per draft kind (issue 4's rubric), part of ``python -m eval``.

On the evaluation library (the sample notes are meetings with four mentors), with a
profile, four targets (two warm with an introducer, two cold) and one recorded advice
outcome per mentor (an update reports outcomes), every draft kind is
generated for every person through ``DraftService.draft`` exactly as the Drafts page does,
with the evaluation's chat model setting (the deterministic fake: the template path). A
kind that cannot apply to a person (a follow-up with no meeting) raises a clear
``UserError``; that is counted as *not applicable*, not as a failure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from mentordesk.drafting import KINDS
from store.errors import UserError

PROFILE = dict(name="Alex Rivera", role="Senior Engineer at Tidewell",
               goals="Deciding between the staff and manager tracks", values="kindness, thoughtfulness, humility")
TARGETS = (
    dict(name="Jonas Weber", company="Northwind", role="VP Engineering", connection="warm", introducer="Priya Raman",
         contact="jonas@northwind.example",
         notes="Gave a talk on calm incident response at SREcon that changed how my team runs on-call."),
    dict(name="Amara Nwosu", company="Brightpath", role="Director of Platform", connection="warm",
         introducer="Carlos Mendes", notes="Built the platform team at Brightpath from three people to thirty."),
    dict(name="Lena Fischer", company="Acme", connection="cold", notes="Writes about growing staff engineers."),
    dict(name="Ravi Patel", company="Quillon", role="Principal Engineer", connection="cold",
         notes="Maintains an open-source load-testing tool my team relies on."),
)


@dataclass
class DraftEvaluation:
    llm: str
    people: list[str]
    rows: list[dict] = field(default_factory=list)
    drafts: list[dict] = field(default_factory=list)
    not_applicable: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"llm": self.llm, "people": self.people, "rows": self.rows, "drafts": self.drafts,
                "not_applicable": self.not_applicable}


def evaluate(desk, progress: Callable[[str], None] | None = None) -> DraftEvaluation:
    say = progress or (lambda message: None)
    rel = desk.relationships
    rel.profile.update(**PROFILE)
    for target in TARGETS:
        fields = {k: v for k, v in target.items() if k != "name"}
        rel.people.add(target["name"], **fields)
    people = [p.name for p in rel.people.list()]
    # An update reports what came of advice: record one outcome per mentor with notes, as a user would.
    outcomes = 0
    for name in people:
        given = rel.advice.list(mentor=name, kind="advice")
        if given:
            rel.advice.set_outcome(given[0].id, "worked")
            outcomes += 1
    say(f"drafts: recorded an advice outcome for {outcomes} mentors")
    say(f"drafts: {len(KINDS)} kinds x {len(people)} people")
    result = DraftEvaluation(llm=desk.model_info.label,
                             people=people)
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for kind in KINDS:
        for person in people:
            try:
                draft = desk.drafts.draft(kind, person)
            except UserError as exc:
                result.not_applicable.append({"kind": kind, "person": person, "reason": str(exc),
                                              "why": str(exc).replace(person, "<person>").split(";")[0]})
                continue
            record = {"kind": kind, "person": person, "passed": draft.rubric.passed,
                      "failed_checks": [f"{c.name}: {c.detail}" if c.detail else c.name for c in draft.rubric.failures()],
                      "checks": len(draft.rubric.checks), "words": len(draft.body.split()),
                      "subject": draft.subject, "body": draft.body}
            result.drafts.append(record)
            by_kind[kind].append(record)
    for kind in KINDS:
        records = by_kind.get(kind, [])
        failing = Counter(c.split(":")[0] for r in records for c in r["failed_checks"])
        result.rows.append({
            "kind": kind, "drafts": len(records), "passed": sum(r["passed"] for r in records),
            "pass_rate": sum(r["passed"] for r in records) / len(records) if records else None,
            "not_applicable": sum(1 for n in result.not_applicable if n["kind"] == kind),
            "failing_checks": dict(failing),
        })
    total = [r for r in result.drafts]
    result.rows.append({"kind": "all", "drafts": len(total), "passed": sum(r["passed"] for r in total),
                        "pass_rate": sum(r["passed"] for r in total) / len(total) if total else None,
                        "not_applicable": len(result.not_applicable),
                        "failing_checks": dict(Counter(c.split(":")[0] for r in total for c in r["failed_checks"]))})
    return result
