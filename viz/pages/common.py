"""What every page shares: the template environment, safe JSON for scripts, the bundled assets.

Pages are offline by construction: every script and style is inlined from this
package (viz/assets) or from pyvis's own copy of vis-network, and a last check
(`assert_offline`) refuses any page whose src or href points off the machine.
All text is escaped by Jinja's autoescape; data for scripts goes through
`script_json`, which cannot close a <script> element.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from graph.model import Node
from graph.schema import EDGE_TYPES, NODE_TYPES

ASSETS = Path(__file__).resolve().parent.parent / "assets"
VIS_DIR = "lib/vis-9.1.2"

#: The canvas font: Noto Sans CJK SC draws Chinese on Debian (fonts-noto-cjk); the others elsewhere.
FONT_FACE = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
_REMOTE = re.compile(r"""\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
_CSS_REMOTE = re.compile(r"""(?:url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//)""", re.I)


class RemoteReference(RuntimeError):
    """A page would fetch something from the network; it is never served or written."""


def script_json(value: Any) -> Markup:
    """JSON that is safe inside <script>: no `</script>`, no `<!--`, no line separators.

    A string is taken to be JSON text already (pyvis passes its options that way).
    """
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           separators=(",", ":"))
    return Markup(_SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m.group()], text))


def assert_offline(html: str) -> str:
    """`html`, after checking that no tag attribute or style fetches from the network.

    Script bodies are skipped: they are vis-network and viz/assets (checked when read)
    and data (script_json, which cannot open a tag); their opening tags are checked.
    """
    markup = _outside_scripts(html)
    match = _REMOTE.search(markup) or _CSS_REMOTE.search(markup)
    if match:
        start = max(match.start() - 60, 0)
        raise RemoteReference(f"page refers to the network: …{markup[start:match.end() + 60]}…")
    return html


def _outside_scripts(html: str) -> str:
    pieces, pos = [], 0
    lower = html.lower()
    while True:
        start = lower.find("<script", pos)
        if start < 0:
            pieces.append(html[pos:])
            return "".join(pieces)
        open_end = lower.find(">", start) + 1 or len(html)
        pieces.append(html[pos:open_end])
        close = lower.find("</script", open_end)
        pos = len(html) if close < 0 else close


@lru_cache
def asset(name: str) -> Markup:
    """A file of viz/assets, to inline (checked to hold no closing tag that would end its element)."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    if re.search(r"</(script|style)", text, re.I):
        raise ValueError(f"viz/assets/{name} holds a closing </script> or </style>")
    assert_offline(text)
    return Markup(text)


@lru_cache
def vis_network_js() -> Markup:
    """vis-network as pyvis 0.3.2 bundles it, to inline."""
    import pyvis

    text = (Path(pyvis.__file__).parent / "templates" / VIS_DIR / "vis-network.min.js").read_text("utf-8")
    if re.search(r"</script", text, re.I):
        raise ValueError("vis-network.min.js holds </script>")
    return Markup(text)


@lru_cache
def environment() -> Environment:
    """The Jinja environment of every page (autoescaped, strict about missing values)."""
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["script_json"] = script_json
    env.filters["show"] = show_value
    env.filters["headline"] = headline_en
    from viz.attr_names import attr_name

    env.globals.update(asset=asset, node_types=NODE_TYPES, edge_types=EDGE_TYPES,
                       legend_icon=legend_icon, font_face=FONT_FACE, attr_name=attr_name, show_attr=show_attr)
    return env


def show_value(value: Any) -> str:
    """An attribute value as text: lists joined, yes/no in the page's two languages (a bare "True"
    read as code on a director's page), the rest as str."""
    if isinstance(value, bool):
        yes, no = ("是", "yes"), ("否", "no")
        zh, en = yes if value else no
        return Markup(f'<span class="zh">{zh}</span><span class="en">{en}</span>')
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def show_attr(key: str, value: Any) -> str:
    """An attribute's value in both languages where it is a code with names (viz/attr_names.py `VALUES`:
    kind "government" -> 政府部门 / government), else as `show_value` gives it."""
    from viz.attr_names import attr_value

    zh, en = attr_value(key, value, "zh"), attr_value(key, value, "en")
    if zh is None:
        return show_value(value)
    return Markup('<span class="zh">{}</span><span class="en">{}</span>').format(zh, en)


def render(template: str, **context: Any) -> str:
    return assert_offline(environment().get_template(template).render(**context))


def headline_en(text: str) -> str:
    """An English name as a title or heading: its first letter capital. The official English of 三城一区 is
    written to run in a sentence ("part of three science cities and one area"), and began its page, its
    network and its briefing in lower case (session 17)."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def display_name(node: Node, lang: str = "zh") -> str:
    first, second = (node.name_zh, node.name_en) if lang == "zh" else (node.name_en, node.name_zh)
    return first or second or node.id


# ---- legend icons -----------------------------------------------------------

_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "box": '<rect x="1" y="4" width="14" height="8" rx="2"/>',
    "ellipse": '<ellipse cx="8" cy="8" rx="7" ry="4.5"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1.5 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14.5"/>',
    "hexagon": '<polygon points="4,2 12,2 15.5,8 12,14 4,14 0.5,8"/>',
    "star": '<polygon points="8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6"/>',
}


def legend_icon(type_name: str) -> Markup:
    """A small inline SVG of a node type's shape in its colour (no external reference)."""
    t = NODE_TYPES[type_name]
    shape = _SHAPES.get(t.shape, _SHAPES["dot"])
    return Markup(f'<svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                  f'fill="{t.color}">{shape}</svg>')
