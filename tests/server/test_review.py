"""Signing in, review states, corrections, merges and splits, the audit log; survival of re-extraction."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import milcoop
from milcoop.server import create_app


def _khrenin(c) -> dict:
    items = c.get("/api/events", params={"country": "KZ", "partner": "BY", "q": "Хренин"}).json()["items"]
    return items[0]


def test_login_cookie_bearer_logout(db_copy, credentials):
    user, password = credentials
    with TestClient(create_app(str(db_copy))) as c:
        assert c.post("/api/login", json={"username": user, "password": "wrong"}).status_code == 401
        assert c.post("/api/login", json={"username": "nobody", "password": password}).status_code == 401
        r = c.post("/api/login", json={"username": user, "password": password})
        assert r.status_code == 200 and r.json()["username"] == user
        assert "httponly" in r.headers["set-cookie"].lower() and "milcoop_session=" in r.headers["set-cookie"]
        token = r.json()["token"]
        assert c.get("/api/me").json() == {"username": user}
        assert c.post("/api/logout", headers={"Origin": "http://testserver"}).json() == {"ok": True}
        assert c.get("/api/me").status_code == 401
    with TestClient(create_app(str(db_copy))) as other:
        assert other.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        token = other.post("/api/login", json={"username": user, "password": password}).json()["token"]
        other.cookies.clear()
        assert other.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["username"] == user


def test_writes_need_sign_in(client):
    oc = _khrenin(client)["id"]
    for method, url, body in (("post", f"/api/events/{oc}/review", {"state": "confirmed"}),
                              ("patch", f"/api/events/{oc}", {"date": "2025-10-30"}),
                              ("post", "/api/events/merge", {"ids": [oc, oc]}),
                              ("post", f"/api/events/{oc}/split", {"event_ids": ["ev-x"]}),
                              ("post", "/api/people/merge", {"ids": ["pe-a", "pe-b"]}),
                              ("post", "/api/people/pe-a/split", {"participants": ["ev-x:0"]})):
        r = client.request(method.upper(), url, json=body)
        assert r.status_code == 401, url
        assert r.json()["error"]["code"] == "unauthorized"


def test_closed_server_needs_sign_in_to_read(db_path, login):
    with TestClient(create_app(str(db_path), read_open=False)) as c:
        for url in ("/api/events", "/api/events/oc-x", "/api/people/search?q=x", "/api/network",
                    "/api/countries/KZ/partners", "/api/documents", "/api/export?format=csv", "/api/articles/x"):
            r = c.get(url)
            assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized", url
        login(c)
        assert c.get("/api/events").json()["total"] > 50


def test_review_state_filters(writer):
    oc = _khrenin(writer)["id"]
    other = writer.get("/api/events", params={"country": "KZ"}).json()["items"][0]["id"]
    assert writer.post(f"/api/events/{oc}/review", json={"state": "rejected"}).json()["review_state"] == "rejected"
    writer.post(f"/api/events/{other}/review", json={"state": "confirmed"})
    default = {i["id"] for i in writer.get("/api/events", params={"per_page": 500}).json()["items"]}
    assert oc not in default and other in default
    rejected = writer.get("/api/events", params={"reviewed": "rejected"}).json()
    assert [i["id"] for i in rejected["items"]] == [oc] and rejected["items"][0]["review_state"] == "rejected"
    confirmed = writer.get("/api/events", params={"reviewed": "confirmed"}).json()["items"]
    assert [i["id"] for i in confirmed] == [other]
    unreviewed = {i["id"] for i in writer.get("/api/events", params={"reviewed": "unreviewed",
                                                                     "per_page": 500}).json()["items"]}
    everything = writer.get("/api/events", params={"reviewed": "all", "per_page": 500}).json()
    assert oc in {i["id"] for i in everything["items"]} and not {oc, other} & unreviewed
    assert everything["total"] == len(default) + 1 == len(unreviewed) + 2
    assert writer.get(f"/api/events/{oc}").json()["review_state"] == "rejected"
    # cleared
    writer.post(f"/api/events/{oc}/review", json={"state": None})
    assert oc in {i["id"] for i in writer.get("/api/events", params={"per_page": 500}).json()["items"]}
    assert writer.post(f"/api/events/{oc}/review", json={"state": "maybe"}).status_code == 422


def test_correction_shows_everywhere_with_audit(writer):
    oc = _khrenin(writer)["id"]
    r = writer.patch(f"/api/events/{oc}", json={"date": "2025-10-30", "location": {"city": "Moscow", "country": "RU"}})
    assert r.status_code == 200, r.text
    assert r.json()["event"]["date"] == "2025-10-30" and r.json()["event"]["location"]["city"] == "Moscow"
    item = _khrenin(writer)
    assert item["date"] == "2025-10-30" and item["city"] == "Moscow" and item["corrected"] is True
    detail = writer.get(f"/api/events/{oc}").json()
    assert {c["field"] for c in detail["corrections"]} == {"date", "location"}
    assert detail["reports"][0]["event"]["date"] != "2025-10-30"  # machine reports untouched
    exported = [ev for line in writer.get("/api/export?format=json").text.splitlines()
                for ev in __import__("json").loads(line)["events"] if ev["occasion"] == oc]
    assert exported and all(ev["date"] == "2025-10-30" and ev["corrected"] for ev in exported)
    on_day = writer.get("/api/events", params={"from": "2025-10-30", "to": "2025-10-30", "q": "Хренин"}).json()
    assert oc in {i["id"] for i in on_day["items"]}  # filters see the corrected date
    assert oc not in {i["id"] for i in writer.get("/api/events", params={"to": "2025-09"}).json()["items"]}
    audit = writer.get("/api/audit", params={"limit": 5}).json()
    entry = audit[0]
    assert entry["action"] == "correct" and entry["target_id"] == oc and entry["user"] == "analyst"
    assert entry["before"]["date"] != "2025-10-30" and entry["after"]["date"] == "2025-10-30"
    bad = writer.patch(f"/api/events/{oc}", json={"date": 5, "type": "x"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
    assert "body.date" in bad.json()["error"]["message"] and "body.type" in bad.json()["error"]["message"]
    assert writer.patch(f"/api/events/{oc}", json={"colour": "red"}).status_code == 422


def test_merge_and_split_occasions(writer):
    items = writer.get("/api/events", params={"country": "KZ", "partner": "BY"}).json()["items"]
    a, b = items[0]["id"], items[1]["id"]
    sources = items[0]["sources"] + items[1]["sources"]
    r = writer.post("/api/events/merge", json={"ids": [a, b]})
    assert r.json() == {"id": a}
    merged = writer.get(f"/api/events/{a}").json()
    assert len(merged["reports"]) == sources
    assert writer.get(f"/api/events/{b}").status_code == 404
    moved = [rep["event_id"] for rep in merged["reports"]][-1:]
    new = writer.post(f"/api/events/{a}/split", json={"event_ids": moved}).json()["id"]
    assert new.startswith("oc-") and new not in (a, b)
    assert [rep["event_id"] for rep in writer.get(f"/api/events/{new}").json()["reports"]] == moved
    assert len(writer.get(f"/api/events/{a}").json()["reports"]) == sources - 1
    every = [rep["event_id"] for rep in writer.get(f"/api/events/{a}").json()["reports"]]
    assert writer.post(f"/api/events/{a}/split", json={"event_ids": every}).status_code == 400
    assert writer.post(f"/api/events/{a}/split", json={"event_ids": ["ev-000000000000"]}).status_code == 400
    actions = [(e["action"], e["target_kind"]) for e in writer.get("/api/audit").json()]
    assert actions[:2] == [("split", "occasion"), ("merge", "occasion")]


def test_merge_and_split_persons(writer):
    khrenin = writer.get("/api/people/search", params={"q": "Khrenin"}).json()[0]
    kosanov = writer.get("/api/people/search", params={"q": "Kosanov"}).json()[0]
    before = writer.get(f"/api/people/{khrenin['id']}").json()
    r = writer.post("/api/people/merge", json={"ids": [khrenin["id"], kosanov["id"]]})
    assert r.json() == {"id": khrenin["id"]}
    assert writer.get(f"/api/people/{kosanov['id']}").status_code == 404
    merged = writer.get(f"/api/people/{khrenin['id']}").json()
    assert "Dauren Kosanov" in merged["spellings"] and len(merged["occasions"]) > len(before["occasions"])
    keys = _participant_keys(writer, khrenin["id"], "Kosanov")
    new = writer.post(f"/api/people/{khrenin['id']}/split", json={"participants": keys}).json()["id"]
    assert new.startswith("pe-")
    split = writer.get(f"/api/people/{new}").json()
    assert "Dauren Kosanov" in split["spellings"] and "Viktor Khrenin" not in split["spellings"]
    left = writer.get(f"/api/people/{khrenin['id']}").json()
    assert "Viktor Khrenin" in left["spellings"] and "Dauren Kosanov" not in left["spellings"]
    assert {p["mention"] for p in split["positions"]} == set(keys)
    assert writer.post(f"/api/people/{khrenin['id']}/split",
                       json={"participants": ["ev-000000000000:0"]}).status_code == 400
    assert [e["action"] for e in writer.get("/api/audit").json()][:2] == ["split", "merge"]


def _participant_keys(c, person_id: str, surname: str) -> list[str]:
    """event_id:ordinal of the person's mentions whose name has ``surname`` (from the reports)."""
    keys = []
    for occ in c.get(f"/api/people/{person_id}").json()["occasions"]:
        for rep in c.get(f"/api/events/{occ['occasion']}").json()["reports"]:
            for i, p in enumerate(rep["event"]["participants"]):
                if surname in p["name"]:
                    keys.append(f"{rep['event_id']}:{i}")
    return sorted(set(keys))


@pytest.mark.slow
def test_review_survives_reextract_and_reingest(writer, db_copy, corpus_files):
    oc = _khrenin(writer)["id"]
    items = writer.get("/api/events", params={"country": "KZ", "partner": "BY"}).json()["items"]
    other = next(i["id"] for i in items if i["id"] != oc)
    writer.patch(f"/api/events/{oc}", json={"date": "2025-10-30", "type": ["meeting"]})
    writer.post(f"/api/events/{oc}/review", json={"state": "confirmed"})
    writer.post("/api/events/merge", json={"ids": [oc, other]})
    reports = sorted(r["event_id"] for r in writer.get(f"/api/events/{oc}").json()["reports"])
    khrenin = writer.get("/api/people/search", params={"q": "Khrenin"}).json()[0]["id"]
    kosanov = writer.get("/api/people/search", params={"q": "Kosanov"}).json()[0]["id"]
    writer.post("/api/people/merge", json={"ids": [khrenin, kosanov]})

    def check():
        with TestClient(create_app(str(db_copy))) as c:
            detail = c.get(f"/api/events/{oc}").json()
            assert detail["event"]["date"] == "2025-10-30" and detail["event"]["type"] == ["meeting"]
            assert detail["review_state"] == "confirmed"
            assert sorted(r["event_id"] for r in detail["reports"]) == reports
            assert c.get(f"/api/events/{other}").status_code == 404
            assert c.get(f"/api/people/{kosanov}").status_code == 404
            assert "Dauren Kosanov" in c.get(f"/api/people/{khrenin}").json()["spellings"]
            lines = c.get("/api/export?format=json").text.splitlines()
            evs = [ev for line in lines for ev in __import__("json").loads(line)["events"] if ev["occasion"] == oc]
            assert evs and all(ev["date"] == "2025-10-30" and ev["review_state"] == "confirmed" for ev in evs)

    check()
    assert milcoop.api.reextract(str(db_copy)) > 0
    check()
    report = milcoop.api.ingest(corpus_files, db=str(db_copy))
    assert report.duplicates == report.read
    check()
