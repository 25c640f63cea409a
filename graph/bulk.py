"""Helpers for bulk work that allocates millions of small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: bulk loads allocate millions of records and tuples that hold
    no cycles, and a collection every 700 of them only costs time (DESIGN.md: 130 s -> 63 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def without_gc(fn):
    """`fn` with the cyclic collector paused: a page or a profile builds a few thousand acyclic
    records, and a full collection it happens to trigger walks the whole graph's objects, a cost
    that grows with the graph, not with the page (issue 16)."""
    import functools

    @functools.wraps(fn)
    def run(*args, **kwargs):
        with gc_paused():
            return fn(*args, **kwargs)
    return run
