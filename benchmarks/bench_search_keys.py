"""Memory-store search pages for several keys at several sizes: the gram postings against the scan.

    python benchmarks/bench_search_keys.py                         # 10k, 100k and 1M nodes
    python benchmarks/bench_search_keys.py --sizes 10000,100000

Why beside bench_bounded.py (which times one key, 科技): a page whose cost follows the page must do
so for any key, broad or narrow, one character or many, Chinese or English, prefix-heavy (北京) or
not. Per size (synthetic CSV pair of `innograph synth`, seed 1; each size in a fresh process): the
index is built (timed), then per key the p50 of 15 pages of 20 (graph/memory/name_grams.py), one
scan by the block index ranking every hit (checked equal to the page), a typed page (type Program,
rare) and the page at offset 1,000. Prints one JSON line per size; docs/benchmarks.md "Search
pages by key" holds a run.
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

KEYS = ["科技", "科", "北京", "有限公司", "航天", "enterprise", "e", "0066", "r&d project"]


def p50(call, times: int = 15) -> float:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        spent.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(spent), 3)


def one_size(folder: Path) -> dict:
    from benchmarks.scale_tasks import load_memory, peak_rss_mb
    from graph.memory import name_grams

    name_grams.IN_BACKGROUND = False
    store, _ = load_memory(folder)
    c = store._c
    started = time.perf_counter()
    c.name_grams = grams = name_grams.fresh(c)
    build = time.perf_counter() - started
    size = sum(len(getattr(grams, p)) * getattr(grams, p).itemsize for p in name_grams.PARTS) / 1e6
    out = {"nodes": len(c.ids), "build_s": round(build, 1), "index_mb": round(size), "load": round(os.getloadavg()[0], 2),
           "keys": {}}
    for key in KEYS:
        page = [n.id for n in store.search(key, (), 20, 0)]
        kept, name_grams.BROAD = name_grams.BROAD, 10 ** 12
        started = time.perf_counter()
        scanned = [n.id for n in store.search(key, (), 20, 0)]
        scan_ms = (time.perf_counter() - started) * 1000
        name_grams.BROAD = kept
        assert page == scanned, f"{key}: the page differs from the scan"
        out["keys"][key] = {"page": p50(lambda: store.search(key, (), 20, 0)), "scan": round(scan_ms, 1),
                            "typed": p50(lambda: store.search(key, ("Program",), 20, 0)),
                            "offset 1000": p50(lambda: store.search(key, (), 20, 1000), 5)}
    out["peak_rss_mb"] = round(peak_rss_mb())
    return out


def main(argv: list[str] | None = None) -> int:
    from benchmarks.bench_scale import dataset

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA", "/tmp")) / "innograph-bench")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(one_size(args.child), ensure_ascii=False))
        return 0
    for size in [int(s) for s in args.sizes.split(",") if s]:
        folder = dataset(size, 1, args.data)
        subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
