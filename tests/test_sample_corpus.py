"""Checks over the bundled sample corpus (eventwire/data/sample): formats parse, ground truth is complete.

Each format is read with a plain parser (json, html.parser, feedparser, warcio), not with eventwire's own
readers, so a bug in a reader cannot hide a broken corpus file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from eventwire.ontology.plover import EVENT_TYPE_NAMES

SAMPLE = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "sample"
FIRST_DAY, LAST_DAY = dt.date(2025, 3, 1), dt.date(2025, 4, 12)
JSONL_FIELDS = {"id", "title", "url", "published", "outlet", "text"}
DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑ' .-]+(, [A-Z][\w .'-]+)? \((?P<outlet>[A-Z][\w .&'-]+)\) — ")


@dataclass(frozen=True)
class SampleArticle:
    ref: str  # how incidents.yaml refers to the article
    fmt: str
    outlet: str
    title: str
    published: dt.date
    text: str


class _PageParser(HTMLParser):
    """Collects the <title>, the date metas, and the <h1> and <p> texts inside <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self._in_article = 0
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key and values.get("content"):
                self.meta[key] = values["content"] or ""
        elif tag == "article":
            self._in_article += 1
        elif tag == "title" or (self._in_article and tag in ("h1", "p")):
            self._capture, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag != self._capture:
            return
        text = "".join(self._buffer).strip()
        if tag == "title":
            self.title = text
        elif tag == "h1":
            self.h1 = text
        else:
            self.paragraphs.append(text)
        self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)


def parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def jsonl_articles() -> list[SampleArticle]:
    articles = []
    for path in sorted(SAMPLE.glob("articles-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            published = dt.date.fromisoformat(row["published"])
            articles.append(SampleArticle(row["id"], "jsonl", row["outlet"], row["title"], published, row["text"]))
    return articles


def html_articles() -> list[SampleArticle]:
    articles = []
    for path in sorted((SAMPLE / "html").glob("*.html")):
        page = parse_page(path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(page.meta["date"])
        ref = path.relative_to(SAMPLE).as_posix()
        outlet = page.meta["og:site_name"]
        articles.append(SampleArticle(ref, "html", outlet, page.h1, published, "\n\n".join(page.paragraphs)))
    return articles


def feed_articles() -> list[SampleArticle]:
    feed = feedparser.parse(SAMPLE / "feeds" / "wire.rss")
    outlet = feed.feed.title.split(" — ")[0]
    articles = []
    for entry in feed.entries:
        page = parse_page("<article>" + entry.content[0].value + "</article>")
        published = dt.date(*entry.published_parsed[:3])
        text = "\n\n".join(page.paragraphs)
        articles.append(SampleArticle(entry.id, "rss", outlet, entry.title, published, text))
    return articles


def warc_records(path: Path) -> list[tuple[str, dict[str, str], bytes]]:
    with path.open("rb") as stream:
        return [
            (record.rec_type, dict(record.rec_headers.headers), record.content_stream().read())
            for record in ArchiveIterator(stream)
        ]


def warc_articles() -> list[SampleArticle]:
    articles = []
    for rec_type, headers, body in warc_records(SAMPLE / "warc" / "crawl.warc.gz"):
        uri = headers.get("WARC-Target-URI", "")
        published = dt.date.fromisoformat(headers["WARC-Date"][:10])
        if rec_type == "response":
            page = parse_page(body.decode("utf-8"))
            text = "\n\n".join(page.paragraphs)
            articles.append(SampleArticle(uri, "warc", page.meta["og:site_name"], page.h1, published, text))
        elif rec_type == "resource":
            title, text = body.decode("utf-8").split("\n\n", 1)
            dateline = DATELINE.match(text)
            outlet = dateline.group("outlet") if dateline else ""
            articles.append(SampleArticle(uri, "warc", outlet, title, published, text.strip()))
    return articles


@pytest.fixture(scope="module")
def corpus() -> list[SampleArticle]:
    return jsonl_articles() + html_articles() + feed_articles() + warc_articles()


@pytest.fixture(scope="module")
def incidents() -> list[dict]:
    return yaml.safe_load((SAMPLE / "incidents.yaml").read_text(encoding="utf-8"))


def test_corpus_has_enough_articles_in_every_format(corpus: list[SampleArticle]) -> None:
    by_format = Counter(article.fmt for article in corpus)
    assert len(corpus) >= 48
    assert by_format["html"] >= 5
    assert by_format["rss"] >= 6
    assert by_format["warc"] >= 5


def test_jsonl_lines_have_required_fields_and_valid_dates() -> None:
    ids = []
    for path in sorted(SAMPLE.glob("articles-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert set(row) == JSONL_FIELDS, row.get("id")
            assert all(isinstance(row[field], str) and row[field] for field in JSONL_FIELDS), row["id"]
            assert re.fullmatch(r"sample-\d{3}", row["id"])
            assert FIRST_DAY <= dt.date.fromisoformat(row["published"]) <= LAST_DAY
            assert re.fullmatch(r"https://[a-z-]+\.example-outlet\.test/\S+", row["url"])
            ids.append(row["id"])
    assert len(ids) == len(set(ids))


def test_articles_read_like_wire_reports(corpus: list[SampleArticle]) -> None:
    for article in corpus:
        words = len(article.text.split())
        assert 250 <= words <= 1300, (article.ref, words)
        assert 5 <= article.text.count("\n\n") + 1 <= 30, article.ref
        assert DATELINE.match(article.text), article.ref
        assert FIRST_DAY <= article.published <= LAST_DAY, article.ref
        assert article.title, article.ref
    assert max(len(article.text.split()) for article in corpus) >= 1100


def test_html_pages_carry_title_dates_and_boilerplate() -> None:
    for path in sorted((SAMPLE / "html").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        page = parse_page(html)
        assert page.title.startswith(page.h1), path.name
        assert page.meta["article:published_time"].startswith(page.meta["date"]), path.name
        assert len(page.paragraphs) >= 5, path.name
        for boilerplate in ("<nav", "<footer", "cookie", "<aside"):
            assert boilerplate in html, (path.name, boilerplate)


def test_feed_items_are_complete() -> None:
    feed = feedparser.parse(SAMPLE / "feeds" / "wire.rss")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    for entry in feed.entries:
        assert entry.title and entry.link and entry.id and entry.published_parsed
        assert len(entry.content[0].value) > 2 * len(entry.summary), entry.id


def test_warc_has_warcinfo_responses_and_a_text_resource() -> None:
    records = warc_records(SAMPLE / "warc" / "crawl.warc.gz")
    types = Counter(rec_type for rec_type, _, _ in records)
    assert records[0][0] == "warcinfo"
    assert types["response"] >= 4
    assert types["resource"] >= 1
    record_ids = [headers["WARC-Record-ID"] for _, headers, _ in records]
    assert len(record_ids) == len(set(record_ids))


def test_warc_matches_its_sources_and_rebuilds_identically(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_warc", SAMPLE / "make_warc.py")
    assert spec and spec.loader
    make_warc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_warc)
    rebuilt = tmp_path / "crawl.warc.gz"
    make_warc.build_warc(rebuilt)
    # Compare the records, not the compressed bytes: another zlib build may compress differently.
    assert warc_records(rebuilt) == warc_records(SAMPLE / "warc" / "crawl.warc.gz")
    with gzip.open(rebuilt) as stream:
        assert stream.read().startswith(b"WARC/1.0")


def test_no_article_appears_twice_verbatim(corpus: list[SampleArticle]) -> None:
    texts = Counter(" ".join(article.text.split()) for article in corpus)
    assert texts.most_common(1)[0][1] == 1


def test_syndicated_copies_differ_by_headline_and_a_paragraph(corpus: list[SampleArticle]) -> None:
    paragraph_sets = {article.ref: set(article.text.split("\n\n")) for article in corpus}
    near_duplicates = []
    for index, first in enumerate(corpus):
        for second in corpus[index + 1 :]:
            one, two = paragraph_sets[first.ref], paragraph_sets[second.ref]
            if len(one & two) / len(one | two) >= 0.75:
                near_duplicates.append((first, second))
                assert first.title != second.title, (first.ref, second.ref)
                assert one != two, (first.ref, second.ref)
    assert len(near_duplicates) >= 1


def test_incidents_cover_every_article_exactly_once(corpus: list[SampleArticle], incidents: list[dict]) -> None:
    refs = Counter(ref for incident in incidents for ref in incident["articles"])
    known = {article.ref for article in corpus}
    assert set(refs) == known, {"unknown": set(refs) - known, "unassigned": known - set(refs)}
    assert max(refs.values()) == 1


def test_incidents_are_well_formed(incidents: list[dict]) -> None:
    slugs = [incident["incident"] for incident in incidents]
    assert len(slugs) == len(set(slugs))
    for incident in incidents:
        assert set(incident) == {"incident", "type", "date", "place", "country", "articles", "note"}
        assert incident["type"] in EVENT_TYPE_NAMES, incident["incident"]
        assert FIRST_DAY <= dt.date.fromisoformat(incident["date"]) <= LAST_DAY, incident["incident"]
        assert re.fullmatch(r"[A-Z]{3}", incident["country"]), incident["incident"]
        assert incident["place"] and incident["articles"], incident["incident"]


def test_incidents_span_countries_types_and_multiple_outlets(
    corpus: list[SampleArticle], incidents: list[dict]
) -> None:
    assert len({incident["country"] for incident in incidents}) >= 12
    type_counts = Counter(incident["type"] for incident in incidents)
    assert set(type_counts) == set(EVENT_TYPE_NAMES)
    assert min(type_counts.values()) >= 3
    outlet = {article.ref: article.outlet for article in corpus}
    assert all(outlet.values())
    multi_outlet = [incident for incident in incidents if len({outlet[ref] for ref in incident["articles"]}) >= 2]
    assert len(multi_outlet) >= 8


def test_reports_of_one_incident_are_published_close_together(
    corpus: list[SampleArticle], incidents: list[dict]
) -> None:
    published = {article.ref: article.published for article in corpus}
    for incident in incidents:
        happened = dt.date.fromisoformat(incident["date"])
        for ref in incident["articles"]:
            assert 0 <= (published[ref] - happened).days <= 3, (incident["incident"], ref)


def test_same_day_confusers_exist(incidents: list[dict]) -> None:
    by_day_and_type = Counter((incident["date"], incident["type"]) for incident in incidents)
    confusers = [key for key, n in by_day_and_type.items() if n >= 2]
    assert len(confusers) >= 3
