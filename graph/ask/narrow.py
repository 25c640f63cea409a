"""Type words narrower than the node type they map to: 实验室, 企业, 高校, 科学城, 规划 …

Why: a type word filters an answer by node type, but some words name only part of a type.
"怀柔科学城有哪些实验室" listed all four of the zone's projects (two are laboratories);
"中关村科学城有哪些企业" listed its two research institutes as enterprises. A planner reads
each row as an answer to the word asked, so a row of the type that is not what the word says
is a wrong answer. Each narrow word (forms.yaml `narrow`) names its type and how the graph
tells it apart: the node's `attrs.kind` (institutions: enterprise, university, research) or a
marker in its names (实验室 / laboratory, 科学城 / science city, 规划). Rows of that type
that do not carry it are left out and the answer says how many, and which; an institution
with no recorded kind is left out too, and counted apart, because the graph cannot say.

When a broad word of the same type is asked as well ("机构和企业"), nothing is narrowed.

Also here: "怀柔科学城有哪些规划/政策/计划/基金" asks for the zone's plans, not for
policies *located in* it (none are: a policy is not a place's member); such a members
question is answered as the zone's supporters of that type (`redirect`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from graph.ask.called import called_ids
from graph.ask.forms import FORMS_FILE, english_part, grammar
from graph.ask.model import Item
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.model import Node
from graph.schema import NODE_TYPES

SHOWN = 6
#: Types that are not a zone's (district's) member: "X有哪些政策/计划/基金" asks for X's supporters.
NOT_MEMBERS = frozenset({"Policy", "Fund", "Program"})


@dataclass(frozen=True)
class Narrow:
    type: str
    label: dict[str, str]
    words: dict[str, re.Pattern | None]
    kind: str | None
    names: dict[str, re.Pattern | None]
    #: also the rows the report's wording calls by the word (graph/ask/called.py: 新型研发平台)
    called: bool = False

    def holds(self, node: Node, called: frozenset[str] = frozenset()) -> bool | None:
        """True / False, or None when the graph does not say (an institution with no kind)."""
        if node.id in called:
            return True
        if self.kind:
            kind = str((node.attrs or {}).get("kind") or "")  # "province, city": a municipality is both
            return None if not kind else self.kind in {k.strip() for k in kind.split(",")}
        texts = [node.name_zh, node.name_en or "", *node.aliases]
        return any(rx is not None and any(rx.search(t.casefold()) for t in texts) for rx in self.names.values())


def _rx(text: str | None, english: bool) -> re.Pattern | None:
    if not text:
        return None
    return re.compile(r"\b(?:" + text + r")\b" if english else "(?:" + text + ")")


@lru_cache(maxsize=1)
def rules() -> tuple[Narrow, ...]:
    data = yaml.safe_load(FORMS_FILE.read_text(encoding="utf-8")).get("narrow", [])
    out = []
    for row in data:
        if row["type"] not in NODE_TYPES:
            raise ValueError(f"{FORMS_FILE}: narrow word of unknown type {row['type']!r}")
        names = row.get("names") or {}
        out.append(Narrow(row["type"], row["label"], {"zh": _rx(row.get("zh"), False), "en": _rx(row.get("en"), True)},
                          row.get("kind"), {"zh": _rx(names.get("zh"), False), "en": _rx(names.get("en"), True)},
                          bool(row.get("called"))))
    return tuple(out)


def asked(p: Parse, types: list[str]) -> list[Narrow]:
    """The narrow words of the question that filter its answer (none when a broad word of the type is asked too)."""
    found, asked_text, text = [], p.skeleton, p.skeleton
    # a Chinese question's English words are read with the English words ("E-Town 有哪些 platforms")
    langs = [p.language] + (["en"] if p.language == "zh" else [])
    english_asked = english = english_part(p.skeleton)
    for rule in rules():
        if rule.type not in types:
            continue
        for lang in langs:
            rx = rule.words.get(lang)
            source = asked_text if lang == p.language else english_asked
            if rx is not None and rx.search(source):  # one word may narrow two types (平台: projects and institutions)
                found.append(rule)
                if lang == p.language:
                    text = rx.sub(lambda m: " " * len(m.group(0)), text)
                else:
                    english = rx.sub(lambda m: " " * len(m.group(0)), english)
                break
    broad = {t for w in grammar().type_words[p.language] if w.regex.search(text) for t in w.types}
    if p.language == "zh":
        broad |= {t for w in grammar().type_words["en"] if w.regex.search(english) for t in w.types}
    return [r for r in found if r.type not in broad]


def redirect(form_query: str, types: list[str], anchor_type: str | None) -> str:
    """members of a zone or district typed Policy/Fund/Program (规划, 政策, 基金, 计划) -> its supporters of that type.

    hosts of what is no event, asked as a place ("Which zone hosts the autonomous driving test site?") -> where it
    is (session 12b): only an Event is ever hosted (HOSTED_BY, graph/schema.py), so a zone that "hosts" a
    project is the zone it lies in; the hosts form answered "nothing found", a wrong answer.

    hosts of what is no event, asked for a body ("Who runs the Happy Coder Program?") -> its supporters, where
    manages.py keeps those that lead it (session 14; session 13's left-over: it was "who hosted …: nothing")."""
    if form_query == "members" and types and set(types) <= NOT_MEMBERS and anchor_type in ("Zone", "District"):
        return "supporters"
    if form_query == "hosts" and types and set(types) <= PLACES and anchor_type not in (None, "Event"):
        return "location"
    if form_query == "hosts" and anchor_type not in (None, "Event"):
        return "supporters"
    return form_query


PLACES = frozenset({"Zone", "District", "Region"})


@dataclass
class Narrowed:
    items: list[Item]
    notes: list[str]
    #: a decline: every row of the narrowed type lacks the kind that would tell (地区 carry none)
    undecided: str = ""


def keep(items: list[Item], found: list[Narrow], lang: str, store=None) -> Narrowed:
    """Rows of a narrowed type that carry the word (kind, name, or the report's wording); the others are
    said, not listed."""
    if not found:
        return Narrowed(items, [])
    called: frozenset[str] = frozenset()
    wording = [r for r in found if r.called and r.names["zh"] is not None]
    if wording and store is not None:
        called = frozenset().union(*(  # each rule's wording over its own type's rows only (review)
            called_ids(store, [i.node for i in items if i.node.type == r.type], r.names["zh"]) for r in wording))
    by_type: dict[str, list[Narrow]] = {}
    for rule in found:
        by_type.setdefault(rule.type, []).append(rule)
    kept, dropped, unknown = [], {}, {}
    for item in items:
        rules_ = by_type.get(item.node.type)
        if not rules_:
            kept.append(item)
            continue
        verdicts = [r.holds(item.node, called) for r in rules_]
        if any(v is True for v in verdicts):
            kept.append(item)
        elif any(v is None for v in verdicts):
            unknown.setdefault(item.node.id, item.node)
        else:
            dropped.setdefault(item.node.id, item.node)
    words = label(found, lang)
    if unknown and not dropped and not any(i.node.type in by_type for i in kept):
        kinds = say(lang, "、", ", ").join(dict.fromkeys(NODE_TYPES[r.type].zh if lang == "zh" else r.type for r in found))
        return Narrowed(items, [], say(
            lang, f"图中的{kinds}没有标注类别，分不出哪些是{words}；去掉「{words}」再问，答案会列出所有{kinds}。",
            f"The graph records no kind for these {kinds} rows, so it cannot tell which are {words}; "
            f"ask without {words!r} to get every {kinds} row."))
    notes = []
    if dropped:
        notes.append(_dropped(lang, list(dropped.values()), words, found))
    if unknown:
        notes.append(say(lang, f"另有 {len(unknown)} 个在图中没有类别，无法判断是不是{words}，未列出：{_names(unknown.values(), lang)}",
                         f"{len(unknown)} more have no kind in the graph, so whether they are "
                         f"{words} is unknown; not listed: {_names(unknown.values(), lang)}"))
    return Narrowed(kept, notes)


def _dropped(lang: str, nodes: list[Node], words: str, found: list[Narrow]) -> str:
    how = (say(lang, "类别", "kind") if all(r.kind for r in found)
           else say(lang, "名称和报告原文的称呼", "name and the report's wording") if any(r.called for r in found)
           else say(lang, "名称", "name"))
    types = say(lang, "、", " or ").join(dict.fromkeys(NODE_TYPES[r.type].zh if lang == "zh" else r.type for r in found))
    return say(lang, f"按{how}筛选「{words}」：另有 {len(nodes)} 个{types}不是{words}，未列出：{_names(nodes, lang)}",
               f"filtered by {how} for {words}; left out as not {words} ({len(nodes)} {types}): "
               f"{_names(nodes, lang)}")


def _names(nodes, lang: str) -> str:
    nodes = list(nodes)
    shown = say(lang, "；", "; ").join((n.name_zh if lang == "zh" or not n.name_en else n.name_en) for n in nodes[:SHOWN])
    return shown + (say(lang, " 等", " …") if len(nodes) > SHOWN else "")


def label(found: list[Narrow], lang: str) -> str:
    return say(lang, "、", " or ").join(dict.fromkeys(r.label[lang] for r in found))


def relabel(interpretation: str, old: str, found: list[Narrow], types: list[str], lang: str) -> str:
    """'位于或属于怀柔科学城的项目/平台' -> '… 的实验室': the interpretation says the word asked."""
    if not found or not old:
        return interpretation
    narrowed = {r.type for r in found}
    parts = [label([r for r in found if r.type == t], lang) if t in narrowed
             else (NODE_TYPES[t].zh if lang == "zh" else t) for t in types]
    new = say(lang, "、", " or ").join(dict.fromkeys(parts))
    at = interpretation.rfind(old)
    return interpretation if at < 0 else interpretation[:at] + new + interpretation[at + len(old):]
