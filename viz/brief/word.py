"""A briefing as a Word document (.docx) with python-docx: Word, WPS and LibreOffice open it.

Chinese renders in Word only when a run names an East Asian font (`w:eastAsia`
in its `w:rFonts`); the styles (Normal, Title, headings, captions) and every run
written here name one (SimSun for text, SimHei for headings, which every Chinese
Windows, WPS and, through font substitution, LibreOffice has) and mark East Asian
text as zh-CN. Tables use the built-in "Table Grid" style with a repeated header
row. Text is made XML-safe (control characters cannot be stored in .docx).
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from viz.brief.content import Brief, Section, Table
from viz.export.graphml import xml_safe
from viz.fonts import DOCX_EAST_ASIA, DOCX_EAST_ASIA_HEADING

LATIN_FONT = "Calibri"
PICTURE_WIDTH = Cm(16)
#: The run properties the schema puts after w:lang.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def generate_docx(brief: Brief) -> bytes:
    doc = new_document()
    _page(doc)
    _styles(doc, brief.lang)
    props = doc.core_properties
    props.title, props.author = xml_safe(brief.title), "innograph"
    props.language = "zh-CN" if brief.lang == "zh" else "en-GB"
    _heading(doc, brief.title, 0)
    _paragraph(doc, brief.subtitle, italic=True, color=RGBColor(0x66, 0x66, 0x66))
    for section in brief.sections:
        _section(doc, section)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def set_run_fonts(run, east_asia: str = DOCX_EAST_ASIA, latin: str = LATIN_FONT) -> None:
    """Name the Latin and the East Asian font of one run (and mark its East Asian text zh-CN)."""
    run.font.name = latin
    _east_asia(run._element.get_or_add_rPr(), east_asia)


def _section(doc, section: Section) -> None:
    _heading(doc, section.heading, 1)
    for text in section.paragraphs:
        _paragraph(doc, text)
    if section.picture is not None:
        doc.add_picture(io.BytesIO(section.picture), width=PICTURE_WIDTH)
        _paragraph(doc, section.caption, style="Caption")
    if section.table is not None:
        _table(doc, section.table)


def _heading(doc, text: str, level: int) -> None:
    paragraph = doc.add_heading(level=level)
    set_run_fonts(paragraph.add_run(xml_safe(text)), DOCX_EAST_ASIA_HEADING)


def _paragraph(doc, text: str, style: str | None = None, italic: bool = False, color=None) -> None:
    paragraph = doc.add_paragraph(style=style)
    run = paragraph.add_run(xml_safe(text))
    run.italic = italic or None
    if color is not None:
        run.font.color.rgb = color
    set_run_fonts(run)


def _table(doc, table: Table) -> None:
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, table.columns):
        run = cell.paragraphs[0].add_run(xml_safe(text))
        run.bold = True
        set_run_fonts(run, DOCX_EAST_ASIA_HEADING)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row):
            run = cell.paragraphs[0].add_run(xml_safe(text))
            run.font.size = Pt(9)
            set_run_fonts(run)
    doc.add_paragraph()


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))


def _styles(doc, lang: str) -> None:
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption"):
        style = doc.styles[style_name]
        heading = style_name != "Normal" and style_name != "Caption"
        style.font.name = LATIN_FONT
        _east_asia(style.element.get_or_add_rPr(), DOCX_EAST_ASIA_HEADING if heading else DOCX_EAST_ASIA)
    doc.styles["Normal"].font.size = Pt(10.5)


def _east_asia(r_pr, font: str) -> None:
    """w:rFonts/@w:eastAsia and w:lang/@w:eastAsia, each child in the place the schema gives it."""
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), font)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        later = [r_pr.find(qn(t)) for t in _AFTER_LANG]
        later = [e for e in later if e is not None]
        if later:
            later[0].addprevious(lang)
        else:
            r_pr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
