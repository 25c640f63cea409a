"""The briefing's words in both languages, and how names are shown.

Chinese by default; with lang="en" the headings are English and every name shows
its English form first with the Chinese beside it (and the other way round in
Chinese), so a reader of either language can match the two.
"""

from __future__ import annotations

from graph.errors import InvalidInput
from graph.model import Document, Edge, Node
from graph.schema import EDGE_TYPES, NODE_TYPES

LANGS = ("zh", "en")

WORDS: dict[str, dict[str, str]] = {
    "title": {"zh": "{name}简报", "en": "Briefing: {name}"},
    "generated": {"zh": "生成日期：{date}（innograph 知识图谱）", "en": "Generated {date} from the innograph knowledge graph"},
    "overview": {"zh": "概况", "en": "Overview"},
    "type": {"zh": "类型", "en": "Type"},
    "aliases": {"zh": "别名", "en": "Also known as"},
    "parents": {"zh": "隶属", "en": "Part of"},
    "located": {"zh": "所在地区", "en": "Located in"},
    "item": {"zh": "项目", "en": "Item"},
    "count": {"zh": "数量", "en": "Count"},
    "members": {"zh": "成员与入驻单位", "en": "Members"},
    "supporters": {"zh": "支持方（计划、基金、政策、机构）", "en": "Supporters (programs, funds, policies, institutions)"},
    "partners": {"zh": "合作方", "en": "Partners"},
    "fields": {"zh": "重点领域", "en": "Fields"},
    "indicators": {"zh": "指标", "en": "Indicators"},
    "sources": {"zh": "数据来源", "en": "Data sources"},
    "picture": {"zh": "关系网络图", "en": "Network picture"},
    "picture_caption": {"zh": "以{name}为中心的 {depth} 度关系网络：{nodes} 个节点，{edges} 条关系。",
                        "en": "The network within {depth} {hops} of {name}: {nodes} nodes, {edges} relations."},
    "evidence": {"zh": "证据附录", "en": "Evidence appendix"},
    "evidence_intro": {"zh": "简报各表中的 [n] 指下列原文句子：每句注明依据它的关系、所在文件的章节与段落"
                             "（末列为字符位置，供核对原文文本）。",
                       "en": "The [n] in the tables above refer to these sentences, each with the relations that "
                             "rest on it and where it stands in its document (section and paragraph; the last "
                             "column gives character positions in the report's text, for checking)."},
    "name": {"zh": "名称", "en": "Name"},
    "relation": {"zh": "关系", "en": "Relation"},
    "refs": {"zh": "证据", "en": "Evidence"},
    "supporter": {"zh": "支持方", "en": "Supporter"},
    "via": {"zh": "经由", "en": "Via"},
    "direct": {"zh": "直接", "en": "direct"},
    "via_members": {"zh": "（另有 {n} 个经由成员）", "en": " (+{n} through its members)"},
    "path": {"zh": "路径", "en": "Path"},
    "field": {"zh": "领域", "en": "Field"},
    "mentions": {"zh": "涉及数", "en": "Mentions"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "value": {"zh": "数值", "en": "Value"},
    "unit": {"zh": "单位", "en": "Unit"},
    "period": {"zh": "期间", "en": "Period"},
    "document": {"zh": "文件", "en": "Document"},
    "publisher": {"zh": "发布单位", "en": "Publisher"},
    "date": {"zh": "日期", "en": "Date"},
    "quote": {"zh": "原文", "en": "Quote"},
    "position": {"zh": "字符位置", "en": "Characters"},
    "location": {"zh": "出处（文件、章节、段落）", "en": "Where (document, section, paragraph)"},
    "more_paths": {"zh": "（另有 {n} 条路径）", "en": "({n} more paths)"},
    "also_via_members": {"zh": "另经由 {n} 个成员支持：{names}（证据见附录）",
                         "en": "and through {n} of its members: {names} (evidence in the appendix)"},
    "publisher_note": {"zh": "（报告发布单位）", "en": " (publisher of the report)"},
    "chars": {"zh": "字符 {start}–{end}", "en": "chars {start}–{end}"},
    "none": {"zh": "（无）", "en": "(none)"},
    "n_members": {"zh": "成员", "en": "Members"},
    "n_supporters": {"zh": "支持方", "en": "Supporters"},
    "n_partners": {"zh": "合作方", "en": "Partners"},
    "n_fields": {"zh": "重点领域", "en": "Fields"},
    "n_indicators": {"zh": "指标", "en": "Indicators"},
    "n_network": {"zh": "关系网络（{depth} 度）节点 / 关系", "en": "Network ({depth} {hops}): nodes / relations"},
    "of_them_author": {"zh": "；其中 {n} 个为报告发布单位", "en": "; {n} of them the report's author"},
    "n_evidence": {"zh": "证据句", "en": "Evidence quotes"},
    "n_documents": {"zh": "来源文件", "en": "Source documents"},
    "list_sep": {"zh": "；", "en": "; "},
    "colon": {"zh": "：", "en": ": "},
    "comma": {"zh": "、", "en": ", "},
    "relations": {"zh": "所支撑的关系", "en": "Relations it supports"},
}


def check_lang(lang: str | None) -> str:
    value = (lang or "zh").strip().lower()
    if value not in LANGS:
        raise InvalidInput(f"unknown language {lang!r}; languages: {', '.join(LANGS)}")
    return value


def word(key: str, lang: str, **values) -> str:
    text = WORDS[key][lang]
    return text.format(**values) if values else text


def name(node: Node, lang: str) -> str:
    """"怀柔科学城（Huairou Science City）" in Chinese, "Huairou Science City (怀柔科学城)" in English."""
    if not node.name_en or node.name_en == node.name_zh:
        return node.name_zh
    if lang == "en":
        return f"{node.name_en} ({node.name_zh})"
    return f"{node.name_zh}（{node.name_en}）"


def short_name(node: Node, lang: str) -> str:
    return node.name_en if lang == "en" and node.name_en else node.name_zh


def type_name(type_: str, lang: str) -> str:
    """"园区（Zone）" in Chinese; "Zone" in English: a type has its English name, and "Program (计划/专项)"
    in a narrow column of the English briefing was Chinese a reader of English cannot use (names keep
    their Chinese: it is how the report and a colleague name them)."""
    t = NODE_TYPES[type_]
    return t.en if lang == "en" else f"{t.zh}（{t.en}）"


def relation_name(type_: str, lang: str) -> str:
    t = EDGE_TYPES[type_]
    return t.en if lang == "en" else t.zh


def phrase(edge: Edge, nodes: dict[str, Node], lang: str) -> str:
    """"A 支持 B" / "A supports B", with short names."""
    t = EDGE_TYPES[edge.type]
    template = t.phrase_en if lang == "en" else t.phrase_zh
    s, o = nodes.get(edge.source), nodes.get(edge.target)
    return template.format(s=short_name(s, lang) if s else edge.source, t=short_name(o, lang) if o else edge.target)


def document_title(doc: Document, lang: str) -> str:
    if lang == "en" and doc.title_en:
        return f"{doc.title_en} ({doc.title})"
    return f"{doc.title}（{doc.title_en}）" if doc.title_en else doc.title
