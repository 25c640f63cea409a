"""A guessed name that opens with a predicate is trimmed to the name after it (session 11).

Why: on dev5 and dev6 (Beijing news and plans, docs/extraction.md "Precision (session 11)") the
commonest junk left is a suffix or list rule whose left edge walked over the verb governing the name:
创办|雁栖工业开发区, 兴办|山区工业小区, 规范|北京市市级高新技术产业开发区, 办理|主题型研讨会, 标志着|怀柔科学城,
壮大|怀柔科学城重大科技研发平台, or over a subject and its verb: 未来科学城|新引入|中科联绿,
未来科学城|搭|平台. session 7's clauses.py declines such a span only when an adverb stands before the
verb, and verb_leads.py only when a known name of the same type ends it; here the predicate is cut
off and the rest is the guess (the rest keeps the rule's confidence and is doubted like any guess):

- the span's first word is a verb of two or more characters the segmenter's dictionary knows
  (rules.nominal_verbs excepted: 促进, 研究 … open real names), a word the dictionary mis-tags
  (`PREDICATES`: 壮大 is an adjective to it, 规范 a noun), or any word followed by an aspect particle (标志|着);
- the span opens with a known name (lexicon or graph) followed by a verb, optionally after one
  adjective character (新|引入): the known name is the subject, the name is what follows the verb.

What remains must be at least three characters long, else the guess is dropped (搭|平台).
Only guessed spans (confidence.GUESSED) are cut; known names and titles are never touched.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.text import subject_verbs
from loaders.text.confidence import GUESSED
from loaders.text.verb_leads import KNOWN_HOWS

ASPECT = frozenset("着了过")
VERB_TAGS = frozenset({"v", "vd", "vi"})
MIN_REST = 3
#: verbs the dictionary tags otherwise (壮大: ``a``); a short list, grown only from a dev document
PREDICATES = frozenset({"壮大", "规范"})


def trimmed(finder, text: str, candidates: list, known: list) -> list:
    """`candidates` with each guessed span that opens with a predicate cut to the name after it."""
    words = finder.words_of(text)
    if not words.enabled:
        return candidates
    known_at: dict[int, tuple[int, str]] = {}  # start -> (end, type) of the longest known name there
    for k in known:
        if k.start >= 0 and not k.nested and k.end > known_at.get(k.start, (0, ""))[0]:
            known_at[k.start] = (k.end, k.type)
    out = []
    starts = frozenset(c.start for c in candidates if c.start >= 0 and not c.nested)
    acting = subject_verbs.subjects(candidates, KNOWN_HOWS)
    for m in candidates:
        if m.how not in GUESSED or m.start < 0 or m.end - m.start != len(m.name):
            out.append(m)
            continue
        cut = _predicate_end(finder, words, text, m, known_at, starts)
        if cut is None:
            cut = subject_verbs.cut(words, text, m, acting)  # 丰台园|联合|京投公司 (session 13)
        if cut is None:
            out.append(m)
        elif m.end - cut >= MIN_REST:
            k = cut - m.start
            out.append(replace(m, start=cut, name=m.name[k:],
                               surface=m.surface[k:] if len(m.surface) == len(m.name) else m.surface))
    return out


def _predicate_end(finder, words, text: str, m, known: dict, starts: frozenset[int] = frozenset()) -> int | None:
    """Where the predicate opening `m` ends, or None when the span opens with no predicate."""
    if words.inside(m.start) or finder._anchored(text, m.start) or m.start in known:
        cut = None
    else:
        first_end = words.end_of(m.start)
        first = text[m.start:first_end]
        cut = None
        if first_end < m.end and (first in PREDICATES or (len(first) > 1 and words._tags.get(first) in VERB_TAGS
                                                        and first not in words.nominal)):
            cut = _after_aspect(text, first_end, m.end)
        elif first_end < m.end and text[first_end] in ASPECT and len(first) > 1 and not words.inside(first_end + 1):
            cut = first_end + 1
        if cut is not None and not (finder._anchored(text, cut) or cut in known
                                    or _named_elsewhere(text, cut, m.end, starts)):
            cut = None  # the dictionary's verb tags are loose (知识, 聚变 are verbs to it): a place or a name must follow
        if cut is not None:
            return cut
    subject = known.get(m.start)
    if subject is None or subject[1] == "Field" or not m.start < subject[0] < m.end or words.inside(subject[0]):
        return None
    i = subject[0]
    j = words.end_of(i)
    if j - i == 1 and words._tags.get(text[i]) in ("a", "d") and j < m.end:  # 新|引入: a verb after an adverb
        i, j = j, words.end_of(j)
    elif (j - i != 1 and not (j - i == 2 and _listed_body(text[m.start:i]))) \
            or words._tags.get(text[j:words.end_of(j)]) in VERB_TAGS:
        return None  # without one, only a verb of one character before no verb (搭|平台; not 超|算, 合成|生物…);
        # after a listed company or university, a verb of two (一汽|签署|战略: it acts; session 12)
    if j <= m.end and words._tags.get(text[i:j]) in VERB_TAGS and text[i:j] not in words.nominal:
        # a body's two-character verb governs what it signs or builds (签订|合作协议): that object was already
        # read, or declined, by the rules of its own ending, so the guess is dropped rather than cut
        return m.end if j - i == 2 and i == subject[0] else _after_aspect(text, j, m.end)
    return None


def _listed_body(name: str) -> bool:
    """Whether `name` is a company's or a university's listed name or short name (institutions.yaml)."""
    from loaders.text.listed import listed_gazetteer  # listed.py imports entities.py; keep this module light

    entries = listed_gazetteer().get(name.lower()) or []
    return any(e.type == "Institution" for e in entries)


def _named_elsewhere(text: str, cut: int, end: int, starts: frozenset[int]) -> bool:
    """Whether the rest text[cut:end] opens a candidate name elsewhere in the text, with no verb before it
    there (结合|高能同步辐射光源 beside "高能同步辐射光源项目吹响了…": the page names it on its own; session 12)."""
    rest = text[cut:end]
    at = text.find(rest)
    while at != -1:
        if at != cut and at in starts:
            return True
        at = text.find(rest, at + 1)
    return False


def _after_aspect(text: str, at: int, end: int) -> int:
    return at + 1 if at < end and text[at] in ASPECT else at
