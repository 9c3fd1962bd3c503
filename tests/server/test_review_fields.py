"""Review of every field of an occasion, the note, the occasion's audit trail, and the quote behind each fact."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from milcoop.server import create_app


def _khrenin(c) -> dict:
    return c.get("/api/events", params={"country": "KZ", "partner": "BY", "q": "Хренин"}).json()["items"][0]


def test_anonymous_session_is_not_an_error(client):
    """The web UI asks who is signed in on every load: an anonymous answer is a 200, not a 401."""
    r = client.get("/api/session")
    assert r.status_code == 200 and r.json() == {"username": None}


def test_signed_in_session(writer, credentials):
    assert writer.get("/api/session").json() == {"username": credentials[0]}


def test_vocabulary_is_what_patch_accepts(client, writer):
    vocab = client.get("/api/vocabulary").json()
    assert "defense_minister" in vocab["roles"] and "general_major" in vocab["ranks"]
    assert "plan" in vocab["document_types"] and "ratified" in vocab["document_statuses"]
    assert vocab["exercise_statuses"] == ["planned", "held"] and "peacekeeping" in vocab["areas"]
    oc = _khrenin(writer)["id"]
    for role in vocab["roles"]:
        r = writer.patch(f"/api/events/{oc}", json={"participants": [{"name": "Someone", "role": role}]})
        assert r.status_code == 200, (role, r.text)


def test_every_field_corrected_shows_in_every_read(writer):
    oc = _khrenin(writer)["id"]
    patch = {
        "participants": [{"name": "Ruslan Zhaksylykov", "country": "KZ", "role": "defense_minister",
                          "rank": "general_colonel"},
                         {"name": "Viktor Khrenin", "country": "BY", "role": "defense_minister", "rank": None}],
        "documents": [{"type": "plan", "period": [2026], "status": "signed",
                       "title": "План военного сотрудничества на 2026 год"}],
        "exercises": [{"name": "Vzaimodeistvie", "status": "planned"}],
        "areas": ["education", "exercises"], "orgs": ["CSTO"], "countries": ["KZ", "BY"],
        "location": {"city": "Astana", "country": "KZ"}, "type": ["meeting", "signing"],
        "note": "Checked against the ministry's own release.\nThe plan is for 2026.",
    }
    r = writer.patch(f"/api/events/{oc}", json=patch)
    assert r.status_code == 200, r.text
    detail = writer.get(f"/api/events/{oc}").json()
    ev = detail["event"]
    assert [(p["name"], p["country"], p["role"], p["rank"]) for p in ev["participants"]] == [
        ("Ruslan Zhaksylykov", "KZ", "defense_minister", "general_colonel"), ("Viktor Khrenin", "BY", "defense_minister", None)]
    assert ev["documents"][0]["title"] == "План военного сотрудничества на 2026 год"
    assert ev["documents"][0]["status"] == "signed" and ev["documents"][0]["period"] == [2026]
    assert [x["name"] for x in ev["exercises"]] == ["Vzaimodeistvie"]
    assert ev["areas"] == ["education", "exercises"] and ev["orgs"] == ["CSTO"] and ev["type"] == ["meeting", "signing"]
    assert ev["location"] == {"city": "Astana", "country": "KZ"}
    assert detail["note"] == patch["note"]
    assert "note" not in ev  # the note is about the occasion, not a field of its event record
    # the listing
    row = next(i for i in writer.get("/api/events", params={"per_page": 500}).json()["items"] if i["id"] == oc)
    assert row["participants"] == ["Ruslan Zhaksylykov", "Viktor Khrenin"] and row["orgs"] == ["CSTO"]
    assert row["city"] == "Astana" and row["corrected"] is True
    # the export
    exported = [json.loads(line) for line in writer.get("/api/export", params={"format": "json"}).text.splitlines()]
    events = [e for rec in exported for e in rec["events"] if e.get("occasion") == oc]
    assert events and all(e["orgs"] == ["CSTO"] and e["exercises"][0]["name"] == "Vzaimodeistvie" for e in events)
    # the analyst's participant is not stated by any report: no quote; Khrenin keeps his
    quotes = detail["evidence"]["participants"]
    assert quotes[0] == [] and quotes[1] and "Хренин" in quotes[1][0]["text"]
    # a note is cleared with an empty string
    assert writer.patch(f"/api/events/{oc}", json={"note": ""}).status_code == 200
    assert writer.get(f"/api/events/{oc}").json()["note"] is None


def test_bad_values_name_the_field(writer):
    oc = _khrenin(writer)["id"]
    for body, field in (({"participants": [{"name": "X", "role": "admiral_of_the_fleet"}]}, "role"),
                        ({"documents": [{"type": "plan", "period": [1066]}]}, "period"),
                        ({"exercises": [{"name": ""}]}, "name"),
                        ({"note": "x" * 5000}, "note"),
                        ({"note": "bell \x07"}, "note"),
                        ({"areas": ["astrology"]}, "areas")):
        r = writer.patch(f"/api/events/{oc}", json=body)
        assert r.status_code in (400, 422), body
        assert field in r.text, (body, r.text)
    assert writer.get(f"/api/events/{oc}").json()["note"] is None


def test_audit_trail_of_one_occasion(writer, client):
    oc = _khrenin(writer)["id"]
    other = next(i["id"] for i in writer.get("/api/events", params={"country": "KZ", "per_page": 50}).json()["items"]
                 if i["id"] != oc)
    writer.post(f"/api/events/{other}/review", json={"state": "confirmed"})
    writer.patch(f"/api/events/{oc}", json={"note": "first look"})
    writer.post(f"/api/events/{oc}/review", json={"state": "rejected"})
    trail = writer.get(f"/api/events/{oc}/audit").json()
    assert [a["action"] for a in trail] == ["review", "correct"]  # newest first, only this occasion
    assert trail[0]["after"] == {"review_state": "rejected"} and trail[1]["after"] == {"note": "first look"}
    reports = [r["event_id"] for r in writer.get(f"/api/events/{oc}").json()["reports"]]
    merged = writer.post("/api/events/merge", json={"ids": [other, oc]}).json()["id"]
    assert merged == other
    assert writer.get(f"/api/events/{other}/audit").json()[0]["action"] == "merge"
    assert set(reports) <= set(writer.get(f"/api/events/{other}/audit").json()[0]["after"]["events"])
    assert client.get(f"/api/events/{oc}/audit").status_code == 401
    assert writer.get("/api/events/oc-nothing/audit").status_code == 404


def test_quotes_point_into_the_article(client, db_path):
    """Each quote is the text at its offsets in its article, and the date's quote states that date."""
    checked = {"date": 0, "place": 0, "participants": 0}
    for item in client.get("/api/events", params={"per_page": 60}).json()["items"]:
        detail = client.get(f"/api/events/{item['id']}").json()
        ev, evidence = detail["event"], detail["evidence"]
        texts = {}
        all_quotes = evidence["date"] + evidence["place"] + [q for key in ("participants", "documents", "exercises")
                                                             for fact in evidence[key] for q in fact]
        for q in all_quotes:
            if q["article_id"] not in texts:
                texts[q["article_id"]] = client.get(f"/api/articles/{q['article_id']}").json()["text"]
            assert texts[q["article_id"]][q["start"]:q["end"]].strip().startswith(q["text"].rstrip("…")), q
        assert len(evidence["participants"]) == len(ev["participants"])
        for p, quotes in zip(ev["participants"], evidence["participants"]):
            checked["participants"] += bool(quotes)
        if evidence["date"] and evidence["date"][0]["exact"]:
            assert ev["date"][:4] in evidence["date"][0]["text"] or len(ev["date"]) > 4
            checked["date"] += 1
        checked["place"] += bool(evidence["place"])
    assert all(checked.values()), checked


def test_session_open_server(db_path):
    with TestClient(create_app(str(db_path), read_open=False)) as c:
        assert c.get("/api/session").json() == {"username": None}


def test_note_and_audit_trail_on_postgresql(pg_database, shared_path, credentials):
    """The same review writes and the occasion's audit trail on PostgreSQL (MILCOOP_TEST_PG)."""
    import milcoop.api
    from milcoop.store import open_store
    from milcoop.store.review import Review

    url = pg_database()
    milcoop.api.ingest([shared_path("corpus", "seeds", "articles.jsonl")], db=url)
    with open_store(url) as store:
        Review(store).add_user(*credentials)
    with TestClient(create_app(url), headers={"Origin": "http://testserver"}) as c:
        assert c.post("/api/login", json=dict(zip(("username", "password"), credentials))).status_code == 200
        first, second = [i["id"] for i in c.get("/api/events").json()["items"][:2]]
        assert c.patch(f"/api/events/{first}", json={"note": "seen on PostgreSQL",
                                                     "exercises": [{"name": "Zhetysu"}]}).status_code == 200
        c.post(f"/api/events/{second}/review", json={"state": "confirmed"})
        detail = c.get(f"/api/events/{first}").json()
        assert detail["note"] == "seen on PostgreSQL" and detail["event"]["exercises"][0]["name"] == "Zhetysu"
        assert [a["action"] for a in c.get(f"/api/events/{first}/audit").json()] == ["correct"]
        c.post("/api/events/merge", json={"ids": [second, first]})
        assert [a["action"] for a in c.get(f"/api/events/{second}/audit").json()] == ["merge", "review"]
