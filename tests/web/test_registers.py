"""Analysts' questions answered on the Documents and People pages, in Chromium, over the dev corpus's
gold records (``gold_db``: stored without extraction, so these check the UI and the registers, not
extraction). The expected answers were read off ``shared/corpus/dev/gold.jsonl`` and the officials
reference by hand and are written out here."""
from __future__ import annotations

import csv
import io
import re

import pytest

from .conftest import PASSWORD, USER

pytestmark = pytest.mark.browser

# "All agreements Kazakhstan signed with Turkey": every gold document of a KZ-TR event with status
# signed, read off the dev gold by hand: an agreement on drones, dated by its report's November 2021
# header; a memorandum between the two countries' defence companies (a day and month, no year); arms
# contracts (undated); a second companies' memorandum (no year). A sales contract only mentioned in
# one report is not among them.
KZ_TR_SIGNED = sorted([
    ("Agreement", "November 2021"),
    ("Memorandum", "Date unknown"),
    ("Contract", "Date unknown"),
    ("Memorandum", "Date unknown"),
])


def _rows(page) -> list[dict]:
    page.locator(".documents-table tbody tr").first.wait_for()
    return page.evaluate("""() => [...document.querySelectorAll('.documents-table tbody tr')].map((tr) => ({
        type: tr.querySelector('.doc-type').textContent,
        parties: [...tr.querySelectorAll('.doc-parties .chip')].map((c) => c.title),
        status: tr.querySelector('.doc-status').textContent,
        dates: [...tr.querySelectorAll('.history-item > .nowrap')].map((s) => s.textContent),
        statuses: [...tr.querySelectorAll('.history-item .badge')].map((s) => s.textContent),
    }))""")


def test_all_agreements_kazakhstan_signed_with_turkey(gold_page, shots):
    page = gold_page
    page.goto("/#/documents")
    page.locator(".documents-table tbody tr").first.wait_for()
    page.locator("#f-country option[value=KZ]").wait_for(state="attached")
    page.locator("#f-country").select_option("KZ")
    page.wait_for_url(re.compile(r"country=KZ"))
    page.locator("#f-partner option[value=TR]").wait_for(state="attached")
    page.locator("#f-partner").select_option("TR")
    page.wait_for_url(re.compile(r"partner=TR"))
    page.locator("#f-status").select_option("signed")
    page.wait_for_url(re.compile(r"status=signed"))
    page.get_by_text("4 documents (3 with no known date)").wait_for()
    rows = _rows(page)
    assert sorted((r["type"], r["dates"][0]) for r in rows) == KZ_TR_SIGNED
    assert all(r["parties"] == ["Kazakhstan", "Türkiye"] or r["parties"] == ["Kazakhstan", "Turkey"] for r in rows)
    assert all(r["status"] == "Signed" and r["statuses"] == ["Signed"] for r in rows)
    assert rows[0]["dates"] == ["November 2021"], "latest first, the undated last"
    shots(page, "documents-kz-tr-signed")

    # the export button downloads the same filtered list
    href = page.get_by_role("link", name="Export CSV").get_attribute("href")
    assert "country=KZ" in href and "partner=TR" in href and "status=signed" in href
    exported = list(csv.DictReader(io.StringIO(page.request.get(href).text())))
    assert sorted((r["type"], r["first_date"]) for r in exported) == sorted(
        [("agreement", "2021-11"), ("memorandum", ""), ("contract", ""), ("memorandum", "")])
    assert {r["parties"] for r in exported} == {"KZ TR"}

    # narrowed to the type "agreement": the one agreement; by year: the one dated 2021
    page.locator("#f-type").select_option("agreement")
    page.wait_for_url(re.compile(r"type=agreement"))
    page.get_by_text("1 document ·").wait_for()
    assert [(r["type"], r["dates"]) for r in _rows(page)] == [("Agreement", ["November 2021"])]
    page.goto("/#/documents?country=KZ&partner=TR&year=2021")
    page.get_by_text("1 document ·").wait_for()
    page.goto("/#/documents?country=KZ&partner=TR&year=2019")
    page.get_by_text("No documents match these filters").wait_for()


# "Who was Kazakhstan's defence minister in 2016?": the officials reference (milcoop/knowledge/data,
# sourced from economics.kazgazeta.kz) has Imangali Tasmagambetov from 22 October 2014 to 13 September
# 2016, then Saken Zhasuzakov to 7 August 2018. The dev gold names Zhasuzakov in 2017-2018 reports and
# Tasmagambetov in none, so his row links to no dossier.
KZ_DM_2016 = [("Imangali Tasmagambetov", "22 October 2014 – 13 September 2016", "officials reference"),
              ("Saken Zhasuzakov", "13 September 2016 – 7 August 2018", "officials reference")]


def _holders(page) -> list[tuple]:
    page.locator(".office-table tbody tr").first.wait_for()
    return [tuple(row) for row in page.evaluate("""() => [...document.querySelectorAll('.office-table tbody tr')].map(
        (tr) => [tr.querySelector('.holder').textContent, tr.querySelector('.term').textContent,
                 tr.querySelector('.basis span').textContent])""")]


def test_who_was_kazakhstans_defence_minister_in_2016(gold_page, shots):
    page = gold_page
    page.goto("/#/people")
    page.locator(".office-table tbody tr").first.wait_for()
    page.locator("#f-country option[value=KZ]").wait_for(state="attached")
    page.locator("#f-role").select_option("defense_minister")
    page.wait_for_url(re.compile(r"role=defense_minister"))
    page.locator("#f-country").select_option("KZ")
    page.wait_for_url(re.compile(r"country=KZ"))
    # every Kazakh defence minister the reports name, each on the reference's own term; none of another country
    names = [name for name, _, _ in _holders(page)]
    assert names == ["Adilbek Dzhaksybekov", "Saken Zhasuzakov", "Nurlan Yermekbayev", "Ruslan Zhaksylykov",
                     "Dauren Kosanov"]
    page.get_by_label("Held on (date, month or year)").fill("2016")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"on=2016"))
    page.get_by_text("Defense minister · Kazakhstan in 2016: 2 holders").wait_for()
    assert _holders(page) == KZ_DM_2016
    assert page.locator(".office-table .holder a").all_inner_texts() == ["Saken Zhasuzakov"]
    shots(page, "people-kz-defence-minister-2016")

    # a day names the one holder; a bad date or a date without an office is refused on the page
    page.goto("/#/people?role=defense_minister&country=KZ&on=2016-06-01")
    page.get_by_text("on 1 June 2016: 1 holder").wait_for()
    assert _holders(page) == KZ_DM_2016[:1]
    page.get_by_label("Held on (date, month or year)").fill("2016-13")
    page.get_by_role("button", name="Apply").click()
    page.get_by_text("Give the date as 2016, 2016-09 or 2016-09-13.").wait_for()
    page.goto("/#/people?on=2016")
    page.get_by_text("Choose an office", exact=True).wait_for()


def test_analyst_merges_and_splits_persons_from_the_dossier(gold_copy_page, shots):
    """Merging Kosanov into Khrenin and splitting his mentions back off, from Khrenin's dossier, signed in;
    both land in the audit log."""
    page = gold_copy_page
    khrenin = page.request.get("/api/people/search?q=Khrenin").json()[0]
    kosanov = page.request.get("/api/people/search?q=Kosanov").json()[0]
    kosanov_mentions = len(page.request.get(f"/api/people/{kosanov['id']}").json()["positions"])
    page.goto(f"/#/people/{khrenin['id']}")
    page.locator(".person-head h1", has_text="Viktor Khrenin").wait_for()
    assert page.locator(".merge-person").count() == 0, "merging needs a signed-in analyst"
    assert page.locator("input[name=split]").count() == 0

    page.goto(f"/#/login?next=/people/{khrenin['id']}")
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(f"#/people/{khrenin['id']}")))
    page.get_by_label("Find the person to merge into this one").fill("Kosanov")
    page.get_by_role("button", name="Find", exact=True).click()
    page.get_by_role("button", name="Merge Dauren Kosanov into this person").click()
    page.get_by_text("Dauren Kosanov merged into this person.").wait_for()
    assert "Dauren Kosanov" in page.locator(".person-head .spellings").inner_text()
    assert page.request.get(f"/api/people/{kosanov['id']}").status == 404
    shots(page, "person-merged")

    rows = page.locator(".positions-table tbody tr")
    picked = 0
    for i in range(rows.count()):
        if rows.nth(i).locator("td").nth(2).inner_text() == "Dauren Kosanov":
            rows.nth(i).locator("input[name=split]").check()
            picked += 1
    assert picked == kosanov_mentions
    page.get_by_role("button", name="Split ticked mentions into a new person").click()
    page.wait_for_url(lambda url: "#/people/pe-" in url and not url.endswith(khrenin["id"]))
    page.locator(".person-head h1", has_text="Dauren Kosanov").wait_for()
    new_id = page.url.rsplit("/", 1)[-1]
    assert "Viktor Khrenin" not in page.request.get(f"/api/people/{new_id}").json()["spellings"]
    assert "Dauren Kosanov" not in page.request.get(f"/api/people/{khrenin['id']}").json()["spellings"]
    audit = page.request.get("/api/audit").json()
    assert [(e["action"], e["target_kind"]) for e in audit[:2]] == [("split", "person"), ("merge", "person")]


def test_registers_fit_a_phone(gold_page, shots):
    """At 390 px nothing of the Documents page, the People page or a dossier is off-screen sideways
    (wide tables scroll inside their own box)."""
    page = gold_page
    page.set_viewport_size({"width": 390, "height": 844})
    zhasuzakov = page.request.get("/api/people/search?q=Zhasuzakov").json()[0]["id"]
    for path, ready, name in (("/#/documents?country=KZ", ".documents-table tbody tr", "documents-390"),
                              ("/#/people?role=defense_minister&country=KZ&on=2016", ".office-table tbody tr", "people-390"),
                              (f"/#/people/{zhasuzakov}", ".person-head h1", "person-390")):
        page.goto(path)
        page.locator(ready).first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide at 390px"
        shots(page, name, full_page=False)
