"""Session 15's linear-time rewrites give the answers of the loops they replace (issue 18).

Three rules read the whole page once per name: page_categories searched the page for 等+name per
suffix guess, own_title.mark_nested compared every policy with every mention, company_names
checked every mention per short company name found. On a megabyte of text they grew with the
square of the text (16.6 s of a 39 s run in mark_nested alone). What a
user relies on: the same mentions kept and the same names marked as before, on any page; timing
lives in benchmarks/bench_extract.py. Each test runs the old loop (copied here) beside the new code
on many made-up pages.
"""

from __future__ import annotations

import copy
import random
from types import SimpleNamespace

import pytest

from loaders.text import own_title, page_categories
from loaders.text.company_names import _Cover
from loaders.text.entities import Mention
from loaders.text.rules import load_rules

PIECES = ["等", "科创大走廊", "走廊", "大走廊", "建设", "A", "1", "、", "宁波", "等等", "。", "园区"]


def _old_after_deng(text: str, name: str) -> bool:
    at = text.find("等" + name)
    while at != -1:
        end = at + 1 + len(name)
        if end >= len(text) or not page_categories._continues(text[end]):
            return True
        at = text.find("等" + name, at + 1)
    return False


def _old_without_page_categories(text: str, mentions: list) -> list:
    return [m for m in mentions
            if not (m.how == "suffix" and not m.nested and m.start >= 0 and _old_after_deng(text, text[m.start:m.end]))]


def _page(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))


def _guesses(rng: random.Random, text: str) -> list[Mention]:
    out = []
    for _ in range(rng.randint(0, 12)):
        start = rng.randrange(len(text))
        end = rng.randint(start + 1, min(len(text), start + 8))
        out.append(Mention(start, end, text[start:end], "Zone", 0.5, rng.choice(["suffix", "suffix", "known"]),
                           nested=rng.random() < 0.2))
    return out


@pytest.mark.parametrize("seed", range(200))
def test_page_categories_keeps_what_the_search_per_name_kept(seed):
    rng = random.Random(seed)
    text = _page(rng)
    mentions = _guesses(rng, text)
    assert page_categories.without_page_categories(text, mentions) == _old_without_page_categories(text, mentions)


def test_a_category_after_deng_is_dropped_and_one_running_on_is_not():
    text = "宁波甬江、温州环大罗山等科创大走廊建设。推动科创大走廊加快建设。等园区A1。园区"
    alone = text.rindex("科创大走廊")
    park = len(text) - 2
    mentions = [Mention(alone, alone + 5, "科创大走廊", "Zone", 0.5, "suffix"),
                Mention(park, park + 2, "园区", "Zone", 0.5, "suffix")]
    assert page_categories.without_page_categories(text, mentions) == [mentions[1]]  # 等园区A1: runs on


def _old_mark_nested(mentions, report, rules) -> None:
    title = own_title.normalize(report.meta.get("title", ""))
    text = report.body.text
    policies = [m for m in mentions if m.type == "Policy" and not m.nested and own_title.kept_policy(m, rules)]
    for p in policies:
        own = bool(title) and own_title.normalize(p.name) in title or \
            p.start < own_title.HEAD and (p.start == 0 or text[p.start - 1] == "\n")
        for m in mentions:
            if not m.nested or m.start < p.start or m.end > p.end or m is p or m.end == p.end:
                continue
            if m.type == "Institution" and m.start == p.start or own and m.type in own_title.OWN_NESTED:
                m.titled = True


POLICY = "北京市人民政府关于促进科技成果转化的若干规定"


@pytest.mark.parametrize("seed", range(100))
def test_mark_nested_marks_what_the_loop_over_all_mentions_marked(seed):
    rng = random.Random(seed)
    rules = load_rules()
    text = ("\n" + POLICY + "。") * 6
    mentions = []
    for k in range(6):
        p = 1 + k * (len(POLICY) + 2)
        mentions.append(Mention(p, p + len(POLICY), POLICY, "Policy", 0.9, "book", nested=rng.random() < 0.2))
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(p - 3, p + len(POLICY) - 1)
            end = rng.randint(start + 1, p + len(POLICY) + 3)
            mentions.append(Mention(start, end, text[max(0, start):end], rng.choice(["Institution", "Zone", "Field"]),
                                    0.8, "suffix", nested=rng.random() < 0.8))
    rng.shuffle(mentions)
    title = rng.choice(["", POLICY, "别的标题"])
    report = SimpleNamespace(meta={"title": title}, body=SimpleNamespace(text=text))
    old = copy.deepcopy(mentions)
    _old_mark_nested(old, report, rules)
    own_title.mark_nested(mentions, report, rules)
    assert [m.titled for m in mentions] == [m.titled for m in old]


def _old_covered(mentions, start: int, end: int) -> bool:
    return any(m.start <= start and end <= m.end and not m.nested and m.type != "Region" and m.type != "District"
               or m.start < end and start < m.end and not m.nested and not (m.start <= start and end <= m.end)
               for m in mentions)


@pytest.mark.parametrize("seed", range(100))
def test_company_cover_answers_as_the_pass_over_every_mention(seed):
    """company_names asks of each short name found whether a name holds or crosses it; it read every mention."""
    rng = random.Random(seed)
    mentions = []
    for _ in range(rng.randint(0, 30)):
        start = rng.choice([-1, rng.randrange(60)])
        end = -1 if start < 0 else start + rng.randint(1, 12)
        mentions.append(Mention(start, end, "名", rng.choice(["Institution", "Region", "District", "Field"]), 0.5,
                                "suffix", nested=rng.random() < 0.3))
    cover = _Cover(mentions)
    for start in range(-2, 70):
        for end in range(start + 1, start + 8):
            assert cover.covered(start, end) == _old_covered(mentions, start, end), (start, end)
