"""A logistic regression over sparse named features, stored as plain JSON.

Training uses scikit-learn; applying a model is a dictionary lookup per
feature, so extraction needs neither scikit-learn nor numpy to use one, and
a model file is readable and diffable (feature name -> weight).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

Features = dict[str, float]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass
class LinearModel:
    """Binary (``classes == [False, True]``) or multiclass logistic regression."""

    classes: list
    weights: list[dict[str, float]]  # one row per class (one row for a binary model)
    bias: list[float]
    meta: dict = field(default_factory=dict)

    @property
    def binary(self) -> bool:
        return len(self.weights) == 1

    def _score(self, row: int, features: Features) -> float:
        w = self.weights[row]
        return self.bias[row] + sum(w.get(k, 0.0) * v for k, v in features.items())

    def prob(self, features: Features) -> float:
        """P(True) of a binary model."""
        return _sigmoid(self._score(0, features))

    def probs(self, features: Features) -> dict:
        """Class -> probability (a binary model gives {False: .., True: ..})."""
        if self.binary:
            p = self.prob(features)
            return {self.classes[0]: 1 - p, self.classes[1]: p}
        scores = [self._score(i, features) for i in range(len(self.classes))]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def best(self, features: Features, allowed=None):
        probs = self.probs(features)
        if allowed is not None:
            probs = {c: p for c, p in probs.items() if c in allowed} or probs
        return max(probs, key=probs.get)

    def to_json(self) -> dict:
        return {"classes": self.classes, "bias": self.bias, "meta": self.meta,
                "weights": [{k: round(v, 5) for k, v in sorted(w.items()) if abs(v) >= 1e-5}
                            for w in self.weights]}

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(classes=list(data["classes"]), weights=[dict(w) for w in data["weights"]],
                   bias=list(data["bias"]), meta=dict(data.get("meta") or {}))


def fit(rows: list[Features], labels: list, c: float = 1.0, balanced: bool = False) -> LinearModel | None:
    """An L2 logistic regression; None when the labels hold a single class (nothing to learn)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    classes = sorted(set(labels), key=str)
    if len(classes) < 2:
        return None
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None)
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights = [{str(n): float(v) for n, v in zip(names, row) if v} for row in coef]
    return LinearModel(classes=[_plain(c) for c in clf.classes_], weights=weights,
                       bias=[float(b) for b in clf.intercept_],
                       meta={"examples": len(rows), "features": len(names), "C": c})


def _plain(value):
    """numpy scalars to plain Python (JSON) values."""
    return value.item() if hasattr(value, "item") else value
