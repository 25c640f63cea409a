"""Readable terminal tables for the CLI's query results (the --json form is the model itself)."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from graph.model import Edge, Node
from graph.results import Bridge, Path, Ranked, Stats, Subgraph, Supporter, ZoneProfile


def _t(title: str | None) -> Text | None:
    """Titles and cells as Text: names and quotes may contain [brackets] that are not markup."""
    return Text(title) if title else None


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(c) for c in cells))


def name(node: Node) -> str:
    return f"{node.name_zh} / {node.name_en}" if node.name_en else node.name_zh


def quote(edge: Edge, width: int = 60) -> str:
    if not edge.evidence:
        return ""
    q = edge.evidence[0].quote
    return q if len(q) <= width else q[: width - 1] + "…"


def nodes_table(nodes: list[Node], title: str = "") -> Table:
    table = Table(title=_t(title or None))
    for col in ("id", "type", "中文", "English", "aliases"):
        table.add_column(col)
    for n in nodes:
        _row(table, n.id, n.type, n.name_zh, n.name_en, ", ".join(n.aliases))
    return table


def supporters_table(items: list[Supporter], title: str = "supporters") -> Table:
    table = Table(title=_t(title))
    for col in ("supporter", "type", "relation", "via", "evidence"):
        table.add_column(col, overflow="fold")
    for s in items:
        _row(table, name(s.node), s.node.type, s.relation, name(s.via) if s.via else "(direct)",
                      quote(s.path[0]))
    return table


def subgraph_tables(sub: Subgraph) -> list[Table]:
    by_id = {n.id: n for n in sub.nodes}
    edges = Table(title=_t(f"{len(sub.edges)} edges"))
    for col in ("source", "relation", "target", "evidence"):
        edges.add_column(col, overflow="fold")
    for e in sub.edges:
        _row(edges, by_id[e.source].name_zh, e.type, by_id[e.target].name_zh, quote(e))
    title = f"{len(sub.nodes)} nodes" + (f" ({sub.omitted} left out at the cap)" if sub.truncated else "")
    return [nodes_table(sub.nodes, title), edges]


def paths_tables(paths: list[Path]) -> list[Table]:
    tables = []
    for i, p in enumerate(paths, 1):
        table = Table(title=_t(f"path {i}: {len(p.edges)} hop(s)"))
        for col in ("from", "relation", "to", "evidence"):
            table.add_column(col, overflow="fold")
        by_id = {n.id: n for n in p.nodes}
        for e in p.edges:
            _row(table, by_id[e.source].name_zh, e.type, by_id[e.target].name_zh, quote(e))
        tables.append(table)
    return tables


def zone_tables(profile: ZoneProfile) -> list[Table]:
    total = profile.counts.get("members", len(profile.members))
    shown = f" (the first {len(profile.members)})" if total > len(profile.members) else ""
    members = Table(title=_t(f"{name(profile.zone)}: {total} members{shown}"))
    for col in ("member", "type", "relation", "evidence"):
        members.add_column(col, overflow="fold")
    for m in profile.members:
        _row(members, name(m.node), m.node.type, m.edge.type, quote(m.edge))
    fields = Table(title=_t("fields"))
    fields.add_column("field")
    fields.add_column("count")
    for f in profile.fields:
        _row(fields, name(f.node), str(f.count))
    metrics = Table(title=_t("indicators"))
    for col in ("indicator", "value", "unit", "period"):
        metrics.add_column(col)
    for m in profile.metrics:
        a = m.node.attrs
        _row(metrics, m.node.name_zh, str(a.get("value", "")), str(a.get("unit", "")), str(a.get("period", "")))
    total = profile.counts.get("supporters", len(profile.supporters))
    shown = f" (the first {len(profile.supporters)} of {total})" if total > len(profile.supporters) else ""
    return [members, supporters_table(profile.supporters, f"supporters{shown}"), fields, metrics]


def ranked_table(items: list[Ranked], by: str) -> Table:
    table = Table(title=_t(f"rank by {by}"))
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


def answer_tables(answer) -> list[RenderableType]:
    """An `ask` answer: the reading, the answer, its rows with evidence, then suggestions and notes.

    The question's own words are printed as plain Text, never as console markup.
    """
    out: list[RenderableType] = [Text(answer.interpretation, style="bold"), Text(answer.summary)]
    if answer.items:
        table = Table(title=_t(f"{len(answer.items)} row(s)"))
        for col in ("node", "type", "relation", "via", "evidence"):
            table.add_column(col, overflow="fold")
        for item in answer.items:
            _row(table, name(item.node), item.node.type, item.relation or "",
                          name(item.via) if item.via else "", quote(item.edges[0]) if item.edges else "")
        out.append(table)
    if answer.related:  # the asked type had no answer: what does relate, with evidence
        related = Table(title=_t(f"related: {len(answer.related)} row(s)"))
        for col in ("node", "type", "relation", "via", "evidence"):
            related.add_column(col, overflow="fold")
        for item in answer.related:
            _row(related, name(item.node), item.node.type, item.relation or "",
                 name(item.via) if item.via else "", quote(item.edges[0]) if item.edges else "")
        out.append(related)
    out += paths_tables(answer.paths)
    out += [Text("→ " + s) for s in answer.suggestions]
    out += [Text(n, style="dim") for n in answer.notes]
    if answer.link:
        out.append(Text(f"network: {answer.link}", style="dim"))
    return out
