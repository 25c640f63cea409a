"""The whole page, not only its prose: title, byline, date line, headings, table rows, lists.

A scraped page is navigation, then the document (its title, a byline such as
"来源:上海市闵行区科学技术委员会  发布时间:2024年2月6日", a document number, the
addressees), then the prose, then more navigation. The prose lines (long, with
sentence punctuation) are easy to find; the lines around them that belong to the
document are not prose but name things too (the title names the issuer, a table
header names a programme). `extent` widens the run of prose lines over such lines,
stopping at the first line that looks like navigation (a menu word of at most five
characters, a "|" separated bar, a known chrome phrase); blank and symbol-only
lines are stepped over, and so are a flattened table (`cell_table`) and a table of
contents or run of numbered headings with its caption (`contents`: 目 录 over
第一章 …, told from navigation by the numbering its lines hold, session 14) whole. `byline_publisher` reads the issuer from a byline, for a
page without a `publisher:` header: the publisher gives the city (and district)
that relative names (市委, 区政府, 全区 …) stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from loaders.text import cell_table, contents, table_reader

LOOK = 14  #: lines looked at above the first and below the last prose line
NAV_MAX = 5  #: a line this short (a menu word: 首页, 当前位置:) ends the document
NAV = re.compile(r"当前位置|您的位置|您现在的位置|网站地图|无障碍|^首页|登录|注册")
CJK = re.compile(r"[\u4e00-\u9fff]")
BYLINE = re.compile(r"(?:信息来源|文章来源|来源|发布机构|发文机关|发布单位|发文单位|供稿单位)\s*[:：]\s*"
                    r"([\u4e00-\u9fff()（）]{4,40}?)(?=\s|$|发布|时间|日期|作者|浏览|字号|[|｜])")
BODY_SUFFIX = re.compile(r"(?:委员会|人民政府|政府|局|厅|办公室|办|委|院|部|中心)$")
CAPTION = re.compile(r"[【\[](?:资料图|资料图片|图片|图|视频|音频)[】\]]")
SPEAKER = re.compile(r"(?:区长|市长|县长|主任|书记|局长|厅长|部长|主席)$")  #: 通州区区长: the head who reports
#: a table's header cells, one per line (序号, 任务名称 …): short like menu words, but they name the columns of the table
#: below them, so the document goes on above them (a title and a source line: session 17, s17-dev15)
COLUMN_HEADS = frozenset({"序号", "编号", "名称", "任务名称", "项目名称", "单位名称", "单位", "牵头单位", "责任单位", "配合单位",
                          "协办单位", "主责单位", "牵头部门", "责任部门", "完成时限", "时限", "时间", "指标", "指标名称",
                          "指标值", "目标值", "完成值", "备注", "任务", "内容", "进展", "完成情况", "项目", "金额"})


def extent(texts: list[str], prose: list[int], chrome: Callable[[str], bool]) -> tuple[int, int]:
    """(first, last) line of the document: the prose run widened over the page lines around it."""
    tables = {**contents.runs(texts), **cell_table.runs(texts)}
    tables.update({k: run for k, run in table_reader.header_runs(texts).items() if k not in tables})  # session 18
    return _widen(texts, prose[0], -1, chrome, tables), _widen(texts, prose[-1], 1, chrome, tables)


def _widen(texts: list[str], edge: int, step: int, chrome: Callable[[str], bool],
           tables: dict[int, tuple[int, int]]) -> int:
    """The farthest document line from `edge` going `step`: up to LOOK lines on, a flattened table whole."""
    k, seen = edge + step, 0
    while 0 <= k < len(texts) and seen < LOOK:
        if k in tables:  # a table stored one cell per line, or a table of contents, is document, however long
            edge = tables[k][0] if step < 0 else tables[k][1]
            k, seen = edge + step, 0
            continue
        kind = _kind(texts[k], chrome)
        if kind == "stop":
            break
        if kind == "content":
            edge = k
        if kind == "head":
            seen = -1  # a table's header row (序号, 任务名称): its title and source line may lie above it (session 17)
        k, seen = k + step, seen + 1
    return edge


def _kind(line: str, chrome: Callable[[str], bool]) -> str:
    """content, skip (blank, symbols, a chrome line between document lines), head (a table's header cell: skipped,
    and the lines above it looked at afresh) or stop (navigation)."""
    text = line.strip()
    if not CJK.search(text):
        return "skip" if not re.search(r"[A-Za-z]{3}", text) else "stop"
    if chrome(text) and not BYLINE.search(text) or len(text) <= NAV_MAX and text.endswith((":", "：")):  # 主席: opens a speech
        return "skip"
    if CAPTION.fullmatch(text):
        return "skip"  # 【资料图】: a picture's placeholder between the byline and the prose (session 12)
    row = text.startswith(("|", "｜")) or text.endswith(("|", "｜")) and text.count("|") + text.count("｜") >= 3
    if NAV.search(text) or ("|" in text or "｜" in text) and not row:
        return "stop"  # a menu bar (首页 | 新闻); a table row starts or ends with its bar (1 | 北京 | … |)
    if text in COLUMN_HEADS:
        return "head"  # 序号 / 任务名称 over a flattened table: its header row, not a menu (session 17)
    return "stop" if len(text) <= NAV_MAX and not SPEAKER.search(text) else "content"


def byline_publisher(lines: list[str]) -> str:
    """The issuing body named by a byline (来源:X, 发布机构:X), if it names one body."""
    for line in lines:
        found = BYLINE.search(line.strip())
        if found:
            name = found.group(1).strip()
            if "、" not in name and BODY_SUFFIX.search(name):
                return name
    return ""
