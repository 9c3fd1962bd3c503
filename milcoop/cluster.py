"""Extraction on a Dask cluster (``milcoop ingest --dask tcp://SCHEDULER:8786`` or ``--dask local``).

Each shard of the input (``batch`` consecutive records of a JSON Lines, WARC
or any other file, cleaned by the writer) is one task; its articles travel to
a worker with the task and its extraction records come back, so workers need
milcoop installed but neither the input files nor the database: only the one
writer stores, into the database the command names (PostgreSQL when the team
shares one). ``window`` shards are in flight, two per worker thread. With
``local``, a ``LocalCluster`` of one single-threaded worker process per core
runs on this machine for the length of the ingest.
"""
from __future__ import annotations

import re

from .errors import ClusterError, InvalidValue
from .records import Article
from .workers import Pending, available_cores, extract_shard

ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+")
CONNECT_TIMEOUT = "20s"


def check_address(address: str) -> str:
    """``local`` or a scheduler address (``tcp://host:8786``); InvalidValue naming --dask otherwise."""
    address = address.strip()
    if address != "local" and not ADDRESS.fullmatch(address):
        raise InvalidValue(f"{address!r} is not a Dask scheduler address: give tcp://HOST:PORT or 'local'",
                           field="dask")
    return address


class DaskRunner:
    """Shards of articles extracted as tasks on a Dask cluster, results in submission order."""

    def __init__(self, address: str, workers: int | None = None, timeout: str = CONNECT_TIMEOUT):
        address = check_address(address)
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a dependency of milcoop
            raise ClusterError(f"--dask needs dask.distributed ({exc})") from exc
        self._cluster = None
        try:
            if address == "local":
                self._cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = sum(self._client.nthreads().values()) or 1
        self.window = 2 * threads

    def submit(self, articles: list[Article]) -> Pending:
        return self._client.submit(extract_shard, articles, pure=False)

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()


__all__ = ["DaskRunner", "check_address"]
