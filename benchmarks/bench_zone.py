"""Zone questions with the zone rollup index (issue 16), beside the code path before it and networkx.

    python benchmarks/bench_zone.py                 # 10k and 100k nodes (`make bench-zone`)
    python benchmarks/bench_zone.py --full          # and 1M nodes (`make bench-full` runs this too)

Per size, in fresh child processes (one for the store, one for the networkx baseline, so each
stays near its own footprint): the bulk load with and without the index (CPU seconds, best of
two each), one-edge writes with and without it, and on the busiest zone: the cold first page
of 100 supporters (each once, with its paths), the page right after reopening the snapshot
(eagerly, as the server does), the page after one unrelated write, the page at offset 100,000 (or
90 % into a smaller zone's supporters: `far_offset`) by offset and by cursor, the count, a typed page (Fund), the profile; the same questions answered by
the previous code path (`GraphQueries` over the store without its index, nothing kept) and by
a plain networkx MultiDiGraph (collect the rows of the zone and its members, sort, slice).
The store's child calls `gc.freeze()` after its load and after each write, as the server does
(graph/memory/watch._settle); without it the 1M "page after one write" row timed a full collection
of the benchmark process (142 ms against 16-21 ms). The networkx child keeps the default collector.
Results: benchmarks/results/zone.json (zone-full.json) and the "## Zone index" section of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402
from benchmarks.scale_tasks import cpu_seconds, peak_rss_mb, picks, typed_networkx  # noqa: E402
from benchmarks.zone_report import write_markdown  # noqa: E402

SIZES, FULL = (10_000, 100_000), (10_000, 100_000, 1_000_000)
PAGE, FAR, TYPE = 100, 100_000, "Fund"


def _run(task: str, folder: Path) -> dict:
    import subprocess

    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", task, "--csv", str(folder)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"{task} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class Timed(float):
    """Wall milliseconds that also carry the call's CPU milliseconds (`.cpu`): on a shared machine the wall
    time of the same call moves with the load average, its CPU time far less, so a growth ratio between
    sizes measured at different loads is read from the CPU column."""

    cpu: float


def ms(call, repeat: int = 1) -> Timed:
    """Milliseconds of the fastest of `repeat` calls (each one cold where the caller makes it so)."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best = min(best, time.perf_counter() - started)
    out = Timed(round(best * 1000, 3))
    out.cpu = round(best_cpu * 1000, 3)
    return out


class Recomputed:
    """The store without its zone index: GraphQueries answers as before issue 16."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        if name in ("support_window", "profile_window"):
            raise AttributeError(name)
        return getattr(self._store, name)


def far_offset(total: int) -> int:
    """Offset 100,000, or in a zone with fewer than 111,112 supporters the same part of the order (90 %
    in: by-member supporters of the last types), so every size pages 100 distinct supporters of the
    same kind (not a zone's last, thinner page at one size and a mid-zone page at another)."""
    return max(min(FAR, total * 9 // 10), 1)


def task_store(folder: Path) -> dict:
    from graph.memory import MemoryStore, zone_index
    from graph.model import Edge
    from graph.queries import GraphQueries
    from graph.store import Batch
    from loaders.csv_loader import load_csv

    cpu = cpu_seconds()
    kept = load_csv(folder / "nodes.csv", folder / "edges.csv").kept
    parse_cpu = cpu_seconds() - cpu
    keep_index = zone_index.after_write
    load = {"with index": [], "without index": []}
    for attempt in range(4):
        with_index = attempt % 2 == 1
        zone_index.after_write = keep_index if with_index else (lambda c, before: None)
        gc.collect()
        store, cpu = MemoryStore(), cpu_seconds()
        store.write(kept)
        load["with index" if with_index else "without index"].append(cpu_seconds() - cpu)
        zone_index.after_write = keep_index
        if attempt < 3:
            del store
    out: dict = {"load_cpu_s": {k: round(min(v), 3) for k, v in load.items()}, "parse_cpu_s": round(parse_cpu, 3),
                 "gc": "frozen after the load and after each write, as the server does (graph/memory/watch._settle)"}
    gc.freeze()  # as the server after an open: the rows below measure the page, not a full collection of the graph
    p = picks(store, count=20)
    hub, firms = p["hub"], p["ordinary"]
    q, old = GraphQueries(store), GraphQueries(Recomputed(store))
    total = q.supporters_window(hub, limit=1)[0]
    far = far_offset(total)
    _, _, cursor = q.supporters_window(hub, None, 1, far - 1)

    def cold_old(call):
        def run():
            store.forget_answers()
            return call()
        return run

    index = {
        "cold first page": ms(lambda: q.supporters_page(hub, limit=PAGE), 5),
        "page at offset": ms(lambda: q.supporters_page(hub, limit=PAGE, offset=far), 5),
        "page by cursor": ms(lambda: q.supporters_window(hub, None, PAGE, 0, cursor), 5),
        "count": ms(lambda: q.supporters_window(hub, limit=1), 5),
        "typed page": ms(lambda: q.supporters_page(hub, TYPE, PAGE), 5),
        "profile": ms(lambda: q.profile(hub), 3),
    }
    before = {
        "cold first page": ms(cold_old(lambda: old.supporters_page(hub, limit=PAGE)), 2),
        "page at offset": ms(cold_old(lambda: old.supporters_page(hub, limit=PAGE, offset=far)), 2),
        "page by cursor": ms(cold_old(lambda: old.supporters_window(hub, None, PAGE, 0, cursor)), 2),
        "count": ms(cold_old(lambda: old.supporters_window(hub, limit=1)), 2),
        "typed page": ms(cold_old(lambda: old.supporters_page(hub, TYPE, PAGE)), 2),
        "profile": ms(cold_old(lambda: old.profile(hub)), 2),
    }
    _, rows, _ = old._supporter_rows(hub, None)  # the rows the previous code path groups by supporter
    assert q.supporters_page(hub, None, PAGE, far) == old.supporters_page(hub, None, PAGE, far)  # same page
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        store.path = Path(tmp) / "graph.snapshot"
        started = time.perf_counter()
        store.save()
        out["snapshot"] = {"bytes": store.path.stat().st_size, "write_s": round(time.perf_counter() - started, 3)}
        from graph.memory import zone_build

        out["snapshot"]["index_bytes"] = sum(map(len, zone_build.sections(store._c).values()))
        started = time.perf_counter()
        reopened = MemoryStore(store.path)
        out["snapshot"]["reopen_s"] = round(time.perf_counter() - started, 3)
        gc.freeze()  # the server settles after an open too
        index["page after reopening"] = ms(lambda: GraphQueries(reopened).supporters_page(hub, limit=PAGE))
        del reopened
        store.path = None
    before["page after reopening"] = before["cold first page"]  # nothing was kept: every call recomputes
    writes = {"with index": [], "without index": []}
    for k, firm in enumerate(firms[1:]):  # unrelated writes: two enterprises become partners
        with_index = k % 2 == 0
        zone_index.after_write = keep_index if with_index else (lambda c, before: None)
        edge = Edge(source=firms[0], type="PARTNERS_WITH", target=firm)
        started = time.perf_counter()
        store.write(Batch(edges=[edge]))
        writes["with index" if with_index else "without index"].append(time.perf_counter() - started)
        zone_index.after_write = keep_index
        gc.freeze()  # the server settles after every write (untimed here, as it is not part of the write)
    programs = [n.id for n in store.nodes_of_type("Program")]
    started = time.perf_counter()
    store.write(Batch(edges=[Edge(source=programs[0], type="SUPPORTS", target=firms[-1])]))
    out["support edge write ms"] = round((time.perf_counter() - started) * 1000, 3)
    gc.freeze()
    out["single edge write ms"] = {k: round(sorted(v)[len(v) // 2] * 1000, 3) for k, v in writes.items()}
    index["page after one write"] = ms(lambda: q.supporters_page(hub, limit=PAGE))
    before["page after one write"] = ms(cold_old(lambda: old.supporters_page(hub, limit=PAGE)))
    far_page = q.supporters_page(hub, limit=PAGE, offset=far)[1]
    out["far page"] = {"supporters": len(far_page), "paths shown": sum(len(x.paths) for x in far_page)}
    out.update(hub=hub, rows=len(rows), supporters=total, far=far, nodes=store.counts().total_nodes, edges=store.counts().total_edges,
               index=index, index_cpu={k: v.cpu for k, v in index.items()}, before=before, rollups=len(store._c.zindex.roll), peak_rss_mb=round(peak_rss_mb()))
    return out


def task_networkx(folder: Path) -> dict:
    """The same questions on a plain MultiDiGraph (node type kept as an attribute)."""
    from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

    g = typed_networkx(folder)
    zones = [n for n, t in g.nodes(data="type") if t == "Zone"]
    hub = max(zones, key=lambda z: (g.degree(z), z))

    def rows(z: str, wanted: str | None = None) -> list:
        members = sorted({u for u, _, k in g.in_edges(z, keys=True) if k in MEMBER_EDGES and u != z})
        found = []
        for x in (z, *members):
            via = x != z
            member = x if via else ""
            found += [(via, u, member, k, (u, k, x)) for u, _, k in g.in_edges(x, keys=True) if k in SUPPORT_EDGES_IN]
            found += [(via, v, member, k, (x, k, v)) for _, v, k in g.out_edges(x, keys=True)
                      if k in SUPPORT_EDGES_OUT]
        out = [((via, g.nodes[s]["type"], s, member, int(k not in SUPPORT_EDGES_IN), k), key)
               for via, s, member, k, key in found if s != z and (wanted is None or g.nodes[s]["type"] == wanted)]
        out.sort()
        return out

    def profile(z: str) -> tuple:
        members = sorted((u, k, z) for u, _, k in g.in_edges(z, keys=True) if k in MEMBER_EDGES)
        fields: dict = {}
        for x in {z, *(m[0] for m in members)}:
            for _, f, k in g.out_edges(x, keys=True):
                if k == "FOCUSES_ON":
                    fields[f] = fields.get(f, 0) + 1
        return members[:500], sorted(fields, key=lambda f: (-fields[f], f))[:500], rows(z)[:500]

    total = len(rows(hub))
    far = max(min(FAR, total - PAGE), 1)  # rows, not supporters: the baseline does not group
    out = {"hub": hub, "rows": total, "baseline": {
        "cold first page": ms(lambda: rows(hub)[:PAGE]),
        "page at offset": ms(lambda: rows(hub)[far: far + PAGE]),
        "count": ms(lambda: len(rows(hub))),
        "typed page": ms(lambda: rows(hub, TYPE)[:PAGE]),
        "profile": ms(lambda: profile(hub)),
    }, "peak_rss_mb": round(peak_rss_mb())}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--sizes")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA",
                                                                         tempfile.gettempdir())) / "innograph-bench")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--http-json", type=Path, default=ROOT / "benchmarks" / "results" / "zone-http.json",
                        help="bench_zone_http.py's results, added to the Markdown when present")
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from the JSON results")
    parser.add_argument("--child", choices=["store", "networkx"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps((task_store if args.child == "store" else task_networkx)(args.csv)))
        return 0
    args.json = args.json or ROOT / "benchmarks" / "results" / ("zone-full.json" if args.full else "zone.json")
    http = json.loads(args.http_json.read_text(encoding="utf-8")) if args.http_json.exists() else None
    if args.report_only:
        write_markdown(json.loads(args.json.read_text(encoding="utf-8")), args.markdown, http)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(FULL if args.full else SIZES)
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "sizes": []}
    for size in sizes:
        folder = dataset(size, 1, args.data)
        result = {"size": size, "load_at_start": round(os.getloadavg()[0], 2), **_run("store", folder)}
        print(json.dumps(result), flush=True)
        result["networkx"] = _run("networkx", folder)
        print(json.dumps(result), flush=True)
        report["sizes"].append(result)
    write_json(report, args.json)
    write_markdown(report, args.markdown, http)
    print(f"wrote {args.json} and {args.markdown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
