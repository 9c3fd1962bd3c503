"""factRuEval-2016 loader (naeval's conventions) and natasha's scores on the first testset documents."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from milcoop.bench.ner_factrueval import (
    OBJECT_TYPES, TYPES, _load_document, evaluate_natasha, load_factrueval, outermost,
)


@pytest.fixture(scope="module")
def root(shared_path) -> Path:
    """factRuEval-2016 under shared/benchmarks (the tests skip without it)."""
    shared_path("benchmarks", "factrueval2016", "testset")
    return shared_path("benchmarks", "factrueval2016")


@pytest.fixture(scope="module")
def testset(root) -> Path:
    return root / "testset"


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def annotation_texts(txt: Path) -> tuple[dict, list]:
    """{(start, end): .spans text} and [(object type, .objects comment text)] of one document."""
    spans = {}
    for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        if line.strip():
            head, comment = line.split("#", 1)
            f = head.split()
            start, n_tokens = int(f[2]), int(f[5])
            spans[start, start + int(f[3])] = " ".join(comment.split()[n_tokens:])
    objects = []
    for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        if line.strip():
            head, comment = line.split("#", 1)
            objects.append((head.split()[1], comment.strip()))
    return spans, objects


@pytest.mark.parametrize("stem", ["book_3539", "book_3562", "book_3779"])
def test_gold_offsets_match_annotation_text(stem, testset):
    txt = testset / f"{stem}.txt"
    doc = _load_document(txt)
    spans, objects = annotation_texts(txt)
    persons = [words(c) for t, c in objects if t == "Person"]
    assert len(doc.spans) > 10
    assert doc.dropped <= 2  # parts of one razdel token ("Дайрен"+"Мару"), dropped as naeval does
    for start, end, label in doc.spans:
        text = doc.text[start:end]
        assert text == text.strip() and text
        if (start, end) in spans:  # a single .spans span: its text, token spacing aside
            assert words(text) == words(spans[start, end]), (text, spans[start, end])
        else:  # a multi-span Person mention: the words of its .objects comment
            assert label == "PER" and words(text) in persons, text


def test_type_mapping_keeps_names_only(testset):
    assert {v[0] for v in OBJECT_TYPES.values()} == set(TYPES)
    assert "Project" not in OBJECT_TYPES and "Facility" not in OBJECT_TYPES
    doc = _load_document(testset / "book_3562.txt")
    got = {(s, e, t): doc.text[s:e] for s, e, t in doc.spans}
    # Org "МИД РФ" = org_name "МИД" + loc_name "РФ"; LocOrg "РФ" -> LOC
    assert got[424, 427, "ORG"] == "МИД"
    assert got[428, 430, "LOC"] == "РФ"
    assert got[431, 447, "PER"] == "Сергеем Лавровым"
    assert got[463, 478, "ORG"] == "Госдепартамента"
    # Project mentions ("Вечерний Ургант", "Пусть говорят") give no span
    proj = _load_document(testset / "book_3883.txt")
    assert not [s for s in proj.spans if s[0] in (606, 625)]


def test_nested_mentions_keep_outermost(testset):
    assert outermost([(5, 9, "LOC"), (0, 9, "ORG"), (0, 3, "PER"), (10, 12, "PER")]) == [
        (0, 9, "ORG"), (10, 12, "PER")]
    doc = _load_document(testset / "book_3779.txt")
    assert (145, 188, "ORG") in doc.spans  # "благотворительного фонда Владимира Потанина"
    assert doc.text[145:188] == "благотворительного фонда Владимира Потанина"
    assert not [s for s in doc.spans if s[0] == 170]  # the nested Person is dropped


def test_loader_splits(root, testset):
    test = load_factrueval(testset)
    assert len(test) == 132 and test[0].id == "book_3539"
    assert sum(len(d.spans) for d in test) > 4000
    assert len(load_factrueval(root)) == 254  # root = devset + testset, as naeval


@pytest.mark.slow
def test_natasha_first_20_testset_documents(testset):
    r = evaluate_natasha(testset, limit=20)
    assert r["documents"] == 20
    assert r["baseline"] == {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}
    # measured: span F1 PER .886 LOC .886 ORG .771 micro .859; token F1 .936 .902 .813 .894
    span = {t: r["types"][t]["f1"] for t in TYPES}
    token = {t: r["token"]["types"][t]["f1"] for t in TYPES}
    assert span["PER"] > 0.85 and span["LOC"] > 0.85 and span["ORG"] > 0.73
    assert r["micro"]["f1"] > 0.83
    assert token["PER"] > 0.90 and token["LOC"] > 0.87 and token["ORG"] > 0.78
    assert r["token"]["micro"]["f1"] > 0.86
    for t in TYPES:
        c = r["types"][t]
        assert c["tp"] + c["fn"] > 0 and 0 <= c["p"] <= 1 and 0 <= c["r"] <= 1
