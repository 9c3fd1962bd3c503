"""The progress bar of long commands (rich, on stderr): how much is done, how fast, how long is left.

The bar measures what is known in advance (bytes of input, or stored
articles); the count of articles done and their rate show beside it. On a
terminal it redraws in place and disappears at the end; elsewhere (a log, a
pipe) rich prints nothing, and ``--quiet`` turns it off on a terminal too.
"""
from __future__ import annotations

from rich.console import Console
from rich.progress import (BarColumn, DownloadColumn, MofNCompleteColumn, Progress, ProgressColumn, Task,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text


class Articles(ProgressColumn):
    """``1,234 articles, 12.5/s``: articles done (the task's ``articles`` field) and their rate so far."""

    def render(self, task: Task) -> Text:
        done = task.fields.get("articles", 0)
        elapsed = task.elapsed or 0.0
        rate = f", {done / elapsed:.1f}/s" if elapsed > 0 and done else ""
        return Text(f"{done:,} articles{rate}", style="progress.data.speed")


def by_bytes(console: Console, quiet: bool = False) -> Progress:
    """A bar over bytes of input (``advance`` by bytes read), with articles done (``update(articles=n)``)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), Articles(),
                    TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=console,
                    transient=True, disable=quiet)


def by_count(console: Console, quiet: bool = False) -> Progress:
    """A bar over a known number of articles (``advance`` by one), with their rate and the time left."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Articles(),
                    TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=console,
                    transient=True, disable=quiet)


__all__ = ["Articles", "by_bytes", "by_count"]
