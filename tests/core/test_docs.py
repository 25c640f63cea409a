"""The README documents every setting and every CLI command (datasette's test_docs pattern)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import app
from graph.settings import Settings

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def env_name(name: str, field) -> str:
    alias = field.validation_alias
    return alias.choices[0] if alias is not None else f"INNOGRAPH_{name.upper()}"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name):
    assert f"`{env_name(name, Settings.model_fields[name])}`" in README


@pytest.mark.parametrize("command", sorted(c.name or c.callback.__name__ for c in app.registered_commands))
def test_every_command_is_documented(command):
    assert f"`innograph {command}" in README
