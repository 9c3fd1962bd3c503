"""Reading and writing the learned decisions (one JSON file of named linear models)."""
from __future__ import annotations

import json
from pathlib import Path

from .linear import LinearModel

MODELS = Path(__file__).resolve().parent.parent / "models" / "extraction.json"


def load_models(path: str | Path | None = None) -> dict[str, LinearModel]:
    """The shipped models (``milcoop/models/extraction.json``); none when the file is absent."""
    path = Path(path) if path else MODELS
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: LinearModel.from_json(m) for name, m in data.get("models", {}).items()}


def save_models(models: dict[str, LinearModel], path: str | Path, meta: dict | None = None) -> None:
    data = {"meta": meta or {}, "models": {name: m.to_json() for name, m in sorted(models.items())}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
