"""What the /upload page waits for: a report's preview, then its load with the review, over HTTP on 127.0.0.1.

    .venv/bin/python benchmarks/bench_upload_preview.py [REPORT] [--repeat 3]

The bundled graph is built in a temporary data directory and served by uvicorn in a thread
(the admin routes open). REPORT (default data/reports/bjstc-2018-self-assessment.txt) is sent
as `<stem>-copy<suffix>`, a new document, so its load is not refused as the bundled report's
text: each repeat uses a fresh graph. It prints, per step, the wall time, the process's CPU
time (client and server share it) and the sizes; then the load average.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from api.app import create_app  # noqa: E402
from graph.memory import MemoryStore  # noqa: E402
from graph.settings import Settings  # noqa: E402
from loaders.sources import build_bundled  # noqa: E402
from tests.support.servers import serve_in_thread  # noqa: E402

TOKEN = "bench-token"


def timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def once(report: Path) -> None:
    name = f"{report.stem}-copy{report.suffix}"
    content = report.read_bytes()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(Path(tmp) / "graph.json")
        build_bundled(store)
        app = create_app(Settings(data_dir=tmp, admin_token=TOKEN, cors_origins=[]), store=store)
        with serve_in_thread(app) as base:
            preview, wall, cpu = timed(lambda: httpx.post(f"{base}/api/v1/sources/preview", headers=headers,
                                                          files={"file": (name, content)}, timeout=300))
            preview.raise_for_status()
            body = preview.json()
            review = json.dumps(body["review"], ensure_ascii=False).encode()
            print(f"preview: {wall:.2f} s wall, {cpu:.2f} s CPU; {len(body['nodes'])} names "
                  f"({sum(n['new'] for n in body['nodes'])} new), {len(body['relations'])} relations "
                  f"({sum(r['low'] for r in body['relations'])} low); answer {len(preview.content)} B, "
                  f"review {len(review)} B, report {len(content)} B")
            loaded, wall, cpu = timed(lambda: httpx.post(f"{base}/api/v1/sources", headers=headers, timeout=300,
                                                         files={"file": (name, content),
                                                                "review": ("review.json", review)}))
            loaded.raise_for_status()
            summary = loaded.json()
            print(f"load with the review: {wall:.2f} s wall, {cpu:.2f} s CPU; gained {summary['nodes_added']} "
                  f"nodes, {summary['edges_added']} edges")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=ROOT / "data" / "reports" /
                        "bjstc-2018-self-assessment.txt")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.repeat):
        once(args.report)
    print("load average:", Path("/proc/loadavg").read_text().strip())


if __name__ == "__main__":
    main()
