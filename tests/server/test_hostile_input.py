"""The hostile inputs of issue #13, each against the real app and database: a clear 4xx in the JSON
error shape, nothing stored, and every read and export still working afterwards."""
from __future__ import annotations

import logging
import shutil

import pytest
from fastapi.testclient import TestClient

from milcoop.server import create_app
from milcoop.store import open_store
from milcoop.store.review import Review


@pytest.fixture(scope="module")
def refused(db_path, tmp_path_factory, login, origin):
    """One signed-in client for the tests whose writes must all be refused (each checks nothing was stored)."""
    copy = tmp_path_factory.mktemp("refused") / "refused.db"
    shutil.copy(db_path, copy)
    with TestClient(create_app(str(copy)), headers=origin) as c:
        login(c)
        yield c


def _error(r, status: int, code: str | None = None) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]["message"]


def _khrenin(c) -> str:
    return c.get("/api/events", params={"country": "KZ", "partner": "BY", "q": "Хренин"}).json()["items"][0]["id"]


def _audit_size(c) -> int:
    return len(c.get("/api/audit", params={"limit": 1000}).json())


def _everything_reads(c) -> None:
    """Every listing and every export format answers 200 (what a bad stored value used to break)."""
    for url in ("/api/events?per_page=500", "/api/people", "/api/documents", "/api/network",
                "/api/countries/KZ/partners"):
        assert c.get(url).status_code == 200, url
    for params in ({"format": "json"}, {"format": "csv"}, {"format": "parquet"},
                   {"format": "graphml", "network": "partners"}, {"format": "graphml", "network": "persons"}):
        assert c.get("/api/export", params=params).status_code == 200, params


def test_long_and_wildcard_search(client):
    _error(client.get("/api/events", params={"q": "x" * 50_000}), 414, "uri_too_long")
    # what fits in the URL limit is still refused past the parameter's own bound
    assert "at most 200 characters" in _error(client.get("/api/events", params={"q": "%" * 2500}), 422)
    # LIKE wildcards match themselves: '%Хренин%' is not a pattern matching every 'Хренин'
    assert client.get("/api/events", params={"q": "Хренин"}).json()["total"] > 0
    assert client.get("/api/events", params={"q": "%Хренин%"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "%" * 200}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "_" * 200}).json()["total"] == 0
    _error(client.get("/api/people/search", params={"q": "я" * 201}), 422, "invalid_request")
    assert "U+0000" in _error(client.get("/api/events", params={"q": "a\x00b"}), 422)


@pytest.mark.parametrize("name", [{"first": "Viktor"}, ["Viktor"], 42, None, "", " ", "x" * 201, "Vik\x00tor"])
def test_person_name_must_be_a_bounded_string(refused, name):
    person = refused.get("/api/people/search", params={"q": "Khrenin"}).json()[0]
    before = _audit_size(refused)
    message = _error(refused.patch(f"/api/people/{person['id']}", json={"name": name}), 422, "invalid_request")
    assert "body.name" in message
    assert _audit_size(refused) == before
    assert refused.get(f"/api/people/{person['id']}").json()["name"] == person["name"]
    assert refused.get("/api/export", params={"format": "graphml", "network": "persons"}).status_code == 200


def test_person_correction_accepted_and_normalised(writer):
    person = writer.get("/api/people/search", params={"q": "Khrenin"}).json()[0]
    r = writer.patch(f"/api/people/{person['id']}", json={"name": "  Viktor G. Khrenin ", "country": "by"})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Viktor G. Khrenin" and r.json()["country"] == "BY"
    _error(writer.patch(f"/api/people/{person['id']}", json={}), 422, "invalid_request")
    _error(writer.patch(f"/api/people/{person['id']}", json={"country": "Belarus"}), 422, "invalid_request")
    _error(writer.patch(f"/api/people/{person['id']}", json={"role": "x"}), 422, "invalid_request")


@pytest.mark.parametrize("body,field", [
    ({"date": "2012-13-45"}, "body.date"), ({"date": "2012-02-30"}, "body.date"), ({"date": "30.11.2011"}, "body.date"),
    ({"type": ["bogus"]}, "body.type.0"), ({"type": "meeting"}, "body.type"), ({"areas": ["space"]}, "body.areas.0"),
    ({"location": {"city": "Minsk", "country": "Belarus"}}, "body.location.country"),
    ({"participants": [{"name": "A", "role": "king"}]}, "body.participants.0.role"),
    ({"documents": [{"type": "plan", "period": [2012, 2013, 2014]}]}, "body.documents.0.period"),
    ({"countries": ["KZ"] * 101}, "body.countries"), ({"preparatory": "yes"}, "body.preparatory"),
    ({"colour": "red"}, "body.colour"), ({}, "body"),
])
def test_event_correction_validated(refused, body, field):
    oc = _khrenin(refused)
    before = refused.get(f"/api/events/{oc}").json()
    audit = _audit_size(refused)
    assert field in _error(refused.patch(f"/api/events/{oc}", json=body), 422, "invalid_request")
    after = refused.get(f"/api/events/{oc}").json()
    assert after["event"] == before["event"] and after["corrections"] == before["corrections"]
    assert _audit_size(refused) == audit


def test_event_correction_real_dates(writer):
    oc = _khrenin(writer)
    for date in ("2012", "2012-02", "2012-02-29"):
        r = writer.patch(f"/api/events/{oc}", json={"date": date, "type": ["meeting", "signing"]})
        assert r.status_code == 200 and r.json()["event"]["date"] == date, r.text
    assert writer.patch(f"/api/events/{oc}", json={"date": None}).json()["event"]["date"] is None


def test_request_bodies_are_bounded(writer, db_copy):
    oc = _khrenin(writer)
    size, audit = db_copy.stat().st_size, _audit_size(writer)
    big = {"date": "2011-11-30", "participants": [{"name": "x" * 100}] * 100_000}  # ~10 MB
    for _ in range(3):
        _error(writer.patch(f"/api/events/{oc}", json=big), 413, "too_large")

    def chunks():  # no Content-Length: the limit applies as the body streams in
        yield b'{"date": "2011-11-30", "participants": ['
        for _ in range(100_000):
            yield b'{"name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},'
        yield b'{"name": "y"}]}'

    r = writer.patch(f"/api/events/{oc}", content=chunks(), headers={"Content-Type": "application/json"})
    _error(r, 413, "too_large")
    _error(writer.post("/api/login", content=b"{" * 70_000, headers={"Content-Type": "application/json"}),
           413, "too_large")
    assert _audit_size(writer) == audit
    assert db_copy.stat().st_size < size + 1_000_000
    # a correction of ordinary size still goes through
    assert writer.patch(f"/api/events/{oc}", json={"date": "2011-11-30"}).status_code == 200


def test_bodies_that_are_not_json(refused):
    oc = _khrenin(refused)
    for content in (b"", b"{", b"\xff\xfe", b"[]", b"null", b'"x"'):
        r = refused.patch(f"/api/events/{oc}", content=content, headers={"Content-Type": "application/json"})
        assert r.status_code in (400, 422), (content, r.text)
        _error(r, r.status_code)
    r = refused.post("/api/events/merge", content=b"ids=a&ids=b",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    _error(r, 422)


def test_ids_and_dates_bounded(client):
    _error(client.get(f"/api/events/{'x' * 65}"), 422, "invalid_request")
    _error(client.get("/api/events", params={"from": "2012-13"}), 422, "invalid_request")
    _error(client.get("/api/network", params={"to": "2012-02-30"}), 422, "invalid_request")
    _error(client.get("/api/people", params={"role": "defense_minister", "on": "2011-11-31"}), 422)
    _error(client.get("/api/events", params={"type": "bogus"}), 422, "invalid_request")
    _error(client.get("/api/events", params={"country": "K" * 9}), 422, "invalid_request")
    _error(client.get("/api/events", params={"page": 10 ** 12}), 422, "invalid_request")
    _error(client.get("/api/people", params={"on": "2020"}), 400, "bad_request")


def test_headers_bounded(client):
    _error(client.get("/api/events", headers={"X-Padding": "x" * 20_000}), 431, "headers_too_large")


def test_bad_values_stored_before_these_checks_are_skipped(db_copy, origin, caplog):
    """Corrections stored by an older version (any JSON) must not break a page or an export."""
    with TestClient(create_app(str(db_copy)), headers=origin) as c:
        oc = _khrenin(c)
        person = c.get("/api/people/search", params={"q": "Khrenin"}).json()[0]
        before = c.get(f"/api/events/{oc}").json()["event"]
    with open_store(db_copy) as store:
        review = Review(store)
        review.correct("analyst", "occasion", oc, {"date": "2012-13-45", "type": ["bogus"],
                                                    "areas": ["naval"]}, {})
        review.correct("analyst", "person", person["id"], {"name": {"first": "x\x00"}, "country": "by"}, {})
    with caplog.at_level(logging.WARNING, logger="milcoop.corrected"), \
            TestClient(create_app(str(db_copy))) as c:
        detail = c.get(f"/api/events/{oc}").json()
        assert detail["event"]["date"] == before["date"] and detail["event"]["type"] == before["type"]
        assert detail["event"]["areas"] == ["naval"]  # the valid field of the same correction applies
        dossier = c.get(f"/api/people/{person['id']}").json()
        assert dossier["name"] == person["name"] and dossier["country"] == "BY"
        _everything_reads(c)
    assert any("fail validation" in r.getMessage() for r in caplog.records)


def test_missing_static_file_is_a_404_not_the_page(client):
    for url in ("/static/x.js", "/static/views/nothing.js", "/docs/assets/nothing.css", "/favicon.ico",
                "/api/nothing"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"] == "application/json", url
        assert r.json()["error"]["code"] == "not_found"
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    page = client.get("/events/oc-123")  # a page path of the web UI still gets the page
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def test_unexpected_errors_are_logged_json_500s(db_path, caplog):
    """An error the input did not cause (here a route that fails) is a logged 500, never a 400 or a traceback."""
    app = create_app(str(db_path))

    def broken():
        raise ValueError("an internal invariant failed")

    app.add_api_route("/api/broken", broken)
    with caplog.at_level(logging.ERROR, logger="milcoop.server"), TestClient(app) as c:
        r = c.get("/api/broken")
    assert _error(r, 500, "internal_error") == "internal server error"
    assert "invariant" not in r.text and "Traceback" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert any(rec.exc_info and "invariant" in str(rec.exc_info[1]) for rec in caplog.records)
