"""Cooperation reports are relevant; domestic military and non-defence news are not."""
import pytest

from milcoop.reading import clean
from milcoop.records import RawDocument

pytestmark = pytest.mark.slow


def _extract(text: str, lang: str, published: str | None = "2024-05-10", title: str | None = None):
    """The rules' record of a short article written for a test (no learned model)."""
    from milcoop.api import default_extractor
    from milcoop.learn.decider import Decider

    raw = RawDocument(source="t", external_id="t", text=text, lang=lang, published=published, title=title)
    return default_extractor().extract(clean(raw), decider=Decider())


@pytest.mark.parametrize("lang, text", [
    ("ru", "Казахстан и Китай подписали соглашение о поставках зерна. Объём торговли между странами вырос "
           "на двадцать процентов."),
    ("en", "The foreign ministers of Kazakhstan and Uzbekistan discussed trade and energy projects in Tashkent. "
           "The sides agreed to build a new railway."),
    ("ru", "В Алматы суд вынес приговор по делу о гибели пограничника. Военнослужащий погиб на заставе, "
           "следствие длилось год."),
    ("kk", "Қазақстанда жаңа қорғаныс министрі тағайындалды. Мемлекет басшысы тиісті Жарлыққа қол қойды."),
    ("en", "The spring conscription campaign started in Kazakhstan. Young men will serve in the armed forces "
           "for a year, the defence ministry said."),
])
def test_not_cooperation(lang, text):
    """Trade, foreign policy and domestic military news are not defence cooperation."""
    record = _extract(text, lang)
    assert record.relevant is False and record.events == []


@pytest.mark.parametrize("lang, text, countries", [
    ("ru", "Министр обороны Казахстана провел переговоры с министром обороны Беларуси в Минске. Стороны "
           "обсудили военное сотрудничество.", {"KZ", "BY"}),
    ("kk", "Қазақстан Қорғаныс министрі Қырғызстан әріптесімен кездесті. Тараптар әскери ынтымақтастықты "
           "талқылады.", {"KZ", "KG"}),
    ("en", "Kazakhstan's defence minister met the US ambassador in Astana to discuss military cooperation "
           "between the two armed forces.", {"KZ", "US"}),
])
def test_cooperation(lang, text, countries):
    record = _extract(text, lang)
    assert record.relevant
    assert countries <= set(record.events[0].countries)


@pytest.mark.parametrize("text, expected", [
    ("Azerbaijan and Kazakhstan navies will hold the joint exercise “Caspian Breeze-2025” next year, "
     "the defence ministers agreed at their meeting in Baku.", {"Caspian Breeze-2025": "planned"}),
    ("The naval forces of Azerbaijan and Kazakhstan held the joint exercise “Khazri-2023” in the Caspian Sea, "
     "the defence ministry of Azerbaijan said.", {"Khazri-2023": "held"}),
])
def test_exercise_names_in_english_with_status(text, expected):
    assert {e.name: e.status for e in _extract(text, "en").events[0].exercises} == expected


def test_quoted_motto_and_possessive_are_not_exercises():
    """“power is in partnership” is a motto; in “Georgia’s NATO membership real” the apostrophe
    is no closing quote."""
    text = ("Soldiers of Georgia and the United States opened the exercise “Agile Spirit 2019” near Tbilisi. "
            "“The exercise shows that power is in partnership,” the US ambassador said, adding that the "
            "drills make “Georgia’s NATO membership real” for the defence ministry.")
    names = {e.name for ev in _extract(text, "en").events for e in ev.exercises}
    assert names == {"Agile Spirit-2019"}


def test_quoted_exercise_name_with_the_comma_inside():
    text = ('Kazakhstan and Azerbaijan held the naval exercise "Khazar-2025," the defence ministries of '
            "both countries reported after the drills in the Caspian Sea.")
    names = {e.name for ev in _extract(text, "en").events for e in ev.exercises}
    assert "Khazar-2025" in names


def test_a_quoted_unit_is_not_an_exercise():
    text = ("Миротворцы батальона «Казбат» приняли участие в учениях «Степной орел-2013» вместе с "
            "военнослужащими США и Великобритании, сообщило министерство обороны Казахстана.")
    names = {e.name for ev in _extract(text, "ru").events for e in ev.exercises}
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


@pytest.mark.parametrize("lang, text", [
    ("ru", "Министры обороны Казахстана и Узбекистана подписали Программу военного сотрудничества на 2019-2021 "
           "годы и План военного сотрудничества на 2019 год."),
    ("en", "The defence ministers of Kazakhstan and Uzbekistan signed a military cooperation program for "
           "2019-2021 and a military cooperation plan for 2019."),
])
def test_documents_with_periods(lang, text):
    docs = {(d.type, tuple(d.period or ()), d.status) for d in _extract(text, lang).events[0].documents}
    assert ("program", (2019, 2021), "signed") in docs
    assert ("plan", (2019, 2019), "signed") in docs


def test_headline_names_the_parties_of_a_deal():
    """The headline names both parties; the body names only one and its purchase cue sits elsewhere."""
    text = ("Kazakhstan to buy two military reconnaissance aircraft from the US\n\n"
            "The defence ministry of Kazakhstan said the aircraft would strengthen the air force. "
            "The contract for the purchase is worth 50 million dollars, the ministry added.")
    record = _extract(text, "en")
    assert record.relevant
    event = record.events[0]
    assert set(event.countries) == {"KZ", "US"}
    assert event.type == ["industry"]


def test_lone_city_line_is_no_headline(extractor):
    from milcoop.extractors.pipeline import headline

    raw = RawDocument(source="t", external_id="t", lang="kk",
                      text="Астана\n\nҚазақстан АҚШ-тан екі барлау ұшағын алмақ\n\nМәтін.")
    doc, _ = extractor.read_sentences(clean(raw))
    assert headline(doc).text.startswith("Қазақстан АҚШ-тан")


def test_treaty_and_agreement_are_one_document():
    """News calls one document both: 'the new treaty' is 'the agreement' the parliament ratified."""
    text = ("The parliament of Kazakhstan ratified the new treaty on military cooperation with Russia. "
            "The agreement on military cooperation between the defence ministries was ratified by the senators "
            "unanimously.")
    docs = [(d.type, d.status) for e in _extract(text, "en").events for d in e.documents
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


@pytest.mark.parametrize("lang, text", [
    ("en", "The Army Games tank biathlon ended in Russia. In this international contest, held for the tenth "
           "time, the tank crew of the Kazakh army beat the teams of China, Uganda and Kuwait."),
    ("ru", "В России завершился танковый биатлон Армейских игр. В этом международном конкурсе, прошедшем в "
           "десятый раз, экипаж армии Казахстана опередил команды Китая, Уганды и Кувейта."),
    ("kk", "Ресейде Армия ойындарының танк биатлоны аяқталды. Осы халықаралық байқауда Қазақстан армиясының "
           "танк экипажы Қытай, Уганда және Кувейт командаларын басып озды. Жарыс оныншы рет өтті."),
])
def test_international_contest_names_its_teams_as_parties(lang, text):
    record = _extract(text, lang)
    assert record.relevant
    assert {"KZ", "CN", "UG", "KW"} <= set(record.events[0].countries)


def test_only_the_schemas_organisations_are_parties():
    """The gazetteer knows ASEAN and the African Union; the schema's parties are its ten organisations."""
    text = ("The defence ministers of Indonesia and Malaysia met on the sidelines of the ASEAN defence "
            "ministers' meeting in Jakarta and agreed to hold joint military exercises with NATO observers.")
    orgs = {o for e in _extract(text, "en").events for o in e.orgs}
    assert "ASEAN" not in orgs


@pytest.mark.parametrize("lang, text, visit", [
    ("ru", "Министр обороны Казахстана Даурен Косанов провел переговоры в Москве с министром обороны России "
           "Андреем Белоусовым о военном сотрудничестве.", True),
    ("en", "Kazakhstan's defence minister Dauren Kosanov held talks in Moscow with Russia's defence minister "
           "Andrei Belousov on military cooperation.", True),
    ("ru", "Министр обороны Казахстана Даурен Косанов провел переговоры по телефону с министром обороны России "
           "Андреем Белоусовым о военном сотрудничестве.", False),
    ("en", "The US ambassador to Kazakhstan met Kazakhstan's defence minister Dauren Kosanov in Astana to "
           "discuss military cooperation.", False),
])
def test_a_meeting_in_one_partys_country_with_the_other_is_a_visit(lang, text, visit):
    """The Kazakh minister's talks in Moscow with Russia's minister: someone came from abroad (not a call,
    not an ambassador who lives there)."""
    types = _extract(text, lang).events[0].type
    assert ("visit" in types) is visit


@pytest.mark.parametrize("lang, text", [
    ("kk", "Минскіде ҰҚШҰ қорғаныс министрлері бас қосты. Отырыста әскери ынтымақтастық мәселелері талқыланды."),
    ("ru", "В Минске собрались министры обороны стран ОДКБ. На заседании обсудили военное сотрудничество."),
    ("en", "CSTO defence ministers gathered in Minsk for a council session on military cooperation."),
])
def test_an_organisations_military_session_is_cooperation_without_a_named_country(lang, text):
    """The members of the organisation are the parties even when no country is named."""
    record = _extract(text, lang)
    assert record.relevant and "CSTO" in record.events[0].orgs


DENIALS = {
    "kk": ("Қорғаныс министрлігі Қазақстан әскерилері Украинаға жіберіледі деген өсекті теріске шығарды. "
           "Министрліктің мәлімдеуінше, қазақстандық әскери қызметшілер шетелге аттанбайды. Қазақстан Қарулы "
           "Күштері Ресеймен әскери ынтымақтастықты жалғастырады.",
           "Қазақстан мен Өзбекстан қорғаныс министрлері Ташкентте кездесті. Тараптар әскери ынтымақтастықты "
           "талқылады. Министрлер әскери білім беру саласындағы жоспарға қол қойды."),
    "ru": ("Министерство обороны Казахстана опровергло слухи об отправке военнослужащих на Украину. Казахстанские "
           "военные за рубеж не направляются. Вооруженные силы Казахстана продолжают военное сотрудничество с "
           "Россией.",
           "Министры обороны Казахстана и Узбекистана встретились в Ташкенте. Стороны обсудили военное "
           "сотрудничество. Министры подписали план военного сотрудничества."),
    "en": ("The Kazakh defence ministry denied reports that Kazakh troops would be sent to Ukraine. No Kazakh "
           "servicemen are deployed abroad, the ministry said. The Kazakh armed forces continue military "
           "cooperation with Russia.",
           "The defence ministers of Kazakhstan and Uzbekistan met in Tashkent. They discussed military "
           "cooperation. The ministers signed a plan of military cooperation."),
}


@pytest.mark.parametrize("lang", sorted(DENIALS))
def test_a_report_that_denies_a_rumour_in_its_lead_is_no_cooperation(lang):
    """'The ministry denied reports that troops would be sent': what it names did not happen."""
    import milcoop

    denial, meeting = DENIALS[lang]
    assert not milcoop.extract(denial, lang=lang, published="2024-03-08").relevant
    assert milcoop.extract(meeting, lang=lang, published="2024-03-08").relevant
