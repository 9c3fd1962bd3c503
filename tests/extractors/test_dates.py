"""Date resolution against the article's own date (parametrized real phrases)."""
from datetime import date

import pytest

from milcoop.extractors.dates import explicit_date, relative_date
from milcoop.extractors.doc import Doc
from milcoop.lang.lexicon import load_lexicon
from milcoop.records import Article


def _doc(published: str | None, lang="ru") -> Doc:
    pub = date.fromisoformat(published) if published and len(published) == 10 else None
    return Doc(article=Article(id="x", text=""), lang=lang, text="", published=pub,
               published_iso=published)


@pytest.mark.parametrize("lang, published, text, expected", [
    ("ru", None, "30 ноября 2011 года министры встретились", "2011-11-30"),
    ("ru", None, "АСТАНА. 10 июля. КАЗИНФОРМ - Сегодня состоялась встреча", None),
    ("ru", "2012-07-12", "АСТАНА. 10 июля. КАЗИНФОРМ - состоялась встреча", "2012-07-10"),
    ("ru", "2013-01-05", "встреча состоялась 28 декабря", "2012-12-28"),
    ("ru", None, "учения открылись накануне, 3 июня, и завершатся 7 июня 2013 года", "2013-06-03"),
    ("ru", None, "в марте 2012 г. стороны подписали", "2012-03"),
    ("ru", None, "Переговоры прошли 26.02.2021 в Бишкеке", "2021-02-26"),
    ("kk", None, "2024 жылғы 15 наурызда кездесу өтті", "2024-03-15"),
    ("en", None, "On March 5, 2024 the ministers met", "2024-03-05"),
    ("en", None, "the ministers met on 19 September 2025", "2025-09-19"),
])
def test_explicit_dates(lang, published, text, expected):
    assert explicit_date(_doc(published, lang), load_lexicon(lang), text) == expected


@pytest.mark.parametrize("lang, published, text, expected", [
    ("ru", "2011-11-30", "встретился в среду с заместителем министра", "2011-11-30"),
    ("ru", "2012-07-12", "встретился в среду с заместителем министра", "2012-07-11"),
    ("ru", "2018-11-08", "сегодня в Астане поставили подписи", "2018-11-08"),
    ("ru", "2013-06-04", "учения начались накануне", "2013-06-03"),
    ("ru", None, "встретился в среду", None),
    ("en", "2024-05-10", "the ministers met on Wednesday", "2024-05-08"),
    ("kk", "2024-05-10", "бүгін кездесу өтті", "2024-05-10"),
    ("kk", "2024-03-05", "өткен аптада екі елдің министрлері кездесті", "2024-02"),
    ("kk", "2024-03-20", "осы аптада келіссөздер өтті", "2024-03"),
    ("ru", "2024-03-05", "на прошлой неделе прошла встреча", "2024-02"),
    ("en", "2024-05-10", "last week the ministers met", "2024-05"),
    ("en", None, "last week the ministers met", None),
])
def test_relative_dates(lang, published, text, expected):
    assert relative_date(_doc(published, lang), load_lexicon(lang), text) == expected


def test_today_in_the_lead_skips_date_lines():
    """Headline, repeated headline, a bare date line, then 'бүгін Мәскеуде' in the fourth line of prose:
    'today' is the date line's day (date and byline lines are no prose)."""
    from milcoop.api import default_extractor
    from milcoop.learn.decider import Decider
    from milcoop.reading import clean
    from milcoop.records import RawDocument

    text = ("Қазақстан мен Ресей қорғаныс министрлері кездесті\n\nҚазақстан мен Ресей қорғаныс министрлері "
            "кездесті\n\n26.05.2017\n\nҚорғаныс министрлігінің баспасөз қызметі хабарлады.\n\nЕкі ел "
            "арасындағы әскери ынтымақтастық жоғары деңгейде дамып келеді.\n\nБүгін Мәскеуде Қазақстан "
            "Қорғаныс министрі ресейлік әріптесімен кездесіп, әскери ынтымақтастықты талқылады.")
    raw = RawDocument(source="t", external_id="t", text=text, lang="kk")
    record = default_extractor().extract(clean(raw), decider=Decider())
    assert record.events[0].date == "2017-05-26"
