"""A one-name question asked of names joined by 和/与/and ("怀柔科学城和未来科学城分别聚焦哪些领域？"):
answered for each name, one after the other.

Why (session 12b, blind set): such a question was answered for the first name only, with a note that
the other was not used. The summary then read as the whole answer ("…聚焦的领域：共 2 个"), missing
what the second zone holds: a wrong answer, not a partial one, to a planner comparing two zones.
Each joined name is now run through the same form and the answers are put together: the rows of
both, one summary sentence per name, the count of distinct rows. A question that needs both names
at once (paths, common supporters) has a form with two slots and is not touched.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from graph.ask import model
from graph.ask.parser import Mention, Parse, choose
from graph.ask.words import say

_OTHER_NAMES = ("问题中的其他名称未用于本查询", "other names in the question were not used by this query")


def names(p: Parse, joined: Callable[[str, str, str], bool], types_of: dict[str, str]) -> list[Mention]:
    """The slot's name and the names joined to it (each read as one node, as the slot's was), in the
    question's order; [] when there is none joined."""
    if not p.form or p.form.slots != 1 or len(p.slots) != 1:
        return []
    slot = p.slots[0]
    used = set(slot.ids)
    more = [replace(m, id=choose(m, p.form, types_of, p.descriptors)) for m in p.mentions
            if m.ids and m.score >= 1.0 and not used & set(m.ids) and joined(p.keyed, slot.text, m.text)]
    if not more:
        return []
    return sorted([slot, *more], key=lambda m: p.keyed.find(m.text))


def answer(p: Parse, each: list[Mention], run_one: Callable[[Parse], model.Answer]) -> model.Answer:
    answers = [run_one(replace(p, slots=[m])) for m in each]
    first, lang = answers[0], p.language
    if any(a.status not in ("answered", "empty") for a in answers):
        return next(a for a in answers if a.status not in ("answered", "empty"))
    items = _unique(i for a in answers for i in a.items)
    return first.model_copy(update=dict(
        status="answered" if any(a.status == "answered" for a in answers) else "empty",
        interpretation=say(lang, "；", "; ").join(a.interpretation for a in answers),
        summary=say(lang, "", " ").join(a.summary for a in answers),
        params={**first.params, "refs": [r for a in answers for r in a.params.get("refs", [])]},
        count=len({i.node.id for i in items}),
        items=items,
        related=_unique(i for a in answers for i in a.related),
        paths=[],
        nodes=list({n.id: n for a in answers for n in a.nodes}.values()),
        edges=list({e.key: e for a in answers for e in a.edges}.values()),
        evidence=list({(q.source, q.relation, q.target, q.quote): q for a in answers for q in a.evidence}.values()),
        suggestions=[] if any(a.status == "answered" for a in answers) else first.suggestions,
        notes=list(dict.fromkeys(n for a in answers for n in a.notes if not n.startswith(_OTHER_NAMES))),
        truncated=any(a.truncated for a in answers)))


def _unique(items) -> list[model.Item]:
    seen, out = set(), []
    for i in items:
        key = (i.node.id, i.via.id if i.via else None)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
