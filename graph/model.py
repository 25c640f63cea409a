"""The typed records that cross every boundary: loaders make them, stores keep them.

Nothing else travels between loaders, stores and the ways out (API, CLI, viz):
extra fields are forbidden so that a typo in a data file is an error, not a
silently ignored attribute.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.schema import EDGE_TYPES, NODE_TYPES
from graph.text import slugify

Attrs = dict[str, Any]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Evidence(Record):
    """Where an edge comes from: the sentence and its character offsets in a document."""

    doc: str
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.doc, self.start, self.end)


class Document(Record):
    id: str
    title: str
    title_en: str = ""
    publisher: str = ""
    date: str = ""
    year: int | None = None
    origin: str = ""


class Node(Record):
    id: str
    type: str
    name_zh: str
    name_en: str = ""
    aliases: list[str] = Field(default_factory=list)
    attrs: Attrs = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in NODE_TYPES:
            raise ValueError(f"unknown node type {value!r}; valid: {', '.join(NODE_TYPES)}")
        return value

    @property
    def names(self) -> list[str]:
        """Every name the node answers to: Chinese, English, aliases."""
        return [n for n in (self.name_zh, self.name_en, *self.aliases) if n]

    def merged(self, other: Node) -> Node:
        """This node with `other`'s names, attributes and sources added (self wins on conflicts of names)."""
        name_en = self.name_en or other.name_en
        aliases = _union(self.aliases, other.aliases, [other.name_zh, other.name_en])
        aliases = [a for a in aliases if a not in (self.name_zh, name_en)]
        return self.model_copy(
            update={
                "name_en": name_en,
                "aliases": aliases,
                "attrs": {**other.attrs, **self.attrs},
                "sources": _union(self.sources, other.sources),
            }
        )


class Edge(Record):
    source: str
    target: str
    type: str
    attrs: Attrs = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in EDGE_TYPES:
            raise ValueError(f"unknown edge type {value!r}; valid: {', '.join(EDGE_TYPES)}")
        return value

    @property
    def key(self) -> tuple[str, str, str]:
        """One edge per (source, type, target): loading a relation twice adds evidence, not an edge."""
        return (self.source, self.type, self.target)

    def merged(self, other: Edge) -> Edge:
        seen = {e.key for e in self.evidence}
        extra = [e for e in other.evidence if e.key not in seen]
        return self.model_copy(
            update={"attrs": {**other.attrs, **self.attrs}, "evidence": [*self.evidence, *extra]}
        )


def node_id(type_: str, name_en: str = "", name_zh: str = "") -> str:
    """A stable id: the type and the English name as a slug, else a hash of the Chinese name.

    The same names give the same id on every rebuild, on every machine.
    """
    slug = slugify(name_en) if name_en else ""
    if not slug:
        slug = hashlib.sha1(name_zh.encode("utf-8")).hexdigest()[:10]
    return f"{type_.lower()}-{slug}"


def _union(*lists: list[str]) -> list[str]:
    out: list[str] = []
    for items in lists:
        for item in items:
            if item and item not in out:
                out.append(item)
    return out
