"""Sections, paragraphs and sentences of a report body (positions in the body view).

Reports of this kind number their headings in four levels: 一、 (一) 1. (1).
A heading opens a section that lasts until the next heading of the same or a
higher level; each sentence knows its section path (e.g. "二/(二)/2"), which
the relation patterns use as topic scope and the evaluation uses to leave one
section out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING_LEVELS = (
    re.compile(r"^\s*([一二三四五六七八九十]+)、"),
    re.compile(r"^\s*[(（]([一二三四五六七八九十]+)[)）]"),
    re.compile(r"^\s*(\d+)[.．、](?!\d)"),
    re.compile(r"^\s*[(（](\d+)[)）]"),
)
HEADING_MAX = 60
SENTENCE_ENDS = "。！？!?"
CLAUSE_ENDS = ",，;；:："


@dataclass(frozen=True)
class Sentence:
    start: int  # in the body view
    end: int
    paragraph: int
    section: str  # "" before the first heading
    heading: bool = False


def heading_level(line: str) -> int | None:
    if len(line.strip()) > HEADING_MAX:
        return None
    for level, pattern in enumerate(HEADING_LEVELS):
        if pattern.match(line):
            return level
    return None


def split(text: str) -> list[Sentence]:
    """Every sentence of `text` with its paragraph number and section path."""
    out: list[Sentence] = []
    path: list[str] = []
    at = 0
    for number, line in enumerate(text.split("\n")):
        level = heading_level(line)
        if level is not None:
            label = HEADING_LEVELS[level].match(line).group(0).strip()
            path = path[:level] + [""] * (level - len(path)) + [label]
        section = "/".join(path)
        for start, end in sentence_spans(line):
            out.append(Sentence(at + start, at + end, number, section, level is not None))
        at += len(line) + 1
    return out


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of one line, ends included, outer spaces excluded."""
    spans, start = [], 0
    for i, ch in enumerate(line):
        if ch in SENTENCE_ENDS:
            spans.append((start, i + 1))
            start = i + 1
    spans.append((start, len(line)))
    out = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma/semicolon clauses of text[start:end] (absolute positions)."""
    out, s = [], start
    for i in range(start, end):
        if text[i] in CLAUSE_ENDS:
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out
