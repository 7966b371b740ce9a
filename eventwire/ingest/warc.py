"""WARC and WARC.gz web archives: each successful HTML or plain-text capture is an article.

Read: `response` records with a 2xx status and `resource` records, whose media type is HTML (extracted
like an HTML file) or plain text. Everything else in a crawl — requests, metadata, warcinfo,
revisits, redirects, images, scripts — is not an article and passes without a report, or a crawl
would drown its real problems in noise.

`url` is the WARC-Target-URI, which is also the Article's source. `published` comes from the page's
own metadata only: WARC-Date is when the page was crawled, which can be years after publication, so
it is never used (the `published` option still fills in a date for pages without one).

Each record's Content-Length is checked before its payload is read. A broken record (bad header,
truncated or corrupt gzip) is reported; warcio cannot resynchronise after one, so the rest of that
file is reported as unread.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from eventwire.errors import InputError
from eventwire.ingest.article import ReadOptions, finish_article
from eventwire.ingest.decode import decode_text, read_limited, too_large
from eventwire.ingest.detect import SNIFF_BYTES, sniff_format
from eventwire.ingest.html import read_html
from eventwire.ingest.http import parse_content_type
from eventwire.records import Article

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
# warcio fails on malformed input with its own errors and also with plain Python ones (a response
# record without Target-URI gives AttributeError); caught around warcio's own calls only, never ours.
_WARCIO_FAILURES = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    AttributeError,
    TypeError,
    KeyError,
    IndexError,
)
_GZIP_MAGIC = b"\x1f\x8b"


def read_warc(stream: io.BufferedReader, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if sniff_format(head) != "warc":
        # warcio would try to read anything as a record, with warnings on stderr and no articles.
        yield InputError("not a WARC file (it does not start with a WARC/1.x record)", source)
        return
    compressed = head.startswith(_GZIP_MAGIC)
    tracked = _GzipTracker(stream) if compressed else stream
    records = ArchiveIterator(tracked)
    n_records = 0
    last: ArcWarcRecord | None = None
    while True:
        try:
            record = next(records, None)
        except _WARCIO_FAILURES as exc:
            yield InputError(f"the WARC file is broken after record {n_records}: {_describe(exc)}", source)
            return
        if record is None:
            break
        last = record
        n_records += 1
        item = _read_record(record, n_records, source, options)
        if item is not None:
            yield item
    # A cut inside the last record was reported with it (if it was an article); a cut inside the
    # next record's headers made warcio drop that record silently, so it is reported here.
    if isinstance(tracked, _GzipTracker) and not tracked.complete and not (last is not None and _is_cut(last)):
        yield InputError(f"the WARC file is cut off (truncated gzip) after record {n_records}", source)


def _is_cut(record: ArcWarcRecord) -> bool:
    """Whether the file ended before the record's Content-Length, once its block has been read.

    warcio hands out the short payload of such a record without complaint.
    """
    return getattr(record.raw_stream, "limit", 0) > 0


def _where(record: ArcWarcRecord, number: int, source: str) -> str:
    return f"{source}#{record.rec_headers.get_header('WARC-Target-URI') or f'record{number}'}"


def _read_record(record: ArcWarcRecord, number: int, source: str, options: ReadOptions) -> Article | InputError | None:
    """The article or error for one record; None for a record that is not an article."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = _where(record, number, source)
    if record.rec_type == "response":
        if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media_type, charset = parse_content_type(content_type)
    if media_type not in _HTML_TYPES | _TEXT_TYPES:
        return None
    if record.length is not None and record.length > options.max_bytes:
        return too_large(record.length, options.max_bytes, "the record", where)
    try:
        payload = read_limited(record.content_stream(), options.max_bytes, where, "the record's decoded content")
    except InputError as error:
        return error
    except _WARCIO_FAILURES as exc:
        return InputError(f"the record's content cannot be read: {_describe(exc)}", where)
    if _is_cut(record):
        return InputError("the record is cut off (truncated file)", where)
    try:
        if media_type in _HTML_TYPES:
            return read_html(payload, where, options, url=uri, charset=charset, article_source=uri or where)
        text, flags = decode_text(payload, where)
        return finish_article(text, source=where, options=options, article_source=uri, url=uri, flags=flags)
    except InputError as error:
        return error


def _describe(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class _GzipTracker:
    """Passes the file through to warcio while following its gzip members on the side.

    warcio ends silently when a file is cut off inside a gzip member (the record is simply lost);
    following the members tells whether the last one was complete.
    """

    _OUT_CHUNK = 1 << 16

    def __init__(self, stream: io.BufferedReader) -> None:
        self._stream = stream
        self._position = 0
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._inside_member = False
        self._corrupt = False

    @property
    def complete(self) -> bool:
        return self._corrupt or not self._inside_member  # corrupt data is warcio's to report

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        if not self._corrupt:
            try:
                self._follow(data)
            except zlib.error:
                self._corrupt = True
        return data

    def tell(self) -> int:
        return self._position

    def _follow(self, data: bytes) -> None:
        while data:
            self._inside_member = True
            # Output is discarded and produced in bounded pieces, so a compression bomb costs no memory.
            self._inflater.decompress(data, self._OUT_CHUNK)
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                data = self._inflater.unused_data + data
                self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
                self._inside_member = False
