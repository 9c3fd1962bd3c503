"""Filing by blocking keys: a new report reads only the reports under its keys, and files as comparing it
with every stored report would (``resolve.occasions.group``); facts and keys survive re-extraction,
migrations of older databases and imports of dumps."""
from __future__ import annotations

import hashlib
import io

import pytest
from alembic import command

import milcoop

from milcoop.bench.synthetic import build, templates
from milcoop.records import Article, ArticleExtraction, Document, Event, Exercise, Location, Participant, Segment
from milcoop.resolve.occasions import facts, group
from milcoop.store import open_store
from milcoop.store.db import alembic_config, migrating
from milcoop.store.models import DbEvent, DbOccasionFacts, DbOccasionKey, occasion_id
from milcoop.store.occasions import candidates

VERSION = "test"


def _article(key: str, published: str | None) -> Article:
    text = f"Report {key}."
    return Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], external_id=key, source=f"{key}.txt",
                   text=text, raw_text=text, published=published,
                   segments=[Segment(clean_start=0, raw_start=0, length=len(text))])


def _event(countries, date=None, city=None, people=(), docs=(), exercises=(), types=("meeting",)) -> Event:
    return Event(type=list(types), date=date, location=Location(city=city), countries=list(countries),
                 participants=[Participant(name=n, country=c, role=r, official_id=o) for n, c, r, *o in people
                               for o in [o[0] if o else None]],
                 documents=[Document(type=t, period=list(p), status="signed") for t, p in docs],
                 exercises=[Exercise(name=x) for x in exercises])


KOSANOV, BELOUSOV = ("Dauren Kosanov", "KZ", "defense_minister"), ("Andrei Belousov", "RU", "defense_minister")
DONG = ("Dong Jun", "CN", "defense_minister", "cn-dong-jun")
# (key, published, events): one occasion told four ways, its look-alikes, and others
REPORTS = [
    ("a", "2025-10-31", [_event(["KZ", "RU"], "2025-10-31", "Almaty", [KOSANOV, BELOUSOV], [("plan", (2026, 2026))])]),
    ("b", None, [_event(["RU", "KZ"], None, "Almaty", [BELOUSOV])]),
    ("c", "2025-11-01", [_event(["KZ", "RU", "BY"], None, None, [KOSANOV], [("plan", (2026, 2026))])]),
    ("d", "2025-11-02", [_event(["KZ", "RU"], None, "Moscow", [KOSANOV, BELOUSOV])]),
    ("e", "2024-04-25", [_event(["KZ", "CN"], "2024-04-25", "Astana", [DONG]),
                         _event(["KZ", "RU"], "2024-04", None, [BELOUSOV])]),
    ("f", "2024-04-26", [_event(["CN", "KZ"], None, "Astana", [("Дун Цзюнь", "CN", "defense_minister",
                                                                "cn-dong-jun")])]),
    ("g", "2022-12-15", [_event(["IN", "KZ"], "2022-12-15", "Umroi", exercises=["KAZIND-22"], types=["exercise"])]),
    ("h", None, [_event(["KZ", "IN"], None, None, exercises=["Kazind-2022"], types=["exercise"])]),
    ("i", "2025-11-20", [_event(["KZ", "RU"], "2025-11-19", None, [KOSANOV, BELOUSOV], types=["call"])]),
    ("j", "2025-10-30", [_event(["KZ"], "2025-10-30", "Almaty", [KOSANOV])]),
]


def _store_all(store, reports):
    for key, published, events in reports:
        article = _article(key, published)
        store.store_articles([(article, ArticleExtraction(id=key, relevant=True, events=events))], VERSION)


@pytest.fixture
def filed(tmp_path):
    db = str(tmp_path / "blocks.db")
    with open_store(db) as store:
        _store_all(store, REPORTS)
        yield store


def _occasions(store) -> dict[str, str]:
    return {e: o for e, _, o, _ in store.filed_reports()}


def test_filing_by_keys_is_comparing_with_every_report(filed):
    stored = _occasions(filed)
    replayed = group([(e, a, f) for e, a, _, f in filed.filed_reports()])
    assert stored == {e: occasion_id(o) for e, o in replayed.items()}
    by_key = {}
    for e, a, o, _ in filed.filed_reports():
        by_key.setdefault(filed.get_article(a).external_id, []).append(o)
    assert by_key["a"][0] == by_key["b"][0] == by_key["c"][0] == by_key["j"][0]  # one occasion, four reports
    assert by_key["d"][0] != by_key["a"][0]    # the same ministers in another city
    assert by_key["i"][0] != by_key["a"][0]    # a call three weeks later
    assert by_key["e"][0] == by_key["f"][0]    # one visit, the guest's name in two scripts
    assert by_key["g"][0] == by_key["h"][0]    # one exercise, an undated report of it
    assert by_key["e"][1] != by_key["a"][0]    # the other event of a report: another year


def test_reports_of_other_parties_or_months_are_never_read(filed, shared_path):
    """Thousands of reports elsewhere in time or between other parties leave a report's candidates as they were."""
    new = _event(["KZ", "RU"], "2025-10-31", "Almaty", [KOSANOV])
    found = facts(new, "2025-10-31")
    with filed._read() as session:
        before = candidates(session, found, "new")
    records = [r for r in templates(shared_path("corpus").parent)
               if not any({"KZ", "RU"} <= set(e.countries) for e in r.events)]
    build(filed.engine, records, 3000)  # other parties, any year: none of them under this report's keys
    with filed._read() as session:
        after = candidates(session, found, "new")
        events = session.query(DbEvent).count()
    assert events > 3000
    assert [(o, sorted(map(repr, m))) for o, m in after] == [(o, sorted(map(repr, m))) for o, m in before]
    first = {}
    for _, a, o, _ in filed.filed_reports():
        first.setdefault(filed.get_article(a).external_id, o)
    # the KZ-RU occasions around the date, oldest first: the four reports of one, the Moscow talks, the call
    assert [o for o, _ in after] == [first["a"], first["d"], first["i"]]
    assert [len(m) for _, m in after] == [4, 1, 1]


def test_reextraction_replaces_facts_and_keys(filed):
    with filed._read() as session:
        keys_before = session.query(DbOccasionKey).count()
        facts_before = session.query(DbOccasionFacts).count()
    _store_all(filed, REPORTS)  # stored before: nothing changes
    article = _article("a", "2025-10-31")
    filed.save_extraction(article.id, ArticleExtraction(id="a", relevant=True, events=REPORTS[0][2]), VERSION)
    with filed._read() as session:
        assert session.query(DbOccasionKey).count() == keys_before
        assert session.query(DbOccasionFacts).count() == facts_before == session.query(DbEvent).count()


def test_an_older_database_gets_facts_and_keys_when_migrated(tmp_path):
    db = str(tmp_path / "old.db")
    with open_store(db) as store:
        _store_all(store, REPORTS[:6])
        before = _occasions(store)
        with store._read() as session:
            stored = {r.event_id: r.facts for r in session.query(DbOccasionFacts)}
        config = alembic_config()
        with migrating(store.engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
    with open_store(db) as store:  # upgraded on open: the events of revision 0006 get their facts
        with store._read() as session:
            # the same facts as when stored, the official ids of participants included (Dong Jun / Дун Цзюнь)
            assert {r.event_id: r.facts for r in session.query(DbOccasionFacts)} == stored
            assert len(stored) == session.query(DbEvent).count() == 7
            assert session.query(DbOccasionKey).count() > 0
        _store_all(store, REPORTS[6:])
        after = _occasions(store)
    assert {e: after[e] for e in before} == before
    assert any(after[e] in before.values() for e in after if e not in before)  # a new report joined an old one


def test_an_imported_dump_files_new_reports_like_the_original(tmp_path, dump_records):
    original = str(tmp_path / "original.db")
    with open_store(original) as store:
        _store_all(store, REPORTS[:6])
    sink = io.StringIO()
    milcoop.dump(sink, original)
    path = tmp_path / "dump.jsonl"
    path.write_text(sink.getvalue(), encoding="utf-8")
    copy = str(tmp_path / "copy.db")
    milcoop.import_dump(path, copy)
    for db in (original, copy):
        with open_store(db) as store:
            _store_all(store, REPORTS[6:])
    assert dump_records(copy) == dump_records(original)
