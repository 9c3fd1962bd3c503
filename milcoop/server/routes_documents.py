"""The documents register: the list with its filters and sort, and the same list as a download."""
from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from milcoop.corrected import Corrected
from milcoop.documents import Filters, csv_text, documents
from milcoop.errors import InvalidValue
from milcoop.schema import DocumentStatus, DocumentType

from .deps import ApiError, errors, get_corrected, require_reader
from .params import Country

router = APIRouter(prefix="/api", tags=["documents"], dependencies=[Depends(require_reader)],
                   responses=errors(401, 422))

Sort = Literal["-date", "date", "type", "status", "parties"]
Year = Annotated[int | None, Query(ge=1900, le=2200, description="a status dated that year, or a period covering it")]


def register_filters(country: Country = None, partner: Country = None, type: DocumentType | None = None,
                     status: Annotated[DocumentStatus | None, Query(description="a status reached at some point")] = None,
                     year: Year = None, sort: Sort = "-date") -> Filters:
    try:
        return Filters.of(country, partner, type, status, year, sort)
    except InvalidValue as exc:  # a country code of more than two letters
        raise ApiError(400, "bad_request", exc.message) from None


@router.get("/documents", summary="The documents register: name as reported, parties, type, period, "
                                  "status history with dates and quotes", responses=errors(400))
def list_documents(filters: Filters = Depends(register_filters),
                   corrected: Corrected = Depends(get_corrected)) -> list[dict]:
    return [r.as_dict() for r in documents(corrected, filters)]


@router.get("/documents/export", summary="Download the filtered register as CSV or JSON", response_class=Response,
            responses=errors(400))
def export_documents(format: Literal["csv", "json"] = "csv", filters: Filters = Depends(register_filters),
                     corrected: Corrected = Depends(get_corrected)) -> Response:
    records = documents(corrected, filters)
    if format == "csv":
        data, media = csv_text(records), "text/csv; charset=utf-8"
    else:
        data, media = json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=1), "application/json"
    return Response(data.encode("utf-8"), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="milcoop-documents.{format}"'})
