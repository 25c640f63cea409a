"""A yes/no question answered by a listing: "中关村科学城有基金吗？", "Do A and B share any supporters?".

Why (session 15): yes_no.py settles a yes/no question about TWO named nodes (A supports B?). Asked of
one node and a type ("does 中关村科学城 have a fund?") or of what two nodes share, the question was
read by its listing form and answered as a listing: "图中没有支持中关村科学城的基金；与之相关的有 …",
an empty answer to a question whose answer is "no". The listing is still the evidence; it now opens
with the answer asked for:

  是/Yes  when the listing has rows (they are what makes it yes);
  否/No   when it has none: "the graph records none" (it holds what the report says, nothing more),
          followed by what the listing says relates instead. The status stays `empty` (no row answers;
          the API's and the pages' readers see an empty listing), the No is said in the summary.

Only a question that asks yes or no (吗, 是否, 有没有; does/is/are …) and holds no question word
(哪些, 什么, which, what …: "你知道哪些基金支持X吗" asks which), answered by a listing of one hop
(not a count, a ranking or a path), is framed so.
"""

from __future__ import annotations

import re

from graph.ask import model
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.ask.yes_no import asks_yes_no

#: The listing forms whose rows settle "is there any …": a row found is a yes, none a no.
LISTINGS = frozenset({"supporters", "supported", "members", "parts", "investments", "investors", "fields",
                      "field_actors", "indicators", "hosted", "hosts", "issued", "issuer", "partners",
                      "participants", "takes_part", "common", "common_supporters"})

#: Forms that read a bare "X有…吗 / does X have …": framed only with a type word ("有基金吗") and of a place
#: (a zone, district or region: what it holds), since a noun or verb they do not read ("Does BAAI have
#: supporters?", "Has the BMSTC hosted any events?", both read as parts before session 15's fixes) would
#: turn into a confident No.
_GENERIC = frozenset({"members", "parts"})
_PLACES = frozenset({"Zone", "District", "Region"})


def _of_a_place(got: model.Answer) -> bool:
    refs = got.params.get("refs") or []
    first = next((n for n in got.nodes if refs and n.id == refs[0]), None)
    return bool(got.params.get("types")) and first is not None and first.type in _PLACES

#: A question word makes it a wh-question, whatever it ends with ("…有哪些基金吗").
_WH = {"zh": re.compile(r"哪|什么|啥|谁|多少|几|怎|如何|为何|为什么"),
       "en": re.compile(r"\b(which|what|who|whom|whose|how|where|when|why|list|show|name|tell)\b")}


def framed(p: Parse, got: model.Answer) -> model.Answer:
    """The listing answer opened with 是/否 (Yes/No) when the question asks yes or no; else as it was."""
    lang = p.language
    if got.query not in LISTINGS or p.count or got.status not in ("answered", "empty"):
        return got
    if not asks_yes_no(p) or _WH[lang].search(p.skeleton):
        return got
    if got.query in _GENERIC and not _of_a_place(got):  # "Has the BMSTC hosted any events?" once read as its parts
        return got
    if got.count:
        return got.model_copy(update=dict(summary=say(lang, "是：", "Yes: ") + got.summary))
    said = say(lang, f"否：图中没有{got.interpretation}（图只含报告写到的关系）。",
               f"No: the graph records none ({got.interpretation}; it holds what the report says, nothing more).")
    related = got.summary.partition(say(lang, "；", ". Related"))[2]  # what the listing says relates instead
    if related:
        said += say(lang, related, " Related" + related)
    return got.model_copy(update=dict(summary=said))  # still `empty`: no row answers, the No is the summary
