"""The briefing's key points: the zone's own story in a few sentences, at the top of page 1.

Why: page 1 held the title, the picture and a table of counts ("supporters 3, evidence quotes 3,
source documents 1"). A director handing it on could not say from it who supports the zone, what
it focuses on, or that it rests on the 2018 report: the names were on page 2 and later, and the
one institution counted among the supporters was the report's own author. The key points name
them, in the profile's order (the zone's own supporters first), with the author apart as context.
"""

from __future__ import annotations

from graph.model import Document, Node
from graph.results import ZoneProfile
from viz.attr_names import QUALIFIERS_EN, UNITS_EN
from viz.brief.text import short_name, type_name
from viz.member_partners import ViaPartner
from graph.zone_story import own_sentence

#: Names listed in one key point before "and N more".
MAX_NAMED = 6
WORDS: dict[str, dict[str, str]] = {
    "heading": {"zh": "要点", "en": "Key points"},
    "note": {"zh": "注：{note}", "en": "Note: {note}"},
    "source": {"zh": "依据：{docs}。", "en": "Source: {docs}."},
    "own_sentence": {"zh": "报告写道：「{quote}」", "en": "In the report's words: “{quote}”"},
    "located": {"zh": "所在地区：{names}。", "en": "Located in: {names}."},
    "supporters": {"zh": "支持方（{n} 个）：{names}。", "en": "Supported by ({n}): {names}."},
    "no_supporters": {"zh": "支持方：报告未写到。", "en": "Supported by: none named in the report."},
    "author_apart": {"zh": "报告发布单位{author}的支持列于支持方表末，作为背景，不计入上述数目。",
                     "en": "The report's author, {author}, is listed last among the supporters as context, "
                           "not counted here."},
    "author_only": {"zh": "报告只写到报告发布单位{author}对它的支持（作为背景，不计入）。",
                    "en": "The report names only its author, {author}, as a supporter (context, not counted)."},
    "members": {"zh": "成员与入驻单位（{n} 个）：{names}。", "en": "Members ({n}): {names}."},
    "fields": {"zh": "重点领域（{n} 个）：{names}。", "en": "Fields ({n}): {names}."},
    "partners": {"zh": "合作方（{n} 个）：{names}。", "en": "Partners ({n}): {names}."},
    "via_partners": {"zh": "经由成员的合作方：{names}。", "en": "Partners of its members: {names}."},
    "indicators": {"zh": "指标（{n} 项）：{names}。", "en": "Indicators ({n}): {names}."},
    "no_indicators": {"zh": "指标：报告未给出该园区的指标。", "en": "Indicators: the report gives none for it."},
    "more": {"zh": "等（另有 {n} 个）", "en": " and {n} more"},
    "sep": {"zh": "、", "en": ", "},
    "typed": {"zh": "{name}（{type}）", "en": "{name} ({type})"},
}


def w(key: str, lang: str, **values) -> str:
    text = WORDS[key][lang]
    return text.format(**values) if values else text


def key_points(profile: ZoneProfile, documents: list[Document], publishers: set[str],
               via_partners: list[ViaPartner], lang: str, located: list[Node] = ()) -> list[str]:
    """One sentence per point: the report's own sentence on the zone, its source, where it is, supporters (the author apart), members, fields, partners, indicators."""
    note = str((profile.zone.attrs or {}).get("note", "")).strip()
    points = [w("note", lang, note=note)] if note else []  # "not the same as 中关村科学城": first, as on its page
    sentence = own_sentence(profile)  # the zone's own line in the report: 突破怀柔科学城…, 搞活未来科学城…
    if sentence is not None:  # first: the zone's story opens the lead, not the author's name in the source's title
        points.append(w("own_sentence", lang, quote=sentence.quote.strip()))
    if documents:
        points.append(w("source", lang, docs=_sep(lang).join(_document(d, lang) for d in documents)))
    if located:  # where it is (graph/zone_story.located_in): 未来科学城 → 昌平区
        points.append(w("located", lang, names=_names(list(located), lang)))
    points += _supporters(profile, publishers, lang)
    total = profile.counts or {}
    if profile.members:
        n = total.get("members", len(profile.members))  # a list holds at most 500: the count is the total
        points.append(w("members", lang, n=n, names=_names([m.node for m in profile.members], lang, n)))
    if profile.fields:
        ranked = sorted(profile.fields, key=lambda f: -f.count)  # stable: the profile's order within a count
        n = total.get("fields", len(profile.fields))
        points.append(w("fields", lang, n=n, names=_names([f.node for f in ranked], lang, n)))
    if profile.partners:
        n = total.get("partners", len(profile.partners))
        points.append(w("partners", lang, n=n, names=_names([m.node for m in profile.partners], lang, n)))
    if via_partners:
        points.append(w("via_partners", lang, names=_names([v.node for v in via_partners], lang)))
    if profile.metrics:
        n = total.get("metrics", len(profile.metrics))
        points.append(w("indicators", lang, n=n,
                        names=("；" if lang == "zh" else "; ").join(_metric(m.node, lang)
                                                                  for m in profile.metrics[:MAX_NAMED])
                        + _more(n, lang, len(profile.metrics[:MAX_NAMED]))))
    else:
        points.append(w("no_indicators", lang))
    return points


def _supporters(profile: ZoneProfile, publishers: set[str], lang: str) -> list[str]:
    seen: dict[str, Node] = {}
    for s in profile.supporters:
        seen.setdefault(s.node.id, s.node)
    own = [n for i, n in seen.items() if i not in publishers]
    authors = [n for i, n in seen.items() if i in publishers]
    author = _sep(lang).join(short_name(n, lang) for n in authors)
    if not own:
        return [w("author_only", lang, author=author)] if authors else [w("no_supporters", lang)]
    total = max(len(own), (profile.counts or {}).get("supporters", 0) - len(authors))  # a page lists 500 at most
    named = _sep(lang).join(w("typed", lang, name=short_name(n, lang), type=_type(n.type, lang))
                            for n in own[:MAX_NAMED]) + _more(total, lang, len(own[:MAX_NAMED]))
    points = [w("supporters", lang, n=total, names=named)]
    if authors:
        points.append(w("author_apart", lang, author=author))
    return points


def _names(nodes: list[Node], lang: str, total: int | None = None) -> str:
    names = [short_name(n, lang) for n in nodes[:MAX_NAMED]]
    sep = "；" if lang == "zh" and any("、" in n for n in names) else _sep(lang)  # a name that lists things
    return sep.join(names) + _more(total if total is not None else len(nodes), lang, len(names))


def _more(total: int, lang: str, shown: int = MAX_NAMED) -> str:
    """"and N more" for the `total - shown` not named (a list may name fewer than MAX_NAMED of a total)."""
    return w("more", lang, n=total - shown) if total > shown else ""


def _sep(lang: str) -> str:
    return w("sep", lang)


def _type(type_: str, lang: str) -> str:
    return type_name(type_, lang).split(" (")[0].split("（")[0]  # the type in the briefing's language only


def _document(doc: Document, lang: str) -> str:
    title = (doc.title_en or doc.title) if lang == "en" else doc.title
    title = title if lang == "en" else f"《{title}》"
    return f"{title} ({doc.date})" if doc.date and lang == "en" else (f"{title}（{doc.date}）" if doc.date else title)


def _metric(node: Node, lang: str) -> str:
    a = node.attrs
    value = a.get("value")
    if value is None or value == "":
        return short_name(node, lang)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = str(a.get("unit", ""))
    if lang == "zh":
        return f"{short_name(node, lang)}{a.get('qualifier', '')}{value}{unit}"
    hedge = QUALIFIERS_EN.get(str(a.get("qualifier", "")), "about " if a.get("qualifier") else "")
    return f"{short_name(node, lang)}: {hedge}{value}{UNITS_EN.get(unit, '')}"
