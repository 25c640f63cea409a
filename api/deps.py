"""What a request needs, as dependencies that tests replace with `app.dependency_overrides`.

    StoreDep    the app's graph store (the embedded one opened at startup, Neo4j on first use)
    QueriesDep  GraphQueries over that store
    RunDep      runs a query in the query pool under the time budget (504 past it)
    SettingsDep the app's settings

The store is opened once per app, not per request (the embedded one at startup:
GraphHolder.open_early), and closed when the app shuts down (create_app's lifespan).
Queries hold a shared lock and a load's write an exclusive one, so a reader never
sees half of a load; a load's parsing reads under the shared lock, and loads run
one at a time (GraphHolder.uploading).
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import Forbidden, Unauthorized
from graph.backends import open_store
from graph.errors import InnographError, QueryTimeout, StoreUnavailable
from graph.queries import GraphQueries
from graph.settings import Settings
from graph.store import Counts, GraphStore

log = logging.getLogger("innograph.api")
T = TypeVar("T")
QUERY_WORKERS = 16
#: Seconds /health may answer from the last count (counting is a scan on the embedded store).
COUNTS_TTL = 5.0


class ReadWriteLock:
    """Many readers or one writer; a waiting writer goes before new readers."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            self._cond.wait_for(lambda: not self._writing and not self._readers)
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class GraphHolder:
    """One app's store (opened lazily, once), its query pool, its read/write lock and its upload mutex."""

    def __init__(self, settings: Settings, store: GraphStore | None = None):
        self.settings = settings
        self.lock = ReadWriteLock()
        #: One load at a time, from its first read to its write: what it resolved stays true until it writes.
        self.uploading = threading.Lock()
        self._store = store
        self._owned = store is None
        self._opening = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._counted: tuple[GraphStore, float, Counts] | None = None

    def store(self) -> GraphStore:
        if self._store is None:
            with self._opening:
                if self._store is None:
                    self._store = self._open()
        return self._store

    def open_early(self) -> None:
        """Open the embedded store now, at startup (seconds for a 300k-enterprise snapshot), so the
        first request after a server start is answered from it instead of waiting for it; uvicorn
        runs the app's startup before it listens. A store that cannot be opened is left to the first
        request that needs it, which answers 503 as before. Neo4j opens on first use: a server down
        at startup must not hold up the app's start."""
        if self._store is not None or self.settings.backend != "memory":
            return
        try:
            self.store()
        except Exception as exc:  # noqa: BLE001 (the request that needs the store answers 503 and says why)
            log.warning("the store could not be opened at startup (%s); the first request will try again", exc)

    def _open(self) -> GraphStore:
        try:
            return open_store(self.settings)
        except InnographError:
            raise
        except Exception as exc:  # a driver's own error: the store is down, the detail is for the log
            log.exception("cannot open the %s store", self.settings.backend)
            raise StoreUnavailable(f"cannot open the {self.settings.backend} store") from exc

    def pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            with self._opening:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(QUERY_WORKERS, thread_name_prefix="innograph-query")
        return self._pool

    def counts(self, store: GraphStore) -> Counts:
        """The store's counts, at most COUNTS_TTL seconds old (a write through the API clears them)."""
        cached = self._counted
        if cached and cached[0] is store and time.monotonic() - cached[1] < COUNTS_TTL:
            return cached[2]
        counts = store.counts()
        self._counted = (store, time.monotonic(), counts)
        return counts

    def forget_counts(self) -> None:
        self._counted = None

    def close(self) -> None:
        """Stop the pool (running queries finish on their own) and close the store if the app opened it."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self._owned and self._store is not None:
            store, self._store = self._store, None
            store.close()


class Runner:
    """Run a read query in the pool; past the time budget answer 504 (the worker finishes alone)."""

    def __init__(self, holder: GraphHolder):
        self.holder = holder
        self.timeout = holder.settings.query_timeout

    def __call__(self, fn: Callable[..., T], /, *args, **kwargs) -> T:
        def job() -> T:
            with self.holder.lock.reading():
                return fn(*args, **kwargs)

        future = self.holder.pool().submit(job)
        done, _ = wait([future], timeout=self.timeout)
        if not done:
            future.cancel()
            raise QueryTimeout(f"the query ran past its {self.timeout:g} s budget; "
                               "narrow it (a smaller depth, a type filter, a more precise name)")
        return future.result()

    def read(self, fn: Callable[..., T], /, *args, **kwargs) -> T:
        """Run a load's reading in the calling thread, beside the queries (no time budget either)."""
        with self.holder.lock.reading():
            return fn(*args, **kwargs)

    def write(self, fn: Callable[..., T], /, *args, **kwargs) -> T:
        """Run a write in the calling thread, alone (no time budget: a load is not cut in half).
        A store that builds the new state beside the old (memory) keeps readers answering meanwhile."""
        if getattr(self.holder.store(), "builds_beside", False):
            try:
                return fn(*args, **kwargs)
            finally:
                self.holder.forget_counts()
        with self.holder.lock.writing():
            try:
                return fn(*args, **kwargs)
            finally:
                self.holder.forget_counts()


def holder(request: Request) -> GraphHolder:
    return request.app.state.graph


def get_settings(request: Request) -> Settings:
    return holder(request).settings


def get_store(request: Request) -> GraphStore:
    """The store as one consistent state for this request: the memory store's `current()` re-reads
    the snapshot when another process changed it and pins the request on one state."""
    store = holder(request).store()
    current = getattr(store, "current", None)
    return current() if current is not None else store


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_queries(store: StoreDep) -> GraphQueries:
    return GraphQueries(store)


def get_runner(request: Request) -> Runner:
    return Runner(holder(request))


QueriesDep = Annotated[GraphQueries, Depends(get_queries)]
RunDep = Annotated[Runner, Depends(get_runner)]

_bearer = HTTPBearer(auto_error=False, description="the admin token (settings.admin_token)")


def require_admin(settings: SettingsDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """401 without a bearer token, 403 with a wrong one (compared in constant time)."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized("this route needs 'Authorization: Bearer <admin token>'")
    given = credentials.credentials.encode("utf-8")
    if not settings.admin_token or not hmac.compare_digest(given, settings.admin_token.encode("utf-8")):
        raise Forbidden("the bearer token is not the admin token")
