"""The Cypher script without a server: literals, labels from the schema, one statement a line.

tests/export/test_cypher_replay.py runs the scripts on a real Neo4j.
"""

from __future__ import annotations

import re

import pytest

from graph.model import Edge, Node
from graph.results import Subgraph
from viz.export.cypher_script import (cypher_string, cypher_value, generate_cypher,
                                      generate_cypher_statements, parse_cypher)

_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def read_literal(literal: str) -> str:
    """Cypher's reading of a single-quoted string literal (the rules of the Cypher manual)."""
    assert literal[0] == literal[-1] == "'"
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "'":
            raise AssertionError(f"unescaped quote at {i} in {literal!r}")
        if ch != "\\":
            out.append(ch)
            i += 1
        elif body[i + 1] == "u":
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        else:
            out.append(_UNESCAPE[body[i + 1]])
            i += 2
    return "".join(out)


@pytest.mark.parametrize("text", [
    "plain", "it's", 'say "hi"', "back\\slash", "trailing\\", "line\nbreak", "crlf\r\n", "tab\there",
    "控制\x01\x1f\x7f", "怀柔科学城😀", "// not a comment", "'; MATCH (n) DETACH DELETE n; //",
    "\u2028line separator", "",
])
def test_string_literals_read_back_exactly(text):
    literal = cypher_string(text)
    assert "\n" not in literal and "\r" not in literal
    assert read_literal(literal) == text


def test_values_lists_and_refusals():
    assert cypher_value(["a'b", 2, 1.5, True]) == "['a\\'b', 2, 1.5, true]"
    with pytest.raises(ValueError):
        cypher_value(float("nan"))
    with pytest.raises(TypeError):
        cypher_value({"a": 1})


def test_one_statement_per_line_and_no_parameters(awkward):
    sub, docs = awkward
    text = generate_cypher(sub, docs)
    statements = parse_cypher(text)
    assert statements == generate_cypher_statements(sub, docs)
    assert len(statements) == 3 + len(docs) + len(sub.nodes) + len(sub.edges)
    for statement in statements:
        outside = re.sub(r"'(?:[^'\\]|\\.)*'", "''", statement)  # text outside the literals
        assert "$" not in outside and ";" not in outside and "//" not in outside
    assert sum(s.startswith("MERGE (n:Node") for s in statements) == len(sub.nodes)


def test_labels_and_types_only_from_the_schema(awkward):
    sub, _ = awkward
    labels = re.findall(r", n:(\w+)$", "\n".join(generate_cypher_statements(sub)), re.M)
    assert sorted(labels) == sorted(n.type for n in sub.nodes)
    evil_node = Node.model_construct(id="x", type="Zone) DETACH DELETE n //", name_zh="x", name_en="",
                                     aliases=[], attrs={}, sources=[])
    with pytest.raises(ValueError, match="not a type of the schema"):
        generate_cypher_statements(Subgraph(nodes=[evil_node]))
    evil_edge = Edge.model_construct(source="a", target="b", type="X]->() DELETE r //", attrs={}, evidence=[])
    with pytest.raises(ValueError, match="not a type of the schema"):
        generate_cypher_statements(Subgraph(edges=[evil_edge]))


def test_names_evidence_and_unicode_are_literals(awkward):
    sub, docs = awkward
    text = generate_cypher(sub, docs)
    assert "怪名科学城<script>alert(\\'x\\')</script>" in text
    assert "表情基金😀" in text
    assert "'Plan\\nwith newline'" in text
    assert "evidence_json" in text and "实验室<落户>怪名科学城。" in text
