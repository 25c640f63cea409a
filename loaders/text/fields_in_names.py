"""A field inside a longer name that no rule ends is no mention of the field (session 14, s14-dev9).

Why: the guideline does not count a field inside a name (人工智能 in 人工智能试验区): the name is the
entity. When the rules know the name's ending, the field is nested in it and dropped; when they do not,
the field is all that is read, a junk Field. The two splits blind when first scored share the cause
(dev8: 无人机 in a project's name, 自动驾驶 in the services of a list; dev9: 现代农业 and 智慧城市 in
北京…联合体, 机器人 in a robot contest's name and its events). The names' endings are of few kinds:
associations and alliances, contests, special programmes (`fields_in_names.yaml`). A field followed,
within a few characters with no break (punctuation, a function word, a verb), by one of these endings
is inside that name and is dropped; the same field elsewhere in the text is kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

SPEC = Path(__file__).with_name("fields_in_names.yaml")


@lru_cache(maxsize=1)
def _spec() -> dict:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return {"endings": tuple(sorted(raw["endings"], key=len, reverse=True)), "stops": frozenset(raw["stops"]),
            "window": int(raw["window"])}


def without_fields_in_names(finder, text: str, mentions: list) -> list:
    """`mentions` without the fields that open or sit inside a longer name of a listed ending."""
    spec = _spec()
    words = finder.words_of(text)
    return [m for m in mentions if not (m.type == "Field" and not m.nested and _inside_a_name(text, m.end, spec, words))]


def _inside_a_name(text: str, end: int, spec: dict, words) -> bool:
    """Whether a listed ending closes the run of name characters starting at `end`."""
    limit = min(len(text), end + spec["window"] + max(map(len, spec["endings"])))
    at = end
    while at < limit and text[at] not in spec["stops"]:
        if any(text.startswith(e, at) for e in spec["endings"]):
            return True
        if at > end and not words.inside(at) and words.verb_at(at):
            return False  # a verb: the field's clause goes on (机器人研发取得…)
        at += 1
    return False
