"""Kazakh: capitalised-name candidates, with case suffixes stripped from names."""
from __future__ import annotations

from ..base import Analyser, lang_from_parts


def create():
    return lang_from_parts("kk", Analyser("kk"))
