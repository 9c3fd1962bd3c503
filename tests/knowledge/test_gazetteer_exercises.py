"""English names of named exercises, with the year kept."""
import pytest

from milcoop.knowledge import get_gazetteer

G = get_gazetteer()


@pytest.mark.parametrize("name, english", [
    ("Степной орел-2016", "Steppe Eagle-2016"),
    ("«Степной орел - 2016»", "Steppe Eagle-2016"),
    ("Степной орел — 2015", "Steppe Eagle-2015"),
    ("Степной орёл", "Steppe Eagle"),
    ("Степного орла", "Steppe Eagle"),
    ("Дала қыраны-2019", "Steppe Eagle-2019"),
    ("Steppe Eagle 2015", "Steppe Eagle-2015"),
    ("Steppe Eagle-19", "Steppe Eagle-19"),
    ("Бірлестік-2024", "Birlestik-2024"),
    ("Бирлестик", "Birlestik"),
    ("Каспийский бриз – 2025", "Caspian Breeze-2025"),
    ("Кочующий слон", "Nomadic Elephant"),
    ("Достук-2013", "Dostuk-2013"),
    ("Хаан Квест", "Khaan Quest"),
    ("Khaan Quest 2024", "Khaan Quest-2024"),
    ("Мирная миссия", "Peace Mission"),
    ("Бейбіт миссия", "Peace Mission"),
    ("KAZIND-2018", "Kazind-2018"),
    ("Kazind-22", "Kazind-22"),
    ("Хазри-2023", "Khazri-2023"),
    ("Шекаралық қорғаныс ынтымақтастығы 2025", "Border Defense Cooperation-2025"),
    ("Қабылан жолы-2024", "Kabylan Zholy-2024"),
    ("Щит Союза-2023", "Union Shield-2023"),
    ("Запад-2021", "Zapad-2021"),
    ("Agile Spirit 2019", "Agile Spirit-2019"),
    # CSTO drills without a settled English name: the source name romanised
    ("Рубеж-2024", "Rubezh-2024"),
    ("Поиск", "Poisk"),
    ("Эшелон", "Eshelon"),
    ("Кобальт", "Kobalt"),
    ("Скала", "Skala"),
    ("Өзара әрекеттесу", "Ozara arekettesu"),
    ("Мызғымас бауырластық", "Myzgymas bauyrlastyk"),
    ("Нерушимого братства-2023", "Nerushimoe bratstvo-2023"),
    ("Тосқауыл", "Toskauyl"),
    ("Echelon-2023", "Echelon-2023"),
])
def test_exercise_english(name, english):
    assert G.exercise_english(name) == english


@pytest.mark.parametrize("name", ["Неизвестное-2020", "учения", "2016", ""])
def test_exercise_english_unknown(name):
    assert G.exercise_english(name) is None
