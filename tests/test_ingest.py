"""Ingestion: every reader on real files, auto-detection, bad input, limits, feeds over local HTTP."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import secrets
import shutil
import sys
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import ConfigError, InputError, SkippedArticle
from eventwire.ingest import FeedFetch, fetch_feed, iter_articles
from eventwire.ingest.article import parse_date
from eventwire.ingest.decode import CP1252_FLAG, REPLACED_FLAG
from eventwire.ingest.ids import article_id_for
from eventwire.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SAMPLE = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "sample"
ENGLISH = (
    "Soldiers and police were deployed across the capital on Sunday after two days of protests over the "
    "disputed election, and the interior minister said that more than forty people had been arrested."
)


def read(*sources: str | Path, **options: object) -> tuple[list[Article], list[InputError]]:
    items = list(iter_articles([str(s) for s in sources], **options))  # type: ignore[arg-type]
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def read_measuring_memory(*sources: str | Path, **options: object) -> tuple[list[Article], list[InputError], int]:
    """`read`, and the peak of memory allocated meanwhile (after a warm-up, so lazy caches don't count)."""
    read(FIXTURES / "article.txt", FIXTURES / "page.html")
    tracemalloc.start()
    try:
        articles, errors = read(*sources, **options)
        return articles, errors, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def only(items: list[Article]) -> Article:
    assert len(items) == 1, items
    return items[0]


# --- readers on the fixture files -------------------------------------------------------------


def test_plain_text_is_read_verbatim() -> None:
    path = FIXTURES / "article.txt"
    articles, errors = read(path)
    assert errors == []
    article = only(articles)
    assert article.text == path.read_text(encoding="utf-8")
    assert article.id == article_id_for(article.text)
    assert article.source == str(path)
    assert (article.title, article.url, article.published, article.language) == (None, None, None, "en")


def test_plain_text_keeps_crlf_and_drops_only_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ENGLISH.replace(", and", ",\r\nand").encode())
    article = only(read(path)[0])
    assert article.text == ENGLISH.replace(", and", ",\r\nand")
    assert article.flags == []


def test_published_option_fills_only_missing_dates() -> None:
    default = dt.date(2024, 1, 1)
    articles, _ = read(FIXTURES / "article.txt", FIXTURES / "articles.jsonl", published=default)
    assert [a.published for a in articles] == [default, dt.date(2020, 3, 2), dt.date(2020, 3, 3), default]


def test_html_page_main_text_title_date_without_boilerplate() -> None:
    article = only(read(FIXTURES / "page.html")[0])
    assert "More than 6,000 people have left their homes" in article.text
    assert "schools have been turned into temporary shelters." in article.text
    for boilerplate in ("Subscribe", "Privacy policy", "Copyright", "Most read", "Transfer rumours"):
        assert boilerplate not in article.text
    assert article.title == "Floods force thousands from homes in river delta"
    assert article.published == dt.date(2021, 8, 14)
    assert article.url == "https://gazette.example.org/2021/08/14/delta-floods"


def test_html_date_from_meta_tags_when_trafilatura_has_none(tmp_path: Path) -> None:
    page = tmp_path / "story.htm"
    page.write_text(
        f"<html><head><meta name='dc.date' content='2018-06-30'></head><body><p>{ENGLISH}</p></body></html>"
    )
    article = only(read(page)[0])
    assert article.text == ENGLISH
    assert article.published == dt.date(2018, 6, 30)


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>")
    articles, errors = read(page)
    assert articles == []
    assert [(e.source, e.args[0]) for e in errors] == [(str(page), "no article text found in HTML")]


def test_jsonl_ids_dates_and_extra_fields() -> None:
    path = FIXTURES / "articles.jsonl"
    articles, errors = read(path)
    assert errors == []
    assert [a.id for a in articles[:2]] == ["wire-001", "wire-002"]
    assert articles[2].id == article_id_for(articles[2].text)
    assert [a.published for a in articles] == [dt.date(2020, 3, 2), dt.date(2020, 3, 3), None]
    assert articles[0].title == "Ceasefire talks resume"
    assert articles[0].url == "https://wire.example.net/001"
    assert [a.source for a in articles] == [f"{path}#{n}" for n in (1, 2, 3)]
    assert articles[1].text.startswith("Gunmen attacked a police post")


def test_jsonl_text_is_verbatim(tmp_path: Path) -> None:
    text = "  Line one.\r\n\tLine two with “quotes” and an émigré.  \n" + ENGLISH
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": 7, "text": text}) + "\n")
    article = only(read(path)[0])
    assert article.text == text
    assert article.id == "7"


def test_json_array_document(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(f'[\n  {{"id": "a", "text": "{ENGLISH}"}},\n  {{"id": "b"}}\n]\n')
    articles, errors = read(path)
    assert [a.id for a in articles] == ["a"]
    assert [(e.source, e.args[0]) for e in errors] == [(f"{path}[1]", 'no "text" field')]


def test_jsonl_with_a_broken_first_line(tmp_path: Path) -> None:
    path = tmp_path / "damaged.jsonl"
    path.write_text(f'{{"id": "cut", "text": "Half a line\n{{"id": "whole", "text": "{ENGLISH}"}}\n')
    articles, errors = read(path)
    assert [a.id for a in articles] == ["whole"]
    assert [(e.line, e.args[0].startswith("malformed JSON")) for e in errors] == [(1, True)]


def test_pretty_printed_json_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "pretty", "text": ENGLISH}, indent=2))
    assert only(read(path)[0]).id == "pretty"


def test_rss_items() -> None:
    path = FIXTURES / "wire.rss"
    articles, errors = read(path)
    assert errors == []
    first, second = articles
    assert first.id == "wire-2022-0517-vote"
    assert first.title == "Election commission postpones vote"
    assert first.url == "https://wire.example.net/2022/05/vote-postponed"
    # content:encoded wins over the description; HTML becomes text, one line per block, no script.
    assert first.text.startswith("The national election commission said on Tuesday")
    assert "pretext.\nProtests are planned" in first.text
    assert "<" not in first.text and "trackPageView" not in first.text
    # 23:15 in New York on the 17th is the 18th in UTC; the date as published is kept.
    assert first.published == dt.date(2022, 5, 17)
    assert second.id == article_id_for(second.text)
    assert second.text.startswith("A convoy of twelve trucks") and "<p>" not in second.text
    assert second.source == f"{path}#item2"


def test_atom_entries() -> None:
    articles, errors = read(FIXTURES / "world.atom")
    assert errors == []
    first, second = articles
    assert first.id == "tag:desk.example.com,2023:port-strike"
    assert first.title == "Strike shuts ports for a second day"
    assert first.url == "https://desk.example.com/port-strike"
    assert first.published == dt.date(2023, 1, 9)
    assert first.text.startswith("Dock workers kept the country's two main ports closed")
    assert second.published == dt.date(2023, 1, 10)
    assert second.text.startswith("The defence minister resigned")


# --- WARC -----------------------------------------------------------------------------------------

PAGE_WITH_DATE = (
    "<html><head><title>Riot police clear square</title>"
    "<meta property='article:published_time' content='2019-11-02T10:00:00Z'></head>"
    f"<body><nav><a href='/'>Home</a></nav><article><p>{ENGLISH}</p></article></body></html>"
)
PLAIN_TEXT = (
    "Rebels said on Monday that they had taken control of the airport road after heavy fighting "
    "with government forces, a claim the army denied."
)


def write_warc(path: Path, *, gzip_records: bool = True, extra_html: int = 0) -> None:
    """A small crawl: warcinfo, request, HTML response, image, 404 page, text resource, metadata."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)

        request_headers = StatusAndHeaders("GET /news/1 HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record("https://news.example/news/1", "request", http_headers=request_headers)
        )
        response("https://news.example/news/1", "200 OK", "text/html; charset=utf-8", PAGE_WITH_DATE.encode())
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
        response("https://news.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>")
        writer.write_record(
            writer.create_warc_record(
                "urn:example:bulletin-7",
                "resource",
                payload=io.BytesIO(PLAIN_TEXT.encode()),
                warc_content_type="text/plain; charset=utf-8",
            )
        )
        for n in range(extra_html):
            body = PAGE_WITH_DATE.replace("Riot police", f"Story {n}").encode() + b" " * 1000
            response(f"https://news.example/extra/{n}", "200 OK", "text/html", body)
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/news/1",
                "metadata",
                payload=io.BytesIO(b"outlinks: https://news.example/"),
                warc_content_type="application/warc-fields",
            )
        )


@pytest.mark.parametrize("name,compressed", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_response_and_resource_records(tmp_path: Path, name: str, compressed: bool) -> None:
    path = tmp_path / name
    write_warc(path, gzip_records=compressed)
    articles, errors = read(path, published=dt.date(2025, 1, 1))
    assert errors == []
    page, bulletin = articles
    assert page.url == page.source == "https://news.example/news/1"
    assert page.text == ENGLISH
    assert page.title == "Riot police clear square"
    assert page.published == dt.date(2019, 11, 2)  # the page's date, not the crawl date
    assert bulletin.text == PLAIN_TEXT
    assert bulletin.url == "urn:example:bulletin-7"
    assert bulletin.published == dt.date(2025, 1, 1)  # WARC-Date is never taken as publication


def test_warc_truncated_in_a_payload(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    write_warc(path, extra_html=3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 400])  # cuts into the last HTML page
    articles, errors = read(path)
    assert [a.url for a in articles] == [
        "https://news.example/news/1",
        "urn:example:bulletin-7",
        "https://news.example/extra/0",
        "https://news.example/extra/1",
    ]
    assert len(errors) == 1 and errors[0].source is not None
    assert "cut off" in errors[0].args[0] and str(path) in errors[0].source


def test_warc_truncated_between_records_is_reported(tmp_path: Path) -> None:
    """warcio itself ends silently when a gzip member is cut inside the WARC headers."""
    path = tmp_path / "cut.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    members = gzip_member_offsets(data)
    path.write_bytes(data[: members[3] + 30])  # keep warcinfo, request, page; cut the image's header
    articles, errors = read(path)
    assert [a.url for a in articles] == ["https://news.example/news/1"]
    assert [(e.source, "cut off" in e.args[0]) for e in errors] == [(str(path), True)]


def gzip_member_offsets(data: bytes) -> list[int]:
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        inflater.decompress(data[position:])
        position = len(data) - len(inflater.unused_data)
    return offsets


def test_warc_bad_header_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    write_warc(path, gzip_records=False)
    data = path.read_bytes()
    resource = data.index(b"WARC/1.", data.index(b"urn:example:bulletin-7") - 400)
    path.write_bytes(data[:resource] + b"NOT A WARC HEADER\r\n" + data[resource + 9 :])
    articles, errors = read(path)
    assert [a.url for a in articles] == ["https://news.example/news/1"]
    assert len(errors) == 1 and errors[0].source == str(path)
    assert "broken" in errors[0].args[0]


def test_warc_record_over_the_limit_is_skipped_without_loading(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        # Random hex, so that gzip cannot shrink it: warcio inflates a whole compressed block at once.
        big = b"<html><body><p>" + secrets.token_hex(2_500_000).encode() + b"</p></body></html>"
        for uri, body in (("https://x.example/big", big), ("https://x.example/small", PAGE_WITH_DATE.encode())):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    articles, errors, peak = read_measuring_memory(path, max_bytes=100_000)
    assert [a.url for a in articles] == ["https://x.example/small"]
    assert len(errors) == 1 and "size limit" in errors[0].args[0]
    assert errors[0].source == f"{path}#https://x.example/big"
    assert peak < 2_000_000  # the 5 MB payload was never held


# --- detection and walking -------------------------------------------------------------------------


def test_files_without_extension_are_sniffed(tmp_path: Path) -> None:
    for fixture, name in (
        ("page.html", "page"),
        ("wire.rss", "feed"),
        ("articles.jsonl", "lines"),
        ("article.txt", "plain"),
    ):
        shutil.copy(FIXTURES / fixture, tmp_path / name)
    write_warc(tmp_path / "crawl")
    ids = {name: [a.id for a in only_articles(tmp_path / name)] for name in ("feed", "lines", "crawl")}
    assert ids["feed"][0] == "wire-2022-0517-vote" and len(ids["feed"]) == 2
    assert ids["lines"][:2] == ["wire-001", "wire-002"] and len(ids["lines"]) == 3
    assert len(ids["crawl"]) == 2
    assert only(only_articles(tmp_path / "page")).title == "Floods force thousands from homes in river delta"
    assert only(only_articles(tmp_path / "plain")).text == (FIXTURES / "article.txt").read_text()


def only_articles(path: Path) -> list[Article]:
    articles, errors = read(path)
    assert errors == []
    return articles


def test_txt_that_is_html_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    shutil.copy(FIXTURES / "page.html", path)
    article = only(read(path)[0])
    assert "<p>" not in article.text and "Privacy policy" not in article.text
    assert article.published == dt.date(2021, 8, 14)


def test_input_format_override(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(f"<p>{ENGLISH}</p>")
    assert only(read(path)[0]).text == f"<p>{ENGLISH}</p>"  # a fragment says nothing; .txt decides
    assert only(read(path, input_format="html")[0]).text == ENGLISH
    with pytest.raises(ConfigError, match="unknown input format 'pdf'"):
        iter_articles([str(path)], input_format="pdf")


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    skipped = (".hidden.txt", ".git/config.txt", "a/.cache/x.txt", "README.md", "a/notes.yaml", "a/run.py")
    for relative in ("b.txt", "a/z.txt", "a/c/d.txt", *skipped):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(f"{ENGLISH} ({relative})")
    articles, errors = read(tmp_path)
    assert errors == []
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in articles] == ["a/c/d.txt", "a/z.txt", "b.txt"]
    assert only(read(tmp_path / "README.md")[0]).source == str(tmp_path / "README.md")  # named, it is read


# --- bad input -------------------------------------------------------------------------------------


def test_bad_files_in_a_folder_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "01-good.txt").write_text(ENGLISH)
    (tmp_path / "02-binary.txt").write_bytes(b"ENGLISH\x00\x01\x02" * 50)
    (tmp_path / "03-image").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "03-skipped.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "04-empty.txt").write_bytes(b"")
    (tmp_path / "05-blank.txt").write_text(" \n\t\n")
    (tmp_path / "06-garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    lines = [
        f'{{"id": "ok-1", "text": "{ENGLISH}"}}',
        '{"id": "broken", "text": "unterminated',
        "",
        f'{{"id": "ok-2", "published": "2019-02-25", "text": "{ENGLISH} Again."}}',
        '{"id": "no-text", "title": "Headline only"}',
        '{"id": "number", "text": 42}',
        '{"id": "bad-date", "published": "25/02/2019", "text": "Some text."}',
        '["not", "an", "object"]',
        '{"id": "   ", "text": "   "}',
    ]
    (tmp_path / "07-lines.jsonl").write_text("\n".join(lines) + "\n")
    articles, errors = read(tmp_path)

    assert [a.id for a in articles] == [article_id_for(ENGLISH), "ok-1", "ok-2"]
    assert all(not isinstance(e, SkippedArticle) for e in errors)
    reported = [(Path(e.source or "").name, e.line) for e in errors]
    assert reported == [
        ("02-binary.txt", None),
        ("03-image", None),
        ("04-empty.txt", None),
        ("05-blank.txt", None),
        ("06-garbage.txt", None),
        ("07-lines.jsonl", 2),
        ("07-lines.jsonl", 5),
        ("07-lines.jsonl", 6),
        ("07-lines.jsonl", 7),
        ("07-lines.jsonl", 8),
        ("07-lines.jsonl", 9),
    ]
    messages = [e.args[0] for e in errors]
    assert "NUL bytes" in messages[0]
    assert "PNG image" in messages[1]
    assert "empty" in messages[2] and "whitespace" in messages[3]
    assert "not valid UTF-8" in messages[4]
    assert messages[5].startswith("malformed JSON")
    assert messages[6] == 'no "text" field'
    assert messages[7] == '"text" must be a string, not a number'
    assert "not a date" in messages[8]
    assert "JSON object" in messages[9]
    assert "empty" in messages[10]
    assert str(errors[5]) == f"{tmp_path / '07-lines.jsonl'}:2: {messages[5]}"


def test_a_few_undecodable_bytes_are_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("Café owners in Bogotá said ".encode() + b"\xff\xfe" + ENGLISH.encode())
    article = only(read(path)[0])
    assert article.text == "Café owners in Bogotá said \ufffd\ufffd" + ENGLISH
    assert article.flags == [REPLACED_FLAG]


def test_legacy_8bit_text_is_read_as_windows_1252(tmp_path: Path) -> None:
    text = "The mayor of São Tomé said the “state of emergency” would end on Friday – " + ENGLISH
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    article = only(read(path)[0])
    assert article.text == text
    assert article.flags == [CP1252_FLAG]


def test_missing_file_is_reported() -> None:
    articles, errors = read("/nonexistent/article.txt")
    assert articles == []
    assert errors[0].source == "/nonexistent/article.txt" and "No such file" in errors[0].args[0]


def test_size_limit_for_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w") as out:
        for _ in range(100_000):
            out.write(ENGLISH + "\n")  # about 20 MB
    small = tmp_path / "small.txt"
    small.write_text(ENGLISH)
    articles, errors, peak = read_measuring_memory(big, small, max_bytes=1_000_000)
    assert [a.source for a in articles] == [str(small)]
    assert len(errors) == 1 and errors[0].source == str(big)
    size_mb = big.stat().st_size / 1_000_000
    assert errors[0].args[0] == f"the file is {size_mb:.1f} MB, above the 1.0 MB size limit"
    assert peak < 1_000_000


def test_size_limit_for_jsonl_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    with path.open("w") as out:
        out.write(f'{{"id": "before", "text": "{ENGLISH}"}}\n')
        out.write('{"id": "huge", "text": "' + "x" * 5_000_000 + '"}\n')
        out.write(f'{{"id": "after", "text": "{ENGLISH}"}}\n')
    articles, errors, peak = read_measuring_memory(path, max_bytes=100_000)
    assert [a.id for a in articles] == ["before", "after"]
    assert [(e.line, "size limit" in e.args[0]) for e in errors] == [(2, True)]
    assert peak < 1_000_000


def test_non_english_articles_are_skipped_with_a_reason() -> None:
    articles, errors = read(FIXTURES / "spanish.txt", FIXTURES / "french.txt", FIXTURES / "article.txt")
    assert [a.source for a in articles] == [str(FIXTURES / "article.txt")]
    assert all(isinstance(e, SkippedArticle) for e in errors)
    assert [e.source for e in errors] == [str(FIXTURES / "spanish.txt"), str(FIXTURES / "french.txt")]
    assert errors[0].args[0].startswith("not English (looks like Spanish; English function-word share 0.0")
    assert errors[1].args[0].startswith("not English (looks like French;")


def test_same_text_same_id_across_formats(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.jsonl").write_text(f'{{"text": "{ENGLISH}"}}\n')
    (tmp_path / "c.txt").write_text("\n  " + ENGLISH.replace(" ", "  ") + "\n")  # same after normalising
    articles, errors = read(tmp_path)
    assert errors == []
    assert len({a.id for a in articles}) == 1
    assert articles[0].id == article_id_for(ENGLISH)


# --- stdin -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,expected_ids",
    [
        (ENGLISH.encode(), [article_id_for(ENGLISH)]),
        (f'{{"id": "s1", "text": "{ENGLISH}"}}\n{{"id": "s2", "text": "{ENGLISH}!"}}\n'.encode(), ["s1", "s2"]),
    ],
)
def test_stdin_text_or_jsonl(monkeypatch: pytest.MonkeyPatch, data: bytes, expected_ids: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    articles, errors = read("-")
    assert errors == []
    assert [a.id for a in articles] == expected_ids
    assert all(a.source is not None and a.source.startswith("<stdin>") for a in articles)


# --- feeds over HTTP ------------------------------------------------------------------------------

FEED_ETAG = '"wire-v1"'
FEED_MODIFIED = "Wed, 18 May 2022 08:00:00 GMT"


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []  # noqa: RUF012 -- shared with the test on purpose

    def do_GET(self) -> None:
        type(self).user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/wire.rss":
            if self.headers.get("If-None-Match") == FEED_ETAG:
                self.send_response(304)
                self.send_header("ETag", FEED_ETAG)
                self.end_headers()
                return
            self._send(200, "application/rss+xml", (FIXTURES / "wire.rss").read_bytes(), ETag=FEED_ETAG)
        elif self.path == "/page":
            self._send(200, "text/html; charset=utf-8", (FIXTURES / "page.html").read_bytes())
        elif self.path == "/moved":
            self._send(302, "text/plain", b"", Location="/wire.rss")
        elif self.path == "/loop":
            self._send(302, "text/plain", b"", Location="/loop")
        elif self.path == "/huge":
            self._send(200, "application/rss+xml", b"<rss>" + b" " * 3_000_000 + b"</rss>")
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", FEED_MODIFIED)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_url_through_iter_articles(server: str) -> None:
    articles, errors = read(f"{server}/wire.rss")
    assert errors == []
    assert next(a.id for a in articles) == "wire-2022-0517-vote"
    assert articles[0].source == f"{server}/wire.rss#item1"
    assert _Handler.user_agents[-1] == "eventwire/0.1"


def test_page_url_through_iter_articles(server: str) -> None:
    article = only(read(f"{server}/page")[0])
    assert article.title == "Floods force thousands from homes in river delta"
    assert "Privacy policy" not in article.text


def test_fetch_feed_and_304(server: str) -> None:
    first = fetch_feed(f"{server}/wire.rss")
    assert isinstance(first, FeedFetch)
    assert (first.status, first.etag, first.last_modified, first.not_modified) == (200, FEED_ETAG, FEED_MODIFIED, False)
    assert next(e.id for e in first.entries if isinstance(e, Article)) == "wire-2022-0517-vote"
    assert len(first.entries) == 2

    again = fetch_feed(f"{server}/wire.rss", etag=first.etag, modified=first.last_modified)
    assert again.status == 304 and again.not_modified
    assert again.entries == []
    assert (again.etag, again.last_modified) == (FEED_ETAG, FEED_MODIFIED)


def test_fetch_feed_follows_redirects(server: str) -> None:
    fetched = fetch_feed(f"{server}/moved")
    assert fetched.status == 200 and fetched.url == f"{server}/wire.rss"
    assert len(fetched.entries) == 2


@pytest.mark.parametrize(
    "path,status,message",
    [
        ("/missing", 404, "HTTP 404 Not Found"),
        ("/loop", 0, "more than 5 redirects"),
        ("/huge", 200, "above the 1.0 MB size limit"),
        ("/page", 200, "not an RSS or Atom feed"),
    ],
)
def test_fetch_feed_failures_are_entries(server: str, path: str, status: int, message: str) -> None:
    fetched = fetch_feed(f"{server}{path}", etag='"old"', max_bytes=1_000_000)
    assert fetched.status == status
    assert len(fetched.entries) == 1 and isinstance(fetched.entries[0], InputError)
    assert message in fetched.entries[0].args[0]
    assert fetched.entries[0].source == f"{server}{path}"


def test_unreachable_url_is_an_error() -> None:
    fetched = fetch_feed("http://127.0.0.1:9/feed.xml", timeout=2)
    assert fetched.status == 0
    assert isinstance(fetched.entries[0], InputError) and "could not fetch" in fetched.entries[0].args[0]


# --- dates and the sample corpus -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2019-02-25", dt.date(2019, 2, 25)),
        ("2019-02-25T23:30:00Z", dt.date(2019, 2, 25)),
        ("2019-02-25T23:30:00-05:00", dt.date(2019, 2, 25)),
        ("Mon, 25 Feb 2019 23:30:00 -0500", dt.date(2019, 2, 25)),
        ("25/02/2019", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_sample_corpus_reads_cleanly() -> None:
    # The article inputs only: warc/src/ holds the sources the WARC is built from (the same texts again).
    inputs = [
        *sorted(SAMPLE.glob("*.jsonl")),
        SAMPLE / "html",
        SAMPLE / "feeds",
        *sorted(SAMPLE.glob("warc/*.warc.gz")),
    ]
    inputs = [path for path in inputs if path.exists()]
    if not inputs:
        message = f"the sample corpus is not in {SAMPLE} yet"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    articles, errors = read(*inputs)
    assert [str(e) for e in errors] == []
    assert len(articles) >= 40
    sources = [a.source or "" for a in articles]
    for kind in (".jsonl#", ".html", ".rss#item", "https://"):  # JSONL, HTML, RSS and WARC articles
        assert any(kind in source for source in sources), kind
