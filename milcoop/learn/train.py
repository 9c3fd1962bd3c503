"""Training the learned decisions from annotated articles.

``record`` runs the real extractor on each article with the rules deciding
and a ``Recorder`` writing down every question asked (following the gold
relevance, so a relevant article is recorded whole); ``labelled`` aligns
each question to the gold; ``fit_models`` fits one linear model per
decision. Recording is the slow part and does not depend on any model, so
cross-validation records once and fits once per fold.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Article
from .decider import Decider, Recorder, Row
from .labels import label
from .linear import LinearModel, fit

# decision -> settings of its binary logistic regression (keep this candidate, or for a choice:
# is this the right option): C, the L2 regularisation; "drop", the probability under which a
# candidate the rule keeps is dropped; "add", the probability from which one the rule leaves out is
# added; "margin", how much surer than the rule's option another must be to be chosen. A missed
# participant costs more than a spurious one (its role, country and rank are missed with it),
# hence its low thresholds. "min_positives": a label (an event type, an area) with
# fewer examples than this stays with the rule. The pipeline asks more questions than these
# ("relevance", "countries", "orgs", "documents", "status", "exercises"): their models did not beat the rules
# held out (5-fold CV over train + dev), so the rules answer them; add them here to try again.
DECISIONS: dict[str, dict[str, float]] = {
    "types": {"C": 0.5, "drop": 0.3, "add": 0.95, "min_positives": 10},
    "areas": {"C": 0.5, "drop": 0.3, "add": 0.7, "min_positives": 10},
    "participants": {"C": 0.5, "drop": 0.3, "add": 0.3},
    "role": {"C": 0.5, "margin": 0.1},
    "person_country": {"C": 0.5, "margin": 0.1},
    "date": {"C": 0.5, "margin": 0.1},
    "location": {"C": 0.5, "margin": 0.1},
}


@dataclass
class Example:
    decision: str
    features: dict
    label: object
    value: object = None


def record(articles: Iterable[Article], golds: dict[str, dict], extractor, progress=None) -> dict[str, list[Row]]:
    """Article id -> every question the extractor asked of it (rules deciding, gold relevance followed)."""
    out: dict[str, list[Row]] = {}
    for article in articles:
        aid = article.external_id or article.id
        gold = golds.get(aid)
        if gold is None:
            continue
        recorder = Recorder()
        extractor.extract(article, decider=Decider(recorder=recorder, gold_relevant=bool(gold.get("relevant"))))
        out[aid] = recorder.rows
        if progress:
            progress()
    return out


def labelled(rows: dict[str, list[Row]], golds: dict[str, dict]) -> list[Example]:
    out = []
    for aid, article_rows in rows.items():
        gold = golds[aid]
        for row in article_rows:
            y = label(gold, row.decision, row.event, row.value)
            if y is not None:
                out.append(Example(row.decision, row.features, y, row.value))
    return out


def fit_models(examples: list[Example], decisions: dict | None = None) -> dict[str, LinearModel]:
    models = {}
    for name, settings in (decisions or DECISIONS).items():
        mine = [e for e in examples if e.decision == name]
        if not mine:
            continue
        model = fit([e.features for e in mine], [bool(e.label) for e in mine], c=settings.get("C", 0.5))
        if model is not None:
            model.meta.update({k: v for k, v in settings.items() if k not in ("C", "min_positives")})
            if "min_positives" in settings:  # labels seen too rarely stay with the rule
                seen = Counter(e.value for e in mine if e.label)
                model.meta["trusted"] = sorted(v for v, n in seen.items() if n >= settings["min_positives"])
            models[name] = model
    return models
