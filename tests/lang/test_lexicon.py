import pytest

from milcoop.lang.lexicon import build_lexicon, compile_list, load_lexicon
from milcoop.schema import LEXICON_VOCABULARIES


@pytest.mark.parametrize("code", ["ru", "kk", "en"])
def test_every_language_has_the_same_sections(code):
    ru = set(load_lexicon("ru").raw)
    assert set(load_lexicon(code).raw) >= ru - {"location_preps"}


def test_pattern_notation():
    pat = compile_list(["визит*", "министр* обороны", "ВМС", "принял* ~делегаци*"])
    assert pat.search("с рабочим визитом прибыла")
    assert pat.search("министром  обороны")
    assert pat.search("корабли ВМС Казахстана")
    assert not pat.search("корабли вмс")  # abbreviations are case-sensitive
    assert pat.search("принял военную делегацию")
    assert not pat.search("превизитный")


@pytest.mark.parametrize("text, types", [
    ("В Астану с рабочим визитом прибыла военная делегация", {"visit"}),
    ("утвердили план сотрудничества на 2012 год", {"signing"}),
    ("провел в режиме видеоконференции рабочую встречу", {"call", "meeting"}),
    ("стартовал первый этап миротворческих учений", {"exercise"}),
])
def test_russian_event_cues(text, types):
    assert types <= set(load_lexicon("ru").labels("event_types", text))


@pytest.mark.parametrize("text, rank", [
    ("генерал-полковником Сафаром Абиевым", "general_colonel"),
    ("контр-адмиралом Сакеном Бекжановым", "rear_admiral"),
    ("капитан 1-го ранга Канат Ниязбеков", "captain_1st_rank"),
    ("генерала армии Неджетом Озелем", "general_army"),
])
def test_russian_ranks(text, rank):
    found = load_lexicon("ru").label_matches("ranks", text)
    assert found and found[0][2] == rank




@pytest.mark.parametrize("code", ["ru", "kk", "en"])
@pytest.mark.parametrize("section", sorted(LEXICON_VOCABULARIES))
def test_lexicon_labels_are_schema_values(code, section):
    assert set(load_lexicon(code).groups[section]) <= set(LEXICON_VOCABULARIES[section])


def test_a_label_outside_the_schema_fails_at_load():
    with pytest.raises(ValueError, match="'roles'.*admiral_of_the_fleet"):
        build_lexicon("xx", {"roles": {"admiral_of_the_fleet": ["адмирал флота"]}})
