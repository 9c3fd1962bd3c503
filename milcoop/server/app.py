"""``create_app``: the FastAPI application (JSON API under /api, OpenAPI docs at /docs).

The web UI (``milcoop/web``) is served when present: its ``static`` folder at
/static and its ``index.html`` for / and any other page path outside /api,
/static and /docs. Around the routes, from the outside in: security headers,
a logged JSON 500 for any unexpected error, request size limits, and the
same-origin check on writes.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from milcoop.store import open_store

from . import routes_documents, routes_events, routes_export, routes_people, routes_review
from .docs import add_docs
from .errors import CatchAll, install_handlers
from .limits import MAX_BODY, RequestLimits
from .security import SameOrigin, SecurityHeaders
from .throttle import SignInThrottle

WEB = Path(__file__).resolve().parent.parent / "web"
# Paths that are files or API endpoints: a 404 there is a 404, never the web UI's page.
NOT_PAGES = ("/api/", "/static/", "/docs/", "/openapi.json")


def create_app(db: str | None = None, *, read_open: bool = True, max_body: int = MAX_BODY,
               throttle: SignInThrottle | None = None) -> FastAPI:
    """The app over the store at ``db`` (path, URL or None for the default).

    ``read_open``: anonymous users may read; with False every request but
    /api/login needs a signed-in user. Writes always need one.
    ``max_body``: the largest request body accepted (413 beyond).
    ``throttle``: the sign-in throttle (a new one with the default policy when None).
    """
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="milcoop", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Military-diplomacy events extracted from the news, with analyst review. "
                              "Reads are public unless the server runs with --read-closed; writes need "
                              "a signed-in analyst (bearer token, or the session cookie from a page of "
                              "this server).")
    app.state.store = store
    app.state.read_open = read_open
    app.state.throttle = throttle or SignInThrottle()
    for module in (routes_events, routes_people, routes_documents, routes_review, routes_export):
        app.include_router(module.router)
    install_handlers(app, spa_fallback=_spa_page)
    add_docs(app)
    _web(app)
    _openapi(app, read_open)
    # added innermost first: SecurityHeaders ends up outermost
    app.add_middleware(SameOrigin)
    app.add_middleware(RequestLimits, max_body=max_body)
    app.add_middleware(CatchAll)
    app.add_middleware(SecurityHeaders)
    return app


def _spa_page(request: Request):
    """The web UI's page for a GET of a page path it routes itself (None for files and the API)."""
    path = request.url.path
    if path.startswith(NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
        return None
    index = WEB / "index.html"
    return FileResponse(index) if index.is_file() else None


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


def _openapi(app: FastAPI, read_open: bool) -> None:
    """On a read-closed server the reads need sign-in too: say so in the OpenAPI."""
    def schema() -> dict:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description,
                              routes=app.routes)
            if not read_open:
                needs = [{"bearer": []}, {"cookie": []}]
                for path, operations in doc["paths"].items():
                    for op in operations.values():
                        if path != "/api/login" and "security" not in op:
                            op["security"] = needs
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = schema
