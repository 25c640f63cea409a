"""The largest graph the memory store takes on this machine: load, peak memory, a few answers.

    python benchmarks/bench_largest.py DIR [--snapshot FILE]

DIR is a generated CSV pair (`innograph synth --enterprises 3333333 --seed 1 -o DIR` gives 5M
nodes and 25M edges). Why a script of its own: bench_scale.py compares three loads per size in
fresh processes; at this size one load is the experiment. Prints one JSON object (load time and
CPU, peak RSS, latencies of the questions that grow with a hub, the snapshot's size and write time).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale_tasks import load_memory, peak_rss_mb, picks, timed  # noqa: E402
from graph.queries import GraphQueries  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path, help="a directory with nodes.csv and edges.csv")
    parser.add_argument("--snapshot", type=Path, help="where to write the snapshot (default: a temporary file)")
    args = parser.parse_args(argv)
    started, cpu = time.perf_counter(), time.process_time()
    store, rows = load_memory(args.csv)
    counts = store.counts()
    out = {"load_s": round(time.perf_counter() - started, 1), "load_cpu_s": round(time.process_time() - cpu, 1),
           "rows": rows, "nodes": counts.total_nodes, "edges": counts.total_edges,
           "peak_rss_mb_after_load": round(peak_rss_mb())}
    print(json.dumps(out), file=sys.stderr, flush=True)
    q, p = GraphQueries(store), picks(store)

    def cold(call):
        def run(*a):
            store.forget_answers()
            return call(*a)
        return run

    out.update(hub=p["hub"], hub_degree=p["hub_degree"])
    out["neighbours depth 2"] = timed(lambda n: q.neighbors(n, depth=2), [(n,) for n in p["ordinary"]], 20)
    out["paths"] = timed(lambda a, b: q.paths(a, b, 4), p["pairs"], 20)
    out["search"] = timed(lambda k: store.search(k, (), 20, 0), [("怀柔",), ("中关村",), ("huairou",)], 50)
    out["supporters page cold"] = timed(cold(lambda z: q.supporters_page(z, limit=100)), [(p["hub"],)], 2)
    with tempfile.TemporaryDirectory() as tmp:
        store.path = args.snapshot or Path(tmp) / "graph.snapshot"
        started = time.perf_counter()
        store.save()
        out.update(snapshot_write_s=round(time.perf_counter() - started, 1),
                   snapshot_mb=store.path.stat().st_size // 2**20, peak_rss_mb=round(peak_rss_mb()))
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
