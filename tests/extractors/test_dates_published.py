"""The publication date read from lines outside the header: a 'Published' line at the foot,
a month-only scraper stamp, and a URL that says the same date more precisely."""
from __future__ import annotations

import pytest

from milcoop.reading import detect_dateline
from milcoop.reading.dates import header_date, published_line_date

PROSE = "The ministers met and talked about many things of common interest. " * 10  # pushes the foot out of the header


@pytest.mark.parametrize("text, expected", [
    (PROSE + "\n\nPublished 11 October 2016", "2016-10-11"),
    (PROSE + "\n\nPublished in The Daily, December 11th, 2017\n\nComment", "2017-12-11"),
    (PROSE + "\n\nPublished first: 4:47 PM IST | 12 Dec 2024\n", "2024-12-12"),
    (PROSE + "\nОпубликовано: 5 марта 2021 года\n", "2021-03-05"),
    (PROSE + "\nЖарияланды: 2023 жылғы 7 шілде\n", "2023-07-07"),
])
def test_a_published_line_at_the_foot_dates_the_article(text, expected):
    assert detect_dateline(text).published == expected


def test_published_in_prose_is_no_publication_line():
    text = PROSE + " A report published by the institute on 3 May 2019 said so."
    assert published_line_date(text) is None
    assert detect_dateline(text).published is None


def test_the_header_still_wins_over_the_foot():
    text = "10 июля 2012, 12:00\n" + PROSE + "\nОпубликовано: 5 марта 2021 года"
    assert detect_dateline(text).published == "2012-07-10"


@pytest.mark.parametrize("header, expected", [
    (" date 2018-08 Делегация министерства сейчас в Индии", "2018-08"),
    (" date 2025-11-20 АСТАНА. KAZINFORM — встреча", "2025-11-20"),
])
def test_the_scraper_stamp_may_give_only_the_month(header, expected):
    assert header_date(header) == expected


def test_a_month_stamp_takes_the_day_of_the_url_that_agrees():
    text = " date 2022-01 Председатель прибыл в область и проведёт совещание."
    assert detect_dateline(text, "https://example.kg/blog/2022/01/28/news/").published == "2022-01-28"
    assert detect_dateline(text, "https://example.kg/blog/2021/12/30/news/").published == "2022-01"


@pytest.mark.parametrize("url, expected", [
    ("https://en.yna.co.kr/view/AEN20230524009500325", "2023-05-24"),
    ("https://example.com/news/20190513105512", "2019-05-13"),
    ("https://example.com/news/123420230524009500325", None),  # digits only: an id, not a date
])
def test_an_agency_id_that_starts_with_its_date(url, expected):
    from milcoop.reading.dates import url_date

    assert url_date(url) == expected
