"""`milcoop benchmark people` on three short reports with their gold: persons, officials as extracted, tenures."""
import json

import pytest
from typer.testing import CliRunner

from milcoop.bench.people import gold_official
from milcoop.cli import app

pytestmark = pytest.mark.slow

REPORTS = [
    {"id": "s-ru", "lang": "ru", "url": "https://example.kz/ru/2023/05/10/a",
     "text": "10 мая 2023 года Президент Казахстана Касым-Жомарт Токаев встретился в Астане с министром обороны "
             "Турции Хулуси Акаром. Стороны обсудили военное сотрудничество."},
    {"id": "s-kk", "lang": "kk", "url": "https://example.kz/kk/2023/05/11/b",
     "text": "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Анкарада Түркия Қорғаныс министрі Хулуси "
             "Акармен кездесті. Тараптар екі ел арасындағы әскери ынтымақтастықты талқылады."},
    {"id": "s-en", "lang": "en", "url": "https://example.kz/en/2023/05/12/c",
     "text": "President of Kazakhstan Qasym-Jomart Toqaev received Turkish Defence Minister Hulusi Akar in Astana. "
             "The sides discussed military cooperation."},
]


def _event(date, *people):
    return {"type": ["meeting"], "date": date, "location": {"city": None, "country": None}, "countries": ["KZ", "TR"],
            "orgs": [], "participants": [{"name": n, "country": c, "role": r, "rank": None} for n, c, r in people],
            "documents": [], "exercises": [], "areas": []}


TOKAYEV = ("Kassym-Jomart Tokayev", "KZ", "head_of_state")
AKAR = ("Hulusi Akar", "TR", "defense_minister")
GOLD = [
    # the gold names Kazakhstan's defence minister, whom the text does not: one official missed
    {"id": "s-ru", "relevant": True, "events": [_event("2023-05-10", TOKAYEV, AKAR,
                                                       ("Ruslan Zhaksylykov", "KZ", "defense_minister"))]},
    {"id": "s-kk", "relevant": True, "events": [_event("2023-05-11", TOKAYEV, AKAR)]},
    # a wrong gold holder: Turkey's defence minister on that day was Akar, not Güler
    {"id": "s-en", "relevant": True, "events": [_event("2023-05-12", TOKAYEV,
                                                       ("Yaşar Güler", "TR", "defense_minister"))]},
]


def test_a_gold_participant_is_an_official_only_when_one_fits():
    assert gold_official("Касым-Жомарт Токаев", "KZ", "2023-05-10").person.id == "kz-kassym-jomart-tokayev"
    assert gold_official("Ivan Petrov", "RU", "2023-05-10") is None
    assert gold_official("Kim", None, None) is None  # several officials fit


def test_the_benchmark_reports_persons_officials_and_tenures(tmp_path, shared_path):
    scorer = shared_path("eval", "score.py")
    articles, gold = tmp_path / "articles.jsonl", tmp_path / "gold.jsonl"
    articles.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS), encoding="utf-8")
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in GOLD), encoding="utf-8")
    res = CliRunner().invoke(app, ["benchmark", "people", "--articles", str(articles), "--gold", str(gold),
                                   "--scorer", str(scorer), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    [corpus] = out["corpora"]
    persons = corpus["persons"]
    assert persons["wrong_merges"] == {} and persons["wrong_splits"] == {}
    assert persons["gold_persons"] == 4 and persons["gold_persons_found"] == 2  # Tokayev once, Akar once
    officials = corpus["officials"]
    assert officials["gold_participants_officials"] == 7
    # Güler (Turkey's chief of general staff that day) is an official too, and the text names Akar instead
    assert officials["counts"] == {"name": 5, "role": 5, "country": 5, "all": 5}
    assert officials["error_kinds"] == {"missing": 2}
    assert [e["gold"]["name"] for e in officials["errors"]] == ["Ruslan Zhaksylykov", "Yaşar Güler"]
    tenures = corpus["tenures"]
    assert (tenures["checked"], tenures["right"]) == (7, 6)
    [wrong] = tenures["wrong"]
    assert wrong["gold"] == "Yaşar Güler" and wrong["named"] == ["Hulusi Akar (reference)"]
    assert out["all"]["name_acc"] == round(5 / 7, 4) and out["all"]["tenures_share"] == round(6 / 7, 4)
