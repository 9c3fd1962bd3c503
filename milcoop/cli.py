"""The command line: thin typer wrappers over ``milcoop.api``; only this module prints.

No input ends in a traceback: an option's value is checked as it is parsed
(``milcoop.validate``; a bad one is a usage error, exit code 2), milcoop's
own errors are printed with their code (exit code 2, or 1 when some inputs
of a batch failed), and ``main`` catches what nothing foresaw.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.markup import escape
from rich.text import Text

from . import api, validate
from .cluster import check_address
from .errors import InputError, MilcoopError
from .documents import SORTS as DOCUMENT_SORTS
from .exports import EXPORTS_OF, FORMATS, NETWORKS
from .progress import by_bytes, by_count
from .schema import DOCUMENT_STATUSES, DOCUMENT_TYPES, EVENT_TYPES, ROLES
from .workers import available_cores

app = typer.Typer(help="milcoop: news about military diplomacy -> a record of who met whom, "
                       "when, where and what they signed.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
bench_app = typer.Typer(help="Quality and speed benchmarks (run from the README).", no_args_is_help=True)
app.add_typer(bench_app, name="benchmark")

out = Console()
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", envvar="MILCOOP_DB",
                        help="SQLite file or database URL (default ./milcoop.db).")


def _fail(exc: Exception) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(2)


def _checked(check: Callable[[str], str]) -> Callable[[Optional[str]], Optional[str]]:
    """A typer callback running one of ``milcoop.validate``'s checks: a bad value is a usage error."""
    def callback(value: Optional[str]) -> Optional[str]:
        if value is None:
            return None
        try:
            return check(value)
        except MilcoopError as exc:
            raise typer.BadParameter(exc.message) from None
    return callback


def _one_of(allowed) -> Callable[[Optional[str]], Optional[str]]:
    return _checked(lambda v: validate.choice(v, allowed))


DATE = _checked(validate.iso_date)
COUNTRY = _checked(validate.country)


def main() -> None:
    """The ``milcoop`` program. Anything unforeseen is one line, not a traceback (``MILCOOP_DEBUG=1`` shows it)."""
    try:
        app()
    except Exception as exc:  # noqa: BLE001 - the last guard: typer handled usage errors already
        if os.environ.get("MILCOOP_DEBUG"):
            raise
        err.print(f"[red]error:[/red] unexpected {type(exc).__name__}: {exc} "
                  "(a bug in milcoop: run again with MILCOOP_DEBUG=1 to see where, and report it)", highlight=False)
        sys.exit(1)


QuietOption = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary (for scripts); "
                                                           "errors are still printed")


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or folders: .txt, .jsonl, .csv, .html, .warc, "
                                                        ".warc.gz, .rss, .atom"),
           batch: int = typer.Option(api.INGEST_BATCH, min=1, help="Articles stored per transaction (and sent "
                                                                   "to a worker per task)"),
           workers: int = typer.Option(available_cores(), min=1, help="Worker processes that extract (default: "
                                                                     "the cores available); one writer stores"),
           dask: Optional[str] = typer.Option(None, "--dask", help="Extract on a Dask cluster: its scheduler "
                                                                 "(tcp://HOST:8786), or 'local' for one on "
                                                                 "this machine with --workers processes"),
           quiet: bool = QuietOption,
           db: Optional[str] = DbOption):
    """Read, clean, extract and store articles. Re-running on the same files (even after an
    interrupted run) is safe: what is stored counts as already stored and is not extracted again."""
    from .reading.readers import input_size

    try:
        if dask:
            check_address(dask)
        with by_bytes(err, quiet) as progress:
            task = progress.add_task("ingesting", total=input_size(paths) or None, articles=0)
            stored = 0

            def on_article(_):
                nonlocal stored
                stored += 1
                progress.update(task, articles=stored)

            report = api.ingest(paths, db, on_article=on_article, batch=batch, workers=workers, dask=dask,
                                on_bytes=lambda n: progress.advance(task, n))
    except MilcoopError as exc:
        _fail(exc)
    for e in report.errors:
        err.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
    if not quiet:
        out.print(f"{report.read} articles read: {report.new} new, {report.duplicates} already stored, "
                  f"{report.events} events extracted, {len(report.errors)} errors")
    if report.errors:
        raise typer.Exit(1)


@app.command()
def reextract(quiet: bool = QuietOption, db: Optional[str] = DbOption):
    """Re-run extraction on stored articles (machine output only; reviews are kept)."""
    try:
        with by_count(err, quiet) as progress:
            task = progress.add_task("re-extracting", total=None, articles=0)
            n = api.reextract(db, on_total=lambda total: progress.update(task, total=total),
                              on_article=lambda a: progress.update(task, advance=1,
                                                                   articles=progress.tasks[task].completed + 1))
    except MilcoopError as exc:
        _fail(exc)
    if not quiet:
        out.print(f"{n} events extracted")


@app.command("extract")
def extract_cmd(articles: Path = typer.Argument(..., help="Corpus-format JSON Lines (id, text, url, ...)"),
                output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write records here"),
                quiet: bool = QuietOption):
    """Extract one schema record per article, without any database (what the scorer reads)."""
    from .reading.readers import input_size

    try:
        sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    failed = 0
    try:
        with by_bytes(err, quiet) as progress:
            task = progress.add_task("extracting", total=input_size([articles]) or None, articles=0)
            for item in api.extract_file(articles, on_bytes=lambda n: progress.advance(task, n)):
                if isinstance(item, InputError):
                    failed += 1
                    err.print(f"[red]error:[/red] {item}", highlight=False, soft_wrap=True)
                    continue
                sink.write(json.dumps(item.model_dump(), ensure_ascii=False) + "\n")
                progress.update(task, articles=progress.tasks[task].fields["articles"] + 1)
    finally:
        if output:
            sink.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def events(country: Optional[str] = typer.Option(None, help="Events involving this country (alpha-2)",
                                                 callback=COUNTRY),
           partner: Optional[str] = typer.Option(None, help="... together with this country", callback=COUNTRY),
           type: Optional[str] = typer.Option(None, "--type", help="visit, meeting, signing, ...",
                                              callback=_one_of(EVENT_TYPES)),
           date_from: Optional[str] = typer.Option(None, "--from", help="A year, month or day: 2012, 2012-07, "
                                                   "2012-07-15 (inclusive)", callback=DATE),
           date_to: Optional[str] = typer.Option(None, "--to", help="A year, month or day (inclusive)",
                                                 callback=DATE),
           include_undated: bool = typer.Option(False, "--include-undated",
                                                help="Also list the undated occasions a date filter leaves out"),
           search: Optional[str] = typer.Option(None, "--search", "-q", help="Text search",
                                                callback=_checked(validate.search)),
           reviewed: Optional[str] = typer.Option(None, "--reviewed", help="all, confirmed, rejected or unreviewed "
                                                  "(default: all but rejected)",
                                                  callback=_one_of(("all", "confirmed", "rejected", "unreviewed"))),
           limit: int = typer.Option(100, min=1, help="At most this many rows"),
           reports: bool = typer.Option(False, "--reports", help="Every report as extracted, not one row per occasion"),
           wide: bool = typer.Option(False, "--wide", help="More columns (for a wide terminal)"),
           as_json: bool = typer.Option(False, "--json", help="JSON Lines instead of a table"),
           db: Optional[str] = DbOption):
    """List stored occasions, one row each (reports merged, review applied), newest first."""
    filters = dict(country=country, partner=partner, type=type, date_from=date_from, date_to=date_to, text=search)
    try:
        if reports:
            rows, found = api.events(db, reports=True, limit=limit, **filters), None
        else:
            found = api.occasions(db, reviewed=reviewed, include_undated=include_undated, **filters)
            rows = found.items[:limit]
    except MilcoopError as exc:
        _fail(exc)
    if as_json:
        for r in rows:
            sys.stdout.write((json.dumps(r.row(), ensure_ascii=False) if found else r.model_dump_json()) + "\n")
    elif not rows:
        out.print("no occasions match these filters" if found is not None else "no reports match these filters")
    elif found is None:
        out.print(_reports_table(rows))
    else:
        out.print(_occasions_table(rows, len(found.items), wide))
    if found is not None and found.undated and not found.undated_included:
        err.print(f"{found.undated} undated {'occasion' if found.undated == 1 else 'occasions'} "
                  "also match the other filters (--include-undated lists them)", highlight=False)


def _occasions_table(views, total: int, wide: bool) -> Table:
    """Occasions as a table that fits 80 columns: the title wraps; ``wide`` adds type, place and participants."""
    shown = f"{len(views)} of {total}" if len(views) < total else str(total)
    table = Table(title=f"{shown} occasions", show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=1, min_width=20, overflow="fold")
    if wide:
        table.add_column("type")
        table.add_column("place")
        table.add_column("participants")
    table.add_column("src", justify="right", no_wrap=True)
    for v in views:
        cells = [v.id, v.date or "–", v.title]
        if wide:
            cells += [", ".join(v.types), " ".join(x for x in (v.city, v.country) if x) or "–",
                      "\n".join(v.participants) or "–"]
        table.add_row(*cells, str(v.sources))
    return table


def _reports_table(rows) -> Table:
    table = Table(title=f"{len(rows)} reports", show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("type")
    table.add_column("countries")
    table.add_column("article", ratio=1, min_width=16, overflow="fold")
    for r in rows:
        table.add_row(r.id, r.date or "–", ", ".join(r.types), " ".join(r.countries),
                      r.title or r.external_id or r.article_id)
    return table


@app.command()
def show(event_id: str = typer.Argument(..., help="An occasion id (oc-…) or a report's event id (ev-…)"),
         as_json: bool = typer.Option(False, "--json", help="The occasion as JSON (as GET /api/events/ID)"),
         db: Optional[str] = DbOption):
    """One occasion (reports merged, review applied) and the evidence of a report: the sentences its facts
    rest on, then the article with them highlighted (the report given, else the first)."""
    try:
        detail = api.event(event_id, db)
        if detail is None:
            err.print(f"[red]error:[/red] no occasion or event {event_id!r}")
            raise typer.Exit(2)
        report = next((r for r in detail["reports"] if r["event_id"] == event_id), None) or \
            (detail["reports"][0] if detail["reports"] else None)
        article = api.article(report["article_id"], db) if report else None
    except MilcoopError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(detail, ensure_ascii=False))
        return
    ev = detail["event"]
    loc = ev.get("location") or {}
    place = ", ".join(x for x in (loc.get("city"), loc.get("country")) if x) or "place unknown"

    def say(text: str) -> None:  # data, not markup: a name or quote may hold [brackets]
        out.print(text, highlight=False, markup=False)

    out.print(Text(detail["title"], style="bold"))
    say(f"{detail['id']}  {', '.join(ev['type']) or '–'}  {ev.get('date') or 'date unknown'}  {place}")
    say(f"{detail['sources']} {'source' if detail['sources'] == 1 else 'sources'}, review: "
        f"{detail['review_state'] or 'none'}{' (corrected)' if detail['corrected'] else ''}")
    say(f"countries: {', '.join(ev['countries']) or '–'}   orgs: {', '.join(ev['orgs']) or '–'}")
    for p in ev["participants"]:
        say(f"  person: {p['name']} ({p.get('country') or '?'}, {p.get('role')}, {p.get('rank') or '-'})")
    for doc in ev["documents"]:
        say(f"  document: {doc['type']} {doc.get('period') or ''} {doc['status']}")
    for x in ev["exercises"]:
        say(f"  exercise: {x['name']} ({x['status']})")
    say(f"  areas: {', '.join(ev['areas']) or '–'}")
    if not article:
        return
    facts = [f for f in article["facts"] if f["event_id"] == report["event_id"]]
    spans: dict[tuple[int, int], list[str]] = {}
    for f in facts:  # one line per quoted sentence, naming every fact it supports
        spans.setdefault((f["start"], f["end"]), []).append(f["label"] if f["kind"] != "event" else "event")
    out.print(f"[bold]evidence[/bold] of {report['event_id']}")
    for (start, end), labels in spans.items():
        quote = article["text"][start:end].replace("\n", " ")
        say(f"  [{start}:{end}] {', '.join(dict.fromkeys(labels))}: {quote}")
    out.rule(article.get("title") or article.get("url") or article.get("id"))
    text = Text(article["text"])
    for f in facts:
        text.stylize("bold black on yellow", f["start"], f["end"])
    out.print(text)


@app.command("people")
def people_cmd(role: Optional[str] = typer.Option(None, help="defense_minister, head_of_state, ...",
                                                 callback=_one_of(ROLES)),
               country: Optional[str] = typer.Option(None, help="alpha-2 code", callback=COUNTRY),
               on: Optional[str] = typer.Option(None, help="Only who held the office on this ISO date (needs --role)",
                                                callback=DATE),
               wide: bool = typer.Option(False, "--wide", help="Also when each was seen, and how often"),
               as_json: bool = typer.Option(False, "--json"),
               db: Optional[str] = DbOption):
    """Who held which office when: from the officials reference where it records the office, from the
    news where it does not (the 'basis' column says which); sightings the reference contradicts are flagged."""
    try:
        result = api.people(db, role=role, country=country, on=on)
    except (MilcoopError, ValueError) as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    table = Table(title="holders on " + on if on else "positions over time")
    for c in ("person", "role", "country", "term", "basis") + (("seen", "sightings") if wide else ()):
        table.add_column(c, no_wrap=c == "country")
    for t in result["tenures"]:
        row = [t["name"], t["role"].replace("_", " "), t["country"] or "–", _term(t), t["basis"]]
        if wide:
            row += [f"{t['first_seen']} .. {t['last_seen']}" if t["first_seen"] else "–", str(t["observations"])]
        table.add_row(*row)
    out.print(table)
    for f in result["flags"]:
        out.print(_flagged(f), highlight=False)


def _term(t: dict) -> str:
    """A tenure's span as the reference gives it; an end nobody knows stays unknown."""
    if t["basis"] == "news":
        return "unknown"
    end = t["end"] or ("in office" if t["in_office"] else "unknown")
    return f"{t['start'] or 'unknown'} – {end}"


def _flagged(f: dict) -> str:
    office = f"{f['role'] or 'no office'} of {f['country'] or '?'}"
    return f"[yellow]flagged ({f['kind']}):[/yellow] {f['name']} as {office} on {f['date'] or 'no date'} " \
           f"({f['event_id']}): {f['reason']}"


@app.command("person")
def person_cmd(name: str = typer.Argument(..., help="Any spelling: Жаксылыков, Жақсылықов, Zhaksylykov"),
               as_json: bool = typer.Option(False, "--json"),
               db: Optional[str] = DbOption):
    """A person's dossier: spellings, offices (the reference's and as seen), occasions with partners,
    documents signed; sightings the officials reference contradicts are flagged."""
    try:
        found = api.person(name, db)
    except MilcoopError as exc:
        _fail(exc)
    if not found:
        err.print(f"[red]error:[/red] nobody called {name!r} in the store")
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(found, ensure_ascii=False))
        return
    for d in found:
        out.rule(f"{d['name']} ({d['country'] or '?'})  {d['id']}")
        out.print("spellings: " + ", ".join(d["spellings"]))
        if d["reference"]:
            out.print(f"officials reference: {d['reference']['id']}")
        for t in d["tenures"]:
            seen = f", seen {t['first_seen']} .. {t['last_seen']} ({t['observations']})" if t["first_seen"] else ""
            out.print(f"  {t['role']} of {t['country'] or '?'}: {_term(t)} [{t['basis']}]{seen}", highlight=False)
        for f in d["flags"]:
            out.print("  " + _flagged(f), highlight=False)
        table = Table(title="occasions")
        table.add_column("date", no_wrap=True)
        table.add_column("occasion", ratio=2)
        table.add_column("partners", ratio=1)
        table.add_column("reports", justify="right")
        for o in d["occasions"]:
            table.add_row(o["date"] or "–", o.get("title") or ", ".join(o["types"]) + " " + " ".join(o["countries"]),
                          "\n".join(o["partners"]) or "–", str(o["reports"]))
        out.print(table)
        for doc in d["documents"]:
            out.print(f"  signed: {doc['type']} {doc['period'] or ''} ({' '.join(doc['countries'])}, {doc['date'] or 'undated'})")


@app.command("documents")
def documents_cmd(country: Optional[str] = typer.Option(None, help="Documents of this country (alpha-2)",
                                                    callback=COUNTRY),
                  partner: Optional[str] = typer.Option(None, help="... with this partner", callback=COUNTRY),
                  type: Optional[str] = typer.Option(None, "--type", help="plan, program, agreement (also "
                                                     "treaty), memorandum, protocol, contract, roadmap, other",
                                                     callback=_one_of(DOCUMENT_TYPES)),
                  status: Optional[str] = typer.Option(None, help="A status reached at some point: signed, "
                                                       "ratified, drafting, planned, mentioned",
                                                       callback=_one_of(DOCUMENT_STATUSES)),
                  year: Optional[int] = typer.Option(None, min=1900, max=2200,
                                                     help="A status dated that year, or a period covering it"),
                  sort: str = typer.Option("-date", help="-date, date, type, status or parties",
                                           callback=_one_of(DOCUMENT_SORTS)),
                  wide: bool = typer.Option(False, "--wide", help="Also each document's id and its occasions"),
                  as_json: bool = typer.Option(False, "--json", help="JSON Lines, one document a line"),
                  as_csv: bool = typer.Option(False, "--csv", help="CSV, one document a row"),
                  db: Optional[str] = DbOption):
    """The register of plans, programs, agreements and memoranda (review applied): the name as reported,
    parties, status history with dates; --json and --csv give each status's quote too."""
    from .documents import csv_text, name_of, period_text

    try:
        records = api.documents(db, country=country, partner=partner, type=type, status=status, year=year,
                                sort=sort)
    except MilcoopError as exc:
        _fail(exc)
    if as_json:
        for r in records:
            sys.stdout.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
        return
    if as_csv:
        sys.stdout.write(csv_text(records))
        return
    table = Table(title=f"{len(records)} documents")
    for c in (("id",) if wide else ()) + ("document", "period", "parties", "status", "history") \
            + (("occasions",) if wide else ()):
        if c == "document":
            table.add_column(c, ratio=1, min_width=16, overflow="fold")
        else:
            table.add_column(c, no_wrap=c in ("id", "period"), overflow="fold")
    for r in records:
        history = "\n".join(f"{h['date'] or 'undated'}: {h['status']}" for h in r.history)
        table.add_row(*([r.id] if wide else []), escape(name_of(r)) + f"\n[dim]{r.type}[/dim]",
                      period_text(r.period) or "–", " ".join(r.countries), r.status, history,
                      *([str(len(r.occasions))] if wide else []))
    out.print(table)


@app.command()
def export(format: str = typer.Option("json", "--format", "-f", help="json, csv, parquet, graphml or jsonl "
                                       "(a full dump that milcoop import reads back)", callback=_one_of(FORMATS)),
           network: str = typer.Option("partners", "--network", help="graphml: partners (countries) or persons",
                                       callback=_one_of(NETWORKS)),
           of: str = typer.Option("records", "--of", help="json/csv: the schema records of each article, or "
                                  "occasions (one row each, as milcoop events lists them)",
                                  callback=_one_of(EXPORTS_OF)),
           output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                 help="Write here (needed for parquet and graphml)"),
           db: Optional[str] = DbOption):
    """Export the stored records: review applied (JSON Lines of the schema, CSV, Parquet, GraphML), or
    everything as stored but user accounts (jsonl)."""
    from .exports import write_export

    if of == "occasions" and format not in ("json", "csv"):
        _fail(ValueError(f"--of occasions exports json or csv, not {format}"))
    try:
        if output:
            for path in write_export(output, db, format, network, of):
                err.print(f"wrote {path}")
            return
        if format in ("parquet", "graphml"):
            _fail(ValueError(f"{format} is binary: give -o FILE"))
        if format == "jsonl":
            api.dump(sys.stdout, db)
            return
        sys.stdout.write(api.export(db, format, of=of))
    except (MilcoopError, ValueError) as exc:
        _fail(exc)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


@app.command("import")
def import_cmd(file: Path = typer.Argument(..., help="A dump written by milcoop export --format jsonl"),
               db: Optional[str] = DbOption):
    """Read a full dump (export --format jsonl) into a database that holds no records yet (user
    accounts may exist: review writes are linked to them by name). All or nothing."""
    try:
        counts = api.import_dump(file, db)
    except MilcoopError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror or exc}")
    out.print("imported " + ", ".join(f"{n} {kind}" for kind, n in counts.items() if kind != "header"))


@app.command()
def backup(path: Path = typer.Argument(..., help="The backup file to write"),
           force: bool = typer.Option(False, "--force", help="Replace PATH if it exists"),
           db: Optional[str] = DbOption):
    """Copy a SQLite database to PATH while it is in use (SQLite's online backup). For PostgreSQL,
    prints the pg_dump command to use instead and exits non-zero."""
    try:
        done = api.backup(path, db, force=force)
    except MilcoopError as exc:
        _fail(exc)
    out.print(f"backed up {done.articles} articles to {done.path} ({done.bytes / 1e6:.1f} MB)")


@app.command()
def restore(path: Path = typer.Argument(..., help="A file written by milcoop backup"),
            force: bool = typer.Option(False, "--force", help="Replace a database that holds records"),
            db: Optional[str] = DbOption):
    """Replace the database with a backup; refuses a database that holds records unless --force.
    Stop milcoop serve first."""
    try:
        done = api.restore(path, db, force=force)
    except MilcoopError as exc:
        _fail(exc)
    out.print(f"restored {done.articles} articles into {done.path}")


@app.command()
def serve(db: Optional[str] = DbOption,
          host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0: every one)"),
          port: int = typer.Option(8000, min=1, max=65535, help="TCP port"),
          read_open: bool = typer.Option(True, "--read-open/--read-closed",
                                         help="Whether anonymous visitors may read (writes always need sign-in)")):
    """Serve the JSON API (/api, docs at /docs) and the web UI."""
    from .server import create_app
    from .server.run import serve as run_server

    try:
        application = create_app(db, read_open=read_open)
    except MilcoopError as exc:
        _fail(exc)
    err.print(f"milcoop on http://{host}:{port}/ (API docs at /docs), reads "
              f"{'open' if read_open else 'closed'} to anonymous visitors")
    run_server(application, host, port)


users_app = typer.Typer(help="Analysts who may sign in to review.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(username: str,
              password: Optional[str] = typer.Option(None, "--password", help="Asked for when not given"),
              db: Optional[str] = DbOption):
    """Add an analyst account (the password is stored as a salted scrypt hash)."""
    from .store import open_store
    from .store.review import Review

    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        with open_store(db) as store:
            Review(store).add_user(username, password)
    except (MilcoopError, ValueError) as exc:
        _fail(exc)
    out.print(f"added user {username}")


@users_app.command("list")
def users_list(db: Optional[str] = DbOption):
    """List analyst accounts."""
    from .store import open_store
    from .store.review import Review

    try:
        with open_store(db) as store:
            users = Review(store).users()
    except MilcoopError as exc:
        _fail(exc)
    for u in users:
        out.print(f"{u['username']}\t{u['created_at']}", highlight=False)


from .bench import cli as _bench_cli  # noqa: E402  (registers the benchmark commands)

_bench_cli.register(bench_app, out, err)
