"""A table stored one cell per line ("东城区 |", "145171 |", "|"): part of the document, not navigation.

Some statistics pages are stored with their table flattened: each cell on a line of its own, closed
by a "|" bar, the rows parted by a bare "|". Line by line this looks like a menu (short lines, bars),
so `page.extent` stopped at it and the page was taken to start at the notes below the table, losing
every district the table names (dev7, the statistics bureau's industry table: 21 misses).

What tells the two apart is what the cells hold. A table's cells are names and figures: several
cells are figures (145171, -10.2, 4.4%), which a menu never has, and several are names. A menu,
footer or pager has a navigation or furniture word in its cells (首页, 联系我们, 版权所有, 下一页):
such a line is never a cell, so it ends a run, and a run of cells is a table only with enough of
both figures and names. `runs` finds the tables; `page.extent` steps over each one whole.
"""

from __future__ import annotations

import re

#: one cell closed by its bar(s), or bars alone (a row's end); a long cell is a prose line, not a cell
CELL = re.compile(r"^\s*([^|｜]{0,24}?)\s*[|｜]+\s*$")
FIGURE = re.compile(r"^[-+−]?\d[\d,.]*\s*%?$")
NAME = re.compile(r"[\u4e00-\u9fff]{2}")
#: words of site furniture: a line holding one is a menu item, a footer or a pager, never a table cell
FURNITURE = re.compile(r"首页|当前位置|您的位置|网站地图|联系我们|关于我们|版权|登录|注册|主办|承办|备案|"
                       r"隐私|无障碍|上一页|下一页|尾页|返回|打印|关闭|分享|ICP", re.I)
MIN_FIGURES = 4  #: a flattened table has at least this many figure cells (a menu has none)
MIN_NAMES = 2  #: … and at least this many name cells (a pager's numbers alone are not a table)


def runs(texts: list[str]) -> dict[int, tuple[int, int]]:
    """{line: (first, last) of its table} for every line inside a flattened table of `texts`."""
    out: dict[int, tuple[int, int]] = {}
    start = None
    for k, line in enumerate([*texts, "\0"]):  # a sentinel closes the last run
        if _cell(line) is not None or start is not None and not line.strip():
            start = k if start is None else start
            continue
        if start is not None:
            end = _last_cell(texts, start, k - 1)
            if _is_table([_cell(t) for t in texts[start:end + 1]]):
                out.update(dict.fromkeys(range(start, end + 1), (start, end)))
            start = None
    return out


def _cell(line: str) -> str | None:
    """The cell's text of a cell line ("" for bars alone), None for any other line."""
    found = CELL.match(line)
    if not found or FURNITURE.search(line):
        return None
    return found.group(1).strip()


def _last_cell(texts: list[str], start: int, end: int) -> int:
    """The run's last cell line: blank lines after it belong to no table."""
    while end > start and not texts[end].strip():
        end -= 1
    return end


def _is_table(cells: list[str | None]) -> bool:
    """Enough figures and names among the cells (blank lines are None and count as neither)."""
    figures = sum(1 for c in cells if c and FIGURE.match(c))
    names = sum(1 for c in cells if c and NAME.search(c))
    return figures >= MIN_FIGURES and names >= MIN_NAMES
