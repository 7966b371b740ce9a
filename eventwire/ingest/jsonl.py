"""JSON Lines: one article object per line, `{"id", "text", "title"?, "url"?, "published"?}`.

Read line by line with a bounded readline, so a file of any size streams and one oversized line is
rejected without being held. A bad line is reported with its number and the next line is read.
A `.json` file that is one JSON document (an array of article objects, or one object spread over
several lines) is also accepted, read whole within the size limit; item 3 of an array is reported as
`file.json[3]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.article import ReadOptions, finish_article, parse_date
from eventwire.ingest.decode import decode_text, format_size, read_limited
from eventwire.records import Article

_SKIP_CHUNK = 1 << 16


def read_jsonl(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    line_no = 0
    first = True
    while raw := stream.readline(options.max_bytes + 1):
        line_no += 1
        if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield InputError(
                f"the line is longer than the {format_size(options.max_bytes)} size limit", source, line_no
            )
            continue
        if not raw.strip():
            continue
        if first and _starts_document(raw):
            yield from _read_document(raw, stream, source, options)
            return
        first = False
        try:
            text, flags = decode_text(raw, source, line_no)
            value = _loads(text, source, line_no)
            yield _article(value, source, options, line_no, flags)
        except InputError as error:
            yield error


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass


def _starts_document(raw: bytes) -> bool:
    """A first line that opens an array, or is only the `{` of a pretty-printed object.

    Anything else is a JSON Lines line, even a broken one: a damaged first line must not turn a
    large JSON Lines file into one unreadable document.
    """
    stripped = raw.lstrip(b"\xef\xbb\xbf").strip()
    return stripped.startswith(b"[") or stripped == b"{"


def _read_document(
    first_line: bytes, stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    try:
        rest = read_limited(stream, options.max_bytes - len(first_line), source, "the JSON document")
        text, flags = decode_text(first_line + rest, source)
        value = _loads(text, source, None)
    except InputError as error:
        yield error
        return
    if isinstance(value, dict):
        try:
            yield _article(value, source, options, None, flags)
        except InputError as error:
            yield error
        return
    if not isinstance(value, list):
        yield InputError("the JSON document is neither an article object nor an array of them", source)
        return
    for index, item in enumerate(value):
        try:
            yield _article(item, f"{source}[{index}]", options, None, flags)
        except InputError as error:
            yield error


def _loads(text: str, source: str, line: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" (at character {exc.colno})" if line is not None else f" (line {exc.lineno})"
        raise InputError(f"malformed JSON: {exc.msg}{where}", source, line) from exc
    except RecursionError as exc:
        raise InputError("malformed JSON: nested too deeply", source, line) from exc


def _article(
    value: Any,
    source: str,
    options: ReadOptions,
    line: int | None,
    flags: list[str],
) -> Article:
    def fail(message: str) -> InputError:
        return InputError(message, source, line)

    if not isinstance(value, dict):
        raise fail(f'expected a JSON object with a "text" field, got {_json_type(value)}')
    text = value.get("text")
    if text is None:
        raise fail('no "text" field')
    if not isinstance(text, str):
        raise fail(f'"text" must be a string, not {_json_type(text)}')
    given_id = value.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, str | int)):
        raise fail(f'"id" must be a string or an integer, not {_json_type(given_id)}')
    for key in ("title", "url", "published"):
        if value.get(key) is not None and not isinstance(value[key], str):
            raise fail(f'"{key}" must be a string, not {_json_type(value[key])}')
    published = None
    if value.get("published"):
        published = parse_date(value["published"])
        if published is None:
            raise fail(f'"published" is not a date (YYYY-MM-DD or ISO 8601): {value["published"]!r}')
    return finish_article(
        text,
        source=source,
        options=options,
        line=line,
        id=str(given_id) if given_id is not None else None,
        title=value.get("title"),
        url=value.get("url"),
        published=published,
        flags=flags,
    )


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array"}.get(
        type(value), "an object"
    )
