"""One error shape for every 4xx and 5xx: `{"error": {status, code, message, suggestions}}`.

The project's errors (graph/errors.py) carry their status and code; FastAPI's
validation errors, Starlette's 404/405, an oversized body and any unexpected
exception are turned into the same shape here. Nothing from the server's inside
leaves it: 5xx answers carry a fixed message, the detail goes to the log, and
file-system paths are scrubbed from every message.

    InnographError (graph/errors.py)
    ├── …                       the graph's own errors
    ├── Unauthorized     401    no bearer token on an admin route
    └── Forbidden        403    a wrong bearer token
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterable
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.models import ErrorDetail, ErrorResponse
from graph.errors import EmptyGraph, InnographError

log = logging.getLogger("innograph.api")

#: What a client is told for each server-side failure; the real cause is logged.
SERVER_MESSAGES = {
    500: "an unexpected error occurred on the server; it has been logged",
    503: "the graph store is unavailable; try again shortly",
}
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type"}
RANGE_ERRORS = {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}


class Unauthorized(InnographError):
    status = 401
    code = "unauthorized"
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(InnographError):
    status = 403
    code = "forbidden"


def error_response(status: int, code: str, message: str, suggestions: Iterable[str] = (),
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorDetail(status=status, code=code, message=scrub(message),
                                           suggestions=[scrub(s) for s in suggestions]))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


_roots = {str(Path(tempfile.gettempdir())), str(Path.home()), str(Path(__file__).resolve().parent.parent)}
_private: re.Pattern | None = None


def add_private_root(path: str | Path) -> None:
    """Scrub paths under `path` too (the app adds its data directory)."""
    global _private
    _roots.add(str(Path(path)))
    _private = None


def scrub(text: str) -> str:
    """`text` without file-system paths under the temp dir, the home dir, the project or the data dir."""
    global _private
    if _private is None:
        roots = sorted((r for r in _roots if r not in ("/", "", ".")), key=len, reverse=True)
        _private = re.compile("|".join(re.escape(r) + r"(?:/[^\s'\":,]*)?(?![\w.-])" for r in roots))
    return _private.sub("<path>", text)


# ---- handlers -------------------------------------------------------------

async def on_innograph_error(request: Request, exc: InnographError) -> JSONResponse:
    message = exc.located() if isinstance(exc, EmptyGraph) else exc.message  # where it looked, scrubbed
    if exc.status >= 500 and exc.status in SERVER_MESSAGES:
        log.warning("%s %s: %s: %s", request.method, request.url.path, exc.code, exc.message)
        message = SERVER_MESSAGES[exc.status]
    return error_response(exc.status, exc.code, message, exc.suggestions, getattr(exc, "headers", None))


async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    problems = [_describe(e) for e in errors]
    code = "limit_exceeded" if errors and all(e["type"] in RANGE_ERRORS for e in errors) else "invalid_input"
    message = problems[0] if len(problems) == 1 else "; ".join(problems)
    suggestions: list[str] = []
    for e in errors:
        suggestions.extend(_expected(e))
    return error_response(422, code, message or "invalid request", suggestions)


async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code
    headers = dict(exc.headers or {})
    if status == 404:
        message = f"no route {request.method} {request.url.path}; the API is under /api/v1 (see /docs)"
    elif status == 405:
        allowed = headers.get("Allow") or headers.get("allow") or ""
        message = f"{request.method} is not allowed on {request.url.path}" + (f"; allowed: {allowed}" if allowed else "")
    elif isinstance(exc.detail, str) and exc.detail and exc.detail != HTTPStatus(status).phrase:
        message = exc.detail
    else:
        message = HTTPStatus(status).phrase
    return error_response(status, _http_code(status), message, headers=headers or None)


def install(app: FastAPI) -> None:
    app.add_exception_handler(InnographError, on_innograph_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)


def _http_code(status: int) -> str:
    if status in HTTP_CODES:
        return HTTP_CODES[status]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "http_error"


def _describe(e: dict) -> str:
    name = next((str(p) for p in reversed(e.get("loc", ())) if isinstance(p, str)), "request")
    kind, ctx, got = e.get("type"), e.get("ctx") or {}, _short(e.get("input"))
    if kind == "less_than_equal":
        return f"{name} must be at most {ctx['le']} (got {got})"
    if kind == "greater_than_equal":
        return f"{name} must be at least {ctx['ge']} (got {got})"
    if kind == "missing":
        return f"{name} is required"
    if kind in ("literal_error", "enum"):
        return f"{name} must be one of the listed values (got {got})"
    if kind == "string_too_long":
        return f"{name} must be at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"{name} must contain a character other than spaces"
    return f"{name}: {e.get('msg', 'invalid')}" + (f" (got {got})" if got else "")


def _expected(e: dict) -> list[str]:
    expected = (e.get("ctx") or {}).get("expected")
    if e.get("type") not in ("literal_error", "enum") or not expected:
        return []
    return re.findall(r"'([^']*)'", str(expected))


def _short(value: object, width: int = 60) -> str:
    if value is None or isinstance(value, dict):
        return ""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- middleware -----------------------------------------------------------

class CatchAll:
    """The outermost layer: an unexpected exception becomes a logged 500 in the error shape."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await error_response(500, "internal_error", SERVER_MESSAGES[500])(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over `max_bytes` with a 413: by Content-Length, or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or {}).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise StarletteHTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"the request body is over the limit of {self.max_bytes} bytes"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, "payload_too_large", self._message(),
                             headers={"Connection": "close"})(scope, receive, send)
