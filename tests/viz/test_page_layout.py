"""viz/layout.py: pure, deterministic, bounded, cached by the subgraph's ids."""

from __future__ import annotations

import time

from graph.model import Edge, Node
from graph.results import Subgraph
from tests.browser.graphs import generated_subgraph
from viz import layout
from viz.layout import layout_key, layout_positions


def test_every_node_gets_a_position_in_the_unit_square():
    sub = generated_subgraph(120, 300)
    pos = layout_positions(sub)
    assert set(pos) == {n.id for n in sub.nodes}
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in pos.values())
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in pos.values())
    assert len(set(pos.values())) == len(pos), "two nodes share a position"


def test_same_ids_same_positions_whatever_the_order():
    sub = generated_subgraph(80, 150, seed=3)
    shuffled = sub.model_copy(update={"nodes": list(reversed(sub.nodes)), "edges": list(reversed(sub.edges))})
    layout.clear_cache()
    first = layout_positions(sub)
    layout.clear_cache()
    assert layout_positions(shuffled) == first
    assert layout_key(sub) == layout_key(shuffled)


def test_the_key_changes_with_an_edge_or_a_node():
    sub = generated_subgraph(30, 40)
    fewer = sub.model_copy(update={"edges": sub.edges[:-1]})
    more = sub.model_copy(update={"nodes": [*sub.nodes, Node(id="extra", type="Field", name_zh="额外")]})
    assert len({layout_key(sub), layout_key(fewer), layout_key(more)}) == 3


def test_cached_and_callers_cannot_spoil_the_cache():
    sub = generated_subgraph(600, 1500, seed=5)
    layout.clear_cache()
    started = time.perf_counter()
    first = layout_positions(sub)
    cold = time.perf_counter() - started
    first[sub.nodes[0].id] = (9.0, 9.0)
    started = time.perf_counter()
    again = layout_positions(sub)
    warm = time.perf_counter() - started
    assert again[sub.nodes[0].id] != (9.0, 9.0)
    assert warm < cold / 5


def test_tiny_and_disconnected_subgraphs():
    assert layout_positions(Subgraph()) == {}
    one = Subgraph(center="a", nodes=[Node(id="a", type="Zone", name_zh="甲")])
    assert layout_positions(one) == {"a": (0.0, 0.0)}
    nodes = [Node(id=i, type="Field", name_zh=i) for i in "abcd"]
    apart = Subgraph(center="a", nodes=nodes, edges=[Edge(source="a", type="PART_OF", target="b")])
    pos = layout_positions(apart)
    assert set(pos) == set("abcd") and len(set(pos.values())) == 4


def test_a_map_without_a_centre_is_laid_out_around_its_middle_not_its_biggest_hub():
    """The whole graph: the zones (`middle`) in the middle, the context hub (`outer`, 北京市 with its
    city-wide indicators, the largest by degree) out at the side with what hangs on it."""
    zones = [Node(id=f"z{i}", type="Zone", name_zh=f"园{i}") for i in range(4)]
    hub = Node(id="city", type="Region", name_zh="城")
    leaves = [Node(id=f"m{i}", type="Metric", name_zh=f"指标{i}") for i in range(20)]
    members = [Node(id=f"p{i}", type="Project", name_zh=f"项目{i}") for i in range(12)]
    edges = [Edge(source=m.id, type="MEASURES", target="city") for m in leaves]
    edges += [Edge(source=p.id, type="LOCATED_IN", target=f"z{i % 4}") for i, p in enumerate(members)]
    edges.append(Edge(source="z0", type="LOCATED_IN", target="city"))
    sub = Subgraph(nodes=[*zones, hub, *leaves, *members], edges=edges)
    plain = layout_positions(sub)
    pos = layout_positions(sub, middle=[z.id for z in zones], outer=["city"])
    assert pos != plain and layout_key(sub) != layout_key(sub, [z.id for z in zones], ["city"])

    def off_middle(p, node_id):
        xs, ys = zip(*p.values())
        x, y = p[node_id]
        return ((x - (max(xs) + min(xs)) / 2) ** 2 + (y - (max(ys) + min(ys)) / 2) ** 2) ** 0.5

    assert off_middle(pos, "city") > max(off_middle(pos, z.id) for z in zones)
    assert sum(off_middle(pos, f"m{i}") for i in range(20)) > sum(off_middle(pos, p.id) for p in members)
    # a subgraph with a centre ignores both: the centre is its middle
    centred = sub.model_copy(update={"center": "z0"})
    assert layout_positions(centred, middle=["z1"], outer=["city"]) == layout_positions(centred)
