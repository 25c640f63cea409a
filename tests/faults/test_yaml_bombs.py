"""Hostile YAML (issue 19): an alias bomb, deep nesting and duplicate keys.

Before: a 454-byte alias bomb ran 43 s at 3 GB and grew graph.json from 230 KB to 206 MB;
`nodes: [[[…]]]` 400 deep ended in a RecursionError traceback (exit 1, API 500); a key
written twice passed silently. Now each is refused by loaders/safe_yaml.py while the file is
parsed: one line, exit 2 (CLI) or 422 (API), nothing stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from loaders import safe_yaml
from loaders.sources import load_sources
from tests.api.api_support import make_settings

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
ADMIN = {"Authorization": "Bearer s3cret-token"}
#: What a refusal may cost in memory (before: 3 GB). Time is printed, not asserted (timing belongs
#: in benchmarks/; the CLI's own start-up is most of it, 1.4-4 s on the loaded 2-core machine);
#: the subprocess timeout catches a hang.
MAX_RSS_MB = 200


def alias_bomb(levels: int = 8) -> str:
    """The classic: each level a list of nine aliases of the one before (9**levels strings)."""
    lines = ["nodes:", "  - type: Zone", "    name_zh: 炸弹区", "    attrs:",
             '      l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"      l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def deep(levels: int) -> str:
    return "nodes: " + "[" * levels + "]" * levels + "\n"


HOSTILE = {
    "alias-bomb.yaml": (alias_bomb(), "YAML aliases expand to more than 10000 values"),
    "deep-400.yaml": (deep(400), "YAML nested deeper than 32 levels"),
    "deep-100000.yaml": (deep(100_000), "YAML nested deeper than 32 levels"),
}


def run_measured(args: list[str], env: dict) -> tuple[subprocess.CompletedProcess, float, float]:
    """The CLI in a child of a fresh interpreter, so its peak RSS is its own (ru_maxrss of children)."""
    probe = ("import resource, subprocess, sys, json, time; t = time.perf_counter();"
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "print(json.dumps([r.returncode, r.stdout, r.stderr, time.perf_counter() - t,"
             " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))")
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "api.cli", *args],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    code, stdout, stderr, seconds, rss_mb = json.loads(out.stdout)
    return subprocess.CompletedProcess(args, code, stdout, stderr), seconds, rss_mb


@pytest.fixture
def data_dir(tmp_path) -> Path:
    data = tmp_path / "data"
    load_sources(MemoryStore(data / "graph.json"), [MINI])
    return data


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_cli_refuses_hostile_yaml_in_one_line(tmp_path, data_dir, name):
    text, reason = HOSTILE[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = (data_dir / "graph.json").read_bytes()
    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(data_dir), "INNOGRAPH_BACKEND": "memory"}
    done, seconds, rss_mb = run_measured(["load", str(path)], env)
    print(f"\n{name}: exit {done.returncode} in {seconds:.2f} s, peak RSS {rss_mb:.0f} MB: {done.stderr.strip()}")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert reason in done.stderr and f"{path}:" in done.stderr  # file:line
    assert "nothing was stored" in done.stderr
    assert (data_dir / "graph.json").read_bytes() == before
    assert rss_mb < MAX_RSS_MB


def test_a_duplicate_key_is_refused_with_its_file_and_line(tmp_path, data_dir):
    path = tmp_path / "dup.yaml"
    path.write_text("nodes:\n  - type: Institution\n    name_zh: 甲研究院\n    name_zh: 乙研究院\n", encoding="utf-8")
    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(data_dir), "INNOGRAPH_BACKEND": "memory"}
    done = subprocess.run([sys.executable, "-m", "api.cli", "load", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{path}:4: malformed YAML: duplicate key 'name_zh' (first at line 3)" in done.stderr
    assert MemoryStore(data_dir / "graph.json").lookup("甲研究院") == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_api_refuses_hostile_yaml_with_422(tmp_path, data_dir, name):
    text, reason = HOSTILE[name]
    store = MemoryStore(data_dir / "graph.json")
    before = (data_dir / "graph.json").read_bytes()
    settings = make_settings(data_dir, admin_token="s3cret-token")
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client:
        answer = client.post("/api/v1/sources", files={"file": (name, text.encode())}, headers=ADMIN)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_input" and reason in error["message"]
    assert (data_dir / "graph.json").read_bytes() == before


def test_what_data_files_use_still_loads():
    """Anchors within the budget, `<<` merges that override a key, and ordinary nesting are fine."""
    text = ("base: &base {kind: research, city: 北京}\n"
            "one: {<<: *base, kind: university}\n"
            "two: [*base, *base]\n"
            "deep: " + "[" * (safe_yaml.MAX_DEPTH - 1) + "]" * (safe_yaml.MAX_DEPTH - 1) + "\n")  # + the top
    data = safe_yaml.load(text)
    assert data["one"] == {"kind": "university", "city": "北京"} and data["two"][1]["city"] == "北京"
    with pytest.raises(safe_yaml.Refused):
        safe_yaml.load("deep: " + "[" * safe_yaml.MAX_DEPTH + "]" * safe_yaml.MAX_DEPTH + "\n")
    with pytest.raises(safe_yaml.Refused):
        safe_yaml.load("a: &a [1]\nb: [" + ", ".join(["*a"] * (safe_yaml.MAX_ALIASES + 1)) + "]\n")
