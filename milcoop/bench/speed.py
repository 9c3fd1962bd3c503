"""Speed: full extraction against natasha's NER alone, on the same articles, in the same run.

Each side runs in its own fresh process (``python -m milcoop.bench.speed MODE FILE REPEAT``)
so its peak RSS is its own; model loading is excluded from the timed part. The target is per core, and
the machine is shared: each side runs single-threaded (BLAS included) and is timed in CPU seconds of its
own process, which other processes' load barely moves, beside wall seconds; the sides alternate for a
few rounds and the best round of each counts (as ``timeit`` does), so a burst of load on one side does
not decide the ratio.
"""
from __future__ import annotations

import json
import os
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
    start, cpu = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(repeat):
        for rec in records:
            step(rec)
            n += 1
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "articles": n, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
            "articles_per_s": round(n / seconds, 2), "articles_per_cpu_s": round(n / cpu, 2),
            "peak_rss_mb": round(rss, 1)}


SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def measure(mode: str, path: Path, repeat: int) -> dict:
    res = subprocess.run([sys.executable, "-m", "milcoop.bench.speed", mode, str(path), str(repeat)],
                         capture_output=True, text=True, check=True, env={**os.environ, **SINGLE_THREAD})
    return json.loads(res.stdout.strip().splitlines()[-1])


def run(path: Path, repeat: int = 1, rounds: int = 2) -> dict:
    """The best of ``rounds`` alternating runs of each side; the ratio is of articles per CPU second."""
    runs: dict[str, list[dict]] = {"natasha": [], "milcoop": []}
    for _ in range(rounds):
        for mode in runs:
            runs[mode].append(measure(mode, path, repeat))
    base, full = (min(runs[m], key=lambda r: r["cpu_seconds"]) for m in ("natasha", "milcoop"))
    return {"articles": full["articles"], "seconds": full["seconds"], "cpu_seconds": full["cpu_seconds"],
            "articles_per_s": full["articles_per_s"],
            "articles_per_cpu_s": full["articles_per_cpu_s"], "peak_rss_mb": full["peak_rss_mb"],
            "rounds": rounds, "baseline": base,
            "ratio": round(full["articles_per_cpu_s"] / base["articles_per_cpu_s"], 3),
            "wall_ratio": round(full["articles_per_s"] / base["articles_per_s"], 3)}


if __name__ == "__main__":
    print(json.dumps(_worker(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))))
