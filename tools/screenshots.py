"""Refresh docs/screenshots/ from the bundled graph: the views, the zone page, page 1 of a briefing.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Serves the app on 127.0.0.1 (a free port, in this process), opens each page in
headless Chromium at 1280 x 800 (`--size 1366x768`: a planner's laptop; the zone page at its full height), and converts
the 怀柔科学城 briefing (.docx) to PDF with LibreOffice to render its page 1 with
poppler's pdftoppm. Prints each file and the time each page took to be ready.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEWS = {
    "view-zhongguancun-science-city": "中关村科学城",
    "view-huairou-science-city": "怀柔科学城",
    "view-future-science-city": "未来科学城",
    "view-beijing-e-town": "北京经济技术开发区",
}
READY = "window.innograph && innograph.state.ready"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800", help="the window, WIDTHxHEIGHT (a planner's laptop: 1366x768)")
    args = parser.parse_args()
    out = args.out
    width, height = (int(x) for x in args.size.lower().split("x"))
    out.mkdir(parents=True, exist_ok=True)

    from api.app import create_app
    from graph.memory import MemoryStore
    from graph.queries import GraphQueries
    from graph.settings import Settings
    from loaders.sources import build_bundled
    from tests.browser.cdp_browser import Browser
    from tests.support.servers import serve_in_thread
    from viz.brief import render_brief

    store = MemoryStore()
    build_bundled(store)
    with tempfile.TemporaryDirectory() as tmp, \
            serve_in_thread(create_app(Settings(data_dir=Path(tmp), admin_token="", cors_origins=[]),
                                       store=store)) as base, \
            Browser(loopback=True, width=width, height=height) as browser:
        shots = {name: f"{base}/view?center={quote(zone)}&depth=2" for name, zone in VIEWS.items()}
        shots["view-whole-graph"] = f"{base}/graph"
        for name, url in shots.items():
            start = time.monotonic()
            page = browser.open(url)
            page.wait_for(READY, 60)
            print(f"{name}: ready in {time.monotonic() - start:.2f} s")
            page.screenshot(out / f"{name}.png")
            if name == "view-huairou-science-city":
                page.evaluate("innograph.setLang('en')")
                page.evaluate("new Promise(function(r){setTimeout(r,300)})")
                page.screenshot(out / f"{name}-en.png")
                page.evaluate("innograph.setLang('zh')")
            page.close()
        for name, url, tall in (("zone-page-huairou-science-city", f"{base}/zones/{quote('怀柔科学城')}", 2400),
                                  ("home", f"{base}/", 1400)):
            page = browser.open(url)
            page.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": tall,
                                                             "deviceScaleFactor": 1, "mobile": False})
            page.wait_for("document.readyState === 'complete'")
            page.evaluate("new Promise(function(r){setTimeout(r,1500)})")  # the embedded network
            page.screenshot(out / f"{name}.png")
            print(f"{name}: {url}")
            page.close()
        docx = Path(tmp) / "brief.docx"
        docx.write_bytes(render_brief(GraphQueries(store), "怀柔科学城", "docx", "zh")[0])
        office = shutil.which("soffice") or shutil.which("libreoffice")
        subprocess.run([office, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
                        "--convert-to", "pdf", "--outdir", tmp, str(docx)], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile",
                        str(docx.with_suffix(".pdf")), str(out / "briefing-huairou-science-city-page1")],
                       check=True)
        print("briefing-huairou-science-city-page1.png")


if __name__ == "__main__":
    main()
