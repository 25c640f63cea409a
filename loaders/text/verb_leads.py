"""A known name is not lengthened by the verb before it (session 7, issue 18 recall).

The suffix grammar finds 标志着怀柔科学城, 充分展现未来科学城, 创办雁栖工业开发区 when the verb
before a known zone is one no list holds: the left edge then walks past it (a district after an
unknown verb opens no name there) and the longer guess wins over the known name inside it. When a
guessed name ends exactly where a known or listed name of the same type ends, and the part before
that name holds a word the segmenter's dictionary tags as a verb, the guess is a verb phrase
around the known name: it is dropped and the known name stands.
"""

from __future__ import annotations

from loaders.text.entities import EntityFinder, Mention

KNOWN_HOWS = ("lexicon", "graph")  # names from a list or the graph, not guessed


def drop_verb_leads(finder: EntityFinder, text: str, guesses: list[Mention], known: list[Mention]) -> list[Mention]:
    """`guesses` without those that are a verb phrase ending in a known name of their type."""
    by_end: dict[tuple[int, str], list[int]] = {}
    for k in known:
        if not k.nested:
            by_end.setdefault((k.end, k.type), []).append(k.start)
    if not by_end:
        return guesses
    words = finder.words_of(text)
    out = []
    for g in guesses:
        inner = [s for s in by_end.get((g.end, g.type), ()) if g.start < s] if g.how == "suffix" else []
        if inner and _verb_between(words, g.start, min(inner)):
            continue
        out.append(g)
    return out


def _verb_between(words, start: int, stop: int) -> bool:
    """A word tagged as a verb ends at `stop` or starts somewhere in [start, stop)."""
    if words.verb_before(stop):
        return True
    return any(words.verb_at(j) for j in range(start, stop))
