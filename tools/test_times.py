#!/usr/bin/env python3
"""Where the suite's time goes: a pytest --junitxml report summed by directory, by file and by test.

    .venv/bin/python -m pytest --junitxml=run.xml ...   (or tools/test.sh --junitxml=run.xml)
    python3 tools/test_times.py run.xml [--top 30] [--compare before.xml]

`--durations` lists single tests, but the budget is spent by files and fixtures: a module fixture
that loads a graph shows up as one slow first test, a matrix of cheap cases as no slow test at all.
Summing the junit times (setup + call + teardown of every test) by file and by directory shows
both. Standard library only, so it runs without the venv.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict


def read(path: str) -> dict[str, float]:
    """Seconds per test id (file::class::name) in one junit report."""
    times: dict[str, float] = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        classname = case.get("classname", "")
        parts = classname.split(".")
        # classname is "tests.graph.test_conformance.TestNeo4jStore" (importlib mode): the file is
        # the dotted prefix up to the test_ module, the rest is the class.
        cut = next((i + 1 for i, p in enumerate(parts) if p.startswith("test_")), len(parts))
        file = "/".join(parts[:cut]) + ".py"
        name = "::".join([file, *parts[cut:], case.get("name", "")])
        times[name] = times.get(name, 0.0) + float(case.get("time") or 0)
    return times


def by(times: dict[str, float], key) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for name, seconds in times.items():
        out[key(name)] += seconds
    return out


def file_of(name: str) -> str:
    return name.split("::")[0]


def dir_of(name: str) -> str:
    return file_of(name).rsplit("/", 1)[0]


def table(title: str, now: dict[str, float], before: dict[str, float] | None, top: int) -> None:
    print(f"\n{title}")
    for key, seconds in sorted(now.items(), key=lambda kv: -kv[1])[:top]:
        was = f"  (before {before.get(key, 0.0):7.1f} s)" if before is not None else ""
        print(f"{seconds:8.1f} s  {key}{was}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--compare", help="an earlier junit report, shown beside each figure")
    args = parser.parse_args(argv)
    now = read(args.report)
    before = read(args.compare) if args.compare else None
    total = sum(now.values())
    print(f"{len(now)} tests, {total:.1f} s in tests" +
          (f" (before: {len(before)} tests, {sum(before.values()):.1f} s)" if before is not None else ""))
    table("by directory", by(now, dir_of), by(before, dir_of) if before else None, args.top)
    table(f"top {args.top} files", by(now, file_of), by(before, file_of) if before else None, args.top)
    table(f"top {args.top} tests", now, before, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
