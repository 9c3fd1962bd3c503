"""Named exercises: a quoted name next to an exercise noun ("учения «Хазри-2023»")."""
from __future__ import annotations

import re

from ..lang.lexicon import Lexicon
from ..records import Exercise, Span
from ..translit import romanize
from .doc import Doc

_QUOTED = re.compile(r"[«\"“„‘']\s*([^«»\"“”„‘’']{2,40}?)\s*[»\"”“’']")
WINDOW = 70


def normalise_name(name: str) -> str:
    """'Степной орел - 2016' -> 'Степной орел-2016'."""
    name = re.sub(r"\s*[-–—−]\s*(\d{2,4})$", r"-\1", name.strip())
    name = re.sub(r"\s+(\d{4})$", r"-\1", name)
    return re.sub(r"\s+", " ", name)


def find_exercises(doc: Doc, lex: Lexicon, english_name) -> list[Exercise]:
    """``english_name`` maps a native name to the English one news uses, or None."""
    out: dict[str, Exercise] = {}
    for sent in doc.sentences:
        nouns = list(lex.finditer("exercise_nouns", sent.text))
        if not nouns:
            continue
        for m in _QUOTED.finditer(sent.text):
            near = any(abs(m.start() - n.end()) <= WINDOW or abs(n.start() - m.end()) <= 25
                       for n in nouns)
            if not near or not re.search(r"[^\W\d_]", m.group(1)):
                continue
            raw = normalise_name(m.group(1))
            if len(raw.split()) > 4:
                continue
            name = english_name(raw) or romanize(raw)
            key = name.lower()
            if key not in out:
                status = "planned" if sent.planned else "held"
                out[key] = Exercise(name=name, status=status,
                                    evidence=[Span(start=sent.start, end=sent.end)])
            else:
                out[key].evidence.append(Span(start=sent.start, end=sent.end))
    return list(out.values())
