"""Scale benchmark of the embedded store: load, snapshot and query latency at 10k, 100k (and 1M) nodes.

    python benchmarks/bench_scale.py              # 10k and 100k nodes (`make bench`)
    python benchmarks/bench_scale.py --full       # and 1M nodes (`make bench-full`)

Each load runs in a fresh subprocess that reports its own peak RSS (resource.getrusage),
beside a plain networkx MultiDiGraph built from the same CSV rows: once as anyone would
write it (collector on) and once tuned (collector off during the adds). Query latencies
are measured in one process holding the store (and, for the supporters baseline, a plain
MultiDiGraph). `measure_queries(store)` takes any GraphStore, so other backends can be
measured with the same picks. Results go to benchmarks/results/scale.json and the
"## Scale" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale_tasks import CHILD_TASKS, run_child  # noqa: E402
from benchmarks.scale_report import machine, write_json, write_markdown  # noqa: E402

DEFAULT_SIZES = (10_000, 100_000)
FULL_SIZES = (10_000, 100_000, 1_000_000)
NODES_PER_ENTERPRISE = 1.5  # loaders/synth.py: an enterprise and, half the time, its project


def child(task: str, args: list[str]) -> dict:
    """Run one task in a fresh interpreter; it prints one JSON object on its last line."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{task} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def dataset(size: int, seed: int, data_dir: Path) -> Path:
    """The synthetic CSV pair for about `size` nodes (generated once, then reused)."""
    from loaders.synth import generate

    enterprises = round(size / NODES_PER_ENTERPRISE)
    folder = data_dir / f"synth-{enterprises}-seed{seed}"
    if not (folder / "edges.csv").exists():
        started = time.perf_counter()
        generate(enterprises, seed, folder)
        print(f"  generated {folder.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def bench_size(size: int, seed: int, data_dir: Path, snapshot: bool, repeat: int) -> dict:
    folder = dataset(size, seed, data_dir)
    out: dict = {"size": size, "csv": str(folder)}
    for task in ("nx", "nx-gc-off", "memory"):
        out[task] = child(f"load-{task}", ["--csv", str(folder)])
        print(f"  load {task:10} {out[task]['seconds']:8.2f} s  {out[task]['rows_per_s']:>10,.0f} rows/s  "
              f"{out[task]['peak_rss_mb']:8.0f} MB", flush=True)
    with tempfile.TemporaryDirectory(dir=data_dir) as tmp:
        snap = Path(tmp) / "graph.snapshot"
        if snapshot:
            out["snapshot"] = child("snapshot-write", ["--csv", str(folder), "--snapshot", str(snap)])
            out["snapshot"].update(child("snapshot-reopen", ["--snapshot", str(snap)]))
            print(f"  snapshot write {out['snapshot']['write_s']:.2f} s, reopen {out['snapshot']['reopen_s']:.2f} s, "
                  f"{out['snapshot']['bytes'] / 1e6:.0f} MB", flush=True)
        out["queries"] = child("queries", ["--csv", str(folder), "--repeat", str(repeat)])
    for name, q in out["queries"]["latency"].items():
        print(f"  {name:28} p50 {q['p50_ms']:9.3f} ms  p99 {q['p99_ms']:9.3f} ms", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="add the 1M-node size (several minutes, ~6 GB)")
    parser.add_argument("--sizes", help="comma-separated node counts (overrides --full)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=200, help="calls per query for the latency percentiles")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA",
                                                                         tempfile.gettempdir())) / "innograph-bench")
    parser.add_argument("--json", type=Path, help="default: benchmarks/results/scale.json, scale-full.json with --full")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from the JSON results")
    parser.add_argument("--child", choices=sorted(CHILD_TASKS), help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--snapshot", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.csv, args.snapshot, args.repeat)))
        return 0
    if args.json is None:
        args.json = ROOT / "benchmarks" / "results" / ("scale-full.json" if args.full else "scale.json")
    if args.report_only:
        write_markdown(json.loads(args.json.read_text(encoding="utf-8")), args.markdown)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(FULL_SIZES if args.full else DEFAULT_SIZES)
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "seed": args.seed, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "sizes": []}
    started = time.perf_counter()
    for size in sizes:
        print(f"{size:,} nodes", flush=True)
        report["sizes"].append(bench_size(size, args.seed, args.data, snapshot=True, repeat=args.repeat))
    report["seconds"] = round(time.perf_counter() - started, 1)
    write_json(report, args.json)
    write_markdown(report, args.markdown)
    print(f"wrote {args.json} and {args.markdown} ({report['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
