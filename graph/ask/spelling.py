"""English words with one slip ("Wich institutes are locatd in …"): read as the word meant, and said so.

Why (session 13, blind set): a foreign partner's question with typos had its question word and verb
read as unknown names, the asked type ("institutes") went with them, and the members form listed every
member of every type. Names already forgive a slip (difflib, gazetteer.py), the words around them did
not. A Latin word of 4+ letters that no word list, pattern or graph name knows is read as the known word
one slip away, when exactly one such word fits: a letter dropped (the likeliest slip, tried first: "wich"
is which, not with), or in words of 6+ letters one replaced or two swapped. Anything else is left as it
is, for the usual readings and declines (a slip inside a name is the fuzzy name reading's); the
answer's notes say what was read as what.
"""

from __future__ import annotations

import re
from string import ascii_lowercase

from graph.ask.forms import Grammar
from graph.ask.gazetteer import Gazetteer

MIN_LETTERS = 4
SUBSTITUTION_LETTERS = 6
_WORD = re.compile(r"(?<![a-z0-9])[a-z]{%d,}(?![a-z0-9])" % MIN_LETTERS)
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ers", "er")


def respelt(keyed: str, g: Grammar, gaz: Gazetteer) -> tuple[str, list[tuple[str, str]]]:
    """The keyed question with each slipped English word replaced, and the (written, read) pairs.

    Only the grammar's words are meant (question words, verbs, type words): a slip inside a name is
    the fuzzy name reading's (gazetteer.closest), which says how close the name was."""
    cues, known = _words(g, gaz)
    fixed: list[tuple[str, str]] = []

    def one(m: re.Match) -> str:
        word = m.group(0)
        if _is_known(word, known) or _plural_of_a_name(word, known, cues):
            return word
        meant = _meant(word, cues)
        if meant is None:
            return word
        fixed.append((word, meant))
        return meant

    return _WORD.sub(one, keyed), fixed


def _words(g: Grammar, gaz: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """The grammar's English words that are no word of a graph name, and every known word (kept on the gazetteer)."""
    cached = gaz.__dict__.get("_latin_words")
    if cached is None:
        cues = frozenset(g.vocabulary["en"] | g.stop_words["en"] | g.name_words["en"] | g.everyday_en)
        names = gaz.latin_among(cues)  # the cues that are a name's word too (read by word on a large graph: session 18)
        # science: a name's word, left to names
        cached = gaz.__dict__["_latin_words"] = (cues - names, _Known(cues, gaz))
    return cached


class _Known:
    """A word of the grammar or of some graph name (the names' words are asked one at a time)."""

    def __init__(self, cues: frozenset[str], gaz: Gazetteer) -> None:
        self._cues, self._gaz = cues, gaz

    def __contains__(self, word: str) -> bool:
        return word in self._cues or self._gaz.has_latin_word(word)


def _is_known(word: str, known: frozenset[str]) -> bool:
    if word in known:
        return True
    if word.endswith("ies") and word[:-3] + "y" in known:
        return True
    return any(word.endswith(s) and word[: -len(s)] in known for s in _SUFFIXES)


def _meant(word: str, known: frozenset[str]) -> str | None:
    """The one known word one slip away: a dropped letter first, then (6+ letters) a replaced or swapped one.

    Not an added letter, nor an 's' dropped at the end: the pattern words are stems as often as words
    (countr for country, part in apart), and a singular is no slip of its plural (contract, briefing).
    A short word is too near too many others to replace a letter of (spend/speed, down/town)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + c + b for a, b in splits for c in ascii_lowercase if (a + c + b) != word + "s"} & known
    if dropped:
        return dropped.pop() if len(dropped) == 1 else None
    if len(word) < SUBSTITUTION_LETTERS:
        return None
    slipped = ({a + c + b[1:] for a, b in splits if b for c in ascii_lowercase if c != b[0]}
               | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1]}) & known
    return slipped.pop() if len(slipped) == 1 else None


def _plural_of_a_name(word: str, known, cues: frozenset[str]) -> bool:
    """The singular of a graph name's plural: "patent" of "Patents granted" (session 18: it was mended to "parent").
    Not of a pattern's word: "manage" of the pattern's "manages" is still read as "managed" (`cues` are the
    grammar's words that are no name's)."""
    return any(plural in known and plural not in cues for plural in (word + "s", word + "es"))
