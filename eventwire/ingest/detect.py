"""Which reader a file needs: the `--input-format` override, else its content, else its extension.

Content wins over the extension when it is unambiguous (a `.txt` that is an HTML page, a `.xml` that is
XHTML, a file without extension), because users' files are often misnamed; the extension decides
only for content that says nothing (plain text, an HTML fragment).
"""

from __future__ import annotations

import re
import zlib

from eventwire.errors import ConfigError

FORMATS = ("text", "html", "jsonl", "feed", "warc")
_ALIASES = {
    "txt": "text",
    "plain": "text",
    "htm": "html",
    "json": "jsonl",
    "ndjson": "jsonl",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
    "warc.gz": "warc",
}
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"
# Leading noise before the first tag: BOM, whitespace, XML declaration, comments, a non-HTML doctype.
_PROLOGUE = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:\s+|<\?xml[^>]*>|<!--.*?-->|<!doctype\s+(?!html)[^>]*>)*", re.DOTALL | re.IGNORECASE
)
_FEED_ROOT = re.compile(rb"^<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"^<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_JSON_START = re.compile(rb'^(?:\xef\xbb\xbf)?\s*(?:\{\s*["}]|\[\s*(?:\{|\]))')


def normalise_format(name: str | None) -> str | None:
    """The reader name for an `--input-format` value (None: detect), or ConfigError."""
    if name is None:
        return None
    key = name.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ConfigError(f"unknown input format '{name}'; choose one of: {', '.join(FORMATS)}")
    return key


def format_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    dot = lower.rfind(".")
    return _EXTENSIONS.get(lower[dot:]) if dot > lower.rfind("/") else None


def sniff_format(head: bytes) -> str | None:
    """The format the first bytes of a file unambiguously show, or None."""
    if head.startswith(b"WARC/1."):
        return "warc"
    if head.startswith(_GZIP_MAGIC):
        return "warc" if _gunzip_head(head).startswith(b"WARC/1.") else None
    if _JSON_START.match(head):
        return "jsonl"
    body = _PROLOGUE.sub(b"", head, count=1)
    if _FEED_ROOT.match(body):
        return "feed"
    if _HTML_START.match(body):
        return "html"
    return None


def choose_format(head: bytes, name: str | None, override: str | None = None) -> str:
    """The reader for a file: override, sniffed content, extension, else plain text."""
    return override or sniff_format(head) or (format_from_name(name) if name else None) or "text"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 64)
    except zlib.error:
        return b""
