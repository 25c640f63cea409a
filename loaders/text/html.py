"""HTML -> a text view whose characters point back into the HTML source.

The standard library's parser reports where each piece of text starts; with
character references left unconverted, each reference becomes one view
character standing for the whole `&...;` in the source. Scripts, styles and
the usual navigation containers are skipped; block tags become line breaks.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from loaders.text.mapped import MappedText

SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select",
        "button", "iframe", "svg", "template"}
BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
         "section", "article", "main", "body", "title", "blockquote", "pre", "hr", "dd", "dt"}
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


class _Viewer(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.view = MappedText()
        self.title = MappedText()
        self.skipping: list[str] = []
        self.in_title = False
        self._line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self._line_starts.append(i + 1)

    def _at(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skipping.append(tag)
        self.in_title = self.in_title or tag == "title"
        self._break(tag)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag == "title":
            self.in_title = False
        self._break(tag)

    def handle_data(self, data):
        start = self._at()
        self._emit(MappedText.identity(self.source, start, start + len(data)))

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")

    def _ref(self, raw: str):
        start = self._at()
        end = start + len(raw) if self.source.startswith(raw, start) else start + len(raw) - 1
        piece = MappedText()
        piece.append(html.unescape(raw), start, end)
        self._emit(piece)

    def _emit(self, piece: MappedText):
        if self.skipping:
            return
        (self.title if self.in_title else self.view).extend(piece)

    def _break(self, tag: str):
        if tag in BLOCK and not self.skipping and not self.in_title:
            at = self._at()
            self.view.append("\n", at, at)


def html_view(source: str) -> tuple[MappedText, dict[str, str]]:
    """The text view of an HTML page and its <title> (as `meta["title"]`)."""
    viewer = _Viewer(source)
    viewer.feed(source)
    viewer.close()
    meta: dict[str, str] = {}
    title = " ".join(viewer.title.text.split())
    if title:
        meta["title"] = title
    return viewer.view, meta
