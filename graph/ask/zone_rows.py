"""A zone's supporters, shared supporters, members and direct relations for ask, read one page at a time.

Why (session 18): after session 17 (own supporters, compare) the other ask answers about a zone still read it
whole, so their cost grew with the zone (a synthetic zone holds 100,000 firms): "哪些政策支持怀柔科学城" read
every supporter, "怀柔科学城和未来科学城共同的支持者" every supporter of both, "哪个园区最受支持" every supporter
of every zone, "怀柔科学城包括哪些机构" every member, "介绍一下怀柔科学城" every direct relation. A hub of the zone
index (>= INDEX_DEGREE edges, both backends) is now read in the index's order, one page (run.MAX_ITEMS rows and
one more, which says whether more follow):

- supporters: the store's supporters window per asked type, with the whole count from the index's counters;
- shared supporters: the smaller zone's supporters in chunks, each looked up in the other's index by key
  (`GraphQueries.supporting`), and each one found read from it with a window of one (`supporter_of`);
- members and direct relations: the profile window's lists (members, indicators) and the zone's own typed
  edges of every other kind (bounded by the zone's own such edges, never by its members).

Where a whole count is not O(1) (a typed listing of members, shared supporters, relations filtered by year)
the answer is "at least N" (run.Result.more) and says what stopped it. A node outside the index is answered as
before, whole, at the cost of its own degree: the bundled graph's answers do not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph import cursor
from graph.ask import run
from graph.ask.model import Item
from graph.ask.words import display, say
from graph.publisher import publisher_ids
from graph.queries import GraphQueries
from graph.results import Supporter
from graph.schema import EDGE_TYPES, MEMBER_EDGES

PAGE = run.MAX_ITEMS  #: rows of one answer (ask's page)
CHUNK = 100  #: supporters read (and looked up in the other zone) at a time
SCAN_BOUND = 20 * PAGE  #: rows read at most before an answer stops, saying "at least"


def indexed(q: GraphQueries, ref: str) -> bool:
    """Whether `ref` is a hub of the zone index (its answers are read by page)."""
    window = getattr(q.store, "profile_window", None)
    return window is not None and window(ref, 1) is not None


def item(s: Supporter) -> Item:
    return Item(node=s.node, relation=s.relation, via=s.via, edges=list(s.path))


def as_page(rows: list[Item], total: int | None, complete: bool) -> run.Result:
    """The answer's rows as run.Result: all of them when every row was read and they fit a page and one more
    (counted as a whole answer is); else the first page and one more, with the whole count when known
    (`total`, or the rows when all were read) and `more` set (answer.py says "at least" without a count)."""
    if complete and len(rows) <= PAGE + 1:
        return run.Result(rows)
    if complete:
        total = len({i.node.id for i in rows})
    return run.Result(rows[:PAGE + 1], total=total, more=True)


# ---- supporters ------------------------------------------------------------------

def supporters(q: GraphQueries, ref: str, types: list[str]) -> run.Result:
    """The first page of ref's supporters of `types` (all when none) in the answer's order, with the whole count
    (the index's counter per type: O(1))."""
    total, found = 0, []
    for wanted in types or [None]:
        count, page, _ = q.supporters_window(ref, wanted, PAGE + 1)
        total += count
        found += page
    if len(types) > 1:  # each type's page in the one order: non-publishers, then (direct, type, id)
        context = publisher_ids(q.store) - {ref}
        found.sort(key=lambda s: (s.node.id in context, s.via is not None, s.node.type, s.node.id))
    return as_page([item(s) for s in found], total, len(found) >= total)


def supporter_of(q: GraphQueries, target: str, node) -> Supporter | None:
    """`node` as a supporter of `target` (its paths), or None: a window of one after a cursor just below its first
    row, direct or by a member (graph/cursor.py: a key's prefix sorts before the key)."""
    for via in (False, True):
        below = cursor.sort_bytes((via, node.type, node.id, "", False, ""))[:-3]
        _, page, _ = q.supporters_window(target, node.type, 1, 0, below.hex())
        if page and page[0].node.id == node.id:
            return page[0]
    return None


def common_supporters(q: GraphQueries, a: str, b: str, types: list[str], lang: str = "en") -> run.Result:
    """The supporters of both: the smaller side's supporters in its index's order, kept when the other has them
    too (a keyed lookup), until a page and one more are found or SCAN_BOUND were read ("at least" unless every
    supporter of the smaller side was read)."""
    totals = {z: q.supporters_window(z, None, 1)[0] for z in (a, b)}
    small, other = (a, b) if totals[a] <= totals[b] else (b, a)
    wanted = types[0] if len(types) == 1 else None
    rows: list[Item] = []
    scanned, after = 0, None
    while True:
        _, chunk, after = q.supporters_window(small, wanted, CHUNK, 0, after)
        scanned += len(chunk)
        candidates = [s for s in chunk if s.node.id not in (a, b) and (not types or s.node.type in types)]
        shared = q.supporting(other, [s.node for s in candidates])
        for s in candidates:
            if s.node.id in shared and (there := supporter_of(q, other, s.node)) is not None:
                first, second = (s, there) if small == a else (there, s)
                rows.append(Item(node=s.node, relation=first.relation, via=first.via or second.via,
                                 edges=list(first.path) + list(second.path)))
        if after is None or len(rows) > PAGE or scanned >= SCAN_BOUND:
            break
    got = as_page(run._ordered(rows), None, after is None)
    if after is not None:
        name = _name(q, small, lang)
        got.bounds.append(say(lang, f"按支持者索引的顺序，只比较了{name}的 {totals[small]} 个支持者中的前 {scanned} 个",
                              f"compared in the index's order: the first {scanned} of the {totals[small]} supporters "
                              f"of {name}"))
    return got


def supporters_count(q: GraphQueries, ref: str, apart: set[str]) -> int:
    """How many supporters `ref` has, not counting `apart`: the index's counter less a keyed lookup of each."""
    total = q.supporters_window(ref, None, 1)[0]
    return total - len(q.supporting(ref, list(q.store.get_nodes(apart - {ref}).values())))


# ---- members and direct relations -------------------------------------------------

@dataclass
class Listed:
    """Rows of a profile list read from its start: the edge keys, and how many the list holds."""

    keys: list[tuple]
    total: int


def listed(q: GraphQueries, ref: str, name: str, enough, bound: int = SCAN_BOUND) -> Listed:
    """The first keys of the profile list `name`, read in growing windows until `enough(keys)` says so, the list
    ends, or `bound` keys were read."""
    most = PAGE + 1
    while True:
        lists, _ = q.store.profile_window(ref, most)
        keys, _, total = lists[name]
        if len(keys) >= total or most >= bound or enough(keys):
            return Listed(keys, total)
        most = min(most * 4, bound)


@dataclass
class Direct:
    """A hub's direct members read by page: the rows of the asked types (one per member edge, as run._far), every
    member read (any type: containers are looked through whatever is asked), and whether all were read."""

    rows: list[Item]
    read: dict
    complete: bool
    total: int  #: distinct direct members, all types


def direct_members(q: GraphQueries, ref: str, types: list[str]) -> Direct:
    """The profile's member list from its start (PART_OF members always: a zone's few parts, its containers)
    until a page and one more of `types` are read."""
    nodes: dict = {}

    def wanted(keys) -> list:
        nodes.update(q.store.get_nodes({k[0] for k in keys} - set(nodes)))
        return [k for k in keys if k[0] in nodes and k[0] != ref and (not types or nodes[k[0]].type in types)]
    got = listed(q, ref, "members", lambda keys: len(wanted(keys)) > PAGE)
    parts = q.store.edge_keys([ref], "in", ["PART_OF"])
    keys = list(dict.fromkeys(got.keys + parts))
    edges = q.store.get_edges(wanted(keys))
    rows = [Item(node=nodes[k[0]], relation=k[1], edges=[edge]) for k, edge in edges.items()]
    twice = q.store.get_edges([(k[0], "LOCATED_IN", ref) for k in parts])  # one member, two member edges
    return Direct(rows, {k[0]: nodes[k[0]] for k in keys if k[0] in nodes}, len(got.keys) >= got.total,
                  got.total - len(twice))


def members(q: GraphQueries, ref: str, types: list[str], lang: str = "en") -> run.Result:
    """relations.deep_members of a hub, by page: its direct members, and the members of each member that is a
    zone, district or region (one level down, with via; a hub among them read by page too). A whole count where
    every list was read, or no type is asked and no member holds members; else at least."""
    from graph.ask.relations import CONTAINERS, _in_plan_order

    top = direct_members(q, ref, types)
    rows, complete = list(top.rows), top.complete
    seen = set(top.read) | {ref}
    holders = [n.id for n in top.read.values() if n.type in CONTAINERS]
    hops = q.store.get_edges([(h, t, ref) for h in holders for t in MEMBER_EDGES])
    for held in run._ordered([Item(node=top.read[k[0]], relation=k[1], edges=[e]) for k, e in hops.items()]):
        if indexed(q, held.node.id):
            sub = direct_members(q, held.node.id, types)
            subs, complete = sub.rows, complete and sub.complete
        else:
            subs = [i for i in run._far(q, held.node.id, "in", MEMBER_EDGES) if not types or i.node.type in types]
        rows += [Item(node=i.node, relation=i.relation, via=held.node, edges=i.edges + held.edges)
                 for i in subs if i.node.id not in seen]
    rows = _in_plan_order(q, ref, run._ordered(rows))
    got = as_page(rows, top.total if not types and not holders else None, complete)
    if not complete:
        name = _name(q, ref, lang)
        parts = ([say(lang, f"{name}的 {top.total} 个直接成员中的前 {len(top.read)} 个",
                      f"the first {len(top.read)} of the {top.total} direct members of {name}")]
                 if not top.complete else [])
        parts += [say(lang, "其所含园区、地区的成员各读一页", "a page of members of each zone or place in it")] if holders else []
        got.bounds.append(say(lang, "按成员索引的顺序只读了", "read in the index's order only: ")
                          + say(lang, "；", "; ").join(parts))
    return got


#: what the profile window lists (whole lists, by page) and what is left to typed edges of the zone's own
_LISTED_IN = ("LOCATED_IN", "PART_OF", "MEASURES", "PARTNERS_WITH")
_LISTED_OUT = ("PART_OF", "PARTNERS_WITH", "LED_BY")


def relations(q: GraphQueries, ref: str, lang: str = "en") -> run.Result:
    """run.about of a hub, by page: the first page and one more of each profile list (members, indicators,
    partners, parents, leaders) and the zone's own edges of every other type; a whole count where each list was
    read whole, else at least."""
    lists, _ = q.store.profile_window(ref, PAGE + 1)
    keys = [k for name in ("members", "metrics", "partners", "parents", "leaders") for k in lists[name][0]]
    edges = list(q.store.get_edges(keys).values())
    edges += q.store.edges([ref], "in", [t for t in EDGE_TYPES if t not in _LISTED_IN])
    edges += q.store.edges([ref], "out", [t for t in EDGE_TYPES if t not in _LISTED_OUT])
    ends = {e.target if e.source == ref else e.source for e in edges}
    nodes = q.store.get_nodes(ends - {ref})
    rows = [Item(node=nodes[far], relation=e.type, edges=[e]) for e in edges
            for far in [e.target if e.source == ref else e.source] if far in nodes]
    complete = all(len(keys) >= total for keys, _, total in lists.values())
    got = as_page(run._ordered(rows), None, complete)
    if not complete:
        cut = {name: total for name, (keys, _, total) in lists.items() if len(keys) < total}
        words = {"members": ("成员", "members"), "metrics": ("指标", "indicators"), "partners": ("合作方", "partners"),
                 "parents": ("所属", "parents"), "leaders": ("牵头方", "leaders")}
        name = _name(q, ref, lang)
        got.bounds.append(say(
            lang, f"按索引的顺序，{name}的每类关系只读了前 {PAGE + 1} 条（"
            + "、".join(f"{words[k][0]}共 {n} 条" for k, n in cut.items()) + "）",
            f"read in the index's order, the first {PAGE + 1} of each kind of relation of {name}: "
            + ", ".join(f"{words[k][1]} {n} in all" for k, n in cut.items())))
    return got


def _name(q: GraphQueries, ref: str, lang: str) -> str:
    node = q.store.get_nodes([ref]).get(ref)
    return display(node, lang) if node else ref
