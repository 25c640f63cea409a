"""Score the report extractor against the curated data set (the gold) and the fixtures.

    .venv/bin/python benchmarks/eval_extract.py [--min-confidence 0.5] [--write-docs] [--json]
                                                [--split dev|dev2|test|holdout|all]

Entities match by normalised name (or alias) and type; an indicator (Metric),
whose name is the curator's wording, matches by its figure (value and unit),
one to one. Several predicted names that resolve to one gold node count once
(a short form and its long form are one node after loading). Relations match
by resolved (source, type, target).

Modes:
- cold: no gazetteer from a graph (built-in lexicon only), the whole report;
- warm: leave one section out — for each section of the report, the gazetteer
  is the gold nodes *not* mentioned in that section, and only the predictions
  and gold located in that section are scored; counts are summed over sections;
- fixtures: passages in tests/extract/fixtures (other cities, other years, one
  in Traditional script), cold, against their *.expected.yaml;
- corpus: the out-of-sample documents of data/eval/extract, cold and warm, per split:
  dev and dev2 (rules are tuned on them), test and the sealed holdout (scores only):
  per-type and per-kind P/R and junk per document (benchmarks/eval_corpus.py; its own
  block in docs/extraction.md). `--split X` scores that corpus split alone and skips the
  curated evaluation.

Precision/recall counts are one class for both (`corpus_match.Counts`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks import eval_corpus  # noqa: E402
from benchmarks.corpus_match import Counts  # noqa: E402
from graph.memory import MemoryStore  # noqa: E402
from graph.model import Node  # noqa: E402
from graph.store import Batch  # noqa: E402
from graph.text import normalize  # noqa: E402
from loaders.report_loader import Extraction, extract_report  # noqa: E402
from loaders.text.reading import read_report  # noqa: E402
from loaders.text.sections import split  # noqa: E402
from loaders.yaml_loader import load_yaml  # noqa: E402

GOLD_DIR = ROOT / "data" / "curated"
REPORT = ROOT / "data" / "reports" / "bjstc-2018-self-assessment.txt"
FIXTURES = ROOT / "tests" / "extract" / "fixtures"
DOC = ROOT / "docs" / "extraction.md"
MARK_BEGIN, MARK_END = "<!-- eval:begin -->", "<!-- eval:end -->"
IN_NAMES = ROOT / "data" / "eval" / "curated-fields-in-names.yaml"  # gold fields named only inside names
QUOTES = re.compile(r"[“”\"《》\s]")


def norm(name: str) -> str:
    return QUOTES.sub("", normalize(name))


@dataclass
class Scores:
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def total(self, kind: str) -> Counts:
        out = Counts()
        for c in getattr(self, kind).values():
            out.add(c)
        return out

    def merge(self, other: Scores) -> None:
        for kind in ("entities", "relations"):
            for t, c in getattr(other, kind).items():
                getattr(self, kind)[t].add(c)


class Gold:
    """The curated nodes and edges, indexed for matching."""

    def __init__(self, nodes: list[Node], edges: list[tuple[str, str, str, list[tuple[int, int]]]]):
        self.nodes = {n.id: n for n in nodes if n.type != "Document"}
        self.names: dict[tuple[str, str], str] = {}
        self.figures: dict[tuple, list[str]] = defaultdict(list)
        for n in self.nodes.values():
            if n.type == "Metric" and "value" in n.attrs:
                self.figures[(float(n.attrs["value"]), str(n.attrs.get("unit")))].append(n.id)
            for name in [n.name_zh, *n.aliases]:
                self.names.setdefault((norm(name), n.type), n.id)
        self.edges: dict[tuple[str, str, str], list[tuple[int, int]]] = defaultdict(list)
        for s, t, o, spans in edges:
            self.edges[(s, t, o)].extend(spans)
        #: scored as entities: every node but the fields named only inside names (still ends of relations)
        self.entities: set[str] = set(self.nodes)

    @classmethod
    def load(cls, directory: Path = GOLD_DIR) -> Gold:
        result = load_yaml([directory])
        if result.rejected:
            raise SystemExit(f"the gold data set has errors: {result.rejected[:3]}")
        edges = [(e.source, e.type, e.target, [(v.start, v.end) for v in e.evidence]) for e in result.kept.edges]
        gold = cls(result.kept.nodes, edges)
        gold.entities -= in_names()
        return gold

    def match(self, predicted: list[Node]) -> dict[str, str]:
        """Predicted node id -> gold node id, for the predicted nodes that are gold nodes."""
        out: dict[str, str] = {}
        used: set[str] = set()
        for n in predicted:
            if n.id in self.nodes:
                out[n.id] = n.id
            elif n.type == "Metric":
                key = (float(n.attrs.get("value", -1)), str(n.attrs.get("unit")))
                free = [g for g in self.figures.get(key, []) if g not in used]
                if free:
                    out[n.id] = free[0]
                    used.add(free[0])
            else:
                gid = next((self.names[(norm(name), n.type)] for name in [n.name_zh, *n.aliases]
                            if (norm(name), n.type) in self.names), None)
                if gid:
                    out[n.id] = gid
        return out


def in_names(path: Path = IN_NAMES) -> set[str]:
    """The curated Field ids named only inside other names: no entity mention (the corpus guideline)."""
    return {f["id"] for f in yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]}


def score(gold: Gold, extraction: Extraction, gold_nodes: set[str], gold_edges: set[tuple],
          nodes: list[Node], edges) -> Scores:
    """Counts by type for the predicted `nodes`/`edges` against `gold_nodes`/`gold_edges`."""
    mapping = gold.match(extraction.nodes)
    out = Scores()
    found: set[str] = set()
    for n in nodes:
        gid = mapping.get(n.id)
        if gid in gold_nodes:
            found.add(gid)
        elif gid is None or n.type == "Metric":
            out.entities[n.type].fp += 1
    for gid in gold_nodes:
        t = gold.nodes[gid].type
        if gid in found:
            out.entities[t].tp += 1
        else:
            out.entities[t].fn += 1
    predicted = {(mapping.get(e.source), e.type, mapping.get(e.target)) for e in edges}
    for s, t, o in predicted:
        if (s, t, o) in gold_edges:
            out.relations[t].tp += 1
        else:
            out.relations[t].fp += 1
    for key in gold_edges - predicted:
        out.relations[key[1]].fn += 1
    return out


def cold(gold: Gold, min_confidence: float) -> tuple[Scores, float]:
    started = time.perf_counter()
    extraction = extract_report(REPORT, None, None, min_confidence)
    seconds = time.perf_counter() - started
    return score(gold, extraction, gold.entities, set(gold.edges), own(extraction), extraction.edges), seconds


def own(extraction: Extraction, nodes: list[Node] | None = None) -> list[Node]:
    """The predicted entities: nodes named only inside other names (a field in a name, there for the name's
    FOCUSES_ON) are no entity mention (loaders/text/in_names.py)."""
    return [n for n in (extraction.nodes if nodes is None else nodes) if n.id not in extraction.in_name]


def sections(path: Path = REPORT) -> list[tuple[str, int, int]]:
    """(section path, start, end) of each section of the report, in original offsets."""
    report = read_report(path)
    spans: dict[str, list[int]] = {}
    for s in split(report.body.text):
        start, end = report.body.span(s.start, s.end)
        span = spans.setdefault(s.section or "(preamble)", [start, end])
        span[0], span[1] = min(span[0], start), max(span[1], end)
    return [(name, a, b) for name, (a, b) in spans.items()]


def warm(gold: Gold, min_confidence: float) -> Scores:
    original = REPORT.read_text(encoding="utf-8")
    total = Scores()
    for _name, a, b in sections():
        inside = lambda spans: any(a <= s < b for s, _ in spans)  # noqa: E731
        text = norm(original[a:b])
        edges = {k for k, spans in gold.edges.items() if inside(spans)}
        named = {g for g, n in gold.nodes.items()
                 if any(len(norm(x)) >= 2 and norm(x) in text for x in [n.name_zh, *n.aliases])}
        in_section = named | {x for s, _, o in edges for x in (s, o)}
        store = MemoryStore()
        store.write(Batch(nodes=[n for g, n in gold.nodes.items() if g not in in_section]))
        extraction = extract_report(REPORT, store, None, min_confidence)
        p_edges = [e for e in extraction.edges if inside([(v.start, v.end) for v in e.evidence])]
        # named in the section, on its own or inside a name (the curated gold counts a place in a name)
        located = {e.source for e in p_edges} | {e.target for e in p_edges} | \
            {nid for nid, spans in [*extraction.spans.items(), *extraction.inner_spans.items()] if inside(spans)}
        p_nodes = own(extraction, [n for n in extraction.nodes if n.id in located])
        total.merge(score(gold, extraction, in_section & gold.entities, edges, p_nodes, p_edges))
    return total


def fixtures(min_confidence: float) -> tuple[Scores, list[str]]:
    """Cold scores on the fixture passages against their expected entities and relations."""
    total, names = Scores(), []
    for expected_path in sorted(FIXTURES.glob("*.expected.yaml")):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
        text_path = expected_path.with_name(expected["file"])
        nodes = [Node(id=f"g{i}", type=e["type"], name_zh=e["name"], aliases=e.get("aliases", []),
                      attrs={k: e[k] for k in ("value", "unit") if k in e})
                 for i, e in enumerate(expected["entities"])]
        fixture_gold = Gold(nodes, [])
        ids = {**{n.name_zh: n.id for n in nodes}, **{a: n.id for n in nodes for a in n.aliases}}
        edges = {(ids[r["source"]], r["type"], ids[r["target"]]) for r in expected.get("relations", [])}
        extraction = extract_report(text_path, None, None, min_confidence)
        scored = {n.id for n, e in zip(nodes, expected["entities"]) if not e.get("in_name")}  # a field in a name
        s = score(fixture_gold, extraction, scored, edges, own(extraction), extraction.edges)
        total.merge(s)
        names.append(f"{text_path.name}: entities F1 {s.total('entities').f1:.2f}, "
                     f"relations F1 {s.total('relations').f1:.2f}")
    return total, names


def table(title: str, scores: Scores, kind: str) -> str:
    rows = [f"| {title} | P | R | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for t in sorted(getattr(scores, kind)):
        c = getattr(scores, kind)[t]
        rows.append(f"| {t} | {c.p:.2f} | {c.r:.2f} | {c.f1:.2f} | {c.tp} | {c.fp} | {c.fn} |")
    c = scores.total(kind)
    rows.append(f"| **all** | **{c.p:.2f}** | **{c.r:.2f}** | **{c.f1:.2f}** | {c.tp} | {c.fp} | {c.fn} |")
    return "\n".join(rows)


def report(min_confidence: float) -> tuple[str, dict]:
    gold = Gold.load()
    cold_scores, seconds = cold(gold, min_confidence)
    warm_scores = warm(gold, min_confidence)
    fixture_scores, fixture_lines = fixtures(min_confidence)
    parts = [f"Gold: {len(gold.nodes)} nodes ({len(gold.entities)} scored as entities: fields named only inside "
             f"names are not, {IN_NAMES.name}), {len(gold.edges)} relations (data/curated); "
             f"min confidence {min_confidence}; cold extraction of the whole report: {seconds:.2f} s.", ""]
    for label, s in (("cold", cold_scores), ("warm (leave one section out)", warm_scores),
                     ("fixtures (cold)", fixture_scores)):
        parts += [f"**{label}**", "", table("entities", s, "entities"), "", table("relations", s, "relations"), ""]
    parts += ["Fixtures:", "", *[f"- {line}" for line in fixture_lines], ""]
    sweep = []
    for threshold in (0.3, 0.5, 0.6):
        s, _ = cold(gold, threshold)
        e, r = s.total("entities"), s.total("relations")
        sweep.append(f"| {threshold} | {e.p:.2f} | {e.r:.2f} | {e.f1:.2f} | {r.p:.2f} | {r.r:.2f} | {r.f1:.2f} |")
    parts += ["Cold, by minimum confidence (`--min-confidence`):", "",
              "| min confidence | entity P | entity R | entity F1 | relation P | relation R | relation F1 |",
              "|---:|---:|---:|---:|---:|---:|---:|", *sweep]
    summary = {label: {kind: {"p": round(s.total(kind).p, 3), "r": round(s.total(kind).r, 3),
                              "f1": round(s.total(kind).f1, 3)} for kind in ("entities", "relations")}
               for label, s in (("cold", cold_scores), ("warm", warm_scores), ("fixtures", fixture_scores))}
    summary["seconds"] = round(seconds, 3)
    return "\n".join(parts), summary


def write_docs(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if MARK_BEGIN not in doc:
        raise SystemExit(f"{DOC} has no {MARK_BEGIN} … {MARK_END} block")
    head, rest = doc.split(MARK_BEGIN, 1)
    _, tail = rest.split(MARK_END, 1)
    DOC.write_text(f"{head}{MARK_BEGIN}\n{text}\n{MARK_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--write-docs", action="store_true", help=f"replace the table in {DOC.name}")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--split", choices=(*eval_corpus.SPLITS, "all"),
                        help="score this corpus split only (no curated evaluation)")
    args = parser.parse_args(argv)
    if args.split:
        corpus_text, summary = eval_corpus.report(args.min_confidence, eval_corpus.splits(args.split))
        print(json.dumps(summary, indent=2) if args.json else corpus_text)
        return 0
    text, summary = report(args.min_confidence)
    corpus_text, summary["corpus"] = eval_corpus.report(args.min_confidence, eval_corpus.SPLITS)
    print(json.dumps(summary, indent=2) if args.json else
          f"{text}\n\nOut-of-sample corpus (data/eval/extract):\n\n{corpus_text}")
    if args.write_docs:
        write_docs(text)
        eval_corpus.write_docs(corpus_text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
