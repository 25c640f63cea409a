"""The ask name lookup on a large graph: what a cold first question costs (session 18).

    python benchmarks/bench_ask_lookup.py              # memory 10k and 300k enterprises, Neo4j 10k and 100k (its own
                                                       # server; `make bench-ask-lookup`)
    python benchmarks/bench_ask_lookup.py --memory 10000 --neo4j '' --repeat 1

Why: every `innograph ask` finds the question's names with graph/ask/gazetteer.py. Until session 18 that
built, on a store's first question, a gazetteer of EVERY node's names, aliases and id (seconds at 15k nodes,
minutes at 450k): the CLI paid it on every call. This times, per size of `innograph synth` data (seed 1), a
question asked the way the CLI asks it: a new store opened lazily from the snapshot (`MemoryStore(path,
lazy=True)`), no gazetteer in the process, one `graph.ask.answer` call; CPU ms (`time.process_time`) beside
the wall ms, since the machine is shared. Beside it, in the same run and the same process, the naive
baseline: the whole gazetteer (`gazetteer.Gazetteer(list(store.iter_nodes()))`, what every question paid
before) built for the same new store and the same question answered with it.

The key table a large store's lookup reads (graph/ask/key_table.py) is built once per graph state and kept
beside the snapshot (Neo4j: in the cache dir); its build is timed apart ("key table build ms"): a question
after it never builds it. The whole gazetteer is built once per size and timed apart too; the baseline of a
question is that build plus the question's answer with it (on a new store), which is what every question
cost before. Neo4j (`--neo4j 10000 --neo4j-env FILE`): a server started with tools/neo4j/neo4jctl.py.
Results: benchmarks/results/ask-lookup.json; the table is printed as Markdown for docs/benchmarks.md
("Ask name lookup by index (session 18)").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_zone import ms  # noqa: E402
from benchmarks.bench_zone_answers import DATA_DIR, folder_of  # noqa: E402
from benchmarks.scale_report import machine, write_json  # noqa: E402

#: name -> (question, the query it must be read as)
QUESTIONS = {
    "zone supporters (zh)": ("哪些计划支持怀柔科学城？", "supporters"),
    "zone supporters (en)": ("Which programs support Huairou Science City?", "supporters"),
    "named program (zh)": ("科技冬奥专项包括哪些项目？", "parts"),
    "misspelt zone (zh)": ("怀柔科学成有哪些机构？", "members"),
    "zone members (en)": ("What is located in Future Science City?", "members"),
    "english alias": ("Who partners with Hebei?", "partners"),
    "district fields (zh)": ("中关村科学城聚焦哪些领域？", "fields"),
    "unknown name (zh)": ("量子引力研究院有哪些合作伙伴？", None),
}


ONLY: list[str] = []  #: --only: the questions whose name holds one of these
WHOLE = True  #: --no-whole: no baseline (the code before session 18, whose every question is the baseline)
REUSE = False  #: --reuse: ask the snapshot (and key table) a run before saved in --work (the same CSV)


def ask_cold(open_store, question: str, gaz=None):
    """One question on a new store (the CLI's way); with `gaz` (a whole gazetteer built before), that one."""
    from graph.ask import answer, gazetteer
    from graph.queries import GraphQueries

    store = open_store()
    try:
        if gaz is not None:
            gazetteer._CACHE[store] = (gaz, gazetteer._signature(store), time.monotonic())
        return answer(GraphQueries(store), question)
    finally:
        store.close()


def read_cold(open_store, question: str, gaz=None):
    """The question's reading alone (its names found: graph.ask.parser.parse) on a new store."""
    from graph.ask import gazetteer
    from graph.ask.parser import parse

    store = open_store()
    try:
        if gaz is not None:
            gazetteer._CACHE[store] = (gaz, gazetteer._signature(store), time.monotonic())
        return parse(question, gazetteer.gazetteer_for(store))
    finally:
        store.close()


def _table_current(open_store) -> bool:
    """Whether the store's key table is written for its present state (--reuse: no second build)."""
    from graph.ask import gazetteer, key_table

    store = open_store()
    try:
        signature = gazetteer._signature(store)
        path = gazetteer.key_table_path(store, signature)
        if path is None or not path.is_file():
            return False
        table = key_table.KeyTable(path)
        try:
            return table.meta.get("signature") == gazetteer._state(store, signature)
        finally:
            table.close()
    finally:
        store.close()


def run_questions(open_store, repeat: int) -> dict:
    """The key table's build (once), then each question cold by key; beside it, the whole gazetteer (built once
    here, timed apart: every question before session 18 paid it) and each question's answer with it."""
    from graph.ask import gazetteer

    out: dict = {}
    build = getattr(gazetteer, "build_key_table", None)
    if build is not None and not (REUSE and _table_current(open_store)):  # after session 18: the table once
        store = open_store()
        try:
            timed = ms(lambda: build(store))
        finally:
            store.close()
        out["key table build ms"] = {"ms": float(timed), "cpu ms": timed.cpu}
        print(f"    key table build {float(timed):10.1f} ms  cpu {timed.cpu:10.1f}", file=sys.stderr, flush=True)
    whole = None
    if WHOLE:
        store = open_store()
        kept: list = []
        try:
            timed = ms(lambda: kept.append(gazetteer.Gazetteer(list(store.iter_nodes()))))
        finally:
            store.close()
        whole = kept[0]
        out["whole gazetteer build ms"] = {"ms": float(timed), "cpu ms": timed.cpu}
        print(f"    whole gazetteer build {float(timed):10.1f} ms  cpu {timed.cpu:10.1f}", file=sys.stderr, flush=True)
    for name, (question, query) in QUESTIONS.items():
        if ONLY and not any(part in name for part in ONLY):
            continue
        kept = []
        timed = ms(lambda: kept.append(ask_cold(open_store, question)), repeat)
        got = kept[0]
        if query is not None:
            assert got.query == query, (question, got.query, got.status)
        read = ms(lambda: read_cold(open_store, question), repeat)
        row = {"question": question, "ms": float(timed), "cpu ms": timed.cpu, "status": got.status,
               "query": got.query, "count": got.count, "read ms": float(read), "read cpu ms": read.cpu}
        line = (f"    {name:28} {float(timed):10.1f} ms  cpu {timed.cpu:10.1f} (reading {read.cpu:8.1f})  "
                f"{got.status} {got.query}")
        if whole is not None:
            kept = []
            base = ms(lambda: kept.append(ask_cold(open_store, question, whole)), 1)
            build = out["whole gazetteer build ms"]
            base_read = ms(lambda: read_cold(open_store, question, whole), 1)
            row.update({"whole read ms": float(base_read) + build["ms"],
                        "whole read cpu ms": base_read.cpu + build["cpu ms"],
                        "whole ms": float(base) + build["ms"], "whole cpu ms": base.cpu + build["cpu ms"],
                        "same answer": kept[0].model_dump() == got.model_dump()})
            line += f"   whole {row['whole ms']:10.1f} ms  cpu {row['whole cpu ms']:10.1f}  same={row['same answer']}"
        out[name] = row
        print(line, file=sys.stderr, flush=True)
    return out


def task_memory(folder: Path, repeat: int, work: Path) -> dict:
    """Load the CSV and save the snapshot; each question on a new lazy open of it."""
    from graph.memory import MemoryStore
    from loaders.csv_loader import load_csv

    path = work / f"{folder.name}.snapshot"
    if not (REUSE and path.is_file()):
        for old in work.glob(f"{folder.name}.snapshot*"):
            old.unlink()
        store = MemoryStore(path)
        store.write(load_csv(folder / "nodes.csv", folder / "edges.csv").kept)
        store.save()
        store.close()
    store = MemoryStore(path, lazy=True)
    counts = store.counts()
    store.close()
    return {"nodes": counts.total_nodes, "edges": counts.total_edges,
            **run_questions(lambda: MemoryStore(path, lazy=True), repeat)}


def task_neo4j(sizes: list[int], data_dir: Path, repeat: int, env_file: Path | None, load: bool,
               work: Path) -> list[dict]:
    """Each size loaded into the running Neo4j of `env_file` (unless `load` is off: it holds the one size
    asked), or into a server of its own; each question on a new Neo4jStore (a new driver: a CLI call's)."""
    from contextlib import nullcontext

    from benchmarks.bench_neo4j import neo4j_server

    os.environ["INNOGRAPH_CACHE_DIR"] = str(work / "cache")
    if env_file is not None:
        env = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
        server = nullcontext((env, None))
    else:
        server = neo4j_server(work / "neo4j", "2g", "1g")
    with server as (env, _pid):
        return _neo4j_sizes(env, sizes, data_dir, repeat, load)


def _neo4j_sizes(env: dict, sizes: list[int], data_dir: Path, repeat: int, load: bool) -> list[dict]:
    from benchmarks.bench_neo4j import open_store, replace_with_pair

    out = []
    for size in sizes:
        folder = folder_of(size, data_dir)
        print(f"neo4j {size:,} enterprises", flush=True)
        if load:
            replace_with_pair(env, folder, 3600.0)
        with open_store(env, 600.0) as store:
            counts = store.counts()
        out.append({"enterprises": size, "backend": "neo4j", "nodes": counts.total_nodes,
                    "edges": counts.total_edges, "load_at_start": round(os.getloadavg()[0], 2),
                    **run_questions(lambda: open_store(env, 600.0), repeat)})
    return out


def _child(folder: Path, repeat: int, work: Path) -> dict:
    import subprocess

    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--csv", str(folder),
                           "--repeat", str(repeat), "--work", str(work),
                           "--only", ",".join(ONLY), *(["--no-whole"] if not WHOLE else []),
                           *(["--reuse"] if REUSE else [])], capture_output=True, text=True, cwd=ROOT)
    sys.stderr.write(proc.stderr[-4000:])
    if proc.returncode:
        raise RuntimeError("memory task failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def markdown(report: dict) -> str:
    """Per question: CPU ms (wall ms) at each size, growth first -> last size, the whole gazetteer's beside it."""
    runs = report["runs"]
    head = ["question", "backend", "sizes (enterprises)", "by index CPU ms (wall ms)", "growth (CPU)",
            "reading names by index CPU ms", "whole gazetteer CPU ms (wall ms)", "whole growth (CPU)", "same answer"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in QUESTIONS:
        for backend in dict.fromkeys(r["backend"] for r in runs):
            got = [(r, r[name]) for r in runs if r["backend"] == backend and name in r]
            if not got:
                continue
            cells = " / ".join(f"{g['cpu ms']:,.1f} ({g['ms']:,.0f})" for _, g in got)
            whole = " / ".join(f"{g['whole cpu ms']:,.1f} ({g['whole ms']:,.0f})" for _, g in got if "whole ms" in g)
            growth = f"{got[-1][1]['cpu ms'] / max(got[0][1]['cpu ms'], 0.001):.1f}×" if len(got) > 1 else ""
            wgrowth = (f"{got[-1][1]['whole cpu ms'] / max(got[0][1]['whole cpu ms'], 0.001):.1f}×"
                       if len(got) > 1 and all("whole ms" in g for _, g in got) else "")
            sizes = " / ".join(f"{r['enterprises'] // 1000}k" for r, _ in got)
            same = "-" if not all("same answer" in g for _, g in got) else \
                "yes" if all(g["same answer"] for _, g in got) else "NO"
            reading = " / ".join(f"{g['read cpu ms']:,.1f}" for _, g in got if "read cpu ms" in g)
            lines.append(f"| {got[0][1]['question']} | {backend} | {sizes} | {cells} | {growth} | {reading} | "
                         f"{whole} | {wgrowth} | {same} |")
    for build in ("key table build ms", "whole gazetteer build ms"):
        for backend in dict.fromkeys(r["backend"] for r in runs):
            got = [(r, r[build]) for r in runs if r["backend"] == backend and build in r]
            if got:
                cells = " / ".join(f"{g['cpu ms']:,.1f} ({g['ms']:,.0f})" for _, g in got)
                growth = f"{got[-1][1]['cpu ms'] / max(got[0][1]['cpu ms'], 0.001):.1f}×" if len(got) > 1 else ""
                sizes = " / ".join(f"{r['enterprises'] // 1000}k" for r, _ in got)
                lines.append(f"| ({build[:-3]}, once) | {backend} | {sizes} | {cells} | {growth} |  |  |  |  |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--memory", default="10000,300000", help="enterprises per memory run")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "innograph-ask-lookup")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "ask-lookup.json")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", help="comma-separated parts of question names: ask only those")
    parser.add_argument("--reuse", action="store_true", help="ask the snapshot a run before saved in --work")
    parser.add_argument("--no-whole", action="store_true", help="no whole-gazetteer baseline beside each question")
    parser.add_argument("--neo4j", default="10000,100000", help="enterprises per Neo4j run ('' for none)")
    parser.add_argument("--neo4j-env", type=Path, help="a running Neo4j's env file (neo4jctl.py up --env-file)")
    parser.add_argument("--no-load", action="store_true", help="with --neo4j-env: ask the graph it already holds")
    parser.add_argument("--report-only", action="store_true", help="print the table of --json")
    args = parser.parse_args(argv)
    global WHOLE, REUSE
    WHOLE, REUSE = not args.no_whole, args.reuse
    ONLY[:] = [part for part in (args.only or "").split(",") if part]
    if args.report_only:
        print(markdown(json.loads(args.json.read_text(encoding="utf-8"))))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(task_memory(args.csv, args.repeat, args.work)))
        return 0
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": []}
    for size in (int(s) for s in args.memory.split(",") if s):
        folder = folder_of(size, args.data)
        print(f"memory {size:,} enterprises", flush=True)
        report["runs"].append({"enterprises": size, "backend": "memory", "load_at_start": round(os.getloadavg()[0], 2),
                               **_child(folder, args.repeat, args.work)})
        write_json(report, args.json)
    neo = [int(x) for x in args.neo4j.split(",") if x]
    if neo:
        report["runs"] += task_neo4j(neo, args.data, args.repeat, args.neo4j_env, not args.no_load, args.work)
        write_json(report, args.json)
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
