"""Injection: hostile text through every API parameter and CLI argument, on the Neo4j backend.

The graph (the mini fixture plus nodes whose ids, names and aliases ARE the payloads, so
that lookups find them and the payloads travel on into neighbourhood, path, supporter and
export statements) lives on the real Neo4j server the suite is given (NEO4J_* or
.env.neo4j, read by tests/support/neo4j.py: no server FAILS, never skips). Before
and after, the graph's counts and the hashes of its sorted node and edge lists, and the
server's user list, must be equal: no payload changed anything. Every answer must be a
2xx or a 4xx in the JSON error shape (CLI: exit 0 or 2, never a traceback).

A static scan of graph/, api/ and loaders/ finds every string built from values
(f-strings, .format, %, +, +=, join, replace, Template) that touches Cypher; the only
ones allowed are the builders of graph/neo4j/cypher.py, and in them only the schema-checked
labels and relationship types and the validated hop bound.
"""

from __future__ import annotations

import ast
import os
import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api import cli
from api.app import create_app
from graph.errors import StoreUnavailable
from graph.model import Edge, Evidence, Node
from graph.neo4j.store import Neo4jStore
from graph.settings import Settings
from graph.store import Batch
from loaders.sources import read_sources
from tests.support.cli_neo4j import cli_on_neo4j
from tests.support.graphs import fingerprint
from tests.support.neo4j import ENV_FILE, neo4j_connection

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
API = "/api/v1"
ZONE = "怀柔科学城"  # a real name of the mini graph, for the slots that are not under attack

#: Each payload goes into every slot. They are written to break out of a string literal,
#: a map, a label or a relationship type, to end the statement and start another, to call
#: procedures, and to sneak the same through Cypher's own escapes, full-width forms that
#: normalise to ASCII quotes, bidi overrides and null bytes.
PAYLOADS = [
    "'",
    '"',
    "\\",
    "`",
    "{}",
    "${key}",
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "` DETACH DELETE n //",
    "x`) DETACH DELETE n //",
    ":Zone) DETACH DELETE n //",
    "LOCATED_IN]->() DETACH DELETE r //",
    "MATCH (n) DETACH DELETE n //",
    "*/ MATCH (n) DETACH DELETE n /*",
    "') CALL dbms.security.createUser('mallory', 'pw', false) //",
    "CALL dbms.killTransactions(['neo4j-transaction-1']) YIELD transactionId RETURN 1",
    "'; CALL db.clearQueryCaches(); //",
    "$key' OR 1=1 //",
    "\\u0027}) DETACH DELETE n //",
    "\\' DETACH DELETE n //",
    "\x00'\x00 MATCH (n) DETACH DELETE n",
    "\x00",
    "怀柔科学城' OR '1'='1",
    "＇｝）ＤＥＴＡＣＨ　ＤＥＬＥＴＥ　ｎ　／／",  # full width: NFKC folds it to '}) DETACH DELETE n //
    "\u202e'}) DETACH DELETE n //\u202c",
    "{id: 'x'}) SET n.name = 'pwned' //",
    "', n.type = 'Zone' //",
]
#: `make test` puts each payload in every other slot (alternating from payload to payload, so every slot still gets
#: half of them and every payload half the slots); `make test-faults` (INNOGRAPH_FAULTS_FULL=1) every payload in every
#: slot. Session 18: the whole CLI and API runs took 22 s and 15 s of a 16-minute suite, over its 15-minute budget.
FULL = os.environ.get("INNOGRAPH_FAULTS_FULL") == "1"


def slots_for(n: int, slots: list) -> list:
    """The slots payload number `n` goes into: all of them, or every other one starting at n's parity."""
    return slots if FULL else slots[n % 2::2]


#: The payloads that also name a node of the graph (id, name_zh, alias), so lookups succeed.
AS_NODES = [p for p in PAYLOADS if p.strip("\x00") and len(p) <= 200]


def hostile_nodes() -> Batch:
    nodes, edges = [], []
    for i, text in enumerate(AS_NODES):
        node = Node(id=f"inj-{i}-{text}", type="Institution", name_zh=text, name_en=f"Injected {i} {text}",
                    aliases=[f"{text}#alias"], attrs={"note": text})
        nodes.append(node)
        edges.append(Edge(source=node.id, target="zone-huairou-science-city", type="LOCATED_IN",
                          attrs={"why": text},
                          evidence=[Evidence(doc="mini-report", quote=text, start=0, end=len(text))]))
        edges.append(Edge(source="institution-beijing-municipal-science-technology-commission",
                          target=node.id, type="SUPPORTS"))
    return Batch(nodes=nodes, edges=edges)


def users(store: Neo4jStore) -> list[str]:
    records, _, _ = store._driver.execute_query("SHOW USERS YIELD user RETURN user", database_="system")
    return sorted(r["user"] for r in records)


@pytest.fixture(scope="module")
def neo4j_settings(tmp_path_factory) -> Settings:
    conn = neo4j_connection()
    if not conn.get("NEO4J_URI"):
        pytest.fail(f"no Neo4j configured: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) or "
                    f"run `python3 tools/neo4j/neo4jctl.py up`, which writes {ENV_FILE}", pytrace=False)
    return Settings(backend="neo4j", data_dir=tmp_path_factory.mktemp("inj-data"),
                    neo4j_uri=conn["NEO4J_URI"], neo4j_user=conn.get("NEO4J_USER", "neo4j"),
                    neo4j_password=conn.get("NEO4J_PASSWORD", ""),
                    neo4j_database=conn.get("NEO4J_DATABASE", "neo4j"),
                    admin_token="", cors_origins=[], query_timeout=10.0)


@pytest.fixture(scope="module")
def hostile_graph(neo4j_settings):
    """The mini graph and the payload nodes on the suite's Neo4j server; its fingerprint before."""
    try:
        store = Neo4jStore.from_settings(neo4j_settings)
    except StoreUnavailable as exc:
        pytest.fail(f"the injection tests need a running Neo4j server: {exc.message}", pytrace=False)
    mini = read_sources([MINI]).kept
    extra = hostile_nodes()
    store.replace(Batch(nodes=mini.nodes + extra.nodes, edges=mini.edges + extra.edges,
                        documents=mini.documents))
    before = fingerprint(store), users(store)
    assert before[0]["nodes"]["Institution"] == 2 + len(AS_NODES)
    yield store, before
    store.close()


def assert_unchanged(store: Neo4jStore, before) -> None:
    after = fingerprint(store), users(store)
    assert after[0] == before[0], "a payload changed the graph"
    assert after[1] == before[1], "a payload changed the server's users"
    assert after[0]["edges_listed"] == sum(after[0]["edges"].values())


# ---- the HTTP API -------------------------------------------------------------------

def api_requests(payload: str) -> list[tuple[str, dict]]:
    """(path, query) for every parameter of every route, the payload in one slot at a time."""
    ref = quote(payload, safe="")
    zone = quote(ZONE, safe="")
    return [
        (f"{API}/search", {"q": payload}),
        (f"{API}/search", {"q": "科", "type": payload}),
        (f"{API}/nodes/{ref}", {}),
        (f"{API}/nodes/{ref}/neighbors", {"depth": 2}),
        (f"{API}/nodes/{zone}/neighbors", {"depth": payload}),
        (f"{API}/nodes/{zone}/neighbors", {"type": payload}),
        (f"{API}/nodes/{zone}/neighbors", {"rel": payload}),
        (f"{API}/nodes/{ref}/supporters", {}),
        (f"{API}/nodes/{zone}/supporters", {"type": payload}),
        (f"{API}/zones/{ref}", {}),
        (f"{API}/paths", {"source": payload, "target": ZONE}),
        (f"{API}/paths", {"source": ZONE, "target": payload}),
        (f"{API}/subgraph", {"center": payload}),
        (f"{API}/subgraph", {"center": ZONE, "type": payload}),
        (f"{API}/subgraph", {"center": ZONE, "rel": payload}),
        (f"{API}/rank", {"by": payload}),
        (f"{API}/rank", {"type": payload}),
        (f"{API}/export", {"center": payload, "format": "cypher"}),
        (f"{API}/export", {"center": payload, "format": "graphml"}),
        (f"{API}/export", {"center": ZONE, "format": payload}),
        (f"{API}/ask", {"q": payload}),
        (f"{API}/ask", {"q": f"哪些机构支持{payload}？"}),
        (f"{API}/ask", {"q": f"Who supports {payload}?"}),
    ]


def test_api_parameters_change_nothing(hostile_graph, neo4j_settings):
    store, before = hostile_graph
    statuses: dict[int, int] = {}
    found_by_payload = 0
    started = time.perf_counter()
    with TestClient(create_app(neo4j_settings), raise_server_exceptions=False) as client:
        assert client.get(f"{API}/health").json()["backend"] == "neo4j"
        for n, payload in enumerate(PAYLOADS):
            for path, params in slots_for(n, api_requests(payload)):
                response = client.get(path, params=params)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                where = f"{path} {params!r}"
                assert response.status_code in (200, 404, 409, 422), f"{where}: {response.status_code} {response.text[:300]}"
                if response.status_code >= 400:
                    error = response.json()["error"]
                    assert error["status"] == response.status_code and error["message"], where
                assert "Traceback" not in response.text, where
            if payload in AS_NODES:
                response = client.get(f"{API}/nodes/{quote(payload, safe='')}")
                if response.status_code == 200:  # data, found as data (409 where names fold together)
                    assert response.json()["name_zh"] == payload
                    found_by_payload += 1
    assert_unchanged(store, before)
    # the payloads reached the queries: most of them named a node and were answered with it
    assert found_by_payload >= len(AS_NODES) - 3, found_by_payload
    assert statuses.get(200, 0) > 100, statuses
    print(f"\ninjection API: {sum(statuses.values())} requests ({statuses}) in "
          f"{time.perf_counter() - started:.1f} s; {found_by_payload}/{len(AS_NODES)} payloads found as nodes")


def test_pages_change_nothing(hostile_graph, neo4j_settings):
    """The HTML pages take the same names (fewer payloads: a page costs more than a JSON answer)."""
    store, before = hostile_graph
    with TestClient(create_app(neo4j_settings), raise_server_exceptions=False) as client:
        for payload in PAYLOADS[6:16]:
            ref = quote(payload, safe="")
            for path, params in [("/view", {"center": payload}), (f"/nodes/{ref}", {}),
                                 (f"/brief/{ref}", {}), ("/ask", {"q": payload})]:
                response = client.get(path, params=params)
                assert response.status_code in (200, 404, 409, 422), f"{path} {params}: {response.status_code}"
                assert "Traceback" not in response.text
    assert_unchanged(store, before)


# ---- the CLI ---------------------------------------------------------------------------

def cli_invocations(payload: str, out: Path) -> list[list[str]]:
    return [
        ["search", payload], ["search", "科", "--type", payload],
        ["show", payload], ["zone", payload],
        ["supporters", payload], ["supporters", ZONE, "--type", payload],
        ["neighbors", payload, "--depth", "2"], ["neighbors", ZONE, "--depth", payload],
        ["neighbors", ZONE, "--type", payload], ["neighbors", ZONE, "--rel", payload],
        ["path", payload, ZONE], ["path", ZONE, payload, "--json"],
        ["export", payload, "--format", "cypher", "-o", str(out / "x.cypher")],
        ["export", ZONE, "--format", payload, "-o", str(out / "x.out")],
        ["export", ZONE, "--type", payload, "-o", str(out / "x.json")],
        ["ask", payload], ["ask", f"哪些机构支持{payload}？", "--json"],
    ]


def test_cli_arguments_change_nothing(hostile_graph, neo4j_settings, monkeypatch, tmp_path):
    """The real typer app, in process (a subprocess per call would cost seconds each); its one
    store is the configured Neo4j backend."""
    store, before = hostile_graph
    codes: dict[int, int] = {}
    with cli_on_neo4j(monkeypatch, neo4j_settings, tmp_path) as runner:
        try:
            assert cli.queries().store.backend == "neo4j"
            for n, payload in enumerate(PAYLOADS):
                for args in slots_for(n, cli_invocations(payload, tmp_path)):
                    result = runner.invoke(cli.app, args)
                    codes[result.exit_code] = codes.get(result.exit_code, 0) + 1
                    assert result.exit_code in (0, 2), f"{args!r}: exit {result.exit_code}\n{result.output}"
                    assert result.exception is None or isinstance(result.exception, SystemExit), \
                        f"{args!r}: {result.exception!r}"
                    assert "Traceback" not in result.output, args
        finally:
            cli.queries().store.close()
    assert_unchanged(store, before)
    assert codes.get(0, 0) > 50, codes
    print(f"\ninjection CLI: {sum(codes.values())} invocations, exit codes {codes}")


# ---- the code: no Cypher built from values ---------------------------------------------

SCANNED = ("graph", "api", "loaders")
CYPHER_WORDS = re.compile(r"\b(MATCH|MERGE|CREATE|DELETE|DETACH|SET|REMOVE|CALL|UNWIND|RETURN|WHERE|"
                          r"FOREACH|LOAD\s+CSV|USE|SHOW|DROP|GRANT|DENY)\b")
#: The whole allowance: the statement builders of graph/neo4j/cypher.py, and in them only these
#: interpolations (each a check that lets through a schema key or an int from 1 to MAX_HOPS).
ALLOWED_BUILDERS = {
    "create_nodes", "create_edges", "merge_edges", "update_edges", "edges_from", "edges_to",
    "edge_keys_from", "edge_keys_to", "node_ids_of_type", "first_node_ids_of_type", "count_nodes",
    "count_edges", "shortest_paths", "support_keys",
    "stream_counts", "first_edge_keys", "first_edge_keys_by_scan", "stream_edges_to",  # graph/bounded_walk.py
    "bulk_nodes", "bulk_edges",  # graph/neo4j/bulk.py
}
ALLOWED_VALUES = {"_label(type_)", "_rel_types([type_])", "_rel_filter(types)", "_hops(max_hops)",
                  "_rel_types(MEMBER_EDGES)", "_rel_types(SUPPORT_EDGES_IN)", "_rel_types(SUPPORT_EDGES_OUT)"}


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
           {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def cypher_built_from_values(source: str, filename: str) -> list[str]:
    """Every place `source` builds a string that holds Cypher out of other values.

    A string "holds Cypher" if one of its literal parts has a Cypher keyword, or if it
    uses a name that was bound (anywhere in the module) to such a literal.
    """
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    cypher_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None \
                and any(CYPHER_WORDS.search(s) for s in _strings(node.value)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            cypher_names |= {n for t in targets for n in _names(t)}

    def touches_cypher(node: ast.AST) -> bool:
        return any(CYPHER_WORDS.search(s) for s in _strings(node)) or bool(_names(node) & cypher_names)

    enclosing: dict[int, str] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(fn):
                enclosing[id(inner)] = fn.name  # ast.walk goes outside in: the innermost wins
    found = []
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        kind = None
        if isinstance(node, ast.JoinedStr):
            kind = "f-string"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("format", "format_map", "join", "replace", "substitute", "safe_substitute"):
            kind = f".{node.func.attr}()"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            kind = "+" if isinstance(node.op, ast.Add) else "%"
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.Add, ast.Mod)):
            kind = "+=" if isinstance(node.op, ast.Add) else "%="
        if kind is None or not touches_cypher(node):
            continue
        function = enclosing.get(id(node), "<module>")
        if filename == "graph/neo4j/cypher.py" and kind == "f-string" and function in ALLOWED_BUILDERS:
            values = {ast.unparse(v.value) for v in node.values if isinstance(v, ast.FormattedValue)}
            if values <= ALLOWED_VALUES:
                continue
            found.append(f"{filename}:{node.lineno} {function}() interpolates {sorted(values - ALLOWED_VALUES)}")
            continue
        found.append(f"{filename}:{node.lineno} {kind} in {function}(): {ast.unparse(node)[:100]}")
    return found


def test_no_cypher_is_built_from_values():
    found = []
    scanned = 0
    for package in SCANNED:
        for path in sorted((ROOT / package).rglob("*.py")):
            scanned += 1
            found += cypher_built_from_values(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert scanned > 30
    assert found == [], "Cypher built from values:\n" + "\n".join(found)


def test_every_allowed_interpolation_is_a_check():
    """The whitelist is exactly the builders there are, and each one interpolates something checked."""
    tree = ast.parse((ROOT / "graph" / "neo4j" / "cypher.py").read_text(encoding="utf-8"))
    interpolating = {fn.name for fn in tree.body if isinstance(fn, ast.FunctionDef)
                     and any(isinstance(n, ast.JoinedStr) and CYPHER_WORDS.search(" ".join(_strings(n)))
                             for n in ast.walk(fn))}
    assert interpolating == ALLOWED_BUILDERS


@pytest.mark.parametrize("snippet", [
    "def f(name):\n    return f\"MATCH (n {{name: '{name}'}}) RETURN n\"",
    "def f(name):\n    return \"MATCH (n) WHERE n.name = '\" + name + \"' RETURN n\"",
    "def f(name):\n    return \"MATCH (n) WHERE n.name = '%s'\" % name",
    "def f(name):\n    return \"MATCH (n) WHERE n.name = '{}'\".format(name)",
    "def f(name):\n    q = \"MATCH (n) WHERE n.name = '\"\n    q += name\n    return q",
    "Q = 'MATCH (n) WHERE n.name = $name RETURN n'\ndef f(name):\n    return Q.replace('$name', repr(name))",
    "BASE = 'MATCH (n) RETURN n'\ndef f(label):\n    return f'{BASE}:{label}'",
    "def f(parts):\n    return ' '.join(['MATCH (n)', *parts])",
    "from string import Template\ndef f(v):\n    return Template('MATCH (n {id: $v}) DETACH DELETE n').substitute(v=v)",
])
def test_the_scan_finds_cypher_built_from_values(snippet):
    """The scan is not vacuous: each way of building a statement from a value is caught."""
    assert cypher_built_from_values(snippet, "graph/example.py")
    # the whitelist holds only in graph/neo4j/cypher.py's builders, with the checks
    assert cypher_built_from_values(snippet.replace("def f(", "def create_nodes("), "graph/neo4j/cypher.py")
