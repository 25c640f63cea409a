"""Open the store the settings ask for."""

from __future__ import annotations

from graph.settings import Settings
from graph.store import GraphStore


def open_store(settings: Settings, lazy: bool = False) -> GraphStore:
    """`lazy`: the embedded store maps its snapshot and reads what a question uses (the CLI)."""
    if settings.backend == "neo4j":
        from graph.neo4j.store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from graph.memory import MemoryStore

    return MemoryStore(settings.snapshot_path, lock_timeout=settings.lock_timeout, lazy=lazy)
