import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, expected", [
    ("встретился с генерал-полковником Сафаром Абиевым.", "Сафар Абиев"),
    ("встреча министра обороны РК Адильбека Джаксыбекова с коллегой", "Адильбек Джаксыбеков"),
    ("во главе с его председателем Николаем Азаматовым.", "Николай Азаматов"),
    ("с заместителем министра обороны США Питером Лэвой, сообщила", "Питер Лэвой"),
    ("провел встречу с Джоном Ордвеем, Временным поверенным", "Джон Ордвей"),
    ("провел встречу с Дауреном Косановым", "Даурен Косанов"),
])
def test_russian_names_in_the_nominative(ru, text, expected):
    assert expected in [m.normal for m in ru.analyser.persons(text)]


def test_initials_and_surname(ru):
    found = ru.analyser.persons("комиссию возглавил генерал-майор Ш-Х. Жазыкбаев.")
    assert [m.surname for m in found] == ["Жазыкбаев"]
