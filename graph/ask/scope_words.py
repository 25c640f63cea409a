"""A question restricted to foreign or domestic parties ("Beijing's international partners", 国外合作伙伴):
declined, with the question without the restriction.

Why (session 17, blind set): "Who are Beijing's international partners?" listed every direct relation of
Beijing (27 rows: the Ministry of Education, figures, parks), 'international' dropped: it is a word of
graph names (北京国际学术交流季, International Center …), so no check counted it as unread, and no form reads
it. The graph holds no mark of foreign or domestic on a partner, a body or an event (a region's kind says
country or city, not "abroad"), so an answer could only ignore the word. Outside the names the question
was read with, such a word is a decline that says so and offers the question without it.
"""

from __future__ import annotations

import re

from graph.ask import model, replies
from graph.ask.parser import Parse
from graph.ask.words import say

SCOPE = {"zh": re.compile(r"国外|境外|海外|国内|境内|外国|国际"),
         "en": re.compile(r"\b(international|foreign|overseas|abroad|domestic|local)\b")}


def decline(p: Parse, base: dict) -> model.Answer | None:
    rest = p.keyed
    for m in sorted((m for m in p.mentions if m.ids), key=lambda m: -len(m.text)):
        rest = rest.replace(m.text, " ")
    langs = ("zh", "en") if p.language == "zh" else ("en",)
    hit = next((h for lang in langs if (h := SCOPE[lang].search(rest))), None)
    if hit is None:
        return None
    word, lang = hit.group(0), p.language
    sentence = say(lang, f"图中没有标注哪些是「{word}」的（合作方、机构、活动都没有境内外之分），只能不分{word}回答；"
                         "可以去掉这个词再问。",
                   f"The graph does not mark anything as {word} (partners, bodies and events carry no home or "
                   f"abroad); an answer could only ignore the word. Ask without it.")
    return replies.decline(p, base, sentence, _without(base["question"], word))


def _without(question: str, word: str) -> list[str]:
    joint = "" if word.isascii() is False else " "  # Chinese has no spaces between words
    rest = re.sub(r"\s*" + re.escape(word) + r"(的)?\s*", joint, question, count=1, flags=re.IGNORECASE)
    rest = re.sub(r"\s+([?？])", r"\1", rest).strip()
    return [rest] if rest and rest != question else []
