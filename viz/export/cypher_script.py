"""A Cypher script that recreates a subgraph: one parameter-free statement per line.

For `cypher-shell -f`, Neo4j Browser or any driver: no `$parameters`, every value
a literal escaped here (backslash, quote, line breaks, control characters; other
Unicode is written as itself, the file is UTF-8). Labels and relationship types
come only from graph/schema.py: anything else is refused before it reaches the text.

The script writes the Neo4j backend's storage layout (graph/neo4j/cypher.py), so a
database it fills is one innograph can open:

    (:Node:<Type> {id, type, name_zh, name_en, aliases, attrs_json, sources, keys, keys_text})
    (:Node)-[:<EDGE_TYPE> {attrs_json, evidence_json}]->(:Node)
    (:SourceDocument {id, title, title_en, publisher, date, year, origin})

Every statement is a MERGE keyed by id (nodes, documents) or by (source, type,
target) (edges) followed by SET of the full property map, so running the script
twice leaves the same graph.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from graph.neo4j import cypher
from graph.model import Document, Edge, Node
from graph.results import Subgraph
from graph.schema import EDGE_TYPES, NODE_TYPES
from graph.text import normalize

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(text: str) -> str:
    """`text` as a single-quoted Cypher string literal."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def cypher_map(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {cypher_value(v)}" for k, v in props.items() if v is not None) + "}"


def generate_cypher_statements(sub: Subgraph, documents: list[Document] = ()) -> list[str]:
    statements = list(cypher.SCHEMA)
    for doc in documents:
        props = doc.model_dump()
        statements.append(f"MERGE (d:SourceDocument {{id: {cypher_string(doc.id)}}}) SET d = {cypher_map(props)}")
    for node in sub.nodes:
        statements.append(f"MERGE (n:Node {{id: {cypher_string(node.id)}}}) "
                          f"SET n = {cypher_map(node_properties(node))}, n:{_schema_name(node.type, NODE_TYPES)}")
    for edge in sub.edges:
        rel = _schema_name(edge.type, EDGE_TYPES)
        statements.append(f"MATCH (a:Node {{id: {cypher_string(edge.source)}}}) "
                          f"MATCH (b:Node {{id: {cypher_string(edge.target)}}}) "
                          f"MERGE (a)-[r:{rel}]->(b) SET r = {cypher_map(edge_properties(edge))}")
    return statements


def generate_cypher(sub: Subgraph, documents: list[Document] = ()) -> str:
    about = f" around {sub.center}" if sub.center else ""
    head = [f"// innograph: {len(sub.nodes)} nodes, {len(sub.edges)} edges{about}, "
            f"{len(documents)} document(s); written {date.today().isoformat()}",
            "// One statement per line; run with: cypher-shell -f THIS_FILE"]
    return "\n".join(head + [s + ";" for s in generate_cypher_statements(sub, documents)]) + "\n"


def parse_cypher(text: str) -> list[str]:
    """The statements of a script written by `generate_cypher` (without their `;`)."""
    return [line.rstrip().removesuffix(";") for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("//")]


def write_cypher(sub: Subgraph, path: Path, documents: list[Document] = ()) -> None:
    Path(path).write_text(generate_cypher(sub, documents), encoding="utf-8")


def read_cypher(path: Path) -> list[str]:
    return parse_cypher(Path(path).read_text(encoding="utf-8"))


def node_properties(node: Node) -> dict[str, Any]:
    """The Neo4j backend's node properties (graph/neo4j/store.py writes the same map)."""
    keys = list(dict.fromkeys(normalize(n) for n in node.names))
    return {"id": node.id, "type": node.type, "name_zh": node.name_zh, "name_en": node.name_en,
            "aliases": list(node.aliases), "attrs_json": orjson.dumps(node.attrs).decode(),
            "sources": list(node.sources), "keys": keys, "keys_text": "\n" + "\n".join(keys) + "\n"}


def edge_properties(edge: Edge) -> dict[str, Any]:
    evidence = [e.model_dump() for e in edge.evidence]
    return {"attrs_json": orjson.dumps(edge.attrs).decode(), "evidence_json": orjson.dumps(evidence).decode()}


def _schema_name(name: str, table: dict) -> str:
    if name not in table:
        raise ValueError(f"not a type of the schema: {name!r}")
    return name


def _key(name: str) -> str:
    """A property key, backquoted unless it is a plain identifier."""
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"
