"""How the CLI talks to a person on stderr: problems, progress, the final tally.

Progress bars appear only when stderr is a terminal and `--quiet` is off, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from eventwire.errors import InputError
from eventwire.records import Article, ArticleResult

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class ConsoleReporter:
    """Reports each problem on stderr and shows a live tally while articles are processed."""

    def __init__(self, quiet: bool = False, label: str = "extracting") -> None:
        self.quiet = quiet
        self.show_progress = not quiet and sys.stderr.isatty()
        self._progress: Progress | None = None
        self._task = None
        self._label = label
        self._events = 0

    def __enter__(self) -> ConsoleReporter:
        if self.show_progress:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[events]} events"),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=None, events=0)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def article_done(self, article: Article, result: ArticleResult) -> None:
        self._events += len(result.events)
        if article.flags and not self.quiet:
            # Repaired input is stored, but a person should know its text is not exactly the source's.
            stderr.print(f"[yellow]warning[/yellow]: {article.source or article.id}: {', '.join(article.flags)}")
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, events=self._events)

    def problem(self, error: InputError, kind: str) -> None:
        # Problems are reported even with --quiet: a skipped or failed article must never go unnoticed.
        style = "yellow" if kind == "skipped" else "red"
        stderr.print(f"[{style}]{kind}[/{style}]: {error}", markup=True)


def say(message: str, quiet: bool = False) -> None:
    if not quiet:
        stderr.print(message, markup=False)
