"""Briefings: a node's profile, supporters, partners, indicators, picture and evidence, as a document.

    render_brief(queries, "怀柔科学城", "docx", "en") -> (bytes, media_type, filename)

`content.build_brief` decides what is said (in Chinese by default, English with
lang="en"); `markdown`, `html` and `word` only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.errors import InvalidInput
from graph.queries import GraphQueries
from viz.brief.content import Brief, build_brief
from viz.brief.html import generate_html
from viz.brief.markdown import generate_markdown
from viz.brief.text import LANGS, check_lang
from viz.brief.word import generate_docx


@dataclass(frozen=True)
class BriefFormat:
    name: str
    media_type: str
    suffix: str


BRIEF_FORMATS: dict[str, BriefFormat] = {
    f.name: f
    for f in (
        BriefFormat("html", "text/html; charset=utf-8", ".html"),
        BriefFormat("md", "text/markdown; charset=utf-8", ".md"),
        BriefFormat("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    )
}
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx"}


def brief_format(name: str | None) -> BriefFormat:
    key = (name or "").strip().lower()
    key = {"markdown": "md", "word": "docx", "htm": "html"}.get(key, key)
    if key not in BRIEF_FORMATS:
        raise InvalidInput(f"unknown briefing format {name!r}; formats: {', '.join(BRIEF_FORMATS)}")
    return BRIEF_FORMATS[key]


def render(brief: Brief, fmt: str, picture_ref: str | None = None) -> bytes:
    """A built briefing in one format (Markdown with the picture at `picture_ref`, else inline)."""
    kind = brief_format(fmt).name
    if kind == "docx":
        return generate_docx(brief)
    if kind == "md":
        return generate_markdown(brief, picture_ref).encode("utf-8")
    return generate_html(brief).encode("utf-8")


def render_brief(queries: GraphQueries, ref: str, fmt: str = "html", lang: str = "zh",
                 today: date | None = None) -> tuple[bytes, str, str]:
    """(the document, its media type, a file name) for the node `ref` names.

    NotFound / Ambiguous for a name that names no node or several; InvalidInput
    for an unknown format or language (checked before the graph is asked).
    """
    spec = brief_format(fmt)
    lang = check_lang(lang)
    brief = build_brief(queries, ref, lang, today)
    return render(brief, spec.name), spec.media_type, brief.stem + spec.suffix


__all__ = ["BRIEF_FORMATS", "LANGS", "Brief", "brief_format", "build_brief", "render", "render_brief"]
