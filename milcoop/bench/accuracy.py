"""Extraction accuracy: run the extractor on a corpus and score it with the reference scorer.

The scorer (``shared/eval/score.py``) is called as a program, never copied,
so the figures are the ones anyone reproduces with it.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from ..api import extract_file
from ..errors import InputError


def _lang_of(articles: Path) -> dict[str, str]:
    out = {}
    with open(articles, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec.get("lang") or "?"
    return out


def score_file(scorer: Path, gold: Path, pred: Path) -> dict:
    res = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run(articles: Path, gold: Path, scorer: Path, by_lang: bool = True) -> dict:
    """{'all': scores, 'by_lang': {lang: scores}} for the extractor on ``articles``."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with open(pred, "w", encoding="utf-8") as fh:
            for item in extract_file(articles):
                if not isinstance(item, InputError):
                    fh.write(item.model_dump_json() + "\n")
        result = {"articles": str(articles), "all": score_file(scorer, gold, pred), "by_lang": {}}
        if by_lang:
            langs = _lang_of(articles)
            groups: dict[str, list[str]] = defaultdict(list)
            with open(gold, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        groups[langs.get(json.loads(line)["id"], "?")].append(line)
            if len(groups) > 1:
                for lang, lines in sorted(groups.items()):
                    sub = Path(tmp) / f"gold.{lang}.jsonl"
                    sub.write_text("".join(lines), encoding="utf-8")
                    result["by_lang"][lang] = score_file(scorer, sub, pred)
    return result
