"""RSS and Atom feeds, from files or over HTTP (with ETag / Last-Modified for polling).

Each item becomes an Article: the text from `content:encoded` / Atom `content`, else the summary,
converted from HTML to text; the link as url; the guid as id (else the content hash); the item date as
`published`. A feed document is parsed whole by feedparser, so the size limit applies to the document.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import feedparser

from eventwire.errors import InputError
from eventwire.ingest.article import DEFAULT_MAX_BYTES, ReadOptions, finish_article, parse_date
from eventwire.ingest.decode import binary_reason
from eventwire.ingest.detect import SNIFF_BYTES, sniff_format
from eventwire.ingest.html import fragment_text
from eventwire.ingest.http import DEFAULT_TIMEOUT, http_get
from eventwire.records import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# feedparser reports most malformed feeds as `bozo`, but raises on some (a garbled XML encoding
# declaration gives UnicodeDecodeError); caught around its call only.
_FEEDPARSER_FAILURES = (ValueError, LookupError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True)
class FeedFetch:
    """One poll of a feed URL.

    `etag` and `last_modified` are the validators to send on the next poll: the server's new ones
    after a 200, else the ones passed in, so a poller can always keep the latest FeedFetch's values.
    A failure to fetch or parse the feed is one InputError in `entries` (`status` is the HTTP error
    status, or 0 when no HTTP answer came), so a poller reports it like any other problem and tries
    again later.
    """

    url: str
    status: int
    etag: str | None
    last_modified: str | None
    entries: list[Article | InputError] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch_feed(
    url: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published: dt.date | None = None,
) -> FeedFetch:
    """GET a feed, conditionally when `etag` / `modified` (a Last-Modified value) are given."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    try:
        response = http_get(url, timeout=timeout, max_bytes=max_bytes, headers=headers)
    except InputError as error:
        return FeedFetch(url, 0, etag, modified, [error])
    if error := response.error(url):
        return FeedFetch(response.url, response.status, etag, modified, [error])
    new_etag = response.headers.get("etag") or etag
    new_modified = response.headers.get("last-modified") or modified
    if response.status == 304:
        return FeedFetch(response.url, response.status, new_etag, new_modified)
    options = ReadOptions(published=published, max_bytes=max_bytes)
    entries = list(read_feed(response.body, url, options, response.headers.get("content-type")))
    return FeedFetch(response.url, response.status, new_etag, new_modified, entries)


def read_feed(
    data: bytes, source: str, options: ReadOptions, content_type: str | None = None
) -> Iterator[Article | InputError]:
    """Articles (or errors) for the items of an RSS or Atom document."""
    reason = binary_reason(data)
    if reason:
        yield InputError(reason, source)
        return
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except _FEEDPARSER_FAILURES as exc:
        yield InputError(f"not a readable RSS or Atom feed: {type(exc).__name__}: {exc}", source)
        return
    if not parsed.entries:
        if sniff_format(data[:SNIFF_BYTES]) == "html":
            yield InputError("not an RSS or Atom feed (it is an HTML page)", source)
        elif parsed.get("bozo"):
            yield InputError(f"not a readable RSS or Atom feed: {parsed.get('bozo_exception')}", source)
        elif not parsed.get("version"):
            yield InputError("not an RSS or Atom feed", source)
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#item{number}"
        try:
            yield _article(entry, where, options)
        except InputError as error:
            yield error


def _article(entry: Any, where: str, options: ReadOptions) -> Article:
    text = _entry_text(entry)
    if not text:
        raise InputError("the feed item has no text (no content or summary)", where)
    title = entry.get("title")
    if title and entry.get("title_detail", {}).get("type") in _HTML_TYPES:
        title = fragment_text(title)
    return finish_article(
        text,
        source=where,
        options=options,
        id=(entry.get("id") or "").strip() or None,
        title=title,
        url=entry.get("link"),
        published=_entry_date(entry),
    )


def _entry_text(entry: Any) -> str:
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    for part in candidates:
        value = part.get("value") or ""
        text = fragment_text(value) if part.get("type", "text/html") in _HTML_TYPES else value.strip()
        if text:
            return text
    return ""


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published", "updated", "created"):
        if entry.get(key) and (date := parse_date(entry[key])):
            return date
    # feedparser also understands date formats parse_date does not, but only as UTC.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if stamp := entry.get(key):
            return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None
