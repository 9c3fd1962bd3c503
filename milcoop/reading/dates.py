"""Dates as news pages print them (ru/kk/en), and as URLs carry them.

Every result is an ISO string as precise as the source: ``"2011-11-30"``,
``"2021-02"`` or ``"2021"``. Month names live in ``data/months.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from milcoop.reading._data import load

MIN_YEAR = 1990
_TIME = re.compile(r"\d{1,2}:\d{2}")
# The scraper's stamp at a line start: "date 2025-11-20", or "date 2018-08" when only the month is known.
_STAMP = re.compile(r"(?m)^[ \t]*date (\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d-])")


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """``"YYYY[-MM[-DD]]"`` for a real calendar date in a plausible year, else None."""
    if not MIN_YEAR <= year <= dt.date.today().year + 1:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """The month a written name stands for (``"июля"`` -> 7), or None."""
    return _tables()[0].get(word.lower().rstrip("."))


def month_pattern() -> str:
    """A regex group matching any month name of any language."""
    return _tables()[1]


@lru_cache(maxsize=None)
def _markers() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load("months")["published_markers"])
    return re.compile(rf"(?im)^[ \t]*(?:{words})\b[^\n]*")


@lru_cache(maxsize=None)
def _tables() -> tuple[dict[str, int], str, str, tuple[str, ...]]:
    data = load("months")
    forms: dict[str, int] = {}
    for lang in ("ru", "kk", "en", "tr"):
        for number, words in data[lang].items():
            for word in words:
                forms[word.lower()] = int(number)
    alternation = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
    weekdays = "|".join(w for ws in data["weekdays"].values() for w in ws)
    return forms, rf"(?<!\w)(?:{alternation})(?!\w)\.?", weekdays, tuple(data["not_published_before"])


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    m = month_pattern()
    d = r"(?<!\d)(?P<d>\d{1,2})(?!\d)"
    y = r"(?P<y>\d{4})(?!\d)"
    return [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in (
        ("ymd", r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        ("num", r"(?:(?<=\d\d:\d\d)|(?<![\d./]))(?P<a>\d{1,2})([./])(?P<b>\d{1,2})\2" + y),
        ("dmy", d + rf"(?:-?(?:го|е|th|st|nd|rd))?\s*,?\s*(?P<m>{m})\s*,?\s*" + y),
        ("mdy", rf"(?P<m>{m})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*" + y),
        ("kk", r"(?<!\d)(?P<y>\d{4})\s*(?:ж\.|жыл\w*)\s+" + d + rf"\s+(?P<m>{m})"),
        ("kk2", r"(?<!\d)(?P<y>\d{4})\s*(?:ж\.|жыл\w*)\s+" + rf"(?P<m>{m})\s+(?P<d>\d{{1,2}})(?!\d)"),
        ("my", rf"(?P<m>{m})\s+" + y),
    )]


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: where, and how sure we are it is the publication date."""

    iso: str
    start: int
    end: int
    rank: int = 0


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, longest reading first where readings overlap."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            value = _from_match(kind, match)
            if value:
                found.append(FoundDate(value, *span))
                taken.append(span)
    return sorted(found, key=lambda f: f.start)


def parse_date(value: str | None) -> str | None:
    """Normalise a free-form date (a record's ``published`` field) to ISO."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return iso(int(value))
    match = re.match(r"(\d{4})-(\d{1,2})(?:$|[^\d-])", value)
    if match and not re.match(r"\d{4}-\d{1,2}-\d", value):
        return iso(int(match[1]), int(match[2]))
    dates = find_dates(value)
    return dates[0].iso if dates else None


def header_date(header: str) -> str | None:
    """The publication date printed in a page header, if one stands out.

    Ranks: the scraper's ``date YYYY-MM-DD`` stamp, then a date with a clock
    time next to it, then a date on a short line. Ignored: dates after a
    weekday without a time (calendar widgets), exchange-rate or "updated"
    stamps, and dates inside long prose lines.
    """
    _, _, weekdays, skip_words = _tables()
    stamp = _STAMP.search(header)
    if stamp:
        found = iso(int(stamp[1]), int(stamp[2]), int(stamp[3]) if stamp[3] else None)
        if found:
            return found
    best: FoundDate | None = None
    for found in find_dates(header):
        line_start = header.rfind("\n", 0, found.start) + 1
        line_end = header.find("\n", found.end)
        line = header[line_start: len(header) if line_end < 0 else line_end]
        before = header[line_start:found.start].lower()
        near = header[max(line_start, found.start - 12): found.end + 12]
        if any(word in before[-25:] for word in skip_words):
            continue
        timed = bool(_TIME.search(near)) and len(found.iso) == 10
        if re.match(r"\s*date \d{4}-\d{2}-\d{2}", header[line_start:]) and before.strip() == "date":
            rank = 4
        elif re.search(rf"(?:{weekdays})\W*$", before, re.IGNORECASE):
            if not timed:
                continue
            rank = 1
        elif timed:
            rank = 3
        elif len(line.strip()) <= 100:
            rank = 2 if len(found.iso) == 10 else 1
        else:
            continue
        if best is None or rank > best.rank:
            best = FoundDate(found.iso, found.start, found.end, rank)
    return best.iso if best else None


def published_line_date(text: str) -> str | None:
    """The date on a line that says the page was published ("Published 11 October 2016",
    "Published first: 4:47 PM IST | 12 Dec 2024"), wherever the line stands: pages often
    print it at the foot, out of the header's reach."""
    for line in _markers().finditer(text):
        found = find_dates(line[0])
        if found:
            return found[0].iso
    return None


def url_date(url: str | None) -> str | None:
    """The date a URL carries: ``?date=``, ``/2018/11/08/``, ``20190513``, an agency id that
    starts with it (``AEN20230524009500325``), ``-2018-10-26``, ``/2018/11/`` or a trailing
    ``-<id>-2021`` year."""
    if not url:
        return None
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in {"date", "dt", "d", "day", "pubdate", "published"}:
            found = parse_date(value) or _compact(value)
            if found:
                return found
    path = unquote(parts.path)
    for rx in (r"/(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$|[-_.])", r"(?<![\d])(\d{4})-(\d{2})-(\d{2})(?!\d)"):
        for match in re.finditer(rx, path):
            found = iso(int(match[1]), int(match[2]), int(match[3]))
            if found:
                return found
    for match in re.finditer(r"\d{8,}", path):
        found = _compact(match[0]) or (_compact(match[0][:8]) if re.search(r"[A-Z]{2,}$", path[:match.start()]) else None)
        if found:  # an agency's dated id (AEN20230524009500325) starts with its date
            return found
    for match in re.finditer(r"/(\d{4})/(\d{1,2})(?:/|$)", path):
        found = iso(int(match[1]), int(match[2]))
        if found:
            return found
    match = re.search(r"-\d+-(\d{4})(?:\.\w+)?/?$", path)
    return iso(int(match[1])) if match else None


def _compact(digits: str) -> str | None:
    """``20190513``, or a longer run that goes on with a clock time (``201905131055...``)."""
    if not digits.isdigit() or len(digits) < 8:
        return None
    if len(digits) > 8:
        hh, mm = int(digits[8:10] or 99), int(digits[10:12] or 99)
        if len(digits) < 12 or hh > 23 or mm > 59:
            return None
    return iso(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _from_match(kind: str, match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if kind == "num":
        a, b = int(groups["a"]), int(groups["b"])
        day, month = (b, a) if b > 12 >= a else (a, b)
        return iso(year, month, day)
    month = int(groups["m"]) if kind == "ymd" else month_number(groups["m"])
    if month is None:
        return None
    if kind == "my":
        return iso(year, month)
    return iso(year, month, int(groups["d"]))
