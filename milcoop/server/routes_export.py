"""Downloads of the whole store, review applied."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Response

from milcoop.corrected import Corrected
from milcoop.exports import EXTENSIONS, MEDIA_TYPES, corrected_export

from .deps import ApiError, errors, get_corrected, require_reader
from .params import occasion_filters

router = APIRouter(prefix="/api", tags=["export"], dependencies=[Depends(require_reader)],
                   responses=errors(401, 422))


@router.get("/export", summary="Download: JSON Lines, CSV, Parquet (events) or GraphML (a network); "
            "`of=occasions` (JSON or CSV): the occasions the listing shows for the same filters",
            response_class=Response, responses=errors(400))
def export(format: Literal["json", "csv", "parquet", "graphml"] = "json",
           network: Literal["partners", "persons"] = "partners",
           table: Literal["events", "participants"] = "events",
           of: Literal["records", "occasions"] = "records",
           filters: dict = Depends(occasion_filters),
           corrected: Corrected = Depends(get_corrected)) -> Response:
    if of == "occasions" and format not in ("json", "csv"):
        raise ApiError(400, "bad_request", f"format: occasions export as json or csv, not {format}")
    used = {k: v for k, v in filters.items() if v}
    data = corrected_export(corrected, format, network, table, of, used or None)
    if format == "graphml":
        name = f"milcoop-{network}.graphml"
    else:
        name = f"milcoop-{table if format == 'parquet' else of if of == 'occasions' else 'events'}.{EXTENSIONS[format]}"
    return Response(data, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
