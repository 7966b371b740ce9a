"""Fetching one URL politely and safely: a User-Agent, a timeout, few redirects, a byte limit.

The body is streamed and abandoned as soon as it passes the limit, so a huge or endless response
costs at most `max_bytes` of memory; a deadline bounds a server that drips bytes slowly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from eventwire.errors import InputError
from eventwire.ingest.decode import format_size

USER_AGENT = "eventwire/0.1"
DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class HttpResponse:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes  # empty for 304 Not Modified, error statuses and refused bodies
    problem: str | None = None  # why the body was refused (too large, too slow)

    def error(self, source: str) -> InputError | None:
        """An InputError for an HTTP error status (4xx, 5xx) or a refused body, else None."""
        if self.problem:
            return InputError(self.problem, source)
        if self.status >= 400:
            reason = httpx.codes.get_reason_phrase(self.status)
            return InputError(f"the server answered HTTP {self.status} {reason}", source)
        return None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def parse_content_type(content_type: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header value."""
    media_type, _, params = (content_type or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def http_get(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """GET `url`; InputError when no HTTP answer comes (network failure, timeout, redirect loop).

    An error status, or a body over `max_bytes`, comes back as a response without body (see
    `error`), so a poller can still tell a 404 or a huge feed from a network failure.
    """
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code == httpx.codes.NOT_MODIFIED or response.status_code >= 400:
                return HttpResponse(str(response.url), response.status_code, response.headers, b"")
            body, problem = _read_body(response, max_bytes, deadline, timeout)
            return HttpResponse(str(response.url), response.status_code, response.headers, body, problem)
    except httpx.TimeoutException as exc:
        raise InputError(f"no answer within {timeout:g} s ({type(exc).__name__})", url) from exc
    except httpx.TooManyRedirects as exc:
        raise InputError(f"more than {MAX_REDIRECTS} redirects", url) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise InputError(f"could not fetch the URL: {exc or type(exc).__name__}", url) from exc


def _read_body(response: httpx.Response, max_bytes: int, deadline: float, timeout: float) -> tuple[bytes, str | None]:
    """The body, or no body and the reason it was abandoned."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return b"", f"the response is {format_size(int(declared))}, above the {format_size(max_bytes)} size limit"
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            return b"", f"the response is larger than the {format_size(max_bytes)} size limit"
        if time.monotonic() > deadline:
            return b"", f"the response took longer than {timeout:g} s to arrive"
        chunks.append(chunk)
    return b"".join(chunks), None
