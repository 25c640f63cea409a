"""An empty graph says that it is empty, where it looked and how to fill it.

Why: on a first run the CLI reads the user data dir while `make build` wrote ./.data, and a
server may be pointed at a fresh Neo4j. "No node named 怀柔科学城" then reads as "that zone is
not in the data", which is wrong: nothing is. Each query that finds nothing asks the store,
on that path only, whether it holds anything at all (a count, cheap on both backends).
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.errors import EmptyGraph
from graph.store import GraphStore

HOW_TO_BUILD = ("build it: `innograph build` loads the bundled data set; `make build` writes it to "
                "./.data, so then run with INNOGRAPH_DATA_DIR=.data")
DATA_DIR_VAR = "INNOGRAPH_DATA_DIR"


def data_dir_chosen() -> str | None:
    """The data dir the user set (INNOGRAPH_DATA_DIR), or None when the default one was read."""
    return os.environ.get(DATA_DIR_VAR) or None


def how_to_build(store: GraphStore) -> str:
    """HOW_TO_BUILD where its advice can help: telling a user who set INNOGRAPH_DATA_DIR to set it, or a
    Neo4j user to pick a data dir, sends them the wrong way (session 13)."""
    if data_dir(store) is None:
        return "build it: `innograph build` (or `make build`) loads the bundled data set into this store"
    chosen = data_dir_chosen()
    if chosen:
        return (f"build it: `innograph build` loads the bundled data set into {data_dir(store)} "
                f"({DATA_DIR_VAR} is set to {chosen}); `make build` writes ./.data instead")
    return HOW_TO_BUILD


def data_dir(store: GraphStore) -> str | None:
    """The directory an embedded store reads its snapshot from; None for a server or a store in memory."""
    path = getattr(store, "path", None)
    return str(Path(path).parent) if path else None


def server(store: GraphStore) -> str | None:
    """The Neo4j server and database a store talks to; None for an embedded store."""
    uri = getattr(store, "uri", None)
    return f"{uri} (database {getattr(store, 'database', 'neo4j')})" if uri else None


def where(store: GraphStore) -> str:
    """The place the store reads, as a user would look for it."""
    if data_dir(store) is not None:
        return f"the embedded store in {data_dir(store)}"
    if server(store) is not None:
        return f"Neo4j at {server(store)}"
    return f"the {store.backend} store"


def is_empty(store: GraphStore) -> bool:
    return store.counts().total_nodes == 0


def empty_graph(store: GraphStore) -> EmptyGraph | None:
    """The error to raise when the store holds no node, else None."""
    if not is_empty(store):
        return None
    return EmptyGraph("the graph is empty: nothing is stored", [how_to_build(store)], where=where(store))


def check_not_empty(store: GraphStore) -> None:
    found = empty_graph(store)
    if found is not None:
        raise found
