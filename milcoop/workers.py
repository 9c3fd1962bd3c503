"""Where extraction runs during an ingest: in the writer's own process, or in worker processes.

An ingest reads and cleans articles and stores them in one process (the one
writer: every report is filed in reading order, so the occasions and ids do
not depend on how extraction was spread). Extraction, nine tenths of the work,
goes to a ``Runner``: ``submit`` a shard of articles, later ``result`` its
extraction records in the same order. ``Inline`` extracts on the spot;
``Processes`` keeps ``window`` shards in flight over local worker processes;
``milcoop.cluster.DaskRunner`` does the same over a Dask cluster.

Worker processes are forked from the writer, so they start with its extractor
(models loaded once, pages shared) and never open the database; where fork is
not available they are spawned and build their own.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol

from .records import Article, ArticleExtraction

Extractor = Callable[[Article], ArticleExtraction]


class Pending(Protocol):
    """A submitted shard: ``result()`` waits for its extraction records (in the shard's order)."""

    def result(self) -> list[ArticleExtraction]: ...


class Runner(Protocol):
    """Extraction of shards of articles, in order, with up to ``window`` shards in flight."""

    window: int

    def submit(self, articles: list[Article]) -> Pending: ...

    def close(self) -> None: ...


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def extract_shard(articles: list[Article], extractor=None) -> list[ArticleExtraction]:
    """The extraction record of every article (the work one task does, in any process).

    One BLAS thread: the models' small matrix products gain nothing from more, and OpenBLAS's idle threads
    spin (measured: 2.4x the CPU per article with two threads), taking the cores other workers need.
    """
    from threadpoolctl import threadpool_limits

    from .api import default_extractor

    use = extractor or _WORKER.get("extractor") or default_extractor()
    with threadpool_limits(limits=1):
        return [use.extract(article) for article in articles]


class _Done:
    def __init__(self, value: list[ArticleExtraction]):
        self.value = value

    def result(self) -> list[ArticleExtraction]:
        return self.value


class Inline:
    """Extraction in the writer's process, one shard at a time (``--workers 1``)."""

    window = 0

    def __init__(self, extractor=None):
        self.extractor = extractor

    def submit(self, articles: list[Article]) -> Pending:
        return _Done(extract_shard(articles, self.extractor))

    def close(self) -> None:
        return None


# The extractor of a worker process, set once when the process starts (``_start``).
# Per-process by nature: each worker holds its own models; the writer never reads it.
_WORKER: dict = {}
ORPHAN_CHECK_S = 1.0


def _start(extractor) -> None:
    _WORKER["extractor"] = extractor
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker once the writer is gone (``kill -9`` leaves no one to shut the pool down)."""
    while True:
        time.sleep(ORPHAN_CHECK_S)
        if os.getppid() != parent:
            os._exit(0)


class Processes:
    """Extraction in ``workers`` local processes; ``window`` shards in flight keep them all busy."""

    def __init__(self, workers: int, extractor=None):
        from .api import default_extractor

        self.window = 2 * workers
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            extractor = extractor or default_extractor()  # inherited by the forked workers, loaded once
        else:  # pragma: no cover - platforms without fork: each worker builds its own
            context, extractor = multiprocessing.get_context("spawn"), None
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start,
                                         initargs=(extractor,))

    def submit(self, articles: list[Article]) -> Future:
        return self._pool.submit(extract_shard, articles)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["Inline", "Pending", "Processes", "Runner", "available_cores", "extract_shard"]
