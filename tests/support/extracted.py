"""The (name, type) pairs `innograph extract` finds in one written sentence, under a publisher: what the
rule tests of each session assert on (tests/extract/test_rules_s*_recall.py)."""

from __future__ import annotations

from loaders.report_loader import extract_report


def extracted_nodes(tmp_path, body: str, publisher: str) -> set[tuple[str, str]]:
    path = tmp_path / "r.txt"
    path.write_text(f"title: 测试\npublisher: {publisher}\n---\n{body}", encoding="utf-8")
    return {(n.name_zh, n.type) for n in extract_report(path).nodes}


def typed(analysis, surface: str) -> set[str]:
    """The types the analysis gives a surface form written exactly so."""
    body = analysis.report.body.text
    return {m.type for m in analysis.mentions if body[m.start:m.end] == surface}


def spans(analysis, type_: str) -> list[str]:
    """The surface forms of one type's mentions, in the order found."""
    body = analysis.report.body.text
    return [body[m.start:m.end] for m in analysis.mentions if m.type == type_]


def names(analysis, type_: str) -> set[str]:
    return set(spans(analysis, type_))


def entities(analysis, type_: str) -> set[str]:
    """The surface forms of one type that become entities (a nested mention only when it is one of its own)."""
    body = analysis.report.body.text
    return {body[m.start:m.end] for m in analysis.mentions if m.type == type_ and (not m.nested or m.titled)}
