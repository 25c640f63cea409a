"""What is settled before a question's form runs: who "the commission" is, a figure the
report gives, a decline, and a topic that is no node.

A figure comes first because the graph names only some of what the report counts;
declines come next because a listing that ignores words of the question answers
another question (see docs/ask.md, "Right or honestly declined").
"""

from __future__ import annotations

import re

from graph.ask import briefing, change, elsewhere, figure_compare, figures, future, model, most_members, most_related, negation, other_places, premise, scope_words, relations, replies, report_itself, shorthand, suggest, two_steps, unheld, when_held, which_and_how_many, yes_no
from graph.ask import list_qualifier  # session 18
from graph.ask.forms import grammar
from graph.ask.gazetteer import gazetteer_for, has_cjk, match_key
from graph.ask.parser import Parse, residue
from graph.ask.words import say, short, type_words
from graph.queries import GraphQueries


#: Words for the report's author ("the commission"): read as its name.
_PUBLISHER_WORDS = re.compile(r"\b(the|this|that) (commission|report s author|report's author|publisher)\b|本委|该委",
                              re.IGNORECASE)


def publisher_words(queries: GraphQueries, text: str) -> str:
    publishers = [d.publisher for d in queries.store.documents() if d.publisher]
    if not publishers or not _PUBLISHER_WORDS.search(text):
        return text
    name = publishers[0]
    if not has_cjk(text):  # an English question stays English: a Chinese name in it made it read as Chinese,
        ids = sorted(gazetteer_for(queries.store).names.get(match_key(name), ()))
        node = queries.store.get_nodes(ids[:1]).get(ids[0]) if ids else None
        name = node.name_en if node is not None and node.name_en else name  # and "Does the Commission …?" unread (13b)
    return _PUBLISHER_WORDS.sub(f" {name} ", text)


def before_forms(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer | None:
    """A figure the report gives, or a decline, before any listing or count of nodes."""
    lang, g = p.language, grammar()
    # the report itself; a time after the reports, or a negation: no figure or listing answers these (session 12b)
    # a place the graph does not hold (上海, Shanghai): no other place's answer stands in (session 17)
    settled = other_places.decline(queries, p, base) or scope_words.decline(p, base) \
        or report_itself.answer(queries, p, base) or future.decline(queries, p, base) \
        or negation.decline(p, base, lambda: _can_ask(queries, p)) \
        or unheld.decline(queries, p, base, lambda: _can_ask(queries, p), evidence) \
        or elsewhere.decline(queries, p, base, evidence)  # 取消 / shut down: no such event; 经开区的氢能平台: it is elsewhere (session 13)
    if settled is not None:
        return settled
    held = when_held.answer(queries, p, base, evidence)  # an event's year, a node's source report (session 15)
    if held is not None:
        return held
    figure_cue = figures.asks_for_figure(p.keyed, lang, g)
    named_figure = p.mentions and all(i.startswith("metric-") for m in p.mentions for i in m.ids) \
        and (p.form is None or p.form.query in ("about", "indicators"))
    # "哪些子基金？一共几支？": the listing answers, the figure is said beside it (session 12b)
    if (figure_cue or named_figure) and not which_and_how_many.asks_both(p):  # "全市技术合同成交额" alone asks for its figure too
        compared = figure_compare.answer(queries, p, base, evidence)  # "A和B哪个增长更快": both, or a decline (session 12b)
        if compared is not None:
            return compared
        fig = figures.best_figure(queries.store, p.keyed, lang, p.years, [(m.text, m.ids) for m in p.mentions if m.ids and m.score >= 1.0])
        if fig is not None:
            return replies.figure(queries, p, fig, base, evidence)
        if figures.asks_for_money(p.keyed, lang):  # no sum in yuan answers it: never a count of supporters (17)
            asks = _can_ask(queries, p)  # the sentence says to ask who supports it: that question first
            return replies.decline(p, base, replies.money_sentence(lang),
                                   sorted(asks, key=lambda a: "支持" not in a and "support" not in a))
    settled = premise.check(queries, p, base, evidence) or yes_no.answer(queries, p, base, evidence)
    # "为什么A位于B？": the premise said held or not (session 12b); "A支持B吗？": yes with the evidence, or no
    if settled is not None:
        return settled
    vague = shorthand.decline(queries, p, base) or change.decline(queries, p, base) or briefing.decline(queries, p, base)
    if vague is not None:
        return vague
    compared = most_members.compare_decline(queries, p, base) \
        or two_steps.decline(queries, p, base)  # "A or B: which has more projects?", "X's science cities' institutes" (13b)
    if compared is not None:
        return compared
    if figures.ranks_money(p.keyed, lang):  # "哪个机构获得的资金最多": no sums to rank by (session 17)
        return replies.decline(p, base, replies.money_sentence(lang), _can_ask(queries, p))
    ranked = most_related.answer(queries, p, base, evidence)  # "哪个项目涉及的领域最多" (session 13)
    if ranked is not None:
        return ranked
    narrow = p.form and p.form.query == "most_members" and replies.NARROW[lang].search(p.keyed)
    if narrow:  # "Which zone has the most companies?": the report does not list a zone's companies
        return replies.decline(p, base, replies.narrow_sentence(lang, narrow.group(0)), _can_ask(queries, p))
    top = replies.superlative_listing(p)
    if top:
        return replies.decline(p, base, replies.superlative_sentence(lang, top), _can_ask(queries, p))
    more = replies.comparative_listing(p)
    if more:  # "A和B哪个…多" read as a listing (session 14)
        return replies.decline(p, base, replies.comparative_sentence(lang, more), _can_ask(queries, p))
    if p.count and p.form and p.form.query == "members" and p.slots and p.types != ["Region"] \
            and gazetteer_for(queries.store).types.get(p.slots[0].id or "") == "Region":
        return replies.decline(p, base, replies.region_count_sentence(lang), _can_ask(queries, p))
    word = replies.narrow_count(p)
    if word:
        return replies.decline(p, base, replies.narrow_sentence(lang, word), _can_ask(queries, p))
    if p.form:  # words no form reads: answering without them would answer another question
        rest = residue(p.skeleton, g, lang, single=p.count or figure_cue) or _unread(p, figure_cue) \
            or _list_qualifier(p, g) or list_qualifier.qualifier_en(p, g)  # English (session 18)
        if rest:
            close = _close(queries, rest[0])
            return replies.decline(p, base, replies.residue_sentence(lang, rest, close), _can_ask(queries, p))
    unused = _unused_names(p)
    if unused:
        return replies.decline(p, base, replies.unused_name_sentence(lang, unused, p.slots), _can_ask(queries, p))
    return None


def _unread(p: Parse, figure_cue: bool) -> list[str]:
    """Words the second reading took for a name it could not find, where the form does not use them.

    "Wich institutes are locatd in Huairou Sciense City?" (session 13): 'wich institutes' and 'locatd'
    became unknown names beside the zone, the members form took the zone alone, and every member was
    listed, of every type; the asked type was in the words left out."""
    return [m.text for m in p.mentions if not m.ids and (figure_cue or all(m is not s for s in p.slots))]


#: What a listing of every node of a type says besides its type: list cues, question words, measure words.
_LIST_WORDS_ZH = re.compile(r"列出|列举|列一下|所有|全部|显示|给出|一览|清单|名单|包括|都有|图谱|图中|图里|知识图谱")


def _list_qualifier(p: Parse, g) -> list[str]:
    """'上级部门有哪些？': every institution was listed. 上级 is a word of another form's pattern (上级基金), so the
    words-no-form-reads check let it pass; but a listing of every node of a type reads nothing besides the type,
    so any other word qualifies the type and is a condition it would ignore (session 13)."""
    if p.form.query != "list" or p.language != "zh":
        return []
    text = _LIST_WORDS_ZH.sub(" ", p.skeleton)
    for word in g.type_words["zh"]:
        text = word.regex.sub(" ", text)
    words = set(g.question_words["zh"]) | g.stop_words["zh"]
    for word in sorted((w for w in words if len(w) > 1), key=len, reverse=True):
        text = text.replace(word, " ")
    lone = {w for w in words if len(w) == 1}  # 上 of 上级 is a stop word alone, not inside a word
    return [run for run in re.findall(r"[\u4e00-\u9fff]+", text)
            if len(run) >= 2 and any(ch not in lone for ch in run)]


def _unused_names(p: Parse) -> list[str]:
    """Names of the question that the chosen form leaves out ("What did the commission do for 怀柔科学城":
    the indicators of the commission would ignore the zone)."""
    if not p.form or not p.slots or p.form.query in ("stats",):
        return []
    used = {i for m in p.slots for i in m.ids}
    read = [m.text for m in p.slots]
    return list(dict.fromkeys(
        m.text for m in p.mentions if m.ids and m.score >= 1.0 and not used & set(m.ids)
        # "北京市科委": a place written onto a name read is part of that name
        and not any(m.text + r in p.keyed or r + m.text in p.keyed for r in read)
        # "支持怀柔科学城和河北": a second name joined to the one read is answered apart, with a note
        and not any(joined(p.keyed, r, m.text) for r in read)))


_AND = r"\s*(和|与|及|以及|、|,|，|and|&)\s*"


def joined(text: str, a: str, b: str) -> bool:
    return bool(re.search(re.escape(a) + _AND + re.escape(b), text) or re.search(re.escape(b) + _AND + re.escape(a), text))


def _close(queries: GraphQueries, text: str) -> list:
    """Graph names close to words the question left unread (the gazetteer's n-gram index, not a full scan)."""
    gaz = gazetteer_for(queries.store)
    ids = [i for key, _ in gaz.closest(match_key(text)) for i in sorted(gaz.names[key])]
    nodes = queries.store.get_nodes(ids)
    return [nodes[i] for i in dict.fromkeys(ids) if i in nodes][:3]


def _can_ask(queries: GraphQueries, p: Parse) -> list[str]:
    return suggest.not_understood(queries, p)["suggestions"]


def topic_by_name(queries: GraphQueries, gaz, p: Parse, base: dict) -> model.Answer:
    """'Policies about 科技成果转化': the topic is no node; say so, then the nodes of the type named with it."""
    lang, text = p.language, p.slots[0].text
    types = p.types
    rows = relations.by_name([n for t in types for n in queries.store.nodes_of_type(t)], text, types)
    head = say(lang, f"图中没有名为「{text}」的节点；", f"The graph has no node named {text!r}; ")
    if not rows:
        return replies.decline(p, base, head + say(lang, f"名称中含「{text}」的{type_words(types, lang)}也没有。",
                                                   f"no {type_words(types, lang)} has it in its name either."),
                               suggest.unknown(queries, gaz, p)["suggestions"])
    names = say(lang, "；", "; ").join(short(i.node, lang) for i in rows[:8])
    interpretation = say(lang, f"名称含「{text}」的{type_words(types, lang)}", f"{type_words(types, lang)} named with {text!r}")
    return model.Answer(**base, status="answered", interpretation=interpretation, query="topic",
                        params={"refs": [], "types": types, "count": p.count, "name": text},
                        summary=head + say(lang, f"按名称找到 {len(rows)} 个{type_words(types, lang)}：{names}。",
                                           f"by name, {len(rows)} {type_words(types, lang)}: {names}."),
                        count=len(rows), items=rows, nodes=[i.node for i in rows],
                        notes=[say(lang, "按名称匹配，不是图中的关系", "matched by name, not by a relation of the graph")])


#: The Chinese words a figure's name uses for the node types a count asks about.
_TYPE_IN_FIGURE = {"Program": "项目|计划|专项", "Project": "项目|平台|实验室", "Institution": "机构|院所|单位",
                   "Fund": "基金", "Policy": "政策", "Region": "省|地区", "Event": "活动|会议", "Zone": "园区"}


def figure_aside(queries: GraphQueries, p: Parse, refs: list[str], types: list[str]) -> str:
    """A count of named nodes, when the report gives its own figure for the same thing: both are said.

    '怀柔科学城有多少个项目？' counts 4 project nodes; the report says 30 first-batch projects. A type word
    alone does not make it the same thing (session 13): '市科委和哪些省份建立了合作关系，一共多少个？' also got
    '对接国家级贫困地区数：38' by 地区. What the question says besides its names and type words (建立合作关系)
    must be in the figure's name too, when it says anything besides them (not its quote: one sentence of the
    report often gives both figures)."""
    if not (p.count and refs and types):
        return ""
    words = "|".join(_TYPE_IN_FIGURE[t] for t in types if t in _TYPE_IN_FIGURE)
    if not words:
        return ""
    ids = {e.source for e in queries.store.edges(refs[:1], "in", ["MEASURES"])}
    rest = _asked_words(p, words)
    figures_ = [n for n in queries.store.get_nodes(ids).values() if re.search(words, n.name_zh)
                and (not rest or rest & _figure_words(n, p.language))]
    return "".join(say(p.language, " 报告另给出：", " The report also gives: ")
                   + replies.figure_sentence(n, p.language, False) for n in sorted(figures_, key=lambda n: n.id))


def _asked_words(p: Parse, type_words_re: str) -> set[str]:
    """The question's own words besides its names, type words and question fillers: characters (Chinese,
    split differently from the report: 投 / 投资) or word stems (English)."""
    rest = p.keyed
    for m in sorted(p.mentions, key=lambda m: -len(m.text)):
        rest = rest.replace(m.text, " ")
    if p.language == "zh":
        rest = re.sub(type_words_re, " ", rest)
        return {ch for ch in re.findall(r"[\u4e00-\u9fff]", figures.filler_free(rest)) if ch not in figures.LONE_STOP}
    return figures.words(rest, "en") - figures.TYPE_STEMS_EN - _EN_ASK


#: English words of a count question that say nothing of what is counted.
_EN_ASK = frozenset({"list", "name", "them", "one", "ones", "all", "which", "there", "total", "altogeth", "overall"})


def _figure_words(metric, lang: str) -> set[str]:
    if lang == "zh":
        return set(re.findall(r"[\u4e00-\u9fff]", metric.name_zh))
    return figures.words(metric.name_en or "", "en")
