"""Records on demand for the memory store: Node/Edge objects built from column values.

The columns hold plain values; a query wants pydantic records. Validating each one
again would cost more than the query, so records are built straight from values the
store already checked on the way in, with the cyclic collector paused while many are made.
"""

from __future__ import annotations

import copy

from graph.model import Edge, Evidence, Node

_NODE_FIELDS = frozenset(Node.model_fields)
_EDGE_FIELDS = frozenset(Edge.model_fields)
_EV_FIELDS = frozenset(Evidence.model_fields)


def _construct(cls, fields: frozenset, values: dict):
    """A record from values already known to be valid (what `model_construct` does, minus its loops)."""
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", values)
    object.__setattr__(record, "__pydantic_fields_set__", set(fields))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def _evidence(item: tuple) -> Evidence:
    doc, quote, start, end = item
    return _construct(Evidence, _EV_FIELDS, {"doc": doc, "quote": quote, "start": start, "end": end})


def _attr_key(attrs: dict):
    """A hashable key telling flat attribute maps apart exactly (1, 1.0, True and -0.0 differ), or None."""
    key = []
    for k, v in attrs.items():
        t = type(v)
        if t is str or t is int or t is bool or v is None:
            key.append((k, t, v))
        elif t is float:
            key.append((k, t, v.hex()))
        else:
            return None
    return tuple(key)


def _attrs_of(rep) -> dict:
    if rep is None:
        return {}
    if type(rep) is tuple:
        return dict(rep)
    return copy.deepcopy(rep)
