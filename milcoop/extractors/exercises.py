"""Named exercises: a quoted name next to an exercise noun ("учения «Хазри-2023»")."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lang.lexicon import Lexicon
from ..learn.decider import Candidate, Decider
from ..learn.features import at_least, flag, within
from ..records import Exercise, Span
from ..knowledge import romanize  # letter for letter, as exercise names are reported (Эшелон -> Eshelon)
from .doc import Doc

_QUOTED = re.compile(r"[«\"“„‘']\s*([^«»\"“”„‘’'″]{2,40}?)\s*[»\"”“’'″]")  # ″: a scraped closing quote
WINDOW = 70


def _name_like(quoted: str, closer: str, after: str) -> bool:
    """A quoted name starts with a capital or a digit (“power is in partnership” is a
    motto), and its closing mark is no apostrophe (“Georgia’s NATO membership real”)."""
    letter = re.search(r"[^\W\d_]", quoted)
    return bool(letter) and (quoted[:1].isdigit() or quoted[letter.start()].isupper()) \
        and not (closer in "’'" and after[:1].isalpha())


UNIT_GAP = 2  # a unit noun this close to the quotes names what is quoted


def _unit_names(text: str, lex: Lexicon) -> set[str]:
    """Quoted names the article gives a military unit ("батальона «Казбат»", «Қазбат»
    батальоны): not exercises, wherever else they are quoted (lower-cased). A quote
    between a unit and an exercise noun (батальоны «Дала бүркіті» оқу-жаттығуына) is
    the exercise's."""
    units = list(lex.finditer("unit_nouns", text))
    if not units:
        return set()
    exercises = list(lex.finditer("exercise_nouns", text))

    def beside(m, nouns) -> bool:
        return any(0 <= m.start() - n.end() <= UNIT_GAP or 0 <= n.start() - m.end() <= UNIT_GAP for n in nouns)

    return {normalise_name(m.group(1)).lower() for m in _QUOTED.finditer(text)
            if beside(m, units) and not beside(m, exercises)}


WORD = re.compile(r"[\w-]+")


def _heads(text: str, start: int, end: int, lex: Lexicon) -> tuple[bool, bool]:
    """(a thing noun, an exercise noun) heads the quoted name at ``text[start:end]``: the word right
    before the quotes ("на полигоне «Матибулак»", "учения «Щит Союза»") or right after them
    («Бітімгер» оқу-жаттығу орталығы, the "Agile Spirit" drills), on the sides the language
    puts heads (``name_head_sides``); the word after an exercise noun may still make it a
    thing's ("training centre")."""
    sides = lex.raw.get("name_head_sides") or ("before", "after")
    start, end = _coordinated(text, start, end, lex)
    before = WORD.findall(text[max(0, start - 40):start])[-1:] if "before" in sides else []
    after = WORD.findall(text[end:end + 60])[:2] if "after" in sides else []
    thing = any(_whole(lex, "thing_nouns", w) for w in before)
    exercise = any(_whole(lex, "exercise_nouns", w) for w in before)
    if after:
        if lex.search("exercise_nouns", after[0]):
            compound = len(after) > 1 and _whole(lex, "thing_nouns", after[1])
            thing = thing or compound
            exercise = exercise or not compound
        elif _whole(lex, "thing_nouns", after[0]):
            thing = True
    return thing, exercise


COORDINATED = 3  # quoted names joined by 'and' that share one head noun, at most


def _coordinated(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """The span of the quoted names joined to this one by a conjunction ("на полигонах «Фориш» и
    «Янгиарык»", «Фориш» және «Янгиарық» полигондарында): they share the head noun."""
    conj = "|".join(re.escape(c) for c in lex.raw.get("conjunctions") or () if c.strip("-–—"))
    if not conj:
        return start, end
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    for _ in range(COORDINATED):
        prev = [a for a, b in quotes if b <= start and re.fullmatch(rf"\s*(?:{conj})\s*", text[b:start])]
        nxt = [b for a, b in quotes if a >= end and re.fullmatch(rf"\s*(?:{conj})\s*", text[end:a])]
        if not prev and not nxt:
            break
        start, end = (prev[-1] if prev else start), (nxt[0] if nxt else end)
    return start, end


def _whole(lex: Lexicon, key: str, word: str) -> bool:
    m = lex.search(key, word)
    return bool(m) and m.start() == 0 and m.end() == len(word)


OPEN_QUOTE_SENTENCES = 3  # a quote left open joins at most this many sentences


def _units(doc: Doc) -> list:
    """The article's sentences, those that a quote spans joined («Interaction. Search. Echelon»
    is split by its periods)."""
    out, i, sents = [], 0, doc.sentences
    while i < len(sents):
        unit, j = sents[i], i
        while unit.text.count("«") > unit.text.count("»") and j + 1 < min(len(sents), i + OPEN_QUOTE_SENTENCES):
            j += 1
            unit = replace(unit, end=sents[j].end, text=doc.text[unit.start:sents[j].end])
        out.append(unit)
        i = j + 1
    return out


def _quoted_names(text: str):
    """(quote match, name) of every quoted name; «Interaction. Search. Echelon» lists three."""
    for m in _QUOTED.finditer(text):
        parts = [p for p in re.split(r"(?<=[^\W\d_]{3})\.\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])", m.group(1)) if p.strip()]
        for part in parts:
            yield m, part


def _thing_names(text: str, lex: Lexicon) -> set[str]:
    """Quoted names the article heads with a place or thing noun (штаб «Казбрига», “Weibo”
    желісі): no exercises wherever else they are quoted (lower-cased)."""
    out = set()
    for m in _QUOTED.finditer(text):
        thing, exercise = _heads(text, m.start(), m.end(), lex)
        if thing and not exercise:
            out.add(normalise_name(m.group(1)).lower())
    return out


def normalise_name(name: str) -> str:
    """'Степной орел - 2016' -> 'Степной орел-2016', 'Өзара әрекет2021' -> 'Өзара әрекет-2021'."""
    name = re.sub(r"\s*[-–—−]+\s*(\d{2,4})$", r"-\1", name.strip().strip(",.;:"))
    name = re.sub(r"(?<=[^\W\d_])((?:19|20)\d{2})$", r"-\1", name)
    name = re.sub(r"\s+(\d{4})$", r"-\1", name)
    return re.sub(r"\s+", " ", name)


def find_exercises(doc: Doc, lex: Lexicon, english_name, known=(), decider: Decider | None = None,
                   head=None) -> list[Exercise]:
    """Named exercises of the article.

    ``english_name`` maps a native name to the English one news uses (or None);
    ``known`` are gazetteer matches (start, end, English name) found unquoted.
    Every name next to an exercise noun is a candidate; the rule keeps a known
    name that is dated, beside its noun or a proper multiword name, an unquoted
    pattern match, and a quoted name that looks like a name and is no unit's.
    """
    decider = decider or Decider()
    not_name = {w.lower() for w in lex.raw.get("not_name") or ()}
    found: dict[str, tuple[Exercise, dict, bool]] = {}
    units = _unit_names(doc.text, lex) | _thing_names(doc.text, lex)
    unquoted = [re.compile(p) for p in lex.raw.get("exercise_name_patterns") or ()]
    surfaces: dict[str, set[str]] = {}  # candidate key -> the names as written
    previous_nouns = False
    for sent in _units(doc):
        nouns = list(lex.finditer("exercise_nouns", sent.text))
        had_nouns, previous_nouns = previous_nouns, bool(nouns)
        if not nouns and had_nouns:  # "... оқу-жаттығу ұйымдастырады. Бұл шара «X» деген атау алды."
            nouns = list(lex.finditer("naming_cues", sent.text))
        if not nouns:
            continue
        quoted = [(sent.start + m.start(1), sent.start + m.start(1) + len(m.group(1).rstrip(" ,.;:")))
                  for m in _QUOTED.finditer(sent.text)]
        for start, end, name in known:
            if not sent.start <= start < sent.end:
                continue
            if any(a <= start and end <= b and (a, b) != (start, end) for a, b in quoted):
                continue  # part of a longer quoted name: «Морское взаимодействие-2022» is not «Взаимодействие»
            # a one-word name ("Запад", "Center") is a common word unless dated or next to its noun
            dated = bool(re.search(r"\d$", name))
            beside = any(abs(start - sent.start - n.end()) <= 3 or abs(n.start() - (end - sent.start)) <= 3
                         for n in nouns)
            proper = doc.text[start:start + 1].isupper() and doc.text[sent.start:start].strip() != ""
            f = {"source=gazetteer": 1.0}
            flag(f, "beside_noun", beside)
            flag(f, "proper", proper)
            _add(found, name, sent, f, bool(dated or beside or (" " in name.strip() and proper)),
                 surfaces, doc.text[start:end])
        for pattern in unquoted:
            for m in pattern.finditer(sent.text):
                raw = _strip_common(normalise_name(m.group(1)), not_name)
                if not raw:
                    continue
                place = bool(doc.hits_in(doc.countries + doc.orgs + doc.cities,
                                         sent.start + m.start(1), sent.start + m.end(1)))
                f = {"source=pattern": 1.0}
                flag(f, "place_inside", place)
                _add(found, english_name(raw) or romanize(raw), sent, f, not place, surfaces, raw)
        for m, part in _quoted_names(sent.text):
            gap = min([abs(m.start() - n.end()) for n in nouns] + [abs(n.start() - m.end()) * 2.8 for n in nouns])
            if gap > WINDOW:
                continue
            raw = _strip_common(normalise_name(part), not_name)
            if not raw:
                continue
            name_like = _name_like(part, m.group(0)[-1], sent.text[m.end():])
            thing, headed = _heads(sent.text, m.start(), m.end(), lex)
            f = {"source=quoted": 1.0}
            within(f, "noun_gap", gap, (3, 10, 25, 70))
            flag(f, "name_like", name_like)
            flag(f, "unit", raw.lower() in units)
            flag(f, "long", len(raw.split()) > 4)
            flag(f, "thing_head", thing)
            flag(f, "exercise_head", headed)
            near = any(abs(m.start() - n.end()) <= WINDOW or abs(n.start() - m.end()) <= 25 for n in nouns)
            ok = near and name_like and len(raw.split()) <= 4 and raw.lower() not in units and not thing
            _add(found, english_name(raw) or romanize(raw), sent, f, ok, surfaces, raw)
    _dated_mentions(doc, found, surfaces, english_name)
    rule_names = {e.name for e in _drop_bare_duplicates([e for e, _, ok in found.values() if ok])}
    candidates = []
    for key, (ex, f, ok) in found.items():
        f = dict(f)
        flag(f, "dated", bool(re.search(r"\d$", ex.name)))
        at_least(f, "mentions", len(ex.evidence), (1, 2, 3))
        flag(f, "head", head is not None and any(e.start == head.start for e in ex.evidence))
        flag(f, "planned", ex.status == "planned")
        at_least(f, "words", len(ex.name.split()), (1, 2, 3, 4))
        flag(f, "rule", ex.name in rule_names)
        flag(f, f"lang={doc.lang}")
        candidates.append(Candidate(ex.name, f, rule=ex.name in rule_names))
    kept = decider.keep("exercises", candidates)
    return _drop_bare_duplicates([found[k][0] for k, keep in zip(found, kept) if keep])


def _strip_common(name: str, not_name: set[str]) -> str:
    """'Exercise Prabal Dostyk' -> 'Prabal Dostyk'; 'Balikatan Exercise' -> 'Balikatan';
    'These', 'November 21' -> '' (a name has letters)."""
    words = name.split()
    while words and words[0].lower().strip("'’") in not_name:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in ("exercise", "exercises", "drill", "drills"):
        words = words[:-1]
    return " ".join(words) if re.search(r"[^\W\d_]", " ".join(words)) else ""


def _drop_bare_duplicates(found: list[Exercise]) -> list[Exercise]:
    """'Kazind' next to 'Kazind-22' is the same exercise named without its year, 'Khaan Quest 24'
    next to 'Khaan Quest 2024' the same with its year cut short, and 'Kazind-21' next to 'Kazind-22'
    an earlier edition the article only recalls."""
    def split(name):
        m = re.match(r"(.*?)[\W_]*(\d+)$", name)
        return (m.group(1).lower(), m.group(2)) if m else (name.lower(), "")

    dated = {split(e.name) for e in found if re.search(r"\d$", e.name)}
    bases = {b for b, _ in dated}
    out = []
    for e in found:
        base, year = split(e.name)
        if not year and base in bases:
            continue
        if len(year) == 2 and any(b == base and len(y) == 4 and y.endswith(year) for b, y in dated):
            continue
        if year and any(b == base and _year_of(y) > _year_of(year) for b, y in dated):
            continue  # 'Kazind-21' beside 'Kazind-22': the earlier edition is history
        out.append(e)
    return out


def _year_of(digits: str) -> int:
    """'22' -> 2022, '2016' -> 2016 (an edition's year)."""
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _dated_mentions(doc: Doc, found: dict, surfaces: dict[str, set[str]], english_name) -> None:
    """An exercise named once beside its noun is the same exercise wherever its name recurs: where
    the text gives it a year ("Garuda Shield 2010 was opened", "Khaan Quest 2024 got under way"),
    that dated name is the exercise's (the bare one then drops out)."""
    for key, (ex, features, ok) in list(found.items()):
        if not ok or re.search(r"\d$", ex.name):
            continue
        for surface in surfaces.get(key, ()):
            if re.search(r"\d$", surface) or len(surface) < 3:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}[\s\-‑–—]*((?:19|20)\d{{2}}|\d{{2}})(?!\d|[.,:]\d)",
                                 doc.text):
                sent = doc.sentence_at(m.start())
                if sent is None:
                    continue
                raw = normalise_name(f"{surface}-{m.group(1)}")
                dated = english_name(raw) or (f"{ex.name}-{m.group(1)}" if ex.name != surface else romanize(raw))
                _add(found, dated, sent, {**features, "source=dated_mention": 1.0}, True)


def _add(found: dict, name: str, sent, features: dict, ok: bool,
         surfaces: dict[str, set[str]] | None = None, surface: str | None = None) -> None:
    """One candidate per name: its mentions' evidence, features and the rule's verdict pooled."""
    key = re.sub(r"[\W_]+", "", name.lower())
    if surfaces is not None and surface:
        surfaces.setdefault(key, set()).add(surface.strip())
    if key not in found:
        status = "planned" if sent.planned else "held"
        found[key] = (Exercise(name=name, status=status, evidence=[Span(start=sent.start, end=sent.end)]),
                      dict(features), ok)
        return
    ex, f, was_ok = found[key]
    if not any(e.start == sent.start for e in ex.evidence):
        ex.evidence.append(Span(start=sent.start, end=sent.end))
    for k, v in features.items():
        f[k] = max(f.get(k, 0.0), v)
    found[key] = (ex, f, was_ok or ok)
