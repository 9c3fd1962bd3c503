"""Every error the app answers, in the one JSON shape ``{"error": {"code", "message"}}``.

Errors the input causes are 4xx with a message naming the parameter or field;
anything else is logged with its traceback and answered 500 in the same shape
(no traceback leaves the server).
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from milcoop.errors import MilcoopError, NotFound
from milcoop.store.review import Conflict, ReviewError

from .deps import ApiError, error_body

log = logging.getLogger("milcoop.server")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 414: "uri_too_long", 422: "invalid_request", 429: "too_many_attempts",
         431: "headers_too_large"}


def json_error(status: int, code: str, message: str, headers=None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _field_errors(errors) -> str:
    """'query.from: Value error, ...; body.name: String should have at most 200 characters'."""
    def where(loc) -> str:
        return ".".join(str(x) for x in loc) or "request"

    return "; ".join(f"{where(e.get('loc', ()))}: {e.get('msg', 'invalid').removeprefix('Value error, ')}"
                     for e in errors)


def install_handlers(app: FastAPI, *, spa_fallback) -> None:
    """The exception handlers; ``spa_fallback(request)``: a response for a GET 404 outside the API, or None."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return json_error(exc.status_code, exc.code, str(exc.detail), exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and request.method == "GET":
            page = spa_fallback(request)
            if page is not None:
                return page
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint or file: {request.method} {request.url.path}"
        return json_error(exc.status_code, CODES.get(exc.status_code, "error"), message,
                          getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return json_error(422, "invalid_request", _field_errors(exc.errors()))

    @app.exception_handler(NotFound)
    async def missing(request: Request, exc: NotFound):
        return json_error(404, "not_found", exc.message)

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict):
        return json_error(409, "conflict", exc.message)

    @app.exception_handler(ReviewError)
    async def bad_review(request: Request, exc: ReviewError):
        return json_error(400, "bad_request", exc.message)

    @app.exception_handler(MilcoopError)
    async def store_error(request: Request, exc: MilcoopError):
        log.error("%s %s: %s", request.method, request.url.path, exc.describe())
        return json_error(500, "store_error", exc.message)


class CatchAll:
    """ASGI middleware: an unexpected exception is logged and answered 500 in the JSON shape."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            await json_error(500, "internal_error", "internal server error")(scope, receive, send)
