"""`answer(queries, question)`: the one entry point the CLI, the API and the home page call.

It reads the question (parser), runs the query of its form (run), and tells the
result in the question's language, with the evidence of every edge and a link
to the network page. A question it cannot read gets the closest questions it
can answer, filled with the names it did find; an unknown name gets the
closest names of the graph. Only an empty or over-long question is an error
(InvalidInput / LimitExceeded), so the API answers it with a 4xx.
"""

from __future__ import annotations

from urllib.parse import urlencode

from graph import limits, rank_apart
from graph.ask import common, compare, each_name, elsewhere, empty_graph, figure_elsewhere, funded, leads, listing_yes_no, manages, model, most_members, most_supported, narrow, own_supporters, per_zone, region_scope, relations, relative_year, replies, run, screen, story, suggest, which_and_how_many  # noqa: F401 (common, relations, own_supporters register runners)
from graph.ask import unranked, zone_member  # session 18
from graph.ask.forms import Form, grammar
from graph.ask.gazetteer import gazetteer_for
from graph.ask.parser import MAX_CHARS, Parse, parse
from graph.ask.words import EXAMPLES, both, display, say, short, type_words
from graph.errors import InnographError, InvalidInput, LimitExceeded
from graph.model import Edge, Node
from graph.queries import GraphQueries
from graph.schema import EDGE_TYPES, NODE_TYPES

SHOWN_NAMES = 8


def answer(queries: GraphQueries, question: str) -> model.Answer:
    text = _checked(question)
    read, words, year = relative_year.dated(queries, text)  # 去年 / last year: the report's year, said (session 13)
    got = _answer(queries, text, read)
    return relative_year.told(got, words, year) if words else got


def _answer(queries: GraphQueries, text: str, read: str) -> model.Answer:
    gaz = gazetteer_for(queries.store)
    p = per_zone.reread(parse(screen.publisher_words(queries, read), gaz))  # "各园区分别有多少个项目" (session 14)
    where = elsewhere.qualifier(queries, p)  # "怀柔科学城的BINN…": the zone only says where BINN is (session 13)
    if where:
        got = _answer(queries, text, p.keyed.replace(where, "", 1))
        return got.model_copy(update=dict(notes=[say(p.language, f"「{where}」只说明位置，按其后的名称回答",
                                                     f"{where!r} only says where; answered for the name after it")]
                                          + got.notes))
    member = zone_member.named(queries, p) or zone_member.plan(queries, p)  # "未来科学城的氢能平台", "the plan for X" (18)
    if member:
        got = _answer(queries, text, p.keyed.replace(member.words, zone_member.name_of(member.node, p.language), 1))
        return got.model_copy(update=dict(notes=[zone_member.note(p.language, member)] + got.notes))
    mentions = _mentions(queries, p)
    base = dict(question=text, language=p.language, mentions=mentions)
    if empty_graph.is_empty(gaz):  # nothing built, or the wrong data dir: say so, not "no node named X"
        return empty_graph.answer(queries.store, p, base)
    pair = compare.asked(queries, p)
    if pair:  # "Compare Huairou and Future Science City": two zones side by side, no judgement (session 16b)
        return compare.answer(queries, p, pair, base, _evidence)
    later = story.unheld_year(queries, p, base)
    if later is not None:  # "怀柔科学城2020年有哪些进展": the years the graph has, and the question in its year (16b)
        return later
    if story.asked(queries, p):  # "怀柔科学城2018年有哪些进展": what the year's report records of the zone (session 16)
        about = story.as_about(queries, p)
        return story.told(queries, about, _run(queries, about, base))
    own = own_supporters.asked(queries, p)
    if own:  # "怀柔科学城有哪些独有的支持者": its supporters that support none of its peers (session 16)
        return own_supporters.answer(queries, p, own, base, _evidence)
    if funded.asked(p):  # "Which zones get funding?": what a fund goes to, not every node of two types (session 16)
        return funded.answer(queries, p, base, _evidence)
    early = screen.before_forms(queries, p, base, _evidence)
    if early is not None:  # a declined figure of another zone says whose it is (session 15)
        return figure_elsewhere.told(queries, p, early)
    if p.form is None:
        return figure_elsewhere.told(queries, p, model.Answer(**base, status="not_understood",
                                                              **suggest.not_understood(queries, p)))
    if p.form.query == "topic" and any(m.kind != "exact" for m in p.slots):
        return screen.topic_by_name(queries, gaz, p, base)
    if p.unknown:
        return model.Answer(**base, status="unknown_entity", **suggest.unknown(queries, gaz, p))
    each = each_name.names(p, screen.joined, gaz.types)  # "怀柔科学城和未来科学城分别…": one answer per name (session 12b)
    if each:
        return each_name.answer(p, each, lambda one: _run(queries, one, base))
    return listing_yes_no.framed(p, _run(queries, p, base))  # "中关村科学城有基金吗": 否, not an empty listing (session 15)


def _checked(question: str) -> str:
    text = (question or "").strip()
    if len(text) > MAX_CHARS:
        raise LimitExceeded(f"the question is {len(text)} characters long; the limit is {MAX_CHARS} "
                            f"(问题共 {len(text)} 字，上限 {MAX_CHARS} 字)")
    if not text:
        raise InvalidInput(f"ask a question (请输入问题), e.g. {EXAMPLES['en']!r} / 例如：{EXAMPLES['zh']}",
                           [EXAMPLES["zh"], EXAMPLES["en"]])
    return text


# ---- a question that was read -----------------------------------------------------

def _run(queries: GraphQueries, p: Parse, base: dict) -> model.Answer:
    form, lang = p.form, p.language
    refs = [m.id for m in p.slots]
    anchors = list(queries.store.get_nodes(refs).values())
    if len(anchors) < len(set(refs)):  # the graph changed since the gazetteer was built
        return model.Answer(**base, status="unknown_entity", **suggest.unknown(queries, gazetteer_for(queries.store), p))
    year = p.year if form.needs_year else None
    params = run.Params(refs=refs, types=_types_for(form, p), year=year, lang=lang)
    redirected = narrow.redirect(form.query, params.types, anchors[0].type if anchors else None)
    if redirected != form.query:  # a form whose id is not its query keeps its own words (supported_in, session 15)
        form = grammar().forms.get(redirected, form)
    found = narrow.asked(p, params.types)  # 实验室, 企业, 科学城: part of a type (graph/ask/narrow.py)
    params.narrow = found
    params.rank_all = form.query == "rank" and bool(found)  # "which university…": narrow first, then rank
    interpretation = narrow.relabel(_interpretation(form, p, anchors, params), type_words(params.types, lang),
                                    found, params.types, lang)
    try:
        result = run.run(form.query, queries, params)
    except InnographError as exc:
        return model.Answer(**base, status="empty", interpretation=interpretation, query=form.query,
                            params=_params(params, p), summary=exc.message, suggestions=exc.suggestions)
    shown = len(result.items)
    if p.excluded:
        result.items = [i for i in result.items if i.node.id not in p.excluded]
    narrowed = narrow.keep(result.items, found, lang, queries.store)
    if narrowed.undecided:
        return replies.decline(p, base, narrowed.undecided, suggest.after_empty(queries, p))
    result.items = narrowed.items[:run.RANK_LIMIT] if params.rank_all else narrowed.items
    result.items, zeros = unranked.split(result.items) if form.query == "most_supported" else (result.items, [])
    if form.query == "new_in_year" and found:  # "Which conferences were held in 2018?": the counts of the rows kept
        result.by_type = {t: sum(1 for i in result.items if i.node.type == t) for t in result.by_type}
        result.other_years = [i.node for i in narrow.keep([model.Item(node=n) for n in result.other_years],
                                                          found, lang, queries.store).items]
    if manages.asked(p, form.query) and anchors:  # "who manages X": who leads it (LED_BY), not every supporter
        result.items, interpretation = manages.keep(result.items), manages.interpretation(lang, anchors[0])
    if leads.asked(p, form.query) and len(anchors) == 1:  # "市科委牵头了哪些项目": what it leads, not all it supports
        result.items = leads.keep(result.items)
        interpretation = leads.interpretation(lang, anchors[0], params.types)
        if p.count:
            interpretation = say(lang, f"{interpretation}的数量", f"number of {interpretation}")
    if result.more and result.total is not None and (p.excluded or found or len(result.items) < shown):
        result.total = None  # a page filtered here (excluded, narrowed): its whole count no longer holds (session 18)
    count = _count(result)
    truncated = len(result.items) > run.MAX_ITEMS
    result.items = result.items[: run.MAX_ITEMS]
    related = replies.fallback(queries, form.query, params) if not count and form.query != "paths" else []
    aside = screen.figure_aside(queries, p, params.refs, params.types)
    if form.query == "members" and anchors and anchors[0].type == "Region":  # "北京有哪些园区"
        untied = region_scope.untied(queries, anchors[0], params.types, {i.node.id for i in result.items}, found)
        aside += region_scope.sentence(lang, anchors[0], params.types, untied, narrow.label(found, lang))
        related = untied if not count and untied else related
    aside += unranked.sentence(lang, zeros)  # zones with no supporter named: said, not ranked (session 18)
    edges = run.edges_of(result) + run.edges_of(run.Result(related))
    notes = _notes(p, lang) + ([say(lang, f"只列出前 {run.MAX_ITEMS} 条", f"only the first {run.MAX_ITEMS} rows are listed")]
                               if truncated else []) + narrowed.notes + result.bounds
    if form.query == "most_supported" and result.items:
        notes.insert(0, most_supported.note(lang, result.items))
    if form.query == "rank" and len(result.items) > 1 and len({i.value for i in result.items}) == 1:
        aside += _all_tied(lang, result.items)  # in the summary: the first row is no answer
    if result.ranked_apart and (apart := rank_apart.sentence(queries.store, False, lang)):
        notes.append(apart)
    if result.through_publisher and result.paths:
        notes.append(say(lang, "不经过报告发布者的路径没有；以下路径经过发布者（报告作者只是背景）",
                         "no path avoids the report's publisher; these pass through it (the author is context)"))
    return model.Answer(
        **base,
        status="answered" if count else "empty",
        interpretation=interpretation,
        summary=_after_identity(_identity(lang, form, params, anchors),
                                (replies.fallback_sentence(lang, interpretation, related) if related and not aside
                                 else _summary(lang, form, p, interpretation, result, count, params.narrow)) + aside),
        query=form.query,
        params=_params(params, p),
        count=count,
        items=result.items,
        related=related,
        paths=result.paths,
        nodes=run.nodes_of(result, anchors) + [i.node for i in related],
        edges=edges,
        evidence=_evidence(queries, edges),
        link=_link(refs, result),
        suggestions=[] if count else suggest.after_empty(queries, p),
        notes=notes,
        truncated=truncated,
    )


def _all_tied(lang: str, items: list) -> str:
    """A ranking whose rows all tie ("哪所大学最重要": four universities, one tie each) has no first:
    say so, rather than let the first row read as the answer."""
    n, ties = len(items), int(items[0].value or 0)
    return say(lang, f" 这 {n} 个并列，各有 {ties} 个连接（不计报告作者和北京市）：图分不出哪个最重要。",
               f" All {n} tie, with {ties} connection{'' if ties == 1 else 's'} each (the report's author and Beijing not counted): the graph "
               "cannot tell which matters most.")


def _types_for(form: Form, p: Parse) -> list[str]:
    if form.query in ("paths", "indicators", "fields"):
        return []
    return p.types


def _params(params: run.Params, p: Parse) -> dict:
    out: dict = {"refs": params.refs, "types": params.types, "count": p.count}
    if params.year is not None:
        out["year"] = params.year
    return out


def _count(result: run.Result) -> int:
    if result.total is not None:
        return result.total
    if result.paths:
        return len(result.paths)
    return len({i.node.id for i in result.items})


def _link(refs: list[str], result: run.Result) -> str | None:
    if not refs:
        return None
    if result.paths:
        depth = max(len(path.edges) for path in result.paths)
    elif result.depth is not None:
        depth = result.depth
    else:
        depth = max((len(i.edges) for i in result.items), default=1)
    depth = min(max(depth, 1), limits.MAX_DEPTH)
    return "/view?" + urlencode({"center": refs[0], "depth": depth})


def _evidence(queries: GraphQueries, edges: list[Edge]) -> list[model.Quote]:
    nodes = queries.store.get_nodes({i for e in edges for i in (e.source, e.target)})
    return [model.Quote(source=e.source, source_name=both(nodes.get(e.source)), relation=e.type,
                        target=e.target, target_name=both(nodes.get(e.target)), doc=ev.doc,
                        quote=ev.quote, start=ev.start, end=ev.end)
            for e in edges for ev in e.evidence]


# ---- the words of the answer ----------------------------------------------------------

def _interpretation(form: Form, p: Parse, anchors: list[Node], params: run.Params) -> str:
    lang = p.language
    by_id = {n.id: n for n in anchors}
    names = [display(by_id[r], lang) for r in params.refs]
    key = f"{lang}_typed" if params.types else lang
    text = form.say[key].format(e=names[0] if names else "", e2=names[1] if len(names) > 1 else "",
                                types=type_words(params.types, lang), year=params.year or "")
    if p.count and form.query != "stats":
        text = say(lang, f"{text}的数量", f"number of {text}")
    return text


_KIND_ZH = {"research": "科研机构", "university": "高校", "enterprise": "企业", "government": "政府部门",
            "international": "国际组织", "lab": "实验室", "platform": "平台", "facility": "设施", "country": "国家"}


def _identity(lang: str, form: Form, params: run.Params, anchors: list[Node]) -> str:
    """"What is BINN?": what the node is (its names and type) before its relations, which alone never
    said that BINN is a research institute (session 13b). Only for `about` of one node, no type asked."""
    if form.query != "about" or params.types or len(anchors) != 1:
        return ""
    node = anchors[0]
    kind = str((node.attrs or {}).get("kind") or "")
    also = [a for a in (node.aliases or []) if a.isascii()][:2] if lang == "en" else []
    names = say(lang, node.name_zh, f"{node.name_en or node.name_zh} ({', '.join([node.name_zh, *also])})")
    what = say(lang, NODE_TYPES[node.type].zh + (f"（{_KIND_ZH[kind]}）" if kind in _KIND_ZH else ""),
               NODE_TYPES[node.type].en.lower() + (f" ({kind})" if kind else ""))
    article = "an" if what[:1] in "aeiou" else "a"
    return say(lang, f"{names}是图中的{what}。", f"{names} is {article} {what} in the graph. ")


def _after_identity(identity: str, rest: str) -> str:
    return identity + (rest[:1].upper() + rest[1:] if identity and rest else rest)


def _summary(lang: str, form: Form, p: Parse, interpretation: str, result: run.Result, count: int,
             narrowed: list | None = None) -> str:
    if form.query == "stats":
        return _stats_summary(lang, interpretation, result)
    if form.query == "new_in_year":
        return _year_summary(lang, p, result, count)
    if not count:
        return say(lang, f"图中没有找到{interpretation}。", replies.nothing_en(interpretation))
    if form.query == "most_members":
        return most_members.summary(lang, p.types, result, narrowed)
    if form.query == "rank" and len({i.value for i in result.items}) > 1:  # all tied: _all_tied says so
        shown = min(len(result.items), 8)
        return most_members.ranking(lang, say(lang, "连接", "connections"), result.items,
                                    say(lang, "按图中的连接数排序，不是重要性的评价。",
                                        "Ranked by connections in the graph, not a judgement of importance."),
                                    each=say(lang, f"前 {shown} 个", f"first {shown}"))
    if form.query == "most_supported":
        return most_members.ranking(lang, say(lang, "支持者", "supporters"), result.items,
                                    say(lang, "按报告点名的支持者计数（不计报告作者）。",
                                        "Counted over the supporters the report names (its author not counted)."))
    if result.paths:
        return _paths_summary(lang, result, count)
    split = _direct_split(lang, result, count) or (_type_split(lang, result, count) if p.count and len(p.types) > 1 else "")
    if p.count and not which_and_how_many.asks_both(p):  # "哪些…？几个？" lists them as well
        floor = say(lang, "至少 ", "at least ") if result.more and result.total is None else ""  # session 18
        return say(lang, f"{interpretation}：{floor}{count} 个{split}。", f"{interpretation}: {floor}{count}{split}.")
    slots = {m.id for m in p.slots}
    names = list(dict.fromkeys(_row_name(form, i.node, lang, slots) for i in result.items))
    shown = say(lang, "；", "; ").join(names[:SHOWN_NAMES])
    more = say(lang, " 等", " …") if len(names) > SHOWN_NAMES else ""
    if result.more and result.total is None:  # one page of a hub's longer answer (run.Result.more, session 18)
        return say(lang, f"{interpretation}：至少 {count} 个{split} — {shown}{more}。",
                   f"{interpretation}: at least {count}{split} — {shown}{more}.")
    return say(lang, f"{interpretation}：共 {count} 个{split} — {shown}{more}。",
                f"{interpretation}: {count}{split} — {shown}{more}.")


def _row_name(form: Form, node: Node, lang: str, slots: set[str] = frozenset()) -> str:
    """A row as the summary names it; an indicator with its value and unit ("怀柔科学城有什么指标，单位是什么"
    listed the indicator's name alone, no figure, no unit: session 14). did_for's last row is the zone itself
    (the body's direct support of it): named as that, not as one more thing done ("…；未来科学城规划；未来科学城")."""
    if form.query == "did_for" and node.id in slots:
        return say(lang, f"对{short(node, lang)}的直接支持", f"its direct support of {short(node, lang)}")
    value = replies.figure_value(node, lang) if form.query == "indicators" and node.type == "Metric" else ""
    return short(node, lang) + (say(lang, f" {value}", f": {value}") if value else "")


def _direct_split(lang: str, result: run.Result, count: int) -> str:
    """"三城一区包括哪些" lists 4 zones and 13 things located in them: a bare "17" reads as 17 parts,
    so a listing that mixes direct rows and rows through a member says how many are which."""
    if len(result.items) != count:  # a page of a longer answer: the split of the page is not the answer's
        return ""
    direct = sum(1 for i in result.items if i.via is None)
    if direct == count:
        return ""
    hubs = list(dict.fromkeys(short(i.via, lang) for i in result.items if i.via is not None))
    through = say(lang, "、", ", ").join(hubs[:4]) + say(lang, " 等", " …") * (len(hubs) > 4)
    if not direct:  # "未来科学城的合作伙伴": both partner with its central SOEs, not with the zone (session 16)
        return say(lang, f"（均经由{through}）", f" (all through {through})")
    return say(lang, f"（直接 {direct} 个；另有 {count - direct} 个经由{through}）",
               f" ({direct} direct; {count - direct} more through {through})")


def _type_split(lang: str, result: run.Result, count: int) -> str:
    """"市科委牵头了多少个项目": 项目 reads programmes and projects, so a bare "17" hides that 9 are projects
    (session 16); a count whose type word reads more than one node type says how many are of each."""
    if len(result.items) != count:
        return ""
    by_type: dict[str, int] = {}
    for i in result.items:
        by_type[i.node.type] = by_type.get(i.node.type, 0) + 1
    if len(by_type) < 2:
        return ""
    parts = [(NODE_TYPES[t].zh if lang == "zh" else t, n) for t, n in by_type.items()]
    return say(lang, "（其中" + "、".join(f"{w} {n} 个" for w, n in parts) + "）",
               " (" + ", ".join(f"{n} {w}" for w, n in parts) + ")")


def _paths_summary(lang: str, result: run.Result, count: int) -> str:
    path = result.paths[0]
    by_id = {n.id: n for n in path.nodes}
    steps = [short(path.nodes[0], lang)]
    for node, edge in zip(path.nodes[1:], path.edges):
        word = EDGE_TYPES[edge.type].zh if lang == "zh" else EDGE_TYPES[edge.type].en
        arrow = f" —{word}→ " if edge.target == node.id else f" ←{word}— "
        steps.append(arrow + short(by_id[node.id], lang))
    hops = len(path.edges)
    head = say(lang, "只经过报告发布者相连：", "Connected only through the report's publisher: ") \
        if result.through_publisher else ""
    return head + say(lang, f"找到 {count} 条最短路径（{hops} 跳），例如：{''.join(steps)}。",
                      f"{count} shortest path(s) of {hops} hop(s), e.g. {''.join(steps)}.")


def _stats_summary(lang: str, interpretation: str, result: run.Result) -> str:
    parts = [f"{NODE_TYPES[t].zh if lang == 'zh' else t} {c}" for t, c in result.by_type.items()]
    return say(lang, f"{interpretation}：共 {result.total} 个节点（{'、'.join(parts)}）。",
                f"{interpretation}: {result.total} nodes ({', '.join(parts)}).")


def _year_summary(lang: str, p: Parse, result: run.Result, count: int) -> str:
    if not result.documents:
        none = say(lang, f"图中没有 {p.year} 年的文件。", f"The graph holds no document from {p.year}.")
        if not result.items:
            return none
        names = say(lang, "；", "; ").join(short(i.node, lang) for i in result.items[:SHOWN_NAMES])
        return none + say(lang, f"其他年份的文件提到 {count} 个 {p.year} 年的活动：{names}。",
                          f" Documents of other years name {count} event(s) of {p.year}: {names}.")
    titles = say(lang, "、", "; ").join(d.title if lang == "zh" or not d.title_en else d.title_en
                                         for d in result.documents)
    parts = [f"{NODE_TYPES[t].zh if lang == 'zh' else t} {c}" for t, c in result.by_type.items() if c]
    named = ""
    if p.types and result.items:  # "Which conferences were held in 2018?" asks which: they are named
        names = say(lang, "；", "; ").join(short(i.node, lang) for i in result.items[:SHOWN_NAMES])
        named = say(lang, f" — {names}" + (" 等" if count > SHOWN_NAMES else ""),
                    f" — {names}" + (" …" if count > SHOWN_NAMES else ""))
    return say(lang, f"{p.year} 年的 {len(result.documents)} 份文件（{titles}）带来 {count} 个节点：{'、'.join(parts)}{named}。",
                f"The {len(result.documents)} document(s) of {p.year} ({titles}) brought {count} nodes: "
                f"{', '.join(parts)}{named}.") + _other_years(lang, p.year, result.other_years)


def _other_years(lang: str, year: int, nodes: list[Node]) -> str:
    """The events these documents name that took place in another year, set apart and said."""
    if not nodes:
        return ""
    named = say(lang, "；", "; ").join(f"{short(n, lang)}（{n.attrs['year']}）" if lang == "zh"
                                      else f"{short(n, lang)} ({n.attrs['year']})" for n in nodes)
    return say(lang, f"按活动自身的年份，另有 {len(nodes)} 个不在 {year} 年，未列出：{named}。",
               f" By their own year, {len(nodes)} event(s) these documents name are not of {year} and are left out: {named}.")


def _notes(p: Parse, lang: str) -> list[str]:
    notes = [say(lang, f"把「{written}」读作「{read}」", f"read {written!r} as {read!r}") for written, read in p.respelt]
    for m in p.slots:
        if m.kind == "fuzzy":
            notes.append(say(lang, f"把「{m.text}」理解为最接近的名称（相似度 {m.score:.2f}）",
                              f"read {m.text!r} as the closest name (similarity {m.score:.2f})"))
        if len(m.ids) > 1:
            notes.append(say(lang, f"「{m.text}」有 {len(m.ids)} 个节点，选了 {m.id}；其余：{', '.join(i for i in m.ids if i != m.id)}",
                              f"{m.text!r} names {len(m.ids)} nodes; chose {m.id}; others: "
                              f"{', '.join(i for i in m.ids if i != m.id)}"))
    others = [m.text for m in p.mentions if m.ids and all(m is not s for s in p.slots)]
    if others:
        notes.append(say(lang, f"问题中的其他名称未用于本查询：{'、'.join(others)}",
                          f"other names in the question were not used by this query: {', '.join(others)}"))
    return notes


def _mentions(queries: GraphQueries, p: Parse) -> list[model.Mention]:
    ids = {i for m in p.mentions for i in m.ids}
    nodes = queries.store.get_nodes(ids)
    out = []
    for m in p.mentions:
        chosen = m.id or (m.ids[0] if m.ids else None)
        out.append(model.Mention(text=m.text, match=m.kind, score=m.score, node=nodes.get(chosen) if chosen else None,
                                 alternatives=[i for i in m.ids if i != chosen]))
    return out
