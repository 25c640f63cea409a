"""schemathesis against the app's own OpenAPI schema, in process, on the bundled graph.

No answer may be a server error, and every answer must conform to the schema
(status documented, content type, body shape). Generated names are swapped, often,
for real ids, names and aliases drawn from the graph, so the cases reach past the
404s into the queries themselves. About 400 calls in all (examples, positive
coverage, unexpected methods, fuzzing); INNOGRAPH_SCHEMA_FULL=1 runs every phase in full.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation

from api.app import create_app
from api.deps import get_store
from tests.api.api_support import AGENCY, ETOWN_ALIAS, ZONE, make_settings

#: INNOGRAPH_SCHEMA_FULL=1 runs every coverage case (~750 calls, all pass) instead of ~400.
FULL = os.environ.get("INNOGRAPH_SCHEMA_FULL") == "1"
CASES_PER_OPERATION = 50 if FULL else 15
NAME_FIELDS = {ParameterLocation.PATH: ("ref",), ParameterLocation.QUERY: ("q", "center", "source", "target")}
NAMES: list[str] = []
CALLS: list[tuple[str, int]] = []

# The schema is read at import (schemathesis' fixture-based loader does not run on pytest 9);
# the graph comes in later, through the store dependency, from the session's bundled graph.
app = create_app(make_settings(Path(tempfile.gettempdir()) / "innograph-schema-test"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
if not FULL:  # the boundary violations are covered one by one in test_api_errors.py
    schema.config.phases.coverage.generation.update(modes=["positive"])
    schema.config.phases.coverage.unexpected_methods = {"post", "put", "delete"}


@pytest.fixture(scope="module", autouse=True)
def bundled_graph(graph_store):
    app.dependency_overrides[get_store] = lambda: graph_store
    NAMES[:] = real_names(graph_store)
    yield
    app.dependency_overrides.clear()


def real_names(store, count: int = 60) -> list[str]:
    """Ids, names and aliases of the graph (a fixed sample), the well-known ones first."""
    every = sorted({name for node in store.iter_nodes() for name in (node.id, *node.names)})
    return [ZONE, ETOWN_ALIAS, AGENCY, *random.Random(0).sample(every, min(count, len(every)))]


@schema.hook("flatmap_case")
def draw_real_names(context, case):
    """Each name field of a well-formed part of the case: kept, or (mostly) a real name."""
    slots = []
    for location, fields in NAME_FIELDS.items():
        container = case.path_parameters if location is ParameterLocation.PATH else case.query
        if container and not (case.meta and case.meta.is_negative_at(location)):
            slots += [(container, f) for f in fields if f in container]
    if not slots:
        return st.just(case)
    names = st.deferred(lambda: st.sampled_from(NAMES))

    def swap(choices):
        for (container, field), name in zip(slots, choices):
            if name is not None:
                container[field] = name
        return case

    return st.tuples(*[st.one_of(names, names, st.none()) for _ in slots]).map(swap)


@schema.parametrize()
@settings(max_examples=CASES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    response = case.call()
    CALLS.append((case.operation.label, response.status_code))
    case.validate_response(response)
    assert response.status_code < 500


def test_schemathesis_reached_the_queries():
    """Run after the schema test (same module): most operations answered 200 at least once, none 5xx."""
    assert CALLS, "the schema test made no call: run this module whole, the schema test first"
    ok = {label for label, status in CALLS if status == 200}
    assert all(status < 500 for _, status in CALLS)
    assert {"GET /api/v1/nodes/{ref}", "GET /api/v1/nodes/{ref}/neighbors", "GET /api/v1/paths",
            "GET /api/v1/subgraph", "GET /api/v1/export"} <= ok, ok
    print(f"\nschemathesis: {len(CALLS)} calls, {sum(s == 200 for _, s in CALLS)} answered 200")
