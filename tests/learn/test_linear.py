"""The linear model: fitted with scikit-learn, applied and stored without it."""
import json

from milcoop.learn.linear import LinearModel, fit


def _rows():
    # keep a candidate named in the headline, unless only in a background sentence
    rows, labels = [], []
    for _ in range(20):
        rows += [{"head": 1.0}, {"head": 1.0, "background": 1.0}, {"background": 1.0}, {}]
        labels += [True, False, False, False]
    return rows, labels


def test_fit_learns_a_separable_rule():
    model = fit(*_rows(), c=10.0)
    assert model.prob({"head": 1.0}) > 0.8
    assert model.prob({"head": 1.0, "background": 1.0}) < 0.5
    assert model.prob({}) < 0.2
    assert model.meta["examples"] == 80


def test_json_round_trip_keeps_the_probabilities():
    model = fit(*_rows(), c=10.0)
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    for f in ({"head": 1.0}, {"background": 1.0}, {"unknown feature": 1.0}):
        assert abs(again.prob(f) - model.prob(f)) < 1e-4


def test_one_class_gives_no_model():
    assert fit([{"a": 1.0}, {"b": 1.0}], [True, True]) is None


def test_multiclass_probabilities_sum_to_one():
    rows = [{"x": 1.0}, {"y": 1.0}, {"z": 1.0}] * 10
    model = fit(rows, ["a", "b", "c"] * 10, c=10.0)
    probs = model.probs({"y": 1.0})
    assert abs(sum(probs.values()) - 1) < 1e-9 and model.best({"y": 1.0}) == "b"
