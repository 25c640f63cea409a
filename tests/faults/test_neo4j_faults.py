"""Neo4j faults, on a real server of the test's own: killed mid-load, and down while serving.

The module starts its own Neo4j instance under tmp_path with tools/neo4j/neo4jctl.py (it
SIGKILLs it, so it never touches the suite's shared server) and stops it at the end. No
Java, no Neo4j, a server that does not come up: the tests FAIL with the reason, never skip.

1. Killed mid-load. `innograph load` (a subprocess, INNOGRAPH_BACKEND=neo4j) loads a
   synthetic CSV pair over a stored graph; when the server is running the statement that
   creates the LOCATED_IN edges (or a later edge type: nodes and about half of the rows
   are written by then, in the load's one transaction), `neo4jctl kill` SIGKILLs the
   server. The loader must fail in one line with exit code 2. After `neo4jctl start` the
   stored graph must be exactly the one before the load (counts and hashes of the sorted
   node and edge lists); the rerun load must give exactly what a clean load gives (the same
   files loaded into the embedded store), with no duplicate node, edge or document.
2. Down while serving. The API (create_app with backend=neo4j, served by uvicorn on
   127.0.0.1) answers 503 in the JSON error shape, within the query budget, while the
   server is killed; and serves again by itself within 30 s of `neo4jctl start`, without a
   restart, as does an app that was started while the server was down.

`make test` loads 1,500 enterprises (about 14,000 rows); `make test-faults`
(INNOGRAPH_FAULTS_FULL=1) 30,000 (about 270,000 rows; INNOGRAPH_FAULTS_ENTERPRISES
overrides both). Figures go to test-artifacts/neo4j_faults.json.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from api.app import create_app
from api.deps import COUNTS_TTL
from graph.memory import MemoryStore
from graph.neo4j.store import Neo4jStore
from graph.settings import Settings
from loaders.sources import load_sources, read_sources
from loaders.synth import generate
from tests.support.servers import serve_in_thread
from tests.support.graphs import fingerprint

FULL = os.environ.get("INNOGRAPH_FAULTS_FULL") == "1"
pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(2400 if FULL else 300)]

ROOT = Path(__file__).resolve().parents[2]
CTL = ROOT / "tools" / "neo4j" / "neo4jctl.py"
MINI = ROOT / "tests" / "fixtures" / "mini"
ARTIFACTS = ROOT / "test-artifacts"
API = "/api/v1"
ENTERPRISES = int(os.environ.get("INNOGRAPH_FAULTS_ENTERPRISES") or (30_000 if FULL else 1_500))
#: The large load is one transaction of ~270,000 rows: it needs more than the 512 MiB heap
#: (the server's transaction memory is 70 % of it) that 1,500 enterprises need.
HEAP = os.environ.get("INNOGRAPH_FAULTS_HEAP") or ("2g" if FULL else "512m")
#: The load's edges are created one type at a time, in this order; the kill waits for this one or a later one.
KILL_FROM = "LOCATED_IN"
CREATING_EDGES = re.compile(r"CREATE \(a\)-\[r:(\w+)\]->\(b\)")
RECOVERY_SECONDS = 30


def _neo4jctl():
    spec = importlib.util.spec_from_file_location("neo4jctl", CTL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Instance:
    """One neo4jctl instance directory: up, start, kill (in process: no interpreter start-up
    between seeing the statement and the SIGKILL), status, down."""

    def __init__(self, directory: Path, env_file: Path, password: str):
        self.directory, self.env_file = directory, env_file
        self.env = {**os.environ, "NEO4J_PASSWORD": password}
        self.conn: dict[str, str] = {}

    def ctl(self, *args: str, timeout: float = 300, check: bool = True) -> tuple[int, float]:
        started = time.monotonic()
        try:
            done = subprocess.run([sys.executable, str(CTL), *args, "--dir", str(self.directory)],
                                  env=self.env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            pytest.fail(f"neo4jctl {' '.join(args)} took over {timeout:g} s:\n{exc.stdout}\n{exc.stderr}",
                        pytrace=False)
        if check and done.returncode != 0:
            pytest.fail(f"neo4jctl {' '.join(args)} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}",
                        pytrace=False)
        return done.returncode, time.monotonic() - started

    def up(self, heap: str) -> float:
        _, seconds = self.ctl("up", "--port-bolt", "0", "--env-file", str(self.env_file), "--heap", heap)
        for line in self.env_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            self.conn[key.strip()] = value.strip()
        return seconds

    def start(self) -> float:
        return self.ctl("start", "--env-file", str(self.env_file))[1]

    def kill(self) -> None:
        assert _neo4jctl().main(["kill", "--dir", str(self.directory)]) == 0

    def ensure_running(self) -> None:
        if self.ctl("status", check=False)[0] != 0:
            self.start()

    def settings(self, data_dir: Path, **overrides) -> Settings:
        return Settings(**{"backend": "neo4j", "data_dir": data_dir, "neo4j_uri": self.conn["NEO4J_URI"],
                           "neo4j_user": self.conn["NEO4J_USER"], "neo4j_password": self.conn["NEO4J_PASSWORD"],
                           "neo4j_database": self.conn["NEO4J_DATABASE"], "admin_token": "", "cors_origins": [],
                           "query_timeout": 10.0, **overrides})

    def store(self) -> Neo4jStore:
        # These tests check what survives a kill, not speed: the first reads after a restart (recovery, a cold page
        # cache) ran past the API's 10 s budget on a loaded 2-core machine (session 17), so they get a minute.
        return Neo4jStore(self.conn["NEO4J_URI"], self.conn["NEO4J_USER"], self.conn["NEO4J_PASSWORD"],
                          self.conn["NEO4J_DATABASE"], query_timeout=60.0)

    def child_env(self, data_dir: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
        return {**env, **self.conn, "INNOGRAPH_BACKEND": "neo4j", "INNOGRAPH_DATA_DIR": str(data_dir),
                "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory):
    """A Neo4j server of this module's own, stopped (whatever happened) at the end."""
    base = tmp_path_factory.mktemp("neo4j-faults")
    # A password of our choosing: neo4jctl's random one starts with "-" one time in 64, which
    # its set-initial-password call then reads as an option (see docs/reliability.md).
    instance = Instance(base / "instance", base / "neo4j.env", "faults-" + secrets.token_hex(8))
    try:
        seconds = instance.up(heap=HEAP)
        record("instance", {"up_seconds": round(seconds, 1)})
        yield instance
    finally:
        instance.ctl("down", check=False)


# ---- what the graph is -------------------------------------------------------------------

DUPLICATES = {
    "node ids": "MATCH (n:Node) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS n",
    "edges": "MATCH (a:Node)-[r]->(b:Node) WITH a.id AS s, type(r) AS t, b.id AS o, count(*) AS c "
             "WHERE c > 1 RETURN count(*) AS n",
    "document ids": "MATCH (d:SourceDocument) WITH d.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS n",
    "foreign or id-less nodes": "MATCH (n) WHERE NOT (n:Node OR n:SourceDocument OR n:ZoneRow OR n:ZoneCount OR n:SearchBlock) "
                                "OR ((n:Node OR n:SourceDocument) AND n.id IS NULL) RETURN count(n) AS n",
}


def duplicates(store: Neo4jStore) -> dict[str, int]:
    found = {}
    for what, statement in DUPLICATES.items():
        records, _, _ = store._driver.execute_query(statement, database_=store.database)
        found[what] = records[0]["n"]
    drift = store.reindex(check=True)  # the zone index (graph/neo4j/zone_index.py) agrees with the graph
    if drift:
        found["zone index drift"] = len(drift)
    return {k: v for k, v in found.items() if v}


def record(section: str, figures: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "neo4j_faults.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[section] = figures
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def rows_by_edge_type(pair: Path) -> tuple[int, Counter]:
    with open(pair / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = sum(1 for _ in csv.reader(f)) - 1
    with open(pair / "edges.csv", encoding="utf-8", newline="") as f:
        edges = Counter(row["type"] for row in csv.DictReader(f))
    return nodes, edges


def share_written(pair: Path, phase: str) -> tuple[float, float]:
    """The share of the load's rows written when the kill came, as a range: every node and the
    edges of the types before `phase` were written, the edges of `phase` partly."""
    nodes, edges = rows_by_edge_type(pair)
    total = nodes + sum(edges.values())
    before = nodes + sum(n for t, n in edges.items() if t < phase)
    return before / total, (before + edges[phase]) / total


# ---- 1. killed mid-load ------------------------------------------------------------------

def start_load(instance: Instance, pair: Path, data_dir: Path, log: Path) -> subprocess.Popen:
    with open(log, "w", encoding="utf-8") as stderr:  # the child keeps its own copy of the file
        return subprocess.Popen([sys.executable, "-m", "api.cli", "load", str(pair)], cwd=ROOT,
                                env=instance.child_env(data_dir), stdout=subprocess.DEVNULL, stderr=stderr)


def kill_during_the_edges(instance: Instance, load: subprocess.Popen, timeout: float) -> tuple[str, float]:
    """Watch the server's running statements; SIGKILL it while the load creates KILL_FROM edges
    (or a later type). Returns that type and the seconds from the loader's start."""
    started = time.monotonic()
    seen: list[str] = []
    with GraphDatabase.driver(instance.conn["NEO4J_URI"],
                              auth=(instance.conn["NEO4J_USER"], instance.conn["NEO4J_PASSWORD"])) as watcher:
        while load.poll() is None and time.monotonic() - started < timeout:
            records, _, _ = watcher.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
            creating = [m.group(1) for r in records if (m := CREATING_EDGES.search(r["currentQuery"] or ""))]
            seen += [t for t in creating if t not in seen]
            if any(t >= KILL_FROM for t in creating):
                instance.kill()
                return max(t for t in creating if t >= KILL_FROM), time.monotonic() - started
            time.sleep(0.01)
    pytest.fail(f"the load ended (exit {load.poll()}) or ran past {timeout:g} s before it created "
                f"{KILL_FROM} edges (edge types seen: {seen}): nothing was killed", pytrace=False)


def test_killed_mid_load_then_rerun_equals_a_clean_load(own_neo4j, tmp_path):
    instance = own_neo4j
    instance.ensure_running()
    pair = tmp_path / "synth"
    generate(ENTERPRISES, seed=7, out_dir=pair)

    # the clean load, for reference: the same files into the embedded store
    reference = MemoryStore()
    load_sources(reference, [MINI])
    expected_before = fingerprint(reference)
    load_sources(reference, [pair])
    expected_after = fingerprint(reference)
    assert expected_after["edges_listed"] > 5 * ENTERPRISES

    store = instance.store()
    try:
        mini = read_sources([MINI]).kept
        store.replace(mini)
        assert fingerprint(store) == expected_before

        # load, and kill the server in the middle of it
        log = tmp_path / "load-1.log"
        load = start_load(instance, pair, tmp_path / "data", log)
        try:
            phase, at = kill_during_the_edges(instance, load, timeout=600 if FULL else 180)
            load.wait(timeout=180)
        finally:
            if load.poll() is None:
                load.kill()
                load.wait()
        stderr = log.read_text(encoding="utf-8")
        assert load.returncode == 2, f"the loader should fail cleanly (exit 2), got {load.returncode}:\n{stderr}"
        assert "Traceback" not in stderr, stderr
        assert stderr.startswith("error: Neo4j at ") and "not reachable" in stderr, stderr
        low, high = share_written(pair, phase)
        assert low < 0.75 and high > 0.25, f"killed at {low:.0%}-{high:.0%} of the rows, not about half"

        restart = instance.start()

        # the stored graph is the one before the load: nothing of the half-written transaction
        assert fingerprint(store) == expected_before, "the killed load left part of itself behind"
        assert duplicates(store) == {}

        # the same load again: exactly a clean load, nothing twice
        log = tmp_path / "load-2.log"
        started = time.monotonic()
        rerun = start_load(instance, pair, tmp_path / "data", log)
        assert rerun.wait(timeout=1800 if FULL else 300) == 0, log.read_text(encoding="utf-8")
        rerun_seconds = time.monotonic() - started
        after = fingerprint(store)
        assert duplicates(store) == {}
        assert after["edges_listed"] == sum(after["edges"].values())
        assert after == expected_after, "the rerun load does not equal a clean load"
    finally:
        store.close()
    # checked last, so that the graph is checked whatever the message looks like
    assert len(stderr.strip().splitlines()) == 1, f"the loader's error should be one line (README):\n{stderr}"
    nodes, edges = rows_by_edge_type(pair)
    record("kill_mid_load", {
        "enterprises": ENTERPRISES, "rows": nodes + sum(edges.values()),
        "graph_nodes": sum(after["nodes"].values()), "graph_edges": sum(after["edges"].values()),
        "killed_while_creating": phase, "killed_after_s": round(at, 1),
        "rows_written_at_kill": f"{low:.0%}-{high:.0%}", "loader_error": stderr.strip(),
        "restart_s": round(restart, 1), "rerun_load_s": round(rerun_seconds, 1),
        "graph_equal_to_clean_load": True, "duplicates": 0, "edge_hash": after["edge_hash"][:16]})


# ---- 2. down while serving ---------------------------------------------------------------

ROUTES = [
    f"{API}/search?q={quote('怀柔')}",
    f"{API}/nodes/BINN",
    f"{API}/nodes/{quote('市科委')}/neighbors?depth=2",
    f"{API}/zones/HSC",
    f"{API}/paths?source={quote('河北')}&target=HSC",
    f"{API}/ask?q={quote('谁支持怀柔科学城？')}",
]


def problem_503(response, budget: float, elapsed: float) -> str | None:
    """What is wrong with an answer given while Neo4j is down (None: a proper, timely 503)."""
    where = f"{response.request.url.path}?{response.request.url.query.decode()}".rstrip("?")
    if response.status_code != 503:
        return f"{where}: {response.status_code} {response.text[:160]} after {elapsed:.1f} s"
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "store_unavailable" and error["status"] == 503, error
    assert set(error) == {"status", "code", "message", "suggestions"}
    assert "bolt://" not in response.text and "Traceback" not in response.text
    return f"{where}: the 503 took {elapsed:.1f} s, past the {budget:g} s budget" if elapsed >= budget else None


def timed_get(client, url: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def until_ok(client, url: str, deadline: float) -> float | None:
    """Seconds until `url` answers 200 (None if not before `deadline`)."""
    started = time.monotonic()
    while time.monotonic() < deadline:
        try:
            if client.get(url).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    return None


def test_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(own_neo4j, tmp_path):
    instance = own_neo4j
    instance.ensure_running()
    with instance.store() as store:
        store.replace(read_sources([MINI]).kept)
    settings = instance.settings(tmp_path)
    budget = settings.query_timeout
    app = create_app(settings)
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        for url in ROUTES:
            assert client.get(url).status_code == 200, url

        instance.kill()
        down_at = time.monotonic()
        with ThreadPoolExecutor(len(ROUTES) + 1) as pool:
            answers = list(pool.map(lambda url: timed_get(client, url), [*ROUTES, "/"]))
        problems = [p for response, elapsed in answers[:-1] if (p := problem_503(response, budget, elapsed))]
        page, elapsed = answers[-1]
        if page.status_code != 503:
            problems.append(f"/ (page): {page.status_code} after {elapsed:.1f} s")
        assert "Traceback" not in page.text
        # /health may answer from its count for COUNTS_TTL seconds; then it says the store is down
        while True:
            response, elapsed = timed_get(client, f"{API}/health")
            if response.status_code != 200 or time.monotonic() - down_at > COUNTS_TTL + 2 * budget:
                break
            time.sleep(0.5)
        problems += [p for p in [problem_503(response, budget, elapsed)] if p]
        slowest_s = max(e for _, e in answers[:-1])

        # an app started while the server is down: 503 too, and it also recovers
        with TestClient(create_app(instance.settings(tmp_path / "late")), raise_server_exceptions=False) as late:
            response, elapsed = timed_get(late, f"{API}/health")
            problems += [f"(app started while down) {p}" for p in [problem_503(response, budget, elapsed)] if p]

            restart = instance.start()
            deadline = time.monotonic() + RECOVERY_SECONDS
            recovered = {url: until_ok(client, url, deadline) for url in [*ROUTES, f"{API}/health", "/"]}
            late_recovered = until_ok(late, f"{API}/search?q={quote('怀柔')}", deadline)
        slow = {url: s for url, s in recovered.items() if s is None}
        assert not slow, f"not serving again {RECOVERY_SECONDS} s after Neo4j returned: {sorted(slow)}"
        assert late_recovered is not None, "the app started while Neo4j was down did not recover"
        assert client.get(ROUTES[0]).json()[0]["id"] == "zone-huairou-science-city"
    # checked after the recovery, so that the recovery is checked whatever the outage answers were
    assert not problems, "while Neo4j was down, not a timely 503 store_unavailable:\n" + "\n".join(problems)
    record("down_while_serving", {
        "routes": len(ROUTES), "outage_statuses": sorted({r.status_code for r, _ in answers}), "slowest_outage_answer_s": round(slowest_s, 1),
        "restart_s": round(restart, 1),
        "recovered_within_s": round(max(recovered.values()), 1),
        "late_app_recovered_within_s": round(late_recovered, 1)})
