"""Briefings: what they say (content), and each layout (Markdown, HTML, Word) in both languages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from graph.errors import InvalidInput, NotFound
from loaders.sources import BUNDLED_DIR
from viz.brief import BRIEF_FORMATS, build_brief, render_brief
from viz.brief.summary import WORDS as SUMMARY_WORDS
from viz.brief.text import WORDS

KEY_POINTS = SUMMARY_WORDS["heading"]

REPORT = BUNDLED_DIR.parent / "reports" / "bjstc-2018-self-assessment.txt"
ZONE = "怀柔科学城"
DAY = date(2019, 3, 1)
SECTIONS = ["picture", "overview", "sources", "members", "supporters", "partners", "fields",
            "indicators", "evidence"]


def headings(lang: str) -> list[str]:
    return [KEY_POINTS[lang]] + [WORDS[k][lang] for k in SECTIONS]


def section(brief, key):
    return next(s for s in brief.sections if s.heading == WORDS[key][brief.lang])


# ---- content ----------------------------------------------------------------------

def test_a_zone_brief_lists_its_members_partners_with_the_member(bundled):
    """Partners of the zone's members come after its own, each naming the member (viz/member_partners.py)."""
    brief = build_brief(bundled, "未来科学城", "en", DAY)
    rows = section(brief, "partners").table.rows
    assert [r[0] for r in rows] == ["China University of Petroleum (中国石油大学)",
                                    "North China Electric Power University (华北电力大学)"]
    assert all(r[2].startswith("Central state-owned enterprises in Future Science City") for r in rows)
    overview = section(brief, "overview").table.rows
    assert ["Partners", "0 (+2 through its members)"] in overview


def test_bundled_zone_brief_content(bundled):
    brief = build_brief(bundled, ZONE, "zh", DAY)
    assert brief.title == "怀柔科学城（Huairou Science City）简报"
    assert "2019-03-01" in brief.subtitle
    assert [s.heading for s in brief.sections] == headings("zh")
    members = {row[0] for row in section(brief, "members").table.rows}
    assert "北京纳米能源与系统研究所（Beijing Institute of Nanoenergy and Nanosystems）" in members
    supporters = section(brief, "supporters").table.rows
    plan = next(r for r in supporters if r[0].startswith("怀柔科学城科学规划"))
    assert plan[3] == "直接" and "怀柔科学城科学规划 支持 怀柔科学城" in plan[4]
    commission = next(r for r in supporters if "报告发布单位" in r[0])  # direct; its paths through members folded
    assert commission[3] == "直接（另有 4 个经由成员）" and "另经由 4 个成员支持：北京纳米能源与系统研究所" in commission[4]
    indicator = section(brief, "indicators").table.rows[0]
    assert indicator[1:4] == ["30", "个", "2018"]
    sources = section(brief, "sources").table.rows
    assert sources[0][0].startswith("北京市科学技术委员会关于2018年度绩效管理的自查报告")
    assert section(brief, "picture").picture.startswith(b"\x89PNG")


def test_every_citation_is_in_the_appendix_at_its_true_position(bundled):
    brief = build_brief(bundled, ZONE, "zh", DAY)
    text = REPORT.read_text(encoding="utf-8")
    appendix = section(brief, "evidence").table.rows
    numbers = [int(r[0]) for r in appendix]
    assert numbers == list(range(1, len(appendix) + 1))
    cited = {int(n) for s in brief.sections if s.table for row in s.table.rows
             for n in re.findall(r"\[(\d+)\]", row[-1])}
    assert cited == set(numbers)
    for row in appendix:
        start, end = map(int, re.findall(r"\d+", row[4]))
        assert text[start:end] == row[1]


def test_english_brief_puts_english_first(bundled):
    brief = build_brief(bundled, ZONE, "en", DAY)
    assert brief.title == "Briefing: Huairou Science City (怀柔科学城)"
    assert [s.heading for s in brief.sections] == headings("en")
    members = {row[0] for row in section(brief, "members").table.rows}
    assert "Beijing Institute of Nanoenergy and Nanosystems (北京纳米能源与系统研究所)" in members
    assert section(brief, "evidence").table.rows[0][4].startswith("chars ")


def test_empty_sections_say_so(mini):
    brief = build_brief(mini, "河北", "zh", DAY)
    assert section(brief, "members").paragraphs == ["（无）"] and section(brief, "members").table is None
    partners = section(brief, "partners").table.rows
    assert partners[0][0].startswith("北京市科学技术委员会")


# ---- the three layouts ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_reads_back_with_headings_tables_and_evidence(bundled, lang):
    data, media_type, filename = render_brief(bundled, ZONE, "docx", lang, DAY)
    assert media_type == BRIEF_FORMATS["docx"].media_type
    assert filename == f"brief-zone-huairou-science-city-{lang}.docx"
    doc = open_docx(io.BytesIO(data))
    brief = build_brief(bundled, ZONE, lang, DAY)
    found = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert found == headings(lang)
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [brief.title]
    assert len(doc.inline_shapes) == 1  # the picture
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    expected = [[s.table.columns, *s.table.rows] for s in brief.sections if s.table]
    assert tables == expected
    evidence = tables[-1]
    assert evidence[0][1] == WORDS["quote"][lang] and len(evidence) > 1
    assert doc.core_properties.title == brief.title


def test_docx_names_an_east_asian_font_on_every_run(bundled):
    data, _, _ = render_brief(bundled, ZONE, "docx", "zh", DAY)
    doc = open_docx(io.BytesIO(data))
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    runs = [r for r in runs if r.text]  # (the picture's run holds no text)
    assert len(runs) > 50
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    for style in ("Title", "Heading 1"):  # no theme font left to win over the named one
        fonts = doc.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC" and fonts.get(qn("w:eastAsiaTheme")) is None
    fonts_xml = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml").blob
    assert b'w:name="Noto Sans CJK SC"' in fonts_xml and b'w:altName w:val="Microsoft YaHei"' in fonts_xml
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a well-formed package
        assert {"word/document.xml", "word/styles.xml", "[Content_Types].xml"} <= set(archive.namelist())
        assert archive.testzip() is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_is_self_contained(bundled, lang):
    data, media_type, filename = render_brief(bundled, ZONE, "html", lang, DAY)
    html = data.decode("utf-8")
    assert media_type.startswith("text/html") and filename.endswith(".html")
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    assert '<img src="data:image/png;base64,' in html
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:)""", html)  # nothing fetched
    assert "<script" not in html and "@import" not in html and "url(" not in html
    for heading in headings(lang):
        assert f"<h2>{heading}</h2>" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_has_headings_tables_and_inline_picture(bundled, lang):
    data, media_type, _ = render_brief(bundled, ZONE, "md", lang, DAY)
    text = data.decode("utf-8")
    assert media_type.startswith("text/markdown")
    for heading in headings(lang):
        assert f"\n## {heading}\n" in text
    assert "](data:image/png;base64," in text
    assert text.count("| --- |") >= 1 and "\\[1\\]" in text


def test_markup_in_names_stays_inert_everywhere(awkward_queries):
    html = render_brief(awkward_queries, "zone-awkward", "html", "zh", DAY)[0].decode("utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;" in html  # the document's title
    md = render_brief(awkward_queries, "zone-awkward", "md", "zh", DAY)[0].decode("utf-8")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert not re.search(r"(?<!\\)\]\(http", md) and "\\[实验室\\](http://example.invalid)" in md
    assert "竖线\\|项目 \\# 一号" in md  # a pipe cannot split a table cell
    doc = open_docx(io.BytesIO(render_brief(awkward_queries, "zone-awkward", "docx", "en", DAY)[0]))
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "Lab _one_ | `two` ([实验室](http://example.invalid) **粗体** $x^2$)" in cells


def test_bad_requests(bundled):
    with pytest.raises(InvalidInput, match="unknown briefing format 'pdf'; formats: html, md, docx"):
        render_brief(bundled, "no such place", "pdf")  # checked before the name
    with pytest.raises(InvalidInput, match="unknown language"):
        render_brief(bundled, ZONE, "html", "de")
    with pytest.raises(NotFound) as exc:
        render_brief(bundled, "怀柔科学", "html")
    assert any("怀柔科学城" in s for s in exc.value.suggestions)


def test_docx_columns_have_widths_narrow_number_wide_quote(bundled):
    doc = open_docx(io.BytesIO(render_brief(bundled, ZONE, "docx", "zh", DAY)[0]))
    evidence = doc.tables[-1]
    widths = [c.width for c in evidence.columns]
    assert widths[0] * 5 < widths[1]  # "#" narrow, the quote wide
    assert all(c.cells[1].width == c.width for c in evidence.columns)  # Word reads the cells


def test_one_row_per_supporter_and_evidence_located_by_section(bundled):
    brief = build_brief(bundled, ZONE, "zh", DAY)
    supporters = section(brief, "supporters").table.rows
    names = [r[0] for r in supporters]
    assert len(names) == len(set(names))
    commission = next(r for r in supporters if r[0].startswith("北京市科学技术委员会"))
    assert "报告发布单位" in commission[0] and commission[4].count("\n") >= 1  # several paths, one row
    evidence = section(brief, "evidence").table
    assert evidence.columns[3] == WORDS["location"]["zh"]
    assert all("北京市科学技术委员会关于2018年度绩效管理的自查报告" in r[3] and "段" in r[3] for r in evidence.rows)
    assert any("二、主要工作" in r[3] for r in evidence.rows)
    assert not any("字符" in c for r in supporters for c in r)  # offsets only in the appendix


def _office() -> str:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not shutil.which("pdftoppm"):  # never a skip: `make test` installs both
        pytest.fail("LibreOffice and poppler-utils are needed: apt-get install libreoffice-writer-nogui "
                    "poppler-utils (make system-deps)", pytrace=False)
    return office


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_puts_the_picture_on_a_full_page_one(bundled, tmp_path, lang):
    """.docx -> PDF with LibreOffice -> page 1 as PNG (poppler): the key points and the picture are on
    page 1 (the English key points are longer: the picture is sized to the room left, not pushed to
    page 2) and the page is filled to its foot (no half-empty first page)."""
    from PIL import Image

    data, _, filename = render_brief(bundled, ZONE, "docx", lang, DAY)
    source = tmp_path / filename
    source.write_bytes(data)
    subprocess.run([_office(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=240)
    pdf = source.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "怀柔科学城" in text and KEY_POINTS[lang] in text  # page 1: title, key points, picture
    assert {"zh": "度关系网络", "en": "The network within"}[lang] in text  # the picture's caption
    images = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert images, "no picture on page 1"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", "-png", str(pdf),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=60)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = page.size
    pixels = page.load()
    inked = [y for y in range(height) if any(pixels[x, y] < 160 for x in range(0, width, 2))]
    assert inked and inked[-1] > 0.8 * height, f"page 1 ends at {inked[-1] / height:.0%} of its height"
    figure = max(int(line.split()[3]) for line in images)  # the picture's height in pixels
    assert figure > 300
    full = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert WORDS["evidence"][lang] in full


@pytest.mark.parametrize("written", ["1. Beijing Municipal Science & Technology Commission supports X",
                                     "2) 中关村 & 怀柔 <b>一</b> &copy; [a](b)", "- 一项 | *两项*"])
def test_markdown_text_reads_as_written_once_rendered_and_in_the_file(written):
    """What a CommonMark reader shows is the text; the .md itself keeps '&' readable ('Science & Technology')."""
    import html

    from markdown_it import MarkdownIt  # installed with rich

    from viz.brief.markdown import escape

    md = escape(written)
    shown = re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(md)).strip()
    assert html.unescape(shown) == written
    assert ("&amp;" in md) == ("&copy;" in written)


@pytest.mark.parametrize("zone", ["怀柔科学城", "北京经济技术开发区"])
def test_the_english_briefing_names_types_in_english_only(bundled, zone):
    """Session 13 review: the English briefing's type cells read "Program (计划/专项)", "Project (项目/平台)"
    (two lines in a narrow column); the type has an English name. Names keep their Chinese beside them."""
    brief = build_brief(bundled, zone, "en", DAY)
    cjk = re.compile(r"[\u3400-\u9fff]")
    for key in ("members", "supporters"):
        rows = section(brief, key).table.rows
        assert rows and all(not cjk.search(r[1]) for r in rows), [r[1] for r in rows]
        assert any(cjk.search(r[0]) for r in rows)  # "Huairou Science City Plan (怀柔科学城规划)"
    overview = section(brief, "overview")
    assert "Type: Zone" in overview.paragraphs and not any(cjk.search(p) for p in overview.paragraphs if p.startswith("Type"))


def test_the_english_briefing_names_the_commission_as_it_names_itself(bundled):
    """The source line of page 1 said "Beijing Municipal Science and Technology Commission: self-assessment
    …" and the next paragraph "Beijing Municipal Science & Technology Commission": the document's English
    title now uses the commission's official English name (shared reference: english-names.md)."""
    brief = build_brief(bundled, ZONE, "en", DAY)
    text = "\n".join(p for s in brief.sections for p in s.paragraphs)
    assert "Source: Beijing Municipal Science & Technology Commission: self-assessment report" in text
    assert "Science and Technology Commission" not in text


def test_libreoffice_keeps_each_zones_picture_and_its_caption_on_page_one(bundled, tmp_path):
    """With the report's own sentence among the key points, the English BDA briefing (its title on two lines)
    left the picture's caption alone at the top of page 2: the picture's floor was 8 cm. At 7.5 cm all
    eight (four zones, two languages) keep the picture and its caption on page 1."""
    zones = ["中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"]
    files = []
    for zone in zones:
        for lang in ("zh", "en"):
            data, _, _ = render_brief(bundled, zone, "docx", lang, DAY)
            files.append(tmp_path / f"{zone}-{lang}.docx")
            files[-1].write_bytes(data)
    subprocess.run([_office(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
                   check=True, capture_output=True, timeout=480)
    for source in files:
        pdf = source.with_suffix(".pdf")
        text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        images = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)], capture_output=True,
                                text=True, check=True).stdout.splitlines()[2:]
        assert images, f"{source.stem}: no picture on page 1"
        assert "度关系网络" in text or "The network within" in text, f"{source.stem}: the caption is not on page 1"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_keeps_the_plans_picture_and_its_caption_on_one_page(bundled, tmp_path, lang):
    """Before (session 17): 三城一区's English briefing (eight supporters and thirteen fields in its key
    points) drew its picture at the foot of page 1 and left the caption alone at the top of page 2. The
    picture's paragraph now keeps with its caption: wherever LibreOffice puts one, the other is there."""
    data, _, _ = render_brief(bundled, "三城一区", "docx", lang, DAY)
    source = tmp_path / f"plan-{lang}.docx"
    source.write_bytes(data)
    subprocess.run([_office(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=240)
    pdf = source.with_suffix(".pdf")
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    pages = {int(line.split()[0]) for line in listing}
    assert len(pages) == 1, listing
    page = pages.pop()
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    caption = "度关系网络" if lang == "zh" else "The network within"
    assert caption in text, f"the picture is on page {page}, its caption is not"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_authors_paths_through_the_zones_members_are_one_line(bundled, lang):
    """Word cannot fold a row as the zone page does: the commission's five paths to 三城一区 (one direct, four
    through its zones) were the longest row of the supporters table, under the zone's own supporters. Its
    direct support stays; the paths through members are one line naming them, their evidence still cited
    (session 18)."""
    brief = build_brief(bundled, "三城一区", lang, DAY)
    rows = section(brief, "supporters").table.rows
    commission = next(r for r in rows if r[0].startswith(("北京市科学技术委员会", "Beijing Municipal Science")))
    path_lines = commission[4].split("\n")
    assert len(path_lines) == 2, path_lines
    assert "北京经济技术开发区" not in path_lines[0] and "Beijing Economic-Technological" not in path_lines[0]
    members = ["中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"] if lang == "zh" else \
        ["Zhongguancun Science City", "Huairou Science City", "Future Science City", "Beijing Economic-Technological"]
    assert all(m in path_lines[1] for m in members) and ("4 个成员" in path_lines[1] or "4 of its members" in
                                                         path_lines[1])
    assert commission[5].count("[") >= 5  # the folded paths' sentences are still in the appendix
    own = next(r for r in rows if r[0].startswith(("着力服务", "Serving the development")))
    assert own[4].count("\n") >= 4  # the zone's own supporter keeps every path: supporter -> member -> zone
    assert sum(("；" if lang == "zh" else "; ") in line for line in own[4].split("\n")) >= 4
