"""HTML pages and fragments to text.

Whole pages go through trafilatura: its main-text extraction drops navigation, footers and other
boilerplate, and its metadata gives the title and publication date. Where trafilatura finds no title
or date, the page's own meta tags are read. Feed item bodies are fragments without boilerplate, so
they are only converted to text (trafilatura would drop short ones).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.article import ReadOptions, finish_article, parse_date
from eventwire.ingest.decode import binary_reason, decode_cp1252, decode_text
from eventwire.records import Article

# Only dates the page states for itself: `extensive_search` would also take dates mentioned in the
# article body, which are dates of events, not of publication.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
)
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr blockquote pre dd dt figcaption hr section article table".split()
)


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None
    published: dt.date | None
    url: str | None


def read_html(
    data: bytes,
    source: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    charset: str | None = None,
    article_source: str | None = None,
) -> Article:
    """One Article from an HTML page (raises InputError). `charset` is the HTTP header's, if any."""
    text, flags = decode_html(data, source, charset)
    page = extract_page(text, source, url)
    return finish_article(
        page.text,
        source=source,
        options=options,
        article_source=article_source,
        title=page.title,
        url=page.url,
        published=page.published,
        flags=flags,
    )


def decode_html(data: bytes, source: str, charset: str | None = None) -> tuple[str, list[str]]:
    """UTF-8 first (valid UTF-8 is almost never an accident), then the declared charset, then the
    general policy in `decode_text`."""
    reason = binary_reason(data)
    if reason:
        raise InputError(reason, source)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    declared = charset or _meta_charset(data)
    try:
        codec = codecs.lookup(declared).name if declared else None
    except LookupError:
        codec = None
    if codec in ("ascii", "iso8859-1"):
        # Pages labelled Latin-1 or ASCII are Windows-1252 in practice (browsers read them so).
        return decode_cp1252(data), []
    if codec:
        try:
            return data.decode(codec), []
        except UnicodeDecodeError:
            pass
    return decode_text(data, source)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def extract_page(html: str, source: str, url: str | None = None) -> PageText:
    head = html[:4096].lower()
    if "<body" not in head and "<html" not in head:
        # trafilatura finds nothing in a bare fragment ("<p>...</p>"), which saved snippets often are.
        html = f"<html><body>{html}</body></html>"
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise InputError(f"the HTML could not be parsed: {exc}", source) from exc
    text = document.text if document is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in HTML", source)
    title = document.title if document is not None else None
    published = parse_date(document.date) if document is not None and document.date else None
    page_url = url or (document.url if document is not None else None)
    if title is None or published is None:
        meta_title, meta_date = _meta_title_and_date(html)
        title = title or meta_title
        published = published or meta_date
    return PageText(text=text, title=title, published=published, url=page_url)


def _meta_title_and_date(html: str) -> tuple[str | None, dt.date | None]:
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.LxmlError):
        return None, None
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    title = metas.get("og:title") or metas.get("twitter:title") or root.findtext(".//title")
    published = None
    for key in _DATE_META:
        if key in metas and (published := parse_date(metas[key])):
            break
    if published is None:
        for time in root.iter("time"):
            if (stamp := time.get("datetime")) and (published := parse_date(stamp)):
                break
    return (title.strip() or None) if title else None, published


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment, one line per block element; scripts, styles and comments dropped."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.LxmlError):
        return ""
    parts: list[str] = []
    hidden_depth = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None  # None: a comment or instruction
        hidden = tag is None or tag in _HIDDEN_TAGS
        if event == "start":
            hidden_depth += hidden
            if not hidden_depth:
                parts.append("\n" if tag in _BLOCK_TAGS else "")
                parts.append(element.text or "")
            continue
        hidden_depth -= hidden
        if not hidden_depth:
            parts.append("\n" if tag in _BLOCK_TAGS else "")
            if element is not root:
                parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)
