"""Shared pieces of the routes: the store, the signed-in user, and the one JSON error shape.

Every error leaves the server as ``{"error": {"code": str, "message": str}}``.
"""
from __future__ import annotations

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from milcoop.corrected import Corrected
from milcoop.store import Store
from milcoop.store.review import Review

COOKIE = "milcoop_session"
bearer = HTTPBearer(auto_error=False, scheme_name="bearer", description="the token returned by POST /api/login")
cookie = APIKeyCookie(name=COOKIE, auto_error=False, scheme_name="cookie",
                      description="the session cookie set by POST /api/login (writes also need a same-origin Origin)")


class ApiError(HTTPException):
    """An error with a stable machine-readable ``code``."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    error: ErrorDetail


ERROR_MEANINGS = {
    400: "the request cannot be carried out as asked (or its body is not UTF-8 JSON)",
    401: "sign in first",
    403: "a write from another site (Origin or Referer not this server's)",
    404: "no such item",
    409: "conflicts with the stored state",
    413: "the request body is too large",
    422: "a parameter or field is invalid",
    429: "too many failed sign-ins: wait for Retry-After seconds",
}


def errors(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` documenting these error statuses with the error model."""
    return {status: {"model": ErrorBody, "description": ERROR_MEANINGS[status]} for status in statuses}


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", what)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_review(store: Store = Depends(get_store)) -> Review:
    return Review(store)


def get_corrected(store: Store = Depends(get_store)) -> Corrected:
    return Corrected(store)


def session_token(request: Request) -> str | None:
    """The bearer token, else the session cookie (read directly: public reads declare no security)."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get(COOKIE)


def token_of(request: Request, _bearer: HTTPAuthorizationCredentials | None = Depends(bearer),
             _cookie: str | None = Depends(cookie)) -> str | None:
    """``session_token``, declaring the bearer and cookie schemes in the OpenAPI of the routes using it."""
    return session_token(request)


def current_user(token: str | None = Depends(token_of), review: Review = Depends(get_review)) -> str | None:
    return review.user_for(token)


def require_user(user: str | None = Depends(current_user)) -> str:
    """Writes (and, on a read-closed server, reads) need a signed-in user: 401 otherwise."""
    if not user:
        raise ApiError(401, "unauthorized", "sign in first (POST /api/login)")
    return user


def require_reader(request: Request, review: Review = Depends(get_review)) -> None:
    """Reads are public unless the server is read-closed (then 401 without a signed-in user)."""
    if not request.app.state.read_open and not review.user_for(session_token(request)):
        raise ApiError(401, "unauthorized", "this server is closed to anonymous readers: sign in first")
