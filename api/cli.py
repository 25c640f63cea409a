"""The `innograph` command: every query of the graph, without a server.

Each query command prints a readable table, or with --json the same model the
HTTP API returns. A user mistake (unknown name, bad file, limit exceeded,
backend down) is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.text import Text

from api import render
from graph import limits
from graph.backends import open_store
from graph.errors import EmptyGraph, InnographError, InvalidInput, LoadError
from graph.queries import GraphQueries
from graph.settings import Settings, get_settings, settings_problem

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n")[0])
# markup=False: node names and user text may contain [brackets]; they are printed as they are.
out = Console(soft_wrap=True, markup=False)
err = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)  # one error, one line
ERROR = Text("error: ", style="red")

JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output")]
TypeOpt = Annotated[Optional[str], typer.Option("--type", "-t", help="node type, e.g. Program")]
YearOpt = Annotated[Optional[int], typer.Option(help="the year of a report (default: from its header or title)")]
MinConfidenceOpt = Annotated[float, typer.Option(min=0.0, max=1.0,
                                                 help="drop extracted names and relations below this confidence")]
PublisherOpt = Annotated[bool, typer.Option(
    "--include-publisher", help="walk, rank and find paths through the report's author too (default: it is context)")]


def handles_errors(fn):
    """Turn the project's errors into one line and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InnographError as exc:
            err.print(ERROR + (exc.located() if isinstance(exc, EmptyGraph) else exc.message))
            if isinstance(exc, LoadError):
                for r in exc.rejections[:50]:
                    err.print(f"  {r}", highlight=False)
            elif isinstance(exc, EmptyGraph):  # how to build, not names to try
                for line in exc.suggestions + _first_run_hints():
                    err.print(line, highlight=False)
            elif exc.suggestions:
                err.print("did you mean: " + "; ".join(exc.suggestions), highlight=False)
            raise typer.Exit(2) from None

    return wrapper


def _first_run_hints() -> list[str]:
    """Why a first run reads an empty store: the data dir it fell back to, and a graph `make build`
    left in ./.data that it did not read."""
    import os

    conf = get_settings()
    if conf.backend != "memory":
        return []
    hints = []
    if not os.environ.get("INNOGRAPH_DATA_DIR"):
        hints.append("INNOGRAPH_DATA_DIR is not set, so the user data dir was read")
    built = Path(".data") / "graph.json"
    if built.is_file() and built.resolve() != conf.snapshot_path.resolve():
        hints.append("a graph is built in ./.data: run with INNOGRAPH_DATA_DIR=.data")
    return hints


def settings(backend: str | None = None) -> Settings:
    try:
        base = get_settings()
    except ValidationError as exc:
        raise InvalidInput(f"bad setting: {settings_problem(exc)}") from None
    if backend not in (None, "memory", "neo4j"):
        raise InvalidInput(f"unknown backend {backend!r}; use memory or neo4j")
    return base.model_copy(update={"backend": backend}) if backend else base


@functools.lru_cache
def queries() -> GraphQueries:
    # lazy: one process, a few questions: read what they use of the snapshot, not all of it
    return GraphQueries(open_store(settings(), lazy=True))


def emit(data: Any, as_json: bool, *tables) -> None:
    if as_json:
        sys.stdout.write(json.dumps(_plain(data), ensure_ascii=False, indent=2) + "\n")
    else:
        render.show(out, *tables)


def _plain(data: Any) -> Any:
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if isinstance(data, list):
        return [_plain(d) for d in data]
    return data


# ---- loading --------------------------------------------------------------

@app.command()
@handles_errors
def build(backend: Annotated[Optional[str], typer.Option(help="memory or neo4j")] = None,
          as_json: JsonOpt = False):
    """Load the bundled data set into the configured backend (replacing the graph)."""
    from loaders.sources import build_bundled

    store = open_store(settings(backend))
    try:
        started = time.perf_counter()
        with err.status("building the graph from the bundled data …"):
            result = build_bundled(store)
        seconds = round(time.perf_counter() - started, 3)
    finally:
        store.close()
    summary = {**result.summary(), "backend": store.backend, "seconds": seconds}
    if as_json:
        emit(summary, True)
    else:
        out.print(f"built {summary['graph_nodes']} nodes and {summary['graph_edges']} edges from "
                  f"{summary['documents']} document(s) into {store.backend} in {seconds} s")


@app.command()
@handles_errors
def load(paths: Annotated[list[Path], typer.Argument(help="YAML files/dirs, a CSV pair, reports")],
         allow_rejects: Annotated[bool, typer.Option(help="store what is valid even if some records are rejected")] = False,
         year: YearOpt = None,
         min_confidence: MinConfidenceOpt = 0.0,
         as_json: JsonOpt = False):
    """Load more sources into the graph; with any rejection nothing is stored."""
    from loaders.sources import load_sources
    from loaders.text import budget

    with err.status("loading …"), budget.limit(settings().extract_timeout):
        result = load_sources(queries().store, paths, allow_rejects=allow_rejects, year=year,
                              min_confidence=min_confidence)
    summary = result.summary()
    if as_json:
        emit({**summary, "rejections": [str(r) for r in result.rejected]}, True)
        return
    out.print(result.describe())
    for r in result.rejected:
        err.print(f"  rejected {r}", highlight=False)


@app.command()
@handles_errors
def extract(path: Annotated[Path, typer.Argument(help="a report: .txt or .html (UTF-8, GB18030 or Big5)")],
            year: YearOpt = None,
            min_confidence: MinConfidenceOpt = 0.0,
            cold: Annotated[bool, typer.Option(help="ignore the graph's names (built-in lexicon only)")] = False,
            review: Annotated[Path | None, typer.Option(
                help="also write what a load would store as a YAML file to correct, then `innograph load` it")] = None,
            as_json: JsonOpt = False):
    """Report text -> nodes and edges with evidence, without storing anything."""
    from graph.errors import InvalidInput
    from loaders.report_loader import extract_report
    from loaders.text import budget

    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    with budget.limit(settings().extract_timeout):
        extraction = extract_report(path, None if cold else queries().store, year, min_confidence)
    if review is not None:
        from loaders.review import generate_review
        from viz.export.cli_support import check_target

        check_target(review)
        review.write_text(generate_review(extraction, path.name, str(review)), encoding="utf-8")
    if as_json:
        emit(extraction.to_json(), True)
        return
    doc = extraction.document
    by = f", published by {doc.publisher}" if doc.publisher else ", no publisher found"
    out.print(f"{doc.id}: {doc.title} ({doc.year or 'year not found'}{by}), "
              f"{len(extraction.nodes)} nodes, {len(extraction.edges)} edges")
    known = [n.id for n in extraction.nodes if not n.attrs.get("extracted")]
    stored = queries().store.get_nodes(known) if known and not cold else {}
    render.show(out, *render.extraction_tables(extraction.nodes, extraction.edges, stored))
    if extraction.dropped:
        out.print(f"{len(extraction.dropped)} name(s) and relation(s) below --min-confidence {min_confidence} left out")
    if review is not None:
        out.print(f"Nothing was stored. Wrote {review}: delete or correct what is wrong in it, then "
                  f"`innograph load {review}` stores the rest.")
        return
    out.print(f"Nothing was stored: `innograph load {path}` stores all of it, --min-confidence X leaves out "
              "what is less sure, --review FILE writes it to correct first, --json gives every mention.")


@app.command()
@handles_errors
def diff(from_year: Annotated[int, typer.Option("--from", help="the earlier year")],
         to_year: Annotated[int, typer.Option("--to", help="the later year")],
         as_json: JsonOpt = False):
    """Nodes and edges that appear or disappear between the reports of two years."""
    from loaders.diff import diff as year_diff

    result = year_diff(queries().store, from_year, to_year)
    if as_json:
        emit(result.to_json(), True)
        return
    render.show(out, render.nodes_table(result.nodes_added, f"{len(result.nodes_added)} node(s) new in {to_year}"),
                render.nodes_table(result.nodes_removed, f"{len(result.nodes_removed)} node(s) not in {to_year}"))
    out.print(f"edges: {len(result.edges_added)} new in {to_year}, {len(result.edges_removed)} not in {to_year}")


@app.command()
@handles_errors
def sync(from_neo4j: Annotated[bool, typer.Option("--from-neo4j", help="copy Neo4j into the embedded store instead")] = False,
         as_json: JsonOpt = False):
    """Copy the embedded graph into Neo4j (replacing what is there), or back with --from-neo4j."""
    from graph.store import Batch
    from loaders.sources import put

    memory, neo4j = open_store(settings("memory")), open_store(settings("neo4j"))
    source, target = (neo4j, memory) if from_neo4j else (memory, neo4j)
    try:
        with err.status(f"copying {source.backend} -> {target.backend} …"):
            batch = Batch(nodes=list(source.iter_nodes()), edges=list(source.iter_edges()),
                          documents=source.documents())
            put(target, batch, replace=True)  # into an empty Neo4j: its bulk load (loaders/sources.py)
            counts = target.counts()
    finally:
        memory.close()
        neo4j.close()
    summary = {"from": source.backend, "to": target.backend, "nodes": counts.total_nodes,
               "edges": counts.total_edges, "documents": counts.documents}
    if as_json:
        emit(summary, True)
    else:
        out.print(f"copied {summary['nodes']} nodes, {summary['edges']} edges and {summary['documents']} "
                  f"document(s) from {summary['from']} to {summary['to']}")


# ---- queries --------------------------------------------------------------

@app.command()
@handles_errors
def search(text: str, type_: TypeOpt = None,
           limit: Annotated[int, typer.Option(help=f"at most {limits.MAX_LIMIT}")] = 20,
           as_json: JsonOpt = False):
    """Find nodes by Chinese or English name or alias."""
    hits = queries().search(text, type_, limit)
    emit(hits, as_json, render.nodes_table(hits, f"{len(hits)} match(es) for {text}"))


@app.command()
@handles_errors
def show(name: str, as_json: JsonOpt = False):
    """One node: its names, type and attributes."""
    node = queries().get(name)
    emit(node, as_json, *render.node_tables(node))


@app.command()
@handles_errors
def zone(name: str, as_json: JsonOpt = False):
    """A zone's profile: members, supporters (with the path), fields, indicators."""
    profile = queries().zone(name)
    emit(profile, as_json, *render.zone_tables(profile))


@app.command()
@handles_errors
def supporters(name: str, type_: TypeOpt = None,
               limit: Annotated[int, typer.Option(help=f"at most {limits.MAX_LIMIT}")] = limits.MAX_LIMIT,
               offset: Annotated[int, typer.Option(help="skip this many first")] = 0,
               after: Annotated[str | None, typer.Option(help="the cursor a previous page printed: the supporters after it")] = None,
               as_json: JsonOpt = False):
    """Who supports a node, directly or via one of its members (direct first, then by supporter)."""
    total, items, next_after = queries().supporters_window(name, type_, limit, offset, after)
    if not items and not as_json:
        if type_ and not total:  # say what does support it instead (graph/fallback.py)
            render.show(out, *render.fallback_tables(queries().related_fallback(name, type_), queries().resolve(name)))
            return
        kind = f" of type {type_}" if type_ else ""
        out.print(f"no supporters{kind} of {name} in the graph" + (f" from {offset + 1} on" if total else ""))
        return
    shown = f" ({offset + 1}-{offset + len(items)} of {total})" if len(items) < total else ""
    emit(items, as_json, render.supporters_table(items, f"supporters of {name}{shown}", queries().resolve(name)))
    if next_after and not as_json:
        out.print(f"next page: --after {next_after}")


@app.command()
@handles_errors
def neighbors(name: str,
              depth: Annotated[int, typer.Option(help=f"1 to {limits.MAX_DEPTH}")] = 1,
              type_: TypeOpt = None,
              rel: Annotated[Optional[str], typer.Option(help="edge type to walk, e.g. SUPPORTS")] = None,
              year: Annotated[Optional[int], typer.Option(help="walk only edges with evidence from this year's documents")] = None,
              include_publisher: PublisherOpt = False,
              as_json: JsonOpt = False):
    """The neighbourhood subgraph of a node."""
    sub = queries().neighbors(name, depth, type_, rel, year=year, include_publisher=include_publisher)
    center = next((n for n in sub.nodes if n.id == sub.center), None)
    emit(sub, as_json, *render.subgraph_tables(sub), *(render.fallback_tables(sub.fallback, center) if sub.fallback else []))


@app.command()
@handles_errors
def path(a: str, b: str,
         max_hops: Annotated[int, typer.Option(help=f"1 to {limits.MAX_HOPS}")] = 4,
         include_publisher: PublisherOpt = False,
         through_hubs: Annotated[bool, typer.Option(
             "--through-hubs", help=f"read the edges of hubs the search must pass beyond (over "
                                    f"{limits.PATH_EXPAND_EDGES:,} edges a level); without it such a search declines")] = False,
         as_json: JsonOpt = False):
    """Shortest relationship paths between two nodes, with evidence."""
    found = queries().paths(a, b, max_hops, include_publisher=include_publisher, through_hubs=through_hubs)
    if not found and not as_json:
        out.print(_no_path(a, b, max_hops, include_publisher))
        return
    emit(found, as_json, *render.paths_tables(found))


def _no_path(a: str, b: str, max_hops: int, include_publisher: bool) -> str:
    """"No path", saying which publisher the search did not pass through and how to allow it."""
    from graph.publisher import context_ids

    q = queries()
    ends = [q.resolve(a).id, q.resolve(b).id]
    avoided = sorted(n.name_zh for n in q.store.get_nodes(context_ids(q.store, include_publisher, ends)).values())
    line = f"no path between {a} and {b} within {max_hops} hops"
    if avoided:
        line += (f" that does not pass through {'、'.join(avoided)} (the report's author, context by default); "
                 "--include-publisher allows it")
    return line


@app.command()
@handles_errors
def ask(question: Annotated[str, typer.Argument(help="a question in Chinese or English, in quotes")],
        as_json: JsonOpt = False):
    """Ask in Chinese or English: innograph ask "哪些计划支持怀柔科学城？" """
    from graph.ask import answer

    result = answer(queries(), question)
    emit(result, as_json, *render.answer_tables(result))


@app.command()
@handles_errors
def stats(as_json: JsonOpt = False):
    """Node and edge counts by type."""
    result = queries().stats()
    emit(result, as_json, *render.stats_table(result))
    if not result.nodes and not as_json:
        from graph.empty import how_to_build, where

        store = queries().store
        err.print(f"the graph is empty ({where(store)}); {how_to_build(store)}", highlight=False)
        for line in _first_run_hints():
            err.print(line, highlight=False)


@app.command()
@handles_errors
def reindex(check: Annotated[bool, typer.Option(
        "--check", help="only compare the kept indexes (zone; search on Neo4j) with the graph")] = False):
    """Rebuild the zone rollup index and (on Neo4j) the search index from the graph, or with --check
    say whether each is consistent."""
    from api.reindex_report import report  # words what each index was found or made
    store = queries().store
    if not hasattr(store, "reindex"):
        out.print(f"the {store.backend} backend keeps no zone index: nothing to rebuild")
        return
    done, problems = report(store.reindex(check=check), check, store.backend == "neo4j")
    for line in done:
        out.print(line)
    if problems:
        err.print(ERROR + "; ".join(problems) + ("; run `innograph reindex`" if check else ""), highlight=False)
        raise typer.Exit(1)


@app.command()
@handles_errors
def rank(by: Annotated[str, typer.Option(help="degree or betweenness")] = "degree",
         type_: TypeOpt = None, limit: int = 20, include_publisher: PublisherOpt = False,
         as_json: JsonOpt = False):
    """The most connected nodes, overall or within a type."""
    from graph import rank_apart

    q = queries()
    items = q.rank(by, type_, limit, include_publisher=include_publisher)
    emit(items, as_json, render.ranked_table(items, by, rank_apart.sentence(
        q.store, include_publisher, hint=" --include-publisher ranks them too.")))


@app.command()
@handles_errors
def bridges(include_publisher: PublisherOpt = False, as_json: JsonOpt = False):
    """Nodes tied to more than one zone."""
    items = queries().bridges(include_publisher=include_publisher)
    emit(items, as_json, render.bridges_table(items))


@app.command()
@handles_errors
def export(name: Annotated[Optional[str], typer.Argument(help="centre of the subgraph")] = None,
           all_: Annotated[bool, typer.Option("--all", help="the whole graph")] = False,
           depth: Annotated[int, typer.Option(help=f"1 to {limits.MAX_DEPTH}")] = 2,
           type_: TypeOpt = None,
           fmt: Annotated[Optional[str], typer.Option(
               "--format", "-f", help="graphml|gexf|json|csv|cypher|png|svg (default: from the -o suffix)")] = None,
           output: Annotated[Path, typer.Option("-o", "--output", help="file; for csv a folder or a .zip")] = ...,
           include_publisher: PublisherOpt = False,
           lang: Annotated[str, typer.Option("--lang", help="a picture's labels: zh or en")] = "zh"):
    """Export a subgraph (or the whole graph with --all) for Gephi, Cytoscape, Neo4j or a briefing."""
    from viz.export.cli_support import export_subgraph

    written = export_subgraph(queries(), name, all_, depth, [type_] if type_ else [], fmt, output,
                              include_publisher=include_publisher, lang=lang)
    err.print(written.message(), highlight=False)


@app.command()
@handles_errors
def brief(name: str,
          output: Annotated[Path, typer.Option("-o", "--output", help="OUT.md, OUT.html or OUT.docx")],
          lang: Annotated[str, typer.Option("--lang", help="zh or en")] = "zh"):
    """A briefing on a node: Markdown, HTML or Word, in Chinese (default) or English."""
    from viz.export.cli_support import write_brief

    err.print(write_brief(queries(), name, output, lang).message(), highlight=False)


@app.command()
@handles_errors
def synth(enterprises: Annotated[int, typer.Option(min=1, help="how many enterprises to generate")] = 10_000,
          seed: Annotated[int, typer.Option(help="the same seed gives the same files")] = 1,
          output: Annotated[Path, typer.Option("-o", "--output", help="directory for nodes.csv and edges.csv")] = Path("synth")):
    """Write a synthetic city-sized ecosystem as a CSV pair (for benchmarks and load tests)."""
    from loaders.synth import generate

    with err.status(f"generating {enterprises} enterprises …"):
        counts = generate(enterprises, seed, output)
    out.print(f"wrote {counts['nodes']} nodes and {counts['edges']} edges to {output}/nodes.csv, edges.csv")


# ---- serving --------------------------------------------------------------

@app.command()
@handles_errors
def serve(host: Annotated[Optional[str], typer.Option(help="address to bind (default: settings.host, 127.0.0.1)")] = None,
          port: Annotated[Optional[int], typer.Option(min=0, max=65535, help="port (default: settings.port, 8000; 0: any free port)")] = None):
    """Serve the JSON API and the pages (building the bundled graph first if the store is empty)."""
    import uvicorn

    from api.app import create_app
    from loaders.sources import build_bundled

    conf = settings()
    host, port = host or conf.host, conf.port if port is None else port
    store = open_store(conf)
    if store.counts().total_nodes == 0:
        with err.status("the graph is empty: building the bundled data set …"):
            build_bundled(store)
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
    out.print(f"innograph API at {url}/api/v1/ (docs at {url}/docs); Ctrl-C stops it", highlight=False)
    try:
        uvicorn.run(create_app(conf, store), host=host, port=port, log_level="info")
    finally:
        store.close()


@app.command()
@handles_errors
def view(name: Annotated[str, typer.Argument(help="centre of the page: id, name or alias")],
         depth: Annotated[int, typer.Option(help=f"1 to {limits.MAX_DEPTH}")] = 2,
         type_: TypeOpt = None,
         output: Annotated[Path, typer.Option("-o", "--output", help="the HTML file to write")] = Path("view.html"),
         include_publisher: PublisherOpt = False):
    """Write the interactive network page as one self-contained HTML file (works offline)."""
    from viz.export.cli_support import check_target, write_atomically
    from viz.focus import focused_subgraph
    from viz.pages import cap_subgraph, network_page

    q, conf = queries(), settings()
    types = [type_] if type_ else []
    check_target(output)
    if include_publisher:  # walk through the report's author as through any node
        sub = q.subgraph(name, depth, types, max_nodes=limits.MAX_SUBGRAPH_NODES, include_publisher=True)
        html = network_page(sub, q.store.documents(), depth=depth, types=types, settings=conf)
    else:  # the author drawn once as context, tied to the centre (viz/focus.py)
        found = focused_subgraph(q, name, depth, types, max_nodes=limits.MAX_SUBGRAPH_NODES)
        sub = found.sub
        html = network_page(sub, q.store.documents(), depth=depth, types=types, settings=conf,
                            context=found.context, note=found.notes())
    write_atomically(output, html.encode("utf-8"))
    shown, dropped = cap_subgraph(sub, conf.page_node_cap)
    left_out = f" ({dropped} more left out at the page cap; narrow with --type or --depth)" if dropped else ""
    err.print(f"wrote {len(shown.nodes)} nodes, {len(shown.edges)} edges to {output}{left_out}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
