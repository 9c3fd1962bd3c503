"""Documents, their periods and their statuses, read by the rules from short sentences in each language.

The rules alone (``Decider()``: no learned model) so that each test pins one general fact of the
language or the genre.
"""
import pytest

from milcoop.extractors import Extractor
from milcoop.extractors.documents import find_documents
from milcoop.learn.decider import Decider
from milcoop.reading import clean
from milcoop.records import RawDocument


@pytest.fixture(scope="module")
def read():
    extractor = Extractor(decider=Decider())

    def documents(text: str, lang: str, published: str = "2024-05-10") -> dict:
        article = clean(RawDocument(source="test", text=text, lang=lang, published=published))
        doc, language = extractor.read_sentences(article)
        found = find_documents(doc, language.lexicon, Decider())
        return {(d.type, tuple(d.period) if d.period else None): d.status for d in found}

    return documents


# -- what is a document -------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("ru", "Министры обороны государств Организации Договора о коллективной безопасности провели заседание."),
    ("kk", "Ұжымдық қауіпсіздік туралы шарт ұйымы қорғаныс министрлері кеңесінің отырысы өтті."),
    ("en", "Defence ministers of the Collective Security Treaty Organization met in Minsk."),
    ("en", "The Defense Acquisition Program Administration said the howitzers will be delivered."),
])
def test_a_document_noun_in_an_organisations_name_is_no_document(read, lang, text):
    assert read(text, lang) == {}


@pytest.mark.parametrize("lang, text", [
    ("en", "The two armies plan to hold a joint military exercise next year."),
    ("en", "The defence ministries plan and carry out combined tactical drills."),
])
def test_english_plan_as_a_verb_is_no_document(read, lang, text):
    assert read(text, lang) == {}


@pytest.mark.parametrize("lang, text", [
    ("ru", "По итогам переговоров военные ведомства подписали несколько документов о сотрудничестве."),
    ("kk", "Кеңес соңында қорғаныс министрлері ынтымақтастық жөнінде бірнеше құжатқа қол қойды."),
    ("en", "Once the defence ministers' meeting was over, a number of documents were signed."),
])
def test_unnamed_documents_signed_are_one_other_document(read, lang, text):
    assert read(text, lang) == {("other", None): "signed"}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Министры обороны подписали план военного сотрудничества. Документ подписан в Минске."),
    ("kk", "Министрлер әскери ынтымақтастық жоспарына қол қойды. Құжатқа Астанада қол қойылды."),
    ("en", "The defence ministers signed a military cooperation plan. The document was signed in Minsk."),
])
def test_the_document_refers_back_to_the_named_one(read, lang, text):
    assert read(text, lang) == {("plan", None): "signed"}


@pytest.mark.parametrize("lang, text, kind", [
    ("en", "India and Bangladesh signed a defence pact on coastal surveillance.", "agreement"),
    ("en", "Greece and France signed a defence accord on Tuesday.", "agreement"),
    ("en", "The defence ministers signed a letter of intent on military aircraft.", "other"),
    ("en", "An Implementing Arrangement for cooperation in military hydrography was signed.", "other"),
    ("ru", "Министры обороны подписали письмо о намерениях в сфере военного сотрудничества.", "other"),
    ("kk", "Қорғаныс министрлері әскери ынтымақтастық туралы ниет хатына қол қойды.", "other"),
])
def test_document_nouns(read, lang, text, kind):
    assert read(text, lang) == {(kind, None): "signed"}


def test_russian_plan_in_every_case(read):
    assert read("Министр поставил подпись под планом сотрудничества военных ведомств на 2025 год.", "ru") == \
        {("plan", (2025, 2025)): "signed"}


# -- periods ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("ru", "Министры подписали несколько соглашений о сотрудничестве в области военной науки "
           "и план военного сотрудничества на 2019 год."),
    ("en", "The ministers signed several agreements on military science and a military cooperation "
           "plan for 2019."),
])
def test_a_period_belongs_to_the_nearest_document_before_it(read, lang, text):
    assert read(text, lang) == {("agreement", None): "signed", ("plan", (2019, 2019)): "signed"}


@pytest.mark.parametrize("text", [
    "Әскери ынтымақтастық туралы келісімге 2024 жылғы 11 қыркүйекте Астанада қол қойылды.",
    "Екі елдің әскери байланыстары 1993-1994 жылдары жасалған ынтымақтастық туралы келісімге сүйенген.",
])
def test_kazakh_year_of_a_date_is_no_period(read, text):
    assert set(read(text, "kk")) == {("agreement", None)}


def test_kazakh_period_before_the_noun(read):
    assert read("Министрлер 2011 жылғы әскери ынтымақтастық жоспарын бекітті.", "kk") == \
        {("plan", (2011, 2011)): "signed"}


# -- status from the verb that governs the document -----------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("ru", "Меморандум о военном сотрудничестве должен быть подписан на встрече министров обороны."),
    ("ru", "Министрам обороны предстоит подписать соглашение о военном сотрудничестве."),
    ("kk", "Тараптар әскери ынтымақтастық туралы келісімге қол қоймақ."),
    ("kk", "Қорғаныс министріне әскери ынтымақтастық туралы келісімге қол қою жөнінде өкілеттік берілді."),
    ("en", "A fresh agreement on defence cooperation may be signed during the visit."),
    ("en", "The defence ministers are set to sign an agreement on military cooperation."),
    ("en", "An agreement on military cooperation will be signed in Tashkent."),
])
def test_a_signing_still_to_come_is_planned(read, lang, text):
    assert set(read(text, lang).values()) == {"planned"}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Участники обсудили план военного сотрудничества на 2022 год."),
    ("kk", "Тараптар әскери ынтымақтастық жоспарын пысықтады."),
    ("en", "The delegations discussed a plan of military cooperation for 2022."),
])
def test_a_document_discussed_is_drafting(read, lang, text):
    assert set(read(text, lang).values()) == {"drafting"}


@pytest.mark.parametrize("lang, text", [
    ("kk", "Жаттығу әскери ынтымақтастық туралы келісім аясында өтті."),
    ("en", "A memorandum of military cooperation serves as the basis for the joint training."),
    ("ru", "Учения прошли в рамках соглашения о военном сотрудничестве."),
])
def test_a_document_referred_to_is_mentioned(read, lang, text):
    assert set(read(text, lang).values()) == {"mentioned"}


def test_a_reference_after_the_noun_governs_nothing_before_it(read):
    text = "Today I signed a plan for defence cooperation, as part of the military cooperation efforts."
    assert read(text, "en") == {("plan", None): "signed"}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Парламент ратифицировал соглашение о военном сотрудничестве с Россией."),
    ("kk", "Мәжіліс әскери ынтымақтастық туралы келісімді ратификациялау туралы заң жобасын қолдады."),
    ("en", "The Senate ratified the defence cooperation agreement with Japan."),
])
def test_a_parliament_ratifying_is_ratified(read, lang, text):
    assert set(read(text, lang).values()) == {"ratified"}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Парламент намерен ратифицировать подписанный меморандум о военном сотрудничестве."),
    ("kk", "Әскери ынтымақтастық туралы келісімді ратификациялауға арналған заң жобасы Мәжіліске жолданды."),
    ("en", "The defence cooperation agreement, which needs ratification by the Senate, was signed."),
])
def test_a_ratification_still_pending_leaves_the_document_signed(read, lang, text):
    assert set(read(text, lang).values()) == {"signed"}


@pytest.mark.parametrize("lang, text, published", [
    ("en", "In 2014 Brazil signed a defence contract with the Swedish company.", "2024-11-09"),
    ("en", "Not long ago we signed an agreement on military cooperation.", "2019-09-13"),
    ("en", "In October India and Bangladesh signed a military cooperation agreement.", "2019-12-09"),
    ("ru", "В сентябре стороны подписали соглашение о военном сотрудничестве.", "2024-12-01"),
    ("kk", "Бұған дейін екі ел әскери ынтымақтастық туралы келісімге қол қойған.", "2024-12-01"),
    ("kk", "Екі ел 2021 жылы әскери ынтымақтастық туралы келісімге қол қойды.", "2024-12-01"),
])
def test_a_signing_before_the_occasion_is_an_earlier_document(read, lang, text, published):
    assert set(read(text, lang, published).values()) == {"mentioned"}


@pytest.mark.parametrize("lang, text", [
    ("en", "In May the defence ministers signed a military cooperation agreement.", ),
    ("ru", "В мае министры обороны подписали соглашение о военном сотрудничестве."),
])
def test_a_signing_in_the_month_of_publication_is_the_occasion(read, lang, text):
    assert set(read(text, lang, "2024-05-10").values()) == {"signed"}


@pytest.mark.parametrize("lang, text", [
    ("en", "Exchange programmes and mutual visits are what defence cooperation is made of."),
    ("ru", "Программа пребывания военной делегации включает посещение воинских частей."),
    ("kk", "Әскери делегацияның сапар бағдарламасы бойынша әскери бөлімге барды."),
])
def test_a_plan_or_programme_neither_dated_acted_on_nor_referred_to_is_no_document(read, lang, text):
    assert read(text, lang) == {}


@pytest.mark.parametrize("lang, text, kind, status", [
    ("en", "The joint drills are held in line with the plan of military cooperation.", "plan", "mentioned"),
    ("ru", "Учения проходят согласно годовому плану сотрудничества вооруженных сил.", "plan", "mentioned"),
    ("ru", "Итогом переговоров стало подписание протокола о взаимодействии, а также рассчитанной на пять лет "
           "программы развития стратегического партнерства в военной сфере.", "program", "signed"),
])
def test_a_plan_or_programme_referred_to_or_acted_on_is_a_document(read, lang, text, kind, status):
    assert read(text, lang)[(kind, None)] == status


@pytest.mark.parametrize("lang, text", [
    ("ru", "Контингенты войск согласно плану выдвигаются в район учения."),
    ("kk", "Әскери оқу-жаттығу жоспар бойынша жүргізілуде."),
    ("en", "The troops of the joint exercise moved according to plan."),
])
def test_according_to_plan_is_no_document(read, lang, text):
    assert read(text, lang) == {}


@pytest.mark.parametrize("lang, text", [
    ("en", "I came to carry out the important agreements reached by our heads of state on military cooperation."),
    ("ru", "Министры обороны обсудили выполнение достигнутых соглашений о военном сотрудничестве."),
    ("kk", "Министрлер әскери ынтымақтастық жөнінде қол жеткізілген келісімдерді талқылады."),
])
def test_an_understanding_reached_is_no_document(read, lang, text):
    assert read(text, lang) == {}


@pytest.mark.parametrize("lang, text, status", [
    ("en", "In September the two countries signed a memorandum of understanding on defence cooperation.",
     "mentioned"),
    ("kk", "Әскери-техникалық ынтымақтастық жөніндегі меморандумға наурызда Анкарада қол қойылды.", "mentioned"),
    ("kk", "Әскери-техникалық ынтымақтастық жөніндегі меморандумға 10 мамырда Анкарада қол қойылды.", "signed"),
    ("ru", "Меморандум о военно-техническом сотрудничестве подписан 10 мая в Анкаре.", "signed"),
])
def test_news_dates_its_own_signing_by_the_day_and_an_earlier_one_by_the_month(read, lang, text, status):
    assert set(read(text, lang, published=None).values()) == {status}


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Министры обороны подписали план военного сотрудничества на 2024–2026 годы.",
     {("plan", (2024, 2026)): "signed"}),
    ("ru", "В ходе визита планируется подписать соглашение о военном сотрудничестве.",
     {("agreement", None): "planned"}),
    ("ru", "Соглашение о военном сотрудничестве будет подписано в Минске.", {("agreement", None): "planned"}),
    ("ru", "Стороны обсудили проект соглашения о военном сотрудничестве.", {("agreement", None): "drafting"}),
    ("ru", "Сейчас разрабатывается программа военного сотрудничества на 2026-2030 годы.",
     {("program", (2026, 2030)): "drafting"}),
    ("ru", "Президент подписал закон о ратификации соглашения о военном сотрудничестве.",
     {("agreement", None): "ratified"}),
    ("ru", "Учения прошли в рамках соглашения 2015 года о военном сотрудничестве.", {("agreement", None): "mentioned"}),
    ("kk", "Министрлер 2024-2026 жылдарға арналған әскери ынтымақтастық жоспарына қол қойды.",
     {("plan", (2024, 2026)): "signed"}),
    ("kk", "Әскери ынтымақтастық туралы келісімге қол қою жоспарлануда.", {("agreement", None): "planned"}),
    ("kk", "Әскери ынтымақтастық туралы келісімге Астанада қол қойылады.", {("agreement", None): "planned"}),
    ("kk", "Сенат әскери ынтымақтастық туралы келісімді ратификациялау туралы заңды қабылдады.",
     {("agreement", None): "ratified"}),
    ("kk", "Әскери ынтымақтастық бағдарламасы әзірленуде.", {("program", None): "drafting"}),
    ("en", "The defence ministers will sign a military cooperation plan for 2025.",
     {("plan", (2025, 2025)): "planned"}),
    ("en", "The two ministries are negotiating a draft agreement on defence cooperation.",
     {("agreement", None): "drafting"}),
    ("en", "The exercise was held under the 2015 agreement on military cooperation.",
     {("agreement", None): "mentioned"}),
    ("en", "The defence ministers signed a declaration on military cooperation.", {("other", None): "signed"}),
    ("en", "The defence ministers signed a treaty on military cooperation. The agreement was ratified in May.",
     {("treaty", None): "ratified"}),
])
def test_status_type_and_period_in_the_three_languages(read, lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "The defence contractors signed up to extend their exports of military equipment."),
    ("ru", "В миротворческую бригаду военных направили 32 контрактников."),
])
def test_a_contractor_is_no_contract(read, lang, text):
    assert read(text, lang) == {}


@pytest.mark.parametrize("lang, text, status", [
    ("kk", "Қорғаныс министрлері әзірленген жоспарға қол қойды.", "signed"),
    ("kk", "Қорғаныс министрлері қол қойылған жоспарды талқылады.", "drafting"),
    ("ru", "Министры обороны подписали план, разработанный штабами.", "signed"),
])
def test_the_verb_governs_from_its_own_side_of_the_noun(read, lang, text, status):
    """Kazakh is verb-final ("жоспарға қол қойды"): a participle before the noun only qualifies it. Russian
    puts the verb first ("подписали план"): a participle after the noun only qualifies it."""
    assert set(read(text, lang).values()) == {status}


def test_english_sign_is_the_verb_not_significant_or_a_sign_of(read):
    text = ("The military cooperation agreement is a sign of the significant progress between the two armies.")
    assert read(text, "en") == {("agreement", None): "mentioned"}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Министры подписали программу сотрудничества на 2019-2021 годы и план сотрудничества на 2019 год."),
    ("kk", "Министрлер 2019-2021 жылдарға арналған ынтымақтастық бағдарламасына және 2019 жылға арналған "
           "ынтымақтастық жоспарына қол қойды."),
    ("en", "The ministers signed a cooperation program for 2019-2021 and a cooperation plan for 2019."),
])
def test_the_years_of_a_period_date_no_signing(read, lang, text):
    assert read(text, lang, "2024-05-10") == {("program", (2019, 2021)): "signed", ("plan", (2019, 2019)): "signed"}
