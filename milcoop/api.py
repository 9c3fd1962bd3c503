"""The Python API. Each CLI command is a thin wrapper over a function here.

    >>> import milcoop
    >>> record = milcoop.extract("Министр обороны Казахстана ... встретился ...")
    >>> record.events[0].participants
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .errors import InputError, InvalidValue, MilcoopError
from .records import Article, ArticleExtraction, RawDocument
from .writer import IngestReport


@lru_cache(maxsize=1)
def default_extractor():
    """One Extractor per process: the models load once and are reused."""
    from .extractors import Extractor

    return Extractor()


def extract(text: str, *, lang: str | None = None, url: str | None = None, title: str | None = None,
            published: str | None = None, id: str | None = None, extractor=None) -> ArticleExtraction:
    """Extract the events of one article's text (cleaned first, like an ingested file)."""
    from .reading import clean

    raw = RawDocument(source=id or "<text>", external_id=id, text=text, url=url, title=title,
                      lang=lang, published=published)
    article = clean(raw)
    return (extractor or default_extractor()).extract(article)


def extract_article(article: Article, extractor=None) -> ArticleExtraction:
    return (extractor or default_extractor()).extract(article)


def read_articles(paths: Iterable[str | Path], on_bytes=None) -> Iterator[Article | InputError]:
    """Cleaned articles from files, folders, JSON Lines, CSV, HTML, WARC and RSS/Atom; errors as values."""
    from .reading import read_articles as _read

    yield from _read([str(p) for p in paths], on_bytes=on_bytes)


def extract_file(path: str | Path, extractor=None, on_bytes=None) -> Iterator[ArticleExtraction | InputError]:
    """Schema records for every article of a corpus file (no database), with one BLAS thread as the
    ingest workers have (``workers.extract_shard``: OpenBLAS's idle threads spin and cost CPU)."""
    from threadpoolctl import threadpool_limits

    for item in read_articles([path], on_bytes=on_bytes):
        if isinstance(item, InputError):
            yield item
        else:
            with threadpool_limits(limits=1):
                record = extract_article(item, extractor)
            yield record


# Articles extracted before one write transaction stores them all. Extraction (about 0.1 s an
# article) runs outside any transaction; a batch's write holds SQLite's write lock for well under
# a second, so review writes queued behind it wait briefly, and a stopped ingest loses at most
# the batches in flight, never part of an article. A batch is also the unit of work sent to a
# worker process or a Dask task.
INGEST_BATCH = 16


def runner(workers: int | None = None, dask: str | None = None, extractor=None):
    """Where extraction runs: a Dask cluster (``dask``: an address, or 'local' for ``workers`` processes,
    default one per core), ``workers`` local processes, or this process (``workers`` 1 or None)."""
    from .validate import at_least
    from .workers import Inline, Processes

    if workers is not None:
        workers = at_least(workers, 1, "workers")
    if dask:
        from .cluster import DaskRunner

        return DaskRunner(dask, workers)
    return Processes(workers, extractor) if workers and workers > 1 else Inline(extractor)


def ingest(paths: Iterable[str | Path], db: str | None = None, *, extractor=None,
           on_article=None, batch: int = INGEST_BATCH, workers: int | None = None, dask: str | None = None,
           on_bytes=None) -> IngestReport:
    """Read, clean, extract and store articles; re-ingesting the same article is a no-op.

    Extraction runs in this process (``workers`` None or 1), in ``workers`` local
    processes, or on a Dask cluster (``dask``: 'tcp://HOST:8786' or 'local');
    one writer stores the articles in reading order either way, so the stored
    events, occasions and ids are the same (``milcoop.writer``). Articles are
    stored ``batch`` at a time, each batch in one transaction (retried if
    another writer holds the database), so an ingest stopped at any point can
    simply be run again: what was stored counts as ``duplicates`` (already
    stored, not extracted again), the rest is stored as ``new``.
    ``on_article(article)`` hears each stored article, ``on_bytes(n)`` each
    step of reading (bytes of input).
    """
    from .extractors import EXTRACTOR_VERSION
    from .reading import read_articles as _read
    from .store import open_store
    from .validate import at_least
    from .writer import write

    batch = at_least(batch, 1, "batch")
    with open_store(db) as store:
        work = runner(workers, dask, extractor)
        try:
            items = _read([str(p) for p in paths], on_bytes=on_bytes)
            return write(items, store, work, EXTRACTOR_VERSION, batch=batch, on_article=on_article)
        finally:
            work.close()


def reextract(db: str | None = None, *, extractor=None, on_article=None, on_total=None) -> int:
    """Re-run extraction on every stored article; replaces machine output only.

    ``on_total(n)`` hears how many articles there are, ``on_article`` each one done."""
    from .extractors import EXTRACTOR_VERSION
    from .store import open_store

    count = 0
    with open_store(db) as store:
        ids = store.article_ids()
        if on_total:
            on_total(len(ids))
        for article_id in ids:
            article = store.get_article(article_id)
            record = extract_article(article, extractor)
            count += len(store.save_extraction(article_id, record, EXTRACTOR_VERSION))
            if on_article:
                on_article(article)
    return count


def occasions(db: str | None = None, *, country: str | None = None, partner: str | None = None,
              type: str | None = None, date_from: str | None = None, date_to: str | None = None,
              text: str | None = None, reviewed: str | None = None, sort: str = "-date",
              include_undated: bool = False):
    """The occasions matching the filters as every reader shows them (``milcoop.corrected.Listing``):
    reports merged, review applied (rejected ones only with ``reviewed='rejected'`` or ``'all'``),
    titled from their facts; ``undated`` counts the undated ones a date filter leaves out unless
    ``include_undated``. Dates take a year, a month or a day (``2012``, ``2012-07``, ``2012-07-15``)."""
    from .corrected import Corrected
    from .store import open_store
    from .validate import choice, iso_date

    checked = {"date_from": date_from and iso_date(date_from, "from"), "date_to": date_to and iso_date(date_to, "to")}
    if type:
        from .schema import EVENT_TYPES

        choice(type, EVENT_TYPES, "type")
    with open_store(db) as store:
        try:
            return Corrected(store).listing(country=country, partner=partner, type=type, text=text,
                                            reviewed=reviewed, sort=sort, include_undated=include_undated,
                                            **checked)
        except MilcoopError:
            raise
        except ValueError as exc:  # a bad ``reviewed`` or ``sort``: the message names it
            raise InvalidValue(str(exc)) from None


def events(db: str | None = None, *, reports: bool = False, limit: int | None = None, **filters):
    """Stored occasions (``OccasionView``: one per occasion, as ``occasions`` lists them) or, with
    ``reports=True``, every report as extracted (``EventRow``; no review applied).

    Filters: country, partner, type, date_from, date_to, text, reviewed, sort, include_undated; limit.
    """
    if reports:
        from .store import open_store

        filters.pop("include_undated", None)
        with open_store(db) as store:
            return store.events(limit=limit, **filters)
    items = occasions(db, **filters).items
    return items[:limit] if limit else items


def event(event_id: str, db: str | None = None) -> dict | None:
    """One occasion (by its id or a report's event id) as ``GET /api/events/{id}`` gives it: the merged,
    corrected record, its title, review state, corrections, reports and where the reports disagree."""
    from .corrected import Corrected
    from .store import open_store

    with open_store(db) as store:
        return Corrected(store).detail(event_id)


def article(article_id: str, db: str | None = None) -> dict | None:
    """An article (by id or external id) with the span of every stored fact (``GET /api/articles/{id}``)."""
    from .store import open_store

    with open_store(db) as store:
        return store.article_record(article_id)


def export(db: str | None = None, format: str = "json", network: str = "partners", of: str = "records",
           **filters) -> str | bytes:
    """The stored records, review applied: JSON Lines (the schema) or CSV (one row per event) as text;
    Parquet (events table) or GraphML (``network``: partners or persons) as bytes; ``jsonl``: a full
    dump as text (``dump`` streams it). ``of="occasions"`` (JSON or CSV): one row per occasion, as
    ``occasions(**filters)`` lists them. See ``milcoop.exports``."""
    from .exports import export_bytes

    data = export_bytes(db, format, network, of=of, filters=filters or None)
    return data.decode("utf-8") if format in ("json", "csv", "jsonl") else data


def dump(sink, db: str | None = None):
    """Write a full dump (``export --format jsonl``) to the text stream ``sink``; return counts by record kind."""
    from .store import open_store
    from .store.dump import write_dump

    with open_store(db) as store:
        return write_dump(store, sink)


def import_dump(path: str | Path, db: str | None = None):
    """Read a full dump into a database holding no records yet (all or nothing); return counts by record kind."""
    from .errors import InputError, InvalidValue, MilcoopError
    from .store import open_store
    from .store.dump import read_dump

    if not Path(path).is_file():
        raise InputError("no such file", source=str(path))
    with open_store(db) as store:
        return read_dump(store, Path(path))


def backup(path: str | Path, db: str | None = None, *, force: bool = False):
    """Copy the SQLite database to ``path`` while in use (``BackupUnsupported`` for PostgreSQL)."""
    from .store.backup import backup as _backup

    return _backup(db, path, force=force)


def restore(path: str | Path, db: str | None = None, *, force: bool = False):
    """Replace the SQLite database with the backup at ``path`` (``NotEmpty`` over records unless ``force``)."""
    from .store.backup import restore as _restore

    return _restore(db, path, force=force)


def to_pandas(db: str | None = None, table: str = "events"):
    """The ``events`` or ``participants`` table as a pandas DataFrame (needs ``milcoop[analysis]``)."""
    from .exports import to_pandas as _to_pandas

    return _to_pandas(db, table)


def people(db: str | None = None, *, role: str | None = None, country: str | None = None,
           on: str | None = None) -> dict:
    """Who held which office when: ``tenures`` (each on ``basis`` 'reference' or 'news') and ``flags``
    (sightings the officials reference contradicts); with ``on``, only the holders that day."""
    from .errors import InvalidValue
    from .store import open_store
    from .validate import iso_date

    if on and not role:
        raise InvalidValue("needs a role (and usually a country): who held which office?", field="on")
    if on:
        on = iso_date(on, "on")
    with open_store(db) as store:
        return store.people(role=role, country=country, on=on)


def person(query: str, db: str | None = None) -> list[dict]:
    """Dossiers of the persons whose spellings match ``query`` (any script), review applied (as
    ``GET /api/people/{id}``: corrected names, occasions as listed)."""
    from .corrected import Corrected
    from .store import open_store

    with open_store(db) as store:
        corrected = Corrected(store)
        return [corrected.person(store.dossier(p["id"])) for p in store.find_persons(query)]


def documents(db: str | None = None, *, country: str | None = None, partner: str | None = None,
              type: str | None = None, status: str | None = None, year: int | str | None = None,
              sort: str = "-date") -> list:
    """The documents register, review applied: each plan, program or agreement once, with its name as
    reported and its status history (each status with its date and quote). ``year``: a status dated that
    year or a period covering it; ``status``: reached at some point; ``sort``: -date, date, type, status
    or parties. See ``milcoop.documents``."""
    from .corrected import Corrected
    from .documents import Filters
    from .documents import documents as register
    from .store import open_store

    filters = Filters.of(country, partner, type, status, year, sort)
    with open_store(db) as store:
        return register(Corrected(store), filters)
