"""Link each stored participant to a canonical person (``milcoop.resolve.persons`` decides).

Runs inside ``Store.save_extraction``'s transaction. A mention extracted as an official
of the reference (``official_id``) joins the person holding that id, whatever its
spelling, script or outlet; failing one, a person its name fits that no other official
holds, which then takes the id. Other mentions are matched by name: candidates are the
persons with a spelling whose surname key starts like the mention's. Every new spelling
is remembered, so the registry learns Cyrillic, Kazakh and Latin forms as they appear.
"""
from __future__ import annotations

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session, selectinload

from ..knowledge.officials import Person
from ..resolve import reference
from ..resolve.persons import Candidate, NameKey, best_match, canonical_name, same_given, same_surname
from .models import DbEvent, DbParticipant, DbPerson, DbPersonName, person_id

PREFIX = 3  # candidates share this many leading letters of the surname key


def _prefixed(column, prefix: str):
    """``column`` starts with ``prefix``, as a range the column's index answers (LIKE 'abc%' scans the table
    on SQLite, and on PostgreSQL outside the C collation)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def _candidate(person: DbPerson, rows: list[tuple[str | None, str | None]]) -> Candidate:
    """What a person is known as: spellings seen (``rows``: the country and role of each sighting), and the
    reference's countries and spellings if linked."""
    keys = [NameKey(n.surname_key, n.given_key) for n in person.names]
    roles = {r for _, r in rows if r}
    official = reference.official(person.official_id)
    if official is not None:
        # the reference's countries, not the reports': one report filing a Turkish minister under
        # Kazakhstan must not make a Kazakh namesake fit him
        keys += [NameKey.of(n) for n in official.names]
        return Candidate(id=person.id, keys=keys, countries=reference.countries(official),
                         roles=roles | {t.role for t in official.terms})
    return Candidate(id=person.id, keys=keys,
                     countries={c for c, _ in rows if c} | ({person.country} if person.country else set()),
                     roles=roles)


def _candidates(session: Session, key: NameKey, official_id: str | None) -> list[tuple[DbPerson, Candidate]]:
    """Persons the mention may be (an indexed range of surname keys: a bounded set whatever the register's
    size); for a mention linked to an official, none linked to another."""
    if len(key.surname) < PREFIX:
        return []
    # Yermekbayev / Ermekbaev: a Cyrillic initial Е is written with or without its Y
    bare = key.surname[1:] if key.surname[0] == "i" and key.surname[1:2] in "aeiou" else key.surname
    prefixes = {bare[:PREFIX], ("i" + bare)[:PREFIX]}
    ids = set(session.scalars(select(DbPersonName.person_id)
                              .where(or_(*(_prefixed(DbPersonName.surname_key, p) for p in prefixes)))))
    if not ids:
        return []
    seen: dict[str, list[tuple[str | None, str | None]]] = {pid: [] for pid in ids}
    for pid, country, role in session.execute(select(DbParticipant.person_id, DbParticipant.country,
                                                     DbParticipant.role).distinct()
                                              .where(DbParticipant.person_id.in_(ids))):
        seen[pid].append((country, role))
    stmt = select(DbPerson).where(DbPerson.id.in_(ids)).options(selectinload(DbPerson.names)).order_by(DbPerson.id)
    if official_id:
        stmt = stmt.where(DbPerson.official_id.is_(None))
    return [(person, _candidate(person, seen[person.id])) for person in session.scalars(stmt)]


def _remember(session: Session, person: DbPerson, *spellings: str | None) -> None:
    known = {n.name for n in person.names}
    for spelling in spellings:
        if spelling and spelling not in known:
            k = NameKey.of(spelling)
            if k.surname:
                person.names.append(DbPersonName(name=spelling, surname_key=k.surname, given_key=k.given))
                known.add(spelling)
    official = reference.official(person.official_id)
    person.name = official.name if official else canonical_name([n.name for n in person.names])
    if official:
        person.country = official.country


def _of_official(session: Session, official_id: str) -> DbPerson | None:
    return session.scalars(select(DbPerson).where(DbPerson.official_id == official_id)
                           .options(selectinload(DbPerson.names)).order_by(DbPerson.created_at, DbPerson.id)).first()


def _fresh(session: Session, event: str, ordinal: int, official_id: str | None, p: DbParticipant) -> DbPerson:
    """A new person for a mention no known person fits (or the one this mention made before re-extraction)."""
    pid = person_id(event, ordinal)
    person = session.get(DbPerson, pid)
    if person is not None and official_id and person.official_id not in (None, official_id):
        pid = person_id(f"{event}:{official_id}", ordinal)  # re-extracted as another official
        person = session.get(DbPerson, pid)
    if person is None:
        person = DbPerson(id=pid, name=p.name, country=p.country)
        session.add(person)
        session.flush()
    return person


def office_holder(key: NameKey, role: str | None, country: str | None, date: str | None) -> Person | None:
    """The one official holding the mention's office on its date whose name it fits ('Berdiyev',
    Uzbekistan's defence minister in 2017-08: Kabul Berdiyev); extraction links a name alone, this
    the office too."""
    when = reference.period(date)
    if when is None or not role or not country:
        return None
    fits = {t.person_id for t in reference.holders_during(role, country, when)
            if any(same_surname(key.surname, k.surname) and same_given(key.given, k.given)
                   for k in map(NameKey.of, reference.official(t.person_id).names))}
    return reference.official(fits.pop()) if len(fits) == 1 else None


def link(session: Session, events: list[DbEvent], published: str | None = None) -> None:
    """Set ``person_id`` on every participant of the new events (``published``: the article's date)."""
    for event in events:
        for p in event.participants:
            key = NameKey.of(p.name)
            if not key.surname:
                continue
            official = reference.official(p.official_id) or office_holder(key, p.role, p.country,
                                                                          event.date or published)
            person = _of_official(session, official.id) if official else None
            if person is None:
                pairs = _candidates(session, key, official.id if official else None)
                country = official.country if official else p.country
                chosen = best_match(key, country, p.role, [c for _, c in pairs])
                person = next((db for db, c in pairs if c is chosen), None)
            if person is None:
                person = _fresh(session, event.id, p.ordinal, official.id if official else None, p)
            if official and person.official_id is None:
                person.official_id = official.id
            if person.country is None and p.country:
                person.country = p.country
            _remember(session, person, p.name, p.surface)
            p.person_id = person.id
            session.flush()


def drop_unmentioned(session: Session, person_ids: set[str]) -> None:
    """Forget persons no stored participant refers to any more."""
    if not person_ids:
        return
    used = set(session.scalars(select(DbParticipant.person_id).where(DbParticipant.person_id.in_(person_ids))))
    gone = person_ids - used
    if gone:
        session.execute(delete(DbPersonName).where(DbPersonName.person_id.in_(gone)))
        session.execute(delete(DbPerson).where(DbPerson.id.in_(gone)))
