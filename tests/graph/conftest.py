"""The real Neo4j server for the neo4j half of the conformance suite.

The connection comes from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE,
else from /work/main/.env.neo4j (KEY=value lines, written by
`python3 tools/neo4j/neo4jctl.py up`, which `make test` runs first). No
configuration, or a server that does not answer, FAILS the neo4j tests with the
reason: they are never skipped. The suite owns the database it is given and
clears it before each test.
"""

from __future__ import annotations

import pytest

from graph.errors import StoreUnavailable
from graph.neo4j.store import Neo4jStore
from graph.settings import Settings
from tests.support.neo4j import ENV_FILE, Cleared, neo4j_connection

@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    conn = neo4j_connection()
    if not conn.get("NEO4J_URI"):
        pytest.fail(f"no Neo4j configured: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) "
                    f"or run `python3 tools/neo4j/neo4jctl.py up`, which writes {ENV_FILE}", pytrace=False)
    return Settings(backend="neo4j", neo4j_uri=conn["NEO4J_URI"], neo4j_user=conn.get("NEO4J_USER", "neo4j"),
                    neo4j_password=conn.get("NEO4J_PASSWORD", ""),
                    neo4j_database=conn.get("NEO4J_DATABASE", "neo4j"))


@pytest.fixture(scope="session")
def neo4j_server(neo4j_settings):
    """One open store for the session (the connection pool is shared by every test)."""
    try:
        store = Neo4jStore.from_settings(neo4j_settings)
    except StoreUnavailable as exc:
        reason = exc.message
    else:
        yield store
        store.close()
        return
    pytest.fail(f"the Neo4j tests need a running server: {reason}", pytrace=False)


@pytest.fixture
def neo4j_store(neo4j_server) -> Neo4jStore:
    """The session's store with its database emptied."""
    Cleared.count += 1  # before the clear: a clear that fails half-way must not look like the old data
    neo4j_server.clear()
    return neo4j_server
