"""A report's extraction as a YAML data file a planner corrects, then loads (`innograph extract X --review F`).

Why: `innograph load report.txt` stores everything the extractor found, and its only knob is a confidence
floor; a planner who sees one wrong relation in `extract` (the Shunyi item's 中关村国家自主创新示范区 FOCUSES_ON
科技服务, read from a sentence about 中关村管委会) could not leave it out. The file holds exactly what the load
would store, in the curated YAML form (loaders/yaml_loader.py): the document; the names already in the graph by
id (the load adds the document to their sources); the new names with their confidence; each relation with its
evidence, the sentence and its offsets in the report. Deleting a relation or a new name (and the relations that
use it) or correcting a name or a type, then `innograph load F`, stores the corrected extraction.
"""

from __future__ import annotations

from typing import Any

import yaml

from loaders.report_loader import Extraction

HEADER = """\
# The extraction of {file}, to check before it goes into the graph.
# Delete a relation (an item of `edges`) or a new name (an item of `nodes`, and the relations that use
# its id), correct a name or a type, then store it with:  innograph load {review}
# Nothing is stored until then. Names already in the graph are listed by id and are left as they are.
"""


def generate_review(extraction: Extraction, file: str, review: str) -> str:
    """The YAML text of `extraction` (of the report `file`, to be written to `review`)."""
    body = yaml.safe_dump(review_data(extraction), allow_unicode=True, sort_keys=False, width=120,
                          default_flow_style=None)
    return HEADER.format(file=file, review=review) + body


def review_data(extraction: Extraction) -> dict[str, Any]:
    """The review as data: the /upload page gets it with the preview, leaves out what the planner
    unchecked and posts it back as JSON (a YAML file too) beside the report (api/routes/preview.py)."""
    doc = extraction.document.model_dump(mode="json")
    known = [n for n in extraction.nodes if not n.attrs.get("extracted")]
    new = [n for n in extraction.nodes if n.attrs.get("extracted")]
    return {
        "documents": [{k: v for k, v in doc.items() if v not in ("", None)}],
        "nodes": [_node(n) for n in known + new],
        "edges": [_edge(e) for e in extraction.edges],
    }


def _node(node) -> dict[str, Any]:
    if not node.attrs.get("extracted"):  # in the graph: the load adds this document to its sources
        return {"id": node.id, "type": node.type, "name_zh": node.name_zh, "sources": list(node.sources)}
    row: dict[str, Any] = {"id": node.id, "type": node.type, "name_zh": node.name_zh}
    if node.name_en:
        row["name_en"] = node.name_en
    aliases = list(dict.fromkeys(a for a in node.aliases if a != node.name_zh))
    if aliases:
        row["aliases"] = aliases
    row.update(attrs=dict(node.attrs), sources=list(node.sources))
    return row


def _edge(edge) -> dict[str, Any]:
    return {"source": edge.source, "type": edge.type, "target": edge.target, "attrs": dict(edge.attrs),
            "evidence": [ev.model_dump(mode="json") for ev in edge.evidence]}
