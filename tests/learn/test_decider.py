"""The decider answers with the rule, or with a model within its thresholds, and records questions."""
from milcoop.learn.decider import Candidate, Decider, Recorder
from milcoop.learn.linear import LinearModel


def _model(weight: float, **meta) -> LinearModel:
    """P(keep) = sigmoid(weight * f['x'])."""
    return LinearModel(classes=[False, True], weights=[{"x": weight}], bias=[0.0], meta=meta)


CANDIDATES = [Candidate("KZ", {"x": 3.0}, rule=False), Candidate("TR", {"x": -3.0}, rule=True),
              Candidate("AZ", {"x": 0.5}, rule=True)]


def test_without_a_model_the_rule_answers():
    d = Decider()
    assert d.keep("countries", CANDIDATES) == [False, True, True]
    assert d.choose("location", CANDIDATES) == 1
    assert d.relevant({"x": 1.0}, rule=False) is False


def test_a_model_keeps_by_its_probability():
    d = Decider({"countries": _model(1.0)})
    assert d.keep("countries", CANDIDATES) == [True, False, True]  # p = .95, .05, .62


def test_drop_and_add_thresholds_favour_the_rule():
    d = Decider({"countries": _model(1.0, drop=0.01, add=0.99)})
    assert d.keep("countries", CANDIDATES) == [False, True, True]


def test_untrusted_labels_stay_with_the_rule():
    d = Decider({"countries": _model(1.0, trusted=["KZ"])})
    assert d.keep("countries", CANDIDATES) == [True, True, True]


def test_choose_overrules_the_rule_only_by_the_margin():
    assert Decider({"location": _model(1.0)}).choose("location", CANDIDATES) == 0
    assert Decider({"location": _model(1.0, margin=0.5)}).choose("location", CANDIDATES) == 0  # .95 vs .05
    close = [Candidate("Astana", {"x": 0.6}), Candidate("Baku", {"x": 0.5}, rule=True)]
    assert Decider({"location": _model(1.0, margin=0.1)}).choose("location", close) == 1


def test_the_recorder_writes_every_question_and_gold_relevance_is_followed():
    rec = Recorder()
    d = Decider(recorder=rec, gold_relevant=True)
    assert d.relevant({"x": 1.0}, rule=False) is True
    d.keep("countries", CANDIDATES, event=1)
    d.choose("location", CANDIDATES[:2])
    d.choose("location", CANDIDATES[2:])
    assert [r.decision for r in rec.rows] == ["relevance"] + ["countries"] * 3 + ["location"] * 3
    assert {r.event for r in rec.rows if r.decision == "countries"} == {1}
    groups = [r.group for r in rec.rows if r.decision == "location"]
    assert groups[0] == groups[1] != groups[2]
