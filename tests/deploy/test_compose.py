"""docker-compose.yml is valid (checked by docker-compose itself) and speaks the settings' language."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from graph.settings import Settings

ROOT = Path(__file__).parents[2]


def compose_config(env: dict[str, str]) -> subprocess.CompletedProcess:
    exe = shutil.which("docker-compose")
    if exe is None:
        pytest.fail("docker-compose is not installed: `make test` installs Debian's docker-compose package")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "INNOGRAPH_"))}
    return subprocess.run([exe, "-f", str(ROOT / "docker-compose.yml"), "config"], cwd=ROOT,
                          env={**clean, **env}, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def config() -> dict:
    done = compose_config({"NEO4J_PASSWORD": "compose-test"})
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def setting_names() -> set[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.add(alias.choices[0] if alias is not None else f"INNOGRAPH_{name.upper()}")
    return names


def test_compose_refuses_to_start_without_a_password():
    done = compose_config({})
    assert done.returncode != 0
    assert "NEO4J_PASSWORD" in done.stderr


def test_neo4j_service_is_526_community_with_a_healthcheck_and_a_volume(config):
    neo4j = config["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"]) and "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/compose-test"
    sources = [v.split(":")[0] if isinstance(v, str) else v.get("source") for v in neo4j["volumes"]]
    assert "neo4j-data" in sources
    assert "neo4j-data" in config["volumes"]


def test_api_waits_for_a_healthy_neo4j_and_uses_only_known_settings(config):
    api = config["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687" and env["INNOGRAPH_BACKEND"] == "neo4j"
    unknown = set(env) - setting_names()
    assert not unknown, f"compose sets variables no setting reads: {unknown}"
    assert (ROOT / api["build"]["context"] / "Dockerfile").exists()


def test_published_ports_are_loopback_only(config):
    for name, service in config["services"].items():
        for port in service.get("ports", []):
            text = port if isinstance(port, str) else f"{port.get('host_ip', '')}:{port.get('published')}"
            assert text.startswith("127.0.0.1:"), (name, port)
