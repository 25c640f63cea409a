"""`ask` on the Neo4j backend answers the outcome set as it does in memory: the same
outcome (right / declined / wrong), reading and rows for every question. Real server
(tools/test.sh starts one); never skipped."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pytest

from graph.ask import answer, forget
from graph.ask.outcome import load_outcome_cases, score
from graph.errors import StoreUnavailable
from graph.neo4j.store import Neo4jStore
from graph.queries import GraphQueries
from graph.settings import Settings
from loaders.sources import build_bundled
from tests.support.neo4j import ENV_FILE, neo4j_connection

QUESTIONS = Path(__file__).resolve().parents[2] / "data/questions"
#: the outcome set and the sessions' new questions (yes/no, rankings of zones, misspelt names: session 12;
#: the report itself, joined names, figure comparisons: the blind set 12b; premises, typos, 去年: the blind set 13;
#: English as a partner types it and the web box's Chinese: the blind set 13b; a director's zone briefing: 14;
#: institutions, funds and events as subjects, shared supporters, counts, yes/no: 15; each zone's story: 16;
#: a planner's blind set, other places, money, rankings by a narrow word: 17; a planner's, following a zone's story: 18)
CASES = load_outcome_cases() + [case for name in ("session11", "session12", "session12b", "session13", "session13b", "session14",
                                                  "session15", "session16", "session17", "session18")
                                for case in load_outcome_cases(QUESTIONS / f"{name}.yaml")]


@pytest.fixture(scope="module")
def neo4j_bundled():
    conn = neo4j_connection()
    if not conn.get("NEO4J_URI"):
        pytest.fail(f"no Neo4j configured: run tools/test.sh, or neo4jctl up (writes {ENV_FILE})", pytrace=False)
    settings = Settings(backend="neo4j", neo4j_uri=conn["NEO4J_URI"], neo4j_user=conn.get("NEO4J_USER", "neo4j"),
                        neo4j_password=conn.get("NEO4J_PASSWORD", ""), neo4j_database=conn.get("NEO4J_DATABASE", "neo4j"),
                        query_timeout=120.0)  # the load, on a shared 2-core machine; answers take milliseconds
    try:
        store = Neo4jStore.from_settings(settings)
    except StoreUnavailable as exc:
        pytest.fail(f"the Neo4j ask test needs a running server: {exc.message}", pytrace=False)
    store.clear()
    build_bundled(store)
    yield GraphQueries(store)
    forget(store)
    store.clear()
    store.close()


#: `make test` asks Neo4j a sample that still takes every road (session 18): the first PER_READING questions of each
#: reading the memory store gives (status and query), and every EVERY-th question besides: 200 of 724. All 724 took
#: 57 s of a 16-minute suite (session 17; past 300 s at load 15-18); `make test-deep` (DEEP=1) asks every one.
PER_READING, EVERY = 2, 8
ALL = os.environ.get("DEEP") == "1"


def asked_of_both(mem_answers: list) -> list[int]:
    """Which questions (by index) Neo4j is asked: every road the memory answers took, and a stride besides."""
    if ALL:
        return list(range(len(mem_answers)))
    seen: dict[tuple, int] = defaultdict(int)
    chosen = []
    for i, mem in enumerate(mem_answers):
        reading = (mem.status, mem.query)
        seen[reading] += 1
        if seen[reading] <= PER_READING or i % EVERY == 0:
            chosen.append(i)
    return chosen


@pytest.mark.timeout(900)
def test_every_question_has_the_same_outcome_on_neo4j_as_in_memory(bundled, neo4j_bundled):
    mem_answers = [answer(bundled, case.question) for case in CASES]
    chosen = asked_of_both(mem_answers)
    differ = []
    for n in chosen:
        case, mem = CASES[n], mem_answers[n]
        neo = answer(neo4j_bundled, case.question)
        same = (score(case, mem).kind == score(case, neo).kind and (mem.status, mem.query, mem.params, mem.count)
                == (neo.status, neo.query, neo.params, neo.count)
                and {i.node.id for i in mem.items} == {i.node.id for i in neo.items}
                and mem.summary == neo.summary)
        if not same:
            differ.append(f"{case.question}: memory {mem.status} {mem.summary[:60]!r} / neo4j {neo.status} {neo.summary[:60]!r}")
    assert not differ, "\n".join(differ)


def test_an_empty_neo4j_graph_says_so_and_names_the_server(neo4j_bundled):
    """Last in this module: it empties the server, then builds the graph again."""
    store = neo4j_bundled.store
    store.clear()
    forget(store)
    try:
        got = answer(neo4j_bundled, "哪些计划支持怀柔科学城？")
        assert got.status == "empty" and "图是空的" in got.summary and store.uri in got.summary
        assert "make build" in got.summary
    finally:
        build_bundled(store)
        forget(store)
