"""A listed short name that is its zone's name without the place is that place's only (session 15, s15-cities2).

Why: zones.yaml lists 香港科学园 with the short alias its own city uses, the name without 香港. On another city's
page that short name is a kind of park, often the tail of the city's own park (某某科学园): Guangzhou's report read
its park as Hong Kong's, even cold. A listed reading whose name is a place + the text read, on a page whose city
is known and is not that place, is dropped; with no city known (a Hong Kong speech repost) it is kept.
"""

from __future__ import annotations


def without_other_cities(finder, text: str, candidates: list) -> list:
    """`candidates` without listed short names bound to a place other than the page's city."""
    city = (finder.context.city or "")[:2]
    if not city:
        return candidates
    out = []
    for m in candidates:
        surface = text[m.start:m.end]
        prefix = m.name[: -len(surface)] if m.how == "lexicon" and len(m.name) > len(surface) and m.name.endswith(surface) else ""
        if len(prefix) >= 2 and prefix in finder.places and not prefix.startswith(city):
            continue
        out.append(m)
    return out
