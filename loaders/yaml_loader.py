"""Curated YAML data: files with `documents`, `nodes` and `edges` lists.

All files of a load are read first, then documents, nodes and edges are made
in three passes, so an edge may name a node defined in any file of the load or
already in the graph. Every rejection carries its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.model import Document
from graph.store import GraphStore
from loaders.implicit import mark_implicit_subjects
from loaders.records import make_edge, make_node
from loaders.resolve import NameResolver
from loaders.result import LoadResult

DOCUMENT_KEYS = set(Document.model_fields) | {"path"}
TOP_KEYS = {"documents", "nodes", "edges"}


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings remember the line they start on."""


class LineDict(dict):
    line: int = 0


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def load_yaml(paths: list[Path], store: GraphStore | None = None) -> LoadResult:
    result = LoadResult()
    parsed: list[tuple[Path, dict]] = []
    for path in [f for p in paths for f in yaml_files(Path(p))]:
        content = _parse(path, result)
        if content is not None:
            parsed.append((path, content))
    texts = _documents(parsed, result, store)
    default_doc = next(iter(texts)) if len(texts) == 1 else None
    resolver = NameResolver(store)
    for path, content in parsed:
        for row in _rows(path, content, "nodes", result):
            try:
                result.kept.nodes.append(make_node(dict(row), resolver, [default_doc] if default_doc else []))
            except ValueError as exc:
                result.reject(str(path), row.line, str(exc))
    result.kept.nodes = list(resolver.nodes.values())
    for path, content in parsed:
        for row in _rows(path, content, "edges", result):
            try:
                result.kept.edges.append(make_edge(dict(row), resolver, texts, default_doc))
            except ValueError as exc:
                result.reject(str(path), row.line, str(exc))
    mark_implicit_subjects(result.kept, store)
    return result


def _parse(path: Path, result: LoadResult) -> dict | None:
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        result.reject(str(path), None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        result.reject(str(path), line, f"malformed YAML: {getattr(exc, 'problem', None) or exc}")
        return None
    except OSError as exc:
        result.reject(str(path), None, f"cannot read: {exc.strerror}")
        return None
    if content is None:
        return {}
    if not isinstance(content, dict) or set(content) - TOP_KEYS:
        result.reject(str(path), 1, f"a data file is a mapping with keys {', '.join(sorted(TOP_KEYS))}")
        return None
    return content


def _rows(path: Path, content: dict, key: str, result: LoadResult) -> list[LineDict]:
    rows = content.get(key) or []
    if not isinstance(rows, list):
        result.reject(str(path), getattr(content, "line", None), f"'{key}' must be a list")
        return []
    good = []
    for i, row in enumerate(rows):
        if isinstance(row, LineDict):
            good.append(row)
        else:
            result.reject(str(path), None, f"{key}[{i}] must be a mapping, got {type(row).__name__}")
    return good


def _documents(parsed: list[tuple[Path, dict]], result: LoadResult, store: GraphStore | None) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path, content in parsed:
        for row in _rows(path, content, "documents", result):
            data: dict[str, Any] = dict(row)
            unknown = set(data) - DOCUMENT_KEYS
            if unknown:
                result.reject(str(path), row.line, f"unknown document field(s) {', '.join(sorted(unknown))}")
                continue
            text_path = data.pop("path", None)
            if "date" in data:
                data["date"] = str(data["date"])
            try:
                doc = Document(**data)
                texts[doc.id] = (path.parent / text_path).read_text(encoding="utf-8") if text_path else ""
            except ValidationError as exc:
                result.reject(str(path), row.line, f"bad document: {exc.errors()[0]['msg']}")
                continue
            except (OSError, UnicodeDecodeError) as exc:
                result.reject(str(path), row.line, f"cannot read document text {text_path}: {exc}")
                continue
            result.kept.documents.append(doc)
    return texts
