"""Questions about a figure the report gives: "全市技术合同成交额是多少？", "How many
enterprises got service packages?".

The report's figures are Metric nodes (value, unit, period, growth_pct,
share_pct, qualifier). A question that asks for a number is matched against
every Metric's names (and the names of what it measures) by the words it
shares with them; a close match is answered with the figure itself: value,
unit, period, growth and share, with the quote that gives it. This comes
before counting nodes, because the graph names only some of what the report
counts ("零壹空间、东土科技、时代凌宇等44家": three nodes, 44 enterprises):
counting the nodes would be a confident wrong answer.

A match must cover most of the question's own words, keep every type word it
uses (a question about policies is not answered with a count of projects),
and hold enough words not to match by chance; a year the figure is not from
is said so, never answered with another year's figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ask.forms import Grammar
from graph.ask.gazetteer import match_key
from graph.model import Node
from graph.store import GraphStore

#: Words that ask for a figure (besides the grammar's count words).
VALUE_CUES = {
    "zh": re.compile(r"多少|几|多大|多高|多长|多快|增长|增速|增幅|占比|占全国|比例|比重|排名|第几|贡献率|规模|总额|金额|数额|是多少"),
    "en": re.compile(r"\b(how (many|much|big|large|fast)|what (is|was|are|were) the (number|value|total|share|rate|"
                     r"turnover|revenue|growth|amount|size|rank|ranking|contribution|percentage|market value)|"
                     r"grow|grew|grown|growth|share|percentage|rank|ranking|turnover|revenue|market value)\b"),
}
#: Words of a question that are no part of what it asks about.
_ZH_FILLER = re.compile(r"占全国|占比|是多少|有多少|多少|多大|多高|几|是|有|的|了|吗|呢|啊|吧|请问|一共|总共|共|都|达到|达|到|全部|目前"
                        r"|个|家|项(?!目)|名|位|支|条|所|次|人次|期|部|多|哪些|什么|图中|图里|图")  # 项目 is a word, 项 a measure
_EN_STOP = frozenset("""a an the of in on at to for from by with and or is are was were be been do does did has have had
    how many much what which who whom whose when where why it its this that these those there here me us you we they
    get gets got give given total number value amount figure figures year report graph data please tell show s went go goes gone""".split())
_ZH_LONE_STOP = set("和与及或的了是有在对把被给为从到中里内上下这那个家项支所条些种位还都也共年月")
MIN_Q_COVER = 0.75
MIN_CHAR_COVER = 0.8
MIN_WORDS = {"zh": 3, "en": 2}
#: Type words whose absence from a figure's name rules the figure out.
_ZH_TYPE_WORDS = re.compile(r"企业|公司|高校|大学|院所|机构|单位|政策|项目|平台|基金|子基金|计划|活动|会议|地区|省份|省市|城市|"
                            r"国家|园区|领域|指标|基地|实验室|行政区")


@dataclass
class Figure:
    node: Node
    cover: float  # share of the question's words the figure's names hold
    year_ok: bool


#: A question for an amount of money (session 11): only a figure in yuan answers it, never a count
#: ("How much did the fund invest in X?" is not "6 sub-funds").
#: Funding, 资金 and 经费 asked as an amount count too (session 17: "How much funding did the E-Town receive?" was
#: read as the number of its supporters of type Fund).
MONEY_CUES = {
    "zh": re.compile(r"多少钱|金额|投资了多少(?![家个支项所名位只条])|投入了多少|出资多少|出资了多少|花了多少|经费是多少"
                     r"|多少(亿|万)?(元|块)?的?(资金|经费|拨款|补贴|财政|投入|投资)|(资金|经费|拨款|补贴|投入)(有|是|共|一共)?多少"),
    "en": re.compile(r"\bhow much\b.*\b(invest(ed|ment)?|spen[dt]|cost|pa(y|id)|money|budget|fund(s|ing|ed)?|financ\w*"
                     r"|grants?|subsid\w*)\b"),
}


def asks_for_money(keyed: str, language: str) -> bool:
    return bool(MONEY_CUES[language].search(keyed))


#: Money ranked ("哪个机构获得的资金最多", "Which zone got the most funding?"): the graph holds no sums to rank by;
#: read by most_related as funds tied to each body, it ranked the sub-fund managers (session 17).
MONEY_RANKED = {"zh": re.compile(r"(资金|经费|拨款|补贴|投入|钱).*(最多|最少|最高|最大)|(最多|最少|最高|最大)的?(资金|经费|拨款|补贴|投入|钱)"),
                "en": re.compile(r"(most|least|largest|biggest|highest).*(funding|money|financing|budget|investment)")}


def ranks_money(keyed: str, language: str) -> bool:
    return bool(MONEY_RANKED[language].search(keyed))


def _is_money(metric: Node) -> bool:
    return "元" in str((metric.attrs or {}).get("unit", "")) or "yuan" in str((metric.attrs or {}).get("unit", "")).lower()


def asks_for_figure(keyed: str, language: str, g: Grammar) -> bool:
    return bool(VALUE_CUES[language].search(keyed) or g.count_words[language].search(keyed))


def _quoted_words(evidence, language: str) -> set[str]:
    """The report's own words for a figure, from the quotes that give it (Chinese questions; session 12)."""
    if language != "zh":
        return set()
    return set().union(*(_words(re.sub(r"[\d.]+", " ", ev.quote), "zh") for ev in evidence))


def best_figure(store: GraphStore, keyed: str, language: str, years: list[int],
                names: list[tuple[str, tuple[str, ...]]]) -> Figure | None:
    """The Metric the question asks about: one it names, else the one whose names hold most of its words.

    `names` are the question's names (text, node ids). The words outside them must be held by
    the figure's own name (or period): "怀柔科学城的面积" does not match a figure about
    Huairou because of "怀柔科学城"; "面积" has to be in the figure's name.
    """
    named = [i for _, ids in names for i in ids if i.startswith("metric-")]
    metrics = store.get_nodes(named) if named else {}
    if metrics:
        return _figure(next(iter(metrics.values())), 1.0, years)
    words = _words(keyed, language)
    rest_text = keyed
    for text, _ in sorted(names, key=lambda n: -len(n[0])):
        rest_text = rest_text.replace(text, " ")
    rest = _words(rest_text, language)
    mentioned = {i for _, ids in names for i in ids}
    if len(words) < MIN_WORDS[language]:
        return None
    types = set(_ZH_TYPE_WORDS.findall(keyed)) if language == "zh" else {w for w in words if w in _EN_TYPE_STEMS}
    best: tuple[float, float, Node] | None = None
    metrics = list(store.nodes_of_type("Metric"))
    measures = store.edges([m.id for m in metrics], "out", ["MEASURES"])  # one read for all figures
    ends = store.get_nodes({e.target for e in measures})
    measured_by: dict[str, dict[str, Node]] = {}
    evidence_of: dict[str, list] = {}  # the quotes that give each figure, read into words only when needed
    for e in measures:
        if e.target in ends:
            measured_by.setdefault(e.source, {})[e.target] = ends[e.target]
        evidence_of.setdefault(e.source, []).extend(e.evidence)
    wants_money = bool(MONEY_CUES[language].search(keyed))
    counted = _counted(keyed, language)
    for metric in metrics:
        if wants_money and not _is_money(metric):
            continue
        if counted and _narrower(metric, counted, words):
            continue
        own = _metric_words(metric, language)
        if types and not all(t in own or _zh_type_held(t, metric) for t in types):
            continue
        measured = measured_by.get(metric.id, {})
        if _of_another(measured, mentioned, store):
            continue
        if rest:
            said = own | _quoted_words(evidence_of.get(metric.id, ()), language)  # "首批落地了几个项目": 落地 is the report's word ("等30个项目落地")
            if len(rest & said) / len(rest) < MIN_Q_COVER and not _chars_held(rest_text, metric, language):
                continue
        elif not mentioned & set(measured):
            continue
        names_words = own | set().union(*(_words(" ".join(_names(n, language)), language) for n in measured.values()))
        shared = len(words & names_words)
        cover = max(shared / len(words), _char_cover(keyed, [metric, *measured.values()], language))
        score = (cover, len(words & own) / max(len(own), 1))
        if best is None or score > best[:2] or (score == best[:2] and metric.id < best[2].id):
            best = (*score, metric)  # ties go to the smaller id: the same figure on every backend
    if best is None or best[0] < MIN_Q_COVER:
        return None
    return _figure(best[2], best[0], years)


#: The words a count asks for: "how many party members of …" counts members (of the party kind).
_COUNTED_EN = re.compile(r"\b(?:how many|number of) ([a-z ]+)")


def _counted(keyed: str, language: str) -> str:
    """The head noun of what an English count asks for: the last word before the first function word."""
    m = _COUNTED_EN.search(keyed) if language == "en" else None
    if not m:
        return ""
    run = []
    for word in m.group(1).split():
        if word in _EN_STOP:
            break
        run.append(word)
    return _stem(run[-1]) if run else ""


def _narrower(metric: Node, counted: str, words: set[str]) -> bool:
    """The figure counts a narrower kind of what the question counts: "How many conferences were held in 2018?"
    is not "Press conferences held by BMSTC (2018): over 30" (session 16). The figure's English name opens with
    a word the question does not say, then the noun it counts. Only the name's opening: "Provinces, municipalities
    and autonomous regions …" still answers "how many regions", and "Serving Party members …" "how many Party
    members" (its head is members; serving is no kind of party)."""
    tokens = re.findall(r"[a-z0-9]+", match_key(metric.name_en or ""))
    return len(tokens) > 1 and _stem(tokens[1]) == counted and tokens[0] not in _EN_STOP \
        and _stem(tokens[0]) not in words


def _of_another(measured: dict[str, Node], mentioned: set[str], store: GraphStore) -> bool:
    """The figure measures another node of the kind the question names: "中关村科学城有几项重点项目" is no
    question about 怀柔科学城首批重点支持项目数, which measures 怀柔科学城 (session 13b gave its 30 for 中关村).
    A figure measuring nothing named, or nothing of the named nodes' types, is left to the words."""
    if not mentioned or not measured or mentioned & set(measured):
        return False
    kinds = {n.type for n in store.get_nodes(sorted(mentioned)).values()}
    return any(n.type in kinds for n in measured.values())


def _chars_held(rest_text: str, metric: Node, language: str) -> bool:
    """Chinese split differently ('科技成果获得' / '获…成果数'): most of its characters are in the name."""
    if language != "zh":
        return False
    chars = [ch for ch in re.findall(r"[\u4e00-\u9fff]", _ZH_FILLER.sub(" ", rest_text)) if ch not in _ZH_LONE_STOP]
    return len(chars) >= 3 and sum(ch in metric.name_zh for ch in chars) / len(chars) >= MIN_CHAR_COVER


def _char_cover(keyed: str, nodes: list[Node], language: str) -> float:
    """Share of the question's characters (fillers aside) found in the names: Chinese split differently."""
    if language != "zh":
        return 0.0
    chars = [ch for ch in re.findall(r"[\u4e00-\u9fff]", _ZH_FILLER.sub(" ", keyed)) if ch not in _ZH_LONE_STOP]
    names = "".join(n for node in nodes for n in [node.name_zh, *(node.aliases or [])])
    return sum(ch in names for ch in chars) / len(chars) if len(chars) >= 3 else 0.0


def _figure(metric: Node, cover: float, years: list[int]) -> Figure:
    period = str((metric.attrs or {}).get("period", ""))
    return Figure(metric, cover, not years or any(str(y) in period for y in years))


_EN_TYPE_STEMS = frozenset({"enterpris", "compan", "universit", "institut", "polic", "project", "platform", "fund",
                            "program", "event", "region", "provinc", "zone", "park", "indicator", "metric"})


#: An English type word and its Chinese words: "projects" fits a figure whose note counts 项目.
_EN_TYPE_ZH = {"project": "项目", "enterpris": "企业", "compan": "公司|企业", "universit": "高校|大学",
               "institut": "机构|院所|研究所", "polic": "政策", "fund": "基金", "program": "计划|专项",
               "event": "活动|会议", "region": "地区|省", "provinc": "省", "zone": "园区", "park": "园区",
               "platform": "平台"}


def _zh_type_held(stem: str, metric: Node) -> bool:
    zh = _EN_TYPE_ZH.get(stem)
    text = metric.name_zh + str((metric.attrs or {}).get("note", ""))
    return bool(zh and re.search(zh, text))


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ates", "ated", "ate", "ed", "es", "th",
                   "s", "y", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str, language: str) -> set[str]:
    """CJK character pairs and Latin word stems (zh), or Latin word stems (en), without question words."""
    key = match_key(text).replace("s and t", "science technology")
    key = re.sub(r"(?<!\d)(19|20)\d\d(?!\d)|\d{1,2} ?- ?\d{1,2}月|\d{1,2}月", " ", key)
    if language == "en":
        return {_stem(w) for w in re.findall(r"[a-z0-9]{2,}", key) if w not in _EN_STOP and not w.isdigit()}
    key = _ZH_FILLER.sub(" ", key)
    out: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", key):  # a lone character is a word unless a function word
        out |= {run[i:i + 2] for i in range(len(run) - 1)} if len(run) > 1 else ({run} - _ZH_LONE_STOP)
    out |= {_stem(w) for w in re.findall(r"[a-z]{2,}", key) if w not in _EN_STOP}
    return out


#: Words of a figure's English name and the everyday words a question uses for them (stemmed as the
#: question's words are: "three" is read "thre"). Session 18: "tech" for technology(-based), "companies" and
#: "firms" for enterprises, "worth" for market value (value is a stop word) ("What were the Zhongguancun listed companies worth?" got the
#: number of listed companies, 333, not their market value, 5.5 万亿元).
_EN_SYNONYMS = {"establish": {"set", "up", "found", "creat", "new"}, "q1": {"first", "quarter"},
                "q3": {"three", "third", "quarter"}, "jan": {"january"}, "nov": {"november", "eleven", "month"},
                "turnover": {"volume", "valu", "amount"}, "revenu": {"incom"}, "grant": {"award"},
                "technolog": {"tech"}, "enterpris": {"compan", "firm", "business"}, "market": {"worth"}}


#: Words a question uses for a growth rate or a share, held by every figure that has one.
#: 百分之几 / 百分比 ask for a rate: the words of a figure that has a growth or a share (session 13).
_PERCENT_ZH = {"百分", "分之", "分比"}
_GROWTH = {"zh": {"同比", "比增", "增长", "增速", "增幅"} | _PERCENT_ZH, "en": {"grow", "growth", "increas", "rise", "ris"}}
_SHARE = {"zh": {"比例", "比重"} | _PERCENT_ZH, "en": {"share", "percent", "percentag", "proportion", "national", "nationwid"}}


def _metric_words(metric: Node, language: str) -> set[str]:
    """The figure's own words: its name(s) and period (前三季度, Jan-Nov), and words for its growth or share."""
    attrs = metric.attrs or {}
    extra = (_GROWTH[language] if attrs.get("growth_pct") is not None else set()) | \
        (_SHARE[language] if attrs.get("share_pct") is not None else set())
    return _own_words(metric, language) | ({_stem(w) for w in extra} if language == "en" else extra)


def _own_words(metric: Node, language: str) -> set[str]:
    period = str((metric.attrs or {}).get("period", ""))
    if language == "zh":
        note = str((metric.attrs or {}).get("note", ""))
        names = [metric.name_zh, *[a for a in metric.aliases or [] if not a.isascii()], period,
                 "" if note.isascii() else note]
        return _words(" ".join(names), "zh") | set(_ZH_TYPE_WORDS.findall(match_key(metric.name_zh)))
    words = _words(f"{metric.name_en or ''} {period}", "en")
    return words.union(*({_stem(s) for s in _EN_SYNONYMS.get(w, ())} for w in words))


def _names(node: Node, language: str) -> list[str]:
    if language == "zh":
        return [node.name_zh, *(a for a in node.aliases or [] if not a.isascii())]
    return [node.name_en or "", *(a for a in node.aliases or [] if a.isascii())]


# ---- for the figure said beside a count (screen.figure_aside, session 13) -----------------------------

LONE_STOP = frozenset(_ZH_LONE_STOP)
TYPE_STEMS_EN = _EN_TYPE_STEMS
words = _words


def filler_free(text: str) -> str:
    """Chinese text without the words that ask rather than name (多少, 哪些, 一共, measure words)."""
    return _ZH_FILLER.sub(" ", text)
