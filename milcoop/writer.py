"""The one writer of an ingest: read in order, extract anywhere, store in order.

Articles are read and cleaned here (cleaning gives an article its id, so what
is already stored is known before any extraction is spent on it), grouped
into shards of ``batch`` articles and submitted to a ``workers.Runner``. Up
to ``runner.window`` shards are in flight; the oldest is stored first, one
transaction per shard, so the database sees exactly the sequence a
single-process ingest writes: the same events, occasions and ids whatever
ran the extraction. Memory holds the shards in flight, never the input: the
readers stream their files.

An ingest stopped at any point (Ctrl-C, ``kill -9``) leaves whole shards
only; running it again skips what is stored (no extraction) and goes on.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError
from .records import Article, ArticleExtraction
from .workers import Pending, Runner


@dataclass
class IngestReport:
    """What an ingest did: articles read, newly stored, found stored before, events, bad inputs."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    events: int = 0
    errors: list[InputError] = field(default_factory=list)


@dataclass
class _Shard:
    articles: list[Article]
    todo: list[Article]  # the ones to extract (not stored, not earlier in this run)
    pending: Pending | None


def shards(items: Iterable[Article | InputError], size: int, report: IngestReport) -> Iterator[list[Article]]:
    """The articles of ``items`` in lists of ``size``; errors go to ``report`` as they are met."""
    shard: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            report.errors.append(item)
            continue
        report.read += 1
        shard.append(item)
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard


def write(items: Iterable[Article | InputError], store, runner: Runner, version: str, *, batch: int,
          on_article: Callable[[Article], None] | None = None) -> IngestReport:
    """Extract through ``runner`` and store every article of ``items`` in order; see the module's docstring."""
    report = IngestReport()
    window: deque[_Shard] = deque()
    in_flight: set[str] = set()

    def store_oldest() -> None:
        shard = window.popleft()
        done = dict(zip((a.id for a in shard.todo), shard.pending.result())) if shard.pending else {}
        pairs: list[tuple[Article, ArticleExtraction | None]] = []
        for article in shard.articles:
            pairs.append((article, done.pop(article.id, None)))
        for stored in store.store_articles(pairs, version):
            report.new += int(stored.stored)
            report.duplicates += int(not stored.stored)
            report.events += stored.events
        in_flight.difference_update(a.id for a in shard.todo)
        if on_article:
            for article in shard.articles:
                on_article(article)

    for articles in shards(items, batch, report):
        stored = store.extracted([a.id for a in articles])
        todo: list[Article] = []
        for article in articles:
            if article.id not in stored and article.id not in in_flight:
                todo.append(article)
                in_flight.add(article.id)
        window.append(_Shard(articles, todo, runner.submit(todo) if todo else None))
        while len(window) > runner.window:
            store_oldest()
    while window:
        store_oldest()
    return report


__all__ = ["IngestReport", "shards", "write"]
