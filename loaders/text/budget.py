"""A time budget for reading a report: past it, a clear error instead of a held worker.

Extraction is linear in the text, badly shaped text included (benchmarks/bench_extract.py: about 6 s for
1 MB of report text and 11 s for 1 MB with no punctuation on an idle two-core machine), but an upload may be up to 20 MiB and a Python thread cannot be killed
from outside. So the extractor stops itself: the CLI and the API allow each report
`limit(seconds)` (`INNOGRAPH_EXTRACT_TIMEOUT`), `extract_report` starts the clock
(`running()`), and the extractor's loops call `check()`, which raises `ExtractionTimeout`
once the report's time is up. Both live in context variables of the thread doing the
work, so concurrent uploads, and library calls without a limit, do not see each other's.
The error is a LimitExceeded (422 in the API, exit 2 in the CLI); nothing was written.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph.errors import LimitExceeded

_allowance: ContextVar[float | None] = ContextVar("innograph_extract_allowance", default=None)
_deadline: ContextVar[tuple[float, float] | None] = ContextVar("innograph_extract_deadline", default=None)


class ExtractionTimeout(LimitExceeded):
    code = "extraction_timeout"


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Each report read inside this block may take at most `seconds` (None: no limit)."""
    token = _allowance.set(seconds or None)
    try:
        yield
    finally:
        _allowance.reset(token)


@contextmanager
def running() -> Iterator[None]:
    """The clock of one report's reading (extract_report), if a limit is set."""
    seconds = _allowance.get()
    token = _deadline.set((time.monotonic() + seconds, seconds) if seconds else None)
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise ExtractionTimeout if the current report's deadline has passed (cheap: call it in loops)."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise ExtractionTimeout(
            f"reading the report took longer than its {deadline[1]:g} s budget (INNOGRAPH_EXTRACT_TIMEOUT); "
            "nothing was loaded", ["split the report into smaller files", "raise INNOGRAPH_EXTRACT_TIMEOUT"])
