"""Link each stored participant to a canonical person (``milcoop.resolve.persons`` decides).

Runs inside ``Store.save_extraction``'s transaction. Candidates are the
persons with a spelling whose surname key starts like the mention's; every
new spelling is remembered, so the registry learns Cyrillic, Kazakh and
Latin forms of a name as they appear.
"""
from __future__ import annotations

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session, selectinload

from ..resolve.persons import Candidate, NameKey, best_match, canonical_name
from .models import DbEvent, DbParticipant, DbPerson, DbPersonName, person_id

PREFIX = 3  # candidates share this many leading letters of the surname key


def _prefixed(column, prefix: str):
    """``column`` starts with ``prefix``, as a range the column's index answers (LIKE 'abc%' scans the table
    on SQLite, and on PostgreSQL outside the C collation)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def _candidates(session: Session, key: NameKey) -> list[tuple[DbPerson, Candidate]]:
    if len(key.surname) < PREFIX:
        return []
    # Yermekbayev / Ermekbaev: a Cyrillic initial Е is written with or without its Y
    bare = key.surname[1:] if key.surname[0] == "i" and key.surname[1:2] in "aeiou" else key.surname
    prefixes = {bare[:PREFIX], ("i" + bare)[:PREFIX]}
    ids = set(session.scalars(select(DbPersonName.person_id)
                              .where(or_(*(_prefixed(DbPersonName.surname_key, p) for p in prefixes)))))
    if not ids:
        return []
    seen: dict[str, tuple[set, set]] = {pid: (set(), set()) for pid in ids}
    for pid, country, role in session.execute(select(DbParticipant.person_id, DbParticipant.country,
                                                     DbParticipant.role).distinct()
                                              .where(DbParticipant.person_id.in_(ids))):
        if country:
            seen[pid][0].add(country)
        if role:
            seen[pid][1].add(role)
    out = []
    persons = session.scalars(select(DbPerson).where(DbPerson.id.in_(ids)).options(selectinload(DbPerson.names)))
    for person in persons:
        countries, roles = seen[person.id]
        cand = Candidate(id=person.id, keys=[NameKey(n.surname_key, n.given_key) for n in person.names],
                         countries=countries | ({person.country} if person.country else set()), roles=roles)
        out.append((person, cand))
    return out


def _remember(session: Session, person: DbPerson, *spellings: str | None) -> None:
    known = {n.name for n in person.names}
    for spelling in spellings:
        if spelling and spelling not in known:
            k = NameKey.of(spelling)
            if k.surname:
                person.names.append(DbPersonName(name=spelling, surname_key=k.surname, given_key=k.given))
                known.add(spelling)
    person.name = canonical_name([n.name for n in person.names])


def link(session: Session, events: list[DbEvent]) -> None:
    """Set ``person_id`` on every participant of the new events."""
    for event in events:
        for p in event.participants:
            key = NameKey.of(p.name)
            if not key.surname:
                continue
            pairs = _candidates(session, key)
            chosen = best_match(key, p.country, p.role, [c for _, c in pairs])
            if chosen is None:
                person = session.get(DbPerson, person_id(event.id, p.ordinal))
                if person is None:
                    person = DbPerson(id=person_id(event.id, p.ordinal), name=p.name, country=p.country)
                    session.add(person)
                    session.flush()
            else:
                person = next(db for db, c in pairs if c is chosen)
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
