"""How extraction time grows with the size of a report (issue 18: linear time).

    .venv/bin/python benchmarks/bench_extract.py [--sizes 50,200,1000] [--profile KB] [--json]

Texts of 50 KB, 200 KB and 1 MB (UTF-8 bytes) are made from the bundled report's body
repeated, each copy with its figures changed (every number times the copy's index
plus one), so indicators do not all collapse into one, and written with the report's
own header. Each is read and extracted cold (`extract_report(path, store=None)`, what
`innograph extract --cold` does) and timed as a whole; the table gives seconds, seconds
per 100 KB (flat when time grows linearly) and the counts found. `--profile KB` prints
the cProfile of one size instead. Timing lives here, not in the tests.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.report_loader import extract_report  # noqa: E402

REPORT = ROOT / "data" / "reports" / "bjstc-2018-self-assessment.txt"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def make_text(kb: int) -> str:
    """The report's header, then copies of its body with varied figures up to `kb` KB of UTF-8."""
    raw = REPORT.read_text(encoding="utf-8")
    header, _, body = raw.partition("\n---\n")
    head = header + "\n---\n"
    target = kb * 1024
    parts, size, copy = [head], len(head.encode()), 0
    while size < target:
        copy += 1
        varied = body if copy == 1 else NUMBER.sub(lambda m: _vary(m.group(), copy), body)
        piece = varied + "\n"
        data = piece.encode()
        if size + len(data) > target:  # cut the last copy at a line end
            piece = data[: target - size].decode("utf-8", "ignore")
            piece = piece[: piece.rfind("\n") + 1] or piece
        parts.append(piece)
        size += len(piece.encode())
    return "".join(parts)


def _vary(number: str, copy: int) -> str:
    if re.fullmatch(r"(?:19|20)\d\d", number):  # years stay years
        return number
    if "." in number:
        return f"{float(number) * copy:.1f}"
    return str(int(number) * copy)


def run(kb: int, tmp: Path) -> dict:
    path = tmp / f"report-{kb}kb.txt"
    path.write_text(make_text(kb), encoding="utf-8")
    t0 = time.perf_counter()
    x = extract_report(path)
    seconds = time.perf_counter() - t0
    size = path.stat().st_size
    return {"kb": kb, "bytes": size, "chars": len(path.read_text(encoding="utf-8")), "seconds": round(seconds, 2),
            "s_per_100kb": round(seconds / (size / 102400), 2), "nodes": len(x.nodes), "edges": len(x.edges),
            "mentions": len(x.analysis.mentions)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000", help="sizes in KB, comma-separated")
    parser.add_argument("--profile", type=int, default=0, help="profile one size (KB) instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="innograph-bench-extract-") as tmp:
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            run(args.profile, Path(tmp))
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            return 0
        rows = [run(int(kb), Path(tmp)) for kb in args.sizes.split(",")]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| size | chars | seconds | s per 100 KB | nodes | edges | mentions |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['kb']} KB | {r['chars']} | {r['seconds']:.2f} | {r['s_per_100kb']:.2f} | {r['nodes']} "
              f"| {r['edges']} | {r['mentions']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
