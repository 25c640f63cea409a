"""Two zones compared, as a table on the /ask page: each kind of relation a row, each zone's own and the
shared ones a column (session 17).

Why: "Compare E-Town and Future Science City" answered with one paragraph of 120 words ("Supporters: … 3, …
3; shared 2 (…); only …: …; only …: …. Members: …") over one list of 18 rows that did not say which zone each
row was for. A director compares across, not down: the table reads "fields: only BDA — biomedicine, …; both —
none; only Future Science City — hydrogen energy, …" at a glance. It is read from the answer's own rows and
their edges (graph/ask/compare.py gives each row the edges to the zones it belongs to), so it says nothing the
answer does not; the rows with their evidence stay below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.ask.compare_pages import edge_kind
from graph.model import Document, Node

#: the kinds graph/ask/compare.py compares, in its order, with their names on the page
KINDS = (("supporters", "支持方", "Supporters"), ("members", "成员", "Members"),
         ("fields", "重点领域", "Fields"), ("indicators", "指标", "Indicators"))


@dataclass
class CompareRow:
    kind: str
    zh: str
    en: str
    only_a: list[Node] = field(default_factory=list)
    both: list[Node] = field(default_factory=list)
    only_b: list[Node] = field(default_factory=list)


@dataclass
class CompareTable:
    a: Node
    b: Node
    rows: list[CompareRow]
    publishers: set[str]  #: Chinese names of the reports' authors: context, labelled so in the table


def compare_table(answer, documents: Sequence[Document] = ()) -> CompareTable | None:
    """The table of a compare answer (`answer.query == "compare"` with its two zones), else None."""
    refs = list((answer.params or {}).get("refs") or [])
    if answer.query != "compare" or len(refs) != 2:
        return None
    nodes = {n.id: n for n in answer.nodes}
    if not all(r in nodes for r in refs):
        return None
    rows = {kind: CompareRow(kind, zh, en) for kind, zh, en in KINDS}
    for item in answer.items:
        sides: dict[str, set[str]] = {}
        for edge in item.edges:
            for zone in refs:
                kind = edge_kind(edge, zone)
                if kind:
                    sides.setdefault(kind, set()).add(zone)
        for kind, zones in sides.items():
            row = rows[kind]
            target = row.both if len(zones) == 2 else row.only_a if refs[0] in zones else row.only_b
            target.append(item.node)
    return CompareTable(nodes[refs[0]], nodes[refs[1]], list(rows.values()),
                        {d.publisher for d in documents if d.publisher})
