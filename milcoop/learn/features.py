"""Small helpers that turn counts, distances and flags into named features.

Counts and distances become thermometer indicators ("n>=1", "n>=2", ...),
which a linear model weighs one step at a time, so no feature needs scaling.
"""
from __future__ import annotations

from .linear import Features

COUNT_STEPS = (1, 2, 3, 5, 10)
DISTANCE_STEPS = (5, 15, 30, 60, 120, 250)


def at_least(features: Features, name: str, n: float, steps=COUNT_STEPS) -> None:
    """``name>=k`` for every step k that ``n`` reaches."""
    for k in steps:
        if n >= k:
            features[f"{name}>={k}"] = 1.0


def within(features: Features, name: str, distance: float | None, steps=DISTANCE_STEPS) -> None:
    """``name<=k`` for every step k that ``distance`` is within (nothing when None)."""
    if distance is None:
        return
    for k in steps:
        if distance <= k:
            features[f"{name}<={k}"] = 1.0


def flag(features: Features, name: str, value: bool = True) -> None:
    if value:
        features[name] = 1.0


def crossed(features: Features, prefix: str) -> Features:
    """Every feature twice: as it is (shared by all labels) and prefixed (this label's own)."""
    out = dict(features)
    out.update({f"{prefix}|{k}": v for k, v in features.items()})
    out[prefix] = 1.0
    return out
