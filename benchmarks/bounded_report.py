"""The Markdown of benchmarks/bench_bounded.py: one table per backend, p50 in ms, growth smallest -> largest."""

from __future__ import annotations

from pathlib import Path

QUESTIONS = ("search, broad key", "neighbours depth 2", "shortest paths")


def _cell(entry: dict, kind: str) -> str:
    q = entry.get(kind)
    return "–" if q is None else f"{q['p50_ms']:,.2f}"


def _growth(sizes: list[dict], question: str, kind: str) -> str:
    first, last = sizes[0][question].get(kind), sizes[-1][question].get(kind)
    if not first or not last or len(sizes) < 2:
        return "–"
    return f"{last['p50_ms'] / max(first['p50_ms'], 1e-6):.1f}×"


def table(runs: dict, kinds: tuple[str, ...]) -> list[str]:
    sizes = sorted(runs, key=int)
    rows = [runs[s] for s in sizes]
    head = " | ".join(f"{int(runs[s]['nodes']):,} nodes: {' / '.join(kinds)}" for s in sizes)
    lines = [f"| question | {head} | growth now | growth before |",
             "|---|" + "---:|" * (len(sizes) + 2)]
    for question in QUESTIONS:
        cells = " | ".join(" / ".join(_cell(r[question], k) for k in kinds) for r in rows)
        lines.append(f"| {question} | {cells} | {_growth(rows, question, 'now')} | {_growth(rows, question, 'before')} |")
    if all("index build" in r["search, broad key"] for r in rows):
        cells = " | ".join(_cell(r["search, broad key"], "index build") for r in rows)
        lines.append(f"| search index build (saved in the snapshot; else in a background thread after the first "
                     f"broad search, answered as before meanwhile) | {cells} | "
                     f"{_growth(rows, 'search, broad key', 'index build')} | |")
    if all("now, answered" in r["shortest paths"] for r in rows):
        cells = " | ".join(f"{_cell(r['shortest paths'], 'now, answered')} / {_cell(r['shortest paths'], 'before, same pairs')}"
                           for r in rows)
        lines.append(f"| shortest paths, answered pairs only: now / before | {cells} | "
                     f"{_growth(rows, 'shortest paths', 'now, answered')} | {_growth(rows, 'shortest paths', 'before, same pairs')} |")
    if all("text index" in r["search, broad key"] for r in rows):
        cells = " | ".join(_cell(r["search, broad key"], "text index") for r in rows)
        lines.append(f"| search, broad key, by the text index (prefixes first: session 5) | {cells} | "
                     f"{_growth(rows, 'search, broad key', 'text index')} | |")
    lines.append("| neighbours: omitted given as a lower bound | "
                 + " | ".join(f"{r['neighbours depth 2']['omitted_lower_bound']} of {r['neighbours depth 2']['asked']}"
                              for r in rows) + " | | |")
    lines.append("| paths: declined (a hub beyond reach of the bound) | "
                 + " | ".join(f"{r['shortest paths']['declined']} of {r['shortest paths']['asked']}" for r in rows)
                 + " | | |")
    lines.append("| load average at the start | " + " | ".join(f"{r['load_average']:.2f}" for r in rows) + " | | |")
    return lines


def keys_table(runs: dict) -> list[str]:
    """Neo4j pages of 20 per key (bench_search_keys.py's keys): search blocks / text index, p50 ms."""
    sizes = [s for s in sorted(runs, key=int) if "search keys" in runs[s]]
    if not sizes:
        return []
    lines = ["Neo4j search pages by key (page of 20, p50 ms): search blocks (graph/neo4j/search_blocks.py) / "
             "the text index (session 5's statements), same run, answers checked equal:", "",
             "| key | " + " | ".join(f"{int(runs[s]['nodes']):,} nodes" for s in sizes) + " | growth blocks | growth text |",
             "|---|" + "---:|" * (len(sizes) + 2)]
    for key in runs[sizes[0]]["search keys"]:
        got = [runs[s]["search keys"][key] for s in sizes]
        grow = [f"{got[-1][k] / max(got[0][k], 1e-6):.1f}×" if len(got) > 1 else "–" for k in ("now", "text index")]
        lines.append(f"| {key} | " + " | ".join(f"{g['now']:,.1f} / {g['text index']:,.1f}" for g in got)
                     + f" | {grow[0]} | {grow[1]} |")
    older = [f"{int(runs[s]['nodes']):,}" for s in sorted(runs, key=int) if "search keys" not in runs[s]]
    if older:
        lines += ["", f"The Neo4j columns of {', '.join(older)} nodes above were measured before the search blocks (an "
                  "earlier run, no per-key pages): the growth columns of the table above compare two runs."]
    return lines + [""]


def section(report: dict, heading: str) -> str:
    m = report.get("machine", {})
    lines = [heading, "",
             f"Measured by `benchmarks/bench_bounded.py` ({report.get('date')}) on {m.get('cores', '?')} cores, {m.get('ram_gb', '?')} GB RAM, "
             f"Python {m.get('python', '?')}; a shared machine (compare within a row; the load average of each "
             "size is in the last row). p50 in ms. *now*: the bounded code (graph/memory/name_grams.py, "
             "graph/bounded_walk.py, graph/bounded_paths.py); *before*: the same store answering as before "
             "(every hit ranked; every edge of a level read; paths through hubs read), in the same process; "
             "*networkx*: a plain MultiDiGraph answering the same question. Every *now* answer was checked "
             "equal to *before* (search page, neighbour nodes and edges, paths where not declined).", ""]
    if report.get("memory"):
        lines += ["Memory store:", "", *table(report["memory"], ("now", "before", "networkx")), ""]
    if report.get("neo4j"):
        lines += ["Neo4j (loopback server of its own, the same questions over Bolt):", "",
                  *table(report["neo4j"], ("now", "before")), "", *keys_table(report["neo4j"])]
    return "\n".join(lines)


def write_markdown(report: dict, path: Path, heading: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    body = section(report, heading)
    if heading in text:
        start = text.index(heading)
        nxt = text.find("\n## ", start + len(heading))
        text = text[:start] + body + ("\n" + text[nxt + 1:] if nxt >= 0 else "\n")
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")
