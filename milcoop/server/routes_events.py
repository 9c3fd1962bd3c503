"""Occasions: listing with filters, paging and sorting; one occasion with its reports; articles."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from milcoop.corrected import Corrected, facets
from milcoop.store import Store

from .deps import errors, get_corrected, get_store, not_found, require_reader
from .params import ArticleId, OccasionId, occasion_filters

router = APIRouter(prefix="/api", tags=["events"], dependencies=[Depends(require_reader)],
                   responses=errors(401, 422))


@router.get("/events", summary="Occasions matching the filters, one row each, review applied; "
            "`undated` counts the undated ones matching the other filters")
def list_events(filters: dict = Depends(occasion_filters),
                page: int = Query(1, ge=1, le=1_000_000), per_page: int = Query(50, ge=1, le=500),
                sort: Literal["date", "-date", "sources", "-sources", "title", "-title"] = "-date",
                with_facets: bool = Query(False, alias="facets", description="add counts by year, type and "
                                          "party of all the matching occasions (the overview)"),
                corrected: Corrected = Depends(get_corrected)) -> dict:
    found = corrected.listing(**filters, sort=sort)
    start = (page - 1) * per_page
    items = [v.row() for v in found.items[start:start + per_page]]
    out = {"total": len(found.items), "undated": found.undated, "undated_included": found.undated_included,
           "page": page, "per_page": per_page, "items": items}
    if with_facets:
        out["facets"] = facets(found.items, found.undated)
    return out


@router.get("/events/{event_id}", summary="One occasion (or the occasion of a report's event id)",
            responses=errors(404))
def get_event(event_id: OccasionId, corrected: Corrected = Depends(get_corrected)) -> dict:
    detail = corrected.detail(event_id)
    if detail is None:
        raise not_found(f"no occasion or event {event_id!r}")
    return detail


@router.get("/articles/{article_id}", summary="An article's text and the spans of every fact found in it",
            responses=errors(404))
def get_article(article_id: ArticleId, store: Store = Depends(get_store)) -> dict:
    record = store.article_record(article_id)
    if record is None:
        raise not_found(f"no article {article_id!r}")
    return record
