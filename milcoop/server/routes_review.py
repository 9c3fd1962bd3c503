"""Signing in and analyst review: states, corrections, merges and splits, the audit log."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from pydantic import BaseModel, Field, ValidationError

from milcoop.corrected import Corrected, apply_fields
from milcoop.store.review import Review

from .deps import (COOKIE, ApiError, current_user, get_corrected, get_review, not_found, require_user,
                   token_of)
from milcoop.store.review import SESSION_DAYS

router = APIRouter(prefix="/api", tags=["review"])


class Login(BaseModel):
    username: str
    password: str


class ReviewState(BaseModel):
    state: Literal["confirmed", "rejected"] | None


class Ids(BaseModel):
    ids: list[str] = Field(min_length=2)


class EventIds(BaseModel):
    event_ids: list[str] = Field(min_length=1)


class ParticipantKeys(BaseModel):
    participants: list[str] = Field(min_length=1, description="event_id:ordinal of each mention")


@router.post("/login", summary="Sign in: sets the milcoop_session cookie and returns a bearer token")
def login(body: Login, request: Request, response: Response, review: Review = Depends(get_review)) -> dict:
    token = review.login(body.username, body.password)
    if token is None:
        raise ApiError(401, "bad_credentials", "wrong username or password")
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=SESSION_DAYS * 86400,
                        secure=request.url.scheme == "https", path="/")
    return {"username": body.username, "token": token}


@router.post("/logout", summary="Sign out")
def logout(response: Response, token: str | None = Depends(token_of), review: Review = Depends(get_review)) -> dict:
    review.logout(token)
    response.delete_cookie(COOKIE, path="/")
    return {"ok": True}


@router.get("/me", summary="The signed-in user (401 when nobody is)")
def me(user: str | None = Depends(current_user)) -> dict:
    if not user:
        raise ApiError(401, "unauthorized", "not signed in")
    return {"username": user}


def _occasion(corrected: Corrected, some_id: str) -> str:
    occasion = corrected.resolve(some_id)
    if occasion is None:
        raise not_found(f"no occasion or event {some_id!r}")
    return occasion


@router.post("/events/merge", summary="Merge occasions into the first one")
def merge_events(body: Ids, user: str = Depends(require_user), review: Review = Depends(get_review),
                 corrected: Corrected = Depends(get_corrected)) -> dict:
    ids = [_occasion(corrected, i) for i in body.ids]
    return {"id": review.merge_occasions(user, ids)}


@router.post("/events/{event_id}/review", summary="Confirm or reject an occasion (null clears)")
def review_event(event_id: str, body: ReviewState, user: str = Depends(require_user),
                 review: Review = Depends(get_review), corrected: Corrected = Depends(get_corrected)) -> dict:
    occasion = _occasion(corrected, event_id)
    return {"id": occasion, "review_state": review.set_state(user, occasion, body.state)}


@router.patch("/events/{event_id}", summary="Correct fields of an occasion; returns the corrected event")
def correct_event(event_id: str, body: dict[str, Any] = Body(..., examples=[{"date": "2011-11-30"}]),
                  user: str = Depends(require_user), review: Review = Depends(get_review),
                  corrected: Corrected = Depends(get_corrected)) -> dict:
    occasion = _occasion(corrected, event_id)
    current = apply_fields(corrected.machine_event(occasion), corrected.fields.get(occasion, {}))
    try:
        apply_fields(current, body)  # validate the values against the schema before storing them
    except ValidationError as exc:
        raise ApiError(400, "invalid_value", "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from exc
    review.correct(user, "occasion", occasion, body, current.model_dump(exclude={"evidence"}))
    return Corrected(review.store).detail(occasion)


@router.post("/events/{event_id}/split", summary="Move some reports of an occasion to a new occasion")
def split_event(event_id: str, body: EventIds, user: str = Depends(require_user),
                review: Review = Depends(get_review), corrected: Corrected = Depends(get_corrected)) -> dict:
    return {"id": review.split_occasion(user, _occasion(corrected, event_id), body.event_ids)}


@router.post("/people/merge", summary="Merge persons into the first one")
def merge_people(body: Ids, user: str = Depends(require_user), review: Review = Depends(get_review)) -> dict:
    return {"id": review.merge_persons(user, body.ids)}


@router.post("/people/{person_id}/split", summary="Move some mentions of a person to a new person")
def split_person(person_id: str, body: ParticipantKeys, user: str = Depends(require_user),
                 review: Review = Depends(get_review)) -> dict:
    return {"id": review.split_person(user, person_id, body.participants)}


@router.patch("/people/{person_id}", summary="Correct a person's name or country")
def correct_person(person_id: str, body: dict[str, Any] = Body(..., examples=[{"name": "Viktor Khrenin"}]),
                   user: str = Depends(require_user), review: Review = Depends(get_review)) -> dict:
    store = review.store
    before = store.dossier(person_id)
    if before is None:
        raise not_found(f"no person {person_id!r}")
    review.correct(user, "person", person_id, body, {k: before.get(k) for k in body})
    return Corrected(store).person(store.dossier(person_id))


@router.get("/audit", summary="The latest analyst writes, newest first (signed-in only)")
def audit(limit: int = Query(100, ge=1, le=1000), user: str = Depends(require_user),
          review: Review = Depends(get_review)) -> list[dict]:
    return review.audit(limit)
