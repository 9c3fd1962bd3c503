"""Train milcoop's learned extraction decisions and write their model card.

    python training/extraction/train.py            # train + dev of ../shared, 5-fold CV, then fit on all
    python training/extraction/train.py --out /tmp/x.json --card /tmp/card.md --k 3

Records every question the extractor asks of each annotated article (the
rules deciding, the gold relevance followed), cross-validates the decisions
by article (folds fixed by --seed), fits them on all the articles, and
writes the models (milcoop/models/extraction.json) and the model card with
the held-out and in-sample scores. Deterministic: the same data and seed
give the same files. About a minute on one core.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from milcoop.bench.paths import shared_dir  # noqa: E402
from milcoop.learn.cv import FIELDS, cross_validate, load_corpus  # noqa: E402
from milcoop.learn.store import MODELS, save_models  # noqa: E402
from milcoop.learn.train import DECISIONS  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", help="corpus folders (default: shared train and dev)")
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--card", type=Path, default=MODELS.with_name("MODEL_CARD.md"))
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    corpus = args.corpus or [shared_dir() / "corpus" / "train", shared_dir() / "corpus" / "dev"]
    articles, golds = load_corpus(corpus)
    scorer = shared_dir() / "eval" / "score.py"
    result = cross_validate(articles, golds, scorer, k=args.k, seed=args.seed)
    models = result["models"]
    meta = {"trained_on": [str(c.name) for c in corpus], "articles": result["articles"], "k": args.k,
            "seed": args.seed, "cv_score": result["cv"]["all"]["score"],
            "in_sample_score": result["in_sample"]["all"]["score"]}
    save_models(models, args.out, meta)
    args.card.write_text(card(result, corpus, models), encoding="utf-8")
    print(f"models -> {args.out}; card -> {args.card}")
    print(f"held out (mean of {args.k} folds): {result['cv']['all']['score']:.4f}; "
          f"in-sample: {result['in_sample']['all']['score']:.4f}")
    return 0


def _table(result: dict) -> str:
    langs = sorted(g for g in result["cv"] if g != "all")
    head = "| field | held out all | " + " | ".join(f"held out {g}" for g in langs) + " | in-sample all | gap |"
    lines = [head, "|" + "---|" * (len(langs) + 4)]
    for f in [*FIELDS, "score"]:
        held, fit = result["cv"]["all"][f], result["in_sample"]["all"][f]
        cells = [f"{v:.3f}" if v is not None else "" for v in
                 [held, *(result["cv"][g][f] for g in langs), fit, (fit - held) if held is not None else None]]
        lines.append(f"| {'**score**' if f == 'score' else f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def card(result: dict, corpus: list[Path], models: dict) -> str:
    rows = "\n".join(f"| {name} | {m.meta['examples']} | {m.meta['features']} | {m.meta['C']} | "
                     + ", ".join(f"{k} {m.meta[k]}" for k in ("drop", "add", "margin") if k in m.meta) + " |"
                     for name, m in sorted(models.items()))
    rule_only = ", ".join(sorted(set(DECISIONS) ^ set(models))) or "none"
    return f"""# Model card: milcoop's learned extraction decisions

`milcoop/models/extraction.json`, written by `python training/extraction/train.py` on {date.today().isoformat()}.

## What they decide
The rules (lexicon cues, gazetteers, the NER) propose candidates: event types, party countries,
organisations, cooperation areas, participants and each one's role and country, documents and their
status, named exercises, the occasion's date and place. Each candidate is described by features
(where its cues sit, how often and where it is named, whether the rule keeps it...); one L2-regularised
logistic regression per decision keeps candidates (above a threshold) or picks the likeliest option.
Choices (a participant's role and country, a document's status, the date, the place) are scored option
by option with features that say how the text agrees with each option, so one model serves every label.
Without the file, or for a decision it does not hold, the rule decides.

| decision | examples | features | C | thresholds |
|---|---|---|---|---|
{rows}

Decisions left with the rule (a model did not beat it held out): {rule_only}.

## Data
{', '.join(str(c) for c in corpus)}: {result['articles']} annotated reports (Russian, Kazakh, English; real
reports rewritten with every fact kept, see `shared/corpus/README.md`). Training examples are made by the
extractor itself: every question it asks of an article is recorded and aligned with the gold record
(persons by surname across scripts, documents by type and period, dates at the gold's precision).

## Method
scikit-learn `LogisticRegression` (lbfgs) over `DictVectorizer` features; stored as plain JSON weights and
applied without scikit-learn. Thresholds and C were chosen by the cross-validation below.

## Scores
{result['k']}-fold cross-validation by article (folds fixed by seed {result['seed']}, dealt within each
language), scored by `shared/eval/score.py`: the mean over the held-out folds, beside the in-sample
score of the models fitted on everything (what ships). Reproduce: `milcoop benchmark accuracy --cv 5`.

{_table(result)}

Participants precision: held out {result['participants_precision']['cv']:.3f}, in-sample
{result['participants_precision']['in_sample']:.3f}.

## Limits
- 302 articles are few: rare labels (award, call; protocol, roadmap) have a handful of examples, so the
  models mostly re-weigh the rules' own evidence; a candidate the rules never propose cannot be recovered.
- The corpora over-represent Kazakhstan's partners; no feature names a country, so nothing is tied to one.
"""


if __name__ == "__main__":
    sys.exit(main())
