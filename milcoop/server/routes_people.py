"""People (tenures, search, dossiers), partner countries and the partner network."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from milcoop.corrected import Corrected
from milcoop.schema import IsoDate, Role
from milcoop.store import Store

from .deps import ApiError, errors, get_corrected, get_store, not_found, require_reader
from .params import Country, CountryCode, DateFrom, DateTo, PersonId, Search

router = APIRouter(prefix="/api", tags=["people and networks"], dependencies=[Depends(require_reader)],
                   responses=errors(401, 422))


@router.get("/people", summary="Who held which office when (reference or news basis), and flagged sightings",
            responses=errors(400))
def people(role: Role | None = None, country: Country = None,
           on: IsoDate | None = Query(None, description="ISO date: the holders of 'role' on that day"),
           store: Store = Depends(get_store)) -> dict:
    if on and not role:
        raise ApiError(400, "bad_request", "'on' needs 'role' (and usually 'country')")
    return store.people(role=role, country=country, on=on)


@router.get("/people/search", summary="Persons any of whose spellings matches q (any script)")
def search_people(q: Search, store: Store = Depends(get_store),
                  corrected: Corrected = Depends(get_corrected)) -> list[dict]:
    return [corrected.person(p) for p in store.find_persons(q)]


@router.get("/people/{person_id}", summary="A person's dossier", responses=errors(404))
def dossier(person_id: PersonId, store: Store = Depends(get_store),
            corrected: Corrected = Depends(get_corrected)) -> dict:
    found = store.dossier(person_id)
    if found is None:
        raise not_found(f"no person {person_id!r}")
    return corrected.person(found)


@router.get("/countries/{code}/partners", summary="A country's partners, occasions per year")
def partners(code: CountryCode, corrected: Corrected = Depends(get_corrected)) -> list[dict]:
    return corrected.partners(code)


@router.get("/network", summary="Countries as nodes, occasions shared as weighted edges")
def network(country: Country = None, date_from: DateFrom = None, date_to: DateTo = None,
            kind: Literal["all", "bilateral", "multilateral"] = "all",
            corrected: Corrected = Depends(get_corrected)) -> dict:
    """``kind``: occasions of two parties (bilateral), of three or more (multilateral), or all."""
    data = corrected.network(country, date_from, date_to, kind)
    return {"nodes": data["nodes"], "edges": data["edges"]}
