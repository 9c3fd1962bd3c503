"""Re-apply analysts' merges and splits to freshly extracted rows.

``Store.save_extraction`` recreates an article's events and participants and
files them by machine rules; these functions then move each report (event id)
and each participant (``event_id:ordinal``) an analyst re-filed back to where
the analyst put it. The override tables are only read here, never written.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import DbEvent, DbOccasion, DbOccasionOverride, DbPerson, DbPersonOverride


def participant_key(event_id: str, ordinal: int) -> str:
    return f"{event_id}:{ordinal}"


def apply_occasions(session: Session, rows: list[DbEvent]) -> set[str]:
    """Re-file overridden events; return the machine occasion ids they left (to drop if empty)."""
    ids = [r.id for r in rows]
    if not ids:
        return set()
    wanted = dict(session.execute(select(DbOccasionOverride.event_id, DbOccasionOverride.occasion_id)
                                  .where(DbOccasionOverride.event_id.in_(ids))).all())
    left = set()
    for row in rows:
        target = wanted.get(row.id)
        if target and row.occasion_id != target:
            if session.get(DbOccasion, target) is None:
                session.add(DbOccasion(id=target))
            left.add(row.occasion_id)
            row.occasion_id = target
    session.flush()
    return {o for o in left if o}


def apply_persons(session: Session, rows: list[DbEvent]) -> set[str]:
    """Re-link overridden participants; return the machine person ids they left (to drop if unused)."""
    keys = {participant_key(r.id, p.ordinal): p for r in rows for p in r.participants}
    if not keys:
        return set()
    wanted = dict(session.execute(select(DbPersonOverride.participant_key, DbPersonOverride.person_id)
                                  .where(DbPersonOverride.participant_key.in_(list(keys)))).all())
    left = set()
    for key, target in wanted.items():
        p = keys[key]
        if p.person_id != target:
            if session.get(DbPerson, target) is None:
                session.add(DbPerson(id=target, name=p.name, country=p.country))
            left.add(p.person_id)
            p.person_id = target
    session.flush()
    return {x for x in left if x}
