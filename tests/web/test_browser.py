"""The web UI in a real browser against the real API (see conftest.py)."""
from __future__ import annotations

import re

import pytest

from .conftest import PASSWORD, UNSAFE_URLS, USER, XSS_ID

pytestmark = pytest.mark.browser


def api(page, path):
    return page.request.get(path).json()


def find_by_occasion(page):
    """A Belarus occasion whose first report's article highlights a participant."""
    events = api(page, "/api/events?partner=BY&per_page=100")["items"]
    assert events, "the corpus has Belarus occasions"
    for ev in events:
        detail = api(page, f"/api/events/{ev['id']}")
        for report in detail["reports"][:1]:
            art = api(page, f"/api/articles/{report['article_id']}")
            names = [f for f in art["facts"] if f["kind"] == "participant"]
            if names and ev["participants"]:
                return ev, report, art, names
    pytest.fail("no Belarus occasion with a highlighted participant")


def test_timeline_filters_by_partner(page, shots):
    page.goto("/#/events")
    page.locator(".event-card").first.wait_for()
    assert page.locator("h1").inner_text() == "Timeline"
    assert page.locator(".tl-year-label").count() >= 1
    assert re.search(r"\d+ occasions", page.locator(".result-count").inner_text())
    shots(page, "timeline", full_page=False)

    partner = page.locator("#f-partner")
    page.wait_for_function("document.querySelectorAll('#f-partner option').length > 2")
    partner.select_option("BY")
    page.wait_for_url(re.compile(r"partner=BY"))
    page.locator(".filter-pill", has_text="Belarus").wait_for()
    page.locator(".event-card").first.wait_for()
    cards = page.locator(".event-card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        assert "Belarus" in cards.nth(i).inner_text()
    total = api(page, "/api/events?partner=BY")["total"]
    assert str(total) in page.locator(".result-count").inner_text()


def test_empty_state_and_paging(page):
    page.goto("/#/events?q=no-such-thing-anywhere-xyz")
    page.get_by_text("No events match these filters").wait_for()
    page.goto("/#/events")
    page.locator(".event-card").first.wait_for()
    if api(page, "/api/events")["total"] > 50:
        assert page.locator(".event-card").count() == 50
        page.locator(".pager .page-next").first.click()
        page.wait_for_url(re.compile(r"page=2"))
        page.locator(".result-count", has_text="showing 51").wait_for()


def test_event_then_article_evidence(page, shots):
    ev, report, art, names = find_by_occasion(page)
    page.goto("/#/events?partner=BY&per_page=50")
    card = page.locator(f'.event-card[data-event-id="{ev["id"]}"]')
    card.locator(".card-title a").click()
    page.wait_for_url(re.compile(re.escape(ev["id"])))
    page.locator(".event-head h1").wait_for()
    assert page.locator(".participants [data-testid=participant]", has_text=ev["participants"][0]).count() == 1
    assert page.locator(".report").count() >= 1
    shots(page, "event")

    page.locator(".report").first.get_by_text("Evidence in text").click()
    page.wait_for_url(re.compile(re.escape(report["article_id"])))
    page.locator(".article-text").wait_for()
    chars = list(art["text"])
    marks = page.locator("mark.fact-participant")
    assert marks.count() >= 1
    texts = [marks.nth(i).inner_text() for i in range(marks.count())]
    expected = ["".join(chars[f["start"]:f["end"]]) for f in names]
    assert any(e in texts for e in expected), (expected, texts)
    assert page.locator(".legend").inner_text().count("Participants") == 1
    # clicking a fact in the side list scrolls to and marks its evidence
    page.locator(".fact-item-participant").first.click()
    page.locator("mark.focused").first.wait_for()
    assert page.locator("mark.focused").first.inner_text() == expected[0]
    shots(page, "article")


def test_sign_in_correct_date_and_survive_reextraction(page, web_db, shots):
    import milcoop.api as milcoop_api

    ev = api(page, "/api/events?partner=BY&per_page=1&sort=-date")["items"][0]
    page.goto(f"/#/events/{ev['id']}")
    page.get_by_text("to confirm, reject or correct").wait_for()
    assert page.locator("#c-date").count() == 0

    page.goto("/#/login?next=/events/" + ev["id"])
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong username or password").wait_for()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape("#/events/" + ev["id"])))
    page.locator("[data-testid=signed-in-as]", has_text=USER).wait_for()

    page.locator("#c-date").fill("2011-11-30")
    page.get_by_role("button", name="Save correction").click()
    page.get_by_text("Correction saved.").wait_for()
    assert page.locator("[data-testid=event-date]").inner_text() == "30 November 2011"
    assert page.locator(".event-head .badge-corrected").count() == 1
    page.get_by_role("button", name="✓ Confirm").click()
    page.locator("[data-testid=review-state]", has_text="Confirmed").wait_for()
    shots(page, "event-signed-in")

    milcoop_api.reextract(web_db)
    page.reload()
    page.locator("[data-testid=event-date]").wait_for()
    assert page.locator("[data-testid=event-date]").inner_text() == "30 November 2011"
    assert "Confirmed" in page.locator("[data-testid=review-state]").inner_text()

    page.get_by_role("button", name="Sign out").click()
    page.locator(".user-box", has_text="Sign in").wait_for()
    assert page.locator("#c-date").count() == 0


def test_markup_in_article_is_shown_as_text(page, web_db):
    from milcoop.store import open_store

    with open_store(web_db) as store:
        article_id = next(a for a in store.article_ids() if store.get_article(a).external_id == XSS_ID)
    page.goto(f"/#/articles/{article_id}")
    body = page.locator(".article-text")
    body.wait_for()
    text = body.inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert body.locator("script, img").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # the evidence is still highlighted around the markup
    assert page.locator("mark.fact-participant", has_text="Yuri Zhadobin").count() == 1


def _article_ids(db: str) -> dict[str, str]:
    from milcoop.store import open_store

    with open_store(db) as store:
        return {store.get_article(a).external_id: a for a in store.article_ids()}


def test_only_web_addresses_become_links(page, web_db):
    """An article URL with a javascript: or data: scheme is never a link, on the article or the event page."""
    ids = _article_ids(web_db)
    for external_id, url in UNSAFE_URLS.items():
        article = api(page, f"/api/articles/{ids[external_id]}")
        assert article["url"] == url  # stored as given: the page must not trust it
        page.goto(f"/#/articles/{ids[external_id]}")
        page.locator(".article-text").wait_for()
        assert page.locator(".article-head a.external").count() == 0
        occasion = next(f["occasion_id"] for f in article["facts"] if f.get("occasion_id"))
        page.goto(f"/#/events/{occasion}")
        page.locator(".report-list").wait_for()
        report = page.locator(".report", has=page.locator(f'a[href="#/articles/{ids[external_id]}"]'))
        assert report.count() == 1 and report.locator("a.external").count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if not h.startswith(("#", "/", "http://", "https://"))], hrefs
        assert page.evaluate("typeof window.__pwned") == "undefined"
    # an ordinary article keeps its link to the original
    web = next(a for a in api(page, "/api/events?per_page=500")["items"] if a["sources"] >= 1)
    detail = api(page, f"/api/events/{web['id']}")
    with_url = [r for r in detail["reports"] if (r["url"] or "").startswith("http")]
    if with_url:
        page.goto(f"/#/articles/{with_url[0]['article_id']}")
        page.locator(".article-head a.external").wait_for()
        assert page.locator(".article-head a.external").get_attribute("href") == with_url[0]["url"]


def test_api_docs_render_offline(page, shots):
    """/docs draws every operation from files of this server only, under the CSP (checked by the fixture)."""
    page.goto("/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 20
    assert page.locator(".opblock-summary-path", has_text="/api/events/{event_id}").count() >= 1
    page.locator(".opblock-summary", has_text="/api/people/search").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.locator("input[placeholder='q']").fill("Khrenin")
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response-col_status", has_text="200").wait_for()
    shots(page, "api-docs", full_page=False)


def test_pages_render(page, shots):
    page.goto("/#/network")
    page.locator("svg.network .node").first.wait_for()
    assert page.locator("svg.network .node").count() >= 5
    assert page.locator("svg.network .edge").count() >= 5
    shots(page, "network")
    page.locator('svg.network .node[data-id="BY"]').click()
    page.wait_for_url(re.compile(r"#/events\?country=BY"))
    page.locator(".event-card").first.wait_for()

    page.goto("/#/documents")
    page.locator(".documents-table tbody tr").first.wait_for()
    shots(page, "documents")
    page.locator("#f-country").select_option("BY")
    page.wait_for_url(re.compile(r"country=BY"))

    register = api(page, "/api/people")
    tenures = register["tenures"]
    busiest = max(tenures, key=lambda t: t["observations"])
    page.goto("/#/people")
    # the corpora hold sightings the officials reference contradicts (a 1994 date for today's ministers)
    assert register["flags"]
    page.get_by_text(f"{len(register['flags'])} sightings the officials reference contradicts").wait_for()
    page.get_by_text("officials reference", exact=True).first.wait_for()
    page.locator("#person-q").fill(busiest["name"].split()[-1])
    page.get_by_role("button", name="Search").click()
    page.locator(".person-result").first.wait_for()
    page.goto(f"/#/people/{busiest['person_id']}")
    page.locator(".person-head h1", has_text=busiest["name"]).wait_for()
    assert page.locator("svg.tenure-chart .tenure-bar").count() >= 1
    shots(page, "person")

    page.set_viewport_size({"width": 800, "height": 900})
    page.goto("/#/events")
    page.locator(".event-card").first.wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 800, f"the timeline overflows at 800px ({width}px)"
    shots(page, "timeline-800", full_page=False)

    page.goto("/#/nowhere")
    page.get_by_text("There is no page at /nowhere").wait_for()
    page.goto("/#/events/oc-does-not-exist")
    page.locator(".state-error").wait_for()


def test_analyst_merges_two_occasions_then_splits_one_report_off(page, shots):
    """Runs last: it leaves the database with the same reports, one under a new occasion id."""
    events = api(page, "/api/events?partner=BY&per_page=100&sort=-date")["items"]
    a, b = events[0], events[1]
    before = len(api(page, f"/api/events/{a['id']}")["reports"])
    b_reports = [r["event_id"] for r in api(page, f"/api/events/{b['id']}")["reports"]]

    page.goto("/#/login?next=/events/" + a["id"])
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape("#/events/" + a["id"])))

    # found by search and picked: no occasion id to type
    page.get_by_label("Find the occasion to merge into this one").fill(b["title"][:30])
    page.get_by_role("button", name="Search", exact=True).click()
    page.locator(f'.merge-hit[data-event-id="{b["id"]}"] button').click()
    page.get_by_text("Occasions merged.").wait_for()
    assert page.locator(".report-list > li").count() == before + len(b_reports)
    assert page.request.get(f"/api/events/{b['id']}").status == 404
    conflicts = api(page, f"/api/events/{a['id']}")["conflicts"]
    assert page.locator(".conflicts").count() == (1 if conflicts else 0)
    for c in conflicts:  # each disagreeing value is shown once
        for value in set(map(str, c["values"].values())):
            assert value in page.locator(".conflicts").inner_text()
    shots(page, "event-merged")

    for event_id in b_reports:
        page.locator(f"input[name=split][value='{event_id}']").check()
    page.get_by_role("button", name="Split ticked reports into a new occasion").click()
    page.wait_for_url(lambda url: "#/events/oc-" in url and not url.endswith(a["id"]))
    new_id = page.url.rsplit("/", 1)[-1]
    assert new_id != a["id"]
    page.locator(".report-list").wait_for()
    assert sorted(r["event_id"] for r in api(page, f"/api/events/{new_id}")["reports"]) == sorted(b_reports)
    assert len(api(page, f"/api/events/{a['id']}")["reports"]) == before
