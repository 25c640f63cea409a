"""Match an extractor's entities against the hand annotation of one corpus document.

Kept apart from the runner (eval_corpus.py) so that the matching rules can be
tested on a tiny synthetic case without running the extractor.

The gold lists every entity of a document with its name *as written* (plus the
other spellings written in the same text, and, for an abbreviated or relative
name like 市科委, the `full` official name it stands for). A predicted node
matches a gold entity when the types agree and one of the predicted node's
strings — its name, an alias, or the text of one of its mentions — equals one
of the gold entity's names after normalisation (NFKC, Traditional ->
Simplified, casefold, quotes and 《》 dropped). Boundaries must be exact.

Everything that does not match is classified, so that a rules engineer sees
*why* it missed:
- type error: the predicted node's own text is a gold name of another type;
- near-miss: same type, and a predicted string contains a gold name or is
  contained in one (a boundary error: 抓好中关村科学城 vs 中关村科学城);
- resolution error: the text matches a gold entity that names its `full`
  body, but the node was resolved to another body (warm mode: 市委 in a
  Shanghai text resolved to the Beijing party committee);
- other: junk.
An indicator (Metric) matches by its figure: value and unit, one to one.
Several predicted nodes matching one gold entity count once (a short and a
long form are one node after loading). Gold entries that name one referent
(首都 and 全市, both `full: 北京市`) are one entity (`one_per_referent`). One node may match several gold entries,
each one of its names (the node 北京市 with its aliases 北京 and 首都 matches gold
北京 and gold 首都 when the annotator listed them apart): the extractor merges names
of one thing that the annotator may keep separate, and neither is wrong.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from graph.text import normalize

QUOTES = re.compile(r"[“”‘’\"'《》〈〉「」『』\s]")
ERROR_KINDS = ("type", "near", "resolution", "other")
#: The place a body's name opens with: 北京市, 上海市闵行区 -> 上海市, 中共深圳市委员会 -> 深圳市.
PLACE = re.compile(r"^(?:中共)?(\w{1,6}?(?:特别行政区|自治区|省|市|区|县))")


def norm(name: str) -> str:
    return QUOTES.sub("", normalize(str(name)))


def norm_unit(unit: str) -> str:
    return norm(unit).replace("％", "%")


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    full: str = ""
    value: float | None = None
    unit: str = ""

    @property
    def names(self) -> set[str]:
        return {norm(x) for x in (self.name, *self.aliases, self.full) if x}

    @classmethod
    def from_yaml(cls, item: dict) -> GoldEntity:
        value = item.get("value")
        return cls(name=str(item["name"]), type=item["type"], aliases=tuple(map(str, item.get("aliases", []))),
                   full=str(item.get("full", "") or ""), value=None if value is None else float(value),
                   unit=str(item.get("unit", "") or ""))


@dataclass(frozen=True)
class Predicted:
    """One predicted node: its type, its name, its aliases, the texts of its mentions, its figure."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    value: float | None = None
    unit: str = ""

    @property
    def keys(self) -> set[str]:
        return {norm(x) for x in (self.name, *self.aliases, *self.mentions) if x}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class DocScore:
    """Per-type counts for one document, every unmatched prediction with its error kind, every miss."""

    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[tuple[str, Predicted, str]] = field(default_factory=list)  # (kind, predicted, hint)
    missed: list[GoldEntity] = field(default_factory=list)
    predicted: int = 0

    def total(self) -> Counts:
        out = Counts()
        for c in self.by_type.values():
            out.add(c)
        return out

    def error_counts(self) -> dict[str, int]:
        out = dict.fromkeys(ERROR_KINDS, 0)
        for kind, _, _ in self.errors:
            out[kind] += 1
        return out

    @property
    def junk(self) -> float:
        """Share of the predicted nodes that match no gold entity."""
        return len(self.errors) / self.predicted if self.predicted else 0.0


def one_per_referent(gold: list[GoldEntity]) -> list[GoldEntity]:
    """The gold with the entries that name one referent merged into one entity (session 8).

    The guideline annotates one entry per entity, other spellings as aliases, and a relative
    name with the `full` name it stands for. A gold file that lists the city's relative names as
    entries of their own (首都 and 全市, each `full: 北京市`, or 北京市 beside 全市 `full: 北京市`)
    names one entity twice: the extractor, which reads both as the city, could match only one of
    them one to one and the other counted as missed. Entries of one type whose referent (the `full`
    name, else the name; a region's with or without 市/省) is the same are one entity here, with every
    spelling as an alias.
    Figures are never merged (the same value for two measures is two Metrics).
    """
    groups: dict[tuple[str, str], list[GoldEntity]] = {}
    order: list[tuple[str, str] | int] = []
    for i, g in enumerate(gold):
        if g.type == "Metric":
            order.append(i)
            continue
        key = (g.type, _referent(g))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(g)
    out = []
    for key in order:
        if isinstance(key, int):
            out.append(gold[key])
            continue
        first, *rest = groups[key]
        if not rest:
            out.append(first)
            continue
        spellings = [x for g in groups[key] for x in (g.name, *g.aliases)]
        aliases = tuple(dict.fromkeys(x for x in spellings if x != first.name))
        out.append(GoldEntity(first.name, first.type, aliases, first.full or next((g.full for g in rest if g.full), "")))
    return out


def _referent(g: GoldEntity) -> str:
    """What a gold entry names: its `full` name, else its name; a region with or without its level
    (北京 and 北京市, 广东 and 广东省: one place in two spellings)."""
    own = norm(g.full or g.name)
    return own[:-1] if g.type == "Region" and len(own) > 2 and own.endswith(("市", "省")) else own


def score_document(gold: list[GoldEntity], predicted: Iterable[Predicted]) -> DocScore:
    out = DocScore()
    gold = one_per_referent(gold)
    found: set[int] = set()
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    figures: dict[tuple[float, str], list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        if g.type == "Metric" and g.value is not None:
            figures[(round(g.value, 6), norm_unit(g.unit))].append(i)
        for name in g.names:
            by_name[(name, g.type)].append(i)
    for p in predicted:
        out.predicted += 1
        hits, error = _match(gold, p, by_name, figures, found)
        if hits:
            found.update(hits)
        elif error is not None:
            out.errors.append(error)
            out.by_type[p.type].fp += 1
    for i, g in enumerate(gold):
        if i in found:
            out.by_type[g.type].tp += 1
        else:
            out.by_type[g.type].fn += 1
            out.missed.append(g)
    return out


def _match(gold, p: Predicted, by_name, figures, found) -> tuple[list[int], tuple | None]:
    """(gold indices, None) for a match, ([], None) for a duplicate of a match, ([], error) else.

    An indicator matches one gold figure; a named node every gold entry that is one of its names.
    """
    if p.type == "Metric" and p.value is not None:
        free = [i for i in figures.get((round(float(p.value), 6), norm_unit(p.unit)), []) if i not in found]
        if free:
            return [free[0]], None
        taken = figures.get((round(float(p.value), 6), norm_unit(p.unit)))
        if taken:
            return [], ("other", p, "a second indicator for one gold figure")
    else:
        hits = sorted({i for k in p.keys for i in by_name.get((k, p.type), [])})
        if hits:
            g = gold[hits[0]]
            if g.full and not any(_same_body(p.name, gold[i]) for i in hits):
                return [], ("resolution", p, f"{p.name} for {g.name} (= {g.full})")
            return [i for i in hits if i not in found], None
    own_texts = {norm(x) for x in (p.name, *p.mentions) if x}
    other = next((g for g in gold if g.type != p.type and own_texts & g.names), None)
    if other is not None:
        return [], ("type", p, f"{other.name} is {other.type}")
    near = max((g for g in gold if g.type == p.type and _overlaps(p.keys, g.names)),
               key=lambda g: len(g.name), default=None)
    if near is not None:
        return [], ("near", p, f"gold {near.name}")
    return [], ("other", p, "")


def _same_body(name: str, g: GoldEntity) -> bool:
    """Whether a node named `name`, read from an abbreviation of `g`, is the body `g` names.

    Its name is one of g's, or it spells out g's written form (委党组 -> 市科创委党组) in the
    same place as g's full name (not 北京市委 for the 市委 of a Shanghai text).
    """
    own = norm(name)
    if not g.full or own in g.names:
        return True
    written = [norm(x) for x in (g.name, *g.aliases)]
    place = PLACE.match(own)
    return any(w in own for w in written) and (place is None or place.group(1) == _place(g.full))


def _place(name: str) -> str | None:
    found = PLACE.match(norm(name))
    return found.group(1) if found else None


def _overlaps(keys: set[str], names: set[str]) -> bool:
    return any(len(k) >= 2 and len(n) >= 2 and (k in n or n in k) for k in keys for n in names)
