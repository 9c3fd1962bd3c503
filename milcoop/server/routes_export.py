"""Downloads of the whole store, review applied."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Response

from milcoop.corrected import Corrected
from milcoop.exports import EXTENSIONS, MEDIA_TYPES, to_csv, to_graphml, to_json, to_parquet

from .deps import errors, get_corrected, require_reader

router = APIRouter(prefix="/api", tags=["export"], dependencies=[Depends(require_reader)],
                   responses=errors(401, 422))


@router.get("/export", summary="Download: JSON Lines, CSV, Parquet (events) or GraphML (a network)",
            response_class=Response)
def export(format: Literal["json", "csv", "parquet", "graphml"] = "json",
           network: Literal["partners", "persons"] = "partners",
           table: Literal["events", "participants"] = "events",
           corrected: Corrected = Depends(get_corrected)) -> Response:
    if format == "graphml":
        data, name = to_graphml(corrected, network), f"milcoop-{network}.graphml"
    else:
        recs = list(corrected.records())
        data = (to_json(recs).encode() if format == "json" else to_csv(recs).encode() if format == "csv"
                else to_parquet(recs, table))
        name = f"milcoop-{table if format == 'parquet' else 'events'}.{EXTENSIONS[format]}"
    return Response(data, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
