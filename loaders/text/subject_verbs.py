"""A guessed body's name that opens with a known zone or body and its verb is cut to what the verb governs
(issue 18, session 13).

Why: 丰台园|联合|京投公司和中发展集团…注册成立了… (dev7 Fengtai): the suffix rule reads 丰台园联合京投公司 as one
company, walking over the park that acts (the subject) and its verb. predicate_trim.py cuts after a subject's
verb of one character (未来科学城|搭|平台) and, after a listed company or university, drops the guess at a verb
of two (一汽|签署|战略合作协议: what it signs is read by its own ending). A body's name is different: it is the
verb's object or partner (联合|京投公司, 携手|某某集团), a name of its own, so the guess is cut, not dropped.

The subject is a known name (lexicon, graph) or a park area read by park_areas.py (丰台园: a district's park),
of type Zone or Institution; the verb is one word of two characters the dictionary tags a verb (nominal
verbs aside: 创新, 研究 open names); what is left must be at least three characters and open with no verb.
"""

from __future__ import annotations

from loaders.text.segment import VERB_TAGS

SUBJECT_TYPES = frozenset({"Zone", "Institution"})
MIN_REST = 3


def subjects(candidates: list, known_hows: tuple[str, ...]) -> dict[int, int]:
    """start -> end of the longest known zone or body (or a park area) at each start, not nested."""
    out: dict[int, int] = {}
    for c in candidates:
        if c.start >= 0 and not c.nested and c.type in SUBJECT_TYPES and (
                c.how in known_hows or (c.how == "list" and c.type == "Zone" and c.name.endswith("园"))):
            out[c.start] = max(out.get(c.start, c.end), c.end)
    return out


def cut(words, text: str, m, at: dict[int, int]) -> int | None:
    """Where the body's name after a subject and its verb starts in the guess `m`, or None."""
    if m.type != "Institution":
        return None
    end = at.get(m.start)
    if end is None or not m.start < end < m.end or words.inside(end):
        return None
    verb_end = words.end_of(end)
    verb = text[end:verb_end]
    if len(verb) != 2 or words._tags.get(verb) not in VERB_TAGS or verb in words.nominal:
        return None
    if m.end - verb_end < MIN_REST or words.verb_at(verb_end):
        return None
    return verb_end
