"""A known body, or a research body complete with its ending, that opens a longer body's name is a mention of
its own (guideline rule (b), a body inside a body; session 16, issue 18).

Why: a list of institutes on another city's report names each by its parent and its branch —
中科院|上海光机所杭州分所, 浙大|国际科创中心, 中国空间技术研究院|杭州中心, 中科院计算技术研究所|杭州分所 — and the longer
name, read by its ending, swallowed the parent: seven bodies inside bodies were lost on dev13's Hangzhou page,
and dev11 lost 中科院 in 中科院重庆科学中心 the same way. `opening_bodies` reads only a university and a
中共…委 at the start of a name. This rule reads, at the start of every Institution found (not nested):

- the longest name the gazetteer knows as an Institution (lexicon or graph: 中科院, 浙大, 工信部), and
- the longest complete research or university name, by its ending (…研究院, …研究所, …科学院, …大学), with
  two characters or more before the ending;

each only when the rest of the host is a branch or a unit of it: two characters or more ending in a branch word
(…中心, …分所, …分院, …分校, …分部). A rest that is a complete name of its own is the body's official name with
its parent's name in front (中国科学院|北京纳米能源与系统研究所, dev5; …研究院|有限公司, dev7): the guideline's
gold keeps those whole, and the first version of this rule read them (two wrong names). Relative and weak
entries (市委 as a relation target only) are not openers. Linear in the mentions: every prefix of a
host of at most 40 characters is looked up once.
"""

from __future__ import annotations

from graph.text import to_simplified
from loaders.text.entities import Mention, from_entry
from loaders.text.gazetteer import Gazetteer

ENDINGS = ("研究院", "研究所", "科学院", "大学")  #: complete research and university names by their ending
MIN_REST = 2  #: characters of the host left after its opener
BRANCH_ENDS = ("中心", "分所", "分院", "分校", "分部")  #: a rest ending so is a branch or unit of the opener
MAX_HOST = 40
CONF = 0.7


def opening_known(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """`mentions` with the known or complete bodies that open an Institution's name added (nested, kept)."""
    have = {(m.start, m.end): m for m in mentions if m.type == "Institution"}
    added = []
    for host in mentions:
        if host.type != "Institution" or host.nested or host.start < 0 or host.end - host.start > MAX_HOST:
            continue
        written = text[host.start:host.end]
        for opener in _openers(written, gazetteer):
            if not written.endswith(BRANCH_ENDS):
                break
            span = (host.start, host.start + opener[0])
            if span in have:
                have[span].titled = True  # found by another rule, nested: now an entity of its own
                continue
            entry = opener[1]
            surface = written[:opener[0]]
            body = from_entry(entry, span[0], span[1], surface) if entry else \
                Mention(span[0], span[1], to_simplified(surface), "Institution", CONF, "opening", surface,
                        kind="research")
            body.nested, body.titled, body.parent = True, True, host
            have[span] = body
            added.append(body)
    return mentions + added


def _openers(written: str, gazetteer: Gazetteer) -> list[tuple[int, object]]:
    """(length, gazetteer entry or None) of the known name and of the complete research name opening `written`."""
    out = []
    known = None
    for n in range(len(written) - MIN_REST, 1, -1):
        entries = [e for e in gazetteer.get(written[:n])
                   if e.type == "Institution" and e.how in ("lexicon", "graph") and not e.weak and not e.local]
        if entries:
            known = (n, entries[0])
            break
    if known:
        out.append(known)
    for n in range(len(written) - MIN_REST, 1, -1):
        if written[:n].endswith(ENDINGS) and n - len(next(e for e in ENDINGS if written[:n].endswith(e))) >= 2:
            if not known or n != known[0]:
                out.append((n, None))
            break
    return out


GOVERNMENT_RESTS = ("政府", "人民政府")  #: a host that is only its opener + one of these is that level's government


def without_level_openers(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` without a nested body that only opens a government's name as its level (中央|政府).

    Why: the lexicon knows 中央 as the party centre (中央《…》), and inside 中央政府 it was kept for a relation:
    Taiwan's central government was read as the CPC centre on both Taiwan pages (dev11, dev13). 中央政府 is read
    as a government of its own (rules.yaml); what opens it is its level, not a body of its own."""
    hosts = {m.start: m for m in mentions if m.type == "Institution" and not m.nested}
    out = []
    for m in mentions:
        host = hosts.get(m.start) if m.nested and m.type == "Institution" else None
        if host is not None and host.end > m.end and text[m.end:host.end] in GOVERNMENT_RESTS:
            continue
        out.append(m)
    return out
