"""detect_dateline on real headers from the corpus, plus header and URL dates."""
from __future__ import annotations

import pytest

from milcoop.reading import Dateline, detect_dateline
from milcoop.reading._data import load
from milcoop.reading.dates import header_date, parse_date, url_date

# corpus id -> (outlet, city as written, published, (day, month) from the dateline)
REAL_HEADERS = {
    # АСТАНА. 10 июля. КАЗИНФОРМ -   (no year anywhere: published stays None)
    "seed1": ("Kazinform", "Астана", None, (10, 7)),
    # Как передает AZE.az
    "seed0": ("AZE.az", None, None, None),
    # передаёт BaigeNews.kz
    "seed4": ("BaigeNews.kz", None, None, None),
    # США Материалы 30 ноября 2011 12:52 (UTC +04:00)
    "seed2": (None, None, "2011-11-30", None),
    # date 2025-11-20 ... АСТАНА. KAZINFORM —
    "dev002": ("Kazinform", "Астана", "2025-11-20", None),
    # Астана. 7 декабря. КазТАГ -   (the URL has no date)
    "dev015": ("KazTAG", "Астана", None, (7, 12)),
    # Нур-Султан. 13 мая. КазТАГ —   (year from the URL /2019/05/13/)
    "dev035": ("KazTAG", "Нур-Султан", "2019-05-13", (13, 5)),
    # АСТАНА. Қаңтардың 26-сы. ҚазАқпарат –   after  10:54, 26 Қаңтар 2009 | GMT +5
    "dev022": ("Kazinform", "Астана", "2009-01-26", (26, 1)),
    # 08:08 - 10 апреля 2025 ... БАКУ /Trend/ -
    "dev025": ("Trend", "Баку", "2025-04-10", None),
    # Бишкек, "САЯСАТ.KG".
    "dev027": ("Sayasat.kg", "Бишкек", "2025-11-30", None),
    # Флаг Пятница, 8 ноября 2024 (widget) ... 29 ноября 2021, 14:19 ... 29 ноября, Минск /Корр. БЕЛТА/
    "dev039": ("BelTA", "Минск", "2021-11-29", (29, 11)),
    # ТАШКЕНТ, 31 мая — Sputnik.
    "dev056": ("Sputnik", "Ташкент", None, (31, 5)),
    # АЛМА-АТА, 31 октября. /ТАСС/.
    "c01a": ("TASS", "Алма-Ата", None, (31, 10)),
    # 13:12, 31 Октябрь 2025 | GMT +5 ... сообщает агентство Kazinform
    "dev011": ("Kazinform", None, "2025-10-31", None),
    # • 25.04.2024 12:17 ... сообщает ИА El.kz
    "dev050": ("El.kz", None, "2024-04-25", None),
    # 26.02.2021 11:02
    "d08a": ("april.kg", None, "2021-02-26", None),
    # Курсы валют от 22/11/2024 (widget) ... Узбекистан 15/07/2018 ... Ташкент, Узбекистан (UzDaily.uz) --
    "dev087": ("UzDaily.uz", "Ташкент", "2018-07-15", None),
    # NUR-SULTAN, 22 December /TASS/.
    "dev092": ("TASS", "Nur-Sultan", "2021-12-22", (22, 12)),
    # BAKU, Azerbaijan, October 2 (MENAFN- Trend News Agency).
    "c12a": ("Trend", "Baku", "2023-10-02", (2, 10)),
    # TASHKENT, Uzbekistan, Jan. 22. ... Trend reports
    "dev110": ("Trend", "Tashkent", "2025-01-22", (22, 1)),
    # ALMATY, Kazakhstan, April\n8, 2015 –
    "dev107": ("centcom.mil", "Almaty", "2015-04-08", (8, 4)),
    # BISHKEK -- The most senior ...
    "dev106": ("rferl.org", "Bishkek", None, None),
    # Updated: April 19, 2024 00:32 (ignored) ... By Gaukhar Erubaeva October 29, 2018
    "dev108": ("caspiannews.com", None, "2018-10-29", None),
    # 23 Қазан, 2010
    "dev072": ("egemen.kz", None, "2010-10-23", None),
    # Қар 28, 2021 16:58 Asia/Almaty
    "dev083": ("itolqyn.com", None, "2021-11-28", None),
}


@pytest.mark.parametrize("article_id", list(REAL_HEADERS))
def test_real_headers(corpus, article_id):
    record = corpus[article_id]
    outlet, city, published, day_month = REAL_HEADERS[article_id]
    found = detect_dateline(record["text"], record["url"], record["title"])
    assert (found.outlet, found.city, found.published, found.day_month) == (outlet, city, published, day_month)


def test_result_unpacks_as_outlet_city_published(corpus):
    found = detect_dateline(corpus["seed1"]["text"])
    outlet, city, published = found
    assert (outlet, city, published) == ("Kazinform", "Астана", None)
    assert isinstance(found, Dateline) and found.day_month == (10, 7)


def test_partial_date_is_never_a_dashed_iso_string(corpus):
    found = detect_dateline(corpus["seed1"]["text"])
    assert found.published is None and found.day_month == (10, 7)


def test_dateline_year_comes_from_the_url(corpus):
    text = corpus["seed1"]["text"]
    found = detect_dateline(text, "https://www.inform.kz/ru/2012/07/some-news")
    assert found.published == "2012-07-10"


def test_only_the_header_is_searched(corpus):
    text = "Министры обороны встретились в столице.\n\n" + "Текст статьи без дат. " * 30
    text += "\nАСТАНА. 10 июля. КАЗИНФОРМ - 30 ноября 2011 12:52"
    assert tuple(detect_dateline(text)) == (None, None, None)


@pytest.mark.parametrize("header, expected", [
    ("США Материалы 30 ноября 2011 12:52 (UTC +04:00)", "2011-11-30"),
    ("13:12, 31 Октябрь 2025 | GMT +5", "2025-10-31"),
    ("08:08 - 10 апреля 2025", "2025-04-10"),
    ("26.02.2021 11:02", "2021-02-26"),
    (" date 2025-10-31 РУ\nВ тренде:", "2025-10-31"),
    ("  • 25.04.2024 12:17", "2024-04-25"),
    ("Jan 5, 2024", "2024-01-05"),
    ("5 January 2024", "2024-01-05"),
    ("2024 жылғы 15 наурыз", "2024-03-15"),
    ("16 ақпан 2026 жылы", "2026-02-16"),
    ("13:329/07/2025, Wednesday", "2025-07-09"),
    ("02/10/2023 - 18:24", "2023-10-02"),
    ("Tarih: Issue 59 - March 2015", "2015-03"),
    ("Курсы валют от 22/11/2024", None),
    ("Флаг Пятница, 8 ноября 2024", None),
    ("Updated: April 19, 2024 00:32", None),
    ("АСТАНА. 10 июля. КАЗИНФОРМ -", None),
    # a date inside a prose line is an event date, not the publication date
    ("16 ақпан 2026 жылы Отарда мерзімді қызметтегі әскеридің ауыр жарақаттанғаны жөнінде "
     "әлеуметтік желілерде ақпарат тарады. Жігіттің жақ сүйегі мен мұрны сынған.", None),
])
def test_header_dates(header, expected):
    assert header_date(header) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://eadaily.com/ru/ampnews/2018/11/08/ministry-oborony-rossii", "2018-11-08"),
    ("https://ca-news.info/2002/05/18/15", "2002-05-18"),
    ("https://zonakz.net/2019/05/13/glava-minoborony-rk", "2019-05-13"),
    ("https://belta.by/society/view/minoborony-belarusi-i-kitaja-472105-2021", "2021"),
    ("https://asiaplustj.info/news/tajikistan/security/20180808/ministr-oboroni", "2018-08-08"),
    ("https://sputniknews.com/world/201707051055236594-kazakhstan-us-defense/", "2017-07-05"),
    ("https://tvzvezda.ru/news/202511271553-JiVHf.html", "2025-11-27"),
    ("https://365info.kz/2018/11/kazahstanskie-mirotvortsy-pribyli-v-livan/", "2018-11"),
    ("https://caspiannews.com/news-detail/kazakhstan-sending-troops-2018-10-26-3/", "2018-10-26"),
    ("https://example.kz/news?id=5&date=2019-05-13", "2019-05-13"),
    ("https://example.kz/news?date=20190513", "2019-05-13"),
    ("https://tass.ru/mezhdunarodnaya-panorama/25505833", None),
    ("https://rus.baq.kz/soldat-srochnoy-sluzhby-pogib-v-oblasti-zhetisu_300022989/", None),
    ("https://vecher.kz/v-kazakhstane-ministr-oborony-kitaia-1714042213", None),
    ("https://kazworld.info/kazakhstan-launches-steppe-eagle-2015", None),
    ("https://menafn.com/1107173756/Kazakh-Warships-Off-To-Join-Khazri-2023-Exercises", None),
    (None, None),
])
def test_url_dates(url, expected):
    assert url_date(url) == expected


def test_header_date_beats_url_date(corpus):
    record = corpus["dev039"]  # header 29 ноября 2021; URL ends in -2021
    assert detect_dateline(record["text"], record["url"]).published == "2021-11-29"


def test_url_date_is_the_last_resort(corpus):
    text = corpus["seed0"]["text"]
    assert detect_dateline(text, "https://eadaily.com/ru/news/2011/11/30/x").published == "2011-11-30"


@pytest.mark.parametrize("value, expected", [
    ("2024-04-25T10:00:00Z", "2024-04-25"), ("2021-02", "2021-02"), ("2021", "2021"),
    ("25.04.2024", "2024-04-25"), ("10 июля 2012 года", "2012-07-10"), ("nonsense", None), (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_month_names_come_from_the_data_file():
    months = load("months")
    assert set(months) >= {"ru", "kk", "en"}
    assert "июля" in months["ru"][7] and "наурыз" in months["kk"][3] and "jan" in months["en"][1]
