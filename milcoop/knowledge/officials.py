"""Who held which office when: heads of state and government, defence ministers, chiefs of
general staff, their deputies and service commanders, from ``data/officials.json``.

News names the same official in many scripts and case forms (Эрдогана, Ердоғанмен,
Erdoğan'ın); ``match`` finds the people a name can be, ranked by how well the name
fits and whether they held an office on the event's date, so extraction can link a
mention to a person and the office held that day. Everything is offline: the table
ships in the package and is read once (``_table`` is the only cache).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping, NamedTuple

from rapidfuzz import fuzz, process

from ..errors import OfficialsQueryError
from ..schema import ROLES
from .build_officials import OUT, date_bounds
from .official_names import dictionary_stems, is_patronymic, stems, word_key

# countries whose people's family name comes first (Xi Jinping, Kim Jong-un, Phan Văn Giang)
FAMILY_FIRST = frozenset({"CN", "KP", "KR", "VN", "TW", "HK", "MO"})
# Arabic articles joined by a hyphen are dropped: el-Sisi, al-Sisi, ас-Сиси are all Sisi
ARTICLES = frozenset({"al", "el", "as", "ad", "ar", "ash", "at", "az", "an", "ul", "аль", "эль", "ал", "ас", "ад", "ар",
                      "аш", "ат", "аз", "ан", "әл", "әс", "әд", "әр"})
# Vietnamese are named by family name (Nguyễn) or by the last given name (Phúc)
BOTH_ENDS = frozenset({"VN"})
PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "ben", "de", "da", "di", "van", "von", "der", "la", "le",
                       "аль", "ал", "бин", "ибн", "бен", "де", "ван", "фон", "ле", "ла", "ди", "да"})
TITLES = frozenset("""gen general lt col adm admiral marshal president minister mr mrs ms dr prime sir sheikh
shaikh emir king prince crown maj brig cdr capt hon sen defence defense army air navy chief
президент премьер министр генерал адмирал маршал полковник господин король эмир шейх принц
главнокомандующий командующий начальник мырза""".split())
MIN_NAME_SCORE = 0.5
_TOKEN = re.compile(r"[^\W\d_]\.|[^\W\d_][\w'’\-]*")




@dataclass(frozen=True, slots=True)
class Term:
    """One person's tenure of one office (``end`` None: still in office, unless ``ended``: the end is unknown)."""

    person_id: str
    role: str
    country: str
    start: str | None
    end: str | None
    source: str
    checked: bool = False
    post: str | None = None
    rank: str | None = None
    ended: bool = False
    seen: str | None = None

    def covers(self, on: date) -> bool:
        """Held on ``on``, as far as the dates say: a partial date counts whole (start '2016' covers
        2016-01-01); with an unknown start, from the ``seen`` date (an attested day in office) on; with
        an unknown end, only up to the start's or the seen date's period."""
        starts = self.start or self.seen
        if starts is None or on < date_bounds(starts)[0]:
            return False
        if self.end is not None:
            return on <= date_bounds(self.end)[1]
        if self.ended:
            return on <= max(date_bounds(d)[1] for d in (self.start, self.seen) if d)
        return True


@dataclass(frozen=True, slots=True)
class Person:
    """An official: own Latin spelling, every known spelling, and the offices held."""

    id: str
    name: str
    names: tuple[str, ...]
    country: str
    terms: tuple[Term, ...]
    names_by_lang: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class OfficialMatch:
    """A candidate for a name: the person, the office held on the date asked (if any), and how sure."""

    person: Person
    term: Term | None
    country: str
    score: float
    name_score: float


class _Token(NamedTuple):
    key: str
    strong: bool   # a family name: a mention must contain one
    initial: str   # first letter, lower case, as written
    part: bool = False  # a part of a hyphenated given name (Kassym-Jomart -> Jomart)


class _Table(NamedTuple):
    people: tuple[Person, ...]
    by_id: Mapping[str, Person]
    offices: Mapping[tuple[str, str], tuple[Term, ...]]
    variants: tuple[tuple[tuple[_Token, ...], ...], ...]   # per person, per spelling, its tokens
    index: Mapping[str, tuple[tuple[int, int, int], ...]]  # key -> (person, spelling, token)
    keys: tuple[str, ...]


def _drop_article(word: str) -> str:
    """'al-Sisi' -> 'Sisi', 'аль-Атыйя' -> 'Атыйя'; other words unchanged."""
    head, sep, rest = word.partition("-")
    return rest if sep and rest and head.lower() in ARTICLES else word


def _tokens(name: str, country: str, surname: str | None) -> tuple[_Token, ...]:
    words = [_drop_article(w) for w in re.findall(r"[^\W\d_][\w'’\-]*", name) if w.lower() not in PARTICLES]
    if not words:
        return ()
    surname_keys = {word_key(w) for w in (surname or "").split()} - {""}
    out = []
    for i, w in enumerate(words):
        if surname_keys:
            strong = any(fuzz.ratio(word_key(w), k) >= 80 for k in surname_keys)
        else:
            last = len(words) - 1
            strong = i == (0 if country in FAMILY_FIRST and len(words) > 1 else last) or \
                (country in BOTH_ENDS and i == last)
        out.append(_Token(word_key(w), strong, w[:1].lower()))
        if "-" in w:  # Kassym-Jomart: also its parts, as given names
            out.extend(_Token(word_key(p), False, p[:1].lower(), True) for p in w.split("-") if len(p) > 1)
    if surname_keys and not any(t.strong for t in out):  # Елизавета II for Elizabeth II: the closest word
        best = max(range(len(out)), key=lambda i: max(fuzz.ratio(out[i].key, k) for k in surname_keys))
        out[best] = out[best]._replace(strong=True)
    return tuple(t for t in out if t.key)


@lru_cache(maxsize=1)
def _table() -> _Table:
    """Read ``officials.json`` and index every spelling's words by key (once per process)."""
    rows = json.loads(OUT.read_text(encoding="utf-8"))
    people, variants, offices = [], [], {}
    index: dict[str, list[tuple[int, int, int]]] = {}
    for p_idx, row in enumerate(rows):
        terms = tuple(Term(person_id=row["id"], role=t["role"], country=t["country"], start=t.get("start"),
                           end=t.get("end"), source=t["source"], checked=t.get("checked", False),
                           post=t.get("post"), rank=t.get("rank"), ended=t.get("ended", False), seen=t.get("seen"))
                      for t in row["terms"])
        by_lang = {lang: tuple(names) for lang, names in row.get("names", {}).items()}
        all_names = tuple(dict.fromkeys([row["name"], *(n for ns in by_lang.values() for n in ns)]))
        person = Person(id=row["id"], name=row["name"], names=all_names, country=row["country"], terms=terms,
                        names_by_lang=MappingProxyType(by_lang))
        people.append(person)
        for term in terms:
            offices.setdefault((term.role, term.country), []).append(term)
        spellings = tuple(_tokens(n, row["country"], row.get("surname")) for n in all_names)
        variants.append(spellings)
        for v_idx, tokens in enumerate(spellings):
            for t_idx, token in enumerate(tokens):
                index.setdefault(token.key, []).append((p_idx, v_idx, t_idx))
    return _Table(
        people=tuple(people),
        by_id=MappingProxyType({p.id: p for p in people}),
        offices=MappingProxyType({k: tuple(sorted(v, key=lambda t: t.start or "")) for k, v in offices.items()}),
        variants=tuple(variants),
        index=MappingProxyType({k: tuple(v) for k, v in index.items()}),
        keys=tuple(index),
    )


def _date(on: date | datetime | str | None, field: str = "on") -> date | None:
    if on is None or (isinstance(on, date) and not isinstance(on, datetime)):
        return on
    if isinstance(on, datetime):
        return on.date()
    try:
        return date.fromisoformat(str(on))
    except ValueError:
        raise OfficialsQueryError(f"{field} must be a date (YYYY-MM-DD), got {on!r}") from None


def _check(role: str | None, country: str | None) -> None:
    if role is not None and role not in ROLES:
        raise OfficialsQueryError(f"role must be one of the schema's roles ({', '.join(ROLES)}), got {role!r}")
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise OfficialsQueryError(f"country must be an ISO 3166 alpha-2 code such as 'KZ', got {country!r}")


def people() -> tuple[Person, ...]:
    """Every official in the table."""
    return _table().people


def person(person_id: str) -> Person:
    """The official with this id."""
    found = _table().by_id.get(person_id)
    if found is None:
        raise OfficialsQueryError(f"no official with id {person_id!r}")
    return found


def terms(person_id: str) -> tuple[Term, ...]:
    """The offices one official held, earliest first."""
    return person(person_id).terms


def holders(role: str, country: str, on: date | datetime | str) -> list[Term]:
    """Who held ``role`` in ``country`` on ``on`` (two on a handover day or a date known only to the month)."""
    if role is None or country is None:
        raise OfficialsQueryError("role and country are required")
    _check(role, country)
    day = _date(on)
    if day is None:
        raise OfficialsQueryError("on is required: the date the office was held")
    return [t for t in _table().offices.get((role, country), ()) if t.covers(day)]


def _query_words(name: str) -> tuple[list[str], list[str]]:
    """The name words and the initials of a mention, without titles and particles (patronymics are kept:
    a word like Gulevich or Myasnikovich may be the surname; an unmatched one costs nothing)."""
    tokens = _TOKEN.findall(name)
    any_capital = any(t[:1].isupper() for t in tokens)
    words, initials = [], []
    for tok in tokens:
        if len(tok) == 2 and tok.endswith("."):
            initials.append(tok[0].lower())
            continue
        tok = _drop_article(tok.strip("-'’"))
        low = tok.lower()
        if (any_capital and not tok[:1].isupper()) or low in PARTICLES or low in TITLES:
            continue
        words.append(tok)
    return words, initials


def _word_hits(word: str, table: _Table) -> dict[tuple[int, int, int], float]:
    """Index entries a mention word can be, with 1.0 for an exact key and less for a near one."""
    hits: dict[tuple[int, int, int], float] = {}
    for forms in (stems, dictionary_stems):  # the dictionary (pymorphy3) only when the rules find nothing
        for form in forms(word):
            for entry in table.index.get(word_key(form), ()):
                hits[entry] = 1.0
        if hits:
            break
    # near spellings too (Абдулла / Abdullah / Абдалла), weaker; an exact hit already found needs a closer one.
    # A near spelling keeps the first letter: обороны (oboroni) is not Бёрёнди (borondi).
    key = word_key(word)
    if len(key) >= 5:
        cutoff = 88 if hits else 85
        for found, score, _ in process.extract(key, table.keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8):
            if found[:1] != key[:1]:
                continue
            for entry in table.index[found]:
                hits[entry] = max(hits.get(entry, 0.0), 0.9 * score / 100)
    return hits


def _name_score(words: list[str], words_hits: list[dict], initials: list[str], p_idx: int, table: _Table) -> float:
    spellings = table.variants[p_idx]
    given_initials = {t.initial for tokens in spellings for t in tokens if not t.strong}
    given_initials |= {word_key(i)[:1] for i in given_initials}
    best = 0.0
    for v_idx, tokens in enumerate(spellings):
        matched: dict[int, float] = {}
        unmatched = 0.0
        for word, hits in zip(words, words_hits):
            found = [(t, q) for (p, v, t), q in hits.items() if p == p_idx and v == v_idx]
            if found:
                t, q = max(found, key=lambda tq: tq[1])
                matched[t] = max(matched.get(t, 0.0), q)
            elif not is_patronymic(word):  # a patronymic no record lists costs nothing
                # a short form of a given name (Nikos for Nikolaos) costs less than another name
                key = word_key(word)[:3]
                short_form = len(key) == 3 and any(tok.key.startswith(key) for tok in tokens if not tok.strong)
                unmatched += 0.4 if short_form else 1.0
        if not any(tokens[t].strong for t in matched):
            continue
        given = [i for i, tok in enumerate(tokens) if not tok.strong and not tok.part]
        given_matched = sum(1 for t in matched if not tokens[t].strong and not tokens[t].part)
        if not given_matched and any(tokens[t].part for t in matched):
            given_matched = 1
        score = 0.7 if not given_matched else (1.0 if given_matched >= len(given) else 0.9)
        if initials:
            if all(i in given_initials or word_key(i)[:1] in given_initials for i in initials):
                score = max(score, 0.8)
            else:
                score = 0.3
        score -= 0.25 * unmatched
        best = max(best, score * min(matched.values()))
    return best


def match(name: str, *, on: date | datetime | str | None = None, country: str | None = None,
          role: str | None = None) -> list[OfficialMatch]:
    """Officials ``name`` can refer to, best first; several when the name is ambiguous, none when no official fits.

    The name may be in any script and case (Жаксылыкова, Жақсылықовтың, Gen. Zhaksylykov, А.Джаксыбеков).
    With ``on`` each match carries the office held that day (preferring ``role`` and ``country``);
    without it, the latest such office.
    """
    _check(role, country)
    if name is not None and not isinstance(name, str):
        raise OfficialsQueryError(f"name must be text, got {type(name).__name__}")
    day = _date(on)
    table = _table()
    words, initials = _query_words(name or "")
    if not words:
        return []
    words_hits = [_word_hits(w, table) for w in words]
    candidates = {p for hits in words_hits for (p, _v, _t) in hits}
    out = []
    for p_idx in candidates:
        name_score = _name_score(words, words_hits, initials, p_idx, table)
        if name_score < MIN_NAME_SCORE:
            continue
        official = table.people[p_idx]
        out.append(_ranked(official, name_score, day, country, role))
    out.sort(key=lambda m: (-m.score, -m.name_score, m.person.name))
    return out


def _ranked(official: Person, name_score: float, day: date | None, country: str | None,
            role: str | None) -> OfficialMatch:
    def fit(term: Term) -> tuple:
        # the asked office, then the higher office (ROLES lists the highest first), then the later term
        return ((role is None or term.role == role), (country is None or term.country == country),
                -ROLES.index(term.role), term.start or "")

    held = [t for t in official.terms if day is None or t.covers(day)]
    term = max(held, key=fit) if held else None
    score = name_score
    if day is not None:
        score += 0.15 if term is not None and fit(term)[:2] == (True, True) else (0.05 if term else -0.15)
    if country is not None and all(t.country != country for t in official.terms):
        score -= 0.3
    if role is not None and all(t.role != role for t in official.terms):
        score -= 0.1
    return OfficialMatch(person=official, term=term, country=term.country if term else official.country,
                         score=round(min(max(score, 0.0), 1.0), 3), name_score=round(name_score, 3))
