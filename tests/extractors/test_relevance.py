"""Cooperation reports are relevant; domestic military and non-defence news are not."""
import pytest

from milcoop.reading import clean
from milcoop.records import RawDocument

pytestmark = pytest.mark.slow


def _extract(extractor, rec):
    raw = RawDocument(source=rec["id"], external_id=rec["id"], text=rec["text"], url=rec.get("url"),
                      lang=rec.get("lang"))
    return extractor.extract(clean(raw))


@pytest.mark.parametrize("aid", [
    "dev006",  # Kazakhstan-China grain trade
    "dev010",  # foreign ministers on trade and energy
    "dev012",  # a border guard's death, a domestic court case
    "dev024",  # a soldier's death, domestic
    "dev073",  # a new defence minister appointed at home
    "dev078",  # conscription campaign
])
def test_not_cooperation(aid, dev, extractor):
    record = _extract(extractor, dev[aid])
    assert record.relevant is False and record.events == []


@pytest.mark.parametrize("aid, countries", [
    ("dev001", {"KZ", "US"}),
    ("dev008", {"BY", "TM"}),
    ("dev031", {"RU", "KZ"}),
    ("dev040", {"KG", "RU"}),
])
def test_cooperation(aid, countries, dev, extractor):
    record = _extract(extractor, dev[aid])
    assert record.relevant
    assert countries <= set(record.events[0].countries)


def test_exercise_names_in_english_with_status(dev, extractor):
    ex = {e.name: e.status for e in _extract(extractor, dev["dev025"]).events[0].exercises}
    assert ex == {"Caspian Breeze-2025": "planned"}
    ex = {e.name: e.status for e in _extract(extractor, dev["dev065"]).events[0].exercises}
    assert ex == {"Khazri-2023": "held"}


def test_quoted_motto_and_possessive_are_not_exercises(dev, extractor):
    """dev111: “power is in partnership” (a motto) and “Georgia’s NATO membership real”
    (the apostrophe is no closing quote) sit next to "exercise" but name none."""
    names = {e.name for ev in _extract(extractor, dev["dev111"]).events for e in ev.exercises}
    assert names == {"Agile Spirit-2019"}


def test_quoted_exercise_name_with_the_comma_inside(dev, extractor):
    """dev097: the exercise "Khazar-2025," (American punctuation inside the quotes)."""
    names = {e.name for ev in _extract(extractor, dev["dev097"]).events for e in ev.exercises}
    assert "Khazar-2025" in names


def test_a_quoted_unit_is_not_an_exercise(dev, extractor):
    """dev089: 'миротворческого батальона "Казбат"' names the battalion, not an exercise."""
    names = {e.name for ev in _extract(extractor, dev["dev089"]).events for e in ev.exercises}
    assert names == {"Steppe Eagle-2013"}


@pytest.mark.parametrize("lang, text, units", [
    ("ru", "личный состав батальона «Казбат» и штаб бригады «Казбриг» прибыли на учения", {"казбат", "казбриг"}),
    ("kk", "«Қазбат» бітімгерлік батальоны «Дала бүркіті» оқу-жаттығуына қатысты", set()),
    ("kk", "бітімгерлік батальон «Қазбат» «Дала бүркіті» оқу-жаттығуына қатысты", {"қазбат"}),
    ("en", "the Kazakh battalion “Kazbat” joined exercise “Steppe Eagle”", {"kazbat"}),
])
def test_unit_names(lang, text, units):
    from milcoop.extractors.exercises import _unit_names
    from milcoop.lang.lexicon import load_lexicon

    assert _unit_names(text, load_lexicon(lang)) == units


def test_documents_with_periods(dev, extractor):
    docs = {(d.type, tuple(d.period or ()), d.status) for d in _extract(extractor, dev["dev031"]).events[0].documents}
    assert ("program", (2019, 2021), "signed") in docs
    assert ("plan", (2019, 2019), "signed") in docs


def test_headline_names_the_parties_of_a_deal(dev, extractor):
    """'Kazakhstan to buy two reconnaissance aircraft from the US': the body names only one party."""
    record = _extract(extractor, dev["dev090"])
    assert record.relevant
    event = record.events[0]
    assert set(event.countries) == {"KZ", "US"}
    assert event.type == ["industry"]  # the purchase cue sits outside the parties' sentences


def test_lone_city_line_is_no_headline(extractor):
    from milcoop.extractors.pipeline import headline

    raw = RawDocument(source="t", external_id="t", lang="kk",
                      text="Астана\n\nҚазақстан АҚШ-тан екі барлау ұшағын алмақ\n\nМәтін.")
    doc, _ = extractor.read_sentences(clean(raw))
    assert headline(doc).text.startswith("Қазақстан АҚШ-тан")


def test_treaty_and_agreement_are_one_document(dev, extractor):
    """dev092: 'the new treaty' and 'the agreement' are the one the parliament ratified."""
    docs = [(d.type, d.status) for e in _extract(extractor, dev["dev092"]).events for d in e.documents
            if d.type in ("treaty", "agreement")]
    assert len(docs) == 1 and docs[0][1] == "ratified"


@pytest.mark.parametrize("lang, text, multilateral", [
    ("ru", "На полях заседания Совета министров обороны ОДКБ министры провели переговоры.", False),
    ("ru", "В Москве прошло заседание Совета министров обороны СНГ, министры провели переговоры.", True),
    ("en", "On the sidelines of the SCO summit the ministers held talks.", False),
])
def test_talks_on_the_sidelines_are_not_the_session(lang, text, multilateral):
    from milcoop.extractors.types import sentence_types as _sentence_types
    from milcoop.lang.lexicon import load_lexicon

    types = _sentence_types(load_lexicon(lang), text)
    assert "meeting" in types and ("multilateral" in types) is multilateral


def test_international_contest_names_its_teams_as_parties(dev, extractor):
    """dev082 (Kazakh): the Army Games; 'in this international contest Kazakhstan's tank beat China, Uganda and Kuwait'."""
    record = _extract(extractor, dev["dev082"])
    assert record.relevant
    assert {"KZ", "CN", "UG", "KW"} <= set(record.events[0].countries)
