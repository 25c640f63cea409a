"""First-time zone requests over HTTP and through the CLI at two sizes (issue 16's check).

    python benchmarks/bench_zone_http.py                       # 10k and 300k synthetic enterprises
    python benchmarks/bench_zone_http.py --enterprises 10000,50000

Every request is the first its process answers: a new `uvicorn` server per HTTP request (started,
waited for until /health answers, asked once, stopped) and a new `innograph` process per CLI call,
so no kept answer serves it. Asked of the four busiest zones: the supporters page (limit=50) without
and with each type filter (Program, Fund, Policy, Institution) and the zone profile; `--rounds N`
asks every question N times (a new server or process each time). The medians go to
benchmarks/results/zone-http.json and, beside bench_zone.py's table, docs/benchmarks.md.

Beside the wall-clock time (what the issue's check measures) each request's CPU time is kept: the
server's threads' time on a CPU while it answered (/proc/PID/task/*/schedstat, before and after
the request), the CLI process's user+system time. On a shared machine the wall time of one request
is mostly waiting for a core (load 10 on 2 cores: 4-5x the CPU time), so its medians move by tens
of percent between runs; the CPU medians say whether the work itself grows with the graph.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

from benchmarks.bench_api import Server, build_snapshot  # noqa: E402
from benchmarks.scale_report import write_json  # noqa: E402

TYPES = (None, "Program", "Fund", "Policy", "Institution")
LIMIT = 50


def zones_of(data_dir: Path) -> list[str]:
    from graph.memory import MemoryStore

    store = MemoryStore(data_dir / "graph.json")
    zones = [n.id for n in store.nodes_of_type("Zone")]
    degrees = store.degrees(zones)
    return sorted(zones, key=lambda z: (-degrees[z], z))[:4]


def requests_for(zones: list[str]) -> list[tuple[str, str, list[str]]]:
    """(kind, HTTP path, CLI arguments) for every question."""
    out = []
    for z in zones:
        for t in TYPES:
            query = f"?limit={LIMIT}" + (f"&type={t}" if t else "")
            out.append(("supporters", f"/api/v1/nodes/{quote(z, safe='')}/supporters{query}",
                        ["supporters", z, "--limit", str(LIMIT), "--json", *(["--type", t] if t else [])]))
        out.append(("profile", f"/api/v1/zones/{quote(z, safe='')}", ["zone", z, "--json"]))
    return out


def server_cpu_ms(pid: int) -> float:
    """CPU time of all of a process's threads so far (ns resolution, unlike /proc/PID/stat's ticks)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):  # a thread that ended meanwhile
            pass
    return total / 1e6


def children_cpu_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def synth_data_dir(enterprises: int, work: Path) -> Path:
    """A data directory holding the synthetic city of `enterprises` (seed 1), generated and built once."""
    from loaders.synth import generate

    csv_dir = work / f"synth-{enterprises}"
    if not (csv_dir / "edges.csv").exists():
        generate(enterprises, 1, csv_dir)
    data_dir = work / f"data-{enterprises}"
    data_dir.mkdir(exist_ok=True)
    if not (data_dir / "graph.json").exists():
        build_snapshot(data_dir, csv_dir)
    return data_dir


def run_size(enterprises: int, work: Path, rounds: int = 1) -> dict:
    data_dir = synth_data_dir(enterprises, work)
    from graph.memory import MemoryStore

    nodes = MemoryStore(data_dir / "graph.json").counts().total_nodes
    zones = zones_of(data_dir)
    kinds = ("http supporters", "http profile", "cli supporters", "cli profile")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    env.update(INNOGRAPH_DATA_DIR=str(data_dir), INNOGRAPH_BACKEND="memory")
    for _ in range(rounds):
        for kind, path, args in requests_for(zones):
            with Server(data_dir) as server:
                before = server_cpu_ms(server.proc.pid)
                started = time.perf_counter()
                r = httpx.get(server.base + path, timeout=120)
                times[f"http {kind}"].append((time.perf_counter() - started) * 1000)
                cpu[f"http {kind}"].append(server_cpu_ms(server.proc.pid) - before)
                assert r.status_code == 200, (path, r.status_code, r.text[:300])
            before = children_cpu_ms()
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, cwd=ROOT, capture_output=True)
            times[f"cli {kind}"].append((time.perf_counter() - started) * 1000)
            cpu[f"cli {kind}"].append(children_cpu_ms() - before)
            assert done.returncode == 0, done.stderr[-500:]
    medians = {k: round(statistics.median(v), 2) for k, v in times.items()}
    cpu_medians = {k: round(statistics.median(v), 2) for k, v in cpu.items()}
    print(enterprises, nodes, medians, "cpu", cpu_medians, f"load {os.getloadavg()[0]:.1f}", flush=True)
    return {"enterprises": enterprises, "nodes": nodes, "zones": zones, **medians, "cpu_ms": cpu_medians,
            "load_at_end": round(os.getloadavg()[0], 1), "all_ms": times, "all_cpu_ms": cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", default="10000,300000")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("INNOGRAPH_BENCH_DATA",
                                                                         tempfile.gettempdir())) / "innograph-bench")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "zone-http.json")
    parser.add_argument("--rounds", type=int, default=1, help="ask every question this many times")
    args = parser.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "rounds": args.rounds,
              "load_at_start": round(os.getloadavg()[0], 1),
              "sizes": [run_size(int(n), args.data, args.rounds) for n in args.enterprises.split(",")]}
    write_json(report, args.json)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
