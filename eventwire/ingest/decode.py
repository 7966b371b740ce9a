"""Bytes to text, refusing binary data and never loading more than the size limit.

Decoding policy (the text of an article must be exactly what the user gave, so nothing is guessed
silently): UTF-8 (with or without BOM, or UTF-16 with a BOM) is decoded as is. When a few bytes are
not valid UTF-8 in an otherwise UTF-8 text, they become U+FFFD and the article is flagged
`replaced_undecodable_bytes`. When most non-ASCII bytes are invalid, the file is in a legacy 8-bit
encoding: it is read as Windows-1252 (flag `decoded_as_cp1252`) only if the result looks like real text.
"""

from __future__ import annotations

import codecs
from typing import BinaryIO

from eventwire.errors import InputError

REPLACED_FLAG = "replaced_undecodable_bytes"
CP1252_FLAG = "decoded_as_cp1252"

# Formats people drop into a folder of articles by mistake, named so the report says what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office document"),
)
_CONTROL_BYTES = frozenset(range(32)) - frozenset(b"\t\n\r\f\v") | {0x7F}
# Latin-1 and Windows-1252 differ only in 0x80-0x9F, where Windows-1252 has punctuation, not controls.
_CP1252_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_SAMPLE = 65_536
_READ_CHUNK = 65_536
MAX_CONTROL_SHARE = 0.05
# Non-ASCII characters that Windows-1252 text commonly contains besides letters.
_LEGACY_PUNCTUATION = frozenset("‘’‚“”„–—…•€£¥§°±«»·¿¡©®™½¼¾ \u00a0")


def format_size(n_bytes: int) -> str:
    return f"{n_bytes / 1_000_000:.1f} MB" if n_bytes >= 100_000 else f"{n_bytes:,} bytes"


def too_large(n_bytes: int, max_bytes: int, what: str, source: str, line: int | None = None) -> InputError:
    return InputError(f"{what} is {format_size(n_bytes)}, above the {format_size(max_bytes)} size limit", source, line)


def read_limited(stream: BinaryIO, max_bytes: int, source: str, what: str = "the input") -> bytes:
    """Everything left in `stream`, or InputError once more than `max_bytes` arrive (never holds more).

    Read in chunks: `read(max_bytes + 1)` would allocate the whole limit even for a short file.
    """
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_READ_CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{what} is larger than the {format_size(max_bytes)} size limit", source)
    return b"".join(chunks)


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text (a known file signature, NUL bytes, many control bytes), or None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return f"binary data ({name}), not text"
    if b"\x00" in data:
        return "binary data (contains NUL bytes), not text"
    sample = data[:_SAMPLE]
    n_control = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and n_control / len(sample) > MAX_CONTROL_SHARE:
        return f"binary data ({n_control / len(sample):.0%} control bytes), not text"
    return None


def decode_text(data: bytes, source: str, line: int | None = None) -> tuple[str, list[str]]:
    """Text and flags for `data`, or InputError (binary or undecodable)."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        # UTF-32-LE starts with the UTF-16-LE BOM followed by two NULs; that is left to the binary check.
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            text = data[len(bom) :].decode(codec, errors="replace")
            flags = [REPLACED_FLAG] if "\ufffd" in text else []
            return text, flags
    reason = binary_reason(data)
    if reason:
        raise InputError(reason, source, line)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    return _decode_damaged(data, source, line)


def _decode_damaged(data: bytes, source: str, line: int | None) -> tuple[str, list[str]]:
    escaped = data.decode("utf-8", errors="surrogateescape")
    n_bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    n_high = sum(1 for byte in data if byte >= 0x80)
    few = n_bad <= max(16, len(data) // 100)
    if few and n_bad * 2 <= n_high:
        return data.decode("utf-8", errors="replace"), [REPLACED_FLAG]
    legacy = decode_cp1252(data)
    if looks_like_text(legacy):
        return legacy, [CP1252_FLAG]
    raise InputError(
        f"not valid UTF-8 ({n_bad:,} undecodable bytes) and not readable as Windows-1252 text either",
        source,
        line,
    )


def decode_cp1252(data: bytes) -> str:
    """Windows-1252, with Latin-1 for the five bytes it leaves undefined (as browsers do)."""
    return data.decode("latin-1").translate(_CP1252_C1)


def looks_like_text(text: str) -> bool:
    """Mostly letters and spaces, and its non-ASCII characters letters or usual punctuation.

    Random bytes read as Windows-1252 give about half symbols (¤ ¦ ¨ ± ¶ …) among the non-ASCII
    characters; real Western-European text gives almost none.
    """
    if not text:
        return False
    n_wordlike = sum(1 for ch in text if ch.isalpha() or ch.isspace())
    non_ascii = [ch for ch in text if ord(ch) >= 0x80]
    n_plausible = sum(1 for ch in non_ascii if ch.isalpha() or ch in _LEGACY_PUNCTUATION)
    return n_wordlike / len(text) >= 0.7 and (not non_ascii or n_plausible / len(non_ascii) >= 0.9)
