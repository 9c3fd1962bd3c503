"""The README's examples name functions and commands that exist."""
import re
from pathlib import Path

import milcoop

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_python_examples_call_real_functions():
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    called = set(re.findall(r"\bmilcoop\.(\w+)\(", "\n".join(blocks)))
    assert called, "the README shows the Python API"
    assert not {name for name in called if not callable(getattr(milcoop, name, None))}


def test_cli_examples_use_real_commands():
    from typer.main import get_command

    from milcoop.cli import app

    commands = set(get_command(app).commands)
    used = set(re.findall(r"milcoop (\w+)", "\n".join(re.findall(r"```(?:bash|sh)\n(.*?)```", README, re.S))))
    assert used and used <= commands, used - commands
