"""Speed: full extraction against natasha's NER alone, on the same articles, in the same run.

Each side runs in its own fresh process (``python -m milcoop.bench.speed MODE FILE REPEAT``)
so its peak RSS is its own; model loading is excluded from the timed part.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _texts(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _worker(mode: str, path: Path, repeat: int) -> dict:
    records = _texts(path)
    if mode == "natasha":
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

        segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

        def step(rec):
            doc = Doc(rec["text"])
            doc.segment(segmenter)
            doc.tag_ner(ner)
    else:
        from ..api import default_extractor
        from ..reading import clean
        from ..records import RawDocument

        extractor = default_extractor()

        def step(rec):
            raw = RawDocument(source="bench", external_id=rec.get("id"), text=rec["text"],
                              url=rec.get("url"), title=rec.get("title"), lang=rec.get("lang"))
            extractor.extract(clean(raw))
    # warm up on one article of each language: every language's models load outside the timed part
    for rec in {rec.get("lang"): rec for rec in reversed(records)}.values():
        step(rec)
    start = time.perf_counter()
    n = 0
    for _ in range(repeat):
        for rec in records:
            step(rec)
            n += 1
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "articles": n, "seconds": round(seconds, 3),
            "articles_per_s": round(n / seconds, 2), "peak_rss_mb": round(rss, 1)}


def measure(mode: str, path: Path, repeat: int) -> dict:
    res = subprocess.run([sys.executable, "-m", "milcoop.bench.speed", mode, str(path), str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run(path: Path, repeat: int = 1) -> dict:
    base = measure("natasha", path, repeat)
    full = measure("milcoop", path, repeat)
    return {"articles": full["articles"], "articles_per_s": full["articles_per_s"],
            "peak_rss_mb": full["peak_rss_mb"], "baseline": base,
            "ratio": round(full["articles_per_s"] / base["articles_per_s"], 3)}


if __name__ == "__main__":
    print(json.dumps(_worker(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))))
