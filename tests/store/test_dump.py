"""Full dumps: ``export --format jsonl`` then ``import`` into an empty database gives the same records,
on SQLite and PostgreSQL; every line matches the committed JSON Schemas; bad dumps are refused whole."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app
from milcoop.errors import MalformedRecord, MissingField, NotEmpty, UnsupportedFormat
from milcoop.schemas import generated, load
from milcoop.store import open_store
from milcoop.store.dump import counts
from milcoop.store.dump_models import RECORDS, kind_of
from milcoop.store.review import Review

pytestmark = pytest.mark.slow
USER = "analyst"
DEV_ARTICLES = 8
runner = CliRunner()


def cli(*args) -> str:
    res = runner.invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory, shared_path, dev, extractor) -> Path:
    """The seeds and a few dev articles, with every kind of review write on them."""
    tmp = tmp_path_factory.mktemp("dump")
    some_dev = tmp / "dev.jsonl"
    some_dev.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in list(dev.values())[:DEV_ARTICLES]),
                        encoding="utf-8")
    db = tmp / "reviewed.db"
    report = milcoop.ingest([shared_path("corpus", "seeds", "articles.jsonl"), some_dev], str(db), extractor=extractor)
    assert report.new == 5 + DEV_ARTICLES and not report.errors
    with open_store(db) as store:
        review = Review(store)
        review.add_user(USER, "a long enough password")
        occasions = [r.id for r in store.occasions()]
        review.correct(USER, "occasion", occasions[0], {"date": "2012-07-10", "areas": ["naval"]}, {"date": None})
        review.correct(USER, "occasion", occasions[0], {"date": "2012-07-11"}, {"date": "2012-07-10"})
        review.set_state(USER, occasions[1], "confirmed")
        review.set_state(USER, occasions[2], "rejected")
        review.merge_occasions(USER, [occasions[3], occasions[4]])
        persons = [p for (_, p, _, _) in store.occasion_persons()]
        review.merge_persons(USER, list(dict.fromkeys(persons))[:2])
        person = list(dict.fromkeys(persons))[2]
        review.correct(USER, "person", person, {"name": "A Corrected Name"}, {"name": None})
    return db


@pytest.fixture(scope="module")
def dump(reviewed_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("out") / "dump.jsonl"
    cli("export", "--format", "jsonl", "-o", path, "--db", reviewed_db)
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_dump_holds_every_kind_of_record(dump, reviewed_db):
    kinds = [r["kind"] for r in lines(dump)]
    assert kinds[0] == "header"
    assert set(kinds) == {kind_of(m) for m in RECORDS}
    article = next(r for r in lines(dump) if r["kind"] == "article" and r["events"])
    assert article["text"] and article["raw_text"] and article["sources"] and article["extraction"]
    assert article["events"][0]["evidence"]
    with sqlite3.connect(reviewed_db) as conn:
        assert kinds.count("article") == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert kinds.count("audit") == conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    assert "password" not in dump.read_text(encoding="utf-8")  # user accounts stay out


def test_every_line_is_valid_against_its_committed_schema(dump):
    validators = {kind_of(m): jsonschema.Draft202012Validator(load(f"dump-{kind_of(m)}.json")) for m in RECORDS}
    for n, record in enumerate(lines(dump), 1):
        errors = [e.message for e in validators[record["kind"]].iter_errors(record)]
        assert errors == [], f"line {n}: {errors}"


def test_the_committed_schemas_are_what_the_models_generate():
    """After changing a dump model: python -m milcoop.schemas"""
    from milcoop.schemas import HERE

    assert {name: (HERE / name).read_text(encoding="utf-8") for name in generated()} == generated()
    assert sorted(p.name for p in HERE.glob("*.json")) == sorted(generated())


def test_import_into_a_new_database_gives_an_identical_dump(dump, tmp_path):
    fresh = tmp_path / "fresh.db"
    with open_store(fresh) as store:
        Review(store).add_user(USER, "another password")  # accounts are not in dumps: made first
    out = cli("import", dump, "--db", fresh)
    assert "article" in out
    again = tmp_path / "again.jsonl"
    cli("export", "--format", "jsonl", "-o", again, "--db", fresh)
    assert again.read_bytes() == dump.read_bytes()


def test_the_imported_database_reads_like_the_original(dump, reviewed_db, tmp_path):
    fresh = tmp_path / "fresh.db"
    milcoop.import_dump(dump, str(fresh))
    for fmt in ("json", "csv"):
        assert milcoop.export(str(fresh), fmt) == milcoop.export(str(reviewed_db), fmt)
    assert [r.model_dump() for r in milcoop.events(str(fresh), country="KZ")] == \
        [r.model_dump() for r in milcoop.events(str(reviewed_db), country="KZ")]


def test_without_the_account_the_review_keeps_its_author_in_the_audit_log(dump, tmp_path):
    fresh = tmp_path / "fresh.db"
    milcoop.import_dump(dump, str(fresh))
    with open_store(fresh) as store:
        review = Review(store)
        assert {c["user"] for c in review.corrections("occasion")} == {None}
        assert {a["user"] for a in review.audit()} == {USER}


def test_import_refuses_a_database_with_records_and_changes_nothing(dump, reviewed_db, tmp_path):
    before = counts_of(reviewed_db)
    with pytest.raises(NotEmpty, match="already holds records"):
        milcoop.import_dump(dump, str(reviewed_db))
    assert counts_of(reviewed_db) == before
    res = runner.invoke(app, ["import", str(dump), "--db", str(reviewed_db)])
    assert res.exit_code == 2 and "E023" in res.stderr


def counts_of(db) -> dict:
    with open_store(db) as store:
        return dict(counts(store))


def broken(dump: Path, tmp_path: Path, n: int, change) -> Path:
    rows = dump.read_text(encoding="utf-8").splitlines()
    rows[n - 1] = change(rows[n - 1])
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _set(field, value):
    def change(line: str) -> str:
        record = json.loads(line)
        record[field] = value
        return json.dumps(record, ensure_ascii=False)
    return change


@pytest.mark.parametrize("n, change, error, words", [
    (3, lambda line: line[:40], MalformedRecord, "not JSON"),
    (2, _set("created_at", "yesterday"), MalformedRecord, "created_at"),
    (2, _set("colour", "red"), MalformedRecord, "colour"),
    (2, _set("kind", "spaceship"), MalformedRecord, "kind"),
    (1, _set("version", 99), UnsupportedFormat, "version 99"),
    (1, lambda line: json.dumps({"kind": "occasion", "id": "oc-x", "created_at": "2020-01-01T00:00:00Z"}),
     MissingField, "header"),
])
def test_a_bad_line_is_named_and_nothing_is_imported(dump, tmp_path, n, change, error, words):
    bad = broken(dump, tmp_path, n, change)
    fresh = tmp_path / "fresh.db"
    with pytest.raises(error) as info:
        milcoop.import_dump(bad, str(fresh))
    assert f"broken.jsonl:{n}" in str(info.value) and words in str(info.value)
    assert not any(counts_of(fresh).values())


def test_a_record_twice_is_refused(dump, tmp_path):
    rows = dump.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(rows + [rows[1]]) + "\n", encoding="utf-8")
    with pytest.raises(MalformedRecord, match=rf"twice.jsonl:{len(rows) + 1}: .*appears twice \(first on line 2\)"):
        milcoop.import_dump(path, str(tmp_path / "fresh.db"))


def test_the_cli_names_the_line_without_a_traceback(dump, tmp_path):
    bad = broken(dump, tmp_path, 2, _set("text", 42))
    res = runner.invoke(app, ["import", str(bad), "--db", str(tmp_path / "f.db")])
    assert res.exit_code == 2
    assert "E005" in res.stderr and "broken.jsonl:2" in res.stderr and "text" in res.stderr
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_round_trip_through_postgresql(dump, pg_database, tmp_path):
    """SQLite -> dump -> PostgreSQL -> dump: the same bytes (times, JSON values and order survive)."""
    url = pg_database()
    with open_store(url) as store:
        Review(store).add_user(USER, "another password")
    milcoop.import_dump(dump, url)
    again = tmp_path / "from-pg.jsonl"
    with open(again, "w", encoding="utf-8") as sink:
        milcoop.dump(sink, url)
    assert again.read_bytes() == dump.read_bytes()
