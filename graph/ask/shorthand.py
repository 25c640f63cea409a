"""A bare shorthand that begins several zones' names ("中关村", "Zhongguancun"): declined, with the full names.

Why: "哪些基金支持中关村？" listed every fund of the graph. 中关村 is no node's name; it is a word that
begins names (graph/ask/forms.yaml `words: name`), so the parser read no name at all and the
listing form answered "all funds": another question's rows. In English "Zhongguancun" was read,
fuzzily, as Zhongguancun Science City, silently choosing between it and the Zhongguancun National
Innovation Demonstration Zone, two different zones a planner must not confuse. Both are now
declined, naming the zones it may mean and suggesting the question with each full name.
"""

from __future__ import annotations

from graph.ask import model, replies
from graph.ask.forms import ENTITY, grammar
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.model import Node
from graph.queries import GraphQueries
from graph.text import normalize


def decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    """A decline when a word of the question is only the beginning of two or more zones' names."""
    word, zones = _shorthand(queries, p)
    if not zones:
        return None
    lang = p.language
    names = say(lang, "、", "; ").join(_label(z, lang) for z in zones)
    sentence = say(lang, f"「{word}」不是图中一个节点的名称，以它开头的园区有 {len(zones)} 个：{names}。请用全称再问。",
                   f"{word!r} is no node's name; {len(zones)} zones' names begin with it: {names}. "
                   "Ask again with the full name.")
    asked = base["question"]
    suggestions = []
    for z in zones:
        full = z.name_zh if lang == "zh" else z.name_en or z.name_zh
        at = asked.lower().find(word.lower())
        if at >= 0:
            suggestions.append(asked[:at] + full + asked[at + len(word):])
    return replies.decline(p, base, sentence, suggestions)


def _shorthand(queries: GraphQueries, p: Parse) -> tuple[str, list[Node]]:
    if p.language == "zh":
        text = p.skeleton.replace(ENTITY, " ")
        candidates = [w for w in sorted(grammar().name_words["zh"], key=len, reverse=True) if w in text]
    else:  # a name read only fuzzily, that is the first word(s) of several zones' English names
        candidates = [m.text for m in p.mentions if m.ids and m.score < 1.0]
    for word in candidates:
        zones = _zones_beginning(queries, word)
        if len(zones) >= 2:
            return word, zones
    return "", []


def _zones_beginning(queries: GraphQueries, word: str) -> list[Node]:
    key = normalize(word)
    out = []
    for z in queries.store.nodes_of_type("Zone"):
        names = [normalize(n) for n in (z.name_zh, z.name_en, *z.aliases) if n]
        if any(n.startswith(key) and n != key for n in names) and not any(n == key for n in names):
            out.append(z)
    return sorted(out, key=lambda z: z.id)


def _label(z: Node, lang: str) -> str:
    return say(lang, f"{z.name_zh}（{z.name_en}）" if z.name_en else z.name_zh,
               f"{z.name_en} ({z.name_zh})" if z.name_en else z.name_zh)
