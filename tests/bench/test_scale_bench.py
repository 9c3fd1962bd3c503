"""``milcoop benchmark scale`` at a toy size: every section runs and checks what it measures.

The full sizes (100,000 reports, a 1 GB stream) take tens of minutes and are
run by hand; here databases of 0 and 400 reports, 4 new reports, 4 articles
through 1 and 2 workers and a 2-worker LocalCluster, and a 3 MB crawl.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from milcoop.bench.scale import projection
from milcoop.bench.synthetic import build, templates
from milcoop.cli import app
from milcoop.store import open_store
from milcoop.store.models import DbOccasionFacts, DbOccasionKey


def test_synthetic_databases_hold_the_reports_asked_for(tmp_path, shared_path):
    with open_store(str(tmp_path / "synthetic.db")) as store:
        build(store.engine, templates(shared_path("corpus").parent), 500)
        ids = store.article_ids()
        with store._read() as session:
            assert session.query(DbOccasionFacts).count() >= len(ids) == 500
            assert session.query(DbOccasionKey).count() > 500
        reports = store.filed_reports()
    assert all(occasion is not None for _, _, occasion, _ in reports)
    # each event its own occasion (no filing rules run): the most candidates a key can hold
    assert len({occasion for _, _, occasion, _ in reports}) == len(reports) > 500


def test_projection_stops_at_the_writers_ceiling():
    p = projection({"1 worker": 2.0, "2 workers": 3.8}, store_seconds=1.0, new=50)
    assert p["articles_per_s_per_added_worker"] == 1.8 and p["writer_ceiling_articles_per_s"] == 50.0
    assert p["hours_per_million_one_machine"] == round(1e6 / 3.8 / 3600, 2)
    assert p["hours_per_million_by_workers"]["32"] == round(1e6 / 50 / 3600, 2)  # 2 + 31 * 1.8 > 50


@pytest.mark.slow
def test_a_toy_run_reports_every_section(tmp_path):
    result = CliRunner().invoke(app, ["benchmark", "scale", "--sizes", "0,400", "--new", "4", "--rounds", "1",
                                      "--stream-mb", "3", "--articles", "4", "--workdir", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    growth = data["growth"][0]
    assert growth["backend"] == "sqlite" and growth["new_reports"] == 4
    assert set(growth["ingest_seconds"]) == {"0", "400"} and growth["ratio"] > 0
    throughput = data["throughput"]
    assert throughput["articles"] == 4 and throughput["records_compared"] > 4
    assert throughput["same_records"] == {"2 workers": True, "LocalCluster, 2 workers": True}
    stream = data["stream"]
    assert stream["megabytes"] >= 3 and stream["article_pages"] == stream["articles_stored"] == 4
    assert 0 < stream["peak_rss_mb"] < 1500
    assert data["projection"]["hours_per_million_one_machine"] > 0
    assert list(tmp_path.iterdir()) == []  # databases and the crawl removed
