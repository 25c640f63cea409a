"""The passes of session 17 (s17-names) over the mentions found, in order: one line in extract.py for all of them,
so that the parallel helpers' edits of extract.py do not meet (issue 18, session 17)."""

from __future__ import annotations

from loaders.text import dated_plans, division_lists, placed_bodies, planned_areas
from loaders.text.entities import Mention
from loaders.text.rules import load_rules


def s17_names_pass(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` after the session-17 name rules: planned areas, lists of divisions, bodies' whole names, divisions
    in titles, dated plans."""
    rules = load_rules()
    mentions = planned_areas.without_planned_areas(text, mentions)
    mentions = division_lists.with_division_lists(text, mentions)
    mentions = placed_bodies.with_placed_bodies(text, mentions, rules)
    mentions = division_lists.with_titled_divisions(text, mentions)
    return dated_plans.with_dated_plans(text, mentions, rules)
