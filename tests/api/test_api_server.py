"""`innograph serve` as a real uvicorn process on 127.0.0.1, over HTTP."""

from __future__ import annotations

import socket
from urllib.parse import quote

import httpx
import pytest

from tests.api.api_support import AGENCY_ID, assert_error_shape
from tests.support.servers import serve_cli


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`innograph serve` on an empty data directory: it builds the bundled data set itself."""
    with serve_cli(tmp_path_factory.mktemp("served")) as (base, log):
        yield base, log


def test_health_over_http(server):
    base, log = server
    body = httpx.get(f"{base}/api/v1/health").json()
    assert body["status"] == "ok" and body["nodes"] > 0
    assert f"innograph API at {base}/api/v1/" in log.read_text(encoding="utf-8")


def test_query_over_http(server):
    base, _ = server
    response = httpx.get(f"{base}/api/v1/nodes/{quote('市科委')}/neighbors", params={"depth": 1})
    assert response.status_code == 200
    assert response.json()["center"] == AGENCY_ID


def test_error_shape_over_http(server):
    base, _ = server
    assert_error_shape(httpx.get(f"{base}/api/v1/nodes/{quote('没有这个机构')}"), 404, "not_found")
    assert_error_shape(httpx.get(f"{base}/api/v1/paths", params={"source": "a", "target": "b", "max_hops": 99}),
                       422, "limit_exceeded")
    assert_error_shape(httpx.post(f"{base}/api/v1/sources", content=b"x"), 404, "not_found")


def test_bound_to_loopback_only(server):
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    outward = outward_address()
    if outward is None:
        pytest.skip("this machine has no non-loopback address to try")
    with socket.socket() as s:
        s.settimeout(1)
        assert s.connect_ex((outward, port)) != 0


def outward_address() -> str | None:
    """This machine's own non-loopback address (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address
