"""Network pages: generation time and time until usable in headless Chromium, beside pyvis's defaults.

    .venv/bin/python benchmarks/bench_viz.py [--sizes 100,1000,5000] [--edges-per-node 5] [--timeout 180]

For each generated subgraph (tests/browser/graphs.py: n nodes, 5n edges, one evidence
sentence per edge) it measures

* innograph's page (viz/pages): Python generation time with a cold layout cache, page size,
  nodes drawn (the page caps at settings.page_node_cap), and the time from navigation start
  until the network is drawn and usable (the page's own `ready` mark: physics stable and off,
  or at once for precomputed layouts);
* pyvis 0.3.2 with its default settings on the same graph (Network(directed=True,
  cdn_resources="in_line"): barnesHut physics, 1000 stabilization iterations, dynamic smooth
  edges), its CDN bootstrap tags stripped so that it loads offline: generation time and the time
  until vis-network reports stabilization done (its page shows nothing but a loading bar before).

With `--snapshot FILE` (a memory-store snapshot, e.g. of `innograph synth` at 1M nodes) it
also measures what `/view?center=<busiest zone>&depth=D` does on that graph: the walk
(`GraphQueries.subgraph`, up to 5,000 nodes), the page through the cap, and Chromium.

Chromium is Debian's, headless, denied the network (tests/browser/cdp_browser.py). Prints a
Markdown table and writes benchmarks/results/viz.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.results import Subgraph  # noqa: E402
from graph.settings import Settings  # noqa: E402
from tests.browser.cdp_browser import Browser, CDPError, find_chromium  # noqa: E402
from tests.browser.graphs import generated_subgraph  # noqa: E402
from viz import layout  # noqa: E402
from viz.pages import network_page  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "viz.json"
PYVIS_PROBE = """<script>
(function () {
  window.__bench = {stable: null};
  function done() { if (window.__bench.stable === null) { window.__bench.stable = performance.now(); } }
  network.once("stabilizationIterationsDone", function () { network.once("afterDrawing", done); });
  network.once("stabilized", function () { network.once("afterDrawing", done); });
})();
</script>
</body>"""


def ours(sub: Subgraph, settings: Settings, repeats: int) -> tuple[str, float]:
    """The page and its generation time (median of `repeats`, each with a cold layout cache)."""
    times = []
    for _ in range(repeats):
        layout.clear_cache()
        started = time.perf_counter()
        html = network_page(sub, depth=2, settings=settings)
        times.append(time.perf_counter() - started)
    return html, statistics.median(times)


def pyvis_default(sub: Subgraph) -> tuple[str, float]:
    """pyvis's defaults, as a user would write it, made loadable offline (bootstrap removed)."""
    from pyvis.network import Network

    started = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    for node in sub.nodes:
        net.add_node(node.id, label=node.name_zh, title=node.name_en, group=node.type)
    for edge in sub.edges:
        net.add_edge(edge.source, edge.target, title=edge.type)
    html = net.generate_html()
    elapsed = time.perf_counter() - started
    html = re.sub(r"<link[^>]*bootstrap[^>]*/>|<script[^>]*bootstrap[^>]*></script>", "", html, flags=re.S)
    return html.replace("</body>", PYVIS_PROBE, 1), elapsed


def usable_ms(browser: Browser, path: Path, expression: str, timeout: float) -> float | None:
    """Milliseconds from navigation start until `expression` (which returns them) is truthy."""
    page = browser.open(path.as_uri(), timeout=timeout)
    try:
        return float(page.wait_for(expression, timeout=timeout, interval=0.05))
    except CDPError:
        return None
    finally:
        page.drain()
        if page.errors:
            print(f"  console errors on {path.name}: {page.errors[:3]}", file=sys.stderr)
        page.close()


def ours_in_browser(browser: Browser, path: Path, timeout: float, repeats: int) -> dict:
    """The page's own marks, median of `repeats` loads: script start, data set, usable."""
    runs = []
    for _ in range(repeats):
        page = browser.open(path.as_uri(), timeout=timeout)
        try:
            page.wait_for("window.innograph && innograph.state.ready", timeout=timeout, interval=0.05)
            runs.append(page.evaluate("[innograph.state.scriptMs, innograph.state.dataMs, innograph.state.readyMs]"))
        except CDPError:
            runs.append([None, None, None])
        finally:
            page.drain()
            if page.errors:
                print(f"  console errors on {path.name}: {page.errors[:3]}", file=sys.stderr)
            page.close()
    marks = [statistics.median(v) if None not in v else None for v in zip(*runs)]
    return {"script_ms": _round(marks[0]), "data_ms": _round(marks[1]), "usable_ms": _round(marks[2])}


def run(sizes: list[int], per_node: int, timeout: float, repeats: int) -> list[dict]:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Browser(loopback=False, width=1280, height=800) as browser:
        for n in sizes:
            sub = generated_subgraph(n, n * per_node, seed=1)
            html, gen = ours(sub, settings, repeats)
            page = Path(tmp) / f"ours-{n}.html"
            page.write_text(html, encoding="utf-8")
            drawn = html.count('"group":')
            marks = ours_in_browser(browser, page, timeout, repeats)
            print(f"innograph {n}: generated in {gen:.2f} s, {marks}", file=sys.stderr)
            base_html, base_gen = pyvis_default(sub)
            base = Path(tmp) / f"pyvis-{n}.html"
            base.write_text(base_html, encoding="utf-8")
            stable = usable_ms(browser, base, "window.__bench && window.__bench.stable", timeout)
            print(f"pyvis     {n}: generated in {base_gen:.2f} s, stable after {stable} ms", file=sys.stderr)
            rows.append({
                "nodes": n, "edges": len(sub.edges),
                "innograph": {"generate_s": round(gen, 3), "html_kb": len(html.encode()) // 1024,
                              "nodes_drawn": drawn, **marks,
                              "physics": min(n, settings.page_node_cap) <= settings.page_physics_threshold},
                "pyvis_default": {"generate_s": round(base_gen, 3), "html_kb": len(base_html.encode()) // 1024,
                                  "nodes_drawn": n, "stable_ms": _round(stable)},
            })
    return rows


def zone_pages(snapshot: Path, depths: list[int], timeout: float, repeats: int) -> list[dict]:
    """/view of the busiest zone of a stored graph: walk, page through the cap, Chromium."""
    from benchmarks.scale_tasks import picks
    from graph import limits
    from graph.memory import MemoryStore
    from graph.queries import GraphQueries

    started = time.perf_counter()
    store = MemoryStore(snapshot)
    opened = time.perf_counter() - started
    queries, settings = GraphQueries(store), Settings(data_dir=Path(tempfile.mkdtemp()))
    hub = picks(store)["hub"]
    counts = store.counts()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Browser(loopback=False, width=1280, height=800) as browser:
        for depth in depths:
            walks, pages = [], []
            for _ in range(repeats):
                began = time.perf_counter()
                sub = queries.subgraph(hub, depth, (), (), limits.MAX_SUBGRAPH_NODES)
                walks.append(time.perf_counter() - began)
                layout.clear_cache()
                began = time.perf_counter()
                html = network_page(sub, store.documents(), depth=depth, settings=settings)
                pages.append(time.perf_counter() - began)
            path = Path(tmp) / f"zone-{depth}.html"
            path.write_text(html, encoding="utf-8")
            marks = ours_in_browser(browser, path, timeout, repeats)
            rows.append({"graph_nodes": counts.total_nodes, "graph_edges": counts.total_edges,
                         "snapshot_open_s": round(opened, 2), "zone": hub, "depth": depth,
                         "walk_s": round(statistics.median(walks), 3), "subgraph_nodes": len(sub.nodes),
                         "omitted": sub.omitted, "generate_s": round(statistics.median(pages), 3),
                         "html_kb": len(html.encode()) // 1024, "nodes_drawn": html.count('"group":'), **marks})
            print(f"zone {hub} depth {depth}: {rows[-1]}", file=sys.stderr)
    return rows


def zone_table(rows: list[dict], timeout: float) -> str:
    lines = ["| graph | centre, depth | walk (5,000 cap) | reached / left out | page | size | drawn "
             "| usable in Chromium |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        usable = f">{timeout:.0f} s" if r["usable_ms"] is None else f"{r['usable_ms'] / 1000:.2f} s"
        lines.append(f"| {r['graph_nodes']:,} nodes / {r['graph_edges']:,} edges | `{r['zone']}`, {r['depth']} "
                     f"| {r['walk_s']:.2f} s | {r['subgraph_nodes']:,} / {r['omitted']:,} | {r['generate_s']:.2f} s "
                     f"| {r['html_kb']:,} KB | {r['nodes_drawn']:,} | {usable} |")
    return "\n".join(lines)


def _round(ms: float | None) -> float | None:
    return None if ms is None else round(ms)


def table(rows: list[dict], timeout: float) -> str:
    def ms(v):
        return f">{timeout:.0f} s" if v is None else f"{v / 1000:.2f} s"

    lines = ["| nodes / edges | innograph: generate | size | drawn | script starts | usable in Chromium "
             "| pyvis defaults: generate | size | stable in Chromium |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        o, p = r["innograph"], r["pyvis_default"]
        mode = "physics" if o["physics"] else "precomputed"
        lines.append(f"| {r['nodes']:,} / {r['edges']:,} | {o['generate_s']:.2f} s | {o['html_kb']:,} KB "
                     f"| {o['nodes_drawn']:,} | {ms(o['script_ms'])} | {ms(o['usable_ms'])} ({mode}) "
                     f"| {p['generate_s']:.2f} s | {p['html_kb']:,} KB | {ms(p['stable_ms'])} |")
    return "\n".join(lines)


def machine() -> dict:
    chromium = find_chromium()
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "chromium": version, "load_average_after": [round(v, 2) for v in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="node counts, comma-separated")
    parser.add_argument("--edges-per-node", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for a page")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each innograph measure (median)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--snapshot", type=Path, help="also page the busiest zone of this stored graph")
    parser.add_argument("--zone-depths", default="1,2", help="depths of the zone pages (with --snapshot)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = run(sizes, args.edges_per_node, args.timeout, max(args.repeats, 1)) if sizes else []
    print(table(rows, args.timeout))
    report = {"machine": machine(), "timeout_s": args.timeout, "rows": rows}
    if args.snapshot:
        depths = [int(d) for d in args.zone_depths.split(",") if d.strip()]
        report["zone_pages"] = zone_pages(args.snapshot, depths, args.timeout, max(args.repeats, 1))
        print(zone_table(report["zone_pages"], args.timeout))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
