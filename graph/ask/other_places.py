"""A question about a place the graph does not hold (上海, Shanghai, 雄安): declined, naming the place.

Why (session 17, blind set): "What is Shanghai's technology contract turnover?" was answered with
Beijing's 4957.8 亿元. 'Shanghai' is no name of the graph, so it was one unknown word of four, and the
figure matcher's 75 % bar let it go; "上海的技术合同成交额是多少" was not even read as naming a place.
A planner comparing cities reads Beijing's figure as Shanghai's: a wrong answer. The graph is built from
one city's report and holds only the places that report names (天津 and 深圳 are asked about elsewhere:
figure_elsewhere.py says the figure is Beijing's). A place of the list in other_places.yaml that is no
name of the graph and lies outside every name the question was read with is declined before any form
runs, saying what the graph covers, and offering the question without the place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from graph.ask import model, replies, suggest
from graph.ask.gazetteer import gazetteer_for, match_key
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.queries import GraphQueries

PLACES_FILE = Path(__file__).with_name("other_places.yaml")


@lru_cache(maxsize=1)
def _places() -> dict[str, re.Pattern]:
    data = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))
    longest = {lang: sorted(data[lang], key=len, reverse=True) for lang in ("zh", "en")}
    return {"zh": re.compile("|".join(map(re.escape, longest["zh"]))),
            "en": re.compile(r"\b(" + "|".join(re.escape(w.casefold()) for w in longest["en"]) + r")\b")}


def named(queries: GraphQueries, p: Parse) -> str | None:
    """The first place of the list the question names that the graph does not (None when there is none)."""
    names = gazetteer_for(queries.store).names
    rest = p.keyed
    for m in sorted((m for m in p.mentions if m.ids), key=lambda m: -len(m.text)):  # inside a name read: its own
        rest = rest.replace(m.text, " ")
    for lang in ("zh", "en"):
        for hit in _places()[lang].finditer(rest):
            if match_key(hit.group(0)) not in names:
                return hit.group(0)
    return None


def decline(queries: GraphQueries, p: Parse, base: dict) -> model.Answer | None:
    place = named(queries, p)
    if place is None:
        return None
    lang = p.language
    place = place if lang == "zh" or not place.isascii() else place.title()  # keyed English is casefolded
    docs = list(queries.store.documents())
    source = docs[0].title if len(docs) == 1 and docs[0].title else say(lang, "图中的报告", "the graph's reports")
    # the question without the place, when nothing else is named in it ("和怀柔科学城有什么关系" is no question)
    alone = not any(m.ids for m in p.mentions)
    without = _without(p.keyed, place, lang) if alone else ""
    sentence = say(lang, f"图中没有「{place}」：图来自{source}，只含报告写到的地方，没有{place}的数据；不拿别处的答案顶替。",
                   f"The graph holds nothing on {place!r}: it is built from {source}, which covers the places that "
                   f"report names, not {place}; no other place's answer stands in for it.")
    return replies.decline(p, base, sentence, [without] if without else suggest.not_understood(queries, p)["suggestions"])


def _without(text: str, place: str, lang: str) -> str:
    """The question with the place taken out: what the graph can answer of it ("技术合同成交额是多少")."""
    if lang == "zh":
        rest = re.sub(re.escape(place) + r"(市|省|的|新区)*", "", text, count=1)
    else:
        rest = re.sub(r"\b" + re.escape(place.casefold()) + r"(s|'s)?\b\s*", "", text, count=1)
        rest = rest[:1].upper() + rest[1:] + ("?" if rest and not rest.endswith("?") else "")
    return rest.strip() if len(rest.strip()) > 3 else ""
