"""The gazetteer data files: complete, well-formed, consistent with ISO 3166."""
from pathlib import Path

import pycountry
import pytest
import yaml

from milcoop.knowledge.forms import kk_suffixes

DATA = Path(__file__).resolve().parents[2] / "milcoop" / "knowledge" / "data"
ISO = {c.alpha_2 for c in pycountry.countries}
SCHEMA_ORGS = {"CIS", "CSTO", "SCO", "NATO", "UN", "EU", "OSCE", "EAEU", "CICA", "OTS"}
DEFENCE_NEWS_COUNTRIES = set("""
KZ RU BY KG TJ UZ TM AZ AM GE MD UA CN IN PK IR MN AF TR US GB FR DE IT ES PL KR
KP JP IL EG SA AE QA LB SY IQ JO RS HU CZ LV LT EE VN ID MY TH LK BD BR CA AU NL
BE GR RO BG SK FI SE NO DK CH AT OM KW BH DZ LY TN MA NG ZA ET LA KH PH SG NP CU
VE AR MX""".split())


def rows(name, width):
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            assert len(cells) == width, f"{name}: {line!r}"
            out.append(cells)
    return out


def test_countries_tsv_covers_iso_3166():
    table = rows("countries.tsv", 5)
    assert {r[0] for r in table} == ISO
    assert all(r[2] != "-" and r[3] != "-" for r in table if r[0] not in ("SH", "BQ"))


def test_curated_countries():
    extra = yaml.safe_load((DATA / "countries_extra.yaml").read_text(encoding="utf-8"))
    countries = extra["countries"]
    assert set(countries) <= ISO
    assert DEFENCE_NEWS_COUNTRIES <= set(countries)
    for code in DEFENCE_NEWS_COUNTRIES:
        for lang in ("ru", "kk", "en"):
            assert countries[code].get(lang, {}).get("names"), (code, lang)
        assert countries[code]["ru"].get("adj"), code
        assert countries[code]["en"].get("adj") or code == "NZ", code
    allowed = {"names", "adj", "demonyms", "prefixes", "mod"}
    for code, langs in countries.items():
        for lang, fields in langs.items():
            assert lang in ("ru", "kk", "en") and set(fields) <= allowed, (code, lang)


def test_cities():
    table = rows("cities.tsv", 5)
    assert len(table) >= 250
    assert {cc for _en, cc, *_ in table} <= ISO
    names = [en for en, *_ in table]
    assert len(names) == len(set(names))
    assert all(ru != "-" for _en, _cc, ru, _kk, _alt in table)
    with_city = {cc for _en, cc, *_ in table}
    assert DEFENCE_NEWS_COUNTRIES - {"SG"} <= with_city  # Singapore: the country reading wins
    for required in ("Astana", "Nur-Sultan", "Akmola", "Almaty", "Aktau", "Shchuchinsk", "Bishkek",
                     "Osh", "Kant", "Dushanbe", "Tashkent", "Ashgabat", "Baku", "Tbilisi", "Yerevan",
                     "Minsk", "Moscow", "Ulaanbaatar", "Beijing", "Urumqi", "Ankara", "Istanbul",
                     "Washington", "Brussels", "New York", "Geneva", "Vienna"):
        assert required in names, required


def test_orgs():
    table = rows("orgs.tsv", 4)
    codes = [r[0] for r in table]
    assert SCHEMA_ORGS <= set(codes) and len(codes) == len(set(codes))


def test_exercises():
    table = rows("exercises.tsv", 5)
    assert len({r[0] for r in table}) == len(table)
    assert {r[4] for r in table} <= {"yes", "no"}


def test_kk_suffixes():
    layers = kk_suffixes()
    assert set(layers) == {"case", "poss", "plural", "adj"}
    for items in layers.values():
        lengths = [len(s.text) for s in items]
        assert lengths == sorted(lengths, reverse=True)  # longest first
        for suffix in items:
            assert suffix.after == "*" or set(suffix.after) <= set("VZNSP"), suffix


@pytest.mark.parametrize("name", ["countries_extra.yaml", "cities_extra.yaml"])
def test_yaml_files_load(name):
    assert yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_malformed_row_is_a_coded_error(tmp_path, monkeypatch):
    from milcoop.knowledge import loader

    (tmp_path / "orgs.tsv").write_text("# comment\nCIS\tCIS\tСНГ\n", encoding="utf-8")
    monkeypatch.setattr(loader, "DATA", tmp_path)
    with pytest.raises(loader.GazetteerDataError, match=r"E030 orgs.tsv:2"):
        loader.read_tsv("orgs.tsv", 4)


def test_unknown_language_is_a_coded_error():
    from milcoop.knowledge.gazetteer import UnsupportedLanguage, get_gazetteer

    with pytest.raises(UnsupportedLanguage, match="E031"):
        get_gazetteer().find_countries("Kazakhstan", "de")
