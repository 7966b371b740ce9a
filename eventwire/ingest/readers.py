"""The one way articles come in: `iter_articles(sources)` over files, folders, URLs and stdin.

Every problem becomes an InputError in the stream (with the file, and the line where there is one)
instead of an exception, so the caller reports it, records it, and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator

from eventwire.errors import ConfigError, InputError
from eventwire.ingest.article import DEFAULT_MAX_BYTES, ReadOptions, finish_article
from eventwire.ingest.decode import binary_reason, decode_text, read_limited, too_large
from eventwire.ingest.detect import SNIFF_BYTES, choose_format, format_from_name, normalise_format
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.http import DEFAULT_TIMEOUT, http_get, is_url, parse_content_type
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.warc import read_warc
from eventwire.records import Article

STDIN = "-"
_STDIN_NAME = "<stdin>"


def iter_articles(
    sources: Iterable[str],
    *,
    input_format: str | None = None,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | InputError]:
    """Articles from files, folders, http(s) URLs and `-` (stdin), in order; an InputError (or
    SkippedArticle) in place of each problem.

    Folders are walked recursively in name order; hidden entries, and files whose extension is not
    an input format's (.txt .html .htm .xhtml .jsonl .json .ndjson .xml .rss .atom .warc .warc.gz),
    are skipped there. Files without extension are sniffed.

    `input_format` overrides detection (text, html, jsonl, feed, warc); `published` is the date for
    articles that carry none; no single text, line, record or response over `max_bytes` is loaded.
    Raises ConfigError at once for an unknown format or a non-positive limit.
    """
    if isinstance(sources, str):
        sources = [sources]  # a single path, not an iterable of one-character paths
    format_override = normalise_format(input_format)
    if max_bytes <= 0:
        raise ConfigError(f"the size limit must be a positive number of bytes, not {max_bytes}")
    return _iter_sources(sources, format_override, ReadOptions(published=published, max_bytes=max_bytes))


def _iter_sources(
    sources: Iterable[str], format_override: str | None, options: ReadOptions
) -> Iterator[Article | InputError]:
    for source in sources:
        if source == STDIN:
            yield from _read_stdin(format_override, options)
        elif is_url(source):
            yield from _read_url(source, format_override, options)
        else:
            yield from _read_path(source, format_override, options)


def _read_path(path: str, format_override: str | None, options: ReadOptions) -> Iterator[Article | InputError]:
    files = _walk(path) if os.path.isdir(path) else iter([path])
    for file in files:
        if isinstance(file, InputError):
            yield file
        else:
            yield from _read_file(file, format_override, options)


def _walk(folder: str) -> Iterator[str | InputError]:
    """Input files under `folder`, depth first in name order.

    Skipped: hidden entries; symlinked folders (a link loop could recurse forever); files whose
    extension is not an input format's (a README.md, a script, images beside the articles are not
    articles; named explicitly, any file is read). Files without extension are read and sniffed.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(f"cannot list the folder: {exc.strerror or exc}", folder)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_file() and (format_from_name(entry.name) or "." not in entry.name):
            yield entry.path


def _read_file(path: str, format_override: str | None, options: ReadOptions) -> Iterator[Article | InputError]:
    try:
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            # A pipe or device (`<(command)`, /dev/stdin) has no size to check up front; reading is bounded anyway.
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            yield from _read_stream(stream, path, path, format_override, options, size=size)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path)


def _read_stdin(format_override: str | None, options: ReadOptions) -> Iterator[Article | InputError]:
    stream = sys.stdin.buffer
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream)  # peek() is needed for sniffing the format
    yield from _read_stream(stream, _STDIN_NAME, None, format_override, options)


def _read_url(url: str, format_override: str | None, options: ReadOptions) -> Iterator[Article | InputError]:
    """A feed URL gives its items; a page URL (HTML or plain text) gives one article."""
    try:
        response = http_get(url, timeout=DEFAULT_TIMEOUT, max_bytes=options.max_bytes)
    except InputError as error:
        yield error
        return
    if error := response.error(url):
        yield error
        return
    content_type = response.headers.get("content-type")
    name = _name_for_content_type(content_type) or response.url.split("?", 1)[0]
    stream = io.BufferedReader(io.BytesIO(response.body))
    yield from _read_stream(
        stream,
        url,
        name,
        format_override,
        options,
        size=len(response.body),
        url=response.url,
        content_type=content_type,
    )


def _name_for_content_type(content_type: str | None) -> str | None:
    """A file name whose extension stands for the media type, so the same detection applies."""
    media_type = parse_content_type(content_type)[0]
    if media_type in ("text/html", "application/xhtml+xml"):
        return "page.html"
    if media_type.endswith(("rss+xml", "atom+xml", "/xml")):
        return "feed.xml"
    if media_type in ("application/x-ndjson", "application/jsonl", "application/json"):
        return "page.jsonl"
    if media_type == "text/plain":
        return "page.txt"
    return None


def _read_stream(
    stream: io.BufferedReader,
    source: str,
    name: str | None,
    format_override: str | None,
    options: ReadOptions,
    *,
    size: int | None = None,
    url: str | None = None,
    content_type: str | None = None,
) -> Iterator[Article | InputError]:
    """Dispatch one input to its reader. `name` carries the extension; `size` is known for files."""
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if not head:
        yield InputError("the input is empty", source)
        return
    reader = choose_format(head, name, format_override)
    if reader == "warc":
        yield from read_warc(stream, source, options)
        return
    if reader == "jsonl":
        reason = binary_reason(head)
        if reason:
            yield InputError(reason, source)
        else:
            yield from read_jsonl(stream, source, options)
        return
    try:
        if size is not None and size > options.max_bytes:
            raise too_large(size, options.max_bytes, "the file", source)
        data = read_limited(stream, options.max_bytes, source, "the file")
        if reader == "feed":
            yield from read_feed(data, source, options, content_type)
        elif reader == "html":
            yield read_html(data, source, options, url=url, charset=parse_content_type(content_type)[1])
        else:
            if not data.strip():
                raise InputError("the file contains only whitespace", source)
            text, flags = decode_text(data, source)
            yield finish_article(text, source=source, options=options, url=url, flags=flags)
    except InputError as error:
        yield error
