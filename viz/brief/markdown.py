"""A briefing as Markdown (GitHub flavour): headings, pipe tables, the picture.

Every piece of graph text is escaped: Markdown's markup characters get a
backslash and `& < >` become entities, so a name like `<b>x</b>` or `[a](b)`
shows as written and never becomes markup or a link. The picture is either a
file beside the .md (`picture_ref`, what `write_brief` does: GitHub does not
show data: URIs) or, for a single-file answer, a data: URI.
"""

from __future__ import annotations

import base64
import re

from viz.brief.content import Brief, Table

_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!])")
_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def escape(text: str) -> str:
    """Plain text made inert for Markdown (inline and in table cells)."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


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
