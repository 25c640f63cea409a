"""Report text (Chinese, .txt or .html) -> a Document, Nodes and Edges with evidence.

`extract_report` previews what a report holds without storing anything;
`load_report` returns it as a LoadResult for `loaders.sources`. Mentions
resolve to the graph's nodes through their names and aliases (so loading a
report twice, or a report about known things, adds evidence, not duplicates);
new names get hash-based ids (graph.model.node_id) and attrs
{"extracted": true, "confidence": c, "year": y}. Every evidence offset points
into the file's original decoded text. How the extractor works, and how well:
docs/extraction.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import Document, Edge, Evidence, Node, node_id
from graph.store import GraphStore
from loaders.implicit import mark_implicit_subjects
from loaders.resolve import NameResolver
from loaders.result import LoadResult
from loaders.text import budget, in_names
from loaders.text.entities import Mention
from loaders.text.extract import Analysis, analyse
from loaders.text.reading import read_report
from loaders.text.relations import Relation

METRIC_ATTRS = ("value", "unit", "qualifier", "growth_pct", "growth_pts", "share_pct", "gap_pts", "completion_pct")


@dataclass
class Extraction:
    """What one report yields: its document, nodes and edges, and the mentions behind them."""

    document: Document
    nodes: list[Node]
    edges: list[Edge]
    analysis: Analysis
    encoding: str = "utf-8"
    dropped: list[str] = field(default_factory=list)
    #: node id -> the [start, end) of each of its mentions in the original text
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: node ids named only inside other names (a field in a name): nodes for a relation, no entity mention
    in_name: set[str] = field(default_factory=set)
    #: node id -> where a field or a place is named only inside another name (怀柔 in 北京怀柔…中心): no span
    inner_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        report = self.analysis.report
        return {
            "document": self.document.model_dump(mode="json"),
            "encoding": self.encoding,
            "summary": {"nodes": len(self.nodes), "edges": len(self.edges),
                        "mentions": len(self.analysis.mentions)},
            "nodes": [n.model_dump(mode="json") for n in self.nodes],
            "edges": [e.model_dump(mode="json") for e in self.edges],
            "mentions": [_mention_json(report, m) for m in self.analysis.mentions if m.start >= 0],
        }


def extract_report(path: Path, store: GraphStore | None = None, year: int | None = None,
                   min_confidence: float = 0.0) -> Extraction:
    """Within the time budget the caller set (loaders.text.budget.limit), if any."""
    with budget.running():
        return _extract(path, store, year, min_confidence)


def _extract(path: Path, store: GraphStore | None, year: int | None, min_confidence: float) -> Extraction:
    report = read_report(Path(path))
    budget.check()
    analysis = analyse(report, store)
    year = year or report.year
    document = Document(id=report.doc_id, title=report.title, publisher=analysis.context.publisher,
                        date=report.meta.get("date", ""), year=year,
                        origin=report.meta.get("origin") or f"extracted from {report.path.name}")
    builder = _Builder(NameResolver(store), store, document, year, min_confidence)
    for m in analysis.mentions:
        if _is_entity(m):
            builder.node(m)
    for i, r in enumerate(analysis.relations):
        if i % 256 == 0:
            budget.check()
        builder.edge(r, analysis)
    located = in_names.locations(analysis.mentions)
    in_name = in_names.only_in_names(analysis.mentions, _key, builder.ids)
    builder.mark(in_name)
    spans: dict[str, list[tuple[int, int]]] = {}
    inner: dict[str, list[tuple[int, int]]] = {}
    for m in analysis.mentions:
        if m.start >= 0 and _key(m) in builder.ids:
            to = spans if in_names.own_mention(m, located) else inner
            to.setdefault(builder.ids[_key(m)], []).append(report.body.span(m.start, m.end))
    return Extraction(document, list(builder.nodes.values()), list(builder.edges.values()), analysis,
                      report.encoding, builder.dropped, spans, in_name, inner)


def load_report(path: Path, store: GraphStore | None = None, year: int | None = None,
                min_confidence: float = 0.0) -> LoadResult:
    """The report's records; a report with nothing recognisable is one rejection that says so."""
    extraction = extract_report(path, store, year, min_confidence)
    result = LoadResult()
    same = same_report(store, extraction)
    if same is not None:
        result.reject(str(path), None, f"{already_held(same)}. To add to it, load it as {same}{Path(path).suffix}")
        return result
    if not extraction.nodes:
        result.reject(str(path), None, "no entities recognised in the report text "
                                       f"(at confidence >= {min_confidence}); nothing to load")
        return result
    result.kept.documents.append(extraction.document)
    result.kept.nodes.extend(extraction.nodes)
    result.kept.edges.extend(extraction.edges)
    mark_implicit_subjects(result.kept, store)
    return result


def already_held(same: str) -> str:
    """Why a report found by `same_report` is refused (the load and the upload preview say it alike)."""
    return (f"the graph already holds this report as {same!r} (every relation it states, with the same sentence "
            "at the same place); loading it under another name would repeat every sentence as new evidence")


def same_report(store: GraphStore | None, extraction: Extraction) -> str | None:
    """The id of another stored document whose evidence already holds each relation of this report with the
    same sentence at the same offsets: the same text under another file name or encoding. Loaded again, it
    added a second document and a second copy of every evidence sentence (session 14 review: daxing-2023.txt,
    then the same text saved as GBK). A report without relations is not checked."""
    if store is None or not extraction.edges:
        return None
    stored = store.get_edges([e.key for e in extraction.edges])
    docs: set[str] | None = None
    for edge in extraction.edges:
        if edge.key not in stored:
            return None
        ev = edge.evidence[0]
        same = {s.doc for s in stored[edge.key].evidence
                if s.doc != ev.doc and (s.quote, s.start, s.end) == (ev.quote, ev.start, ev.end)}
        docs = same if docs is None else docs & same
        if not docs:
            return None
    return min(docs) if docs else None


def _key(m: Mention) -> tuple:
    """One node per name and type; a figure is its own node (two indicators may share a name)."""
    return (*m.key, m.attrs.get("value"), m.attrs.get("unit")) if m.type == "Metric" else m.key


def _is_entity(m: Mention) -> bool:
    """Top-level mentions are entities (全市/全区: the city or district itself, never an object of a
    relation); nested ones only when a relation uses them."""
    return not m.nested or m.titled


class _Builder:
    """Mentions and relations -> Node and Edge records, one per name and per (source, type, target)."""

    def __init__(self, resolver: NameResolver, store: GraphStore | None, document: Document,
                 year: int | None, min_confidence: float):
        self.resolver, self.store, self.doc = resolver, store, document
        self.year, self.min = year, min_confidence
        self.nodes: dict[str, Node] = {}
        self.ids: dict[tuple[str, str], str] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self._quoted: dict[tuple[str, str, str], set] = {}  # each edge's evidence keys
        self.dropped: list[str] = []
        self._metrics: list[Node] | None = None

    def node(self, m: Mention) -> str | None:
        if _key(m) in self.ids:
            nid = self.ids[_key(m)]
            known = self.nodes[nid]
            if known.attrs.get("extracted"):  # a new name: it also answers to this surface form
                extra = list(dict.fromkeys(a for a in (m.surface, *m.aliases) if a and a not in known.names))
                if extra:
                    self.nodes[nid] = known.model_copy(update={"aliases": [*known.aliases, *extra]})
            return nid
        if m.conf < self.min:
            self.dropped.append(f"{m.type} {m.name}: confidence {m.conf} < {self.min}")
            return None
        existing = self._existing(m)
        if existing is not None:
            node = Node(id=existing.id, type=existing.type, name_zh=existing.name_zh, sources=[self.doc.id])
        else:
            node = self._new(m)
        if node.id in self.nodes:
            node = self.nodes[node.id].merged(node)
        self.nodes[node.id] = node
        self.resolver.add(node)
        self.ids[_key(m)] = node.id
        return node.id

    def mark(self, in_name: set[str]) -> None:
        """Extracted nodes named only inside other names (a field in a name) say so (loaders/text/in_names.py)."""
        for nid in in_name:
            node = self.nodes[nid]
            if node.attrs.get("extracted"):
                self.nodes[nid] = node.model_copy(update={"attrs": {**node.attrs, in_names.IN_NAME: True}})

    def _existing(self, m: Mention) -> Node | None:
        if m.node_id and self.store is not None:
            found = self.store.get_nodes([m.node_id])
            if found:
                return found[m.node_id]
        if self.store is None or m.local:
            return None
        if m.type == "Metric":
            return self._same_figure(m)
        nid = self.resolver.existing_id(m.type, [m.name, *m.aliases])
        if nid and nid not in self.nodes:
            return self.store.get_nodes([nid]).get(nid)
        return None

    def _same_figure(self, m: Mention) -> Node | None:
        """A known indicator of this document with the same figure (its name is the curator's wording)."""
        if self._metrics is None:
            self._metrics = [n for n in self.store.nodes_of_type("Metric") if self.doc.id in n.sources]
        same = [n for n in self._metrics if n.id not in self.nodes
                and str(n.attrs.get("unit")) == str(m.attrs.get("unit"))
                and _number(n.attrs.get("value")) == _number(m.attrs.get("value"))]
        return same[0] if len(same) == 1 else None

    def _new(self, m: Mention) -> Node:
        attrs: dict[str, Any] = {"extracted": True, "confidence": round(m.conf, 3), "year": self.year}
        if m.kind:
            attrs["kind"] = m.kind
        attrs.update({k: m.attrs[k] for k in METRIC_ATTRS if k in m.attrs})
        seed = f"{m.name} {m.attrs.get('value')}{m.attrs.get('unit')} {self.year}" if m.type == "Metric" else m.name
        aliases = [a for a in dict.fromkeys([*m.aliases, m.surface]) if a and a != m.name]
        return Node(id=node_id(m.type, m.name_en, seed), type=m.type, name_zh=m.name, name_en=m.name_en,
                    aliases=aliases, attrs=attrs, sources=[self.doc.id])

    def edge(self, r: Relation, analysis: Analysis) -> None:
        if r.conf < self.min:
            self.dropped.append(f"{r.source.name} {r.type} {r.target.name}: confidence {r.conf} < {self.min}")
            return
        source, target = self.node(r.source), self.node(r.target)
        if not source or not target or source == target:
            return
        start, end = analysis.report.body.span(r.start, r.end)
        evidence = Evidence(doc=self.doc.id, quote=analysis.report.original[start:end], start=start, end=end)
        attrs = {"extracted": True, "confidence": r.conf, "year": self.year, "rule": r.rule}
        edge = Edge(source=source, target=target, type=r.type, attrs=attrs, evidence=[evidence])
        key = edge.key
        old = self.edges.get(key)
        if old is None:
            self.edges[key] = edge
            self._quoted[key] = {evidence.key}
            return
        # The edge's first attributes stay, its evidence grows in place: a copy per merge (Edge.merged)
        # cost k² for an edge stated k times, 8 % of a 1 MB report's run (session 15, s15-speed).
        if evidence.key not in self._quoted[key]:
            self._quoted[key].add(evidence.key)
            old.evidence.append(evidence)
        old.attrs["confidence"] = max(old.attrs["confidence"], r.conf)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _mention_json(report, m: Mention) -> dict[str, Any]:
    start, end = report.body.span(m.start, m.end)
    return {"name": m.name, "type": m.type, "confidence": m.conf, "how": m.how, "nested": m.nested,
            "start": start, "end": end, "text": report.original[start:end]}
