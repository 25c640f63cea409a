"""The city of a publisher whose name opens with the city's short name (珠海高新区管委会 -> 珠海市).

Why: `Context.of` reads the city from a publisher that spells it out (上海市科学技术委员会).
Zones, companies and their committees often open with the bare city name instead
(宁波国家高新区管理委员会, 珠海高新技术产业开发区管理委员会); their reports still say 全市 and
市委 for that city. The lexicon knows the cities of each province (`provinces`) and the
municipalities (`regions`), so the short name is read against that list only: a publisher
opening with any other two characters keeps no city, as before.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.text.context import Context
from loaders.text.rules import Rules


def _short_names(rules: Rules) -> dict[str, str]:
    """Short name -> city: 珠海 -> 珠海市, 北京 -> 北京市 (cities only, never a province)."""
    lex = rules.lexicon
    cities = [c for listed in lex.get("provinces", {}).values() for c in listed]
    cities += [r["name"] for r in lex["regions"] if r["name"].endswith("市")]
    return {c[:-1]: c for c in cities if len(c) >= 3}


def with_home_city(context: Context, rules: Rules) -> Context:
    """The context with the city its publisher's name opens with, when none was read."""
    if context.city or not context.publisher:
        return context
    short = _short_names(rules)
    for n in (3, 2):
        city = short.get(context.publisher[:n])
        if city and not context.publisher.startswith(city):
            return replace(context, city=city)
    return context
