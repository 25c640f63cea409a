"""Score the report extractor on the out-of-sample corpus (data/eval/extract/{dev,test}).

    .venv/bin/python benchmarks/eval_corpus.py [--half dev|test|both] [--mode cold|warm|both]
                                               [--details] [--json] [--min-confidence X]

Real public documents nobody here wrote (other years, districts and cities,
Simplified and Traditional script; prose, tables, lists), each annotated by
hand with every entity it names (data/eval/extract/README.md is the guideline).
Rules may be tuned on the **dev** half only; the **test** half is the
out-of-sample check and is to be read only as a score.

Modes:
- cold: no graph, the built-in lexicon only;
- warm: the bundled graph (data/curated, Beijing 2018) as the gazetteer, as
  `innograph load` runs it on a real installation; this is where Beijing names
  and generic aliases can leak into another city's text (a resolution error).

Matching rules: benchmarks/corpus_match.py. `eval_extract.py` calls `report()`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.corpus_match import ERROR_KINDS, Counts, GoldEntity, Predicted, score_document  # noqa: E402
from benchmarks.corpus_tables import (by_type, details, doc_table, documents_table,  # noqa: E402
                                      kind_table, type_table)
from graph.memory import MemoryStore  # noqa: E402
from graph.store import Batch  # noqa: E402
from loaders.report_loader import extract_report  # noqa: E402

CORPUS = ROOT / "data" / "eval" / "extract"
DOC = ROOT / "docs" / "extraction.md"
BEGIN, END = "<!-- corpus:begin -->", "<!-- corpus:end -->"
HALVES = ("dev", "test")
MODES = ("cold", "warm")


@dataclass
class CorpusDoc:
    half: str
    path: Path
    meta: dict
    gold: list[GoldEntity]

    @property
    def slug(self) -> str:
        return self.path.stem


def header(text: str) -> dict[str, str]:
    """The `key: value` lines above the first `---` line."""
    head, sep, _ = text.partition("\n---\n")
    if not sep:
        return {}
    out = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if colon:
            out[key.strip()] = value.strip()
    return out


def load(half: str, root: Path = CORPUS) -> list[CorpusDoc]:
    docs = []
    for gold_path in sorted((root / half).glob("*.gold.yaml")):
        data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold_path.name.replace(".gold.yaml", ".txt"))
        meta = {**header(text_path.read_text(encoding="utf-8")),
                **{k: data[k] for k in ("kind", "script", "issuer", "year") if k in data}}
        docs.append(CorpusDoc(half, text_path, meta, [GoldEntity.from_yaml(e) for e in data["entities"]]))
    return docs


@lru_cache(maxsize=1)
def bundled_nodes() -> tuple:
    from loaders.yaml_loader import load_yaml
    result = load_yaml([ROOT / "data" / "curated"])
    return tuple(result.kept.nodes), tuple(result.kept.edges)


def predictions(doc: CorpusDoc, mode: str, min_confidence: float) -> list[Predicted]:
    """The extracted nodes with a mention in the text (the header's publisher alone is context, not a mention)."""
    store = None
    if mode == "warm":
        nodes, edges = bundled_nodes()
        store = MemoryStore()
        store.write(Batch(nodes=list(nodes), edges=list(edges)))
    x = extract_report(doc.path, store, None, min_confidence)
    original = x.analysis.report.original
    return [Predicted(id=n.id, type=n.type, name=n.name_zh, aliases=tuple(n.aliases),
                      mentions=tuple(original[a:b] for a, b in x.spans.get(n.id, [])),
                      value=n.attrs.get("value") if n.type == "Metric" else None,
                      unit=str(n.attrs.get("unit", "")) if n.type == "Metric" else "")
            for n in x.nodes if n.type != "Document" and x.spans.get(n.id)]


def run(halves=HALVES, modes=MODES, min_confidence: float = 0.0, root: Path = CORPUS):
    """{(half, mode): [(doc, DocScore)]}"""
    out = {}
    for half in halves:
        docs = load(half, root)
        for mode in modes:
            out[(half, mode)] = [(d, score_document(d.gold, predictions(d, mode, min_confidence))) for d in docs]
    return out


def sweep(halves, root: Path, thresholds=(0.3, 0.5, 0.6)) -> str:
    """Cold P/R of each half when mentions below a confidence are dropped (`--min-confidence`)."""
    rows = ["Cold, by minimum confidence:", "", "| min confidence | " + " | ".join(
        f"{h} P | {h} R | {h} worst junk" for h in halves) + " |", "|---:|" + "---:|" * 3 * len(halves)]
    for threshold in thresholds:
        cells = []
        for half in halves:
            scores = run((half,), ("cold",), threshold, root)[(half, "cold")]
            total = Counts()
            for _, s in scores:
                total.add(s.total())
            worst = max((s.junk for _, s in scores), default=0.0)
            cells.append(f"{total.p:.2f} | {total.r:.2f} | {worst:.0%}")
        rows.append(f"| {threshold} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def report(min_confidence: float = 0.0, halves=HALVES, modes=MODES, root: Path = CORPUS) -> tuple[str, dict]:
    results = run(halves, modes, min_confidence, root)
    parts, summary = [], {}
    for (half, mode), scores in results.items():
        total = Counts()
        for c in by_type(scores).values():
            total.add(c)
        worst = max((s.junk for _, s in scores), default=0.0)
        parts += [f"**{half} half, {mode}** ({len(scores)} documents, {sum(len(d.gold) for d, _ in scores)} "
                  f"gold entities; worst junk {worst:.0%})", "", type_table(scores), "", kind_table(scores), "",
                  doc_table(scores), ""]
        summary[f"{half}/{mode}"] = {"p": round(total.p, 3), "r": round(total.r, 3), "f1": round(total.f1, 3),
                                     "worst_junk": round(worst, 3),
                                     "errors": {k: sum(s.error_counts()[k] for _, s in scores) for k in ERROR_KINDS}}
    if min_confidence == 0.0 and "cold" in modes:
        parts += [sweep(halves, root), ""]
    docs = [d for half in halves for d in load(half, root)]
    parts += [f"Documents ({len(docs)}; texts and gold in data/eval/extract):", "", documents_table(docs)]
    return "\n".join(parts).rstrip() + "\n", summary


def write_docs(text: str) -> None:
    """Replace the corpus block of docs/extraction.md (and nothing else in it)."""
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC} has no {BEGIN} … {END} block")
    head, rest = doc.split(BEGIN, 1)
    DOC.write_text(f"{head}{BEGIN}\n{text}{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--details", action="store_true", help="list every unmatched prediction and every miss")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--write-docs", action="store_true", help=f"replace the corpus block in {DOC.name}")
    args = parser.parse_args(argv)
    halves = HALVES if args.half == "both" else (args.half,)
    modes = MODES if args.mode == "both" else (args.mode,)
    if args.details:
        for (half, mode), scores in run(halves, modes, args.min_confidence).items():
            print(f"## {half} half, {mode}\n{details(scores)}\n")
        return 0
    text, summary = report(args.min_confidence, halves, modes)
    print(json.dumps(summary, indent=2) if args.json else text)
    if args.write_docs:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
