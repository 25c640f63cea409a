"""Names, stores that fail on purpose and the error-shape check, shared by the API tests."""

from __future__ import annotations

import threading
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.memory import MemoryStore
from graph.settings import Settings

#: Names in both graphs (the bundled one the queries run on, and the writable mini one).
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
    """A store whose name lookups take up to `delay` seconds (counts stay fast).

    `started` is set as soon as a slow lookup begins; `release()` ends every lookup's wait
    at once, so a test never sits out the whole delay.
    """

    def __init__(self, inner: MemoryStore, delay: float):
        self.inner, self.delay = inner, delay
        self.backend = inner.backend
        self.started = threading.Event()
        self._released = threading.Event()

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def release(self) -> None:
        self._released.set()

    def _wait(self) -> None:
        self.started.set()
        self._released.wait(self.delay)

    def get_nodes(self, ids):
        self._wait()
        return self.inner.get_nodes(ids)

    def lookup(self, key):
        self._wait()
        return self.inner.lookup(key)
