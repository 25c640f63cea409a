"""Names, stores that fail on purpose and the error-shape check, shared by the API tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.errors import StoreUnavailable
from graph.memory import MemoryStore
from graph.settings import Settings
from loaders.sources import BUNDLED_DIR

FIXTURES = Path(__file__).parent.parent / "fixtures"
HAS_BUNDLED = any(BUNDLED_DIR.glob("*.yaml"))
bundled_only = pytest.mark.skipif(not HAS_BUNDLED, reason="needs the bundled graph (data/curated)")

#: Names in both graphs (bundled and mini).
ZONE, AGENCY = "怀柔科学城", "市科委"
ZONE_ID = "zone-huairou-science-city"
AGENCY_ID = "institution-beijing-municipal-science-technology-commission"
#: Names only in the bundled graph.
ETOWN_ALIAS, ETOWN_ZH = "经开区", "北京经济技术开发区"
ETOWN_ID = "zone-beijing-economic-technological-development-area"


def make_settings(tmp: Path, **overrides) -> Settings:
    """Settings that do not depend on the environment the tests run in."""
    values = dict(backend="memory", data_dir=tmp, admin_token="", cors_origins=[], query_timeout=10.0,
                  max_upload_bytes=20 * 1024 * 1024)
    return Settings(**{**values, **overrides})


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    """The one error shape, nothing more, and nothing from the server's inside."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "suggestions"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["suggestions"], list) and all(isinstance(s, str) for s in error["suggestions"])
    if code:
        assert error["code"] == code, error
    text = response.text
    for leak in ("Traceback", "File \"", ".py", str(Path(__file__).resolve().parents[2]), "/tmp/"):
        assert leak not in text, f"{leak!r} leaked in {text}"
    return error


class DownStore:
    """A store whose backend cannot be reached: every call raises StoreUnavailable."""

    backend = "neo4j"

    def __getattr__(self, name):
        def down(*args, **kwargs):
            raise StoreUnavailable("cannot reach Neo4j at bolt://10.0.0.7:7687 (secret detail)")
        return down


class SlowStore:
    """A store that answers after `delay` seconds (name lookups only; counts stay fast)."""

    def __init__(self, inner: MemoryStore, delay: float):
        self.inner, self.delay = inner, delay
        self.backend = inner.backend

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def get_nodes(self, ids):
        time.sleep(self.delay)
        return self.inner.get_nodes(ids)

    def lookup(self, key):
        time.sleep(self.delay)
        return self.inner.lookup(key)
