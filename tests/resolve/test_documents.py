"""The documents register: one record per document with its status history."""
from milcoop.resolve.documents import Mention, register


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
