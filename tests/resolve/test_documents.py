"""The documents register: one record per document with its status history."""
from milcoop.resolve.documents import Mention, register, whole_words


def _m(type, period, status, date, countries=("KZ", "US"), event="e"):
    return Mention(type, period, status, list(countries), date, event, None)


def test_drafting_then_signed_is_one_document_with_history():
    recs = register([_m("plan", [2013, 2017], "drafting", "2011-11-30", event="a"),
                     _m("plan", [2013, 2017], "signed", "2012-08-15", countries=("US", "KZ"), event="b")])
    assert len(recs) == 1
    assert recs[0].status == "signed"
    assert [(h["date"], h["status"]) for h in recs[0].history] == [("2011-11-30", "drafting"), ("2012-08-15", "signed")]


def test_treaty_and_agreement_are_one_kind_but_periods_and_parties_split():
    recs = register([_m("treaty", None, "signed", "2020-10-16"), _m("agreement", None, "ratified", "2020-12-01"),
                     _m("plan", [2019, 2019], "signed", "2018-11-08"), _m("plan", [2020, 2020], "signed", "2019-11-01"),
                     _m("plan", [2019, 2019], "signed", "2018-11-08", countries=("KZ", "RU"))])
    kinds = sorted((r.type, tuple(r.period or ()), tuple(r.countries), r.status) for r in recs)
    assert kinds == [("agreement", (), ("KZ", "US"), "ratified"),
                     ("plan", (2019, 2019), ("KZ", "RU"), "signed"),
                     ("plan", (2019, 2019), ("KZ", "US"), "signed"),
                     ("plan", (2020, 2020), ("KZ", "US"), "signed")]


def test_undated_documents_of_different_occasions_stay_apart():
    recs = register([Mention("memorandum", None, "signed", ["KZ", "TR"], None, "ev-a", "oc-a"),
                     Mention("memorandum", None, "signed", ["TR", "KZ"], None, "ev-b", "oc-b"),
                     Mention("memorandum", None, "mentioned", ["KZ", "TR"], None, "ev-c", "oc-a")])
    assert sorted(r.occasions for r in recs) == [["oc-a"], ["oc-b"]]
    assert next(r for r in recs if r.occasions == ["oc-a"]).status == "signed"


def test_history_keeps_each_status_quote_and_the_name_as_reported():
    quote = "Стороны подписали План военного сотрудничества на 2026 год между министерствами обороны."
    recs = register([
        Mention("plan", [2026, 2026], "drafting", ["KZ", "BY"], "2025-10-01", "ev-a", "oc-a",
                title="План военного сотрудничества на 2026 год между министерствами обор",
                quote="Готовится План военного сотрудничества на 2026 год между министерствами обороны."),
        Mention("plan", [2026, 2026], "signed", ["BY", "KZ"], "2025-12-05", "ev-b", "oc-b",
                title="План военного сотрудничества на 2026 год между министерствами обор", quote=quote)])
    [rec] = recs
    assert rec.title == "План военного сотрудничества на 2026 год между министерствами"
    assert [(h["date"], h["status"], h["quote"]) for h in rec.history] == [
        ("2025-10-01", "drafting", "Готовится План военного сотрудничества на 2026 год между министерствами обороны."),
        ("2025-12-05", "signed", quote)]


def test_a_title_ending_with_a_whole_word_is_kept():
    assert whole_words("plan for 2026", "They signed the plan for 2026.") == "plan for 2026"
    assert whole_words("plan for 2026 bet", "the plan for 2026 between them") == "plan for 2026"
    assert whole_words("plan", None) == "plan"
    assert whole_words("agreement with Russia, the parliament’s official",
                       "ratifying the agreement with Russia, the parliament’s official website said") == \
        "agreement with Russia"
