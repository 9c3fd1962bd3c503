"""Exports of the stored records with the analysts' review applied.

* ``json``: JSON Lines, one schema record per article (``shared/design/schema.md``)
  plus ids, occasion, sources, evidence, ``review_state`` and ``corrected``;
* ``csv``: one row per event;
* ``occasions`` (``of="occasions"``, JSON or CSV): one row per occasion, as listed everywhere
  (``milcoop.corrected.OccasionView``), filtered like the listing;
* ``parquet``: an events table (and a participants table), via pyarrow;
* ``graphml``: the partner network (countries) or the person network, via networkx;
* ``jsonl``: a full dump of every stored record but user accounts, which ``milcoop import``
  reads back into an empty database (``milcoop.store.dump``); machine output and review
  kept apart, as stored, not applied.

``to_pandas`` returns the same tables as DataFrames (pandas: ``pip install milcoop[analysis]``).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from .corrected import Corrected, OccasionView
from .validate import choice
from .store import open_store
from .store.dump import write_dump

FORMATS = ("json", "csv", "parquet", "graphml", "jsonl")
NETWORKS = ("partners", "persons")
TABLES = ("events", "participants")
CSV_COLUMNS = ["article_id", "id", "event_id", "occasion_id", "relevant", "type", "date", "city", "country",
               "countries", "orgs", "participants", "documents", "exercises", "areas", "review_state",
               "corrected"]
MEDIA_TYPES = {"json": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "parquet": "application/vnd.apache.parquet", "graphml": "application/graphml+xml",
               "jsonl": "application/x-ndjson"}
OCCASION_COLUMNS = ["id", "title", "date", "types", "city", "country", "countries", "orgs", "participants",
                    "documents", "exercises", "areas", "sources", "review_state", "corrected", "headline"]
EXPORTS_OF = ("records", "occasions")
EXTENSIONS = {"json": "jsonl", "csv": "csv", "parquet": "parquet", "graphml": "graphml", "jsonl": "jsonl"}


def records(db: str | None = None) -> list[dict]:
    """Every stored schema record, corrections and review states applied."""
    with open_store(db) as store:
        return list(Corrected(store).records())


def to_json(recs: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)


def to_csv(recs: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for r in recs:
        for ev in r.get("events") or []:
            loc = ev.get("location") or {}
            writer.writerow({
                "article_id": r.get("article_id"), "id": r.get("id"), "event_id": ev.get("id"),
                "occasion_id": ev.get("occasion"), "relevant": r.get("relevant"),
                "type": ";".join(ev.get("type") or []), "date": ev.get("date"), "city": loc.get("city"),
                "country": loc.get("country"), "countries": ";".join(ev.get("countries") or []),
                "orgs": ";".join(ev.get("orgs") or []),
                "participants": ";".join(f"{p['name']} ({p.get('country') or '?'}, {p.get('role') or '?'})"
                                         for p in ev.get("participants") or []),
                "documents": ";".join(f"{d['type']} {d.get('period') or ''} {d.get('status')}".replace("  ", " ")
                                      for d in ev.get("documents") or []),
                "exercises": ";".join(x["name"] for x in ev.get("exercises") or []),
                "areas": ";".join(ev.get("areas") or []),
                "review_state": ev.get("review_state") or "", "corrected": ev.get("corrected", False),
            })
    return out.getvalue()


def occasions_json(views: Iterable[OccasionView]) -> str:
    """JSON Lines, one occasion view each (its merged, corrected record under ``event``)."""
    return "".join(v.model_dump_json() + "\n" for v in views)


def occasions_csv(views: Iterable[OccasionView]) -> str:
    """CSV, one row per occasion: the listing's columns, lists joined by ';'."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=OCCASION_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for v in views:
        writer.writerow({k: ";".join(x) if isinstance(x, list) else x for k, x in v.row().items()})
    return out.getvalue()


def table_rows(recs: Iterable[dict], table: str = "events") -> list[dict]:
    """Flat rows of the ``events`` or ``participants`` table (list cells stay lists)."""
    choice(table, TABLES, "table")
    rows = []
    for r in recs:
        for ev in r.get("events") or []:
            loc = ev.get("location") or {}
            base = {"event_id": ev.get("id"), "occasion_id": ev.get("occasion"), "article_id": r.get("article_id"),
                    "external_id": r.get("id")}
            if table == "events":
                rows.append({**base, "relevant": bool(r.get("relevant")), "lang": r.get("lang"),
                             "types": list(ev.get("type") or []), "date": ev.get("date"),
                             "city": loc.get("city"), "country": loc.get("country"),
                             "countries": list(ev.get("countries") or []), "orgs": list(ev.get("orgs") or []),
                             "participants": [p["name"] for p in ev.get("participants") or []],
                             "documents": [d["type"] for d in ev.get("documents") or []],
                             "exercises": [x["name"] for x in ev.get("exercises") or []],
                             "areas": list(ev.get("areas") or []), "sources": list(ev.get("sources") or []),
                             "review_state": ev.get("review_state"), "corrected": bool(ev.get("corrected"))})
            else:
                for i, p in enumerate(ev.get("participants") or []):
                    rows.append({**base, "ordinal": i, "participant": f"{ev.get('id')}:{i}", "name": p["name"],
                                 "country": p.get("country"), "role": p.get("role"), "rank": p.get("rank"),
                                 "date": ev.get("date"), "review_state": ev.get("review_state")})
    return rows


def _arrow(rows: list[dict], table: str):
    import pyarrow as pa

    if rows:
        return pa.Table.from_pylist(rows)
    columns = table_rows([{"events": [{"participants": [{"name": ""}]}]}], table)[0]
    return pa.Table.from_pylist([columns]).slice(0, 0)


def to_parquet(recs: list[dict], table: str = "events") -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(_arrow(table_rows(recs, table), table), sink)
    return sink.getvalue()


def to_graphml(db_or_corrected, network: str = "partners") -> bytes:
    """The partner (countries) or person network as GraphML (networkx; opens in Gephi)."""
    import networkx as nx

    choice(network, NETWORKS, "network")
    corrected = db_or_corrected
    data = corrected.network() if network == "partners" else corrected.person_network()
    g = nx.Graph(name=f"milcoop {network} network")
    for n in data["nodes"]:
        g.add_node(n["id"], label=n["label"] or n["id"], name=n["label"] or n["id"], events=n["events"],
                   **({"country": n["country"]} if network == "persons" else {}))
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], weight=e["weight"], occasions=";".join(e["events"]),
                   **({"years": ";".join(e["years"])} if network == "partners" else {}))
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()


def export_bytes(db: str | None = None, format: str = "json", network: str = "partners",
                 table: str = "events", of: str = "records", filters: dict | None = None) -> bytes:
    """The export in ``format`` as bytes (what the API downloads and the CLI writes); see ``corrected_export``."""
    choice(format, FORMATS, "format")
    with open_store(db) as store:
        if format == "jsonl":
            sink = io.StringIO()
            write_dump(store, sink)
            return sink.getvalue().encode("utf-8")
        return corrected_export(Corrected(store), format, network, table, of, filters)


def corrected_export(corrected: Corrected, format: str = "json", network: str = "partners",
                     table: str = "events", of: str = "records", filters: dict | None = None) -> bytes:
    """The reviewed export: schema ``records`` (per article) or ``occasions`` (one row each, JSON or CSV);
    ``filters`` (the listing's: country, partner, type, date_from, date_to, text, reviewed,
    include_undated) keep the occasions the listing would show, and the records of their events."""
    choice(of, EXPORTS_OF, "of")
    if format == "graphml":
        return to_graphml(corrected, network)
    if of == "occasions":
        if format not in ("json", "csv"):
            raise ValueError(f"occasions export as json or csv, not {format}")
        views = corrected.listing(**(filters or {})).items
        return (occasions_json(views) if format == "json" else occasions_csv(views)).encode("utf-8")
    keep = {v.id for v in corrected.listing(**filters).items} if filters else None
    recs = list(corrected.records(keep))
    if format == "json":
        return to_json(recs).encode("utf-8")
    if format == "csv":
        return to_csv(recs).encode("utf-8")
    return to_parquet(recs, table)


def write_export(path: str | Path, db: str | None = None, format: str = "json",
                 network: str = "partners", of: str = "records") -> list[Path]:
    """Write the export to ``path``; Parquet also writes ``<stem>.participants.parquet`` beside it."""
    path = Path(path)
    if format == "jsonl":  # streamed: a dump holds every article's text twice
        with open_store(db) as store, open(path, "w", encoding="utf-8") as sink:
            write_dump(store, sink)
        return [path]
    path.write_bytes(export_bytes(db, format, network, of=of))
    written = [path]
    if format == "parquet":
        extra = path.with_name(path.stem + ".participants.parquet")
        extra.write_bytes(export_bytes(db, format, table="participants"))
        written.append(extra)
    return written


def to_pandas(db: str | None = None, table: str = "events"):
    """The ``events`` (one row per report) or ``participants`` table as a pandas DataFrame."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("to_pandas needs pandas: pip install 'milcoop[analysis]'") from exc
    rows = table_rows(records(db), table)
    if not rows:
        return pd.DataFrame(columns=list(table_rows([{"events": [{"participants": [{"name": ""}]}]}], table)[0]))
    return pd.DataFrame(rows)
