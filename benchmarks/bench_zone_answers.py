"""Answers built on the zone index, asked through `graph.ask` (session 17): do they cost one page?

    python benchmarks/bench_zone_answers.py                          # memory 10k and 300k enterprises,
                                                                     # Neo4j 10k and 100k (`make bench-zone-answers`)
    python benchmarks/bench_zone_answers.py --memory 10000,300000,1000000 --neo4j ''

Why: a supporters page, a count and a zone profile cost O(page) on both backends (the zone index, issue 16),
but the ask answers built on them read a zone whole: "怀柔科学城有哪些独有的支持者" (graph/ask/own_supporters.py)
read every supporter of the zone and of each of its three peers, "怀柔科学城与未来科学城有什么区别" (compare.py)
every direct relation of both zones. This times, per size of `innograph synth` data (seed 1):

- *own supporters*: the question above for each of the four zones of 三城一区 (one question, four timings);
- *compare*: two pairs of zones (the two busiest, and Huairou beside Future Science City);

each the cold answer of `graph.ask.answer` (what `innograph ask` calls): on memory the answers kept by the
store are dropped before every call (`forget_answers`), Neo4j keeps none. The gazetteer (every name of the
graph, built once per store and kept) is built before the timings and timed apart: it is not the answer's
cost and no question here changes it. Beside it, in a child process of its own, the naive baseline: a plain
networkx MultiDiGraph of the same CSV answering the same questions (a zone's supporters = the support edges of
the zone and of every member; own = those of no peer; compare = both zones' direct relations by kind, as sets).
Milliseconds, best of `--repeat` cold calls, with the CPU milliseconds of the same call (a shared machine's
load moves the wall time far more). Results: benchmarks/results/zone-answers.json; the table is printed
as Markdown for docs/benchmarks.md ("Zone answers by page (session 17)").

Session 18 (`--set s18`, results in zone-answers-s18.json): the other zone answers that read a zone whole, on
Huairou Science City: its supporters (three types, and one), the supporters it shares with Future Science City,
the zones ranked by supporters ("哪个园区最受支持"), its institutions (members), and its story ("介绍一下…",
"Tell me about …"); the networkx baseline answers each whole beside it.
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
from benchmarks.scale_report import machine, write_json  # noqa: E402

ZONES = ("zone-zhongguancun-science-city", "zone-huairou-science-city", "zone-future-science-city",
         "zone-beijing-economic-technological-development-area")
PAIRS = (("zone-beijing-economic-technological-development-area", "zone-zhongguancun-science-city"),
         ("zone-huairou-science-city", "zone-future-science-city"))
ONLY: list[str] = []  #: --only: the questions whose name holds one of these (a slow code path at a large size)
DATA_DIR = Path(os.environ.get("INNOGRAPH_BENCH_DATA", tempfile.gettempdir())) / "innograph-bench"


def folder_of(enterprises: int, data_dir: Path) -> Path:
    from loaders.synth import generate

    folder = data_dir / f"synth-{enterprises}-seed1"
    if not (folder / "edges.csv").exists():
        generate(enterprises, 1, folder)
    return folder


HUAIROU, FUTURE = "zone-huairou-science-city", "zone-future-science-city"
SETS = ("s17", "s18")
ASKED: list[str] = ["s17"]  #: --set: which questions (s17: own supporters and compare; s18: the rest, session 18)


def questions(store) -> dict[str, tuple[str, str]]:
    """name -> (the question asked (Chinese: the forms the tests read), the query that must answer it)."""
    nodes = store.get_nodes(ZONES)
    out: dict[str, tuple[str, str]] = {}
    if "s17" in ASKED:
        out.update({f"own supporters {z}": (f"{nodes[z].name_zh}有哪些独有的支持者", "own_supporters") for z in ZONES})
        out.update({f"compare {a} / {b}": (f"{nodes[a].name_zh}与{nodes[b].name_zh}有什么区别？", "compare")
                    for a, b in PAIRS})
    if "s18" in ASKED:  # session 18: the other zone answers that read a zone whole
        h, f = nodes[HUAIROU].name_zh, nodes[FUTURE].name_zh
        out.update({f"supporters {HUAIROU}": (f"哪些机构和项目支持{h}？", "supporters"),
                    f"supporters policy {HUAIROU}": (f"哪些政策支持{h}？", "supporters"),
                    f"common supporters {HUAIROU} / {FUTURE}": (f"{h}和{f}共同的支持者有哪些？", "common_supporters"),
                    "most supported zones": ("哪个园区最受支持？", "most_supported"),
                    f"members {HUAIROU}": (f"{h}包括哪些机构？", "members"),
                    f"story {HUAIROU}": (f"介绍一下{h}", "about"),
                    f"story en {HUAIROU}": (f"Tell me about {nodes[HUAIROU].name_en}", "about")})
    return out


def ask_all(store, repeat: int, forget) -> dict:
    """Each question's cold answer through graph.ask: best wall and CPU ms, and what it answered."""
    from graph.ask import answer
    from graph.ask.gazetteer import gazetteer_for
    from graph.queries import GraphQueries

    out: dict = {"gazetteer ms": ms(lambda: gazetteer_for(store))}
    for name, (question, query) in questions(store).items():
        if ONLY and not any(part in name for part in ONLY):
            continue
        def cold():
            forget()
            return answer(GraphQueries(store), question)
        got = cold()
        assert got.query == query, (question, got.query, got.summary)
        timed = ms(cold, repeat)
        out[name] = {"ms": float(timed), "cpu ms": timed.cpu, "count": got.count, "rows": len(got.items),
                     "notes": got.notes[-2:]}
        print(f"    {name:80} {float(timed):10.1f} ms  cpu {timed.cpu:10.1f}  count {got.count}", flush=True)
    return out


def task_memory(folder: Path, repeat: int) -> dict:
    import gc

    from graph.memory import MemoryStore
    from loaders.csv_loader import load_csv

    store = MemoryStore()
    store.write(load_csv(folder / "nodes.csv", folder / "edges.csv").kept)
    gc.freeze()  # as the server after its load (graph/memory/watch._settle)
    counts = store.counts()
    return {"nodes": counts.total_nodes, "edges": counts.total_edges,
            "degrees": store.degrees(ZONES), **ask_all(store, repeat, store.forget_answers)}


def task_networkx(folder: Path, repeat: int) -> dict:
    """The same questions on a plain MultiDiGraph: supporters as sets, peers by PART_OF."""
    from benchmarks.scale_tasks import typed_networkx
    from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

    g = typed_networkx(folder)

    def supporters(z: str) -> set:
        found = set()
        for x in (z, *{u for u, _, k in g.in_edges(z, keys=True) if k in MEMBER_EDGES}):
            found |= {u for u, _, k in g.in_edges(x, keys=True) if k in SUPPORT_EDGES_IN}
            found |= {v for _, v, k in g.out_edges(x, keys=True) if k in SUPPORT_EDGES_OUT}
        return found - {z}

    def own(z: str) -> list:
        parents = {v for _, v, k in g.out_edges(z, keys=True) if k == "PART_OF"}
        peers = {u for p in parents for u, _, k in g.in_edges(p, keys=True) if k == "PART_OF"} - {z}
        shared = set().union(*(supporters(p) for p in peers))
        return sorted(supporters(z) - shared)

    def direct(z: str) -> dict:
        return {"supporters": {u for u, _, k in g.in_edges(z, keys=True) if k in SUPPORT_EDGES_IN},
                "members": {u for u, _, k in g.in_edges(z, keys=True) if k == "LOCATED_IN"},
                "fields": {v for _, v, k in g.out_edges(z, keys=True) if k == "FOCUSES_ON"},
                "indicators": {u for u, _, k in g.in_edges(z, keys=True) if k == "MEASURES"}}

    def compare(a: str, b: str) -> dict:
        da, db = direct(a), direct(b)
        return {k: (len(da[k]), len(db[k]), len(da[k] & db[k]), sorted(da[k] - db[k]), sorted(db[k] - da[k]))
                for k in da}

    out: dict = {}
    if "s18" in ASKED:
        out.update(networkx_s18(g, supporters, repeat))
    if "s17" not in ASKED:
        return out
    for z in ZONES:
        timed = ms(lambda: own(z), repeat)
        out[f"own supporters {z}"] = {"ms": float(timed), "cpu ms": timed.cpu, "count": len(own(z))}
    for a, b in PAIRS:
        timed = ms(lambda: compare(a, b), repeat)
        out[f"compare {a} / {b}"] = {"ms": float(timed), "cpu ms": timed.cpu}
    return out


def networkx_s18(g, supporters, repeat: int) -> dict:
    """Session 18's questions on the plain MultiDiGraph, each whole: supporters of three types and of one
    type, the supporters of both zones, every zone ranked by its supporters, a zone's institutions (its members
    and its member zones' members), and the story (every direct relation of the zone)."""
    from graph.schema import MEMBER_EDGES

    kind = g.nodes(data="type")

    def of_types(z: str, types: tuple) -> list:
        return sorted(s for s in supporters(z) if kind[s] in types)

    def ranked() -> list:
        zones = [n for n, t in kind if t == "Zone"]
        return sorted(((len(supporters(z)), z) for z in zones), reverse=True)

    def members(z: str) -> list:
        direct = {u for u, _, k in g.in_edges(z, keys=True) if k in MEMBER_EDGES}
        deep = {u for m in direct if kind[m] in ("Zone", "District", "Region")
                for u, _, k in g.in_edges(m, keys=True) if k in MEMBER_EDGES}
        return sorted(n for n in direct | deep if kind[n] == "Institution")

    def story(z: str) -> list:
        return sorted({u for u, _ in g.in_edges(z)} | {v for _, v in g.out_edges(z)})

    asked = {f"supporters {HUAIROU}": lambda: of_types(HUAIROU, ("Program", "Project", "Institution")),
             f"supporters policy {HUAIROU}": lambda: of_types(HUAIROU, ("Policy",)),
             f"common supporters {HUAIROU} / {FUTURE}": lambda: sorted(supporters(HUAIROU) & supporters(FUTURE)),
             "most supported zones": ranked,
             f"members {HUAIROU}": lambda: members(HUAIROU),
             f"story {HUAIROU}": lambda: story(HUAIROU),
             f"story en {HUAIROU}": lambda: story(HUAIROU)}
    out = {}
    for name, call in asked.items():
        timed = ms(call, repeat)
        out[name] = {"ms": float(timed), "cpu ms": timed.cpu, "count": len(call())}
    return out


def _child(task: str, folder: Path, repeat: int) -> dict:
    import subprocess

    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", task, "--csv", str(folder),
                           "--repeat", str(repeat), "--set", ",".join(ASKED)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"{task} failed:\n{proc.stderr[-3000:]}")
    sys.stderr.write(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def neo4j_sizes(sizes: list[int], data_dir: Path, repeat: int, instance: Path, env_file: Path | None = None,
                load: bool = True) -> list[dict]:
    """The questions on Neo4j per size: a server of its own, or the running one of `env_file` (KEY=value lines,
    as neo4jctl writes them), loaded with each size's graph unless `load` is off (it holds the one size asked)."""
    from contextlib import nullcontext

    from benchmarks.bench_neo4j import neo4j_server

    if env_file is not None:
        env = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
        server = nullcontext((env, None))
    else:
        server = neo4j_server(instance, "2g", "1g")
    out = []
    with server as (env, _pid):
        for size in sizes:
            out.append(neo4j_size(env, size, data_dir, repeat, load))
    return out


def neo4j_size(env: dict, size: int, data_dir: Path, repeat: int, load: bool) -> dict:
    from benchmarks.bench_neo4j import open_store, replace_with_pair

    folder = folder_of(size, data_dir)
    print(f"neo4j {size:,} enterprises", flush=True)
    if load:
        replace_with_pair(env, folder, 600.0)
    with open_store(env, 600.0) as store:  # a new store: what a CLI call or a new API worker has
        counts = store.counts()
        return {"enterprises": size, "backend": "neo4j", "nodes": counts.total_nodes, "edges": counts.total_edges,
                "load_at_start": round(os.getloadavg()[0], 2), **ask_all(store, repeat, lambda: None)}


QUESTION_HEADS = ("own", "compare", "supporters", "common", "most", "members", "story")


def markdown(report: dict, before: dict | None = None) -> str:
    """Per question and backend: the answer's CPU ms (wall ms) at each size, the growth from the first size to
    the last, and the networkx baseline's CPU ms beside it; with `before` (a run of the code before), its
    figures in the rows above."""
    runs = [("before", r) for r in (before or {}).get("runs", [])] + [("after" if before else "", r)
                                                                     for r in report["runs"]]
    names = [n for n in report["runs"][0] if n.startswith(QUESTION_HEADS)]
    groups: dict = {}
    for label, r in runs:
        groups.setdefault((r["backend"], label), []).append(r)
    head = ["question", "backend", "sizes (enterprises)", "answer CPU ms (wall ms)", "growth (CPU)",
            "networkx CPU ms", "networkx growth"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in names:
        short = name.replace("zone-", "").replace("beijing-economic-technological-development-area", "e-town")
        for (backend, label), rs in groups.items():
            rs = [r for r in rs if r.get(name)]
            got = [r[name] for r in rs]
            base = [r.get("networkx", {}).get(name) for r in rs]
            if not got:
                continue
            cells = " / ".join(f"{g['cpu ms']:,.1f} ({g['ms']:,.0f})" for g in got)
            growth = f"{got[-1]['cpu ms'] / max(got[0]['cpu ms'], 0.001):.1f}×" if len(got) > 1 else ""
            nx_cells = " / ".join(f"{b['cpu ms']:,.1f}" for b in base if b) or "-"
            nx_growth = (f"{base[-1]['cpu ms'] / max(base[0]['cpu ms'], 0.001):.1f}×"
                         if len(base) > 1 and all(base) else "")
            sizes = " / ".join(f"{r['enterprises'] // 1000}k" for r in rs)
            lines.append(f"| {short} (n={got[-1]['count']}) | {backend} {label} | {sizes} | {cells} | {growth} | "
                         f"{nx_cells} | {nx_growth} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--memory", default="10000,300000", help="enterprises per memory run")
    parser.add_argument("--neo4j", default="10000,100000", help="enterprises per Neo4j run ('' for none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--instance", type=Path, default=DATA_DIR / "neo4j-zone-answers")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "zone-answers.json")
    parser.add_argument("--child", choices=["memory", "networkx"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--neo4j-env", type=Path, help="a running Neo4j's env file: asked instead of starting one")
    parser.add_argument("--no-load", action="store_true", help="with --neo4j-env: ask the graph it already holds")
    parser.add_argument("--only", help="comma-separated parts of question names (e.g. huairou): ask only those")
    parser.add_argument("--set", default="s17", help="s17 (own supporters, compare), s18 (supporters, common "
                        "supporters, most supported, members, story) or both, comma-separated")
    parser.add_argument("--before", type=Path, help="a run of the code before (its JSON): beside this one's")
    parser.add_argument("--report-only", action="store_true", help="print the table of --json (and --before)")
    args = parser.parse_args(argv)
    ONLY[:] = [part for part in (args.only or "").split(",") if part]
    ASKED[:] = [part for part in args.set.split(",") if part in SETS] or ["s17"]
    if args.report_only:
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
        print(markdown(json.loads(args.json.read_text(encoding="utf-8")), before))
        return 0
    if args.child:
        task = task_memory if args.child == "memory" else task_networkx
        print(json.dumps(task(args.csv, args.repeat)))
        return 0
    args.data.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": []}
    for size in (int(s) for s in args.memory.split(",") if s):
        folder = folder_of(size, args.data)
        print(f"memory {size:,} enterprises", flush=True)
        result = {"enterprises": size, "backend": "memory", "load_at_start": round(os.getloadavg()[0], 2),
                  **_child("memory", folder, args.repeat)}
        result["networkx"] = _child("networkx", folder, args.repeat)
        report["runs"].append(result)
        write_json(report, args.json)
    neo = [int(s) for s in args.neo4j.split(",") if s]
    if neo:
        report["runs"] += neo4j_sizes(neo, args.data, args.repeat, args.instance, args.neo4j_env, not args.no_load)
        write_json(report, args.json)
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
