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
    out = []
    for m in mentions:
        if m.how == "suffix" and not m.nested and m.start >= 0 and _after_deng(text, text[m.start:m.end]):
            continue
        out.append(m)
    return out


def _after_deng(text: str, name: str) -> bool:
    at = text.find("等" + name)
    while at != -1:
        end = at + 1 + len(name)
        if end >= len(text) or not _continues(text[end]):
            return True
        at = text.find("等" + name, at + 1)
    return False


def _continues(ch: str) -> bool:
    """Whether the word after the category runs on into a longer name (等科创大走廊|建设 does not: 建设 is a verb
    noun after it; a letter or digit would)."""
    return ch.isascii() and ch.isalnum()
