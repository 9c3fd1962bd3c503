"""One occasion from many reports: real cluster reports and their look-alike decoys."""
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


def _gold(path) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: r["occasion"] for r in map(json.loads, fh)}


@pytest.fixture(scope="module")
def clustered(tmp_path_factory, shared_path):
    db = str(tmp_path_factory.mktemp("clusters") / "c.db")
    ingest([shared_path("corpus", "clusters", "articles.jsonl")], db)
    with open_store(db) as store:
        by_ext = {store.get_article(a).external_id: store.occasion_of(a) for a in store.article_ids()}
    return db, by_ext


@pytest.mark.slow
def test_cluster_reports_meet_and_decoys_stay_apart(clustered, shared_path):
    _, occ = clustered
    gold = _gold(shared_path("corpus", "clusters", "gold.jsonl"))
    assert occ["c02a"] == occ["c02b"]                      # en and ru reports of one visit
    assert len({occ[i] for i in ("c13a", "c13b", "c13c", "c13d")}) == 1
    assert len({occ[i] for i in ("c12a", "c12b", "c12c")}) == 1
    for decoy in [i for i, o in gold.items() if o.startswith("d")]:
        mates = [i for i in occ if i != decoy and occ[i] == occ[decoy] and occ[i] is not None]
        assert mates == [], (decoy, mates)


@pytest.mark.slow
def test_occasion_ids_are_stable(clustered, shared_path):
    db, before = clustered
    ingest([shared_path("corpus", "clusters", "articles.jsonl")], db)   # re-ingest: nothing new
    reextract(db)                                          # re-extraction keeps the ids
    with open_store(db) as store:
        after = {store.get_article(a).external_id: store.occasion_of(a) for a in store.article_ids()}
    assert after == before


@pytest.mark.slow
def test_events_lists_one_row_per_occasion_with_sources(clustered):
    db, occ = clustered
    with open_store(db) as store:
        rows = store.occasions(country="KZ", partner="RU")
        reports = store.events(country="KZ", partner="RU")
    assert len(rows) < len(reports)
    c02 = next(r for r in rows if r.id == occ["c02a"])
    assert c02.sources == 2 and c02.city == "Moscow"
