"""One entry point for every kind of source, and the all-or-nothing write.

`read_sources` turns paths into records without touching the store's contents;
`load_sources` writes them only when nothing was rejected (or when the caller
accepts a partial load), so a bad file never leaves half a load behind.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from graph.errors import InvalidInput, LoadError
from graph.store import Batch, GraphStore
from loaders.csv_loader import csv_pair, load_csv
from loaders.guards import check_regular
from loaders.result import LoadResult
from loaders.yaml_loader import load_yaml, yaml_files

#: The curated data set: data/curated in a checkout; INNOGRAPH_BUNDLED_DIR where the package is
#: installed elsewhere (the Docker image sets it).
BUNDLED_DIR = Path(os.environ.get("INNOGRAPH_BUNDLED_DIR")
                   or Path(__file__).resolve().parent.parent / "data" / "curated")
REPORT_SUFFIXES = {".txt", ".html", ".htm"}


def read_sources(paths: list[Path], store: GraphStore | None = None, year: int | None = None,
                 min_confidence: float = 0.0, lean: bool = False) -> LoadResult:
    """Records of every source; `year` and `min_confidence` apply to reports (.txt/.html) only.
    lean: a CSV pair's nodes are kept as ids and types, and read again when written (loaders/csv_stream.py)."""
    yaml_paths: list[Path] = []
    result = LoadResult()
    pairs_read: set[tuple[Path, Path]] = set()  # `load nodes.csv edges.csv` names one pair twice
    for path in map(Path, paths):
        if not path.exists():
            raise InvalidInput(f"no such file or directory: {path}")
        check_regular([path])  # a FIFO or /dev/zero would block or never end
        pair = csv_pair(path) if (path.is_dir() or path.suffix == ".csv") else None
        if pair:
            key = (pair[0].resolve(), pair[1].resolve())
            if key in pairs_read:
                continue  # read it once: the second file of a pair adds nothing but the time and memory again
            pairs_read.add(key)
            check_regular(pair)
            result.extend(load_csv(*pair, store=store, lean=lean))
        elif path.is_dir() and yaml_files(path) or path.suffix in (".yaml", ".yml"):
            yaml_paths.append(path)
        elif path.suffix.lower() in REPORT_SUFFIXES:
            from loaders.report_loader import load_report  # heavy: only for reports

            result.extend(load_report(path, store=store, year=year, min_confidence=min_confidence))
        else:
            raise InvalidInput(f"{path}: not a YAML file or directory, a nodes.csv/edges.csv pair, "
                               "or a report (.txt/.html)")
    if yaml_paths:
        result.extend(load_yaml(yaml_paths, store=store))
    return result


def writing(store: GraphStore) -> AbstractContextManager[GraphStore]:
    """Hold the store for one load, from its first read to its write, with the latest state: the
    memory store's data dir lock (graph/memory/lock.py); other stores need nothing."""
    hold = getattr(store, "writing", None)
    return hold() if hold is not None else nullcontext(store)


def load_sources(store: GraphStore, paths: list[Path], allow_rejects: bool = False,
                 year: int | None = None, min_confidence: float = 0.0) -> LoadResult:
    with writing(store) as latest:
        return _load(latest, paths, allow_rejects, year, min_confidence)


def _load(store: GraphStore, paths: list[Path], allow_rejects: bool, year: int | None,
          min_confidence: float) -> LoadResult:
    result = read_sources(paths, store, year, min_confidence, lean=_streams_csv(store))
    if result.rejected and not allow_rejects:
        raise LoadError(f"{len(result.rejected)} record(s) rejected; nothing was stored", result.rejected)
    if not len(result.kept):
        raise LoadError("the sources hold nothing to load; nothing was stored")
    result.before = store.counts()
    put(store, result.kept)
    result.after = latest(store).counts()
    return result


def _streams_csv(store: GraphStore) -> bool:
    """Whether the store streams a CSV pair from its file (an empty Neo4j database: stream_load), so the
    check keeps the nodes' ids and types only. The memory store and a Neo4j graph take the records whole."""
    lean = getattr(store, "streams_csv", None)
    return lean is not None and lean()


def put(store: GraphStore, batch, replace: bool = False) -> None:
    """store.write(batch) (or replace), except into an empty Neo4j database: its bulk load, many
    transactions of CREATEs, which a failed load leaves empty (graph/neo4j/bulk.py). A store that
    holds a graph takes the one transaction of write/replace: a failed load leaves it as it was; a lean
    CSV batch (read for an empty database that has since been written, or too small to stream) is read
    into records first."""
    into_empty = getattr(store, "load_into_empty", None)
    if into_empty is None or not into_empty(batch):
        records = getattr(batch.nodes, "records", None)  # a lean CSV load that is not streamed after all
        if records is not None:
            batch = Batch(nodes=records(), edges=batch.edges, documents=batch.documents)
        (store.replace if replace else store.write)(batch)


def latest(store: GraphStore) -> GraphStore:
    """The store's latest state (a memory store's view stays pinned on the state it was made for)."""
    current = getattr(store, "current", None)
    return current() if current is not None else store


def build_bundled(store: GraphStore) -> LoadResult:
    """Replace the graph with the bundled data set (validated before anything is cleared)."""
    result = read_sources([BUNDLED_DIR], None)
    if result.rejected:
        raise LoadError("the bundled data set has errors; the graph was left as it was", result.rejected)
    result.before = store.counts()
    put(store, result.kept, replace=True)
    result.after = latest(store).counts()
    return result
