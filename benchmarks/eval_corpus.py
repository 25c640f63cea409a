"""Score the report extractor on the out-of-sample corpus (data/eval/extract/<split>).

    .venv/bin/python benchmarks/eval_corpus.py [--split dev|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|dev10|dev11|dev12|dev13|dev14|test|holdout|all] [--mode cold|warm|both]
                                               [--details] [--json] [--min-confidence X] [--unseal]
                                               [--no-header]

Real public documents nobody here wrote (other years, districts, provinces and cities,
a national ministry, Simplified and Traditional script; prose, tables, lists), each
annotated by hand with every entity it names (data/eval/extract/README.md is the
guideline). Four splits:
- **dev**, **dev2**, **dev3** (session 5), **dev4** (session 6), **dev5** (session 7), **dev6** (session 8), **dev7** (session 12), **dev8** (session 13), **dev9** (session 14), **dev10** (session 15), **dev11** (session 15, other cities only),
  **dev12** (session 16, Beijing report text), **dev13** (session 16, other cities only), **dev14** (session 16, Beijing report text; each scored once untuned before any rule was tuned on it): rules may be written and tuned on them (`--details` lists every miss);
- **test**: the first out-of-sample check, read only as a score;
- **holdout**: sealed. Scored in aggregate only; its per-document rows, its document list
  and `--details` need `--unseal`, which nobody writing rules may use (README).

Modes:
- cold: no graph, the built-in lexicon only;
- warm: the bundled graph (data/curated, Beijing 2018) as the gazetteer, as
  `innograph load` runs it on a real installation; this is where Beijing names
  and generic aliases can leak into another city's text (a resolution error).

`--no-header` scores each text with its `key: value` header removed (the body below `---` only),
as a pasted excerpt comes: the page reading (title line, byline, speaker line) must then infer
the title, publisher and year the header gave.

Matching rules: benchmarks/corpus_match.py. `eval_extract.py` calls `report()`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.corpus_match import (ERROR_KINDS, Counts, GoldEntity, Predicted, one_per_referent,  # noqa: E402
                                     score_document)
from benchmarks.corpus_tables import (by_type, details, doc_table, documents_table,  # noqa: E402
                                      kind_table, splits_table, type_table)
from graph.memory import MemoryStore  # noqa: E402
from graph.store import Batch  # noqa: E402
from loaders.report_loader import extract_report  # noqa: E402

CORPUS = ROOT / "data" / "eval" / "extract"
DOC = ROOT / "docs" / "extraction.md"
BEGIN, END = "<!-- corpus:begin -->", "<!-- corpus:end -->"
HALVES = ("dev", "test")  # the first two splits (issue 18's development and test halves)
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
          "dev12", "dev13", "dev14",
          "dev15",
          "dev16",
          "dev17",
          "dev18",  # session 18, s18-tables
          "test", "holdout")
SEALED = ("holdout",)  # scored in aggregate only unless --unseal
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
        docs.append(CorpusDoc(half, text_path, meta, one_per_referent([GoldEntity.from_yaml(e) for e in data["entities"]])))
    return docs


@lru_cache(maxsize=1)
def bundled_nodes() -> tuple:
    from loaders.yaml_loader import load_yaml
    result = load_yaml([ROOT / "data" / "curated"])
    return tuple(result.kept.nodes), tuple(result.kept.edges)


def body_only(text: str) -> str:
    """The text below the metadata header (all of it when there is no header)."""
    head, sep, body = text.partition("\n---\n")
    return body if sep and header(text) else text


def predictions(doc: CorpusDoc, mode: str, min_confidence: float, no_header: bool = False) -> list[Predicted]:
    """The extracted nodes with a mention in the text (the header's publisher alone is context, not a mention).

    With `no_header` the extractor reads a copy of the text without its header (same file name).
    """
    store = None
    if mode == "warm":
        nodes, edges = bundled_nodes()
        store = MemoryStore()
        store.write(Batch(nodes=list(nodes), edges=list(edges)))
    if no_header:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / doc.path.name
            path.write_text(body_only(doc.path.read_text(encoding="utf-8")), encoding="utf-8")
            x = extract_report(path, store, None, min_confidence)
    else:
        x = extract_report(doc.path, store, None, min_confidence)
    original = x.analysis.report.original
    return [Predicted(id=n.id, type=n.type, name=n.name_zh, aliases=tuple(n.aliases),
                      mentions=tuple(original[a:b] for a, b in x.spans.get(n.id, [])),
                      value=n.attrs.get("value") if n.type == "Metric" else None,
                      unit=str(n.attrs.get("unit", "")) if n.type == "Metric" else "")
            for n in x.nodes if n.type != "Document" and x.spans.get(n.id)]


def run(halves=HALVES, modes=MODES, min_confidence: float = 0.0, root: Path = CORPUS, no_header: bool = False):
    """{(split, mode): [(doc, DocScore)]}; a split with no documents is left out."""
    out = {}
    for half in halves:
        docs = load(half, root)
        if not docs:
            continue
        for mode in modes:
            out[(half, mode)] = [(d, score_document(d.gold, predictions(d, mode, min_confidence, no_header))) for d in docs]
    return out


def sweep(halves, root: Path, thresholds=(0.3, 0.5, 0.6)) -> str:
    """Cold P/R of each half when mentions below a confidence are dropped (`--min-confidence`)."""
    rows = ["Cold, by minimum confidence:", "", "| min confidence | " + " | ".join(
        f"{h} P | {h} R | {h} worst junk" for h in halves) + " |", "|---:|" + "---:|" * 3 * len(halves)]
    for threshold in thresholds:
        cells = []
        for half in halves:
            scores = run((half,), ("cold",), threshold, root).get((half, "cold"), [])
            total = Counts()
            for _, s in scores:
                total.add(s.total())
            worst = max((s.junk for _, s in scores), default=0.0)
            cells.append(f"{total.p:.2f} | {total.r:.2f} | {worst:.0%}")
        rows.append(f"| {threshold} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def report(min_confidence: float = 0.0, halves=HALVES, modes=MODES, root: Path = CORPUS,
           unseal: bool = False, no_header: bool = False) -> tuple[str, dict]:
    """The markdown block (a summary line per split and mode, then per-type, per-kind and per-document
    tables) and a JSON summary. A sealed split shows no per-document rows nor document list."""
    results = run(halves, modes, min_confidence, root, no_header)
    parts, summary = [splits_table(results), ""], {}
    for (half, mode), scores in results.items():
        total = Counts()
        for c in by_type(scores).values():
            total.add(c)
        worst = max((s.junk for _, s in scores), default=0.0)
        sealed = half in SEALED and not unseal
        parts += [f"**{half}, {mode}** ({len(scores)} documents, {sum(len(d.gold) for d, _ in scores)} "
                  f"gold entities; worst junk {worst:.0%})", "", type_table(scores), "", kind_table(scores), ""]
        parts += ["(sealed: per-document rows not shown)" if sealed else doc_table(scores), ""]
        summary[f"{half}/{mode}"] = {"p": round(total.p, 3), "r": round(total.r, 3), "f1": round(total.f1, 3),
                                     "worst_junk": round(worst, 3),
                                     "docs_over_10pct_junk": sum(s.junk > 0.10 for _, s in scores),
                                     "errors": {k: sum(s.error_counts()[k] for _, s in scores) for k in ERROR_KINDS}}
    present = tuple(h for h in halves if any(k[0] == h for k in results))
    if min_confidence == 0.0 and "cold" in modes and not no_header:
        parts += [sweep(present, root), ""]
    docs = [d for half in present for d in load(half, root)]
    shown = [d for d in docs if unseal or d.half not in SEALED]
    hidden = len(docs) - len(shown)
    note = f"; {hidden} sealed holdout documents not listed" if hidden else ""
    parts += [f"Documents ({len(shown)}{note}; texts and gold in data/eval/extract)" + (":" if shown else "."), ""]
    if shown:
        parts.append(documents_table(shown))
    return "\n".join(parts).rstrip() + "\n", summary


def write_docs(text: str) -> None:
    """Replace the corpus block of docs/extraction.md (and nothing else in it)."""
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC} has no {BEGIN} … {END} block")
    head, rest = doc.split(BEGIN, 1)
    DOC.write_text(f"{head}{BEGIN}\n{text}{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def splits(choice: str) -> tuple[str, ...]:
    return SPLITS if choice == "all" else HALVES if choice == "both" else (choice,)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--half", choices=(*HALVES, "both"), help="the older name of --split (both: dev and test)")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--details", action="store_true", help="list every unmatched prediction and every miss")
    parser.add_argument("--unseal", action="store_true",
                        help="show the sealed holdout per document (never while writing rules)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--no-header", action="store_true",
                        help="score each text without its title:/publisher: header (the body only)")
    parser.add_argument("--write-docs", action="store_true", help=f"replace the corpus block in {DOC.name}")
    args = parser.parse_args(argv)
    halves = splits(args.half or args.split)
    modes = MODES if args.mode == "both" else (args.mode,)
    if args.details:
        sealed = [h for h in halves if h in SEALED]
        if sealed and not args.unseal:
            print(f"error: --details on the sealed split {'/'.join(sealed)} needs --unseal "
                  "(its misses must not reach anyone writing rules)", file=sys.stderr)
            return 2
        for (half, mode), scores in run(halves, modes, args.min_confidence, no_header=args.no_header).items():
            print(f"## {half}, {mode}\n{details(scores)}\n")
        return 0
    text, summary = report(args.min_confidence, halves, modes, unseal=args.unseal, no_header=args.no_header)
    print(json.dumps(summary, indent=2) if args.json else text)
    if args.write_docs and not args.no_header:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
