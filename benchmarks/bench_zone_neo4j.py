"""The Neo4j zone index (issue 16) beside the code path before it, on the same server in the same run.

    python benchmarks/bench_zone_neo4j.py                      # 10k and 100k nodes (~15 min on a busy machine)
    python benchmarks/bench_zone_neo4j.py --sizes 10000        # a quick check
    python benchmarks/bench_zone_neo4j.py --report-only        # rewrite the Markdown from the JSON

Starts its own Neo4j (tools/neo4j/neo4jctl.py, an instance directory of its own) and per size:
  1. the bulk load (nodes, then edges, in writes of --rows-per-write rows) without the index
     (its maintenance switched off), then again, into an empty database, with it;
  2. `reindex(check=True)`: a full rebuild on the server (what `replace` and `innograph reindex` pay),
     compared with the index the writes kept, then rolled back (any drift is recorded);
  3. on the busiest zone (scale_tasks.picks): the cold first page of 100 (a new store, so a new
     connection pool), the same page again, a typed page (Fund), the count, the page at offset
     100,000 (or near the end of a smaller zone) by offset and by cursor, the profile; and the same
     questions through `GraphQueries` over the store without its index (the previous code path);
  4. one-edge writes (two enterprises become partners; a program supports an enterprise), with and
     without the index, median of each.
Results: benchmarks/results/zone-neo4j.json and the "## Neo4j zone index" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_neo4j import (DATA_DIR, neo4j_server, open_store, read_pair, server_memory_mb,  # noqa: E402
                                    write_in_parts)
from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.bench_zone import Recomputed, ms  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402
from benchmarks.scale_tasks import picks  # noqa: E402
from graph.model import Edge  # noqa: E402
from graph.neo4j import zone_index  # noqa: E402
from graph.queries import GraphQueries  # noqa: E402
from graph.store import Batch  # noqa: E402

HEADING = "## Neo4j zone index"
PAGE, FAR, TYPE = 100, 100_000, "Fund"
QUESTIONS = ("cold first page", "first page again", "typed page", "count", "page at offset", "page by cursor",
             "profile")


class IndexOff:
    """While active, writes keep no zone index (the code before issue 16)."""

    def __enter__(self):
        self.kept = zone_index.after_write, zone_index.rebuild
        zone_index.after_write, zone_index.rebuild = (lambda tx, keys: None), (lambda tx: 0)

    def __exit__(self, *exc):
        zone_index.after_write, zone_index.rebuild = self.kept


def questions(env: dict, hub: str, timeout: float, indexed: bool) -> tuple[dict, dict]:
    with open_store(env, timeout) as store:  # a new store: no pooled connection, no planned statement kept
        q = GraphQueries(store if indexed else Recomputed(store))
        out = {"cold first page": ms(lambda: q.supporters_page(hub, limit=PAGE))}
        out["first page again"] = ms(lambda: q.supporters_page(hub, limit=PAGE), 3)
        out["typed page"] = ms(lambda: q.supporters_page(hub, TYPE, PAGE), 3)
        total = q.supporters_window(hub, limit=1)[0]
        out["count"] = ms(lambda: q.supporters_window(hub, limit=1), 3)
        far = max(min(FAR, total - PAGE), 1)
        _, _, after = q.supporters_window(hub, None, 1, far - 1)
        out["page at offset"] = ms(lambda: q.supporters_page(hub, limit=PAGE, offset=far), 3)
        out["page by cursor"] = ms(lambda: q.supporters_window(hub, None, PAGE, 0, after), 3)
        out["profile"] = ms(lambda: q.profile(hub), 2)
        answer = q.supporters_page(hub, limit=PAGE, offset=far)
    return out, {"rows": total, "far": far, "answer": [(s.node.id, s.via.id if s.via else "") for s in answer[1]]}


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
    batch = read_pair(dataset(size, args.seed, args.data))
    out: dict = {"size": size, "nodes": len(batch.nodes), "edge_rows": len(batch.edges), "load_s": {}}
    for label, off in (("without index", True), ("with index", False))[size > args.baseline_load_max:]:
        with open_store(env, args.query_timeout) as store:
            store.clear()
            if off:
                with IndexOff():
                    out["load_s"][label] = write_in_parts(store, batch, args.rows_per_write)["seconds"]
            else:
                out["load_s"][label] = write_in_parts(store, batch, args.rows_per_write)["seconds"]
        print(f"  load {label}: {out['load_s'][label]} s", flush=True)
    del batch
    with open_store(env, args.query_timeout) as store:
        started = time.perf_counter()
        differ = store.reindex(check=True)  # the hubs whose kept index differs from a rebuilt one (none)
        out["rebuild"] = {"seconds": round(time.perf_counter() - started, 1), "differing_hubs": differ[:20],
                          "hubs": store._rows("MATCH (c:ZoneCount) WHERE c.k ENDS WITH $h RETURN count(c) AS n",
                                              h="\x00H")[0]["n"]}
        p = picks(store, count=21)
        program = store.nodes_of_type("Program", limit=1)[0].id
        out["index_nodes"] = store._rows("MATCH (x) WHERE x:ZoneRow OR x:ZoneCount RETURN count(x) AS n")[0]["n"]
        counts = store.counts()
        out.update(graph_nodes=counts.total_nodes, edges=counts.total_edges, hub=p["hub"], hub_degree=p["hub_degree"])
    print(f"  rebuild {out['rebuild']}", flush=True)
    out["index"], shape = questions(env, p["hub"], args.query_timeout, indexed=True)
    out["before"], old_shape = questions(env, p["hub"], args.query_timeout, indexed=False)
    if shape != old_shape:
        raise SystemExit(f"the index and the previous code path disagree on {p['hub']}")
    out["one edge write ms"] = one_edge_writes(env, p["ordinary"], program, args.query_timeout)  # last: these
    # writes without the index leave it behind the graph
    out.update(rows=shape["rows"], far=shape["far"], server=server_memory_mb(pid))
    for name in QUESTIONS:
        print(f"  {name:18} index {out['index'][name]:>10,.1f} ms   before {out['before'][name]:>10,.1f} ms", flush=True)
    return out


def section(report: dict) -> str:
    sizes, m = report["sizes"], report["machine"]
    lines = [HEADING, "",
             f"Measured by `benchmarks/bench_zone_neo4j.py` ({report['date']}) on {m['cores']} cores, {m['ram_gb']} GB "
             f"RAM, load average {m['load_at_start']} at the start (a shared machine: figures are noisy); Neo4j heap "
             f"{report['heap']}, page cache {report['pagecache']}. Busiest zone of each synthetic graph; 'index' is "
             "the store with its zone index (graph/neo4j/zone_index.py), 'before' the same server answering "
             "through the previous code path (GraphQueries over the store without support_window/profile_window). "
             "Milliseconds, best of 1-3 calls; the cold page is the first call on a new store.", "",
             "| question | " + " | ".join(f"{s['graph_nodes']:,} nodes: index / before" for s in sizes)
             + " | index growth |", "|---|" + "---:|" * (len(sizes) + 1)]
    for name in QUESTIONS:
        cells = [f"{s['index'][name]:,.1f} / {s['before'][name]:,.1f}" for s in sizes]
        growth = sizes[-1]["index"][name] / max(sizes[0]["index"][name], 1e-9)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth:.1f}× |")
    lines += ["", "| size | hub (degree) | supporter rows | bulk load without / with index | full rebuild on the "
              "server | index nodes | one-edge write without / with index |", "|---|---|---:|---:|---:|---:|---:|"]
    for s in sizes:
        w, ld = s["one edge write ms"], s["load_s"]
        base = ld.get("without index")
        load = (f"{base:,.1f} s / {ld['with index']:,.1f} s (+{100 * (ld['with index'] / base - 1):.0f} %)" if base
                else f"not measured / {ld['with index']:,.1f} s")
        lines.append(f"| {s['graph_nodes']:,} nodes, {s['edges']:,} edges | `{s['hub']}` ({s['hub_degree']:,}) | "
                     f"{s['rows']:,} | {load} | {s['rebuild']['seconds']} s "
                     f"({s['rebuild']['hubs']:,} hubs, drift {'in ' + ', '.join(s['rebuild']['differing_hubs']) if s['rebuild']['differing_hubs'] else 'none'}) | {s['index_nodes']:,} | {w['without index']} / "
                     f"{w['with index']} ms |")
    return "\n".join(lines) + "\n"


def write_markdown(report: dict, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    new = section(report)
    text = pattern.sub(lambda _: new + "\n", text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
    path.write_text(text, encoding="utf-8")


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
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--baseline-load-max", type=int, default=10**9,
                        help="sizes above this load only with the index (the load without it is skipped)")
    args = parser.parse_args(argv)
    if args.report_only:
        write_markdown(json.loads(args.json.read_text(encoding="utf-8")), args.markdown)
        return 0
    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
              "heap": args.heap, "pagecache": args.pagecache, "sizes": []}
    with neo4j_server(args.instance, args.heap, args.pagecache) as (env, pid):
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"size {size:,}", flush=True)
            report["sizes"].append(bench_size(size, env, pid, args))
            write_json(report, args.json)
    write_markdown(report, args.markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
