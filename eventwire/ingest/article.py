"""The last step of every reader: a text and what is known about it become an Article.

All readers share it so that every format gets the same checks (empty text, not English), the same
ids (the given id, else the content hash) and the same default publication date.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.errors import InputError, SkippedArticle
from eventwire.ingest.ids import article_id_for
from eventwire.nlp.language import guess_language
from eventwire.records import Article

DEFAULT_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class ReadOptions:
    """What every reader needs to know beyond its input."""

    published: dt.date | None = None  # for inputs that carry no date of their own
    max_bytes: int = DEFAULT_MAX_BYTES


def parse_date(value: str) -> dt.date | None:
    """`YYYY-MM-DD`, ISO 8601 or RFC 822 (feeds) as the date written, or None.

    The date is taken in the timestamp's own time zone, not converted to UTC: "Mon, 25 Feb 2019
    23:30 -0500" was published on the 25th where it was written, which is what relative dates in
    the text ("on Saturday") refer to.
    """
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def finish_article(
    text: str,
    *,
    source: str,
    options: ReadOptions,
    line: int | None = None,
    article_source: str | None = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    flags: Iterable[str] = (),
) -> Article:
    """The Article, or InputError / SkippedArticle (raised) for text that must not go on.

    `source` and `line` say where a problem is reported; `article_source` is what the Article records
    as its origin (defaults to `source`, with `#line` for a line of a file).
    """
    if not text.strip():
        raise InputError("the text is empty or only whitespace", source, line)
    guess = guess_language(text)
    if guess.code is None:
        raise SkippedArticle(guess.reason(), source, line)
    if article_source is None:
        article_source = f"{source}#{line}" if line is not None else source
    title = " ".join(title.split()) if title else None
    return Article(
        id=id or article_id_for(text),
        text=text,
        title=title or None,
        url=url or None,
        published=published or options.published,
        source=article_source,
        language=guess.code,
        flags=list(flags),
    )
