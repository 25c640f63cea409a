"""The Neo4j zone index (issue 16) beside the code path before it and networkx, on one server in one run.

    python benchmarks/bench_zone_neo4j.py                      # 10k and 100k nodes (~15 min on a busy machine)
    python benchmarks/bench_zone_neo4j.py --sizes 10000        # one row, a quick check (~3 min)
    python benchmarks/bench_zone_neo4j.py --sizes 10000,100000,1000000   # `make bench-full`
    python benchmarks/bench_zone_neo4j.py --report-only        # rewrite the Markdown from the JSON

Starts its own Neo4j (tools/neo4j/neo4jctl.py, an instance directory of its own) and per size:
  1. up to --writes-load-max, the load as it was before the bulk path: merging writes of
     --rows-per-write rows (nodes, then edges) with the index kept by each; then, into the empty
     database, the bulk load (graph/neo4j/bulk.py: CREATE from columns, the zone index from the
     memory store's build), which the questions below read;
  2. `reindex(check=True)` up to --check-max: a full rebuild on the server (what `replace` and
     `innograph reindex` pay), compared with the index the writes kept, then rolled back;
  3. on the busiest zone (scale_tasks.picks): the cold first page of 100 (a new store, so a new
     connection pool), the same page again, the page after reopening (another new store), a typed
     page (Fund), the count, the page at offset 100,000 (or near the end of a smaller zone) by offset
     and by cursor, the profile, each best of a few calls and the worst of --samples calls (the
     p99 a user may meet, against the 10 s query budget); the page after one unrelated write; and, up
     to --before-max, the same questions through `GraphQueries` over the store without its index (the
     previous code path), whose answer must equal the index's;
  4. one-edge writes (two enterprises become partners; a program supports an enterprise), with and
     without the index, median of each;
  5. the networkx baseline of benchmarks/bench_zone.py (a plain MultiDiGraph of the same CSV answering
     the same questions, in a child process once the server work of that size is done); its row
     count must equal the index's total.
Results: benchmarks/results/zone-neo4j.json and the "## Neo4j zone index" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_neo4j import (DATA_DIR, neo4j_server, open_store, read_pair, server_memory_mb,  # noqa: E402
                                    write_in_parts)
from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.bench_zone import Recomputed, _run as run_child, ms  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402
from benchmarks.scale_tasks import picks  # noqa: E402
from graph.model import Edge  # noqa: E402
from graph.neo4j import zone_index  # noqa: E402
from graph.neo4j.bulk import clear_in_parts  # noqa: E402
from graph.queries import GraphQueries  # noqa: E402
from graph.store import Batch  # noqa: E402

HEADING = "## Neo4j zone index"
PAGE, FAR, TYPE = 100, 100_000, "Fund"
QUESTIONS = ("cold first page", "first page again", "page after reopening", "page after one write", "typed page",
             "count", "page at offset", "page by cursor", "profile")
REPEATED = ("first page again", "typed page", "count", "page at offset", "page by cursor", "profile")


class IndexOff:
    """While active, writes keep no zone index (the code before issue 16)."""

    def __enter__(self):
        self.kept = zone_index.after_write, zone_index.rebuild
        zone_index.after_write, zone_index.rebuild = (lambda tx, keys: None), (lambda tx: 0)

    def __exit__(self, *exc):
        zone_index.after_write, zone_index.rebuild = self.kept


def timed(call, calls: int) -> list[float]:
    """Seconds of each of `calls` calls; their slowest of 20 or more is at least their p99."""
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def questions(env: dict, hub: str, timeout: float, indexed: bool, samples: int) -> tuple[dict, dict, dict]:
    with open_store(env, timeout) as store:  # a new store: no pooled connection
        q = GraphQueries(store if indexed else Recomputed(store))
        out = {"cold first page": ms(lambda: q.supporters_page(hub, limit=PAGE))}
        calls = {"first page again": lambda: q.supporters_page(hub, limit=PAGE),
                 "typed page": lambda: q.supporters_page(hub, TYPE, PAGE),
                 "count": lambda: q.supporters_window(hub, limit=1)}
        total = q.supporters_window(hub, limit=1)[0]
        far = max(min(FAR, total - PAGE), 1)
        _, _, after = q.supporters_window(hub, None, 1, far - 1)
        calls.update({"page at offset": lambda: q.supporters_page(hub, limit=PAGE, offset=far),
                      "page by cursor": lambda: q.supporters_window(hub, None, PAGE, 0, after),
                      "profile": lambda: q.profile(hub)})
        tails = {}
        for name, call in calls.items():  # best and worst of the same calls
            times = timed(call, (2 if name == "profile" else 3) + (samples if indexed else 0))
            out[name] = round(min(times) * 1000, 3)
            if indexed and samples:
                tails[name] = round(max(times) * 1000, 3)
        window = _answer(q.supporters_window(hub, None, PAGE, far)) if indexed else None
    with open_store(env, timeout) as store:  # reopened: what a new CLI process or API worker pays
        out["page after reopening"] = ms(lambda: GraphQueries(store if indexed else Recomputed(store))
                                         .supporters_page(hub, limit=PAGE))
        rows = sum(store._read(lambda tx: zone_index.counters(tx, hub))["S"].values()) if indexed else None
    return out, tails, {"rows": rows, "supporters": total, "far": far, "window": window}


def _answer(window: tuple) -> tuple:
    total, page, after = window
    return total, [x.model_dump(mode="json") for x in page], after


def recomputed_window(env: dict, hub: str, far: int, timeout: float) -> tuple:
    """The page at `far` (total, supporters with their paths, cursor) recomputed from edge keys, as a
    node without an index is answered: what the index's page must equal."""
    with open_store(env, timeout) as store:
        return _answer(GraphQueries(Recomputed(store)).supporters_window(hub, None, PAGE, far))


def after_one_write(env: dict, hub: str, firms: list[str], timeout: float, indexed: bool) -> float:
    """The first page right after an unrelated write (two enterprises become partners)."""
    with open_store(env, timeout) as store:
        store.write(Batch(edges=[Edge(source=firms[0], type="PARTNERS_WITH", target=firms[1 + indexed])]))
        q = GraphQueries(store if indexed else Recomputed(store))
        return ms(lambda: q.supporters_page(hub, limit=PAGE))


def one_edge_writes(env: dict, firms: list[str], program: str, timeout: float) -> dict:
    out = {"with index": [], "without index": []}
    with open_store(env, timeout) as store:
        for k, firm in enumerate(firms[1:]):
            with_index = k % 2 == 0
            edge = Edge(source=firms[0], type="PARTNERS_WITH", target=firm) if k % 4 < 2 else \
                Edge(source=program, type="SUPPORTS", target=firm)
            started = time.perf_counter()
            if with_index:
                store.write(Batch(edges=[edge]))
            else:
                with IndexOff():
                    store.write(Batch(edges=[edge]))
            out["with index" if with_index else "without index"].append(time.perf_counter() - started)
    return {k: round(sorted(v)[len(v) // 2] * 1000, 1) for k, v in out.items()}


def bench_size(size: int, env: dict, pid: int, args) -> dict:
    folder = dataset(size, args.seed, args.data)
    batch = read_pair(folder)
    out: dict = {"size": size, "nodes": len(batch.nodes), "edge_rows": len(batch.edges), "load_s": {},
                 "load_average": [round(x, 2) for x in os.getloadavg()]}
    if size <= args.writes_load_max:  # the path before: merging writes of --rows-per-write rows, index kept
        with open_store(env, args.query_timeout) as store:
            clear_in_parts(store)
            out["load_s"]["writes"] = write_in_parts(store, batch, args.rows_per_write)["seconds"]
            clear_in_parts(store)  # `clear` is one transaction: a 100k graph overflows a 3 GB heap
        print(f"  load by writes: {out['load_s']['writes']} s", flush=True)
    with open_store(env, args.query_timeout) as store:  # graph/neo4j/bulk.py into the empty database
        clear_in_parts(store)
        shown = {}

        def progress(phase: str, done: int) -> None:
            if done - shown.get(phase, 0) >= 500_000:
                shown[phase] = done
                print(f"    {phase} {done:>10,}  {time.strftime('%H:%M:%S')}", flush=True)

        if size <= args.bulk_ab_max:  # the same load with its text and zone-row indexes built after it
            deferred = store.bulk_load(batch, args.bulk_rows, progress, defer_indexes=True)
            out["load_s"]["bulk, indexes deferred"] = deferred
            print(f"  bulk load, indexes deferred: {deferred}", flush=True)
            clear_in_parts(store)
        phases = store.bulk_load(batch, args.bulk_rows, progress)
        out["load_s"]["bulk"], out["load_s"]["bulk phases"] = phases["total"], phases
    print(f"  bulk load: {phases}", flush=True)
    del batch
    with open_store(env, args.query_timeout) as store:
        if size <= args.check_max:
            started = time.perf_counter()
            differ = store.reindex(check=True)  # the hubs whose kept index differs from a rebuilt one (none)
            out["rebuild"] = {"seconds": round(time.perf_counter() - started, 1), "differing_hubs": differ[:20]}
        else:
            out["rebuild"] = {"seconds": None, "differing_hubs": []}
        out["rebuild"]["hubs"] = store._rows("MATCH (c:ZoneCount) WHERE c.k ENDS WITH $h RETURN count(c) AS n",
                                             h="\x00H")[0]["n"]
        p = picks(store, count=21)
        program = store.nodes_of_type("Program", limit=1)[0].id
        out["index_nodes"] = store._rows("MATCH (x) WHERE x:ZoneRow OR x:ZoneCount RETURN count(x) AS n")[0]["n"]
        counts = store.counts()
        out.update(graph_nodes=counts.total_nodes, edges=counts.total_edges, hub=p["hub"], hub_degree=p["hub_degree"])
    print(f"  rebuild {out['rebuild']}", flush=True)
    out["index"], out["index worst"], shape = questions(env, p["hub"], args.query_timeout, True, args.samples)
    out["index"]["page after one write"] = after_one_write(env, p["hub"], p["ordinary"], args.query_timeout, True)
    if size <= args.before_max:
        out["before"], _, _ = questions(env, p["hub"], args.query_timeout, False, 0)
        out["before"]["page after one write"] = after_one_write(env, p["hub"], p["ordinary"], args.query_timeout,
                                                                False)
        if shape["window"] != recomputed_window(env, p["hub"], shape["far"], args.query_timeout):
            raise SystemExit(f"the index's page at {shape['far']:,} and the page recomputed from edge keys "
                             f"disagree on {p['hub']}")
    out["one edge write ms"] = one_edge_writes(env, p["ordinary"][2:], program, args.query_timeout)  # last:
    # these writes without the index leave it behind the graph
    out.update(rows=shape["rows"], supporters=shape["supporters"], far=shape["far"], server=server_memory_mb(pid))
    for name in QUESTIONS:
        before = out.get("before", {}).get(name)
        print(f"  {name:20} index {out['index'][name]:>10,.1f} ms  worst {out['index worst'].get(name, 0):>10,.1f} ms"
              f"   before {before if before is not None else float('nan'):>10,.1f} ms", flush=True)
    return out


def networkx_baseline(size: int, args) -> dict:
    """bench_zone.py's networkx child on the same CSV (a process of its own: up to 3.4 GB at 1M)."""
    return run_child("networkx", dataset(size, args.seed, args.data))


def _f(x) -> str:
    return "–" if x is None else f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


APART = ("best of 2-3 calls, and *worst*: the slowest of 20 calls made after them (measured apart: under load a "
         "worst can come out below the best)")


def timings(sizes: list[dict]) -> str:
    """How best and worst were taken, per size where runs of different versions of this script are joined."""
    kinds: dict[str, list[str]] = {}
    for s in sizes:
        kinds.setdefault(s.get("timing", APART), []).append(f"{s['graph_nodes']:,} nodes")
    if len(kinds) == 1:
        return next(iter(kinds))
    return "; ".join(f"{', '.join(where)}: {kind}" for kind, where in kinds.items())


def section(report: dict) -> str:
    sizes, m = report["sizes"], report["machine"]
    first, last = sizes[0], sizes[-1]
    lines = [HEADING, "",
             f"Measured by `benchmarks/bench_zone_neo4j.py --sizes {','.join(str(s['size']) for s in sizes)}` "
             f"({', '.join(sorted({s.get('date', report['date']) for s in sizes}))}) on {m['cores']} cores, {m['ram_gb']} GB RAM, a shared machine: load average "
             f"(1/5/15 min) at each size's start: "
             + "; ".join(f"{s['graph_nodes']:,} nodes {'/'.join(map(str, s.get('load_average', [])))}" for s in sizes)
             + f". Neo4j {report.get('neo4j', '5')} Community, heap {report['heap']}, page cache "
             f"{report['pagecache']}. Busiest zone of each synthetic graph. *index*: the store with its zone index "
             "(graph/neo4j/zone_index.py), " + timings(sizes)
             + " (the worst is at least the p99; the query budget is 10 s); *before*: the same "
             "server answering through the previous code path (GraphQueries over the store without "
             "support_window/profile_window), measured up to 100k nodes only (at 1M it ships every row of the "
             "zone); *networkx*: a plain MultiDiGraph of the same CSV answering the same question in the same run "
             "(benchmarks/bench_zone.py's baseline). Milliseconds; the cold page is the first call on a new store, "
             "'after reopening' the first call on another new store, 'after one write' the first page after an "
             "unrelated edge was written. A store runs the statements of a page and a profile once when it opens "
             "(graph/neo4j/zone_warm.py): before that, the cold first page paid Neo4j's first-time planning "
             "(1.5 s against 0.18 s with the plans cached, at 10k nodes).", "",
             "| question | " + " | ".join(f"{s['graph_nodes']:,} nodes: index / worst / before / networkx"
                                         for s in sizes) + f" | index growth {first['size']:,} → {last['size']:,} |",
             "|---|" + "---:|" * (len(sizes) + 1)]
    for name in QUESTIONS:
        cells = [" / ".join(_f(v) for v in (s["index"][name], s.get("index worst", {}).get(name),
                                            s.get("before", {}).get(name),
                                            s.get("networkx", {}).get("baseline", {}).get(name))) for s in sizes]
        growth = last["index"][name] / max(first["index"][name], 1e-9)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth:.2f}× |")
    lines += ["", "| size | hub (degree) | supporter rows (supporters) | load: bulk (its phases) / by writes before it | full "
              "rebuild on the server | index nodes | one-edge write without / with index | server peak RSS |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    for s in sizes:
        w, ld, rb = s["one edge write ms"], s["load_s"], s["rebuild"]
        rows_per_s = (s["nodes"] + s["edge_rows"]) / ld["bulk"]
        phases = ", ".join(f"{k} {v:,.0f}" for k, v in ld["bulk phases"].items() if k not in ("total", "documents"))
        kept, deferred = ld.get("bulk, indexes kept"), ld.get("bulk, indexes deferred")
        if kept:  # runs before the default changed: the A/B was the other way round
            phases += f"; {kept['total']:,.0f} s with its indexes kept, this one with them built after it"
        if deferred:
            phases += f"; {deferred['total']:,.0f} s with its text and zone-row indexes built after it"
        load = (f"{ld['bulk']:,.1f} s ({phases}), {rows_per_s:,.0f} rows/s / "
                + (f"{ld['writes']:,.1f} s ({ld['writes'] / ld['bulk']:.1f}×)" if ld.get("writes") else "not measured"))
        rebuild = (f"{rb['seconds']} s ({rb['hubs']:,} hubs, drift "
                   f"{'in ' + ', '.join(rb['differing_hubs']) if rb['differing_hubs'] else 'none'})"
                   if rb["seconds"] is not None else f"not measured ({rb['hubs']:,} hubs)")
        lines.append(f"| {s['graph_nodes']:,} nodes, {s['edges']:,} edges | `{s['hub']}` ({s['hub_degree']:,}) | "
                     f"{s['rows']:,} ({s.get('supporters', 0):,}) | {load} | {rebuild} | {s['index_nodes']:,} | "
                     f"{w['without index']} / {w['with index']} ms | {s['server']['peak_rss_mb']:,.0f} MB |")
    return "\n".join(lines) + "\n"


def write_markdown(report: dict, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    new = section(report)
    text = pattern.sub(lambda _: new + "\n", text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
    path.write_text(text, encoding="utf-8")


def add_networkx(result: dict, args) -> None:
    result["networkx"] = networkx_baseline(result["size"], args)
    if result["networkx"]["hub"] != result["hub"] or result["networkx"]["rows"] != result["rows"]:
        raise SystemExit(f"networkx and the index disagree at {result['size']:,}: "
                         f"{result['networkx']['hub']} {result['networkx']['rows']:,} rows, "
                         f"{result['hub']} {result['rows']:,} rows")
    print(f"  networkx {result['networkx']['baseline']}", flush=True)


def with_others(report: dict, others: list[Path]) -> dict:
    """The report with the sizes of other runs' JSON (each size once, this run's first), by size."""
    sizes = {s["size"]: s for s in report["sizes"]}
    for path in others:
        other = json.loads(path.read_text(encoding="utf-8"))
        for s in other["sizes"]:
            sizes.setdefault(s["size"], {"date": other["date"], **s})
    return {**report, "sizes": [sizes[k] for k in sorted(sizes)]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--rows-per-write", type=int, default=200_000)
    parser.add_argument("--query-timeout", type=float, default=600.0)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--instance", type=Path, default=DATA_DIR / "neo4j-zone-bench")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "zone-neo4j.json")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="the sizes of another run's JSON (same server settings) join the Markdown table")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--writes-load-max", type=int, default=100_000,
                        help="sizes up to this also load by merging writes (the path before the bulk load), timed")
    parser.add_argument("--bulk-ab-max", type=int, default=100_000,
                        help="sizes up to this also bulk load once with the deferred indexes kept (an A/B)")
    parser.add_argument("--bulk-rows", type=int, default=50_000, help="rows per statement of the bulk load")
    parser.add_argument("--check-max", type=int, default=100_000,
                        help="sizes above this skip reindex(check=True) (a rebuild of every hub in one transaction)")
    parser.add_argument("--before-max", type=int, default=100_000,
                        help="sizes above this skip the previous code path (it ships every row of the zone)")
    parser.add_argument("--samples", type=int, default=20, help="calls per question for the worst case (p99)")
    parser.add_argument("--no-networkx", action="store_true", help="skip the networkx baseline")
    parser.add_argument("--networkx-beside", type=int, default=100_000,
                        help="sizes above this run the networkx baseline after the server is stopped (memory)")
    args = parser.parse_args(argv)
    if args.report_only:
        write_markdown(with_others(json.loads(args.json.read_text(encoding="utf-8")), args.also), args.markdown)
        return 0
    from benchmarks.bench_neo4j import neo4j_version

    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
              "neo4j": neo4j_version(), "heap": args.heap, "pagecache": args.pagecache, "samples": args.samples,
              "sizes": []}
    with neo4j_server(args.instance, args.heap, args.pagecache) as (env, pid):
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"size {size:,}", flush=True)
            result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                      "timing": f"best and *worst* of the same {args.samples} + 2-3 calls",
                      **bench_size(size, env, pid, args)}
            report["sizes"].append(result)
            write_json(report, args.json)
            if not args.no_networkx and size <= args.networkx_beside:  # the server idles meanwhile
                add_networkx(result, args)
                write_json(report, args.json)
            write_markdown(with_others(report, args.also), args.markdown)  # after each size: a run stopped at
            # 1M keeps its table
    for result in report["sizes"]:  # the larger baselines once the server is down: 3.4 GB at 1M
        if not args.no_networkx and "networkx" not in result:
            add_networkx(result, args)
            write_json(report, args.json)
            write_markdown(with_others(report, args.also), args.markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
