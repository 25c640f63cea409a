"""A Neo4j search page in two steps: names starting with the key, then (only if needed) the others.

The one statement before ranked every node with a name containing the key (the text index finds
them all; a Top keeps the page), so a broad key such as 科技 read 10,150 nodes at 100k for a page
of 20. Nodes with a name *starting* with the key rank first, and the text index finds exactly
those when asked for "\\n" + key in `keys_text` (graph/neo4j/cypher.py: one name a line), so when
they fill the page the server reads only them. When they do not, the rest (a name containing the
key, none starting with it) is ranked by its shortest such name and paged with SKIP/LIMIT, which
reads every hit as before. Both run in one read transaction, so the page is one state's.

Not flat, and not claimed to be: a key that starts few names but sits in many (航天), or starts
most of them (北京), still costs its hits; docs/benchmarks.md has the PROFILE figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.neo4j import cypher


def page_ids(tx, key: str, types: Sequence[str], offset: int, limit: int) -> list[str]:
    """The ids of the page [offset, offset + limit) in search order (exact, prefix, shorter name, id)."""
    needle, types = "\n" + key, list(types)
    first = [r["id"] for r in tx.run(cypher.SEARCH_PREFIX, key=key, needle=needle, types=types,
                                      limit=offset + limit)]
    page = first[offset:]
    if len(first) >= offset + limit:
        return page
    rest = tx.run(cypher.SEARCH_REST, key=key, needle=needle, types=types,
                  offset=max(offset - len(first), 0), limit=limit - len(page))
    return page + [r["id"] for r in rest]
