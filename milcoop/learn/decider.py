"""Where the pipeline asks a question a model may answer.

Each question has a name ("countries", "role", ...). The pipeline hands the
``Decider`` its candidates with their features and the rule's own answer;
the Decider answers with the named model when it has one, else with the
rule. With a ``Recorder`` attached it also writes down every question
asked, which is how training examples are made by the very code that uses
the models (no second feature extractor to drift from the first).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .linear import Features, LinearModel

KEEP_THRESHOLD = 0.5


@dataclass
class Candidate:
    """One thing a rule proposes: its value, what describes it, and whether the rule keeps it."""

    value: Any
    features: Features
    rule: bool = False


@dataclass
class Row:
    """One recorded question: aligned to the gold by ``value`` to get its label."""

    decision: str
    event: int
    value: Any
    features: Features
    group: int = 0  # options of one ``choose`` share a group


@dataclass
class Recorder:
    rows: list[Row] = field(default_factory=list)
    _groups: int = 0

    def group(self) -> int:
        self._groups += 1
        return self._groups


@dataclass
class Decider:
    """Answers the pipeline's questions with models, or with the rules' answers."""

    models: dict[str, LinearModel] = field(default_factory=dict)
    recorder: Recorder | None = None
    gold_relevant: bool | None = None  # training: follow the gold so that relevant articles are recorded whole

    def relevant(self, features: Features, rule: bool) -> bool:
        if self.recorder is not None:
            self.recorder.rows.append(Row("relevance", 0, None, features))
        if self.gold_relevant is not None:
            return self.gold_relevant
        model = self.models.get("relevance")
        return _kept(model, model.prob(features), rule) if model else rule

    def keep(self, decision: str, candidates: list[Candidate], event: int = 0) -> list[bool]:
        """Which candidates to keep."""
        if self.recorder is not None:
            self.recorder.rows.extend(Row(decision, event, c.value, c.features) for c in candidates)
        model = self.models.get(decision)
        if model is None:
            return [c.rule for c in candidates]
        trusted = model.meta.get("trusted")
        return [_kept(model, model.prob(c.features), c.rule) if trusted is None or c.value in trusted else c.rule
                for c in candidates]

    def scores(self, decision: str, candidates: list[Candidate]) -> list[float] | None:
        model = self.models.get(decision)
        return [model.prob(c.features) for c in candidates] if model else None

    def choose(self, decision: str, candidates: list[Candidate], event: int = 0) -> int | None:
        """The index of the one candidate to take (None when there is none)."""
        if not candidates:
            return None
        if self.recorder is not None:
            g = self.recorder.group()
            self.recorder.rows.extend(Row(decision, event, c.value, c.features, g) for c in candidates)
        model = self.models.get(decision)
        if model is None:
            return next((i for i, c in enumerate(candidates) if c.rule), None)
        probs = [model.prob(c.features) for c in candidates]
        best = max(range(len(candidates)), key=lambda i: (probs[i], -i))
        ruled = next((i for i, c in enumerate(candidates) if c.rule), None)
        if ruled is not None and probs[best] - probs[ruled] <= float(model.meta.get("margin", 0.0)):
            return ruled  # the model must be surer than the rule by the margin to overrule it
        return best


def _kept(model: LinearModel, p: float, rule: bool) -> bool:
    """Keep a rule's candidate unless the model is sure enough against it ("drop"); add one the rule
    left out only when the model is sure enough for it ("add")."""
    meta = model.meta
    return p >= float(meta.get("drop", KEEP_THRESHOLD)) if rule else p >= float(meta.get("add", KEEP_THRESHOLD))
