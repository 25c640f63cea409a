"""Text that remembers where every character came from.

The extractor reads a normalised view of a report (page chrome gone, HTML tags
gone, entities decoded, full width folded, Traditional turned Simplified) but
every mention and every evidence quote must point into the file as it was
decoded. A `MappedText` is that view plus, for each of its characters, the
[start, end) span of the original text it stands for; every transformation
composes the spans, so `span(i, j)` is always a slice of the original.
"""

from __future__ import annotations

import re
import unicodedata

from graph.text import to_simplified


class MappedText:
    """The view's text and, per character, the original [start, end) it stands for.

    Appends go to a list of pieces joined on the next read of `text`: building a view of a
    megabyte character by character stays linear (`str +=` on an attribute copies every time).
    """

    def __init__(self, text: str = "", starts: list[int] | None = None, ends: list[int] | None = None):
        self._text = text
        self._pieces: list[str] = []
        self.starts = starts if starts is not None else []
        self.ends = ends if ends is not None else []

    @property
    def text(self) -> str:
        if self._pieces:
            self._text += "".join(self._pieces)
            self._pieces = []
        return self._text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MappedText) and (self.text, self.starts, self.ends) == (
            other.text, other.starts, other.ends)

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"

    @classmethod
    def identity(cls, original: str, start: int = 0, end: int | None = None) -> MappedText:
        end = len(original) if end is None else end
        return cls(original[start:end], list(range(start, end)), list(range(start + 1, end + 1)))

    def __len__(self) -> int:
        return len(self.starts)

    def append(self, text: str, start: int, end: int) -> None:
        """Add `text` standing for original[start:end] as a whole (an entity, a newline, a tag)."""
        self._pieces.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def extend(self, other: MappedText) -> None:
        self._pieces.append(other.text)
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)

    def slice(self, i: int, j: int) -> MappedText:
        return MappedText(self.text[i:j], self.starts[i:j], self.ends[i:j])

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The original [start, end) of view characters [i, j)."""
        if not 0 <= i < j <= len(self):
            raise IndexError(f"view span [{i}, {j}) outside 0..{len(self)}")
        return self.starts[i], self.ends[j - 1]

    def map_chars(self, fn) -> MappedText:
        """Apply a per-character function that may return any number of characters."""
        out = MappedText()
        for ch, s, e in zip(self.text, self.starts, self.ends):
            out.append(fn(ch), s, e)
        return out

    def drop(self, pattern: re.Pattern) -> MappedText:
        """The view without the matches of `pattern` (the original offsets of what stays are unchanged)."""
        out, at = MappedText(), 0
        for m in pattern.finditer(self.text):
            out.extend(self.slice(at, m.start()))
            at = m.end()
        if at == 0:
            return self
        out.extend(self.slice(at, len(self)))
        return out

    def to_simplified(self) -> MappedText:
        """Traditional -> Simplified, line by line with phrase context where lengths allow."""
        out = MappedText()
        at = 0
        for line in self.text.splitlines(keepends=True):
            part = self.slice(at, at + len(line))
            at += len(line)
            converted = to_simplified(line)
            if len(converted) == len(line):
                out.extend(MappedText(converted, part.starts, part.ends))
            else:  # a phrase changed length: fall back to characters, which always map
                out.extend(part.map_chars(to_simplified))
        return out

    def folded(self) -> MappedText:
        """NFKC per character (full width -> half width), then Simplified Chinese."""
        return self.map_chars(lambda ch: unicodedata.normalize("NFKC", ch)).to_simplified()
