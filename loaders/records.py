"""Raw rows (from YAML or CSV) -> validated Node and Edge records.

Both tabular loaders share this: the same keys, the same checks, the same
rejection reasons, so a row means the same thing in either format.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from pydantic import ValidationError

from graph.model import Edge, Evidence, Node, node_id
from graph.schema import pattern_error
from loaders.evidence import locate
from loaders.guards import check_names
from loaders.resolve import NameResolver

NODE_KEYS = {"id", "type", "name_zh", "name_en", "aliases", "attrs", "sources"}
EDGE_KEYS = {"source", "type", "target", "quote", "occurrence", "doc", "attrs", "evidence"}


def make_node(row: dict[str, Any], resolver: NameResolver, default_sources: list[str]) -> Node:
    """A node from a row, merged into the node it duplicates; ValueError says what is wrong."""
    unknown = set(row) - NODE_KEYS
    if unknown:
        raise ValueError(f"unknown node field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(NODE_KEYS))}")
    for key in ("type", "name_zh"):
        if not row.get(key) or not isinstance(row[key], str):
            raise ValueError(f"node needs a text '{key}'")
    _check_kind(row, "name_en", str, "a text")
    _check_kind(row, "id", str, "a text")
    _check_kind(row, "attrs", dict, "a mapping")
    for key in ("aliases", "sources"):
        items = row.get(key) or []
        if not isinstance(items, list) or not all(isinstance(a, str) for a in items):
            raise ValueError(f"'{key}' must be a list of names")
    check_names(row)  # length and control characters (loaders/guards.py)
    aliases = row.get("aliases") or []
    name_en = row.get("name_en") or ""
    names = [row["name_zh"], name_en]
    given = row.get("id")
    nid = given or resolver.existing_id(row["type"], [n for n in names if n]) \
        or node_id(row["type"], name_en, row["name_zh"])
    try:
        node = Node(id=str(nid), type=row["type"], name_zh=row["name_zh"], name_en=name_en,
                    aliases=[a for a in aliases if a not in names], attrs=plain_attrs(row.get("attrs")),
                    sources=row.get("sources") or list(default_sources))
    except ValidationError as exc:
        raise ValueError(_pydantic_reason(exc)) from None
    known_type = resolver.type_of(node.id)
    if known_type and known_type != node.type:
        raise ValueError(f"id {node.id!r} is already a {known_type}, not a {node.type}")
    return resolver.add(node)


def make_edge(row: dict[str, Any], resolver: NameResolver, texts: dict[str, str],
              default_doc: str | None) -> Edge:
    unknown = set(row) - EDGE_KEYS
    if unknown:
        raise ValueError(f"unknown edge field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(EDGE_KEYS))}")
    for key in ("source", "type", "target"):
        if not row.get(key) or not isinstance(row[key], str):
            raise ValueError(f"edge needs a text '{key}'")
    _check_kind(row, "quote", str, "a text")
    _check_kind(row, "doc", str, "a text")
    _check_kind(row, "attrs", dict, "a mapping")
    _check_kind(row, "evidence", list, "a list")
    source, target = resolver.resolve(row["source"]), resolver.resolve(row["target"])
    problem = pattern_error(_type(resolver, source), str(row["type"]), _type(resolver, target))
    if problem:
        raise ValueError(problem)
    evidence = [_evidence(item) for item in row.get("evidence") or []]
    if row.get("quote"):
        doc = row.get("doc") or default_doc
        if not doc or doc not in texts:
            raise ValueError(f"quote needs a document with text; known: {', '.join(sorted(texts)) or 'none'}")
        occurrence = row.get("occurrence")
        if occurrence is not None and (not isinstance(occurrence, int) or isinstance(occurrence, bool)):
            raise ValueError("'occurrence' must be a whole number")
        evidence.append(locate(texts[doc], doc, str(row["quote"]), occurrence))
    try:
        return Edge(source=source, target=target, type=row["type"], attrs=plain_attrs(row.get("attrs")),
                    evidence=evidence)
    except ValidationError as exc:
        raise ValueError(_pydantic_reason(exc)) from None


def plain_attrs(attrs: dict[str, Any] | None) -> dict[str, Any]:
    """Attributes as plain JSON values (dates become ISO text), so every backend and export can hold them."""
    try:
        return json.loads(json.dumps(attrs or {}, default=_iso_date, allow_nan=False, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"'attrs' must hold text, numbers, lists and mappings: {exc}") from None


def _iso_date(value: Any) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a plain value")


def _check_kind(row: dict[str, Any], key: str, kind: type, what: str) -> None:
    value = row.get(key)
    if value is not None and not isinstance(value, kind):
        raise ValueError(f"'{key}' must be {what}, not {type(value).__name__}")


def _evidence(item: Any) -> Evidence:
    if not isinstance(item, dict):
        raise ValueError("each evidence item must be a mapping with doc, quote, start, end")
    try:
        return Evidence(**item)
    except (ValidationError, TypeError) as exc:
        raise ValueError(f"bad evidence: {_pydantic_reason(exc) if isinstance(exc, ValidationError) else exc}") from None


def _type(resolver: NameResolver, nid: str) -> str:
    return resolver.type_of(nid) or "?"


def _pydantic_reason(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors())
