"""``--dask``: extraction as tasks on a real Dask ``LocalCluster`` (two worker processes, started here),
the one writer storing into SQLite and PostgreSQL: the same records as a one-process ingest."""
from __future__ import annotations

import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app
from milcoop.cluster import DaskRunner, check_address
from milcoop.errors import ClusterError, InvalidValue
from milcoop.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def reports(tmp_path_factory, written_reports):
    path = tmp_path_factory.mktemp("dask") / "reports.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in written_reports), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single(reports, tmp_path_factory, extractor, dump_records) -> list[dict]:
    db = str(tmp_path_factory.mktemp("single") / "single.db")
    milcoop.ingest([reports], db, extractor=extractor, batch=3)
    return dump_records(db)


def test_a_local_cluster_stores_what_one_process_stores_in_sqlite(cluster, reports, single, tmp_path, dump_records,
                                                                 written_reports):
    db = str(tmp_path / "dask.db")
    report = milcoop.ingest([reports], db, dask=cluster, batch=3)
    assert report.new == len(written_reports) - len(report.errors) and report.read == report.new
    assert dump_records(db) == single


def test_a_local_cluster_stores_what_one_process_stores_in_postgresql(cluster, reports, single, pg_database,
                                                                     dump_records):
    url = pg_database()
    result = CliRunner().invoke(app, ["ingest", str(reports), "--db", url, "--dask", cluster, "--batch", "3",
                                      "--quiet"])
    assert result.exit_code in (0, 1), result.output
    assert dump_records(url) == single


def test_a_local_cluster_extracts_a_warc_as_one_process_does(cluster, tmp_path, extractor, dump_records,
                                                             written_reports):
    """A crawl (pages among an image), shards of two records sent to the cluster."""
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, r in enumerate(written_reports):
            page = f"<html><head><title>{r['id']}</title></head><body><article><p>{r['text']}</p></article></body></html>"
            for url, body, ctype in ((f"https://news.example/{r['id']}", page.encode("utf-8"), "text/html; charset=utf-8"),
                                     (f"https://news.example/{i}.png", b"\x89PNG" + bytes(64), "image/png")):
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=http))
    one, many = str(tmp_path / "one.db"), str(tmp_path / "many.db")
    single = milcoop.ingest([path], one, extractor=extractor, batch=2, workers=1)
    report = milcoop.ingest([path], many, dask=cluster, batch=2)
    assert single.new == report.new == len(written_reports) - len(single.errors) > 5
    assert dump_records(many) == dump_records(one)
    with open_store(many) as store:
        urls = {store.get_article(a).url for a in store.article_ids()}
    assert "https://news.example/visit-en" in urls and not any(u.endswith(".png") for u in urls)


def test_bad_or_unreachable_schedulers_are_named():
    with pytest.raises(InvalidValue, match="dask"):
        check_address("localhost:8786")
    with pytest.raises(ClusterError, match="tcp://127.0.0.1:9"):
        DaskRunner("tcp://127.0.0.1:9", timeout="1s")
    result = CliRunner().invoke(app, ["ingest", "nothing.jsonl", "--dask", "not an address", "--db", ":memory:"])
    assert result.exit_code == 2 and "E010" in result.output and "dask" in result.output
