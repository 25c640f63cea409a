"""The machine's description and the "## Scale" section of docs/benchmarks.md (other sections are kept)."""

from __future__ import annotations

import json
import os
import platform
import re
from pathlib import Path

HEADING = "## Scale"
GOALS = "goal: load ≥ 2× faster and ≤ 0.8× the memory of plain networkx; supporters ≥ 20× faster than an " \
        "in_edges scan; p50 growth 10k → 1M ≤ 2 for supporters and search"


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "ram_gb": ram_gb,
            "python": platform.python_version(), "platform": platform.platform(), "load_at_start": round(load, 2)}


def _mb(x: float) -> str:
    return f"{x:,.0f} MB"


def section(report: dict) -> str:
    m = report["machine"]
    lines = [HEADING, "",
             f"Measured by `benchmarks/bench_scale.py` ({report.get('date', 'date not recorded')}) on "
             f"{m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, "
             f"Python {m['python']}, {m['platform']}; load average {m['load_at_start']} at the start "
             "(the machine is shared: compare ratios within one run, not absolute times across runs). "
             "Synthetic data: `innograph synth`, seed "
             f"{report['seed']}, about 5 edges per node. Each load runs in a fresh process; peak RSS is the "
             "child's own `ru_maxrss`.", "", f"({GOALS}.)", "",
             "### Load: CSV pair on disk → queryable store", "",
             "Wall seconds (CPU seconds of the process in brackets; on a shared machine the CPU figure is the "
             "steadier one) and rows per wall second.", "",
             "| nodes | edges | networkx, gc on | networkx, gc off | memory store | speed-up vs gc on: wall (CPU) | "
             "vs gc off: wall (CPU) | peak RSS: nx / store | memory ratio |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in report["sizes"]:
        nx_on, nx_off, mem = s["nx"], s["nx-gc-off"], s["memory"]

        def cell(r: dict) -> str:
            return f"{r['seconds']:.1f} s ({r.get('cpu_s', 0):.1f}), {r['rows_per_s']:,}/s"

        def ratio(base: dict) -> str:
            cpu = f"{base['cpu_s'] / mem['cpu_s']:.2f}×" if mem.get("cpu_s") and base.get("cpu_s") else "–"
            return f"{base['seconds'] / mem['seconds']:.2f}× ({cpu})"

        lines.append(
            f"| {mem['nodes']:,} | {mem['edges']:,} | {cell(nx_on)} | {cell(nx_off)} | {cell(mem)} | "
            f"{ratio(nx_on)} | {ratio(nx_off)} | {_mb(nx_on['peak_rss_mb'])} / {_mb(mem['peak_rss_mb'])} | "
            f"{mem['peak_rss_mb'] / nx_on['peak_rss_mb']:.2f}× |")
    lines += ["", "### Snapshot", "", "| nodes | file | write | reopen | reopen peak RSS |", "|---:|---:|---:|---:|---:|"]
    for s in report["sizes"]:
        if "snapshot" in s:
            sn = s["snapshot"]
            lines.append(f"| {s['memory']['nodes']:,} | {sn['bytes'] / 1e6:,.0f} MB | {sn['write_s']:.2f} s | "
                         f"{sn['reopen_s']:.2f} s | {_mb(sn['reopen_peak_rss_mb'])} |")
    names = list(report["sizes"][0]["queries"]["latency"])
    lines += ["", "### Query latency (in process; p50 / p99, ms)", "",
              "| query | " + " | ".join(f"{s['memory']['nodes']:,} nodes" for s in report["sizes"]) +
              " | p50 growth, smallest → largest |",
              "|---|" + "---:|" * (len(report["sizes"]) + 1)]
    for name in names:
        cells = []
        for s in report["sizes"]:
            q = s["queries"]["latency"].get(name)
            cells.append(f"{q['p50_ms']:.3f} / {q['p99_ms']:.3f}" if q else "–")
        first, last = (report["sizes"][i]["queries"]["latency"].get(name) for i in (0, -1))
        growth = f"{last['p50_ms'] / first['p50_ms']:.1f}×" if first and last and first["p50_ms"] else "–"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    lines += ["", "Supporters of a zone vs the networkx `in_edges` scan on the same hub, same process:", ""]
    for s in report["sizes"]:
        lat = s["queries"]["latency"]
        if "networkx in_edges scan" in lat:
            ratio = lat["networkx in_edges scan"]["p50_ms"] / lat["supporters of a zone"]["p50_ms"]
            lines.append(f"- {s['memory']['nodes']:,} nodes: hub `{s['queries']['hub']}` (degree "
                         f"{s['queries']['hub_degree']:,}, {s['queries']['hub_direct_supporters']} direct "
                         f"supporters): {ratio:,.0f}× faster")
    lines += ["", "Queries: *supporters of a zone* = the SUPPORTS/INVESTS_IN/LED_BY edges of the busiest zone "
              "(`store.edges`, the primitive behind `supporters`); *supporters, first page of 100* = "
              "`GraphQueries.supporters_page(zone, limit=100)`, how the API and the CLI answer (in pages) "
              "(direct supporters and the supporters of every member, counted and ordered from edge keys, "
              "records read for the page only), measured cold (no rows kept from an earlier call); *supporters, "
              "next page (kept rows)* = the page after it, from the rows the memory store keeps per state of "
              "the graph; *supporters with members, all* = the whole list as records "
              "(its size grows with the zone: 219,584 rows at 1M); *neighbours depth 2* = "
              "`GraphQueries.neighbors(depth=2)` (cap 500 nodes) of 50 ordinary enterprises, each reaching its "
              "zone, fields and programs, which are hubs; *shortest path (ids)* = "
              "`store.shortest_node_paths(a, b, 4, 20)` (the first 20 in id order, as `paths` asks) between "
              "random enterprises, *paths with evidence* = "
              "`GraphQueries.paths` (the same, with nodes and edges); *search* = "
              "`store.search` for names a planner types (怀柔, 中关村, huairou, science city, 纳米能源); "
              "*search, broad key* = 科技, a word in one synthetic enterprise name of ten; *zone profile* = "
              "`GraphQueries.profile` of the busiest zone (lists capped at 500, with counts).", ""]
    return "\n".join(lines)


def write_json(report: dict, path: Path) -> None:
    """A benchmark's results as indented UTF-8 JSON (the folder made if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_markdown(report: dict, path: Path) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    new = section(report)
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: new + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
