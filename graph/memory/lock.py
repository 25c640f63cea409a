"""One writer at a time per data dir, across processes: an exclusive flock on <data_dir>/.lock.

Before this lock, two processes on one data dir (a server and a CLI load, or two CLI
loads) each wrote their own state over the other's: both reported success, one write was
lost (issue 19). Now a write takes the lock, re-reads the snapshot on disk, applies itself
to that latest state, saves and releases, so every acknowledged write is in the file.

flock is advisory and per open file description: two opens in one process would block
each other, so the lock is also re-entrant within the process (a load holds it from its
first read to its write, and the store's write takes it again inside). A writer that
cannot get the lock within `timeout` seconds gets `Busy`, one clear line, instead of
waiting forever behind a stuck process. The kernel drops the lock when its holder dies,
even by SIGKILL, so a crashed writer never leaves the data dir locked.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import InnographError, StoreUnavailable

#: Seconds a writer waits for another process's write before it gives up (INNOGRAPH_LOCK_TIMEOUT).
LOCK_TIMEOUT = 60.0
POLL_SECONDS = 0.05


class Busy(InnographError):
    """Another writer held the data dir for longer than the lock timeout."""

    status = 409
    code = "busy"


class DataDirLock:
    """Exclusive, re-entrant within a process, bounded wait; `directory=None` locks the process only."""

    def __init__(self, directory: Path | None, timeout: float = LOCK_TIMEOUT):
        self.directory = Path(directory) if directory is not None else None
        self.timeout = timeout
        self._local = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        deadline = time.monotonic() + self.timeout
        if not self._local.acquire(timeout=self.timeout):
            raise self._busy()
        try:
            if self._depth == 0 and self.directory is not None:
                self._fd = self._acquire(deadline)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    fd, self._fd = self._fd, None
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
        finally:
            self._local.release()

    @contextmanager
    def idle(self) -> Iterator[bool]:
        """Whether no process is writing now (and none can start until the block ends)."""
        if self.directory is None or not self._local.acquire(blocking=False):
            yield False
            return
        try:
            if self._depth:
                yield False
                return
            try:
                fd = self._open()
            except OSError:  # a read-only data dir: nobody writes there
                yield False
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        finally:
            self._local.release()

    def _open(self) -> int:
        assert self.directory is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        return os.open(self.directory / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)

    def _acquire(self, deadline: float) -> int:
        try:
            fd = self._open()
        except OSError as exc:
            raise StoreUnavailable(f"cannot lock the data dir {self.directory}: {exc.strerror}") from None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise self._busy() from None
                time.sleep(POLL_SECONDS)

    def _busy(self) -> Busy:
        return Busy(f"the data dir {self.directory or '(in memory)'} is busy: another write held it for "
                    f"{self.timeout:g} s; nothing was stored, try again",
                    ["raise INNOGRAPH_LOCK_TIMEOUT to wait longer"])
