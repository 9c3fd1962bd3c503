"""Event dates, resolved against the article's own date.

Every date a sentence states is a ``Mention``, found with patterns built
from the lexicon's month, weekday and relative-day words: a full date, a
month and year, a month or a year alone, "today", "on Wednesday", "last
week". A day and month without a year take the year the sentence states
(not one glued to a name: "Expo 2020"), else the publication's, else the
year the text gives its dated names ("Khamkorlik-2021"); a month alone is
last year's when it is later than a held occasion's publication and next
year's when earlier than a planned one's. "Сегодня", "в среду" need a full
publication date. Dates in parentheses are asides unless they spell out the
weekday before them ("on Monday (July 8, 2024)").

``event_date`` is the rule: the first date of the engagement's first dated
sentence (planned-only sentences skipped), then "today" in the lead, the
publication month, the year of an exercise or of a dated name in the
headline. ``date_candidates`` describes every date the article states for
the learned choice.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..lang.lexicon import Lexicon, compile_pattern
from ..learn.decider import Candidate
from ..learn.features import at_least, flag, within
from .doc import Doc

HEADLINE_CHARS = 300
LEAD_SENTENCES = 4  # "today" in the lead dates fresh news even outside the event's sentences
_NAMED_YEAR = re.compile(r"[«\"“]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w]+[-\s–]((?:19|20)\d{2})(?!\d)[»\"”]?")
_YEAR = re.compile(r"(?<![\d.,/])(?<!\d[-–])((?:19|20)\d{2})(?![\d.,/]\d)")
# a year glued to a name: «Айбын-2023», Хамкорлик–2021, әрекет2021, IDEF 2025, Agile Spirit 2019
_GLUED = re.compile(r"[^\W\d_](?:\s?[-–—]\s?|)$")
_AFTER_WORD = re.compile(r"([^\W\d_][\w'’]*)\s+$")
LOOKAHEAD_DAYS = 3  # a day-month later than the publication date is last year's


@dataclass(frozen=True)
class Mention:
    """A date stated in a text: where, its ISO value (as precise as stated) and how it was read."""

    start: int
    end: int
    iso: str
    kind: str  # day, month (with its year), lone_month, relative, weekday, period
    year: str = "written"  # where the year came from: written, sentence, published, named
    aside: bool = False  # in parentheses ("(approved on 26 August 2005)")


@lru_cache(maxsize=8)
def _patterns(lex: Lexicon):
    months = "|".join(f"(?:{k})" for k in lex.mapping("months"))
    day_month = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:\s*(?:[-–]|по|and|to|и)\s*\d{{1,2}})?(?:-?(?:ші|шы|і|ы|th|st|nd|rd))?\s+((?:{months})\w*)(?:,?\s+((?:19|20)\d{{2}}))?",
        re.IGNORECASE)
    month_day = re.compile(rf"\b((?:{months})\w*)\.?\s+(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d{{2}}))?", re.IGNORECASE)
    year_day_month = re.compile(rf"((?:19|20)\d{{2}})\s*(?:жылғы|ж\.|жылы)?\s+(\d{{1,2}})\s*-?\s*((?:{months})\w*)", re.IGNORECASE)
    month_year = re.compile(rf"\b((?:{months})\w*)\s+((?:19|20)\d{{2}})", re.IGNORECASE)
    year_month = re.compile(rf"((?:19|20)\d{{2}})\s*(?:жылғы|ж\.|жылы)\s+((?:{months})\w*)", re.IGNORECASE)
    numeric = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d.])")
    weekdays = "|".join(lex.mapping("weekdays"))
    weekday = re.compile(rf"(?<!\w)({weekdays})\w*", re.IGNORECASE) if weekdays else None
    relative = "|".join(lex.mapping("relative_days"))
    rel = re.compile(rf"(?<!\w)({relative})(?!\w)", re.IGNORECASE) if relative else None
    return day_month, month_day, year_day_month, month_year, numeric, weekday, rel, year_month


@lru_cache(maxsize=8)
def _lone_months(lex: Lexicon) -> list[tuple[re.Pattern, int, bool]]:
    """(pattern, month, case-sensitive) of the words that name a month alone."""
    out = []
    for form, month in lex.mapping("lone_months").items():
        cased = form[:1].isupper()
        out.append((re.compile(rf"(?<![\w-])(?:{form})(?![\w-])", 0 if cased else re.IGNORECASE), int(month), cased))
    return out


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


def _safe(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _named(lex: Lexicon, text: str, start: int) -> bool:
    """Is the year at ``start`` part of a name ("Expo 2020", «Айбын-2023», IDEF 2025)?"""
    before = text[max(0, start - 40):start]
    if _GLUED.search(before):
        return True
    word = _AFTER_WORD.search(before)
    if not word or not word.group(1)[:1].isupper():
        return False
    w = word.group(1)
    stop = {x.lower() for x in lex.raw.get("not_name") or ()}
    return len(w) >= 3 and w.lower() not in stop and not _month(lex, w) \
        and not lex.search("date_bounds", w) and not _lookup(lex.mapping("weekdays"), w)


def _in_range(text: str, start: int, end: int) -> bool:
    """Is the year one end of a period ("2013-2017", "2013–2017 жылдарға")?"""
    return bool(re.match(r"\s*[-–—]\s*(?:19|20)?\d{2}(?!\d)", text[end:end + 8]))


def sentence_years(lex: Lexicon, text: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of the years ``text`` states on their own: not part of a name, nor an
    end of a period, nor a document's period ("план на 2012 год")."""
    return [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text)
            if not _named(lex, text, m.start()) and not _in_range(text, m.start(), m.end())
            and not _document_period(lex, text, m.start(), m.end())]


def named_years(lex: Lexicon, text: str) -> list[int]:
    """The years ``text`` glues to names: «Хамкорлик-2021», Agile Spirit 2019, IDEF 2025."""
    return [int(m.group(1)) for m in _YEAR.finditer(text) if _named(lex, text, m.start())]


EXERCISE_REACH = 30  # an exercise noun this close to a dated name makes it an exercise's


def _venue_years(lex: Lexicon, text: str) -> list[int]:
    """Years glued to names of what hosts an occasion ("at the opening of IDEF 2025"); an exercise's
    name («Бірлестік-2024» оқу-жаттығуы, planned or past) dates that exercise, not the occasion."""
    out = []
    for m in _YEAR.finditer(text):
        if _named(lex, text, m.start()) and not lex.search(
                "exercise_nouns", text[max(0, m.start() - EXERCISE_REACH - 20):m.end() + EXERCISE_REACH]):
            out.append(int(m.group(1)))
    return out


def text_year(doc: Doc, lex: Lexicon) -> int | None:
    """The year the text gives its dated names, the most named first: an undated day's year when
    the publication date is unknown ("17 ноября" in a report on «Хамкорлик-2021»)."""
    years = Counter(named_years(lex, doc.text))
    return years.most_common(1)[0][0] if years else None


def _published_year(doc: Doc) -> tuple[int | None, int | None]:
    iso = doc.published_iso or ""
    if not re.match(r"\d{4}", iso):
        return None, None
    return int(iso[:4]), int(iso[5:7]) if len(iso) >= 7 else None


def _year_for(doc: Doc, lex: Lexicon, text: str, month: int, day: int | None,
              planned: bool = False) -> tuple[int | None, str]:
    """The year of a day-month or a month stated without one, and where it came from."""
    years = sentence_years(lex, text)
    if years:
        return years[0][2], "sentence"
    year, pub_month = _published_year(doc)
    if year is not None:
        if day is not None and doc.published:
            try:
                if date(year, month, day) > doc.published + timedelta(days=LOOKAHEAD_DAYS):
                    year -= 1
            except ValueError:
                return None, "published"
        elif pub_month is not None:
            if day is None and planned and month < pub_month:
                year += 1
            elif month > pub_month and not planned:
                year -= 1
        return year, "published"
    named = text_year(doc, lex)
    return (named, "named") if named else (None, "")


@lru_cache(maxsize=8)
def _period_words(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    before = "|".join(lex.raw.get("period_prepositions") or ["(?!)"])
    after = "|".join(lex.raw.get("period_year_before") or ["(?!)"])
    return (re.compile(rf"(?<!\w)(?:{before})\s+$", re.IGNORECASE),
            re.compile(rf"\s*(?:{after})", re.IGNORECASE))


def _document_period(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Is the year the period of a document ("план на 2012 год", "for 2018", "2024 жылға арналған")?"""
    before, after = _period_words(lex)
    return bool(before.search(text[max(0, start - 12):start]) or after.match(text, end))


def _asides(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\([^()]*\)", text)]


def mentions(doc: Doc, lex: Lexicon, text: str, planned: bool = False) -> list[Mention]:
    """Every date ``text`` states, in order: explicit ones, lone months, relative days.

    ``planned``: the text speaks of what is to come (a month alone then means this year or next).
    """
    day_month, month_day, ydm, month_year, numeric, weekday, rel, year_month = _patterns(lex)
    asides = _asides(text)
    found: list[Mention] = []

    def add(start, end, iso, kind, year="written"):
        if iso:
            found.append(Mention(start, end, iso, kind, year, any(a <= start < b for a, b in asides)))

    for m in ydm.finditer(text):
        mon = _month(lex, m.group(3))
        if mon:
            add(m.start(), m.end(), _safe(int(m.group(1)), mon, int(m.group(2))), "day")
    for m in day_month.finditer(text):
        mon = _month(lex, m.group(2))
        if not mon:
            continue
        day = int(m.group(1))
        if m.group(3):
            add(m.start(), m.end(), _safe(int(m.group(3)), mon, day), "day")
        else:
            year, source = _year_for(doc, lex, text, mon, day)
            add(m.start(), m.end(), _safe(year, mon, day) if year else None, "day", source)
    for m in month_day.finditer(text):
        mon = _month(lex, m.group(1))
        if mon:
            day = int(m.group(2))
            if m.group(3):
                add(m.start(), m.end(), _safe(int(m.group(3)), mon, day), "day")
            else:
                year, source = _year_for(doc, lex, text, mon, day)
                add(m.start(), m.end(), _safe(year, mon, day) if year else None, "day", source)
    for m in numeric.finditer(text):
        add(m.start(), m.end(), _safe(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day")
    taken = [(f.start, f.end) for f in found]
    for m in month_year.finditer(text):
        mon = _month(lex, m.group(1))
        if mon and not any(a <= m.start() < b for a, b in taken):
            add(m.start(), m.end(), f"{int(m.group(2)):04d}-{mon:02d}", "month")
    for m in year_month.finditer(text):  # "2021 жылғы наурызда"
        mon = _month(lex, m.group(2))
        if mon and not any(a <= m.start() < b for a, b in taken):
            add(m.start(), m.end(), f"{int(m.group(1)):04d}-{mon:02d}", "month")
    taken = [(f.start, f.end) for f in found]
    for pattern, mon, cased in _lone_months(lex):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if not cased and m.group(0)[:1].isupper() and text[:m.start()].strip(" \t\n«\"“—–-"):
                continue  # a capitalised month word inside a sentence is a name (Август, Қазан)
            if cased and _after_name(lex, text, m.start()):
                continue  # "Theresa May"
            year, source = _year_for(doc, lex, text, mon, None, planned)
            if year:
                add(m.start(), m.end(), f"{year:04d}-{mon:02d}", "lone_month", source)
    found.extend(_relative_mentions(doc, lex, text, asides))
    return _spell_out_day_words(lex, sorted(found, key=lambda f: (f.start, -len(f.iso))), text)


def _after_name(lex: Lexicon, text: str, start: int) -> bool:
    """Does a capitalised word other than a function word stand right before ``start``?"""
    word = _AFTER_WORD.search(text[max(0, start - 30):start])
    stop = {x.lower() for x in lex.raw.get("not_name") or ()}
    return bool(word) and word.group(1)[:1].isupper() and word.group(1).lower() not in stop


def _relative_mentions(doc: Doc, lex: Lexicon, text: str, asides) -> list[Mention]:
    """'сегодня', 'накануне', 'в среду', 'өткен аптада' against a full publication date."""
    if not doc.published:
        return []
    *_, weekday, rel, _ = _patterns(lex)
    out = []
    if rel:
        for m in rel.finditer(text):
            offset = _lookup(lex.mapping("relative_days"), m.group(1))
            if offset is not None:
                out.append(Mention(m.start(), m.end(), (doc.published + timedelta(days=offset)).isoformat(),
                                   "relative", "published", any(a <= m.start() < b for a, b in asides)))
    if weekday:
        for m in weekday.finditer(text):
            wd = _lookup(lex.mapping("weekdays"), m.group(1))
            if wd:
                back = (doc.published.isoweekday() - wd) % 7
                out.append(Mention(m.start(), m.end(), (doc.published - timedelta(days=back)).isoformat(),
                                   "weekday", "published", any(a <= m.start() < b for a, b in asides)))
    for pattern, offset in _periods(lex):  # "last week" dates the month, not a day
        for m in pattern.finditer(text):
            out.append(Mention(m.start(), m.end(), (doc.published + timedelta(days=offset)).isoformat()[:7],
                               "period", "published", any(a <= m.start() < b for a, b in asides)))
    return out


def _spell_out_day_words(lex: Lexicon, found: list[Mention], text: str) -> list[Mention]:
    """'on Monday (July 8, 2024)': a date in parentheses right after a day word is that day's own."""
    *_, weekday, rel, _ = _patterns(lex)
    out = []
    for f in found:
        if f.aside:
            open_at = text.rfind("(", 0, f.start)
            before = text[max(0, open_at - 30):open_at].rstrip()
            word = re.search(r"(\w+)$", before)
            if open_at >= 0 and not text[open_at + 1:f.start].strip() and word and any(
                    p is not None and p.fullmatch(word.group(1)) for p in (weekday, rel)):
                f = Mention(f.start, f.end, f.iso, f.kind, f.year, aside=False)
        out.append(f)
    return out


def date_mentions(doc: Doc, lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    """Every explicit date of ``text`` as (start, end, ISO), asides left out."""
    return [(f.start, f.end, f.iso) for f in mentions(doc, lex, text)
            if f.kind in ("day", "month") and not f.aside]


def explicit_date(doc: Doc, lex: Lexicon, text: str) -> str | None:
    """The first explicit date of ``text`` (a day before a month-and-year)."""
    found = date_mentions(doc, lex, text)
    days = [f for f in found if len(f[2]) == 10]
    return (days or found)[0][2] if found else None


def relative_date(doc: Doc, lex: Lexicon, text: str) -> str | None:
    """The first 'сегодня', 'накануне', 'в среду' of ``text`` (then 'өткен аптада') against a full
    publication date."""
    found = [f for f in _relative_mentions(doc, lex, text, _asides(text)) if not f.aside]
    days = [f for f in found if f.kind != "period"]
    return min(days or found, key=lambda f: f.start).iso if found else None


@lru_cache(maxsize=8)
def _periods(lex: Lexicon) -> list[tuple[re.Pattern, int]]:
    return [(re.compile(compile_pattern(k), re.IGNORECASE), int(v))
            for k, v in lex.mapping("relative_periods").items()]


def _first_stated(doc: Doc, lex: Lexicon, sentences) -> str | None:
    """The first day (else month) the first dated sentence states, bounds, documents' dates and asides
    left out ("until 15 October" bounds something else, "the treaty of 15 May 1992" dates a document),
    else its first relative day."""
    for sent in sentences:
        found = [m for m in mentions(doc, lex, sent.text) if m.kind in ("day", "month") and not m.aside
                 and not _bound(lex, sent.text, m.start) and not _document_date(lex, sent.text, m.start, m.end)]
        found = [m for m in found if m.kind == "day"] or found
        if found:
            return found[0].iso
        found = relative_date(doc, lex, sent.text)
        if found:
            return found
    return None


def event_date(doc: Doc, lex: Lexicon, sentences, exercise_names: list[str]) -> str | None:
    """``exercise_names``: exercises the article is mainly about (their year dates it last)."""
    found = _first_stated(doc, lex, [s for s in sentences if s.held or not s.planned])
    if found:  # "will end on December 28" dates a later stage, not the occasion
        return found
    lead = [s for s in doc.sentences if s.prose][:LEAD_SENTENCES]
    for sent in lead:  # "Осы мерейтойға орай бүгін Мәскеуде ..." (date and byline lines do not count)
        found = relative_date(doc, lex, sent.text)
        if found:
            return found
    found = _first_stated(doc, lex, sentences)  # an occasion all to come: its own planned date
    if found:
        return found
    if doc.published_iso:
        return doc.published_iso[:7]
    for name in exercise_names:
        m = re.search(r"((?:19|20)\d{2})", name)
        if m:  # the exercise's year, to the month when the occasion's sentences name one alone
            months = [x.iso for sent in sentences for x in mentions(doc, lex, sent.text, planned=sent.planned)
                      if x.kind == "lone_month" and x.iso.startswith(m.group(1))]
            return months[0] if months else m.group(1)
    # a dated name in the headline: «KADEX-2016» көрмесінде, IDEF 2025
    m = _NAMED_YEAR.search(doc.text[:HEADLINE_CHARS])
    return m.group(1) if m else None


def _middle(iso: str) -> date:
    return date.fromisoformat(iso if len(iso) == 10 else (iso + "-15" if len(iso) == 7 else iso + "-07-01"))


def _day_gap(doc: Doc, iso: str) -> int | None:
    """Days from the date to the publication date (negative: after publication); a publication
    known to the month counts from its middle."""
    published = doc.published
    if published is None and doc.published_iso and len(doc.published_iso) == 7:
        published = _middle(doc.published_iso)
    if not published:
        return None
    try:
        return (published - _middle(iso)).days
    except ValueError:
        return None


DOCUMENT_REACH = 60  # a document noun this far after a Kazakh attributive date is what it dates


def _document_date(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Does the date at ``text[start:end]`` date a document ("Договор от 15 мая 1992 года", "the Treaty
    of 15 May 1992", "1992 жылғы 15 мамырдағы шарт") rather than an occasion?"""
    before = text[max(0, start - 40):start]
    word = re.search(r"([\w-]+)\s*$", before)
    if word and lex.search("document_date_before", word.group(1)):
        return True
    if word and word.group(1).lower() == "of" and lex.any_label("documents", before[:word.start()][-25:]):
        return True
    ending = text[start:end].rstrip().lower()
    return any(ending.endswith(s) for s in lex.raw.get("document_date_suffixes") or ()) \
        and lex.any_label("documents", text[end:end + DOCUMENT_REACH])


def _bound(lex: Lexicon, text: str, pos: int) -> bool:
    """Is the date at ``pos`` a bound ("until 15 October", "15 қазанға дейін")?"""
    before, after = text[max(0, pos - 25):pos], text[pos:pos + 40]
    return bool(re.search(r"(?:^|\s)\S*$", before) and lex.search("date_bounds", before[-14:])) \
        or bool(lex.search("date_bounds_after", after))


def date_candidates(doc: Doc, lex: Lexicon, sentences, exercise_names: list[str], head,
                    rule: str | None) -> list[Candidate]:
    """Every date the occasion could have: each date its sentences state, a relative day in the
    lead, the publication month, the year of an exercise or of a dated name in the headline."""
    found: list[tuple[str, str, dict]] = []  # (iso, kind, features)
    order = 0
    core = {id(s) for s in sentences}
    rest = [s for s in doc.sentences if id(s) not in core]
    for i, sent in enumerate(list(sentences) + rest):
        outside = id(sent) not in core
        for m in mentions(doc, lex, sent.text, planned=sent.planned and not sent.held):
            if m.aside:
                continue
            kind = {"day": "explicit", "month": "explicit", "lone_month": "lone_month"}.get(m.kind, "relative")
            f: dict[str, float] = {}
            if outside:
                flag(f, "outside")
                at_least(f, "doc_sentence_rev", 3 - min(doc.sentences.index(sent), 3), (1, 2, 3))
            else:
                at_least(f, "sentence_rev", 4 - min(i, 3), (1, 2, 3, 4))  # the first sentence gets all four
                at_least(f, "order_rev", 4 - min(order, 3), (1, 2, 3, 4))
                order += 1
            flag(f, "planned", sent.planned and not sent.held)
            flag(f, "held", sent.held)
            flag(f, "background", sent.background)
            flag(f, "eventful", sent.eventful)
            flag(f, "head", sent is head)
            flag(f, "sentence_has_year", bool(re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", sent.text)))
            flag(f, f"year={m.year}")
            if kind not in ("relative",):
                flag(f, "bound", _bound(lex, sent.text, m.start))
                flag(f, "document_date", _document_date(lex, sent.text, m.start, m.end))
            found.append((m.iso, kind, f))
    lead = [s for s in doc.sentences if s.prose][:LEAD_SENTENCES]
    for sent in lead:
        rel = relative_date(doc, lex, sent.text)
        if rel:
            found.append((rel, "lead_relative", {}))
    if doc.published_iso:
        found.append((doc.published_iso[:7], "published_month", {}))
    for i, sent in enumerate(sentences):  # "signed at the opening of IDEF 2025"
        for year in _venue_years(lex, sent.text):
            f = {}
            at_least(f, "sentence_rev", 4 - min(i, 3), (1, 2, 3, 4))
            found.append((f"{year:04d}", "named_year", f))
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
