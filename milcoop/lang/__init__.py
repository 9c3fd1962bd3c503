"""Language packages. ``get_lang(code)`` imports ``milcoop.lang.<code>`` lazily."""
from __future__ import annotations

import importlib

from .base import Lang

SUPPORTED = ("ru", "kk", "en")


def get_lang(code: str) -> Lang:
    """Build the ``Lang`` of a supported language (loads its models)."""
    if code not in SUPPORTED:
        code = "ru"
    module = importlib.import_module(f"milcoop.lang.{code}")
    return module.create()
