"""Cross-validation: folds fixed by a seed and split by article; the benchmark command and the
training script run end to end on a small corpus cut from the shared ones."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from milcoop.cli import app
from milcoop.learn.cv import folds
from milcoop.learn.store import load_models
from milcoop.records import Article


ROOT = Path(__file__).resolve().parents[2]


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles(n_per_lang: int) -> list[Article]:
    return [Article(id=f"{lang}{i}", external_id=f"{lang}{i}", text="x", lang=lang)
            for lang in ("ru", "kk", "en") for i in range(n_per_lang)]


def test_folds_are_fixed_by_the_seed_disjoint_and_hold_every_language():
    arts = _articles(7)
    a, b, c = folds(arts, 5, seed=13), folds(arts, 5, seed=13), folds(arts, 5, seed=14)
    assert a == b and a != c
    ids = [i for f in a for i in f]
    assert sorted(ids) == sorted(x.external_id for x in arts) and len(ids) == len(set(ids))
    assert all({i[:2] for i in f} == {"ru", "kk", "en"} for f in a)
    assert max(map(len, a)) - min(map(len, a)) <= 1


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, shared_path) -> Path:
    """Four articles of each language from the shared dev and train sets, with their gold."""
    out = tmp_path_factory.mktemp("corpus")
    arts, golds = [], []
    for part in ("dev", "train"):
        gold = {g["id"]: g for g in load_jsonl(shared_path("corpus", part, "gold.jsonl"))}
        for lang in ("ru", "kk", "en"):
            picked = [a for a in load_jsonl(shared_path("corpus", part, "articles.jsonl")) if a["lang"] == lang][:2]
            arts += picked
            golds += [gold[a["id"]] for a in picked]
    (out / "articles.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts))
    (out / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in golds))
    return out


@pytest.mark.slow
def test_benchmark_accuracy_cv_reports_held_out_and_in_sample(small_corpus, tmp_path):
    res = CliRunner().invoke(app, ["benchmark", "accuracy", "--cv", "2", "--corpus", str(small_corpus), "--json"])
    assert res.exit_code == 0, res.output
    result = json.loads(res.stdout)
    assert result["k"] == 2 and result["articles"] == 12
    assert set(result["cv"]) == {"all", "ru", "kk", "en"}
    assert 0 < result["cv"]["all"]["score"] <= 1 and 0 < result["in_sample"]["all"]["score"] <= 1
    assert len(result["folds"]) == 2
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"score": {"all": 0.999}}))
    res = CliRunner().invoke(app, ["benchmark", "accuracy", "--cv", "2", "--corpus", str(small_corpus),
                                   "--floors", str(floors)])
    assert res.exit_code == 1 and "below floor" in " ".join(res.output.split())


def test_bad_floors_and_a_missing_corpus_are_clear_errors(tmp_path, small_corpus):
    floors = tmp_path / "floors.json"
    floors.write_text("{not json")
    res = CliRunner().invoke(app, ["benchmark", "accuracy", "--cv", "2", "--corpus", str(small_corpus),
                                   "--floors", str(floors)])
    assert res.exit_code == 2 and "cannot read floors" in " ".join(res.output.split())
    res = CliRunner().invoke(app, ["benchmark", "accuracy", "--cv", "2", "--corpus", str(tmp_path / "nothing")])
    assert res.exit_code == 2 and "no such file" in " ".join(res.output.split())
    res = CliRunner().invoke(app, ["benchmark", "accuracy", "--floors", str(floors)])
    assert res.exit_code == 2 and "--floors needs --cv" in " ".join(res.output.split())


@pytest.mark.slow
def test_the_training_script_writes_loadable_models_and_a_card(small_corpus, tmp_path, shared):
    out, card = tmp_path / "m.json", tmp_path / "card.md"
    run = subprocess.run([sys.executable, str(ROOT / "training" / "extraction" / "train.py"),
                          "--corpus", str(small_corpus), "--out", str(out), "--card", str(card), "--k", "2"],
                         capture_output=True, text=True, env={"MILCOOP_" + "SHARED": str(shared), "PATH": ""})
    assert run.returncode == 0, run.stderr
    models = load_models(out)
    assert models and all(m.meta["examples"] > 0 for m in models.values())
    text = card.read_text()
    assert "held out" in text and "| **score** |" in text
