"""Bounded query and path parameters shared by the routes: every string the API reads has a length limit
and no control characters.

``q`` is bounded because SQLite refuses LIKE patterns past 50,000 bytes (the
store escapes its wildcards, so ``%`` and ``_`` match themselves).
"""
from __future__ import annotations

from typing import Annotated

from typing import Literal

from fastapi import Path, Query
from pydantic import AfterValidator

from milcoop.patches import plain_text
from milcoop.schema import EventType, IsoDate

Q_LENGTH = 200
ID_LENGTH = 64

Plain = AfterValidator(plain_text)  # no control characters (PostgreSQL refuses NUL in a string)
Text = Annotated[str | None, Query(max_length=Q_LENGTH, description="case-insensitive text to find"), Plain]
Country = Annotated[str | None, Query(max_length=8, pattern=r"^[A-Za-z]{2,8}$", description="ISO alpha-2 code")]
DateFrom = Annotated[IsoDate | None, Query(alias="from", description="ISO date: a year (2012), a month "
                                            "(2012-07) or a day (2012-07-15), inclusive")]
DateTo = Annotated[IsoDate | None, Query(alias="to", description="ISO date: a year (2012), a month "
                                         "(2012-07) or a day (2012-07-15), inclusive")]
Reviewed = Literal["all", "confirmed", "rejected", "unreviewed"]
IncludeUndated = Annotated[bool, Query(description="also list the undated occasions a date filter leaves out "
                                       "(they are counted in `undated` either way)")]
OccasionId = Annotated[str, Path(min_length=1, max_length=ID_LENGTH, description="an occasion id (oc-…) "
                                 "or a report's event id (ev-…)"), Plain]
PersonId = Annotated[str, Path(min_length=1, max_length=ID_LENGTH, description="a person id (pe-…)"), Plain]
ArticleId = Annotated[str, Path(min_length=1, max_length=256, description="an article id or external id"), Plain]
CountryCode = Annotated[str, Path(pattern=r"^[A-Za-z]{2,8}$", description="ISO alpha-2 code")]
Search = Annotated[str, Query(min_length=1, max_length=Q_LENGTH, description="a name in any script"), Plain]


def occasion_filters(country: Country = None, partner: Country = None, type: EventType | None = None,
                     date_from: DateFrom = None, date_to: DateTo = None, q: Text = None,
                     reviewed: Reviewed | None = None, include_undated: IncludeUndated = False) -> dict:
    """The occasion listing's filters (``Corrected.listing`` keywords), shared by the listing and the export."""
    return {"country": country, "partner": partner, "type": type, "date_from": date_from, "date_to": date_to,
            "text": q, "reviewed": reviewed, "include_undated": include_undated}
