"""POST /api/v1/sources: load one more source into the graph (admin only, all or nothing).

Mounted only when settings.admin_token is set. The token is checked before the
body is read. The upload is one file: a YAML data file (.yaml/.yml), a report
(.txt/.html/.htm), or a .zip holding a nodes.csv/edges.csv pair or a YAML data set
with the document texts it names. Document paths must stay inside the upload.
Any rejection leaves the graph as it was and comes back as a 422 whose
suggestions are the rejections.

Uploads run one at a time (GraphHolder.uploading). Parsing and extraction read the
store under the shared lock, beside the queries; only `store.write` of the checked
records takes the exclusive lock. With one upload at a time, nothing but that
upload's own write changes the graph between its read and its write, so the names
it resolved still stand when it writes.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import UploadFile
from starlette.concurrency import run_in_threadpool

from api.deps import Runner, RunDep, SettingsDep, StoreDep, require_admin
from api.models import QUERY_ERRORS, ErrorResponse, LoadSummary
from graph.ask import forget
from graph.bulk import gc_paused
from graph.errors import InnographError, InvalidInput, LoadError
from graph.store import GraphStore
from loaders import safe_yaml
from loaders.result import LoadResult
from loaders.text import budget
from loaders.sources import REPORT_SUFFIXES, latest as latest_state, read_sources, writing

YAML_SUFFIXES = {".yaml", ".yml"}
ACCEPTED = YAML_SUFFIXES | REPORT_SUFFIXES | {".zip"}
REVIEW_NAME = "review.yaml"  #: the review's file name on the server (any YAML or JSON text)
MAX_MEMBERS = 1000
UNZIP_FACTOR = 10  #: a zip may unpack to at most this many times the upload cap

UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "a .yaml/.yml data file, a .txt/.html report, or a .zip "
                                           "of a nodes.csv/edges.csv pair or a YAML data set"},
                   "review": {"type": "string", "format": "binary",
                              "description": "optional, with a report only: the review file to store instead of "
                                             "the whole extraction (`innograph extract X --review F`, or "
                                             "POST /sources/preview's `review` as JSON less what to leave out); "
                                             "the report's checks apply, and the review must be of this report"}}}}}}}

router = APIRouter(tags=["sources"], responses={
    **{k: QUERY_ERRORS[k] for k in (422, 500, 503)},
    401: {"model": ErrorResponse, "description": "no bearer token"},
    403: {"model": ErrorResponse, "description": "a wrong bearer token"},
    413: {"model": ErrorResponse, "description": "the upload is over settings.max_upload_bytes"},
})


@router.post("/sources", response_model=LoadSummary, dependencies=[Depends(require_admin)],
             openapi_extra=UPLOAD_BODY, summary="Load one source file into the graph (all or nothing)")
async def upload_source(request: Request, store: StoreDep, run: RunDep, settings: SettingsDep) -> LoadSummary:
    form = await request.form(max_files=2, max_fields=8)
    try:
        name = safe_name(file_name(form.get("file")))
        review = form.get("review")
        if review is not None and Path(name).suffix not in REPORT_SUFFIXES:
            raise InvalidInput("a review goes with the report it was made from (.txt/.html/.htm)")
        with tempfile.TemporaryDirectory(prefix="innograph-upload-") as tmp:
            root = Path(tmp) / "upload"
            root.mkdir()
            await save(form.get("file"), root / name)
            reviewed = None
            if review is not None:  # beside the upload, not in it: the report's folder holds the report alone
                reviewed = Path(tmp) / "review" / REVIEW_NAME
                reviewed.parent.mkdir()
                await save(review, reviewed)
                _escape_json(reviewed)
            limit = settings.max_upload_bytes * UNZIP_FACTOR
            return await run_in_threadpool(_load, store, run, root, root / name, limit, settings.extract_timeout,
                                           reviewed)
    finally:
        await form.close()


def file_name(upload: object) -> str:
    if not isinstance(upload, UploadFile):
        raise InvalidInput("send the source as a multipart/form-data file field named 'file'")
    return upload.filename or ""


async def save(part: UploadFile | str, target: Path) -> None:
    """A form part to a file: a file part in 1 MiB chunks, a text field as UTF-8."""
    with open(target, "wb") as out:
        if isinstance(part, str):
            out.write(part.encode("utf-8"))
            return
        while chunk := await part.read(1 << 20):
            out.write(chunk)


def _escape_json(path: Path) -> None:
    """A review sent as JSON (the /upload page's), written again with every non-ASCII character escaped.
    The loader reads it as YAML, which takes JSON but folds a raw NEL (U+0085) in a quoted text into a
    space: a sentence stored so would no longer be the file's. Escaped, each character arrives as sent.
    Anything else (YAML, or JSON that does not parse) is left to the loader, which says what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("{"):
            path.write_text(json.dumps(json.loads(text), ensure_ascii=True, indent=1), encoding="utf-8")
    except (UnicodeDecodeError, ValueError, RecursionError):
        return


def _load(store: GraphStore, run: Runner, root: Path, file: Path, unzip_limit: int,
          extract_seconds: float | None = None, review: Path | None = None) -> LoadSummary:
    try:
        paths = _unzip(file, root / "unzipped", unzip_limit) if file.suffix == ".zip" else [file]
        _confine_documents(root)
        if review is not None:  # a review naming a document text outside itself (/etc/…) is refused too
            _confine_documents(review.parent)
        with run.holder.uploading, writing(store) as latest:  # and no other process writes meanwhile
            with budget.limit(extract_seconds):  # a report past its time budget stops itself (422)
                result = run.read(read_sources, paths, latest)  # parse and extract beside the queries
            _check(result)
            if review is not None:  # the report's own checks passed (encoding, loaded before): store the review
                report = [d.id for d in result.kept.documents]
                result = run.read(read_sources, [review], latest)
                _same_document(result, report)
                _check(result)
            result.before = latest.counts()
            run.write(latest.write, result.kept)            # readers wait at most for the write itself
            result.after = latest_state(latest).counts()
            forget(latest)  # the question parser's name list must see the new names
    except InnographError as exc:
        raise relative(exc, root) from None
    summary = result.summary()
    return LoadSummary(file=file.name, documents=summary["documents"], nodes=summary["nodes"],
                       edges=summary["edges"], nodes_added=summary["nodes_added"],
                       edges_added=summary["edges_added"], graph_nodes=summary["graph_nodes"],
                       graph_edges=summary["graph_edges"])


def _check(result: LoadResult) -> None:
    """All or nothing: any rejection, or nothing to load, stores nothing (as loaders.sources.load_sources)."""
    if result.rejected:
        raise LoadError(f"{len(result.rejected)} record(s) rejected; nothing was stored", result.rejected)
    if not len(result.kept):
        raise LoadError("the sources hold nothing to load; nothing was stored")


def _same_document(result: LoadResult, report: list[str]) -> None:
    """A review is this report's: its one document is the report's, and so is every sentence it cites
    (a review of another report, or one citing another document, would store what this file never said)."""
    docs = [d.id for d in result.kept.documents]
    cited = {ev.doc for e in result.kept.edges for ev in e.evidence}
    if docs != report or not cited <= set(report):
        named = ", ".join(sorted(set(docs) | cited)) or "no document"
        raise InvalidInput(f"the review is not this report's: it names {named}, the report is "
                           f"{', '.join(report)}; nothing was stored",
                           ["preview the report again and load with the review that preview gave"])


def safe_name(filename: str) -> str:
    name = re.sub(r"[^\w.-]+", "_", PurePosixPath(filename.replace("\\", "/")).name).lstrip(".")
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise InvalidInput(f"cannot load a {suffix or 'suffix-less'} file",
                           [f"send one of: {', '.join(sorted(ACCEPTED))}"])
    return Path(name).stem[:100] + suffix


def _unzip(file: Path, dest: Path, limit: int) -> list[Path]:
    """Unpack safely (no absolute or '..' names, no links, bounded size) and name what to load."""
    try:
        with zipfile.ZipFile(file) as zf:
            members = [i for i in zf.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
            if len(members) > MAX_MEMBERS or sum(i.file_size for i in members) > limit:
                raise InvalidInput(f"the zip holds more than {MAX_MEMBERS} files or {limit} bytes")
            for info in members:
                parts = PurePosixPath(info.filename).parts
                if PurePosixPath(info.filename).is_absolute() or ".." in parts or not parts:
                    raise InvalidInput(f"the zip member {info.filename!r} points outside the archive")
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise InvalidInput(f"the zip member {info.filename!r} is a link")
                target = dest.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise InvalidInput(f"not a readable zip archive: {exc}") from None
    pairs = sorted({p.parent for p in dest.rglob("nodes.csv") if (p.parent / "edges.csv").is_file()})
    if pairs:
        return pairs
    if any(p.suffix in YAML_SUFFIXES for p in dest.rglob("*")):
        return [dest]
    raise InvalidInput("the zip holds neither a nodes.csv/edges.csv pair nor YAML data files")


def _confine_documents(root: Path) -> None:
    """Refuse YAML whose documents name a text file outside the upload (it would be read into the graph)."""
    top = root.resolve()
    for path in (p for p in root.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
            if "documents" not in text and "\\" not in text:
                continue  # no 'documents' key can be written without the word or an escape: no parse
            with gc_paused():  # budgets make a bomb cheap here; the pause keeps readers running
                content = safe_yaml.load(text)
        except (safe_yaml.yaml.YAMLError, UnicodeDecodeError, OSError):
            continue  # the loader reports it with its line
        documents = content.get("documents") if isinstance(content, dict) else None
        for doc in documents if isinstance(documents, list) else []:
            text = doc.get("path") if isinstance(doc, dict) else None
            if text is not None and not (path.parent / str(text)).resolve().is_relative_to(top):
                raise InvalidInput(f"{path.relative_to(root)}: document path {text!r} is outside the upload",
                                   ["put the document text in the zip beside the YAML and name it relatively"])


def relative(exc: InnographError, root: Path) -> InnographError:
    """The error with the upload's temporary directory cut out of its message and suggestions."""
    prefixes = [f"{root / 'unzipped'}/", f"{root}/", f"{root.parent / 'review'}/", str(root)]

    def cut(text: str) -> str:
        for prefix in prefixes:
            text = text.replace(prefix, "")
        return text

    exc.message = cut(exc.message)
    exc.suggestions = [cut(s) for s in exc.suggestions]
    return exc
