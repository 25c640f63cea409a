"""Questions in Chinese or English, answered from the graph with the evidence of every edge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import errors
from api.deps import QueriesDep, RunDep
from api.models import NON_BLANK, QUERY_ERRORS
from graph.ask import MAX_CHARS, Answer, answer

router = APIRouter(tags=["ask"], responses=QUERY_ERRORS)


@router.get("/ask", response_model=Answer,
            summary="Answer a question in Chinese or English: the reading, the result, its evidence")
def ask(queries: QueriesDep, run: RunDep,
        q: Annotated[str, Query(min_length=1, max_length=MAX_CHARS, pattern=NON_BLANK,
                                description=f"the question, at most {MAX_CHARS} characters",
                                examples=["哪些计划支持怀柔科学城？", "Who partners with Hebei?"])]) -> Answer:
    return _without_paths(run(answer, queries, q))


def _without_paths(a: Answer) -> Answer:
    """The answer with the server's file-system paths scrubbed: ask names the data dir it read (an empty
    graph says where it looked), which helps the CLI's user and tells an HTTP client about the server."""
    return a.model_copy(update={"summary": errors.scrub(a.summary), "interpretation": errors.scrub(a.interpretation),
                                "notes": [errors.scrub(n) for n in a.notes],
                                "suggestions": [errors.scrub(s) for s in a.suggestions]})
