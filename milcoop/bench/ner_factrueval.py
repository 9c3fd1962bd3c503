"""factRuEval-2016 NER: natasha's NewsNERTagger (slovnet) scored the way natasha's naeval scored it.

The published slovnet figures (factru PER .959, LOC .915, ORG .825 F1) come from naeval
(``naeval/ner/adapt.py::adapt_factru``, ``naeval/ner/score.py``, loader ``corus.load_factru``).
Its conventions, reproduced here:

* Split: corus loads ``devset`` + ``testset`` by default (254 documents); naeval used that
  default, so the published column covers both. ``folder`` may be a split folder or the root
  (root = devset + testset, as naeval). Whole documents are tagged, not sentences.
* Gold, from ``.objects``: ``Person`` -> PER over the whole mention (min start .. max stop of
  its spans); ``Org`` -> ORG over each of its ``org_name`` spans only; ``Location`` and
  ``LocOrg`` -> LOC over each ``loc_name`` span only. Descriptors (``org_descr``,
  ``loc_descr``, ``job``) and ``geo_adj`` are dropped: Org "мэрии Москвы" gives no ORG and
  its LocOrg "Москвы" gives LOC; Org "МИД РФ" gives ORG "МИД" and LOC "РФ".
  ``Project`` and ``Facility`` are ignored.
* Nesting/overlap: all gold spans sorted by (start, -stop); a span starting inside the last
  kept one is dropped, whatever its type: the outermost (earliest, then longest) wins, e.g.
  ORG "фонда Владимира Потанина" (one org_name) is kept and the Person inside it dropped.
* Alignment: spans whose bounds are not razdel token bounds are dropped (gold and predicted).
* Metric: naeval's F1 is token-level, not span-level: each razdel token is inside/outside
  type T in gold and prediction; P = correct / predicted tokens, R = correct / gold tokens,
  summed over documents. ``result["token"]`` is that metric (comparable with ``baseline``);
  ``result["types"]``/``["micro"]`` are exact (start, end, type) span matches on the same gold.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from razdel import tokenize

TYPES = ("PER", "LOC", "ORG")
BASELINE = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}  # slovnet README / naeval, factru, F1
# object type -> (mapped type, span type kept; None = whole mention)
OBJECT_TYPES = {"Person": ("PER", None), "Org": ("ORG", "org_name"),
                "Location": ("LOC", "loc_name"), "LocOrg": ("LOC", "loc_name")}

Span = tuple[int, int, str]  # (start, end, type), end exclusive


@dataclass
class Document:
    id: str
    text: str
    spans: list[Span] = field(default_factory=list)  # gold, sorted, non-overlapping
    dropped: int = 0  # gold spans dropped as not token-aligned


def outermost(spans: list[Span]) -> list[Span]:
    """naeval's filter_overlapping_spans: keep a span unless it starts inside the last kept one."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and kept[-1][1] > span[0]:
            continue
        kept.append(span)
    return kept


def _token_bounds(text: str) -> tuple[set[int], set[int]]:
    tokens = list(tokenize(text))
    return {t.start for t in tokens}, {t.stop for t in tokens}


def aligned(spans: list[Span], text: str) -> list[Span]:
    """The spans whose start and end fall on razdel token bounds."""
    starts, stops = _token_bounds(text)
    return [s for s in spans if s[0] in starts and s[1] in stops]


def _read_lines(path: Path) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def _load_document(txt: Path) -> Document:
    text = txt.read_text(encoding="utf-8")
    spans = {}  # span id -> (type, start, stop)
    for line in _read_lines(txt.with_suffix(".spans")):
        sid, stype, start, size = line.split(None, 4)[:4]
        spans[sid] = (stype, int(start), int(start) + int(size))
    gold: list[Span] = []
    for line in _read_lines(txt.with_suffix(".objects")):
        fields = line.split("#", 1)[0].split()
        if fields[1] not in OBJECT_TYPES:
            continue
        label, keep = OBJECT_TYPES[fields[1]]
        parts = [spans[sid] for sid in fields[2:]]
        if keep is None:
            gold.append((min(p[1] for p in parts), max(p[2] for p in parts), label))
        else:
            gold += outermost([(p[1], p[2], label) for p in parts if p[0] == keep])
    gold = outermost(gold)
    kept = aligned(gold, text)
    return Document(txt.stem, text, kept, len(gold) - len(kept))


def _split_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1]))


def load_factrueval(folder: str | Path) -> list[Document]:
    """Documents of a split folder, or of devset + testset when given the dataset root."""
    folder = Path(folder)
    files = _split_files(folder)
    if not files:
        files = [f for split in ("devset", "testset") for f in _split_files(folder / split)]
    if not files:
        raise FileNotFoundError(f"no book_*.txt under {folder}")
    return [_load_document(f) for f in files]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def _table(counts: dict[str, list[int]]) -> tuple[dict, dict]:
    types = {t: _prf(*counts[t]) for t in TYPES}
    micro = _prf(*(sum(counts[t][i] for t in TYPES) for i in range(3)))
    return types, micro


def _add(counts: dict[str, list[int]], gold: set, pred: set) -> None:
    for t in TYPES:
        g = {x for x in gold if x[-1] == t}
        p = {x for x in pred if x[-1] == t}
        counts[t][0] += len(g & p)
        counts[t][1] += len(p - g)
        counts[t][2] += len(g - p)


def _token_labels(spans: list[Span], tokens: list) -> set[tuple[int, str]]:
    """(token index, type) for every razdel token inside a span (naeval's IO tagging)."""
    return {(i, t) for s, e, t in spans for i, tok in enumerate(tokens)
            if tok.start >= s and tok.stop <= e}


def load_models():
    """natasha's (Segmenter, NewsNERTagger); loaded once, passed to evaluate_natasha."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def evaluate_natasha(folder: str | Path, limit: int | None = None, models=None) -> dict:
    """Tag each document with natasha and score it against the gold (see module docstring)."""
    from natasha import Doc

    t0 = time.perf_counter()
    segmenter, tagger = models or load_models()
    docs = load_factrueval(folder)[:limit]
    t1 = time.perf_counter()
    span_counts = {t: [0, 0, 0] for t in TYPES}
    token_counts = {t: [0, 0, 0] for t in TYPES}
    for d in docs:
        doc = Doc(d.text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        pred = aligned([(s.start, s.stop, s.type) for s in doc.spans if s.type in TYPES], d.text)
        _add(span_counts, set(d.spans), set(pred))
        tokens = list(tokenize(d.text))
        _add(token_counts, _token_labels(d.spans, tokens), _token_labels(pred, tokens))
    seconds = time.perf_counter() - t1
    types, micro = _table(span_counts)
    token_types, token_micro = _table(token_counts)
    return {"types": types, "micro": micro,
            "token": {"types": token_types, "micro": token_micro},
            "documents": len(docs), "seconds": round(seconds, 2),
            "load_seconds": round(t1 - t0, 2), "dropped_gold": sum(d.dropped for d in docs),
            "baseline": dict(BASELINE)}


if __name__ == "__main__":  # python -m milcoop.bench.ner_factrueval [FOLDER] [LIMIT]
    import json
    import sys

    from .paths import shared_dir

    where = sys.argv[1] if len(sys.argv) > 1 else shared_dir() / "benchmarks/factrueval2016/testset"
    print(json.dumps(evaluate_natasha(where, int(sys.argv[2]) if len(sys.argv) > 2 else None),
                     indent=1))
