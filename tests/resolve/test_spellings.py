"""A dossier lists the spellings of a name, not its case forms (issue #15 item 5)."""
import pytest

from milcoop.resolve.spellings import is_case_form, nominative


@pytest.mark.parametrize("spelling", [
    "Виктором Хрениным", "Сафаром Абиевым", "Сергея Шойгу", "Андреем Белоусовым", "Серика Ахметова",
    "Владимиру Путину", "Қасым-Жомарт Тоқаевтың", "Таалайбек Омуралиевтің", "Закир Гасановпен",
    "Неджетом Озелем", "Erdoğan'ın", "Islam Karimov's"])
def test_case_forms_alone_are_recognised(spelling):
    assert is_case_form(spelling)


@pytest.mark.parametrize("spelling", [
    "Виктор Хренин", "Сафар Абиев", "Сергей Шойгу", "Шойгу", "Нурлан Ермекбаев", "Нұрлан Ермекбаев",
    "Даурен Косанов", "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев", "Темель Котиль", "Ли Шанфу",
    "Александр Лукашенко", "Иманғали Тасмағамбетов", "Hulusi Akar", "Recep Tayyip Erdoğan", "Vecdi Gönül"])
def test_nominatives_are_kept(spelling):
    assert not is_case_form(spelling)


def test_a_womans_surname_or_a_genitive_is_decided_by_the_other_spellings():
    assert not is_case_form("Руслана Жаксылыкова")  # alone it may be a woman's name
    assert is_case_form("Руслана Жаксылыкова", ["Руслан Жаксылыков"])
    assert is_case_form("Касым-Жомарта Токаева", ["Касым-Жомарт Токаев"])


def test_nominative_keeps_the_names_and_every_script():
    seen = ["Kassym-Jomart Tokayev", "Qasym-Zhomart Toqaev", "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев",
            "Қасым-Жомарт Тоқаевтың", "Касым-Жомарта Токаева"]
    assert nominative(seen) == ["Kassym-Jomart Tokayev", "Qasym-Zhomart Toqaev", "Касым-Жомарт Токаев",
                                "Қасым-Жомарт Тоқаев"]
    # only case forms seen: the reference's spelling decides, and nothing is left out when nothing is known
    assert nominative(["Руслана Жаксылыкова", "Ruslan Zhaksylykov"], known=["Руслан Жаксылыков"]) == [
        "Ruslan Zhaksylykov"]
    assert nominative(["Сафаром Абиевым"]) == ["Сафаром Абиевым"]
