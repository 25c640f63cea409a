"""Small leaks closed (issue 19): names, special files, bad settings and paths, foreign Host headers.

Before: names of 8M characters or with NUL/VT were stored; `load` of a FIFO or of a symlink
to /dev/zero hung; a malformed NEO4J_URI and `synth -o /proc/x` (or onto a file) printed
tracebacks; any Host header was answered, so a page on another site could read the API
through DNS rebinding. Now each is one clear line and exit 2, or a JSON error.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from loaders.guards import MAX_NAME_CHARS
from loaders.sources import load_sources
from tests.api.api_support import assert_error_shape, make_settings
from tests.support.servers import serve_cli

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def run_cli(data: Path, *args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    environ.update({"INNOGRAPH_DATA_DIR": str(data), "INNOGRAPH_BACKEND": "memory", **env})
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    return done.stderr


@pytest.fixture
def data(tmp_path) -> Path:
    data = tmp_path / "data"
    load_sources(MemoryStore(data / "graph.json"), [MINI])
    return data


def test_special_files_are_refused_before_they_are_opened(tmp_path, data):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    report = tmp_path / "zero.txt"
    report.symlink_to("/dev/zero")
    for path, kind in ((fifo, "a named pipe"), (zero, "a character device"), (report, "a character device")):
        err = one_line_error(run_cli(data, "load", str(path), timeout=30))  # a hang fails the test
        assert f"{path} is not a regular file ({kind})" in err


@pytest.mark.parametrize("name, reason", [
    ("长" * (MAX_NAME_CHARS + 1), f"'name_zh' is {MAX_NAME_CHARS + 1} characters long; at most {MAX_NAME_CHARS}"),
    ("坏\x00名", "'name_zh' holds the control character U+0000 at position 2"),
    ("坏\x0b名", "'name_zh' holds the control character U+000B at position 2"),
])
def test_bad_names_are_refused_with_the_reason(tmp_path, data, name, reason):
    before = (data / "graph.json").read_bytes()
    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "nodes.csv").write_text(f"id,type,name_zh\ninstitution-bad,Institution,\"{name}\"\n", encoding="utf-8")
    (pair / "edges.csv").write_text("source,type,target\n", encoding="utf-8")
    done = run_cli(data, "load", str(pair))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"nodes.csv:2: {reason}" in done.stderr
    assert (data / "graph.json").read_bytes() == before
    # and through the API: 422 with the reason
    settings = make_settings(tmp_path, admin_token="t")
    with TestClient(create_app(settings, store=MemoryStore(data / "graph.json"))) as client:
        yaml_text = f'nodes:\n  - {{type: Institution, name_zh: "{name.encode("unicode_escape").decode()}"}}\n'
        answer = client.post("/api/v1/sources", files={"file": ("n.yaml", yaml_text.encode())},
                             headers={"Authorization": "Bearer t"})
    assert_error_shape(answer, 422, "load_failed")
    assert any(reason in s for s in answer.json()["error"]["suggestions"])


@pytest.mark.parametrize("uri, reason", [
    ("bolt://h:notaport", "the port is not a number: 'notaport'"),
    ("http://127.0.0.1:7474", "URI scheme 'http' is not supported"),
    ("bolt://127.0.0.1:99999", "Port out of range"),
])
def test_a_malformed_neo4j_uri_is_one_line(tmp_path, uri, reason):
    err = one_line_error(run_cli(tmp_path, "stats", INNOGRAPH_BACKEND="neo4j", NEO4J_URI=uri))
    assert f"error: Neo4j at {uri} is not reachable: " in err and reason in err


def test_synth_onto_a_bad_path_is_one_line(tmp_path):
    existing = tmp_path / "a-file"
    existing.write_text("keep me", encoding="utf-8")
    err = one_line_error(run_cli(tmp_path, "synth", "--enterprises", "5", "-o", str(existing)))
    assert f"{existing} exists and is not a directory" in err
    assert existing.read_text(encoding="utf-8") == "keep me"
    err = one_line_error(run_cli(tmp_path, "synth", "--enterprises", "5", "-o", "/proc/x"))
    assert "cannot write to /proc/x: No such file or directory" in err


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("LOCALHOST", 200), ("[::1]:{port}", 200),
    ("evil.example:{port}", 400), ("evil.example", 400), ("127.0.0.1.evil.example:{port}", 400),
    ("localhost.evil.example", 400), ("", 400),
])
def test_only_allowed_host_names_are_answered_over_http(served, host, status):
    base = served
    port = int(base.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", "/api/v1/search?q=%E6%80%80%E6%9F%94", skip_host=True)
    conn.putheader("Host", host.format(port=port))
    conn.endheaders()
    answer = conn.getresponse()
    body = answer.read()
    conn.close()
    assert answer.status == status, body
    if status == 400:
        error = json.loads(body)["error"]
        assert error["code"] == "bad_host" and error["status"] == 400
        assert "Traceback" not in body.decode()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("hosts") / "data"
    load_sources(MemoryStore(data / "graph.json"), [MINI])
    with serve_cli(data) as (base, _log):
        yield base


def test_the_allow_list_is_a_setting(tmp_path, mini_store):
    app = create_app(make_settings(tmp_path, allowed_hosts=["graph.intranet"]), store=mini_store)
    with TestClient(app, base_url="http://graph.intranet:8000") as client:
        assert client.get("/api/v1/health").status_code == 200
    with TestClient(app) as client:  # Host: testserver is not on this list
        assert_error_shape(client.get("/api/v1/health"), 400, "bad_host")
    with TestClient(create_app(make_settings(tmp_path, allowed_hosts=["*"]), store=mini_store),
                    base_url="http://anything.example") as client:
        assert client.get("/api/v1/health").status_code == 200
