"""The ask name lookup on a large graph: what a cold first question costs (session 18).

    python benchmarks/bench_ask_lookup.py                        # memory 10k and 300k enterprises (`make bench-ask-lookup`)
    python benchmarks/bench_ask_lookup.py --memory 10000 --repeat 1

Why: every `innograph ask` finds the question's names with graph/ask/gazetteer.py. Until session 18 that
built, on a store's first question, a gazetteer of EVERY node's names, aliases and id (seconds at 15k nodes,
minutes at 450k): the CLI paid it on every call. This times, per size of `innograph synth` data (seed 1), a
question asked the way the CLI asks it: a new store opened lazily from the snapshot (`MemoryStore(path,
lazy=True)`), no gazetteer in the process, one `graph.ask.answer` call; CPU ms (`time.process_time`) beside
the wall ms, since the machine is shared. Beside it, in the same run and the same process, the naive
baseline: the whole gazetteer (`gazetteer.Gazetteer(list(store.iter_nodes()))`, what every question paid
before) built for the same new store and the same question answered with it.

The key table a large store's lookup reads (graph/ask/key_table.py) is built once per graph state and kept
beside the snapshot; its build is timed apart ("key table build ms"): a question after it never builds it.
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


def ask_cold(path: Path, question: str, whole: bool):
    """One question on a new lazily opened store (the CLI's way); `whole`: with the whole gazetteer first."""
    from graph.ask import answer, gazetteer
    from graph.memory import MemoryStore
    from graph.queries import GraphQueries

    store = MemoryStore(path, lazy=True)
    try:
        if whole:
            gaz = gazetteer.Gazetteer(list(store.iter_nodes()))
            gazetteer._CACHE[store] = (gaz, gazetteer._signature(store), time.monotonic())
        return answer(GraphQueries(store), question)
    finally:
        store.close()


def task_memory(folder: Path, repeat: int, work: Path) -> dict:
    """Load the CSV, save the snapshot, then each question cold: the key table's way and the whole gazetteer's."""
    from graph.ask import gazetteer
    from graph.memory import MemoryStore
    from loaders.csv_loader import load_csv

    path = work / f"{folder.name}.snapshot"
    for old in work.glob(f"{folder.name}.snapshot*"):
        old.unlink()
    store = MemoryStore(path)
    store.write(load_csv(folder / "nodes.csv", folder / "edges.csv").kept)
    store.save()
    counts = store.counts()
    store.close()
    out: dict = {"nodes": counts.total_nodes, "edges": counts.total_edges}
    build = getattr(gazetteer, "build_key_table", None)
    if build is not None:  # the code after session 18: the key table once, kept beside the snapshot
        out["key table build ms"] = _timed_build(path, build)
    for name, (question, query) in QUESTIONS.items():
        if ONLY and not any(part in name for part in ONLY):
            continue
        got = ask_cold(path, question, whole=False)
        if query is not None:
            assert got.query == query, (question, got.query, got.status)
        timed = ms(lambda: ask_cold(path, question, whole=False), repeat)
        if not WHOLE:
            print(f"    {name:28} {float(timed):10.1f} ms  cpu {timed.cpu:10.1f}  {got.status} {got.query}",
                  file=sys.stderr, flush=True)
            out[name] = {"question": question, "ms": float(timed), "cpu ms": timed.cpu, "status": got.status,
                         "query": got.query, "count": got.count}
            continue
        kept = []
        base = ms(lambda: kept.append(ask_cold(path, question, whole=True)), 1)
        same = kept[0].model_dump() == got.model_dump()
        out[name] = {"question": question, "ms": float(timed), "cpu ms": timed.cpu, "status": got.status,
                     "query": got.query, "count": got.count, "whole ms": float(base), "whole cpu ms": base.cpu,
                     "same answer": same}
        print(f"    {name:28} {float(timed):10.1f} ms  cpu {timed.cpu:10.1f}   whole {float(base):10.1f} ms  "
              f"cpu {base.cpu:10.1f}  {got.status} {got.query} same={same}", file=sys.stderr, flush=True)
    return out


def _timed_build(path: Path, build) -> dict:
    from graph.memory import MemoryStore

    store = MemoryStore(path, lazy=True)
    try:
        timed = ms(lambda: build(store))
    finally:
        store.close()
    return {"ms": float(timed), "cpu ms": timed.cpu}


def _child(folder: Path, repeat: int, work: Path) -> dict:
    import subprocess

    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--csv", str(folder),
                           "--repeat", str(repeat), "--work", str(work),
                           "--only", ",".join(ONLY), *(["--no-whole"] if not WHOLE else [])], capture_output=True, text=True, cwd=ROOT)
    sys.stderr.write(proc.stderr[-4000:])
    if proc.returncode:
        raise RuntimeError("memory task failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def markdown(report: dict) -> str:
    """Per question: CPU ms (wall ms) at each size, growth first -> last size, the whole gazetteer's beside it."""
    runs = report["runs"]
    head = ["question", "backend", "sizes (enterprises)", "by index CPU ms (wall ms)", "growth (CPU)",
            "whole gazetteer CPU ms (wall ms)", "whole growth (CPU)", "same answer"]
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
            lines.append(f"| {got[0][1]['question']} | {backend} | {sizes} | {cells} | {growth} | {whole} | "
                         f"{wgrowth} | {same} |")
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
    parser.add_argument("--no-whole", action="store_true", help="no whole-gazetteer baseline beside each question")
    parser.add_argument("--report-only", action="store_true", help="print the table of --json")
    args = parser.parse_args(argv)
    global WHOLE
    WHOLE = not args.no_whole
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
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
