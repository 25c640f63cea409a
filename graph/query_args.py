"""Argument checks and labels shared by the query modules (graph/queries.py and its parts)."""

from __future__ import annotations

from graph.errors import InvalidInput, LimitExceeded
from graph import limits
from graph.model import Node
from graph.schema import EDGE_TYPES, NODE_TYPES


def _check_limit(limit: int, offset: int) -> None:
    if not 1 <= limit <= limits.MAX_LIMIT:
        raise LimitExceeded(f"limit must be between 1 and {limits.MAX_LIMIT} (got {limit})")
    if offset < 0:
        raise InvalidInput("offset must not be negative")


def _node_type(name: str) -> str:
    for t in NODE_TYPES:
        if t.lower() == name.strip().lower():
            return t
    raise InvalidInput(f"unknown node type {name!r}", list(NODE_TYPES))


def _edge_type(name: str) -> str:
    for t in EDGE_TYPES:
        if t.lower() == name.strip().lower():
            return t
    raise InvalidInput(f"unknown relation {name!r}", list(EDGE_TYPES))


def _label(node: Node) -> str:
    names = " / ".join(n for n in (node.name_zh, node.name_en) if n)
    return f"{names} ({node.type}, {node.id})"
