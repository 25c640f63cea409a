"""Where a Neo4j search page's time goes, at two sizes: statements, db hits and rows per page.

Why: the pages of graph/neo4j/search.py read the same number of blocks at 10k and 100k nodes, yet
took 1.5-5x longer at 100k (docs/benchmarks.md). This loads each size with `write` (a first write of
the whole graph: the search blocks are built after its commit, graph/neo4j/search_finish.py), then
runs every key of bench_search_keys.py once under PROFILE (each statement of the page: round trips,
db hits, rows) and times it unprofiled (p50 of 7, the two routes below in turn), so the two sizes can be compared statement by statement.

Each key runs two ways in the same process (answers checked equal): *now*, search.py as it is (a key of
3+ characters counts its holders only when the first blocks do not make the page), and *before*, as
session 7 left it (every such key counted its holders first, FEW_HITS, up to 1,000 db hits).
`--load replace` loads each size with one `replace` instead (the blocks built after its commit past
search_blocks.INLINE names, graph/neo4j/search_build.py `in_replace`); its load_s is the replace plus that build.

    python benchmarks/profile_search.py --sizes 10000,100000 --out /tmp/profile-search.json
    python benchmarks/profile_search.py --sizes 100000 --load replace --heap 3g --out /tmp/profile-replace.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import dataset  # noqa: E402


def hits(plan) -> int:
    return plan.get("dbHits", 0) + sum(hits(c) for c in plan.get("children", []))


def before_ids(tx, key: str, types, offset: int, limit: int) -> list[str]:
    """The page as session 7 read it: a key of 3+ characters counted its holders first."""
    from graph.neo4j import search

    if len(key) > 2 and tx.run(search.FEW_HITS, key=key, cap=search.FEW).single()["n"] < search.FEW:
        return search.text_page_ids(tx, key, types, offset, limit)
    counted = search._few_holders
    search._few_holders = lambda key: (lambda tx: None)  # already counted: never again
    try:
        return search.page_ids(tx, key, types, offset, limit)
    finally:
        search._few_holders = counted


def page_of(route: str):
    from graph.neo4j.search import page_ids

    return page_ids if route == "now" else before_ids


def profiled_page(store, key: str, route: str = "now") -> dict:
    """The page's statements under PROFILE: per statement (first 40 characters) calls, db hits, rows."""
    page_ids = page_of(route)
    seen: dict = defaultdict(lambda: [0, 0, 0])

    class Profiling:
        def __init__(self, tx):
            self.tx = tx

        def run(self, statement, parameters=None, **kw):
            result = self.tx.run("PROFILE " + statement, parameters, **kw)
            rows = result.data()
            summary = result.consume()
            s = seen[statement[:40]]
            s[0] += 1
            s[1] += hits(summary.profile)
            s[2] += len(rows)
            return Rows(rows)

    class Rows(list):
        def single(self):
            return self[0] if self else None

        def data(self):
            return list(self)

        def consume(self):
            return None

    page = store._read(lambda tx: page_ids(Profiling(tx), key, [], 0, 20))
    return {"page": len(page), "statements": {k: {"calls": v[0], "db_hits": v[1], "rows": v[2]} for k, v in seen.items()},
            "calls": sum(v[0] for v in seen.values()), "db_hits": sum(v[1] for v in seen.values())}


def main(argv: list[str] | None = None) -> int:
    from benchmarks.bench_bounded import timed
    from benchmarks.bench_neo4j import neo4j_server, open_store, read_pair, write_in_parts
    from benchmarks.bench_search_keys import KEYS
    from graph.neo4j.bulk import clear_in_parts

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA", "/tmp")) / "innograph-bench")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--out", type=Path, default=Path("/tmp/profile-search.json"))
    parser.add_argument("--load", choices=("write", "replace"), default="write")
    args = parser.parse_args(argv)
    report = {}
    with neo4j_server(args.data / "neo4j-profile-search", args.heap, args.pagecache) as (env, _):
        for size in [int(s) for s in args.sizes.split(",") if s]:
            folder = dataset(size, args.seed, args.data)
            with open_store(env, 600) as store:
                clear_in_parts(store)  # `clear` is one transaction: a 100k graph does not fit it
                batch = read_pair(folder)
                started = time.perf_counter()
                if args.load == "replace":
                    store.replace(batch)
                else:
                    write_in_parts(store, batch, 200_000)
                load_s = round(time.perf_counter() - started, 1)
                del batch
                with store._session("state") as session:
                    from graph.neo4j import search_blocks
                    ready, pending = session.execute_read(search_blocks.state)
                out = {"nodes": store.counts().total_nodes, "load": args.load, "load_s": load_s,
                       "blocks_ready": ready, "blocks_pending": pending, "load_average": os.getloadavg()[0], "keys": {}}
                for key in KEYS:
                    store.search(key, (), 20, 0)  # warm the page cache and plans
                    spent: dict = {"now": [], "before": []}
                    for _ in range(7):  # the two routes in turn, so that load and warm-up fall on both alike
                        for route, ms in spent.items():
                            f = page_of(route)
                            ms.append(timed(lambda k=key, f=f: store._read(lambda tx: f(tx, k, [], 0, 20)), [()], 1)["p50_ms"])
                    row = {route: {"p50_ms": statistics.median(ms), **profiled_page(store, key, route)}
                           for route, ms in spent.items()}
                    now, before = (store._read(lambda tx, f=page_of(r): f(tx, key, [], 0, 20)) for r in ("now", "before"))
                    if now != before:
                        raise SystemExit(f"{key}: the pages differ: {now} / {before}")
                    out["keys"][key] = row
                report[str(size)] = out
                print(json.dumps({size: out}, ensure_ascii=False), flush=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
