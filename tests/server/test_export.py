"""Exports from the API, the CLI and the Python API parse with their standard readers."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyarrow.parquet as pq
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app


def test_api_json_export(client):
    r = client.get("/api/export", params={"format": "json"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    records = [json.loads(line) for line in r.text.splitlines()]
    assert len(records) == 131
    ev = next(ev for rec in records for ev in rec["events"])
    assert set(ev) >= {"id", "occasion", "type", "date", "location", "countries", "participants", "sources",
                       "review_state", "corrected"}
    assert any(p["name"] == "Viktor Khrenin" for rec in records for ev in rec["events"] for p in ev["participants"])


def test_api_csv_export(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv").text)))
    assert len(rows) >= 100 and rows[0]["event_id"].startswith("ev-") and rows[0]["occasion_id"].startswith("oc-")
    assert any("Viktor Khrenin" in r["participants"] for r in rows)


def test_api_parquet_export(client):
    table = pq.read_table(io.BytesIO(client.get("/api/export?format=parquet").content))
    assert table.num_rows >= 100 and {"event_id", "occasion_id", "countries", "review_state"} <= set(table.column_names)
    people = pq.read_table(io.BytesIO(client.get("/api/export?format=parquet&table=participants").content))
    assert "Viktor Khrenin" in people.column("name").to_pylist()


def test_api_graphml_exports(client):
    partners = nx.read_graphml(io.BytesIO(client.get("/api/export?format=graphml&network=partners").content))
    assert partners.nodes["KZ"]["label"] == "Kazakhstan" and partners.nodes["BY"]["name"] == "Belarus"
    edge = partners.edges["KZ", "BY"]
    assert edge["weight"] >= 3 and edge["years"]
    persons = nx.read_graphml(io.BytesIO(client.get("/api/export?format=graphml&network=persons").content))
    labels = {d["label"]: n for n, d in persons.nodes(data=True)}
    assert persons.has_edge(labels["Viktor Khrenin"], labels["Dauren Kosanov"])


def test_cli_exports_and_to_pandas(db_path, tmp_path):
    runner = CliRunner()
    for fmt, name in (("json", "out.jsonl"), ("csv", "out.csv"), ("parquet", "out.parquet"),
                      ("graphml", "out.graphml")):
        result = runner.invoke(app, ["export", "--format", fmt, "-o", str(tmp_path / name), "--db", str(db_path)])
        assert result.exit_code == 0, result.output
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 131
    assert pq.read_table(tmp_path / "out.parquet").num_rows >= 100
    assert pq.read_table(tmp_path / "out.participants.parquet").num_rows >= 100
    assert nx.read_graphml(tmp_path / "out.graphml").number_of_edges() > 10
    result = runner.invoke(app, ["export", "--format", "graphml", "--network", "persons", "-o",
                                 str(tmp_path / "p.graphml"), "--db", str(db_path)])
    assert result.exit_code == 0 and nx.read_graphml(tmp_path / "p.graphml").number_of_nodes() > 50
    assert runner.invoke(app, ["export", "--format", "parquet", "--db", str(db_path)]).exit_code == 2
    df = milcoop.to_pandas(str(db_path))
    assert len(df) >= 100 and {"occasion_id", "date", "countries"} <= set(df.columns)
    assert "Viktor Khrenin" in set(milcoop.to_pandas(str(db_path), table="participants")["name"])


def test_cli_users(db_copy):
    runner = CliRunner()
    result = runner.invoke(app, ["users", "add", "bob", "--password", "s3cret", "--db", str(db_copy)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["users", "add", "bob", "--password", "x", "--db", str(db_copy)]).exit_code == 2
    listed = runner.invoke(app, ["users", "list", "--db", str(db_copy)]).output
    assert "bob" in listed and "analyst" in listed
    result = runner.invoke(app, ["users", "add", "carol", "--db", str(db_copy)], input="pw\npw\n")
    assert result.exit_code == 0 and "carol" in runner.invoke(app, ["users", "list", "--db", str(db_copy)]).output


def test_passwords_are_salted_scrypt_hashes(db_copy):
    from sqlalchemy import text

    from milcoop.passwords import verify_password
    from milcoop.store import open_store
    from milcoop.store.review import Review

    with open_store(db_copy) as store:
        Review(store).add_user("dave", "same")
        Review(store).add_user("erin", "same")
        with store.engine.connect() as conn:
            hashes = dict(conn.execute(text("SELECT username, password_hash FROM users")).all())
    assert hashes["dave"] != hashes["erin"] and hashes["dave"].startswith("scrypt$")
    assert verify_password("same", hashes["dave"]) and not verify_password("other", hashes["dave"])
