"""Event merging: ingest a clusters corpus into a fresh database and score the grouping.

Writes, for every article, the occasion its main event was filed under and
scores that with the reference scorer ``shared/eval/merge_score.py``
(called as a program, never copied).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ..api import ingest
from ..store import open_store


def run(articles: Path, gold: Path, scorer: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "merge.db"
        report = ingest([articles], str(db))
        pred = Path(tmp) / "pred.jsonl"
        with open_store(str(db)) as store, open(pred, "w", encoding="utf-8") as fh:
            ids = {}
            for article_id in store.article_ids():
                art = store.get_article(article_id)
                ids[art.external_id or article_id] = store.occasion_of(article_id) or article_id
            for ext, occ in ids.items():
                fh.write(json.dumps({"id": ext, "event": occ}) + "\n")
        res = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)],
                             capture_output=True, text=True, check=True)
        lines = res.stdout.strip().splitlines()
        wrong = [json.loads(l) for l in lines if l.startswith("{")]
        scores = {}
        for line in lines:
            if not line.startswith("{"):
                key, _, value = line.partition(" ")
                scores[key] = json.loads(value.strip())
        return {**scores, "wrong": wrong, "occasions": len(set(ids.values())), "errors": len(report.errors)}
