"""HTTP API latency at each graph size (issue 8), on a real uvicorn bound to 127.0.0.1.

    python benchmarks/bench_api.py [--csv DIR ...] [--concurrency 16] [--seconds 8] [--max-requests 20000]

The in-process figures (bench_scale.py) leave out what a user of the service pays: HTTP,
JSON, the query pool and its 10 s budget. So, for the bundled graph and for each generated
nodes.csv/edges.csv pair given with --csv (e.g. `innograph synth -o DIR`; repeat the option
for several sizes), this builds a snapshot in a temporary data directory, starts uvicorn on a
free loopback port and drives the routes a user calls, each with `--concurrency` requests in
flight for at most `--seconds` or `--max-requests`. The questions come from the graph with a
fixed seed, as in bench_scale.py (scale_tasks.picks): the busiest zone, ordinary enterprises
and pairs of them. Every answer but a 200 is an error, and is counted by status (504 = the
query ran past its budget). It prints a Markdown table (req/s, p50, p99, and each route's
throughput as a share of /health's in the same run) and writes benchmarks/results/api.json.
Client and server share the machine: the numbers are for comparing routes and sizes within
one run, not for capacity planning.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale_tasks import BROAD_KEY, picks  # noqa: E402
from graph.memory import MemoryStore  # noqa: E402
from loaders.sources import build_bundled, load_sources  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "api.json"
PLANNER_KEY = "怀柔"      # a name a planner types (one of scale_tasks.SEARCH_KEYS)
ORDINARY = 20             # distinct enterprises (and pairs) a route cycles through
SUPPORTERS_PAGE = 100
SERVER_START_S = 600      # building is done before; the server only reopens the snapshot
CLIENT_TIMEOUT_S = 60     # well past the server's 10 s query budget: its 504 arrives first
IDLE_WITHIN_S = 1.0       # the server is idle again when /health answers this fast
IDLE_WAIT_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def questions(store) -> dict:
    """The busiest zone, ordinary enterprises and enterprise pairs, as scale_tasks.picks draws them.

    The bundled graph has no generated enterprises ("institution-ent-…"): there its institutions,
    drawn with the same seed, stand in.
    """
    institutions = [n.id for n in store.nodes_of_type("Institution")]
    if any(i.startswith("institution-ent-") for i in institutions):
        return picks(store, count=ORDINARY)
    chosen = picks(store, count=0)
    rng = random.Random(7)
    chosen["ordinary"] = rng.sample(institutions, min(ORDINARY, len(institutions)))
    chosen["pairs"] = [tuple(rng.sample(institutions, 2)) for _ in range(ORDINARY)]
    return chosen


def build_snapshot(data_dir: Path, csv_dir: Path | None) -> tuple[dict, dict]:
    """Write the graph's snapshot into data_dir; return its size and the questions to ask it."""
    started = time.perf_counter()
    store = MemoryStore(data_dir / "graph.json")
    if csv_dir is None:
        build_bundled(store)
    else:
        load_sources(store, [csv_dir])
    counts = store.counts()
    size = {"nodes": counts.total_nodes, "edges": counts.total_edges,
            "build_seconds": round(time.perf_counter() - started, 2)}
    chosen = questions(store)
    del store
    gc.collect()  # the server holds its own copy of the graph from here on
    return size, chosen


class Server:
    """uvicorn serving the app on a free 127.0.0.1 port, for the length of a `with` block."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
        env.update(INNOGRAPH_DATA_DIR=str(self.data_dir), INNOGRAPH_BACKEND="memory")
        self.log = open(self.data_dir / "server.log", "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning", "--no-access-log"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=CLIENT_TIMEOUT_S).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"the server did not come up in {SERVER_START_S} s:\n{self.log_text()}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def log_text(self) -> str:
        return (self.data_dir / "server.log").read_text(encoding="utf-8", errors="replace")


def route_paths(chosen: dict) -> dict[str, list[str]]:
    """Each route's request paths; a route with several paths cycles through them."""
    hub = quote(chosen["hub"], safe="")
    return {
        "/health": ["/api/v1/health"],
        f"supporters (first {SUPPORTERS_PAGE})": [f"/api/v1/nodes/{hub}/supporters?limit={SUPPORTERS_PAGE}"],
        "neighbours depth 2": [f"/api/v1/nodes/{quote(node, safe='')}/neighbors?depth=2"
                               for node in chosen["ordinary"]],
        "shortest paths (≤ 4 hops)": ["/api/v1/paths?" + urlencode({"source": a, "target": b, "max_hops": 4})
                                      for a, b in chosen["pairs"]],
        f"search {BROAD_KEY}": ["/api/v1/search?" + urlencode({"q": BROAD_KEY, "limit": 20})],
        f"search {PLANNER_KEY}": ["/api/v1/search?" + urlencode({"q": PLANNER_KEY, "limit": 20})],
        "zone profile": [f"/api/v1/zones/{hub}"],
    }


def wait_until_idle(base: str) -> float:
    """Seconds until /health answers within IDLE_WITHIN_S.

    A 504 does not stop the query behind it (its pool worker finishes alone), so a route that
    ran past the budget would otherwise slow the next one down.
    """
    started = time.perf_counter()
    while time.perf_counter() - started < IDLE_WAIT_S:
        asked = time.perf_counter()
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=CLIENT_TIMEOUT_S).status_code == 200 \
                    and time.perf_counter() - asked < IDLE_WITHIN_S:
                break
        except httpx.TransportError:
            pass
        time.sleep(1)
    return round(time.perf_counter() - started, 1)


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


async def drive(base: str, paths: list[str], concurrency: int, seconds: float, max_requests: int) -> dict:
    """`concurrency` clients asking `paths` in turn for `seconds` (or `max_requests`); latency of every answer."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    sent = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=CLIENT_TIMEOUT_S) as client:
        await client.get(paths[0])  # warm up: the connection, and the first answer's caches
        stop_at = time.perf_counter() + seconds

        async def client_loop() -> None:
            nonlocal sent
            while sent < max_requests and time.perf_counter() < stop_at:
                path = paths[sent % len(paths)]
                sent += 1
                started = time.perf_counter()
                try:
                    status = str((await client.get(path)).status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                latencies.append(time.perf_counter() - started)
                if status != "200":
                    errors[status] += 1

        began = time.perf_counter()
        await asyncio.gather(*(client_loop() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": sum(errors.values()),
        "errors_by_status": dict(errors),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
    }


def supporters_total(base: str, hub: str) -> int:
    """X-Total-Count of the hub's supporters page: how many supporters the first page is cut from."""
    response = httpx.get(f"{base}/api/v1/nodes/{quote(hub, safe='')}/supporters", params={"limit": 1},
                         timeout=CLIENT_TIMEOUT_S)
    return int(response.headers.get("X-Total-Count", -1))


def bench_graph(source: str, csv_dir: Path | None, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="innograph-bench-") as tmp:
        data_dir = Path(tmp)
        size, chosen = build_snapshot(data_dir, csv_dir)
        print(f"{source}: {size['nodes']:,} nodes, {size['edges']:,} edges (built in {size['build_seconds']} s); "
              f"hub {chosen['hub']}", file=sys.stderr, flush=True)
        with Server(data_dir) as server:
            total = supporters_total(server.base, chosen["hub"])
            results = {}
            for name, paths in route_paths(chosen).items():
                waited = wait_until_idle(server.base)
                row = asyncio.run(drive(server.base, paths, args.concurrency, args.seconds, args.max_requests))
                results[name] = {"paths": paths[:3] + (["…"] if len(paths) > 3 else []),
                                 "distinct_paths": len(paths), "idle_wait_s": waited, **row}
                print(f"  {name}: {row['requests']} requests, {row['rps']} req/s, p50 {row['p50_ms']} ms, "
                      f"errors {row['errors_by_status'] or 0} (waited {waited} s for an idle server)",
                      file=sys.stderr, flush=True)
        log = server.log_text()
    if log.strip():
        print(f"  server.log ({len(log.splitlines())} lines), last 40:\n" + "\n".join(log.splitlines()[-40:]),
              file=sys.stderr, flush=True)
    health = results["/health"]["rps"] or 1.0
    for row in results.values():
        row["vs_health"] = round(row["rps"] / health, 3)
    return {"graph": source, **size, "hub": chosen["hub"], "hub_degree": chosen["hub_degree"],
            "hub_supporters": total, "server_log_lines": len(log.splitlines()), "routes": results}


def errors_cell(row: dict) -> str:
    by_status = ", ".join(f"{n} × {status}" for status, n in sorted(row["errors_by_status"].items()))
    return f"{row['errors']} ({by_status})" if row["errors"] else "0"


def table(runs: list[dict]) -> str:
    lines = ["| graph | route | requests | errors | req/s | p50 ms | p99 ms | × /health |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        graph = f"{run['nodes']:,} nodes, {run['edges']:,} edges" + (" (bundled)" if run["graph"] == "bundled" else "")
        for name, r in run["routes"].items():
            lines.append(f"| {graph} | {name} | {r['requests']} | {errors_cell(r)} | {r['rps']} | {r['p50_ms']} "
                         f"| {r['p99_ms']} | {r['vs_health']:.2f} |")
            graph = ""
    return "\n".join(lines)


def code_version() -> str:
    """The commit measured, and whether the served code differs from it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return head.stdout.strip() + (" (with uncommitted changes)" if served_code_changed("HEAD") else "")


def served_code_changed(since: str) -> bool:
    """Whether api/ or graph/ differ from commit `since`: each server imports them when it starts,
    and others commit while a run goes on."""
    return subprocess.run(["git", "diff", "--quiet", since, "--", "api", "graph"], cwd=ROOT).returncode != 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, action="append", default=[],
                        help="a directory holding a generated nodes.csv/edges.csv pair (repeat for several)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight (default 16)")
    parser.add_argument("--seconds", type=float, default=8.0, help="longest run per route (default 8)")
    parser.add_argument("--max-requests", type=int, default=20000, help="most requests per route")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args()
    when = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    load_average = [round(x, 2) for x in os.getloadavg()]
    command = shlex.join(["python", "benchmarks/bench_api.py", *sys.argv[1:]])
    commit = code_version()
    started = time.perf_counter()
    runs = [bench_graph("bundled", None, args)]
    runs += [bench_graph(str(folder), folder, args) for folder in args.csv]
    report = {
        "when": when,
        "command": command,
        "commit": commit,
        "total_seconds": round(time.perf_counter() - started),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": load_average},
        "settings": {"concurrency": args.concurrency, "seconds": args.seconds, "max_requests": args.max_requests,
                     "host": "127.0.0.1", "server": "uvicorn, 1 worker"},
        "runs": runs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(runs))
    if served_code_changed(commit.split()[0]):
        print(f"api/ or graph/ changed during the run (it began on {commit}): run it again", file=sys.stderr)
    print(f"\ncommit {commit}; load average at start {load_average[0]} (1 min); {report['total_seconds']} s in all; "
          f"reproduce: {command}")
    print(f"written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
