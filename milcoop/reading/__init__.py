"""Ingest: read files into raw documents, clean them into Articles.

``read_articles(paths)`` runs the whole stage; ``iter_documents``, ``clean``
and ``detect_dateline`` are its steps.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from milcoop.errors import InputError
from milcoop.reading.clean import clean
from milcoop.reading.dateline import Dateline, detect_dateline
from milcoop.reading.readers import iter_documents
from milcoop.records import Article

__all__ = ["Dateline", "clean", "detect_dateline", "iter_documents", "read_articles"]


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    text_column: str | None = None,
    max_bytes: int = 20_000_000,
    on_bytes=None,
) -> Iterator[Article | InputError]:
    """Yield a cleaned Article per article in ``paths``, or the InputError that stopped it.

    ``on_bytes(n)`` hears how many bytes of input each step consumed (for progress bars)."""
    for item in iter_documents(paths, text_column=text_column, max_bytes=max_bytes, on_bytes=on_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield clean(item)
        except InputError as exc:
            yield exc
