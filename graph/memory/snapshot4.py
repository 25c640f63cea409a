"""Writing a version-4 snapshot: every column in a form one row of it can be read from.

Version 3 kept text columns as one JSON document each, so a process that wanted one name
decoded all of them (1.5-3 s of every CLI call at 450k nodes). Version 4 keeps, per column:

- text (ids, names, normalised names): the values joined by NUL with each row's byte offset
  (`X`, `X_at`), read back by graph/memory/rows.py one row at a time or all in one split;
- sparse JSON (aliases, evidence): the rows that have a value, their keys and offsets
  (`X`, `X_at`, `X_keys`);
- `id_order` and `slot_order`: node ints sorted by id and name slots sorted by name, so one
  id or one name is found by a bisect (graph/memory/lazy.py);
- numbers as in version 3 (machine arrays), and the zone index's sections as they are.

The sorted orders cost a sort per save; both are kept beside the state (the writer's id
order `c.rank`, `names.sorted_slots`), so a small write merges its new names into them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

import orjson

from graph.memory import sections as container
from graph.memory.columns import _PACKED, Columns
from graph.memory.rows import encode_json, encode_str

VERSION = 4


def write(fh, c: Columns, magic: bytes) -> None:
    secs: dict[str, bytes] = {}
    n, m = len(c.ids), len(c.etype)
    meta = {"documents": [d.model_dump() for d in c.docs.values()], "node_types": c.node_types,
            "edge_types": c.edge_types, "nodes": n, "edges": m, "ecount": list(c.ecount),
            "indexed": c.names.indexed, "block_bits": c.names.bits}
    secs["attrs"] = orjson.dumps([["t", list(map(list, r))] if type(r) is tuple else ["d", r] for r in c.attr_reps[1:]])
    for name in ("ids", "zh", "en"):
        secs[name], secs[name + "_at"] = encode_str(getattr(c, name))
    secs["id_order"] = _id_order(c).tobytes()
    keys = [i for i, a in enumerate(c.aliases) if a]
    secs["aliases_keys"] = array("i", keys).tobytes()
    secs["aliases"], secs["aliases_at"] = encode_json([c.aliases[i] for i in keys])
    sets = {key: i for i, key in enumerate(dict.fromkeys(c.sources))}
    secs["source_sets"] = orjson.dumps(list(sets))
    secs["source_ix"] = array("i", map(sets.__getitem__, c.sources)).tobytes()
    secs["type_sizes"] = array("i", [len(c.by_type.get(t, ())) for t in range(len(c.node_types))]).tobytes()
    secs["type_nodes"] = b"".join(array("i", c.by_type.get(t, ())).tobytes() for t in range(len(c.node_types)))
    secs["ntype"], secs["nattr"] = bytes(c.ntype), c.nattr.tobytes()
    secs["esrc"], secs["edst"], secs["etype"], secs["eattr"] = \
        c.esrc.tobytes(), c.edst.tobytes(), bytes(c.etype), c.eattr.tobytes()
    edges = sorted(c.evidence)
    secs["evidence_keys"] = array("i", edges).tobytes()
    secs["evidence"], secs["evidence_at"] = encode_json([c.evidence[e] for e in edges])
    _names(c, secs)
    for name, side in (("out", c.out), ("in", c.inn)):
        secs[f"{name}_off"], secs[f"{name}_edges"] = _adjacency(c, side)
    from graph.memory import zone_build  # numpy, which a reader of one page does not import

    secs.update(zone_build.sections(c))
    from graph.memory import name_grams

    secs.update(name_grams.sections(c))
    container.write(fh, magic, VERSION, {"meta": meta}, secs)


def _names(c: Columns, secs: dict) -> None:
    names = c.names
    secs["slots"], secs["slots_at"] = encode_str(names.slots)
    multi: list = []
    found = list(map(names.nodes.__getitem__, names.slots))
    if set(map(type, found)) <= {int}:  # a name of one node each (the usual case): one C loop
        nodes = array("i", found)
    else:
        nodes = array("i")
        for have in found:
            if type(have) is int:
                nodes.append(have)
            else:
                multi.append(have)
                nodes.append(-len(multi))
    secs["slot_nodes"] = nodes.tobytes()
    secs["slot_multi"], secs["slot_multi_at"] = encode_json(multi)
    secs["slot_order"] = _slot_order(names).tobytes()
    grams = list(names.grams.items())
    secs["gram_keys"] = orjson.dumps([g for g, _ in grams])
    secs["gram_sizes"] = array("i", [len(p) for _, p in grams]).tobytes()
    secs["gram_blocks"] = b"".join(p.tobytes() for _, p in grams)


def _adjacency(c: Columns, side: list) -> tuple[bytes, bytes]:
    offsets, flat = array("q", [0]), array("i")
    packed_offsets, packed = c.packed.get(id(side), (None, None))
    for i, a in enumerate(side):
        if a is _PACKED:  # still as the last snapshot wrote it: sorted already
            flat.extend(packed[packed_offsets[i]: packed_offsets[i + 1]])
        elif a is not None:
            flat.extend(sorted(c.adjacent(side, i, None)))
        offsets.append(len(flat))
    return offsets.tobytes(), flat.tobytes()


def _id_order(c: Columns) -> array:
    """Node ints in id order: from the writer's id ranks when it has them (graph/memory/watch.py
    prepares them for big graphs), else one sort."""
    n = len(c.ids)
    rank = c.rank
    if rank is not None and len(rank) == n and n:
        import numpy as np

        order = np.empty(n, dtype=np.int32)
        order[rank] = np.arange(n, dtype=np.int32)
        out = array("i")
        out.frombytes(order.tobytes())
        return out
    return array("i", sorted(range(n), key=c.ids.__getitem__))


def _slot_order(names) -> array:
    """Name slots in name order; slots are only ever appended, so a kept order takes new ones by
    bisect unless there are many (then one sort)."""
    slots = names.slots
    kept = getattr(names, "sorted_slots", None)
    done = len(kept) if kept is not None else 0
    if kept is None or done > len(slots) or (len(slots) - done) * 8 > len(slots):
        order = array("i", sorted(range(len(slots)), key=slots.__getitem__))
    elif done == len(slots):
        order = kept if type(kept) is array else array("i", kept)
    else:
        import numpy as np

        new = sorted(range(done, len(slots)), key=slots.__getitem__)
        at = [bisect_left(kept, slots[s], key=slots.__getitem__) for s in new]
        merged = np.insert(np.frombuffer(kept, dtype=np.int32) if len(kept) else np.zeros(0, np.int32), at, new)
        order = array("i")
        order.frombytes(merged.astype(np.int32).tobytes())
    names.sorted_slots = order
    return order
