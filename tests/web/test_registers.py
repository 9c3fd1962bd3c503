"""Analysts' questions answered on the Documents and People pages, in Chromium, over the dev corpus's
gold records (``gold_db``: stored without extraction, so these check the UI and the registers, not
extraction). The expected answers were read off ``shared/corpus/dev/gold.jsonl`` and the officials
reference by hand and are written out here."""
from __future__ import annotations

import csv
import io
import re

import pytest

pytestmark = pytest.mark.browser

# "All agreements Kazakhstan signed with Turkey": every gold document of a KZ-TR event with status
# signed. dev083 (Kazakh): the agreement on Phoenix drones, dated by its 28 Nov 2021 header; dev059: the
# Kazakhstan Engineering - Turkish Aerospace memorandum (10 May, no year); dev074: the arms contracts
# (undated); dev102: the Otokar memorandum (12 October, no year). dev102's May sales contract is only
# mentioned, so it is not among them.
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
