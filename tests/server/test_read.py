"""Read endpoints on the real seed and dev articles."""
from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"


def _events(client, **params) -> dict:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_events_country_partner_includes_the_khrenin_occasion(client):
    body = _events(client, country="KZ", partner="BY")
    assert body["total"] >= 3 and body["page"] == 1 and body["per_page"] == 50
    khrenin = [i for i in body["items"] if "Viktor Khrenin" in i["participants"]]
    assert khrenin
    item = khrenin[0]
    assert item["id"].startswith("oc-")
    assert {"KZ", "BY"} <= set(item["countries"])
    assert set(item) >= {"id", "date", "types", "city", "country", "countries", "orgs", "participants",
                         "sources", "title", "review_state", "corrected"}
    assert item["review_state"] is None and item["corrected"] is False
    assert all(i["title"] for i in body["items"])
    assert all({"KZ", "BY"} <= set(i["countries"]) for i in body["items"])


def test_events_filters(client):
    signing = _events(client, type="signing", per_page=500)["items"]
    assert signing and all("signing" in i["types"] for i in signing)
    dated = _events(client, **{"from": "2012", "to": "2013-06"}, per_page=500)["items"]
    assert dated and all(i["date"] and "2012" <= i["date"][:7] <= "2013-06" for i in dated)
    found = _events(client, q="Хренин")["items"]
    assert any("Viktor Khrenin" in i["participants"] for i in found)
    assert _events(client, q="no such words anywhere zzqx")["total"] == 0


def test_events_paging_and_sorting(client):
    everything = _events(client, per_page=500)
    total = everything["total"]
    assert total > 50
    first, second = _events(client, per_page=10, page=1), _events(client, per_page=10, page=2)
    assert len(first["items"]) == 10 and first["total"] == total
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in everything["items"][:20]]
    newest = [i["date"] for i in everything["items"] if i["date"]]
    assert newest == sorted(newest, reverse=True)
    assert everything["items"][-1]["date"] is None  # undated last
    oldest = [i["date"] for i in _events(client, sort="date", per_page=500)["items"] if i["date"]]
    assert oldest == sorted(oldest)
    by_sources = [i["sources"] for i in _events(client, sort="sources", per_page=500)["items"]]
    assert by_sources == sorted(by_sources, reverse=True) and by_sources[0] >= 2
    assert _events(client, page=999)["items"] == []


def test_event_detail_and_redirect_from_report_id(client):
    item = max(_events(client, sort="sources")["items"], key=lambda i: i["sources"])
    detail = client.get(f"/api/events/{item['id']}").json()
    assert detail["id"] == item["id"]
    assert len(detail["reports"]) == item["sources"] >= 2
    assert set(detail["event"]) >= {"type", "date", "location", "countries", "participants", "documents"}
    report = detail["reports"][0]
    assert report["event_id"].startswith("ev-") and report["article_id"] and "type" in report["event"]
    assert isinstance(detail["conflicts"], list) and detail["corrections"] == []
    via_report = client.get(f"/api/events/{report['event_id']}").json()
    assert via_report["id"] == item["id"]


def test_article_facts_point_at_participant_names(client):
    item = _events(client, country="KZ", partner="BY", q="Хренин")["items"][0]
    detail = client.get(f"/api/events/{item['id']}").json()
    article_id = detail["reports"][0]["article_id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["id"] == article_id and article["text"]
    people = [f for f in article["facts"] if f["kind"] == "participant"]
    assert people
    assert all(0 <= f["start"] < f["end"] <= len(article["text"]) for f in article["facts"])
    kosanov = [f for f in people if f["label"] == "Dauren Kosanov"]
    assert kosanov and all("Косанов" in article["text"][f["start"]:f["end"]] for f in kosanov)
    khrenin = [f for f in people if f["label"] == "Viktor Khrenin"]
    assert khrenin and "Хренин" in article["text"][khrenin[0]["start"]:khrenin[0]["end"]]
    assert all(f["occasion_id"].startswith("oc-") and f["event_id"].startswith("ev-") for f in article["facts"])
    by_external = client.get(f"/api/articles/{article['external_id']}").json()
    assert by_external["id"] == article_id


def test_script_in_article_text_is_returned_verbatim(client):
    r = client.get("/api/articles/xss1")
    assert r.status_code == 200
    assert SCRIPT in r.json()["text"]
    assert r.headers["content-type"].startswith("application/json")


def test_people_endpoints(client):
    hits = client.get("/api/people/search", params={"q": "Хренин"}).json()
    assert hits and hits[0]["name"] == "Viktor Khrenin" and hits[0]["country"] == "BY"
    assert "Виктор Хренин" in hits[0]["spellings"]
    dossier = client.get(f"/api/people/{hits[0]['id']}").json()
    assert dossier["id"] == hits[0]["id"] and dossier["occasions"]
    assert any("BY" in o["countries"] for o in dossier["occasions"])
    tenures = client.get("/api/people", params={"role": "defense_minister", "country": "BY"}).json()
    khrenin = next(t for t in tenures["tenures"] if t["name"] == "Viktor Khrenin")
    assert (khrenin["basis"], khrenin["start"], khrenin["official_id"]) == ("reference", "2020-01-20",
                                                                           "by-viktor-khrenin")
    assert isinstance(tenures["flags"], list)
    assert client.get("/api/people", params={"on": "2020"}).status_code == 400


def test_documents_register(client):
    docs = client.get("/api/documents", params={"country": "KZ"}).json()
    assert docs and all(set(d) >= {"id", "type", "period", "countries", "status", "history", "occasions"}
                        for d in docs)
    assert any(d["type"] == "plan" for d in docs)
    assert all(isinstance(d["countries"], list) and d["history"] for d in docs)


def test_partners_and_network(client):
    partners = client.get("/api/countries/KZ/partners").json()
    by = next(p for p in partners if p["country"] == "BY")
    assert by["name"] == "Belarus" and by["total"] >= 3 and sum(by["years"].values()) <= by["total"]
    assert partners == sorted(partners, key=lambda p: (-p["total"], p["country"]))
    net = client.get("/api/network", params={"country": "KZ"}).json()
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["KZ"]["label"] == "Kazakhstan" and nodes["KZ"]["events"] >= by["total"]
    edge = next(e for e in net["edges"] if {e["source"], e["target"]} == {"KZ", "BY"})
    assert edge["weight"] == len(edge["events"]) == by["total"]
    narrow = client.get("/api/network", params={"from": "2025", "to": "2025"}).json()
    assert sum(e["weight"] for e in narrow["edges"]) < sum(e["weight"] for e in
                                                           client.get("/api/network").json()["edges"])


def test_error_shape(client):
    for method, url, status in (("get", "/api/events/oc-doesnotexist", 404), ("get", "/api/articles/nope", 404),
                                ("get", "/api/people/pe-nope", 404), ("get", "/api/nothing/here", 404),
                                ("get", "/api/events?page=0", 422), ("get", "/api/events?from=yesterday", 422),
                                ("get", "/api/events?sort=name", 422), ("get", "/api/me", 401),
                                ("get", "/api/audit", 401), ("post", "/api/events/merge", 401),
                                ("get", "/api/export?format=xml", 422)):
        r = getattr(client, method)(url)
        assert r.status_code == status, (url, r.text)
        body = r.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
        assert isinstance(body["error"]["code"], str) and body["error"]["message"]


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/login", "/api/export"} <= set(paths)
