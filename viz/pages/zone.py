"""A zone's page (/zones/{ref}): what a planner hands on about one zone, with its sources.

A lead first: the briefing's key points (viz/brief/summary.py) in both languages — the report's own
sentence on the zone, its own supporters with the report's author apart, members, fields,
indicators — so the page opens with this zone's story, as page 1 of its briefing does (it opened
with download links and a network, the same for every zone). Then members; supporters, one row each with every path by which it supports the zone
(directly or through a member) and the evidence of each hop; partners; fields;
indicators with value, unit, growth and period; the zone-centred network (the
same view as /view, the publisher collapsed); and download links for the
briefing (.docx, .html, .md in both languages) and every export format.
Built from GraphQueries.profile only; rendered with the site's Jinja templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from graph.model import Document, Edge, Node
from graph.results import Supporter, ZoneProfile
from viz.attr_names import attr_name, figure_en
from viz.brief.summary import key_points
from viz.export.registry import FORMATS
from viz.member_partners import partial
from viz.pages.common import render
from viz.pages.site import node_href, page_href, phrase, view_href
from graph.plan_order import members_in_plan_order
from graph.zone_story import profile_edges

ZONE_DEPTH = 2
Pair = tuple[Node | None, list[Edge]]  #: (the member a path goes through, or None when direct; the path)
BRIEF_FORMATS = (("docx", "Word (.docx)"), ("html", "HTML"), ("md", "Markdown"))


@dataclass
class SupporterRow:
    node: Node
    relations: list[str] = field(default_factory=list)
    via: list[Node | None] = field(default_factory=list)
    paths: list[list[Edge]] = field(default_factory=list)
    more: int = 0  #: paths beyond those the query returns

    @property
    def evidence(self) -> list:
        """Each sentence the row's hops rest on, once (one paragraph often states them all)."""
        return _evidence(self.paths)

    def shown_and_folded(self, context: bool) -> tuple[list[Pair], list[Pair]]:
        """(via, path) pairs shown, and those folded: the report's author (`context`) shows its direct support and
        folds its paths through the zone's members, which made its row the longest of the table (三城一区: 5
        paths and 6 sentences under 2 of the zone's own supporters) (session 17)."""
        pairs = list(zip(self.via, self.paths))
        if not context or all(via is None for via, _ in pairs):
            return pairs, []
        shown = [(via, path) for via, path in pairs if via is None]
        return shown, [(via, path) for via, path in pairs if via is not None]

    def split_evidence(self, context: bool) -> tuple[list, list]:
        """The sentences of the shown paths, and those only the folded paths rest on."""
        shown, folded = self.shown_and_folded(context)
        first = _evidence([path for _, path in shown])
        seen = {(ev.doc, ev.quote) for ev in first}
        return first, [ev for ev in _evidence([path for _, path in folded]) if (ev.doc, ev.quote) not in seen]


def _evidence(paths: Sequence[Sequence[Edge]]) -> list:
    seen: dict = {}
    for path in paths:
        for edge in path:
            for ev in edge.evidence:
                seen.setdefault((ev.doc, ev.quote), ev)
    return list(seen.values())


def zone_href(node_id: str) -> str:
    return "/zones/" + quote(node_id, safe="")


def brief_href(node_id: str, fmt: str, lang: str) -> str:
    return f"/brief/{quote(node_id, safe='')}?" + urlencode({"format": fmt, "lang": lang})


def export_href(node_id: str, fmt: str, lang: str = "zh") -> str:
    params = {"center": node_id, "depth": ZONE_DEPTH, "format": fmt}
    return "/api/v1/export?" + urlencode({**params, "lang": lang} if lang != "zh" else params)


def supporter_rows(supporters: Sequence[Supporter]) -> list[SupporterRow]:
    """One row per supporter, in the profile's order (the zone's own supporters, then the report's author:
    graph/support_order.py), its paths in the order the profile gives them (direct first)."""
    rows: dict[str, SupporterRow] = {}
    for s in supporters:
        row = rows.setdefault(s.node.id, SupporterRow(s.node))
        grouped = getattr(s, "paths", None) or []  # a supporter with its paths grouped (graph/support_groups.py)
        for relation, via, path in ([(p.relation, p.via, p.edges) for p in grouped] or [(s.relation, s.via, s.path)]):
            if relation not in row.relations:
                row.relations.append(relation)
            row.via.append(via)
            row.paths.append(list(path))
        row.more = max(0, getattr(s, "path_count", 0) - len(grouped)) if grouped else 0
    return list(rows.values())


def indicator(node: Node) -> dict[str, str]:
    a = node.attrs
    value = a.get("value", "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    growth = a.get("growth_pct")
    value_en, unit_en = figure_en(a)  # the English page showed "近1300" and "个"
    return {"value": f"{a.get('qualifier', '')}{value}", "unit": str(a.get("unit", "")),
            "value_en": value_en, "unit_en": unit_en,
            "growth": (f"{growth:+g}%" if isinstance(growth, (int, float)) else str(growth)) if growth is not None
            else "", "period": str(a.get("period", a.get("year", "")))}


def lead(profile: ZoneProfile, documents: Sequence[Document], publishers: set[str],
         via_partners: Sequence, located: Sequence[Node] = ()) -> dict[str, list[str]]:
    """The key points of the zone's briefing, per language; the source is the documents the profile cites.
    The curators' note, the briefing's first point, stands under the page's title already: left out here."""
    cited = {ev.doc for edge in profile_edges(profile) for ev in edge.evidence}
    docs = [d for d in documents if d.id in cited]
    skip = 1 if str((profile.zone.attrs or {}).get("note", "")).strip() else 0
    return {lang: key_points(profile, docs, set(publishers), list(via_partners), lang, list(located))[skip:]
            for lang in ("zh", "en")}


class FirstTime:
    """True the first time a (document, sentence) is asked about in one table of the page: one sentence
    often states five members at once, and a table that quotes it five times hides what differs. Each
    table starts afresh (`new_table`): "(the same sentence as above)" as the first row of the indicators
    pointed at a sentence two tables up."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, str]] = set()

    def new_table(self) -> str:
        self._seen.clear()
        return ""

    def __call__(self, evidence) -> bool:
        key = (evidence.doc, evidence.quote)
        fresh = key not in self._seen
        self._seen.add(key)
        return fresh


def zone_page(profile: ZoneProfile, documents: Sequence[Document] = (), publishers: set[str] = frozenset(),
              via_partners: Sequence = (), located: Sequence[Node] = ()) -> str:
    """`via_partners`: partners of the zone's members (viz/member_partners.py), shown apart from its own."""
    profile = members_in_plan_order(profile)  # 三城一区: 中关村、怀柔、未来科学城, then the 一区 (graph/plan_order.py)
    zone = profile.zone
    names: dict[str, Node] = {zone.id: zone}
    for group in (profile.parents, profile.members, profile.metrics, profile.partners, profile.leaders):
        names.update({m.node.id: m.node for m in group})
    for s in profile.supporters:
        names[s.node.id] = s.node
        if s.via:
            names[s.via.id] = s.via
    docs = {d.id: d for d in documents}
    # a picture in the page's language (the English page's png had Chinese labels); data carries both
    exports = [{"name": f.name, "suffix": f.suffix, "description": f.description, "href": export_href(zone.id, f.name),
                "href_en": export_href(zone.id, f.name, "en") if f.picture else None}
               for f in FORMATS.values()]
    # one group per format, "Word (.docx)：中文 · English" ("Word (.docx) · 中文 Word (.docx) · English" ran together)
    briefs = [{"label": label, "links": [{"lang": lang, "href": brief_href(zone.id, fmt, lang)} for lang in ("zh", "en")]}
              for fmt, label in BRIEF_FORMATS]
    return render("zone.html.j2", zone=zone, profile=profile, names=names, docs=docs,
                  supporters=supporter_rows(profile.supporters), indicator=indicator, phrase=phrase,
                  node_href=node_href, page_href=page_href, view_href=view_href, attr_name=attr_name,
                  publishers=publishers, exports=exports, briefs=briefs, depth=ZONE_DEPTH,
                  embed_href=view_href(zone.id, ZONE_DEPTH, embed=True),
                  full_href=view_href(zone.id, ZONE_DEPTH), first_time=FirstTime(),
                  via_partners=via_partners, via_partial=partial(profile),
                  lead=lead(profile, documents, publishers, via_partners, located))
