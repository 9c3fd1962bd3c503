"""Who a participant is, read from the words tied to the name: position cues before it, an apposition
after it (which belongs to that name, not the next), and names written whole (initials, particles).
Short sentences written for each behaviour, with made-up names (a real official's name would take the
officials reference's spelling and office instead); the rules decide (no learned model), so the test
shows what the text itself says."""
import pytest

from milcoop.api import default_extractor
from milcoop.learn.decider import Decider
from milcoop.reading import clean
from milcoop.records import RawDocument

pytestmark = pytest.mark.slow


def _people(text: str, lang: str) -> dict:
    article = clean(RawDocument(source="t", text=text, lang=lang, published="2024-05-10"))
    record = default_extractor().extract(article, decider=Decider())
    return {p.name.split()[-1]: p for e in record.events for p in e.participants}


@pytest.mark.parametrize("lang, text, surname, role, country", [
    ("en", "Brazil's Minister of Defense José Múcio and Sweden's Minister for Defence Pål Jonson signed "
           "a defence cooperation agreement in Stockholm.", "Jonson", "defense_minister", "SE"),
    ("en", "Kazakh Defence Minister Ruslan Zhaksylykov held talks in Astana with Polish DefMin "
           "Tomasz Nowakowski on military cooperation.", "Nowakowski", "defense_minister", "PL"),
    ("ru", "Глава белорусского Минобороны генерал-полковник Олег Ступин провел переговоры о военном "
           "сотрудничестве с министром обороны Казахстана Русланом Жаксылыковым.", "Stupin", "defense_minister", "BY"),
    ("ru", "Военную делегацию Казахстана возглавил начальник Главного штаба Сухопутных войск генерал-майор "
           "Ерлан Сапаров, прибывший в Термез на совместное учение с Узбекистаном.", "Saparov", "commander", "KZ"),
    ("kk", "Қазақстан Құрлық әскерлерінің бас қолбасшысы генерал-майор Мереке Көшекбаев Қырғызстан "
           "қорғаныс министрімен кездесті.", "Koshekbayev", "commander", "KZ"),
])
def test_position_cues_before_the_name(lang, text, surname, role, country):
    person = _people(text, lang)[surname]
    assert (person.role, person.country) == (role, country)


def test_an_apposition_belongs_to_the_name_before_it_not_the_next():
    people = _people("Attending the joint exercise were Gen. Somchai Prasert, Thailand's Chief of Defense "
                     "Forces, and Lt. Gen. Gary J. Volesky, who commands the U.S. Army's First Corps.", "en")
    assert (people["Prasert"].role, people["Prasert"].country) == ("chief_of_general_staff", "TH")
    assert (people["Volesky"].role, people["Volesky"].country) == ("commander", "US")


@pytest.mark.parametrize("text, name", [
    ("General Tod D. Wolters, Commander of the Allied Air Command, met Lithuania's defence minister in "
     "Vilnius to discuss NATO air policing.", "Tod D Wolters"),
    ("Qatar's defence minister Faisal bin Nasser al-Mansouri met the British defence secretary in Doha.",
     "Faisal bin Nasser al-Mansouri"),
    ("Chile's navy chief, Adm. Juan Andrés De La Maza, met US Navy commanders for military talks.",
     "Juan Andrés De La Maza"),
])
def test_english_names_keep_middle_initials_and_particles(text, name):
    assert name in {p.name for p in _people(text, "en").values()}


@pytest.mark.parametrize("text", [
    "The US defence secretary hosted Saudi military officers in Washington for talks on defence cooperation. "
    "Afterwards Prince Faisal bin Nasser, Saudi Arabia's deputy defence minister, held talks with him.",
])
def test_sentence_openers_and_honorifics_are_not_part_of_a_name(text):
    names = {p.name for p in _people(text, "en").values()}
    assert "Faisal bin Nasser" in names and not any(n.startswith(("Afterwards", "Prince")) for n in names)


@pytest.mark.parametrize("lang, text, surname", [
    ("en", "Kazakhstan's defence minister met Farid Nasser in Amman to discuss military cooperation with Jordan.",
     "Nasser"),
    ("ru", "Министр обороны Казахстана встретился с Фаридом Насером в Аммане, обсудив военное сотрудничество "
           "с Иорданией.", "Naser"),
])
def test_a_position_before_an_event_verb_is_the_subjects_not_the_objects(lang, text, surname):
    people = _people(text, lang)
    assert people[surname].role != "defense_minister"


@pytest.mark.parametrize("lang, text, names", [
    ("kk", "Қазақстан Қорғаныс министрі Ерлан Сапаров мен Түркия Қорғаныс министрі Мехмет Озтүрк Анкарада "
           "кездесіп, әскери ынтымақтастықты талқылады.", {"Saparov", "Ozturk"}),
    ("en", "Kazakhstan's defence minister Erlan Saparov and Turkey's defence minister Mehmet Ozturk met in "
           "Ankara to discuss military cooperation.", {"Saparov", "Ozturk"}),
])
def test_a_conjunction_separates_two_names(lang, text, names):
    from milcoop.translit import name_key

    found = {name_key(n) for n in _people(text, lang)}
    assert {name_key(n) for n in names} <= found


def test_trim_splits_a_mention_at_a_conjunction():
    from milcoop.extractors.doc import Doc
    from milcoop.extractors.people import _trim
    from milcoop.lang import get_lang
    from milcoop.lang.base import PersonMention
    from milcoop.records import Article

    text = "Зеленский мен Ердоған кездесті."
    doc = Doc(article=Article(id="t", source="t", text=text), lang="kk", text=text)
    joined = PersonMention(0, 21, "Зеленский мен Ердоған", "Зеленский мен Ердоған", "Ердоған", "Зеленский")
    parts = _trim(doc, joined, [], get_lang("kk").analyser, set(), (), frozenset({"мен"}))
    assert [p.text for p in parts] == ["Зеленский", "Ердоған"]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Астанада ҰҚШҰ елдерінің қорғаныс министрлері кеңесі өтті. Жиынға ҰҚШҰ-ның Бас хатшысы Юрий Хачатуров "
           "пен Қазақстан Қорғаныс министрі Ерлан Сапаров қатысты."),
    ("ru", "В Астане прошло заседание Совета министров обороны стран ОДКБ. В нем приняли участие генеральный "
           "секретарь ОДКБ Юрий Хачатуров и министр обороны Казахстана Ерлан Сапаров."),
    ("en", "Defence ministers of the CSTO countries met in Astana for military talks. The Secretary General of the "
           "CSTO, Yuri Khachaturov, and Kazakhstan's defence minister Erlan Saparov attended."),
])
def test_an_organisations_official_speaks_for_no_country(lang, text):
    """The CSTO's secretary general is no party's; the next name's post after ', and' is not his."""
    people = _people(text, lang)
    org_man = next(p for n, p in people.items() if "Khachatur" in n)
    assert org_man.country is None and org_man.role != "defense_minister"
    saparov = people["Saparov"]
    assert (saparov.role, saparov.country) == ("defense_minister", "KZ")
