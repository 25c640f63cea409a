"""Search blocks built after a write commits, in transactions of bounded size.

Why: a first `write` of a large batch (100k nodes) built every block inside the write's transaction
and ran out of transaction memory (2 GB heap). Now such a write (more than INLINE names into a
database without blocks) only leaves a PENDING block, committed with the write; after the commit
`finish` drops the old blocks and creates the new ones a part at a time (PART statements of ROWS
blocks per transaction, like bulk_load's search phase), then swaps PENDING for the ready block.

While PENDING is there, search.py answers with the text index (right, at the old cost), and writes
leave the blocks alone and bump PENDING's `v`: a finish that read the names before such a write sees
`v` changed at its last step and builds again (ROUNDS at most; past them it stays pending). A crash
between the write and the end of `finish` leaves PENDING: the next write or `innograph reindex`
finishes it. Two finishers: each claims PENDING with its own token (the newest wins); every part, the
drops of the old blocks as well as the builds, locks PENDING and checks the token in its own
transaction, so a finisher taken over (a forced `reindex`) stops at its next transaction: before the
drops checked nothing, and one taken over between two drops deleted the new finisher's blocks, which
was then marked ready incomplete (tests/graph/test_neo4j_search_finish.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from graph.neo4j.search_blocks import MARK_READY, PENDING_KEY, READY_KEY
from graph.neo4j.search_build import block_chunks, stored_names

PART = 50    #: CREATE statements (of search_blocks.ROWS blocks each) per transaction
DROP = 20_000  #: blocks deleted per transaction
ROUNDS = 3   #: builds tried while writes keep changing names meanwhile
LEASE = 60_000  #: ms after its last part that a finisher counts as dead

#: Pending (from a write or reindex): the ready block goes, readers take the text index.
START = ("MERGE (p:SearchBlock {k: $k}) ON CREATE SET p.l = [], p.i = [], p.v = 0 "
         "SET p.v = coalesce(p.v, 0) + 1 WITH p OPTIONAL MATCH (r:SearchBlock {k: $ready}) DELETE r")
#: A write while pending: the names changed (a finish running meanwhile must build again).
BUMP = "MATCH (p:SearchBlock {k: $k}) SET p.v = coalesce(p.v, 0) + 1"
#: Lock first, then read: the owner and v seen are the last committed ones. A finisher whose last
#: part is younger than LEASE ms is left alone (unless forced: reindex); an older one has died.
CLAIM = ("MATCH (p:SearchBlock {k: $k}) SET p.w = true "
         "WITH p, ($force OR p.owner IS NULL OR p.owner = $token OR timestamp() - p.since > $lease) AS free "
         "FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | SET p.owner = $token, p.since = timestamp()) "
         "RETURN free, coalesce(p.v, 0) AS v")
MINE = ("MATCH (p:SearchBlock {k: $k}) SET p.w = true WITH p, p.owner = $token AS mine "
        "SET p.since = CASE WHEN mine THEN timestamp() ELSE p.since END RETURN mine, p.v AS v")
DROP_PART = ("MATCH (b:SearchBlock) WHERE b.k >= '0' WITH b LIMIT $n DELETE b RETURN count(*) AS n")
CLOSE = "MATCH (p:SearchBlock {k: $k}) DELETE p"


def start(tx) -> None:
    """Mark the blocks incomplete inside the caller's transaction (a large first write, reindex)."""
    tx.run(START, k=PENDING_KEY, ready=READY_KEY).consume()


def finish(run: Callable[[Callable[[Any], Any]], Any], force: bool = False) -> bool:
    """Build the blocks of the stored names in parts; True when they are complete (or nothing was
    pending), False when left pending (another finisher is at work, or names kept changing).
    `run(work)` runs work(tx) in a transaction of its own and commits it."""
    token = uuid.uuid4().hex
    for _ in range(ROUNDS):
        claimed = run(lambda tx: _claim(tx, token, force))
        if claimed is None:
            return True  # nothing pending: finished by another, or never started
        if claimed is False:
            return False  # a live finisher is at work: it will see this write's bump
        v, names = claimed
        while (dropped := run(lambda tx: _drop(tx, token))):
            pass
        if dropped is None:
            return False  # a newer finisher took over
        part: list = []
        for statement, params, _ in block_chunks(names):
            if statement != MARK_READY:
                part.append((statement, params))
            if len(part) >= PART:
                if not run(lambda tx, p=part: _part(tx, token, p)):
                    return False  # a newer finisher took over
                part = []
        if not run(lambda tx, p=part: _part(tx, token, p)):
            return False
        done = run(lambda tx: _close(tx, token, v, bool(names)))
        if done is not None:
            return done
    return False


def _claim(tx, token: str, force: bool):
    row = tx.run(CLAIM, k=PENDING_KEY, token=token, force=force, lease=LEASE).single()
    if row is None:
        return None
    return (row["v"], stored_names(tx)) if row["free"] else False


def _drop(tx, token: str) -> int | None:
    """Old blocks deleted (up to DROP), or None when another finisher owns the build now."""
    row = tx.run(MINE, k=PENDING_KEY, token=token).single()
    if row is None or not row["mine"]:
        return None
    return tx.run(DROP_PART, n=DROP).single()["n"]


def _part(tx, token: str, statements: list) -> bool:
    row = tx.run(MINE, k=PENDING_KEY, token=token).single()
    if row is None or not row["mine"]:
        return False
    for statement, params in statements:
        tx.run(statement, params).consume()
    return True


def _close(tx, token: str, v: int, any_name: bool):
    """True: complete (ready); False: another finisher owns it; None: names changed, build again."""
    row = tx.run(MINE, k=PENDING_KEY, token=token).single()
    if row is None or not row["mine"]:
        return False
    if row["v"] != v:
        return None
    tx.run(CLOSE, k=PENDING_KEY).consume()
    if any_name:
        tx.run(MARK_READY).consume()
    return True
