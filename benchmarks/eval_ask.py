"""Accuracy of `innograph ask` on the evaluation set, against the bundled graph.

    .venv/bin/python benchmarks/eval_ask.py [--questions PATH] [--verbose]

Prints interpretation and answer accuracy (overall and per language), the
time per question, and every miss with its reason. Exits 1 below the goal (95%).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.ask import answer  # noqa: E402
from graph.ask.evaluate import QUESTIONS, judge, load_cases  # noqa: E402
from graph.memory import MemoryStore  # noqa: E402
from graph.queries import GraphQueries  # noqa: E402
from loaders.sources import build_bundled  # noqa: E402

GOAL = 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--verbose", "-v", action="store_true", help="print every question's reading")
    args = parser.parse_args()

    store = MemoryStore()
    build_bundled(store)
    queries = GraphQueries(store)
    cases = load_cases(args.questions)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # language -> [n, interp ok, answer ok]
    misses = []
    started = time.perf_counter()
    for case in cases:
        got = answer(queries, case.question)
        verdict = judge(case, got)
        for key in ("all", case.language):
            tally[key][0] += 1
            tally[key][1] += not verdict.interpretation
            tally[key][2] += not verdict.answer
        if not verdict.ok:
            misses.append((case, got, verdict))
        if args.verbose:
            print(f"{'ok ' if verdict.ok else 'MISS'} {case.question}  ->  {got.interpretation}")
    elapsed = time.perf_counter() - started

    print(f"{'set':<5} {'questions':>9} {'interpretation':>15} {'answer':>8}")
    for key in ("all", "zh", "en"):
        n, interp, ans = tally[key]
        if n:
            print(f"{key:<5} {n:>9} {interp / n:>15.1%} {ans / n:>8.1%}")
    print(f"{elapsed / max(len(cases), 1) * 1000:.1f} ms per question ({len(cases)} in {elapsed:.2f} s)")
    for case, got, verdict in misses:
        print(f"\nMISS {case.question}\n  read as: {got.query} {got.params} — {got.interpretation}")
        for reason in verdict.interpretation + verdict.answer:
            print(f"  {reason}")
    n, interp, ans = tally["all"]
    return 0 if n and interp / n >= GOAL and ans / n >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
