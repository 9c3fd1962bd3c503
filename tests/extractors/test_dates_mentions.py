"""Every date a sentence states, and the year an undated one takes (short sentences written for it)."""
from __future__ import annotations

from datetime import date

import pytest

from milcoop.extractors.dates import explicit_date, mentions, relative_date, sentence_years, text_year
from milcoop.extractors.doc import Doc
from milcoop.lang.lexicon import load_lexicon
from milcoop.records import Article


def _doc(published: str | None, lang: str, text: str = "") -> Doc:
    pub = date.fromisoformat(published) if published and len(published) == 10 else None
    return Doc(article=Article(id="x", text=text), lang=lang, text=text, published=pub, published_iso=published)


def _found(lang, published, text, planned=False, whole=None):
    doc = _doc(published, lang, whole or text)
    return [(m.iso, m.kind) for m in mentions(doc, load_lexicon(lang), text, planned=planned) if not m.aside]


@pytest.mark.parametrize("lang, published, text, expected", [
    # a year glued to a name is no year of the sentence: the publication's year stands
    ("en", "2021-12-04", "The deal was signed on December 3 on the sidelines of Expo 2020 Dubai.", "2021-12-03"),
    ("ru", "2024-02-10", "Министр 1 февраля посетит выставку WDS-2024 в Эр-Рияде.", "2024-02-01"),
    ("kk", "2023-07-20", "«Айбын-2023» жиыны 17 шілде күні басталды.", "2023-07-17"),
    # a year standing alone in the sentence is the day's
    ("ru", "2021-05-01", "Соглашение подписали 5 мая, в 2019 году.", "2019-05-05"),
    # a period is no year of the day
    ("ru", "2021-05-10", "5 мая подписали план на 2018-2022 годы.", "2021-05-05"),
])
def test_a_day_month_takes_a_standing_year_not_a_named_one(lang, published, text, expected):
    assert explicit_date(_doc(published, lang, text), load_lexicon(lang), text) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Учения «Хамкорлик-2021» завершились. 17 ноября в Термез прибыла делегация.", "2021-11-17"),
    ("en", "Agile Spirit 2019 came to an end. On August 9 the drills were closed.", "2019-08-09"),
    ("kk", "«Бірлестік-2024» оқу-жаттығуы. 15 шілдеде әскерлер келді.", "2024-07-15"),
])
def test_without_a_publication_date_a_day_takes_the_year_of_the_texts_dated_names(lang, text, expected):
    doc = _doc(None, lang, text)
    lex = load_lexicon(lang)
    assert text_year(doc, lex) == int(expected[:4])
    assert [m.iso for m in mentions(doc, lex, text) if m.kind == "day"] == [expected]


def test_no_year_anywhere_leaves_a_day_undated():
    text = "АСТАНА. 10 июля. КАЗИНФОРМ - состоялась встреча"
    assert explicit_date(_doc(None, "ru", text), load_lexicon("ru"), text) is None


@pytest.mark.parametrize("lang, published, text, planned, expected", [
    ("en", "2018-11-20", "In October, the minister also met his counterpart.", False, "2018-10"),
    ("en", "2018-02-20", "In October, the minister also met his counterpart.", False, "2017-10"),
    ("en", "2018-11-20", "The drills will be held in March.", True, "2019-03"),
    ("ru", "2024-05-31", "Учения пройдут в июле на западе страны.", True, "2024-07"),
    ("ru", "2024-05-31", "В марте министры уже встречались.", False, "2024-03"),
    ("kk", "2021-06-01", "Тамызда Ресей мен Қытай бірлескен оқу-жаттығу ұйымдастырады.", True, "2021-08"),
    ("kk", "2026-02-13", "Қыркүйекте Қазақстан аумағында оқу-жаттығу өтеді.", True, "2026-09"),
    ("kk", "2024-05-20", "Биылғы жылдың шілдесінде оқу-жаттығу өтеді.", True, "2024-07"),
])
def test_a_month_alone_dates_the_month(lang, published, text, planned, expected):
    assert (expected, "lone_month") in _found(lang, published, text, planned)


@pytest.mark.parametrize("lang, text", [
    ("en", "Officials said the talks may resume."),  # the modal verb
    ("en", "Prime Minister Theresa May met the minister."),  # a surname
    ("ru", "Генерал Август Иванов прибыл в столицу."),  # a given name
    ("kk", "Делегация Қазанда болды."),  # the city of Kazan
    ("ru", "Майор доложил министру."),  # a rank, not May
])
def test_a_month_word_that_is_no_month(lang, text):
    assert not [k for _, k in _found(lang, "2024-05-31", text) if k == "lone_month"]


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "В 2024 году Казахстан председательствует в ОДКБ.", [2024]),
    ("ru", "Министры утвердили план на 2012 год.", []),
    ("kk", "2024 жылы ҰҚШҰ-ға Қазақстан төрағалық етеді.", [2024]),
    ("en", "In 2024 the country chairs the organisation; the IDEF 2025 fair opens.", [2024]),
    ("ru", "План на 2013-2017 годы подписан.", []),
])
def test_years_standing_alone(lang, text, expected):
    assert [y for _, _, y in sentence_years(load_lexicon(lang), text)] == expected


@pytest.mark.parametrize("lang, published, text, expected", [
    ("en", "2012-09-05", "As you said both yesterday and today, our meeting was fruitful.", "2012-09-04"),
    ("en", "2012-09-05", "Today we signed it, and the talks went on last week.", "2012-09-05"),
    ("ru", "2016-08-17", "Как сегодня рассказал министр, накануне они виделись.", "2016-08-17"),
])
def test_the_first_relative_day_by_position(lang, published, text, expected):
    assert relative_date(_doc(published, lang, text), load_lexicon(lang), text) == expected


def test_every_relative_day_is_a_mention():
    found = _found("en", "2012-09-05", "As you said both yesterday and today, our meeting was fruitful.")
    assert found == [("2012-09-04", "relative"), ("2012-09-05", "relative")]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The chiefs met in the capital on Monday (July 8, 2024).", "2024-07-08"),
    ("ru", "Министры встретились в понедельник (8 июля 2024 года).", "2024-07-08"),
])
def test_a_date_in_parentheses_spells_out_the_day_word_before_it(lang, text, expected):
    assert explicit_date(_doc(None, lang, text), load_lexicon(lang), text) == expected


def test_other_dates_in_parentheses_are_asides():
    text = "The plan (approved on 26 August 2005) was discussed."
    assert explicit_date(_doc(None, "en", text), load_lexicon("en"), text) is None


def _sentences(text: str, lang: str):
    from milcoop.extractors.doc import Sentence

    out, start = [], 0
    for part in text.split(". "):
        out.append(Sentence(start=start, end=start + len(part), text=part, lang=lang))
        start += len(part) + 2
    return out


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The programme runs until 15 October, and the exercise began on 2 October 2025", "2025-10-02"),
    ("kk", "Бағдарлама 15 қазанға дейін созылады, ал оқу-жаттығу 2025 жылғы 2 қазанда басталды", "2025-10-02"),
    ("ru", "Документ действует до 15 октября, а учения начались 2 октября 2025 года", "2025-10-02"),
])
def test_the_rule_skips_a_bound(lang, text, expected):
    from milcoop.extractors.dates import event_date

    doc = _doc("2025-10-05", lang, text)
    doc.sentences = _sentences(text, lang)
    assert event_date(doc, load_lexicon(lang), doc.sentences, []) == expected


@pytest.mark.parametrize("lang, text", [
    ("ru", "Подписание состоялось в Стамбуле, на открытии выставки IDEF 2025"),
    ("en", "The deal was signed in Istanbul at the opening of IDEF 2025"),
    ("kk", "Келісімге Ыстамбұлда IDEF 2025 көрмесінің ашылуында қол қойылды"),
])
def test_a_year_glued_to_a_name_in_the_occasions_sentence_is_a_candidate(lang, text):
    from milcoop.extractors.dates import date_candidates

    doc = _doc(None, lang, text)
    doc.sentences = _sentences(text, lang)
    values = {c.value: c.features for c in date_candidates(doc, load_lexicon(lang), doc.sentences, [], None, None)}
    assert "kind=named_year" in values["2025"]


def test_without_a_publication_date_a_lone_month_refines_the_exercises_year():
    from milcoop.extractors.dates import event_date

    text = "Тамызда Ресей мен Қытай бірлескен оқу-жаттығу ұйымдастырады. Бұл шара «Өзара әрекет2021» деген атау алды"
    doc = _doc(None, "kk", text)
    doc.sentences = _sentences(text, "kk")
    assert event_date(doc, load_lexicon("kk"), doc.sentences, ["Ozara areket-2021"]) == "2021-08"
    assert event_date(doc, load_lexicon("kk"), doc.sentences, ["Ozara areket-2022"]) == "2022"


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "5 мая министры утвердили план сотрудничества на 2012 год.", "2011-05-05"),
    ("en", "On 5 May the ministers approved the cooperation plan for 2012.", "2011-05-05"),
    ("kk", "5 мамырда министрлер 2012 жылға арналған ынтымақтастық жоспарын бекітті.", "2011-05-05"),
])
def test_a_documents_period_is_no_year_of_the_day(lang, text, expected):
    assert explicit_date(_doc("2011-05-20", lang, text), load_lexicon(lang), text) == expected
    assert _found(lang, None, text) == []


def test_a_kazakh_year_before_its_month():
    assert _found("kk", None, "2021 жылғы наурызда құжатқа қол қойылды.") == [("2021-03", "month")]


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Стороны обсудили Договор о коллективной безопасности от 15 мая 1992 года, учения начались 2 октября 2025 года",
     "2025-10-02"),
    ("en", "They discussed the Treaty of 15 May 1992 and the exercise that began on 2 October 2025", "2025-10-02"),
    ("en", "They discussed the agreement dated 26 August 2005; the exercise began on 2 October 2025", "2025-10-02"),
    ("kk", "Тараптар 1992 жылғы 15 мамырдағы Ұжымдық қауіпсіздік туралы шартты талқылады, оқу-жаттығу 2025 жылғы "
           "2 қазанда басталды", "2025-10-02"),
])
def test_the_rule_skips_a_documents_date(lang, text, expected):
    from milcoop.extractors.dates import event_date

    doc = _doc("2025-10-05", lang, text)
    doc.sentences = _sentences(text, lang)
    assert event_date(doc, load_lexicon(lang), doc.sentences, []) == expected


def test_an_exercises_year_in_the_occasions_sentence_is_no_venue_year():
    from milcoop.extractors.dates import date_candidates

    text = "Министрлер Қазақстанда өткізу жоспарланып отырған «Бірлестік-2024» оқу-жаттығуының өзектілігін атап өтті"
    doc = _doc(None, "kk", text)
    doc.sentences = _sentences(text, "kk")
    kinds = [k for c in date_candidates(doc, load_lexicon("kk"), doc.sentences, [], None, None) for k in c.features]
    assert "kind=named_year" not in kinds
