"""A party committee written 中共 + place + 委 is a body, not a mention of its place (session 14, s14-dev9).

Why: 中共北京市委 signs a circular (dev9's 14th five-year plan) and opens resolutions; no suffix rule
ends a name at 委 alone, so outside a 《》 title (where `opening_bodies` reads it) nothing found the
committee, and the place inside it was read instead: 北京市 became a Region mention of the city, a
junk prediction where the gold has the committee (a place that only prefixes a name is no mention).
The blind splits share that cause: a place read out of a body the rules do not end (dev8: 中国 out of
中国农大; dev9: 北京市 out of 中共北京市委 and of names ending in 科协, 竞赛). This module reads the one
shape that is a closed pattern: 中共, a place of at most `max_place` characters ending like a city,
district, county or province, and 委 not followed by a member or another body of the committee
(`party_committees.yaml`). The committee is named as written (as `opening_bodies` names it), its full
name (中共北京市委员会, as the graph names the city's) an alias.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified
from loaders.text.entities import Mention

SPEC = Path(__file__).with_name("party_committees.yaml")
CONF = 0.7


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, frozenset[str]]:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    ends = "".join(raw["place_ends"])
    pattern = re.compile(rf"中共([\u4e00-\u9fff]{{1,{int(raw['max_place'])}}}?[{ends}])委")
    return pattern, frozenset(raw["not_after"])


def committee_mentions(finder, text: str) -> list[Mention]:
    """A mention for each 中共<place>委 that is the committee itself."""
    pattern, not_after = _pattern()
    out = []
    for m in pattern.finditer(text):
        if text[m.end():m.end() + 1] in not_after:
            continue
        written = m.group(0)
        name = to_simplified(written)  # as written, as opening_bodies names it; the full name an alias
        out.append(Mention(m.start(), m.end(), name, "Institution", CONF, "party_committee", surface=written,
                           aliases=[name + "员会"]))
    return out
