"""Known names: the graph's names and aliases, and the built-in lexicon.

A `Gazetteer` maps normalised surface forms to entries (a canonical name, a
type, the id of the graph node when the name comes from the graph) and finds
every occurrence of them in a text. Names from the graph outrank built-in
ones; publisher-relative names (市科委, 本市) are expanded with the report's
own publisher and city.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import Node
from graph.store import GraphStore
from graph.text import normalize
from loaders.text import budget, regional_forms
from loaders.text.context import Context, UNKNOWN_CONF, foreign_alias, relative_surfaces
from loaders.text.rules import Rules

GRAPH_CONF = 0.95
LEXICON_CONF = 0.9
ASCII = re.compile(r"[a-z0-9]")
SKIP_TYPES = {"Metric", "Document"}
GOVERNMENT = re.compile(r"(?:委员会|局|厅|办公室|人民政府|政府|委|办|部)$")
@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    conf: float
    how: str  # graph | lexicon | relative
    node_id: str | None = None
    name_en: str = ""
    kind: str | None = None
    publisher: bool = False
    weak: bool = False  # counts for relations (本市 -> the city), not as a mention of its own
    local: bool = False  # a relative name with no city known (市委 as written): never a graph node


class Gazetteer:
    def __init__(self):
        self._entries: dict[str, list[Entry]] = defaultdict(list)
        self._lengths: dict[str, set[int]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, surface: str, entry: Entry) -> None:
        key = normalize(surface)
        if len(key) < 2 or any(e == entry for e in self._entries[key]):
            return
        self._entries[key].append(entry)
        self._lengths[key[0]].add(len(key))

    def get(self, surface: str) -> list[Entry]:
        return self._entries.get(normalize(surface), [])

    def add_nodes(self, nodes: Iterable[Node], skip=None) -> Gazetteer:
        """The nodes' names and aliases; `skip(name, type)` leaves some aliases out (never the name)."""
        for node in nodes:
            if node.type in SKIP_TYPES:
                continue
            entry = Entry(node.name_zh, node.type, GRAPH_CONF, "graph", node.id, node.name_en,
                          node.attrs.get("kind"))
            for name in node.names:
                if skip is None or name == node.name_zh or not skip(name, node.type):
                    self.add(name, entry)
        return self

    def add_store(self, store: GraphStore | None, doc_id: str = "", context: Context | None = None,
                  rules: Rules | None = None) -> Gazetteer:
        """The graph's names, except those extracted from this very document before: re-reading a
        report must find what it found the first time, not what its own first reading added.
        A report from another city (or from nowhere known) does not get the graph's relative and
        generic aliases: 市委 in a Shanghai report is not the Beijing committee of the graph. A page whose
        city is not known does not get them either, even from a graph whose own city is not known (its
        documents name no publisher, as the bundled nodes alone): a Chongqing report pasted without its
        header resolved 市委, 市政府 and 科技创新中心 to Beijing's nodes that way (dev11, session 15)."""
        if store is None:
            return self
        skip = None
        if context is not None and rules is not None and (not context.city or context.city != graph_city(store)):
            surfaces, generic = relative_surfaces(rules.relative), frozenset(rules.generic_aliases)
            words = frozenset(rules.generic)
            skip = lambda name, type_: foreign_alias(name, type_, surfaces, generic, words)  # noqa: E731
        return self.add_nodes((n for n in store.iter_nodes()
                               if not (n.attrs.get("extracted") and set(n.sources) <= {doc_id})), skip)

    def scan(self, text: str) -> list[tuple[int, int, list[Entry]]]:
        """Every occurrence of every known name in `text` (already normalised), nested ones included."""
        hits = []
        for i, ch in enumerate(text):
            if i % 4096 == 0:
                budget.check()
            for n in sorted(self._lengths.get(ch, ()), reverse=True):
                if i + n > len(text):
                    continue
                key = text[i: i + n]
                entries = self._entries.get(key)
                if entries and _word_bounded(text, i, i + n):
                    hits.append((i, i + n, entries))
        return hits


def _word_bounded(text: str, start: int, end: int) -> bool:
    """Latin names match whole words only: 'AI' is not in 'CHAIN'."""
    if ASCII.match(text[start].lower()) and start > 0 and ASCII.match(text[start - 1].lower()):
        return False
    return not (ASCII.match(text[end - 1].lower()) and end < len(text) and ASCII.match(text[end].lower()))


def builtin(rules: Rules, context: Context) -> Gazetteer:
    """The lexicon: places, national bodies, fields, and the publisher's own relative names."""
    gaz = Gazetteer()
    lex = rules.lexicon
    for item in lex["regions"]:
        entry = Entry(item["name"], "Region", LEXICON_CONF, "lexicon")
        for surface in [item["name"], *item.get("aliases", [])]:
            gaz.add(surface, entry)
    for item in lex["districts"]:
        entry = Entry(item["name"], "District", LEXICON_CONF, "lexicon")
        for surface in [item["name"], *item.get("aliases", [])]:
            gaz.add(surface, entry)
    for item in lex["institutions"]:
        entry = Entry(item["name"], "Institution", LEXICON_CONF, "lexicon", kind=item.get("kind"))
        for surface in [item["name"], *item.get("aliases", [])]:
            gaz.add(surface, entry)
    for name in lex["fields"]:
        gaz.add(name, Entry(name, "Field", 0.8, "lexicon"))
    for spelling, name in regional_forms.forms(lex["fields"]):  # 数位经济, 机械人 (session 15)
        gaz.add(spelling, Entry(name, "Field", 0.8, "lexicon"))
    if context.publisher:  # the publisher's own full name, wherever the page spells it out
        kind = "government" if GOVERNMENT.search(context.publisher) else None
        gaz.add(context.publisher, Entry(context.publisher, "Institution", LEXICON_CONF, "relative",
                                         kind=kind, publisher=True))
    if context.city:
        _add_relative(gaz, rules, context)
    else:
        _add_unplaced(gaz, rules, context)
    return gaz


def _add_relative(gaz: Gazetteer, rules: Rules, context: Context) -> None:
    """Relative names expanded with the publisher, city and district; as written when no city is known."""
    values = {**context.values(rules.abbreviations), "province": province_of(rules, context.city)}
    short = values["publisher_short"]
    for item in rules.relative:
        if not context.city or item.get("level") == "district" and not context.district \
                or item.get("level") == "city" and context.district:
            continue
        if item.get("level") == "province" and not values["province"]:
            if not item.get("weak"):
                _add_as_written(gaz, item)  # 省委 with no province known: a node named 省委, never resolved
            continue
        if "{publisher" in item["name"] and not context.publisher:
            continue
        name = item["name"].format(**values)
        entry = Entry(name, item["type"], LEXICON_CONF, "relative", kind=item.get("kind"),
                      publisher=bool(item.get("publisher")), weak=bool(item.get("weak")))
        surfaces = [s.format(**values) for s in item["surface"]]
        if item.get("publisher") and short:
            surfaces += [short, context.district + short[1:]] if context.district else [short]
        for surface in surfaces:
            gaz.add(surface, entry)
        if not item.get("weak"):
            gaz.add(name, entry)


def _add_unplaced(gaz: Gazetteer, rules: Rules, context: Context) -> None:
    """No city known: relative names (not 本市/全市) are nodes named as written, never graph nodes.

    A district's own (区委, 区政府) only when the publisher names a district (九龙坡区融媒体中心):
    the district is then known even if its city is not, and 区委 is that district's committee.
    """
    for item in rules.relative:
        if item.get("weak") or item.get("publisher") or item.get("level") == "district" and not context.district:
            continue
        _add_as_written(gaz, item)


def _add_as_written(gaz: Gazetteer, item: dict) -> None:
    for surface in item["surface"]:
        if "{" not in surface:
            gaz.add(surface, Entry(surface, item["type"], UNKNOWN_CONF, "relative", kind=item.get("kind"), local=True))


def province_of(rules: Rules, city: str) -> str:
    """The province a city lies in (lexicon `provinces`); a province is its own; "" when not known."""
    if city.endswith(("省", "自治区")):
        return city
    return next((p for p, cities in rules.lexicon.get("provinces", {}).items() if city in cities), "")


def graph_city(store: GraphStore) -> str:
    """The city of the graph's documents' publishers (the bundled graph: 北京市); "" if none or several."""
    cities = {Context.of(d.publisher).city for d in store.documents() if d.publisher}
    return cities.pop() if len(cities) == 1 else ""


def region_abbreviations(rules: Rules) -> dict[str, str]:
    """Single-character abbreviations (京 -> 北京市), used only inside pairs and after 在."""
    return {item["abbr"]: item["name"] for item in rules.lexicon["regions"] if item.get("abbr")}


def strong_anchors(rules: Rules) -> set[str]:
    """Words that may open a name even across a verb: cities, provinces, countries, anchor words."""
    lex = rules.lexicon
    words = set(lex["anchors"])
    for item in lex["regions"]:
        words.update([item["name"], *item.get("aliases", [])])
    return {normalize(w) for w in words if len(w) >= 2}


def anchors(rules: Rules) -> set[str]:
    """Words that may open a name: places, districts, fields and the listed anchors."""
    lex = rules.lexicon
    words = set(lex["anchors"]) | set(lex["fields"])
    for key in ("regions", "districts"):
        for item in lex[key]:
            words.update([item["name"], *item.get("aliases", [])])
    return {normalize(w) for w in words if len(w) >= 2}
