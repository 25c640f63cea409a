"""The extraction pipeline on one read report: mentions, then relations (no records yet)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from graph.store import GraphStore
from graph.text import normalize
from loaders.text import (activity_fields, bodies, budget, category_heads, clause_cut, confidence, departments,
                          field_spans, home, indefinite_names, issuer, kind_lists, listed, lists, long_sentences,
                          metrics, own_title, own_zone, verb_leads)
from loaders.text import (company_names, company_works, field_forms, field_hygiene, field_siblings, fields_in_names,
                          heading_names, headline_figures, in_names, industry_fields, inner_joins, media_names,
                          own_offices,
                          opening_bodies, own_title_names, page_categories, page_place, park_areas, party_committees,
                          place_heads, predicate_trim, project_tails, roads, short_forms, title_organs, zone_branches)
from loaders.text import policy_periods, quality_names  # session 14, s14-extent
from loaders.text import amount_leads, determiner_spans, generic_kinds, report_titles  # session 15, s15-cities
from loaders.text import domain_heads, named_days, proposal_bodies  # session 15, s15-recall2
from loaders.text import inner_predicates, party_sessions, standing_committees  # session 15, s15-dev10
from loaders.text import inner_titles, joined_issuers, place_bound  # session 15, s15-cities2
from loaders.text import opening_known  # session 16, s16-dev13
from loaders.text import period_quotes, plenum_series, quoted_policies, report_lines, session_bodies  # session 16
from loaders.text import counted_item_lists  # session 17, s17-dev15
from loaders.text import gazettes, place_organs, plan_joins  # session 17, s17-dev16
from loaders.text.names_s17 import s17_names_pass  # session 17, s17-names
from loaders.text import table_reader  # session 18, s18-tables
from loaders.text.names_s18 import s18_dev17_pass  # session 18, s18-dev17
from loaders.text.entities import QUOTE, EntityFinder, Mention, from_entry, resolve_overlaps
from loaders.text.gazetteer import Context, Gazetteer, builtin, region_abbreviations
from loaders.text.reading import Report
from loaders.text.relations import Relation, RelationFinder
from loaders.text.rules import Rules, load_rules
from loaders.text.sections import Sentence, split

PAIR_AFTER = re.compile(r"两地|三地|地区|区域")


@dataclass
class Analysis:
    report: Report
    context: Context
    sentences: list[Sentence]
    mentions: list[Mention]
    relations: list[Relation]
    publisher: Mention | None
    city: Mention | None


def analyse(report: Report, store: GraphStore | None = None, rules: Rules | None = None) -> Analysis:
    rules = rules or load_rules()
    context = home.with_home_city(Context.of(report.meta.get("publisher", ""), report.title), rules)
    context = issuer.when_unknown(context, report.meta.get("title", ""), report.body.text, rules)
    context = page_place.of_text(context, report.body.text, rules)  # a repost: the place it is about
    gazetteer = builtin(rules, context).add_store(store, report.doc_id, context, rules)
    finder = EntityFinder(rules, gazetteer, context)
    text = report.body.text
    sentences = split(text)
    budget.check()
    if long_sentences.too_long(sentences):  # text with no sentence marks is read in pieces (linear time)
        long_sentences.cut(report, sentences, lambda piece: find_mentions(finder, piece, split(piece), figures=False))
        text = report.body.text
        sentences = split(text)
    found = find_mentions(finder, text, sentences)
    dropped = [m for m in found if own_title.dropped(m, report, rules)]  # the page's own title (own_title.py)
    gone = {id(m) for m in dropped}
    mentions = [m for m in found if id(m) not in gone]
    own_title_names.released(mentions, dropped)  # names inside a dropped own title stay entities
    own_title.mark_nested(mentions, report, rules)
    budget.check()
    publisher = _known(finder, gazetteer, context.publisher, "Institution")
    city = _known(finder, gazetteer, context.city, "Region")
    relations = RelationFinder(rules, text, sentences, mentions, publisher, city,
                               region_abbreviations(rules)).find()
    return Analysis(report, context, sentences, mentions, relations, publisher, city)


def find_mentions(finder: EntityFinder, text: str, sentences: list[Sentence], figures: bool = True) -> list[Mention]:
    books, opaque = finder.books(text)
    suffixed = finder.suffixed(text, opaque)
    candidates = [*field_hygiene.kept(finder, text, field_spans.widened(text, finder.known(text))), *books, *finder.quotes(text), *suffixed,
                  *finder.latin(text), *_pairs(finder, text), *bodies.abbreviated_bodies(finder, text),
                  *bodies.event_patterns(finder, text), *bodies.quoted_names(finder, text, suffixed),
                  *bodies.table_cells(finder, text), *bodies.districts(finder, text),
                  *listed.listed_mentions(finder, text), *own_zone.own_zone_mentions(finder, text),
                  *departments.departments(finder, text), *media_names.media_mentions(finder, text),
                  *roads.road_mentions(finder, text), *heading_names.heading_mentions(finder, text),
                  *party_committees.committee_mentions(finder, text),  # 中共北京市委 (session 14)
                  *party_sessions.session_mentions(finder, text),  # 区十三次党代会 (session 15)
                  *standing_committees.committee_mentions(text),  # 区人大及其|常委会 (session 15)
                  *proposal_bodies.proposal_mentions(finder, text),  # 人大|代表建议, 政协|提案 (session 15)
                  *named_days.day_mentions(text),  # 世界知识产权日 (session 15)
                  *session_bodies.session_mentions(finder, text),  # 北京市延庆区|第三届…会议, …大会⏎第四次会议 (session 16)
                  *quoted_policies.quoted_policy_mentions(finder, text),  # 某区“…1+6”政策 (session 16)
                  *gazettes.gazette_mentions(text)]  # 市十五届人大常委会公报 (session 17)
    candidates += listed.opened(finder, text, candidates)
    candidates += place_organs.organ_mentions(text, candidates, finder.context.city)  # 北京市|委, 怀柔区|委, 北京市|政府 (session 17)
    candidates = period_quotes.without_period_heads(text, candidates)  # “十三五”时期|全国科技创新中心建设 (session 16)
    candidates = place_bound.without_other_cities(finder, text, candidates)  # 科学园 is 香港科学园 in Hong Kong only
    candidates = park_areas.with_parks(finder, text, candidates)  # 海淀园、丰台园; 怀柔、顺义等园区 (session 12)
    candidates = verb_leads.drop_verb_leads(finder, text, candidates, [c for c in candidates if c.how in verb_leads.KNOWN_HOWS])
    candidates = predicate_trim.trimmed(finder, text, candidates, [c for c in candidates if c.how in verb_leads.KNOWN_HOWS])
    candidates = inner_predicates.without_inner_predicates(finder, text, candidates)  # 市人大|多次|专题 (session 15)
    budget.check()
    mentions = lists.join_ji(text, resolve_overlaps(candidates))
    mentions = resolve_overlaps(mentions + lists.list_mentions(finder, text, mentions))
    budget.check()
    mentions = resolve_overlaps(mentions + lists.ellipses(finder, text, mentions))
    mentions = resolve_overlaps(counted_item_lists.with_counted_items(text, mentions))  # 共设A、B…12个内设机构 (session 17)
    mentions = resolve_overlaps(table_reader.with_table_cells(finder, text, mentions))  # 责任单位 | 成果处 (session 18)
    mentions = _with_companies(finder, text, mentions)  # session 12
    mentions = industry_fields.with_industries(finder, text, mentions)  # 历史文化旅游|产业 (session 14)
    mentions = domain_heads.with_domain_heads(finder, text, mentions)  # 在|数字贸易|领域 (session 15)
    mentions = field_siblings.with_siblings(finder, text, mentions)  # 高端汽车、…、生物医药 (session 14)
    mentions = place_heads.without_unread_heads(finder, text, mentions)  # 宁波|甬江、…等科创大走廊 (session 13)
    mentions = short_forms.with_short_forms(text, mentions)  # 创新科技及工业局(创科及工业局) (session 13)
    mentions = title_organs.without_title_organs(finder, text, mentions)  # 數碼港公司|董事局主席 (session 13)
    mentions = kind_lists.without_kind_siblings(finder, text, mentions)  # 大科学装置、科技研发平台 (session 13)
    mentions = activity_fields.without_activities(finder, text, mentions)  # 精准合成、可控组装等领域 (session 13)
    mentions = indefinite_names.without_descriptions(text, mentions)  # 一座…的“百年科学城” (session 13)
    mentions = page_categories.without_page_categories(text, mentions)  # 等科创大走廊 … 科创大走廊 (session 13)
    mentions = category_heads.without_category_heads(text, mentions)  # …等处于价值链高端的现代服务业 (session 13)
    mentions = fields_in_names.without_fields_in_names(finder, text, mentions)  # 北京现代农业联合体 (session 14)
    mentions = policy_periods.with_periods(text, mentions)  # …统筹发展规划(2020年-2035年) (session 14)
    mentions = quoted_policies.with_opening_quotes(text, mentions)  # “十四五|”时期发展规划 (session 16)
    mentions = quality_names.without_quality_names(text, mentions, tuple(s.end for s in finder.rules.suffixes))  # 原创性…科技攻关
    mentions = amount_leads.without_amount_leads(text, mentions)  # 300亿元|双城经济圈发展基金 (session 15)
    mentions = determiner_spans.without_determiners(text, mentions)  # 鼓励更多本地|科技公司 (session 15)
    mentions = generic_kinds.without_generic_kinds(text, mentions)  # 高端应用研究平台, 自治县 (session 15)
    mentions = inner_titles.without_inner_marks(text, mentions)  # 关于印发〈X〉的通知 is X (session 15)
    mentions = joined_issuers.split_joined(text, mentions)  # 中共某市委办公厅|某市人民政府办公厅 (session 15)
    titles = report_titles.report_title_mentions(text, mentions)  # 某局2023年工作总结 as a title line (session 15)
    titles += report_lines.report_line_mentions(text, mentions)  # 关于…工作情况的报告 as a title line (session 16)
    mentions = resolve_overlaps(mentions + titles) if titles else mentions
    mentions = confidence.score(finder, text, clause_cut.cut(finder, text, mentions))
    mentions = field_forms.with_industry_forms(text, mentions)  # 医药健康|产业: the spelling as written (session 13)
    budget.check()
    if not figures:
        return mentions
    quoted = [m.span() for m in QUOTE.finditer(text)]
    mentions += metrics.figures(text, sentences, quoted)
    mentions = headline_figures.without_restated(text, mentions)  # 到2025年GDP突破3800亿元 (session 13)
    mentions = party_sessions.without_inner_figures(mentions)  # 区|十三次|党代会 (session 15)
    mentions = inner_joins.with_inner_joins(finder, text, mentions)  # …产业发展和城市更新大会 (session 14)
    mentions = plan_joins.with_plan_heads(text, mentions)  # 国民经济和|社会发展计划 (session 17)
    mentions = zone_branches.with_branches(text, mentions)  # …保护中心|怀柔科学城|分中心, 中关村科学城|北区 (session 14)
    lists.unify_names(finder, mentions)
    _inside_titles(mentions)
    mentions = opening_bodies.opening_bodies(text, mentions)  # X大学|…研究院, 《中共X市委|关于…》 (session 13)
    mentions = opening_known.opening_known(text, mentions, finder.gazetteer)  # 中科院|…分所 (session 16)
    mentions = opening_known.without_level_openers(text, mentions)  # 中央|政府 is no party centre (session 16)
    mentions = session_bodies.with_opening_bodies(text, mentions)  # …人民代表大会常务委员会|第五次会议 (session 16)
    mentions = plenum_series.with_committees(text, mentions)  # 北京市委|十一届八次、九次全会 (session 16)
    mentions = own_offices.with_own_offices(text, mentions)  # …，办公室作为…: the issuer's office (session 16)
    place_organs.titled_when_nested(mentions)  # 北京市委|宣传部: the committee an entity too (session 17)
    gazettes.titled_committees(mentions)  # 市十五届人大常委会|公报: the committee a body too (session 17)
    mentions = s17_names_pass(text, mentions)  # 规划|面积, 设A处、B室, 中央机构编制委员会办公室 (session 17)
    mentions = s18_dev17_pass(text, mentions)  # 关于…的批复, 《…报告》 a Policy (session 18)
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _with_companies(finder: EntityFinder, text: str, mentions: list[Mention]) -> list[Mention]:
    """Short names of companies, their sites (小米|智慧园区) and projects named by a work + 项目 (session 12);
    overlaps are settled again only where one of these rules found something (linear time)."""
    companies = company_names.company_mentions(finder, text, mentions)
    if companies:
        mentions = resolve_overlaps(mentions + companies)
    works = company_works.work_mentions(finder, text, mentions)
    extended = project_tails.extended(text, mentions + works)
    if works or any(a is not b for a, b in zip(extended, mentions)):
        mentions = resolve_overlaps(extended)
    return mentions


TITLED = {"Institution", "Zone", "Field", "Region", "District", "Event"}


def _inside_titles(mentions: list[Mention]) -> None:
    """Names inside a 《》 title are entities too (《国务院关于…的指导意见》 names 国务院), except the
    title's own tail (…|科技成果转化条例) and a place that only opens it (北京市|促进…条例) or opens
    a name inside it (北京|经济技术开发区, in_names.openers)."""
    books = sorted((m for m in mentions if m.how == "book" and not m.nested), key=lambda m: m.start)
    if not books:
        return
    starts = [b.start for b in books]
    openers = in_names.openers(mentions)
    for m in mentions:
        if not m.nested or not (m.type in TITLED or _listed_programme(m)) or m.weak:
            continue
        i = bisect_right(starts, m.start) - 1
        book = books[i] if i >= 0 else None
        if book is None or m.end > book.end or m.end == book.end:
            continue
        if m.start == book.start and m.type in ("Region", "District") or id(m) in openers:
            continue
        m.titled = True


def _listed_programme(m: Mention) -> bool:
    """A programme known by name (programs.yaml, the lexicon) inside a 《》 title is one the guideline annotates
    (《北京加强全国科技创新中心建设总体方案》 names 全国科技创新中心建设; session 15, s15-recall2). A programme read
    only by its ending (…计划 inside a plan's title) stays part of the title: that ending also closes plans' names."""
    return m.type == "Program" and m.how == "lexicon"


def _pairs(finder: EntityFinder, text: str) -> list[Mention]:
    """津冀两地 -> 天津市 and 河北省 (two one-character abbreviations before 两地/地区)."""
    out = []
    for m in PAIR_AFTER.finditer(text):
        a, b = m.start() - 2, m.start() - 1
        if a < 0 or text[a] not in finder.abbr or text[b] not in finder.abbr:
            continue
        if a > 0 and text[a - 1] in finder.abbr:  # 京津冀 is a name of its own
            continue
        for i in (a, b):
            entry = finder.pick(finder.gazetteer.get(finder.abbr[text[i]]))
            if entry:
                mention = from_entry(entry, i, i + 1, text[i])
                mention.how = "abbr"
                out.append(mention)
    return out


def _known(finder: EntityFinder, gazetteer: Gazetteer, name: str, type_: str) -> Mention | None:
    """The publisher or the city as a mention outside the text (the default subject, 全市)."""
    if not name:
        return None
    entry = finder.pick([e for e in gazetteer.get(name) if e.type == type_])
    if entry:
        return from_entry(entry, -1, -1, name)
    return Mention(-1, -1, name, type_, 1.0, "relative", name, kind="government" if type_ == "Institution" else None)
