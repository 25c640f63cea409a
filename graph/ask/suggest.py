"""What to offer when a question cannot be answered as asked: never an empty shrug.

- not understood: the closest question forms, filled with the names the question holds
  (or, when it holds none, with well-connected nodes of the graph);
- an unknown name: the closest names of the graph, and the question asked again with each;
- an empty answer: the same question without its type filter, and the node's relations.
"""

from __future__ import annotations

import difflib

from graph.ask import run
from graph.ask.forms import ENTITY, YEAR, Form, grammar
from graph.ask.gazetteer import Gazetteer, match_key
from graph.ask.parser import Parse
from graph.ask.words import display, say, short
from graph.model import Node
from graph.queries import GraphQueries

MAX_SUGGESTIONS = 5
CLOSE_NAME_RATIO = 0.5


def unknown(queries: GraphQueries, gaz: Gazetteer, p: Parse) -> dict:
    lang, form = p.language, p.form
    missing = [m.text for m in p.unknown] or [m.text for m in p.slots]
    close = close_nodes(queries, gaz, missing[0], form)
    names = "、".join(f"「{t}」" for t in missing) if lang == "zh" else ", ".join(repr(t) for t in missing)
    summary = say(lang, f"图中没有找到名为{names}的节点。", f"The graph has no node named {names}.")
    if close:
        summary += say(lang, " 最接近的名称：" + "、".join(n.name_zh for n in close) + "。",
                        " Closest names: " + "; ".join(display(n, lang) for n in close) + ".")
    filled = []
    for node in close:
        slots = [node if m.kind == "unknown" else queries.store.get_nodes([m.id])[m.id] for m in p.slots]
        filled.append(_fill(form, lang, slots, p))
    interpretation = say(lang, f"{form.say['zh'].format(e=missing[0], e2=missing[-1], types='', year='')}",
                          f"{form.say['en'].format(e=missing[0], e2=missing[-1], types='', year='')}")
    return dict(interpretation=interpretation, summary=summary, query=form.query,
                params={"refs": [m.id for m in p.slots], "types": p.types, "count": p.count},
                suggestions=list(dict.fromkeys(filled))[:MAX_SUGGESTIONS] or not_understood(queries, p)["suggestions"])


def close_nodes(queries: GraphQueries, gaz: Gazetteer, text: str, form: Form | None) -> list[Node]:
    key = match_key(text)
    scored: dict[str, float] = {}
    for name, ids in gaz.alike(key, CLOSE_NAME_RATIO):  # every name; a large graph's: those alike (session 18)
        ratio = difflib.SequenceMatcher(None, key, name).ratio()
        if ratio >= CLOSE_NAME_RATIO:
            for i in ids:
                scored[i] = max(scored.get(i, 0.0), ratio)
    for name in gaz.misspelt(key):  # one character off: the name meant, before names merely alike
        for i in gaz.names[name]:
            scored[i] = 2.0
    nodes = queries.store.get_nodes(scored)
    fits = (lambda n: form is None or form.takes(n.type))
    ranked = sorted(nodes.values(), key=lambda n: (not fits(n), -scored[n.id], n.id))
    if any(fits(n) for n in ranked):  # a field is no answer to "what is in X" (session 12)
        ranked = [n for n in ranked if fits(n)]
    return ranked[:3]


def not_understood(queries: GraphQueries, p: Parse) -> dict:
    lang = p.language
    found = [m for m in p.mentions if m.ids]
    nodes = queries.store.get_nodes({m.ids[0] for m in found})
    entities = list({m.ids[0]: nodes[m.ids[0]] for m in found if m.ids[0] in nodes}.values())
    suggestions = _closest_questions(queries, p, entities)
    if entities:
        names = say(lang, "、", "; ").join(display(n, lang) for n in entities)
        summary = say(lang, f"没能理解这个问题。问题中找到了：{names}。", f"I could not read this question. It names: {names}. ")
        summary += _one_node_twice(found, nodes, lang)
        summary += say(lang, "可以这样问：", "Questions I can answer:")
    else:
        summary = say(lang, "没能理解这个问题，也没有找到图中的名称。可以这样问：",
                       "I could not read this question, and it names nothing in the graph. Questions I can answer:")
    return dict(interpretation=say(lang, "（未能理解）", "(not understood)"), summary=summary,
                suggestions=suggestions)


def _one_node_twice(found: list, nodes: dict[str, Node], lang: str) -> str:
    """"经开区和亦庄比较一下": two names of one node. Said, instead of offering to compare a node with itself
    ("北京经济技术开发区和北京经济技术开发区有什么关系？" was offered, session 16)."""
    said = []
    for node_id, node in nodes.items():
        written = {match_key(a): a for a in (node.name_zh, node.name_en, *(node.aliases or ())) if a}
        texts = list(dict.fromkeys(written.get(m.text, m.text) for m in found if m.ids[0] == node_id))
        if len(texts) > 1:
            quoted = say(lang, "与", " and ").join(say(lang, f"「{t}」", f"'{t}'") for t in texts)
            said.append(say(lang, f"{quoted}是同一个名称的不同写法，都指{display(node, lang)}。",
                            f"{quoted} are two names of one node, {display(node, lang)}. "))
    return "".join(said)


def _closest_questions(queries: GraphQueries, p: Parse, entities: list[Node]) -> list[str]:
    """The forms nearest the question, filled with its names (or with examples from the graph).

    Nearest: forms taking as many names as the question has, then forms made for the type of
    its first name (a zone's supporters before a fund's sub-funds), then the most similar wording.
    """
    lang = p.language
    scored = []
    no_year = not p.year and not run.data_years(queries)  # a graph with no dated document: no "Ⓨ年…" question
    for index, form in enumerate(grammar().forms.values()):
        if form.needs_type and not p.types:
            continue
        if not form.suggest:
            continue
        if form.needs_year and no_year:
            continue
        if entities and form.slots and not form.takes(entities[0].type):
            continue
        template = match_key(form.ask[lang].format(e=ENTITY, e2=ENTITY, year=YEAR))
        ratio = difflib.SequenceMatcher(None, p.skeleton, template).ratio()
        if not entities:
            fit = 0
        else:
            fit = 0 if form.slots == len(entities) else 1 if 0 < form.slots < len(entities) else 2
        made_for = 0 if entities and form.example_type == entities[0].type else 1
        scored.append((fit, made_for, -ratio, index, form))
    out = []
    for *_, form in sorted(scored, key=lambda s: s[:4]):
        slots = entities[: form.slots]
        while len(slots) < form.slots:
            example = _example(queries, form, exclude={n.id for n in slots})
            if example is None:
                break
            slots.append(example)
        if form.second_types and len(slots) > 1 and slots[1].type not in form.second_types:
            continue  # a question about a place, asked of something that is none
        if len(slots) == form.slots:
            out.append(_fill(form, lang, slots, p, queries))
        if len(out) >= MAX_SUGGESTIONS:
            break
    return list(dict.fromkeys(out))


def _example(queries: GraphQueries, form: Form, exclude: set[str]) -> Node | None:
    for r in queries.rank("degree", form.example_type or "Zone", limit=5):
        if r.node.id not in exclude:
            return r.node
    return None


def _fill(form: Form, lang: str, slots: list[Node], p: Parse, queries: GraphQueries | None = None) -> str:
    names = [short(n, lang) for n in slots]
    years = run.data_years(queries) if queries and not p.year else []
    year = p.year or (years[-1] if years else "")
    return form.ask[lang].format(e=names[0] if names else "", e2=names[1] if len(names) > 1 else "", year=year)


def after_empty(queries: GraphQueries, p: Parse) -> list[str]:
    """After an empty answer: the same question without its type filter, and the node's relations."""
    if not p.slots or p.form is None:
        return []
    nodes = queries.store.get_nodes([m.id for m in p.slots])
    slots = [nodes[m.id] for m in p.slots if m.id in nodes]
    g = grammar()
    out = [_fill(g.forms["about"], p.language, slots[:1], p)] if slots else []
    if p.form.slots == 1 and p.form.id != "about":
        out.insert(0, _fill(p.form, p.language, slots[:1], p))
    return list(dict.fromkeys(out))
