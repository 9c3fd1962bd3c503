"""The four read paths show one view of every occasion: the CLI, the Python API, the REST API (listing,
occasion page) and the exports agree on each occasion of a database built from the dev corpus's gold,
with analysts' review in it (one occasion rejected, one corrected, one confirmed)."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app
from milcoop.server import create_app
from milcoop.store import open_store
from milcoop.store.review import Review

FACETS = ("id", "title", "date", "types", "city", "country", "countries", "orgs", "participants", "sources",
          "review_state", "corrected")
CORRECTED_DATE = "2013-05-14"


@pytest.fixture(scope="module")
def reviewed(gold_db, tmp_path_factory):
    """A copy of the gold database with three reviews: (rejected, corrected, confirmed) occasion ids."""
    db = str(tmp_path_factory.mktemp("paths") / "reviewed.db")
    shutil.copy(gold_db, db)
    with open_store(db) as store:
        review = Review(store)
        review.add_user("analyst", "a long enough password")
        ids = [v.id for v in milcoop.occasions(db).items if v.event.participants]  # reviews of named people
        rejected, fixed, confirmed = ids[0], ids[1], ids[2]
        review.set_state("analyst", rejected, "rejected")
        review.correct("analyst", "occasion", fixed, {"date": CORRECTED_DATE, "countries": ["KZ", "BY"]}, {})
        review.set_state("analyst", confirmed, "confirmed")
    return db, (rejected, fixed, confirmed)


def facets(row: dict) -> dict:
    return {k: row[k] for k in FACETS}


def cli_rows(db: str, *args: str) -> list[dict]:
    res = CliRunner().invoke(app, ["events", "--json", "--limit", "100000", "--db", db, *args])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("reviewed_filter", [None, "all"])
def test_cli_api_rest_and_export_list_the_same_occasions(reviewed, reviewed_filter):
    db, (rejected, fixed, confirmed) = reviewed
    extra = ["--reviewed", reviewed_filter] if reviewed_filter else []
    params = f"&reviewed={reviewed_filter}" if reviewed_filter else ""
    cli = [facets(r) for r in cli_rows(db, *extra)]
    python = [facets(v.row()) for v in milcoop.events(db, reviewed=reviewed_filter)]
    with TestClient(create_app(db)) as client:
        listed = client.get(f"/api/events?per_page=500{params}").json()
        rest = [facets(r) for r in listed["items"]]
        export_json = [json.loads(line) for line in
                       client.get(f"/api/export?of=occasions&format=json{params}").text.splitlines()]
        export_csv = list(csv.DictReader(io.StringIO(client.get(f"/api/export?of=occasions&format=csv{params}").text)))
        details = {r["id"]: client.get(f"/api/events/{r['id']}").json() for r in rest}
    cli_export = CliRunner().invoke(app, ["export", "--of", "occasions", "--db", db])
    assert cli_export.exit_code == 0, cli_export.output
    if reviewed_filter is None:  # the CLI's export lists what the CLI's listing lists
        assert [json.loads(line)["id"] for line in cli_export.stdout.splitlines()] == [r["id"] for r in cli]
    exported = [facets({**e, **e["event"], "types": e["event"]["type"], "city": e["event"]["location"]["city"],
                        "country": e["event"]["location"]["country"],
                        "participants": [p["name"] for p in e["event"]["participants"]]}) for e in export_json]

    assert len(rest) == listed["total"] > 90
    assert cli == python == rest == exported
    assert [r["id"] for r in export_csv] == [r["id"] for r in rest]
    assert [r["title"] for r in export_csv] == [r["title"] for r in rest]
    assert [r["date"] or "" for r in export_csv] == [r["date"] or "" for r in rest]
    for row in rest:  # the occasion page shows the listing's occasion
        d = details[row["id"]]
        page = {**d, **d["event"], "types": d["event"]["type"], "city": d["event"]["location"]["city"],
                "country": d["event"]["location"]["country"],
                "participants": [p["name"] for p in d["event"]["participants"]]}
        assert facets(page) == row
    for occasion in {rejected, fixed, confirmed, *[r["id"] for r in rest[::20]]} & set(details):
        res = CliRunner().invoke(app, ["show", occasion, "--json", "--db", db])  # and so does the CLI's page
        assert res.exit_code == 0, res.output
        assert json.loads(res.stdout) == details[occasion]

    ids = [r["id"] for r in rest]
    assert (rejected in ids) == (reviewed_filter == "all")  # rejected: out of every default read
    by_id = {r["id"]: r for r in rest}
    assert by_id[fixed]["date"] == CORRECTED_DATE and by_id[fixed]["countries"] == ["KZ", "BY"]
    assert by_id[fixed]["corrected"] and "Kazakhstan–Belarus" in by_id[fixed]["title"]
    assert "May 2013" in by_id[fixed]["title"]
    assert by_id[confirmed]["review_state"] == "confirmed"


def test_a_reports_event_id_opens_its_occasion_everywhere(reviewed):
    db, (_, fixed, _) = reviewed
    report = milcoop.event(fixed, db)["reports"][0]["event_id"]
    assert milcoop.event(report, db)["id"] == fixed
    with TestClient(create_app(db)) as client:
        assert client.get(f"/api/events/{report}").json()["id"] == fixed
    res = CliRunner().invoke(app, ["show", report, "--db", db])
    assert res.exit_code == 0 and fixed in res.stdout and CORRECTED_DATE in res.stdout


def test_every_gold_record_is_in_one_occasion(gold_db, shared_path):
    """Reports merged, not lost or duplicated: each gold event is a report of exactly one listed occasion."""
    gold = [json.loads(line) for line in open(shared_path("corpus", "dev", "gold.jsonl"), encoding="utf-8")]
    views = milcoop.events(gold_db, reviewed="all")
    reports = [r for v in views for r in v.reports]
    assert len(reports) == len(set(reports)) == sum(len(g["events"]) for g in gold)
    assert sum(v.sources for v in views) >= len({g["id"] for g in gold if g["events"]})


def test_dossiers_show_occasions_as_listed(reviewed):
    """A person's dossier (CLI, Python API, REST) lists its occasions as the listing shows them."""
    db, (rejected, fixed, _) = reviewed
    listed = {v.id: v for v in milcoop.events(db)}
    names = [p["name"] for occ in (rejected, fixed) for p in milcoop.event(occ, db)["event"]["participants"]]
    assert names, "the reviewed occasions name participants"
    with TestClient(create_app(db)) as client:
        for name in names:
            for dossier in milcoop.person(name, db):
                assert client.get(f"/api/people/{dossier['id']}").json() == dossier
                for occ in dossier["occasions"]:
                    assert occ["occasion"] != rejected
                    if occ["occasion"] in listed:
                        view = listed[occ["occasion"]]
                        assert (occ["title"], occ["date"], occ["countries"]) == (view.title, view.date, view.countries)


def test_a_listed_title_typed_back_finds_its_occasion(gold_db):
    """The merge search and the text filter find an occasion by the title every reader shows for it
    (made from its facts, so in no article's text)."""
    views = milcoop.events(gold_db)
    for view in views[:: max(1, len(views) // 12)]:
        found = [v.id for v in milcoop.events(gold_db, text=view.title[:30].upper())]
        assert view.id in found, view.title
    assert milcoop.events(gold_db, text="no such words anywhere at all") == []
