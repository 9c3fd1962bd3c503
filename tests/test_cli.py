"""The CLI end to end on real articles: ingest, idempotence, bad input, listing, export."""
import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from milcoop.cli import app

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "milcoop.db"


def _export(db, keep_sources=False):
    res = run("export", "--format", "json", "--db", db)
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    if not keep_sources:
        for r in records:
            for ev in r["events"]:
                ev.pop("sources", None)
    return records


def test_ingest_examples_and_list_events(db):
    res = run("ingest", EXAMPLES, "--db", db)
    assert res.exit_code == 0, res.output
    assert "5 articles read: 5 new" in res.stdout
    res = run("events", "--db", db, "--country", "KZ", "--partner", "BY", "--json")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 2
    assert all({"KZ", "BY"} <= set(r["countries"]) for r in rows)
    res = run("events", "--db", db, "--type", "signing", "--json")
    assert {tuple(sorted(json.loads(l)["countries"])) for l in res.stdout.splitlines()} == {
        ("AZ", "KZ"), ("BY", "KZ")}


def test_reingest_is_a_no_op(db):
    run("ingest", EXAMPLES, "--db", db)
    before = _export(db)
    res = run("ingest", EXAMPLES, "--db", db)
    assert res.exit_code == 0
    assert "0 new, 5 already stored" in res.stdout
    assert _export(db) == before


def test_bad_input_is_reported_and_nothing_is_lost(db, tmp_path, seeds):
    run("ingest", EXAMPLES, "--db", db)
    before = _export(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = json.dumps({"id": "x1", "text": seeds["seed2"]["text"]}, ensure_ascii=False)
    (bad / "broken.jsonl").write_text(good + "\n" + '{"id": "x2", "text": "Министр обо' + "\n", encoding="utf-8")
    (bad / "table.csv").write_text("id,body_text_missing\n1,hello\n", encoding="utf-8")
    res = run("ingest", bad, "--db", db)
    assert res.exit_code == 1
    err = res.stderr
    assert "empty.txt" in err and "image.txt" in err and "table.csv" in err
    assert "broken.jsonl:2" in err
    # the valid line of broken.jsonl is seed 002, already stored: not duplicated
    assert "1 articles read: 0 new, 1 already stored" in res.stdout
    assert _export(db) == before
    sources = [ev["sources"] for r in _export(db, keep_sources=True) for ev in r["events"]
               if any("broken.jsonl" in s for s in ev["sources"])]
    assert len(sources) == 1 and len(sources[0]) == 2  # the seed file and the JSON line


def test_extract_writes_one_record_per_article(tmp_path, seeds):
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seeds.values()), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    res = run("extract", src, "-o", out)
    assert res.exit_code == 0, res.output
    records = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(seeds)
    first = records[0]["events"][0]
    for field in ("type", "date", "location", "countries", "orgs", "participants", "documents",
                  "exercises", "areas", "evidence"):
        assert field in first
    assert not list(tmp_path.glob("*.db"))


def test_export_csv_and_show(db):
    run("ingest", EXAMPLES, "--db", db)
    res = run("export", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 6  # one event per seed, two for seed 003 (the signing, then the award)
    assert any("Safar Abiyev (AZ, defense_minister)" in r["participants"] for r in rows)
    event_id = next(r["event_id"] for r in rows if "Abiyev" in r["participants"])
    res = run("show", event_id, "--db", db)
    assert res.exit_code == 0
    assert "Safar Abiyev" in res.stdout and "plan [2012, 2012] signed" in res.stdout
    assert "Министры обороны Казахстана и Азербайджана" in res.stdout


def test_unknown_event_and_bad_format(db):
    run("ingest", EXAMPLES, "--db", db)
    assert run("show", "ev-nope", "--db", db).exit_code == 2
    assert run("export", "--format", "xml", "--db", db).exit_code == 2


def test_python_api_mirrors_the_cli(tmp_path):
    """``milcoop.ingest`` stays the function even after the reading package is imported."""
    import milcoop
    import milcoop.reading  # noqa: F401

    db = str(tmp_path / "api.db")
    report = milcoop.ingest([EXAMPLES], db=db)
    assert (report.read, report.new) == (5, 5)
    rows = milcoop.events(db=db, country="KZ", partner="AZ")
    assert [sorted(r.countries) for r in rows] == [["AZ", "KZ"]] * 3
