"""Search, neighbours and shortest paths bounded by the page (issue 16), beside the code before and a
naive networkx baseline answering the same question, in the same run.

    python benchmarks/bench_bounded.py                        # memory at 10k and 100k nodes (`make bench-bounded`)
    python benchmarks/bench_bounded.py --sizes 10000,100000,1000000
    python benchmarks/bench_bounded.py --neo4j 10000,100000   # and Neo4j (a server of its own)
    python benchmarks/bench_bounded.py --report-only          # rewrite the Markdown from the JSON

Per size (synthetic CSV pair of `innograph synth`, seed 1; the questions of scale_tasks.picks, seed 7),
each size in a fresh process (memory) or a fresh database (Neo4j):
- *search, broad key*: `store.search("科技", limit=20)` (one synthetic name in ten holds it). now: gram postings
  in page order (graph/memory/name_grams.py; Neo4j: graph/neo4j/search.py); before: every hit ranked
  in Python; networkx: rank the names of every node. "index build" = building the postings, which a
  thread does after the first broad search when the snapshot has none (answered the old way meanwhile);
- *neighbours depth 2*: `GraphQueries.neighbors(firm, depth=2)` (cap 500) for 20 ordinary firms. now:
  graph/bounded_walk.py; before: the walk that reads every edge of a level (memory: numpy; Neo4j:
  graph/walk.py); networkx: the same walk over a MultiDiGraph (edges of a level sorted, ends taken to the cap);
- *shortest paths*: `GraphQueries.paths(a, b, 4)` for 30 pairs of firms. now: the bounded search (declines
  past 10,000 edges a level; declines are counted and timed too); before: `through_hubs=True`;
  networkx: `all_shortest_paths` on the undirected view, sorted, first 20.
Every "now" answer is checked against "before" (same nodes and edges, same paths where it answers).
Results: benchmarks/results/bounded.json and the "## Bounded search, neighbours and paths" section
of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402
from benchmarks.scale_tasks import picks  # noqa: E402
from graph import bounded_walk  # noqa: E402
from graph.errors import SearchBounded  # noqa: E402
from graph.queries import GraphQueries  # noqa: E402

HEADING = "## Bounded search, neighbours and paths"
BROAD_KEY, FIRMS, PAIRS = "科技", 20, 30


def timed(call, args_list, repeat: int | None = None) -> dict:
    """p50 / p99 / max in ms over the calls (each argument once, or `repeat` calls cycling)."""
    runs = args_list if repeat is None else [args_list[k % len(args_list)] for k in range(repeat)]
    times = []
    for args in runs:
        started = time.perf_counter()
        call(*args)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 3), "p99_ms": round(times[min(len(times) - 1, int(len(times) * .99))], 3),
            "max_ms": round(times[-1], 3), "calls": len(times)}


def paths_or_declined(q: GraphQueries, a: str, b: str, **kw):
    try:
        return [[n.id for n in p.nodes] for p in q.paths(a, b, 4, **kw)]
    except SearchBounded:
        return "declined"


def walk_answer(sub) -> tuple:
    return sorted(n.id for n in sub.nodes), [e.key for e in sub.edges]


def common_questions(store, q: GraphQueries, before_search, before_walk) -> dict:
    """The three questions now and before on any store; answers compared."""
    p = picks(store)
    firms, pairs = p["ordinary"][:FIRMS], p["pairs"][:PAIRS]
    out: dict = {"hub": p["hub"], "hub_degree": p["hub_degree"]}
    now, old = store.search(BROAD_KEY, (), 20, 0), before_search()
    assert [n.id for n in now] == [n.id for n in old], "search: now and before differ"
    out["search, broad key"] = {"now": timed(lambda: store.search(BROAD_KEY, (), 20, 0), [()], 10),
                                "before": timed(before_search, [()], 3)}
    lower = 0
    for firm in firms:
        sub = q.neighbors(firm, depth=2)
        lower += sub.omitted_is_lower_bound
        assert walk_answer(sub) == walk_answer(before_walk(firm)), f"neighbours of {firm}: now and before differ"
    out["neighbours depth 2"] = {"now": timed(lambda f: q.neighbors(f, depth=2), [(f,) for f in firms]),
                                 "before": timed(before_walk, [(f,) for f in firms]),
                                 "omitted_lower_bound": lower, "asked": len(firms)}
    answered = []
    for a, b in pairs:
        got = paths_or_declined(q, a, b)
        if got != "declined":
            answered.append((a, b))
        assert got == "declined" or got == paths_or_declined(q, a, b, through_hubs=True), f"paths {a} {b} differ"
    out["shortest paths"] = {"now": timed(lambda a, b: paths_or_declined(q, a, b), pairs),
                             "before": timed(lambda a, b: paths_or_declined(q, a, b, through_hubs=True), pairs),
                             "declined": len(pairs) - len(answered), "asked": len(pairs)}
    if answered:
        out["shortest paths"]["now, answered"] = timed(lambda a, b: paths_or_declined(q, a, b), answered)
        out["shortest paths"]["before, same pairs"] = timed(
            lambda a, b: paths_or_declined(q, a, b, through_hubs=True), answered)
    return out


# ---- memory -------------------------------------------------------------------------------

def memory_size(folder: Path) -> dict:
    """One size on the memory store, with the networkx baseline (run in a child process)."""
    import gc

    import networkx as nx

    from benchmarks.scale_tasks import build_networkx, load_memory, peak_rss_mb
    from graph.memory import name_grams

    store, _ = load_memory(folder)
    q = GraphQueries(store)

    def before_search():
        kept, name_grams.BROAD = name_grams.BROAD, 10 ** 18
        try:
            return store.search(BROAD_KEY, (), 20, 0)
        finally:
            name_grams.BROAD = kept

    def before_walk(firm):  # the numpy walk, whatever the hub (the code before)
        kept, bounded_walk.NUMPY_EDGES = bounded_walk.NUMPY_EDGES, 10 ** 18
        try:
            return q.neighbors(firm, depth=2)
        finally:
            bounded_walk.NUMPY_EDGES = kept

    def build_order():
        store._c.name_grams = name_grams.fresh(store._c)

    build = timed(build_order, [()], 2)  # what the background thread does after a write's first broad search
    out = common_questions(store, q, before_search, before_walk)
    out["search, broad key"]["index build"] = build
    out["nodes"], out["peak_rss_mb"] = store.counts().total_nodes, round(peak_rss_mb())
    if os.environ.get("BENCH_BOUNDED_NO_NETWORKX"):  # a loaded machine at 1M: the baseline alone takes most of an hour
        return out
    g, _ = build_networkx(folder)
    gc.collect()
    p = picks(store)
    u = g.to_undirected(as_view=True)
    out["search, broad key"]["networkx"] = timed(lambda: nx_search(g, BROAD_KEY), [()], 3)
    out["neighbours depth 2"]["networkx"] = timed(lambda f: nx_walk(g, f, 2, 500), [(f,) for f in p["ordinary"][:FIRMS]])
    out["shortest paths"]["networkx"] = timed(lambda a, b: nx_paths(u, a, b), p["pairs"][:PAIRS])
    out["nodes"], out["peak_rss_mb"] = store.counts().total_nodes, round(peak_rss_mb())
    del nx
    return out


def nx_search(g, key: str) -> list:
    best = {}
    for node, data in g.nodes(data=True):
        for name in (data.get("name_zh", ""), data.get("name_en", "").lower()):
            if key in name:
                rank = (0 if name == key else 1 if name.startswith(key) else 2, len(name))
                best[node] = min(best.get(node, rank), rank)
    return sorted(best, key=lambda n: (best[n], n))[:20]


def nx_walk(g, center: str, depth: int, cap: int) -> set:
    seen, frontier = {center}, [center]
    for _ in range(depth):
        keys = sorted({(s, k, t) for n in frontier for s, t, k in (*g.out_edges(n, keys=True), *g.in_edges(n, keys=True))})
        fresh = []
        for s, _, t in keys:
            for end in (s, t):
                if end not in seen and len(seen) < cap:
                    seen.add(end)
                    fresh.append(end)
        frontier = fresh
    return seen


def nx_paths(u, a: str, b: str) -> list:
    import networkx as nx

    try:
        found = sorted(nx.all_shortest_paths(u, a, b))
    except nx.NetworkXNoPath:
        return []
    return found[:20] if found and len(found[0]) <= 5 else []


# ---- Neo4j --------------------------------------------------------------------------------

def neo4j_size(folder: Path, env: dict) -> dict:
    from benchmarks.bench_neo4j import open_store, read_pair, write_in_parts
    from graph.walk import walk_via_edges
    from graph.neo4j.store import _fetch_nodes

    old_search = ("MATCH (n:Node) WHERE n.keys_text CONTAINS $key AND (size($types) = 0 OR n.type IN $types) "
                  "RETURN n.id AS id, n.keys AS keys")  # the statement before: every hit to Python

    with open_store(env, 600) as store:
        store.clear()
        started = time.perf_counter()
        write_in_parts(store, read_pair(folder), 200_000)
        load_s = round(time.perf_counter() - started, 1)
        q = GraphQueries(store)

        def before_search():
            def work(tx):
                best = {}
                for row in tx.run(old_search, key=BROAD_KEY, types=[]):
                    ranks = [(0 if k == BROAD_KEY else 1 if k.startswith(BROAD_KEY) else 2, len(k))
                             for k in row["keys"] if BROAD_KEY in k]
                    best[row["id"]] = min(ranks)
                page = sorted(best, key=lambda i: (best[i], i))[:20]
                found = _fetch_nodes(tx, page)
                return [found[i] for i in page]
            return store._read(work)

        def before_walk(firm):
            class Definition:  # the store answering walks by the definition (every edge of a level)
                def __getattr__(self, name):
                    return getattr(store, name)

                def walk(self, center, depth, edge_types=(), max_nodes=500, stop=()):
                    return walk_via_edges(store, center, depth, edge_types, max_nodes, stop=frozenset(stop))
            return GraphQueries(Definition()).neighbors(firm, depth=2)

        out = common_questions(store, q, before_search, before_walk)
        out["search, broad key"]["text index"] = timed(lambda: text_page(store, BROAD_KEY), [()], 5)
        out["search keys"] = neo4j_keys(store)
        out["nodes"], out["load_s"] = store.counts().total_nodes, load_s
    return out


def text_page(store, key: str) -> list[str]:
    """The page by the text index (graph/neo4j/search.py text_page_ids: the statements of session 5)."""
    from graph.neo4j.search import text_page_ids
    from graph.neo4j.store import _fetch_nodes

    def work(tx):
        page = text_page_ids(tx, key, [], 0, 20)
        found = _fetch_nodes(tx, page)
        return [found[i].id for i in page]
    return store._read(work)


def neo4j_keys(store) -> dict:
    """Per key of bench_search_keys.py: the page from the search blocks beside the text index's, checked equal."""
    from benchmarks.bench_search_keys import KEYS

    out = {}
    for key in KEYS:
        assert [n.id for n in store.search(key, (), 20, 0)] == text_page(store, key), f"search {key!r} differs"
        out[key] = {"now": timed(lambda k=key: store.search(k, (), 20, 0), [()], 5)["p50_ms"],
                    "text index": timed(lambda k=key: text_page(store, k), [()], 3)["p50_ms"]}
    return out


# ---- running and reporting ----------------------------------------------------------------------

def child(size: int, seed: int, data: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(size), "--seed", str(seed), "--data", str(data)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"size {size} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="memory store sizes ('' for none)")
    parser.add_argument("--neo4j", default="", help="Neo4j sizes, e.g. 10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA", "/tmp")) / "innograph-bench")
    parser.add_argument("--instance", type=Path, default=None, help="Neo4j instance dir (default: under --data)")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bounded.json")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(memory_size(dataset(args.child, args.seed, args.data))))
        return 0
    if args.report_only:
        from benchmarks.bounded_report import write_markdown
        write_markdown(json.loads(args.json.read_text(encoding="utf-8")), args.markdown, HEADING)
        return 0
    report = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
    report.update(machine=machine(), date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), seed=args.seed)
    report.setdefault("memory", {})
    report.setdefault("neo4j", {})
    for size in [int(s) for s in args.sizes.split(",") if s]:
        load = os.getloadavg()[0]
        print(f"memory, {size:,} nodes (load average {load:.2f})", flush=True)
        report["memory"][str(size)] = {**child(size, args.seed, args.data), "load_average": round(load, 2)}
        write_json(report, args.json)
    neo4j_sizes = [int(s) for s in args.neo4j.split(",") if s]
    if neo4j_sizes:
        from benchmarks.bench_neo4j import neo4j_server
        instance = args.instance or args.data / "neo4j-bounded"
        with neo4j_server(instance, args.heap, args.pagecache) as (env, _):
            for size in neo4j_sizes:
                load = os.getloadavg()[0]
                print(f"neo4j, {size:,} nodes (load average {load:.2f})", flush=True)
                report["neo4j"][str(size)] = {**neo4j_size(dataset(size, args.seed, args.data), env),
                                              "load_average": round(load, 2)}
                write_json(report, args.json)
    from benchmarks.bounded_report import write_markdown
    write_markdown(report, args.markdown, HEADING)
    print(f"wrote {args.json} and {args.markdown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
