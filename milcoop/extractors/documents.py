"""Documents: plans, programs, agreements... with their period and status.

A document noun counts when a cooperation qualifier follows it ("план
сотрудничества", "соглашение об организации...") or a period does; its
status comes from the status cue nearest to it in its sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.lexicon import Lexicon
from ..records import Document, Span
from .doc import Doc

YEAR = r"((?:19|20)\d{2})"
# English puts a single year before the noun: "the 2025 joint action plan"
_YEAR_ADJECTIVE = re.compile(r"(?<![\d.,/])" + YEAR + r"\s+(?:[a-z\-]+\s+){0,3}$")


@lru_cache(maxsize=8)
def _period_patterns(lex: Lexicon):
    """Period patterns from the lexicon's words for 'for', 'to' and 'year'."""
    words = lambda key: "|".join(lex.raw.get(key) or ["(?!)"])  # noqa: E731
    ranged = re.compile(rf"(?:(?:{words('period_prepositions')})\s+)*\(?{YEAR}\s*"
                        rf"(?:[-–−—]|\s(?:{words('period_to')})\s)\s*{YEAR}", re.IGNORECASE)
    single = re.compile(rf"(?:{words('period_prepositions')})\s+{YEAR}"
                        rf"(?:\s*(?:{words('year_words')})|(?!\s*[-–−—]\s*\d))", re.IGNORECASE)
    # Kazakh puts the period first: "2024-2026 жылдарға арналған жоспар"
    first = re.compile(rf"{YEAR}\s*(?:[-–−—]\s*{YEAR}\s*)?(?:{words('period_year_before')})", re.IGNORECASE)
    return ranged, single, first
STATUS_ORDER = ["mentioned", "ratified", "planned", "drafting", "signed"]
SAME_KIND = {"treaty": "agreement"}
STRENGTH = {"ratified": 6, "signed": 5, "planned": 3, "drafting": 2, "mentioned": 1}
REFERENCE_REACH = 25  # "в рамках плана", "under the 2025 joint action plan"
RATIFIED_REACH = 60
STATUS_REACH = 40  # a status cue this close to the noun qualifies it ("memorandum signed with")
QUALIFIER_WINDOW = 45
QUALIFIER_BEFORE = 30  # Kazakh qualifies before the noun: "ынтымақтастық туралы шарт"
PERIOD_WINDOW = 110


def _period(lex: Lexicon, text: str) -> list[int] | None:
    ranged, single, _ = _period_patterns(lex)
    m = ranged.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 30:
            return [a, b]
    m = single.search(text)
    if m:
        return [int(m.group(1))] * 2
    return None


def _status(lex: Lexicon, sentence: str, pos: int) -> str:
    """The status cue nearest to the noun at ``pos`` in its sentence.

    Two cues outrank nearness: a reference to an existing document right
    before it ("в рамках плана", "under the plan") and a ratification close
    by ("ratification of a memorandum signed in August").
    """
    cues = lex.label_matches("document_status", sentence)
    if any(label == "mentioned" and 0 <= pos - end <= REFERENCE_REACH for _, end, label in cues):
        return "mentioned"
    if any(label == "ratified" and abs(pos - start) <= RATIFIED_REACH for start, _, label in cues):
        return "ratified"
    best, best_dist = "mentioned", 10**6
    for start, end, label in cues:
        dist = pos - end if end <= pos else start - pos
        dist = dist if end <= pos else dist * 1.5  # cues before the noun bind tighter
        if dist < best_dist or (dist == best_dist and
                                STATUS_ORDER.index(label) < STATUS_ORDER.index(best)):
            best, best_dist = label, dist
    return best


def find_documents(doc: Doc, lex: Lexicon) -> list[Document]:
    found: list[Document] = []
    for sent in doc.sentences:
        if not (sent.military or sent.cooperation or sent.types):
            continue
        for start, end, kind in lex.label_matches("documents", sent.text):
            after = sent.text[end:end + QUALIFIER_WINDOW]
            period = (_period(lex, sent.text[end:end + PERIOD_WINDOW]) or _year_before(lex, sent.text[:start])
                      or _year_adjective(sent.text[:start]))
            before = sent.text[max(0, start - QUALIFIER_BEFORE):start]
            qualified = bool(lex.search("document_qualifiers", after[:QUALIFIER_WINDOW])) or \
                bool(lex.search("document_qualifiers_before", before))
            near = sent.text[max(0, start - STATUS_REACH):end + STATUS_REACH]
            acted = any(label != "mentioned" for *_, label in lex.label_matches("document_status", near))
            if not (qualified or period or acted):
                continue
            status = _status(lex, sent.text, start)
            found.append(Document(type=kind, period=period, status=status,
                                  title=sent.text[start:end + QUALIFIER_WINDOW].split(".")[0].strip(),
                                  evidence=[Span(start=sent.start, end=sent.end)]))
    return _merge(found)


def _year_before(lex: Lexicon, text: str) -> list[int] | None:
    """Kazakh puts the period before the noun: '2024-2026 жылдарға арналған жоспар'."""
    m = None
    for m in _period_patterns(lex)[2].finditer(text[-60:]):
        pass
    if not m:
        return None
    a = int(m.group(1))
    b = int(m.group(2)) if m.group(2) else a
    return [a, b] if a <= b else None


def _year_adjective(text: str) -> list[int] | None:
    m = _YEAR_ADJECTIVE.search(text[-50:])
    return [int(m.group(1))] * 2 if m else None


def _merge(found: list[Document]) -> list[Document]:
    """One record per (type, period); a bare mention of a type with a dated one is that one.

    A treaty and an agreement in one article are one document: news calls it both
    ("the new treaty" ... "the agreement was ratified").
    """
    merged: dict[tuple, Document] = {}
    for d in found:
        key = (SAME_KIND.get(d.type, d.type), tuple(d.period) if d.period else None)
        old = merged.get(key)
        if old is None:
            merged[key] = d
        else:
            if STRENGTH[d.status] > STRENGTH[old.status]:
                old.status = d.status
            old.evidence.extend(d.evidence)
    dated_types = {k[0] for k in merged if k[1]}
    out = []
    for (kind, period), d in merged.items():
        if period is None and kind in dated_types:
            twin = next(v for (k, p), v in merged.items() if k == kind and p)
            if STRENGTH[d.status] > STRENGTH[twin.status] and twin.status == "mentioned":
                twin.status = d.status
            continue
        out.append(d)
    return out
