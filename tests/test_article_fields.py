"""Where, when, how many, who said it — all fields of one project-written article, end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import eventwire
from eventwire.records import ArticleResult

ARTICLE = Path(__file__).parent / "articles" / "border_violence_monday.txt"
PUBLISHED = dt.date(2019, 2, 25)  # a Monday


@pytest.fixture(scope="module")
def result() -> ArticleResult:
    return eventwire.extract(ARTICLE.read_text(encoding="utf-8"), published=PUBLISHED, id="border-monday")


def test_counts(result: ArticleResult) -> None:
    found = {(c.what, c.n, c.qualifier) for c in result.counts}
    assert {("dead", 2, "exact"), ("injured", 300, "at_least"), ("defected", 100, "about")} <= found


def test_casualties_are_the_event_size(result: ArticleResult) -> None:
    sizes = [e.size for e in result.events if e.type == "ASSAULT"]
    assert any(s.get("dead") == 2 and s.get("injured") == 300 for s in sizes)


def test_relative_dates(result: ArticleResult) -> None:
    saturday = [e for e in result.events if e.date_text == "Saturday"]
    assert saturday and all(e.date == dt.date(2019, 2, 23) and e.date_precision == "day" for e in saturday)
    meeting = [e for e in result.events if "Bogotá" in e.text]
    # "will meet on Monday" in an article published on a Monday is the following Monday.
    assert meeting and meeting[0].date == dt.date(2019, 3, 4)


def test_bogota_is_geocoded(result: ArticleResult) -> None:
    bogota = next(p for p in result.places if p.text == "Bogotá")
    assert bogota.lat == pytest.approx(4.61, abs=0.02)
    assert bogota.lon == pytest.approx(-74.08, abs=0.02)
    assert bogota.country_code == "COL" and bogota.feature == "city"


def test_quotes_are_attributed_to_the_named_speaker(result: ArticleResult) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    assert len(result.quotes) >= 2
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker is not None
        assert quote.speaker.entity_text.endswith("Guaidó")
        assert (quote.speaker.code, quote.speaker.sector) == ("VEN", "OPP")
