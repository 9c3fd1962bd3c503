"""Reads with the analysts' review laid over the machine output.

Every read the web API and the exports make goes through here: an occasion's
corrected fields win over the extracted ones, its review state is attached,
rejected occasions drop out of default listings, and (through the stored
overrides) merged and split occasions and persons show as the analyst left
them. Listing filters run on the corrected values.
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property
from itertools import combinations
from typing import Any

from .evidence import fact_evidence
from .patches import EventPatch, PersonPatch, valid_fields
from .records import Event
from .schema import iso_date
from .store import Store
from .store.review import Review

log = logging.getLogger(__name__)
REVIEWED = ("default", "all", "confirmed", "rejected", "unreviewed")
SORTS = ("-date", "date", "sources", "-sources")
CONFLICT_FIELDS = ("date", "city", "country")
NETWORK_KINDS = ("all", "bilateral", "multilateral")
NOT_EVENT_FIELDS = ("note",)  # corrections about an occasion that are not fields of its event record


def country_name(code: str | None) -> str | None:
    """English short name of an alpha-2 code (the code itself when unknown)."""
    if not code:
        return code
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper())
    return (getattr(c, "common_name", None) or c.name) if c else code


def merge_events(events: list[Event]) -> Event:
    """One record for an occasion from its reports: unions of the lists, the most precise date and place."""
    if not events:
        return Event()
    dated = [e.date for e in events if e.date]
    placed = next((e for e in events if e.location.city), None) or next(
        (e for e in events if e.location.country), events[0])

    def union(attr):
        return list(dict.fromkeys(x for e in events for x in getattr(e, attr)))

    def unique(items, key):
        seen, out = set(), []
        for item in items:
            k = key(item)
            if k not in seen:
                seen.add(k)
                out.append(item.model_copy(update={"evidence": []}))
        return out

    return Event(
        type=union("type"), date=max(dated, key=len) if dated else None,
        location=placed.location.model_copy(), countries=union("countries"), orgs=union("orgs"),
        participants=unique((p for e in events for p in e.participants), lambda p: p.name),
        documents=unique((d for e in events for d in e.documents),
                         lambda d: (d.type, tuple(d.period or ()), d.status)),
        exercises=unique((x for e in events for x in e.exercises), lambda x: x.name),
        areas=union("areas"), preparatory=all(e.preparatory for e in events))


def apply_fields(event: Event, fields: dict[str, Any]) -> Event:
    """``event`` with corrected field values (raises pydantic's ValidationError on bad values)."""
    fields = {k: v for k, v in fields.items() if k not in NOT_EVENT_FIELDS}
    if not fields:
        return event
    data = event.model_dump()
    data.update(fields)
    return Event.model_validate(data)


def _date_in(date: str | None, start: str | None, end: str | None) -> bool:
    if not (start or end):
        return True
    if not date:
        return False
    if start and not (date >= start or start.startswith(date)):
        return False
    return not end or date <= end or date.startswith(end)


def _check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return iso_date(value.strip())
    except ValueError as exc:
        raise ValueError(f"{name} {exc}") from None


def _checked(corrected: dict[str, dict[str, Any]], model) -> dict[str, dict[str, Any]]:
    out = {}
    for target, fields in corrected.items():
        valid = valid_fields(model, fields)
        if len(valid) < len(fields):
            log.warning("skipping stored corrections of %s that fail validation: %s", target,
                        ", ".join(sorted(set(fields) - set(valid))))
        if valid:
            out[target] = valid
    return out


class Corrected:
    """A snapshot of the review layer over one store; build one per request."""

    def __init__(self, store: Store):
        self.store = store
        self.review = Review(store)

    @cached_property
    def fields(self) -> dict[str, dict[str, Any]]:
        """Occasion id -> corrected fields; a stored value that fails today's checks is skipped."""
        return _checked(self.review.corrected_fields("occasion"), EventPatch)

    @cached_property
    def person_fields(self) -> dict[str, dict[str, Any]]:
        return _checked(self.review.corrected_fields("person"), PersonPatch)

    @cached_property
    def states(self) -> dict[str, str]:
        return self.review.states()

    # -- occasions ----------------------------------------------------------

    def rows(self, *, country: str | None = None, partner: str | None = None, type: str | None = None,
             date_from: str | None = None, date_to: str | None = None, text: str | None = None,
             reviewed: str | None = None, sort: str = "-date") -> list[dict]:
        """Occasion rows (dicts of the API listing) matching every filter, corrected, sorted.

        Every occasion's corrected row is built once per store revision
        (``Store.memo``) and each request only filters and sorts them, so the
        server answers many readers without rebuilding the occasions for each.
        The rows are shared between requests: read-only.
        """
        reviewed = reviewed or "default"
        if reviewed not in REVIEWED:
            raise ValueError(f"reviewed must be one of {', '.join(REVIEWED[1:])}, not {reviewed!r}")
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        date_from, date_to = _check_date(date_from, "from"), _check_date(date_to, "to")
        matched = None
        if text and text.strip():
            matched = self.store.memo(("matching", text), lambda: frozenset(
                r.occasion_id or r.id for r in self.store.events(text=text)))
        out = []
        for row in self.store.memo(("occasion rows",), self._all_rows):
            if matched is not None and row["id"] not in matched:
                continue
            state = row["review_state"]
            if reviewed == "default" and state == "rejected":
                continue
            if reviewed in ("confirmed", "rejected") and state != reviewed:
                continue
            if reviewed == "unreviewed" and state is not None:
                continue
            codes = {c.upper() for c in row["countries"]}
            if any(c and c.strip().upper() not in codes for c in (country, partner)):
                continue
            if type and type not in row["types"]:
                continue
            if not _date_in(row["date"], date_from, date_to):
                continue
            out.append(row)
        return sort_rows(out, sort)

    def _all_rows(self) -> list[dict]:
        """Every occasion's row, corrected, in the store's order."""
        occasions = self.store.occasions()
        titles = self.store.article_titles([o.article_id for o in occasions])
        return [self._row(o, titles.get(o.article_id)) for o in occasions]

    def _row(self, o, title: str | None) -> dict:
        fields = self.fields.get(o.id, {})
        row = {"id": o.id, "date": o.date, "types": list(o.types), "city": o.city, "country": o.country,
               "countries": list(o.countries), "orgs": list(o.orgs), "areas": list(o.areas),
               "participants": list(o.participants), "sources": o.sources, "title": title,
               "review_state": self.states.get(o.id), "corrected": bool(fields)}
        for field, value in fields.items():
            if field == "location":
                value = value or {}
                row["city"], row["country"] = value.get("city"), value.get("country")
            elif field == "type":
                row["types"] = list(value or [])
            elif field == "participants":
                row["participants"] = [p.get("name") for p in value or [] if isinstance(p, dict)]
            elif field in ("date", "countries", "orgs", "areas"):
                row[field] = value
        return row

    def resolve(self, some_id: str) -> str | None:
        """The occasion id of an occasion id or of a report's event id (None if neither)."""
        if some_id.startswith("ev-"):
            detail = self.store.event(some_id)
            return detail.row.occasion_id if detail else None
        return some_id if self.store.occasion_events(some_id) else None

    def machine_event(self, occasion: str) -> Event:
        reports = [self.store.event(r.id) for r in self.store.occasion_events(occasion)]
        return merge_events([d.event for d in reports if d])

    def detail(self, some_id: str) -> dict | None:
        occasion = self.resolve(some_id)
        if occasion is None:
            return None
        reports = [self.store.event(r.id) for r in self.store.occasion_events(occasion)]
        reports = [d for d in reports if d]
        fields = self.fields.get(occasion, {})
        event = apply_fields(merge_events([d.event for d in reports]), fields)
        conflicts = []
        for field in CONFLICT_FIELDS:
            values = {d.row.id: (d.event.date if field == "date" else getattr(d.event.location, field))
                      for d in reports}
            values = {k: v for k, v in values.items() if v}
            if len(set(values.values())) > 1:
                conflicts.append({"field": field, "values": values})
        return {
            "id": occasion, "event": event.model_dump(), "review_state": self.states.get(occasion),
            "corrections": self.review.corrections("occasion", occasion),
            "reports": [{"event_id": d.row.id, "article_id": d.article.id, "external_id": d.article.external_id,
                         "title": d.article.title or title_of(d.article.text), "url": d.article.url,
                         "published": d.article.published, "lang": d.article.lang, "event": d.event.model_dump()}
                        for d in reports],
            "conflicts": conflicts,
            "evidence": fact_evidence(event, reports).model_dump(),
            "note": fields.get("note"),
        }

    # -- persons --------------------------------------------------------------

    def person(self, head: dict | None) -> dict | None:
        """A person dict (search hit or dossier) with corrected name/country."""
        if head is None:
            return None
        fields = self.person_fields.get(head["id"], {})
        return {**head, **fields, "corrected": bool(fields)}

    # -- networks -------------------------------------------------------------

    def network_rows(self, country: str | None = None, date_from: str | None = None,
                     date_to: str | None = None) -> list[dict]:
        return self.rows(country=country, date_from=date_from, date_to=date_to)

    def partners(self, code: str) -> list[dict]:
        code = code.strip().upper()
        years: dict[str, Counter] = defaultdict(Counter)
        totals: Counter = Counter()
        for row in self.rows(country=code):
            for other in dict.fromkeys(c.upper() for c in row["countries"]):
                if other != code:
                    totals[other] += 1
                    if row["date"]:
                        years[other][row["date"][:4]] += 1
        return [{"country": c, "name": country_name(c), "years": dict(sorted(years[c].items())), "total": n}
                for c, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]

    def network(self, country: str | None = None, date_from: str | None = None,
                date_to: str | None = None, kind: str = "all") -> dict:
        """Countries as nodes, an edge per pair of parties weighted by the occasions they share.

        An occasion of two parties is bilateral, of three or more multilateral (one 14-country session
        adds 91 edges); ``kind`` keeps one sort, and every edge and node counts both, so a client can
        switch between them without asking again.
        """
        if kind not in NETWORK_KINDS:
            raise ValueError(f"kind must be one of {', '.join(NETWORK_KINDS)}, not {kind!r}")
        nodes: dict[str, Counter] = defaultdict(Counter)
        edges: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in self.network_rows(country, date_from, date_to):
            codes = sorted(dict.fromkeys(c.upper() for c in row["countries"] if c))
            sort = {0: "none", 1: "alone", 2: "bilateral"}.get(len(codes), "multilateral")
            if kind not in ("all", sort):
                continue
            for c in codes:
                nodes[c][sort] += 1
            for a, b in combinations(codes, 2):
                edges[(a, b)].append({**row, "sort": sort})
        return {
            "nodes": [{"id": c, "label": country_name(c), "events": n.total(),
                       "bilateral": n["bilateral"], "multilateral": n["multilateral"]}
                      for c, n in sorted(nodes.items())],
            "edges": [{"source": a, "target": b, "weight": len(rows), "events": [r["id"] for r in rows],
                       "bilateral": sum(r["sort"] == "bilateral" for r in rows),
                       "multilateral": sum(r["sort"] == "multilateral" for r in rows),
                       "years": sorted({r["date"][:4] for r in rows if r["date"]})}
                      for (a, b), rows in sorted(edges.items())],
        }

    def person_network(self) -> dict:
        """Persons as nodes; an edge joins two persons who appeared at the same occasion."""
        rejected = {k for k, v in self.states.items() if v == "rejected"}
        people: dict[str, dict] = {}
        at: dict[str, set[str]] = defaultdict(set)
        for occ, pid, name, country in self.store.occasion_persons():
            if occ in rejected:
                continue
            head = self.person({"id": pid, "name": name, "country": country})
            people.setdefault(pid, {"id": pid, "label": head["name"], "country": head["country"] or "",
                                    "events": 0})
            at[occ].add(pid)
        edges: dict[tuple[str, str], list[str]] = defaultdict(list)
        for occ, pids in at.items():
            for pid in pids:
                people[pid]["events"] += 1
            for a, b in combinations(sorted(pids), 2):
                edges[(a, b)].append(occ)
        return {"nodes": sorted(people.values(), key=lambda n: n["id"]),
                "edges": [{"source": a, "target": b, "weight": len(occs), "events": sorted(occs)}
                          for (a, b), occs in sorted(edges.items())]}

    # -- export records -------------------------------------------------------

    def records(self) -> Iterator[dict]:
        """``Store.export_records`` with each event's occasion corrections and review state applied."""
        for record in self.store.export_records():
            for ev in record["events"]:
                occ = ev.get("occasion")
                fields = self.fields.get(occ, {})
                if fields:
                    ev.update(apply_fields(Event.model_validate(ev), fields).model_dump(exclude={"evidence"}))
                ev["corrected"] = bool(fields)
                ev["review_state"] = self.states.get(occ)
            yield record


def sort_rows(rows: list[dict], sort: str) -> list[dict]:
    by_id = sorted(rows, key=lambda r: r["id"])
    if sort in ("-date", "date"):
        dated = [r for r in by_id if r["date"]]
        undated = [r for r in by_id if not r["date"]]
        dated.sort(key=lambda r: r["date"], reverse=sort == "-date")
        return dated + undated
    ordered = sorted(by_id, key=lambda r: (r["date"] or ""), reverse=True)
    return sorted(ordered, key=lambda r: r["sources"], reverse=sort == "sources")


def title_of(text: str | None) -> str | None:
    """A title for an article without one: its first line that reads like a sentence."""
    if not text:
        return None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines:
        if sum(ch.isalpha() for ch in ln) >= 20:
            return ln if len(ln) <= 160 else ln[:157].rstrip() + "…"
    return lines[0][:160] if lines else None
