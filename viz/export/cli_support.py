"""What `innograph export` and `innograph brief` do, minus the argument parsing.

Both check everything a user can get wrong before they ask the graph anything
(format, language, name-or-all, where the file goes) and raise InvalidInput with
one clear sentence; unknown or ambiguous names raise the queries' NotFound /
Ambiguous. Files are written whole or not at all (a temporary file renamed into
place), so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InvalidInput
from graph.model import Document
from graph.queries import GraphQueries
from graph.results import Subgraph
from viz.export import csvpair
from viz.export.registry import FORMATS, Format, format_for_suffix, get_format

FORMAT_HELP = "|".join(FORMATS)


@dataclass(frozen=True)
class Written:
    path: Path
    kind: str
    bytes: int
    seconds: float
    nodes: int = 0
    edges: int = 0
    extra: tuple[Path, ...] = ()
    #: why the file's counts differ from the network page's (the report's author's relations), or ""
    note: str = ""

    def message(self) -> str:
        what = f"{self.nodes} nodes, {self.edges} edges to " if self.nodes or self.edges else ""
        also = "".join(f" and {p}" for p in self.extra)
        note = f"; {self.note}" if self.note else ""
        return f"wrote {what}{self.path}{also} ({self.kind}, {_size(self.bytes)}, {self.seconds:.2f} s{note})"


def export_subgraph(queries: GraphQueries, name: str | None, all_: bool, depth: int,
                    types: Sequence[str] | None, fmt: str | None, output_path: Path | str,
                    include_publisher: bool = False, lang: str = "zh") -> Written:
    """Export NAME's subgraph (or the whole graph with all_) to `output_path` in `fmt`; a picture's
    labels in `lang` (zh or en).

    `fmt` None takes the format from the file suffix. A csv export to a folder (an
    existing one, or a path without suffix) writes nodes.csv and edges.csv into it;
    to a .zip path, the zipped pair.
    """
    from viz.brief.text import check_lang

    path = Path(output_path)
    spec = _export_format(fmt, path)
    lang = check_lang(lang)
    if bool(name and name.strip()) == bool(all_):
        raise InvalidInput("give a NAME or --all (not both)")
    to_folder = spec.name == "csv" and (path.is_dir() or not path.suffix)
    check_target(path, folder=to_folder)
    if spec.name == "csv" and not to_folder and path.suffix.lower() != ".zip":
        raise _csv_is_two_files(path)
    started = time.perf_counter()
    sub = queries.whole_graph() if all_ else queries.subgraph(name, depth, list(types or []),
                                                              include_publisher=include_publisher)
    documents = documents_for(sub, queries.store.documents())
    if to_folder:
        size = _write_folder(sub, path, documents)
    else:
        size = write_atomically(path, spec.render(sub, documents, lang))
    shown, note = _as_drawn(sub, spec.picture)
    return Written(path, spec.name, size, time.perf_counter() - started, len(shown.nodes), len(shown.edges),
                   note=note)


def _as_drawn(sub: Subgraph, picture: bool) -> tuple[Subgraph, str]:
    """What the file holds and, when the report's author was taken as context, why its count differs from
    the network page's: a picture draws the author tied to the centre only, as the page does (42 nodes and 50
    relations for 三城一区, where the message said 56: session 18); a data file keeps all its relations."""
    from viz.focus import collapse_subgraph

    if not getattr(sub, "context", None):
        return sub, ""
    focus = collapse_subgraph(sub)
    if not focus.hidden_edges:
        return (focus.sub if picture else sub), ""
    if picture:
        return focus.sub, (f"the report's author drawn tied to the centre only, as on the network page: "
                           f"its {focus.hidden_edges} other relations left out")
    return sub, (f"the network page draws {len(focus.sub.edges)} of them: the report's author's "
                 f"{focus.hidden_edges} other relations are in the file, not drawn")


def write_brief(queries: GraphQueries, name: str, output_path: Path | str, lang: str = "zh",
                fmt: str | None = None) -> Written:
    """A briefing of NAME to OUT.md|.html|.docx (`fmt` overrides the suffix).

    Markdown gets its picture as a PNG beside it (OUT.png), which GitHub and
    editors show; HTML and Word carry the picture inside.
    """
    from viz.brief import brief_format, build_brief, render
    from viz.brief.text import check_lang

    path = Path(output_path)
    spec = brief_format(fmt or _brief_kind(path))
    lang = check_lang(lang)
    check_target(path)
    started = time.perf_counter()
    brief = build_brief(queries, name, lang)
    extra: tuple[Path, ...] = ()
    picture_ref = None
    if spec.name == "md":
        picture = path.with_suffix(".png")
        check_target(picture)
        write_atomically(picture, brief.picture)
        extra, picture_ref = (picture,), picture.name
    size = write_atomically(path, render(brief, spec.name, picture_ref))
    return Written(path, f"{spec.name} briefing ({lang})", size, time.perf_counter() - started, extra=extra)


def documents_for(sub: Subgraph, documents: list[Document]) -> list[Document]:
    """The documents the subgraph cites (in evidence or as node sources)."""
    cited = {ev.doc for e in sub.edges for ev in e.evidence} | {s for n in sub.nodes for s in n.sources}
    return [d for d in documents if d.id in cited]


def _export_format(fmt: str | None, path: Path) -> Format:
    if fmt:
        return get_format(fmt)
    found = format_for_suffix(path.suffix)
    if found is None and path.suffix.lower() == ".csv":
        raise _csv_is_two_files(path)
    if found is None:
        raise InvalidInput(f"cannot tell the format from {path.name!r}; give --format ({FORMAT_HELP})")
    return found


def _csv_is_two_files(path: Path) -> InvalidInput:
    """`-o x.csv` is what a planner types first; the answer says both ways that work, ready to type
    (it said "cannot tell the format from 'x.csv'; give --format", and then, with --format csv,
    "give a folder … or a .zip file")."""
    stem = path.with_suffix("")
    return InvalidInput(f"a CSV export is two files, nodes.csv and edges.csv: give a folder "
                        f"(-o {stem} --format csv) or a zip of the pair (-o {stem}.zip), not {path}")


def _brief_kind(path: Path) -> str:
    from viz.brief import SUFFIXES

    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InvalidInput(f"a briefing is written as .md, .html or .docx, not {path.name!r}")
    return kind


def check_target(path: Path, folder: bool = False) -> None:
    """InvalidInput unless `path` can be written (as a file, or as a folder when `folder`)."""
    if path.is_dir() and not folder:
        raise InvalidInput(f"cannot write {path}: it is a folder; give a file name")
    parent = path if folder and path.is_dir() else path.parent
    if folder and not path.exists():
        parent = _existing_ancestor(path)
    if not parent.exists():
        raise InvalidInput(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise InvalidInput(f"cannot write {path}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InvalidInput(f"cannot write {path}: no permission to write in {parent}")
    if path.exists() and not path.is_dir() and not os.access(path, os.W_OK):
        raise InvalidInput(f"cannot write {path}: the file is read-only")


def _existing_ancestor(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists():
            return parent
    return Path(".")


def write_atomically(path: Path, data: bytes) -> int:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(data)


def _write_folder(sub: Subgraph, path: Path, documents: list[Document]) -> int:
    try:
        csvpair.write_csv(sub, path, documents)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    return sum((path / name).stat().st_size for name in ("nodes.csv", "edges.csv"))


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
