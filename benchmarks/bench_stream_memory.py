"""The streamed Neo4j load of a CSV pair (graph/neo4j/stream_load.py), its client memory by phase (issue 16).

    python benchmarks/bench_stream_memory.py --enterprises 100000 --json FILE

Why: the streamed load's client peaked at 13 GB at 1M nodes (docs/benchmarks.md, session 14) and one
peak does not say which part of the load holds it. Here the load runs in this process, as the CLI runs
it (`load_sources` of the pair's folder into an empty database), and a thread samples this process's
RSS every 0.2 s, filed under the phase running then: "read and check" (the CSV loader, until the write
starts), then each phase the load reports through its progress callback (prepare, nodes, edges, zone
index, search index; the indexes awaited at the end are filed under the last phase). Per phase: RSS at
its start, its largest sample, wall seconds. For the whole load: wall, this process's CPU, its peak RSS
(VmHWM), the server's CPU and peak RSS, the largest transaction heap, the load average.
Every 30 s the phases so far go to FILE with the suffix .partial.json: what a run stopped before its end measured.
Since session 16 "read and check" is the CSV loader's lean first pass (ids and types: loaders/csv_stream.py)
and the nodes and search phases read nodes.csv again.

    python benchmarks/bench_stream_memory.py --enterprises 30000 --trace-zone --json FILE

    python benchmarks/bench_stream_memory.py --enterprises 1000000 --check-only {lean,usual}

--check-only: no server; the CSV loader's check of the pair alone (lean: ids and types; usual: the records),
its CPU and the process's peak RSS, then one pass again over the lean nodes; one JSON line on stdout. Run
lean and usual in separate processes (the peak is the process's).
--trace-zone: tracemalloc over the zone phase only (it slows it and adds its own memory to the RSS: a run
to find out what the phase holds, not to time it): per hub, what making its entries allocated at its
peak and still held after; for the hub that held the most, the source lines holding it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_neo4j import DATA_DIR, neo4j_server, open_store, server_memory_mb  # noqa: E402
from benchmarks.bench_reindex_neo4j import ENV, TxHeap, own_peak_mb, server_cpu  # noqa: E402
from benchmarks.bench_scale import dataset  # noqa: E402
from graph.neo4j.bulk import clear_in_parts  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE / 2 ** 20


class Phases:
    """This process's RSS sampled every `every` seconds, filed under the phase named last."""

    def __init__(self, every: float = 0.2, live: Path | None = None):
        self.every, self.stop, self.live = every, threading.Event(), live
        self.phases: dict[str, dict] = {}
        self.current = ""

    def enter(self, phase: str) -> None:
        if phase != self.current:
            now = time.perf_counter()
            if self.current:
                self.phases[self.current]["wall_s"] = round(now - self.phases[self.current]["t0"], 1)
            rss = rss_mb()
            self.phases[phase] = {"t0": now, "rss_at_start_mb": round(rss), "peak_rss_mb": round(rss)}
            self.current = phase

    def progress(self, phase: str, done: int) -> None:
        self.enter(phase)
        self.phases[phase]["rows"] = done

    def _sample(self) -> None:
        n = 0
        while not self.stop.wait(self.every):
            part = self.phases.get(self.current)
            if part is not None:
                part["peak_rss_mb"] = max(part["peak_rss_mb"], round(rss_mb()))
            n += 1
            if self.live and n % 150 == 0:  # every 30 s: what a run stopped before its end has measured
                so_far = {k: {f: v for f, v in d.items() if f != "t0"} for k, d in list(self.phases.items())}
                self.live.write_text(json.dumps({"at": time.strftime("%H:%M:%S UTC", time.gmtime()),
                                                 "peak_rss_mb": own_peak_mb(), "phases": so_far}, indent=1))

    def __enter__(self):
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.enter("end")
        self.stop.set()
        self.thread.join()
        for part in self.phases.values():
            part.pop("t0", None)


class ZoneTrace:
    """tracemalloc around each hub's entries in the zone phase (stream_load._materialised): the largest
    hub's traced peak and what it still holds once made, by source line."""

    def __init__(self):
        self.found: dict = {"hubs": 0, "largest_peak_mb": 0.0}

    def wrap(self, real):
        def materialised(tx, z):
            if not tracemalloc.is_tracing():
                tracemalloc.start(1)
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            rows, counts = real(tx, z)
            current, peak = tracemalloc.get_traced_memory()
            self.found["hubs"] += 1
            if (peak - base) / 2 ** 20 > self.found["largest_peak_mb"]:
                self.found.update(hub=z, largest_peak_mb=round((peak - base) / 2 ** 20, 1),
                                  held_after_mb=round((current - base) / 2 ** 20, 1), entries=len(counts),
                                  top=self.top())
            return rows, counts
        return materialised

    @staticmethod
    def top(n: int = 12) -> list[str]:
        def where(frame) -> str:
            name = frame.filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
            return f"{name}:{frame.lineno}"

        return [f"{where(s.traceback[0])} {s.size / 2 ** 20:.1f} MB in {s.count} blocks"
                for s in tracemalloc.take_snapshot().statistics("lineno")[:n]]

    def stop(self) -> None:
        """At the zone phase's end: what is still held of all it allocated since its first hub."""
        if tracemalloc.is_tracing():
            self.found["held_at_end_mb"] = round(tracemalloc.get_traced_memory()[0] / 2 ** 20, 1)
            self.found["held_at_end"] = self.top()
            tracemalloc.stop()


def load(folder: Path, env: dict, pid: int, query_timeout: float, live: Path | None = None,
         trace_zone: bool = False) -> dict:
    """The pair loaded as `innograph load DIR` loads it, measured by phase."""
    from graph.neo4j import store as neo4j_store, stream_load
    from loaders.sources import load_sources

    with open_store(env, query_timeout) as store:
        clear_in_parts(store)
        Path("/proc/self/clear_refs").write_text("5")
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        cpu0, wall0, own0 = server_cpu(pid), time.perf_counter(), time.process_time()
        kept = neo4j_store.Neo4jStore.stream_load
        with Phases(live=live) as phases, TxHeap(ENV) as heap:
            phases.enter("read and check")

            trace, materialised, zone = ZoneTrace(), stream_load._materialised, stream_load._zone

            def measured_stream_load(self, batch, rows=None, progress=None):
                phases.enter("prepare")
                return kept(self, batch, rows, phases.progress)

            def traced_zone(*args):
                yield from zone(*args)
                trace.stop()  # its last chunk made: what the zone phase still holds

            neo4j_store.Neo4jStore.stream_load = measured_stream_load
            if trace_zone:
                stream_load._materialised, stream_load._zone = trace.wrap(materialised), traced_zone
            try:
                result = load_sources(store, [folder])
            finally:
                neo4j_store.Neo4jStore.stream_load = kept
                stream_load._materialised, stream_load._zone = materialised, zone
                trace.stop()
        got = {"wall_s": round(time.perf_counter() - wall0, 1), "cpu_s": round(time.process_time() - own0, 1),
               "client_peak_rss_mb": own_peak_mb(), "server_cpu_s": round(server_cpu(pid) - cpu0, 1),
               "server_peak_rss_mb": server_memory_mb(pid)["peak_rss_mb"],
               "tx_heap_peak_mb": round(heap.peak / 2 ** 20, 1), "loadavg": round(os.getloadavg()[0], 2),
               "counts": result.after, "phases": phases.phases}
    if trace_zone:
        got["zone_trace"] = trace.found
    return got


def check_only(folder: Path, lean: bool) -> dict:
    """The check of the pair alone (load_csv, lean or usual), then one pass again over its nodes."""
    import resource

    from loaders.csv_loader import load_csv

    def peak() -> int:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    start, cpu = round(rss_mb()), time.process_time()
    result = load_csv(folder / "nodes.csv", folder / "edges.csv", lean=lean)
    got = {"pair": folder.name, "lean": lean, "nodes": len(result.kept.nodes), "edges": len(result.kept.edges),
           "cpu_s": round(time.process_time() - cpu, 1), "rss_before_mb": start, "peak_mb": peak()}
    cpu = time.process_time()
    sum(1 for _ in result.kept.nodes.rows())
    return {**got, "pass_again_cpu_s": round(time.process_time() - cpu, 1), "peak_after_pass_mb": peak()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--instance", type=Path, default=DATA_DIR / "neo4j-stream-memory")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--check-only", choices=("lean", "usual"), help="the CSV check alone, no server (see above)")
    parser.add_argument("--heap", default="3g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--query-timeout", type=float, default=3600)
    parser.add_argument("--trace-zone", action="store_true", help="tracemalloc over the zone phase (see above)")
    args = parser.parse_args()
    folder = dataset(round(args.enterprises * 1.5), args.seed, args.data)
    if args.check_only:
        print(json.dumps(check_only(folder, args.check_only == "lean")))
        return
    if args.json is None:
        parser.error("--json FILE is needed for a load")
    args.json.parent.mkdir(parents=True, exist_ok=True)  # the partial results go beside it during the load
    report = {"argv": sys.argv[1:], "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
              "heap": args.heap, "pagecache": args.pagecache, "csv": str(folder)}
    with neo4j_server(args.instance, args.heap, args.pagecache) as (env, pid):
        ENV.update(env)
        report["load"] = load(folder, env, pid, args.query_timeout, args.json.with_suffix(".partial.json"),
                              args.trace_zone)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(report["load"], indent=1, default=str))


if __name__ == "__main__":
    main()
