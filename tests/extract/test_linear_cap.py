"""A text with no sentence marks is read in pieces: the same answers as the text with a 。 at each cut.

A badly scraped page (punctuation lost, one giant table row) is one "sentence"; the rules that
read a sentence per figure or name made it quadratic (issue 18). long_sentences.py cuts such a
sentence at a safe break every MAX_SENTENCE characters at most. What a user relies on: the
answers are those of the same text with a 。 written at the cuts (no hidden difference), a
name or a figure is never split by a cut, and every span still points into the file as it was.
"""

from __future__ import annotations

import re

import pytest

from loaders.report_loader import extract_report
from loaders.text.long_sentences import MARK, MAX_SENTENCE
from loaders.text.units import FIGURE

from .conftest import REPORT

HEADER, _, BODY = REPORT.read_text(encoding="utf-8").partition("\n---\n")
HEAD = HEADER + "\n---\n"
MARKS = re.compile(r"[。，、；：！？,;:!?（）()“”《》\n]")
SHAPES = {
    # the report's first 2,600 characters with every mark and line break lost: real names, figures, relations
    "no-punct": MARKS.sub("", BODY)[:2600],
    # the case: nothing but a figure (三家) over and over
    "repeat": "甲乙丙丁三家企业" * 330,
}


def _cuts(x) -> list[int]:
    """Original offsets where the reader put a 。 of its own (a view character standing for nothing)."""
    view = x.analysis.report.body
    return [view.starts[i] for i, ch in enumerate(view.text) if ch == MARK and view.starts[i] == view.ends[i]]


def _answers(x, shift=lambda i: i):
    """Mentions (original spans, name, type, rule, attributes), nodes and relations of an extraction."""
    report = x.analysis.report
    mentions = []
    for m in x.analysis.mentions:
        if m.start >= 0:
            start, end = report.body.span(m.start, m.end)
            mentions.append((shift(start), shift(end), m.name, m.type, m.how, round(m.conf, 3), repr(m.attrs)))
    nodes = sorted((n.type, n.name_zh) for n in x.nodes)
    relations = sorted((r.source.name, r.type, r.target.name) for r in x.analysis.relations)
    return mentions, nodes, relations


@pytest.fixture(scope="module", params=sorted(SHAPES))
def whole_and_written(request, tmp_path_factory):
    """(shape, its text, the extraction of the text, the extraction of the text with 。 written at its cuts)."""
    folder = tmp_path_factory.mktemp("cap")
    text = SHAPES[request.param]
    whole = folder / "whole.txt"
    whole.write_text(HEAD + text, encoding="utf-8")
    x = extract_report(whole)
    cuts = [c - len(HEAD) for c in _cuts(x)]
    written = folder / "written.txt"
    written.write_text(HEAD + "".join(text[a:b] + MARK for a, b in zip([0, *cuts], cuts)) + text[cuts[-1]:],
                       encoding="utf-8")
    return request.param, text, x, cuts, extract_report(written)


def test_the_cap_cuts_a_long_run_into_pieces_no_longer_than_the_cap(whole_and_written):
    shape, text, _, cuts, _ = whole_and_written
    assert len(cuts) >= 2
    bounds = [0, *cuts, len(text)]
    assert all(b - a <= MAX_SENTENCE for a, b in zip(bounds, bounds[1:]))


def test_a_cut_splits_no_name_and_no_figure(whole_and_written):
    shape, text, x, cuts, _ = whole_and_written
    names = [(s - len(HEAD), e - len(HEAD)) for spans in x.spans.values() for s, e in spans]
    figures = [f.span() for f in FIGURE.finditer(text)]
    assert names and figures
    for c in cuts:
        assert not any(a < c < b for a, b in names + figures), (shape, text[c - 8:c + 8])


def test_the_text_reads_as_the_same_text_with_a_full_stop_at_each_cut(whole_and_written):
    shape, _, x, cuts, written = whole_and_written
    at = [len(HEAD) + c + i for i, c in enumerate(cuts)]  # offsets of the written 。 in the second file

    def back(offset: int) -> int:
        return offset - sum(1 for a in at if a < offset)

    assert _answers(x) == _answers(written, back)
    assert not _cuts(written)  # the written text has sentence marks: nothing is cut again
