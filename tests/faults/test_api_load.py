"""Load: 50 concurrent clients on 127.0.0.1 against a mix of routes of the bundled graph; zero errors.

`make test` runs it for a few seconds; `make test-faults` for 60 s (INNOGRAPH_LOAD_SECONDS).
The latencies go to test-artifacts/load.json (figures, not assertions: CI machines are noisy).
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from tests.support.servers import serve_cli

CLIENTS = 50
SECONDS = float(os.environ.get("INNOGRAPH_LOAD_SECONDS", "5"))
ROUTES = [
    "/api/v1/health",
    "/api/v1/search?q=" + quote("科学城"),
    "/api/v1/nodes/" + quote("怀柔科学城") + "/supporters",
    "/api/v1/nodes/" + quote("市科委") + "/neighbors?depth=1",
    "/api/v1/zones/" + quote("经开区"),
    "/api/v1/paths?source=" + quote("河北") + "&target=" + quote("怀柔科学城"),
    "/api/v1/ask?q=" + quote("哪些政策支持怀柔科学城？"),
    "/api/v1/nodes/" + quote("不存在的节点"),
    "/nodes/" + quote("北京量子信息科学研究院"),
]
NOT_FOUND = {"/api/v1/nodes/" + quote("不存在的节点")}  # a 404 is the correct answer there, not an error
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"


def client_loop(base: str, index: int, stop: float, timings: list, errors: list) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        n = index
        while time.monotonic() < stop:
            route = ROUTES[n % len(ROUTES)]
            n += 1
            started = time.perf_counter()
            try:
                response = client.get(route)
            except httpx.HTTPError as exc:
                errors.append(f"{route}: {exc!r}")
                continue
            timings.append(time.perf_counter() - started)
            expected = 404 if route in NOT_FOUND else 200
            if response.status_code != expected:
                errors.append(f"{route}: {response.status_code} {response.text[:200]}")


def test_fifty_clients_get_no_errors(tmp_path):
    with serve_cli(tmp_path) as (base, _log):
        timings: list[float] = []
        errors: list[str] = []
        stop = time.monotonic() + SECONDS
        threads = [threading.Thread(target=client_loop, args=(base, i, stop, timings, errors))
                   for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=SECONDS + 120)
    assert not any(t.is_alive() for t in threads), "a client hung"
    assert not errors, errors[:10]
    assert len(timings) >= CLIENTS
    q = statistics.quantiles(timings, n=100)
    figures = {"clients": CLIENTS, "seconds": SECONDS, "requests": len(timings),
               "req_per_s": round(len(timings) / SECONDS, 1),
               "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1), "errors": 0}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(figures)
