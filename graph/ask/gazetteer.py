"""Find the graph's entities in a question: every name and alias, longest match first.

The gazetteer holds the matching key of every name, alias and id of the store's
nodes. A question is cut into the non-overlapping names that cover most of it
(so 北京市科委 prefers one long name over 北京市 + 科委), Latin names only
at word boundaries (HSC is not found inside "HSCX"). What no name covers can
be matched fuzzily (difflib) when the question needs an entity it did not name
exactly. One gazetteer is kept per store and rebuilt when the store's node
counts change (checked at most every REVALIDATE_SECONDS) or on `forget(store)`.

A store of more than WHOLE_MAX_NODES nodes does not build it in every process (session 18): the
gazetteer is written once per graph state to a key table (graph/ask/key_table.py) and read by key
(graph/ask/stored_gazetteer.py), so a question costs its own names, not the graph's. The matching
code here is the same for both; only what it reads (`_fetch`, `_fuzzy_pool`, `_ends`, `_loose_pool`,
`alike`, `latin_among`) differs.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import sqlite3
import time
import weakref
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from graph.ask import place_names
from graph.model import Node
from graph.store import GraphStore
from graph.text import normalize

REVALIDATE_SECONDS = 5.0
MIN_KEY_CHARS = 2
FUZZY_CUTOFF = 0.85
#: A Chinese name of this many characters or more is also found with one character wrong, missing or
#: extra (怀柔科学成 -> 怀柔科学城): difflib's ratio for one slip in five characters is only 0.8.
TYPO_MIN_CHARS = 4

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_PUNCT = re.compile(r"[^\w\s" + _CJK + r"\u24b6-\u24e9]|_")
_POSSESSIVE = re.compile(r"['’]s\b")
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
#: Where a question's clause ends between two Chinese characters (，；。！？ after `normalize`'s NFKC):
#: kept in the keyed question as CLAUSE_BREAK until its names are found, so no name spans it.
CLAUSE_BREAK = "\u2016"
_CLAUSE_MARK = re.compile(f"(?<=[{_CJK}])\\s*[,;!?\u3002]+\\s*(?=[{_CJK}])")


def match_key(text: str, clause_breaks: bool = False) -> str:
    """The form names and questions are compared in: normalised, punctuation dropped.

    Full/half width, Traditional script and case are folded by `normalize`;
    '&' reads 'and'; punctuation becomes a space, and a space next to a Chinese
    character goes (Chinese has no spaces, so 科技冬奥 “专项” is 科技冬奥专项).
    With `clause_breaks` (a question, not a name) a clause mark between Chinese characters is kept as
    CLAUSE_BREAK: "除了北京，市科委还和哪些地区合作" must not read the alias 北京市科委 across the comma
    (session 14); `without_breaks` drops the marks once the names are found.
    """
    text = normalize(text).replace("&", " and ")
    text = _POSSESSIVE.sub(" ", text)
    if clause_breaks:
        text = _CLAUSE_MARK.sub(CLAUSE_BREAK, text)
    text = _PUNCT.sub(lambda m: m.group() if m.group() == CLAUSE_BREAK else " ", text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BY_CJK.sub("", text)


def without_breaks(keyed: str, spans: list["Span"]) -> tuple[str, list["Span"]]:
    """The keyed question without its clause marks, and its names' places in it."""
    if CLAUSE_BREAK not in keyed:
        return keyed, spans
    marks = [i for i, ch in enumerate(keyed) if ch == CLAUSE_BREAK]

    def moved(at: int) -> int:
        return at - sum(1 for m in marks if m < at)
    return keyed.replace(CLAUSE_BREAK, ""), [
        Span(moved(s.start), moved(s.end), s.key, s.ids, s.fuzzy) for s in spans]


_TRAILING_BRACKETS = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _without_brackets(names: list[str]) -> list[str]:
    """'State Council major inspection (2018)' is also found as 'State Council major inspection'."""
    return [short for n in names if (short := _TRAILING_BRACKETS.sub("", n)) != n and short]


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True)
class Span:
    """A name found in the keyed question: [start, end) and the ids it names."""

    start: int
    end: int
    key: str
    ids: tuple[str, ...]
    fuzzy: float = 1.0  # similarity, 1.0 for an exact name


class Gazetteer:
    def __init__(self, nodes: list[Node]):
        self.names: dict[str, set[str]] = defaultdict(set)
        self.types: dict[str, str] = {}
        self.id_keys: set[str] = set()  # an id's key opens with its type ("program smart winter olympics")
        for node in nodes:
            self.types[node.id] = node.type
            self.id_keys.add(match_key(node.id))
            for name in (*node.names, *_without_brackets(node.names), node.id):
                key = match_key(name)
                if len(key) >= MIN_KEY_CHARS and not key.isdigit():
                    self.names[key].add(node.id)
        for key, node_id in place_names.variants(nodes, match_key):  # 未来科技城规划 -> 未来科学城规划 (session 16)
            self.names[key].add(node_id)
        self.lengths = sorted({len(k) for k in self.names}, reverse=True)
        self.longest_cjk = max((len(k) for k in self.names if has_cjk(k)), default=0)
        self._grams: dict[str, set[str]] | None = None
        self._by_ends: dict[tuple, set[str]] | None = None
        self._latin: frozenset[str] | None = None

    def zone_of(self, ids) -> str | None:
        """The zone among the nodes a name may mean ("经开区" names the zone, not a plan of it), or None."""
        return next((i for i in ids if self.types.get(i) == "Zone"), None)

    # ---- exact names -------------------------------------------------------

    def find(self, text: str, words: frozenset[str] = frozenset(), capitals: frozenset[str] = frozenset()) -> list[Span]:
        """The non-overlapping names covering most of `text` (a keyed question).

        A name that is also an everyday word of `words` (MOST, Nature) counts
        only when the question writes it in `capitals`.
        """
        found: dict[int, list[Span]] = defaultdict(list)
        self._fetch(text)
        for start in range(len(text)):
            for length in self.lengths:
                end = start + length
                if end > len(text):
                    continue
                key = text[start:end]
                if key in words and key.upper() not in capitals:
                    continue
                if key in self.names and self._bounded(text, start, end):
                    found[start].append(Span(start, end, key, tuple(sorted(self.names[key]))))
        return _best_cover(text, found)

    def _fetch(self, text: str) -> None:
        """Make the keys `find` tries in `text` cheap to test (a stored gazetteer reads them at once)."""

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        """A Latin name must not start or end inside a Latin word."""
        if _is_word_char(text[start]) and start > 0 and _is_word_char(text[start - 1]):
            return False
        return not (_is_word_char(text[end - 1]) and end < len(text) and _is_word_char(text[end]))

    # ---- fuzzy names -------------------------------------------------------

    def closest(self, mention: str, limit: int = 3) -> list[tuple[str, float]]:
        """Names close to `mention` (a keyed fragment), best first, with their similarity."""
        if len(mention) < MIN_KEY_CHARS:
            return []
        pool = self._fuzzy_pool(mention)
        scored = []
        for key in pool:
            matcher = difflib.SequenceMatcher(None, mention, key)
            if matcher.real_quick_ratio() >= FUZZY_CUTOFF and matcher.quick_ratio() >= FUZZY_CUTOFF:
                ratio = matcher.ratio()
                if ratio >= FUZZY_CUTOFF:
                    scored.append((key, round(ratio, 3)))
        if not scored:
            scored = [(key, FUZZY_CUTOFF) for key in self.misspelt(mention)]
        if not scored:
            scored = self._containing(mention)
        scored.sort(key=lambda ks: (-ks[1], -len(ks[0]), ks[0]))
        return scored[:limit]

    def misspelt(self, text: str) -> list[str]:
        """Chinese names one character off `text` (replaced, dropped or added), of TYPO_MIN_CHARS or more.

        One edit leaves the first or the last character in place, so only names of length ±1 that
        share one of them are compared (an index by (length, first) and (length, last) character)."""
        if len(text) < TYPO_MIN_CHARS or not has_cjk(text):
            return []
        wanted = [(n, text[0], 0) for n in (len(text) - 1, len(text), len(text) + 1)] + \
                 [(n, text[-1], 1) for n in (len(text) - 1, len(text), len(text) + 1)]
        return sorted(key for key in self._ends(wanted) if _one_edit(text, key))

    def _ends(self, wanted: list[tuple[int, str, int]]) -> set[str]:
        """The Chinese keys of TYPO_MIN_CHARS or more of each (length, character, 0 first / 1 last) of `wanted`."""
        ends = self._by_ends
        if ends is None:
            ends = defaultdict(set)
            for key in self.names:
                if len(key) >= TYPO_MIN_CHARS and has_cjk(key):
                    ends[(len(key), key[0], 0)].add(key)
                    ends[(len(key), key[-1], 1)].add(key)
            self._by_ends = ends
        return set().union(*(ends.get(w, ()) for w in wanted))

    def _containing(self, mention: str) -> list[tuple[str, float]]:
        """'huairou' -> the name holding every word of it with the fewest words besides, then the shortest.

        Latin words only, 4+ letters in all. Words are compared folded (`_loose_words`: S&T is science
        and technology, construction is building, function words go), so "the construction of the national
        S&T innovation center" finds "Building Beijing into a national science and technology innovation
        center". A figure's name (a Metric: "Media reports on the S&T innovation center construction")
        never wins a loose name: it describes a number about a thing, it is not the thing (session 12).
        """
        words = _loose_words(mention)
        if not all(w.isascii() and w.isalnum() for w in mention.split()) or sum(map(len, words)) < 4 \
                or mention.replace(" ", "").isdigit():
            return []
        holding = []
        for key in self._loose_pool(mention, words):
            if all(self.types.get(i) == "Metric" for i in self.names[key]):
                continue
            if key in self.id_keys:  # the type word of an id is no word of the name: "winter olympics
                continue             # programme" is 科技冬奥专项, not program-smart-winter-olympics (13b)
            held = _loose_words(key)
            if words <= held:
                holding.append((len(held - words), len(key), key))
        if not holding:
            return []
        best = min(holding)[:2]
        return [(k, FUZZY_CUTOFF) for extra, length, k in holding if (extra, length) == best]

    def _fuzzy_pool(self, mention: str) -> set[str]:
        """The names `closest` compares with difflib (a stored gazetteer: only those of a length it can pass)."""
        return self._candidates(mention)

    def _loose_pool(self, mention: str, words: frozenset[str]) -> set[str]:
        """The names `_containing` tries: those sharing a character pair with the mention (a stored
        gazetteer: among those holding every loose word)."""
        return self._candidates(mention)

    def alike(self, key: str, ratio: float):
        """(name, ids) pairs whose difflib ratio with `key` may reach `ratio`: graph/ask/suggest.py scores them.
        Every name here; a stored gazetteer gives those sharing a character pair with `key`, of a length that
        can reach `ratio` (a name sharing no pair with the question is no name it misspelt)."""
        return self.names.items()

    def latin_among(self, words) -> frozenset[str]:
        """The words of `words` that are words of some name (graph/ask/spelling.py leaves them to names)."""
        latin = self._latin
        if latin is None:
            latin = self._latin = frozenset(w for key in self.names for w in re.findall(r"[a-z]+", key))
        return frozenset(words) & latin

    def has_latin_word(self, word: str) -> bool:
        return bool(self.latin_among((word,)))

    def _candidates(self, mention: str) -> set[str]:
        """Names sharing at least one character pair with the mention (a cheap prefilter)."""
        grams = self._grams
        if grams is None:  # built aside and published whole: a concurrent reader never sees half of it
            grams = defaultdict(set)
            for key in self.names:
                for gram in _bigrams(key):
                    grams[gram].add(key)
            self._grams = grams
        pool: set[str] = set()
        for gram in _bigrams(mention):
            pool |= grams.get(gram, set())
        return pool


#: Function words a loose English name may add or drop, and words written two ways (session 12).
_LOOSE_STOP = frozenset("a an the of and for in on to into at by with its".split())
_LOOSE_FOLD = {"building": "construction", "build": "construction", "centre": "center", "centres": "centers",
               "programme": "program", "programmes": "programs", "organisation": "organization"}
_SCIENCE_AND_TECHNOLOGY = re.compile(r"\bscience and technology\b")


def _loose_words(key: str) -> frozenset[str]:
    """The words of a keyed English name as a loose reading compares them."""
    key = _SCIENCE_AND_TECHNOLOGY.sub("s and t", key)
    return frozenset(_plural(_LOOSE_FOLD.get(w, w)) for w in key.split() if w not in _LOOSE_STOP)


def _plural(word: str) -> str:
    """olympics -> olympic, games -> game: a loose name may say either."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1: one character replaced, dropped or added."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)} or {key}


def _best_cover(text: str, found: dict[int, list[Span]]) -> list[Span]:
    """Dynamic programming: most characters covered, then fewest spans, then leftmost."""
    n = len(text)
    best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    choice: list[Span | None] = [None] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i], choice[i] = best[i + 1], None
        for span in found.get(i, ()):
            covered, count = best[span.end]
            candidate = (covered + span.end - span.start, count - 1)
            if candidate > best[i]:
                best[i], choice[i] = candidate, span
    spans, i = [], 0
    while i < n:
        span = choice[i]
        if span is None:
            i += 1
        else:
            spans.append(span)
            i = span.end
    return spans


# ---- one gazetteer per store ------------------------------------------------

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: A store with more nodes than this reads its names from a key table kept on disk (graph/ask/key_table.py,
#: session 18) instead of building the whole gazetteer in every process; a smaller one builds it (the
#: bundled graph: ~0.1 s).
WHOLE_MAX_NODES = 5000
#: Where a Neo4j store's key tables are kept (the embedded store keeps its own beside its snapshot).
CACHE_DIR_VAR = "INNOGRAPH_CACHE_DIR"


def gazetteer_for(store: GraphStore) -> Gazetteer:
    """The store's gazetteer, built on first use and rebuilt when its node counts change."""
    now = time.monotonic()
    entry = _CACHE.get(store)
    if entry is not None:
        gaz, signature, checked = entry
        if now - checked < REVALIDATE_SECONDS:
            return gaz
        if _signature(store) == signature:
            _CACHE[store] = (gaz, signature, now)
            return gaz
    signature = _signature(store)
    gaz = _open_or_build(store, signature)
    _CACHE[store] = (gaz, signature, now)
    return gaz


def build_key_table(store: GraphStore) -> Path | None:
    """Write the store's key table now (after a load, or in a benchmark); None for a store that keeps none."""
    from graph.ask import key_table

    signature = _signature(store)
    path = key_table_path(store, signature)
    if path is not None:
        key_table.write(Gazetteer(list(store.iter_nodes())), path, _state(store, signature))
    return path


def _open_or_build(store: GraphStore, signature: tuple) -> Gazetteer:
    """The key table of the store's present state when one is kept, else the whole gazetteer (written to the
    table for the next process when the store keeps one)."""
    from graph.ask import key_table
    from graph.ask.stored_gazetteer import StoredGazetteer

    path = key_table_path(store, signature)
    if path is None:
        return Gazetteer(list(store.iter_nodes()))
    try:
        table = key_table.KeyTable(path)
        if table.meta.get("signature") == _state(store, signature):
            return StoredGazetteer(table)
        table.close()
    except (sqlite3.Error, ValueError, KeyError, OSError):
        pass
    gaz = Gazetteer(list(store.iter_nodes()))
    try:  # the state after the read: a lazy open that replayed its journal has folded it into a new snapshot
        key_table.write(gaz, path, _state(store, signature))
    except (sqlite3.Error, OSError):  # a read-only data dir: this process keeps the whole gazetteer
        pass
    return gaz


def key_table_path(store: GraphStore, signature: tuple | None = None) -> Path | None:
    """Where the store's key table is kept: beside the embedded store's snapshot, or in the cache dir for a
    Neo4j store; None for a store of WHOLE_MAX_NODES nodes or fewer, or one with no place to keep it."""
    signature = _signature(store) if signature is None else signature
    if sum(n for _, n in signature[0]) <= WHOLE_MAX_NODES:
        return None
    path = getattr(store, "path", None)
    if path is not None and store.backend == "memory":
        return Path(path).with_name(Path(path).name + ".askkeys")
    uri = getattr(store, "uri", None)
    if uri is None:
        return None
    folder = Path(os.environ.get(CACHE_DIR_VAR) or platformdirs.user_cache_dir("innograph"))
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(f"{uri}\n{getattr(store, 'database', '')}".encode()).hexdigest()[:16]
    return folder / f"neo4j-{name}.askkeys"


def _state(store: GraphStore, signature: tuple) -> str:
    """The graph state a key table is of: the counts, and for the embedded store the snapshot file read and
    how far into its journal (another graph of the same counts is another file)."""
    return json.dumps([signature, repr(getattr(store, "_stamp", None)), repr(getattr(store, "_jpos", None))])


def forget(store: GraphStore) -> None:
    """Drop the store's gazetteer (call after loading into a store that answers questions)."""
    _CACHE.pop(store, None)


def _signature(store: GraphStore) -> tuple:
    counts = store.counts()
    return tuple(sorted(counts.nodes.items())), counts.documents
