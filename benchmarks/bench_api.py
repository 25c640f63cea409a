"""HTTP API throughput and latency, on a real uvicorn bound to 127.0.0.1.

    python benchmarks/bench_api.py [--csv DIR] [--concurrency 16] [--seconds 8] [--max-requests 20000]

For the bundled graph (and, with --csv, for the graph of a generated nodes.csv/
edges.csv pair, e.g. `innograph synth -o DIR`) this builds a snapshot in a
temporary data directory, starts `innograph serve` on a free loopback port, and
drives /health, supporters, neighbours and search in turn with `--concurrency`
requests in flight, each route for at most `--seconds` or `--max-requests`.
It prints a Markdown table (req/s, p50, p99, and each route's throughput as a
share of /health's in the same run) and writes benchmarks/results/api.json.
Client and server share the machine: the numbers are for comparing routes and
runs on one machine, not for capacity planning.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.memory import MemoryStore  # noqa: E402
from loaders.sources import build_bundled, load_sources  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "api.json"
HUB = "怀柔科学城"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_snapshot(data_dir: Path, csv_dir: Path | None) -> dict:
    started = time.perf_counter()
    store = MemoryStore(data_dir / "graph.json")
    if csv_dir is None:
        build_bundled(store)
    else:
        load_sources(store, [csv_dir])
    counts = store.counts()
    return {"nodes": counts.total_nodes, "edges": counts.total_edges,
            "build_seconds": round(time.perf_counter() - started, 2)}


class Server:
    """`innograph serve` on a free 127.0.0.1 port, for the length of a `with` block."""

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
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(f"{self.base}/api/v1/health", timeout=60).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"the server did not come up; see {self.data_dir / 'server.log'}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def routes(base: str) -> dict[str, str]:
    """The routes to drive, with a hub that is in the graph (the bundled zone, else the top-ranked zone)."""
    hub = HUB
    if httpx.get(f"{base}/api/v1/nodes/{quote(hub)}", timeout=60).status_code != 200:
        hub = httpx.get(f"{base}/api/v1/rank", params={"type": "Zone", "limit": 1}, timeout=600).json()[0]["node"]["id"]
    ref = quote(hub)
    return {
        "/health": "/api/v1/health",
        "supporters": f"/api/v1/nodes/{ref}/supporters",
        "neighbors (depth 1)": f"/api/v1/nodes/{ref}/neighbors?depth=1",
        "search": f"/api/v1/search?q={quote('科技')}&limit=20",
    }


async def drive(base: str, path: str, concurrency: int, seconds: float, max_requests: int) -> dict:
    latencies: list[float] = []
    errors = 0
    sent = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        for _ in range(3):  # warm up
            await client.get(path)
        stop_at = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors, sent
            while sent < max_requests and time.perf_counter() < stop_at:
                sent += 1
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += not ok

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
    }


def bench_graph(label: str, csv_dir: Path | None, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="innograph-bench-") as tmp:
        data_dir = Path(tmp)
        size = build_snapshot(data_dir, csv_dir)
        print(f"{label}: {size['nodes']} nodes, {size['edges']} edges (built in {size['build_seconds']} s)",
              file=sys.stderr)
        with Server(data_dir) as server:
            results = {}
            for name, path in routes(server.base).items():
                results[name] = {"path": path, **asyncio.run(
                    drive(server.base, path, args.concurrency, args.seconds, args.max_requests))}
                print(f"  {name}: {results[name]['rps']} req/s", file=sys.stderr)
    health = results["/health"]["rps"] or 1.0
    for row in results.values():
        row["vs_health"] = round(row["rps"] / health, 3)
    return {"graph": label, **size, "routes": results}


def table(runs: list[dict]) -> str:
    lines = ["| graph | route | requests | errors | req/s | p50 ms | p99 ms | × /health |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        graph = f"{run['graph']} ({run['nodes']} nodes, {run['edges']} edges)"
        for name, r in run["routes"].items():
            lines.append(f"| {graph} | {name} | {r['requests']} | {r['errors']} | {r['rps']} | {r['p50_ms']} "
                         f"| {r['p99_ms']} | {r['vs_health']:.2f} |")
            graph = ""
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, help="a directory holding a generated nodes.csv/edges.csv pair")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight (default 16)")
    parser.add_argument("--seconds", type=float, default=8.0, help="longest run per route (default 8)")
    parser.add_argument("--max-requests", type=int, default=20000, help="most requests per route")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args()
    runs = [bench_graph("bundled", None, args)]
    if args.csv:
        runs.append(bench_graph(f"csv:{args.csv.name}", args.csv, args))
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": {"concurrency": args.concurrency, "seconds": args.seconds, "max_requests": args.max_requests,
                     "host": "127.0.0.1", "server": "uvicorn, 1 worker"},
        "runs": runs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(runs))
    print(f"\nwritten to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
