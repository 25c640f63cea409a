"""The embedded backend: columns in memory, one snapshot file on disk (store.py is the entry).

Modules: `store` (the GraphStore), `columns` (node rows and per-node adjacency), `names`
(the name index), `records` (rows <-> Node/Edge), `writes` and `bulk` (row and numpy
writes), `walk` and `paths` (traversals in numpy), `snapshot` (the file format).
"""

from graph.memory.names import normalize_all
from graph.memory.snapshot import MAGIC, SNAPSHOT_VERSION
from graph.memory.store import MemoryStore

__all__ = ["MAGIC", "SNAPSHOT_VERSION", "MemoryStore", "normalize_all"]
