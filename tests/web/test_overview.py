"""The timeline page on the dev gold in Chromium: "All events with Belarus in 2012–2013" (undated occasions
counted and included by a checkbox), the overview (histogram by year, facets), the sortable table view and
the export of the current view. The expected figures come from the REST API, which the read-path tests tie
to the CLI, the Python API and the exports."""
from __future__ import annotations

import csv
import io
import re

import pytest

expect = pytest.importorskip("playwright.sync_api", reason="pip install playwright").expect

pytestmark = pytest.mark.browser


def api(page, path):
    return page.request.get(path).json()


def test_belarus_in_2012_2013(gold_page, shots):
    pg = gold_page
    expected = api(pg, "/api/events?partner=BY&from=2012&to=2013")
    assert expected["total"] == 0 and expected["undated"] >= 2
    pg.goto("/#/events?partner=BY&from=2012&to=2013")
    note = pg.locator(".undated-note")
    note.wait_for()
    assert f"{expected['undated']} undated occasions also match" in note.inner_text()
    assert "undated" in pg.locator(".result-count").inner_text()
    assert pg.locator(".event-card").count() == 0
    assert pg.locator("#f-from").input_value() == "2012" and pg.locator("#f-to").input_value() == "2013"
    shots(pg, "timeline-belarus-undated", full_page=False)

    pg.locator("#f-include_undated").check()
    pg.wait_for_url(re.compile(r"include_undated=true"))
    pg.locator(".event-card").first.wait_for()
    included = api(pg, "/api/events?partner=BY&from=2012&to=2013&include_undated=true")["items"]
    cards = pg.locator(".event-card")
    assert cards.count() == len(included) == expected["undated"]
    assert [cards.nth(i).get_attribute("data-event-id") for i in range(cards.count())] == [r["id"] for r in included]
    for i in range(cards.count()):
        assert "Belarus" in cards.nth(i).inner_text() and "Date unknown" in cards.nth(i).inner_text()
    assert pg.locator("#f-include_undated").is_checked()


def test_a_year_filter_and_a_bad_date(gold_page):
    pg = gold_page
    pg.goto("/#/events")
    pg.locator(".event-card").first.wait_for()
    pg.locator("#f-from").fill("2018")
    pg.locator("#f-to").fill("2018")
    pg.locator(".filters button[type=submit]").click()
    pg.wait_for_url(re.compile(r"from=2018&to=2018"))
    pg.locator(".result-count", has_text="occasion").wait_for()
    total = api(pg, "/api/events?from=2018&to=2018")["total"]
    expect(pg.locator(".result-count")).to_have_text(re.compile(rf"^{total} occasions? "))
    dates = pg.locator(".event-card .card-date").all_inner_texts()
    assert dates and all("2018" in d for d in dates)
    # a date that is no date: the field refuses it before anything is sent
    pg.locator("#f-from").fill("2013-13")
    assert not pg.locator("#f-from").evaluate("el => el.checkValidity()")
    pg.goto("/#/events?from=2013-13-45")  # typed into the address: the API's message, naming the field
    pg.locator(".state-error", has_text="from").wait_for()
    assert "calendar date" in pg.locator(".state-error").inner_text()


def test_overview_histogram_and_facets(gold_page, shots):
    pg = gold_page
    data = api(pg, "/api/events?partner=BY&facets=true")
    pg.goto("/#/events?partner=BY")
    pg.locator(".histogram .hist-bar").first.wait_for()
    years = data["facets"]["years"]
    bars = pg.locator(".histogram .hist-bar:not(.hist-undated)")
    assert bars.count() == len(years)
    assert [b.split()[-1] for b in bars.all_inner_texts()] == [y["value"] for y in years]
    assert pg.locator(".hist-undated").count() == (1 if data["facets"]["undated"] else 0)
    type_counts = {f["value"]: f["count"] for f in data["facets"]["types"]}
    facet = pg.locator(".facet", has_text="Type")
    first = facet.locator("li").first.inner_text()
    top = data["facets"]["types"][0]
    assert top["value"] in first.lower() and str(top["count"]) in first
    shots(pg, "timeline-overview", full_page=False)
    # a bar filters to its year; the facet counts the same occasions as the listing
    year = years[-1]["value"]
    bars.last.click()
    pg.wait_for_url(re.compile(rf"from={year}&to={year}"))
    expect(pg.locator(".result-count")).to_have_text(re.compile(rf"^{years[-1]['count']} occasions? "))
    expect(pg.locator(".event-card")).to_have_count(years[-1]["count"])
    pg.goto("/#/events?partner=BY")
    pg.locator(".facet", has_text="Type").locator("a", has_text="Meeting").click()
    pg.wait_for_url(re.compile(r"type=meeting"))
    expect(pg.locator(".result-count")).to_have_text(re.compile(rf"^{type_counts['meeting']} occasions? "))
    expect(pg.locator(".event-card")).to_have_count(type_counts["meeting"])


def test_table_view_sorts_and_exports_the_view(gold_page, shots):
    pg = gold_page
    pg.goto("/#/events?country=KZ")
    pg.locator(".event-card").first.wait_for()
    pg.locator(".view-switch a", has_text="Table").click()
    pg.wait_for_url(re.compile(r"view=table"))
    rows = pg.locator(".occasions-table tbody tr")
    rows.first.wait_for()
    listed = api(pg, "/api/events?country=KZ&per_page=50")["items"]
    assert [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())] == [r["id"] for r in listed]
    shots(pg, "timeline-table", full_page=False)

    pg.locator(".occasions-table th a", has_text="Sources").click()
    pg.wait_for_url(re.compile(r"sort=sources"))
    by_sources = api(pg, "/api/events?country=KZ&per_page=50&sort=sources")["items"]
    expect(pg.locator(".occasions-table tbody tr").first).to_have_attribute("data-event-id", by_sources[0]["id"])
    assert pg.locator(".occasions-table th[aria-sort=descending]").inner_text().lower().startswith("sources")
    pg.locator(".occasions-table th a", has_text="Occasion").click()
    pg.wait_for_url(re.compile(r"sort=title"))
    by_title = api(pg, "/api/events?country=KZ&per_page=50&sort=title")["items"]
    expect(pg.locator(".occasions-table tbody tr").first).to_have_attribute("data-event-id", by_title[0]["id"])
    titles = pg.locator(".occasions-table tbody td:nth-child(2)").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)

    href = pg.locator(".page-actions a", has_text="Export CSV").get_attribute("href")
    assert "of=occasions" in href and "country=KZ" in href
    exported = list(csv.DictReader(io.StringIO(pg.request.get(href).text())))
    every = api(pg, "/api/events?country=KZ&per_page=500")["items"]
    assert {r["id"] for r in exported} == {r["id"] for r in every}
    href = pg.locator(".page-actions a", has_text="Export JSON").get_attribute("href")
    assert len(pg.request.get(href).text().splitlines()) == len(every)
