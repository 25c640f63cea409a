"""Neo4j at scale: load rate, server memory and query latency at 100k and 1M nodes.

    python benchmarks/bench_neo4j.py                  # 100k and 1M nodes (`make bench-neo4j`, ~30 min)
    python benchmarks/bench_neo4j.py --sizes 10000    # a quick check (~1 min)
    python benchmarks/bench_neo4j.py --report-only    # rewrite the Markdown from the JSON

Why: bench_scale.py measures the embedded store; this measures the other backend on the same
synthetic CSV pairs and the same questions (scale_tasks.measure_queries), so that the docs can
say how large a graph Neo4j handles on this machine, with how much memory, and how its answers
slow down as it grows.

It starts its own Neo4j 5 Community with tools/neo4j/neo4jctl.py (an instance directory of its
own, never the test suite's .neo4j/) and, for each size:
  1. one row per transaction (`batch_size=1`, `load_rate(rows_per_write=1)`) on a small sample
     of the pair, written into the empty database: on the whole graph it would take hours;
  2. the whole pair in writes of --rows-per-write rows, one transaction each (one transaction of
     ~600k rows overflows a 2 GB heap), nodes first, then edges;
  3. the query latencies of scale_tasks.measure_queries; a question whose first call takes
     longer than --slow-call seconds is recorded from that one call, and repeats are cut so that
     no question takes much more than --query-budget seconds;
  4. the server's peak RSS (VmHWM of its java process; one server serves every size, sizes run
     smallest first, so each figure is the peak up to that size).
Neo4j is stopped in a finally block. Results: benchmarks/results/neo4j.json and the "## Neo4j"
section of docs/benchmarks.md (every other section is kept as it is).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import neo4j

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import scale_tasks  # noqa: E402
from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402
from graph.bulk import gc_paused  # noqa: E402
from graph.errors import QueryTimeout  # noqa: E402
from graph.neo4j.store import Neo4jStore, load_rate  # noqa: E402
from graph.store import Batch  # noqa: E402

NEO4JCTL = ROOT / "tools" / "neo4j" / "neo4jctl.py"
DEFAULT_SIZES = (100_000, 1_000_000)
HEADING = "## Neo4j"
OLD_HEADINGS = ("## Neo4j load rates",)
DATA_DIR = Path(os.environ.get("INNOGRAPH_BENCH_DATA", tempfile.gettempdir())) / "innograph-bench"


# ---- the server --------------------------------------------------------------------

@contextmanager
def neo4j_server(instance: Path, heap: str, pagecache: str):
    """A fresh Neo4j on a free loopback port; yields (credentials, server pid); always stopped."""
    env_file = instance.parent / f"{instance.name}.env"
    instance.parent.mkdir(parents=True, exist_ok=True)
    ctl = [sys.executable, str(NEO4JCTL)]
    if subprocess.run([*ctl, "status", "--dir", str(instance)], capture_output=True).returncode == 0:
        # `up` would share the running server, and each run would clear the other's graph
        raise SystemExit(f"a Neo4j is already running in {instance} (another bench run?): stop it with "
                         f"`neo4jctl.py down --dir {instance}` or pass --instance")
    subprocess.run([*ctl, "up", "--dir", str(instance), "--port-bolt", "0", "--env-file", str(env_file),
                    "--heap", heap, "--pagecache", pagecache], check=True, stdout=subprocess.DEVNULL)
    try:
        env = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
        pid = int((instance / "run" / "neo4jctl.pid").read_text())
        yield env, pid
    finally:
        subprocess.run([*ctl, "down", "--dir", str(instance)], check=False)


def server_memory_mb(pid: int) -> dict:
    """The server's peak and current resident memory, from the kernel's view of the java process."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)  # kB
    return {"peak_rss_mb": fields["VmHWM"], "rss_mb": fields["VmRSS"]}


def store_size_mb(instance: Path) -> float:
    files = (instance / "data").rglob("*")
    return round(sum(f.stat().st_size for f in files if f.is_file()) / 1e6, 1)


def open_store(env: dict, query_timeout: float, batch_size: int | None = None) -> Neo4jStore:
    extra = {"batch_size": batch_size} if batch_size else {}
    return Neo4jStore(env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"],
                      env.get("NEO4J_DATABASE", "neo4j"), query_timeout=query_timeout, **extra)


# ---- loading -----------------------------------------------------------------------

def read_pair(folder: Path) -> Batch:
    from loaders.csv_loader import load_csv

    result = load_csv(folder / "nodes.csv", folder / "edges.csv")
    if result.rejected:
        raise SystemExit(f"{len(result.rejected)} rows rejected: {result.rejected[:3]}")
    return result.kept


def replace_with_pair(env: dict, folder: Path, query_timeout: float) -> None:
    """Empty the server in parts and bulk-load the synthetic CSV pair in `folder` (the zone and ask benches)."""
    from graph.neo4j.bulk import clear_in_parts

    with open_store(env, query_timeout) as store:
        clear_in_parts(store)
        store.bulk_load(read_pair(folder), 50_000, lambda phase, done: None)


def sample_of(batch: Batch, rows: int) -> Batch:
    """About `rows` rows that load on their own: the first nodes, then edges between them."""
    nodes = list(batch.nodes[: rows // 3])
    ids = {n.id for n in nodes}
    edges = []
    for edge in batch.edges:
        if edge.source in ids and edge.target in ids:
            edges.append(edge)
            if len(nodes) + len(edges) >= rows:
                break
    return Batch(nodes=nodes, edges=edges)


def one_row_per_transaction(env: dict, sample: Batch, query_timeout: float) -> dict:
    """Rows/s writing the sample one row per transaction, then batched, each into an empty database."""
    out = {"nodes": len(sample.nodes), "edges": len(sample.edges), "rows": len(sample)}
    with open_store(env, query_timeout, batch_size=1) as store:
        store.clear()
        out["one_row_per_transaction_rows_per_s"] = round(load_rate(store, sample, rows_per_write=1), 1)
    with open_store(env, query_timeout) as store:
        store.clear()
        out["batched_one_transaction_rows_per_s"] = round(load_rate(store, sample), 1)
        store.clear()
    return out


def write_in_parts(store: Neo4jStore, batch: Batch, rows_per_write: int) -> dict:
    """Documents and nodes, then edges, in writes of `rows_per_write` rows (each its own transaction)."""
    parts = [("nodes", batch.nodes), ("edges", batch.edges)]
    seconds_per_write = []
    started = time.perf_counter()
    if batch.documents:
        store.write(Batch(documents=list(batch.documents)))
    for kind, records in parts:
        for first in range(0, len(records), rows_per_write):
            with gc_paused():  # the slice makes rows_per_write records, as a loader's batch would
                chunk = records[first: first + rows_per_write]
            t0 = time.perf_counter()
            store.write(Batch(**{kind: chunk}))
            seconds_per_write.append(round(time.perf_counter() - t0, 2))
            print(f"    {kind} {first + len(chunk):>10,} / {len(records):,}  {seconds_per_write[-1]:6.1f} s",
                  flush=True)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 1), "rows": len(batch), "rows_per_s": round(len(batch) / seconds),
            "rows_per_write": rows_per_write, "writes": len(seconds_per_write),
            "seconds_per_write": seconds_per_write}


# ---- queries -----------------------------------------------------------------------

@contextmanager
def questions_capped(slow_call: float, budget: float):
    """measure_queries with every question's calls capped (scale_tasks.timed wrapped meanwhile).

    One call is timed first: past `slow_call` seconds (or past the store's query timeout) that
    call is the result; otherwise the repeats are cut so that the question takes about `budget`
    seconds at most (never fewer than 3 calls).
    """
    original = scale_tasks.timed

    def timed(call, args_list, repeat):
        started = time.perf_counter()
        try:
            call(*args_list[0])
        except QueryTimeout as exc:
            return {"over_s": round(time.perf_counter() - started, 1), "calls": 0, "error": str(exc)}
        first = time.perf_counter() - started
        if first > slow_call:
            ms = round(first * 1000, 1)
            return {"p50_ms": ms, "p99_ms": ms, "calls": 1, "single_cold_call": True}
        warmups = min(len(args_list), 5)
        affordable = int(budget / max(first, 1e-6)) - warmups
        return original(call, args_list, max(3, min(repeat, affordable)))

    scale_tasks.timed = timed
    try:
        yield
    finally:
        scale_tasks.timed = original


def measure(env: dict, args) -> dict:
    with open_store(env, args.query_timeout) as store, questions_capped(args.slow_call, args.query_budget):
        started = time.perf_counter()
        out = scale_tasks.measure_queries(store, args.repeat)
        out["seconds"] = round(time.perf_counter() - started, 1)
        return out


# ---- one size ----------------------------------------------------------------------

def bench_size(size: int, env: dict, pid: int, args) -> dict:
    folder = dataset(size, args.seed, args.data)
    started = time.perf_counter()
    batch = read_pair(folder)
    out: dict = {"size": size, "csv": str(folder), "nodes": len(batch.nodes), "edge_rows": len(batch.edges),
                 "read_csv_s": round(time.perf_counter() - started, 1)}
    print(f"  read {out['nodes']:,} nodes, {out['edge_rows']:,} edge rows in {out['read_csv_s']} s", flush=True)

    out["sample"] = one_row_per_transaction(env, sample_of(batch, args.sample_rows), args.query_timeout)
    print(f"  sample of {out['sample']['rows']:,} rows: one row per transaction "
          f"{out['sample']['one_row_per_transaction_rows_per_s']:,.0f} rows/s, batched "
          f"{out['sample']['batched_one_transaction_rows_per_s']:,.0f} rows/s", flush=True)

    with open_store(env, args.query_timeout) as store:
        store.clear()
        out["load"] = write_in_parts(store, batch, args.rows_per_write)
        counts = store.counts()
    out["load"].update(server_memory_mb(pid), stored_nodes=counts.total_nodes, stored_edges=counts.total_edges,
                       store_on_disk_mb=store_size_mb(args.instance))
    if counts.total_nodes != out["nodes"] or not 0 < counts.total_edges <= out["edge_rows"]:
        raise SystemExit(f"stored {counts.total_nodes:,} nodes, {counts.total_edges:,} edges from "
                         f"{out['nodes']:,} node rows and {out['edge_rows']:,} edge rows")
    out["edges"] = counts.total_edges  # rows of the same (source, type, target) merge into one edge
    print(f"  load {out['load']['seconds']} s, {out['load']['rows_per_s']:,} rows/s, server peak RSS "
          f"{out['load']['peak_rss_mb']:,.0f} MB", flush=True)
    del batch

    out["queries"] = measure(env, args)
    out["queries"].update(server_after=server_memory_mb(pid))
    for name, q in out["queries"]["latency"].items():
        print(f"  {name:28} {latency_cell(q):>26}  ({q['calls']} calls)", flush=True)
    return out


# ---- the Markdown ------------------------------------------------------------------

def latency_cell(q: dict | None) -> str:
    if not q:
        return "–"
    if "over_s" in q:
        return f"over {q['over_s']:.0f} s (timed out)"
    if q.get("single_cold_call"):
        return f"{q['p50_ms'] / 1000:,.1f} s (1 call)"
    return f"{q['p50_ms']:,.1f} / {q['p99_ms']:,.1f}"


def code_line(code: dict | None) -> str:
    if not code:
        return "commit not recorded"
    changed = code["uncommitted"]
    return f"commit {code['commit']}" + (f" with uncommitted changes to {', '.join(changed)}" if changed else "")


def memory_store_p50(nodes: int) -> dict:
    """The memory store's p50s on the same pair, if benchmarks/results/scale-full.json has it."""
    path = ROOT / "benchmarks" / "results" / "scale-full.json"
    if not path.exists():
        return {}
    for s in json.loads(path.read_text(encoding="utf-8")).get("sizes", []):
        if s.get("memory", {}).get("nodes") == nodes:
            return {name: q["p50_ms"] for name, q in s["queries"]["latency"].items()}
    return {}


#: Figures measured by hand, not by this script: kept in the section, labelled as such.
BY_HAND = [
    "### Measured by hand", "",
    "Not rerun by the script. Write size, 100,435-node pair (604,414 rows) loaded again and again into one "
    "server with an 8 GB heap (2026-11-27): 50,000 rows a write 6,644 rows/s (the first load on a cold "
    "server), 100,000 rows 10,762 rows/s, 400,000 rows 11,968 rows/s, all 604,414 in one write 11,631 "
    "rows/s. Past 100,000 rows a write the rate is flat within the machine's noise; 200,000 (the "
    "default) keeps each transaction far from the memory limit that stops one 600k-row transaction on a "
    "2 GB heap. The server's RSS reached 9 GB in those loads: with the heap fixed (`-Xms` = `-Xmx`), its "
    "peak RSS follows the heap and page cache settings more than the size of the graph.", "",
    "Small loads (heap 2 GB unless said). Reproduce: `make neo4j-up`, then `Neo4jStore(..., batch_size=B)` "
    "and `graph.neo4j.store.load_rate(store, batch, rows_per_write=R)`.", "",
    "| data | batched (2,000 rows a statement), one transaction | `batch_size=1`, one transaction | "
    "one row per transaction |",
    "|---|---|---|---|",
    "| bundled, 663 rows (median of 5) | 4,024 rows/s | 1,726 rows/s | 181 rows/s |",
    "| synthetic, first 20k rows | 12,595 rows/s | 1,943 rows/s | 201 rows/s |",
    "| synthetic 99,255 nodes + 498,662 edges, 8 GB heap | 15,122 rows/s (40 s) | | |",
    "| the same in six writes of 100k rows, 2 GB heap | 6,205 rows/s | | |", "",
    "One transaction of 600k rows on a 2 GB heap stops at the server's transaction memory limit with a "
    "clear `LoadError` and stores nothing: large loads go in several writes (or a larger heap).", "",
    "Where the time goes on the 1,000,306-node graph (PROFILE and timings by hand, 2026-11-28, on the "
    "code of commits 2aedb75 to 920731a: the statements behind `store.edges` and `store.search` did not "
    "change between them, `support_keys` is 920731a's; hub = the zone with 330,595 edges). "
    "Every plan is an index seek (the unique "
    "index on `Node.id`, or the text index on `keys_text`) then `Expand(All)`: no label scan, no "
    "pathological operator. What costs is moving many rows to Python:", "",
    "- all edges into the hub: 1.65M db hits (330,593 for the expand, two property reads a row); "
    "`count(*)` of them 0.2 s on the server, the same rows with their two JSON properties 5.9 s through "
    "the bare driver, 12.5–15.9 s as `Edge` records from `store.edges`. A neighbourhood that reaches the "
    "hub pays this (neighbours depth 2);",
    "- `support_keys` of the hub (one statement): 6.9M db hits, 5.2M of them in the two typed "
    "`Expand(All)` from the 330,587 members (about 7.8 a member: a node with few relationships keeps them "
    "in one chain, walked whole for a typed expand), 219,584 rows, 7.7–8.2 s; plus 8.8–9.6 s to bring "
    "the 330,586 member keys over Bolt (counting them on the server: 0.4 s). 18 s warm, 27–45 s cold; "
    "the zone profile adds 29 s of `edge_keys` (771k keys), the whole supporters list 32 s of `get_edges` "
    "(426,926 edges) and 28 s of `get_nodes` (268,760 nodes);",
    "- search, broad key: the text index's `NodeIndexContainsScan` returns all 100,403 names containing "
    "科技 (301k db hits), which Python ranks to keep 20: it grows with the hits, as on the memory store.",
    "",
]


def section(report: dict) -> str:
    m, sizes = report["machine"], report["sizes"]
    lines = [HEADING, "",
             f"Measured by `benchmarks/bench_neo4j.py` (`make bench-neo4j`; {report['date']}, "
             f"{report['seconds'] / 60:.0f} min in all) on {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, "
             f"Python {m['python']}; load average {m['load_at_start']} at the start (a shared machine); "
             f"{code_line(report.get('code'))}. "
             f"Loopback Neo4j {report['neo4j']} Community started by `tools/neo4j/neo4jctl.py`, heap "
             f"{report['heap']}, page cache {report['pagecache']}; official Python driver {report.get('driver', '')}. "
             "The same synthetic "
             f"CSV pairs (seed {report['seed']}) and the same questions as the Scale section. Rows = documents + "
             "nodes + edges.", "",
             "### Load", "",
             "Batched: the whole pair, nodes then edges, in writes of the given size (each write one "
             "transaction, UNWIND statements of 2,000 rows). One row per transaction "
             "(`Neo4jStore(batch_size=1)`, `load_rate(rows_per_write=1)`) is measured on a sample only "
             "(the first nodes of the pair and edges between them, into an empty database), beside the same "
             "sample batched in one transaction: on the whole graph it would take hours. Server peak RSS is "
             "the java process's VmHWM after the load (one server for every size, smallest first); the data "
             "directory holds the store and its transaction logs (rotated at 32 MB, so its size varies).", "",
             "| nodes | edges | batched load | rows/s | write size | sample: one row per transaction | "
             "sample: batched | server peak RSS | data directory | heap |",
             "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for s in sizes:
        ld, sm = s["load"], s["sample"]
        lines.append(
            f"| {s['nodes']:,} | {s['edges']:,} | {ld['seconds'] / 60:.1f} min | {ld['rows_per_s']:,} | "
            f"{ld['rows_per_write']:,} rows ({ld['writes']} writes) | "
            f"{sm['one_row_per_transaction_rows_per_s']:,.0f} rows/s ({sm['nodes']:,} nodes + {sm['edges']:,} edges) | "
            f"{sm['batched_one_transaction_rows_per_s']:,.0f} rows/s | {ld['peak_rss_mb']:,.0f} MB | "
            f"{ld['store_on_disk_mb']:,.0f} MB | {report['heap']} |")
    names = list(sizes[0]["queries"]["latency"])
    memory = memory_store_p50(sizes[-1]["nodes"])
    lines += ["", "### Query latency (over Bolt; p50 / p99, ms)", "",
              "| query | " + " | ".join(f"{s['nodes']:,} nodes" for s in sizes) +
              " | p50 growth, smallest → largest |"
              + (" memory store p50, largest (scale-full.json) |" if memory else ""),
              "|---|" + "---:|" * (len(sizes) + 1 + bool(memory))]
    for name in names:
        qs = [s["queries"]["latency"].get(name) for s in sizes]
        first, last = qs[0], qs[-1]
        growth = (f"{last['p50_ms'] / first['p50_ms']:.1f}×" if first and last and "p50_ms" in first
                  and "p50_ms" in last and first["p50_ms"] else "–")
        row = f"| {name} | " + " | ".join(latency_cell(q) for q in qs) + f" | {growth} |"
        if memory:
            row += f" {memory[name]:,.3f} |" if name in memory else " – |"
        lines.append(row)
    calls = "; ".join(f"{s['nodes']:,} nodes: " + ", ".join(f"{n} {q['calls']}" for n, q in
                                                          s["queries"]["latency"].items()) for s in sizes)
    lines += ["", f"Calls timed per question (after warm-up calls; a question whose first call took over "
              f"{report['slow_call_s']:g} s is that one cold call, and repeats are cut to about "
              f"{report['query_budget_s']:g} s a question): {calls}.", ""]
    for s in sizes:
        q = s["queries"]
        lines.append(f"- {s['nodes']:,} nodes: hub `{q['hub']}` (degree {q['hub_degree']:,}); all questions "
                     f"{q['seconds']:,.0f} s; server peak RSS after them {q['server_after']['peak_rss_mb']:,.0f} MB")
    return "\n".join(lines + [""] + BY_HAND)


def write_markdown(report: dict, path: Path) -> None:
    """Replace the Neo4j section (from its heading to the next '## ' or the end); keep the rest."""
    text = path.read_text(encoding="utf-8")
    headings = "|".join(re.escape(h) for h in (*OLD_HEADINGS, HEADING))
    pattern = re.compile(rf"^(?:{headings})\n.*?(?=^## |\Z)", re.S | re.M)
    new = section(report)
    if pattern.search(text):
        text = pattern.sub(lambda _: new, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + new
    path.write_text(text, encoding="utf-8")


def code_state() -> dict:
    """The commit measured, and the files under test that differed from it when the run started."""
    def git(*argv: str) -> str:
        return subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True).stdout.rstrip("\n")

    changed = git("status", "--porcelain", "--", "graph", "loaders", "benchmarks/scale_tasks.py").splitlines()
    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted": [line[3:] for line in changed]}


def neo4j_version() -> str:
    match = re.search(r'NEO4J_VERSION = "([^"]+)"', NEO4JCTL.read_text())
    return match.group(1) if match else "5"


# ---- main --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated node counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="8g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--rows-per-write", type=int, default=200_000, help="rows per write (one transaction)")
    parser.add_argument("--sample-rows", type=int, default=5000, help="rows written one per transaction")
    parser.add_argument("--repeat", type=int, default=50, help="calls per query (measure_queries' repeat)")
    parser.add_argument("--slow-call", type=float, default=60.0, help="s: a question slower than this is called once")
    parser.add_argument("--query-budget", type=float, default=120.0, help="s: repeats cut to about this per question")
    parser.add_argument("--query-timeout", type=float, default=600.0, help="s: the store's transaction timeout")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="where the synthetic CSV pairs are kept")
    parser.add_argument("--instance", type=Path, default=DATA_DIR / "neo4j-bench", help="Neo4j instance directory")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "neo4j.json")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from the JSON results")
    args = parser.parse_args(argv)
    if args.report_only:
        write_markdown(json.loads(args.json.read_text(encoding="utf-8")), args.markdown)
        return 0
    args.instance = args.instance.resolve()
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "code": code_state(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "seed": args.seed, "neo4j": neo4j_version(), "driver": neo4j.__version__, "heap": args.heap,
              "pagecache": args.pagecache, "slow_call_s": args.slow_call, "query_budget_s": args.query_budget,
              "sizes": []}
    started = time.perf_counter()
    with neo4j_server(args.instance, args.heap, args.pagecache) as (env, pid):
        for size in sorted(int(s) for s in args.sizes.split(",")):
            print(f"{size:,} nodes", flush=True)
            report["sizes"].append(bench_size(size, env, pid, args))
    report["seconds"] = round(time.perf_counter() - started, 1)
    write_json(report, args.json)
    write_markdown(report, args.markdown)
    print(f"wrote {args.json} and {args.markdown} ({report['seconds'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
