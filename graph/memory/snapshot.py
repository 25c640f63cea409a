"""The memory store's binary snapshot: how Columns are written to and read from one file.

A format has its own versioning and its own checks on untrusted bytes, so it lives
apart from the store; the store only decides when and where to save (atomically).
Version 4 (graph/memory/snapshot4.py, sections.py, lazy.py) is written; versions 1-3 still
open (read here, whole). A version-4 snapshot opens lazily (each part read when first used)
or eagerly (all read and checked at once, with the checks below).
"""

from __future__ import annotations

import sys
import zlib
from array import array

import orjson

from graph.memory import lazy, sections, snapshot4
from graph.memory.columns import _PACKED, Columns
from graph.memory.names import NameIndex
from graph.memory.records import _attr_key
from graph.model import Document, Edge, Node
from graph.store import Batch

# MAGIC, then a 4-byte little-endian length and a JSON header (version, byte order,
# sections as [name, length, crc32]), then the sections back to back: JSON for text
# columns, raw machine arrays for numbers. Indexes are stored too, so reopening
# copies arrays instead of re-normalising every name.

MAGIC = b"INNOGRAPH-MEMORY-SNAPSHOT\n"
SNAPSHOT_VERSION = 4  #: 4: rows readable one by one, block checksums; 3 adds the zone index; 2, 1 still open
_ARRAYS = {"nattr": "i", "esrc": "i", "edst": "i", "eattr": "i", "gram_sizes": "i", "gram_blocks": "i",
           "out_off": "q", "out_edges": "i", "in_off": "q", "in_edges": "i", "source_ix": "i",
           "type_sizes": "i", "type_nodes": "i"}


def _write_snapshot(fh, c: Columns) -> None:
    lazy.load_all(c)
    if SNAPSHOT_VERSION >= 4:
        return snapshot4.write(fh, c, MAGIC)
    grams = list(c.names.grams.items())
    sets = {key: i for i, key in enumerate(dict.fromkeys(c.sources))}
    sections = {
        "meta": orjson.dumps({
            "documents": [d.model_dump() for d in c.docs.values()], "node_types": c.node_types,
            "edge_types": c.edge_types, "nodes": len(c.ids), "edges": len(c.etype),
            "attrs": [["t", list(map(list, r))] if type(r) is tuple else ["d", r] for r in c.attr_reps[1:]],
            "indexed": c.names.indexed, "block_bits": c.names.bits}),
        "ids": orjson.dumps(c.ids), "zh": orjson.dumps(c.zh), "en": orjson.dumps(c.en),
        "aliases": orjson.dumps([[i, a] for i, a in enumerate(c.aliases) if a]),
        "source_sets": orjson.dumps(list(sets)), "source_ix": array("i", map(sets.__getitem__, c.sources)).tobytes(),
        "type_sizes": array("i", [len(c.by_type.get(t, ())) for t in range(len(c.node_types))]).tobytes(),
        "type_nodes": b"".join(array("i", c.by_type.get(t, ())).tobytes() for t in range(len(c.node_types))),
        "ntype": bytes(c.ntype), "nattr": c.nattr.tobytes(),
        "esrc": c.esrc.tobytes(), "edst": c.edst.tobytes(), "etype": bytes(c.etype), "eattr": c.eattr.tobytes(),
        "evidence": orjson.dumps(list(c.evidence.items())),
        "slots": orjson.dumps(c.names.slots), "slot_nodes": orjson.dumps([c.names.nodes[k] for k in c.names.slots]),
        "gram_keys": orjson.dumps([g for g, _ in grams]),
        "gram_sizes": array("i", [len(p) for _, p in grams]).tobytes(),
        "gram_blocks": b"".join(p.tobytes() for _, p in grams),
    }
    for name, side in (("out", c.out), ("in", c.inn)):
        sections[f"{name}_off"], sections[f"{name}_edges"] = snapshot4._adjacency(c, side)
    from graph.memory import zone_build  # numpy: imported by what writes, not by every reader

    sections.update(zone_build.sections(c))
    header = orjson.dumps({"version": SNAPSHOT_VERSION, "byteorder": sys.byteorder,
                           "sections": [[k, len(v), zlib.crc32(v)] for k, v in sections.items()]})
    fh.write(MAGIC + len(header).to_bytes(4, "little") + header)
    for data in sections.values():
        fh.write(data)


def _sections(data: bytes) -> tuple[dict, dict[str, memoryview]]:
    if not data.startswith(MAGIC):
        raise ValueError("not an innograph snapshot")
    at = len(MAGIC) + 4
    size = int.from_bytes(data[len(MAGIC): at], "little")
    header = orjson.loads(data[at: at + size])
    if header.get("version") not in (2, 3):
        raise ValueError(f"snapshot version {header.get('version')!r}, expected {SNAPSHOT_VERSION}")
    at += size
    view, out = memoryview(data), {}
    for name, length, crc in header["sections"]:
        part = view[at: at + length]
        if len(part) != length or zlib.crc32(part) != crc:
            raise ValueError(f"section {name!r} is truncated or damaged")
        out[name] = part
        at += length
    if at != len(data):
        raise ValueError("trailing bytes after the last section")
    return header, out


def _read_snapshot(data, apply, lazily: bool = False, origin="") -> Columns:
    """Columns from a snapshot's bytes (or a mmap of it: read lazily, version 4 only)."""
    if data[:len(MAGIC)] == MAGIC:
        found = sections.parse(data, MAGIC, snapshot4.VERSION, origin)
        if found is not None:
            return lazy.open_columns(found, origin, lazily)
    data = bytes(data)
    c = Columns()
    if data[:1] == b"{":  # version 1: one JSON document of records
        legacy = orjson.loads(data)
        if legacy.get("version") != 1:
            raise ValueError(f"snapshot version {legacy.get('version')!r}, expected {SNAPSHOT_VERSION}")
        apply(c, Batch(documents=[Document(**d) for d in legacy["documents"]],
                       nodes=[Node(**n) for n in legacy["nodes"]], edges=[Edge(**e) for e in legacy["edges"]]))
        return c
    header, sec = _sections(data)
    arrays = {}
    for name, code in _ARRAYS.items():
        arrays[name] = array(code)
        arrays[name].frombytes(sec[name])  # raises on a length that is not a whole number of items
        if header["byteorder"] != sys.byteorder:
            arrays[name].byteswap()
    meta = orjson.loads(sec["meta"])
    n, m = meta["nodes"], meta["edges"]
    c.docs = {d["id"]: Document(**d) for d in meta["documents"]}
    c.node_types, c.edge_types = list(meta["node_types"]), list(meta["edge_types"])
    c.attr_reps = [None] + [tuple(map(tuple, r)) if kind == "t" else r for kind, r in meta["attrs"]]
    for i, rep in enumerate(c.attr_reps[1:], 1):
        if type(rep) is tuple:
            c.attr_ix[_attr_key(dict(rep))] = i
    c.ids = orjson.loads(sec["ids"])
    c.zh, c.en = orjson.loads(sec["zh"]), orjson.loads(sec["en"])
    c.aliases = [()] * n
    for i, names in orjson.loads(sec["aliases"]):
        c.aliases[i] = tuple(names)
    sets = [c.source_set(s) for s in orjson.loads(sec["source_sets"])]
    if max(arrays["source_ix"], default=0) >= max(len(sets), 1):
        raise ValueError("a column points past its table")
    c.sources = list(map(sets.__getitem__, arrays["source_ix"]))
    c.ntype, c.etype = bytearray(sec["ntype"]), bytearray(sec["etype"])
    c.nattr, c.esrc, c.edst, c.eattr = arrays["nattr"], arrays["esrc"], arrays["edst"], arrays["eattr"]
    c.ix = dict(zip(c.ids, range(n)))
    _check_columns(c, n, m)
    c.evidence = {e: tuple(map(tuple, items)) for e, items in orjson.loads(sec["evidence"])}
    c.ecount = [c.etype.count(code) for code in range(len(c.edge_types))]
    sizes, members = arrays["type_sizes"], arrays["type_nodes"]
    if len(sizes) != len(c.node_types) or sum(sizes) != n or len(members) != n:
        raise ValueError("the type index does not add up")
    at = 0
    for code, size in enumerate(sizes):
        c.by_type[code] = members[at: at + size].tolist()
        at += size
    for name, side in (("out", "out"), ("in", "inn")):
        offsets, flat = arrays[f"{name}_off"], arrays[f"{name}_edges"]
        _check_packed(offsets, flat, n, m)
        setattr(c, side, [_PACKED] * n)
        c.packed[id(getattr(c, side))] = (offsets, flat)
    if not 0 <= meta["block_bits"] <= 24:
        raise ValueError(f"name blocks of 2**{meta['block_bits']}")
    names = c.names = NameIndex(meta["block_bits"])
    names.slots = orjson.loads(sec["slots"])
    names.nodes = dict(zip(names.slots, orjson.loads(sec["slot_nodes"])))
    names.indexed = meta["indexed"]
    keys, sizes, blocks = orjson.loads(sec["gram_keys"]), arrays["gram_sizes"], arrays["gram_blocks"]
    if len(keys) != len(sizes) or sum(sizes) != len(blocks) or len(names.nodes) != len(names.slots):
        raise ValueError("the name index does not add up")
    at = 0
    for key, size in zip(keys, sizes):
        names.grams[key] = blocks[at: at + size]
        at += size
    from graph.memory import zone_build

    zone_build.load(c, header, sec)
    return c


def check(c: Columns) -> None:
    """The checks of an eager open, on columns read whole (graph/memory/lazy.py's load_all)."""
    n, m = len(c.ids), len(c.etype)
    _check_columns(c, n, m)
    if sum(map(len, c.by_type.values())) != n:
        raise ValueError("the type index does not add up")
    for side in (c.out, c.inn):
        if len(side) != n:
            raise ValueError("an adjacency list does not add up")
        if id(side) in c.packed:
            _check_packed(*c.packed[id(side)], n, m)
    if len(c.names.nodes) != len(c.names.slots):
        raise ValueError("the name index does not add up")


def _check_columns(c: Columns, n: int, m: int) -> None:
    lengths = {len(c.ids), len(c.ix), len(c.zh), len(c.en), len(c.aliases), len(c.sources), len(c.ntype), len(c.nattr)}
    if lengths != {n} or {len(c.esrc), len(c.edst), len(c.etype), len(c.eattr)} != {m}:
        raise ValueError("columns of different lengths")
    if m and (max(c.esrc) >= n or max(c.edst) >= n or min(c.esrc) < 0 or min(c.edst) < 0
              or max(c.etype) >= len(c.edge_types)) or n and max(c.ntype) >= len(c.node_types) \
            or max(c.nattr, default=0) >= len(c.attr_reps) or max(c.eattr, default=0) >= len(c.attr_reps):
        raise ValueError("a column points past its table")


def _check_packed(offsets: array, flat: array, n: int, m: int) -> None:
    if len(offsets) != n + 1 or offsets[0] != 0 or offsets[-1] != len(flat) or len(flat) != m \
            or m and (max(flat) >= m or min(flat) < 0) or any(a > b for a, b in zip(offsets, offsets[1:])):
        raise ValueError("an adjacency list does not add up")
