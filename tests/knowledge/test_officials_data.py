"""The officials table: the shipped sources validate and compile to the shipped JSON; bad rows are refused."""
from pathlib import Path

import pytest

from milcoop.knowledge import build_officials as build
from milcoop.knowledge.build_officials import OfficialsDataError, load_sources, parse_file, validate

COUNTRIES = {"KZ", "TR", "RU", "US"}


def test_shipped_sources_validate_and_compiled_file_is_fresh(capsys):
    assert build.main(["--check"]) == 0, capsys.readouterr().err
    people = load_sources()
    assert len({p.id for p in people}) == len(people)
    assert all(t.source.startswith("http") for p in people for t in p.terms)


def test_shipped_table_covers_the_priority_countries():
    held = {(t.country, t.role) for p in load_sources() for t in p.terms}
    for country in ("KZ", "RU", "CN", "US", "TR"):
        for role in ("head_of_state", "defense_minister", "chief_of_general_staff"):
            assert (country, role) in held, (country, role)


def write(tmp_path: Path, body: str, name: str = "KZ.yaml") -> Path:
    path = tmp_path / name
    path.write_text("country: KZ\nsources:\n  defense_minister: https://example.org/dm\npeople:\n" + body,
                    encoding="utf-8")
    return path


def check(tmp_path, body):
    people = parse_file(write(tmp_path, body), COUNTRIES)
    validate(people, COUNTRIES)
    return people


def test_a_good_file_parses_into_terms(tmp_path):
    [person] = check(tmp_path, "  - Ruslan Zhaksylykov | ru Руслан Жаксылыков | defense_minister 2022-01-19 2025-06-08 checked\n")
    assert person.id == "kz-ruslan-zhaksylykov"
    assert person.names["ru"] == ["Руслан Жаксылыков"]
    [term] = person.terms
    assert (term.role, term.start, term.end, term.checked) == ("defense_minister", "2022-01-19", "2025-06-08", True)
    assert term.source == "https://example.org/dm"


@pytest.mark.parametrize("body, message", [
    ("  - A B | defense_minister 2010-01-01 2012-01-01\n  - C D | defense_minister 2011-06-01 -\n",
     "starts before A B"),
    ("  - A B | minister 2010 2012\n", "unknown field 'minister'"),
    ("  - A B | defense_minister 2010-13-01 2012\n", "not an ISO date"),
    ("  - A B | defense_minister 2012 2010\n", "ends (2010) before it starts"),
    ("  - A B | head_of_state 2012 -\n", "no source"),
    ("  - A B | defense_minister 2010 2011\n  - A B | defense_minister 2012 2013\n", "duplicate id"),
    ("  - A B | defense_minister 2010 2011 rank=field_marshal\n", "rank 'field_marshal'"),
    ("  - A B | defense_minister 2010 2011 country=XX\n", "unknown country code 'XX'"),
    ("  - Жаксылыков | defense_minister 2010 2011\n", "first field must be the Latin name"),
    ("  - A B | defense_minister 2010 2012 seen=2014-01-01\n", "outside its term"),
    ("  - A B\n", "holds no office"),
])
def test_bad_rows_are_refused_with_file_and_line(tmp_path, body, message):
    with pytest.raises(OfficialsDataError) as err:
        check(tmp_path, body)
    assert message in err.value.message
    assert err.value.source == "officials/KZ.yaml"
    assert err.value.line is not None and err.value.line >= 5


def test_a_handover_day_is_not_an_overlap(tmp_path):
    people = check(tmp_path, "  - A B | defense_minister 2010-01-01 2012-01-01\n"
                             "  - C D | defense_minister 2012-01-01 -\n")
    assert len(people) == 2


def test_unknown_dates_are_kept_unknown(tmp_path):
    from milcoop.knowledge.officials import Term
    [person] = check(tmp_path, "  - A B | defense_minister ? ? seen=2019-05-14\n")
    [t] = person.terms
    assert (t.start, t.end, t.ended, t.seen) == (None, None, True, "2019-05-14")
    term = Term("x", t.role, "KZ", t.start, t.end, "https://example.org", ended=t.ended, seen=t.seen)
    from datetime import date
    assert term.covers(date(2019, 5, 14)) and not term.covers(date(2019, 5, 15))
    open_ended = Term("x", t.role, "KZ", None, None, "https://example.org", seen="2019-05")
    assert open_ended.covers(date(2024, 1, 1)) and not open_ended.covers(date(2019, 4, 30))


def test_file_name_must_match_country(tmp_path):
    with pytest.raises(OfficialsDataError, match="file name"):
        parse_file(write(tmp_path, "  - A B | defense_minister 2010 2011\n", name="RU.yaml"), COUNTRIES)


def test_readme_coverage_table_is_current():
    readme = (build.SOURCES / "README.md").read_text(encoding="utf-8")
    assert build.coverage(load_sources()) in readme, \
        "regenerate the table with python -m milcoop.knowledge.build_officials --coverage"
