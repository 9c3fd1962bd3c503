"""JSON Schemas of the records milcoop exports, generated from their pydantic models.

``dump-<kind>.json``: each record kind of a full dump (``milcoop export --format
jsonl``, ``milcoop.store.dump_models``). They ship with the package for other
tools to validate dumps against; a test checks that the committed files equal
what the models generate. After changing a model, regenerate them::

    python -m milcoop.schemas
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent


def generated() -> dict[str, str]:
    """File name -> the text each schema file should hold."""
    from milcoop.store.dump_models import json_schemas

    return {name: json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            for name, schema in json_schemas().items()}


def load(name: str) -> dict:
    """A committed schema, by file name."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def main() -> None:
    for name, text in generated().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}")
