"""A briefing as a Word document (.docx) with python-docx: Word, WPS and LibreOffice open it.

Chinese renders in Word only when a run names an East Asian font (`w:eastAsia`
in its `w:rFonts`); the styles (Normal, Title, headings, captions) and every run
written here name one (viz/fonts.py: Noto Sans CJK SC, with Microsoft YaHei as its
alternative in the font table for Word and WPS on Windows), drop the template's
theme fonts (which would win over a named font) and mark East Asian text as zh-CN.
Page 1 holds the title, the key points (viz/brief/summary.py) and the picture, sized to the
room the key points leave (`_page_one_room`), then the overview. Tables use "Table Grid" with a repeated header row and the column
widths the content gives (a narrow number, a wide quote). A cell's line breaks are
kept. Text is made XML-safe (control characters cannot be stored in .docx).
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree

from viz.brief.content import Brief, Section, Table
from viz.export.graphml import xml_safe
from viz.fonts import DOCX_EAST_ASIA, DOCX_EAST_ASIA_HEADING, DOCX_FALLBACK

LATIN_FONT = DOCX_EAST_ASIA
TEXT_WIDTH = Cm(17)          #: A4 less two 2 cm margins
PICTURE_MAX_HEIGHT = Cm(12)  #: leaves room on page 1 for the title and the overview's counts
PICTURE_MIN_HEIGHT = Cm(7.5)  #: below this the labels are too small to read
PAGE_HEIGHT = Cm(25.7)       #: A4 less two 2 cm margins
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
#: The run properties the schema puts after w:lang.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def generate_docx(brief: Brief) -> bytes:
    doc = new_document()
    _page(doc)
    _styles(doc, brief.lang)
    _font_table(doc)
    props = doc.core_properties
    props.title, props.author = xml_safe(brief.title), "innograph"
    props.language = "zh-CN" if brief.lang == "zh" else "en-GB"
    _heading(doc, brief.title, 0)
    _paragraph(doc, brief.subtitle, italic=True, color=RGBColor(0x66, 0x66, 0x66))
    room = _page_one_room(brief)
    for section in brief.sections:
        _section(doc, section, room)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def set_run_fonts(run, east_asia: str = DOCX_EAST_ASIA, latin: str = LATIN_FONT) -> None:
    """Name the Latin and the East Asian font of one run (and mark its East Asian text zh-CN)."""
    run.font.name = latin
    _east_asia(run._element.get_or_add_rPr(), east_asia)


def _section(doc, section: Section, room: int = PICTURE_MAX_HEIGHT) -> None:
    _heading(doc, section.heading, 1)
    for text in section.paragraphs:
        _paragraph(doc, text)
    if section.picture is not None:
        width, height = _picture_size(section.picture, room)
        doc.add_picture(io.BytesIO(section.picture), width=width, height=height)
        # a picture goes where its caption goes: 三城一区's English key points left the caption alone on page 2
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
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
            paragraph = cell.paragraphs[0]
            for i, line in enumerate(xml_safe(text).split("\n")):
                if i:
                    brk = paragraph.add_run()
                    brk.add_break()
                    set_run_fonts(brk)
                run = paragraph.add_run(line)
                run.font.size = Pt(9)
                set_run_fonts(run)
    _widths(grid, table.widths or [1.0] * len(table.columns))
    doc.add_paragraph()


def _widths(grid, shares: list[float]) -> None:
    """Fixed column widths in proportion to `shares`, on the grid and on every cell (Word reads the
    cells, LibreOffice the grid)."""
    grid.autofit = False
    total = sum(shares)
    widths = [Emu(int(TEXT_WIDTH * s / total)) for s in shares]
    for column, width in zip(grid.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _page_one_room(brief: Brief) -> int:
    """How tall the picture may be to stay on page 1 below the text before it (the key points).

    LibreOffice and Word lay out the page; this estimates it from the text: a line of the body holds
    about 46 Chinese characters (a Latin letter counts half), 0.56 cm a line and 0.5 cm between
    paragraphs, plus the title, the date line, two headings and the caption. Without it a long
    English key points section pushed a 12 cm picture to page 2 and left page 1 half empty.
    """
    import math

    used = Cm(2.6 + 1.2 + 1.4 + 1.4 + 1.2 + 0.6)  # title, date line, two headings, caption, slack
    if len(brief.title) > 30:
        used += Cm(1.3)  # a title on two lines
    for section in brief.sections:
        if section.picture is not None:
            break
        for text in section.paragraphs:
            units = sum(1 if ord(ch) > 0x2E80 else 0.5 for ch in text)
            used += Cm(0.56 * max(1, math.ceil(units / 46)) + 0.5)
    return max(PICTURE_MIN_HEIGHT, min(PICTURE_MAX_HEIGHT, PAGE_HEIGHT - used))


def _picture_size(png: bytes, room: int = PICTURE_MAX_HEIGHT) -> tuple[int, int]:
    """The picture as wide as the text, or less, so it is at most `room` (PICTURE_MAX_HEIGHT) tall."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        w, h = image.size
    width = min(TEXT_WIDTH, int(room * w / h))
    return Emu(width), Emu(int(width * h / w))


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
    doc.styles["Title"].font.size = Pt(20)  # a zone's two names on one line


def _font_table(doc) -> None:
    """Declare the font with its alternative, GB2312 charset and sans-serif family in word/fontTable.xml."""
    part = next((p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    font = etree.SubElement(root, qn("w:font"), {qn("w:name"): DOCX_EAST_ASIA})
    etree.SubElement(font, qn("w:altName"), {qn("w:val"): DOCX_FALLBACK})
    etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
    etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss"})
    etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _east_asia(r_pr, font: str) -> None:
    """w:rFonts/@w:eastAsia and w:lang/@w:eastAsia, each child in the place the schema gives it."""
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    for theme in _THEME_FONTS:  # a theme font wins over a named one: the template's Calibri Light
        fonts.attrib.pop(qn(theme), None)
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
