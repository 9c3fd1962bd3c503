"""Read the gazetteer data files (``data/``) once into plain structures."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import yaml

from ..errors import GazetteerDataError, UnsupportedLanguage  # noqa: F401 - raised here, re-exported
from .forms import DATA

LANGS = ("ru", "kk", "en")


class KnowledgeData(NamedTuple):
    """Everything the data files say, by language where it depends on it."""

    generated: dict[str, dict[str, list[str]]]  # code -> lang -> CLDR/ISO names
    curated: dict[str, dict]                     # code -> lang -> field -> names
    drop: dict[str, set[str]]
    block: dict[str, list[str]]
    guarded: dict[str, set[str]]
    cities: list[tuple[str, str, dict[str, list[str]]]]  # en, country, lang -> names
    city_rules: dict
    orgs: list[tuple[str, dict[str, list[str]]]]
    exercises: list[tuple[str, dict[str, list[str]], bool]]  # en, names, romanise


def cells(cell: str) -> list[str]:
    """The '|'-separated names of a TSV cell ('-' or empty: none)."""
    return [] if cell.strip() in ("", "-") else [x.strip() for x in cell.split("|") if x.strip()]


def read_tsv(name: str, width: int) -> list[list[str]]:
    """Rows of a data TSV, comments and blank lines skipped; each row has ``width`` cells."""
    rows = []
    for number, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            row = line.split("\t")
            if len(row) != width:
                raise GazetteerDataError(f"expected {width} tab-separated columns, got {len(row)}",
                                         source=name, line=number)
            rows.append(row)
    return rows


def read_yaml(name: str) -> dict:
    """A data YAML file as a dict."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def load() -> KnowledgeData:
    """Read and check every gazetteer data file (once per process)."""
    generated = {code: {"en": cells(en), "ru": cells(ru), "kk": cells(kk)}
                 for code, _alpha3, en, ru, kk in read_tsv("countries.tsv", 5)}
    extra = read_yaml("countries_extra.yaml")
    curated = extra.get("countries") or {}
    for code in curated:
        if code not in generated:  # a bare NO in YAML is False, not Norway
            raise GazetteerDataError(f"unknown country code {code!r}", source="countries_extra.yaml")
    by_lang = {key: extra.get(key) or {} for key in ("drop", "block", "guarded")}
    cities = [(en, cc, {"ru": cells(ru), "kk": cells(kk) or cells(ru), "en": [en, *cells(alt)]})
              for en, cc, ru, kk, alt in read_tsv("cities.tsv", 5)]
    for en, cc, _names in cities:
        if cc not in generated:
            raise GazetteerDataError(f"unknown country code {cc!r} of {en}", source="cities.tsv")
    orgs = [(code, {"en": cells(en), "ru": cells(ru), "kk": cells(kk)})
            for code, en, ru, kk in read_tsv("orgs.tsv", 4)]
    exercises = [(en, {"ru": cells(ru), "kk": cells(kk) or cells(ru), "en": [en, *cells(alt)]},
                  flag.strip() == "yes")
                 for en, ru, kk, alt, flag in read_tsv("exercises.tsv", 5)]
    return KnowledgeData(
        generated=generated,
        curated=curated,
        drop={lang: set(by_lang["drop"].get(lang) or []) for lang in LANGS},
        block={lang: by_lang["block"].get(lang) or [] for lang in LANGS},
        guarded={lang: set(by_lang["guarded"].get(lang) or []) for lang in LANGS},
        cities=cities,
        city_rules=read_yaml("cities_extra.yaml"),
        orgs=orgs,
        exercises=exercises,
    )
