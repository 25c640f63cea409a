"""Fields as Hong Kong, Macau and Taiwan write them (session 15, s15-cities2).

Why: the field lexicon holds mainland names (数字经济, 人工智能); a Taiwan report writes 數位經濟 and 人工智慧,
which after conversion to Simplified script (数位经济, 人工智慧) are still other words, so the field went unread. Each lexicon field containing a mainland part of regional_forms.yaml is also found
written with the regional part; the mention names the mainland field, so both spellings are one node. A regional spelling that is
itself a lexicon field (数码科技, 资讯科技) stays its own field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _parts() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = yaml.safe_load((HERE / "regional_forms.yaml").read_text(encoding="utf-8"))
    return tuple(sorted(((k, tuple(v)) for k, v in data.items()), key=lambda kv: -len(kv[0])))


def forms(fields: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(regional spelling, mainland field) for every field with a regional form."""
    known = dict.fromkeys(fields)  # in the lexicon's order, not a set's: two fields giving one spelling keep the first
    for name in known:
        for part, regional in _parts():
            if part not in name:
                continue
            for other in regional:
                spelling = name.replace(part, other)
                if spelling not in known:
                    yield spelling, name
