"""`milcoop benchmark ner --dataset kaznerd` on the first KazNERD test sentences, each model."""
import json

import pytest
from typer.testing import CliRunner

from milcoop.cli import app
from milcoop.lang.kk.encoder import model_path


@pytest.fixture(autouse=True)
def kaznerd(shared_path):
    """The benchmark reads KazNERD from shared/benchmarks (the tests skip without it)."""
    return shared_path("benchmarks", "kaznerd", "IOB2_test.txt")


@pytest.mark.parametrize("model, members", [
    ("crf", ["crf"]),
    ("networks", ["crf", "networks"]),
    ("ensemble", ["crf", "networks"] + (["encoder"] if model_path() else [])),
])
def test_each_model_reports_five_types(model, members):
    res = CliRunner().invoke(app, ["benchmark", "ner", "--dataset", "kaznerd", "--kk-model", model,
                                   "--limit", "300", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["model"] == model and out["sentences"] == 300
    assert out["members"] == members
    assert set(out["types"]) == {"PERSON", "GPE", "LOCATION", "ORGANISATION", "POSITION"}
    assert out["micro"]["f1"] > 0.78, out["micro"]  # measured .830 (crf), .844 (ensemble)


def test_unknown_model_is_a_clear_error():
    res = CliRunner().invoke(app, ["benchmark", "ner", "--dataset", "kaznerd", "--kk-model", "bert"])
    assert res.exit_code == 2 and "bert" in res.output
