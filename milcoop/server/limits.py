"""Request size limits, answered in the API's JSON error shape before any route runs.

A request whose target (path and query) is longer than ``max_url`` gets 414,
one whose headers add up to more than ``max_headers`` gets 431, and one whose
body is larger than ``max_body`` gets 413: at once when Content-Length says so,
or as soon as a streamed body passes the limit. Requests too large for the
HTTP server itself never reach the app: ``milcoop.server.run`` sets that limit
above these and answers them in the same shape.
"""
from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .deps import ApiError
from .errors import json_error

MAX_URL = 8 * 1024
MAX_HEADERS = 16 * 1024
MAX_BODY = 64 * 1024


class RequestLimits:
    """ASGI middleware enforcing the URL, header and body limits."""

    def __init__(self, app: ASGIApp, *, max_url: int = MAX_URL, max_headers: int = MAX_HEADERS,
                 max_body: int = MAX_BODY):
        self.app = app
        self.max_url, self.max_headers, self.max_body = max_url, max_headers, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if target > self.max_url:
            return await json_error(414, "uri_too_long",
                                    f"the request target is {target} bytes long; the limit is {self.max_url}")(
                scope, receive, send)
        size = sum(len(k) + len(v) for k, v in scope["headers"])
        if size > self.max_headers:
            return await json_error(431, "headers_too_large",
                                    f"the request headers add up to {size} bytes; the limit is {self.max_headers}")(
                scope, receive, send)
        length = Headers(scope=scope).get("content-length")
        if length is not None:
            if not length.isdigit():
                return await json_error(400, "bad_request", "Content-Length must be a number of bytes")(
                    scope, receive, send)
            if int(length) > self.max_body:
                return await json_error(413, "too_large", self._too_large(int(length)))(scope, receive, send)
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ApiError(413, "too_large", self._too_large(received))
            return message

        await self.app(scope, counted, send)

    def _too_large(self, size: int) -> str:
        return f"the request body is {size} bytes or more; the limit is {self.max_body}"
