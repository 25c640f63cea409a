"""The container of a version-4 snapshot: aligned sections, each checked block by block on first touch.

Why blocks: a CLI process answers one page and exits, so what it reads of a 150 MB snapshot
should be the page's rows, not the file. Version 3 checked one crc32 per section, which means
reading the whole section before using a byte of it. Here every section is cut into blocks of
`BLOCK` bytes with a crc32 each (one table, `crc`, checked whole at open: 4 bytes per 8 KiB),
and a block is checked the first time any byte of it is read; a damaged block fails then, with
the same message as before ("section 'zh' is truncated or damaged").

Layout: MAGIC, a 4-byte little-endian header length, the JSON header (version, byte order,
`sections` as [name, offset, length, first block], `crc` as [offset, length, crc32]), then the
sections, each starting at a multiple of 8 so numeric ones can be viewed in place (memoryview
casts, numpy frombuffer) without a copy, the checksum table, and last the crc32 of the header
(4 bytes), so a changed byte anywhere but in the padding between sections is found.

The bytes are a `mmap` of the file (lazy opening) or the file's bytes (eager). An innograph
save writes a temporary file and renames it over the snapshot, so a mapping keeps the inode it
opened: a save in another process never changes what an open reader sees.
"""

from __future__ import annotations

import sys
import zlib
from array import array

import orjson

from graph.errors import StoreUnavailable

SHIFT = 13
BLOCK = 1 << SHIFT  #: bytes per checked block
ALIGN = 8


def write(fh, magic: bytes, version: int, meta: dict, sections: dict[str, bytes]) -> None:
    """Write `sections` (name -> bytes) after a header that says where each one is."""
    spans, crcs, at = [], array("I"), 0
    for name, data in sections.items():
        at += -at % ALIGN
        spans.append([name, at, len(data), len(crcs)])
        view = memoryview(data)
        crcs.extend(zlib.crc32(view[lo: lo + BLOCK]) for lo in range(0, len(data), BLOCK))
        at += len(data)
    table = crcs.tobytes()
    at += -at % ALIGN
    header = {"version": version, "byteorder": sys.byteorder, **meta, "sections": spans,
              "crc": [at, len(table), zlib.crc32(table)]}
    head = orjson.dumps(header)
    start = len(magic) + 4 + len(head)
    start += -start % ALIGN
    head += b" " * (start - len(magic) - 4 - len(head))  # JSON allows trailing blanks
    fh.write(magic + len(head).to_bytes(4, "little") + head)
    written = 0
    for (name, offset, length, _), data in zip(spans, sections.values()):
        fh.write(b"\0" * (offset - written))
        fh.write(data)
        written = offset + length
    fh.write(b"\0" * (header["crc"][0] - written))
    fh.write(table)
    fh.write(zlib.crc32(head).to_bytes(4, "little"))


class Damaged(StoreUnavailable, ValueError):
    """Bytes that do not match their checksum or do not add up (raised on first touch when lazy)."""


class Sections:
    """The sections of one snapshot's bytes, checked block by block as they are read."""

    def __init__(self, buf, header: dict, start: int, origin="", header_crc: int | None = None):
        self.origin = origin
        self.buf = memoryview(buf)
        self.header = header
        self.swap = header.get("byteorder") != sys.byteorder
        size = len(self.buf) - 4
        if size < start or header_crc != int.from_bytes(self.buf[size:], "little"):
            raise self.damaged("the header is truncated or damaged")
        at, size_of_table, crc = header["crc"]
        table = self.buf[start + at: start + at + size_of_table]
        if len(table) != size_of_table or size_of_table % 4 or zlib.crc32(table) != crc:
            raise self.damaged("the checksum table is truncated or damaged")
        self.crcs = table.cast("I") if not self.swap else array("I", bytes(table))
        if self.swap:
            self.crcs.byteswap()
        self.spans: dict[str, tuple[int, int, int]] = {}
        end = start
        for name, offset, length, first in header["sections"]:
            lo = start + offset
            if lo < end or length < 0 or lo + length > size or first + -(-length // BLOCK) > len(self.crcs):
                raise self.damaged(f"section {name!r} is truncated or damaged")
            self.spans[name] = (lo, length, first)
            end = lo + length
        if start + at < end or start + at + size_of_table != size:
            raise self.damaged("trailing bytes after the last section" if start + at + size_of_table < size
                               else "the snapshot is truncated")
        self.checked = bytearray(len(self.crcs))

    def damaged(self, problem: str) -> Damaged:
        return Damaged(f"the graph snapshot {self.origin} cannot be read: {problem}")

    def __contains__(self, name: str) -> bool:
        return name in self.spans

    def bytes_of(self, name: str, lo: int = 0, hi: int | None = None) -> memoryview:
        """Bytes [lo, hi) of a section, every block they touch checked (once)."""
        start, length, first = self.spans[name]
        hi = length if hi is None else min(hi, length)
        if hi > lo:
            checked = self.checked
            for b in range(lo >> SHIFT, ((hi - 1) >> SHIFT) + 1):
                if not checked[first + b]:
                    self.check(name, b)
        return self.buf[start + lo: start + max(hi, lo)]

    def check(self, name: str, b: int) -> None:
        """Check block b of a section against its CRC (once)."""
        start, length, first = self.spans[name]
        block = self.buf[start + b * BLOCK: start + min((b + 1) * BLOCK, length)]
        if zlib.crc32(block) != self.crcs[first + b]:
            raise self.damaged(f"section {name!r} is truncated or damaged")
        self.checked[first + b] = 1

    def length(self, name: str) -> int:
        return self.spans[name][1]

    def check_all(self, name: str) -> memoryview:
        """The whole section, every block checked (in one pass: this is a scan at crc32's speed)."""
        start, length, first = self.spans[name]
        count = -(-length // BLOCK)
        if count and not all(self.checked[first: first + count]):
            view, crcs = self.buf[start: start + length], self.crcs
            crc32 = zlib.crc32
            if [crc32(view[o: o + BLOCK]) for o in range(0, length, BLOCK)] != list(crcs[first: first + count]):
                raise self.damaged(f"section {name!r} is truncated or damaged")
            self.checked[first: first + count] = b"\1" * count
        return self.buf[start: start + length]

    def numbers(self, name: str, code: str):
        """A numeric section whole (checked whole): a zero-copy view, or an array when byte-swapped."""
        raw = self.check_all(name)
        size = array(code).itemsize
        if len(raw) % size:
            raise self.damaged(f"section {name!r} is not a whole number of items")
        if self.swap:
            out = array(code, bytes(raw))
            out.byteswap()
            return out
        return raw.cast(code)

    def json(self, name: str):
        return orjson.loads(self.bytes_of(name))


def parse(buf, magic: bytes, version: int, origin="") -> Sections | None:
    """The sections of a snapshot in `buf` (bytes or mmap) if it is of `version`, else None; only the
    header and the checksum table are read here, sections are checked as they are read."""
    at = len(magic) + 4
    size = int.from_bytes(buf[len(magic): at], "little")
    raw = bytes(buf[at: at + size])
    header = orjson.loads(raw)
    if not isinstance(header, dict) or header.get("version") != version:
        return None
    return Sections(buf, header, at + size, origin, zlib.crc32(raw))
