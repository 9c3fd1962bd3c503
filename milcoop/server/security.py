"""Browser-facing protections: security headers on every response, and same-origin writes.

The web UI and the API docs load every script and style from this server and
run no inline script, so the Content-Security-Policy allows 'self' only; no
page may be framed. A write (POST, PUT, PATCH, DELETE) whose Origin (or, when
a browser sends none, Referer) names another site is refused with 403, and a
write authenticated by the session cookie must name this server: a page on
another site cannot act with an analyst's cookie. Requests with a bearer token
and no cookie (scripts, the CLI) need neither header.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .deps import COOKIE
from .errors import json_error

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS`` to every HTTP response (unless a route set its own)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


def origin_of(url: str | None) -> str | None:
    """'https://host:port' of a URL (None when it has no scheme and host)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return "invalid"
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else "invalid"


class SameOrigin:
    """ASGI middleware refusing cross-site writes (see the module docstring)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS:
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        host = headers.get("host")
        own = f"{scope.get('scheme', 'http')}://{host}".lower() if host else None
        origin = headers.get("origin")
        source = origin.strip().lower() if origin else origin_of(headers.get("referer"))
        if source is not None:
            if source != own:
                return await json_error(403, "cross_origin", f"a write from another site ({source}) is refused: "
                                        "send it from this server's pages")(scope, receive, send)
        elif self._cookie_authenticated(headers):
            return await json_error(403, "cross_origin", "a write signed in by cookie needs an Origin or Referer "
                                    "header naming this server (browsers send it; scripts should use the "
                                    "bearer token)")(scope, receive, send)
        await self.app(scope, receive, send)

    @staticmethod
    def _cookie_authenticated(headers: Headers) -> bool:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return False
        return COOKIE in cookie_parser(headers.get("cookie", ""))
