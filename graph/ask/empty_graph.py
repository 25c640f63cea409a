"""A question put to an empty graph: say the graph is empty, where ask looked, and how to build it.

Why: on a store with no nodes, `哪些计划支持怀柔科学城？` answered "no node named 怀柔科学城" and
suggested "年出台了哪些政策？" (no year: there are no documents). Both read as if the data were there
and the question wrong; the user's real problem is that nothing was built, or that the CLI looks in
another data dir than the one `make build` wrote (./.data). Session 12.
"""

from __future__ import annotations

from graph import empty
from graph.ask import model
from graph.ask.gazetteer import Gazetteer
from graph.ask.parser import Parse
from graph.ask.words import say
from graph.store import GraphStore


def is_empty(gaz: Gazetteer) -> bool:
    """No node at all: read off the store's gazetteer, which ask builds anyway (no extra query on Neo4j)."""
    return not gaz.types


def where(store: GraphStore, lang: str) -> str:
    """The data dir an embedded store reads, or the Neo4j it talks to (graph/empty.py finds them)."""
    server = empty.server(store)
    return empty.data_dir(store) or (f"Neo4j {server}" if server else
                                     say(lang, "内存（未关联任何数据目录）", "memory (tied to no data dir)"))


def answer(store: GraphStore, p: Parse, base: dict) -> model.Answer:
    place = where(store, p.language)
    head = say(p.language, f"图是空的：在 {place} 没有找到任何节点，所以无法回答。",
               f"The graph is empty: no node was found in {place}, so nothing can be answered. ")
    return model.Answer(**base, status="empty", summary=head + _how_to_build(store, p.language),
                        interpretation=say(p.language, "（图为空）", "(the graph is empty)"),
                        suggestions=[],  # no question can be answered; the commands are in the summary
                        notes=[say(p.language, f"数据位置：{place}", f"data: {place}")])


def _how_to_build(store: GraphStore, lang: str) -> str:
    """The commands that fill this store. INNOGRAPH_DATA_DIR=.data is advised only to a user of the embedded
    store who left it unset (session 13: it was advised when it was set, and to Neo4j users)."""
    if empty.data_dir(store) is None:
        return say(lang, "先建图：`make build` 或 `innograph build`。", "Build it first: `make build` or `innograph build`.")
    chosen = empty.data_dir_chosen()
    if chosen:
        return say(lang, f"先建图：`innograph build` 会建到这里（INNOGRAPH_DATA_DIR 已设为 {chosen}）；"
                         "`make build` 建的图在 ./.data。",
                   f"Build it first: `innograph build` builds it here (INNOGRAPH_DATA_DIR is set to {chosen}); "
                   "`make build` writes ./.data instead.")
    return say(lang, "先建图：`make build`（写入 ./.data），或 `innograph build`；用 make 建的图，"
                     "请设置 INNOGRAPH_DATA_DIR=.data 再提问。",
               "Build it first: `make build` (writes ./.data) or `innograph build`; for the graph make built, set "
               "INNOGRAPH_DATA_DIR=.data before asking.")
