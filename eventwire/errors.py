"""Every exception eventwire raises on purpose. A user sees the message; `--debug` shows the traceback."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: the message is a sentence meant for the user."""


class InputError(EventwireError):
    """An article or input file that cannot be read (binary, empty, malformed, too large)."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.args[0]}"


class SkippedArticle(InputError):
    """An article deliberately not processed (e.g. not English); reported but not a failure."""


class ExtractionError(EventwireError):
    """The NLP pipeline failed on one article."""


class StoreError(EventwireError):
    """The database could not be opened, migrated or written."""


class ConfigError(EventwireError):
    """A setting (database URL, dictionary file, option) is invalid."""
