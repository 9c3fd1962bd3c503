"""How milcoop scales: database size, worker processes, a Dask cluster, a 1 GB stream.

``milcoop benchmark scale`` measures, in one run (the machine may be shared, so
only ratios within a run mean much):

- **growth**: seconds to ingest the same new reports (real texts, extraction
  included) into databases of 0, 10,000 and 100,000 reports, built from
  extraction records (``bench.synthetic``); each size ``rounds`` times, in
  turn, best kept; and the writer's part alone (storing records already
  extracted). On SQLite, and on PostgreSQL with ``--pg``.
- **throughput**: ``milcoop ingest`` of the same articles (the shared corpora,
  or distinct copies of them) with 1 worker, 2 workers and a 2-worker Dask
  ``LocalCluster``, each a fresh process into a fresh database (start-up
  included), ``rounds`` times in turn, best kept; every database must hold
  the same records.
- **stream**: peak RSS of ``milcoop ingest --workers 1`` over a WARC.gz of
  ``stream_mb`` MB: a crawl whose article pages (the corpora's texts) sit
  among images, scripts and styles, as in real crawls.
- **projection**: hours per million reports on this machine, and what each
  added worker brings until the one writer is the limit.
"""
from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from ..reading import read_articles

SIZES = (0, 10_000, 100_000)
NEW = 250
STAMPS = {"created_at", "ingested_at", "extracted_at", "updated_at", "at"}

Say = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


# -- inputs -------------------------------------------------------------------------

def _corpus(shared: Path, names=("train", "dev", "clusters")) -> list[dict]:
    out = []
    for name in names:
        with open(shared / "corpus" / name / "articles.jsonl", encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def distinct_copies(records: list[dict], copies: int, workdir: Path) -> list[dict]:
    """``copies`` versions of every record, each with its own cleaned text (a reference line added);
    a copy whose cleaned text is another's is left out, so every one is a new article to extract."""
    out = [dict(r, id=f"{r['id']}#{k}", text=r["text"] if k == 0 else r["text"].rstrip() + f"\n\nRef. {k + 1}.")
           for k in range(copies) for r in records]
    path = _write_jsonl(workdir / "copies.jsonl", out)
    kept, seen = [], set()
    for record, article in zip(out, read_articles([path])):
        if not isinstance(article, Exception) and article.id not in seen:
            seen.add(article.id)
            kept.append(record)
    path.unlink()
    return kept


# -- databases ----------------------------------------------------------------------

class Databases:
    """Template databases of each size, and fresh copies of them to ingest into (SQLite files or PostgreSQL)."""

    def __init__(self, workdir: Path, pg: str | None = None):
        self.workdir, self.pg = workdir, pg
        self.made: list[str] = []

    @property
    def backend(self) -> str:
        return "postgresql" if self.pg else "sqlite"

    def _pg_url(self, name: str) -> str:
        return self.pg.rsplit("/", 1)[0] + "/" + name

    def _admin(self, sql: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.pg, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    def template(self, size: int, records, say: Say) -> tuple[str, float]:
        """A database of ``size`` synthetic reports; (its URL, seconds to build)."""
        from ..store import open_store
        from .synthetic import build

        if self.pg:
            name = f"milcoop_scale_{size}_{uuid.uuid4().hex[:6]}"
            self._admin(f'CREATE DATABASE "{name}"')
            self.made.append(name)
            url = self._pg_url(name)
        else:
            url = str(self.workdir / f"template-{size}.db")
        start = time.perf_counter()
        with open_store(url) as store:
            if size:
                build(store.engine, records, size, on_batch=lambda n: say(f"  {self.backend}: {n:,} of {size:,}"))
        return url, time.perf_counter() - start

    def fresh(self, template: str) -> str:
        """A new copy of ``template`` to ingest into."""
        if self.pg:
            name = f"milcoop_scale_run_{uuid.uuid4().hex[:6]}"
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template.rsplit("/", 1)[1]}"')
            self.made.append(name)
            return self._pg_url(name)
        copy = self.workdir / f"run-{uuid.uuid4().hex[:6]}.db"
        shutil.copyfile(template, copy)
        return str(copy)

    def drop(self, url: str) -> None:
        if self.pg:
            name = url.rsplit("/", 1)[1]
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.made.remove(name)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(url + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        for name in list(self.made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made.clear()


def growth(shared: Path, workdir: Path, sizes=SIZES, new: int = NEW, rounds: int = 2, pg: str | None = None,
           say: Say = _quiet) -> dict:
    """Seconds to ingest ``new`` real reports into databases of each size (best of ``rounds``), and the writer alone."""
    from ..api import default_extractor, ingest
    from ..extractors import EXTRACTOR_VERSION
    from ..store import open_store
    from .synthetic import templates

    fresh_reports = _corpus(shared, ("train", "dev"))[:new]
    path = _write_jsonl(workdir / "new.jsonl", fresh_reports)
    extractor = default_extractor()
    articles = [a for a in read_articles([path]) if not isinstance(a, Exception)]
    extracted = [(a, extractor.extract(a)) for a in articles]  # also loads every model before timing
    records = templates(shared)
    dbs = Databases(workdir, pg)
    built: dict[int, tuple[str, float]] = {}
    try:
        for size in sizes:
            say(f"{dbs.backend}: building a database of {size:,} reports")
            built[size] = dbs.template(size, records, say)
        seconds = {size: [] for size in sizes}
        store_seconds = {size: [] for size in sizes}
        for r in range(rounds):
            for size in sizes:
                say(f"{dbs.backend}: round {r + 1}: {len(articles)} new reports into {size:,}")
                url = dbs.fresh(built[size][0])
                start = time.perf_counter()
                report = ingest([path], url, extractor=extractor, workers=1)
                seconds[size].append(time.perf_counter() - start)
                dbs.drop(url)
                assert report.new == len(articles), report
                url = dbs.fresh(built[size][0])
                with open_store(url) as store:
                    start = time.perf_counter()
                    for i in range(0, len(extracted), 16):
                        store.store_articles(extracted[i:i + 16], EXTRACTOR_VERSION)
                    store_seconds[size].append(time.perf_counter() - start)
                dbs.drop(url)
    finally:
        dbs.close()  # PostgreSQL databases; SQLite files go with the work folder
    best = {size: min(v) for size, v in seconds.items()}
    best_store = {size: min(v) for size, v in store_seconds.items()}
    top = max(sizes)
    return {"backend": dbs.backend, "new_reports": len(articles), "rounds": rounds,
            "build_seconds": {str(s): round(built[s][1], 1) for s in sizes},
            "ingest_seconds": {str(s): round(best[s], 2) for s in sizes},
            "ingest_seconds_all": {str(s): [round(x, 2) for x in v] for s, v in seconds.items()},
            "store_seconds": {str(s): round(best_store[s], 2) for s in sizes},
            "ratio": round(best[top] / best[0], 3) if 0 in best else None,
            "store_ratio": round(best_store[top] / best_store[0], 3) if 0 in best_store else None}


# -- throughput and equality ----------------------------------------------------------

def _cli(args: list[str], env: dict | None = None) -> tuple[float, int]:
    """Run ``milcoop ARGS`` in a fresh process: (seconds, peak RSS in MB of the largest process of its tree:
    the writer or one worker, not their sum)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run(sys.argv[1:]).returncode; "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
    res = subprocess.run([sys.executable, "-c", probe, sys.executable, "-c", "from milcoop.cli import main; main()",
                          *args], capture_output=True, text=True, env=env)
    seconds, rss_kb, rc = res.stdout.strip().splitlines()[-1].split()
    if int(rc) not in (0, 1):
        raise RuntimeError(f"milcoop {' '.join(args)} failed ({rc}): {res.stderr[-500:]}")
    return float(seconds), round(int(rss_kb) / 1024)


def _dump(db: str) -> list[dict]:
    from ..api import dump

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in STAMPS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    sink = io.StringIO()
    dump(sink, db)
    return [strip(json.loads(line)) for line in sink.getvalue().splitlines()]


def throughput(shared: Path, workdir: Path, copies: int = 1, rounds: int = 2, say: Say = _quiet,
               limit: int | None = None) -> dict:
    """Articles per second with 1 and 2 worker processes and a 2-worker LocalCluster (best of ``rounds``, in
    turn); every run must store the same records."""
    records = distinct_copies(_corpus(shared), copies, workdir)[:limit]
    path = _write_jsonl(workdir / "throughput.jsonl", records)
    runs = {"1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"],
            "LocalCluster, 2 workers": ["--dask", "local", "--workers", "2"]}
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    rss: dict[str, int] = {}
    same: dict[str, bool] = {}
    reference = None
    for r in range(rounds):
        for name, extra in runs.items():
            db = workdir / f"throughput-{uuid.uuid4().hex[:6]}.db"
            say(f"throughput: round {r + 1}: {len(records)} articles, {name}")
            took, peak = _cli(["ingest", str(path), "--db", str(db), "--quiet", *extra])
            seconds[name].append(took)
            rss[name] = max(rss.get(name, 0), peak)
            records_stored = _dump(str(db))
            reference = reference if reference is not None else records_stored
            same[name] = same.get(name, True) and records_stored == reference
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
    out = {name: {"seconds": round(min(v), 2), "articles_per_s": round(len(records) / min(v), 2),
                  "seconds_all": [round(x, 2) for x in v], "peak_rss_mb": rss[name]} for name, v in seconds.items()}
    one = out["1 worker"]["articles_per_s"]
    return {"articles": len(records), "rounds": rounds, "runs": out,
            "speedup_2_workers": round(out["2 workers"]["articles_per_s"] / one, 3),
            "speedup_local_cluster": round(out["LocalCluster, 2 workers"]["articles_per_s"] / one, 3),
            "same_records": {name: same[name] for name in runs if name != "1 worker"},
            "records_compared": len(reference or [])}


# -- a 1 GB stream --------------------------------------------------------------------

def crawl(path: Path, articles: list[dict], megabytes: int, seed: int = 11) -> tuple[int, int]:
    """A WARC.gz of ``megabytes`` MB: the articles as HTML pages among images, scripts and styles.

    Returns (records, article pages). The filler is random bytes (it does not
    compress), so the file's size is what is read.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    target = megabytes * 1_000_000
    kinds = [("image/jpeg", ".jpg", 150_000), ("application/javascript", ".js", 60_000), ("text/css", ".css", 20_000)]
    every = max(1, target // 200_000 // max(1, len(articles)))  # pages spread evenly through the crawl
    records = pages = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        while fh.tell() < target:
            if records % every == 0 and pages < len(articles):
                a = articles[pages]
                body = (f"<html><head><title>{a.get('title') or ''}</title></head><body><article>"
                        + "".join(f"<p>{line}</p>" for line in a["text"].split("\n") if line.strip())
                        + "</article></body></html>").encode("utf-8")
                url, ctype = a.get("url") or f"https://news.example/{a['id']}", "text/html; charset=utf-8"
                pages += 1
            else:
                ctype, ext, size = rng.choice(kinds)
                body = rng.randbytes(rng.randint(size // 2, size * 3 // 2))
                url = f"https://news.example/static/{records}{ext}"
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))
            records += 1
    return records, pages


def stream(shared: Path, workdir: Path, megabytes: int = 1024, say: Say = _quiet, limit: int | None = None) -> dict:
    """Peak RSS of ``milcoop ingest --workers 1`` over a ``megabytes`` MB WARC.gz."""
    path = workdir / "crawl.warc.gz"
    say(f"stream: writing a {megabytes} MB crawl")
    records, pages = crawl(path, _corpus(shared)[:limit], megabytes)
    size = path.stat().st_size
    db = workdir / "stream.db"
    say(f"stream: ingesting {size / 1e6:,.0f} MB ({records:,} records, {pages} article pages)")
    seconds, rss = _cli(["ingest", str(path), "--db", str(db), "--quiet", "--workers", "1"])
    from ..store import open_store

    with open_store(str(db)) as store:
        stored = len(store.article_ids())
    path.unlink(missing_ok=True)
    db.unlink(missing_ok=True)
    return {"format": "warc.gz", "megabytes": round(size / 1e6), "records": records, "article_pages": pages,
            "articles_stored": stored, "seconds": round(seconds, 1), "peak_rss_mb": rss,
            "mb_per_s": round(size / 1e6 / seconds, 1)}


# -- the whole benchmark ----------------------------------------------------------------

def projection(rates: dict, store_seconds: float, new: int) -> dict:
    """Hours per million reports on this machine and with more workers, up to the writer's ceiling."""
    one, two = rates["1 worker"], rates["2 workers"]
    added = max(two - one, 0.0)
    ceiling = new / store_seconds if store_seconds else None

    def hours(rate: float) -> float:
        return round(1_000_000 / rate / 3600, 2)

    by_workers = {}
    for k in (1, 2, 4, 8, 16, 32):
        rate = one + (k - 1) * added
        if ceiling:
            rate = min(rate, ceiling)
        by_workers[str(k)] = hours(rate)
    return {"hours_per_million_one_machine": hours(two), "articles_per_s_per_added_worker": round(added, 2),
            "writer_ceiling_articles_per_s": round(ceiling, 1) if ceiling else None,
            "hours_per_million_by_workers": by_workers}


def run(shared: Path, *, sizes=SIZES, new: int = NEW, rounds: int = 2, pg: str | None = None,
        stream_mb: int = 1024, copies: int = 1, say: Say = _quiet, workdir: Path | None = None,
        limit: int | None = None) -> dict:
    """Every section of the module's docstring; ``stream_mb=0`` leaves the stream out, ``limit`` takes only
    that many articles for the throughput and the stream (a quick run)."""
    import tempfile

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmp = Path(tmp)
        result: dict = {"sizes": list(sizes), "growth": [growth(shared, tmp, sizes, new, rounds, None, say)]}
        if pg:
            result["growth"].append(growth(shared, tmp, sizes, new, rounds, pg, say))
        result["throughput"] = throughput(shared, tmp, copies, rounds, say, limit)
        if stream_mb:
            result["stream"] = stream(shared, tmp, stream_mb, say, limit)
        sqlite = result["growth"][0]
        rates = {k: v["articles_per_s"] for k, v in result["throughput"]["runs"].items()}
        result["projection"] = projection(rates, sqlite["store_seconds"][str(max(sizes))], sqlite["new_reports"])
    return result


__all__ = ["crawl", "distinct_copies", "growth", "projection", "run", "stream", "throughput"]
