"""Reads with the analysts' review laid over the machine output: the one view of an occasion.

Every read goes through here (the CLI, the Python API, the REST API, the
exports and so the web UI): an occasion's reports are merged into one record
(``merge_events``), its corrected fields win over the extracted ones, it gets a
title made from those facts (``milcoop.titles``), its review state is attached,
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

from pydantic import BaseModel, Field

from .evidence import fact_evidence
from .patches import EventPatch, PersonPatch, valid_fields
from .records import Event
from .schema import iso_date
from .store import Store
from .store.review import Review
from .titles import country_label, local_title, title as fact_title

log = logging.getLogger(__name__)
REVIEWED = ("default", "all", "confirmed", "rejected", "unreviewed")
SORTS = ("-date", "date", "sources", "-sources", "title", "-title")
CONFLICT_FIELDS = ("date", "city", "country")
NETWORK_KINDS = ("all", "bilateral", "multilateral")
NOT_EVENT_FIELDS = ("note",)  # corrections about an occasion that are not fields of its event record


class OccasionView(BaseModel):
    """One occasion as every reader shows it: its reports merged, the review applied, a title from its facts."""

    id: str
    title: str = Field(description="made from the facts (milcoop.titles), in English")
    title_local: str | None = Field(None, description="the same in the first report's language, if not English")
    headline: str | None = Field(None, description="the first report's article title, as published")
    lang: str | None = Field(None, description="the first report's language")
    event: Event = Field(description="the merged record, corrections applied (evidence stays with the reports)")
    sources: int = Field(description="articles reporting the occasion")
    reports: list[str] = Field(default_factory=list, description="the event ids of its reports")
    review_state: str | None = None
    corrected: bool = False
    note: str | None = Field(None, description="the analyst's free-text note on the occasion")

    @property
    def date(self) -> str | None:
        return self.event.date

    @property
    def types(self) -> list[str]:
        return list(self.event.type)

    @property
    def city(self) -> str | None:
        return self.event.location.city

    @property
    def country(self) -> str | None:
        return self.event.location.country

    @property
    def countries(self) -> list[str]:
        return list(self.event.countries)

    @property
    def orgs(self) -> list[str]:
        return list(self.event.orgs)

    @property
    def participants(self) -> list[str]:
        return [p.name for p in self.event.participants]

    def row(self) -> dict:
        """The flat listing row (REST ``/api/events`` items, CLI tables, occasion exports)."""
        return {"id": self.id, "title": self.title, "title_local": self.title_local, "lang": self.lang,
                "headline": self.headline,
                "date": self.date, "types": self.types, "city": self.city, "country": self.country,
                "countries": self.countries, "orgs": self.orgs, "areas": list(self.event.areas),
                "participants": self.participants,
                "documents": [f"{d.type} {d.status}" for d in self.event.documents],
                "exercises": [x.name for x in self.event.exercises], "sources": self.sources,
                "review_state": self.review_state, "corrected": self.corrected}


class Listing(BaseModel):
    """A filtered list of occasions, with how many undated ones the date filters left out."""

    items: list[OccasionView]
    undated: int = Field(description="undated occasions matching every other filter")
    undated_included: bool = Field(description="whether those are among the items")


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

    def listing(self, *, country: str | None = None, partner: str | None = None, type: str | None = None,
                date_from: str | None = None, date_to: str | None = None, text: str | None = None,
                reviewed: str | None = None, sort: str = "-date", include_undated: bool = False) -> Listing:
        """The occasions matching every filter, corrected, sorted (undated last in date orders).

        ``date_from``/``date_to`` take a year, a month or a day, inclusive at the coarser
        precision of the two sides ('2012' .. '2013' holds 2013-12-31 and an occasion dated
        '2013'). An undated occasion cannot be placed in a date range: it is counted in
        ``undated`` and listed only with ``include_undated``.
        ``text`` matches the words of a report's article, a participant's name or
        the occasion's title (as listed, so a title typed back finds its occasion).

        Every occasion's view is built once per store revision (``Store.memo``) and each
        request only filters and sorts them, so the server answers many readers without
        rebuilding the occasions for each. The views are shared between requests: read-only.
        """
        reviewed = reviewed or "default"
        if reviewed not in REVIEWED:
            raise ValueError(f"reviewed must be one of {', '.join(REVIEWED[1:])}, not {reviewed!r}")
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        date_from, date_to = _check_date(date_from, "from"), _check_date(date_to, "to")
        dated_range = bool(date_from or date_to)
        matched, needle = None, (text or "").strip().casefold()
        if needle:
            matched = self.store.memo(("matching", text), lambda: frozenset(
                r.occasion_id or r.id for r in self.store.events(text=text)))
        out, undated = [], 0
        for view in self.views():
            # words of its articles or participants, or of the title every reader shows for it
            if matched is not None and view.id not in matched and not any(
                    needle in (t or "").casefold() for t in (view.title, view.title_local)):
                continue
            state = view.review_state
            if reviewed == "default" and state == "rejected":
                continue
            if reviewed in ("confirmed", "rejected") and state != reviewed:
                continue
            if reviewed == "unreviewed" and state is not None:
                continue
            codes = {c.upper() for c in view.event.countries}
            if any(c and c.strip().upper() not in codes for c in (country, partner)):
                continue
            if type and type not in view.event.type:
                continue
            if not view.date:
                undated += 1
                if dated_range and not include_undated:
                    continue
            elif not _date_in(view.date, date_from, date_to):
                continue
            out.append(view)
        return Listing(items=sort_views(out, sort), undated=undated,
                       undated_included=include_undated or not dated_range)

    def rows(self, **filters) -> list[dict]:
        """The listing rows (``OccasionView.row``) of ``listing(**filters)``."""
        return [v.row() for v in self.listing(**filters).items]

    def views(self) -> list[OccasionView]:
        """Every occasion's view, in the store's order (built once per store revision)."""
        return self.store.memo(("occasion views",), self._all_views)

    def view(self, some_id: str) -> OccasionView | None:
        """The view of an occasion, by its id or the event id of one of its reports."""
        occasion = self.resolve(some_id)
        return next((v for v in self.views() if v.id == occasion), None) if occasion else None

    def _all_views(self) -> list[OccasionView]:
        reports: dict[str, list[tuple[str, str, str | None, Event]]] = {}
        for occasion, event_id, article_id, lang, event in self.store.report_facts():
            reports.setdefault(occasion, []).append((event_id, article_id, lang, event))
        titles = self.store.article_titles([r[1] for rs in reports.values() for r in rs])
        return [self._view(occ, rs, titles) for occ, rs in reports.items()]

    def _view(self, occasion: str, reports: list[tuple[str, str, str | None, Event]],
              titles: dict[str, str | None]) -> OccasionView:
        fields = self.fields.get(occasion, {})
        event = apply_fields(merge_events([r[3] for r in reports]), fields)
        lang = reports[0][2]
        return OccasionView(id=occasion, title=fact_title(event), title_local=local_title(event, lang),
                            headline=titles.get(reports[0][1]), lang=lang, event=event,
                            sources=len({r[1] for r in reports}), reports=[r[0] for r in reports],
                            review_state=self.states.get(occasion), corrected=bool(fields),
                            note=fields.get("note"))

    def resolve(self, some_id: str) -> str | None:
        """The occasion id of an occasion id or of a report's event id (None if neither)."""
        if some_id.startswith("ev-"):
            detail = self.store.event(some_id)
            return (detail.row.occasion_id or detail.row.id) if detail else None
        return some_id if self.store.occasion_events(some_id) else None

    def machine_event(self, occasion: str) -> Event:
        reports = [self.store.event(r.id) for r in self.store.occasion_events(occasion)]
        return merge_events([d.event for d in reports if d])

    def detail(self, some_id: str) -> dict | None:
        """An occasion's view with its reports (each with its own record and evidence) and where they disagree."""
        view = self.view(some_id)
        if view is None:
            return None
        reports = [d for d in (self.store.event(r) for r in view.reports) if d]
        conflicts = []
        for field in CONFLICT_FIELDS:
            values = {d.row.id: (d.event.date if field == "date" else getattr(d.event.location, field))
                      for d in reports}
            values = {k: v for k, v in values.items() if v}
            if len(set(values.values())) > 1:
                conflicts.append({"field": field, "values": values})
        return {
            "id": view.id, "title": view.title, "title_local": view.title_local, "headline": view.headline,
            "event": view.event.model_dump(), "sources": view.sources, "review_state": view.review_state,
            "corrected": view.corrected, "corrections": self.review.corrections("occasion", view.id),
            "reports": [{"event_id": d.row.id, "article_id": d.article.id, "external_id": d.article.external_id,
                         "title": d.article.title or title_of(d.article.text), "url": d.article.url,
                         "published": d.article.published, "lang": d.article.lang, "event": d.event.model_dump()}
                        for d in reports],
            "conflicts": conflicts,
            "evidence": fact_evidence(view.event, reports).model_dump(),
            "note": view.note,
        }

    # -- persons --------------------------------------------------------------

    def person(self, head: dict | None) -> dict | None:
        """A person dict (search hit or dossier) with corrected name/country; a dossier's occasions as
        every reader shows them (date, types, parties and title of the occasion's view; rejected ones
        left out)."""
        if head is None:
            return None
        fields = self.person_fields.get(head["id"], {})
        out = {**head, **fields, "corrected": bool(fields)}
        if "occasions" in head:
            views = {v.id: v for v in self.views()}
            shown = []
            for occ in head["occasions"]:
                view = views.get(occ["occasion"])
                if view is None:
                    shown.append(occ)
                elif view.review_state != "rejected":
                    shown.append({**occ, "date": view.date, "types": view.types, "countries": view.countries,
                                  "title": view.title})
            out["occasions"] = shown
        return out

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

    def records(self, occasions: set[str] | None = None) -> Iterator[dict]:
        """``Store.export_records`` with each event's occasion corrections and review state applied;
        with ``occasions``, only the events filed under those (and only records keeping an event)."""
        for record in self.store.export_records():
            if occasions is not None:
                record["events"] = [ev for ev in record["events"] if (ev.get("occasion") or ev["id"]) in occasions]
                if not record["events"]:
                    continue
            for ev in record["events"]:
                occ = ev.get("occasion")
                fields = self.fields.get(occ, {})
                if fields:
                    ev.update(apply_fields(Event.model_validate(ev), fields).model_dump(exclude={"evidence"}))
                ev["corrected"] = bool(fields)
                ev["review_state"] = self.states.get(occ)
            yield record


def sort_views(views: list[OccasionView], sort: str) -> list[OccasionView]:
    """``views`` in the order ``sort`` names (one of ``SORTS``); undated last in the date orders, ties by id."""
    by_id = sorted(views, key=lambda v: v.id)
    if sort in ("-date", "date"):
        dated = [v for v in by_id if v.date]
        undated = [v for v in by_id if not v.date]
        dated.sort(key=lambda v: v.date, reverse=sort == "-date")
        return dated + undated
    if sort in ("title", "-title"):
        return sorted(by_id, key=lambda v: v.title.casefold(), reverse=sort == "-title")
    ordered = sorted(by_id, key=lambda v: (v.date or ""), reverse=True)
    return sorted(ordered, key=lambda v: v.sources, reverse=sort == "sources")


def facets(views: list[OccasionView], undated: int = 0) -> dict[str, list[dict]]:
    """Counts of the listed occasions by year (every year from the first to the last, oldest first,
    ``undated`` beside them), by type and by party (most first): the overview's histogram and facets."""
    years = Counter(v.date[:4] for v in views if v.date)
    types = Counter(t for v in views for t in dict.fromkeys(v.event.type))
    parties = Counter(c.upper() for v in views for c in dict.fromkeys(v.event.countries))
    ranked = lambda counts: sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))  # noqa: E731
    span = range(int(min(years)), int(max(years)) + 1) if years else range(0)  # years without any count as 0
    return {"years": [{"value": str(y), "count": years.get(str(y), 0)} for y in span],
            "undated": undated,
            "types": [{"value": t, "count": n} for t, n in ranked(types)],
            "partners": [{"value": c, "label": country_label(c), "count": n} for c, n in ranked(parties)]}


def title_of(text: str | None) -> str | None:
    """A title for an article without one: its first line that reads like a sentence."""
    if not text:
        return None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines:
        if sum(ch.isalpha() for ch in ln) >= 20:
            return ln if len(ln) <= 160 else ln[:157].rstrip() + "…"
    return lines[0][:160] if lines else None
