"""Readable terminal tables for the CLI's query results (the --json form is the model itself)."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from graph.attr_names import attr_items, attr_label, metric_phrase
from graph.evidence_window import Quotes
from graph.model import Edge, Node
from graph.results import Bridge, Fallback, Member, Path, Ranked, Stats, Subgraph, Supporter, ZoneProfile


#: an extracted relation's sentence is shown whole (up to this many characters, the names marked)
EXTRACT_QUOTE_WIDTH = 400


def _t(title: str | None) -> Text | None:
    """Titles and cells as Text: names and quotes may contain [brackets] that are not markup."""
    return Text(title) if title else None


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(c) for c in cells))


def name(node: Node) -> str:
    return f"{node.name_zh} / {node.name_en}" if node.name_en else node.name_zh


def quote(edge: Edge, width: int = 60) -> str:
    """The head of an edge's sentence (where no names are at hand; tables use `Quotes`)."""
    if not edge.evidence:
        return ""
    q = edge.evidence[0].quote
    return q if len(q) <= width else q[: width - 1] + "…"


def _evidence_table(title: str, *cols: str) -> Table:
    """A table whose rows are numbered, so that a repeated sentence can say which row holds it."""
    table = Table(title=_t(title))
    table.add_column("#", justify="right")
    for col in cols:
        table.add_column(col, overflow="fold")
    return table


def nodes_table(nodes: list[Node], title: str = "") -> Table:
    table = Table(title=_t(title or None))
    for col in ("id", "type", "中文", "English", "aliases"):
        table.add_column(col)
    for n in nodes:
        _row(table, n.id, n.type, n.name_zh, n.name_en, ", ".join(n.aliases))
    return table


def extraction_tables(nodes: list[Node], edges: list[Edge], stored: dict[str, Node] | None = None) -> list[Table]:
    """A report's extraction as a planner checks it before loading: each name new or already in the graph
    (a new one with how sure the extractor is), each relation with how sure and its whole sentence, the two
    names marked and where it stands in the file. At a terminal's 80 columns the plain tables cut the names
    to "大兴区医药健康 …" and the sentence to its head, so nothing could be checked. `stored`: the graph's
    own records of the names already in it, whose aliases (市科委) mark the sentence too."""
    new = sum(1 for n in nodes if n.attrs.get("extracted"))
    rows = [(n.name_zh, n.type, _status(n), n.name_en, ", ".join(dict.fromkeys(n.aliases)), n.id) for n in nodes]
    cols = [c for i, c in enumerate(("中文", "type", "status", "English", "aliases", "id")) if any(r[i] for r in rows)]
    names = Table(title=_t(f"{len(nodes)} node(s): {new} new, {len(nodes) - new} already in the graph"))
    for col in cols:
        names.add_column(col, overflow="fold")
    keep = [i for i, c in enumerate(("中文", "type", "status", "English", "aliases", "id")) if c in cols]
    for r in rows:
        _row(names, *(r[i] for i in keep))
    by_id = {n.id: n for n in nodes}
    quotes = Quotes({**by_id, **(stored or {})}, width=EXTRACT_QUOTE_WIDTH)
    relations = _evidence_table(f"{len(edges)} relation(s), each with how sure and its sentence "
                                "[its characters in the file]", "relation")
    for i, e in enumerate(edges, 1):
        where = f" [{e.evidence[0].start}-{e.evidence[0].end}]" if e.evidence else ""
        head = f"{by_id[e.source].name_zh} —{e.type}→ {by_id[e.target].name_zh}   {e.attrs.get('confidence', 0):.2f}"
        _row(relations, str(i), f"{head}\n{quotes.cell(e, i)}{where}")
    return [names, relations]


def _status(node: Node) -> str:
    return f"new, {node.attrs.get('confidence', 0):.2f}" if node.attrs.get("extracted") else "in the graph"


def node_tables(node: Node) -> list[RenderableType]:
    """One node: its names, then (for a Metric) its figure in both languages, then every attribute
    with its name in Chinese and English."""
    out: list[RenderableType] = [nodes_table([node])]
    figure = metric_phrase(node, "zh")
    if figure:
        out += [Text(f"{node.name_zh}: {figure}"), Text(f"{node.name_en or node.name_zh}: {metric_phrase(node, 'en')}")]
    if node.attrs:
        table = Table(title=_t("attributes / 属性"))
        for col in ("属性", "attribute", "value"):
            table.add_column(col, overflow="fold")
        for key, value in attr_items(node.attrs):
            _row(table, attr_label(key, "zh"), attr_label(key, "en"), attr_text(value))
        out.append(table)
    return out


def attr_text(value) -> str:
    """An attribute's value at a terminal: yes/no in both languages, as the pages say it (a bare "True"
    reads as code to a planner: session 14 review, `show` of an extracted node), lists joined."""
    if isinstance(value, bool):
        return "是 / yes" if value else "否 / no"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def supporters_table(items: list[Supporter], title: str = "supporters", target: Node | None = None) -> Table:
    """One row per supporter; its other paths are named under its first ("+ via …")."""
    table = _evidence_table(title, "supporter", "type", "relation", "via", "evidence")
    quotes = Quotes()
    quotes.add_nodes([target])
    for i, s in enumerate(items, 1):
        quotes.add_nodes([s.node, s.via, *(p.via for p in s.paths)])
        via = name(s.via) if s.via else "(direct)"
        others = [p.via.name_zh for p in s.paths[1:] if p.via]
        if others:
            more = s.path_count - 1 - len(others)
            via += "\n+ via " + "、".join(others) + (f" and {more} more" if more > 0 else "")
        _row(table, str(i), name(s.node), s.node.type, s.relation, via, quotes.cell(s.path[0], i))
    return table


def fallback_tables(fallback: Fallback, center: Node | None = None) -> list[RenderableType]:
    """The one line saying what was not found, then what does support and relate, with evidence."""
    out: list[RenderableType] = [Text(fallback.message)]
    if fallback.supporters:
        shown = f" (the first {len(fallback.supporters)} of {fallback.supporters_total})" \
            if fallback.supporters_total > len(fallback.supporters) else ""
        out.append(supporters_table(fallback.supporters, f"supporters of every type{shown}", center))
    if fallback.related:
        out.append(related_table(fallback.related, fallback.related_total, center))
    return out


def related_table(items: list[Member], total: int, center: Node | None = None) -> Table:
    shown = f" (the first {len(items)} of {total})" if total > len(items) else ""
    table = _evidence_table(f"tied to it directly{shown}", "node", "type", "relation", "evidence")
    quotes = Quotes()
    quotes.add_nodes([center])
    for i, m in enumerate(items, 1):
        quotes.add_nodes([m.node])
        _row(table, str(i), name(m.node), m.node.type, m.edge.type, quotes.cell(m.edge, i))
    return table


def subgraph_tables(sub: Subgraph) -> list[Table]:
    by_id = {n.id: n for n in sub.nodes}
    edges = _evidence_table(f"{len(sub.edges)} edges", "source", "relation", "target", "evidence")
    quotes = Quotes(by_id)
    for i, e in enumerate(sub.edges, 1):
        _row(edges, str(i), by_id[e.source].name_zh, e.type, by_id[e.target].name_zh, quotes.cell(e, i))
    title = f"{len(sub.nodes)} nodes" + (f" ({sub.omitted} left out at the cap)" if sub.truncated else "")
    return [nodes_table(sub.nodes, title), edges]


def paths_tables(paths: list[Path]) -> list[Table]:
    tables = []
    for i, p in enumerate(paths, 1):
        table = _evidence_table(f"path {i}: {len(p.edges)} hop(s)", "from", "relation", "to", "evidence")
        by_id = {n.id: n for n in p.nodes}
        quotes = Quotes(by_id)
        for row, e in enumerate(p.edges, 1):
            _row(table, str(row), by_id[e.source].name_zh, e.type, by_id[e.target].name_zh, quotes.cell(e, row))
        tables.append(table)
    return tables


def zone_tables(profile: ZoneProfile) -> list[Table]:
    total = profile.counts.get("members", len(profile.members))
    shown = f" (the first {len(profile.members)})" if total > len(profile.members) else ""
    members = _evidence_table(f"{name(profile.zone)}: {total} members{shown}", "member", "type", "relation", "evidence")
    quotes = Quotes({profile.zone.id: profile.zone})
    for i, m in enumerate(profile.members, 1):
        quotes.add_nodes([m.node])
        _row(members, str(i), name(m.node), m.node.type, m.edge.type, quotes.cell(m.edge, i))
    fields = Table(title=_t("fields"))
    fields.add_column("field")
    fields.add_column("count")
    for f in profile.fields:
        _row(fields, name(f.node), str(f.count))
    metrics = Table(title=_t("indicators"))
    for col in ("indicator", "value", "unit", "period", "growth / share"):
        metrics.add_column(col)
    for m in profile.metrics:
        a = m.node.attrs
        extra = "、".join(f"{attr_label(k)} {a[k]}" for k in ("growth_pct", "share_pct") if k in a)
        _row(metrics, m.node.name_zh, f"{a.get('qualifier', '')}{a.get('value', '')}", str(a.get("unit", "")),
             str(a.get("period", "")), extra)
    for table, rows in ((fields, profile.fields), (metrics, profile.metrics)):
        if not rows:  # an empty grid read as a broken answer; say there is none
            table.caption = "(none in the graph)"
    total = profile.counts.get("supporters", len(profile.supporters))
    shown = f" (the first {len(profile.supporters)} of {total})" if total > len(profile.supporters) else ""
    return [members, supporters_table(profile.supporters, f"supporters{shown}", profile.zone), fields, metrics]


def ranked_table(items: list[Ranked], by: str, apart: str = "") -> Table:
    table = Table(title=_t(f"rank by {by}"), caption=apart or None)
    for col in ("#", "node", "type", by):
        table.add_column(col)
    for i, r in enumerate(items, 1):
        _row(table, str(i), name(r.node), r.node.type, f"{r.score:g}")
    return table


def bridges_table(items: list[Bridge]) -> Table:
    table = Table(title=_t("nodes tied to more than one zone"))
    for col in ("node", "type", "zones"):
        table.add_column(col, overflow="fold")
    for b in items:
        _row(table, name(b.node), b.node.type, "、".join(z.name_zh for z in b.zones))
    return table


def stats_table(stats: Stats) -> list[Table]:
    nodes = Table(title=_t(f"{stats.nodes} nodes ({stats.backend})"))
    nodes.add_column("type")
    nodes.add_column("count")
    for t, c in stats.nodes_by_type.items():
        _row(nodes, t, str(c))
    edges = Table(title=_t(f"{stats.edges} edges"))
    edges.add_column("type")
    edges.add_column("count")
    for t, c in stats.edges_by_type.items():
        _row(edges, t, str(c))
    return [nodes, edges]


def show(console: Console, *tables: Table) -> None:
    for table in tables:
        console.print(table)


def _items_table(title: str, items, nodes, ranked: bool = False) -> Table:
    """Rows of an `ask` answer (or of its fallback): node, type, relation, via, the first edge's evidence,
    and a ranking's count. A column no row fills is left out: a listing of policies printed three empty
    columns beside each name, and a ranking hid the counts it is ordered by."""
    quotes = Quotes({n.id: n for n in nodes})
    rows = []
    for i, item in enumerate(items, 1):
        quotes.add_nodes([item.node, item.via])
        rows.append({"#": str(i), "node": name(item.node), "type": item.node.type, "relation": item.relation or "",
                     "via": name(item.via) if item.via else "", "count": item.value_text() if ranked else "",
                     "evidence": quotes.cell(item.edges[0], i) if item.edges else ""})
    columns = ["node", "type"] + [c for c in ("count", "relation", "via", "evidence") if any(r[c] for r in rows)]
    whole = all("." not in r["count"] for r in rows)  # counts; a score (betweenness …) is no count
    headers = [("count" if whole else "score") if c == "count" else c for c in columns]
    table = _evidence_table(title, *headers)
    for r in rows:
        _row(table, r["#"], *(r[c] for c in columns))
    return table


def answer_tables(answer) -> list[RenderableType]:
    """An `ask` answer: the reading, the answer, its rows with evidence, then suggestions and notes.

    The question's own words are printed as plain Text, never as console markup.
    """
    out: list[RenderableType] = [Text(answer.interpretation, style="bold"), Text(answer.summary)]
    if answer.items:
        out.append(_items_table(f"{len(answer.items)} row(s)", answer.items, answer.nodes, answer.ranked()))
    if answer.related:  # the asked type had no answer: what does relate, with evidence
        out.append(_items_table(f"related: {len(answer.related)} row(s)", answer.related, answer.nodes))
    out += paths_tables(answer.paths)
    out += [Text("→ " + s) for s in answer.suggestions]
    out += [Text(n, style="dim") for n in answer.notes]
    if answer.link:
        out.append(Text(f"network: {answer.link}", style="dim"))
    return out
