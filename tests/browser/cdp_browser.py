"""Drive Debian's headless Chromium over the DevTools protocol, with the standard library only.

Chromium is started with `--remote-debugging-pipe`: commands go in on file descriptor 3
and answers come out on descriptor 4, each a JSON message ended by a NUL byte. No port
is opened, no websocket library is needed and no browser is ever downloaded.

The browser is denied the network: every host name resolves to nothing (loopback is
excepted only when `loopback=True`, for pages served by a test server) and every
request that is not a file goes to a dead proxy.

    with Browser(loopback=False) as browser:
        page = browser.open("file:///tmp/page.html")
        page.evaluate("document.title")
        page.screenshot(Path("shot.png"))
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from queue import Empty, Queue
from typing import Any

CHROMIUM_PACKAGE = "chromium"
FONT_PACKAGE = "fonts-noto-cjk"

BASE_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
    "--disable-dev-shm-usage", "--remote-debugging-pipe",
    # A tab opened over the protocol counts as hidden: without these its timers run once a second.
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]


class BrowserMissing(RuntimeError):
    pass


def find_chromium() -> str:
    """The Chromium binary, or an error that names the Debian packages to install."""
    for name in (os.environ.get("INNOGRAPH_CHROMIUM", ""), "chromium", "chromium-browser"):
        path = shutil.which(name) if name else None
        if path:
            return path
    raise BrowserMissing(
        f"headless Chromium is not installed: install the Debian packages "
        f"'{CHROMIUM_PACKAGE}' and '{FONT_PACKAGE}' "
        f"(apt-get install -y --no-install-recommends {CHROMIUM_PACKAGE} {FONT_PACKAGE})")


def network_flags(loopback: bool) -> list[str]:
    """Flags that keep the browser off the network (loopback stays reachable if asked).

    Every name resolves to nothing and every request goes to a dead proxy (port 9). Chromium
    bypasses a proxy for loopback by itself; `<-loopback>` removes that bypass, so it is the
    rule for file pages (nothing reachable at all), not for served ones.
    """
    if loopback:
        return ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
    return ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>"]


class CDPError(RuntimeError):
    pass


class _Pipe:
    """One NUL-framed JSON connection to the browser, read by a thread."""

    def __init__(self, write_fd: int, read_fd: int):
        self._out = os.fdopen(write_fd, "wb", buffering=0)
        self._in = os.fdopen(read_fd, "rb", buffering=0)
        self._lock = threading.Lock()
        self._next_id = 0
        self._answers: dict[int, Queue] = {}
        self.events: dict[str | None, Queue] = defaultdict(Queue)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        with self._lock:
            self._next_id += 1
            msg_id = self._next_id
            answer: Queue = Queue()
            self._answers[msg_id] = answer
            msg = {"id": msg_id, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            self._out.write(json.dumps(msg).encode() + b"\0")
        try:
            reply = answer.get(timeout=timeout)
        except Empty:
            raise CDPError(f"{method}: no answer within {timeout} s") from None
        finally:
            self._answers.pop(msg_id, None)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _read(self) -> None:
        buf = b""
        while True:
            chunk = self._in.read(1 << 16)
            if not chunk:
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg and msg["id"] in self._answers:
                    self._answers[msg["id"]].put(msg)
                elif "method" in msg:
                    self.events[msg.get("sessionId")].put(msg)

    def close(self) -> None:
        for f in (self._out, self._in):
            try:
                f.close()
            except OSError:
                pass


class Page:
    """One tab: navigate, evaluate, type, click, capture; it records console errors and requests."""

    def __init__(self, pipe: _Pipe, session: str, target: str = ""):
        self._pipe = pipe
        self.session = session
        self.target = target
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self._seen_events: list[dict] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        return self._pipe.send(method, params, self.session, timeout)

    def drain(self) -> None:
        """Take every pending event, recording the ones tests care about."""
        queue = self._pipe.events[self.session]
        while True:
            try:
                event = queue.get_nowait()
            except Empty:
                return
            self._record(event)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        queue = self._pipe.events[self.session]
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError(f"no {method} within {timeout} s")
            try:
                event = queue.get(timeout=left)
            except Empty:
                continue
            self._record(event)
            if event["method"] == method:
                return event

    def _record(self, event: dict) -> None:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            desc = details.get("exception", {}).get("description") or details.get("text")
            self.errors.append(f"exception: {desc}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.errors.append(f"console.{params['type']}: {args}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self.send("Page.handleJavaScriptDialog", {"accept": True})

    def close(self) -> None:
        """Close the tab (its memory goes with it)."""
        self._pipe.send("Target.closeTarget", {"targetId": self.target})

    def navigate(self, url: str, timeout: float = 60) -> None:
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", timeout)

    def evaluate(self, expression: str, timeout: float = 30) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CDPError(details.get("exception", {}).get("description") or details.get("text"))
        self.drain()
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30, interval: float = 0.05) -> Any:
        """Poll a JavaScript expression until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CDPError(f"{expression!r} still false after {timeout} s")
            time.sleep(interval)

    def type_text(self, text: str) -> None:
        self.send("Input.insertText", {"text": text})

    def press(self, key: str, code: str | None = None, key_code: int = 0) -> None:
        base = {"key": key, "code": code or key, "windowsVirtualKeyCode": key_code}
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **base})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "clickCount": 0 if kind == "mouseMoved" else 1})

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def screenshot(self, path: Path | None = None, clip: dict | None = None) -> bytes:
        params: dict = {"format": "png"}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        data = base64.b64decode(self.send("Page.captureScreenshot", params)["data"])
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return data


class Browser:
    """A headless Chromium with a fresh profile, denied the network, driven over a pipe."""

    def __init__(self, loopback: bool = False, width: int = 1280, height: int = 800,
                 extra_flags: list[str] | None = None):
        self.binary = find_chromium()
        self.loopback = loopback
        self.width, self.height = width, height
        self.extra_flags = list(extra_flags or [])
        self.profile = ""
        self.proc: subprocess.Popen | None = None
        self._pipe: _Pipe | None = None

    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="innograph-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the child's ends above 10 so that placing them on 3 and 4 cannot clobber either.
        child_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)

        def place_fds() -> None:
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        args = [self.binary, *BASE_FLAGS, *network_flags(self.loopback), *self.extra_flags,
                f"--user-data-dir={self.profile}", f"--window-size={self.width},{self.height}",
                "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=place_fds)
        os.close(child_r)
        os.close(child_w)
        self._pipe = _Pipe(to_browser_w, from_browser_r)
        self._pipe.send("Browser.getVersion", timeout=30)

    def new_page(self) -> Page:
        assert self._pipe is not None, "start() the browser first"
        target = self._pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self._pipe, session, target)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height,
                                                          "deviceScaleFactor": 1, "mobile": False})
        page.send("Page.bringToFront")
        return page

    def phone(self, width: int = 390, height: int = 800) -> Page:
        """A page the size of a phone's screen, as a mobile viewport (it widens to what overflows it: measure
        against `width`, not window.innerWidth)."""
        page = self.new_page()
        page.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                          "mobile": True})
        return page

    def open(self, url: str, timeout: float = 60) -> Page:
        page = self.new_page()
        page.navigate(url, timeout)
        return page

    def close(self) -> None:
        if self._pipe:
            try:
                self._pipe.send("Browser.close", timeout=5)
            except (CDPError, OSError):
                pass
        if self.proc:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._pipe:
            self._pipe.close()
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)


def count_foreground(png: bytes, background=(255, 255, 255), tolerance: int = 12) -> int:
    """Pixels of a PNG that differ from the background colour."""
    from io import BytesIO

    from PIL import Image

    from PIL import ImageChops

    image = Image.open(BytesIO(png)).convert("RGB")
    diff = ImageChops.difference(image, Image.new("RGB", image.size, tuple(background))).convert("L")
    return sum(diff.point(lambda v: 255 if v > tolerance else 0).histogram()[255:])
