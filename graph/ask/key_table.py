"""A large store's gazetteer kept on disk and read by key: a question costs its own names (session 18).

Why: `graph.ask` found a question's names in a gazetteer of every node's names, aliases and id, built on a
store's first question (2.8 s at 15k nodes, minutes at 450k): `innograph ask` paid it on every call. Here
the same gazetteer is written once per graph state to an SQLite file (beside the snapshot, or in the user's
cache dir for Neo4j) and a later process reads from it only the keys its question can hold: the
substrings of the question no longer than the longest key (one query), the keys sharing a character pair
with an unmatched fragment within the lengths a fuzzy match allows, the keys of one length opening or ending
with one character (a typo), the keys holding every word of an English fragment. The table is written FROM
the whole gazetteer (`Gazetteer(nodes)`), so every derived key (brackets dropped, a zone's other names
in a place's plan) and every id is what the whole gazetteer holds, and a question reads the same names.

Tables: `keys` (key, the ids it names, whether it is an id's key), `types` (id -> type), `grams` ((pair,
key length) -> key rows), `ends` ((key length, first or last character) -> Chinese key rows of
TYPO_MIN_CHARS or more), `loose` (an English key's loose word -> key rows), `latin` (every Latin word of a
key: graph/ask/spelling.py leaves them to names), `meta` (the graph state it was built from, the key lengths).
A posting is an array of int32 row numbers. The file is replaced whole (written beside, then renamed).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

VERSION = 1
#: A list of values travels as ONE parameter, a JSON array read by `json_each(?)`: no statement is ever built from
#: values (tests/faults/test_injection.py scans for that), and no limit on bound parameters applies.
_LATIN_WORD = re.compile(r"[a-z]+")

SCHEMA = (
    "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
    "CREATE TABLE keys (row INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, ids TEXT NOT NULL, id_key INTEGER)",
    "CREATE TABLE types (id TEXT PRIMARY KEY, type TEXT) WITHOUT ROWID",
    "CREATE TABLE grams (g TEXT, n INTEGER, post BLOB, PRIMARY KEY (g, n)) WITHOUT ROWID",
    "CREATE TABLE ends (n INTEGER, ch TEXT, pos INTEGER, post BLOB, PRIMARY KEY (n, ch, pos)) WITHOUT ROWID",
    "CREATE TABLE loose (w TEXT PRIMARY KEY, post BLOB) WITHOUT ROWID",
    "CREATE TABLE latin (w TEXT PRIMARY KEY) WITHOUT ROWID",
)


def write(gaz, path: Path, signature: str) -> None:
    """Write `gaz` (a whole Gazetteer) to `path` for the graph state `signature`, replacing any file there."""
    from graph.ask.gazetteer import TYPO_MIN_CHARS, _bigrams, _loose_words, has_cjk

    tmp = path.with_name(f"{path.name}.build-{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        for statement in SCHEMA:
            db.execute(statement)
        keys = sorted(gaz.names)
        db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)",
                       ((row, key, "\n".join(sorted(gaz.names[key])), int(key in gaz.id_keys))
                        for row, key in enumerate(keys)))
        db.executemany("INSERT INTO types VALUES (?, ?)", sorted(gaz.types.items()))
        grams: dict = defaultdict(lambda: array("i"))
        ends: dict = defaultdict(lambda: array("i"))
        loose: dict = defaultdict(lambda: array("i"))
        latin: set[str] = set()
        for row, key in enumerate(keys):
            n = len(key)
            for gram in _bigrams(key):
                grams[gram, n].append(row)
            if n >= TYPO_MIN_CHARS and has_cjk(key):
                ends[n, key[0], 0].append(row)
                ends[n, key[-1], 1].append(row)
            for word in _loose_words(key):
                if word.isascii() and word.isalnum():
                    loose[word].append(row)
            latin.update(_LATIN_WORD.findall(key))
        db.executemany("INSERT INTO grams VALUES (?, ?, ?)", ((g, n, p.tobytes()) for (g, n), p in grams.items()))
        db.executemany("INSERT INTO ends VALUES (?, ?, ?, ?)",
                       ((n, ch, pos, p.tobytes()) for (n, ch, pos), p in ends.items()))
        db.executemany("INSERT INTO loose VALUES (?, ?)", ((w, p.tobytes()) for w, p in loose.items()))
        db.executemany("INSERT INTO latin VALUES (?)", ((w,) for w in sorted(latin)))
        meta = {"version": VERSION, "signature": signature, "lengths": gaz.lengths, "longest_cjk": gaz.longest_cjk,
                "nodes": len(gaz.types)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v)) for k, v in meta.items()))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)


class KeyTable:
    """One open table: the reads a question makes, each one query (thread-safe: one lock)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.meta = {k: json.loads(v) for k, v in self._db.execute("SELECT k, v FROM meta")}
        if self.meta.get("version") != VERSION:
            raise ValueError(f"key table version {self.meta.get('version')}")

    def close(self) -> None:
        self._db.close()

    def _all(self, sql: str, args: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    def _in(self, sql: str, *lists: list) -> list[tuple]:
        """`sql` whose `json_each(?)` parameters are `lists`, each sent as one JSON array."""
        return self._all(sql, [json.dumps(values) for values in lists]) if all(lists) else []

    def names(self, keys: Iterable[str]) -> dict[str, tuple[frozenset[str], bool]]:
        """key -> (the ids it names, whether it is an id's key), for the keys of `keys` in the table."""
        rows = self._in("SELECT key, ids, id_key FROM keys WHERE key IN (SELECT value FROM json_each(?))",
                        sorted(set(keys)))
        return {key: (frozenset(ids.split("\n")), bool(id_key)) for key, ids, id_key in rows}

    def keys_of_rows(self, rows: Iterable[int]) -> dict[str, tuple[frozenset[str], bool]]:
        found = self._in("SELECT key, ids, id_key FROM keys WHERE row IN (SELECT value FROM json_each(?))",
                         sorted(set(rows)))
        return {key: (frozenset(ids.split("\n")), bool(id_key)) for key, ids, id_key in found}

    def types(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._in("SELECT id, type FROM types WHERE id IN (SELECT value FROM json_each(?))",
                             sorted(set(ids))))

    def gram_rows(self, grams: Iterable[str], lengths: Iterable[int]) -> set[int]:
        """Rows of the keys holding one of `grams` whose length is one of `lengths`."""
        lengths = sorted(set(lengths))
        if not lengths:
            return set()
        rows: set[int] = set()
        for (post,) in self._in("SELECT post FROM grams WHERE g IN (SELECT value FROM json_each(?))"
                                " AND n IN (SELECT value FROM json_each(?))",
                                sorted(set(grams)), lengths):
            rows.update(array("i", post))
        return rows

    def end_rows(self, wanted: Iterable[tuple[int, str, int]]) -> set[int]:
        rows: set[int] = set()
        for n, ch, pos in set(wanted):
            for (post,) in self._all("SELECT post FROM ends WHERE n = ? AND ch = ? AND pos = ?", (n, ch, pos)):
                rows.update(array("i", post))
        return rows

    def loose_rows(self, words: Iterable[str]) -> set[int]:
        """Rows of the English keys whose loose words hold every one of `words` (rarest posting first)."""
        words = sorted(set(words))
        posts = dict(self._in("SELECT w, post FROM loose WHERE w IN (SELECT value FROM json_each(?))", words))
        if len(posts) < len(words):
            return set()
        rows: set[int] | None = None
        for post in sorted(posts.values(), key=len):
            got = set(array("i", post))
            rows = got if rows is None else rows & got
            if not rows:
                return set()
        return rows or set()

    def latin_among(self, words: Iterable[str]) -> frozenset[str]:
        return frozenset(w for (w,) in self._in("SELECT w FROM latin WHERE w IN (SELECT value FROM json_each(?))",
                                                 sorted({w for w in words if isinstance(w, str)})))
