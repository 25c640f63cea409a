"""A first run on an empty store: every command says the graph is empty, where it looked and how to
build it, never "no node named 怀柔科学城" (which reads as "that zone is not in the data").

The CLI runs as the real command in a child process with INNOGRAPH_DATA_DIR unset and HOME a fresh
directory, so it reads an empty user data dir, as a planner's first `innograph supporters …` does
after `make build` wrote ./.data. The API answers from a real server on 127.0.0.1 over an empty store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from graph.memory import MemoryStore
from graph.settings import Settings
from tests.support.servers import serve_in_thread

ROOT = Path(__file__).resolve().parents[2]

COMMANDS = [
    ["supporters", "怀柔科学城"],
    ["zone", "怀柔科学城"],
    ["show", "怀柔科学城"],
    ["neighbors", "怀柔科学城"],
    ["path", "河北", "怀柔科学城"],
    ["search", "科学城"],
    ["rank"],
    ["bridges"],
    ["export", "怀柔科学城", "-o", "{tmp}/x.json"],
    ["export", "--all", "-o", "{tmp}/all.json"],
    ["brief", "怀柔科学城", "-o", "{tmp}/b.docx"],
    ["view", "怀柔科学城", "-o", "{tmp}/v.html"],
]


def first_run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_", "XDG_"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))  # this checkout's code, from any directory
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_each_command_on_an_empty_store_says_the_graph_is_empty_and_how_to_build_it(args, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = first_run([a.format(tmp=tmp_path) for a in args], tmp_path, home)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "no node named" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("error: the graph is empty") and str(home) in first  # where it looked
    assert "innograph build" in done.stderr and "INNOGRAPH_DATA_DIR=.data" in done.stderr
    assert "INNOGRAPH_DATA_DIR is not set" in done.stderr
    assert not list(tmp_path.glob("*.json")) and not list(tmp_path.glob("b.*")) and not list(tmp_path.glob("v.*"))


def test_a_graph_built_in_dot_data_is_pointed_at(tmp_path):
    """`make build` wrote ./.data; the command read the user data dir: say so."""
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / ".data").mkdir()
    MemoryStore(tmp_path / ".data" / "graph.json").write(_one_node())
    done = first_run(["supporters", "怀柔科学城"], tmp_path, home)
    assert done.returncode == 2
    assert "a graph is built in ./.data: run with INNOGRAPH_DATA_DIR=.data" in done.stderr


def test_stats_of_an_empty_store_says_it_is_empty(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = first_run(["stats"], tmp_path, home)
    assert done.returncode == 0
    assert "the graph is empty" in done.stderr and "innograph build" in done.stderr


def test_stats_with_the_data_dir_set_does_not_tell_the_user_to_set_it(tmp_path):
    """The advice names the dir the user chose; "run with INNOGRAPH_DATA_DIR=.data" would send them away."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_", "XDG_"))}
    env.update(INNOGRAPH_DATA_DIR=str(tmp_path / "mine"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "api.cli", "stats"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "the graph is empty" in done.stderr
    assert f"loads the bundled data set into {tmp_path / 'mine'}" in done.stderr
    assert "INNOGRAPH_DATA_DIR=.data" not in done.stderr


def test_a_graph_with_nodes_still_says_no_node_named(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    MemoryStore(data / "graph.json").write(_one_node())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    env.update(INNOGRAPH_DATA_DIR=str(data), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "api.cli", "zone", "怀柔科学城"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no node named '怀柔科学城'" in done.stderr
    assert "empty" not in done.stderr


def _one_node():
    from graph.model import Node
    from graph.store import Batch

    return Batch(nodes=[Node(id="zone-x", type="Zone", name_zh="某园区", name_en="Some Zone")])


ROUTES = ["/api/v1/nodes/{hsc}", "/api/v1/nodes/{hsc}/supporters", "/api/v1/zones/{hsc}", "/api/v1/zones",
          "/api/v1/search?q={hsc}", "/api/v1/paths?source={hb}&target={hsc}", "/api/v1/rank", "/api/v1/bridges",
          "/api/v1/subgraph?center={hsc}", "/api/v1/export?center={hsc}"]
PAGES = ["/", "/zones/{hsc}", "/view?center={hsc}", "/graph", "/nodes/{hsc}", "/brief/{hsc}"]


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("empty")
    app = create_app(Settings(data_dir=tmp, admin_token="", cors_origins=[]), store=MemoryStore(tmp / "graph.json"))
    with serve_in_thread(app) as base:
        yield base


@pytest.mark.parametrize("route", ROUTES)
def test_the_api_on_an_empty_store_says_the_graph_is_empty(empty_server, route):
    r = httpx.get(empty_server + route.format(hsc=quote("怀柔科学城"), hb=quote("河北")), timeout=30)
    error = r.json()["error"]
    assert (r.status_code, error["code"]) == (404, "graph_empty")
    assert error["message"].startswith("the graph is empty") and "no node named" not in error["message"]
    assert "/tmp" not in error["message"] and "innograph build" in error["suggestions"][0]


@pytest.mark.parametrize("page", PAGES)
def test_the_pages_on_an_empty_store_say_the_graph_is_empty(empty_server, page):
    r = httpx.get(empty_server + page.format(hsc=quote("怀柔科学城")), timeout=30)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "图谱是空的" in r.text and "The graph is empty" in r.text and "innograph build" in r.text
    assert "Did you mean" not in r.text and "no node named" not in r.text


def test_ask_on_an_empty_store_says_so_without_the_servers_paths(empty_server):
    """The CLI names the data dir it read (the user's own); over HTTP that is the server's file system."""
    r = httpx.get(empty_server + "/api/v1/ask", params={"q": "哪些计划支持怀柔科学城？"}, timeout=30)
    body = r.json()
    assert r.status_code == 200 and body["status"] == "empty" and "图是空的" in body["summary"]
    assert "/tmp" not in r.text and "<path>" in r.text
