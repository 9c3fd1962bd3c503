"""The documents register: plans, programs, agreements as records of their own.

Every mention of a document in an event is grouped with the other mentions
of the same document: same kind (a treaty and an agreement are one kind, as
news calls one document both), same parties and same period, or, without a
period, the same year. A mention with neither period nor date stays a
document of its own occasion: two undated memoranda with Turkey are not one
memorandum. Its status history runs over the mentions in date order
(drafting in one report, signed in a later one), each status with the
sentence that states it.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
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
    title: str | None = None     # the document's name as the report gives it
    quote: str | None = None     # the sentence the document and its status were read from
    article_id: str | None = None
    corrected: bool = False      # an analyst's correction, not the machine's reading


@dataclass
class Record:
    id: str
    type: str
    period: list[int] | None
    countries: list[str]
    status: str
    history: list[dict] = field(default_factory=list)
    occasions: list[str] = field(default_factory=list)
    title: str | None = None

    @property
    def dates(self) -> list[str]:
        return [h["date"] for h in self.history if h["date"]]

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "type": self.type, "period": self.period,
                "countries": self.countries, "status": self.status, "history": self.history,
                "occasions": self.occasions}


PARTIES = 2  # a document binds the event's main parties, named first; others are context


def _key(m: Mention) -> tuple:
    parties = tuple(sorted(set(m.countries[:PARTIES])))
    when = tuple(m.period) if m.period else (m.date or "")[:4] or ("undated", m.occasion_id or m.event_id)
    return KIND.get(m.type, m.type), parties, when


def whole_words(title: str, quote: str | None) -> str:
    """``title`` without a word its quote shows cut off ("... на 2023-2027 годы Ка" of "... годы Казахстан"),
    and without what follows a clause break ("agreement with Russia, the parliament's official")."""
    title = re.split(r"[,;:]\s|\s[–—]\s|\s\(", title.strip(), maxsplit=1)[0].strip()
    at = quote.find(title) if quote and title else -1
    end = at + len(title)
    if at >= 0 and end < len(quote) and quote[end].isalnum() and title[-1:].isalnum() and " " in title:
        title = title.rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return title


def _title(ms: list[Mention]) -> str | None:
    """The name most reports give it (the earliest among equals)."""
    names = [whole_words(m.title, m.quote) for m in ms if m.title and m.title.strip()]
    if not names:
        return None
    counts = Counter(names)
    return max(names, key=lambda n: (counts[n], -names.index(n)))


def register(mentions: list[Mention]) -> list[Record]:
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(_key(m), []).append(m)
    out = []
    for key, ms in groups.items():
        ms.sort(key=lambda m: (m.date or "", STATUS_ORDER.get(m.status, 0)))
        kind, parties, _ = key
        history = [{"date": m.date, "status": m.status, "event": m.event_id, "occasion": m.occasion_id,
                    "quote": m.quote, "title": m.title and whole_words(m.title, m.quote), "article": m.article_id, "corrected": m.corrected}
                   for m in ms]
        status = max((m.status for m in ms), key=lambda s: STATUS_ORDER.get(s, 0))
        rid = "doc-" + hashlib.sha1(repr(key).encode()).hexdigest()[:12]
        out.append(Record(rid, kind, ms[0].period, list(parties), status, history,
                          list(dict.fromkeys(m.occasion_id or m.event_id for m in ms)), _title(ms)))
    return sorted(out, key=lambda r: (r.history[-1]["date"] or "", r.id), reverse=True)
