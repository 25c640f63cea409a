"""Yes/no questions about two named nodes: "市科委支持北京智源人工智能研究院吗？", "Does FSC focus on AI?".

Why: before session 12 such a question named two nodes, the forms read one of them, and the answer
was a decline ("only one name would be read"). The graph can settle it: the relation asked is
looked up with the runner of the form that lists it (supporters of B, fields of A through its
members, where A is located …), and the answer is

  是/Yes  with the row (and so every hop's evidence) that says so;
  否/No   "the graph records no …" (the graph holds what the report says, nothing more), with
          what it does record for that relation (`related`: where A is, what A focuses on).

A yes/no question whose relation is none of these (connected? better?) is left to the other forms
and declines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ask import model, replies, run
from graph.ask.forms import ENTITY, grammar
from graph.ask.parser import Parse, residue
from graph.ask.words import say, short
from graph.model import Node
from graph.queries import GraphQueries

SHOWN = 6

_YEAR_WORDS = re.compile(r"\s*\b(in|for|during)?\s*(?<!\d)(19|20)\d\d(?!\d)年?(的)?")
_ASKS_ZH = re.compile(r"(吗|嘛|(?<![什怎那这多要])么)$|是否|是不是|有没有")  # 么, not 什么/怎么 (session 13)
_ASKS_EN = re.compile(r"^(does|do|did|is|are|was|were|has|have|had)\b")


@dataclass(frozen=True)
class Relation:
    zh: re.Pattern
    en: re.Pattern
    query: str  # the runner that lists it
    of: int  # whose rows: 0 the first name of the question, 1 the second
    say_zh: str  # "{a}支持{b}"
    say_en: str


def _r(zh: str, en: str, query: str, of: int, say_zh: str, say_en: str) -> Relation:
    return Relation(re.compile(zh), re.compile(en), query, of, say_zh, say_en)


#: First match wins: invest before support ("资金支持" is support, "投资" is investment).
RELATIONS = (
    # 投到 / 投向 (session 18: "母基金有没有投到未来科学城" was declined)
    _r("投资|出资|投到|投向|投进", r"\binvest|\bput (money|funds?) in", "investments", 0, "{a}投资{b}", "{a} invests in {b}"),
    _r("支持|资助|扶持|支撑", r"\b(support|back|fund|sponsor)", "supporters", 1, "{a}支持{b}", "{a} supports {b}"),
    # 搞 / 做 / 攻关 (session 17: "未来科学城有没有做人工智能" was declined): the fields' everyday verbs
    _r("聚焦|关注|布局|专注|侧重|主攻|研究|从事|搞|做|攻关|发力|涉足", r"\b(focus|concentrat|speciali[sz]|work(s|ed)? on|research)",
       "fields", 0, "{a}聚焦{b}", "{a} focuses on {b}"),
    # taking part is partnering or supporting (the participants form, session 13): before location's "part of"
    _r("参与|参加", r"\b(take|takes|took|taking|taken) part in\b|\bparticipat|\binvolved in\b", "participants", 1,
       "{a}参与{b}", "{a} takes part in {b}"),
    _r("(位于|坐落|落户|地处|设在|属于|在)(于|在)?Ⓔ", r"\b(located|based|situated|sited)\b|\b(in|inside|within|part of|belongs? to) Ⓔ",
       "location", 0, "{a}位于{b}", "{a} is in {b}"),
    _r("合作", r"\b(partner|cooperat|co operat|collaborat|work(s|ed)? with)", "partners", 0,
       "{a}与{b}合作", "{a} partners with {b}"),
    _r("主办|举办|承办|组织|召开", r"\b(host|organi[sz]|held|hold|convene)", "hosted", 0,
       "{a}主办{b}", "{a} hosted {b}"),
    _r("发布|印发|出台|颁布", r"\b(issue|publish|release)", "issued", 0, "{a}发布{b}", "{a} issued {b}"),
    _r("包括|包含|下设", r"\b(include|contain|comprise)", "members", 0, "{a}包括{b}", "{a} includes {b}"),
)


def asks_yes_no(p: Parse) -> bool:
    text = p.keyed.strip()
    return bool(_ASKS_ZH.search(text) if p.language == "zh" else _ASKS_EN.search(text))


def answer(queries: GraphQueries, p: Parse, base: dict, evidence) -> model.Answer | None:
    """The yes/no answer, or None when the question is not a yes/no question about two named nodes."""
    named = [m for m in p.mentions if m.ids]
    if len(named) != 2 or len(p.mentions) != 2 or not asks_yes_no(p):
        return None
    lang = p.language
    asked = re.sub(r"有没有|是不是", " ", p.skeleton)  # the 没 of 有没有 asks, it is no word left unread (session 17)
    if residue(asked, grammar(), lang, single=True):  # "市科委明年支持…吗": a condition no reading holds, left to decline
        return None
    held_years = run.data_years(queries)
    other = [y for y in p.years if y not in held_years]
    if other:  # "Does BMSTC still support BAAI in 2025?": the graph holds the report's year, not that one
        years = "、".join(map(str, held_years)) or say(lang, "无", "none")
        return replies.decline(p, base, say(lang, f"图中只有 {years} 年文件里的关系，没有 {other[0]} 年的；"
                                                  "去掉年份再问，答的是报告写到的情况。",
                                            f"The graph holds the relations of the {years} documents only, nothing "
                                            f"for {other[0]}; asked without the year, the answer is what the report says."),
                               [re.sub(r"\s+([?？])", r"\1", _YEAR_WORDS.sub(" ", base["question"])).strip()])
    if _SHARED[lang].search(p.skeleton):  # "Do A and B share any supporters?": what both have, not A R B
        return None
    after_first = p.skeleton[p.skeleton.find(ENTITY) + 1:]  # the relation is said after the first name
    relation = next((r for r in RELATIONS if (r.zh if lang == "zh" else r.en).search(after_first)), None)
    if relation is None:
        return None
    ids = [m.id or m.ids[0] for m in named]
    nodes = queries.store.get_nodes(ids)
    if len(nodes) < 2 or ids[0] == ids[1]:
        return None
    a, b = nodes[ids[0]], nodes[ids[1]]
    a, b = _typed_field(queries, a, p.types), _typed_field(queries, b, p.types)
    if a is None or b is None:
        return None
    if _PASSIVE[lang].search(p.skeleton):  # "北京智源人工智能研究院是市科委支持的吗": the second name acts
        a, b = b, a
    template = say(lang, relation.say_zh, relation.say_en)
    query = relation.query
    if query == "hosted" and a.type == "Event":  # the event cannot be the host: the other way round
        a, b = b, a
    if query == "issued" and a.type in ("Policy", "Program", "Document"):
        a, b = b, a
    anchor, wanted = (a, b) if relation.of == 0 else (b, a)
    rows = run.run(query, queries, run.Params(refs=[anchor.id], lang=lang)).items
    hits = [i for i in rows if i.node.id == wanted.id]
    if not hits and query == "location":  # "Is BINN in 三城一区?": through a member zone
        hits = [i for i in run.run("members", queries, run.Params(refs=[b.id], lang=lang)).items if i.node.id == a.id]
    claim = template.format(a=short(a, lang), b=short(b, lang))
    params = {"refs": [a.id, b.id], "types": [], "count": False, "relation": query}
    interpretation = say(lang, f"是否{claim}（是/否）", f"whether {claim} (yes/no)")
    link = f"/view?center={a.id}&depth=2"
    if hits:
        edges = [e for i in hits for e in i.edges]
        via = next((i.via for i in hits if i.via is not None), None)
        how = say(lang, f"（经由{short(via, lang)}）", f" (through {short(via, lang)})") if via else ""
        summary = say(lang, f"是：{claim}{how}。", f"Yes: {claim}{how}.")
        return model.Answer(**base, status="answered", interpretation=interpretation, summary=summary,
                            query="yes_no", params=params, count=1, items=hits[:1],
                            nodes=_nodes(a, b, hits), edges=edges, evidence=evidence(queries, edges), link=link)
    held = _held(rows, lang)
    summary = say(lang, f"否：图中没有{claim}的记录（图只含报告写到的关系）。",
                  f"No: the graph records no sign that {claim} (it holds what the report says, nothing more).")
    if held:
        summary += say(lang, f"图中记录的是：{held}。", f" What it records instead: {held}.")
    between = _between(queries, a, b, lang)
    if between:
        summary += say(lang, f"两者之间图中记录的关系：{between}。", f" Between the two it records: {between}.")
    edges = [e for i in rows for e in i.edges]
    return model.Answer(**base, status="answered", interpretation=interpretation, summary=summary,
                        query="yes_no", params=params, count=0, related=rows,
                        nodes=_nodes(a, b, rows), edges=edges, evidence=evidence(queries, edges), link=link)


#: The two names joined and asked what they share (session 15): "Do A and B share any supporters?" was read
#: as "does A support B" (No), although both have two supporters in common. The forms answer it
#: (common_supporters, common) and listing_yes_no.py says yes or no.
_SHARED = {"zh": re.compile(r"Ⓔ\s*(和|与|跟|同|及)\s*Ⓔ.*(共同|共有|都有|同样的?|相同的?|交集|重合|重叠)"),  # 重合: session 16
           "en": re.compile(r"Ⓔ\s*(and|&)\s*Ⓔ.*\b(share|shared|in common|both have)\b")}

#: The second name is the one acting: "A是B支持的吗", "A由B主办吗", "Is A supported by B?".
_PASSIVE = {"zh": re.compile(r"Ⓔ(是|被|受到|受|得到|获得|由)Ⓔ"),
            "en": re.compile(r"\b(supported|backed|funded|financed|sponsored|hosted|organi[sz]ed|held|convened|issued|"
                             r"published|released|invested in) by Ⓔ"
                             # "Does E-Town get support from the commission?" (session 16: was "does E-Town support it")
                             r"|\b(gets?|got|receives?|received|obtains?|obtained|enjoys?) (any |some )?"
                             r"(support|funding|backing|money|help|investment) from Ⓔ")}


def _typed_field(queries: GraphQueries, node: Node, types: list[str]) -> Node | None:
    """"Is the hydrogen energy platform in E-Town?", "氢能平台在经开区吗": a field with a type word is the one
    node of that type focusing on it (as elsewhere.py reads "经开区的氢能平台"); session 13b answered "No:
    hydrogen energy is not in E-Town" about the field. None (no yes/no reading) when no node, or several,
    of the type focus on it: which one is meant is not known."""
    asked = [t for t in types if t != "Field"]
    if node.type != "Field" or not asked:
        return node
    rows = run.run("field_actors", queries, run.Params(refs=[node.id])).items
    held = list(dict.fromkeys(i.node.id for i in rows if i.node.type in asked))
    return queries.store.get_nodes(held)[held[0]] if len(held) == 1 else None


def _between(queries: GraphQueries, a: Node, b: Node, lang: str) -> str:
    """The direct edges the graph does hold between the two, with their direction (市科委 —PARTNERS_WITH→ 天津市)."""
    names = {a.id: short(a, lang), b.id: short(b, lang)}
    edges = [e for e in queries.store.edges([a.id], "both") if {e.source, e.target} == {a.id, b.id}]
    return say(lang, "；", "; ").join(dict.fromkeys(f"{names[e.source]} —{e.type}→ {names[e.target]}" for e in edges))


def _held(rows, lang: str) -> str:
    names = list(dict.fromkeys(short(i.node, lang) for i in rows))
    more = say(lang, f" 等 {len(names)} 个", f" and {len(names) - SHOWN} more") if len(names) > SHOWN else ""
    return say(lang, "；", "; ").join(names[:SHOWN]) + more


def _nodes(a: Node, b: Node, rows) -> list[Node]:
    out = {a.id: a, b.id: b}
    for i in rows:
        out.setdefault(i.node.id, i.node)
        if i.via is not None:
            out.setdefault(i.via.id, i.via)
    return list(out.values())
