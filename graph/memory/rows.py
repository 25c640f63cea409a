"""Columns of a lazily opened snapshot that answer one row without decoding the others.

A version-4 snapshot (graph/memory/sections.py) stores a text column as its values joined by a
separator, with the byte offset of every row: row i is one slice and one decode. Ids are also
stored in sorted order, and normalised names too, so finding one id or one name is a bisect
over those orders (about 20 rows decoded) instead of a dict of every id built at open.

Each type here reads single rows from the mapped bytes and behaves as the list or dict the
eager columns hold. A use that needs all rows (iterating, `.items()`, a method of list or dict
it does not define) decodes the whole column once, in one C call where the format allows, and
from then on delegates to it; many single reads do the same (after a tenth of the rows), so a
caller that walks everything never pays more than about twice the eager open.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import accumulate, count
from operator import add

import orjson

from graph.memory.sections import SHIFT, Sections

STR_SEP, JSON_SEP = b"\0", b"\n"  #: no stored name holds NUL (loaders/guards.py); JSON never holds a raw newline


def encode_str(values: list[str]) -> tuple[bytes, bytes]:
    """(blob, row offsets) of a text column: row i is blob[at[i]: at[i+1] - 1]. One join and one encode,
    the offsets from where the separators fell (numpy: only writers call this)."""
    text = "\0".join(values)
    if not values or text.count("\0") != len(values) - 1:  # a value holding NUL: row by row
        return _joined([v.encode("utf-8", "surrogatepass") for v in values], STR_SEP)
    import numpy as np

    blob = text.encode("utf-8", "surrogatepass")
    ends = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 0) + 1
    return blob, np.concatenate([[0], ends, [len(blob) + 1]]).astype(np.int64).tobytes()  # machine order


def encode_json(values) -> tuple[bytes, bytes]:
    return _joined([orjson.dumps(v) for v in values], JSON_SEP)


def _joined(parts: list[bytes], sep: bytes) -> tuple[bytes, bytes]:
    """Row i starts at the lengths of the rows before it plus i separators (iterators in C: a save
    writes millions of rows)."""
    at = array("q", map(add, accumulate(map(len, parts), initial=0), count()))
    return sep.join(parts), at.tobytes()


class Ints:
    """A numeric section (or items [lo, hi) of it) read item by item, each block checked when first read;
    slices are arrays. With `bound`, every value read is checked to be in [0, bound) (edge ints)."""

    __slots__ = ("_sec", "_name", "_code", "_size", "_view", "_n", "_checked", "_first", "_shift", "_base",
                 "_bound", "_total")

    def __init__(self, sec: Sections, name: str, code: str, lo: int = 0, hi: int | None = None,
                 bound: int | None = None):
        self._sec, self._name, self._code, self._bound = sec, name, code, bound
        self._size = array(code).itemsize
        if sec.length(name) % self._size:
            raise sec.damaged(f"section {name!r} is not a whole number of items")
        self._total = sec.length(name) // self._size
        hi = self._total if hi is None else hi
        if not 0 <= lo <= hi <= self._total:
            raise sec.damaged(f"section {name!r} does not add up")
        self._base, self._n = lo, hi - lo
        start, length, self._first = sec.spans[name]
        self._checked, self._shift = sec.checked, SHIFT - self._size.bit_length() + 1  # item -> block
        self._view = None if sec.swap else sec.buf[start: start + length].cast(code)[lo: hi]

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if type(i) is slice:
            lo, hi, step = i.indices(self._n)
            if step != 1:
                return self[:][i]
            out = array(self._code)
            if hi > lo:
                base = self._base
                out.frombytes(self._sec.bytes_of(self._name, (base + lo) * self._size, (base + hi) * self._size))
                if self._sec.swap:
                    out.byteswap()
                if self._bound is not None and (max(out) >= self._bound or min(out) < 0):
                    raise self._sec.damaged(f"section {self._name!r} names an item past its table")
            return out
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise self._sec.damaged(f"{self._name}[{i}] is past its {self._n} items")
        if self._view is None:
            return self[i: i + 1][0]
        b = (self._base + i) >> self._shift  # items never straddle a block: sizes divide BLOCK
        if not self._checked[self._first + b]:
            self._sec.check(self._name, b)
        value = self._view[i]
        if self._bound is not None and not 0 <= value < self._bound:
            raise self._sec.damaged(f"section {self._name!r} names an item past its table")
        return value

    def whole(self):
        if self._n == self._total and self._bound is None:
            return self._sec.numbers(self._name, self._code)
        return self[:]

    def __iter__(self):
        return iter(self.whole())

    def tolist(self) -> list:
        return self.whole().tolist()

    def tobytes(self) -> bytes:
        return self.whole().tobytes()

    def as_array(self) -> array:
        return self[:]


class Rows:
    """A column of rows (text, or JSON values) read one by one; `owner.attr` gets the whole list once
    something needs all of it."""

    __slots__ = ("_sec", "_blob", "_at", "_json", "_convert", "_n", "_full", "_reads", "_owner", "_attr")

    def __init__(self, sec: Sections, blob: str, json: bool = False, convert=None, owner=None, attr: str = ""):
        self._sec, self._blob, self._json, self._convert = sec, blob, json, convert
        self._at = Ints(sec, blob + "_at", "q")
        self._n = len(self._at) - 1
        if self._n < 0:
            raise sec.damaged(f"section {blob + '_at'!r} is empty")
        self._full, self._reads, self._owner, self._attr = None, 0, owner, attr

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if self._full is not None:
            return self._full[i]
        if type(i) is slice:
            lo, hi, step = i.indices(self._n)
            return self._range(lo, hi)[::step] if hi > lo else []
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise self._sec.damaged(f"row {i} of {self._blob!r} is past its {self._n} rows")
        self._reads += 1
        if self._reads > 4096 and self._reads * 10 > self._n:  # a caller reading everything: decode once
            return self.full()[i]
        lo, hi = self._at[i], self._at[i + 1]
        if not 0 <= lo < hi <= self._sec.length(self._blob) + 1:
            raise self._sec.damaged(f"section {self._blob!r} does not add up")
        raw = self._sec.bytes_of(self._blob, lo, hi - 1)
        value = orjson.loads(raw) if self._json else str(raw, "utf-8", "surrogatepass")
        return self._convert(value) if self._convert else value

    def _range(self, lo: int, hi: int) -> list:
        """Rows [lo, hi) from one slice of the blob (a block of names for a substring search)."""
        at = self._at[lo: hi + 1]
        if at[0] > at[-1] or at[-1] > self._sec.length(self._blob) + 1:
            raise self._sec.damaged(f"section {self._blob!r} does not add up")
        return self._split(self._sec.bytes_of(self._blob, at[0], at[-1] - 1), hi - lo, at)

    def _split(self, raw: memoryview, count: int, at) -> list:
        if self._json:
            values = orjson.loads(b"[" + bytes(raw).replace(JSON_SEP, b",") + b"]") if count else []
        else:
            values = str(raw, "utf-8", "surrogatepass").split("\0") if count else []
            if len(values) != count:  # a value holding NUL after all: slice by offsets
                base = at[0]
                values = [str(raw[a - base: b - 1 - base], "utf-8", "surrogatepass") for a, b in zip(at, at[1:])]
        if len(values) != count:
            raise self._sec.damaged(f"section {self._blob!r} does not add up")
        return list(map(self._convert, values)) if self._convert else values

    def full(self) -> list:
        """Every row, decoded once; the owner's attribute becomes this list."""
        if self._full is None:
            self._full = self._range(0, self._n)
            if self._owner is not None:
                setattr(self._owner, self._attr, self._full)
        return self._full

    def __iter__(self):
        return iter(self.full())

    def copy(self) -> list:
        return self.full().copy()

    def __getattr__(self, name):  # any other list method: on the whole list
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)


_MISSING = object()


class LazyWhole:
    """A container read part by part until something needs it whole (`full`, iteration, any other
    method of the plain container); then `_whole()` builds it once and it is put on `_owner` in
    its place. Subclasses set `_full` (None), `_owner`, `_attr` and provide `_whole`."""

    __slots__ = ()

    def full(self):
        if self._full is None:
            self._full = self._whole()
            if self._owner is not None:
                setattr(self._owner, self._attr, self._full)
        return self._full

    def __iter__(self):
        return iter(self.full())

    def __getattr__(self, name):  # items, values, copy, ...: on the whole container
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)


class _LazyMapping(LazyWhole):
    """What Keyed and SortedKeys share: a mapping read key by key (`get`) until it is needed whole."""

    def __getitem__(self, key):
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING


class Keyed(_LazyMapping):
    """A sparse column as a mapping row int -> value (aliases, evidence): sorted keys and their rows."""

    def __init__(self, sec: Sections, name: str, convert, owner=None, attr: str = ""):
        self._keys = Ints(sec, name + "_keys", "i")
        self._rows = Rows(sec, name, json=True, convert=convert)
        if len(self._keys) != len(self._rows):
            raise sec.damaged(f"section {name!r} does not add up")
        self._full, self._owner, self._attr = None, owner, attr

    def get(self, key, default=None):
        if self._full is not None:
            return self._full.get(key, default)
        keys = self._keys
        at = bisect_left(keys, key)
        return self._rows[at] if at < len(keys) and keys[at] == key else default

    def _whole(self) -> dict:
        return dict(zip(self._keys.tolist(), self._rows.full()))

    def __len__(self) -> int:
        return len(self._keys)


class SortedKeys(_LazyMapping):
    """A mapping text -> value by bisect over a stored sorted order of a text column (ids -> node
    int; normalised names -> node ints): about 20 rows decoded per lookup."""

    def __init__(self, keys: Rows, order: Ints, value, whole, owner=None, attr: str = ""):
        if len(order) != len(keys):
            raise ValueError("a sorted order does not add up")  # at first use: LazyColumns says which file
        self._keys, self._order, self._value, self._whole = keys, order, value, whole
        self._full, self._owner, self._attr = None, owner, attr
        self._probes: dict[int, str] = {}  # the first levels of every bisect are the same rows

    def get(self, key, default=None):
        if self._full is not None:
            return self._full.get(key, default)
        if type(key) is not str:
            return default
        keys, order, probes = self._keys, self._order, self._probes
        lo, hi = 0, len(order)
        while lo < hi:
            mid = (lo + hi) // 2
            probe = probes.get(mid)
            if probe is None:
                probe = probes[mid] = keys[order[mid]]
            if probe < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(order) and (probes.get(lo) or keys[order[lo]]) == key:
            return self._value(order[lo])
        return default

    def __len__(self) -> int:
        return len(self._order)
