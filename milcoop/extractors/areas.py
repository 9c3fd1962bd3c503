"""Cooperation areas: lexicon cues in the sentences about the engagement."""
from __future__ import annotations

from ..lang.lexicon import Lexicon
from ..learn.decider import Candidate
from ..learn.features import at_least, crossed, flag
from .doc import Doc, Sentence


def _cues(doc: Doc, lex: Lexicon, sent: Sentence) -> list[tuple[int, int, str]]:
    """Area cues of a sentence outside the names of organisations: the 'security' of the Collective
    Security Treaty Organization (Ұжымдық қауіпсіздік шарты ұйымы) names the body, not a field of work."""
    names = [(h.start - sent.start, h.end - sent.start) for h in doc.hits_in(doc.orgs, sent.start, sent.end)]
    return [(s, e, area) for s, e, area in lex.label_matches("areas", sent.text)
            if not any(a <= s and e <= b for a, b in names)]


def find_areas(doc: Doc, lex: Lexicon, sentences=None) -> list[str]:
    """Areas cued in ``sentences`` (default: the whole article)."""
    seen: dict[str, int] = {}
    for sent in doc.sentences if sentences is None else sentences:
        if sent.reporting and not (sent.cooperation or sent.types):
            continue
        for start, _, area in _cues(doc, lex, sent):
            seen.setdefault(area, sent.start + start)
    return sorted(seen, key=seen.get)


def area_candidates(doc: Doc, lex: Lexicon, core: list[Sentence], head: Sentence | None,
                    rule: list[str]) -> list[Candidate]:
    """Every area cued anywhere in the article, described by where its cues occur."""
    hits: dict[str, list[tuple[Sentence, str]]] = {}
    for sent in doc.sentences:
        for start, end, area in _cues(doc, lex, sent):
            hits.setdefault(area, []).append((sent, sent.text[start:end].lower()))
    core_ids = {id(s) for s in core}
    lead = {id(s) for s in [s for s in doc.sentences if s.prose][:3]}
    out = []
    for area, found in hits.items():
        sents = list({id(s): s for s, _ in found}.values())
        f: dict[str, float] = {}
        at_least(f, "doc", len(sents))
        at_least(f, "core", sum(id(s) in core_ids for s in sents))
        at_least(f, "core_eventful", sum(id(s) in core_ids and s.eventful for s in sents), (1, 2, 3))
        at_least(f, "cooperation", sum(s.cooperation for s in sents), (1, 2, 3))
        at_least(f, "reporting_only", int(all(s.reporting and not s.cooperation for s in sents)), (1,))
        at_least(f, "distinct_cues", len({w for _, w in found}), (1, 2, 3))
        flag(f, "head", head is not None and any(s is head for s in sents))
        flag(f, "lead", any(id(s) in lead for s in sents))
        flag(f, "rule", area in rule)
        out.append(Candidate(area, crossed(f, f"area={area}"), rule=area in rule))
    return out
