"""Sign-in throttling: exponential lockouts per account and per client, and a cap on concurrent hashing.

After ``free`` failed sign-ins in a row, an account (or a client address) is
locked for ``base`` seconds, then twice as long after each further failure,
up to ``cap``. While locked, sign-in is refused with 429
before any password is checked, so guessing costs the attacker time and the
server nothing. A success clears both counters; a key with no failure for
``forget`` seconds starts again from zero. The state lives in one object per
app (one process: ``milcoop serve``); it is bounded to ``max_keys`` entries.

Each scrypt hash takes 128 MiB, so at most ``hashing`` sign-ins hash at once.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


@dataclass(frozen=True)
class Lockout:
    """A lock that started: what it applies to, after how many failures, for how long."""

    key: str
    failures: int
    seconds: float


class SignInThrottle:
    """Failure counters and lockouts for sign-in keys such as ``account:alice`` and ``client:10.0.0.1``."""

    def __init__(self, *, free: dict[str, int] | None = None, base: float = 1.0, cap: float = 900.0,
                 forget: float = 24 * 3600.0, max_keys: int = 10_000, hashing: int = 2,
                 clock: Callable[[], float] = time.monotonic):
        # failures that start the first lock, per kind of key (the part before ':')
        self.free = {"account": 5, "client": 10, **(free or {})}
        self.base, self.cap, self.forget, self.max_keys = base, cap, forget, max_keys
        self.clock = clock
        self.hashing = threading.BoundedSemaphore(hashing)
        self._keys: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def _entry(self, key: str, now: float) -> _Failures | None:
        entry = self._keys.get(key)
        if entry is not None and now - entry.last > self.forget and entry.locked_until <= now:
            del self._keys[key]
            return None
        return entry

    def wait(self, keys: list[str]) -> float:
        """Seconds until every one of ``keys`` may try again (0: sign-in may go ahead)."""
        with self._lock:
            now = self.clock()
            entries = [self._entry(k, now) for k in keys]
            return max([e.locked_until - now for e in entries if e] + [0.0])

    def failed(self, keys: list[str]) -> list[Lockout]:
        """Count a failed sign-in against each key; the lockouts this failure starts."""
        started = []
        with self._lock:
            now = self.clock()
            for key in keys:
                entry = self._entry(key, now) or _Failures()
                entry.count += 1
                entry.last = now
                beyond = entry.count - self.free.get(key.partition(":")[0], 5)
                if beyond >= 0:
                    seconds = min(self.cap, self.base * 2 ** min(beyond, 60))
                    entry.locked_until = now + seconds
                    started.append(Lockout(key, entry.count, seconds))
                self._keys[key] = entry
                self._keys.move_to_end(key)
            while len(self._keys) > self.max_keys:
                self._keys.popitem(last=False)
        return started

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._keys.pop(key, None)
