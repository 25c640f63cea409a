"""What one small write costs on the memory store, by graph size (issue 16: a write should cost its batch).

    python benchmarks/bench_write.py                  # 10k and 100k nodes
    python benchmarks/bench_write.py --full           # and 1M nodes (`make bench-full` runs this too)
    python benchmarks/bench_write.py --sizes 10000 --json /tmp/w.json
    python benchmarks/bench_write.py --sizes 1000000 --cli-only --journal 999 --before DIR --before-repeat 1

Per size, in a fresh child process: the bulk load of the synthetic graph (CPU seconds, one load; the
figure the write path must not slow down), then writes into that in-memory store (no snapshot path,
so what is measured is the write itself, not the snapshot save that a store with a path adds:
benchmarks/bench_scale.py measures that save), each the median of `--repeat` calls, in ms, wall time
and (`writes_cpu_ms`) the writing thread's CPU time, which a loaded machine disturbs far less:

- *one edge*: two ordinary enterprises become partners (no hub, no zone index row);
- *one support edge*: a program supports an enterprise that is a member of zones (zone index rows);
- *node + edge*: a new enterprise and its LOCATED_IN edge into the busiest zone (a hub);
- *refused*: an edge to a node that does not exist (the write fails; the graph stays as it was);
- *first page after*: the busiest zone's first supporters page right after a write (nothing kept);
- *one edge, journaled*: one edge into a store with a snapshot path, as the server writes: the batch
  is appended to the journal and fsynced (graph/memory/journal.py), the snapshot is not rewritten;
- *one edge + snapshot save*: the same write followed by `save()` of the whole snapshot, which is what
  a write with a snapshot path did before the journal (A/B in one run; median of 3);
- *open, journal of N*: opening that store (eager, as the server; lazy, as the CLI) with 0 and with
  `--journal` records to replay (one edge each);
- *a CLI process over the journal* (`cli_ms`): with `--journal` records on disk and the data dir locked
  (as while a server writes, so no open folds the journal away), a new process per question opens
  the store lazily, as the CLI does, and asks one: the busiest zone's supporters page (limit=50), the
  same typed (Program), its profile, the counts, a search page; wall ms of the whole process
  (interpreter start included), its CPU ms and peak RSS, median of `--repeat` processes. `--before DIR`
  (a checkout of earlier code, `git archive REV | tar -x -C DIR`) asks the same of that code: A/B;
  *journal of 0* is the same questions before the first journaled write (what the records add to);
- *one edge, makes the journal due*: the write after which the journal is folded (compact.py): it is
  acknowledged after its append, and the fold runs in a thread beside it; *one edge during the fold*
  is a write while that thread writes the snapshot (it shares the GIL, not the lock); *fold, wall* is
  from the due write to the new snapshot in place.

Results: benchmarks/results/write.json (write-full.json); the load average is recorded at each size.
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

from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402
from benchmarks.scale_tasks import cpu_seconds, peak_rss_mb, picks  # noqa: E402

SIZES, FULL = (10_000, 100_000), (10_000, 100_000, 1_000_000)


#: Up to this many nodes, a write is also measured with a snapshot path (journaled, and with a save).
SAVED_UP_TO = 2_000_000


def _median_ms(samples: list[float]) -> float:
    return round(sorted(samples)[len(samples) // 2] * 1000, 3)


def _open_ms(path: Path, lazy: bool) -> float:
    from graph.memory import MemoryStore

    started = time.perf_counter()
    MemoryStore(path, lazy=lazy).counts()
    return round((time.perf_counter() - started) * 1000, 1)


#: One CLI-like process: a lazy open and one question (python -c, cwd = the code tree that answers).
_PROBE = """
import json, resource, sys
from graph.memory import MemoryStore
from graph.queries import GraphQueries
path, hub, kind = sys.argv[1:4]
q = GraphQueries(MemoryStore(path, lazy=True))
if kind == "page": q.supporters_window(hub, None, 50, 0, None)
elif kind == "typed page": q.supporters_window(hub, "Program", 50, 0, None)
elif kind == "profile": q.zone(hub)
elif kind == "count": q.stats()
elif kind == "search": q.search("科技", None, 20)
u = resource.getrusage(resource.RUSAGE_SELF)  # its ru_maxrss would be the forking parent's: VmHWM is this process's
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"cpu_ms": (u.ru_utime + u.ru_stime) * 1000, "rss_mb": int(hwm.split()[1]) / 1024}))
"""
PROBES = ("page", "typed page", "profile", "count", "search")


def cli_probes(path: Path, hub: str, repeat: int, code: Path) -> dict:
    """{question: {wall_ms, cpu_ms, rss_mb}} medians over `repeat` new processes of the code in `code`."""
    from graph.memory.lock import DataDirLock

    out = {}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    with DataDirLock(path.parent).held():  # a writing server: the journal stays (no lazy open folds it)
        for kind in PROBES:
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", _PROBE, str(path), hub, kind], cwd=code, env=env,
                                      capture_output=True, text=True)
                wall = (time.perf_counter() - started) * 1000
                if done.returncode:
                    raise RuntimeError(f"{kind} in {code}: {done.stderr[-2000:]}")
                runs.append({"wall_ms": wall, **json.loads(done.stdout.strip().splitlines()[-1])})
            out[kind] = {k: round(sorted(r[k] for r in runs)[len(runs) // 2], 1) for k in runs[0]}
    return out


def task(folder: Path, repeat: int, records: int = 50, before: Path | None = None, eager: bool = True) -> dict:
    from graph.errors import LoadError
    from graph.memory import MemoryStore, compact, journal
    from graph.model import Edge, Node
    from graph.queries import GraphQueries
    from graph.store import Batch
    from loaders.csv_loader import load_csv

    kept = load_csv(folder / "nodes.csv", folder / "edges.csv").kept
    store, cpu = MemoryStore(), cpu_seconds()
    started = time.perf_counter()
    store.write(kept)
    out: dict = {"load_cpu_s": round(cpu_seconds() - cpu, 3), "load_wall_s": round(time.perf_counter() - started, 3)}
    del kept
    p = picks(store, count=2 * repeat + 2)
    hub, firms = p["hub"], p["ordinary"]
    programs = [n.id for n in store.nodes_of_type("Program")]
    q = GraphQueries(store)

    cpu_of: dict[str, list[float]] = {}

    def timed(batch, kind: str = "") -> float:
        """Wall seconds of one write; its CPU seconds (this thread's) go to cpu_of[kind]."""
        started, cpu = time.perf_counter(), time.thread_time()
        store.write(batch)
        cpu_of.setdefault(kind, []).append(time.thread_time() - cpu)
        return time.perf_counter() - started

    edge = [timed(Batch(edges=[Edge(source=firms[0], type="PARTNERS_WITH", target=f)]), "one edge")
            for f in firms[1: repeat + 1]]
    support = [timed(Batch(edges=[Edge(source=programs[k % len(programs)], type="SUPPORTS", target=f)]), "one support edge")
               for k, f in enumerate(firms[repeat + 1: 2 * repeat + 1])]
    node = [timed(Batch(nodes=[Node(id=f"institution-bench-write-{k}", type="Institution", name_zh=f"写入测试企业{k}")],
                        edges=[Edge(source=f"institution-bench-write-{k}", type="LOCATED_IN", target=hub)]),
                  "node + edge") for k in range(repeat)]
    refused = []
    for k in range(repeat):
        started = time.perf_counter()
        try:
            store.write(Batch(edges=[Edge(source=firms[0], type="PARTNERS_WITH", target=f"no-such-node-{k}")]))
        except LoadError:
            refused.append(time.perf_counter() - started)
    assert len(refused) == repeat, "a write to an unknown node was accepted"
    store.write(Batch(edges=[Edge(source=firms[0], type="PARTNERS_WITH", target=firms[-1])]))
    started = time.perf_counter()
    q.supporters_page(hub, limit=100)
    page = time.perf_counter() - started
    saved, resaved, opens, folded, cli = [], [], {}, [], {}
    if store.counts().total_nodes <= SAVED_UP_TO:  # with a snapshot path, as the server writes
        with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
            store.path = Path(tmp) / "graph.bin"
            store.save()
            if eager:  # a second whole copy of the graph in this process (--no-eager at 1M keeps the peak down)
                opens["open eager, journal of 0"] = _open_ms(store.path, False)
            cli["journal of 0"] = cli_probes(store.path, hub, repeat, ROOT)  # what the overlay adds to: no records
            opens["open lazy, journal of 0"] = _open_ms(store.path, True)
            saved = [timed(Batch(edges=[Edge(source=firms[1], type="PARTNERS_WITH", target=f)]), "one edge, journaled")
                     for f in firms[2: repeat + 2]]
            for k, f in enumerate(firms[repeat + 2: repeat + 5]):
                started, cpu = time.perf_counter(), time.thread_time()
                store.write(Batch(edges=[Edge(source=firms[1], type="PARTNERS_WITH", target=f)]))
                store.save()  # the whole snapshot, as every write with a path did before the journal
                cpu_of.setdefault("one edge + snapshot save", []).append(time.thread_time() - cpu)
                resaved.append(time.perf_counter() - started)
            for k in range(records):
                store.write(Batch(edges=[Edge(source=firms[k % len(firms)], type="PARTNERS_WITH",
                                              target=firms[(k + 7) % len(firms)])]))
            cli["after"] = cli_probes(store.path, hub, repeat, ROOT)
            if before is not None:
                cli["before"] = cli_probes(store.path, hub, repeat, before)
            if eager:
                opens[f"open eager, journal of {records}"] = _open_ms(store.path, False)
            opens[f"open lazy, journal of {records}"] = _open_ms(store.path, True)
            store.refresh()  # a lazy open that had to replay may have folded the journal: this store adopts it
            for k in range(3):  # the write that makes the journal due, then one during the fold
                journal.COMPACT_RECORDS = store._jpos.records + 1 if store._jpos else 1
                started = time.perf_counter()
                due = timed(Batch(edges=[Edge(source=firms[2], type="PARTNERS_WITH", target=firms[3 + k])]),
                            "one edge, makes the journal due")
                fold = store._folding
                during = timed(Batch(edges=[Edge(source=firms[2], type="PARTNERS_WITH", target=firms[-2 - k])]),
                               "one edge during the fold") if fold.is_alive() else None
                compact.wait(store)
                folded.append((due, during, time.perf_counter() - started))
            journal.COMPACT_RECORDS = 1000
            store.path = None
    counts = store.counts()
    out.update({"nodes": counts.total_nodes, "edges": counts.total_edges, "hub": hub, "writes_ms": {
        "one edge": _median_ms(edge), "one support edge": _median_ms(support), "node + edge": _median_ms(node),
        "refused": _median_ms(refused), "first page after": round(page * 1000, 3),
        **({"one edge, journaled": _median_ms(saved), "one edge + snapshot save": _median_ms(resaved),
            "one edge, makes the journal due": _median_ms([f[0] for f in folded]),
            "one edge during the fold": _median_ms([f[1] for f in folded if f[1] is not None] or [0]),
            "fold, wall": _median_ms([f[2] for f in folded])} if saved else {})}, "open_ms": opens,
        "writes_cpu_ms": {kind: _median_ms(samples) for kind, samples in cpu_of.items()},
        "journal_records": records, "cli_ms": cli,
        "repeat": repeat, "peak_rss_mb": round(peak_rss_mb())})
    return out


def prepare(folder: Path, path: Path, records: int) -> str:
    """A data dir at `path` holding the synthetic graph's snapshot and a journal of `records` one-edge
    records, written as bench_write's journal is; the busiest zone (for --cli-only)."""
    from graph.memory import MemoryStore
    from graph.model import Edge
    from graph.store import Batch
    from loaders.csv_loader import load_csv

    store = MemoryStore()
    store.write(load_csv(folder / "nodes.csv", folder / "edges.csv").kept)
    p = picks(store, count=50)
    path.parent.mkdir(parents=True, exist_ok=True)
    store.path = path
    store.save()
    firms = p["ordinary"]
    for k in range(records):
        store.write(Batch(edges=[Edge(source=firms[k % len(firms)], type="PARTNERS_WITH",
                                      target=firms[(k + 7) % len(firms)])]))
    return p["hub"]


def cli_only(size: int, folder: Path, args) -> dict:
    """The CLI processes alone: a child writes the data dir and exits first, so at most one whole graph
    is in memory (the *before* code reads it whole: at 1M, 1.7 GB beside the 2.6 GB of a benchmark child)."""
    path = args.data / f"cli-{size}-journal-{args.journal}" / "graph.json"
    if not path.exists():
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--prepare", str(folder), str(path),
                               "--journal", str(args.journal)], capture_output=True, text=True, cwd=ROOT)
        if done.returncode:
            raise RuntimeError(f"size {size} failed:\n{done.stderr[-3000:]}")
        (path.parent / "hub").write_text(done.stdout.strip().splitlines()[-1])
    hub = (path.parent / "hub").read_text().strip()
    out = {"size": size, "journal_records": args.journal, "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
           "cli_ms": {"after": cli_probes(path, hub, args.repeat, ROOT)}}
    if args.before:
        out["cli_ms"]["before"] = cli_probes(path, hub, args.before_repeat or args.repeat, args.before.resolve())
    out["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--sizes")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--journal", type=int, default=50, help="records in the journal for the open figures")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA",
                                                                         tempfile.gettempdir())) / "innograph-bench")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-eager", action="store_true", help="skip the eager opens (a second copy of the graph)")
    parser.add_argument("--before", type=Path, help="a checkout of earlier code: the CLI processes also run it (A/B)")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the CLI processes over a journal, in a data dir a child writes and leaves")
    parser.add_argument("--before-repeat", type=int, help="processes per question for --before (default --repeat)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--prepare", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        print(prepare(args.prepare[0], args.prepare[1], args.journal))
        return 0
    if args.child:
        print(json.dumps(task(args.child, args.repeat, args.journal, args.before, not args.no_eager)))
        return 0
    args.json = args.json or ROOT / "benchmarks" / "results" / ("write-full.json" if args.full else "write.json")
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(FULL if args.full else SIZES)
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "sizes": []}
    for size in sizes:
        folder = dataset(size, 1, args.data)
        if args.cli_only:
            result = cli_only(size, folder, args)
            print(json.dumps(result), flush=True)
            report["sizes"].append(result)
            continue
        load = os.getloadavg()
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(folder),
                               "--repeat", str(args.repeat), "--journal", str(args.journal),
                               *(["--no-eager"] if args.no_eager else []),
                               *(["--before", str(args.before.resolve())] if args.before else [])],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            raise RuntimeError(f"size {size} failed:\n{proc.stderr[-3000:]}")
        result = {"size": size, "load_average_at_start": [round(x, 2) for x in load],
                  **json.loads(proc.stdout.strip().splitlines()[-1])}
        print(json.dumps(result), flush=True)
        report["sizes"].append(result)
    write_json(report, args.json)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
