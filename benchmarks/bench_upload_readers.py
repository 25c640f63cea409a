"""Readers during a write (issue 19): read latency while a 2 MB upload goes into a 300k-node graph.

    python benchmarks/bench_upload_readers.py [--enterprises 200000] [--upload-mb 2] [--readers 8]
                                              [--format yaml|csv] [--data DIR]

Before the write was built beside the readers' state, a 1-node upload to the 300k-node
graph stalled reads for 1.1 s and a 2 MB upload gave 15 × 504 and a read p99 of 5.6 s. This
builds the graph (`innograph synth`, ~1.5 nodes per enterprise: 200,000 enterprises give about
300,000 nodes and 1.5 M edges) into a data dir (kept with --data, so a second run starts at
once), starts `innograph serve` on a free loopback port with an admin token, and runs
`--readers` client threads on ordinary reads (a node, its neighbours, a search, the zone
list, /health) for a quiet baseline, then while one upload of about `--upload-mb` MB of new
institutions (each LOCATED_IN a zone) is posted, then a little after. Every answer but a 200
is an error. It prints the figures and writes benchmarks/results/upload_readers.json.
Client and server share the 2-core machine: the readers' own CPU is part of the figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.sources import load_sources  # noqa: E402
from loaders.synth import generate  # noqa: E402
from tests.support.servers import free_port, wait_until_up  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "upload_readers.json"
TOKEN = "bench-token"
BASELINE_S, AFTER_S = 5.0, 3.0
ZONES = ["怀柔科学城", "中关村科学城", "未来科学城", "北京经济技术开发区"]


def build(data: Path, enterprises: int) -> None:
    """The snapshot of a synthetic graph (skipped when `data` already holds one)."""
    if (data / "graph.json").exists():
        return
    from graph.memory import MemoryStore

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        generate(enterprises, seed=19, out_dir=Path(tmp))
        load_sources(MemoryStore(data / "graph.json"), [Path(tmp)])
        print(f"built {data / 'graph.json'} in {time.perf_counter() - started:.0f} s", flush=True)


def upload_body(megabytes: float, fmt: str) -> tuple[str, bytes, int]:
    """(file name, bytes, rows) of about `megabytes` of new institutions, each LOCATED_IN a zone."""
    target, rows = megabytes * 2**20, 0
    if fmt == "yaml":
        nodes, edges, size = ["nodes:\n"], ["edges:\n"], 0
        while size < target:
            name = f"上传研究院{rows:06d}"
            node = f"  - {{type: Institution, name_zh: {name}, name_en: Uploaded Institute {rows:06d}}}\n"
            edge = f"  - {{source: {name}, type: LOCATED_IN, target: {ZONES[rows % len(ZONES)]}}}\n"
            nodes.append(node)
            edges.append(edge)
            size += len(node.encode()) + len(edge.encode())
            rows += 1
        return "upload.yaml", ("".join(nodes) + "".join(edges)).encode(), rows
    nodes, edges, size = ["id,type,name_zh,name_en\n"], ["source,type,target\n"], 0
    while size < target:
        node = f"institution-up-{rows:06d},Institution,上传研究院{rows:06d},Uploaded Institute {rows:06d}\n"
        edge = f"institution-up-{rows:06d},LOCATED_IN,{ZONES[rows % len(ZONES)]}\n"
        nodes.append(node)
        edges.append(edge)
        size += len(node.encode()) + len(edge.encode())
        rows += 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nodes.csv", "".join(nodes))
        zf.writestr("edges.csv", "".join(edges))
    return "upload.zip", buffer.getvalue(), rows


def reader(base: str, index: int, enterprises: int, stop: threading.Event, log: list) -> None:
    routes = [f"/api/v1/nodes/institution-ent-{(index * 7919 + k * 104729) % enterprises:07d}" for k in range(5)]
    routes += [f"/api/v1/nodes/institution-ent-{(index * 31 + k) % enterprises:07d}/neighbors?depth=1&max_nodes=50"
               for k in range(5)]
    routes += [f"/api/v1/search?q={quote('怀柔')}&limit=20", "/api/v1/zones", "/api/v1/health"]
    with httpx.Client(base_url=base, timeout=60) as client:
        k = index
        while not stop.is_set():
            route = routes[k % len(routes)]
            k += 1
            started = time.monotonic()
            try:
                status = client.get(route).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            log.append((started, time.monotonic() - started, status, route))


def summary(entries: list) -> dict:
    times = sorted(e[1] for e in entries)
    if not times:
        return {"requests": 0}
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [times[0]] * 99
    errors = Counter(str(e[2]) for e in entries if e[2] != 200)
    return {"requests": len(times), "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
            "max_ms": round(times[-1] * 1000, 1), "errors": sum(errors.values()), "errors_by_status": dict(errors)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--enterprises", type=int, default=200_000)
    parser.add_argument("--upload-mb", type=float, default=2.0)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--format", choices=["yaml", "csv"], default="yaml")
    parser.add_argument("--data", type=Path, help="data dir to build into and keep (default: a temporary one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="innograph-bench-") as tmp:
        cache = args.data or Path(tmp) / "built"
        build(cache, args.enterprises)
        data = Path(tmp) / "data"  # a copy: the kept graph stays as built, every run uploads into the same
        data.mkdir()
        shutil.copyfile(cache / "graph.json", data / "graph.json")
        name, body, rows = upload_body(args.upload_mb, args.format)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
        env.update(INNOGRAPH_DATA_DIR=str(data), INNOGRAPH_BACKEND="memory", INNOGRAPH_ADMIN_TOKEN=TOKEN,
                   INNOGRAPH_MAX_UPLOAD_BYTES=str(max(len(body) * 2, 20 * 2**20)))
        log_path = Path(tmp) / "server.log"
        with open(log_path, "w+", encoding="utf-8") as server_log:
            server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], cwd=ROOT,
                                      env=env, stdout=server_log, stderr=subprocess.STDOUT)
            try:
                wait_until_up(base, lambda: server.poll() is None, log_path.read_text, 600)
                before = httpx.get(base + "/api/v1/health", timeout=60).json()
                log: list = []
                stop = threading.Event()
                threads = [threading.Thread(target=reader, args=(base, i, args.enterprises, stop, log), daemon=True)
                           for i in range(args.readers)]
                for t in threads:
                    t.start()
                time.sleep(BASELINE_S)
                up_start = time.monotonic()
                answer = httpx.post(base + "/api/v1/sources", headers={"Authorization": f"Bearer {TOKEN}"},
                                    files={"file": (name, body)}, timeout=600)
                up_end = time.monotonic()
                time.sleep(AFTER_S)
                stop.set()
                for t in threads:
                    t.join(timeout=120)
                after = httpx.get(base + "/api/v1/health", timeout=60).json()
            finally:
                server.terminate()
                server.wait(timeout=30)
    first = min(e[0] for e in log)
    result = {
        "graph_nodes": before["nodes"], "graph_edges": before["edges"], "upload": name,
        "upload_bytes": len(body), "upload_rows": rows, "upload_status": answer.status_code,
        "upload_s": round(up_end - up_start, 2), "nodes_after": after["nodes"], "readers": args.readers,
        "baseline": summary([e for e in log if e[0] < up_start and e[0] >= first + 1.0]),
        "during_upload": summary([e for e in log if up_start <= e[0] < up_end]),
        "after": summary([e for e in log if e[0] >= up_end]),
        "machine": {"cpus": os.cpu_count(), "load_avg": os.getloadavg(), "python": platform.python_version()},
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    ok = answer.status_code == 200 and result["during_upload"].get("errors", 1) == 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
