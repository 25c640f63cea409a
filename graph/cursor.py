"""The `after` cursor of a supporters page: the answer-order key of its last row, as hex bytes.

Why a key and not a position: a position moves when a write adds rows before it, a key does
not, and a key is one bisect into the zone index (graph/memory/zone_index.py) or into rows
computed as before. The key (via, supporter type, supporter id, member id or "", 1 for
LED_BY else 0, edge type) is written as its fields in UTF-8 joined by NUL bytes: UTF-8 keeps
code point order and NUL sorts before every other byte, so the bytes sort exactly as the
tuples do. Every even-length hex string is therefore a position in the answer order ("the
rows after this one"), the schema can say so with a pattern, and no well-formed cursor is
ever refused; anything else is InvalidInput (422 / exit 2).
"""

from __future__ import annotations

import re

from graph.errors import InvalidInput
from graph.schema import SUPPORT_EDGES_IN

PATTERN = r"^([0-9a-f]{2})+$"  #: what the API's `after` accepts
_HEX = re.compile(PATTERN)


def row_key(target: str, supported: str, supporter: str, supporter_type: str, edge_type: str) -> tuple:
    """The answer-order key of one supporter row of `target`."""
    via = supported != target
    return (via, supporter_type, supporter, supported if via else "", int(edge_type not in SUPPORT_EDGES_IN),
            edge_type)


def sort_bytes(key: tuple) -> bytes:
    """The key as bytes that sort as the key does."""
    via, kind, supporter, member, led, edge = key
    return b"\0".join((b"1" if via else b"0", kind.encode("utf-8", "surrogatepass"),
                       supporter.encode("utf-8", "surrogatepass"), member.encode("utf-8", "surrogatepass"),
                       b"1" if led else b"0", edge.encode("utf-8", "surrogatepass")))


def encode(key: tuple) -> str:
    return sort_bytes(key).hex()


def decode(token: str) -> bytes:
    """The position a cursor names; a string that is not even-length lowercase hex is InvalidInput."""
    if not isinstance(token, str) or not _HEX.match(token):
        raise InvalidInput("`after` is not a cursor returned by a supporters page (pass the `X-Next-After` "
                           "of the previous page, or use `offset`)")
    return bytes.fromhex(token)
