"""An English listing of every node of a type that says more than its type is declined (session 18).

"Which companies manage the sub-funds of the city's innovation fund?" was answered with every node of type
Fund or company (22 rows, CB Insights and Nature among them): the list form reads the type words alone, and
each other word (manage, city, innovation) is a word some other form or name uses, so no check found it
unread. A listing of a whole type reads nothing but its type, list cues and question fillers: any other
word is a condition the listing would ignore. screen._list_qualifier does this for Chinese (session 13).
"""

from __future__ import annotations

import re

from graph.ask.forms import Grammar
from graph.ask.parser import Parse

#: The words of a plain listing besides its type words and the grammar's stop and question words.
_LISTING_EN = frozenset({"list", "show", "name", "give", "enumerate", "display", "all", "every", "each", "there",
                         "exist", "exists", "know", "graph", "many", "number", "count", "total", "altogether",
                         "overall", "in", "ones", "one", "named", "recorded", "held", "listed"})

#: Stop words elsewhere ("Which outside organisations is X working with?"), but of a whole-type listing a condition
#: of place: "Which zones are outside Beijing?" listed every zone (Beijing itself left out, every zone in it kept).
_PLACE_WORDS = frozenset({"outside", "external", "beyond"})


def qualifier_en(p: Parse, g: Grammar) -> list[str]:
    """The words of an English whole-type listing that are no type word, list cue or filler."""
    if p.form is None or p.form.query != "list" or p.language != "en" or p.slots:
        return []
    place = re.search(r"\b(outside|beyond|not in)\b.*", p.keyed) if p.excluded else None
    if place:  # the exclusion took the name out of the skeleton: the condition is the words from the cue on
        return [place.group(0).strip()]
    text = p.skeleton
    for word in g.type_words["en"]:
        text = word.regex.sub(" ", text)
    ignored = (_LISTING_EN | g.stop_words["en"] | set(g.question_words["en"])) - _PLACE_WORDS
    words = [w for w in re.findall(r"[a-z]+", text) if w not in ignored]
    return [" ".join(words)] if words else []
