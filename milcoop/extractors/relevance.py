"""Is the article about international defence cooperation? The rule and its evidence.

The rule asks for military talk, two parties (or a party and an
organisation, or an organisation whose session or document a military
sentence tells) and an engagement; the features describe how strongly each
holds, so a learned model can weigh them on reports the rule misjudges
(a short Kazakh release, a ratification in parliament).
"""
from __future__ import annotations

from ..lang.lexicon import load_lexicon
from ..learn.features import at_least, flag
from ..learn.linear import Features
from ..schema import EVENT_TYPES
from .doc import Doc, Sentence

MIN_MILITARY_CUES = 2  # a defence article names the military at least twice
LEAD_SENTENCES = 3  # a denial that decides the report is in its headline or lead


def rule_relevant(doc: Doc, core: list[Sentence]) -> bool:
    """International defence cooperation: military talk, two parties, an engagement."""
    if doc.military_cues < MIN_MILITARY_CUES or not core:
        return False
    if denied(doc):
        return False
    parties = {h.value for s in core for h in doc.hits_in(doc.countries, s.start, s.end)}
    orgs = {h.value for s in core for h in doc.hits_in(doc.orgs, s.start, s.end)}
    if len(parties) >= 2 or (parties and orgs):
        return any(s.military for s in core) or doc.military_cues >= 4
    # an organisation's session or document told in military terms: its members are the parties
    # ("Минскіде ҰҚШҰ министрлері бас қосты", "Сенат ШЫҰ ... келісімге толықтырулар енгізді")
    return bool(orgs) and any(s.military and s.eventful and doc.hits_in(doc.orgs, s.start, s.end) for s in core)


def denied(doc: Doc) -> bool:
    """Does the report's lead deny a rumour ("the ministry refuted reports that troops would be sent")?
    The cooperation it names did not happen."""
    lex = load_lexicon(doc.lang)
    return any(lex.search("denial", s.text) for s in [s for s in doc.sentences if s.prose][:LEAD_SENTENCES])


def relevance_features(doc: Doc, core: list[Sentence], head: Sentence | None, rule: bool) -> Features:
    f: Features = {}
    flag(f, "rule", rule)
    flag(f, f"lang={doc.lang}")
    at_least(f, "military_cues", doc.military_cues, (1, 2, 3, 4, 6, 10, 20))
    at_least(f, "core", len(core))
    at_least(f, "eventful", sum(s.eventful for s in doc.sentences))
    at_least(f, "cooperation", sum(s.cooperation for s in doc.sentences))
    at_least(f, "military_and_cooperation", sum(s.military and s.cooperation for s in doc.sentences))
    parties = {h.value for s in core for h in doc.hits_in(doc.countries, s.start, s.end)}
    at_least(f, "core_countries", len(parties), (1, 2, 3, 5))
    at_least(f, "core_orgs", len({h.value for s in core for h in doc.hits_in(doc.orgs, s.start, s.end)}), (1, 2))
    at_least(f, "countries", len({h.value for h in doc.countries}), (1, 2, 3, 5, 8))
    at_least(f, "orgs", len({h.value for h in doc.orgs}), (1, 2))
    at_least(f, "sentences", len(doc.sentences), (3, 6, 10, 20, 40))
    if head is not None:
        flag(f, "head_types", bool(head.types))
        flag(f, "head_military", head.military)
        flag(f, "head_cooperation", head.cooperation)
        at_least(f, "head_countries", len({h.value for h in doc.hits_in(doc.countries, head.start, head.end)}),
                 (1, 2))
    for t in EVENT_TYPES:
        n = sum(t in s.types for s in doc.sentences)
        at_least(f, f"type_{t}", n, (1, 2, 4))
        at_least(f, f"eventful_{t}", sum(t in s.types and s.eventful for s in doc.sentences), (1, 2))
    at_least(f, "background", sum(s.background for s in doc.sentences), (1, 3))
    at_least(f, "planned", sum(s.planned for s in doc.sentences), (1, 3))
    flag(f, "denied", denied(doc))
    return f
