import pytest

from milcoop.translit import name_key, origin_of, pinyin, romanize


@pytest.mark.parametrize("cyrillic, latin", [
    ("Адильбек Джаксыбеков", "Adilbek Dzhaksybekov"),
    ("Руслан Жақсылықов", "Ruslan Zhaksylykov"),
    ("Руслан Жаксылыков", "Ruslan Zhaksylykov"),
    ("Виктор Хренин", "Viktor Khrenin"),
    ("Нурлан Ермекбаев", "Nurlan Yermekbayev"),
    ("Сергей Шойгу", "Sergei Shoygu"),
    ("Хазри-2023", "Khazri-2023"),
    ("Peter Lavoy", "Peter Lavoy"),
])
def test_romanize_passport_style(cyrillic, latin):
    assert romanize(cyrillic) == latin


@pytest.mark.parametrize("a, b", [
    ("Жаксылыков", "Жақсылықов"),
    ("Жақсылықов", "Zhaksylykov"),
    ("Жаксылыков", "Jaksylykov"),
    ("Джаксыбеков", "Dzhaksybekov"),
])
def test_name_key_meets_across_scripts(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart():
    assert name_key("Жаксылыков") != name_key("Джаксыбеков")


@pytest.mark.parametrize("cyrillic, latin", [
    ("Дун Цзюнь", "Dong Jun"), ("Дун Цзюня", "Dong Jun"), ("Чан Ваньцюань", "Chang Wanquan"),
    ("Вэй Фэнхэ", "Wei Fenghe"), ("Ли Шанфу", "Li Shangfu"), ("Цы Говэем", "Ci Guowei"),
    ("Хуа Чуньин", "Hua Chunying"), ("Ван И", "Wang Yi"),
])
def test_chinese_names_from_palladius_to_pinyin(cyrillic, latin):
    assert pinyin(cyrillic) == latin


def test_non_chinese_names_are_not_palladius():
    assert pinyin("Адильбек Джаксыбеков") is None


@pytest.mark.parametrize("cyrillic, latin", [
    ("Хулуси Акар", "Hulusi Akar"),            # х is h in Turkish names, not kh
    ("Мустафа Капуджу", "Mustafa Kapucu"),     # дж is c
    ("Яшар Гюлер", "Yaşar Güler"),             # ш is ş; ю after a consonant is ü
    ("Вежди Гёнюль", "Vejdi Gönül"),           # ё after a consonant is ö; the soft sign is dropped
    ("Шүкрү Джан", "Şükrü Can"),               # Kazakh ү is ü
    ("Ибрагим Калын", "Ibragim Kalın"),        # ы is dotless ı
])
def test_turkish_names_undo_the_russian_transcription(cyrillic, latin):
    assert romanize(cyrillic, origin_of("TR")) == latin


def test_origin_comes_from_the_country_and_passport_spelling_stays_the_default():
    assert origin_of("TR") == "turkish" and origin_of("KZ") is None and origin_of(None) is None
    assert romanize("Хулуси Акар") == "Khulusi Akar"
    assert romanize("Hulusi Akar", origin_of("TR")) == "Hulusi Akar"  # Latin passes through
