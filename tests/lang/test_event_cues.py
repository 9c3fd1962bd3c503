"""Event-type, mood and military cues of each lexicon on short sentences written for them."""
import pytest

from milcoop.lang.lexicon import load_lexicon


@pytest.mark.parametrize("lang, text, label", [
    ("kk", "Түркия Қазақстанға ұшқышсыз ұшу аппараттарын жеткізеді.", "industry"),
    ("kk", "Қазақстан әскери техника сатып алуды жалғастырады.", "industry"),
    ("kk", "Минскіде ҰҚШҰ қорғаныс министрлері бас қосты.", "meeting"),
    ("kk", "Министр Әзербайжан әріптесімен жүздесті.", "meeting"),
    ("kk", "Минскіде ҰҚШҰ қорғаныс министрлері кеңесінің отырысы өтті.", "multilateral"),
    ("kk", "Тараптар әскери ынтымақтастық жоспарына қол қойды.", "signing"),
    ("kk", "Қазақстандық курсанттар Түркияда тағылымдамадан өтті.", "training"),
    ("kk", "Делегация Астанаға ресми сапармен келіп жетті.", "visit"),
    ("kk", "«Қазбат» сарбаздары Ливанға бітімгер ретінде аттанады.", "deployment"),
    ("kk", "ТМД елдерінің Қорғаныс министрлері жиналды.", "multilateral"),
    ("ru", "Министры обороны провели переговоры в Москве.", "meeting"),
    ("en", "The ministers held talks in Moscow.", "meeting"),
])
def test_event_type_cues(lang, text, label):
    assert label in load_lexicon(lang).labels("event_types", text)


@pytest.mark.parametrize("text, planned", [
    ("Бірлескен оқу-жаттығу келесі айда өткізілмек.", True),        # the -мақ/-мек future of intention
    ("Оқу-жаттығуды өткізу жоспарланып отыр.", True),
    ("Бірлескен оқу-жаттығу Қапшағайда өтті.", False),
])
def test_kazakh_planned_mood(text, planned):
    assert bool(load_lexicon("kk").search("planned", text)) is planned


@pytest.mark.parametrize("text", [
    "Үндістан кадеттерінің делегациясы университетке келді.",
    "Түркия ұшқышсыз аппараттарын жеткізеді.",
])
def test_kazakh_military_cues(text):
    assert load_lexicon("kk").search("military", text)


def test_a_negated_kazakh_verb_sends_no_one():
    """-ма/-ме/-ба/-бе/-па/-пе negate the verb: 'жібермейді' (will not send) is no deployment."""
    assert "deployment" not in load_lexicon("kk").labels("event_types", "Қазақстан әскерилерін Украинаға жібермейді.")
