"""The documents register over REST, the CLI and the Python API: filters, sort, export, quotes, review.

Most checks run on the dev corpus's gold records (``gold_db``), whose KZ-TR documents are known by hand
(see ``tests/web/test_registers.py``); quotes need extracted evidence, so they run on the extracted
database of ``client``."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import milcoop.api
from milcoop.cli import app as cli
from milcoop.errors import InvalidValue
from milcoop.server import create_app
from milcoop.store import open_store
from milcoop.store.review import Review


KZ_TR = {"country": "KZ", "partner": "TR"}
USER, PASSWORD = "documents-analyst", "a long enough password"


@pytest.fixture(scope="module")
def gold(gold_db):
    with TestClient(create_app(gold_db)) as c:
        yield c


@pytest.fixture
def gold_writer(gold_db, tmp_path):
    copy = tmp_path / "gold.db"
    shutil.copy(gold_db, copy)
    with open_store(copy) as store:
        Review(store).add_user(USER, PASSWORD)
    with TestClient(create_app(str(copy)), headers={"Origin": "http://testserver"}) as c:
        assert c.post("/api/login", json={"username": USER, "password": PASSWORD}).status_code == 200
        yield c


def _kinds(docs: list[dict]) -> list[tuple]:
    return sorted((d["type"], d["status"], tuple(h["date"] or "" for h in d["history"])) for d in docs)


def test_filters_by_parties_status_type_and_year(gold):
    every = gold.get("/api/documents", params=KZ_TR).json()
    assert _kinds(every) == [("agreement", "signed", ("2021-11",)), ("contract", "mentioned", ("",)),
                             ("contract", "signed", ("",)), ("memorandum", "signed", ("",)),
                             ("memorandum", "signed", ("",))]
    assert all(d["countries"] == ["KZ", "TR"] for d in every)
    signed = gold.get("/api/documents", params={**KZ_TR, "status": "signed"}).json()
    assert len(signed) == 4 and all(d["status"] == "signed" for d in signed)
    assert [d["type"] for d in gold.get("/api/documents", params={**KZ_TR, "type": "agreement"}).json()] == ["agreement"]
    assert [d["history"][0]["date"] for d in gold.get("/api/documents", params={**KZ_TR, "year": 2021}).json()] == ["2021-11"]
    # a year is matched by a status dated that year or by a period covering it
    for d in gold.get("/api/documents", params={"year": 2015}).json():
        assert any(h["date"] and h["date"].startswith("2015") for h in d["history"]) or (
            d["period"] and d["period"][0] <= 2015 <= d["period"][-1])
    turkey_first = gold.get("/api/documents", params={"country": "TR", "partner": "KZ"}).json()
    assert _kinds(turkey_first) == _kinds(every)


def test_sorts(gold):
    latest = gold.get("/api/documents").json()
    dates = [max(h["date"] for h in d["history"] if h["date"]) for d in latest if any(h["date"] for h in d["history"])]
    assert dates == sorted(dates, reverse=True)
    first_undated = next(i for i, d in enumerate(latest) if not any(h["date"] for h in d["history"]))
    assert all(not any(h["date"] for h in d["history"]) for d in latest[first_undated:]), "undated last"
    oldest = gold.get("/api/documents", params={"sort": "date"}).json()
    assert [max(h["date"] for h in d["history"] if h["date"]) for d in oldest[:len(dates)]] == sorted(dates)
    assert {d["id"] for d in oldest[len(dates):]} == {d["id"] for d in latest[len(dates):]}
    by_type = [d["type"] for d in gold.get("/api/documents", params={"sort": "type"}).json()]
    assert by_type == sorted(by_type)
    order = {"ratified": 4, "signed": 3, "planned": 2, "drafting": 1, "mentioned": 0}
    by_status = [order[d["status"]] for d in gold.get("/api/documents", params={"sort": "status"}).json()]
    assert by_status == sorted(by_status, reverse=True)


def test_bad_filters_are_clear_errors(gold):
    for params, field in (({"type": "pact"}, "type"), ({"status": "lost"}, "status"), ({"year": "20x"}, "year"),
                          ({"year": 1500}, "year"), ({"sort": "name"}, "sort"), ({"country": "K1"}, "country")):
        for url in ("/api/documents", "/api/documents/export"):
            r = gold.get(url, params=params)
            assert r.status_code == 422, (url, params)
            assert field in r.json()["error"]["message"]
    assert gold.get("/api/documents/export", params={"format": "xml"}).status_code == 422
    r = gold.get("/api/documents", params={"partner": "tur"})  # an org-length code: parties are countries
    assert r.status_code == 400 and "partner" in r.json()["error"]["message"]


def test_export_is_the_filtered_list(gold):
    listed = gold.get("/api/documents", params={**KZ_TR, "status": "signed"}).json()
    r = gold.get("/api/documents/export", params={**KZ_TR, "status": "signed", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="milcoop-documents.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [d["id"] for d in listed]
    assert all(row["parties"] == "KZ TR" and row["status"] == "signed" for row in rows)
    r = gold.get("/api/documents/export", params={**KZ_TR, "status": "signed", "format": "json"})
    assert r.headers["content-type"].startswith("application/json") and r.json() == listed


def test_each_status_carries_the_sentence_it_was_read_from(client):
    docs = client.get("/api/documents").json()
    quoted = [(h, d) for d in docs for h in d["history"] if h["quote"]]
    assert len(quoted) >= 0.9 * sum(len(d["history"]) for d in docs)
    for h, d in quoted[:40]:
        text = client.get(f"/api/articles/{h['article']}").json()["text"]
        assert h["quote"] in text
        if h["title"]:
            assert h["title"] in text  # the name as the report gives it
    named = [d for d in docs if d["title"]]
    assert named and all(d["title"] in {h["title"] for h in d["history"]} for d in named)


def test_review_applies_rejected_out_corrections_in(gold_writer):
    c = gold_writer
    [agreement] = c.get("/api/documents", params={**KZ_TR, "type": "agreement"}).json()
    occasion = agreement["occasions"][0]
    assert c.post(f"/api/events/{occasion}/review", json={"state": "rejected"}).status_code == 200
    assert c.get("/api/documents", params={**KZ_TR, "type": "agreement"}).json() == []
    c.post(f"/api/events/{occasion}/review", json={"state": None})
    assert len(c.get("/api/documents", params={**KZ_TR, "type": "agreement"}).json()) == 1
    patch = {"documents": [{"type": "agreement", "period": None, "status": "ratified",
                            "title": "Соглашение о поставке беспилотников"}]}
    assert c.patch(f"/api/events/{occasion}", json=patch).status_code == 200
    [fixed] = c.get("/api/documents", params={**KZ_TR, "type": "agreement"}).json()
    assert (fixed["status"], fixed["title"]) == ("ratified", "Соглашение о поставке беспилотников")
    assert fixed["history"][0]["corrected"] is True and fixed["history"][0]["quote"] is None
    assert c.get("/api/documents", params={**KZ_TR, "type": "agreement", "status": "signed"}).json() == []


def test_a_corrected_date_moves_the_document_and_keeps_its_quote(db_copy):
    with TestClient(create_app(str(db_copy)), headers={"Origin": "http://testserver"}) as c:
        with open_store(db_copy) as store:
            Review(store).add_user(USER, PASSWORD)
        assert c.post("/api/login", json={"username": USER, "password": PASSWORD}).status_code == 200
        doc = next(d for d in c.get("/api/documents").json()
                   if len(d["occasions"]) == 1 and len(d["history"]) == 1 and d["history"][0]["quote"])
        occasion = doc["occasions"][0]
        assert c.patch(f"/api/events/{occasion}", json={"date": "1999-05-05"}).status_code == 200
        moved = [d for d in c.get("/api/documents", params={"year": 1999}).json() if d["occasions"] == [occasion]]
        assert [(h["date"], h["quote"], h["corrected"]) for d in moved for h in d["history"]] == [
            ("1999-05-05", doc["history"][0]["quote"], False)]


def test_python_api_and_cli_give_the_same_register(gold_db):
    records = milcoop.api.documents(gold_db, country="kz", partner="TR", status="signed")
    assert sorted(r.type for r in records) == ["agreement", "contract", "memorandum", "memorandum"]
    with pytest.raises(InvalidValue, match="year"):
        milcoop.api.documents(gold_db, year="MMXX")
    with pytest.raises(InvalidValue, match="type"):
        milcoop.api.documents(gold_db, type="pact")
    runner = CliRunner()
    res = runner.invoke(cli, ["documents", "--db", gold_db, "--country", "KZ", "--partner", "TR",
                              "--status", "signed", "--json"])
    assert res.exit_code == 0, res.output
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == [r.id for r in records]
    res = runner.invoke(cli, ["documents", "--db", gold_db, "--country", "KZ", "--partner", "TR",
                              "--status", "signed", "--csv"])
    assert [row["id"] for row in csv.DictReader(io.StringIO(res.stdout))] == [r.id for r in records]
    res = runner.invoke(cli, ["documents", "--db", gold_db, "--country", "KZ", "--partner", "TR", "--type", "agreement"])
    assert res.exit_code == 0 and "Agreement KZ-TR" in res.stdout and "2021-11: signed" in res.stdout
    bad = runner.invoke(cli, ["documents", "--db", gold_db, "--status", "lost"])
    assert bad.exit_code == 2 and "--status" in bad.output
