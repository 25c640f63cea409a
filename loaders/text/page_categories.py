"""A guess the page itself uses as a list's category names that kind everywhere in the page (issue 18,
session 13).

Why: 联动推进G60(浙江段)、宁波甬江、温州环大罗山、浙中等科创大走廊建设 … 推动科创大走廊加快建设 (dev2, Zhejiang): after 等,
科创大走廊 is the category of the corridors listed (the suffix rule declines a name right after 等 for that reason,
entities._name_ending); a few lines on the same words stand alone, and were read as a corridor's name. The page
has told what the words are: a kind. So a guessed name (suffix rule) whose whole text stands right after 等
elsewhere in the page is the same kind, not a name. A name the page also writes with more before it (杭州城西
科创大走廊) is another mention and is not touched.
"""

from __future__ import annotations


def without_page_categories(text: str, mentions: list) -> list:
    """`mentions` without the suffix guesses whose text the page uses as a category after 等."""
    guesses = [m for m in mentions if m.how == "suffix" and not m.nested and m.start >= 0]
    categories = _after_deng(text, {text[m.start:m.end] for m in guesses})
    out = []
    for m in mentions:
        if m.how == "suffix" and not m.nested and m.start >= 0 and text[m.start:m.end] in categories:
            continue
        out.append(m)
    return out


def _after_deng(text: str, names: set[str]) -> set[str]:
    """Those of `names` written right after some 等 of the page and not running on (`_continues`).

    One pass over the 等 of the page, looking up each length a name has (linear time, session 15:
    a search of the whole page per guessed name grew with the square of the page)."""
    lengths = sorted({len(n) for n in names})
    found: set[str] = set()
    at = text.find("等") if names else -1
    while at != -1:
        for n in lengths:
            name = text[at + 1:at + 1 + n]
            if len(name) < n:
                break
            end = at + 1 + n
            if name in names and (end >= len(text) or not _continues(text[end])):
                found.add(name)
        at = text.find("等", at + 1)
    return found


def _continues(ch: str) -> bool:
    """Whether the word after the category runs on into a longer name (等科创大走廊|建设 does not: 建设 is a verb
    noun after it; a letter or digit would)."""
    return ch.isascii() and ch.isalnum()
