"""A city-sized synthetic ecosystem, written as the CSV pair the CSV loader reads.

The whole bundled data set (its zones keep their real supporters), plus
generated enterprises with a skewed size distribution (a few large ones attract
most supports, partners and projects — as in a real ecosystem), their projects,
program supports, fund investments, partnerships and partner regions. The same
seed gives the same files, byte for byte. About 1.5 nodes and 7.5 edges per
enterprise: 5 edges per node.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import Edge, Node
from loaders.sources import BUNDLED_DIR, read_sources

PREFIXES = "京华中科智创新未来天泽云海量子芯源星辰博睿康达恒通"
TRADES = ["科技", "信息技术", "生物医药", "智能装备", "新材料", "能源", "数据", "半导体", "航天", "医疗器械"]
EN_TRADES = ["Technology", "IT", "Biopharma", "Intelligent Equipment", "New Materials", "Energy",
             "Data", "Semiconductor", "Aerospace", "Medical Devices"]


@dataclass(frozen=True)
class Backbone:
    zones: list[Node]
    districts: list[Node]
    programs: list[Node]
    funds: list[Node]
    fields: list[Node]
    regions: list[Node]
    nodes: list[Node]  #: the whole bundled graph, written first: zones keep their real supporters
    edges: list[Edge]


def backbone() -> Backbone:
    kept = read_sources([BUNDLED_DIR]).kept
    nodes = sorted(kept.nodes, key=lambda n: n.id)
    by = {t: [n for n in nodes if n.type == t] for t in ("Zone", "District", "Program", "Fund", "Field", "Region")}
    return Backbone(by["Zone"], by["District"], by["Program"], by["Fund"], by["Field"], by["Region"],
                    nodes, sorted(kept.edges, key=lambda e: e.key))


def generate(enterprises: int, seed: int, out_dir: Path) -> dict[str, int]:
    """Write nodes.csv and edges.csv for `enterprises` generated enterprises; return the counts."""
    rng = random.Random(seed)
    bb = backbone()
    _prepare(out_dir)
    places = bb.zones + bb.districts
    place_weights = [1.0 / (i + 1) for i in range(len(places))]  # Zipf: a few places hold most firms
    with open(out_dir / "nodes.csv", "w", encoding="utf-8", newline="") as nf, \
            open(out_dir / "edges.csv", "w", encoding="utf-8", newline="") as ef:
        nodes, edges = csv.writer(nf), csv.writer(ef)
        nodes.writerow(["id", "type", "name_zh", "name_en", "aliases", "attr.kind", "attr.size", "attr.synthetic"])
        edges.writerow(["source", "type", "target", "attr.synthetic"])
        counts = {"nodes": 0, "edges": 0}

        def node(*row):
            nodes.writerow(row)
            counts["nodes"] += 1

        def edge(source, type_, target):
            edges.writerow([source, type_, target, 1])
            counts["edges"] += 1

        for n in bb.nodes:
            node(n.id, n.type, n.name_zh, n.name_en, "|".join(n.aliases), n.attrs.get("kind", ""), "", "")
        for e in bb.edges:
            edges.writerow([e.source, e.type, e.target, ""])
            counts["edges"] += 1
        ent_ids: list[str] = []
        for i in range(enterprises):
            size = min(int(rng.paretovariate(1.2)), 10_000)  # heavy tail of firm sizes
            trade = rng.randrange(len(TRADES))
            eid = f"institution-ent-{i:07d}"
            name = f"北京{rng.choice(PREFIXES)}{rng.choice(PREFIXES)}{TRADES[trade]}有限公司{i:07d}"
            node(eid, "Institution", name, f"Enterprise {i:07d} {EN_TRADES[trade]} Co., Ltd.", "", "enterprise", size, 1)
            place = rng.choices(places, place_weights)[0]
            edge(eid, "LOCATED_IN", place.id)
            for f in rng.sample(bb.fields, k=min(len(bb.fields), 1 + (rng.random() < 0.5))):
                edge(eid, "FOCUSES_ON", f.id)
            if bb.programs and rng.random() < min(0.9, 0.3 + size / 50):
                edge(rng.choice(bb.programs).id, "SUPPORTS", eid)
            if bb.funds and rng.random() < min(0.8, 0.1 + size / 100):
                edge(rng.choice(bb.funds).id, "INVESTS_IN", eid)
            if ent_ids:
                for _ in range(2 + (rng.random() < 0.5)):
                    # preferential attachment: partners are drawn towards earlier (older, larger) firms
                    partner = ent_ids[int(len(ent_ids) * rng.random() ** 2)]
                    edge(eid, "PARTNERS_WITH", partner)
            if bb.regions and rng.random() < 0.05:
                edge(eid, "PARTNERS_WITH", rng.choice(bb.regions).id)
            if rng.random() < 0.5:
                pid = f"project-syn-{i:07d}"
                node(pid, "Project", f"{name[2:6]}研发项目{i:07d}", f"R&D project {i:07d}", "", "project", "", 1)
                edge(pid, "LED_BY", eid)
                edge(pid, "LOCATED_IN", place.id)
                edge(pid, "FOCUSES_ON", rng.choice(bb.fields).id)
                if bb.programs:
                    edge(pid, "PART_OF", rng.choice(bb.programs).id)
            ent_ids.append(eid)
    return counts


def _prepare(out_dir: Path) -> None:
    """The output directory, made if missing; InvalidInput in one line when it cannot be
    (an existing file, /proc, no permission), before anything is written."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"{out_dir} exists and is not a directory; -o names the directory for "
                           "nodes.csv and edges.csv")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in ("nodes.csv", "edges.csv"):
            target = out_dir / name
            if target.exists() and not target.is_file():
                raise InvalidInput(f"{target} exists and is not a regular file")
            with open(target, "a", encoding="utf-8"):
                pass
    except OSError as exc:
        raise InvalidInput(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
