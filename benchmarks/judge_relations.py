"""Relations offered on reports the rules were not written on, judged by hand (data/eval/relations).

    .venv/bin/python benchmarks/judge_relations.py dump <report.txt>...   # write / refresh <slug>.judged.yaml
    .venv/bin/python benchmarks/judge_relations.py score [--json] [--dir D]  # counts of the judged files
    .venv/bin/python benchmarks/judge_relations.py tsv dev dev2 … dev11 | sort > now.tsv  # every relation offered

Nobody had counted how many relations `extract` offers on other reports are wrong: the seed's
P/R (eval_extract.py) is measured on the one report the relation rules grew on. A judged file
lists every relation offered on one report (cold, as the CLI gives on an empty graph) with the
sentence it rests on and a verdict a person wrote: right (the sentence says it) or wrong (it does
not), and why.

`dump` on a file already judged keeps every verdict: a relation still offered gets its present
confidence as `now`, one no longer offered gets `now: null` (its `conf` stays the first
extraction's), and a relation offered for the first time is appended with `verdict: null` and
`new: true`, to be judged. So the file holds the before and the after of each relation.
`score` counts offered / right / wrong / unjudged before and now, by type and by confidence band.
`--dir data/eval/relations/fresh` holds documents judged once, after session 16's fixes, that the fixes were
not drawn from (their before and now are the same).
`tsv` prints every relation offered on every document of the splits named (never test or holdout), one a
line without its confidence: run it on two checkouts (`git archive <commit> | tar -x -C dir`) and `diff`
the two to see every relation a change adds or removes, judged or not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from loaders.report_loader import extract_report  # noqa: E402

JUDGED = ROOT / "data" / "eval" / "relations"
BANDS = ((0.5, ">=0.5"), (0.0, "<0.5"))


def offered(path: Path) -> list[dict]:
    """Every relation the extractor offers on `path` (cold), with the names of its ends and its sentence."""
    extraction = extract_report(path)
    names = {n.id: n.name_zh for n in extraction.nodes}
    out = []
    for e in extraction.edges:
        quote = e.evidence[0].quote if e.evidence else ""
        out.append({"source": names.get(e.source, e.source), "type": e.type, "target": names.get(e.target, e.target),
                    "conf": float(e.attrs.get("confidence", 0)), "rule": e.attrs.get("rule", ""),
                    "sentence": quote})
    return out


def key(r: dict) -> tuple:
    return (r["source"], r["type"], r["target"], r["sentence"])


def dump(path: Path, directory: Path = JUDGED) -> Path:
    """Write the relations offered on `path`, keeping the verdicts of a file judged before."""
    target = directory / f"{path.stem}.judged.yaml"
    now = offered(path)
    if not target.exists():
        doc = {"source_file": str(path.relative_to(ROOT)), "relations": [
            {**r, "verdict": None, "reason": ""} for r in now]}
    else:
        doc = yaml.safe_load(target.read_text(encoding="utf-8"))
        current = {key(r): r for r in now}
        for r in doc["relations"]:
            r["now"] = current.pop(key(r))["conf"] if key(r) in current else None
        for r in now:
            if key(r) in current:
                doc["relations"].append({**r, "now": r["conf"], "verdict": None, "reason": "", "new": True})
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return target


def band(conf: float) -> str:
    return next(name for low, name in BANDS if conf >= low)


def count(relations: list[dict], when: str) -> Counter:
    """Offered / right / wrong / unjudged, by type and band: `when` is 'before' (conf) or 'now'."""
    c: Counter = Counter()
    for r in relations:
        conf = r["conf"] if when == "before" else r.get("now", None if r.get("new") else r["conf"])
        if (when == "before" and r.get("new")) or conf is None:
            continue
        verdict = r["verdict"] or "unjudged"
        for part in ("all", r["type"], band(conf)):
            c[(part, "offered")] += 1
            c[(part, verdict)] += 1
    return c


def score(directory: Path = JUDGED) -> dict:
    files = sorted(directory.glob("*.judged.yaml"))
    out: dict = {"documents": [f.name for f in files]}
    for when in ("before", "now"):
        total: Counter = Counter()
        for f in files:
            total += count(yaml.safe_load(f.read_text(encoding="utf-8"))["relations"], when)
        out[when] = {f"{part} {what}": n for (part, what), n in sorted(total.items())}
    return out


def tsv(splits: list[str]) -> None:
    for split in splits:
        if split in ("test", "holdout"):
            raise SystemExit("test and holdout are scored once, never read relation by relation")
        for path in sorted((ROOT / "data" / "eval" / "extract" / split).glob("*.txt")):
            for r in offered(path):
                print("\t".join([f"{split}/{path.stem}", r["source"], r["type"], r["target"],
                                 r["sentence"].replace("\n", " ")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("paths", nargs="+", type=Path)
    d.add_argument("--dir", type=Path, default=JUDGED, help="where the judged files are (default: %(default)s)")
    t = sub.add_parser("tsv")
    t.add_argument("splits", nargs="+")
    s = sub.add_parser("score")
    s.add_argument("--json", action="store_true")
    s.add_argument("--dir", type=Path, default=JUDGED, help="where the judged files are (default: %(default)s)")
    args = parser.parse_args()
    if args.command == "tsv":
        tsv(args.splits)
        return
    if args.command == "dump":
        for p in args.paths:
            print(dump(p.resolve(), args.dir.resolve()))
        return
    result = score(args.dir.resolve())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print("judged:", ", ".join(result["documents"]))
    for when in ("before", "now"):
        print(f"-- {when}")
        parts = sorted({k.rsplit(" ", 1)[0] for k in result[when]})
        for part in parts:
            row = {w: result[when].get(f"{part} {w}", 0) for w in ("offered", "right", "wrong", "unjudged")}
            print(f"{part:14} " + "  ".join(f"{w} {n}" for w, n in row.items()))


if __name__ == "__main__":
    main()
