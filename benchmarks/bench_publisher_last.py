"""What putting the report's author last costs a supporters page (graph/support_order.py).

    python benchmarks/bench_publisher_last.py [--sizes 10000 100000]

Per size: a synthetic city (benchmarks/bench_scale.py `dataset`), loaded into the memory store; its
busiest zone's first direct Institution supporter is made a publisher (a document it issued). Then,
each the median of `--repeat` calls: the first page (100 supporters), the page at offset 1,000, the
page by cursor after it, and the last page (which holds the publisher), with the publisher set as
loaded and with no publisher (the store's own order, what the pages cost before). Prints ms and the
ratio; compare ratios within one run (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import dataset  # noqa: E402
from benchmarks.scale_tasks import load_memory, picks  # noqa: E402


def median_ms(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "innograph-bench")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)

    from graph import publisher
    from graph.model import Document
    from graph.queries import GraphQueries
    from graph.store import Batch

    print(f"load average {os.getloadavg()[0]:.1f}")
    for size in args.sizes:
        store, _ = load_memory(dataset(size, 1, args.data_dir))
        hub = picks(store)["hub"]
        q = GraphQueries(store)
        _, first, _ = q.supporters_window(hub, "Institution", 1)
        author = first[0].node
        store.write(Batch(documents=[Document(id="bench-report", title="report", publisher=author.name_zh)]))
        assert publisher.publisher_ids(store) == {author.id}
        total, _, _ = q.supporters_window(hub, None, 100)
        _, _, cursor = q.supporters_window(hub, None, 100, 1000)
        pages = {"first page": (100, 0, None), "offset 1,000": (100, 1000, None),
                 "by cursor": (100, 0, cursor), "last page": (100, max(total - 100, 0), None)}
        real = publisher.publisher_ids
        print(f"{size:,} nodes: zone {hub}, {total:,} supporters, publisher {author.id}")
        for name, (limit, offset, after) in pages.items():
            ms = {}
            for label, ids in (("author last", real), ("store order", lambda s: frozenset())):
                publisher.publisher_ids = ids
                import graph.query_support as qs
                qs.publisher_ids = ids
                q.supporters_window(hub, None, limit, offset, after)  # warm
                ms[label] = median_ms(lambda: q.supporters_window(hub, None, limit, offset, after), args.repeat)
            publisher.publisher_ids = qs.publisher_ids = real
            print(f"  {name:<13} author last {ms['author last']:8.2f} ms   store order {ms['store order']:8.2f} ms"
                  f"   x{ms['author last'] / ms['store order']:.2f}")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
