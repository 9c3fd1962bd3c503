"""The README tells the truth: each ``console`` example runs on the bundled examples and prints what the
README shows; the Python examples call functions that exist; the command table is one table naming every
command.

The ``console`` blocks run in order in one empty folder holding a copy of ``examples/``, as a user's
shell would (``COLUMNS=80``): a line ``$ milcoop ...`` is a command, the lines after it its output
(stdout and stderr). Volatile bits are normalised (trailing spaces, blank lines at the ends).
``python tests/test_readme.py`` rewrites the outputs in the README from real runs.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from itertools import takewhile
from pathlib import Path

import pytest

import milcoop

ROOT = Path(__file__).parents[1]
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
CONSOLE = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """(command, shown output) of every ``$ milcoop`` line of the README's console blocks, in order."""
    out = []
    for block in CONSOLE.findall(text):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, shown = part.partition("\n")
            out.append((command.strip(), shown))
    return out


def normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


# One process runs every example (as many shells would, but without paying the start-up each time):
# each command's stdout and stderr are captured together, its exit ends nothing but itself.
RUNNER = """
import contextlib, io, json, sys
from milcoop.cli import app
outputs = []
for args in json.loads(sys.argv[1]):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            app(args, prog_name="milcoop")
        except SystemExit:
            pass
    outputs.append(buf.getvalue())
print(json.dumps(outputs))
"""


def run_all(commands: list[str], cwd: Path) -> list[str]:
    """The output of each ``milcoop ...`` command, run in order in ``cwd`` with ``COLUMNS=80``."""
    argv = []
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "milcoop", f"README examples run milcoop, not {args[0]!r}"
        argv.append(args[1:])
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("MILCOOP_DB", None)
    res = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(argv)], cwd=cwd, env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.splitlines()[-1])


def outputs(text: str) -> list[tuple[str, str, str]]:
    """(command, shown, actual) for every example, run in a fresh folder with the bundled examples."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "examples", Path(tmp) / "examples")
        found = examples(text)
        return list(zip([c for c, _ in found], [s for _, s in found], run_all([c for c, _ in found], Path(tmp))))


@pytest.fixture(scope="module")
def ran():
    return outputs(README)


def test_the_readme_has_real_examples(ran):
    commands = [cmd.split()[1] for cmd, _, _ in ran]
    assert {"ingest", "events", "show", "people", "documents"} <= set(commands)
    assert "..." not in "".join(shown for _, shown, _ in ran)


@pytest.mark.parametrize("index", range(len(examples(README))))
def test_each_example_prints_what_the_readme_shows(ran, index):
    command, shown, actual = ran[index]
    assert normalise(actual) == normalise(shown), f"$ {command}"


def test_the_tables_fit_80_columns(ran):
    for command, _, actual in ran:
        if "--json" not in command and command.split()[1] != "show":
            assert max(map(len, actual.splitlines() or [""])) <= 80, command


def test_python_examples_call_real_functions():
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    called = set(re.findall(r"\bmilcoop\.(\w+)\(", "\n".join(blocks)))
    assert called, "the README shows the Python API"
    assert not {name for name in called if not callable(getattr(milcoop, name, None))}


def test_cli_examples_use_real_commands():
    from typer.main import get_command

    from milcoop.cli import app

    commands = set(get_command(app).commands)
    shown = "\n".join(re.findall(r"```(?:bash|sh|console)\n(.*?)```", README, re.S))
    used = set(re.findall(r"milcoop (\w+)", shown))
    assert used and used <= commands, used - commands


def test_the_command_table_is_one_table_of_every_command():
    from typer.main import get_command

    from milcoop.cli import app

    section = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    lines = section.strip("\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("| command"))
    table = list(takewhile(lambda line: line.startswith("|"), lines[start:]))
    rest = lines[start + len(table):]
    assert len(table) >= 20
    assert not any(line.startswith("| `milcoop") for line in rest), "the command table is split"
    listed = set(re.findall(r"^\| `milcoop (\w+)", "\n".join(table), re.M))
    assert listed == set(get_command(app).commands)


if __name__ == "__main__":  # rewrite the shown outputs from real runs
    text = README
    for command, shown, actual in outputs(README):
        text = text.replace(f"$ {command}\n{shown}", f"$ {command}\n{normalise(actual)}\n", 1)
    README_PATH.write_text(text, encoding="utf-8")
    print("README.md updated")
