"""The partner network (issue #15 item 9): bilateral vs multilateral, a focus country, a minimum weight,
zoom and pan, readable labels, and keyboard access through one tab stop."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

FOCUSABLE = """() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length && !el.closest('details:not([open]) > :not(summary)'))
  .length"""


def network(page, **params):
    return page.request.get("/api/network", params=params or None).json()


def drawn_edges(page) -> set[tuple[str, str]]:
    return {tuple(x) for x in page.eval_on_selector_all(
        "svg.network .edge", "els => els.map(e => [e.dataset.source, e.dataset.target])")}


def view_box(page) -> list[float]:
    return [float(v) for v in page.get_attribute("svg.network", "viewBox").split()]


def test_switch_focus_and_minimum(page, shots):
    net = network(page)
    assert all(e["weight"] == e["bilateral"] + e["multilateral"] for e in net["edges"])
    page.goto("/#/network")
    page.locator("svg.network .node").first.wait_for()
    assert drawn_edges(page) == {(e["source"], e["target"]) for e in net["edges"]}

    page.locator("#n-kind").select_option("bilateral")
    page.wait_for_url(re.compile(r"kind=bilateral"))
    page.locator("svg.network .node").first.wait_for()
    bilateral = {(e["source"], e["target"]) for e in net["edges"] if e["bilateral"]}
    assert drawn_edges(page) == bilateral and 0 < len(bilateral) < len(net["edges"])
    assert {(e["source"], e["target"]) for e in network(page, kind="bilateral")["edges"]} == bilateral

    page.locator("#n-kind").select_option("multilateral")
    page.wait_for_url(re.compile(r"kind=multilateral"))
    page.locator("svg.network .node").first.wait_for()
    assert drawn_edges(page) == {(e["source"], e["target"]) for e in net["edges"] if e["multilateral"]}

    page.locator("#n-kind").select_option("all")
    page.locator("#n-country").select_option("KZ")
    page.wait_for_url(re.compile(r"country=KZ"))
    page.locator('svg.network .node.selected[data-id="KZ"]').wait_for()
    kz = {(e["source"], e["target"]) for e in net["edges"] if "KZ" in (e["source"], e["target"])}
    assert drawn_edges(page) == kz
    shots(page, "network-focus", full_page=False)

    page.locator("#n-min").fill("3")
    page.wait_for_url(re.compile(r"min=3"))
    page.locator("svg.network .node").first.wait_for()
    strong = {(e["source"], e["target"]) for e in net["edges"] if "KZ" in (e["source"], e["target"]) and e["weight"] >= 3}
    assert strong and drawn_edges(page) == strong
    assert page.locator(".min-value").inner_text() == "3"


def test_zoom_pan_and_readable_labels(page):
    page.goto("/#/network")
    page.locator("svg.network .node").first.wait_for()
    before = view_box(page)
    page.get_by_role("button", name="Zoom in").click()
    zoomed = view_box(page)
    assert zoomed[2] < before[2] * 0.8
    box = page.locator("svg.network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(100)
    assert view_box(page)[2] < zoomed[2]
    # drag pans, and a drag is not a click on a country
    x0 = view_box(page)[0]
    url = page.url
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2, steps=6)
    page.mouse.up()
    assert view_box(page)[0] > x0 and page.url == url
    page.get_by_role("button", name="Fit").click()
    assert view_box(page) == before
    # labels stay legible: at least 9 px high on screen at the fitted zoom, and they keep that size when zooming in
    heights = page.eval_on_selector_all("svg.network .node-label", "els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 9, min(heights)
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    heights_zoomed = page.eval_on_selector_all("svg.network .node-label", "els => els.map(e => e.getBoundingClientRect().height)")
    assert max(heights_zoomed) < 2.5 * max(heights)


def test_keyboard_one_tab_stop_arrows_and_enter(page):
    net = network(page)
    page.goto("/#/network")
    page.locator("svg.network .node").first.wait_for()
    stops = page.evaluate(FOCUSABLE)
    assert stops < 60, f"{stops} tab stops on the network page"  # was 228 with a stop per node and edge
    assert page.locator("svg.network [tabindex]").count() == 0
    graph = page.locator("svg.network")
    for _ in range(40):  # reach the drawing with Tab, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.matches('svg.network')"):
            break
    else:
        pytest.fail("the network drawing cannot be reached with Tab")
    current = page.locator("svg.network .node.current")
    current.wait_for()
    first = current.get_attribute("data-id")
    busiest = max(net["nodes"], key=lambda n: sum(1 for e in net["edges"] if n["id"] in (e["source"], e["target"])))
    assert first in {n["id"] for n in net["nodes"]}
    seen = {first}
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowRight"):
        page.keyboard.press(key)
        seen.add(current.get_attribute("data-id"))
    assert len(seen) >= 3, seen
    name = current.get_attribute("data-id")
    assert re.search(r"\d+ partners?", page.locator("#network-status").inner_text())
    w = view_box(page)[2]
    page.keyboard.press("+")
    assert view_box(page)[2] < w
    page.keyboard.press("0")
    assert graph.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#/events\?country={name}"))
    page.locator(".event-card").first.wait_for()
    assert busiest  # the corpus has a connected network


def test_table_alternative(page):
    net = network(page, kind="bilateral")
    page.goto("/#/network?kind=bilateral")
    page.locator("svg.network .node").first.wait_for()
    page.get_by_text("as a table").click()
    rows = page.locator(".network-table tbody tr")
    assert rows.count() == len(net["edges"])
    assert page.locator(".network-table tbody a").first.get_attribute("href").startswith("#/events?country=")


def test_bad_kind_is_a_clear_error(page):
    r = page.request.get("/api/network?kind=trilateral")
    assert r.status == 422 and "kind" in r.text()
