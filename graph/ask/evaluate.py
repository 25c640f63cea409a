"""Score `answer` against the evaluation set (data/questions/questions.yaml).

Two figures: interpretation accuracy (query, node ids in slot order, type
filter, count flag, year) and answer accuracy (status, ids that must and must
not be in the result, exact count). benchmarks/eval_ask.py prints them; the
test suite runs every question as its own test case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.ask.model import Answer

QUESTIONS = Path(__file__).resolve().parents[2] / "data" / "questions" / "questions.yaml"


@dataclass(frozen=True)
class Case:
    question: str
    expect: dict
    answer: dict

    @property
    def language(self) -> str:
        """English when it has two or more Latin words (names in Chinese aside), else Chinese."""
        latin_words = re.findall(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]{2,}", self.question)
        return "en" if len(latin_words) >= 2 else "zh"


@dataclass
class Verdict:
    interpretation: list[str] = field(default_factory=list)  # what was read wrong
    answer: list[str] = field(default_factory=list)  # what was answered wrong

    @property
    def ok(self) -> bool:
        return not self.interpretation and not self.answer


def load_cases(path: Path = QUESTIONS) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = data.get("ids", {})

    def full(value):
        if isinstance(value, list):
            return [ids.get(v, v) for v in value]
        return value

    cases = []
    for row in data["questions"]:
        expect = {k: full(v) for k, v in row["expect"].items()}
        answer = {k: full(v) for k, v in row.get("answer", {}).items()}
        cases.append(Case(row["q"], expect, answer))
    return cases


def judge(case: Case, got: Answer) -> Verdict:
    verdict = Verdict()
    want, params = case.expect, got.params
    if got.query != want["query"]:
        verdict.interpretation.append(f"query {got.query!r}, expected {want['query']!r}")
    if params.get("refs", []) != want.get("refs", []):
        verdict.interpretation.append(f"refs {params.get('refs')}, expected {want.get('refs')}")
    if sorted(params.get("types", [])) != sorted(want.get("types", [])):
        verdict.interpretation.append(f"types {params.get('types')}, expected {want.get('types')}")
    if bool(params.get("count")) != bool(want.get("count", False)):
        verdict.interpretation.append(f"count {params.get('count')}, expected {want.get('count', False)}")
    if "year" in want and params.get("year") != want["year"]:
        verdict.interpretation.append(f"year {params.get('year')}, expected {want['year']}")
    _judge_answer(case.answer, got, verdict)
    return verdict


def _judge_answer(want: dict, got: Answer, verdict: Verdict) -> None:
    status = want.get("status", "answered")
    if got.status != status:
        verdict.answer.append(f"status {got.status!r}, expected {status!r}")
    found = {i.node.id for i in got.items} | {n.id for p in got.paths for n in p.nodes}
    missing = [i for i in want.get("includes", []) if i not in found]
    if missing:
        verdict.answer.append(f"missing {missing}")
    extra = [i for i in want.get("excludes", []) if i in found]
    if extra:
        verdict.answer.append(f"should not hold {extra}")
    if "count" in want and (got.count or 0) != want["count"]:
        verdict.answer.append(f"count {got.count}, expected {want['count']}")
