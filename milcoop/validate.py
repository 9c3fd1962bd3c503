"""Checks of values users give (CLI options, Python API filters): what a valid date, country or choice is.

Each check returns the value normalised or raises ``InvalidValue`` (E010, a
``ValueError`` too) naming the field, so the CLI turns it into a usage error
and the API into a 400 without either knowing the rule.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .errors import InvalidValue

ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
COUNTRY = re.compile(r"[A-Za-z]{2}")


def iso_date(value: str, field: str | None = None) -> str:
    """A real calendar date, possibly partial: ``2012``, ``2012-07`` or ``2012-07-15``."""
    text = value.strip()
    problem = f"must be an ISO date (2012, 2012-07 or 2012-07-15), not {value!r}"
    if not ISO_DATE.fullmatch(text):
        raise InvalidValue(problem, field=field)
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0] or 1, *(parts[1:] + [1, 1])[:2])  # year 0000 is no year either
    except ValueError:
        raise InvalidValue(problem, field=field) from None
    if parts[0] == 0:
        raise InvalidValue(problem, field=field)
    return text


def country(value: str, field: str | None = None) -> str:
    """An ISO 3166-1 alpha-2 code (``kz`` is read as ``KZ``)."""
    text = value.strip()
    if not COUNTRY.fullmatch(text):
        raise InvalidValue(f"must be a two-letter country code such as KZ, not {value!r}", field=field)
    return text.upper()


MAX_SEARCH = 500  # characters of a text search: SQLite refuses LIKE patterns over 50,000 bytes


def search(value: str, field: str | None = None) -> str:
    """A text to search for: at most ``MAX_SEARCH`` characters."""
    if len(value) > MAX_SEARCH:
        raise InvalidValue(f"at most {MAX_SEARCH} characters, not {len(value)}", field=field)
    return value


def at_least(value: int, low: int, field: str | None = None) -> int:
    """A whole number no smaller than ``low``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidValue(f"must be a whole number of at least {low}, not {value!r}", field=field)
    return value


def choice(value: str, allowed: Iterable[str], field: str | None = None) -> str:
    """One of ``allowed``."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise InvalidValue(f"must be one of {', '.join(allowed)}, not {value!r}", field=field)
    return value
