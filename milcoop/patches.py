"""What an analyst's correction may contain: the bodies of PATCH /api/events/{id} and /api/people/{id}.

The same models check a request before anything is stored and re-check stored
corrections when they are read (``milcoop.corrected``), so a value stored
before these rules existed is skipped instead of breaking a page or an export.
Every string and list is bounded, so a correction cannot grow the database
by more than a few kilobytes.
"""
from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints, ValidationError, model_validator

from .schema import AREAS, EVENT_TYPES, Area, DocumentStatus, DocumentType, EventType, ExerciseStatus, IsoDate, Rank, Role

NAME_LENGTH = 200
TITLE_LENGTH = 500
LIST_LENGTH = 100
NOTE_LENGTH = 4000



def plain_text(value: str) -> str:
    """``value`` if it has no control, surrogate or non-characters (they break XML exports and terminals)."""
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            raise ValueError(f"must not contain the character U+{ord(ch):04X}")
    return value


def note_text(value: str) -> str | None:
    """``plain_text`` that also allows line breaks and tabs (a note has paragraphs); empty clears."""
    value = value.replace("\r\n", "\n")
    plain_text(value.replace("\n", " ").replace("\t", " "))
    return value or None


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_LENGTH),
                 AfterValidator(plain_text)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_LENGTH),
                  AfterValidator(plain_text)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NOTE_LENGTH), AfterValidator(note_text)]
CountryCode = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")]
# Organisation codes: the schema's (CIS, CSTO, ...) and the gazetteer's others (ASEAN, BRICS, ...).
OrgCode = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2,10}$")]
Year = Annotated[int, Field(ge=1900, le=2200)]


class _Strict(BaseModel):
    """Unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class LocationPatch(_Strict):
    city: Name | None = None
    country: CountryCode | None = None


class ParticipantPatch(_Strict):
    name: Name
    country: CountryCode | None = None
    role: Role | None = None
    rank: Rank | None = None
    surface: Name | None = None


class DocumentPatch(_Strict):
    type: DocumentType
    period: Annotated[list[Year], Field(min_length=1, max_length=2)] | None = None
    status: DocumentStatus = "mentioned"
    title: Title | None = None


class ExercisePatch(_Strict):
    name: Name
    status: ExerciseStatus = "held"


class EventPatch(_Strict):
    """New values for some fields of an occasion; fields left out keep their value."""

    type: list[EventType] = Field(default_factory=list, max_length=len(EVENT_TYPES))
    date: IsoDate | None = None
    location: LocationPatch | None = None
    countries: list[CountryCode] = Field(default_factory=list, max_length=LIST_LENGTH)
    orgs: list[OrgCode] = Field(default_factory=list, max_length=LIST_LENGTH)
    participants: list[ParticipantPatch] = Field(default_factory=list, max_length=LIST_LENGTH)
    documents: list[DocumentPatch] = Field(default_factory=list, max_length=LIST_LENGTH)
    exercises: list[ExercisePatch] = Field(default_factory=list, max_length=LIST_LENGTH)
    areas: list[Area] = Field(default_factory=list, max_length=len(AREAS))
    preparatory: StrictBool = False
    note: Note | None = Field(None, description="the analyst's free-text note on the occasion (empty or null clears)")

    @model_validator(mode="after")
    def _some_field(self):
        if not self.model_fields_set:
            raise ValueError("nothing to correct: give at least one field")
        return self

    def values(self) -> dict[str, Any]:
        """The fields given, as JSON-ready values (what is stored)."""
        return self.model_dump(mode="json", exclude_unset=True)


class PersonPatch(_Strict):
    """A person's corrected name and/or country."""

    name: Name = None  # type: ignore[assignment]  # only the fields given are stored
    country: CountryCode | None = None

    @model_validator(mode="after")
    def _some_field(self):
        if not self.model_fields_set:
            raise ValueError("nothing to correct: give name and/or country")
        return self

    def values(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


def valid_fields(model: type[EventPatch] | type[PersonPatch], fields: dict[str, Any]) -> dict[str, Any]:
    """The stored corrected ``fields`` that still pass ``model``, each checked on its own."""
    out = {}
    for name, value in fields.items():
        try:
            out.update(model.model_validate({name: value}).values())
        except ValidationError:
            continue
    return out
