"""A briefing as one self-contained HTML page: styles inline, the picture as a data: URI.

Nothing is fetched from anywhere (the pages must work on an offline intranet), no
script at all, and every piece of graph text goes through html.escape.
"""

from __future__ import annotations

import base64
from html import escape

from viz.brief.content import Brief, Section, Table

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Zen Hei", sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.55; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
.subtitle { color: #666; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: .9rem; }
/* a phone: a long cell may break anywhere ("[1][2]", an English name), so six columns fit 390 px
   (the supporters table made the page 413 px wide) */
@media (max-width: 600px) { body { padding: 0 .6rem; } th, td { overflow-wrap: anywhere; padding: .25rem .3rem; } }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def generate_html(brief: Brief) -> str:
    lang = "zh-CN" if brief.lang == "zh" else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(brief.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(brief.title)}</h1>",
        f'<p class="subtitle">{escape(brief.subtitle)}</p>',
    ]
    for section in brief.sections:
        parts += _section(section)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _section(section: Section) -> list[str]:
    out = ["<section>", f"<h2>{escape(section.heading)}</h2>"]
    out += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
    if section.picture is not None:
        data = base64.b64encode(section.picture).decode("ascii")
        out += ["<figure>", f'<img src="data:image/png;base64,{data}" alt="{escape(section.caption)}">',
                f"<figcaption>{escape(section.caption)}</figcaption>", "</figure>"]
    if section.table is not None:
        out += _table(section.table)
    out.append("</section>")
    return out


def _table(table: Table) -> list[str]:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    rows = ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows]
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
