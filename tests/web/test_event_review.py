"""The event page in a real browser: every fact with its quote and a link to its highlight (issue #15 item 6),
and the analyst's review of every field, the note, the audit trail and the rejected filter (item 7)."""
from __future__ import annotations

import re

import pytest

from .conftest import PASSWORD, USER

pytestmark = pytest.mark.browser


def api(page, path, **params):
    return page.request.get(path, params=params or None).json()


def sign_in(page, next_path: str) -> None:
    page.goto("/#/login?next=" + next_path)
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape("#" + next_path) + "$"))
    page.locator("[data-testid=signed-in-as]").wait_for()


def quoted_occasion(page) -> dict:
    """An occasion whose date, place, a participant and a document each have an exact quote."""
    for item in api(page, "/api/events", per_page=200)["items"]:
        detail = api(page, f"/api/events/{item['id']}")
        ev = detail["evidence"]
        if (ev["date"] and ev["date"][0]["exact"] and ev["place"] and any(ev["participants"])
                and any(ev["documents"])):
            return detail
    pytest.fail("no occasion of the corpus has quotes for its date, place, a participant and a document")


def article_span(page, quote) -> str:
    text = api(page, f"/api/articles/{quote['article_id']}")["text"]
    return text[quote["start"]:quote["end"]]


def test_every_fact_shows_its_quote_and_links_to_its_highlight(page, shots):
    detail = quoted_occasion(page)
    ev, evidence = detail["event"], detail["evidence"]
    page.goto(f"/#/events/{detail['id']}")
    page.locator("[data-testid=fact-date]").wait_for()
    date_quote = evidence["date"][0]
    assert date_quote["text"] in page.locator("[data-testid=fact-date] .quote").inner_text()
    assert evidence["place"][0]["text"] in page.locator("[data-testid=fact-place] .quote").first.inner_text()
    rows = page.locator(".participants [data-testid=participant]")
    assert rows.count() == len(ev["participants"])
    for i, quotes in enumerate(evidence["participants"]):  # each participant: its quote, or why there is none
        row = rows.nth(i)
        assert ev["participants"][i]["name"] in row.inner_text()
        if quotes:
            assert quotes[0]["text"] in row.locator(".quote").first.inner_text()
        else:
            assert row.locator("[data-testid=no-quote]").count() == 1
    docs = page.locator("[data-testid=document]")
    assert docs.count() == len(ev["documents"])
    first_doc = next(i for i, q in enumerate(evidence["documents"]) if q)
    assert docs.nth(first_doc).locator(".quote").count() >= 1
    shots(page, "event-evidence")

    # the date's link opens the article with exactly those words highlighted
    page.locator("[data-testid=fact-date] a.quote-link").first.click()
    page.wait_for_url(re.compile(rf"#/articles/{date_quote['article_id']}\?start={date_quote['start']}&end={date_quote['end']}"))
    page.locator("mark.quoted").first.wait_for()
    marked = "".join(page.locator("mark.quoted").all_inner_texts())
    assert marked == article_span(page, date_quote)
    assert page.evaluate("document.activeElement.classList.contains('quoted')")

    # and a participant's link highlights the participant's own evidence
    page.go_back()
    i = next(i for i, q in enumerate(evidence["participants"]) if q)
    page.locator(".participants [data-testid=participant]").nth(i).locator("a.quote-link").first.click()
    page.locator("mark.quoted").first.wait_for()
    quote = evidence["participants"][i][0]
    assert "".join(page.locator("mark.quoted").all_inner_texts()) == article_span(page, quote)


def test_review_every_field_note_audit_and_rejected_filter(page, shots):
    target = next(i for i in api(page, "/api/events", per_page=200, sort="date")["items"]
                  if i["participants"] and len(i["countries"]) >= 2)
    oc = target["id"]
    sign_in(page, f"/events/{oc}")
    page.locator(".correction-form").wait_for()

    first = page.locator("[data-rows=participant] > .edit-row").first
    first.locator("select[name=participant-role]").select_option("deputy_defense_minister")
    first.locator("select[name=participant-rank]").select_option("general_major")
    page.get_by_role("button", name="+ Add document").click()
    doc = page.locator("[data-rows=document] > .edit-row").last
    doc.locator("select[name=document-type]").select_option("plan")
    doc.get_by_label("Title as reported").fill("План военного сотрудничества на 2026 год")
    doc.get_by_label("Period").fill("20x6")
    page.get_by_role("button", name="Save correction").click()
    page.locator(".correction-form .form-status.error", has_text="period must be a year").wait_for()  # names the field
    doc.get_by_label("Period").fill("2026")
    doc.locator("select[name=document-status]").select_option("signed")
    page.get_by_role("button", name="+ Add exercise").click()
    page.locator("[data-rows=exercise] > .edit-row").last.get_by_label("Name").fill("Vzaimodeistvie")
    page.get_by_label("Organisations").fill("csto")
    page.get_by_label("Note").fill("Checked against the ministry's release.")
    page.get_by_role("button", name="Save correction").click()
    page.get_by_text("Correction saved.").wait_for()

    detail = api(page, f"/api/events/{oc}")
    ev = detail["event"]
    assert ev["participants"][0]["role"] == "deputy_defense_minister" and ev["participants"][0]["rank"] == "general_major"
    assert {"type": "plan", "period": [2026], "status": "signed", "title": "План военного сотрудничества на 2026 год",
            "evidence": []} in ev["documents"]
    assert "Vzaimodeistvie" in [x["name"] for x in ev["exercises"]] and ev["orgs"] == ["CSTO"]
    assert "Deputy defense minister" in page.locator(".participants [data-testid=participant]").first.inner_text()
    assert page.locator("[data-testid=document]", has_text="План военного сотрудничества на 2026 год").count() == 1
    assert page.locator("[data-testid=note]").inner_text() == "Checked against the ministry's release."
    # the analyst's document has no quote, and says so
    assert page.locator("[data-testid=document]", has_text="2026 год").locator("[data-testid=no-quote]").count() == 1
    audit = page.locator("[data-testid=audit-entry]")
    assert audit.count() >= 1 and "Note: — → Checked against the ministry's release." in audit.first.inner_text()
    shots(page, "event-review")

    page.get_by_role("button", name="✕ Reject").click()
    page.locator("[data-testid=review-state]", has_text="Rejected").wait_for()
    assert "review: — → rejected" in page.locator("[data-testid=audit-entry]").first.inner_text()
    # the listing hides it by default and offers the rejected ones
    page.goto("/#/events?per_page=500")
    page.locator(".event-card").first.wait_for()
    assert page.locator(f'.event-card[data-event-id="{oc}"]').count() == 0
    page.locator("#f-reviewed").select_option("rejected")
    page.wait_for_url(re.compile(r"reviewed=rejected"))
    page.locator(f'.event-card[data-event-id="{oc}"]').wait_for()
    page.locator("#f-reviewed").select_option("all")
    page.wait_for_url(re.compile(r"reviewed=all"))
    everything = api(page, "/api/events", reviewed="all")["total"]
    assert everything == api(page, "/api/events")["total"] + 1
    page.locator(".result-count", has_text=f"{everything} occasions").wait_for()
    # leave the shared database as the other tests expect it
    assert page.request.post(f"/api/events/{oc}/review", data={"state": None},
                             headers={"Origin": page.url.split("/#")[0]}).ok
