"""Score `answer` as right, declined or wrong, against data/questions/report.yaml.

Accuracy and the wrong-answer rate are measured apart, because they are not
the same failure: a decline ("can't; try …") costs accuracy but misleads no
one, while a confident wrong answer does. So each question ends in one of
three outcomes:

  right     the expected answer (rows, count, figures in the summary), or a
            decline where the report gives nothing the graph can answer
  declined  not understood / unknown name / nothing found, where an answer was expected
  wrong     an answer that misses, adds or miscounts; "nothing found" where the
            report has an answer; any answer where only a decline is right

benchmarks/eval_ask.py prints the table by category; tests/ask/test_ask_outcomes.py
holds the floor (accuracy >= 90 %, wrong <= 2 %).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.ask.evaluate import QUESTIONS
from graph.ask.model import Answer

REPORT_QUESTIONS = QUESTIONS.parent / "report.yaml"
DECLINES = ("not_understood", "unknown_entity")
YES_NO = {True: ("是", "Yes"), False: ("否", "No")}  # how the summary of a yes/no answer opens
CATEGORIES = ("members", "supporters", "partners", "values", "counts", "funds", "origin", "issued",
              "regions", "events", "topics", "traps", "planner")


@dataclass(frozen=True)
class OutcomeCase:
    question: str
    category: str
    want: dict | str
    held: bool = False  # written after the rules, scored once before any change for it

    @property
    def expects_decline(self) -> bool:
        """`decline`, or {decline: true, suggests: [...]}: a decline whose suggestions name what to ask."""
        return self.want == "decline" or (isinstance(self.want, dict) and bool(self.want.get("decline")))


@dataclass
class Outcome:
    kind: str  # right | declined | wrong
    reasons: list[str] = field(default_factory=list)


def load_outcome_cases(path: Path = REPORT_QUESTIONS) -> list[OutcomeCase]:
    ids = dict(yaml.safe_load(QUESTIONS.read_text(encoding="utf-8")).get("ids", {}))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids.update(data.get("ids", {}))

    def full(value):
        if isinstance(value, str):  # `last`: one id
            return ids.get(value, value)
        return [ids.get(v, v) for v in value] if isinstance(value, list) else value

    cases = []
    for row in data["questions"]:
        want = row["want"]
        if isinstance(want, dict):  # YAML 1.1 reads the bare key `yes` as the boolean True: give it its name back
            want = {("yes" if k is True else k): full(v) for k, v in want.items()}
        cases.append(OutcomeCase(row["q"], row["cat"], want, bool(row.get("held"))))
    return cases


def score(case: OutcomeCase, got: Answer) -> Outcome:
    declined = got.status in DECLINES
    if case.expects_decline:
        if declined or (got.status == "empty" and not got.items):
            wanted = case.want.get("suggests", []) if isinstance(case.want, dict) else []
            lacking = [w for w in wanted if not any(w in s for s in got.suggestions)]
            return Outcome("declined", [f"the decline does not suggest {w!r}" for w in lacking]) if lacking \
                else Outcome("right")
        return Outcome("wrong", [f"answered ({got.status}: {got.summary[:80]}) where only a decline is right"])
    want: dict = case.want  # type: ignore[assignment]
    if declined:
        return Outcome("right" if want.get("decline_ok") else "declined", [f"declined: {got.status}"])
    reasons = _misses(want, got)
    return Outcome("wrong" if reasons else "right", reasons)


def _misses(want: dict, got: Answer) -> list[str]:
    reasons = []
    if want.get("none"):
        if got.status != "empty" or got.items:
            reasons.append(f"expected none of the asked type, got {got.status} with {len(got.items)} rows")
        related = {i.node.id for i in got.related}
        reasons += [f"fallback lacks {i}" for i in want.get("related", []) if i not in related]
        return reasons
    if want.get("yes") is False and got.status == "empty" and got.summary.startswith(YES_NO[False]):
        return []  # a listing that finds none, said as 否/No (listing_yes_no.py, session 15): the answer asked
    if got.status != "answered":
        return [f"status {got.status!r} where the report has an answer"]
    found = {i.node.id for i in got.items} | {n.id for p in got.paths for n in p.nodes}
    reasons += [f"missing {i}" for i in want.get("includes", []) if i not in found]
    reasons += [f"should not hold {i}" for i in want.get("excludes", []) if i in found]
    if "count" in want and (got.count or 0) != want["count"]:
        reasons.append(f"count {got.count}, expected {want['count']}")
    reasons += [f"summary lacks {s!r}" for s in want.get("says", []) if s not in got.summary]
    if "last" in want and (not got.items or got.items[-1].node.id != want["last"]):  # the report's author last
        reasons.append(f"{want['last']} is not the last row")
    if "first" in want and (not got.items or got.items[0].node.id != want["first"]):  # "which zone has the most …"
        reasons.append(f"{want['first']} is not the first row")
    if "yes" in want and not got.summary.startswith(YES_NO[bool(want["yes"])]):  # a yes/no question
        reasons.append(f"summary does not open with {' / '.join(YES_NO[bool(want['yes'])])}")
    return reasons


def table(results: list[tuple[OutcomeCase, Outcome]]) -> list[str]:
    """The eval table: per category, questions, right, declined, wrong, accuracy, wrong rate."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for case, outcome in results:
        for key in (case.category, "all"):
            row = tally[key]
            row[0] += 1
            row[1 + ("right", "declined", "wrong").index(outcome.kind)] += 1
    lines = [f"| {'category':<10} | {'n':>3} | {'right':>5} | {'declined':>8} | {'wrong':>5} | {'accuracy':>8} | {'wrong rate':>10} |",
             f"|{'-' * 12}|{'-' * 5}:|{'-' * 6}:|{'-' * 9}:|{'-' * 6}:|{'-' * 9}:|{'-' * 11}:|"]
    for key in [c for c in CATEGORIES if c in tally] + ["all"]:
        n, right, declined, wrong = tally[key]
        label = f"**{key}**" if key == "all" else key
        lines.append(f"| {label:<10} | {n:>3} | {right:>5} | {declined:>8} | {wrong:>5} | "
                     f"{right / n:>8.1%} | {wrong / n:>10.1%} |")
    return lines


def rates(results: list[tuple[OutcomeCase, Outcome]]) -> tuple[float, float]:
    n = max(len(results), 1)
    return (sum(o.kind == "right" for _, o in results) / n, sum(o.kind == "wrong" for _, o in results) / n)
