"""The opaque `after` cursor of a supporters page: the answer-order key of its last row.

Why a key and not a position: a position moves when a write adds rows before it, a key
does not, and a key is one bisect into the zone index (graph/memory/zone_index.py) or
into rows computed as before. The key is (via, supporter type, supporter id, member id
or "", 1 for LED_BY else 0, edge type), the order `GraphQueries.supporters_page` defines;
it travels as base64url JSON so that clients treat it as a token, not as data.
"""

from __future__ import annotations

import base64
import binascii

import orjson

from graph.errors import InvalidInput
from graph.schema import SUPPORT_EDGES_IN

_SHAPE = (bool, str, str, str, int, str)


def row_key(target: str, supported: str, supporter: str, supporter_type: str, edge_type: str) -> tuple:
    """The answer-order key of one supporter row of `target`."""
    via = supported != target
    return (via, supporter_type, supporter, supported if via else "", int(edge_type not in SUPPORT_EDGES_IN),
            edge_type)


def encode(key: tuple) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(key))).decode("ascii").rstrip("=")


def decode(token: str) -> tuple:
    """The key inside a cursor this server gave; anything else is InvalidInput (422 / exit 2)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        key = orjson.loads(raw)
    except (ValueError, binascii.Error, orjson.JSONDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != len(_SHAPE) \
            or not all(type(k) is t for k, t in zip(key, _SHAPE)) or key[4] not in (0, 1):
        raise InvalidInput("`after` is not a cursor returned by a supporters page (pass the `next_after` "
                           "of the previous page, or use `offset`)")
    return tuple(key)
