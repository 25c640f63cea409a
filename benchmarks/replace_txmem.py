"""How much transaction memory a `replace` takes with its search blocks built inside it and built
after its commit (graph/neo4j/search_build.py `in_replace`): the peak of the transaction's
estimatedUsedHeapMemory (SHOW TRANSACTIONS, polled every 20 ms from another session).

Why: a replace is one transaction; it tops out where that memory reaches db.memory.transaction.total.max
(70 % of the heap). Runs against the server of NEO4J_URI etc. (tools/test.sh's .env.neo4j), which it
empties: never point it at a database you keep.

    set -a; . ./.env.neo4j; set +a; python benchmarks/replace_txmem.py --size 10000
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import dataset  # noqa: E402

POLL = ("SHOW TRANSACTIONS YIELD estimatedUsedHeapMemory AS m, currentQuery AS q "
        "WHERE NOT q STARTS WITH 'SHOW' RETURN max(m) AS m")


def peak_while(store, work) -> tuple[int, float]:
    """work() run while another session polls the largest transaction: (peak bytes, seconds)."""
    peak, done = [0], threading.Event()

    def poll() -> None:
        while not done.is_set():
            row = store._driver.execute_query(POLL, database_=store.database).records
            if row and row[0]["m"]:
                peak[0] = max(peak[0], row[0]["m"])
            time.sleep(0.02)
    t = threading.Thread(target=poll)
    t.start()
    started = time.perf_counter()
    try:
        work()
    finally:
        done.set()
        t.join()
    return peak[0], time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    from benchmarks.bench_neo4j import open_store, read_pair
    from graph.neo4j import search_blocks
    from graph.neo4j.bulk import clear_in_parts

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/innograph-bench"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    env = {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD")}
    batch = read_pair(dataset(args.size, 1, args.data))
    with open_store(env, 600) as store:
        for label, inline in [("blocks inside the replace", 10**9), ("blocks after its commit", 0)] * args.repeat:
            clear_in_parts(store)
            search_blocks.INLINE = inline
            peak, seconds = peak_while(store, lambda: store.replace(batch))
            print(f"{label}: {len(batch.nodes):,} nodes, {len(batch.edges):,} edges: peak transaction memory "
                  f"{peak / 2**20:,.0f} MiB, {seconds:.1f} s (replace and build), load {os.getloadavg()[0]:.1f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
