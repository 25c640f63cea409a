"""The app on a free loopback port, for tests that talk to it over real HTTP.

    serve_in_thread(app)      uvicorn in a thread of the test process, on a socket bound here
                              (no gap between choosing the port and binding it); yields the base URL
    serve_cli(data_dir, ...)  `python -m api.cli serve` as a child process (the real command);
                              yields the base URL and the file holding its output

Both wait until GET /api/v1/health answers 200 and fail the test (never skip) with the
server's output when it does not come up; both stop the server on the way out.
Imported as `tests.support.servers` (the suite runs with --import-mode=importlib from
the project root, like tests.api.api_support).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
HEALTH = "/api/v1/health"
HOST = "127.0.0.1"


def free_port() -> int:
    """A port free on 127.0.0.1 right now (the child process binds it a moment later)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until_up(base: str, alive: Callable[[], bool], output: Callable[[], str], timeout: float) -> None:
    """Poll GET {base}/api/v1/health until it answers 200; fail with the server's output otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(base + HEALTH, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if not alive():
            pytest.fail(f"the server at {base} stopped before answering:\n{output()}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"the server at {base} did not answer within {timeout:g} s:\n{output()}", pytrace=False)
        time.sleep(0.1)


@contextmanager
def serve_in_thread(app, timeout: float = 60) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a daemon thread on a free loopback port."""
    import uvicorn

    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    base = f"http://{HOST}:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name="test-uvicorn")
    thread.start()
    try:
        wait_until_up(base, thread.is_alive, lambda: "(uvicorn in a thread: see the captured log)", timeout)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def serve_cli(data_dir: Path, timeout: float = 90, extra_env: dict[str, str] | None = None
              ) -> Iterator[tuple[str, Path]]:
    """`innograph serve --port N` (a free port, the default host) over the embedded store in `data_dir`.

    The environment's INNOGRAPH_* and NEO4J_* variables are left out, so the server uses
    the memory backend in `data_dir` whatever the machine is configured for; `extra_env` adds some.
    """
    port = free_port()
    base = f"http://{HOST}:{port}"
    log_path = data_dir / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    env.update(INNOGRAPH_DATA_DIR=str(data_dir), INNOGRAPH_BACKEND="memory", PYTHONUNBUFFERED="1", **(extra_env or {}))
    with open(log_path, "w+", encoding="utf-8") as log:
        # No --host: the default address (loopback) is part of what the caller tests.
        proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(base, lambda: proc.poll() is None,
                          lambda: log_path.read_text(encoding="utf-8"), timeout)
            yield base, log_path
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
