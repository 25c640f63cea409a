"""A briefing as Markdown (GitHub flavour): headings, pipe tables, the picture.

Every piece of graph text is escaped: Markdown's markup characters get a
backslash, `< >` become entities, and `&` only where it would start an entity
(`&copy;`), so a name like `<b>x</b>`, `&copy;` or `[a](b)` shows as written and
never becomes markup or a link, while "Science & Technology" stays readable in
the .md itself. A number opening a line escapes its `.`/`)`: CommonMark escapes
punctuation only, so `\1.` would show its backslash. The picture is either a
file beside the .md (`picture_ref`, what `write_brief` does: GitHub does not
show data: URIs) or, for a single-file answer, a data: URI.
"""

from __future__ import annotations

import base64
import re

from viz.brief.content import Brief, Table

_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!])")
_LINE_START = re.compile(r"^(\s*)(?:([-+>=])|(\d+)([.)]))")
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape(text: str) -> str:
    """Plain text made inert for Markdown (inline and in table cells)."""
    text = " ".join(str(text).split())
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_inert_marker, text)


def _inert_marker(m: re.Match) -> str:
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


def generate_markdown(brief: Brief, picture_ref: str | None = None) -> str:
    out = [f"# {escape(brief.title)}", "", f"*{escape(brief.subtitle)}*", ""]
    for section in brief.sections:
        out += [f"## {escape(section.heading)}", ""]
        for paragraph in section.paragraphs:
            out += [escape(paragraph), ""]
        if section.picture is not None:
            src = picture_ref or "data:image/png;base64," + base64.b64encode(section.picture).decode("ascii")
            out += [f"![{escape(section.caption)}]({src})", "", f"*{escape(section.caption)}*", ""]
        if section.table is not None:
            out += _table(section.table) + [""]
    return "\n".join(out)


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(escape(c) for c in table.columns) + " |",
             "|" + "|".join(" --- " for _ in table.columns) + "|"]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in table.rows]
    return lines
