"""Helpers for bulk work that allocates millions of small objects."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


_lock = threading.Lock()
_pausing = 0          #: threads inside gc_paused() now
_resume = False       #: whether the collector was on when the first of them came in


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: bulk loads allocate millions of records and tuples that hold
    no cycles, and a collection every 700 of them only costs time (DESIGN.md: 130 s -> 63 s).

    Counted across threads: the collector comes back when the last thread leaves, not when the
    first does (a query's records in the API would otherwise switch it back on in the middle of
    a load running beside it, whose collections then stalled every reader for up to 1.3 s)."""
    global _pausing, _resume
    with _lock:
        if _pausing == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            if _pausing == 0 and _resume:
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
