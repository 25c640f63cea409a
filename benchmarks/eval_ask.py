"""Accuracy and wrong-answer rate of `innograph ask`, against the bundled graph.

    .venv/bin/python benchmarks/eval_ask.py [--verbose] [--misses]

Two sets. The outcome set (data/questions/report.yaml, questions written from
the report, by category) is scored right / declined / wrong and printed as the
table kept in docs/ask.md. The interpretation set (data/questions/questions.yaml)
checks how each question is read (query, names, type filter, count) and its rows.
Exits 1 when accuracy < 90 %, wrong > 2 % or the interpretation set < 95 %.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.ask import answer  # noqa: E402
from graph.ask.evaluate import judge, load_cases  # noqa: E402
from graph.ask.outcome import load_outcome_cases, rates, score, table  # noqa: E402
from graph.memory import MemoryStore  # noqa: E402
from graph.queries import GraphQueries  # noqa: E402
from loaders.sources import build_bundled  # noqa: E402

SESSION11 = Path(__file__).resolve().parents[1] / "data/questions/session11.yaml"  # 40 new, held out
SESSION12 = SESSION11.with_name("session12.yaml")  # 30 new, held out (session 12)
SESSION12B = SESSION11.with_name("session12b.yaml")  # 30 new, blind (session 12b)
SESSION13 = SESSION11.with_name("session13.yaml")  # 30 new, blind (session 13)
SESSION13B = SESSION11.with_name("session13b.yaml")  # 30 new, blind (session 13b: English and the web box)
SESSION14 = SESSION11.with_name("session14.yaml")  # 30 new, blind (session 14: a director's zone briefing)
SESSION15 = SESSION11.with_name("session15.yaml")  # 30 new, blind (session 15: non-zone subjects, counts, yes/no)
SESSION16 = SESSION11.with_name("session16.yaml")  # 30 new, blind (session 16: each zone's own story)
SESSION16B = SESSION11.with_name("session16b.yaml")  # 19 new (session 16b: a zone's story, two zones compared)
SESSION17 = SESSION11.with_name("session17.yaml")  # 40 new, blind (session 17: a planner's questions, 20 zh / 20 en)
SESSION18 = SESSION11.with_name("session18.yaml")  # 40 new, blind (session 18: a planner's, 10 following a zone's story)
ACCURACY_GOAL, WRONG_LIMIT, INTERPRETATION_GOAL = 0.90, 0.02, 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="print every question's outcome")
    parser.add_argument("--misses", action="store_true", help="print every declined or wrong question")
    args = parser.parse_args()

    store = MemoryStore()
    build_bundled(store)
    queries = GraphQueries(store)

    session11, session12 = load_outcome_cases(SESSION11), load_outcome_cases(SESSION12)
    session12b, session13 = load_outcome_cases(SESSION12B), load_outcome_cases(SESSION13)
    session13b, session14 = load_outcome_cases(SESSION13B), load_outcome_cases(SESSION14)
    session15, session16 = load_outcome_cases(SESSION15), load_outcome_cases(SESSION16)
    session16b, session17 = load_outcome_cases(SESSION16B), load_outcome_cases(SESSION17)
    session18 = load_outcome_cases(SESSION18)
    started = time.perf_counter()
    results = []
    for case in load_outcome_cases() + session11 + session12 + session12b + session13 + session13b + session14 + session15 + session16 + session16b + session17 + session18:
        got = answer(queries, case.question)
        outcome = score(case, got)
        results.append((case, outcome))
        if args.verbose or (args.misses and outcome.kind != "right"):
            print(f"{outcome.kind:<8} [{case.category}] {case.question}  ->  {got.status}: {got.summary[:100]}")
            for reason in outcome.reasons:
                print(f"         {reason}")
    elapsed = time.perf_counter() - started
    print("\n".join(table(results)))
    sessions = (("session 11", session11), ("session 12", session12), ("session 12b", session12b),
                ("session 13", session13), ("session 13b", session13b), ("session 14", session14),
                ("session 15", session15), ("session 16", session16), ("session 16b", session16b),
                ("session 17", session17), ("session 18", session18))  # the session files are read last, in this order
    start = len(results) - sum(len(cases) for _, cases in sessions)
    for label, cases in sessions:
        new, start = results[start:start + len(cases)], start + len(cases)
        print(f"{label} (new questions):", ", ".join(f"{k} {sum(o.kind == k for _, o in new)}" for k in ("right", "declined", "wrong")))
    accuracy, wrong = rates(results)
    print(f"{len(results)} questions, {elapsed / max(len(results), 1) * 1000:.1f} ms each; "
          f"goal: accuracy >= {ACCURACY_GOAL:.0%}, wrong <= {WRONG_LIMIT:.0%}")

    cases = load_cases()
    read_ok = answered_ok = 0
    for case in cases:
        verdict = judge(case, answer(queries, case.question))
        read_ok += not verdict.interpretation
        answered_ok += not verdict.answer
        if args.misses and not verdict.ok:
            print(f"MISS (interpretation set) {case.question}: {verdict.interpretation + verdict.answer}")
    n = max(len(cases), 1)
    print(f"interpretation set: {len(cases)} questions, read right {read_ok / n:.1%}, answered right {answered_ok / n:.1%}")
    ok = accuracy >= ACCURACY_GOAL and wrong <= WRONG_LIMIT and min(read_ok, answered_ok) / n >= INTERPRETATION_GOAL
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
