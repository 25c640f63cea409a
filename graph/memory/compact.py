"""Folding the journal into a new snapshot after the write that made it due, off the request's path.

Why: a server write must cost its batch (issue 16). When a write's append makes the journal due
(journal.COMPACT_RECORDS / COMPACT_BYTES), folding it inline made that one request pay a whole
snapshot save (4 s wall at 100k nodes, 35 s at 1M under load). Folding it in "the next writer"
would only move that cost to another request. So the write is acknowledged after its append, as
any write, and a background thread of the same process folds:

1. Outside the data dir's lock, it writes the state the due write produced (journal position P;
   a state is never changed once readers hold it, fork.py) to `<snapshot>.fold-<pid>` and fsyncs.
   Writers keep appending to the journal meanwhile: no request waits for the save.
2. Under the lock (a few ms: the records appended since P, no graph-sized work), it checks that
   the snapshot and the journal are still the ones it folded (else another process saved or
   folded first: its file is dropped), writes the records past P to `<journal>.next` extending the
   new snapshot, renames the snapshot in, then `.next` over the journal (directory fsync between,
   so the renames reach the disk in that order).

A kill anywhere leaves a graph that opens: before the snapshot's rename, the old snapshot and the old
journal; between the renames, the new snapshot and `.next` (journal.read looks there, the next writer
renames it in: journal.settle); after, the new pair. A stale `.fold-<pid>` is removed once its pid
is gone (watch.remove_stale_temps). The process waits for a running fold before it exits (a
non-daemon thread): a CLI load prints its answer first, then finishes the fold.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from graph.memory import journal
from graph.memory.snapshot import _write_snapshot

FOLD_PREFIX = ".fold-"


def fold_path(snapshot: Path, pid: int | None = None) -> Path:
    return snapshot.with_name(f"{snapshot.name}{FOLD_PREFIX}{os.getpid() if pid is None else pid}")


def schedule(store, c, stamp, pos: journal.Position) -> threading.Thread | None:
    """Start folding `c` (the state at journal position `pos` over snapshot `stamp`) unless a fold of
    this store is already running (the next due write starts another)."""
    running = getattr(store, "_folding", None)
    if running is not None and running.is_alive():
        return None
    thread = threading.Thread(target=_fold_logged, args=(store, c, stamp, pos), name="innograph-fold")
    store._folding = thread
    thread.start()
    return thread


def wait(store, timeout: float | None = None) -> None:
    """Return once this store's fold (if any) is done."""
    running = getattr(store, "_folding", None)
    if running is not None:
        running.join(timeout)


def _fold_logged(store, c, stamp, pos) -> None:
    try:
        fold(store, c, stamp, pos)
    except Exception as exc:  # noqa: BLE001 - every write is in the journal already: nothing is lost
        journal.log.warning("could not fold the journal into %s: %s", store.path, exc)


def fold(store, c, stamp, pos: journal.Position) -> bool:
    """Fold the journal up to `pos` into a new snapshot of `c`; False if another process got there first."""
    from graph.memory.watch import disk_stamp, stamp_of

    path: Path = store.path
    tmp = fold_path(path)
    try:
        with open(tmp, "wb") as fh:  # the graph-sized part, with no lock held
            _write_snapshot(fh, c)
            fh.flush()
            os.fsync(fh.fileno())
            new = stamp_of(os.fstat(fh.fileno()))  # a rename keeps inode, size and mtime
        jp = journal.journal_path(path)
        with store.dir_lock().held():
            store.refresh()
            at = store._jpos
            if disk_stamp(path) != stamp or store._stamp != stamp or at is None or at.ino != pos.ino \
                    or at.end < pos.end:
                return False  # saved or folded meanwhile (this or another process): that state is newer
            journal.settle(jp, stamp)
            with open(jp, "rb") as fh:
                fh.seek(pos.end)
                tail = fh.read(at.end - pos.end)  # the complete records appended since the due write
            nxt = journal.next_path(jp)
            ino = journal.write_new(nxt, new, tail)
            with store._reloading:
                os.replace(tmp, path)
                journal._sync_dir(path.parent)
                os.replace(nxt, jp)
                size = journal.HEADER_SIZE + len(tail)
                store._stamp, store._jpos = new, journal.Position(ino, size, at.records - pos.records, size)
            journal._sync_dir(path.parent)
        return True
    finally:
        tmp.unlink(missing_ok=True)
