"""The zone rollup index on Neo4j: a hub's supporter rows, counts and profile lists, kept by every write.

Why: without it a zone's first supporters page made the server collect every member and every
member's support edges, shipped all rows to Python and sorted them there (15 s at 1M nodes), and a
profile read every edge of the zone. Here every node with at least `INDEX_DEGREE` edges (a hub)
keeps, on the server (layout and key encoding: graph/neo4j/zone_cypher.py):

- one `ZoneRow` per supporter row, keyed in the answer order of `GraphQueries.supporters_page`
  (graph/cursor.py row_key), so a page is one index-ordered range seek (`k > $after ... LIMIT`), a
  typed page at most two (the supporter type is the key's second part), a cursor is the lower bound;
- counters per (via, supporter type) and per field, updated in the write's own transaction;
- one `ZoneRow` per profile-list entry (members, parents, metrics, partners, leaders) in edge-key
  order; list sizes come from Neo4j's degree store.

Maintenance per write reads only the neighbourhood of each new edge's non-hub end (its member
edges, its support or focus edges); a node that reaches INDEX_DEGREE is built whole once, and
`replace`/`reindex` build every hub on the server in a few statements. Writes only add edges (a
repeated edge merges evidence, which no key depends on); data written outside innograph is found
by `check` and put right by `rebuild`. Nodes below the threshold answer as before (None here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import islice

from graph.neo4j import zone_cypher as zc
from graph.schema import MEMBER_EDGES, PROFILE_LISTS, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

INDEX_DEGREE = 64  #: nodes with at least this many edges keep an index (tests lower it)
CHUNK = 2000  #: rows per UNWIND statement
_ALL = 2 ** 62  #: LIMIT of a window without a limit
SEP = "\x00"

LISTS = PROFILE_LISTS  #: the profile's lists (graph/schema.py), kept per hub
_PROFILE = {"parents": ("parents",), "members": ("members",), "metrics": ("metrics",),
            "partners": ("partners_out", "partners_in"), "leaders": ("leaders",)}
_FAR = {"parents": 2, "members": 0, "metrics": 0, "partners": None, "leaders": 2}


# ---- keys (the Cypher statements build the same strings on the server) ---------------------

def enc(text: str) -> str:
    return text.replace("\x01", "\x01\x02").replace("\x00", "\x01\x01")


def row_key(z: str, key: tuple) -> str:
    """The stored key of supporter row `key` (graph/cursor.py row_key) of hub z."""
    via, supporter_type, supporter, member, led, edge_type = key
    return SEP.join((enc(z), "S", "1" if via else "0", supporter_type, enc(supporter), enc(member),
                     str(led), edge_type))


def list_key(z: str, name: str, key: tuple) -> str:
    return SEP.join((enc(z), "L", name, enc(key[0]), key[1], enc(key[2])))


def _prefix(*parts: str) -> tuple[str, str]:
    """(lo, hi): every key that starts with these parts lies strictly between them."""
    head = SEP.join(parts)
    return head + SEP, head + "\x01"


# ---- reading ---------------------------------------------------------------------------------

def counters(tx, z: str) -> dict | None:
    """{"S": {(via, type): rows}, "G": {(via, type): supporters}, "F": {field: n}} of hub z, or None when z
    keeps no index."""
    lo, hi = _prefix(enc(z))
    out: dict = {"S": {}, "G": {}, "F": {}}
    hub = False
    for r in tx.run(zc.COUNTERS, lo=lo, hi=hi):
        parts = r["k"][len(lo):].split(SEP)
        if parts[0] == "H":
            hub = True
        elif parts[0] in ("S", "G"):
            out[parts[0]][(parts[1] == "1", parts[2])] = r["n"]
        elif parts[0] == "F":
            out["F"][r["f"]] = r["n"]
    return out if hub else None


def after_key(z: str, after: bytes) -> str:
    """The stored-key position of a cursor (graph/cursor.py sort_bytes: the row key's fields in UTF-8
    joined by NUL). A cursor this server gave splits into the six fields and maps exactly; any other
    well-formed one is taken as the text it decodes to (a position, as the memory store takes it)."""
    parts = after.split(b"\0")
    try:
        if len(parts) == 6 and parts[0] in (b"0", b"1") and parts[4] in (b"0", b"1"):
            via, kind, supporter, member, led, edge = (p.decode("utf-8") for p in parts)
            return row_key(z, (via == "1", kind, supporter, member, int(led), edge))
    except UnicodeDecodeError:
        pass
    return SEP.join((enc(z), "S", after.decode("utf-8", "replace")))


def window(tx, z: str, ns: str, by: dict, wanted: str | None, offset: int, limit: int | None,
           start: str | None) -> tuple[int, list[dict]]:
    """(entries in all of the wanted supporter type, the records (k, s, t, d, n) of the asked window) of
    hub z's entries in namespace `ns` ("S": rows, "G": supporters), counted per (via, type) by `by`,
    from offset `offset` after the stored-key position `start`."""
    if wanted is None:
        ranges = [(_prefix(enc(z), ns), sum(by.values()))]
    else:
        ranges = [(_prefix(enc(z), ns, via, wanted), by.get((via == "1", wanted), 0)) for via in ("0", "1")]
    total = sum(n for _, n in ranges)
    rows: list = []
    skip, room = offset, _ALL if limit is None else limit
    for (lo, hi), size in ranges:
        if room <= len(rows):
            break
        if start is not None:
            if start >= hi:
                continue
            if start > lo:
                lo = start
                if skip:  # rare: a cursor and an offset; the range's rest must be counted
                    size = tx.run(zc.COUNT_RANGE, lo=lo, hi=hi).single()["n"]
        if skip >= size:
            skip -= size
            continue
        rows += tx.run(zc.PAGE, lo=lo, hi=hi, skip=skip, n=room - len(rows)).data()
        skip = 0
    return total, rows


def _member_of(tx, z: str, members: set[str]) -> dict[str, tuple]:
    """Each member's member edge into z; PART_OF where it has both (the last key, as before)."""
    found: dict[str, str] = {}
    for r in tx.run(zc.MEMBER_TYPES, z=z, ids=sorted(members)):
        found[r["id"]] = max(found.get(r["id"], ""), r["t"])
    return {m: (m, t, z) for m, t in found.items()}


def profile_window(tx, z: str, most: int):
    """({list: (first `most` edge keys, index of the far end, how many in all)}, {field: count}) or None."""
    counts = counters(tx, z)
    if counts is None:
        return None
    sizes = tx.run(zc.LIST_SIZES, z=z).single()
    lists = {}
    for name, parts in _PROFILE.items():
        keys: list = []
        for part in parts:
            lo, hi = _prefix(enc(z), "L", part)
            keys += [(r["s"], r["t"], r["d"]) for r in tx.run(zc.PAGE, lo=lo, hi=hi, skip=0, n=most)]
        lists[name] = (keys[:most], _FAR[name], sizes[name])
    return lists, counts["F"]


# ---- building --------------------------------------------------------------------------------

def rebuild(tx) -> int:
    """Drop the index and build it again for every node of degree >= INDEX_DEGREE; returns the hubs."""
    tx.run(zc.CLEAR).consume()
    hubs = [r["id"] for r in tx.run(zc.HUBS, min=INDEX_DEGREE)]
    build(tx, hubs)
    return len(hubs)


def build(tx, hubs: list[str]) -> None:
    """The whole index of each of `hubs` (which keep none yet), on the server."""
    from graph.neo4j import zone_groups

    for chunk in _chunks(hubs, 50):
        for statement in (zc.BUILD_MARKERS, zc.BUILD_ROWS, zone_groups.BUILD_HEADS, zc.BUILD_FIELDS,
                          zc.BUILD_LISTS):
            tx.run(statement, hubs=chunk, **zc.ENC_PARAMS).consume()


def after_write(tx, new_keys: Iterable[tuple]) -> None:
    """Bring the index up to date with the edges this write created (already stored, same transaction)."""
    from graph.neo4j import zone_groups

    new = list(dict.fromkeys(new_keys))
    if not new:
        return
    pairs = _new_memberships(tx, new)
    skip: dict[str, list[str]] = defaultdict(list)
    for m, z in pairs:
        skip[m].append(z)
    support, focus, listed = [], [], []
    for s, t, d in new:
        if t in SUPPORT_EDGES_IN or t in SUPPORT_EDGES_OUT:
            u = s if t in SUPPORT_EDGES_OUT else d
            support.append({"s": s, "t": t, "d": d, "skip": skip.get(u, [])})
        elif t == "FOCUSES_ON":
            focus.append({"s": s, "d": d, "skip": skip.get(s, [])})
        for name, (types, end) in LISTS.items():
            if t in types:
                holder = d if end else s
                listed.append({"h": SEP.join((enc(holder), "H")), "k": list_key(holder, name, (s, t, d)),
                               "s": s, "t": t, "d": d})
    member_rows = [{"m": m, "z": z} for m, z in pairs]
    added: dict[tuple[str, str, str], int] = defaultdict(int)  # (hub, type, supporter) -> rows added
    for statement, rows in ((zc.ADD_SUPPORT, support), (zc.ADD_MEMBER_ROWS, member_rows),
                            (zc.ADD_MEMBER_FIELDS, member_rows), (zc.ADD_FOCUS, focus),
                            (zc.ADD_LIST_ROWS, listed)):
        for chunk in _chunks(rows, CHUNK):
            for r in tx.run(statement, rows=chunk, **zc.ENC_PARAMS):
                for supporter, n in r.get("got") or ():
                    added[(r["ez"], r["st"], enc(supporter))] += n
    zone_groups.after_rows(tx, added, zc.ENC_PARAMS)
    ends = list(dict.fromkeys(end for s, _, d in new for end in (s, d)))
    hubs = [r["id"] for chunk in _chunks(ends, CHUNK)
            for r in tx.run(zc.NEW_HUBS, ids=chunk, min=INDEX_DEGREE, **zc.ENC_PARAMS)]
    build(tx, hubs)


def _new_memberships(tx, new: list[tuple]) -> list[tuple[str, str]]:
    """The (member, container) pairs, member != container, whose member edges are all new in this write."""
    new_types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, t, d in new:
        if t in MEMBER_EDGES and s != d:
            new_types[(s, d)].add(t)
    ask = [{"m": m, "z": z, "types": sorted(set(MEMBER_EDGES) - types)}
           for (m, z), types in new_types.items() if set(MEMBER_EDGES) - types]
    old = {(r["m"], r["z"]) for chunk in _chunks(ask, CHUNK)
           for r in tx.run(zc.OLD_MEMBERSHIP, rows=chunk) if r["old"]}
    return [pair for pair in new_types if pair not in old]


# ---- checking ----------------------------------------------------------------------------------

def snapshot(tx) -> tuple[dict, dict]:
    """(rows {k: (s, t, d)}, counters {k: (n, f)}): the whole index as stored."""
    rows = {r["k"]: (r["s"], r["t"], r["d"], r["n"]) for r in tx.run(zc.ALL_ROWS)}
    counts = {r["k"]: (r["n"], r["f"]) for r in tx.run(zc.ALL_COUNTERS)}
    return rows, counts


def differing_hubs(stored: tuple[dict, dict], rebuilt: tuple[dict, dict]) -> list[str]:
    """The ids of the hubs whose rows or counters differ between the stored index and a rebuilt one."""
    hubs = set()
    for have, want in zip(stored, rebuilt):
        for k in have.keys() ^ want.keys() | {k for k in have.keys() & want.keys() if have[k] != want[k]}:
            hubs.add(k.split(SEP, 1)[0])
    return sorted(_dec(h) for h in hubs)


def _dec(text: str) -> str:
    return text.replace("\x01\x01", "\x00").replace("\x01\x02", "\x01")


def _chunks(items: list, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
