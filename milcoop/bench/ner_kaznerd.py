"""Kazakh NER on KazNERD: conlleval-style exact-span scores over five entity types.

Scores :class:`milcoop.lang.kk.ner.KazakhNER` on a KazNERD IOB2 file (the
dataset's own tokens, one sentence at a time). Only PERSON, GPE, LOCATION,
ORGANISATION and POSITION count; gold and predicted entities of the other
KazNERD types are ignored.
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from ..lang.kk.ner import iob_chunks

FIVE = ("PERSON", "GPE", "LOCATION", "ORGANISATION", "POSITION")
BATCH = 256  # sentences tagged at once


def read_conll(path: str | Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL ``token tag`` file (blank line between sentences) as ``(tokens, tags)``."""
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                    if limit is not None and len(sents) >= limit:
                        return sents
                continue
            tok, tag = line.rsplit(" ", 1)
            toks.append(tok)
            tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents[:limit] if limit is not None else sents


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def score(gold: list[list[str]], pred: list[list[str]], types=FIVE) -> dict:
    """Exact-span P/R/F1 per type and micro over ``types`` (other types ignored)."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs = {c for c in iob_chunks(g) if c[2] in types}
        ps = {c for c in iob_chunks(p) if c[2] in types}
        tp.update(c[2] for c in gs & ps)
        fp.update(c[2] for c in ps - gs)
        fn.update(c[2] for c in gs - ps)
    return {"types": {t: _prf(tp[t], fp[t], fn[t]) for t in types},
            "micro": _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))}


def evaluate_kaznerd(test_path: str | Path, ner=None, limit: int | None = None) -> dict:
    """Tag every sentence of ``test_path`` with ``ner`` (default: the committed
    KazakhNER) and score it over the five types.

    Returns ``{"types": {TYPE: {p, r, f1, tp, fp, fn}}, "micro": {...},
    "sentences": n, "seconds": s}``; ``seconds`` is the tagging time alone.
    ``limit`` scores only the first sentences.
    """
    if ner is None:
        from ..lang.kk.ner import KazakhNER

        ner = KazakhNER.load()
    sents = read_conll(test_path, limit)
    t0 = time.perf_counter()
    pred = []
    for k in range(0, len(sents), BATCH):  # the neural members run a batch at once
        pred.extend(ner.tag_many([toks for toks, _ in sents[k:k + BATCH]]))
    seconds = time.perf_counter() - t0
    out = score([tags for _, tags in sents], pred)
    out["sentences"] = len(sents)
    out["seconds"] = seconds
    return out


def main(argv: list[str] | None = None) -> None:
    """``python -m milcoop.bench.ner_kaznerd IOB2_test.txt [MODEL]``: print the scores."""
    import argparse
    import json

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("test_path", type=Path)
    ap.add_argument("model", type=Path, nargs="?", help="a .crfsuite model (default: the committed one)")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    from ..lang.kk.ner import KazakhNER

    res = evaluate_kaznerd(args.test_path, KazakhNER.load(args.model), args.limit)
    for t, v in res["types"].items():
        print(f"{t:14s} P={v['p']:.4f} R={v['r']:.4f} F1={v['f1']:.4f}  tp={v['tp']} fp={v['fp']} fn={v['fn']}")
    m = res["micro"]
    print(f"{'micro(5)':14s} P={m['p']:.4f} R={m['r']:.4f} F1={m['f1']:.4f}  "
          f"{res['sentences']} sentences in {res['seconds']:.1f}s "
          f"({res['sentences'] / max(res['seconds'], 1e-9):.0f}/s)")
    print(json.dumps(res))


if __name__ == "__main__":
    main()
