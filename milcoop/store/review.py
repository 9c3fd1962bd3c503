"""Analyst review on top of the machine output: users, sessions, corrections,
review states, merges and splits of occasions and persons, and the audit log.

Everything here lives in its own tables (migration 0004). Machine extraction
never writes them; reads (``milcoop.corrected``, the exports, the web API)
lay them over the machine output. Merges and splits are written twice: as
overrides (which ``Store.save_extraction`` re-applies after every
re-extraction) and directly onto the current rows, so they show at once.
Each write is one ``Store.write`` transaction, run again if another writer
held the database (so ``work`` functions only change the database).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from milcoop.errors import Conflict, NotFound, ReviewError
from milcoop.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password
from milcoop.records import Event

from .models import (DbAuditEntry, DbCorrection, DbEvent, DbOccasion, DbOccasionOverride, DbParticipant,
                     DbPerson, DbPersonName, DbPersonOverride, DbReviewState, DbSession, DbUser, utcnow)
from .overrides import participant_key
from .repository import Store

SESSION_DAYS = 14
STATES = ("confirmed", "rejected")
# Event fields an analyst may correct (every schema field but the evidence spans).
EVENT_FIELDS = tuple(f for f in Event.model_fields if f != "evidence") + ("note",)
PERSON_FIELDS = ("name", "country")


def _token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _new_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1(("|".join(parts) + "|" + secrets.token_hex(4)).encode()).hexdigest()[:12]


class Review:
    """Review operations on one store. ``user`` arguments are usernames."""

    def __init__(self, store: Store):
        self.store = store

    # -- users and sessions ---------------------------------------------------

    def add_user(self, username: str, password: str) -> None:
        username = username.strip()
        if not username:
            raise ReviewError("the username must not be empty")
        hashed = hash_password(password)

        def work(session: Session):
            if session.scalar(select(DbUser.id).where(DbUser.username == username)) is not None:
                raise Conflict(f"user {username!r} already exists")
            session.add(DbUser(username=username, password_hash=hashed))
        self.store.write(f"cannot add user {username}", work)

    def set_password(self, username: str, password: str) -> None:
        hashed = hash_password(password)

        def work(session: Session):
            user = session.scalar(select(DbUser).where(DbUser.username == username))
            if user is None:
                raise NotFound(f"no user {username!r}")
            user.password_hash = hashed
            session.execute(delete(DbSession).where(DbSession.user_id == user.id))
        self.store.write(f"cannot change the password of {username}", work)

    def users(self) -> list[dict]:
        with self.store._read() as session:
            return [{"username": u.username, "created_at": u.created_at.isoformat()}
                    for u in session.scalars(select(DbUser).order_by(DbUser.username))]

    def login(self, username: str, password: str) -> str | None:
        """A new session token for the user, or None when the name or password is wrong."""
        with self.store._read() as session:
            user = session.scalar(select(DbUser).where(DbUser.username == username))
        if not verify_password(password, user.password_hash if user else DUMMY_HASH) or user is None:
            return None
        token = secrets.token_urlsafe(32)
        rehashed = hash_password(password) if needs_rehash(user.password_hash) else None

        def work(session: Session):
            now = utcnow()
            if rehashed:  # made with an older cost: stored again at today's
                session.execute(update(DbUser).where(DbUser.id == user.id).values(password_hash=rehashed))
            session.execute(delete(DbSession).where(DbSession.expires_at < now))
            session.add(DbSession(token=_token_key(token), user_id=user.id, created_at=now,
                                  expires_at=now + timedelta(days=SESSION_DAYS)))
        self.store.write("cannot sign in", work)
        return token

    def user_for(self, token: str | None) -> str | None:
        """The username signed in with ``token``, or None (unknown or expired)."""
        if not token:
            return None
        with self.store._read() as session:
            row = session.execute(select(DbUser.username, DbSession.expires_at)
                                  .join(DbUser, DbUser.id == DbSession.user_id)
                                  .where(DbSession.token == _token_key(token))).first()
        if row is None or _aware(row.expires_at) < utcnow():
            return None
        return row.username

    def logout(self, token: str | None) -> None:
        if token:
            def work(session: Session):
                session.execute(delete(DbSession).where(DbSession.token == _token_key(token)))
            self.store.write("cannot sign out", work)

    # -- reading the review layer -------------------------------------------

    def corrections(self, kind: str = "occasion", target_id: str | None = None,
                    active_only: bool = True) -> list[dict]:
        stmt = (select(DbCorrection, DbUser.username).outerjoin(DbUser, DbUser.id == DbCorrection.user_id)
                .where(DbCorrection.target_kind == kind).order_by(DbCorrection.id))
        if target_id:
            stmt = stmt.where(DbCorrection.target_id == target_id)
        if active_only:
            stmt = stmt.where(DbCorrection.active.is_(True))
        with self.store._read() as session:
            return [{"id": c.id, "target_kind": c.target_kind, "target_id": c.target_id, "field": c.field,
                     "value": c.value, "user": name, "at": c.created_at.isoformat(), "active": c.active}
                    for c, name in session.execute(stmt)]

    def corrected_fields(self, kind: str = "occasion") -> dict[str, dict[str, Any]]:
        """target id -> {field: value} of the active corrections (the latest per field wins)."""
        out: dict[str, dict[str, Any]] = {}
        for c in self.corrections(kind):
            out.setdefault(c["target_id"], {})[c["field"]] = c["value"]
        return out

    def states(self) -> dict[str, str]:
        with self.store._read() as session:
            return dict(session.execute(select(DbReviewState.target_id, DbReviewState.state)).all())

    def audit(self, limit: int = 100, occasion: str | None = None) -> list[dict]:
        """The latest audit entries, newest first; with ``occasion``, those about it (a split that
        made it, a merge into it, its reviews and corrections)."""
        stmt = select(DbAuditEntry).order_by(DbAuditEntry.id.desc())
        if occasion is not None:
            stmt = stmt.where(DbAuditEntry.target_kind == "occasion", or_(
                DbAuditEntry.target_id == occasion, DbAuditEntry.action.in_(("merge", "split"))))
        with self.store._read() as session:
            rows = [a for a in session.scalars(stmt.limit(limit if occasion is None else None))
                    if occasion is None or a.target_id == occasion
                    or isinstance(a.after, dict) and a.after.get("occasion") == occasion]
            return [{"user": a.user, "at": a.at.isoformat(), "action": a.action, "target_kind": a.target_kind,
                     "target_id": a.target_id, "before": a.before, "after": a.after} for a in rows[:limit]]

    # -- writing ------------------------------------------------------------

    def _user_id(self, session, username: str) -> int | None:
        return session.scalar(select(DbUser.id).where(DbUser.username == username))

    @staticmethod
    def _audit(session, user: str, action: str, kind: str, target: str, before, after) -> None:
        session.add(DbAuditEntry(user=user, action=action, target_kind=kind, target_id=target,
                                 before=before, after=after))

    def log(self, user: str, action: str, kind: str, target: str, before=None, after=None) -> None:
        """An audit entry for an event that changes no review data (e.g. a sign-in lockout)."""
        self.store.write(f"cannot log {action}",
                         lambda session: self._audit(session, user[:128], action, kind[:16], target[:32],
                                                     before, after))

    def _require_occasion(self, session, occasion: str) -> None:
        if session.get(DbOccasion, occasion) is None:
            raise NotFound(f"no occasion {occasion!r}")

    def set_state(self, user: str, occasion: str, state: str | None) -> str | None:
        if state is not None and state not in STATES:
            raise ReviewError(f"state must be one of {', '.join(STATES)} or null, not {state!r}")

        def work(session: Session):
            self._require_occasion(session, occasion)
            row = session.get(DbReviewState, occasion)
            before = row.state if row else None
            if state is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(DbReviewState(target_id=occasion, state=state, user_id=self._user_id(session, user)))
            else:
                row.state, row.user_id, row.updated_at = state, self._user_id(session, user), utcnow()
            self._audit(session, user, "review", "occasion", occasion, {"review_state": before},
                        {"review_state": state})
        self.store.write(f"cannot review {occasion}", work)
        return state

    def correct(self, user: str, kind: str, target: str, values: dict[str, Any],
                before: dict[str, Any]) -> None:
        """Record corrected field values (``before``: the values shown until now, for the audit log)."""
        allowed = EVENT_FIELDS if kind == "occasion" else PERSON_FIELDS
        unknown = sorted(set(values) - set(allowed))
        if unknown:
            raise ReviewError(f"cannot correct {', '.join(unknown)}: fields are {', '.join(allowed)}")
        if not values:
            raise ReviewError("nothing to correct: give at least one field")

        def work(session: Session):
            if kind == "occasion":
                self._require_occasion(session, target)
            elif session.get(DbPerson, target) is None:
                raise NotFound(f"no person {target!r}")
            uid = self._user_id(session, user)
            for field, value in values.items():
                session.execute(update(DbCorrection).where(
                    DbCorrection.target_kind == kind, DbCorrection.target_id == target,
                    DbCorrection.field == field, DbCorrection.active.is_(True)).values(active=False))
                session.add(DbCorrection(target_kind=kind, target_id=target, field=field, value=value,
                                         user_id=uid, active=True))
            self._audit(session, user, "correct", kind, target,
                        {f: before.get(f) for f in values}, dict(values))
        self.store.write(f"cannot correct {target}", work)

    def merge_occasions(self, user: str, ids: list[str]) -> str:
        """File every report of ``ids`` under the first of them; return its id."""
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2:
            raise ReviewError("give at least two occasion ids to merge")
        target = ids[0]

        def work(session: Session):
            for occ in ids:
                self._require_occasion(session, occ)
            moved = {occ: list(session.scalars(select(DbEvent.id).where(DbEvent.occasion_id == occ)))
                     for occ in ids}
            uid = self._user_id(session, user)
            for occ in ids[1:]:
                for ev in moved[occ]:
                    session.merge(DbOccasionOverride(event_id=ev, occasion_id=target, user_id=uid,
                                                     created_at=utcnow()))
                session.execute(update(DbEvent).where(DbEvent.occasion_id == occ).values(occasion_id=target))
                session.execute(delete(DbOccasion).where(DbOccasion.id == occ))
            self._audit(session, user, "merge", "occasion", target, {"occasions": moved},
                        {"occasion": target, "events": [e for evs in moved.values() for e in evs]})
        self.store.write("cannot merge occasions", work)
        return target

    def split_occasion(self, user: str, occasion: str, event_ids: list[str]) -> str:
        """Move the reports ``event_ids`` of ``occasion`` to a new occasion; return its id."""
        event_ids = list(dict.fromkeys(event_ids))
        if not event_ids:
            raise ReviewError("give the event ids of the reports to split off")

        def work(session: Session):
            self._require_occasion(session, occasion)
            members = list(session.scalars(select(DbEvent.id).where(DbEvent.occasion_id == occasion)))
            strangers = [e for e in event_ids if e not in members]
            if strangers:
                raise ReviewError(f"not reports of {occasion}: {', '.join(strangers)}")
            if len(event_ids) == len(members):
                raise ReviewError("cannot split off every report of an occasion")
            new = _new_id("oc-", occasion, *sorted(event_ids))
            session.add(DbOccasion(id=new))
            uid = self._user_id(session, user)
            for ev in event_ids:
                session.merge(DbOccasionOverride(event_id=ev, occasion_id=new, user_id=uid, created_at=utcnow()))
            # the reports left behind stay put even if machine filing would move them
            for ev in members:
                if ev not in event_ids:
                    session.merge(DbOccasionOverride(event_id=ev, occasion_id=occasion, user_id=uid,
                                                     created_at=utcnow()))
            session.execute(update(DbEvent).where(DbEvent.id.in_(event_ids)).values(occasion_id=new))
            self._audit(session, user, "split", "occasion", occasion, {"occasion": occasion, "events": members},
                        {"occasion": new, "events": event_ids})
            return new
        return self.store.write(f"cannot split {occasion}", work)

    def merge_persons(self, user: str, ids: list[str]) -> str:
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2:
            raise ReviewError("give at least two person ids to merge")
        target = ids[0]

        def work(session: Session):
            people = {pid: session.get(DbPerson, pid) for pid in ids}
            missing = [pid for pid, p in people.items() if p is None]
            if missing:
                raise NotFound(f"no person {', '.join(missing)}")
            uid = self._user_id(session, user)
            keep = people[target]
            known = {n.name for n in keep.names}
            moved: dict[str, list[str]] = {}
            for pid in ids[1:]:
                parts = session.scalars(select(DbParticipant).where(DbParticipant.person_id == pid)).all()
                moved[pid] = [participant_key(p.event_id, p.ordinal) for p in parts]
                for p in parts:
                    session.merge(DbPersonOverride(participant_key=participant_key(p.event_id, p.ordinal),
                                                   person_id=target, user_id=uid, created_at=utcnow()))
                    p.person_id = target
                for n in people[pid].names:
                    if n.name not in known:
                        keep.names.append(DbPersonName(name=n.name, surname_key=n.surname_key,
                                                       given_key=n.given_key))
                        known.add(n.name)
                # the merged person's reference id stays with the mentions (unless the target has its own)
                keep.official_id = keep.official_id or people[pid].official_id
                session.flush()
                session.delete(people[pid])
            self._audit(session, user, "merge", "person", target, {"persons": moved},
                        {"person": target, "participants": [k for ks in moved.values() for k in ks]})
        self.store.write("cannot merge persons", work)
        return target

    def split_person(self, user: str, person: str, keys: list[str]) -> str:
        keys = list(dict.fromkeys(keys))
        if not keys:
            raise ReviewError("give the participants (event_id:ordinal) to split off")

        def work(session: Session):
            old = session.get(DbPerson, person)
            if old is None:
                raise NotFound(f"no person {person!r}")
            parts = {participant_key(p.event_id, p.ordinal): p for p in
                     session.scalars(select(DbParticipant).where(DbParticipant.person_id == person))}
            strangers = [k for k in keys if k not in parts]
            if strangers:
                raise ReviewError(f"not participants linked to {person}: {', '.join(strangers)}")
            if len(keys) == len(parts):
                raise ReviewError("cannot split off every mention of a person")
            first = parts[keys[0]]
            new = _new_id("pe-", person, *sorted(keys))
            fresh = DbPerson(id=new, name=first.name, country=first.country)
            session.add(fresh)
            session.flush()
            from milcoop.resolve.persons import NameKey

            seen = set()
            uid = self._user_id(session, user)
            for k in keys:
                p = parts[k]
                p.person_id = new
                session.merge(DbPersonOverride(participant_key=k, person_id=new, user_id=uid, created_at=utcnow()))
                for spelling in (p.name, p.surface):
                    key = NameKey.of(spelling) if spelling else None
                    if spelling and spelling not in seen and key.surname:
                        seen.add(spelling)
                        session.add(DbPersonName(person_id=new, name=spelling, surname_key=key.surname,
                                                 given_key=key.given))
            for k, p in parts.items():
                if k not in keys:
                    session.merge(DbPersonOverride(participant_key=k, person_id=person, user_id=uid,
                                                   created_at=utcnow()))
            # the spellings only the moved mentions used go with them
            staying = {s for k, p in parts.items() if k not in keys for s in (p.name, p.surface) if s} | {old.name}
            for n in list(old.names):
                if n.name in seen and n.name not in staying:
                    old.names.remove(n)
            self._audit(session, user, "split", "person", person, {"person": person, "participants": list(parts)},
                        {"person": new, "participants": keys})
            return new
        return self.store.write(f"cannot split {person}", work)
