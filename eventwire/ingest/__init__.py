"""Readers: plain text, HTML, JSON Lines, RSS/Atom, WARC -> Article (or InputError).

`iter_articles` is the entry point for files, folders, URLs and stdin; `fetch_feed` polls one feed
URL with ETag / Last-Modified (for `ingest --watch`).
"""

from eventwire.ingest.feeds import FeedFetch, fetch_feed
from eventwire.ingest.readers import iter_articles

__all__ = ["FeedFetch", "fetch_feed", "iter_articles"]
