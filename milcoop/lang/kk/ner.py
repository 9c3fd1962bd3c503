"""Kazakh named-entity recogniser: a linear-chain CRF (python-crfsuite).

Trained on the KazNERD valid split (CC BY 4.0) by ``training/kk_ner/train.py``;
see ``models/MODEL_CARD.md``. The model is two files under ``models/``: the
CRFsuite model (``kk_ner.crfsuite``) and its feature resources
(``kk_ner.json``: suffix table, gazetteers, name lexicon). Everything runs
offline; no network, no PyTorch.

Tags are IOB2 over PERSON, GPE, LOCATION, ORGANISATION and POSITION (the
types the committed model was trained on; the tagger uses whatever labels a
model has).
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


def _lstm(gx, whh, reverse: bool):
    """One LSTM direction over precomputed input gates ``gx`` (T, 4H); torch gate order i, f, g, o."""
    T = gx.shape[0]
    H = whh.shape[1]
    h = np.zeros(H, dtype=np.float32)
    c = np.zeros(H, dtype=np.float32)
    out = np.empty((T, H), dtype=np.float32)
    whh_t = whh.T
    for t in (range(T - 1, -1, -1) if reverse else range(T)):
        g = gx[t] + h @ whh_t
        s = _sigmoid(g[: 2 * H])  # input and forget gates
        c = s[H:] * c + s[:H] * np.tanh(g[2 * H:3 * H])
        h = _sigmoid(g[3 * H:]) * np.tanh(c)
        out[t] = h
    return out


def _logsumexp(a, axis):
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)


class NeuralTagger:
    """The exported BiLSTM-CRF (``kk_ner_nn.npz``): emissions, marginals and Viterbi in numpy."""

    def __init__(self, path: Path) -> None:
        with np.load(path) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            w = {k: z[k].astype(np.float32) for k in z.files if k != "meta"}
        self.meta = meta
        vocab = meta["vocab"]
        self.labels: list[str] = vocab["labels"]
        self.fidx = {f: i for i, f in enumerate(vocab["feats"])}
        self.cidx = {c: i for i, c in enumerate(vocab["chars"])}
        self.w = w
        F, D, K = w["conv_w"].shape
        self.conv = w["conv_w"].reshape(F, D * K).T.copy()
        self.width = K

    def emissions(self, tokens: list[str], feats: list[list[str]]):
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
        hf = _lstm(x @ w["lstm_wih_f"].T + w["lstm_b_f"], w["lstm_whh_f"], False)
        hb = _lstm(x @ w["lstm_wih_b"].T + w["lstm_b_b"], w["lstm_whh_b"], True)
        return np.concatenate([hf, hb], axis=1) @ w["out_w"].T + w["out_b"]

    def marginals(self, emis):
        """Per-token label marginals of the CRF layer (forward-backward)."""
        w = self.w
        trans = w["trans"]
        T = emis.shape[0]
        alpha = np.empty_like(emis)
        beta = np.empty_like(emis)
        alpha[0] = w["start"] + emis[0]
        for t in range(1, T):
            alpha[t] = _logsumexp(alpha[t - 1][:, None] + trans, 0) + emis[t]
        beta[T - 1] = w["end"]
        for t in range(T - 2, -1, -1):
            beta[t] = _logsumexp(trans + (emis[t + 1] + beta[t + 1])[None, :], 1)
        logz = _logsumexp(alpha[T - 1] + w["end"], 0)
        return np.exp(alpha + beta - logz)

    def viterbi(self, emis) -> list[str]:
        w = self.w
        return [self.labels[k] for k in _viterbi(emis, w["trans"], w["start"], w["end"])]


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
    """Kazakh NER tagger: ``tag()`` for token lists, ``spans()`` for raw text."""

    def __init__(self, model_path: Path, resources: dict) -> None:
        import pycrfsuite

        self.path = Path(model_path)
        self.resources = resources
        self.featurize = Featurizer(resources)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))

    @classmethod
    def load(cls, path: str | Path | None = None) -> "KazakhNER":
        """Load the CRF at ``path`` (default: the committed model) and its ``.json`` resources."""
        model = Path(path) if path is not None else DEFAULT_MODEL
        return cls(model, read_resources(model.with_suffix(".json")))

    @property
    def labels(self) -> list[str]:
        """The tags the model can output."""
        return self._tagger.labels()

    def tag(self, tokens: list[str]) -> list[str]:
        """IOB2 tags for a tokenised sentence."""
        if not tokens:
            return []
        tokens = list(tokens)
        tags = self._tagger.tag(self.featurize(tokens))
        return _split_ranks(tokens, _repair(tags))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Entities in raw ``text`` as ``(start, end, type)`` character offsets."""
        out: list[tuple[int, int, str]] = []
        for sent in _sentences(tokenize(text)):
            tags = self.tag([t for t, _, _ in sent])
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
