"""Neo4j `reindex` in batches of hubs (graph/neo4j/zone_reindex.py) beside the one-transaction reindex
before it, and the bulk load with and without the zone index, on one server in one run (issue 16).

    python benchmarks/bench_reindex_neo4j.py --enterprises 10000          # ~10 min on a busy machine
    python benchmarks/bench_reindex_neo4j.py --enterprises 10000,100000   # add --old-max 0 to skip the old path

Per size (a synthetic graph of `innograph synth`, generated once under $INNOGRAPH_BENCH_DATA):
  1. the bulk load (graph/neo4j/bulk.py) with the zone index and without it (every hub threshold set
     out of reach: no rollup built in the prepare, no index node written), interleaved A/B for
     --rounds rounds so load noise hits both; the last load keeps the index. The memory backend's
     load (MemoryStore._apply of the same batch) likewise, with and without its rollup build;
  2. on that graph: the check, read-only (graph/neo4j/zone_check.py, session 13), beside the check of
     session 11 (a rebuild per batch of hubs, rolled back) and the one-transaction check before it;
     the repair after every hub's marker was deleted by raw Cypher (every hub differs: the worst case
     of a repair), new (the read-only check, then a rebuild of the hubs it found) and old.
Each step: wall and CPU seconds (this process; the server's from /proc), this process's peak RSS and
the server's during the step (VmHWM reset through /proc/<pid>/clear_refs before it), the largest
transaction heap, and the load average.

`--load cli` (for 1M: the bench process then never holds the batch): the graph is loaded by the CLI's
own loader in a child process (`python -m api.cli load DIR` of the CSV pair, the bulk load into an empty
database), its wall, CPU and peak RSS recorded, with the server's CPU, peak RSS and largest transaction
heap during it; no A/B rounds then.
Results: benchmarks/results/reindex-neo4j*.json (--json); docs/benchmarks.md "Neo4j reindex in batches
(session 11)" and "Neo4j reindex check, read-only (session 13)".
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_neo4j import DATA_DIR, neo4j_server, open_store, read_pair, server_memory_mb  # noqa: E402
from benchmarks.bench_scale import dataset  # noqa: E402
from graph.memory import zone_index as memory_index  # noqa: E402
from graph.memory.columns import Columns  # noqa: E402
from graph.memory.store import MemoryStore  # noqa: E402
from graph.neo4j import zone_index  # noqa: E402
from graph.neo4j.bulk import clear_in_parts  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


class NoZoneIndex:
    """While active, no node is a hub on either backend: a load builds and writes no zone index."""

    def __enter__(self):
        self.kept = memory_index.INDEX_DEGREE, zone_index.INDEX_DEGREE
        memory_index.INDEX_DEGREE = zone_index.INDEX_DEGREE = 2 ** 62

    def __exit__(self, *exc):
        memory_index.INDEX_DEGREE, zone_index.INDEX_DEGREE = self.kept


def server_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


class TxHeap:
    """The largest heap estimate of any other transaction (SHOW TRANSACTIONS, every 0.2 s) while active:
    what a transaction holds on the server, which the JVM's RSS (its whole heap, once touched) hides."""

    def __init__(self, env: dict):
        from neo4j import GraphDatabase

        self.driver = GraphDatabase.driver(env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"]))
        self.peak, self.stop = 0, threading.Event()

    def _sample(self) -> None:
        while not self.stop.wait(0.2):
            try:
                rows = self.driver.execute_query("SHOW TRANSACTIONS YIELD currentQuery, estimatedUsedHeapMemory "
                                                 "WHERE NOT currentQuery STARTS WITH 'SHOW' "
                                                 "RETURN max(estimatedUsedHeapMemory) AS m").records
                self.peak = max(self.peak, rows[0]["m"] or 0)
            except Exception:  # a busy server answers late: a missed sample, not a failed step
                pass

    def __enter__(self):
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.driver.close()


ENV: dict = {}


def own_peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def measured(pid: int | None, work) -> tuple[dict, object]:
    """Run work(); its wall and CPU seconds and peak RSS, the server's CPU seconds, peak RSS and largest
    transaction heap, the load average."""
    Path("/proc/self/clear_refs").write_text("5")  # this process's VmHWM back to its RSS now
    if pid:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM (peak RSS) to the current RSS
        cpu0 = server_cpu(pid)
    wall0, own0 = time.perf_counter(), time.process_time()
    if pid:
        with TxHeap(ENV) as heap:
            out = work()
    else:
        out = work()
    got = {"wall_s": round(time.perf_counter() - wall0, 2), "cpu_s": round(time.process_time() - own0, 2),
           "client_peak_rss_mb": own_peak_mb(), "loadavg": round(os.getloadavg()[0], 2)}
    if pid:
        got.update(server_cpu_s=round(server_cpu(pid) - cpu0, 2),
                   server_peak_rss_mb=server_memory_mb(pid)["peak_rss_mb"],
                   tx_heap_peak_mb=round(heap.peak / 2 ** 20, 1))
    return got, out


def old_reindex(store, check: bool, timeout: float) -> list[str]:
    """The reindex before session 11 (git show 1c35892:graph/neo4j/store.py), zone part only."""
    with store._session("rebuild the zone index") as session, session.begin_transaction(timeout=timeout) as tx:
        stored = zone_index.snapshot(tx)
        zone_index.rebuild(tx)
        differ = zone_index.differing_hubs(stored, zone_index.snapshot(tx))
        tx.rollback() if check else tx.commit()
    return differ


def batched_rebuild_check(store) -> list[str]:
    """The check of session 11: each batch of hubs rebuilt in a transaction, compared, rolled back."""
    from graph.neo4j import zone_reindex

    with store._session("compare the zone index with the graph") as session:
        return zone_reindex.rebuilt(session, session.execute_read(zone_reindex.hubs_to_compare), check=True)


def largest_hub(store) -> tuple[str, int]:
    """(id, degree) of the hub of most edges."""
    r = store._rows("MATCH (c:ZoneCount) WHERE c.k ENDS WITH $h WITH split(c.k, $h)[0] AS z "
                    "MATCH (n:Node {id: z}) RETURN z, COUNT { (n)--() } AS d ORDER BY d DESC LIMIT 1", h="\x00H")[0]
    return r["z"], r["d"]


def check_one(store, z: str) -> list[str]:
    """The read-only check of one hub (graph/neo4j/zone_check.py): the per-hub bound of its cost."""
    from graph.neo4j import zone_check

    with store._session("check one hub") as session:
        return zone_check.check(session, [z])


def cli_load(folder: Path, env: dict) -> dict:
    """The graph loaded by the CLI's own loader in a child process: its wall, CPU and peak RSS."""
    wall0, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    # the folder, once: each file of a pair names the whole pair, so both files would load it twice
    subprocess.run([sys.executable, "-m", "api.cli", "load", str(folder)],
                   cwd=ROOT, check=True, env={**os.environ, **env, "INNOGRAPH_BACKEND": "neo4j"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": round(time.perf_counter() - wall0, 2),
            "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
            "peak_rss_mb": round(after.ru_maxrss / 1024, 1), "loadavg": round(os.getloadavg()[0], 2)}


def drift_every_hub(store) -> int:
    """Delete every hub's marker by raw Cypher, as another program might: every hub then differs."""
    return store._driver.execute_query("MATCH (c:ZoneCount) WHERE c.k ENDS WITH $h DELETE c RETURN count(*) AS n",
                                       h="\x00H", database_=store.database).records[0]["n"]


def attempt(pid, work) -> dict:
    try:
        got, differ = measured(pid, work)
        got["differing_hubs"] = len(differ)
    except Exception as exc:  # the old path may overflow the heap or time out: that is a result
        got = {"failed": f"{type(exc).__name__}: {str(exc)[:200]}"}
    print(f"    {got}", flush=True)
    return got


def bench_size(enterprises: int, env: dict, pid: int, args) -> dict:
    folder = dataset(round(enterprises * 1.5), args.seed, args.data)
    out: dict = {"enterprises": enterprises}
    if args.load == "cli":
        with open_store(env, args.query_timeout) as store:
            clear_in_parts(store)
        server, child = measured(pid, lambda: cli_load(folder, env))
        out["cli load"] = {**child, **{k: server[k] for k in ("server_cpu_s", "server_peak_rss_mb",
                                                              "tx_heap_peak_mb") if k in server}}
        print(f"  CLI load: {out['cli load']}", flush=True)
    else:
        load_ab(read_pair(folder), out, env, pid, args)
    return reindex_steps(enterprises, out, env, pid, args)


def load_ab(batch, out: dict, env: dict, pid: int, args) -> None:
    """The bulk load with and without the zone index, interleaved; the last load (with it) stays."""
    out.update({"nodes": len(batch.nodes), "edge_rows": len(batch.edges),
                "bulk": {"with": [], "without": []}, "memory load": {"with": [], "without": []}})
    if args.warmup or not args.rounds:  # the server's first load pays JIT and page-cache warming: not counted
        with open_store(env, args.query_timeout) as store:
            clear_in_parts(store)
            print(f"  warm-up load: {store.bulk_load(batch)}", flush=True)
    for r in range(args.rounds):  # interleaved A/B, the run with the index last (its graph stays)
        for arm in ("without", "with"):
            with open_store(env, args.query_timeout) as store:
                clear_in_parts(store)
                if arm == "without":
                    with NoZoneIndex():
                        got, phases = measured(pid, lambda: store.bulk_load(batch))
                else:
                    got, phases = measured(pid, lambda: store.bulk_load(batch))
            got["phases"] = phases
            out["bulk"][arm].append(got)
            print(f"  round {r} bulk {arm} zone index: {got}", flush=True)
            if arm == "without":
                with NoZoneIndex():
                    mem, _ = measured(None, lambda: MemoryStore._apply(Columns(), batch))
            else:
                mem, _ = measured(None, lambda: MemoryStore._apply(Columns(), batch))
            out["memory load"][arm].append(mem)
            print(f"  round {r} memory load {arm} zone index: {mem}", flush=True)


def reindex_steps(enterprises: int, out: dict, env: dict, pid: int, args) -> dict:
    with open_store(env, args.query_timeout) as store:
        out["hubs"] = store._rows("MATCH (c:ZoneCount) WHERE c.k ENDS WITH $h RETURN count(c) AS n", h="\x00H")[0]["n"]
        out["index_nodes"] = store._rows("MATCH (x) WHERE x:ZoneRow OR x:ZoneCount RETURN count(x) AS n")[0]["n"]
        old = enterprises <= args.old_max
        steps = {}
        out["largest hub"], out["largest hub degree"] = largest_hub(store)
        print(f"  check of the largest hub alone ({out['largest hub degree']} edges)", flush=True)
        steps["check, largest hub alone"] = attempt(pid, lambda: check_one(store, out["largest hub"]))
        batched = enterprises <= args.batched_max
        for name, work in (("check, read-only", lambda: store.reindex(check=True, search=False)),
                           ("check, batched rebuild (s11)",
                            (lambda: batched_rebuild_check(store)) if batched else None),
                           ("check, old", (lambda: old_reindex(store, True, args.old_timeout)) if old else None),
                           ("check, read-only (again)", (lambda: store.reindex(check=True, search=False))
                            if enterprises <= args.again_max else None)):
            if work is not None:
                print(f"  {name}", flush=True)
                steps[name] = attempt(pid, work)
        repairs = enterprises <= args.repair_max
        for name, work in (("repair of every hub, new", (lambda: store.reindex(search=False)) if repairs else None),
                           ("rebuild of every hub, old", (lambda: old_reindex(store, False, args.old_timeout))
                            if old and repairs else None)):
            if work is not None:
                out.setdefault("drifted markers", []).append(drift_every_hub(store))
                print(f"  {name}", flush=True)
                steps[name] = attempt(pid, work)
                steps[name]["check after"] = len(store.reindex(check=True, search=False))
        out["reindex"] = steps
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", default="10000")
    parser.add_argument("--rounds", type=int, default=2, help="0: one load with the index, no A/B")
    parser.add_argument("--warmup", type=int, default=1, help="1: one uncounted bulk load first")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--instance", type=Path, default=DATA_DIR / "neo4j-reindex-bench")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "reindex-neo4j.json")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--query-timeout", type=float, default=600)
    parser.add_argument("--old-max", type=int, default=100_000, help="sizes above this skip the old reindex")
    parser.add_argument("--batched-max", type=int, default=100_000,
                        help="sizes above this skip the batched-rebuild check of session 11")
    parser.add_argument("--repair-max", type=int, default=100_000,
                        help="sizes above this skip the repair of every hub")
    parser.add_argument("--again-max", type=int, default=100_000,
                        help="sizes above this skip the second read-only check")
    parser.add_argument("--load", choices=("ab", "cli"), default="ab",
                        help="cli: one load by the CLI's loader in a child process (no batch held here)")
    parser.add_argument("--old-timeout", type=float, default=900, help="seconds before an old reindex is stopped")
    args = parser.parse_args()
    report = {"argv": sys.argv[1:], "heap": args.heap, "pagecache": args.pagecache, "rounds": args.rounds,
              "cpus": os.cpu_count(),
              "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "sizes": []}
    with neo4j_server(args.instance, args.heap, args.pagecache) as (env, pid):
        ENV.update(env)
        for e in (int(x) for x in args.enterprises.split(",")):
            print(f"{e:,} enterprises", flush=True)
            report["sizes"].append(bench_size(e, env, pid, args))
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
