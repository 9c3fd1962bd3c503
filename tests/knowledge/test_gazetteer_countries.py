"""Country names, abbreviations, adjectives and demonyms in ru, kk and en.

Forms are taken from the dev corpus (shared/corpus) and the seed articles.
"""
import pytest

from milcoop.knowledge import get_gazetteer

G = get_gazetteer()


@pytest.mark.parametrize("surface, lang, code", [
    # ru: nominative, inflected, multi-word official names, abbreviations
    ("Казахстан", "ru", "KZ"),
    ("Казахстана", "ru", "KZ"),
    ("Казахстаном", "ru", "KZ"),
    ("КАЗАХСТАНА", "ru", "KZ"),
    ("Республики Казахстан", "ru", "KZ"),
    ("РК", "ru", "KZ"),
    ("Азербайджанской Республики", "ru", "AZ"),
    ("Азербайджанская Республика", "ru", "AZ"),
    ("АР", "ru", "AZ"),
    ("Республикой Беларусь", "ru", "BY"),
    ("Беларусью", "ru", "BY"),
    ("Белоруссии", "ru", "BY"),
    ("Соединенных Штатов Америки", "ru", "US"),
    ("Соединённые Штаты Америки", "ru", "US"),
    ("США", "ru", "US"),
    ("Штаты", "ru", "US"),
    ("Российской Федерации", "ru", "RU"),
    ("РФ", "ru", "RU"),
    ("КНР", "ru", "CN"),
    ("Китайской Народной Республики", "ru", "CN"),
    ("Поднебесная", "ru", "CN"),
    ("Кыргызской Республики", "ru", "KG"),
    ("Киргизии", "ru", "KG"),
    ("КР", "ru", "KG"),
    ("Туркмении", "ru", "TM"),
    ("Турецкой Республике", "ru", "TR"),
    ("Türkiye", "ru", "TR"),
    ("Великобритании", "ru", "GB"),
    ("Соединенное Королевство", "ru", "GB"),
    ("ФРГ", "ru", "DE"),
    ("КНДР", "ru", "KP"),
    ("Южной Кореи", "ru", "KR"),
    ("Республике Корея", "ru", "KR"),
    ("ОАЭ", "ru", "AE"),
    ("ЮАР", "ru", "ZA"),
    ("Ливанской Республике", "ru", "LB"),
    ("Норвегии", "ru", "NO"),  # YAML must not read NO as false
    ("Минобороны РК", "ru", "KZ"),
    ("МО РФ", "ru", "RU"),
    # kk: case and possessive suffixes, hyphenated suffixes on abbreviations
    ("Қазақстан", "kk", "KZ"),
    ("Қазақстандағы", "kk", "KZ"),
    ("Қазақстанның", "kk", "KZ"),
    ("Қазақстан Республикасының", "kk", "KZ"),
    ("ҚР", "kk", "KZ"),
    ("Әзербайжанның", "kk", "AZ"),
    ("Әзірбайжан", "kk", "AZ"),
    ("Ресейдің", "kk", "RU"),
    ("Ресей Федерациясындағы", "kk", "RU"),
    ("АҚШ-пен", "kk", "US"),
    ("АҚШ-тан", "kk", "US"),
    ("Америка Құрама Штаттарының", "kk", "US"),
    ("ҚХР-дың", "kk", "CN"),
    ("Қытайдың", "kk", "CN"),
    ("Тәжікстанға", "kk", "TJ"),
    ("Тәжікстан Республикасында", "kk", "TJ"),
    ("Түрікменстан", "kk", "TM"),
    ("Түркіменстан", "kk", "TM"),
    ("Түркияның", "kk", "TR"),
    ("Беларус", "kk", "BY"),
    ("Қырғызстандағы", "kk", "KG"),
    ("Өзбекстан", "kk", "UZ"),
    ("Ливанда", "kk", "LB"),
    ("Мысыр", "kk", "EG"),
    ("Қатарға", "kk", "QA"),
    # en
    ("Kazakhstan", "en", "KZ"),
    ("Republic of Kazakhstan", "en", "KZ"),
    ("U.S.", "en", "US"),
    ("USA", "en", "US"),
    ("America", "en", "US"),
    ("United States of America", "en", "US"),
    ("UK", "en", "GB"),
    ("Britain", "en", "GB"),
    ("Türkiye", "en", "TR"),
    ("Turkey", "en", "TR"),
    ("PRC", "en", "CN"),
    ("People's Republic of China", "en", "CN"),
    ("ROK", "en", "KR"),
    ("DPRK", "en", "KP"),
    ("Georgia", "en", "GE"),
    ("Brunei Darussalam", "en", "BN"),
])
def test_country_by_name(surface, lang, code):
    assert G.country_by_name(surface, lang) == code


@pytest.mark.parametrize("surface, lang", [
    ("того", "ru"), ("Того", "ru"), ("мира", "ru"), ("стороны", "ru"),
    ("рк", "ru"), ("сша", "ru"), ("Республика", "ru"), ("Корея", "ru"),
    ("штаты", "ru"), ("казахстана", "ru"), ("қатарда", "kk"), ("turkey", "en"),
    ("Ел", "kk"), ("ел", "kk"), ("Корея", "kk"), ("Республикасы", "kk"),
    ("us", "en"), ("Korea", "en"), ("Soviet Union", "en"),
])
def test_country_by_name_rejects_common_words(surface, lang):
    assert G.country_by_name(surface, lang) is None


@pytest.mark.parametrize("word, lang, code", [
    ("казахстанские", "ru", "KZ"),
    ("казахстанского", "ru", "KZ"),
    ("белорусской", "ru", "BY"),
    ("российско-", "ru", "RU"),
    ("казахстано-", "ru", "KZ"),
    ("казахстанско", "ru", "KZ"),
    ("американо", "ru", "US"),
    ("кыргызско-", "ru", "KG"),
    ("киргизский", "ru", "KG"),
    ("азербайджанских", "ru", "AZ"),
    ("турецкого", "ru", "TR"),
    ("южнокорейский", "ru", "KR"),
    ("казахстанцы", "ru", "KZ"),
    ("россияне", "ru", "RU"),
    ("американцев", "ru", "US"),
    ("қазақстандық", "kk", "KZ"),
    ("қазақстандықтар", "kk", "KZ"),
    ("әзербайжандық", "kk", "AZ"),
    ("ресейлік", "kk", "RU"),
    ("беларусьтік", "kk", "BY"),
    ("американдық", "kk", "US"),
    ("қытайлық", "kk", "CN"),
    ("түркиялық", "kk", "TR"),
    ("өзбекстандық", "kk", "UZ"),
    ("қырғызстандық", "kk", "KG"),
    ("тәжікстандық", "kk", "TJ"),
    ("Azerbaijani", "en", "AZ"),
    ("Kazakh", "en", "KZ"),
    ("Kazakhstani", "en", "KZ"),
    ("Kazakhstanis", "en", "KZ"),
    ("Americans", "en", "US"),
    ("Belarusian", "en", "BY"),
    ("Kyrgyz", "en", "KG"),
    ("South Korean", "en", "KR"),
    ("Sino", "en", "CN"),
])
def test_country_by_adjective(word, lang, code):
    assert G.country_by_adjective(word, lang) == code


@pytest.mark.parametrize("word, lang", [
    ("английский", "ru"), ("советский", "ru"), ("корейский", "ru"),
    ("Казахстан", "ru"), ("Korean", "en"), ("English", "en"),
])
def test_country_by_adjective_rejects(word, lang):
    assert G.country_by_adjective(word, lang) is None


def _found(text, lang):
    return [(text[s:e], code) for s, e, code in G.find_countries(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Министр обороны РК Серик Ахметов провел встречу с Временным поверенным в делах США.",
     "ru", [("РК", "KZ"), ("США", "US")]),
    ("утверждением Плана сотрудничества между Министерством обороны Республики Казахстан "
     "и Министерством обороны Азербайджанской Республики на 2012 год",
     "ru", [("Республики Казахстан", "KZ"), ("Азербайджанской Республики", "AZ")]),
    ("в развитии казахстанско-турецкого оборонного сотрудничества",
     "ru", [("казахстанско", "KZ"), ("турецкого", "TR")]),
    ("Российско-кыргызские учения", "ru", [("Российско", "RU"), ("кыргызские", "KG")]),
    ("Заявление для того, чтобы мира и стабильности", "ru", []),
    ("Пресс-служба Минобороны РК сообщает", "ru", [("Минобороны РК", "KZ")]),
    ("представители ВС США и Великобритании", "ru", [("США", "US"), ("Великобритании", "GB")]),
    ("Қазақстан мен Қатар өзара ынтымақтастық орнатпақ. Сонымен қатар кездесуде",
     "kk", [("Қазақстан", "KZ"), ("Қатар", "QA")]),
    ("Қазақстан Республикасы мен Америка Құрама Штаттарының қорғаныс ведомстволары",
     "kk", [("Қазақстан Республикасы", "KZ"), ("Америка Құрама Штаттарының", "US")]),
    ("екі ел арасындағы әскери ынтымақтастық", "kk", []),
    ("Ресей Федерациясындағы Челябі облысының полигонына", "kk", [("Ресей Федерациясындағы", "RU")]),
    ("Kazakhstan, Turkey, the United States, Tajikistan, the UK",
     "en", [("Kazakhstan", "KZ"), ("Turkey", "TR"), ("United States", "US"),
            ("Tajikistan", "TJ"), ("UK", "GB")]),
    ("the Azerbaijani-Kazakh naval drills", "en", [("Azerbaijani", "AZ"), ("Kazakh", "KZ")]),
    ("Let us meet Jordan Peterson and Chad Smith.", "en", []),
    ("полотно Сальвадора Дали и президент Сальвадора", "ru", [("Сальвадора", "SV")]),
    ("the King of Jordan met the President of Chad", "en", [("Jordan", "JO"), ("Chad", "TD")]),
    ("countries of Latin America and the Indian Ocean", "en", []),
    ("страны Латинской Америки", "ru", []),
])
def test_find_countries(text, lang, expected):
    assert _found(text, lang) == expected


def test_find_countries_offsets_and_kinds():
    text = "Казахстанские и американские военные, а также МО РК"
    mentions = G.find_country_mentions(text, "ru")
    assert [(text[m.start:m.end], m.value, m.kind) for m in mentions] == [
        ("Казахстанские", "KZ", "adj"), ("американские", "US", "adj"), ("МО РК", "KZ", "mod")]


@pytest.mark.parametrize("text, lang", [
    ("Он сказал это Поляков и Ливанов", "ru"),  # surnames, not demonym/country
    ("то, чего мира не видел", "ru"),
])
def test_find_countries_skips_surnames_and_words(text, lang):
    assert G.find_countries(text, lang) == []


def test_abbreviations_are_case_sensitive():
    assert _found("ар рк сша кнр", "ru") == []
    assert _found("АР РК США КНР", "ru") == [("АР", "AZ"), ("РК", "KZ"), ("США", "US"), ("КНР", "CN")]


def test_all_caps_headline_matches_names():
    assert _found("КАЗАХСТАН И ТУРКМЕНИСТАН", "ru") == [("КАЗАХСТАН", "KZ"), ("ТУРКМЕНИСТАН", "TM")]


def test_name_of():
    assert G.name_of("KZ", "ru") == "Казахстан"
    assert G.name_of("KZ", "kk") == "Қазақстан"
    assert G.name_of("KZ", "en") == "Kazakhstan"
