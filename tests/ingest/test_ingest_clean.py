"""clean(): noise removal on real seeds and corpus texts, the offset map, ids."""
from __future__ import annotations

import unicodedata

import pytest

from milcoop.errors import EmptyInput
from milcoop.reading import clean
from milcoop.reading._data import load
from milcoop.records import Article, RawDocument


def cleaned(text: str, **fields) -> Article:
    return clean(RawDocument(source="test", text=text, **fields))


def lines_of(article: Article) -> list[str]:
    return article.text.split("\n")


def assert_segments_exact(article: Article) -> None:
    """Every segment is a verbatim copy; segments are ordered and do not overlap."""
    end = 0
    for seg in article.segments:
        assert seg.length > 0 and seg.clean_start >= end
        raw = article.raw_text[seg.raw_start:seg.raw_start + seg.length]
        assert raw == article.text[seg.clean_start:seg.clean_start + seg.length]
        end = seg.clean_start + seg.length


# --- the seeds --------------------------------------------------------------

def test_seed_001_noise_is_gone_and_paragraphs_stay(seed_001):
    article = cleaned(seed_001)
    assert "None" not in lines_of(article) and "Сейчас читают" not in article.text
    paragraphs = article.text.split("\n\n")
    raw_paragraphs = [p.strip() for p in seed_001.split("\n\n")]
    assert paragraphs[0] == raw_paragraphs[0]  # the headline
    assert paragraphs[1] == raw_paragraphs[1].replace("\nNone\nNone", "").replace("\xa0", " ")
    assert paragraphs[2:] == raw_paragraphs[2:-1]  # every body paragraph, without "Сейчас читают"
    assert len(paragraphs) == 8
    assert article.text.endswith("сотрудничества между Казахстаном и Беларусью.")


def test_seed_001_header_fields(seed_001):
    article = cleaned(seed_001)
    assert (article.outlet, article.dateline_city, article.published) == ("Kazinform", "Астана", None)


def test_seed_002_noise_is_gone_and_paragraphs_stay(seed_002):
    article = cleaned(seed_002)
    assert not article.text.startswith("...")
    assert article.text.startswith("Казахстан и США готовят план военного сотрудничества на 2013-2017 гг\n\n")
    assert "Лента новостей" not in article.text and "Лента" not in lines_of(article)
    assert article.text.endswith("на территории нашей страны\".")
    raw_paragraphs = [p for p in seed_002.split("\n\n") if p not in ("...", "Лента", "Лента новостей")]
    assert article.text.split("\n\n") == raw_paragraphs
    assert article.published == "2011-11-30"


def test_raw_text_is_the_original(seed_002):
    article = cleaned(seed_002)
    assert article.raw_text == seed_002 and article.raw_text != article.text


# --- noise from the corpus ----------------------------------------------------

@pytest.mark.parametrize("article_id, gone, kept", [
    ("dev003", ["БӨЛІСУ", "Сурет:depositphotos.com"],
     ["Мәжілісмендер бүгін Қазақстан Үкіметі мен Қатар Үкіметі"]),
    ("dev007", ["Reader comments", "#Dauren Kosanov", "Be the first to comment", "Archive image",
                "By signing up, you consent"],
     ["In the course of the talks, the two sides went over topical matters of military interaction."]),
    ("dev011", ["В тренде:", "отопительный сезон в регионах страны", "Фото: Министерство обороны РК"],
     ["План военного сотрудничества подписан минобороны Казахстана, России и Беларуси",
      "13:12, 31 Октябрь 2025"]),
    ("dev028", ["Сейчас\n-9", "USD", "+0.31", "Фото: постпредство"],
     ["Казахстанские миротворцы прибыли в Ливан", "Миротворческая операция всегда сопряжена"]),
    ("dev044", ["Новости по теме", "авиарейса в Стамбул", "Названы города", "Фото: пресс-служба"],
     ["содействовать развитию боевой подготовки, военного образования и оборонной промышленности."]),
    ("dev119", ["ПОДЕЛИТЬСЯ", "Читайте также", "Qatari Emir expected in Astana", "Exchange Rates",
                "Photo: akorda.kz"],
     ["Dzhaksybekov now takes up the post of Secretary of State."]),
    ("dev087", ["Курсы валют", "UZS", "12851.47"],
     ["Узбекистан и Казахстан проведут общие военные учения"]),
    ("seed2", ["Лента новостей"], ["Питером Лэвой"]),
])
def test_corpus_noise(corpus, article_id, gone, kept):
    record = corpus[article_id]
    article = cleaned(record["text"], url=record["url"])
    for noise in gone:
        assert noise not in article.text, noise
    for text in kept:
        assert text in article.text, text


def test_repeated_title_near_the_top_is_kept_once(corpus):
    article = cleaned(corpus["dev003"]["text"])
    title = "Қатарға Қазақстанның әскери полигондарын пайдалану мүмкіндігі беріледі"
    assert article.text.count(title) == 1
    lead = "Әскери салада Қазақстан мен Қатар өзара ынтымақтастық орнатпақ."
    assert article.text.count(lead) == 1


def test_cut_off_last_paragraph_is_not_taken_for_a_headline_list(corpus):
    for article_id in ("dev050", "dev002"):
        record = corpus[article_id]
        last_raw_line = record["text"].rstrip().split("\n")[-1].strip()
        assert cleaned(record["text"]).text.endswith(last_raw_line)


def test_hard_wrapped_lines_and_lone_numbers_stay(corpus):
    text = corpus["dev014"]["text"]
    assert cleaned(text).text == text.strip()


@pytest.mark.parametrize("marker", ["Читайте также:", "Read more", "Оқи отырыңыз:"])
def test_read_also_marker_takes_its_link_along(corpus, marker):
    body = corpus["seed0"]["text"].split("\n\n")
    text = "\n\n".join(body[:3] + [marker, "Министры обороны СНГ встретились в Душанбе"] + body[3:])
    article = cleaned(text)
    assert marker.rstrip(":") not in article.text and "встретились в Душанбе" not in article.text
    assert article.text == cleaned(corpus["seed0"]["text"]).text


@pytest.mark.parametrize("noise", [
    "Поделиться", "Facebook", "Twitter", "X", "Telegram", "WhatsApp", "VK", "ВКонтакте", "Одноклассники",
    "Фото: пресс-служба Минобороны РК", "Читайте zakon.kz в соцсетях:", "Лента", "None", "...",
    "Share", "Related", "Толығырақ", "Предыдущий материал Учения прошли", "Следующий материал Визит",
    "-4.71°C", "+12 °C", "Онлайн-эфир",
])
def test_noise_lines_anywhere(corpus, noise):
    paragraphs = corpus["seed4"]["text"].split("\n")
    text = "\n".join(paragraphs[:2] + [noise] + paragraphs[2:])
    assert cleaned(text).text == cleaned(corpus["seed4"]["text"]).text


def test_headline_tail_needs_two_lines(corpus):
    text = corpus["seed0"]["text"]
    one = cleaned(text + "\n\nИсточник материала")
    two = cleaned(text + "\n\nВ Алматы прошли учения спецназа\nНовый министр обороны назначен в Кыргызстане")
    assert one.text.endswith("Источник материала")
    assert two.text == cleaned(text).text


def test_noise_patterns_live_in_the_data_file():
    noise = load("noise")
    assert {"ru", "kk", "en"} <= set(noise)
    assert "Сейчас читают" in noise["ru"]["exact"] and "Read more" in noise["en"]["with_next"]


def test_nothing_left_is_empty_input():
    with pytest.raises(EmptyInput) as caught:
        cleaned("None\nПоделиться\n\nСейчас читают\n")
    assert "test" in str(caught.value)


# --- whitespace and the offset map ----------------------------------------------

def test_whitespace_runs_inside_lines_collapse():
    article = cleaned("Министр  обороны\tРК\u00a0провёл \u200bвстречу. \r\n\r\n\r\nВторой   абзац.  ")
    assert article.text == "Министр обороны РК провёл встречу.\n\nВторой абзац."


def test_map_points_back_into_raw_text(seed_001):
    article = cleaned(seed_001)
    start = article.text.index("Адильбека Джаксыбекова")
    raw_start = article.raw_offset(start)
    assert raw_start is not None
    assert seed_001[raw_start:raw_start + len("Адильбека Джаксыбекова")] == "Адильбека Джаксыбекова"
    assert raw_start == seed_001.index("Адильбека Джаксыбекова")


def test_only_inserted_spaces_lack_a_raw_offset():
    article = cleaned("Министр\u00a0обороны  РК\n\nВторой\tабзац")
    unmapped = [article.text[i] for i in range(len(article.text)) if article.raw_offset(i) is None]
    assert unmapped == [" ", " "]  # the no-break space and the tab


def test_segments_are_verbatim_for_every_sample_article(corpus):
    for record in corpus.values():
        article = cleaned(record["text"], url=record["url"])
        assert_segments_exact(article)
        for i, char in enumerate(article.text):
            raw = article.raw_offset(i)
            assert raw is None or article.raw_text[raw] == char
            assert raw is not None or char == " "


def test_segments_survive_crlf_and_invisible_characters(seed_002):
    messy = seed_002.replace("\n", "\r\n").replace(" ", "  ").replace("США", "С\u200bША")
    article = cleaned(messy)
    assert_segments_exact(article)
    assert article.text == cleaned(seed_002).text


# --- ids ----------------------------------------------------------------------------

def test_id_is_stable_across_noise_and_whitespace(seed_001):
    base = cleaned(seed_001)
    noisier = ("...\n\n" + seed_001.replace("\n\n", "\n\n\n").replace(". ", ".  ")
               + "\n\nПоделиться\nFacebook\nTelegram\n\nЛента новостей\n")
    assert cleaned(noisier).id == base.id
    assert cleaned(unicodedata.normalize("NFD", seed_001)).id == base.id
    assert len(base.id) == 16 and int(base.id, 16) >= 0


def test_different_articles_get_different_ids(corpus):
    ids = {cleaned(record["text"]).id for record in corpus.values()}
    assert len(ids) == len(corpus)


# --- fields ---------------------------------------------------------------------------

def test_fields_are_carried_over(corpus):
    record = corpus["dev035"]
    raw = RawDocument(source="a.jsonl:3", external_id="dev035", text=record["text"], url=record["url"],
                      title="Ермекбаев в Ливане", lang="ru", format="jsonl")
    article = clean(raw)
    assert (article.external_id, article.source, article.url, article.title, article.lang, article.format) == (
        "dev035", "a.jsonl:3", record["url"], "Ермекбаев в Ливане", "ru", "jsonl")
    assert (article.outlet, article.dateline_city, article.published) == ("KazTAG", "Нур-Султан", "2019-05-13")


@pytest.mark.parametrize("given, expected", [("2012-07-10", "2012-07-10"), ("10.07.2012", "2012-07-10"),
                                             ("2012-07-10T09:30:00+06:00", "2012-07-10")])
def test_raw_published_wins_over_the_header(seed_002, given, expected):
    assert cleaned(seed_002, published=given).published == expected


def test_header_date_then_url_date(corpus):
    assert cleaned(corpus["dev025"]["text"], url="https://x.kz/2001/01/01/a").published == "2025-04-10"
    assert cleaned(corpus["seed0"]["text"], url="https://x.kz/2011/11/30/a").published == "2011-11-30"


def test_scraper_date_stamp_is_not_in_the_text(corpus):
    article = cleaned(corpus["dev002"]["text"])
    assert article.text.startswith("Қорғаныс министрі: Әскерде әлімжеттік жоқ\n")
    assert article.published == "2025-11-20"
