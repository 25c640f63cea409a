"""Word boundaries of the body view, from a segmenter whose dictionary ships in its wheel (jieba).

Why: the rules choose where a name begins and ends by looking at a few characters
(a verb list, function words, punctuation). Where the text has a word the rules do
not list, a span starts or ends inside a word (了|解科技基金, 家|特色小镇, …工程|师).
A dictionary segmenter knows those words. It is used for three questions only:

- is position i inside a word (a name may not start or end there)?
- is the word that ends at i a verb (走访|澳门大学: a place after a verb opens a name)?
- the dictionary word that crosses i, if any.

Segmentation runs without the HMM (`HMM=False`), so every word of two characters or
more is a dictionary word and an unknown name is never glued to its neighbours; the
result is deterministic and linear in the text. The dictionary is loaded once per
process, lazily, from the installed package (nothing is downloaded); when jieba is
missing the segmentation is empty and every position counts as a boundary, so the
rules behave as they did before it.
"""

from __future__ import annotations

import logging
import re
import threading

from loaders.text import budget

_lock = threading.Lock()
_state: dict[str, object] = {}
#: jieba reads runs of these characters as blocks (its re_han_default) and every other character alone
JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]")
CHUNK = 4096  # characters per call of the segmenter (see _chunks)
#: jieba part-of-speech tags of verbs (v, and vd/vi; not vn, a verb used as a noun: 发展, 服务).
VERB_TAGS = frozenset({"v", "vd", "vi", "vq"})


def _jieba():
    """(tokenizer, word -> tag), loaded once: about 1-2 s for the dictionary."""
    with _lock:
        if "tok" not in _state:
            try:
                import jieba
                import jieba.posseg
            except ImportError:  # pragma: no cover - a declared dependency; keep extraction working without it
                _state["tok"], _state["tags"] = None, {}
            else:
                jieba.setLogLevel(logging.WARNING)
                jieba.dt.initialize()
                _state["tok"], _state["tags"] = jieba.dt, jieba.posseg.dt.word_tag_tab
        return _state["tok"], _state["tags"]


def _chunks(text: str):
    """`text` in pieces of at most CHUNK characters, each cut right after a character jieba reads alone
    (not a carriage return, read with the line feed after it), so the words are those of the whole text.

    Why: jieba's loop over one block grows with the square of a run of letters and digits (1M digits:
    49 s; 100k: 0.6 s). A block longer than CHUNK with no such character (no real text has one; the
    sentence cap puts a 。 at least every 1,000 characters before the final reading) is cut at CHUNK.
    """
    at, n = 0, len(text)
    while n - at > CHUNK:
        end = at + CHUNK
        cut = next((i for i in range(end, at + CHUNK // 2, -1)
                    if not JIEBA_BLOCK.match(text, i - 1) and text[i - 1] != "\r"), end)
        yield text[at:cut]
        at = cut
    yield text[at:]


class Segmentation:
    """Where the words of one text start, and which of them are verbs. Built once per text."""

    def __init__(self, text: str, nominal: frozenset[str] = frozenset()):
        self.text = text
        self.nominal = nominal  # verbs that are nouns inside names (创新, 研究): never a verb here
        tok, self._tags = _jieba()
        n = len(text)
        #: in_word[i] == 1 when position i falls strictly inside a word (a byte per character: C-speed marking)
        self.in_word = bytearray(n + 1)
        self.enabled = tok is not None
        if not self.enabled:
            return
        at = 0
        for k, word in enumerate(word for chunk in _chunks(text) for word in tok.cut(chunk, HMM=False)):
            size = len(word)
            if size > 1:
                self.in_word[at + 1:at + size] = b"\x01" * (size - 1)
            at += size
            if k % 4096 == 0:
                budget.check()
        if at != n:  # the segmenter did not give back the text it was given: trust no boundary from it
            self.enabled = False
            self.in_word = bytearray(n + 1)

    def inside(self, i: int) -> bool:
        """Whether position i falls strictly inside a word of two or more characters."""
        return 0 < i < len(self.text) and self.in_word[i] == 1

    def start_of(self, i: int) -> int:
        """The start of the word that covers position i."""
        while i > 0 and self.in_word[i]:
            i -= 1
        return i

    def end_of(self, i: int) -> int:
        """The end of the word that covers position i."""
        i += 1
        while i < len(self.text) and self.in_word[i]:
            i += 1
        return i

    def word_across(self, i: int) -> str:
        """The word that position i falls inside ("" at a boundary)."""
        return self.text[self.start_of(i):self.end_of(i)] if self.inside(i) else ""

    def verb_before(self, i: int) -> str:
        """The word ending right at boundary i when the dictionary tags it a verb (走访, 争创), else ""."""
        if i <= 0 or self.inside(i):
            return ""
        word = self.text[self.start_of(i - 1):i]
        return word if len(word) > 1 and self._tags.get(word) in VERB_TAGS and word not in self.nominal else ""

    def verb_at(self, i: int) -> str:
        """The word starting at boundary i when the dictionary tags it a verb (特制订, 抓好), else ""."""
        if self.inside(i) or i + 1 >= len(self.text) or not self.inside(i + 1):
            return ""
        word = self.text[i:self.end_of(i)]
        return word if self._tags.get(word) in VERB_TAGS and word not in self.nominal else ""

    def tag(self, word: str) -> str:
        """The dictionary's part-of-speech tag of a word ("" for a word it does not hold)."""
        return self._tags.get(word, "")

    def word_ending(self, end: int) -> tuple[int, str]:
        """(start, tag) of the word that ends at `end` (a boundary), or (end, "") when none does."""
        if end <= 0 or self.inside(end):
            return end, ""
        start = self.start_of(end - 1)
        return start, self._tags.get(self.text[start:end], "")
