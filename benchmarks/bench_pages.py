"""What a planner waits for on the bundled graph: a zone's page, its Word briefing, the whole graph.

    .venv/bin/python benchmarks/bench_pages.py [--repeat 5]

Server side, through the real app (FastAPI's TestClient, memory store): GET /zones/{zone},
GET /brief/{zone}?format=docx, GET /view?center={zone}&depth=2 and GET /graph, each the
first time (cold: layout and profile caches empty) and the median of `--repeat` more.
Browser side, headless Chromium at 1280 x 800 on a served app: the time from navigation
to the page's own ready mark (drawn, labels placed) for each zone's view and the whole graph.
Also the page count of each zone's briefing once LibreOffice has printed it (zh and en).
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZONES = ("中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区")


def timed(get, url: str, repeat: int) -> tuple[float, float]:
    start = time.perf_counter()
    assert get(url).status_code == 200, url
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        get(url)
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm)


def pages_of(docx: bytes, tmp: Path, stem: str) -> int:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    source = tmp / f"{stem}.docx"
    source.write_bytes(docx)
    subprocess.run([office, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(source)], check=True, capture_output=True)
    info = subprocess.run(["pdfinfo", str(source.with_suffix(".pdf"))], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.memory import MemoryStore
    from graph.settings import Settings
    from loaders.sources import build_bundled
    from tests.browser.cdp_browser import Browser
    from tests.support.servers import serve_in_thread

    store = MemoryStore()
    build_bundled(store)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(data_dir=Path(tmp), admin_token="", cors_origins=[]), store=store)
        with TestClient(app) as client:
            for zone in ZONES:
                z = quote(zone)
                for what, url in ((f"zone page {zone}", f"/zones/{z}"),
                                  (f"briefing .docx {zone}", f"/brief/{z}?format=docx"),
                                  (f"view {zone} (depth 2)", f"/view?center={z}&depth=2")):
                    rows.append((what, *timed(client.get, url, repeat)))
            rows.append(("whole graph /graph", *timed(client.get, "/graph", repeat)))
            page_counts = {(zone, lang): pages_of(client.get(f"/brief/{quote(zone)}?format=docx&lang={lang}").content,
                                                  Path(tmp), f"{lang}-{i}")
                           for i, zone in enumerate(ZONES) for lang in ("zh", "en")}
        ready = []
        with serve_in_thread(app) as base, Browser(loopback=True, width=1280, height=800) as browser:
            for what, url in [(zone, f"{base}/view?center={quote(zone)}&depth=2") for zone in ZONES] + \
                             [("whole graph", f"{base}/graph")]:
                page = browser.open(url)
                page.wait_for("window.innograph && innograph.state.ready", 60)
                ready.append((what, page.evaluate("innograph.state.readyMs")))
                page.close()
    print("| request | first (s) | median of next (s) |\n|---|---|---|")
    for what, cold, warm in rows:
        print(f"| {what} | {cold:.3f} | {warm:.3f} |")
    print("\n| page in Chromium | ready after (ms from navigation) |\n|---|---|")
    for what, ms in ready:
        print(f"| {what} | {ms:.0f} |")
    print("\n| briefing | pages (zh) | pages (en) |\n|---|---|---|")
    for zone in ZONES:
        print(f"| {zone} | {page_counts[(zone, 'zh')]} | {page_counts[(zone, 'en')]} |")


if __name__ == "__main__":
    main()
