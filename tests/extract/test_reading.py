"""Reading: encodings, headers, page chrome, HTML, and offsets into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import LoadError
from loaders.text.mapped import MappedText
from loaders.text.reading import decode, read_report


from .conftest import FIXTURES, REPORT

SEED = Path("/work/shared/seeds/000_7efda35ad49f9149.txt")


def test_bundled_report_header_and_body():
    report = read_report(REPORT)
    assert report.title == "北京市科学技术委员会关于2018年度绩效管理的自查报告"
    assert report.year == 2018 and report.doc_id == "bjstc-2018-self-assessment"
    assert report.body.text.startswith("2018年,在市委、市政府的坚强领导下")
    start, end = report.body.span(0, 4)
    assert report.original[start:end] == "2018" and start > 200  # after the 7-line header


@pytest.mark.skipif(not SEED.exists(), reason="the scraped seed page is not on this machine")
def test_scraped_page_loses_its_chrome():
    report = read_report(SEED)
    body = report.body.text
    # the page's title line is part of the document (issue 18: the whole page is scanned); the
    # date line beside it is chrome (浏览/编辑), the menu above it navigation
    assert body.startswith("北京市科学技术委员会关于2018年度绩效管理的自查报告\n2018年,在市委")
    assert body.rstrip().endswith("做好支撑。")
    for chrome in ("请登陆", "需求发布与检索", "上一篇", "关闭", "浏览:"):
        assert chrome not in body
    assert report.meta["title"] == "北京市科学技术委员会关于2018年度绩效管理的自查报告"
    assert report.meta["date"] == "2019-01-15" and report.year == 2018


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "title: 報告\n---\n市科委聚焦懷柔科學城,支持北京納米能源與系統研究所建設。" if encoding == "big5" \
        else "title: 报告\n---\n市科委聚焦怀柔科学城,支持北京纳米能源与系统研究所建设。"
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    report = read_report(path)
    assert report.encoding == encoding.replace("utf-8-sig", "utf-8-sig")
    assert "怀柔科学城" in report.body.text  # Simplified in the view, whatever the script


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("市科委".encode() + b"\xff\xff\xfe\x80", "cannot decode"),
])
def test_bad_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        read_report(path)


def test_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="cannot read"):
        read_report(tmp_path / "nope.txt")


def test_header_only_file_has_no_body(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("title: 空\nyear: 2018\n---\n", encoding="utf-8")
    with pytest.raises(LoadError, match="no report text"):
        read_report(path)


def test_html_view_points_into_the_source():
    path = FIXTURES / "hangzhou-2021.html"
    report = read_report(path)
    body = report.body.text
    assert "假研究院" not in body and "新闻中心" not in body and "版权所有" not in body
    assert report.meta["title"] == "杭州市科学技术局2021年工作总结"
    at = body.index("之江实验室")
    start, end = report.body.span(at, at + 5)
    assert report.original[start:end] == "之江实验室"
    nbsp = body.index("峰会") + 2  # &nbsp; is one view character standing for the whole entity
    assert report.original[slice(*report.body.span(nbsp, nbsp + 1))] == "&nbsp;"


def test_decode_prefers_declared_charset():
    html = '<html><head><meta charset="gb18030"></head><body>怀柔科学城</body></html>'.encode("gb18030")
    assert decode(html, "x.html") == ('<html><head><meta charset="gb18030"></head><body>怀柔科学城</body></html>',
                                      "gb18030")


def test_traditional_offsets_survive_normalisation():
    report = read_report(FIXTURES / "beijing-2019-traditional.txt")
    at = report.body.text.index("怀柔科学城")
    start, end = report.body.span(at, at + 5)
    assert report.original[start:end] == "懷柔科學城"


TRADITIONAL = "懷柔科學城綜合極端條件實驗裝置與國際學術交流季，（北京）２０１９年"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=TRADITIONAL + "abc 。\n", max_size=60))
def test_folded_spans_always_slice_the_original(text):
    view = MappedText.identity(text).folded()
    assert len(view.starts) == len(view.text) == len(view.ends)
    for i in range(len(view.text)):
        start, end = view.span(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert view.starts[i] <= view.starts[i + 1] if i + 1 < len(view.text) else True
