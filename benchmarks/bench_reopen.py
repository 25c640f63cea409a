"""Reopening the memory store's snapshot: version 3 against version 4, eager and lazy (issue 16, the CLI).

    python benchmarks/bench_reopen.py                          # 10k, 100k and 300k synthetic enterprises
    python benchmarks/bench_reopen.py --enterprises 10000 --repeat 5

For each size the same graph is saved as version 3 and as version 4, then each file is opened
in a fresh process (so no page of one run is kept by the next, apart from the OS file cache,
which is warm for both), its imports (numpy included) done before the clock starts: the whole
eager open (what a server does), and the lazy open
followed by the first supporters page (limit 50) and the profile of the busiest zone (what one
`innograph` call does after its imports), with the process's peak RSS (VmHWM: ru_maxrss would
carry over the parent's across exec). Also the save time of each version and the file sizes.
Results go to benchmarks/results/reopen.json; the table is printed for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: one measurement, run in its own process: prints {"ms": ...}
PROBE = r"""
import gc, json, sys, time
sys.path.insert(0, sys.argv[1])
from graph.memory import MemoryStore
from graph.memory import zone_build, walk  # numpy and the index code, imported before the clock starts
from graph.queries import GraphQueries
from graph.text import normalize
normalize("北京")  # OpenCC's first use, paid by any process that resolves a name
path, how, zone = sys.argv[2], sys.argv[3], sys.argv[4]
gc.disable()
started = time.perf_counter()
store = MemoryStore(path, lazy=how != "eager")
opened = time.perf_counter()
if how == "page":
    GraphQueries(store).supporters_window(zone, None, 50)
elif how == "profile":
    GraphQueries(store).profile(zone)
done = time.perf_counter()
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"open_ms": (opened - started) * 1000, "ms": (done - started) * 1000, "rss_mb": peak / 1024}))
"""


def probe(path: Path, how: str, zone: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), str(path), how, zone], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def save_as(store, version: int, path: Path) -> float:
    from graph.memory import snapshot

    keep = snapshot.SNAPSHOT_VERSION
    snapshot.SNAPSHOT_VERSION = version
    try:
        started = time.perf_counter()
        with open(path, "wb") as fh:
            snapshot._write_snapshot(fh, store._c)
        return (time.perf_counter() - started) * 1000
    finally:
        snapshot.SNAPSHOT_VERSION = keep


def run_size(enterprises: int, work: Path, repeat: int) -> dict:
    from benchmarks.bench_zone_http import synth_data_dir, zones_of
    from graph.memory import MemoryStore
    from graph.memory.watch import prepare

    data_dir = synth_data_dir(enterprises, work)
    store = MemoryStore(data_dir / "graph.json")
    prepare(store._c)  # as a write does before it saves (the id order version 4 stores)
    zone = zones_of(data_dir)[0]
    files = {v: work / f"reopen-{enterprises}-v{v}.snapshot" for v in (3, 4)}
    save_ms = {v: round(min(save_as(store, v, files[v]) for _ in range(2)), 1) for v in (3, 4)}
    nodes = store.counts().total_nodes
    del store
    row = {"enterprises": enterprises, "nodes": nodes, "zone": zone, "save_ms": save_ms,
           "bytes": {v: files[v].stat().st_size for v in (3, 4)}}
    for label, version, how in (("v3 eager open", 3, "eager"), ("v4 eager open", 4, "eager"),
                                ("v4 lazy open", 4, "lazy"), ("v4 lazy open + page", 4, "page"),
                                ("v4 lazy open + profile", 4, "profile"), ("v3 open + page", 3, "page")):
        runs = [probe(files[version], how, zone) for _ in range(repeat)]
        row[label] = {"ms": round(statistics.median(r["ms"] for r in runs), 1),
                      "rss_mb": round(max(r["rss_mb"] for r in runs))}
    for f in files.values():
        f.unlink()
    print(json.dumps(row), flush=True)
    return row


def table(rows: list[dict]) -> str:
    sizes = [f"{r['enterprises']:,} ({r['nodes']:,} nodes)" for r in rows]
    lines = ["| | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(rows)]
    lines.append("| snapshot size v3 → v4, MB | " + " | ".join(
        f"{r['bytes']['3'] / 1e6:.1f} → {r['bytes']['4'] / 1e6:.1f}" for r in rows) + " |")
    lines.append("| save v3 / v4, ms | " + " | ".join(f"{r['save_ms']['3']:,} / {r['save_ms']['4']:,}" for r in rows) + " |")
    for label in ("v3 eager open", "v4 eager open", "v4 lazy open", "v3 open + page", "v4 lazy open + page",
                  "v4 lazy open + profile"):
        lines.append(f"| {label}, ms (peak RSS MB) | " + " | ".join(
            f"{r[label]['ms']:,} ({r[label]['rss_mb']})" for r in rows) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", default="10000,100000,300000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA",
                                                                         tempfile.gettempdir())) / "innograph-bench")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "reopen.json")
    args = parser.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    rows = [run_size(int(n), args.data, args.repeat) for n in args.enterprises.split(",")]
    rows = json.loads(json.dumps(rows))  # version keys as strings, as in the file
    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_average_start": load,
              "load_average_end": os.getloadavg(), "sizes": rows}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print(f"load average {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end; wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
