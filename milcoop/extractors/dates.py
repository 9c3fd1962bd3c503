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


def explicit_date(doc: Doc, lex: Lexicon, text: str) -> str | None:
    """The first explicit date of ``text``; dates in parentheses are asides ("(approved on 26 August 2005)")."""
    text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
    day_month, month_day, ydm, month_year, numeric, _, _ = _patterns(lex)
    found = []
    for m in ydm.finditer(text):
        mon = _month(lex, m.group(3))
        if mon:
            found.append((m.start(), _safe(int(m.group(1)), mon, int(m.group(2)))))
    for m in day_month.finditer(text):
        mon = _month(lex, m.group(2))
        if not mon:
            continue
        day = int(m.group(1))
        iso = _safe(int(m.group(3)), mon, day) if m.group(3) else _with_year(doc, day, mon, text)
        found.append((m.start(), iso))
    for m in month_day.finditer(text):
        mon = _month(lex, m.group(1))
        if mon:
            day = int(m.group(2))
            iso = _safe(int(m.group(3)), mon, day) if m.group(3) else _with_year(doc, day, mon, text)
            found.append((m.start(), iso))
    for m in numeric.finditer(text):
        found.append((m.start(), _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    if not found:
        for m in month_year.finditer(text):
            mon = _month(lex, m.group(1))
            if mon:
                found.append((m.start(), f"{int(m.group(2)):04d}-{mon:02d}"))
    found = [f for f in found if f[1]]
    return min(found)[1] if found else None


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
