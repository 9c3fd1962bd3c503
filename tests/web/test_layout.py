"""Every page at a desktop (1440×900) and a phone (390×844) viewport: nothing wider than the screen,
and not one console error (issue #15 item 11). Screenshots go to a temporary folder."""
from __future__ import annotations

import re

import pytest

from .conftest import PASSWORD, USER

pytestmark = pytest.mark.browser

# Visible text, links and controls whose box ends right of the screen (e.g. in a table that scrolls sideways).
OFF_SCREEN = """width => [...document.querySelectorAll(
    'main a, main button, main input, main select, main textarea, main td, main th, main h1, main h2, main p, main li, header a, header button')]
  .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.sr-only, thead')
      && r.right > width + 1; })
  .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + (el.textContent || '').trim().slice(0, 30))"""
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _pages(request_get) -> list[tuple[str, str, str]]:
    """(name, address, a selector that shows the page has drawn) for every page of the UI."""
    events = request_get("/api/events?per_page=100&sort=-sources").json()["items"]
    occasion = next(e for e in events if e["participants"])
    detail = request_get(f"/api/events/{occasion['id']}").json()
    article = detail["reports"][0]["article_id"]
    quote = next((q for qs in detail["evidence"]["participants"] for q in qs), None)
    person = max(request_get("/api/people").json()["tenures"], key=lambda t: t["observations"])
    pages = [
        ("timeline", "/#/events", ".event-card"),
        ("timeline-filtered", "/#/events?partner=BY&reviewed=all", ".event-card"),
        ("timeline-table", "/#/events?view=table&from=2012&include_undated=true", ".occasions-table tbody tr"),
        ("event", f"/#/events/{occasion['id']}", "[data-testid=fact-date]"),
        ("article", f"/#/articles/{article}", ".article-text"),
        ("network", "/#/network", "svg.network .node"),
        ("people", "/#/people", "h1"),
        ("person", f"/#/people/{person['person_id']}", ".person-head h1"),
        ("documents", "/#/documents", "h1"),
        ("login", "/#/login", "form"),
        ("not-found", "/#/nowhere", ".state-error"),
    ]
    if quote:
        pages.append(("article-quote", f"/#/articles/{quote['article_id']}?start={quote['start']}&end={quote['end']}",
                      "mark.quoted"))
    return pages


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


def _context(browser, server, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=server,
                                  is_mobile=viewport == "phone", has_touch=viewport == "phone")
    context.set_default_timeout(10_000)
    return context


def _check_pages(context, pages, viewport, shots_dir, signed_in=False):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(f"{pg.url}: {msg.text}") if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(f"{pg.url}: {exc}"))
    overflow = {}
    for name, address, ready in pages:
        pg.goto(address)
        pg.locator(ready).first.wait_for()
        pg.wait_for_load_state("networkidle")
        if signed_in:
            pg.locator("[data-testid=signed-in-as]").wait_for()
        width = pg.evaluate("document.documentElement.scrollWidth")
        inner = VIEWPORTS[viewport]["width"]
        # off-screen: wider than the screen, or text and controls scrolled out of sight inside a box
        hidden = pg.evaluate(OFF_SCREEN, inner)
        if width > inner or hidden:
            overflow[name] = (width, hidden)
        pg.screenshot(path=str(shots_dir / f"{name}{'-signed-in' if signed_in else ''}-{viewport}.png"), full_page=True)
    pg.close()
    assert not overflow, f"pages wider than the {viewport} screen (scrollWidth, widest elements): {overflow}"
    assert not errors, f"console errors on the {viewport}: {errors}"


def test_every_page_fits_and_logs_no_error(browser, server, viewport, tmp_path):
    context = _context(browser, server, viewport)
    try:
        _check_pages(context, _pages(context.request.get), viewport, tmp_path)
    finally:
        context.close()


def test_signed_in_pages_fit_and_log_no_error(browser, server, viewport, tmp_path):
    """The review form and the audit trail, as an analyst sees them."""
    context = _context(browser, server, viewport)
    try:
        r = context.request.post("/api/login", data={"username": USER, "password": PASSWORD})
        assert r.ok, r.text()
        pages = [p for p in _pages(context.request.get) if p[0] in ("timeline", "event", "people", "documents")]
        _check_pages(context, pages, viewport, tmp_path, signed_in=True)
        pg = context.new_page()
        pg.goto(pages[1][1])
        pg.locator(".correction-form").wait_for()  # the form is there and fits (checked above)
        assert pg.locator("[data-rows=participant] > .edit-row").count() >= 1
        pg.close()
    finally:
        context.close()


def test_invalid_pattern_never_disables_a_check(browser, server, tmp_path):
    """Chromium compiles a pattern attribute with the v flag and drops one it cannot compile (with a console
    error): every pattern on the pages must compile, so each check stays on."""
    context = _context(browser, server, "desktop")
    try:
        assert context.request.post("/api/login", data={"username": USER, "password": PASSWORD}).ok
        pg = context.new_page()
        bad: list[str] = []
        for name, address, ready in _pages(context.request.get):
            pg.goto(address)
            pg.locator(ready).first.wait_for()
            pg.wait_for_load_state("networkidle")
            for pattern in pg.eval_on_selector_all("[pattern]", "els => els.map(e => e.getAttribute('pattern'))"):
                ok = pg.evaluate("p => { try { new RegExp('^(?:' + p + ')$', 'v'); return true; } catch { return false; } }",
                                 pattern)
                if not ok:
                    bad.append(f"{name}: {pattern}")
        assert not bad, f"patterns the browser cannot compile: {bad}"
        # and the checks work: a bad country code is refused before anything is sent
        event = next(p for p in _pages(context.request.get) if p[0] == "event")
        pg.goto(event[1])
        pg.locator("#c-country").fill("K1")
        assert pg.evaluate("document.querySelector('#c-country').validity.patternMismatch")
        pg.close()
    finally:
        context.close()


def test_quote_link_target_is_visible_on_a_phone(browser, server):
    context = _context(browser, server, "phone")
    try:
        pages = {p[0]: p for p in _pages(context.request.get)}
        if "article-quote" not in pages:
            pytest.skip("no quoted participant")
        pg = context.new_page()
        pg.goto(pages["article-quote"][1])
        mark = pg.locator("mark.quoted").first
        mark.wait_for()
        pg.wait_for_timeout(200)
        box = mark.bounding_box()
        assert box and 0 <= box["y"] <= 844 and box["x"] + box["width"] <= 390 + 1, box
        assert re.search(r"start=\d+&end=\d+", pg.url)
        pg.close()
    finally:
        context.close()
