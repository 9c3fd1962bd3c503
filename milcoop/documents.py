"""The documents register as analysts read it: review applied, filtered, sorted and exported.

The one place the CLI, the Python API and the REST API get the register from.
Reports of rejected occasions drop out; an occasion whose documents, parties or
date an analyst corrected contributes its corrected documents: one the machine
read too keeps its quote, one only the analyst gave is marked ``corrected``
(no quote: the analyst's word, not a sentence of the text).
Grouping mentions into documents is ``milcoop.resolve.documents``.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from . import validate
from .corrected import Corrected
from .errors import InvalidValue
from .resolve.documents import KIND, STATUS_ORDER, Mention, Record, register
from .schema import DOCUMENT_STATUSES, DOCUMENT_TYPES

SORTS = ("-date", "date", "type", "status", "parties")
# Fields a correction may change that move an occasion's documents.
DOCUMENT_FIELDS = ("documents", "countries", "date")
CSV_COLUMNS = ("id", "name", "type", "period", "parties", "status", "first_date", "last_date", "history",
               "quotes", "occasions")


@dataclass(frozen=True)
class Filters:
    """What an analyst asks of the register. ``year``: a status dated that year, or a period covering it;
    ``status``: a status the document reached at some point of its history."""

    country: str | None = None
    partner: str | None = None
    type: str | None = None
    status: str | None = None
    year: int | None = None
    sort: str = "-date"

    @classmethod
    def of(cls, country: str | None = None, partner: str | None = None, type: str | None = None,
           status: str | None = None, year: int | str | None = None, sort: str | None = None) -> Filters:
        """Checked filters from user input (``InvalidValue`` names the bad field)."""
        return cls(country=validate.country(country, "country") if country else None,
                   partner=validate.country(partner, "partner") if partner else None,
                   type=validate.choice(type, DOCUMENT_TYPES, "type") if type else None,
                   status=validate.choice(status, DOCUMENT_STATUSES, "status") if status else None,
                   year=_year(year), sort=validate.choice(sort or "-date", SORTS, "sort"))


def _year(value: int | str | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise InvalidValue(f"must be a year between 1900 and 2200, not {value!r}", field="year")
    return int(text)


def mentions(corrected: Corrected) -> list[Mention]:
    """Every document mention of the reviewed record: rejected occasions out, corrections in."""
    states, fields = corrected.states, corrected.fields
    out: list[Mention] = []
    machine: dict[str, list[Mention]] = {}
    for m in corrected.store.document_mentions():
        occasion = m.occasion_id
        if occasion and states.get(occasion) == "rejected":
            continue
        if occasion and any(f in fields.get(occasion, {}) for f in DOCUMENT_FIELDS):
            machine.setdefault(occasion, []).append(m)
            continue
        out.append(m)
    # occasions whose documents, parties or date an analyst corrected, including one corrected to hold
    # documents where the machine read none
    redone = set(machine) | {o for o, values in fields.items() if values.get("documents") and states.get(o) != "rejected"}
    for occasion in sorted(redone):
        out.extend(_corrected_mentions(corrected, occasion, machine.get(occasion, [])))
    return out


def _corrected_mentions(corrected: Corrected, occasion: str, read: list[Mention]) -> list[Mention]:
    """The occasion's documents as its one view shows them (``Corrected.view``: reports merged,
    corrections applied); one the machine also read keeps its quote and name."""
    view = corrected.view(occasion)
    if view is None:  # a correction left over from an occasion merged away
        return []
    event = view.event
    out = []
    for d in event.documents:
        same = next((m for m in read if (KIND.get(m.type, m.type), m.period, m.status)
                     == (KIND.get(d.type, d.type), d.period, d.status)), None)
        out.append(Mention(type=d.type, period=d.period, status=d.status, countries=list(event.countries),
                           date=event.date, event_id=same.event_id if same else occasion, occasion_id=occasion,
                           title=d.title or (same.title if same else None), quote=same.quote if same else None,
                           article_id=same.article_id if same else None, corrected=same is None))
    return out


def matches(record: Record, f: Filters) -> bool:
    parties = set(record.countries)
    if any(code and code not in parties for code in (f.country, f.partner)):
        return False
    if f.type and KIND.get(f.type, f.type) != record.type:
        return False
    if f.status and f.status not in {h["status"] for h in record.history}:
        return False
    if f.year is not None:
        in_period = bool(record.period) and record.period[0] <= f.year <= record.period[-1]
        if not in_period and not any(d.startswith(str(f.year)) for d in record.dates):
            return False
    return True


def sort_records(records: list[Record], sort: str) -> list[Record]:
    """Dated documents by their latest date (undated last, either way); else by type, status or parties."""
    by_id = sorted(records, key=lambda r: r.id)
    if sort in ("-date", "date"):
        dated = [r for r in by_id if r.dates]
        dated.sort(key=lambda r: max(r.dates), reverse=sort == "-date")
        return dated + [r for r in by_id if not r.dates]
    if sort == "status":
        return sorted(by_id, key=lambda r: -STATUS_ORDER.get(r.status, 0))
    if sort == "parties":
        return sorted(by_id, key=lambda r: r.countries)
    return sorted(by_id, key=lambda r: r.type)


def documents(corrected: Corrected, filters: Filters | None = None) -> list[Record]:
    """The register over the reviewed record, filtered and sorted."""
    f = filters or Filters()
    records = corrected.store.memo(("documents register",), lambda: register(mentions(corrected)))
    return sort_records([r for r in records if matches(r, f)], f.sort)


def period_text(period: list[int] | None) -> str:
    if not period:
        return ""
    return str(period[0]) if period[0] == period[-1] else f"{period[0]}-{period[-1]}"


def name_of(record: Record) -> str:
    """The name as reported, or failing one its kind, parties and period ("Memorandum KZ-TR")."""
    if record.title:
        return record.title
    return " ".join(x for x in (record.type.capitalize(), "-".join(record.countries), period_text(record.period)) if x)


def csv_text(records: list[Record]) -> str:
    """One row per document; the status history and its quotes in one cell each."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([r.id, name_of(r), r.type, period_text(r.period), " ".join(r.countries), r.status,
                         min(r.dates, default=""), max(r.dates, default=""),
                         "; ".join(f"{h['date'] or 'undated'} {h['status']}" for h in r.history),
                         " | ".join(h["quote"] for h in r.history if h["quote"]), " ".join(r.occasions)])
    return buf.getvalue()
