"""File each stored report under an occasion (``milcoop.resolve.occasions`` decides).

Runs inside ``Store.save_extraction``'s transaction: the new events of one
article are compared with the events of other articles that share a party
(and a year, when the event has one); an event joins the first occasion
whose every member it is compatible with and one of which it matches, or
founds a new one. Occasion ids never change once made.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..records import Event
from ..resolve.occasions import Facts, conflict, evidence, facts
from .models import DbArticle, DbEvent, DbEventCountry, DbOccasion, occasion_id


def _candidates(session: Session, row: DbEvent, load) -> list[DbEvent]:
    codes = [c.upper() for c in row.countries if c]
    if not codes:
        return []
    stmt = (select(DbEvent)
            .where(DbEvent.article_id != row.article_id, DbEvent.occasion_id.is_not(None),
                   DbEvent.id.in_(select(DbEventCountry.event_id).where(DbEventCountry.country.in_(codes))))
            .options(*load, selectinload(DbEvent.article)))
    if row.date:
        stmt = stmt.where(or_(DbEvent.date.is_(None), DbEvent.date.startswith(row.date[:4])))
    return list(session.scalars(stmt))


def assign(session: Session, rows: list[DbEvent], published: str | None,
           to_event: Callable[[DbEvent], Event], load) -> None:
    """Set ``occasion_id`` on each new event row (flushed, same transaction)."""
    for row in rows:
        mine = facts(to_event(row), published)
        groups: dict[str, list[Facts]] = {}
        for other in _candidates(session, row, load):
            groups.setdefault(other.occasion_id, []).append(facts(to_event(other), other.article.published))
        order = {o.id: o.created_at for o in session.scalars(
            select(DbOccasion).where(DbOccasion.id.in_(list(groups))))}
        chosen = None
        for occ in sorted(groups, key=lambda o: (order.get(o) is None, order.get(o), o)):
            members = groups[occ]
            if all(conflict(mine, m) is None for m in members) and any(evidence(mine, m) for m in members):
                chosen = occ
                break
        if chosen is None:
            chosen = occasion_id(row.id)
            if session.get(DbOccasion, chosen) is None:
                session.add(DbOccasion(id=chosen))
        row.occasion_id = chosen
    session.flush()


def drop_empty(session: Session, occasion_ids: set[str]) -> None:
    """Forget occasions that no report is filed under any more."""
    if not occasion_ids:
        return
    used = set(session.scalars(select(DbEvent.occasion_id).where(DbEvent.occasion_id.in_(occasion_ids))))
    gone = occasion_ids - used
    if gone:
        session.execute(delete(DbOccasion).where(DbOccasion.id.in_(gone)))


def source_counts(session: Session, occasion_ids: list[str]) -> dict[str, int]:
    """How many articles report each occasion."""
    rows = session.execute(select(DbEvent.occasion_id, func.count(func.distinct(DbEvent.article_id)))
                           .where(DbEvent.occasion_id.in_(occasion_ids)).group_by(DbEvent.occasion_id))
    return dict(rows.all())


__all__ = ["assign", "drop_empty", "source_counts", "DbArticle"]
