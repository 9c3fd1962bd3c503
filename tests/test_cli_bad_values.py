"""Every CLI option that parses user input, given a bad value: a clear message naming the option,
a non-zero exit code (2 for a bad value) and never a traceback."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from milcoop import cli
from milcoop.cli import app

runner = CliRunner()

# (arguments, exit code, words the message must contain); {db} and {tmp} are filled in per test.
CASES = [
    (["events", "--from", "yesterday"], 2, ["--from", "ISO date", "yesterday"]),
    (["events", "--to", "2012-13"], 2, ["--to", "2012-13"]),
    (["events", "--from", "2011-02-30"], 2, ["--from"]),
    (["events", "--country", "Kazakhstan"], 2, ["--country", "two-letter"]),
    (["events", "--partner", "1"], 2, ["--partner"]),
    (["events", "--type", "party"], 2, ["--type", "signing"]),
    (["events", "--limit", "0"], 2, ["--limit"]),
    (["events", "--limit", "many"], 2, ["--limit"]),
    (["events", "-q", "%" * 25_000], 2, ["--search", "500"]),
    (["people", "--role", "general"], 2, ["--role", "defense_minister"]),
    (["people", "--role", "defense_minister", "--on", "tomorrow"], 2, ["--on", "ISO date"]),
    (["people", "--on", "2020"], 2, ["E010", "on", "role"]),
    (["people", "--country", "KAZ"], 2, ["--country"]),
    (["documents", "--country", "x"], 2, ["--country"]),
    (["documents", "--partner", "K Z"], 2, ["--partner"]),
    (["export", "--format", "xml"], 2, ["--format", "jsonl"]),
    (["export", "--network", "cities"], 2, ["--network", "persons"]),
    (["export", "--format", "parquet"], 2, ["binary", "-o"]),
    (["export", "-o", "{tmp}/missing/out.jsonl"], 2, ["cannot write", "out.jsonl"]),
    (["serve", "--port", "0"], 2, ["--port"]),
    (["serve", "--port", "70000"], 2, ["--port"]),
    (["ingest", "{tmp}", "--batch", "0"], 2, ["--batch"]),
    (["ingest", "{tmp}/missing.jsonl"], 1, ["E001", "missing.jsonl", "no such file"]),
    (["extract", "{tmp}/missing.jsonl"], 1, ["E001", "missing.jsonl"]),
    (["extract", "{tmp}", "-o", "{tmp}/missing/pred.jsonl"], 2, ["cannot write", "pred.jsonl"]),
    (["import", "{tmp}/missing.jsonl"], 2, ["E001", "missing.jsonl", "no such file"]),
    (["person", ""], 2, ["nobody"]),
    (["show", "ev-nope"], 2, ["ev-nope"]),
    (["users", "add", " ", "--password", "x"], 2, ["E040", "username"]),
    (["users", "add", "alice", "--password", ""], 2, ["password"]),
    (["benchmark", "speed", "--repeat", "0"], 2, ["--repeat"]),
    (["benchmark", "ner", "--limit", "0"], 2, ["--limit"]),
    (["benchmark", "ner", "--dataset", "conll"], 2, ["conll"]),
    (["benchmark", "accuracy", "--articles", "{tmp}/missing.jsonl"], 2, ["missing.jsonl", "no such file"]),
]
BAD_DB = [
    ("{tmp}/no-such-folder/x.db", ["E020", "cannot open database"]),
    ("{tmp}", ["E020", "cannot open database"]),
    ("nosuchdriver://host/db", ["E020", "nosuchdriver"]),
]


def invoke(args: list[str], tmp_path, db: str | None = None):
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if db is not None:
        filled += ["--db", db.replace("{tmp}", str(tmp_path))]
    return runner.invoke(app, filled)


def assert_clean(res, code: int, words: list[str]):
    assert res.exit_code == code, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    text = "".join(res.output.replace("│", "").split())  # rich wraps long lines anywhere
    assert "Traceback" not in text
    for word in words:
        assert "".join(word.split()) in text, (word, res.output)


@pytest.mark.parametrize("args, code, words", CASES, ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else None)
def test_a_bad_value_is_a_clear_error(tmp_path, args, code, words):
    db = str(tmp_path / "m.db") if args[0] not in ("serve",) else None
    if args[0] in ("extract", "benchmark"):
        db = None
    assert_clean(invoke(args, tmp_path, db), code, words)


@pytest.mark.parametrize("db, words", BAD_DB)
@pytest.mark.parametrize("command", [["events"], ["people"], ["documents"], ["export"], ["users", "list"],
                                     ["reextract"], ["ingest", "{tmp}"]])
def test_a_database_that_cannot_be_opened_is_a_clear_error(tmp_path, command, db, words):
    assert_clean(invoke(command, tmp_path, db), 2, words)


def test_the_last_guard_turns_an_unforeseen_error_into_one_line(monkeypatch, capsys):
    def broken():
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("MILCOOP_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert "unexpectedRuntimeError:somethingnobodyforesaw" in "".join(err.split())
    assert "Traceback" not in err
