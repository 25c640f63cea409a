"""Guards on what a source may hold and what a loader may open (issue 19).

Names: a node's id, Chinese and English names and aliases are at most MAX_NAME_CHARS
characters and hold no control characters. Names of 8 million characters and names with
NUL or VT were stored before: they break tables, pages and exports and are never a real
name. A row that breaks this is rejected with the reason, like any other bad row.

Files: a loader opens only regular files (after symlinks). A FIFO, or a symlink to
/dev/zero, made `innograph load` wait or read forever; now it is refused before it is
opened.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput

#: Longest id, name or alias, in characters.
MAX_NAME_CHARS = 500
#: C0 and C1 control characters (NUL, VT, FF, ESC, DEL, …) and the Unicode line and paragraph
#: separators. Tab, newline and carriage return stay allowed: they are whitespace that every
#: writer escapes, and the export tests keep a name with a line break (tests/export/data/awkward.json).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
NAME_FIELDS = ("id", "name_zh", "name_en")


def name_problem(value: str) -> str | None:
    if len(value) > MAX_NAME_CHARS:
        return f"is {len(value)} characters long; at most {MAX_NAME_CHARS}"
    found = _CONTROL.search(value)
    if found:
        return f"holds the control character U+{ord(found.group()):04X} at position {found.start() + 1}"
    return None


def is_plain_name(value: str) -> bool:
    """True when `value` passes `name_problem` (the CSV fast path asks this of every cell)."""
    return len(value) <= MAX_NAME_CHARS and not _CONTROL.search(value)


def check_names(row: dict[str, Any]) -> None:
    """ValueError naming the field, for the first id, name or alias of a node row that breaks the rules."""
    for field in NAME_FIELDS:
        value = row.get(field)
        problem = name_problem(value) if isinstance(value, str) else None
        if problem:
            raise ValueError(f"'{field}' {problem}")
    aliases = row.get("aliases")
    for i, alias in enumerate(aliases if isinstance(aliases, list) else []):
        problem = name_problem(alias) if isinstance(alias, str) else None
        if problem:
            raise ValueError(f"aliases[{i}] {problem}")


def check_regular(paths: Iterable[Path]) -> None:
    """InvalidInput unless every path is a directory or a regular file (symlinks followed),
    checked with stat before anything is opened."""
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise InvalidInput(f"{path} is not a regular file ({_kind(mode)}); load reads files and directories only")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"
