"""The words of an answer: names, type names and sentences in the question's language."""

from __future__ import annotations

from graph.model import Node
from graph.schema import NODE_TYPES

EXAMPLES = {"zh": "哪些计划支持怀柔科学城？", "en": "Which programs support Huairou Science City?"}


def say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def both(node: Node | None) -> str:
    if node is None:
        return ""
    return f"{node.name_zh} / {node.name_en}" if node.name_en else node.name_zh


def display(node: Node, lang: str) -> str:
    if lang == "zh" or not node.name_en:
        return node.name_zh
    return f"{node.name_en} ({node.name_zh})"


def short(node: Node, lang: str) -> str:
    return node.name_zh if lang == "zh" or not node.name_en else node.name_en


def type_words(types: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(NODE_TYPES[t].zh for t in types)
    return " or ".join(types)
