"""The (name, type) pairs `innograph extract` finds in one written sentence, under a publisher: what the
rule tests of each session assert on (tests/extract/test_rules_s*_recall.py)."""

from __future__ import annotations

from loaders.report_loader import extract_report


def extracted_nodes(tmp_path, body: str, publisher: str) -> set[tuple[str, str]]:
    path = tmp_path / "r.txt"
    path.write_text(f"title: 测试\npublisher: {publisher}\n---\n{body}", encoding="utf-8")
    return {(n.name_zh, n.type) for n in extract_report(path).nodes}
