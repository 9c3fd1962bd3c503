"""Kazakh in the official Latin alphabets is read back into Cyrillic, offsets kept into the raw text."""
import pytest

from milcoop.reading import clean
from milcoop.reading.kk_latin import alphabet_of, to_cyrillic
from milcoop.records import RawDocument


@pytest.mark.parametrize("latin, cyrillic, alphabet", [
    ("Qorǵanys mınıstri Rýslan Jaqsylyqov Túrkııaǵa saparmen bardy.",
     "Қорғаныс министрі Руслан Жақсылықов Түркияға сапармен барды.", "2018"),
    ("Qazaqstan beıbitshilik mıssııasyn rýhanı jaǵynan da oryndap keledi.",
     "Қазақстан бейбітшілік миссиясын рухани жағынан да орындап келеді.", "2018"),
    ("Qorğanys ministrlıgı Ruslan Jaqsylyqovtyñ saparyn habarlady.",
     "Қорғаныс министрлігі Руслан Жақсылықовтың сапарын хабарлады.", "2021"),
])
def test_official_latin_alphabets_read_back_into_cyrillic(latin, cyrillic, alphabet):
    assert alphabet_of(latin) == alphabet
    assert to_cyrillic(latin, alphabet)[0] == cyrillic


@pytest.mark.parametrize("text", [
    "The Kazakh defence minister met his Iraqi counterpart in Baghdad on Monday.",
    "Türkiye'nin savunma bakanı Kazakistan'a resmi bir ziyaret gerçekleştirdi.",   # Turkish, no q
    "Министр обороны Казахстана провел переговоры.",
])
def test_other_texts_are_not_taken_for_kazakh_latin(text):
    assert alphabet_of(text) is None


def test_cleaning_transliterates_and_keeps_raw_offsets():
    raw = "Qorǵanys mınıstri Rýslan Jaqsylyqov beıbitshilik mıssııasyn talqylady."
    article = clean(RawDocument(source="t", text=raw))
    assert article.lang == "kk" and article.text.startswith("Қорғаныс министрі Руслан Жақсылықов")
    at = article.text.index("Жақсылықов")
    assert raw[article.raw_offset(at):].startswith("Jaqsylyqov")
    at = article.text.index("шілік")       # after the digraph "sh"
    assert raw[article.raw_offset(at):].startswith("shilik")


def test_a_text_declared_russian_or_english_is_left_alone():
    raw = "Qorǵanys mınıstri Rýslan Jaqsylyqov saparmen bardy."
    assert clean(RawDocument(source="t", text=raw, lang="en")).text == raw
