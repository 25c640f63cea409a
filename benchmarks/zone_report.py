"""The "## Zone index" section of docs/benchmarks.md, from bench_zone.py's (and bench_zone_http.py's) JSON."""

from __future__ import annotations

import re
from pathlib import Path

HEADING = "## Zone index"
ROWS = ("cold first page", "page after reopening", "page after one write", "page at offset", "page by cursor",
        "count", "typed page", "profile")


def _f(x) -> str:
    return "–" if x is None else f"{x:,.1f}" if x >= 10 else f"{x:.2f}"


def section(report: dict, http: dict | None = None) -> str:
    sizes = report["sizes"]
    m = report["machine"]
    cpu = int(bool(sizes) and all("index_cpu" in s for s in sizes))
    lines = [HEADING, "",
             f"Measured by `benchmarks/bench_zone.py` ({report['date']}) on {m.get('cores', '?')} cores, "
             f"Python {m.get('python', '?')}; load average {m.get('load_at_start', '?')} at the start (a shared machine: "
             "compare within a row). Busiest zone of `innograph synth` data (seed 1); milliseconds, best of "
             "a few cold calls. *index*: the zone rollup index (graph/memory/zone_index.py); *before*: the "
             "same query layer over the same store without the index, nothing kept (the code before issue 16, "
             "what every CLI call paid); *networkx*: a plain MultiDiGraph answering the same question (collect "
             "the zone's and its members' support edges, sort by the answer order, slice rows, not grouped). "
             "Page = 100 supporters (each once with its paths; networkx: 100 rows); "
             "offset = 100,000 or, in a smaller zone, 90 % into its supporters (bench_zone.far_offset); typed = Fund."
             + (" The store's process calls `gc.freeze()` after its load, the reopening and each write, as the server "
                "does (watch._settle); runs before 2026-12-04 20:45 did not." if sizes and sizes[0].get("gc") else "")
             + (" *index CPU ms*: the process CPU time of the same index calls, per size (best of the same calls), "
                "which a shared machine's load moves far less than the wall time." if cpu else ""), "",
             "| question | " + " | ".join(f"{s['nodes']:,} nodes: index / before / networkx" for s in sizes)
             + " | index growth | before growth |" + (" index CPU ms | index CPU growth |" if cpu else ""),
             "|---|" + "---:|" * (len(sizes) + 2 + 2 * cpu)]
    for row in ROWS:
        cells = []
        for s in sizes:
            nx = s["networkx"]["baseline"].get(row)
            cells.append(f"{_f(s['index'][row])} / {_f(s['before'][row])} / {_f(nx)}")
        first, last = sizes[0], sizes[-1]
        growth = [last[k][row] / first[k][row] if first[k][row] else None for k in ("index", "before")]
        if cpu:  # the same calls' CPU time: what the load moves least
            times = [s["index_cpu"][row] for s in sizes]
            growth.append(times[-1] / times[0] if times[0] else None)
            cells_cpu = " / ".join(_f(t) for t in times)
        lines.append(f"| {row} | " + " | ".join(cells) + " | " + " | ".join(
            "–" if g is None else f"{g:.1f}×" for g in growth[:2]) + " |"
            + (f" {cells_cpu} | " + ("–" if growth[2] is None else f"{growth[2]:.1f}×") + " |" if cpu else ""))
    lines += ["", "| | " + " | ".join(f"{s['nodes']:,} nodes" for s in sizes) + " |",
              "|---|" + "---:|" * len(sizes)]
    facts = [
        ("load average (1 min) at the size's start", lambda s: f"{s['load_at_start']:.1f}" if "load_at_start" in s else "?"),
        ("zone rows (paths) / distinct supporters",
         lambda s: f"{s['rows']:,} / " + (f"{s['supporters']:,}" if "supporters" in s else "?")),
        ("bulk load into the store, CPU s: without / with index",
         lambda s: f"{s['load_cpu_s']['without index']:.2f} / {s['load_cpu_s']['with index']:.2f} "
                   f"(+{100 * (s['load_cpu_s']['with index'] / s['load_cpu_s']['without index'] - 1):.0f} %)"),
        ("whole bulk load (CSV parse + store), CPU s: without / with index",
         lambda s: f"{s['parse_cpu_s'] + s['load_cpu_s']['without index']:.2f} / "
                   f"{s['parse_cpu_s'] + s['load_cpu_s']['with index']:.2f} (+{100 * (s['load_cpu_s']['with index'] - s['load_cpu_s']['without index']) / (s['parse_cpu_s'] + s['load_cpu_s']['without index']):.0f} %)"),
        ("one unrelated edge written, ms: without / with index",
         lambda s: f"{s['single edge write ms']['without index']:.2f} / {s['single edge write ms']['with index']:.2f}"),
        ("one support edge into a member of the zone, ms", lambda s: f"{s['support edge write ms']:.2f}"),
        ("snapshot: size (of which index)", lambda s: f"{s['snapshot']['bytes'] / 1e6:.1f} MB "
                                                      f"({s['snapshot']['index_bytes'] / 1e6:.2f} MB)"),
        ("snapshot reopen, s", lambda s: f"{s['snapshot']['reopen_s']:.2f}"),
        ("nodes keeping a rollup", lambda s: f"{s['rollups']:,}"),
        ("peak RSS store / networkx, MB", lambda s: f"{s['peak_rss_mb']:,} / {s['networkx']['peak_rss_mb']:,}"),
    ]
    for name, cell in facts:
        lines.append(f"| {name} | " + " | ".join(cell(s) for s in sizes) + " |")
    if http:
        lines += ["", http_section(http)]
    from benchmarks.reopen_report import cli_section  # the CLI's first-time cost (snapshot v4)

    cli = cli_section()
    if cli:
        lines += ["", cli]
    return "\n".join(lines) + "\n"


def http_section(http: dict) -> str:
    sizes = http["sizes"]
    cpu = all("cpu_ms" in s for s in sizes)
    rounds = http.get("rounds", 1)
    lines = [f"First-time requests (`benchmarks/bench_zone_http.py`, {http['date']}"
             + (f", load average {http['load_at_start']} at the start" if "load_at_start" in http else "")
             + "): a new server (or CLI process) for every request, so nothing kept serves it; median ms over "
             "the four zones, each without and with each type filter (supporters, limit=50), and the four zone "
             "profiles" + (f", every question asked {rounds} times" if rounds > 1 else "") + ". The HTTP figure "
             "is the request alone (the server has opened the snapshot before); the CLI figure is the whole "
             "process." + (" *wall* is the time the client waited (what the issue's check measures); *CPU* is "
             "the server's (all threads) or the CLI process's CPU time for it, which a shared machine's load "
             "does not stretch." if cpu else ""), "",
             "| | " + " | ".join(f"{s['enterprises']:,} enterprises ({s['nodes']:,} nodes)" + (": wall / CPU" if cpu else "")
                                 for s in sizes)
             + " | growth" + (" wall / CPU" if cpu else "") + " |", "|---|" + "---:|" * (len(sizes) + 1)]
    for key in ("http supporters", "http profile", "cli supporters", "cli profile"):
        vals = [s[key] for s in sizes]
        if cpu:
            cpus = [s["cpu_ms"][key] for s in sizes]
            lines.append(f"| {key} | " + " | ".join(f"{_f(v)} / {_f(c)}" for v, c in zip(vals, cpus))
                         + f" | {vals[-1] / vals[0]:.2f}× / {cpus[-1] / cpus[0]:.2f}× |")
        else:
            lines.append(f"| {key} | " + " | ".join(_f(v) for v in vals) + f" | {vals[-1] / vals[0]:.2f}× |")
    if all("load_at_end" in s for s in sizes):
        lines += ["", "Load average at the end of each size: "
                  + ", ".join(f"{s['enterprises']:,}: {s['load_at_end']}" for s in sizes) + "."]
    return "\n".join(lines)


def write_markdown(report: dict, path: Path, http: dict | None = None) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    new = section(report, http)
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: new + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
    path.write_text(text, encoding="utf-8")
