"""What a briefing says, in one language, before it is written as Markdown, HTML or Word.

`build_brief` asks the graph (through GraphQueries only) for the node's profile,
its supporters with their paths and the subgraph around it, draws the picture,
numbers every piece of evidence in the order the tables cite it, and returns a
`Brief`: a title, then sections of plain-text paragraphs and tables. The three
writers only lay that out (and escape it), so they cannot disagree on content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph.errors import LimitExceeded
from graph.model import Document, Edge, Evidence, Node
from graph.queries import GraphQueries
from graph.results import Subgraph, SupportPath, Supporter, ZoneProfile
from graph.schema import NODE_TYPES
from viz.brief.text import (check_lang, document_title, name, phrase, relation_name, short_name,
                            type_name, word)
from viz.export.picture import generate_png
from viz.brief.locate import place
from viz.brief.summary import key_points
from graph.zone_story import located_in
from viz.brief.summary import w as summary_word
from viz.focus import focused_subgraph, publisher_ids
from viz.member_partners import ViaPartner, member_partners
from viz.pages.common import headline_en
from graph.plan_order import members_in_plan_order

#: The picture shows two hops when that stays readable, else one.
PICTURE_MAX_NODES = 40
SUPPORTER_ORDER = ("Program", "Fund", "Policy", "Institution")


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    #: each column's share of the width (narrow numbers, wide quotes); None: equal
    widths: list[float] | None = None


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    picture: bytes | None = None
    caption: str = ""


@dataclass
class Brief:
    lang: str
    node: Node
    title: str
    subtitle: str
    sections: list[Section]
    picture: bytes

    @property
    def stem(self) -> str:
        return f"brief-{self.node.id}-{self.lang}"


@dataclass
class Cited:
    """One quoted sentence, and every relation of the briefing that rests on it."""

    number: int
    evidence: Evidence
    edges: list[Edge] = field(default_factory=list)


class Citations:
    """Evidence sentences numbered in the order they are first cited; one number per sentence."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, int, int], Cited] = {}

    def cite(self, *edges: Edge) -> str:
        numbers = set()
        for edge in edges:
            for ev in edge.evidence:
                cited = self.items.get(ev.key)
                if cited is None:
                    cited = self.items[ev.key] = Cited(len(self.items) + 1, ev)
                if all(e.key != edge.key for e in cited.edges):
                    cited.edges.append(edge)
                numbers.add(cited.number)
        return "".join(f"[{n}]" for n in sorted(numbers))


def build_brief(queries: GraphQueries, ref: str, lang: str = "zh", today: date | None = None) -> Brief:
    lang = check_lang(lang)
    profile = members_in_plan_order(queries.profile(ref))  # a plan's zones as it lists them (graph/plan_order.py)
    node = profile.zone
    sub, depth = _picture_subgraph(queries, node.id)
    nodes = {n.id: n for n in sub.nodes}
    nodes.update(_profile_nodes(profile))
    picture = generate_png(sub, lang=lang, to_scale=False)  # readable at 17 cm; see picture.draw
    cites = Citations()
    via = member_partners(queries.store, profile)  # partners of its members, apart (viz/member_partners.py)
    body = [
        _members(profile, lang, cites),
        _supporters(profile, nodes, lang, cites, queries),
        _partners(profile, lang, cites, via),
        _fields(profile, lang),
        _indicators(profile, lang, cites),
    ]
    documents = _documents(queries.store.documents(), cites, node)
    publishers = publisher_ids(queries)
    sections = [  # page 1: the key points (the zone's own story, viz/brief/summary.py), the picture, the counts
        Section(summary_word("heading", lang), paragraphs=key_points(profile, documents, publishers, via, lang)),
        Section(word("picture", lang), picture=picture,
                caption=word("picture_caption", lang, name=short_name(node, lang), depth=depth,
                             hops=_hops(depth), nodes=len(sub.nodes), edges=len(sub.edges))),
        _overview(profile, sub, depth, cites, documents, lang, len(via), publishers, located_in(queries.store, profile)),
        _sources(documents, lang, queries),
        *body,
        _evidence(cites, nodes, {d.id: d for d in documents}, lang),
    ]
    title_name = name(node, lang) if lang == "zh" else headline_en(name(node, lang))  # "Three science cities …"
    return Brief(lang=lang, node=node, title=word("title", lang, name=title_name),
                 subtitle=word("generated", lang, date=(today or date.today()).isoformat()),
                 sections=sections, picture=picture)


def _picture_subgraph(queries: GraphQueries, node_id: str) -> tuple[Subgraph, int]:
    """The zone's own view (viz/focus.py: the publisher as context), two hops when that stays readable."""
    try:
        sub = focused_subgraph(queries, node_id, depth=2, max_nodes=PICTURE_MAX_NODES + 1).sub
    except LimitExceeded:
        sub = None
    if sub is None or sub.truncated or len(sub.nodes) > PICTURE_MAX_NODES:
        return focused_subgraph(queries, node_id, depth=1).sub, 1
    return sub, 2


def _profile_nodes(profile: ZoneProfile) -> dict[str, Node]:
    found = {profile.zone.id: profile.zone}
    for group in (profile.parents, profile.members, profile.metrics, profile.partners, profile.leaders):
        found.update({m.node.id: m.node for m in group})
    for s in profile.supporters:
        found[s.node.id] = s.node
        for p in s.paths or [s]:
            if p.via:
                found[p.via.id] = p.via
    return found


def _table_or_none(heading: str, columns: list[str], rows: list[list[str]], lang: str,
                   widths: list[float] | None = None) -> Section:
    if not rows:
        return Section(heading, paragraphs=[word("none", lang)])
    return Section(heading, table=Table(columns, rows, widths))


def _members(profile: ZoneProfile, lang: str, cites: Citations) -> Section:
    rows = [[name(m.node, lang), type_name(m.node.type, lang), relation_name(m.edge.type, lang), cites.cite(m.edge)]
            for m in profile.members]
    cols = [word(k, lang) for k in ("name", "type", "relation", "refs")]
    return _table_or_none(word("members", lang), cols, rows, lang, [5, 2.5, 1.6, 1.4])


def _supporters(profile: ZoneProfile, nodes: dict[str, Node], lang: str, cites: Citations,
                queries: GraphQueries | None = None) -> Section:
    publishers = publisher_ids(queries) if queries is not None else set()

    def order(row: tuple) -> tuple:  # by type, the report's author after the zone's own supporters
        s, p = row
        rank = SUPPORTER_ORDER.index(s.node.type) if s.node.type in SUPPORTER_ORDER else len(SUPPORTER_ORDER)
        return (s.node.id in publishers, rank, p.via is not None, s.node.id, p.via.id if p.via else "")

    grouped: dict[str, list[tuple]] = {}  # one row per supporter, however many paths it has
    each_path = [(s, p) for s in profile.supporters
                 for p in s.paths or [SupportPath(relation=s.relation, via=s.via, edges=s.path)]]
    for s, p in sorted(each_path, key=order):
        grouped.setdefault(s.node.id, []).append((s, p))
    rows = []
    for pairs in grouped.values():
        first = pairs[0][0]
        every = [p for _, p in pairs]
        # the report's author: its direct support, its paths through the zone's members in one line (Word cannot
        # fold them as the page does; its five paths made 三城一区's longest row; session 18)
        paths, folded = _author_folded(every) if first.node.id in publishers else (every, [])
        label = name(first.node, lang) + (word("publisher_note", lang) if first.node.id in publishers else "")
        relations = word("comma", lang).join(dict.fromkeys(relation_name(p.relation, lang) for p in every))
        via = word("comma", lang).join(dict.fromkeys(short_name(p.via, lang) if p.via else word("direct", lang)
                                                     for p in paths))
        lines = "\n".join(f"{i}. " + word("list_sep", lang).join(phrase(e, nodes, lang) for e in p.edges)
                          for i, p in enumerate(paths, 1)) if len(paths) > 1 else \
            word("list_sep", lang).join(phrase(e, nodes, lang) for e in paths[0].edges)
        if folded:
            members = word("comma", lang).join(dict.fromkeys(short_name(p.via, lang) for p in folded))
            via += word("via_members", lang, n=len(folded))
            lines += "\n" + word("also_via_members", lang, n=len(folded), names=members)
        more = first.path_count - len(every) if first.paths else 0
        if more > 0:
            lines += "\n" + word("more_paths", lang, n=more)
        rows.append([label, type_name(first.node.type, lang), relations, via, lines,
                     cites.cite(*(e for p in every for e in p.edges))])
    cols = [word(k, lang) for k in ("supporter", "type", "relation", "via", "path", "refs")]
    # widths that keep "supports" and "Evidence" whole in English (1.3 / 1.2 cm broke them mid-word)
    return _table_or_none(word("supporters", lang), cols, rows, lang, [2.8, 2.2, 1.7, 2.3, 4.0, 1.9])


def _author_folded(paths: list) -> tuple[list, list]:
    """(shown, folded): the direct paths, and those through a member; all shown when none is direct."""
    direct = [p for p in paths if p.via is None]
    return (direct, [p for p in paths if p.via is not None]) if direct else (paths, [])


def _partners(profile: ZoneProfile, lang: str, cites: Citations, via: list[ViaPartner] = ()) -> Section:
    """Its own partners ("direct"), then its members' partners with the member they go through."""
    rows = [[name(m.node, lang), type_name(m.node.type, lang), word("direct", lang), cites.cite(m.edge)]
            for m in profile.partners]
    rows += [[name(v.node, lang), type_name(v.node.type, lang), name(v.via, lang), cites.cite(v.edge)] for v in via]
    cols = [word(k, lang) for k in ("name", "type", "via", "refs")]
    return _table_or_none(word("partners", lang), cols, rows, lang, [4.6, 2.4, 4.6, 1.4])


def _fields(profile: ZoneProfile, lang: str) -> Section:
    rows = [[name(f.node, lang), str(f.count)] for f in profile.fields]
    return _table_or_none(word("fields", lang), [word("field", lang), word("mentions", lang)], rows, lang, [5, 1])


def _indicators(profile: ZoneProfile, lang: str, cites: Citations) -> Section:
    rows = []
    for m in profile.metrics:
        a = m.node.attrs
        value = f"{a.get('qualifier', '')}{_number(a.get('value', ''))}"
        rows.append([name(m.node, lang), value, str(a.get("unit", "")),
                     str(a.get("period", a.get("year", ""))), cites.cite(m.edge)])
    cols = [word(k, lang) for k in ("indicator", "value", "unit", "period", "refs")]
    return _table_or_none(word("indicators", lang), cols, rows, lang, [5, 1.6, 1.4, 1.4, 1.2])


def _documents(all_docs: list[Document], cites: Citations, node: Node) -> list[Document]:
    cited = {c.evidence.doc for c in cites.items.values()} | set(node.sources)
    chosen = [d for d in all_docs if d.id in cited]
    return chosen or list(all_docs)


def _overview(profile: ZoneProfile, sub: Subgraph, depth: int, cites: Citations,
              documents: list[Document], lang: str, via_partners: int = 0,
              publishers: set[str] = frozenset(), located: list[Node] = ()) -> Section:
    """`located`: where the zone lies (graph/zone_story.located_in), beside what it is part of. On the page's lead
    it is a key point; here it would push page 1's picture caption to page 2 (Future Science City, English)."""
    node = profile.zone
    colon, comma = word("colon", lang), word("comma", lang)
    lines = [f"{word('type', lang)}{colon}{type_name(node.type, lang)}"]
    if node.aliases:
        lines.append(f"{word('aliases', lang)}{colon}{comma.join(node.aliases)}")
    if profile.parents:
        lines.append(f"{word('parents', lang)}{colon}" + comma.join(name(p.node, lang) for p in profile.parents))
    if located:
        lines.append(f"{word('located', lang)}{colon}" + comma.join(name(n, lang) for n in located))
    rows = [
        [word("n_members", lang), str(len(profile.members))],
        [word("n_supporters", lang), _supporter_counts(profile.supporters, lang, publishers)],
        [word("n_partners", lang), str(len(profile.partners))
         + (word("via_members", lang, n=via_partners) if via_partners else "")],
        [word("n_fields", lang), str(len(profile.fields))],
        [word("n_indicators", lang), str(len(profile.metrics))],
        [word("n_network", lang, depth=depth, hops=_hops(depth)), f"{len(sub.nodes)} / {len(sub.edges)}"],
        [word("n_evidence", lang), str(len(cites.items))],
        [word("n_documents", lang), str(len(documents))],
    ]
    return Section(word("overview", lang), paragraphs=lines,
                   table=Table([word("item", lang), word("count", lang)], rows, [3, 2]))


def _supporter_counts(supporters: list[Supporter], lang: str, publishers: set[str] = frozenset()) -> str:
    """"3 (Institution 1, Policy 1, Program 1; 1 of them the report's author)": the author is counted
    as the profile counts it, and said to be the author, so its institution is not read as the zone's."""
    distinct: dict[str, set[str]] = {}
    for s in supporters:
        distinct.setdefault(s.node.type, set()).add(s.node.id)
    total = len({s.node.id for s in supporters})
    if not distinct:
        return "0"
    parts = ", ".join(f"{NODE_TYPES[t].en if lang == 'en' else NODE_TYPES[t].zh} {len(ids)}"
                      for t, ids in sorted(distinct.items()))
    authors = len({s.node.id for s in supporters} & set(publishers))
    if authors:
        parts += word("of_them_author", lang, n=authors)
    return f"{total} ({parts})"


def _sources(documents: list[Document], lang: str, queries: GraphQueries | None = None) -> Section:
    rows = [[document_title(d, lang), _publisher_name(d.publisher, lang, queries), d.date or (str(d.year) if d.year else "")]
            for d in documents]
    cols = [word(k, lang) for k in ("document", "publisher", "date")]
    return _table_or_none(word("sources", lang), cols, rows, lang, [6, 2.5, 1.5])


def _publisher_name(publisher: str, lang: str, queries: GraphQueries | None) -> str:
    """The publisher as the graph names it, in the briefing's language first (a document keeps only the
    Chinese name: the English briefing showed 北京市科学技术委员会 alone)."""
    from graph.text import normalize

    ids = queries.store.lookup(normalize(publisher)) if queries is not None and publisher else []
    if len(ids) != 1:
        return publisher
    node = queries.store.get_nodes(ids).get(ids[0])
    return name(node, lang) if node is not None else publisher


def _evidence(cites: Citations, nodes: dict[str, Node], docs: dict[str, Document], lang: str) -> Section:
    rows = []
    for c in sorted(cites.items.values(), key=lambda c: c.number):
        doc = docs.get(c.evidence.doc)
        title = (doc.title_en or doc.title if lang == "en" else doc.title) if doc else c.evidence.doc
        relations = word("list_sep", lang).join(phrase(e, nodes, lang) for e in c.edges)
        where = place(c.evidence)
        located = f"{title}{word('colon', lang)}{where.text(lang)}" if where else title
        rows.append([str(c.number), c.evidence.quote, relations, located,
                     word("chars", lang, start=c.evidence.start, end=c.evidence.end)])
    cols = ["#"] + [word(k, lang) for k in ("quote", "relations", "location", "position")]
    section = _table_or_none(word("evidence", lang), cols, rows, lang, [0.7, 6, 3.6, 3.6, 1.6])
    if rows:
        section.paragraphs.insert(0, word("evidence_intro", lang))
    return section


def _hops(depth: int) -> str:
    return "hop" if depth == 1 else "hops"


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
