"""Helpers for the extractor tests: write a small report with a header and read it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.report_loader import extract_report
from loaders.text.extract import analyse
from loaders.text.reading import read_report

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
REPORT = HERE.parent.parent / "data" / "reports" / "bjstc-2018-self-assessment.txt"
HEADER = "title: 测试报告\npublisher: 北京市科学技术委员会\ndate: 2019-01-15\nyear: {year}\n---\n"


@pytest.fixture
def write_report(tmp_path):
    """write_report(body, year=2018, name="report") -> path of a .txt report with the usual header."""

    def write(body: str, year: int = 2018, name: str = "report", encoding: str = "utf-8") -> Path:
        path = tmp_path / f"{name}.txt"
        path.write_bytes((HEADER.format(year=year) + body).encode(encoding))
        return path

    return write


@pytest.fixture
def analysis_of(write_report):
    """analysis_of(body) -> the Analysis (mentions, relations) of a one-off report."""

    def run(body: str, store=None):
        return analyse(read_report(write_report(body)), store)

    return run


@pytest.fixture
def extraction_of(write_report):
    def run(body: str, store=None, **kwargs):
        return extract_report(write_report(body), store, **kwargs)

    return run


def analysis_under(tmp_path, body: str, publisher: str, name: str = "r"):
    """The Analysis of a one-off report whose byline names `publisher` (none when empty): the rules
    that read a report's own city (市委, 全市 …) follow it."""
    path = tmp_path / f"{name}.txt"
    header = f"title: 测试\npublisher: {publisher}\n---\n" if publisher else ""
    path.write_text(header + body, encoding="utf-8")
    return analyse(read_report(path))


def names_but_metrics(analysis) -> set[str]:
    return {m.name for m in analysis.mentions if m.type != "Metric"}


def names(mentions, type_=None) -> set[str]:
    return {m.name for m in mentions if not m.nested and (type_ is None or m.type == type_)}


def triples(relations) -> set[tuple[str, str, str]]:
    return {(r.source.name, r.type, r.target.name) for r in relations}
