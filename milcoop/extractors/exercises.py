"""Named exercises: a quoted name next to an exercise noun ("учения «Хазри-2023»")."""
from __future__ import annotations

import re

from ..lang.lexicon import Lexicon
from ..records import Exercise, Span
from ..translit import romanize
from .doc import Doc

_QUOTED = re.compile(r"[«\"“„‘']\s*([^«»\"“”„‘’']{2,40}?)\s*[»\"”“’']")
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


def normalise_name(name: str) -> str:
    """'Степной орел - 2016' -> 'Степной орел-2016'."""
    name = re.sub(r"\s*[-–—−]\s*(\d{2,4})$", r"-\1", name.strip().strip(",.;:"))
    name = re.sub(r"\s+(\d{4})$", r"-\1", name)
    return re.sub(r"\s+", " ", name)


def find_exercises(doc: Doc, lex: Lexicon, english_name, known=()) -> list[Exercise]:
    """Named exercises of the article.

    ``english_name`` maps a native name to the English one news uses (or None);
    ``known`` are gazetteer matches (start, end, English name) found unquoted.
    """
    not_name = {w.lower() for w in lex.raw.get("not_name") or ()}
    out: dict[str, Exercise] = {}
    units = _unit_names(doc.text, lex)
    unquoted = [re.compile(p) for p in lex.raw.get("exercise_name_patterns") or ()]
    for sent in doc.sentences:
        nouns = list(lex.finditer("exercise_nouns", sent.text))
        if not nouns:
            continue
        for start, end, name in known:
            if not sent.start <= start < sent.end:
                continue
            # a one-word name ("Запад", "Center") is a common word unless dated or next to its noun
            dated = bool(re.search(r"\d$", name))
            beside = any(abs(start - sent.start - n.end()) <= 3 or abs(n.start() - (end - sent.start)) <= 3
                         for n in nouns)
            proper = doc.text[start:start + 1].isupper() and doc.text[sent.start:start].strip() != ""
            if dated or beside or (" " in name.strip() and proper):
                _add(out, name, sent)
        for pattern in unquoted:
            for m in pattern.finditer(sent.text):
                raw = _strip_common(normalise_name(m.group(1)), not_name)
                if not raw or doc.hits_in(doc.countries + doc.orgs + doc.cities,
                                          sent.start + m.start(1), sent.start + m.end(1)):
                    continue
                _add(out, english_name(raw) or raw, sent)
        for m in _QUOTED.finditer(sent.text):
            near = any(abs(m.start() - n.end()) <= WINDOW or abs(n.start() - m.end()) <= 25
                       for n in nouns)
            if not near or not _name_like(m.group(1), m.group(0)[-1], sent.text[m.end():]):
                continue
            raw = _strip_common(normalise_name(m.group(1)), not_name)
            if not raw or len(raw.split()) > 4 or raw.lower() in units:
                continue
            _add(out, english_name(raw) or romanize(raw), sent)
    return _drop_bare_duplicates(list(out.values()))


def _strip_common(name: str, not_name: set[str]) -> str:
    """'Exercise Prabal Dostyk' -> 'Prabal Dostyk'; 'These' -> ''."""
    words = name.split()
    while words and words[0].lower().strip("'’") in not_name:
        words = words[1:]
    return " ".join(words)


def _drop_bare_duplicates(found: list[Exercise]) -> list[Exercise]:
    """'Kazind' next to 'Kazind-22' is the same exercise named without its year."""
    dated = [re.sub(r"[\W_]*\d+$", "", e.name).lower() for e in found if re.search(r"\d$", e.name)]
    return [e for e in found if re.search(r"\d$", e.name) or e.name.lower() not in dated]


def _add(out: dict[str, Exercise], name: str, sent) -> None:
    key = re.sub(r"[\W_]+", "", name.lower())
    if key not in out:
        status = "planned" if sent.planned else "held"
        out[key] = Exercise(name=name, status=status, evidence=[Span(start=sent.start, end=sent.end)])
    else:
        out[key].evidence.append(Span(start=sent.start, end=sent.end))
