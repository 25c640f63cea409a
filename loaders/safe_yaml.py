"""A YAML loader that a hostile file cannot blow up: bounded aliases, bounded depth, no duplicate keys.

PyYAML's SafeLoader refuses arbitrary objects but not three other attacks, all seen in
issue 19:

- an alias bomb ("billion laughs"): a few hundred bytes whose aliases refer to lists of
  aliases. The parser shares the objects, so parsing is quick, but every later step that
  walks the rows (validation, the snapshot) expands them: 43 s and 3 GB for 454 bytes.
- deep nesting (`[[[[…]]]]` 400 deep): the composer recurses once per level and ends in a
  RecursionError, a traceback instead of an answer.
- a key written twice in one mapping: the later silently wins.

This loader counts while it composes, before anything is built: the size each node would
have once its aliases are expanded, the number of alias uses, and the depth. Past a budget
it stops at once with `Refused`, which names the line, so a bomb costs milliseconds and
kilobytes. Curated data files use no aliases and nest 4-5 levels; the budgets leave room for
hand-written anchors and deeper attributes.
"""

from __future__ import annotations

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, SequenceNode

#: Deepest nesting of lists and mappings in one file (a data file needs about 5).
MAX_DEPTH = 32
#: Most alias uses (`*name`, also inside `<<: *name`) in one file.
MAX_ALIASES = 1000
#: Most YAML nodes that aliases may add once expanded (the written nodes do not count).
MAX_ALIAS_EXPANSION = 10_000


class Refused(yaml.YAMLError):
    """A structure over a budget: the whole file is refused (not one record)."""

    def __init__(self, problem: str, mark) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark

    @property
    def line(self) -> int | None:
        return self.problem_mark.line + 1 if self.problem_mark else None


class SafeLineLoader(yaml.SafeLoader):
    """SafeLoader with budgets; its mappings remember their line (see `LineDict`)."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._aliases += 1
                self._expanded += self._sizes.get(id(target), 1)
                if self._aliases > MAX_ALIASES:
                    raise Refused(f"more than {MAX_ALIASES} YAML aliases; refused", event.start_mark)
                if self._expanded > MAX_ALIAS_EXPANSION:
                    raise Refused(f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION} values "
                                  "(an alias bomb?); refused", event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise Refused(f"YAML nested deeper than {MAX_DEPTH} levels; refused", self.peek_event().start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._sizes[id(node)] = 1 + sum(self._sizes.get(id(child), 1) for child in _children(node))
        return node


def _children(node) -> list:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class LineDict(dict):
    line: int = 0


def _construct_mapping(loader: SafeLineLoader, node: MappingNode) -> LineDict:
    first: dict = {}
    for key_node, _ in node.value:  # before `<<` merges: a merged key may be overridden
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            if key in first:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first at line {first[key]})", key_node.start_mark)
            first[key] = key_node.start_mark.line + 1
        except TypeError:
            continue  # an unhashable key: construct_mapping reports it
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


SafeLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str):
    """The document in `text`; yaml.YAMLError (Refused for a budget) when it is malformed or hostile."""
    loader = SafeLineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        data = loader.construct_document(node)
        _dismantle(node)
        return data
    finally:
        loader.dispose()


def _dismantle(root) -> None:
    """Free the node tree one node at a time. Dropped whole, a 2 MB file's tree (a few hundred
    thousand nodes, two marks each) is freed in one cascade that held the GIL for about a second
    in the server, and every reader waited (issue 19, measured with a GIL watcher)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
            node.value = []
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
            node.value = []
