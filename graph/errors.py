"""One error hierarchy for the whole project.

Every mistake a user can make, and every outage a user can meet, is one of
these. The API turns them into one JSON shape, the CLI into one line on stderr
and exit code 2; anything else is a bug and is reported as such.

    InnographError
    ├── NotFound            unknown name or id (carries fuzzy suggestions)
    │   └── EmptyGraph      nothing is stored at all (says where it looked and how to build)
    ├── Ambiguous           a name that fits several nodes (carries the candidates)
    ├── InvalidInput        a malformed request or argument
    │   └── LimitExceeded   depth, hops, size over the documented cap
    │       └── SearchBounded   a search that stopped at its cost bound (paths near a hub)
    ├── LoadError           a source that cannot be loaded (carries the rejections)
    ├── StoreUnavailable    the backend cannot be reached
    └── QueryTimeout        the query ran past its time budget
"""

from __future__ import annotations


class InnographError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions or [])


class NotFound(InnographError):
    status = 404
    code = "not_found"


class EmptyGraph(NotFound):
    """Nothing is stored: every name is unknown, and saying so name by name would mislead
    (graph/empty.py). The suggestions say how to build the graph, not names. `where` is the place
    the store reads; the message leaves it out (both backends give the same message), `located()`
    says it, as the CLI, the API and the pages do."""

    code = "graph_empty"

    def __init__(self, message: str, suggestions: list[str] | None = None, where: str = ""):
        super().__init__(message, suggestions)
        self.where = where

    def located(self) -> str:
        return f"{self.message} in {self.where}" if self.where else self.message


class Ambiguous(InnographError):
    status = 409
    code = "ambiguous"


class InvalidInput(InnographError):
    status = 422
    code = "invalid_input"


class LimitExceeded(InvalidInput):
    code = "limit_exceeded"


class SearchBounded(LimitExceeded):
    """A search that would cost more than its bound declines instead of answering slowly or wrongly
    (graph/bounded_paths.py): the message says where it stopped and what to try."""

    code = "search_bounded"

    def __init__(self, message: str, suggestions: list[str] | None = None, at: str | None = None,
                 degree: int = 0):
        super().__init__(message, suggestions)
        self.at, self.degree = at, degree


class LoadError(InnographError):
    status = 422
    code = "load_failed"

    def __init__(self, message: str, rejections: list | None = None):
        super().__init__(message, [str(r) for r in (rejections or [])[:20]])
        self.rejections = list(rejections or [])


class StoreUnavailable(InnographError):
    status = 503
    code = "store_unavailable"


class QueryTimeout(InnographError):
    status = 504
    code = "query_timeout"
