"""Bulk writes into the memory store's columns: add or merge nodes and edges from rows.

A batch may carry compact rows instead of records (a `rows()` method on
`batch.nodes` / `batch.edges`); these loops write either without building records,
which is where loading a large graph spends its time.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import chain

from graph.memory import columns
from graph.errors import LoadError
from graph.memory.columns import _PACKED, Columns, _attach
from graph.memory.fork import own_edges, own_evidence, own_nodes, own_slot
from graph.memory.names import normalize_all
from graph.memory.records import _EDGE_FIELDS, _NODE_FIELDS, _construct
from graph.model import Edge, Node

def _refuse(missing: set[str]) -> None:
    if missing:
        ends = sorted(missing)
        raise LoadError(f"edges refer to {len(ends)} unknown node(s): {', '.join(ends[:10])}")


def _node_rows(nodes) -> Iterable[tuple]:
    rows = getattr(nodes, "rows", None)
    if rows is not None:
        return rows()
    return ((n.id, n.type, n.name_zh, n.name_en, n.aliases, n.attrs, n.sources) for n in nodes)


def _edge_rows(edges) -> Iterable[tuple]:
    rows = getattr(edges, "rows", None)
    if rows is not None:
        return rows()
    return ((e.source, e.type, e.target, e.attrs, e.evidence) for e in edges)


def _unless_empty(rows: Iterable[tuple]) -> Iterable[tuple] | None:
    """The rows, or None when there are none: an empty batch must not take its own copy of shared columns."""
    rows = iter(rows)
    first = next(rows, None)
    return None if first is None else chain((first,), rows)


def _put_nodes(c: Columns, rows: Iterable[tuple]) -> None:
    rows = _unless_empty(rows)
    if rows is None:
        return
    own_nodes(c)  # a fork shares the node columns with the readers' state until here (fork.py)
    ix, by_type = c.ix, c.by_type
    add_id, add_type, add_zh, add_en = c.ids.append, c.ntype.append, c.zh.append, c.en.append
    add_aliases, add_attr, add_sources = c.aliases.append, c.nattr.append, c.sources.append
    add_out, add_in = c.out.append, c.inn.append
    codes: dict[str, int] = {}
    memo: dict[int, tuple] = {}
    pending_nodes: list[int] = []
    pending_names: list[str] = []
    c.sorted_ids.clear()
    c.rank = None
    i = len(c.ids)
    for row in rows:
        node_id, type_, zh, en, aliases, attrs, sources = row
        old = ix.get(node_id)
        if old is not None:
            names = _merge_node(c, old, row)
            pending_nodes.extend([old] * len(names))
            pending_names.extend(names)
            continue
        code = codes.get(type_)
        if code is None:
            code = codes[type_] = c.node_code(type_)
            by_type.setdefault(code, [])
        ix[node_id] = i
        add_id(node_id)
        add_type(code)
        add_zh(zh)
        add_en(en)
        add_aliases(tuple(aliases) if aliases else ())
        if not attrs:
            add_attr(0)
        else:
            hit = memo.get(id(attrs))
            if hit is None:
                hit = memo[id(attrs)] = (attrs, c.attr_index(attrs))  # keeps attrs alive: ids stay unique
            add_attr(hit[1])
        add_sources(c.source_set(sources))
        add_out(None)
        add_in(None)
        by_type[code].append(i)
        if zh:
            pending_nodes.append(i)
            pending_names.append(zh)
        if en:
            pending_nodes.append(i)
            pending_names.append(en)
        for alias in aliases or ():
            if alias:
                pending_nodes.append(i)
                pending_names.append(alias)
        if len(pending_names) >= 50000:
            _index_names(c, pending_nodes, pending_names)
        i += 1
    _index_names(c, pending_nodes, pending_names)


def _index_names(c: Columns, nodes: list[int], names: list[str]) -> None:
    for i, key in zip(nodes, normalize_all(names)):
        c.names.add(key, i)
    nodes.clear()
    names.clear()


def _merge_node(c: Columns, i: int, row: tuple) -> list[str]:
    node_id, type_, zh, en, aliases, attrs, sources = row
    other = _construct(Node, _NODE_FIELDS, {"id": node_id, "type": type_, "name_zh": zh, "name_en": en,
                                            "aliases": list(aliases), "attrs": attrs, "sources": list(sources)})
    merged = c.node(i).merged(other)
    c.en[i] = merged.name_en
    c.aliases[i] = tuple(merged.aliases)
    c.nattr[i] = c.attr_index(merged.attrs)
    c.sources[i] = c.source_set(merged.sources)
    return merged.names


def _put_edges(c: Columns, rows: Iterable[tuple]) -> None:
    """Add or merge edges; an end that is not a node refuses the batch (after naming every such end)."""
    rows = _unless_empty(rows)
    if rows is None:
        return
    own_edges(c)  # a fork shares the edge columns with the readers' state until here (fork.py)
    forked = c.__dict__.get("cow") is not None
    ix, out, inn, etype = c.ix, c.out, c.inn, c.etype
    add_src, add_dst, add_type, add_attr = c.esrc.append, c.edst.append, etype.append, c.eattr.append
    memo: dict[int, tuple] = {}
    codes: dict[str, int] = {}
    missing: set[str] = set()
    edst, ecount = c.edst, c.ecount
    last_attrs, last_attr = None, 0
    e = len(etype)
    for source, type_, target, attrs, evidence in rows:
        s, t = ix.get(source), ix.get(target)
        if s is None or t is None:
            missing.update(end for end in (source, target) if end not in ix)
            continue
        code = codes.get(type_)
        if code is None:
            code = codes[type_] = c.edge_code(type_)
        a, b = out[s], inn[t]
        if a is _PACKED:
            a = c.slot(out, s)
        if b is _PACKED:
            b = c.slot(inn, t)
        if a is not None and b is not None:  # the edge may exist: look on the source's side if it is small
            kind = type(a)
            if kind is int:
                found = a if edst[a] == t and etype[a] == code else -1
            elif kind is array:
                found = -1
                for x in a:
                    if edst[x] == t and etype[x] == code:
                        found = x
                        break
            else:
                found = c.find_edge(s, t, code)  # a hub: whichever end has fewer edges of this type
            if found >= 0:
                _merge_edge(c, found, source, type_, target, attrs, evidence)
                continue
        if attrs is last_attrs:
            attr = last_attr
        elif not attrs:
            attr = 0
        else:
            hit = memo.get(id(attrs))
            if hit is None:
                hit = memo[id(attrs)] = (attrs, c.attr_index(attrs))  # keeps attrs alive: ids stay unique
            attr = hit[1]
            last_attrs, last_attr = attrs, attr
        add_src(s)
        add_dst(t)
        add_type(code)
        add_attr(attr)
        ecount[code] += 1
        if evidence:
            own_evidence(c)
            c.evidence[e] = tuple((v.doc, v.quote, v.start, v.end) for v in evidence)
        if forked:  # a node's array or hub dict may be the readers' too: copied before it grows
            if type(a) is array or type(a) is dict:
                a = own_slot(c, out, s)
            if type(b) is array or type(b) is dict:
                b = own_slot(c, inn, t)
        if a is None:
            out[s] = e
        elif type(a) is int:
            out[s] = array("i", (a, e))
        elif type(a) is array and len(a) < columns.HUB:
            a.append(e)
        else:
            _attach(out, s, e, code, etype)
        if b is None:
            inn[t] = e
        elif type(b) is int:
            inn[t] = array("i", (b, e))
        elif type(b) is array and len(b) < columns.HUB:
            b.append(e)
        else:
            _attach(inn, t, e, code, etype)
        e += 1
    _refuse(missing)


def _merge_edge(c: Columns, e: int, source, type_, target, attrs, evidence) -> None:
    other = _construct(Edge, _EDGE_FIELDS, {"source": source, "target": target, "type": type_,
                                            "attrs": attrs, "evidence": list(evidence)})
    merged = c.edge(e).merged(other)
    c.eattr[e] = c.attr_index(merged.attrs)
    items = tuple((v.doc, v.quote, v.start, v.end) for v in merged.evidence)
    if items or e in c.evidence:
        own_evidence(c)
    if items:
        c.evidence[e] = items
    else:
        c.evidence.pop(e, None)
