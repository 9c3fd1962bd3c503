"""Where the shared corpora and reference scorers live (``../shared`` by default)."""
from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """``$MILCOOP_SHARED``, else ``shared/`` beside the repository, else beside the cwd."""
    env = os.environ.get("MILCOOP_SHARED")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2]
    for candidate in (repo.parent / "shared", Path.cwd().parent / "shared"):
        if candidate.exists():
            return candidate
    return repo.parent / "shared"
