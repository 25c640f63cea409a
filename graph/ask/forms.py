"""The question forms (forms.yaml), loaded and compiled once.

A form is a query with its phrasings: regular expressions over the question's
skeleton (names replaced by Ⓔ, years by Ⓨ), per language. Loading checks every
form against the query runners and the schema, so a typo in forms.yaml fails at
import with the form's id, not as a silent miss at question time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from graph.schema import NODE_TYPES

FORMS_FILE = Path(__file__).with_name("forms.yaml")
ENTITY, YEAR = "Ⓔ", "Ⓨ"


def english_part(skeleton: str) -> str:
    """The English words of a Chinese question, Chinese characters blanked so that English word
    boundaries hold ("Ⓔ 有什么 platform 吗", "Ⓔ有哪些platforms"): an English type word there still
    filters the answer (session 13b: it listed the test site among E-Town's platforms)."""
    return re.sub(r"[\u3400-\u9fff]", " ", skeleton)


LANGS = ("zh", "en")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z]{2,}")


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    weight: float
    slots: tuple[str, ...]  # group names of the {E}s, in order


@dataclass(frozen=True)
class Form:
    id: str
    query: str
    slots: int
    say: dict[str, str]
    ask: dict[str, str]
    patterns: dict[str, tuple[Pattern, ...]]
    weight: float = 1.0
    accepts: frozenset[str] = frozenset()
    otherwise: str | None = None
    example_type: str | None = None
    needs_year: bool = False
    needs_type: bool = False
    no_types: bool = False
    ignore_types: frozenset[str] = frozenset()
    #: offered as a suggestion (suggest.py); `suggest: false` for a form that answers only some nodes of its
    #: type (denotes: a zone made of zones), so "X指的是哪几个？" is not offered for every zone
    suggest: bool = True
    #: the types its second name must have to be offered as a suggestion (did_for, supported_in: a place);
    #: "What did Beijing do for CB Insights?" was offered after a decline and would find nothing (session 15)
    second_types: frozenset[str] = frozenset()

    def takes(self, node_type: str) -> bool:
        return not self.accepts or node_type in self.accepts


@dataclass(frozen=True)
class TypeWord:
    types: tuple[str, ...]
    regex: re.Pattern


@dataclass
class Grammar:
    forms: dict[str, Form]
    type_words: dict[str, list[TypeWord]]
    count_words: dict[str, re.Pattern]
    question_words: dict[str, list[str]]
    #: every literal word the patterns use, per language: what is *not* a name
    vocabulary: dict[str, set[str]] = field(default_factory=dict)
    #: words that are neither names nor cues (never read as an unknown name)
    stop_words: dict[str, set[str]] = field(default_factory=dict)
    #: words that begin or end names (科学城, institute): they extend an unknown name
    name_words: dict[str, set[str]] = field(default_factory=dict)
    #: everyday English words some names abbreviate to (MOST): names only in capitals
    everyday_en: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return load(FORMS_FILE)


def load(path: Path) -> Grammar:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    type_words = {lang: [] for lang in LANGS}
    for row in data["types"]:
        unknown = [t for t in row["types"] if t not in NODE_TYPES]
        if unknown:
            raise ValueError(f"{path}: type words name unknown node types {unknown}")
        for lang in LANGS:
            if not row[lang]:  # a word of one language only
                continue
            words = sorted(row[lang], key=len, reverse=True)
            bound = r"\b" if lang == "en" else ""
            regex = re.compile(bound + "(?:" + "|".join(_en_space(w) for w in words) + ")" + bound)
            type_words[lang].append(TypeWord(tuple(row["types"]), regex))
    macros = {lang: {"{Q}": "(?:" + "|".join(data["question_words"][lang]) + ")",
                     "{T}": "(?:" + "|".join(w.regex.pattern for w in type_words[lang]) + ")",
                     "{Y}": YEAR,
                     "{OUTCOME}": "(?:" + "|".join(data.get("outcome_words", {}).get(lang) or ["(?!)"]) + ")"}
              for lang in LANGS}
    forms = {}
    for row in data["forms"]:
        form = _form(row, macros, path)
        forms[form.id] = form
    for form in forms.values():
        if form.otherwise and form.otherwise not in forms:
            raise ValueError(f"{path}: form {form.id!r} falls back to unknown form {form.otherwise!r}")
    count_words = {lang: re.compile("|".join(data["count_words"][lang])) for lang in LANGS}
    words = data["words"]
    return Grammar(forms, type_words, count_words, data["question_words"], vocabulary=_vocabulary(data),
                   stop_words={lang: set(words["stop"][lang]) for lang in LANGS},
                   name_words={lang: set(words["name"][lang]) for lang in LANGS},
                   everyday_en=set(words["everyday_en"]))


def _form(row: dict, macros: dict, path: Path) -> Form:
    fid = row["id"]
    for key in ("query", "slots", "say", "ask"):
        if key not in row:
            raise ValueError(f"{path}: form {fid!r} lacks {key!r}")
    for t in [*row.get("accepts", []), *row.get("ignore_types", []),
              *([row["example_type"]] if row.get("example_type") else [])]:
        if t not in NODE_TYPES:
            raise ValueError(f"{path}: form {fid!r} names unknown node type {t!r}")
    patterns = {}
    for lang in LANGS:
        compiled = []
        for entry in row.get(lang, []):
            source, weight = (entry, 1.0) if isinstance(entry, str) else (entry["re"], entry.get("weight", 1.0))
            try:
                compiled.append(_pattern(source, weight, macros[lang], lang))
            except re.error as exc:
                raise ValueError(f"{path}: form {fid!r}, pattern {source!r}: {exc}") from None
        patterns[lang] = tuple(compiled)
    return Form(id=fid, query=row["query"], slots=int(row["slots"]), say=row["say"], ask=row["ask"],
                patterns=patterns, weight=float(row.get("weight", 1.0)),
                accepts=frozenset(row.get("accepts", [])), otherwise=row.get("otherwise"),
                example_type=row.get("example_type"), needs_year=bool(row.get("needs_year")),
                needs_type=bool(row.get("needs_type")), no_types=bool(row.get("no_types")),
                ignore_types=frozenset(row.get("ignore_types", [])), suggest=bool(row.get("suggest", True)),
                second_types=frozenset(row.get("second_types", [])))


def _pattern(source: str, weight: float, macros: dict[str, str], lang: str) -> Pattern:
    text = _en_space(source) if lang == "en" else source
    slots: list[str] = []
    while "{E}" in text:
        name = f"e{len(slots)}"
        slots.append(name)
        text = text.replace("{E}", f"(?P<{name}>{ENTITY})", 1)
    for macro, value in macros.items():
        text = text.replace(macro, value)
    return Pattern(re.compile(text), weight, tuple(slots))


def _en_space(source: str) -> str:
    """A literal space in an English pattern matches any run of spaces, or none."""
    return re.sub(r"(?<!\\) ", r"\\s*", source)


def _vocabulary(data: dict) -> dict[str, set[str]]:
    """The literal words of every pattern and word list: the words that are not names."""
    sources: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for row in data["forms"]:
        for lang in LANGS:
            sources[lang] += [e if isinstance(e, str) else e["re"] for e in row.get(lang, [])]
    for lang in LANGS:
        sources[lang] += data["question_words"][lang] + data["count_words"][lang]
        sources[lang] += [w for row in data["types"] for w in row[lang]]
    return {
        "zh": {w for s in sources["zh"] for part in re.split(r"[|()?.*+\[\]{}^$]", s)
               for w in _CJK_RUN.findall(part)},
        "en": {w for s in sources["en"] for w in _LATIN_WORD.findall(s.replace("\\b", " ").replace("\\s", " "))},
    }
