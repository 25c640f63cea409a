"""The Host allow-list: answer only requests addressed to a name the settings allow.

A server on 127.0.0.1 is still readable from a browser through DNS rebinding: a page on
evil.example re-points its own name at 127.0.0.1, and the browser, which believes it talks
to evil.example, sends `Host: evil.example:8000` and lets the page read the answers. The
network cannot tell; the Host header can. So every request whose Host (without its port)
is not in `settings.allowed_hosts` gets a JSON 400 in the one error shape, before any route
or page runs. Loopback names are allowed by default; `*` allows any.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response


def host_name(header: str) -> str:
    """`[::1]:8000` -> `::1`, `Example.COM.:80` -> `example.com`."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


class AllowedHosts:
    """ASGI middleware: a Host outside the allow-list gets 400 `bad_host`."""

    def __init__(self, app: ASGIApp, allowed: list[str]):
        self.app = app
        self.any = "*" in allowed
        self.allowed = {host_name(h) for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            await self.app(scope, receive, send)
            return
        headers = [v for k, v in scope.get("headers", ()) if k == b"host"]
        name = host_name(headers[0].decode("latin-1")) if len(headers) == 1 else None
        if name in self.allowed:
            await self.app(scope, receive, send)
            return
        shown = "no Host header" if not headers else "several Host headers" if len(headers) > 1 \
            else f"the host {name[:100]!r}"
        await error_response(400, "bad_host", f"{shown} is not served here",
                             ["this server answers " + ", ".join(sorted(self.allowed)) +
                              "; an operator can add a name to INNOGRAPH_ALLOWED_HOSTS"])(scope, receive, send)
