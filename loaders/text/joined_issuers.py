"""Two issuing bodies written together are two bodies (session 15, s15-cities2).

Why: joint circulars name their issuers side by side with no mark between them (中共某省委办公厅某省人民政府办公厅
关于…); the suffix reader took the run as one Institution, and a second one cut inside the second body
(…办公厅某省人民政府), while the second body alone was never read. A body whose text splits into a first body ending
in an office word (办公厅, 人民政府 …; joined_issuers.yaml) and a second starting with 中共 or with a place read
there is the two bodies; readings that cross the joint are dropped.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _config() -> tuple[tuple[str, ...], tuple[str, ...], int]:
    data = yaml.safe_load((HERE / "joined_issuers.yaml").read_text(encoding="utf-8"))
    return tuple(data["first_ends"]), tuple(data["second_starts"]), int(data["shortest"])


def _joint(text: str, m, places: set[int]) -> int | None:
    """The offset where a second body starts inside the Institution `m`, or None."""
    ends, starts, shortest = _config()
    for p in range(m.start + shortest, m.end - shortest + 1):
        if not any(text.endswith(e, m.start, p) for e in ends):
            continue
        if p in places or text.startswith(starts, p):
            return p
    return None


def split_joined(text: str, mentions: list) -> list:
    """`mentions` with each run of two joined issuing bodies read as the two bodies."""
    places = {m.start for m in mentions if m.type == "Region"}
    joints = []
    for m in mentions:
        if m.type == "Institution" and not m.node_id:
            p = _joint(text, m, places)
            if p is not None:
                joints.append((m, p))
    if not joints:
        return mentions
    cut = {id(m) for m, _ in joints}
    points = [(m.start, p, m.end) for m, p in joints]
    have = {(m.start, m.end) for m in mentions if m.type == "Institution"}
    out = []
    for m in mentions:
        if id(m) in cut:
            continue
        if m.type == "Institution" and any(s <= m.start < p < m.end <= e for s, p, e in points):
            continue  # a reading across the joint (…办公厅某省人民政府)
        out.append(m)
    for m, p in joints:
        for start, end in ((m.start, p), (p, m.end)):
            if (start, end) not in have:
                name = text[start:end]
                out.append(replace(m, start=start, end=end, name=name, surface=name, node_id=None, nested=False))
                have.add((start, end))
    return out
