"""The schema's closed vocabularies, in one place (``shared/design/schema.md``).

Records validate against these types, the lexicon loader refuses a label
outside them, and the learned models take their label sets from here, so a
new value is added once and everywhere agrees.
"""
from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator

EventType = Literal["visit", "meeting", "signing", "exercise", "call", "multilateral", "award",
                    "training", "industry", "deployment"]
Role = Literal["head_of_state", "head_of_government", "defense_minister", "deputy_defense_minister",
               "chief_of_general_staff", "commander", "ambassador", "military_attache",
               "industry_official", "official"]
Rank = Literal["general_army", "general_colonel", "general_lieutenant", "general_major",
               "brigadier_general", "admiral", "vice_admiral", "rear_admiral", "captain_1st_rank",
               "colonel", "lieutenant_colonel", "major", "captain", "lieutenant", "other"]
DocumentType = Literal["plan", "program", "agreement", "memorandum", "protocol", "contract", "roadmap",
                       "treaty", "other"]
DocumentStatus = Literal["signed", "drafting", "planned", "ratified", "mentioned"]
ExerciseStatus = Literal["planned", "held"]
Area = Literal["military_technical", "defense_industry", "education", "combat_training", "exercises",
               "regional_security", "naval", "aviation", "peacekeeping", "cyber", "medicine", "youth_sports"]
Org = Literal["CIS", "CSTO", "SCO", "NATO", "UN", "EU", "OSCE", "EAEU", "CICA", "OTS"]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)  # also the order types are listed in
ROLES: tuple[str, ...] = get_args(Role)
RANKS: tuple[str, ...] = get_args(Rank)
DOCUMENT_TYPES: tuple[str, ...] = get_args(DocumentType)
DOCUMENT_STATUSES: tuple[str, ...] = get_args(DocumentStatus)
EXERCISE_STATUSES: tuple[str, ...] = get_args(ExerciseStatus)
AREAS: tuple[str, ...] = get_args(Area)
ORGS: tuple[str, ...] = get_args(Org)

# The lexicon sections whose labels are schema values.
LEXICON_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "event_types": EVENT_TYPES,
    "roles": ROLES,
    "ranks": RANKS,
    "documents": DOCUMENT_TYPES,
    "document_status": DOCUMENT_STATUSES,
    "areas": AREAS,
}

ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def iso_date(value: str) -> str:
    """``value`` if it is a real ISO date, possibly partial (2012, 2012-07, 2012-07-15); ValueError otherwise.

    The schema's dates are strings so they can be partial; this is the one check
    that they name a day (or month, or year) that exists.
    """
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError(f"must be an ISO date (2012, 2012-07 or 2012-07-15), not {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    return value


IsoDate = Annotated[str, AfterValidator(iso_date)]
"""A str field holding a real ISO date, possibly partial (validated by ``iso_date``)."""
