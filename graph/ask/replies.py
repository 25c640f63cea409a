"""Answers that are not a listing: a figure, an honest decline, and the fallback of an
empty typed answer.

- A figure (figures.py found the Metric): value, unit, period, growth and share in one
  sentence, with the quote that gives it.
- A decline: the question counts what the graph cannot count (companies apart from
  other institutions), asks about words that are no name and no cue ("人口", "employees",
  "主任"), or asks for a year the figure is not from. One sentence says what the
  graph cannot do; the suggestions say what it can.
- A fallback: the asked type has no answer; one line says so and the rows of the same
  question without the type filter (or, failing that, the node's direct relations) follow,
  each with its evidence, in `related`.
"""

from __future__ import annotations

import re

from graph.ask import model, run
from graph.ask.figures import Figure
from graph.ask.parser import Parse
from graph.ask.words import display, say, short
from graph.model import Node
from graph.queries import GraphQueries

RELATED_ROWS = 20
UNITS_EN = {"亿元": "hundred million yuan (亿元)", "万亿元": "trillion yuan (万亿元)", "万家": "×10,000 (万家)", "家": "",
            "项": "", "个": "", "名": "people", "人次": "person-times", "条": "items", "件": "items", "期": "issues",
            "次": "times", "位": "", "支": "", "部": "", "倍": "times", "万平方米": "×10,000 m²", "方面": "areas",
            "%": "%"}
QUALIFIERS_EN = {"近": "nearly ", "超过": "over ", "余": "over ", "多": "over ", "将达": "expected to reach ",
                 "翻番": "doubled: "}
#: Words narrower than the node type they map to: the graph cannot count them apart.
NARROW = {"zh": re.compile(r"企业|公司|高校|大学|子基金"),
          "en": re.compile(r"\b(compan(y|ies)|enterprises?|universit(y|ies)|firms?|sub ?funds?)\b")}


# ---- a figure ------------------------------------------------------------------------

def figure(queries: GraphQueries, p: Parse, fig: Figure, base: dict, evidence) -> model.Answer:
    lang, node = p.language, fig.node
    if not fig.year_ok:
        period = (node.attrs or {}).get("period", "")
        return decline(p, base, say(lang, f"报告只给出{period}的数字（{node.name_zh}），没有 {p.years[0]} 年的。",
                                    f"The report gives this figure for {period} only ({node.name_en}), "
                                    f"not for {p.years[0]}."), [display(node, lang)])
    edges = queries.store.edges([node.id], "out", ["MEASURES", "ISSUED_BY"])
    item = model.Item(node=node, relation="MEASURES", edges=edges)
    ends = queries.store.get_nodes({e.target for e in edges})
    return model.Answer(
        **base, status="answered", interpretation=say(lang, f"指标：{node.name_zh}", f"indicator: {node.name_en}"),
        summary=figure_sentence(node, lang, p.count), query="figure",
        params={"refs": [node.id], "types": [], "count": p.count}, items=[item],
        nodes=[node, *ends.values()], edges=edges, evidence=evidence(queries, edges),
        link="/view?center=" + node.id + "&depth=1",
        notes=[say(lang, f"按问题用词匹配到指标（覆盖 {fig.cover:.0%}）", f"matched to the indicator by its words "
                   f"({fig.cover:.0%} of the question's words)")] if fig.cover < 1 else [])


def figure_sentence(node: Node, lang: str, count: bool) -> str:
    a = node.attrs or {}
    text = say(lang, f"{node.name_zh}：{figure_value(node, lang)}。", f"{node.name_en}: {figure_value(node, lang)}.")
    if count and str(a.get("unit", "")) == "%":
        text += say(lang, " 报告只给出增长率，没有给出总数。", " The report gives the growth rate, not the number.")
    return text


def figure_value(node: Node, lang: str) -> str:
    """A figure's value with its unit, period, growth and share ("30 个（2018）"): what a figure is, said
    the same way by the figure answer and by a listing of a node's indicators (session 14)."""
    a = node.attrs or {}
    value, unit, period = a.get("value"), str(a.get("unit", "")), a.get("period", "")
    qualifier = str(a.get("qualifier", ""))
    if value is None:
        shown = str(a.get("rating", a.get("note", "")))
    elif lang == "zh":
        shown = f"{qualifier if qualifier != '翻番' else ''}{_num(value)} {unit}".strip()
    else:
        shown = f"{QUALIFIERS_EN.get(qualifier, '')}{_num(value)} {UNITS_EN.get(unit, unit)}".strip()
    parts = [shown + (f"（{period}）" if lang == "zh" else f" ({period})") if period else shown]
    if a.get("growth_pct") is not None and unit != "%":
        parts.append(say(lang, f"同比增长 {_num(a['growth_pct'])}%", f"up {_num(a['growth_pct'])}% year on year"))
    elif unit == "%" and "增长" in node.name_zh:
        parts[0] = say(lang, f"同比增长 {parts[0]}", f"up {parts[0]} year on year")
    if a.get("share_pct") is not None:
        parts.append(say(lang, f"占比 {_num(a['share_pct'])}%", f"{_num(a['share_pct'])}% of the total"))
    if a.get("note") and lang == "zh" and not str(a["note"]).isascii():
        parts.append(str(a["note"]))
    return say(lang, "，", ", ").join(parts)


def _num(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() and abs(value) >= 100 else str(value)


# ---- a decline -------------------------------------------------------------------------

SUPERLATIVE = {"zh": re.compile(r"最(?!近|新|后|初|终)[^的之是有？?，,]{0,3}|第一|排名|前[三五十]"),
               "en": re.compile(r"\b(most|least|biggest|largest|highest|lowest|top|best|worst|greatest|strongest|"
                                r"leading|fastest|richest)\b")}


def superlative_listing(p: Parse) -> str | None:
    """'Which university got the most support?', '怀柔科学城最重要的节点是什么': a listing cannot rank;
    only `rank` (by connections) does, so any other form with a superlative would answer another question."""
    if not p.form or p.form.query in ("rank", "bridges", "paths", "most_supported", "most_members"):
        return None
    m = SUPERLATIVE[p.language].search(p.keyed)
    return m.group(0) if m else None


#: "哪个…多/少", "which … more/fewer": a comparison (多少 is "how many", 多个 "several", 至少 "at least": none is one).
COMPARATIVE = {"zh": re.compile(r"(哪个|哪一个|哪家|哪所|谁)[^，,。；;]*?(更|较|比较)?(多(?![少个家项种次年方元所位条支名])|(?<![多至])少)"),
               "en": re.compile(r"\b(which|who)\b.*\b(more|fewer|less)\b|\b(more|fewer|less)\b.*\bthan\b")}

#: Forms that compare or rank; any other form lists, and a list says nothing of which has more.
_COMPARING = ("rank", "bridges", "most_supported", "most_members")


def comparative_listing(p: Parse) -> str | None:
    """'Between A and B, which gets more support?' was answered with the paths between A and B, and
    '经开区和未来科学城，哪个聚焦的领域多' with the two zones' fields (session 14): a form that lists answers
    another question than "which has more", so such a question is declined with what can be compared."""
    if not p.form or p.form.query in _COMPARING:
        return None
    m = COMPARATIVE[p.language].search(p.keyed)
    return m.group(0) if m else None


def comparative_sentence(lang: str, words: str) -> str:
    return say(lang, f"「{words}」要比较多少，这个问法只能列出节点，比不出哪个更多。可以比较园区的成员或领域个数"
                     "（如：经开区和未来科学城哪个领域更多？），或分别问每一个。",
               f"{words!r} asks for a comparison, and this question reads only as a listing, which cannot say "
               "which has more. Zones can be compared by their members or fields ('Between E-Town and Future "
               "Science City, which one has more fields?'), or ask about each.")


def superlative_sentence(lang: str, word: str) -> str:
    """Says what the question did not give (a count to rank by), and every ranking there is: it said "the graph
    holds nothing to rank this by" for '三城一区里哪个城的成员最多', which most_members does rank (session 14)."""
    return say(lang, f"这个问法读不出按什么数「{word}」；图可以按连接数排序（如：连接最多的机构是哪些？），"
                     "按支持者个数比较园区（如：哪个园区最受支持？），或按某类节点的个数排序（如：哪个园区的机构最多？"
                     "哪个项目涉及的领域最多？）。",
               f"This question, as read, names nothing to count for {word!r}. The graph can rank by connections "
               f"('Which institutions are the most connected?'), compare zones by their supporters "
               f"('Which zone gets the most support?'), or rank by a type of node "
               f"('Which zone has the most institutions?', 'Which project covers the most fields?').")


def narrow_count(p: Parse) -> str | None:
    """A count of companies or universities: the graph types them only as institutions."""
    if not p.count:
        return None
    m = NARROW[p.language].search(p.keyed)
    if m and "基金" not in m.group(0) and "fund" not in m.group(0):
        return m.group(0)
    # sub-funds are counted right where they are what a fund invests in
    return m.group(0) if m and not (p.form and p.form.query in ("investments", "investors")) else None


def decline(p: Parse, base: dict, sentence: str, suggestions: list[str] | None = None) -> model.Answer:
    lang = p.language
    return model.Answer(**base, status="not_understood", interpretation=say(lang, "（无法回答）", "(cannot answer)"),
                        summary=sentence, query=p.form.query if p.form else None,
                        suggestions=suggestions or [], notes=[])


def money_sentence(lang: str) -> str:
    """An amount of money no figure of the report gives (session 17: "How much funding did the E-Town receive?")."""
    return say(lang, "报告没有给出这笔钱的数额：图中只记哪些计划、政策和机构扶持或投资了什么，不记金额；可以问谁在扶持它。",
               "The report gives no such sum: the graph records who supports or invests in what, not how much "
               "money; ask who supports it instead.")


def region_count_sentence(lang: str) -> str:
    return say(lang, "图中大多数节点没有标注所在地区（报告的主体都在北京），不能按地区计数；可以问某个园区有多少机构或项目。",
               "Most nodes are not tied to a region in the graph (the report's actors are in Beijing), so it cannot "
               "count them by region; ask how many institutions or projects a zone has.")


def narrow_sentence(lang: str, word: str) -> str:
    if "基金" in word or "fund" in word:
        return say(lang, f"图中没有把「{word}」与其他基金分开标注，无法统计其数量；可以问某个基金投资了哪些子基金。",
                   f"The graph does not tell {word} apart from other funds, so it cannot count them; "
                   f"ask which sub-funds a fund invests in instead.")
    return say(lang, f"图中没有把「{word}」与其他机构分开标注，无法统计其数量；可以问某个节点支持或包括哪些机构。",
               f"The graph does not tell {word} apart from other institutions, so it cannot count them; "
               f"ask which institutions a node supports or includes instead.")


def unused_name_sentence(lang: str, unused: list[str], slots) -> str:
    read = "、".join(f"「{m.text}」" for m in slots) if lang == "zh" else ", ".join(repr(m.text) for m in slots)
    left = "、".join(f"「{w}」" for w in unused) if lang == "zh" else ", ".join(repr(w) for w in unused)
    return say(lang, f"这个问法只读得出{read}，问题中的{left}会被略过，那就是答非所问；可以分开问，或问两者之间的联系。",
               f"This question reads as one about {read} only; {left} would be left out, which would answer "
               f"another question. Ask about each, or how the two are connected.")


def residue_sentence(lang: str, words: list[str], close: list[Node]) -> str:
    shown = "、".join(f"「{w}」" for w in words) if lang == "zh" else ", ".join(repr(w) for w in words)
    text = say(lang, f"问题中的{shown}既不是图中的名称，也不是能读懂的问法；略过它回答就是答非所问。",
               f"{shown} is neither a name in the graph nor a question it can read; answering without it "
               f"would answer another question.")
    if close:
        text += say(lang, " 图中相近的名称：" + "、".join(n.name_zh for n in close) + "。",
                    " Close names in the graph: " + "; ".join(display(n, lang) for n in close) + ".")
    return text


# ---- the fallback of an empty answer ----------------------------------------------------

def fallback(queries: GraphQueries, form_query: str, params: run.Params) -> list[model.Item]:
    """The same question without its type filter; failing that, the node's direct relations."""
    if not params.refs or form_query == "common":  # nothing ties to both: its suggestions say what to ask
        return []
    rows = run.run(form_query, queries, run.Params(refs=params.refs, types=[], year=params.year)).items
    if not rows and form_query != "about":
        rows = run.run("about", queries, run.Params(refs=params.refs[:1])).items
    return rows[:RELATED_ROWS]


def fallback_sentence(lang: str, interpretation: str, related: list[model.Item]) -> str:
    head = say(lang, f"图中没有{interpretation}", nothing_en(interpretation))
    if not related:
        return head + say(lang, "。", "")
    names = list(dict.fromkeys(short(i.node, lang) for i in related))
    shown = say(lang, "；", "; ").join(names[:6]) + (say(lang, " 等", " …") if len(names) > 6 else "")
    return head + say(lang, f"；与之相关的有 {len(names)} 个：{shown}。",
                      f" Related, though not what was asked ({len(names)}): {shown}.")


def nothing_en(interpretation: str) -> str:
    """An empty answer in English. The interpretation is a phrase ("what X invests in", "supporters of X,
    type Fund"): pasted into "No … in the graph" it read "No what X invests in in the graph"."""
    return f"Nothing in the graph answers this ({interpretation})."
