"""Caches of one store's reads: derived reads per store revision, and values that never change.

The server lists every occasion for each request; recomputing that for
twenty readers at once saturates a small machine. ``Memo`` keeps such a
derived read until the store's revision moves (any write, by any process:
``Store.write`` counts them in ``store_revision``), and lets concurrent
callers after a write wait for one computation rather than each running
their own. ``Lru`` keeps values that cannot go stale (an article's title:
its id is its text's hash). Both are bounded and thread-safe; each belongs
to one ``Store``.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class Lru(Generic[K, V]):
    """A bounded mapping that forgets the least recently used entries first."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: list[K]) -> dict[K, V]:
        with self._lock:
            found = {k: self._items[k] for k in keys if k in self._items}
            for k in found:
                self._items.move_to_end(k)
            return found

    def put_many(self, items: dict[K, V]) -> None:
        with self._lock:
            self._items.update(items)
            for k in items:
                self._items.move_to_end(k)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class Memo:
    """Results of computations by key, each valid for the store revision it was computed at (or later ones
    until a write)."""

    def __init__(self, size: int):
        self._results: Lru[Hashable, tuple[int, object]] = Lru(size)
        self._computing: dict[tuple[Hashable, int], Future] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, revision: int, compute: Callable[[], T]) -> T:
        """The result for ``key`` at ``revision``: cached, awaited from a caller computing it, or computed."""
        with self._lock:
            hit = self._results.get_many([key]).get(key)
            if hit is not None and hit[0] >= revision:
                return hit[1]  # type: ignore[return-value]
            pending = self._computing.get((key, revision))
            mine = pending is None
            if mine:
                pending = self._computing[(key, revision)] = Future()
        if not mine:
            return pending.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                self._computing.pop((key, revision), None)
            pending.set_exception(exc)
            raise
        with self._lock:  # cached before the computation is forgotten: no gap for a second one
            held = self._results.get_many([key]).get(key)
            if held is None or held[0] <= revision:
                self._results.put_many({key: (revision, value)})
            self._computing.pop((key, revision), None)
        pending.set_result(value)
        return value
