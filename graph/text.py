"""Name normalisation shared by every lookup.

A planner types 懷柔科學城, ＨＳＣ or "huairou science city"; all of them must
find the same node. Normalising in one place keeps the memory index, the Neo4j
index and the loaders agreeing on what "the same name" means.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_SPACE = re.compile(r"\s+")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese, character for character where possible."""
    return _T2S.convert(text)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The lookup key of a name: NFKC (full width -> half width), Simplified, casefolded, one space."""
    text = unicodedata.normalize("NFKC", text or "")
    text = to_simplified(text)
    return _SPACE.sub(" ", text).strip().casefold()


def slugify(text: str) -> str:
    """ASCII slug for ids: 'Beijing E-Town (BDA)' -> 'beijing-e-town-bda'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
