"""One occasion from many reports, across languages; look-alikes (the same ministers another year) apart."""
import json

import pytest

from milcoop.api import ingest, reextract
from milcoop.records import Document, Event, Exercise, Location, Participant
from milcoop.resolve.occasions import conflict, evidence, facts, same_occasion
from milcoop.store import open_store




def _event(**kw) -> Event:
    people = kw.pop("people", [])
    return Event(participants=[Participant(name=n, country=c, role=r, official_id=o)
                               for n, c, r, *rest in people for o in [rest[0] if rest else None]], **kw)


KOSANOV = ("Dauren Kosanov", "KZ", "defense_minister")
BELOUSOV = ("Andrei Belousov", "RU", "defense_minister")
MUKAMBETOV = ("Ruslan Mukambetov", "KG", "defense_minister")
KHRENIN = ("Viktor Khrenin", "BY", "defense_minister")
KZ_RU = ["KZ", "RU"]


@pytest.mark.parametrize("a, b, reason", [
    # the same two ministers, another time and place
    (_event(countries=KZ_RU, date="2025-10", location=Location(city="Almaty"), people=[KOSANOV, BELOUSOV]),
     _event(countries=KZ_RU, date="2025-07-09", location=Location(city="Moscow"), people=[KOSANOV, BELOUSOV]),
     "date"),
    (_event(countries=KZ_RU, location=Location(city="Almaty"), people=[KOSANOV, BELOUSOV]),
     _event(countries=KZ_RU, location=Location(city="Moscow"), people=[KOSANOV, BELOUSOV]), "place"),
    # two bilateral meetings on the sidelines of one session, told with two parties each ...
    (_event(countries=["KG", "RU"], date="2025-11", people=[MUKAMBETOV]),
     _event(countries=["KG", "BY"], date="2025-11", people=[MUKAMBETOV]), "parties"),
    # ... or one report naming every delegation at the session: the counterparts differ
    (_event(countries=["KG", "RU", "BY"], date="2025-11-27", location=Location(city="Bishkek"),
            people=[MUKAMBETOV, KHRENIN]),
     _event(countries=["KG", "RU"], date="2025-11-27", location=Location(city="Bishkek"),
            people=[MUKAMBETOV, BELOUSOV]), "parties"),
    # a phone call versus a visit, or versus talks the report calls only a meeting
    (_event(countries=KZ_RU, type=["call"], date="2025-10-30", people=[KOSANOV]),
     _event(countries=KZ_RU, type=["visit", "meeting"], date="2025-10-30", people=[KOSANOV]), "kind"),
    (_event(countries=KZ_RU, type=["call"], date="2025-10", people=[KOSANOV, BELOUSOV]),
     _event(countries=KZ_RU, type=["meeting"], date="2025-10-14", people=[KOSANOV, BELOUSOV]), "kind"),
    # another minister of the same country in the same office, by surname or by the officials reference
    (_event(countries=["KZ", "TR"], people=[("Ruslan Zhaksylykov", "KZ", "defense_minister"),
                                           ("Hulusi Akar", "TR", "defense_minister")]),
     _event(countries=["KZ", "TR"], people=[("Nurlan Yermekbayev", "KZ", "defense_minister"),
                                           ("Hulusi Akar", "TR", "defense_minister")]), "people"),
    (_event(countries=["KZ", "CN"], people=[("Dong", "CN", "defense_minister", "cn-dong-jun")]),
     _event(countries=["KZ", "CN"], people=[("Chang", "CN", "defense_minister", "cn-chang-wanquan")]), "people"),
    # the plan of another year
    (_event(countries=KZ_RU, documents=[Document(type="plan", period=[2026, 2026], status="signed")]),
     _event(countries=KZ_RU, documents=[Document(type="plan", period=[2019, 2019], status="signed")]), "documents"),
    # another exercise of the series, and the planning conference before an exercise
    (_event(countries=["AZ", "KZ"], exercises=[Exercise(name="Khazri-2023")]),
     _event(countries=["AZ", "KZ"], exercises=[Exercise(name="Khazar-2025")]), "exercise"),
    (_event(countries=["KZ", "US"], exercises=[Exercise(name="Steppe Eagle-2015")], preparatory=True),
     _event(countries=["KZ", "US"], exercises=[Exercise(name="Steppe Eagle 2015")]), "preparation"),
])
def test_distinct_occasions_never_merge(a, b, reason):
    assert conflict(facts(a), facts(b)) == reason
    assert conflict(facts(b), facts(a)) == reason
    assert not same_occasion(facts(a), facts(b))


@pytest.mark.parametrize("a, b", [
    # no time on one side: the same ministers meet again, so sharing them is not enough ...
    (_event(countries=KZ_RU, date="2025-07-09", people=[KOSANOV, BELOUSOV]),
     _event(countries=KZ_RU, people=[KOSANOV, BELOUSOV])),
    # ... nor when one report gives only the year
    (_event(countries=KZ_RU, date="2025", people=[KOSANOV, BELOUSOV]),
     _event(countries=KZ_RU, date="2025-07-09", people=[KOSANOV, BELOUSOV])),
    # one party named and no time: nothing tells this occasion from another
    (_event(countries=["KZ"], location=Location(city="Astana"), people=[KOSANOV]),
     _event(countries=["KZ"], location=Location(city="Astana"), people=[KOSANOV])),
    # the same day but other parties
    (_event(countries=["KZ", "CN"], date="2024-04-25"), _event(countries=["KZ", "RU"], date="2024-04-25")),
])
def test_look_alikes_without_evidence_of_one_occasion_stay_apart(a, b):
    assert conflict(facts(a), facts(b)) is None or not same_occasion(facts(a), facts(b))
    assert evidence(facts(a), facts(b)) is None or conflict(facts(a), facts(b)) is not None
    assert not same_occasion(facts(a), facts(b)) and not same_occasion(facts(b), facts(a))


@pytest.mark.parametrize("a, a_published, b, b_published, why", [
    # Russian and Kazakh reports of one visit: the Kazakh one dated by its publication, name inflected
    (_event(countries=["KZ", "AZ"], date="2024-05-20", people=[("Ruslan Zhaksylykov", "KZ", "defense_minister")]),
     None, _event(countries=["AZ", "KZ"], people=[("Ruslan Zhaksylykovtyn", "KZ", "official")]), "2024-05-21",
     "people"),
    # no time on one side, but the same people in the same city
    (_event(countries=KZ_RU, date="2025-07-09", location=Location(city="Moscow"), people=[KOSANOV, BELOUSOV]),
     None, _event(countries=KZ_RU, location=Location(city="Moscow"), people=[BELOUSOV]), None, "people and place"),
    # the officials reference's id ties two spellings the surname keys would not
    (_event(countries=["KZ", "CN"], date="2024-04", people=[("Dong Jun", "CN", "defense_minister", "cn-dong-jun")]),
     None, _event(countries=["CN", "KZ"], date="2024-04-25", people=[("Дун Цзюнь", "CN", "defense_minister",
                                                                      "cn-dong-jun")]), None, "people"),
    # one numbered exercise however it is spelled, even when one report gives no time
    (_event(countries=["IN", "KZ"], date="2022-12-15", exercises=[Exercise(name="KAZIND-2022")]), None,
     _event(countries=["KZ", "IN"], exercises=[Exercise(name="Kazind-22")]), None, "exercise"),
    # one document with its period, signed: one signing
    (_event(countries=["KZ", "US"], documents=[Document(type="plan", period=[2018, 2022], status="signed")]), None,
     _event(countries=["US", "KZ"], date="2017-07-05",
            documents=[Document(type="plan", period=[2018, 2022], status="signed")]), None, "document"),
])
def test_reports_of_one_occasion_meet(a, a_published, b, b_published, why):
    fa, fb = facts(a, a_published), facts(b, b_published)
    assert conflict(fa, fb) is None
    assert evidence(fa, fb) == evidence(fb, fa) == why
    assert same_occasion(fa, fb)


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
