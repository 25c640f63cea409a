"""NEO4J_URI checked before the driver sees it, so a typo is one line and not a traceback.

The driver accepts some malformed URIs and fails later, in ways that are not its
documented errors: `bolt://h:notaport` raises a ValueError from DNS resolution at the
first query, and `http://…` selects an HTTP driver whose optional dependency (aiohttp) is
not installed, a ModuleNotFoundError (issue 19). innograph talks Bolt only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from graph.errors import StoreUnavailable

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
EXAMPLE = "bolt://host:7687 (a server), neo4j://host:7687 (a cluster) or neo4j+s://… (Aura)"


def check_uri(uri: str) -> None:
    """StoreUnavailable ("Neo4j at URI is not reachable: …", as the driver's own refusals) when
    `uri` cannot name a Bolt server."""
    problem = _problem(uri)
    if problem:
        raise StoreUnavailable(f"Neo4j at {uri} is not reachable: {problem}; NEO4J_URI looks like {EXAMPLE}")


def _problem(uri: str) -> str | None:
    if any(ord(ch) < 33 for ch in uri):
        return "the URI holds spaces or control characters"
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError as exc:
        return f"the URI is malformed ({exc})".replace("Port could not be cast to integer value as",
                                                        "the port is not a number:")
    if parts.scheme not in SCHEMES:
        shown = f"{parts.scheme!r}" if parts.scheme else "no scheme"
        return f"URI scheme {shown} is not supported (only {', '.join(SCHEMES)})"
    if not parts.hostname:
        return "the URI names no host"
    if port == 0:
        return "port 0 is not a server's port"
    return None
