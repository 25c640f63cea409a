"""POST /api/v1/sources/preview: what loading a report would store, nothing written (admin only).

Why: a planner without a terminal had no way to see a report's extraction before it went into the
graph, nor to leave a wrong relation out (the review file was the CLI's alone). The /upload page
previews here, lets the planner uncheck relations and new names, and posts the report with the
preview's `review` (less what was unchecked) to POST /sources, which stores exactly that.

The checks are the load's: the body cap (413, api/errors.BodyLimit), the file kind, an empty,
binary or undecodable file, the extraction's time budget (all 422), and a report the graph
already holds under another name (422, as its load would be). A report stored before under its
own name is previewed with a note: loading it again adds nothing new.
It reads the store under the shared lock, beside the queries, and never takes the upload mutex:
a preview does not wait for a load, nor a load for a preview.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from api.deps import Runner, RunDep, SettingsDep, StoreDep, require_admin
from api.models import LOW_CONFIDENCE, PreviewDocument, PreviewNode, PreviewRelation, ReportPreview
from api.routes.sources import file_name, relative, router as sources_router, safe_name, save
from graph.errors import InnographError, InvalidInput, LoadError
from graph.store import GraphStore
from loaders.report_loader import Extraction, already_held, extract_report, same_report
from loaders.review import review_data
from loaders.sources import REPORT_SUFFIXES
from loaders.text import budget

PREVIEW_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "a report: .txt, .html or .htm (UTF-8, GB18030 or Big5)"}}}}}}}

router = APIRouter(tags=["sources"], responses=sources_router.responses)


@router.post("/sources/preview", response_model=ReportPreview, dependencies=[Depends(require_admin)],
             openapi_extra=PREVIEW_BODY, summary="What loading a report would store (nothing is written)")
async def preview_source(request: Request, store: StoreDep, run: RunDep, settings: SettingsDep) -> ReportPreview:
    form = await request.form(max_files=1, max_fields=8)
    try:
        name = safe_name(file_name(form.get("file")))
        if Path(name).suffix not in REPORT_SUFFIXES:
            raise InvalidInput(f"a preview reads a report, not a {Path(name).suffix} file",
                               ["send a .txt, .html or .htm report; a data file or a zip loads as it is "
                                "(POST /api/v1/sources)"])
        with tempfile.TemporaryDirectory(prefix="innograph-preview-") as tmp:
            root = Path(tmp) / "upload"
            root.mkdir()
            await save(form.get("file"), root / name)
            return await run_in_threadpool(_preview, store, run, root, root / name, settings.extract_timeout)
    finally:
        await form.close()


def _preview(store: GraphStore, run: Runner, root: Path, file: Path, seconds: float | None) -> ReportPreview:
    try:
        with budget.limit(seconds):
            extraction = run.read(extract_report, file, store)
        same = run.read(same_report, store, extraction)
        if same is not None:
            raise LoadError(already_held(same), [f"to add to it, load it as {same}{file.suffix}"])
        if not extraction.nodes:
            raise LoadError("no entities recognised in the report text; nothing to load")
        stored = run.read(lambda: {d.id for d in store.documents()})
        known = run.read(store.get_nodes, [n.id for n in extraction.nodes if not n.attrs.get("extracted")])
    except InnographError as exc:
        raise relative(exc, root) from None
    return preview_of(extraction, file.name, extraction.document.id in stored, known)


def preview_of(extraction: Extraction, file: str, loaded: bool, known: dict | None = None) -> ReportPreview:
    """The extraction as the page shows it: names (those in the graph with their English name from
    `known`, the graph's records), relations with their sentences, and the review to post back."""
    doc = extraction.document
    names = {n.id: n for n in extraction.nodes}
    english = {i: n.name_en for i, n in (known or {}).items()}
    nodes = [PreviewNode(id=n.id, type=n.type, name_zh=n.name_zh, name_en=n.name_en or english.get(n.id, ""),
                         new=bool(n.attrs.get("extracted")),
                         confidence=n.attrs.get("confidence") if n.attrs.get("extracted") else None,
                         low=bool(n.attrs.get("extracted")) and n.attrs.get("confidence", 1) < LOW_CONFIDENCE)
             for n in extraction.nodes]
    relations = []
    for i, e in enumerate(extraction.edges):
        ev = e.evidence[0]
        confidence = float(e.attrs.get("confidence", 0))
        relations.append(PreviewRelation(index=i, source=e.source, source_name=names[e.source].name_zh, type=e.type,
                                         target=e.target, target_name=names[e.target].name_zh,
                                         confidence=confidence, low=confidence < LOW_CONFIDENCE,
                                         sentence=ev.quote, start=ev.start, end=ev.end))
    note = (f"the graph already holds the document {doc.id}: loading it again adds what is new in it, "
            "nothing twice" if loaded else "")
    return ReportPreview(file=file, encoding=extraction.encoding,
                         document=PreviewDocument(id=doc.id, title=doc.title, publisher=doc.publisher,
                                                  year=doc.year, date=doc.date),
                         already_loaded=doc.id if loaded else None, note=note, nodes=nodes, relations=relations,
                         review=review_data(extraction))
