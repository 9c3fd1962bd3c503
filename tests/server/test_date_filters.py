"""Date filters on the dev gold: a year, a month or a day; undated occasions counted beside the results and
listed on request; invalid dates refused naming the field. "All events with Belarus in 2012–2013"."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app
from milcoop.server import create_app


@pytest.fixture(scope="module")
def gold_client(gold_db):
    with TestClient(create_app(gold_db)) as c:
        yield c


@pytest.fixture(scope="module")
def gold(shared_path):
    return [json.loads(line) for line in open(shared_path("corpus", "dev", "gold.jsonl"), encoding="utf-8")]


def belarus_gold(gold, dated: bool) -> set[str]:
    return {g["id"] for g in gold for e in g["events"] if "BY" in e["countries"] and bool(e["date"]) == dated}


def articles_of(client, items) -> set[str]:
    return {r["external_id"] for it in items for r in client.get(f"/api/events/{it['id']}").json()["reports"]}


def test_belarus_in_2012_2013(gold_client, gold):
    """No dated Belarus event in 2012-2013 in the gold; the undated ones are counted, and listed on request."""
    in_range = {g["id"] for g in gold for e in g["events"]
                if "BY" in e["countries"] and e["date"] and "2012" <= e["date"][:4] <= "2013"}
    res = gold_client.get("/api/events?partner=BY&from=2012&to=2013").json()
    assert articles_of(gold_client, res["items"]) == in_range == set()
    everything = gold_client.get("/api/events?partner=BY&per_page=500").json()["items"]
    undated = [r for r in everything if not r["date"]]
    assert res["undated"] == len(undated) >= 2 and not res["undated_included"]
    with_undated = gold_client.get("/api/events?partner=BY&from=2012&to=2013&include_undated=true").json()
    assert with_undated["undated_included"] and with_undated["total"] == len(undated)
    assert [r["id"] for r in with_undated["items"]] == [r["id"] for r in undated]
    # the undated Belarus reports of the gold are there (those not merged with a dated report of their occasion)
    listed = articles_of(gold_client, with_undated["items"])
    assert listed and listed <= belarus_gold(gold, dated=False)


@pytest.mark.parametrize("start, end", [("2018", "2018"), ("2018-01", "2018-12"), ("2018-01-01", "2018-12-31"),
                                        ("2018", "2018-12-31")])
def test_a_year_a_month_or_a_day(gold_client, start, end):
    """The same range at three precisions; an occasion dated '2018' is inside '2018-01-01'..'2018-12-31'."""
    items = gold_client.get(f"/api/events?from={start}&to={end}&per_page=500").json()["items"]
    assert items and all(r["date"].startswith("2018") for r in items)
    assert any(r["date"] == "2018" for r in items)
    every = gold_client.get("/api/events?per_page=500").json()["items"]
    assert {r["id"] for r in items} == {r["id"] for r in every if (r["date"] or "").startswith("2018")}


def test_one_month(gold_client):
    items = gold_client.get("/api/events?from=2025-10&to=2025-10&per_page=500").json()["items"]
    assert items and all(r["date"].startswith("2025-10") or r["date"] == "2025" for r in items)


@pytest.mark.parametrize("query, field", [("from=2013-13-45", "from"), ("to=2013-02-30", "to"),
                                          ("from=13", "from"), ("to=yesterday", "to")])
def test_invalid_dates_name_the_field(gold_client, query, field):
    res = gold_client.get(f"/api/events?{query}")
    assert res.status_code == 422
    message = res.json()["error"]["message"]
    assert field in message and "date" in message
    assert gold_client.get(f"/api/export?of=occasions&{query}").status_code == 422


def test_the_export_takes_the_same_filters(gold_client):
    listed = gold_client.get("/api/events?partner=BY&from=2012&to=2013&include_undated=true").json()["items"]
    exported = [json.loads(line) for line in
                gold_client.get("/api/export?of=occasions&partner=BY&from=2012&to=2013&include_undated=true").text.splitlines()]
    assert [e["id"] for e in exported] == [r["id"] for r in listed]
    records = [json.loads(line) for line in gold_client.get("/api/export?format=json&partner=BY").text.splitlines()]
    occasions = {r["id"] for r in gold_client.get("/api/events?partner=BY&per_page=500").json()["items"]}
    assert records and {ev["occasion"] for rec in records for ev in rec["events"]} == occasions
    assert gold_client.get("/api/export?of=occasions&format=parquet").status_code == 400


def test_cli_and_python_api(gold_db):
    res = CliRunner().invoke(app, ["events", "--partner", "BY", "--from", "2012", "--to", "2013", "--db", gold_db])
    assert res.exit_code == 0
    undated = milcoop.occasions(gold_db, partner="BY", date_from="2012", date_to="2013").undated
    assert f"{undated} undated occasions also match" in res.stderr
    res = CliRunner().invoke(app, ["events", "--partner", "BY", "--from", "2012", "--to", "2013", "--include-undated",
                                   "--json", "--db", gold_db])
    assert len(res.stdout.splitlines()) == undated
    res = CliRunner().invoke(app, ["events", "--from", "2013-13-45", "--db", gold_db])
    assert res.exit_code == 2 and "--from" in res.output and "2013-13-45" in res.output
    with pytest.raises(ValueError, match="from"):
        milcoop.occasions(gold_db, date_from="2013-13-45")


def test_facets_count_the_listing(gold_client):
    """The overview's counts are those of all the matching occasions, not of one page."""
    from collections import Counter

    data = gold_client.get("/api/events?country=KZ&facets=true&per_page=10").json()
    items = gold_client.get("/api/events?country=KZ&per_page=500").json()["items"]
    facets = data["facets"]
    years = [y["value"] for y in facets["years"]]
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]  # no year left out of the axis
    assert {y["value"]: y["count"] for y in facets["years"] if y["count"]} == Counter(r["date"][:4] for r in items if r["date"])
    assert facets["undated"] == data["undated"] == sum(1 for r in items if not r["date"]) > 0
    assert {t["value"]: t["count"] for t in facets["types"]} == Counter(t for r in items for t in r["types"])
    assert {p["value"]: p["count"] for p in facets["partners"]} == Counter(c for r in items for c in set(r["countries"]))
    assert facets["partners"][0]["value"] == "KZ" and facets["partners"][0]["count"] == len(items)
    assert "facets" not in gold_client.get("/api/events?country=KZ").json()
