"""``create_app``: the FastAPI application (JSON API under /api, OpenAPI docs at /docs).

The web UI (``milcoop/web``) is served when present: its ``static`` folder at
/static and its ``index.html`` for / and any other GET path outside /api.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from milcoop.errors import MilcoopError, NotFound
from milcoop.store import open_store
from milcoop.store.review import Conflict, ReviewError

from . import routes_events, routes_export, routes_people, routes_review
from .deps import ApiError, error_body

WEB = Path(__file__).resolve().parent.parent / "web"
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 422: "invalid_request"}


def _error(status: int, code: str, message: str, headers=None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def create_app(db: str | None = None, *, read_open: bool = True) -> FastAPI:
    """The app over the store at ``db`` (path, URL or None for the default).

    ``read_open``: anonymous users may read; with False every request but
    /api/login needs a signed-in user. Writes always need one.
    """
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="milcoop", version="0.1.0", lifespan=lifespan,
                  description="Military-diplomacy events extracted from the news, with analyst review.")
    app.state.store = store
    app.state.read_open = read_open
    for module in (routes_events, routes_people, routes_review, routes_export):
        app.include_router(module.router)
    _errors(app)
    _web(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return _error(exc.status_code, exc.code, str(exc.detail))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and request.method == "GET" and not request.url.path.startswith("/api"):
            index = WEB / "index.html"
            if index.is_file():
                return FileResponse(index)
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path}"
        return _error(exc.status_code, CODES.get(exc.status_code, "error"), message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        message = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(422, "invalid_request", message)

    @app.exception_handler(NotFound)
    async def missing(request: Request, exc: NotFound):
        return _error(404, "not_found", exc.message)

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict):
        return _error(409, "conflict", exc.message)

    @app.exception_handler(ReviewError)
    async def bad_review(request: Request, exc: ReviewError):
        return _error(400, "bad_request", exc.message)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        return _error(400, "bad_request", str(exc))

    @app.exception_handler(MilcoopError)
    async def store_error(request: Request, exc: MilcoopError):
        return _error(500, "store_error", exc.message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        return _error(500, "internal_error", "internal server error")


def _web(app: FastAPI) -> None:
    static = WEB / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    index = WEB / "index.html"

    @app.get("/", include_in_schema=False)
    def home():
        if index.is_file():
            return FileResponse(index)
        return JSONResponse({"name": "milcoop", "api": "/api", "docs": "/docs"})
