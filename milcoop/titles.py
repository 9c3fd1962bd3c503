"""Titles of occasions built from their facts:
"Kazakhstan–Türkiye: defence ministers meet, agreement signed (Astana, Sep 2018)".

An article's own title is often a dateline, a lede or scraping noise ("Минск-Уручье Переменная облачность
+3°C"); a title made of the occasion's parties, participants' offices, type, documents, place and date is
short, comparable across outlets and languages, and the same wherever the occasion is shown. The wording of
each language lives in ``milcoop/lang/<code>/titles.yaml``; country and month names come from Babel.
"""
from __future__ import annotations

import datetime
from collections import Counter
from functools import lru_cache
from importlib.resources import files

import yaml
from babel import Locale
from babel.dates import format_date
from pydantic import BaseModel

from .records import Event
from .schema import EVENT_TYPES, ROLES

TITLE_LANGS = ("en", "ru", "kk")
MAX_PARTIES = 3  # more countries than this are counted, or named by their organisation
# The order in which a type leads the title: the most telling first.
LEAD = ("visit", "meeting", "call", "multilateral", "exercise", "signing", "award", "training", "industry",
        "deployment")
# Which role names the occasion when several are present: the highest office first.
OFFICE_ORDER = ROLES


class Phrasing(BaseModel):
    """One language's title wording (a ``titles.yaml``)."""

    locale: str
    date_format: str
    party_joiner: str
    and_: str
    many_countries: str
    roles: dict[str, tuple[str, str]]
    actions: dict[str, tuple[str, str, str]]
    fallback: str
    documents: dict[str, str]
    document_status: dict[str, str]
    exercise: str


@lru_cache(maxsize=None)
def phrasing(lang: str) -> Phrasing:
    """The wording of ``lang`` (one of ``TITLE_LANGS``), read once."""
    if lang not in TITLE_LANGS:
        raise ValueError(f"titles are written in {', '.join(TITLE_LANGS)}, not {lang!r}")
    data = yaml.safe_load(files("milcoop.lang").joinpath(lang, "titles.yaml").read_text(encoding="utf-8"))
    data["and_"] = data.pop("and")
    p = Phrasing.model_validate(data)
    missing = [t for t in EVENT_TYPES if t not in p.actions] + [r for r in ROLES if r not in p.roles]
    if missing:
        raise ValueError(f"milcoop/lang/{lang}/titles.yaml lacks {', '.join(missing)}")
    return p


@lru_cache(maxsize=None)
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(phrasing(lang).locale).territories)


def country_label(code: str, lang: str = "en") -> str:
    """A country's short name in ``lang`` (the code itself when Babel does not know it)."""
    return _territories(lang).get(code.upper(), code.upper())


@lru_cache(maxsize=1)
def _city_names() -> dict[str, tuple[str, str]]:
    """English city name -> (Russian, Kazakh) name, from the gazetteer's ``cities.tsv``."""
    from .knowledge.loader import cells, read_tsv

    out = {}
    for en, _cc, ru, kk, _alt in read_tsv("cities.tsv", 5):
        ru_names, kk_names = cells(ru), cells(kk)
        if ru_names:
            out[en] = (ru_names[0], (kk_names or ru_names)[0])
    return out


def city_label(city: str, lang: str = "en") -> str:
    """A city as the schema stores it (its English name) in ``lang`` when the gazetteer knows it."""
    if lang == "en":
        return city
    names = _city_names().get(city)
    return names[0 if lang == "ru" else 1] if names else city


@lru_cache(maxsize=4096)
def when(date: str | None, lang: str = "en") -> str | None:
    """A date as a title shows it: the month and year ("Sep 2018"), or the year alone."""
    if not date:
        return None
    if len(date) < 7:
        return date[:4]
    day = datetime.date(int(date[:4]), int(date[5:7]), 1)
    return format_date(day, phrasing(lang).date_format, locale=phrasing(lang).locale)


def _join(items: list[str], p: Phrasing) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + p.and_ + items[-1]


def _parties(ev: Event, p: Phrasing, lang: str) -> str | None:
    codes = list(dict.fromkeys(c.upper() for c in ev.countries if c))
    if len(codes) > MAX_PARTIES:
        return ", ".join(ev.orgs) if ev.orgs else p.many_countries.format(n=len(codes))
    if codes:
        return p.party_joiner.join(country_label(c, lang) for c in codes)
    return ", ".join(ev.orgs) or None


def _action(ev: Event, p: Phrasing) -> str:
    lead = next((t for t in LEAD if t in ev.type), None)
    roles = Counter(x.role for x in ev.participants if x.role)
    if lead is None:
        return p.fallback
    one, many, nobody = p.actions[lead]
    if not roles:
        return nobody
    role = min(roles, key=lambda r: (-int(roles[r] > 1), OFFICE_ORDER.index(r)))
    several = roles[role] > 1
    return (many if several else one).format(role=p.roles[role][int(several)])


def _documents(ev: Event, p: Phrasing) -> list[str]:
    by_status: dict[str, list[str]] = {}
    for d in ev.documents:
        if d.status in p.document_status:
            names = by_status.setdefault(d.status, [])
            if p.documents[d.type] not in names:
                names.append(p.documents[d.type])
    return [p.document_status[s].format(doc=_join(names, p)) for s, names in by_status.items()]


def title(ev: Event, lang: str = "en") -> str:
    """The title of an occasion in ``lang`` from its facts alone."""
    p = phrasing(lang)
    documents = _documents(ev, p)
    exercises = [p.exercise.format(name=x.name) for x in ev.exercises[:2]]
    lead = next((t for t in LEAD if t in ev.type), None)
    # a signing is told by its documents, a named exercise by its name: the action would repeat them
    told = (lead == "signing" and documents) or (lead == "exercise" and exercises)
    facts = [*([] if told else [_action(ev, p)]), *documents, *exercises]
    text = ", ".join(dict.fromkeys(facts))
    parties = _parties(ev, p, lang)
    text = f"{parties}: {text}" if parties else text[:1].upper() + text[1:]
    place = (city_label(ev.location.city, lang) if ev.location.city
             else country_label(ev.location.country, lang) if ev.location.country else None)
    where = ", ".join(x for x in (place, when(ev.date, lang)) if x)
    return f"{text} ({where})" if where else text


def local_title(ev: Event, lang: str | None) -> str | None:
    """The title in the report's language when it is not English and titles are written in it."""
    return title(ev, lang) if lang in TITLE_LANGS and lang != "en" else None
