"""One occasion from many reports, across languages; look-alikes (the same ministers another year) apart."""
import json

import pytest

from milcoop.api import ingest, reextract
from milcoop.records import Event, Location, Participant
from milcoop.resolve.occasions import conflict, evidence, facts, same_occasion
from milcoop.store import open_store




def _event(**kw) -> Event:
    people = kw.pop("people", [])
    return Event(participants=[Participant(name=n, country=c, role=r) for n, c, r in people], **kw)


KOSANOV = ("Dauren Kosanov", "KZ", "defense_minister")
BELOUSOV = ("Andrei Belousov", "RU", "defense_minister")


@pytest.mark.parametrize("a, b, reason", [
    # the same two ministers, another place
    (_event(countries=["KZ", "RU"], date="2025-10", location=Location(city="Almaty"), people=[KOSANOV, BELOUSOV]),
     _event(countries=["KZ", "RU"], date="2025-07-09", location=Location(city="Moscow"), people=[KOSANOV, BELOUSOV]),
     "date"),
    (_event(countries=["KZ", "RU"], location=Location(city="Almaty"), people=[KOSANOV, BELOUSOV]),
     _event(countries=["KZ", "RU"], location=Location(city="Moscow"), people=[KOSANOV, BELOUSOV]), "place"),
    # two bilateral meetings on the sidelines of one session
    (_event(countries=["KG", "RU"], date="2025-11", people=[("Ruslan Mukambetov", "KG", "defense_minister")]),
     _event(countries=["KG", "BY"], date="2025-11", people=[("Ruslan Mukambetov", "KG", "defense_minister")]),
     "parties"),
    # a phone call versus a visit
    (_event(countries=["KZ", "RU"], type=["call"], date="2025-10-30", people=[KOSANOV]),
     _event(countries=["KZ", "RU"], type=["visit", "meeting"], date="2025-10-30", people=[KOSANOV]), "kind"),
    # another minister of the same country in the same office
    (_event(countries=["KZ", "TR"], people=[("Ruslan Zhaksylykov", "KZ", "defense_minister"), ("Hulusi Akar", "TR", "defense_minister")]),
     _event(countries=["KZ", "TR"], people=[("Nurlan Yermekbayev", "KZ", "defense_minister"), ("Hulusi Akar", "TR", "defense_minister")]),
     "people"),
])
def test_distinct_occasions_never_merge(a, b, reason):
    assert conflict(facts(a), facts(b)) == reason
    assert not same_occasion(facts(a), facts(b))


def test_one_occasion_across_scripts_and_inflections():
    ru = _event(countries=["KZ", "AZ"], date="2024-05", people=[("Ruslan Zhaksylykov", "KZ", "defense_minister")])
    kk = _event(countries=["AZ", "KZ"], people=[("Ruslan Zhaksylykovtyn", "KZ", "official")])
    assert evidence(facts(ru), facts(kk)) == "people"
    assert same_occasion(facts(ru), facts(kk))


# One visit told by two outlets in two languages, and a decoy: the same ministers a year later.
REPORTS = [
    {"id": "visit-en", "lang": "en", "published": "2024-05-21",
     "text": "Kazakhstan's Defence Minister Ruslan Zhaksylykov arrived in Moscow on an official visit on May 20. "
             "He held talks with Russian Defence Minister Andrei Belousov on military cooperation; the ministers "
             "signed a military cooperation plan for 2025."},
    {"id": "visit-ru", "lang": "ru", "published": "2024-05-20",
     "text": "Министр обороны Казахстана Руслан Жаксылыков прибыл в Москву с официальным визитом. Сегодня он "
             "провел переговоры с министром обороны России Андреем Белоусовым о военном сотрудничестве, "
             "министры подписали план военного сотрудничества на 2025 год."},
    {"id": "decoy", "lang": "en", "published": "2025-07-10",
     "text": "Kazakhstan's Defence Minister Ruslan Zhaksylykov arrived in Moscow on an official visit on July 9. "
             "He held talks with Russian Defence Minister Andrei Belousov on military cooperation and the "
             "coming joint exercise."},
]


@pytest.fixture(scope="module")
def clustered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clusters")
    path = tmp / "reports.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS), encoding="utf-8")
    db = str(tmp / "c.db")
    ingest([path], db)
    with open_store(db) as store:
        by_ext = {store.get_article(a).external_id: store.occasion_of(a) for a in store.article_ids()}
    return db, by_ext, path


@pytest.mark.slow
def test_reports_of_one_occasion_meet_and_a_decoy_stays_apart(clustered):
    _, occ, _ = clustered
    assert occ["visit-en"] == occ["visit-ru"] is not None   # en and ru reports of one visit
    assert occ["decoy"] not in (None, occ["visit-en"])     # the same ministers a year later


@pytest.mark.slow
def test_occasion_ids_are_stable(clustered):
    db, before, path = clustered
    ingest([path], db)                                     # re-ingest: nothing new
    reextract(db)                                          # re-extraction keeps the ids
    with open_store(db) as store:
        after = {store.get_article(a).external_id: store.occasion_of(a) for a in store.article_ids()}
    assert after == before


@pytest.mark.slow
def test_events_lists_one_row_per_occasion_with_sources(clustered):
    db, occ, _ = clustered
    with open_store(db) as store:
        rows = store.occasions(country="KZ", partner="RU")
        reports = store.events(country="KZ", partner="RU")
    assert len(rows) < len(reports)
    visit = next(r for r in rows if r.id == occ["visit-en"])
    assert visit.sources == 2 and visit.city == "Moscow"
