"""Shared pieces of the routes: the store, the signed-in user, and the one JSON error shape.

Every error leaves the server as ``{"error": {"code": str, "message": str}}``.
"""
from __future__ import annotations

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from milcoop.corrected import Corrected
from milcoop.store import Store
from milcoop.store.review import Review

COOKIE = "milcoop_session"
bearer = HTTPBearer(auto_error=False, description="the token returned by POST /api/login")


class ApiError(HTTPException):
    """An error with a stable machine-readable ``code``."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(status_code=status, detail=message)
        self.code = code


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", what)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_review(store: Store = Depends(get_store)) -> Review:
    return Review(store)


def get_corrected(store: Store = Depends(get_store)) -> Corrected:
    return Corrected(store)


def token_of(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str | None:
    if credentials and credentials.scheme.lower() == "bearer":
        return credentials.credentials
    return request.cookies.get(COOKIE)


def current_user(token: str | None = Depends(token_of), review: Review = Depends(get_review)) -> str | None:
    return review.user_for(token)


def require_user(user: str | None = Depends(current_user)) -> str:
    """Writes (and, on a read-closed server, reads) need a signed-in user: 401 otherwise."""
    if not user:
        raise ApiError(401, "unauthorized", "sign in first (POST /api/login)")
    return user


def require_reader(request: Request, user: str | None = Depends(current_user)) -> str | None:
    if not request.app.state.read_open and not user:
        raise ApiError(401, "unauthorized", "this server is closed to anonymous readers: sign in first")
    return user
