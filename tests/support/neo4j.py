"""Where the suite's Neo4j is: the environment first, then .env.neo4j (written by neo4jctl `up`).

Imported as `tests.support.neo4j` by every test that talks to the real server; `operators` and `SCANS`
read the plans that EXPLAIN tests assert on.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parents[2] / ".env.neo4j"
KEYS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


def neo4j_connection() -> dict[str, str]:
    """The connection settings: the environment first, then .env.neo4j key by key."""
    found: dict[str, str] = {}
    if ENV_FILE.exists():
        for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key.strip() in KEYS:
                found[key.strip()] = value.strip().strip("'\"")
    found.update({k: os.environ[k] for k in KEYS if os.environ.get(k)})
    return found


class Cleared:
    """How many times the suite has emptied its Neo4j (tests/graph/conftest.py `neo4j_store`).

    A fixture that loads a data set once and shares it between read-only tests records the
    count at load time; a different count later means some test emptied (and perhaps wrote to)
    the database since, and the data set must be loaded again.
    """

    count = 0


#: plan operators that read every node of a label (or every node): what a page must never need
SCANS = {"NodeByLabelScan", "AllNodesScan", "NodeIndexScan"}


def operators(plan) -> list[str]:
    """Every operator of a plan (names without the '@neo4j' suffix), root first."""
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += operators(child)
    return out
