"""Every setting in one place, read from the environment (prefix INNOGRAPH_, and NEO4J_*).

The README documents each one; a test fails when a setting is undocumented.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INNOGRAPH_", extra="ignore")

    backend: Literal["memory", "neo4j"] = Field("memory", description="which store holds the graph")
    data_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_data_dir("innograph")),
                           description="where the embedded store keeps its snapshot")
    neo4j_uri: str = Field("bolt://127.0.0.1:7687", validation_alias=AliasChoices("NEO4J_URI", "INNOGRAPH_NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "INNOGRAPH_NEO4J_USER"))
    neo4j_password: str = Field("", validation_alias=AliasChoices("NEO4J_PASSWORD", "INNOGRAPH_NEO4J_PASSWORD"))
    neo4j_database: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "INNOGRAPH_NEO4J_DATABASE"))
    bundled_dir: Path | None = Field(None, description="the curated data set `innograph build` loads "
                                                       "(default: data/curated of the checkout)")
    query_timeout: float = Field(10.0, gt=0, description="seconds a query may run before it is stopped")
    extract_timeout: float = Field(60.0, gt=0, description="seconds the reading of one report (.txt/.html) may "
                                                           "take in `load`, `extract` and uploads")
    host: str = Field("127.0.0.1", description="address `innograph serve` binds to")
    port: int = Field(8000, ge=0, le=65535, description="port `innograph serve` listens on (0: any free port)")
    admin_token: str = Field("", description="enables POST /api/v1/sources when set (bearer token)")
    cors_origins: list[str] = Field(default_factory=list, description="origins allowed by CORS; none by default")
    max_upload_bytes: int = Field(20 * 1024 * 1024, description="largest source file accepted by the API")
    page_physics_threshold: int = Field(300, description="above this many nodes a page is laid out in Python")
    page_node_cap: int = Field(2000, description="most nodes drawn on one page")
    lock_timeout: float = Field(60.0, ge=0, description="seconds a write waits for another process's write "
                                                        "to the same data dir before it gives up")
    allowed_hosts: list[str] = Field(default_factory=lambda: ["127.0.0.1", "localhost", "::1", "testserver"],
                                     description="Host header names the API answers (any port); '*' allows any")

    @property
    def snapshot_path(self) -> Path:
        return self.data_dir / "graph.json"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_problem(exc: ValidationError) -> str:
    """One line naming the environment variable that is wrong, for users rather than developers."""
    parts = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        info = Settings.model_fields.get(field)
        alias = info.validation_alias if info else None
        env = alias.choices[0] if alias is not None else f"INNOGRAPH_{field.upper()}"
        parts.append(f"{env}: {error['msg']}")
    return "; ".join(parts)
