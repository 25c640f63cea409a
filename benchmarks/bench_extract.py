"""How extraction time grows with the size of a report, on real and on badly shaped text (issue 18).

    .venv/bin/python benchmarks/bench_extract.py [--sizes 50,200,1000] [--shapes report,repeat,...]
                                                 [--profile KB] [--json]

Texts of 50 KB, 200 KB and 1 MB (UTF-8 bytes) are made from the bundled report's body
repeated, each copy with its figures changed (every number times the copy's index
plus one), so indicators do not all collapse into one, and written with the report's
own header. Each is read and extracted cold (`extract_report(path, store=None)`, what
`innograph extract --cold` does) and timed as a whole. Besides the report itself
(`report`), the shapes of a badly scraped page (SHAPES): the report with no punctuation,
on one giant line, with commas only, as one giant table row, in Traditional script, and
long runs with no break at all (甲乙丙丁三家企业 repeated, ASCII letters and digits, digits).
The table gives wall and CPU seconds per shape and size and the CPU ratio 1 MB / 50 KB (about
20 when time grows linearly: 1 MB is 20 times 50 KB); --json adds the load average per run. `--profile KB` prints the cProfile of one
size (of the first shape) instead. Timing lives here, not in the tests.
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


def _runs(unit: str) -> callable:
    """A body of `unit` repeated with no break at all, as many bytes long as the report's."""
    return lambda body: unit * (len(body.encode()) // len(unit.encode()) + 1)


def _traditional(body: str) -> str:
    import opencc
    return opencc.OpenCC("s2t").convert(body)


MARKS = re.compile(r"[。，、；：！？,;:!?（）()“”《》\n]")
CELL_ENDS = re.compile(r"[。，,、；;：:\n]+")
#: shape -> how the report's body becomes it (the header stays, so the publisher is known)
SHAPES = {
    "report": lambda body: body,
    "no-punct": lambda body: MARKS.sub("", body),  # every mark and line break lost
    "one-line": lambda body: body.replace("\n", ""),
    "commas": lambda body: re.sub(r"[。；！？;!?\n]", "，", body),
    "table-row": lambda body: "| " + CELL_ENDS.sub(" | ", body),
    "traditional": _traditional,
    "repeat": _runs("甲乙丙丁三家企业"),  # the case: 96,000 characters took 42 s
    "ascii": _runs("Zhongguancun2018ABCdef"),
    "digits": _runs("0123456789"),
}


def shape_text(shape: str, kb: int) -> str:
    """`make_text` turned into `shape`, cut back to `kb` KB of UTF-8 (a shape may shrink or grow the text)."""
    header, _, body = make_text(kb * 2 if shape == "no-punct" else kb).partition("\n---\n")
    text = header + "\n---\n" + SHAPES[shape](body)
    return text.encode()[: kb * 1024].decode("utf-8", "ignore")


def _vary(number: str, copy: int) -> str:
    if re.fullmatch(r"(?:19|20)\d\d", number):  # years stay years
        return number
    if "." in number:
        return f"{float(number) * copy:.1f}"
    return str(int(number) * copy)


def run(kb: int, tmp: Path, shape: str = "report") -> dict:
    path = tmp / f"{shape}-{kb}kb.txt"
    path.write_text(make_text(kb) if shape == "report" else shape_text(shape, kb), encoding="utf-8")
    t0, c0 = time.perf_counter(), time.process_time()
    x = extract_report(path)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    size = path.stat().st_size
    return {"shape": shape, "kb": kb, "bytes": size, "chars": len(path.read_text(encoding="utf-8")),
            "seconds": round(seconds, 2), "cpu": round(cpu, 2), "load": _load(),
            "s_per_100kb": round(seconds / (size / 102400), 2), "nodes": len(x.nodes), "edges": len(x.edges),
            "mentions": len(x.analysis.mentions)}


def _load() -> float:
    """The 1-minute load average (a shared machine: wall time means little without it)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return -1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000", help="sizes in KB, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of: {', '.join(SHAPES)}")
    parser.add_argument("--profile", type=int, default=0, help="profile one size (KB) instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    shapes, sizes = args.shapes.split(","), [int(kb) for kb in args.sizes.split(",")]
    if unknown := [s for s in shapes if s not in SHAPES]:
        parser.error(f"unknown shape {unknown[0]!r}; known: {', '.join(SHAPES)}")
    with tempfile.TemporaryDirectory(prefix="innograph-bench-extract-") as tmp:
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            run(args.profile, Path(tmp), shapes[0])
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            return 0
        run(min(sizes), Path(tmp), "report")  # warm-up: rules, lexicon and the segmenter's dictionary load once
        rows = []
        for shape in shapes:
            for kb in sizes:
                rows.append(run(kb, Path(tmp), shape))
                row = rows[-1]
                print(f"  {shape} {kb} KB: {row['seconds']:.2f} s wall, {row['cpu']:.2f} s CPU, load {row['load']}",
                      file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(table(rows, sizes))
    return 0


def table(rows: list[dict], sizes: list[int]) -> str:
    """One row per shape: wall (CPU) seconds per size, the CPU ratio largest / smallest, what the largest yielded."""
    head = " | ".join(f"{kb} KB s wall (CPU)" for kb in sizes)
    lines = [f"| shape | {head} | {max(sizes)} KB / {min(sizes)} KB CPU | chars ({max(sizes)} KB) | mentions | nodes |",
             "|---|" + "---:|" * (len(sizes) + 4)]
    for shape in dict.fromkeys(r["shape"] for r in rows):
        by_kb = {r["kb"]: r for r in rows if r["shape"] == shape}
        small, big = by_kb[min(sizes)], by_kb[max(sizes)]
        ratio = big["cpu"] / small["cpu"] if small["cpu"] else float("inf")
        cells = " | ".join(f"{by_kb[kb]['seconds']:.2f} ({by_kb[kb]['cpu']:.2f})" for kb in sizes)
        lines.append(f"| {shape} | {cells} | {ratio:.1f} | {big['chars']} | {big['mentions']} | {big['nodes']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
