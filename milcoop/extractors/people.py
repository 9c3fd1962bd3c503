"""Participants: person mentions with the position, rank and country around them.

A mention's role and rank come from the closest lexicon cue before it in its
sentence ("министр обороны Казахстана генерал-полковник Руслан Жаксылыков")
or from an apposition right after it ("Джоном Ордвеем, Временным поверенным
в делах США"). Mentions of one person (full name, "А.Джаксыбеков",
"Джаксыбекова") are grouped by a cross-script surname key.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..lang.base import PersonMention
from ..lang.lexicon import Lexicon
from ..records import Participant, Span
from ..translit import name_key, romanize
from .doc import Doc

LOOKBACK = 140  # chars before a name searched for its position cue
ROLE_PRIORITY = ["defense_minister", "deputy_defense_minister", "chief_of_general_staff",
                 "head_of_state", "head_of_government", "commander", "ambassador",
                 "military_attache", "industry_official", "official"]


@dataclass
class Person:
    key: str
    mentions: list[PersonMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    colleague: bool = False
    eventful: bool = False

    def best_name(self) -> str:
        full = [m for m in self.mentions if m.given]
        chosen = max(full or self.mentions, key=lambda m: (len(m.normal.split()), -m.start))
        return chosen.normal


def _surname_key(mention: PersonMention) -> str:
    return name_key(mention.surname)


def _same(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))):
        return True
    return fuzz.ratio(a, b) >= 88


def _context(doc: Doc, lex: Lexicon, mention: PersonMention, others: list[PersonMention]):
    """(role, rank, country, colleague) read around one mention."""
    sent = doc.sentence_at(mention.start)
    if sent is None:
        return None, None, None, False
    lo = max(sent.start, mention.start - LOOKBACK)
    for other in others:  # never read past another person's name
        if lo <= other.start and other.end <= mention.start:
            lo = other.end
    before = doc.text[lo:mention.start]
    role = rank = country = None
    colleague = False
    roles = lex.label_matches("roles", before)
    if roles:
        end_best = max(e for _, e, _ in roles)
        nearest = [r for r in roles if r[1] == end_best]  # longest (most specific) first
        role = min(nearest, key=lambda r: (r[0], ROLE_PRIORITY.index(r[2])))[2]
        if role == "official" and lex.search("industry_context", before):
            role = "industry_official"
    ranks = lex.label_matches("ranks", before[-60:])
    if ranks:
        rank = max(ranks, key=lambda r: (r[1], r[1] - r[0]))[2]
    if lex.search("colleague", before[-60:]):
        colleague = True
    hits = [h for h in doc.countries if lo <= h.start and h.end <= mention.start]
    if hits:
        country = hits[-1].value
    # apposition: "Джоном Ордвеем, Временным поверенным в делах США"
    after_end = min(sent.end, mention.end + 90)
    for other in others:
        if mention.end <= other.start < after_end:
            after_end = other.start
    after = doc.text[mention.end:after_end]
    if after[:2].strip() in {",", "–", "-", "—", "("} or after[:3].strip() in {",", "–", "—"}:
        tail = lex.label_matches("roles", after[:70])
        if tail and (role is None or tail[0][0] < 6):
            role = role or min(tail, key=lambda r: ROLE_PRIORITY.index(r[2]))[2]
            if country is None:
                post = [h for h in doc.countries if mention.end <= h.start < mention.end + 70]
                if post:
                    country = post[0].value
    return role, rank, country, colleague


def _honoured(doc: Doc, lex: Lexicon, mention: PersonMention) -> bool:
    """A name in a wreath-laying or memorial sentence is the dead being honoured."""
    sent = doc.sentence_at(mention.start)
    return bool(sent and lex.search("memorial", sent.text))


def find_participants(doc: Doc, lex: Lexicon) -> list[Participant]:
    """Group person mentions into people and read their role, rank and country."""
    people: list[Person] = []
    blocked = [(h.start, h.end) for h in doc.countries + doc.cities + doc.orgs]
    mentions = [m for m in doc.persons
                if not any(s <= m.start and m.end <= e for s, e in blocked)
                and not _honoured(doc, lex, m)]
    for m in mentions:
        key = _surname_key(m)
        if len(key) < 3:
            continue
        person = next((p for p in people if _same(p.key, key)), None)
        if person is None:
            person = Person(key=key)
            people.append(person)
        person.mentions.append(m)
        role, rank, country, colleague = _context(doc, lex, m, mentions)
        if role:
            person.roles.append(role)
        if rank:
            person.ranks.append(rank)
        if country:
            person.countries.append(country)
        person.colleague |= colleague
        sent = doc.sentence_at(m.start)
        person.eventful |= bool(sent and sent.eventful and not sent.reporting)
    out: list[tuple[Participant, bool]] = []
    for p in people:
        has_cue = bool(p.roles or p.ranks or p.colleague)
        full = any(m.given for m in p.mentions)
        if not has_cue and not (p.eventful and full):
            continue
        role = _pick(p.roles, ROLE_PRIORITY) if p.roles else None
        out.append((Participant(
            name=romanize(p.best_name()),
            country=p.countries[0] if p.countries else None,
            role=role,
            rank=p.ranks[0] if p.ranks else None,
            surface=p.mentions[0].text,
            evidence=[Span(start=m.start, end=m.end) for m in p.mentions],
        ), p.colleague))
    return _fill_from_colleagues(out)


def _pick(values: list[str], priority: list[str]) -> str:
    """The first specific value seen; 'official' only when nothing better was said."""
    specific = [v for v in values if v != "official"]
    return specific[0] if specific else values[0]


def _fill_from_colleagues(found: list[tuple[Participant, bool]]) -> list[Participant]:
    """'его казахстанский коллега Нурлан Ермекбаев' holds the same office as the other side."""
    people = [p for p, _ in found]
    for p, colleague in found:
        if p.role is None and colleague:
            peers = [q.role for q in people if q is not p and q.role]
            if peers:
                p.role = peers[0]
        if p.role is None:
            p.role = "official"
    return people
