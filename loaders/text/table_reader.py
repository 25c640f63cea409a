"""A table read by its header: the column a cell stands under says what the cell holds (issue 18, session 18).

Why: task tables, self-evaluation tables and budget tables say once, in a header row, what each column holds (序号 |
任务名称 | 牵头单位 | 配合单位 | 完成时限; 项目名称 | 主管部门 | 实施单位 | 预算资金), and every cell under 牵头单位 or
责任单位 is one or more bodies. The suffix grammar reads each cell as a sentence fragment and keeps only names whose own
ending it trusts in prose: a unit named bare (成果处, 规划处 under 责任单位, dev2) was lost, a PDF cell's "including" taken
into the name (含北京经济技术开发区管委会, dev15). Rules drawn from one split's names lift that split and no other; the
header is the page's own statement of the kind, so it is what this module reads instead of name shapes.

Four ways a page writes a table, all read here:
- rows as lines with cells parted by |, tabs or runs of spaces: a header row whose cells are column words (yaml) types
  the cells of every row with as many cells, column by column (bodies under a unit column, a project under 项目名称);
- a table flattened one cell per line (or a PDF's text, cells interleaved on one line): the header is a run of short
  lines (a header cell may break over two: 责任 / 单位) or a line holding several column words; the rows cannot be
  lined up with the columns, so only bodies are read, and only a cell (a line, or a space-parted token) made wholly of
  body names;
- a column head written before its cell as a field (主要责任单位:区发展改革委; (牵头单位: 市发改委、市经信局); 主责单位是
  市交通委、市公安局): the value is a run of bodies;
- a form, each label cell beside its value (项目名称 | X | 主管部门 | Y, or one cell a line): the label types its neighbour.
A cell is typed only when it ends as its kind ends (a body: the suffix grammar's Institution endings or a unit's, yaml;
or a name the gazetteer knows as a body); groups (各区政府, 有关区政府) and a task's verb (加强…) are no body, a cell's
"including" (含) and "and other departments" (等部门) are not part of a name. Guesses of the suffix grammar that a typed
cell supersedes (the cell with 含 in front) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text import cell_table, counted_item_lists
from loaders.text.boundaries import PUNCT
from loaders.text.entities import EntityFinder, Mention, from_entry

DATA = Path(__file__).with_suffix(".yaml")
CONF = 0.7
GUESSES = ("suffix", "list", "cell", "quote", "latin", "abbr-body")
SEPARATED = re.compile(r"\s*[|｜\t]\s*|\s{2,}")  #: cells of a row line parted by bars, tabs or runs of spaces
TOKEN = re.compile(r"[^\s|｜]+")  #: a cell of a flattened table: a line, or a space-parted token of a PDF line
PIECE_JOINS = re.compile(r"[、，,;；/]|(?<=[委局办处科室院厅部])和(?=\S)")
SHORT_LINE = 8  #: a header cell on a line of its own is this short (年度任务及目标 is 7)
REGION = 20000  #: characters after a header a flattened table is read over (linear time; a page's table, not the site)
RUN_LINES = 40  #: lines a header run is read over (a menu of short lines is not walked again and again: linear time)
TABLE_LINES = 300  #: lines a table written one cell per line runs over at most, below its header
#: the site's furniture below a table: the page's document ends there
END = re.compile(cell_table.FURNITURE.pattern + r"|当前位置|网站地图|扫一扫|相关文档|相关阅读|文档评论|上一篇|下一篇|责任编辑")
CELL_MAX = 60  #: a cell of bodies is shorter than a sentence
PIECE_MAX = 25  #: one body's name (北京经济技术开发区管委会 is 12)


@lru_cache(maxsize=1)
def _data() -> dict:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    data["column_of"] = {word: kind for kind, words in data["columns"].items() for word in words}
    return data


def with_table_cells(finder: EntityFinder, text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the bodies and projects of every typed table cell added, the guesses they supersede dropped."""
    data = _data()
    cells = [*_labelled(text, data), *_tables(text, data), *_label_cells(text, data)]
    if not cells:
        return mentions
    spans = {(m.start, m.end, m.type) for m in mentions}
    added, covered, untyped, units = [], [], set(), []
    for start, end, kind, strict in cells:
        if kind in ("none", "unknown"):  # the header says the column holds no name: a whole-cell guess (| 健全…服务中心 |)
            if kind == "none":  # is none; under a column word the yaml does not know, the other rules read the cell
                untyped.add((start, end))
            continue
        if kind == "Institution":
            units.append((start, end))
        found = _cell(finder, text, start, end, kind, strict, data)
        for m in found:
            covered.append((start, end, m.start, m.end))
            if (m.start, m.end, m.type) not in spans:
                spans.add((m.start, m.end, m.type))
                added.append(m)
    groups = tuple(data["groups"])
    covered.sort()
    units.sort()
    cover_starts, unit_starts = [c[0] for c in covered], [u[0] for u in units]
    kept = [m for m in mentions if not any(_superseded(m, c) for c in _around(covered, cover_starts, m.start))
            and not (m.how == "cell" and (m.start, m.end) in untyped)
            and not (m.how in GUESSES and text.startswith(groups, m.start)
                     and any(a <= m.start < b for a, b, *_ in _around(units, unit_starts, m.start)))]
    return kept + added


def _around(spans: list[tuple], starts: list[int], at: int, look: int = 16) -> list[tuple]:
    """The few spans (sorted by start) that start at or before `at`: the cells a mention can lie in (linear time)."""
    i = bisect_right(starts, at)
    return spans[max(0, i - look):i]


def _superseded(m: Mention, covered: tuple[int, int, int, int]) -> bool:
    """A guess inside a typed cell that takes the piece in with more (含|北京经济技术开发区管委会) or crosses it."""
    cell_start, cell_end, start, end = covered
    if m.how not in GUESSES or m.start < cell_start or m.end > cell_end or (m.start, m.end) == (start, end):
        return False
    return m.start < end and start < m.end and not (start <= m.start and m.end <= end)


def _labelled(text: str, data: dict):
    """(start, end, kind, strict=False) of each field value a unit column's head opens (主责单位是A、B; 牵头单位:A)."""
    words = sorted((w for w, k in data["column_of"].items() if k == "Institution"), key=len, reverse=True)
    joins = "|".join(map(re.escape, data["label_joins"]))
    label = re.compile("(?:" + "|".join(map(re.escape, words)) + r")\s*(?:[:：]\s*|(?:" + joins + r"))")
    for m in label.finditer(text):
        end = m.end()
        while end < len(text) and end - m.end() < CELL_MAX and text[end] not in "。；;\n)）】]":
            end += 1
        if end > m.end():
            yield m.end(), end, "Institution", False


def _label_cells(text: str, data: dict):
    """(start, end, kind, strict=False) of the cell after a label cell (a form's 项目名称 | X | 主管部门 | Y, or one
    cell a line: 实施单位 / 北京市…中心): the label types its neighbour, unless the neighbour is a column word too."""
    column_of, at = data["column_of"], 0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        parts = _row_parts(line) if SEPARATED.search(line.strip()) else []
        for (a, b), (c, d) in zip(parts, parts[1:]):
            kind = column_of.get(line[a:b].replace(" ", ""))
            if kind in ("Institution", "Project") and line[c:d].strip() not in column_of:
                yield at + c, at + d, kind, False
        kind = column_of.get(line.strip())
        if kind in ("Institution", "Project"):
            after = next((k for k in range(n + 1, min(n + 3, len(lines))) if lines[k].strip()), None)
            if after is not None and lines[after].strip() not in column_of and len(lines[after].strip()) <= CELL_MAX:
                start = at + sum(len(x) + 1 for x in lines[n:after])
                yield start, start + len(lines[after]), kind, False
        at += len(line) + 1


def _tables(text: str, data: dict):
    """(start, end, kind, strict=True) of each cell under a typed column of a table its header row announces."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    texts = [line for _, line in lines]
    k = 0
    while k < len(lines):
        header = _header_row(lines[k][1], data)
        if header:
            yield from _rows(lines, k, header, data)
            k += 1
            continue
        run_end = _short_run(texts, k)
        if run_end > k:  # a run of short lines: a header (its cells start below it), else none of this
            if _is_header(texts[k:run_end], data) and run_end < len(lines):
                yield from _flat_cells(text, lines[run_end][0], data)
                k = _line_after(lines, lines[run_end][0] + REGION)
            else:
                k = run_end
            continue
        start = _header_tokens(lines[k], data)
        if start is not None:
            yield from _flat_cells(text, start, data)
            k = _line_after(lines, start + REGION)
            continue
        k += 1


def header_runs(texts: list[str]) -> dict[int, tuple[int, int]]:
    """{line: (first, last) of its table} for every line of a table a header announces: a header written one cell per
    line (序号 / 任务名称 / … / 责任 / 单位), short like menu words, or a header row with the rows under it (序号 | 任务名称
    | 牵头单位), barred like a menu: the page goes on across them (`page.extent`)."""
    data, out, k = _data(), {}, 0
    while k < len(texts):
        kinds = _header_row(texts[k], data)
        if kinds:
            last = k
            for j in range(k + 1, len(texts)):
                if texts[j].strip():
                    if len(_row_parts(texts[j])) != len(kinds):
                        break
                    last = j
            out.update(dict.fromkeys(range(k, last + 1), (k, last)))
            k = last + 1
            continue
        if _form_row(texts[k], data):  # 项目名称 | X | 主管部门 | Y: a form's rows, each led by a label cell
            last = k
            for j in range(k + 1, len(texts)):
                if texts[j].strip():
                    if not _form_row(texts[j], data):
                        break
                    last = j
            out.update(dict.fromkeys(range(k, last + 1), (k, last)))
            k = last + 1
            continue
        run_end = _short_run(texts, k)
        if run_end > k and _is_header(texts[k:run_end], data):
            last = _table_end(texts, run_end)
            out.update(dict.fromkeys(range(k, last + 1), (k, last)))
            k = last + 1
            continue
        k = max(run_end, k + 1)
    return out


def _table_end(texts: list[str], start: int) -> int:
    """The last line of a table written one cell per line, from its first cell: up to the site's furniture (版权, 上一篇
    …), at most TABLE_LINES lines (its short cells, 成果处 or 2024年底, are no menu words)."""
    last = start - 1
    for j in range(start, min(len(texts), start + TABLE_LINES)):
        if END.search(texts[j]):
            break
        if texts[j].strip():
            last = j
    return last


def _short_run(texts: list[str], k: int) -> int:
    """The end (exclusive) of the run of short lines (blank lines between them) starting at line k; k if none does."""
    if not _short(texts[k]):
        return k
    j = k
    while j < len(texts) and j - k < RUN_LINES and (not texts[j].strip() or _short(texts[j])):
        j += 1
    return j


def _is_header(run: list[str], data: dict) -> bool:
    """A run of short lines is a header when its joined text holds two column words at least, one a unit column's."""
    cells = [line.strip() for line in run if line.strip()]
    if len(cells) < 3:
        return False
    joined = "".join(cells)
    words = [w for w in data["column_of"] if w in joined]
    return len(words) >= 2 and any(data["column_of"][w] == "Institution" for w in words)


def _header_row(line: str, data: dict) -> list[str] | None:
    """The column kinds of a header row (cells parted by bars, tabs or spaces), None when the line is none."""
    cells = [c for c in SEPARATED.split(line.strip()) if c]
    if len(cells) < 3 or not SEPARATED.search(line.strip()):
        return None
    kinds = [data["column_of"].get(c.replace(" ", "")) for c in cells]
    known = sum(k is not None for k in kinds)
    if known < 2 or known <= len(kinds) - known or not any(k not in (None, "none") for k in kinds):
        return None  # a header names its columns: most of its cells are column words (a form's row is label, value, …)
    return kinds


def _rows(lines, k: int, kinds: list[str | None], data: dict):
    """The cells of the rows under a header row with as many cells as it (a row of another shape ends the table)."""
    for at, line in lines[k + 1:]:
        if not line.strip():
            continue
        parts = _row_parts(line)
        if len(parts) != len(kinds):
            return
        for (a, b), kind in zip(parts, kinds):
            a += len(line[a:b]) - len(line[a:b].lstrip())
            b -= len(line[a:b]) - len(line[a:b].rstrip())
            yield at + a, at + b, kind or "unknown", True


def _short(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= SHORT_LINE and not re.fullmatch(r"[\d.、]+", s) and not any(ch in PUNCT for ch in s)


def _form_row(line: str, data: dict) -> bool:
    """A form's row: cells parted by bars, tabs or runs of spaces, the first a column word (项目名称 | X | 主管部门 | Y)."""
    if not SEPARATED.search(line.strip()):
        return False
    parts = _row_parts(line)
    return len(parts) >= 2 and line[slice(*parts[0])].replace(" ", "") in data["column_of"]


def _row_parts(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a row line: parted by bars or tabs when it has them, else by runs of spaces."""
    if re.search(r"[|｜\t]", line):
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^|｜\t]+", line)]
    else:
        parts = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    return [(a, b) for a, b in parts if line[a:b].strip()]


def _header_tokens(line: tuple[int, str], data: dict) -> int | None:
    """Where the cells start after a line holding three column words at least as tokens, one a unit column's (a PDF's
    header row: 序号 重点任务 工作措施 牵头部门 主责单位 协办单位 时限)."""
    at, text = line
    last, words, typed = None, 0, False
    for m in TOKEN.finditer(text):
        kind = data["column_of"].get(m.group())
        if kind:
            words += 1
            typed = typed or kind == "Institution"
            last = m.end()
    return at + last if words >= 3 and typed else None


def _flat_cells(text: str, start: int, data: dict):
    """Every line or space-parted token after a flattened table's header, up to the site's furniture."""
    end = min(len(text), start + REGION)
    for m in TOKEN.finditer(text, start, end):
        if cell_table.FURNITURE.search(m.group()):
            return
        if len(m.group()) <= CELL_MAX:
            yield m.start(), m.end(), "Institution", True


def _line_after(lines, at: int) -> int:
    return next((i for i, (start, _) in enumerate(lines) if start >= at), len(lines))


def _cell(finder: EntityFinder, text: str, start: int, end: int, kind: str, strict: bool, data: dict) -> list[Mention]:
    """The names in one cell. A body cell's pieces (parted by 、 ， and spaces) must each be a body when `strict` (a
    table's cell), and are kept one by one otherwise (a field a unit label opens: its value is bodies by the label)."""
    start, end = _trimmed(text, start, end, data)
    if end - start < 2:
        return []
    if kind == "Project":
        return [Mention(start, end, text[start:end], "Project", CONF, "cell", text[start:end], kind="project")] \
            if _project(text[start:end], data) else []
    out = []
    for a, b in _pieces(text, start, end):
        a, b = _trimmed(text, a, b, data)
        m = _body(finder, text, a, b, data)
        if m is None and strict:
            return []
        if m is not None:
            out.append(m)
    return out


def _pieces(text: str, start: int, end: int):
    at = start
    for m in PIECE_JOINS.finditer(text, start, end):
        yield at, m.start()
        at = m.end()
    for m in re.finditer(r"\S+", text[at:end]):
        yield at + m.start(), at + m.end()


def _trimmed(text: str, start: int, end: int, data: dict) -> tuple[int, int]:
    """The cell less spaces, a leading 含 and a closing 等部门."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > 2 and text[start] in "(（" and text[end - 1] in ")）":  # (含…管委会); a half bracket (开发区管委会)
        start, end = start + 1, end - 1  # is a name broken across a PDF's cells: left as it is, no body's ending
    for lead in data["leads"]:
        if text.startswith(lead, start) and end - start > len(lead) + 2:
            start += len(lead)
            break
    for tail in sorted(data["tails"], key=len, reverse=True):
        if text.endswith(tail, start, end) and end - start > len(tail) + 2:
            end -= len(tail)
            break
    return start, end


def _body(finder: EntityFinder, text: str, start: int, end: int, data: dict) -> Mention | None:
    piece = text[start:end]
    if not 2 <= len(piece) <= PIECE_MAX or re.search(r"\d", piece) or any(ch in PUNCT for ch in piece) \
            or piece.startswith(tuple(data["not_bodies"])):
        return None
    entry = finder.pick([e for e in finder.gazetteer.get(piece) if e.type == "Institution"])
    if entry is not None:
        return from_entry(entry, start, end, piece)
    ending = max((e for e in _endings(finder, data) if piece.endswith(e)), key=len, default=None)
    if ending is None or len(piece) - len(ending) < (2 if len(ending) == 1 else 1):
        return None
    local = piece.endswith(tuple(data["local_endings"]))
    return Mention(start, end, piece, "Institution", CONF, "cell", piece, kind="government", local=local)


def _endings(finder: EntityFinder, data: dict) -> tuple[str, ...]:
    """How a body's name ends: the suffix grammar's Institution endings and a unit's (yaml), read once per finder."""
    cached = getattr(finder, "_table_body_endings", None)
    if cached is None:
        cached = tuple({s.end for s in finder.rules.suffixes if s.type == "Institution"} | set(data["body_endings"]))
        finder._table_body_endings = cached
    return cached


def _project(cell: str, data: dict) -> bool:
    """A cell under 项目名称 is a project when it ends as a counted list's projects end (…工程, …中心, …平台, …项目)."""
    endings = next(k["endings"] for k in counted_item_lists._data()["kinds"] if k["type"] == "Project")
    marks = any(ch in PUNCT for ch in cell if ch not in "()（）")
    return 2 < len(cell) <= 30 and not marks and cell.endswith(tuple(endings))
