"""The "CLI" subsection of docs/benchmarks.md's "Zone index" section (zone_report.py adds it).

From benchmarks/results/: zone-http.json (bench_zone_http.py on the current code),
zone-http-before.json (the same script on the code before snapshot v4, same machine, right
after or before), and reopen.json (bench_reopen.py). Each file is optional.
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
KEYS = ("cli supporters", "cli profile", "http supporters", "http profile")


def _load(name: str) -> dict | None:
    path = RESULTS / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _load_note(report: dict) -> str:
    start, end = report.get("load_average_start"), report.get("load_average_end")
    if start is None:
        return ""
    first = start[0] if isinstance(start, list) else start
    last = end[0] if isinstance(end, list) else end
    return f", load average {first:.1f} at the start and {last:.1f} at the end"


def cli_section() -> str:
    after, before, reopen = _load("zone-http.json"), _load("zone-http-before.json"), _load("reopen.json")
    if not (after and before) and not reopen:
        return ""
    lines = ["### The CLI's first-time cost (snapshot v4, opened lazily)", "",
             "Every `innograph` call used to read the whole snapshot before answering (version 3: text columns "
             "as JSON, a dict of every id, the name index). Version 4 is read lazily by the CLI: rows by offset, "
             "ids and names by bisect, a CRC per 8 KiB block checked on first read "
             "(docs/design/memory-store.md, \"Version 4\"), and `supporters`/`zone` import neither networkx nor "
             "numpy. What still grows with the graph in a lazy call: the edge and node columns that numpy code reads "
             "whole (ends, types, attribute indexes: 32 MB at 300k enterprises) are checked whole at crc32 speed "
             "when first used, and two lists of one pointer per node stand for the adjacency not yet unpacked; "
             "together tens of milliseconds at 300k enterprises."]
    if after and before:
        sizes = [s["enterprises"] for s in after["sizes"]]
        lines += ["", f"`benchmarks/bench_zone_http.py`, median ms, before ({before['date']}, code before v4, "
                  f"version-3 snapshots{_load_note(before)}) and after ({after['date']}{_load_note(after)}), "
                  "one after the other on the same shared 2-core machine:", "",
                  "| | " + " | ".join(f"{n:,} enterprises: before / after" for n in sizes)
                  + " | growth before | growth after |", "|---|" + "---:|" * (len(sizes) + 2)]
        for key in KEYS:
            b = [s[key] for s in before["sizes"]]
            a = [s[key] for s in after["sizes"]]
            lines.append(f"| {key} | " + " | ".join(f"{x:,.0f} / {y:,.0f}" for x, y in zip(b, a))
                         + f" | {b[-1] / b[0]:.2f}× | {a[-1] / a[0]:.2f}× |")
    rerun = _load("zone-http-rerun.json")
    if rerun:
        cells = "; ".join(f"{key} {rerun['sizes'][0][key]:,.0f} → {rerun['sizes'][-1][key]:,.0f} ms "
                          f"({rerun['sizes'][-1][key] / rerun['sizes'][0][key]:.2f}×)" for key in KEYS)
        lines += ["", f"Run again on the final code ({rerun['date']}, {rerun.get('code', '')}{_load_note(rerun)}), "
                  f"10k → 300k: {cells}. HTTP requests are answered from the server's eagerly opened state, "
                  "built as before; the same figures were 1.16× / 0.91× in the run above and 1.47× / 1.50× on the "
                  "code before: the spread is most likely this run's load, not measured apart."]
    if reopen:
        rows = reopen["sizes"]
        lines += ["", f"`benchmarks/bench_reopen.py` ({reopen['date']}{_load_note(reopen)}): the same graph saved "
                  "as version 3 and version 4, each measurement in a fresh process after its imports; median ms "
                  "(peak RSS MB). *eager open*: all read and checked (a server, a write); *lazy open + page*: "
                  "what one `innograph supporters ZONE --limit 50` does after its imports (the busiest zone).", "",
                  "| | " + " | ".join(f"{r['enterprises']:,} ({r['nodes']:,} nodes)" for r in rows) + " |",
                  "|---|" + "---:|" * len(rows),
                  "| snapshot size v3 → v4, MB | " + " | ".join(
                      f"{r['bytes']['3'] / 1e6:.1f} → {r['bytes']['4'] / 1e6:.1f}" for r in rows) + " |",
                  "| save v3 / v4, ms | " + " | ".join(
                      f"{r['save_ms']['3']:,.0f} / {r['save_ms']['4']:,.0f}" for r in rows) + " |"]
        for label in ("v3 eager open", "v4 eager open", "v3 open + page", "v4 lazy open", "v4 lazy open + page",
                      "v4 lazy open + profile"):
            lines.append(f"| {label} | " + " | ".join(
                f"{r[label]['ms']:,.1f} ({r[label]['rss_mb']})" for r in rows) + " |")
        if reopen.get("note"):
            lines += ["", reopen["note"]]
    return "\n".join(lines)
