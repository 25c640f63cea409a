"""The place a page is about, when nothing says who issued it (session 13, issue 18).

Why: relative names (全市, 全区, 区委, 区政府, 我区 …) are switched off when no city or district is known
(`context.py`), so that a page of unknown origin never becomes evidence about Beijing's bodies. A page
reposted by a news site or written by a medium names no issuer in its header or head (`issuer.py`), yet
it is plainly about one place: a feature on one district names that district again and again, a report
on a Beijing zone names Beijing in the zone's name. Three blind splits lost relative names that way
(dev5 and dev7: 区委, 区委常委会 of a district named throughout a repost; dev8: 全市 in a medium's page on
E-Town). The place is read from the text as a last resort:

- the district: one district of the home city's (lexicon `districts`, name or short name) named at least
  `MIN_NAMED` times, and at least twice as often as any other district; its city is then the home city;
- the city: else one city of the lexicon (a municipality or a listed city, by name or short name) named at
  least `MIN_NAMED` times, and no other city named at all.

A page that names several districts alike (a municipal plan, a statistics table) or two cities keeps no
place, as before; nor does a city's own body: a municipal commission's report that names one district
most (the bundled 2018 report: 怀柔区 five times) speaks for the city, and its 全区 is not that district's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from graph.text import to_simplified
from loaders.text.context import Context
from loaders.text.rules import Rules

HOME_CITY = "北京市"  #: the city whose districts the lexicon lists (as `issuer.HOME_CITY`)
MIN_NAMED = 2  #: a place named once is a subject among others, not the page's place
#: a publisher that is a public body speaks for its own level (市科委, 区政府): no district is read for it
BODY = re.compile(r"委员会|委員會|局|厅|廳|政府|办公室|辦公室|管委会|管委會|人大|政协|政協|[^报報]委$")


def _pattern(names: dict[str, str]) -> re.Pattern:
    """One alternation, longest spelling first (昌平区 before 昌平)."""
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _counts(text: str, names: dict[str, str]) -> Counter:
    if not names:
        return Counter()
    return Counter(names[found.group(0)] for found in _pattern(names).finditer(text))


def districts(rules: Rules) -> dict[str, str]:
    """Spelling -> district: 昌平区 -> 昌平区, 昌平 -> 昌平区."""
    out = {}
    for item in rules.lexicon.get("districts", []):
        for spelling in (item["name"], *item.get("aliases", [])):
            if len(spelling) >= 2:
                out[spelling] = item["name"]
    return out


def cities(rules: Rules) -> dict[str, str]:
    """Spelling -> city: 北京市 and 北京 -> 北京市 (municipalities and the provinces' listed cities)."""
    lex = rules.lexicon
    names = [c for listed in lex.get("provinces", {}).values() for c in listed]
    out = {}
    for item in lex["regions"]:
        if item["name"].endswith("市"):
            out.update({s: item["name"] for s in (item["name"], *item.get("aliases", [])) if len(s) >= 2})
    for city in names:
        out.update({city: city, city[:-1]: city} if len(city) >= 3 else {city: city})
    out.pop("首都", None)  # the capital is named from any city
    return out


def _the_one(counts: Counter, alone: bool) -> str:
    """The most-named place when it is named MIN_NAMED times and stands out (alone: no other named)."""
    if not counts:
        return ""
    (first, n), *rest = counts.most_common()
    if n < MIN_NAMED or rest and (alone or rest[0][1] * 2 > n):
        return ""
    return first


def of_text(context: Context, text: str, rules: Rules) -> Context:
    """`context` with the page's district and city read from its text, where neither was known."""
    if context.district or BODY.search(context.publisher.split("(")[0].strip()):
        return context
    plain = to_simplified(text)
    district = _the_one(_counts(plain, districts(rules)), alone=False)
    if district and context.city in ("", HOME_CITY):
        return replace(context, city=HOME_CITY, district=district)
    if context.city:
        return context
    city = _the_one(_counts(plain, cities(rules)), alone=True)
    return replace(context, city=city) if city else context
