"""The documents register: plans, programs, agreements as records of their own.

Every mention of a document in an event is grouped with the other mentions
of the same document: same kind (a treaty and an agreement are one kind, as
news calls one document both), same parties and same period, or, without a
period, the same year. Its status history runs over the mentions in date
order (drafting in one report, signed in a later one).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

KIND = {"treaty": "agreement"}
STATUS_ORDER = {"mentioned": 0, "drafting": 1, "planned": 2, "signed": 3, "ratified": 4}


@dataclass
class Mention:
    type: str
    period: list[int] | None
    status: str
    countries: list[str]
    date: str | None
    event_id: str
    occasion_id: str | None
    title: str | None = None


@dataclass
class Record:
    id: str
    type: str
    period: list[int] | None
    countries: list[str]
    status: str
    history: list[dict] = field(default_factory=list)
    occasions: list[str] = field(default_factory=list)


PARTIES = 2  # a document binds the event's main parties, named first; others are context


def _key(m: Mention) -> tuple:
    parties = tuple(sorted(set(m.countries[:PARTIES])))
    when = tuple(m.period) if m.period else (m.date or "")[:4]
    return KIND.get(m.type, m.type), parties, when


def register(mentions: list[Mention]) -> list[Record]:
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(_key(m), []).append(m)
    out = []
    for key, ms in groups.items():
        ms.sort(key=lambda m: (m.date or "", STATUS_ORDER.get(m.status, 0)))
        kind, parties, _ = key
        history = [{"date": m.date, "status": m.status, "event": m.event_id, "occasion": m.occasion_id}
                   for m in ms]
        status = max((m.status for m in ms), key=lambda s: STATUS_ORDER.get(s, 0))
        rid = "doc-" + hashlib.sha1(repr(key).encode()).hexdigest()[:12]
        out.append(Record(rid, kind, ms[0].period, list(parties), status, history,
                          list(dict.fromkeys(m.occasion_id or m.event_id for m in ms))))
    return sorted(out, key=lambda r: (r.history[-1]["date"] or "", r.id), reverse=True)
