"""Neural part of the Kazakh NER model: a BiLSTM-CRF trained with PyTorch, exported to numpy.

Run by ``train.py --neural`` (or directly, for experiments on the hold-out).
PyTorch is needed here only; ``milcoop.lang.kk.ner`` runs the exported
weights (``kk_ner_nn.npz``) with numpy.

Input of each token: an embedding bag over the token's own CRF feature strings
(word, stem, ending, affixes, shape, gazetteer, lexicon and token-gazetteer
labels: the same jackknifed features the CRF sees, minus the context ones) and
a character CNN. Then a bidirectional LSTM and a CRF output layer over all 25
KazNERD entity types (the other 20 types act as auxiliary labels; only the
five milcoop uses are kept at inference).
"""
from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from milcoop.lang.kk.ner import NN_MAX_CHARS, own_features  # noqa: E402

NN_PARAMS = {
    "bag_dim": 128, "char_dim": 32, "char_filters": 64, "char_width": 3, "hidden": 128,
    "dropout": 0.5, "feat_dropout": 0.1, "min_count": 2, "epochs": 25, "batch": 32,
    "lr": 2e-3, "clip": 5.0, "seed": 1, "labels": "all",
}


def build_vocab(xs, sents, params):
    """Feature-string, character and label vocabularies from training data."""
    fc: Counter = Counter()
    cc: Counter = Counter()
    for x, (toks, _) in zip(xs, sents):
        for f in x:
            fc.update(own_features(f))
        for t in toks:
            cc.update(t[:NN_MAX_CHARS])
    feats = ["<unk>"] + sorted(f for f, c in fc.items() if c >= params["min_count"])
    chars = ["<pad>", "<unk>"] + sorted(c for c, n in cc.items() if n >= 2)
    labels = sorted({t for _, tags in sents for t in tags}, key=lambda t: (t != "O", t[2:], t[:1]))
    return {"feats": feats, "chars": chars, "labels": labels}


def encode(x, toks, fidx, cidx):
    fids = [[fidx.get(f, 0) for f in own_features(fs)] for fs in x]
    cids = [[cidx.get(c, 1) for c in t[:NN_MAX_CHARS]] for t in toks]
    return fids, cids


def _torch():
    import torch
    import torch.nn as nn

    class Net(nn.Module):
        def __init__(self, nf, nc, nl, p):
            super().__init__()
            self.bag = nn.EmbeddingBag(nf, p["bag_dim"], mode="sum", padding_idx=None)
            nn.init.normal_(self.bag.weight, 0, 0.1)
            self.cemb = nn.Embedding(nc, p["char_dim"], padding_idx=0)
            self.conv = nn.Conv1d(p["char_dim"], p["char_filters"], p["char_width"], padding=p["char_width"] // 2)
            self.drop = nn.Dropout(p["dropout"])
            self.lstm = nn.LSTM(p["bag_dim"] + p["char_filters"], p["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * p["hidden"], nl)
            self.trans = nn.Parameter(torch.zeros(nl, nl))
            self.start = nn.Parameter(torch.zeros(nl))
            self.end = nn.Parameter(torch.zeros(nl))

        def emissions(self, bag_ids, bag_off, chars, B, T):
            # bag_ids/bag_off: flat EmbeddingBag input over B*T token slots
            e = self.bag(bag_ids, bag_off).view(B, T, -1)
            c = self.cemb(chars.view(B * T, -1)).transpose(1, 2)  # BT, D, L
            c = self.conv(c)
            c = c.masked_fill((chars.view(B * T, -1) == 0).unsqueeze(1), -1e4).max(2).values
            c = torch.relu(c).view(B, T, -1)
            h = self.drop(torch.cat([e, c], -1))
            h, _ = self.lstm(h)
            return self.out(self.drop(h))

    def crf_nll(emis, tags, mask, trans, start, end):
        B, T, K = emis.shape
        score = start[tags[:, 0]] + emis[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for t in range(1, T):
            s = trans[tags[:, t - 1], tags[:, t]] + emis[:, t].gather(1, tags[:, t:t + 1]).squeeze(1)
            score = score + s * mask[:, t]
        last = tags.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
        score = score + end[last]
        alpha = start + emis[:, 0]
        for t in range(1, T):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0) + emis[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, t:t + 1] > 0, nxt, alpha)
        logz = torch.logsumexp(alpha + end, 1)
        return (logz - score).sum()

    return torch, Net, crf_nll


def batches(data, size, rng):
    """Length-bucketed batches (shuffled)."""
    idx = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    out = [idx[k:k + size] for k in range(0, len(idx), size)]
    rng.shuffle(out)
    return out


def collate(torch, items, feat_drop=0.0, rng=None):
    B = len(items)
    T = max(len(it[0]) for it in items)
    L = max(max(len(c) for c in it[1]) for it in items)
    L = max(L, 3)
    ids, offs = [], []
    chars = torch.zeros(B, T, L, dtype=torch.long)
    tags = torch.zeros(B, T, dtype=torch.long)
    mask = torch.zeros(B, T)
    for b, (fids, cids, y) in enumerate(items):
        for t in range(T):
            offs.append(len(ids))
            if t < len(fids):
                fs = fids[t]
                if feat_drop and rng is not None:
                    fs = [f for f in fs if rng.random() >= feat_drop] or fs[:1]
                ids.extend(fs)
                for k, c in enumerate(cids[t]):
                    chars[b, t, k] = c
                tags[b, t] = y[t]
                mask[b, t] = 1
            else:
                ids.append(0)
    return (torch.tensor(ids, dtype=torch.long), torch.tensor(offs, dtype=torch.long), chars,
            tags, mask, B, T)


def train_nn(xs, sents, params, held=None, log=print):
    """Train on (features, sentences); ``held`` = (features, sentences, scorer) for
    per-epoch hold-out scores. Returns (weights dict, vocab, history)."""
    torch, Net, crf_nll = _torch()
    torch.manual_seed(params["seed"])
    rng = random.Random(params["seed"])
    vocab = build_vocab(xs, sents, params)
    fidx = {f: i for i, f in enumerate(vocab["feats"])}
    cidx = {c: i for i, c in enumerate(vocab["chars"])}
    lidx = {t: i for i, t in enumerate(vocab["labels"])}
    data = []
    for x, (toks, tags) in zip(xs, sents):
        fids, cids = encode(x, toks, fidx, cidx)
        data.append((fids, cids, [lidx[t] for t in tags]))
    net = Net(len(vocab["feats"]), len(vocab["chars"]), len(vocab["labels"]), params)
    opt = torch.optim.Adam(net.parameters(), lr=params["lr"])
    hist = []
    for ep in range(params["epochs"]):
        t0 = time.time()
        net.train()
        # linear decay of the learning rate over the last half
        frac = ep / max(params["epochs"], 1)
        for g in opt.param_groups:
            g["lr"] = params["lr"] * (1.0 if frac < 0.5 else max(0.05, 2 * (1 - frac)))
        total = 0.0
        for bi in batches(data, params["batch"], rng):
            ids, offs, chars, tags, mask, B, T = collate(torch, [data[i] for i in bi], params["feat_dropout"], rng)
            emis = net.emissions(ids, offs, chars, B, T)
            loss = crf_nll(emis, tags, mask, net.trans, net.start, net.end) / B
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), params["clip"])
            opt.step()
            total += loss.item() * B
        msg = f"epoch {ep + 1} loss {total / len(data):.3f} ({time.time() - t0:.0f}s)"
        if held is not None:
            w = export(net)
            f1 = held[2](w, vocab)
            hist.append(f1)
            msg += f" held-out F1 {f1:.4f}"
        log(msg)
    return export(net), vocab, hist


def export(net) -> dict:
    sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    return {
        "bag": sd["bag.weight"], "cemb": sd["cemb.weight"],
        "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
        "lstm_wih_f": sd["lstm.weight_ih_l0"], "lstm_whh_f": sd["lstm.weight_hh_l0"],
        "lstm_b_f": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "lstm_wih_b": sd["lstm.weight_ih_l0_reverse"], "lstm_whh_b": sd["lstm.weight_hh_l0_reverse"],
        "lstm_b_b": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "trans": sd["trans"], "start": sd["start"], "end": sd["end"],
    }


def int8_rows(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A matrix as int8 with one float32 scale per row (the row's largest magnitude / 127)."""
    scale = np.abs(a).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(a / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def write_npz(path: Path, arrays: dict, meta: dict) -> None:
    """Compressed ``.npz`` with ``meta`` as UTF-8 JSON bytes in its ``meta`` entry."""
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    np.savez_compressed(path, meta=np.frombuffer(text.encode("utf-8"), dtype=np.uint8), **arrays)


def save(path: Path, weights: dict, vocab: dict, params: dict) -> None:
    """Write the network as a compressed ``.npz``: the feature-bag embedding (most of the
    size) as int8 rows, the other arrays as float32."""
    arrays = dict(weights)
    arrays["bag_q"], arrays["bag_scale"] = int8_rows(arrays.pop("bag"))
    write_npz(path, arrays, {"vocab": vocab, "params": params})
