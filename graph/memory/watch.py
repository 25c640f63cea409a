"""The memory store shared by processes and threads: see others' writes, build beside, swap.

Three rules (issue 19), in a mixin of MemoryStore so store.py keeps only small hooks:

- A reader sees a write made by another process. The state remembers the stamp
  (device, inode, size, mtime) of the snapshot it came from and how far it read the
  journal beside it (graph/memory/journal.py); `refresh()` compares both with an os.stat
  each (microseconds), replays only the journal's new records, and re-reads the snapshot
  when it changed (a save or a compaction). The API calls
  it once per request (`current()`), the CLI opens the store fresh each time.
- A write is applied to the latest state on disk: it holds the data dir's lock
  (graph/memory/lock.py), catches up with the disk, applies itself to a private copy and
  appends its batch to the journal (fsync), so no acknowledged write of another process is lost.
- Readers are not stalled by a writer: the copy is built beside the state readers use,
  and only the rename of the snapshot and the swap of one reference are exclusive.
  `current()` hands each request a view pinned on one state, so a request that asks
  the store several things never mixes the state before a write with the state after.
"""

from __future__ import annotations

import gc
import glob
import mmap
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import LoadError, StoreUnavailable
from graph.memory import compact, journal
from graph.memory.columns import Columns
from graph.memory.fork import fork
from graph.memory.lazy import load_all
from graph.memory.lock import LOCK_TIMEOUT, Busy, DataDirLock
from graph.memory.snapshot import _write_snapshot

Stamp = tuple[int, int, int, int]


def stamp_of(st: os.stat_result) -> Stamp:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def disk_stamp(path: Path) -> Stamp | None:
    try:
        return stamp_of(os.stat(path))
    except FileNotFoundError:
        return None


def _settle() -> None:
    """Move what is alive now (the graph state, millions of small objects) out of the cyclic
    collector's reach: a full collection walks every tracked object while it holds the GIL, and
    over a 300k-node state that was 0.4-0.9 s during which no reader ran (measured: a 2 MB upload
    triggered ten such pauses). The state holds no reference cycles; what is freed later is still
    freed by reference counting."""
    gc.freeze()


#: From this many nodes on, a new state's id order is computed by the writer before the swap.
PREPARE_FROM = 20_000
_CHUNK = 10_000


def prepare(c: Columns) -> None:
    """Compute the new state's id order (walk.id_rank) before readers get it. Left to the first
    capped walk, it was one `sorted(range(n), key=...)` call that held the GIL 1-2 s on 300k
    nodes while every reader waited. Here the ids become a numpy array in small chunks (the
    other threads run between them) and numpy's stable argsort, which orders by code point as
    Python does, runs without the GIL. Ids ending in NUL (numpy drops those) keep the old way."""
    ids = c.ids
    if len(ids) < PREPARE_FROM or (c.rank is not None and len(c.rank) == len(ids)):
        return
    import numpy as np  # here: a CLI process that only reads never prepares

    parts = []
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at: at + _CHUNK]
        if "\x00" in "".join(chunk):
            return
        parts.append(np.array(chunk))
    width = max(p.dtype.itemsize for p in parts) // 4
    order = np.argsort(np.concatenate([p.astype(f"<U{width}") for p in parts]), kind="stable")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids), dtype=np.int64)
    c.rank = rank


def remove_stale_temps(path: Path, lock: DataDirLock) -> list[Path]:
    """Delete `<snapshot>.tmp-*` (and the journal's) left by killed writers, but only while no process is
    writing; and a fold's `<snapshot>.fold-<pid>` (written without the lock, compact.py) once its pid is gone."""
    stale = [Path(p) for p in glob.glob(glob.escape(str(path)) + compact.FOLD_PREFIX + "*")
             if not _alive(Path(p).name.rsplit(compact.FOLD_PREFIX, 1)[1])]
    with lock.idle() as idle:
        if idle:
            stale += [Path(p) for p in glob.glob(glob.escape(str(path)) + ".tmp-*")
                      + glob.glob(glob.escape(str(journal.journal_path(path))) + ".tmp-*")]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # another user's process
        return True
    return True


class SharedState:
    """What MemoryStore needs to share one data dir (it provides path, _c, _apply, _parse_snapshot)."""

    #: A write never changes the state readers hold: the API needs no exclusive lock around it.
    builds_beside = True
    _origin: SharedState | None = None
    _folding = None  #: the thread folding the journal (compact.py), if one ran
    _view: SharedState | None = None
    _stamp: Stamp | None = None
    _jpos: journal.Position | None = None  #: how far this state has read the journal (journal.py)
    _lazy = False

    def _init_shared(self, lock_timeout: float | None) -> None:
        self._lock_timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self._dirlock: DataDirLock | None = None
        self._reloading = threading.Lock()
        if self.path:
            remove_stale_temps(self.path, self.dir_lock())
            if self.path.exists():
                if self._lazy:  # the journal's records as an overlay over the mapped snapshot (overlay.py)
                    c, self._stamp, self._jpos, batches = self._open_parts()
                    self._c = c
                    if batches:
                        from graph.memory.overlay import Overlay

                        self._overlay = Overlay(c, batches)
                else:
                    self._c, self._stamp, self._jpos = self._open_snapshot()
                _settle()

    # ---- the state, and the overlay of a lazy open ----------------------

    _overlay = None  #: a lazy open's journal records not replayed yet (graph/memory/overlay.py)

    @property
    def _c(self) -> Columns:
        """The state every read and write uses. A lazy open's journal records are replayed onto the
        whole snapshot here, when first touched by a read the overlay cannot answer (`_reading`)."""
        if self.__dict__.get("_overlay") is not None:
            self._replay_overlay()
        return self.__dict__["_cols"]

    @_c.setter
    def _c(self, c: Columns) -> None:
        self.__dict__["_cols"], self.__dict__["_overlay"] = c, None

    def _reading(self, keeps=None) -> Columns:
        """The columns a read uses: the mapped snapshot while the journal's records cannot change its
        answer (`keeps(overlay)` true), else the whole replayed state."""
        overlay = self.__dict__.get("_overlay")
        if overlay is not None and keeps is not None and keeps(overlay):
            return overlay.base
        return self._c

    def _replay_overlay(self) -> None:
        """What a lazy open with journal records did before the overlay: the snapshot read whole, the
        records replayed, and the journal folded if no process is writing."""
        overlay = self.__dict__["_overlay"]
        self.__dict__["_overlay"] = None
        c = overlay.base
        load_all(c)
        for batch in overlay.batches:
            self._apply(c, batch)
        self._c = c
        self._fold_for_lazy_opens()

    def _fold_for_lazy_opens(self) -> None:
        """A lazy open (the CLI) that had to replay the journal reads the snapshot whole: fold the journal
        into a new snapshot once (a compaction), so this and later lazy opens map it again. Only if no
        process is writing (no wait: a read-only command must not stall behind a server's write); if the
        data dir is busy or read-only, the replayed state answers and a later open folds."""
        try:
            with self.dir_lock().idle() as idle:
                if not idle:
                    journal.log.info("%s is being written: the journal is folded by a later open", self.path)
                    return
                self._c, self._stamp, self._jpos = self._open_snapshot()
                if self._jpos is not None and self._jpos.records:
                    prepare(self._c)
                    self._save_columns(self._c)
                self._c, self._stamp, self._jpos = self._open_snapshot()
        except (OSError, LoadError, StoreUnavailable, Busy) as exc:
            journal.log.warning("could not fold the journal into %s: %s", self.path, exc)

    def dir_lock(self) -> DataDirLock:
        directory = self.path.parent if self.path else None
        if self._dirlock is None or self._dirlock.directory != directory:
            self._dirlock = DataDirLock(directory, self._lock_timeout)
        return self._dirlock

    # ---- readers -------------------------------------------------------

    def refresh(self) -> bool:
        """Adopt the snapshot another process wrote, if it changed; True if it did."""
        if self._origin is not None or not self.path:
            return False
        if disk_stamp(self.path) in (self._stamp, None):  # unchanged, or removed under us: keep ours
            return self._follow_journal()
        with self._reloading:
            if disk_stamp(self.path) in (self._stamp, None):
                return False
            c, stamp, jpos = self._open_snapshot()
            prepare(c)
            self._c, self._stamp, self._jpos = c, stamp, jpos
        _settle()
        return True

    def _follow_journal(self) -> bool:
        """Replay the records another process appended since this state was read (one os.stat when
        none were); a journal rotated or removed under the same snapshot stamp means a reopen."""
        if self._stamp is None:  # no snapshot read: no journal extends it
            return False
        path, at = journal.journal_path(self.path), self._jpos
        seen = disk_stamp(path)
        if seen is None and at is None or at is not None and seen is not None and seen[1:3] == (at.ino, at.size):
            return False
        if self.__dict__.get("_overlay") is not None:  # replayed (maybe folded) first: the positions are that state's
            self._replay_overlay()
            self.refresh()
            return True
        with self._reloading:
            batches, pos = journal.read(path, self._stamp, self._jpos)
            if pos is None or at is not None and pos.ino != at.ino:
                if pos is None and at is None:
                    return False
                c, stamp, pos = self._open_snapshot()
            elif not batches:
                self._jpos = pos
                return False
            else:
                load_all(self._c)
                c, stamp = fork(self._c), self._stamp
                for batch in batches:
                    self._apply(c, batch)
            prepare(c)
            self._c, self._stamp, self._jpos = c, stamp, pos
        _settle()
        return True

    def current(self):
        """A read-only view pinned on the latest state (after `refresh`); writes go to this store."""
        if self._origin is not None:
            return self._origin.current()
        self.refresh()
        view = self._view
        if view is None or view.__dict__["_cols"] is not self.__dict__["_cols"] or view._overlay is not self._overlay:
            view = object.__new__(type(self))
            view.__dict__.update(self.__dict__)
            view._origin, view._view = self, None
            self._view = view
        return view

    # ---- writers -------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator:
        """Hold the data dir (other writers wait) with the latest state; yields a view of it."""
        if self._origin is not None:
            with self._origin.writing() as fresh:
                yield fresh
            return
        with self.dir_lock().held():
            self.refresh()
            yield self.current()

    def _latest_copy(self) -> Columns:
        """A private copy of the latest state, for a write to change (call with the lock held, after
        `refresh`, so the state in memory is the one on disk): copied, not re-read (fork.py says why)."""
        load_all(self._c)  # a lazily opened state is read whole first
        return fork(self._c)

    def _commit(self, c: Columns, batch=None) -> None:
        """Make `c` durable and the state readers get; on failure nothing changes. With `batch` (what
        turned the state on disk into `c`) and a snapshot on disk, only the batch is appended to the
        journal (journal.py); past its size the journal is folded into a new snapshot."""
        if not self.path:
            self._c = c
            return
        prepare(c)
        if (batch is not None and self._stamp is not None and not _bulk(batch, c)
                and disk_stamp(self.path) == self._stamp):
            return self._journal(c, batch)
        try:
            self._save_columns(c)
        except OSError as exc:
            raise LoadError(f"could not write the graph to {self.path}: {exc}; nothing changed") from exc
        _settle()

    def _journal(self, c: Columns, batch) -> None:
        assert self.path is not None
        record = journal.encode(batch)
        try:
            journal.settle(journal.journal_path(self.path), self._stamp)
            pos = journal.append(journal.journal_path(self.path), self._stamp, self._jpos, record)
        except OSError as exc:
            raise LoadError(f"could not write the graph to {self.path}: {exc}; nothing changed") from exc
        with self._reloading:
            self._c, self._jpos = c, pos
        if journal.due(pos):  # folded by a thread once this write is acknowledged (compact.py says why)
            compact.schedule(self, c, self._stamp, pos)
        _settle()

    def _save_columns(self, c: Columns) -> None:
        """A temporary file, fsync, then rename over the old one; the swap happens with the rename."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
        try:
            with open(tmp, "wb") as fh:
                _write_snapshot(fh, c)
                fh.flush()
                os.fsync(fh.fileno())
                stamp = stamp_of(os.fstat(fh.fileno()))  # a rename keeps inode, size and mtime
            with self._reloading:
                os.replace(tmp, self.path)
                self._c, self._stamp, self._jpos = c, stamp, None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        journal.retire(journal.journal_path(self.path))  # its stamp is not the new snapshot's either way

    def _open_snapshot(self) -> tuple[Columns, Stamp, journal.Position | None]:
        """The snapshot, plus the journal's complete records replayed onto it."""
        c, stamp, pos, batches = self._open_parts()
        if batches:
            load_all(c)
            for batch in batches:
                self._apply(c, batch)
        return c, stamp, pos

    def _open_parts(self) -> tuple[Columns, Stamp, journal.Position | None, list]:
        """The snapshot (lazily mapped if this store is lazy) and the journal's complete records on it."""
        while True:  # a compaction between the two reads: the journal read may be the new snapshot's
            c, stamp = self._read_snapshot_file()
            batches, pos = journal.read(journal.journal_path(self.path), stamp)
            if disk_stamp(self.path) in (stamp, None):
                return c, stamp, pos, batches

    def _read_snapshot_file(self) -> tuple[Columns, Stamp]:
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                stamp = stamp_of(os.fstat(fh.fileno()))
                # lazily: a mapping keeps the inode it opened, so a save (a rename) never changes it
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if self._lazy and stamp[2] else fh.read()
        except OSError as exc:
            raise StoreUnavailable(f"the graph snapshot {self.path} cannot be read: {exc.strerror}") from exc
        return self._parse_snapshot(data, self.path), stamp


BULK_SHARE = 4  # a batch of more than a quarter of the graph it makes is written as a snapshot


def _bulk(batch, c: Columns) -> bool:
    """Whether a write is a bulk load rather than an edit: a batch of more than 1/BULK_SHARE of the
    resulting graph (a first load, a year's report into a small graph). Its snapshot costs about what its
    record would, and a journal holding it would make every later open replay it (JSON, in Python) and
    every CLI call pay an eager open until a fold; so it is saved as a snapshot, the journal retired."""
    return len(batch) * BULK_SHARE > len(c.ids) + len(c.esrc)
