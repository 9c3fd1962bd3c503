"""Event dates, resolved against the article's own date.

Candidates are found with patterns built from the lexicon's month, weekday
and relative-day words, only in sentences about the engagement; the first
one wins. A day and month without a year take the publication year (or a
year in the same sentence); "сегодня", "в среду" need a full publication
date. With nothing in the text, fresh news is dated by its publication
month, and failing that by the year in an exercise's name.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..lang.lexicon import Lexicon, compile_pattern
from ..learn.decider import Candidate
from ..learn.features import at_least, flag, within
from .doc import Doc

HEADLINE_CHARS = 300
LEAD_SENTENCES = 4  # "today" in the lead dates fresh news even outside the event's sentences
_NAMED_YEAR = re.compile(r"[«\"“]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w]+[-\s–]((?:19|20)\d{2})(?!\d)[»\"”]?")
LOOKAHEAD_DAYS = 3  # a day-month later than the publication date is last year's


@lru_cache(maxsize=8)
def _patterns(lex: Lexicon):
    months = "|".join(f"(?:{k})" for k in lex.mapping("months"))
    day_month = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:\s*(?:[-–]|по|and|to|и)\s*\d{{1,2}})?(?:-?(?:ші|шы|і|ы|th|st|nd|rd))?\s+((?:{months})\w*)(?:,?\s+((?:19|20)\d{{2}}))?",
        re.IGNORECASE)
    month_day = re.compile(rf"\b((?:{months})\w*)\.?\s+(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d{{2}}))?", re.IGNORECASE)
    year_day_month = re.compile(rf"((?:19|20)\d{{2}})\s*(?:жылғы|ж\.|жылы)?\s+(\d{{1,2}})\s*-?\s*((?:{months})\w*)", re.IGNORECASE)
    month_year = re.compile(rf"\b((?:{months})\w*)\s+((?:19|20)\d{{2}})", re.IGNORECASE)
    numeric = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d.])")
    weekdays = "|".join(lex.mapping("weekdays"))
    weekday = re.compile(rf"(?<!\w)({weekdays})\w*", re.IGNORECASE) if weekdays else None
    relative = "|".join(lex.mapping("relative_days"))
    rel = re.compile(rf"(?<!\w)({relative})(?!\w)", re.IGNORECASE) if relative else None
    return day_month, month_day, year_day_month, month_year, numeric, weekday, rel


def _month(lex: Lexicon, word: str) -> int | None:
    for stem, num in lex.mapping("months").items():
        if re.match(stem, word, re.IGNORECASE):
            return int(num)
    return None


def _lookup(table: dict, word: str) -> int | None:
    for stem, value in table.items():
        if re.match(stem, word, re.IGNORECASE):
            return int(value)
    return None


def _with_year(doc: Doc, day: int, month: int, sentence: str) -> str | None:
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", sentence)
    if years:
        year = int(years[0])
    elif doc.published:
        year = doc.published.year
        try:
            if date(year, month, day) > doc.published + timedelta(days=LOOKAHEAD_DAYS):
                year -= 1
        except ValueError:
            return None
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_mentions(doc: Doc, lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    """Every explicit date of ``text`` as (start, end, ISO); dates in parentheses are asides
    ("(approved on 26 August 2005)") and are left out."""
    text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
    day_month, month_day, ydm, month_year, numeric, _, _ = _patterns(lex)
    found = []
    for m in ydm.finditer(text):
        mon = _month(lex, m.group(3))
        if mon:
            found.append((m.start(), m.end(), _safe(int(m.group(1)), mon, int(m.group(2)))))
    for m in day_month.finditer(text):
        mon = _month(lex, m.group(2))
        if not mon:
            continue
        day = int(m.group(1))
        iso = _safe(int(m.group(3)), mon, day) if m.group(3) else _with_year(doc, day, mon, text)
        found.append((m.start(), m.end(), iso))
    for m in month_day.finditer(text):
        mon = _month(lex, m.group(1))
        if mon:
            day = int(m.group(2))
            iso = _safe(int(m.group(3)), mon, day) if m.group(3) else _with_year(doc, day, mon, text)
            found.append((m.start(), m.end(), iso))
    for m in numeric.finditer(text):
        found.append((m.start(), m.end(), _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    days = [(a, b) for a, b, iso in found if iso]
    for m in month_year.finditer(text):
        mon = _month(lex, m.group(1))
        if mon and not any(a <= m.start() < b for a, b in days):
            found.append((m.start(), m.end(), f"{int(m.group(2)):04d}-{mon:02d}"))
    return sorted({f for f in found if f[2]})


def explicit_date(doc: Doc, lex: Lexicon, text: str) -> str | None:
    """The first explicit date of ``text`` (a day before a month-and-year)."""
    found = date_mentions(doc, lex, text)
    days = [f for f in found if len(f[2]) == 10]
    return (days or found)[0][2] if found else None


def _safe(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def relative_date(doc: Doc, lex: Lexicon, text: str) -> str | None:
    """'сегодня', 'накануне', 'в среду', 'өткен аптада' against a full publication date."""
    if not doc.published:
        return None
    *_, weekday, rel = _patterns(lex)
    if rel:
        m = rel.search(text)
        if m:
            offset = _lookup(lex.mapping("relative_days"), m.group(1))
            if offset is not None:
                return (doc.published + timedelta(days=offset)).isoformat()
    if weekday:
        m = weekday.search(text)
        if m:
            wd = _lookup(lex.mapping("weekdays"), m.group(1))
            if wd:
                back = (doc.published.isoweekday() - wd) % 7
                return (doc.published - timedelta(days=back)).isoformat()
    for pattern, offset in _periods(lex):  # "last week" dates the month, not a day
        if pattern.search(text):
            return (doc.published + timedelta(days=offset)).isoformat()[:7]
    return None


@lru_cache(maxsize=8)
def _periods(lex: Lexicon) -> list[tuple[re.Pattern, int]]:
    return [(re.compile(compile_pattern(k), re.IGNORECASE), int(v))
            for k, v in lex.mapping("relative_periods").items()]


def event_date(doc: Doc, lex: Lexicon, sentences, exercise_names: list[str]) -> str | None:
    """``exercise_names``: exercises the article is mainly about (their year dates it last)."""
    for sent in sentences:
        if sent.planned and not sent.held:
            continue  # "will end on December 28" dates a later stage, not the occasion
        found = explicit_date(doc, lex, sent.text) or relative_date(doc, lex, sent.text)
        if found:
            return found
    lead = [s for s in doc.sentences if s.prose][:LEAD_SENTENCES]
    for sent in lead:  # "Осы мерейтойға орай бүгін Мәскеуде ..." (date and byline lines do not count)
        found = relative_date(doc, lex, sent.text)
        if found:
            return found
    if doc.published_iso:
        return doc.published_iso[:7]
    for name in exercise_names:
        m = re.search(r"((?:19|20)\d{2})", name)
        if m:
            return m.group(1)
    # a dated name in the headline: «KADEX-2016» көрмесінде, IDEF 2025
    m = _NAMED_YEAR.search(doc.text[:HEADLINE_CHARS])
    return m.group(1) if m else None


def _day_gap(doc: Doc, iso: str) -> int | None:
    """Days from the date to the publication date (negative: after publication)."""
    if not doc.published:
        return None
    try:
        d = date.fromisoformat(iso if len(iso) == 10 else (iso + "-15" if len(iso) == 7 else iso + "-07-01"))
    except ValueError:
        return None
    return (doc.published - d).days


def date_candidates(doc: Doc, lex: Lexicon, sentences, exercise_names: list[str], head,
                    rule: str | None) -> list[Candidate]:
    """Every date the occasion could have: each date its sentences state, a relative day in the
    lead, the publication month, the year of an exercise or of a dated name in the headline."""
    found: list[tuple[str, str, dict]] = []  # (iso, kind, features)
    order = 0
    for i, sent in enumerate(sentences):
        mentions = [(a, iso, "explicit") for a, _, iso in date_mentions(doc, lex, sent.text)]
        rel = relative_date(doc, lex, sent.text)
        if rel:
            mentions.append((10**6, rel, "relative"))
        for pos, iso, kind in mentions:
            f: dict[str, float] = {}
            at_least(f, "sentence_rev", 4 - min(i, 3), (1, 2, 3, 4))  # the first sentence gets all four
            at_least(f, "order_rev", 4 - min(order, 3), (1, 2, 3, 4))
            order += 1
            flag(f, "planned", sent.planned and not sent.held)
            flag(f, "held", sent.held)
            flag(f, "background", sent.background)
            flag(f, "eventful", sent.eventful)
            flag(f, "head", sent is head)
            flag(f, "sentence_has_year", bool(re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", sent.text)))
            if pos < 10**6:  # an explicit date: is it a bound ("until 15 October", "15 қазанға дейін")?
                before, after = sent.text[max(0, pos - 25):pos], sent.text[pos:pos + 40]
                flag(f, "bound", bool(re.search(r"(?:^|\s)\S*$", before) and lex.search("date_bounds", before[-14:]))
                     or bool(lex.search("date_bounds_after", after)))
            found.append((iso, kind, f))
    lead = [s for s in doc.sentences if s.prose][:LEAD_SENTENCES]
    for sent in lead:
        rel = relative_date(doc, lex, sent.text)
        if rel:
            found.append((rel, "lead_relative", {}))
    if doc.published_iso:
        found.append((doc.published_iso[:7], "published_month", {}))
    for name in exercise_names:
        m = re.search(r"((?:19|20)\d{2})", name)
        if m:
            found.append((m.group(1), "exercise_year", {}))
    m = _NAMED_YEAR.search(doc.text[:HEADLINE_CHARS])
    if m:
        found.append((m.group(1), "headline_year", {}))
    out: list[Candidate] = []
    seen: dict[str, Candidate] = {}
    for iso, kind, f in found:
        f = dict(f)
        flag(f, f"kind={kind}")
        flag(f, f"precision={len(iso)}")
        gap = _day_gap(doc, iso)
        if gap is not None:
            flag(f, "future", gap < -3)
            within(f, "days_before", gap if gap >= -3 else None, (3, 10, 40, 120, 400, 1200))
            flag(f, "far_past", gap > 1200)
        else:
            flag(f, "no_publication_date")
        flag(f, "rule", iso == rule)
        at_least(f, "repeated", sum(1 for x, _, _ in found if x == iso), (2, 3))
        if iso in seen:  # one candidate per date: the features of its first, likeliest mention
            continue
        seen[iso] = Candidate(iso, f, rule=iso == rule)
        out.append(seen[iso])
    return out
