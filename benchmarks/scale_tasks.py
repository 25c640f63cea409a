"""What bench_scale.py runs in its child processes: loads, snapshot, query latencies.

`measure_queries(store, baseline=None)` takes any GraphStore: the picks (hub zone, ordinary
nodes, pairs, search keys) come from the store itself and a fixed seed, so a Neo4j store
loaded with the same CSV pair is measured on the same questions.
"""

from __future__ import annotations

import csv
import gc
import random
import resource
import statistics
import time
from pathlib import Path

from graph.schema import SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

SEARCH_KEYS = ("怀柔", "中关村", "huairou", "science city", "纳米能源")  # names a planner types
BROAD_KEY = "科技"  # in one synthetic enterprise name of ten: its cost grows with the hits


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def csv_rows(folder: Path):
    """The rows of the pair as plain lists: ('node', row) then ('edge', row)."""
    for kind in ("nodes", "edges"):
        with open(folder / f"{kind}.csv", encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            for row in reader:
                yield kind, row


def build_networkx(folder: Path):
    """The plain baseline: add_node with two string attributes, add_edge keyed by type."""
    import networkx as nx

    g = nx.MultiDiGraph()
    rows = 0
    for kind, row in csv_rows(folder):
        rows += 1
        if kind == "nodes":
            g.add_node(row[0], name_zh=row[2], name_en=row[3])
        else:
            g.add_edge(row[0], row[2], key=row[1])
    return g, rows


def typed_networkx(folder: Path):
    """The plain baseline the zone questions are asked of: each node's type an attribute, edges keyed by type."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for kind, row in csv_rows(folder):
        if kind == "nodes":
            g.add_node(row[0], type=row[1])
        else:
            g.add_edge(row[0], row[2], key=row[1])
    return g


def load_networkx(folder: Path, gc_off: bool) -> dict:
    if gc_off:
        gc.disable()
    started, cpu = time.perf_counter(), cpu_seconds()
    g, rows = build_networkx(folder)
    seconds = time.perf_counter() - started
    return _load_result(seconds, cpu_seconds() - cpu, rows, g.number_of_nodes(), g.number_of_edges())


def load_memory(folder: Path):
    """CSV pair on disk -> a queryable MemoryStore: what `innograph load` does for one pair."""
    from graph.memory import MemoryStore
    from loaders.csv_loader import load_csv

    result = load_csv(folder / "nodes.csv", folder / "edges.csv")
    if result.rejected:
        raise SystemExit(f"{len(result.rejected)} rows rejected: {result.rejected[:3]}")
    rows = len(result.kept.nodes) + len(result.kept.edges)
    store = MemoryStore()
    store.write(result.kept)
    return store, rows


def _load_result(seconds: float, cpu: float, rows: int, nodes: int, edges: int) -> dict:
    return {"seconds": round(seconds, 3), "cpu_s": round(cpu, 3), "rows": rows, "rows_per_s": round(rows / seconds),
            "nodes": nodes, "edges": edges, "peak_rss_mb": round(peak_rss_mb(), 1)}


def task_load_memory(folder: Path) -> dict:
    started, cpu = time.perf_counter(), cpu_seconds()
    store, rows = load_memory(folder)
    seconds = time.perf_counter() - started
    counts = store.counts()
    return _load_result(seconds, cpu_seconds() - cpu, rows, counts.total_nodes, counts.total_edges)


def task_snapshot_write(folder: Path, snapshot: Path) -> dict:
    store, _ = load_memory(folder)
    store.path = snapshot
    started = time.perf_counter()
    store.save()
    return {"write_s": round(time.perf_counter() - started, 3), "bytes": snapshot.stat().st_size}


def task_snapshot_reopen(snapshot: Path) -> dict:
    from graph.memory import MemoryStore

    started = time.perf_counter()
    store = MemoryStore(snapshot)
    seconds = time.perf_counter() - started
    return {"reopen_s": round(seconds, 3), "reopen_peak_rss_mb": round(peak_rss_mb(), 1),
            "reopened_nodes": store.counts().total_nodes}


# ---- query latency ----------------------------------------------------------------

def timed(call, args_list: list[tuple], repeat: int) -> dict:
    """p50/p99 over `repeat` calls cycling through `args_list` (after one warm-up call each)."""
    for args in args_list[: min(len(args_list), 5)]:
        call(*args)
    times = []
    for k in range(repeat):
        args = args_list[k % len(args_list)]
        started = time.perf_counter()
        call(*args)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 4),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 4), "calls": repeat}


def picks(store, seed: int = 7, count: int = 50) -> dict:
    """The questions: the busiest zone, ordinary enterprises, pairs of them."""
    zones = [n.id for n in store.nodes_of_type("Zone")]
    supported = [z for z in zones if store.edges([z], "in", SUPPORT_EDGES_IN)] or zones
    degrees = store.degrees(supported)
    hub = max(supported, key=lambda z: (degrees.get(z, 0), z))  # the busiest zone that has supporters
    rng = random.Random(seed)
    firms = [n.id for n in store.nodes_of_type("Institution") if n.id.startswith("institution-ent-")]
    ordinary = rng.sample(firms, min(count, len(firms)))
    pairs = [(rng.choice(firms), rng.choice(firms)) for _ in range(count)]
    return {"hub": hub, "hub_degree": degrees.get(hub, 0), "ordinary": ordinary, "pairs": pairs}


def measure_queries(store, repeat: int = 200, baseline=None) -> dict:
    """Latency of the questions on any GraphStore; `baseline` (a MultiDiGraph) adds the in_edges scan."""
    from graph.queries import GraphQueries

    q = GraphQueries(store)
    p = picks(store)
    hub = p["hub"]

    def direct_supporters(zone: str) -> list:
        return store.edges([zone], "in", SUPPORT_EDGES_IN) + store.edges([zone], "out", SUPPORT_EDGES_OUT)

    def cold(call):
        """The call with no answer kept from an earlier one (the memory store keeps a few)."""
        def run(*args):
            getattr(store, "forget_answers", lambda: None)()
            return call(*args)
        return run

    latency = {
        "supporters of a zone": timed(direct_supporters, [(hub,)], repeat),
        "supporters, first page of 100": timed(cold(lambda z: q.supporters_page(z, limit=100)), [(hub,)], 5),
        "supporters, next page (kept rows)": timed(lambda z: q.supporters_page(z, limit=100, offset=100),
                                                   [(hub,)], 20),
        "neighbours depth 2": timed(lambda n: q.neighbors(n, depth=2), [(n,) for n in p["ordinary"]],
                                    max(repeat // 4, 10)),
        "shortest path (ids)": timed(lambda a, b: store.shortest_node_paths(a, b, 4, 20), p["pairs"],
                                     max(repeat // 4, 10)),
        "paths with evidence": timed(lambda a, b: q.paths(a, b, 4), p["pairs"], max(repeat // 4, 10)),
        "search": timed(lambda k: store.search(k, (), 20, 0), [(k,) for k in SEARCH_KEYS], repeat),
        "search, broad key": timed(lambda k: store.search(k, (), 20, 0), [(BROAD_KEY,)], max(repeat // 20, 5)),
        "lookup (exact name)": timed(store.lookup, [("怀柔科学城",), ("hsc",)], repeat),
        "zone profile": timed(cold(q.profile), [(hub,)], 3),
        "supporters with members, all": timed(q.supporters, [(hub,)], 3),
    }
    if baseline is not None:
        def scan(zone: str) -> list:
            found = [(u, k) for u, _, k in baseline.in_edges(zone, keys=True) if k in SUPPORT_EDGES_IN]
            return found + [(v, k) for _, v, k in baseline.out_edges(zone, keys=True) if k in SUPPORT_EDGES_OUT]

        latency["networkx in_edges scan"] = timed(scan, [(hub,)], max(repeat // 10, 10))
    direct = len(direct_supporters(hub))
    return {"hub": hub, "hub_degree": p["hub_degree"], "hub_direct_supporters": direct, "latency": latency}


def task_queries(folder: Path, repeat: int) -> dict:
    store, _ = load_memory(folder)
    baseline, _ = build_networkx(folder)
    gc.collect()
    return measure_queries(store, repeat, baseline)


CHILD_TASKS = {"load-nx", "load-nx-gc-off", "load-memory", "snapshot-write", "snapshot-reopen", "queries"}


def run_child(task: str, folder: Path | None, snapshot: Path | None, repeat: int) -> dict:
    if task == "load-nx":
        return load_networkx(folder, gc_off=False)
    if task == "load-nx-gc-off":
        return load_networkx(folder, gc_off=True)
    if task == "load-memory":
        return task_load_memory(folder)
    if task == "snapshot-write":
        return task_snapshot_write(folder, snapshot)
    if task == "snapshot-reopen":
        return task_snapshot_reopen(snapshot)
    return task_queries(folder, repeat)
