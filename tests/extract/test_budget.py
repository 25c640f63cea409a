"""The time budget of reading a report: past it, one clear error (CLI exit 2, API 422), nothing stored."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import cli
from api.app import create_app
from graph.settings import get_settings
from loaders.report_loader import extract_report
from loaders.text import budget
from tests.api.api_support import assert_error_shape, make_settings

from .conftest import REPORT

COPIES = 8  # ~160 KB: over a second of work, far more than the budgets below allow


@pytest.fixture(scope="module")
def long_report(tmp_path_factory):
    """The bundled report's body eight times under its header (a long report of real text)."""
    header, _, body = REPORT.read_text(encoding="utf-8").partition("\n---\n")
    path = tmp_path_factory.mktemp("long") / "long-report.txt"
    path.write_text(header + "\n---\n" + "\n".join([body] * COPIES), encoding="utf-8")
    return path


def test_past_the_budget_extraction_stops_with_a_clear_error(long_report):
    with budget.limit(0.05), pytest.raises(budget.ExtractionTimeout) as caught:
        extract_report(long_report)
    assert caught.value.status == 422 and "0.05 s budget" in caught.value.message
    assert "INNOGRAPH_EXTRACT_TIMEOUT" in caught.value.message


def test_the_budget_is_per_report_and_per_thread(long_report):
    """A limit set in one thread does not stop a read in another; a short report fits its budget."""
    seen: dict[str, object] = {}

    def unlimited():
        seen["nodes"] = len(extract_report(long_report).nodes)

    with budget.limit(0.05):
        worker = threading.Thread(target=unlimited)
        worker.start()
        worker.join(120)
    assert seen["nodes"] > 150
    with budget.limit(60):
        assert len(extract_report(REPORT).nodes) > 150


def test_cli_extract_past_the_budget_is_one_line_and_exit_2(long_report, monkeypatch, tmp_path):
    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INNOGRAPH_EXTRACT_TIMEOUT", "0.05")
    get_settings.cache_clear()
    cli.queries.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["extract", str(long_report), "--cold"])
    finally:
        get_settings.cache_clear()
        cli.queries.cache_clear()
    assert result.exit_code == 2, result.output
    assert "budget" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) <= 3  # the message and its suggestions


def test_upload_past_the_budget_is_a_422_and_leaves_the_graph(long_report, mini_store, tmp_path):
    settings = make_settings(tmp_path, admin_token="t", extract_timeout=0.05)
    with TestClient(create_app(settings, store=mini_store), raise_server_exceptions=False) as client:
        before = client.get("/api/v1/health").json()
        response = client.post("/api/v1/sources", files={"file": ("long.txt", long_report.read_bytes())},
                               headers={"Authorization": "Bearer t"})
        body = assert_error_shape(response, 422, "extraction_timeout")
        assert "budget" in body["message"]
        after = client.get("/api/v1/health").json()
        assert (after["nodes"], after["edges"]) == (before["nodes"], before["edges"])
        assert client.get("/api/v1/stats").status_code == 200  # the API answers right after
