"""Language identification: every dev article, and Kazakh sentences never taken for Russian."""
import pytest

from milcoop.lang.base import split_sentences
from milcoop.lang.detect import detect_language, sentence_languages


def test_every_dev_article(dev):
    wrong = [(a["id"], a["lang"]) for a in dev.values() if detect_language(a["text"]) != a["lang"]]
    assert wrong == []


def test_kazakh_sentences_are_not_russian(dev):
    russian = []
    for a in dev.values():
        if a["lang"] != "kk":
            continue
        for s, e in split_sentences(a["text"]):
            if len(a["text"][s:e]) >= 15 and detect_language(a["text"][s:e]) == "ru":
                russian.append(a["text"][s:e])
    assert russian == []


@pytest.mark.parametrize("text, lang", [
    ("Министр Баку қаласына барды.", "kk"),
    ("Қорғаныс министрі кездесті", "kk"),
    ("Министр обороны прибыл в Астану.", "ru"),
    ("Defence minister visited Baku.", "en"),
])
def test_short_sentences(text, lang):
    assert detect_language(text) == lang


def test_a_russian_article_quoting_kazakh():
    text = ("Министр обороны Казахстана встретился с коллегой из Азербайджана. "
            "«Қазақстан мен Әзербайжан Қорғаныс министрлері өзара іс-қимылды талқылады», — сказано в сообщении.")
    spans = split_sentences(text)
    assert sentence_languages(text, spans, "ru") == ["ru", "kk"]
