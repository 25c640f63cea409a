"""The extractor's rules and built-in lexicon, read once from rules.yaml and lexicon.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Suffix:
    end: str
    type: str
    conf: float
    kind: str | None = None
    alone: bool = False  # the ending alone is a name (科博会)
    placed: bool = False  # only a name a city or province opens (无锡市物联网集群, not 世界级集群)


@dataclass(frozen=True)
class Category:
    word: str
    type: str
    conf: float
    kind: str | None = None
    derive: dict | None = None


@dataclass
class Rules:
    suffixes: list[Suffix]
    verbs: frozenset[str]
    functions: frozenset[str]
    hard_words: frozenset[str]
    generic: frozenset[str]
    not_names: frozenset[str]
    categories: list[Category]
    quote_followers: dict[str, str]
    quote_types: dict[str, str]
    policy_ends: tuple[str, ...]
    periodical_after: tuple[str, ...]
    periodical_ends: tuple[str, ...]
    relative: list[dict]
    abbreviations: dict[str, str]
    lexicon: dict = field(default_factory=dict)
    verbs_by_kind: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cooperation: tuple[str, ...] = ()
    topic_verbs: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    generic_aliases: tuple[str, ...] = ()
    document_words: tuple[str, ...] = ()
    abbreviated_bodies: dict = field(default_factory=dict)
    event_patterns: list[dict] = field(default_factory=list)
    not_heads: tuple[str, ...] = ()  # common words ending like a name (格局, 部署)
    nominal_verbs: frozenset[str] = frozenset()  # verbs a segmenter tags v that name things inside names
    name_activities: frozenset[str] = frozenset()  # what a facility does (研究, 开发): words of its name (facility_edges.py)

    def relation_verbs(self) -> list[tuple[str, str]]:
        """(verb, kind) pairs, longest verb first."""
        pairs = [(v, kind) for kind, verbs in self.verbs_by_kind.items() for v in verbs]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @property
    def stops(self) -> frozenset[str]:
        return self.verbs | self.functions | self.hard_words


@lru_cache(maxsize=4)
def load_rules(path: Path = HERE / "rules.yaml", lexicon: Path = HERE / "lexicon.yaml") -> Rules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    suffixes = [Suffix(s["end"], type_, float(s["conf"]), s.get("kind"), bool(s.get("alone")), bool(s.get("placed")))
                for type_, items in raw["suffixes"].items() for s in items]
    categories = [Category(w, c["type"], float(c["conf"]), c.get("kind"), c.get("derive"))
                  for c in raw["list_categories"] for w in c["words"]]
    books = raw["book_titles"]
    return Rules(
        suffixes=sorted(suffixes, key=lambda s: -len(s.end)),
        verbs=frozenset(raw["left_verbs"]),
        functions=frozenset(raw["left_function"]),
        hard_words=frozenset(raw["hard_words"]),
        generic=frozenset(raw["generic_words"]),
        not_names=frozenset(raw["not_names"]),
        categories=sorted(categories, key=lambda c: -len(c.word)),
        quote_followers=dict(raw["quote_followers"]),
        quote_types=dict(raw["quote_types"]),
        policy_ends=tuple(books["policy_ends"]),
        periodical_after=tuple(books["periodical_after"]),
        periodical_ends=tuple(books.get("periodical_ends", ())),
        relative=list(raw["relative_names"]),
        abbreviations=dict(raw["abbreviations"]),
        lexicon=_with_cities(yaml.safe_load(lexicon.read_text(encoding="utf-8"))),
        verbs_by_kind={k: tuple(v) for k, v in raw["relation_verbs"].items()},
        cooperation=tuple(raw["cooperation_words"]),
        topic_verbs=tuple(raw["topic_verbs"]),
        not_after=tuple(raw["not_after"]),
        not_before=tuple(raw["not_before"]),
        generic_aliases=tuple(raw.get("generic_aliases", ())),
        document_words=tuple(books.get("document_words", ())),
        abbreviated_bodies=dict(raw["abbreviated_bodies"]),
        event_patterns=list(raw["event_patterns"]),
        nominal_verbs=frozenset(raw.get("nominal_verbs", ())),
        not_heads=tuple(raw.get("not_heads", ())),
        name_activities=frozenset(raw.get("name_activities", ())),
    )


def _with_cities(lexicon: dict) -> dict:
    """The lexicon's regions plus the prefecture-level cities of cities.yaml (a public list kept apart)."""
    cities = yaml.safe_load((HERE / "cities.yaml").read_text(encoding="utf-8"))["regions"]
    known = {item["name"] for item in lexicon["regions"]}
    lexicon["regions"] += [item for item in cities if item["name"] not in known]
    return lexicon
