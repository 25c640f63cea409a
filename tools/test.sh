#!/usr/bin/env bash
# The whole suite as CI runs it: a real Neo4j on 127.0.0.1 (started here unless NEO4J_URI
# is set, stopped afterwards), then pytest. If Neo4j cannot start the run fails: it never skips.
set -euo pipefail
cd "$(dirname "$0")/.."
# The instance lives in this checkout (.neo4j/, git-ignored): two checkouts never share a server.
if [ -z "${NEO4J_URI:-}" ]; then
  .venv/bin/python tools/neo4j/neo4jctl.py up --dir "$PWD/.neo4j" --port-bolt 0 --env-file .env.neo4j
  trap '.venv/bin/python tools/neo4j/neo4jctl.py down --dir "$PWD/.neo4j"' EXIT
  set -a; . ./.env.neo4j; set +a
fi
.venv/bin/python -m pytest "$@"
