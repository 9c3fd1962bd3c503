"""Cities (with Russian declension and Kazakh suffixes) and organisations."""
import pytest

from milcoop.knowledge import get_gazetteer

G = get_gazetteer()


@pytest.mark.parametrize("surface, lang, expected", [
    ("Астане", "ru", ("Astana", "KZ")),
    ("Астану", "ru", ("Astana", "KZ")),
    ("Астаной", "ru", ("Astana", "KZ")),
    ("Астаны", "ru", ("Astana", "KZ")),
    ("в Астане", "ru", None),  # a preposition is not part of the name
    ("астане", "ru", None),  # names need a capital
    ("г. Астана", "ru", ("Astana", "KZ")),
    ("Нур-Султане", "ru", ("Nur-Sultan", "KZ")),
    ("Нур-Султана", "ru", ("Nur-Sultan", "KZ")),
    ("Акмоле", "ru", ("Akmola", "KZ")),
    ("Улан-Баторе", "ru", ("Ulaanbaatar", "MN")),
    ("Актау", "ru", ("Aktau", "KZ")),
    ("Алма-Ате", "ru", ("Almaty", "KZ")),
    ("Алматы", "ru", ("Almaty", "KZ")),
    ("Щучинске", "ru", ("Shchuchinsk", "KZ")),
    ("Караганде", "ru", ("Karaganda", "KZ")),
    ("Семее", "ru", ("Semey", "KZ")),
    ("Усть-Каменогорске", "ru", ("Ust-Kamenogorsk", "KZ")),
    ("Капчагае", "ru", ("Kapchagay", "KZ")),
    ("Бишкеке", "ru", ("Bishkek", "KG")),
    ("Кант", "ru", ("Kant", "KG")),
    ("Ташкенте", "ru", ("Tashkent", "UZ")),
    ("Ашхабаде", "ru", ("Ashgabat", "TM")),
    ("Баку", "ru", ("Baku", "AZ")),
    ("Гяндже", "ru", ("Ganja", "AZ")),
    ("Минске", "ru", ("Minsk", "BY")),
    ("Барановичах", "ru", ("Baranovichi", "BY")),
    ("Афинах", "ru", ("Athens", "GR")),
    ("Москве", "ru", ("Moscow", "RU")),
    ("Санкт-Петербурге", "ru", ("Saint Petersburg", "RU")),
    ("Ростове-на-Дону", "ru", ("Rostov-on-Don", "RU")),
    ("Нижнем Новгороде", "ru", ("Nizhny Novgorod", "RU")),
    ("Оренбурге", "ru", ("Orenburg", "RU")),
    ("Пекине", "ru", ("Beijing", "CN")),
    ("Урумчи", "ru", ("Urumqi", "CN")),
    ("Анкару", "ru", ("Ankara", "TR")),
    ("Стамбуле", "ru", ("Istanbul", "TR")),
    ("Вашингтоне", "ru", ("Washington", "US")),
    ("Нью-Йорке", "ru", ("New York", "US")),
    ("Брюсселе", "ru", ("Brussels", "BE")),
    ("Женеве", "ru", ("Geneva", "CH")),
    ("Вене", "ru", ("Vienna", "AT")),
    ("Астанада", "kk", ("Astana", "KZ")),
    ("Бакуде", "kk", ("Baku", "AZ")),
    ("Баку қаласына", "kk", ("Baku", "AZ")),
    ("Астана қаласында", "kk", ("Astana", "KZ")),
    ("Қарағанды", "kk", ("Karaganda", "KZ")),
    ("Алматыдағы", "kk", ("Almaty", "KZ")),
    ("Мәскеуде", "kk", ("Moscow", "RU")),
    ("Бейжіңде", "kk", ("Beijing", "CN")),
    ("Бішкекте", "kk", ("Bishkek", "KG")),
    ("Душанбеде", "kk", ("Dushanbe", "TJ")),
    ("Анкараға", "kk", ("Ankara", "TR")),
    ("Нью-Йоркте", "kk", ("New York", "US")),
    ("Отардағы", "kk", ("Otar", "KZ")),
    ("Өскемен", "kk", ("Ust-Kamenogorsk", "KZ")),
    ("Қонаев", "kk", ("Konaev", "KZ")),
    ("Astana", "en", ("Astana", "KZ")),
    ("ASTANA", "en", ("Astana", "KZ")),
    ("Nur-Sultan", "en", ("Nur-Sultan", "KZ")),
    ("Ulan Bator", "en", ("Ulaanbaatar", "MN")),
    ("Ashkhabad", "en", ("Ashgabat", "TM")),
    ("Shchuchinsk", "en", ("Shchuchinsk", "KZ")),
    ("Kiev", "en", ("Kyiv", "UA")),
    ("Umroi", "en", ("Umroi", "IN")),
    ("Rawalpindi", "en", ("Rawalpindi", "PK")),
    ("Chilikemer", "en", ("Chilikemer", "KZ")),
])
def test_city(surface, lang, expected):
    assert G.city(surface, lang) == expected


def _cities(text, lang):
    return [(text[s:e], en, cc) for s, e, en, cc in G.find_cities(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("в Астану с рабочим визитом прибыла военная делегация", "ru", [("Астану", "Astana", "KZ")]),
    ("Морские учения Азербайджана и Казахстана пройдут в Актау", "ru", [("Актау", "Aktau", "KZ")]),
    ("провести в городе Щучинске", "ru", [("Щучинске", "Shchuchinsk", "KZ")]),
    ("АЛМА-АТА, 31 октября. /ТАСС/. В Алма-Ате глава", "ru",
     [("АЛМА-АТА", "Almaty", "KZ"), ("Алма-Ате", "Almaty", "KZ")]),
    ("российской авиабазы \"Кант\", которая находится восточнее Бишкека", "ru",
     [("Кант", "Kant", "KG"), ("Бишкека", "Bishkek", "KG")]),
    ("София Ротару и Милан Кундера", "ru", []),  # given names
    ("Қарағанды облысындағы «Спасск» оқу орталығында", "kk", []),  # a region, not the city
    ("Шанхай ынтымақтастық ұйымы аясында", "kk", []),  # the SCO, not the city
    ("Әскери кемелер Баку қаласына келді", "kk", [("Баку", "Baku", "AZ")]),
    ("in the south of Almaty region", "en", []),
    ("the Shanghai Cooperation Organisation summit", "en", []),
    ("passed on by Centr.Asia citing Astana Times", "en", []),
    ("BAKU /Trend/ - Naval drills", "en", [("BAKU", "Baku", "AZ")]),
])
def test_find_cities(text, lang, expected):
    assert _cities(text, lang) == expected


@pytest.mark.parametrize("surface, code", [
    ("Шанхайской организации сотрудничества", "SCO"),
    ("Шанхайская организация сотрудничества", "SCO"),
    ("ШОС", "SCO"),
    ("ШЫҰ", "SCO"),
    ("ШЫҰ-ға", "SCO"),
    ("Шанхай ынтымақтастық ұйымының", "SCO"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("ОДКБ", "CSTO"),
    ("Организации Договора о коллективной безопасности", "CSTO"),
    ("ҰҚШҰ", "CSTO"),
    ("Ұжымдық қауіпсіздік туралы шарт ұйымы", "CSTO"),
    ("Collective Security Treaty Organization", "CSTO"),
    ("СНГ", "CIS"),
    ("Содружества Независимых Государств", "CIS"),
    ("ТМД", "CIS"),
    ("Тәуелсіз Мемлекеттер Достастығына", "CIS"),
    ("НАТО", "NATO"),
    ("Североатлантического альянса", "NATO"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("ООН", "UN"),
    ("Организации Объединенных Наций", "UN"),
    ("БҰҰ", "UN"),
    ("БҰҰ-дан", "UN"),
    ("United Nations", "UN"),
    ("UN", "UN"),
    ("UNIFIL", "UN"),
    ("ЕС", "EU"),
    ("Евросоюза", "EU"),
    ("Европейского союза", "EU"),
    ("ОБСЕ", "OSCE"),
    ("ЕҚЫҰ", "OSCE"),
    ("ЕАЭС", "EAEU"),
    ("ЕАЭО", "EAEU"),
    ("Eurasian Economic Union", "EAEU"),
    ("СВМДА", "CICA"),
    ("АӨСШК", "CICA"),
    ("CICA", "CICA"),
    ("Совещании по взаимодействию и мерам доверия в Азии", "CICA"),
    ("ОТГ", "OTS"),
    ("Организации тюркских государств", "OTS"),
    ("Түркі мемлекеттері ұйымы", "OTS"),
    ("Organization of Turkic States", "OTS"),
])
def test_org(surface, code):
    assert G.org(surface) == code


@pytest.mark.parametrize("surface", ["ес", "un", "организация", "союз", "Достастығы бар"])
def test_org_rejects(surface):
    assert G.org(surface) is None


@pytest.mark.parametrize("text, lang, expected", [
    ("Мы поддерживаем друг друга в Организации Объединенных Наций, Шанхайской организации "
     "сотрудничества и Совещании по взаимодействию и мерам доверия в Азии", "ru",
     [("Организации Объединенных Наций", "UN"), ("Шанхайской организации сотрудничества", "SCO"),
      ("Совещании по взаимодействию и мерам доверия в Азии", "CICA")]),
    ("Секретарь Совета министров обороны СНГ", "ru", [("СНГ", "CIS")]),
    ("ТМД-ға мүше мемлекеттер және ШЫҰ", "kk", [("ТМД-ға", "CIS"), ("ШЫҰ", "SCO")]),
    ("the UN-led mission and NATO-led forces", "en", [("UN", "UN"), ("NATO", "NATO")]),
])
def test_find_orgs(text, lang, expected):
    assert [(text[s:e], code) for s, e, code in G.find_orgs(text, lang)] == expected
