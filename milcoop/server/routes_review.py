"""Signing in and analyst review: states, corrections, merges and splits, the audit log."""
from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from milcoop.corrected import Corrected, apply_fields
from milcoop.passwords import MAX_LENGTH as PASSWORD_LENGTH
from milcoop.patches import EventPatch, PersonPatch, plain_text
from milcoop.schema import Area, DocumentStatus, DocumentType, EventType, ExerciseStatus, Org, Rank, Role
from milcoop.store.review import SESSION_DAYS, Review

from .deps import (COOKIE, ApiError, current_user, errors, get_corrected, get_review, not_found, require_user,
                   token_of)
from .params import ID_LENGTH, OccasionId, PersonId
from .throttle import SignInThrottle

router = APIRouter(prefix="/api", tags=["review"], responses=errors(422))
WRITE_ERRORS = errors(400, 401, 403, 404, 409, 413)

Id = Annotated[str, StringConstraints(min_length=1, max_length=ID_LENGTH), AfterValidator(plain_text)]
MAX_IDS = 1000


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Login(_Body):
    username: Annotated[str, Field(min_length=1, max_length=128), AfterValidator(plain_text)]
    password: str = Field(min_length=1, max_length=PASSWORD_LENGTH)


class ReviewState(_Body):
    state: Literal["confirmed", "rejected"] | None


class Ids(_Body):
    ids: list[Id] = Field(min_length=2, max_length=MAX_IDS)


class EventIds(_Body):
    event_ids: list[Id] = Field(min_length=1, max_length=MAX_IDS)


class ParticipantKeys(_Body):
    participants: list[Annotated[str, StringConstraints(pattern=r"^[^:]{1,64}:[0-9]{1,6}$"),
                                 AfterValidator(plain_text)]] = Field(
        min_length=1, max_length=MAX_IDS, description="event_id:ordinal of each mention")


@router.post("/login", summary="Sign in: sets the milcoop_session cookie and returns a bearer token",
             responses=errors(400, 401, 403, 413, 429))
def login(body: Login, request: Request, response: Response, review: Review = Depends(get_review)) -> dict:
    """Failed sign-ins lock the account and the client out for a while (429 with Retry-After)."""
    throttle: SignInThrottle = request.app.state.throttle
    client = request.client.host if request.client else "unknown"
    keys = [f"account:{body.username.casefold()}", f"client:{client}"]
    wait = throttle.wait(keys)
    if wait > 0:
        raise ApiError(429, "too_many_attempts", f"too many failed sign-ins: try again in {wait:.0f} s",
                       headers={"Retry-After": str(max(1, round(wait + 0.5)))})
    with throttle.hashing:
        token = review.login(body.username, body.password)
    if token is None:
        for lock in throttle.failed(keys):
            kind, _, target = lock.key.partition(":")
            review.log(body.username, "lockout", kind, target, {"failures": lock.failures},
                       {"locked_seconds": lock.seconds, "account": body.username, "client": client})
        raise ApiError(401, "bad_credentials", "wrong username or password")
    throttle.succeeded(keys)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=SESSION_DAYS * 86400,
                        secure=request.url.scheme == "https", path="/")
    return {"username": body.username, "token": token}


@router.post("/logout", summary="Sign out", responses=errors(403))
def logout(response: Response, token: str | None = Depends(token_of), review: Review = Depends(get_review)) -> dict:
    review.logout(token)
    response.delete_cookie(COOKIE, path="/")
    return {"ok": True}


@router.get("/me", summary="The signed-in user (401 when nobody is)", responses=errors(401))
def me(user: str | None = Depends(current_user)) -> dict:
    if not user:
        raise ApiError(401, "unauthorized", "not signed in")
    return {"username": user}


@router.get("/session", summary="Who is signed in: {\"username\": null} when nobody is (never a 401)")
def session(user: str | None = Depends(current_user)) -> dict:
    """What the web UI asks on every load: an anonymous visit is not an error."""
    return {"username": user or None}


@router.get("/vocabulary", summary="The values a correction may use: event types, roles, ranks, documents, areas")
def vocabulary() -> dict[str, list[str]]:
    """The schema's closed lists, so the review form offers exactly what PATCH accepts."""
    return {name: list(get_args(literal)) for name, literal in (
        ("types", EventType), ("roles", Role), ("ranks", Rank), ("document_types", DocumentType),
        ("document_statuses", DocumentStatus), ("exercise_statuses", ExerciseStatus), ("areas", Area),
        ("orgs", Org))}


def _occasion(corrected: Corrected, some_id: str) -> str:
    occasion = corrected.resolve(some_id)
    if occasion is None:
        raise not_found(f"no occasion or event {some_id!r}")
    return occasion


@router.post("/events/merge", summary="Merge occasions into the first one", responses=WRITE_ERRORS)
def merge_events(body: Ids, user: str = Depends(require_user), review: Review = Depends(get_review),
                 corrected: Corrected = Depends(get_corrected)) -> dict:
    ids = [_occasion(corrected, i) for i in body.ids]
    return {"id": review.merge_occasions(user, ids)}


@router.post("/events/{event_id}/review", summary="Confirm or reject an occasion (null clears)",
             responses=WRITE_ERRORS)
def review_event(event_id: OccasionId, body: ReviewState, user: str = Depends(require_user),
                 review: Review = Depends(get_review), corrected: Corrected = Depends(get_corrected)) -> dict:
    occasion = _occasion(corrected, event_id)
    return {"id": occasion, "review_state": review.set_state(user, occasion, body.state)}


@router.patch("/events/{event_id}", summary="Correct fields of an occasion; returns the corrected event",
              responses=WRITE_ERRORS)
def correct_event(event_id: OccasionId, body: EventPatch, user: str = Depends(require_user),
                  review: Review = Depends(get_review), corrected: Corrected = Depends(get_corrected)) -> dict:
    occasion = _occasion(corrected, event_id)
    fields = corrected.fields.get(occasion, {})
    current = apply_fields(corrected.machine_event(occasion), fields)
    values = body.values()
    apply_fields(current, values)  # the whole event stays valid (EventPatch checked each field)
    before = {**current.model_dump(mode="json", exclude={"evidence"}), "note": fields.get("note")}
    review.correct(user, "occasion", occasion, values, before)
    return Corrected(review.store).detail(occasion)


@router.get("/events/{event_id}/audit", summary="The audit trail of one occasion, newest first (signed-in only)",
            responses=errors(401, 404))
def event_audit(event_id: OccasionId, limit: int = Query(100, ge=1, le=1000), user: str = Depends(require_user),
                review: Review = Depends(get_review), corrected: Corrected = Depends(get_corrected)) -> list[dict]:
    return review.audit(limit, occasion=_occasion(corrected, event_id))


@router.post("/events/{event_id}/split", summary="Move some reports of an occasion to a new occasion",
             responses=WRITE_ERRORS)
def split_event(event_id: OccasionId, body: EventIds, user: str = Depends(require_user),
                review: Review = Depends(get_review), corrected: Corrected = Depends(get_corrected)) -> dict:
    return {"id": review.split_occasion(user, _occasion(corrected, event_id), body.event_ids)}


@router.post("/people/merge", summary="Merge persons into the first one", responses=WRITE_ERRORS)
def merge_people(body: Ids, user: str = Depends(require_user), review: Review = Depends(get_review)) -> dict:
    return {"id": review.merge_persons(user, body.ids)}


@router.post("/people/{person_id}/split", summary="Move some mentions of a person to a new person",
             responses=WRITE_ERRORS)
def split_person(person_id: PersonId, body: ParticipantKeys, user: str = Depends(require_user),
                 review: Review = Depends(get_review)) -> dict:
    return {"id": review.split_person(user, person_id, body.participants)}


@router.patch("/people/{person_id}", summary="Correct a person's name or country", responses=WRITE_ERRORS)
def correct_person(person_id: PersonId, body: PersonPatch, user: str = Depends(require_user),
                   review: Review = Depends(get_review)) -> dict:
    store = review.store
    before = store.dossier(person_id)
    if before is None:
        raise not_found(f"no person {person_id!r}")
    values = body.values()
    review.correct(user, "person", person_id, values, {k: before.get(k) for k in values})
    return Corrected(store).person(store.dossier(person_id))


@router.get("/audit", summary="The latest analyst writes, newest first (signed-in only)",
            responses=errors(401))
def audit(limit: int = Query(100, ge=1, le=1000), user: str = Depends(require_user),
          review: Review = Depends(get_review)) -> list[dict]:
    return review.audit(limit)
