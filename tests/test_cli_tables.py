"""The CLI's tables are readable in an 80-column terminal (COLUMNS=80) on the dev gold: nothing is cut
(rich marks a cut cell with '…'), every line fits, and the facts are all there; ``--wide`` adds columns."""
from __future__ import annotations

import json
import pytest
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app


def cli(*args: str, columns: int = 80) -> str:
    res = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert res.exit_code == 0, res.output
    return res.stdout


def column(text: str, name: str) -> list[str]:
    """The cells of one column of a rich table, each cell's wrapped lines joined."""
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("┃") and f" {name} " in line)
    bars = [i for i, ch in enumerate(header) if ch == "┃"]
    start = max(b for b in bars if b <= header.index(f" {name} "))
    end = min(b for b in bars if b > start)
    cells, current = [], []
    for line in lines[lines.index(header) + 2:]:
        if line.startswith(("├", "└")):
            cells.append(" ".join(current))
            current = []
        elif line.startswith("│"):
            part = line[start + 1:end].strip()
            if part:
                current.append(part)
    return cells


@pytest.mark.parametrize("args", [("events", "--limit", "500"), ("events", "--country", "KZ"),
                                  ("people", "--role", "defense_minister"), ("people",),
                                  ("documents",), ("person", "Akar")])
def test_tables_fit_80_columns_uncut(gold_db, args):
    text = cli(*args, "--db", gold_db)
    lines = text.splitlines()
    assert lines and max(map(len, lines)) <= 80, max(lines, key=len)
    assert "…" not in text, [line for line in lines if "…" in line][:3]


def test_every_occasion_is_there_whole(gold_db):
    text = cli("events", "--limit", "500", "--db", gold_db)
    views = milcoop.events(gold_db)
    assert column(text, "id") == [v.id for v in views]
    assert column(text, "title") == [v.title for v in views]


def test_wide_adds_columns(gold_db):
    narrow = cli("events", "--country", "BY", "--db", gold_db)
    wide = cli("events", "--country", "BY", "--wide", "--db", gold_db, columns=200)
    assert "participants" not in narrow and "participants" in wide
    rows = [json.loads(line) for line in cli("events", "--country", "BY", "--json", "--db", gold_db).splitlines()]
    for name in (p for r in rows for p in r["participants"]):
        assert name in wide
    people = cli("people", "--role", "defense_minister", "--wide", "--db", gold_db, columns=200)
    assert "sightings" in people and "sightings" not in cli("people", "--role", "defense_minister", "--db", gold_db)
