"""Persons follow the officials reference; the people register answers from it and flags what it contradicts.

Databases are built directly from extraction records (what the extractor hands the store), on a
real SQLite file and, with ``MILCOOP_TEST_PG``, on PostgreSQL.
"""
from __future__ import annotations

import hashlib
import io
import json

import pytest
from fastapi.testclient import TestClient

import milcoop
from milcoop.records import Article, ArticleExtraction, Event, Participant, Segment
from milcoop.server import create_app
from milcoop.store import open_store
from milcoop.store.review import Review

VERSION = "test-people"
DM = "defense_minister"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path, pg_database) -> str:
    return str(tmp_path / "people.db") if request.param == "sqlite" else pg_database()


def _p(name, country, role=DM, official=None, surface=None) -> Participant:
    return Participant(name=name, country=country, role=role, official_id=official, surface=surface)


def store_report(db: str, key: str, date: str | None, *participants: Participant, published: str | None = None):
    """One article (its text made from ``key``) with one event of these participants."""
    text = f"Report {key}: " + ", ".join(p.surface or p.name for p in participants) + " met."
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), external_id=key, source=key, text=text,
                      raw_text=text, published=published, segments=[Segment(clean_start=0, raw_start=0, length=len(text))])
    countries = list(dict.fromkeys(p.country for p in participants if p.country))
    extraction = ArticleExtraction(id=key, relevant=True, events=[
        Event(type=["meeting"], date=date, countries=countries, participants=list(participants))])
    with open_store(db) as store:
        store.store_articles([(article, extraction)], VERSION)


def persons(db: str) -> list[dict]:
    with open_store(db) as store, store.engine.connect() as conn:
        from sqlalchemy import select

        from milcoop.store.models import DbPerson

        return [dict(r._mapping) for r in conn.execute(
            select(DbPerson.id, DbPerson.name, DbPerson.country, DbPerson.official_id).order_by(DbPerson.id))]


TOKAYEV = "kz-kassym-jomart-tokayev"


def test_one_person_per_official_across_scripts_and_outlets(db):
    store_report(db, "ru", "2023-05-10", _p("Kassym-Jomart Tokayev", "KZ", "head_of_state", TOKAYEV,
                                            "Касым-Жомарт Токаев"))
    store_report(db, "kk", "2023-06-01", _p("Kassym-Jomart Tokayev", "KZ", "head_of_state", TOKAYEV,
                                            "Қасым-Жомарт Тоқаевтың"))
    store_report(db, "en", "2024-02-01", _p("Qasym-Zhomart Toqaev", "KZ", "head_of_state", TOKAYEV))
    # an unlinked mention whose name fits him joins him too
    store_report(db, "ru2", "2024-03-01", _p("Касым-Жомарт Токаев", "KZ", "head_of_state"))
    [tokayev] = persons(db)
    assert tokayev["official_id"] == TOKAYEV and tokayev["name"] == "Kassym-Jomart Tokayev"
    for query in ("Токаев", "Тоқаевтың", "Токаева", "Tokayev", "Qasym-Zhomart Toqaev"):
        found = milcoop.person(query, db)
        assert [d["id"] for d in found] == [tokayev["id"]], query
    dossier = found[0]
    assert {"Касым-Жомарт Токаев", "Qasym-Zhomart Toqaev"} <= set(dossier["spellings"])
    # the Kazakh genitive finds him (above) but is no spelling of his name
    assert "Қасым-Жомарт Тоқаевтың" not in dossier["spellings"]
    assert dossier["reference"]["id"] == TOKAYEV
    assert [(t["role"], t["start"]) for t in dossier["reference"]["terms"]] == [
        ("head_of_government", "1999-10-01"), ("head_of_state", "2019-03-20")]
    [t] = dossier["tenures"]
    assert (t["basis"], t["start"], t["in_office"], t["observations"]) == ("reference", "2019-03-20", True, 4)


def test_namesakes_linked_to_different_officials_stay_apart(db):
    store_report(db, "a", "2008-01-10", _p("Daniyal Akhmetov", "KZ", DM, "kz-daniyal-akhmetov"))
    store_report(db, "b", "2014-06-10", _p("Serik Akhmetov", "KZ", DM, "kz-serik-akhmetov"))
    assert sorted(p["official_id"] for p in persons(db)) == ["kz-daniyal-akhmetov", "kz-serik-akhmetov"]


def test_a_surname_alone_in_the_office_joins_its_holder_of_that_day(db):
    store_report(db, "uz1", None, _p("Berdiyev", "UZ"), published="2017-08")
    store_report(db, "uz2", "2015-05-05", _p("Kabul Berdiyev", "UZ", DM, "uz-kabul-berdiyev", "Кабул Бердиев"))
    [berdiyev] = persons(db)
    assert berdiyev["official_id"] == "uz-kabul-berdiyev" and berdiyev["name"] == "Kabul Berdiyev"
    register = milcoop.people(db, role=DM, country="UZ")
    assert not register["flags"]
    assert [(t["name"], t["observations"]) for t in register["tenures"]] == [("Kabul Berdiyev", 2)]


def _contradicted(db):
    store_report(db, "d1", "2011-11-30", _p("Adilbek Dzhaksybekov", "KZ", DM, "kz-adilbek-dzhaksybekov"))
    # a report that files Turkey's minister under Kazakhstan, and one whose date is wrong
    store_report(db, "d2", "2021-06-18", _p("Hulusi Akar", "KZ", DM, "tr-hulusi-akar"),
                 _p("Nurlan Yermekbayev", "KZ", DM, "kz-nurlan-yermekbayev"))
    store_report(db, "d3", "1994-10-16", _p("Nurlan Yermekbayev", "KZ", DM, "kz-nurlan-yermekbayev"))
    store_report(db, "d4", "2022-03-01", _p("Hulusi Akar", "TR", DM, "tr-hulusi-akar"))


def test_people_answers_from_the_reference_and_flags_what_it_contradicts(db):
    _contradicted(db)
    register = milcoop.people(db, role=DM, country="KZ")
    assert [(t["name"], t["basis"], t["start"], t["end"]) for t in register["tenures"]] == [
        ("Adilbek Dzhaksybekov", "reference", "2009-06-23", "2014-04-03"),
        ("Nurlan Yermekbayev", "reference", "2018-08-07", "2021-08-31")]
    assert [(f["name"], f["kind"], f["date"]) for f in register["flags"]] == [
        ("Nurlan Yermekbayev", "date", "1994-10-16"), ("Hulusi Akar", "country", "2021-06-18")]
    on = milcoop.people(db, role=DM, country="KZ", on="2011-11-30")
    assert [(t["name"], t["basis"], t["observations"]) for t in on["tenures"]] == [
        ("Adilbek Dzhaksybekov", "reference", 1)]
    on = milcoop.people(db, role=DM, country="KZ", on="2024-06-01")
    assert [(t["name"], t["basis"], t["person_id"], t["observations"]) for t in on["tenures"]] == [
        ("Ruslan Zhaksylykov", "reference", None, 0)]  # no report names him: the reference does
    on = milcoop.people(db, role=DM, country="TR", on="2021-06-18")
    akar = next(p["id"] for p in persons(db) if p["official_id"] == "tr-hulusi-akar")
    assert [(t["name"], t["person_id"]) for t in on["tenures"]] == [("Hulusi Akar", akar)]
    [dossier] = milcoop.person("Hulusi Akar", db)
    assert [(f["kind"], f["country"]) for f in dossier["flags"]] == [("country", "KZ")]
    assert [(p["date"], p["check"]) for p in dossier["positions"]] == [("2021-06-18", "flagged"),
                                                                        ("2022-03-01", "agrees")]
    assert [(t["country"], t["observations"]) for t in dossier["tenures"]] == [("TR", 1)]


def test_the_api_and_the_cli_show_the_flags(tmp_path):
    db = str(tmp_path / "api.db")
    _contradicted(db)
    with TestClient(create_app(db)) as client:
        r = client.get("/api/people", params={"role": DM, "country": "kz"})
        assert r.status_code == 200
        body = r.json()
        assert {t["name"] for t in body["tenures"]} == {"Adilbek Dzhaksybekov", "Nurlan Yermekbayev"}
        assert {(f["name"], f["kind"]) for f in body["flags"]} == {("Hulusi Akar", "country"),
                                                                   ("Nurlan Yermekbayev", "date")}
        on = client.get("/api/people", params={"role": DM, "country": "KZ", "on": "2014-06"}).json()
        assert [t["name"] for t in on["tenures"]] == ["Serik Akhmetov"]
        akar = client.get("/api/people/search", params={"q": "Акара"}).json()
        assert [p["official_id"] for p in akar] == ["tr-hulusi-akar"]
        dossier = client.get(f"/api/people/{akar[0]['id']}").json()
        assert dossier["flags"][0]["reason"].startswith("the officials reference has Hulusi Akar serve TR")
    from typer.testing import CliRunner

    from milcoop.cli import app

    res = CliRunner().invoke(app, ["people", "--role", DM, "--country", "KZ", "--db", db], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "2009-06-23 – 2014-04-03" in res.stdout and "reference" in res.stdout
    assert "flagged (country): Hulusi Akar as defense_minister of KZ on 2021-06-18" in res.stdout
    res = CliRunner().invoke(app, ["person", "Акар", "--db", db], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and "flagged (country)" in res.stdout


def test_an_unlinked_person_takes_the_id_of_the_first_linked_mention_that_fits(db):
    store_report(db, "x1", "2023-01-10", _p("Zhaksylykov", "KZ", "official"))
    store_report(db, "x2", "2023-02-10", _p("Ruslan Zhaksylykov", "KZ", DM, "kz-ruslan-zhaksylykov"))
    [person] = persons(db)
    assert (person["official_id"], person["name"]) == ("kz-ruslan-zhaksylykov", "Ruslan Zhaksylykov")


def test_a_merge_keeps_the_reference_id_and_the_dump_carries_it(tmp_path):
    db = str(tmp_path / "m.db")
    store_report(db, "x1", "2023-01-10", _p("Ruslan Fatikhovich", "KZ", "official"))
    store_report(db, "x2", "2023-02-10", _p("Ruslan Zhaksylykov", "KZ", DM, "kz-ruslan-zhaksylykov"))
    before = {p["official_id"]: p["id"] for p in persons(db)}
    with open_store(db) as store:
        review = Review(store)
        review.add_user("analyst", "a long enough password")
        # an analyst knows the patronymic for the minister's: the plain person is kept, with the reference id
        review.merge_persons("analyst", [before[None], before["kz-ruslan-zhaksylykov"]])
    [merged] = persons(db)
    assert (merged["id"], merged["official_id"]) == (before[None], "kz-ruslan-zhaksylykov")
    sink = io.StringIO()
    milcoop.dump(sink, db)
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert records[0]["version"] == 2
    assert [r["official_id"] for r in records if r["kind"] == "person"] == ["kz-ruslan-zhaksylykov"]
    linked = [p for r in records if r["kind"] == "article" for e in r["events"] for p in e["participants"]]
    assert sorted(p["official_id"] or "" for p in linked) == ["", "kz-ruslan-zhaksylykov"]
    # a dump of format 1 (no reference ids) still imports
    old = [dict(r, version=1) if r["kind"] == "header" else r for r in records]
    for r in old:
        r.pop("official_id", None)
        for e in r.get("events") or []:
            for p in e["participants"]:
                p.pop("official_id")
    path = tmp_path / "v1.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in old), encoding="utf-8")
    milcoop.import_dump(path, str(tmp_path / "v1.db"))
    assert [p["official_id"] for p in persons(str(tmp_path / "v1.db"))] == [None]
