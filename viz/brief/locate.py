"""Where a quoted sentence sits in its report, as a reader finds it: section, then paragraph.

A director cannot use "characters 2700-2777". The report's text (data/reports/<doc id>.txt,
the body after its `---` header, which is what evidence offsets count in) is split into
paragraphs (lines); lines such as "二、主要工作" or "1.着力承接重大科技任务" are headings.
An evidence quote is located by its offset when the text there is the quote, else by
searching for the quote; a quote that cannot be found gets no location (the appendix
still gives the document and the offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.model import Evidence

_PART = re.compile(r"^[一二三四五六七八九十]+、\S")
_SUB = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\S")
_ITEM = re.compile(r"^\d+[.、．]\S")
MAX_HEADING = 40


@dataclass(frozen=True)
class Place:
    part: str        #: "二、主要工作" ('' before the first part)
    sub: str         #: "(二)六个着力:…" ('' when the part has none yet)
    item: str        #: "1.着力承接重大科技任务" ('' when there is none yet)
    paragraph: int   #: 1-based, counted within the innermost heading

    def text(self, lang: str) -> str:
        heads = " › ".join(_short(h) for h in (self.part, self.sub, self.item) if h)
        if lang == "en":
            where = f"paragraph {self.paragraph}"
            return f"{heads}, {where}" if heads else f"opening, {where}"
        where = f"第 {self.paragraph} 段"
        return f"{heads}，{where}" if heads else f"开篇，{where}"


class ReportText:
    """A report's body with its paragraph starts and headings, for `place`."""

    def __init__(self, body: str):
        self.body = body
        self.starts: list[int] = []
        self.places: list[Place] = []
        part = sub = item = ""
        count = 0
        offset = 0
        for line in body.split("\n"):
            stripped = line.strip()
            heading = stripped and len(stripped) <= MAX_HEADING
            if heading and _PART.match(stripped):
                part, sub, item, count = stripped, "", "", 0
            elif heading and part and _SUB.match(stripped):
                sub, item, count = stripped, "", 0
            elif heading and part and _ITEM.match(stripped):
                item, count = stripped, 0
            elif stripped:
                count += 1
            self.starts.append(offset)
            self.places.append(Place(part, sub, item, max(count, 1)))
            offset += len(line) + 1

    def place(self, ev: Evidence) -> Place | None:
        start = ev.start if self.body[ev.start:ev.end] == ev.quote else self.body.find(ev.quote)
        if start < 0:
            return None
        return self.places[bisect_right(self.starts, start) - 1]


@lru_cache(maxsize=8)
def report_text(path: str) -> ReportText | None:
    file = Path(path)
    if not file.is_file():
        return None
    text = file.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    return ReportText(body if sep else text)


def _short(heading: str, width: int = 14) -> str:
    """A heading cut at its colon or comma ("(二)六个着力:推进…" -> "(二)六个着力"), at most `width`."""
    head = re.split(r"[:：,，。]", heading, maxsplit=1)[0]
    return head if len(head) <= width else head[: width - 1] + "…"


def report_path(doc_id: str) -> str:
    from loaders.sources import BUNDLED_DIR

    return str(BUNDLED_DIR.parent / "reports" / f"{doc_id}.txt")


def place(ev: Evidence) -> Place | None:
    """The section and paragraph of `ev` in its report, when the report's text is at hand."""
    found = report_text(report_path(ev.doc))
    return found.place(ev) if found else None
