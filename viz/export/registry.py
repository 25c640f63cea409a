"""Every export format in one table: name, media type, file suffix and a renderer to bytes.

The CLI (`innograph export --format NAME`) and the HTTP API (`/api/v1/export`)
both look formats up here, so a new format is one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.errors import InvalidInput
from graph.model import Document
from graph.results import Subgraph
from viz.export import csvpair, cypher_script, gexf, graphml, nodelink, picture


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    suffix: str
    #: render(subgraph, documents, lang) -> bytes; only a picture reads `lang` (the labels' language: the
    #: data formats carry both names).
    render: Callable[..., bytes]
    description: str
    #: True when the format is a picture (drawn, not read back).
    picture: bool = False

    def filename(self, stem: str) -> str:
        return f"{stem}{self.suffix}"


def _text(generate: Callable[[Subgraph, list[Document]], str]) -> Callable[[Subgraph, list[Document]], bytes]:
    def render(sub: Subgraph, documents: list[Document] = (), lang: str = "zh") -> bytes:
        return generate(sub, list(documents)).encode("utf-8")

    render.__doc__ = generate.__doc__
    return render


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/json", ".json", _text(nodelink.generate_json),
               "node-link JSON (networkx node_link_graph), every field and the documents"),
        Format("graphml", "application/graphml+xml", ".graphml", _text(graphml.generate_graphml),
               "GraphML for Gephi, Cytoscape and yEd"),
        Format("gexf", "application/gexf+xml", ".gexf", _text(gexf.generate_gexf),
               "GEXF 1.2 for Gephi, with type colours"),
        Format("csv", "application/zip", ".zip", lambda sub, docs=(), lang="zh": csvpair.generate_csv_zip(sub, docs),
               "nodes.csv + edges.csv in the CSV loader's columns, zipped"),
        Format("cypher", "application/x-cypher-query; charset=utf-8", ".cypher",
               _text(cypher_script.generate_cypher),
               "a parameter-free Cypher script that recreates the subgraph in Neo4j"),
        Format("png", "image/png", ".png", lambda sub, docs=(), lang="zh": picture.generate_png(sub, docs, lang),
               "a picture (PNG) with a legend", picture=True),
        Format("svg", "image/svg+xml", ".svg", lambda sub, docs=(), lang="zh": picture.generate_svg(sub, docs, lang),
               "a picture (SVG, text kept as text) with a legend", picture=True),
    )
}


def get_format(name: str | None) -> Format:
    """The format called `name` (any case); InvalidInput lists the formats otherwise."""
    key = (name or "").strip().lower()
    if key not in FORMATS:
        raise InvalidInput(f"unknown export format {name!r}; formats: {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_suffix(suffix: str) -> Format | None:
    """The format a file suffix suggests (.graphml, .gexf, .json, .zip, .cypher/.cql, .png, .svg)."""
    suffix = suffix.lower()
    if suffix in (".cql", ".cyp"):
        return FORMATS["cypher"]
    return next((f for f in FORMATS.values() if f.suffix == suffix), None)
