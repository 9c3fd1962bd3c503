"""People (tenures, search, dossiers), documents, partner countries and the partner network."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from milcoop.corrected import Corrected
from milcoop.store import Store

from .deps import ApiError, get_corrected, get_store, not_found, require_reader

router = APIRouter(prefix="/api", tags=["people and networks"], dependencies=[Depends(require_reader)])


@router.get("/people", summary="Tenures of offices (holders on a date with role+on) and contradictions")
def people(role: str | None = None, country: str | None = None, on: str | None = None,
           store: Store = Depends(get_store)) -> dict:
    from milcoop.resolve.tenures import contradictions, holders_on, tenures

    obs = store.observations(role=role, country=country)
    spans = tenures(obs)
    if on:
        if not role:
            raise ApiError(400, "bad_request", "'on' needs 'role' (and usually 'country')")
        spans = holders_on(spans, role, country, on)
    return {"tenures": [t.__dict__ for t in spans], "contradictions": contradictions(obs)}


@router.get("/people/search", summary="Persons any of whose spellings matches q (any script)")
def search_people(q: str = Query(..., min_length=1), store: Store = Depends(get_store),
                  corrected: Corrected = Depends(get_corrected)) -> list[dict]:
    return [corrected.person(p) for p in store.find_persons(q)]


@router.get("/people/{person_id}", summary="A person's dossier")
def dossier(person_id: str, store: Store = Depends(get_store),
            corrected: Corrected = Depends(get_corrected)) -> dict:
    found = store.dossier(person_id)
    if found is None:
        raise not_found(f"no person {person_id!r}")
    return corrected.person(found)


@router.get("/documents", summary="The documents register with status history")
def documents(country: str | None = None, partner: str | None = None, store: Store = Depends(get_store)) -> list:
    return [dict(r.__dict__) for r in store.documents(country=country, partner=partner)]


@router.get("/countries/{code}/partners", summary="A country's partners, occasions per year")
def partners(code: str, corrected: Corrected = Depends(get_corrected)) -> list[dict]:
    return corrected.partners(code)


@router.get("/network", summary="Countries as nodes, occasions shared as weighted edges")
def network(country: str | None = None, date_from: str | None = Query(None, alias="from"),
            date_to: str | None = Query(None, alias="to"), corrected: Corrected = Depends(get_corrected)) -> dict:
    try:
        data = corrected.network(country, date_from, date_to)
    except ValueError as exc:
        raise ApiError(400, "bad_request", str(exc)) from exc
    return {"nodes": data["nodes"], "edges": data["edges"]}
