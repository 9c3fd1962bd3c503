"""Blocking keys never hide a match: any two reports that may be one occasion share a key, both ways.

The store compares a new report only with the reports under the keys it looks
up, so this property is what makes filing by keys give the same occasions as
comparing with every stored report. Checked on generated reports (hypothesis)
over a small world of parties, people, places, dates and documents, where
matches are frequent.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from milcoop.resolve.occasions import Facts, Person, Rules, keys, same_occasion

COUNTRIES = ["KZ", "RU", "CN", "KG"]
PEOPLE = [Person("kosanov", "kz-dauren-kosanov", "KZ", "defense_minister"), Person("kosanovtin", None, "KZ", None),
          Person("belousov", "ru-andrei-belousov", "RU", "defense_minister"), Person("belousovim", None, "RU", None),
          Person("iermekbaiev", None, "KZ", "defense_minister"), Person("ermekbaev", None, "KZ", "defense_minister"),
          Person("dong", "cn-dong-jun", "CN", "defense_minister")]
DATES = st.one_of(st.just(()), st.tuples(st.integers(2023, 2024)),
                  st.tuples(st.integers(2023, 2024), st.integers(1, 12)),
                  st.tuples(st.integers(2023, 2024), st.integers(1, 12), st.integers(1, 28)))


@st.composite
def reports(draw) -> Facts:
    date = draw(DATES)
    return Facts(
        countries=frozenset(draw(st.sets(st.sampled_from(COUNTRIES), min_size=1, max_size=3))),
        people=tuple(draw(st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True))),
        date=date,
        anchor=() if date else draw(st.one_of(st.just(()), DATES.filter(lambda d: len(d) == 3))),
        city=draw(st.sampled_from([None, "Astana", "Moscow"])),
        exercises=frozenset(draw(st.sets(st.sampled_from(["kalkan23", "kazind22"]), max_size=1))),
        types=frozenset(draw(st.sets(st.sampled_from(["visit", "meeting", "call", "signing"]), max_size=2))),
        documents=frozenset(draw(st.sets(st.sampled_from([("plan", 2024, 2024), ("plan", 2025, 2025)]),
                                         max_size=1))),
    )


@settings(max_examples=800, deadline=None)
@given(reports(), reports(), st.sampled_from([Rules(), Rules(day_tolerance=7, near_days=59, name_similarity=80)]))
def test_reports_that_may_be_one_occasion_share_a_blocking_key(a, b, rules):
    if same_occasion(a, b, rules):
        stored_a, queried_a = keys(a)
        stored_b, queried_b = keys(b)
        assert queried_a & stored_b, (a, b)
        assert queried_b & stored_a, (a, b)


def test_the_keys_of_a_report_are_few():
    report = Facts(countries=frozenset({"KZ", "RU", "BY"}), people=tuple(PEOPLE[:3]), date=(2025, 10, 31),
                   city="Almaty", documents=frozenset({("plan", 2026, 2026)}))
    stored, queried = keys(report)
    assert len(stored) < 60 and len(queried) < 120
