"""Date expressions resolved against the publication date, and the date of an event."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest
from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.extract.dates import event_date, extract_dates
from eventwire.nlp.model import load_model
from eventwire.records import Article, DateMention

MONDAY = dt.date(2019, 2, 25)

BORDER_ARTICLE = (
    "BOGOTA, Colombia — Violence broke out at the Venezuelan border on Saturday as troops blocked "
    "aid convoys. Two people were killed and over 300 wounded, officials said.\n"
    "About 100 soldiers defected to Colombia over the weekend.\n"
    "Opposition leaders will meet on Monday in Bogotá with foreign ministers of the Lima Group. "
    "The ministers met on Monday morning to prepare the talks."
)


@lru_cache(maxsize=64)
def _parse(text: str) -> Doc:
    return load_model()(text)


def dates_in(text: str, published: dt.date | None = MONDAY) -> list[DateMention]:
    article = Article(id="t", text=text, published=published)
    return extract_dates(_parse(text), ExtractionContext(article=article))


def resolved(text: str, published: dt.date | None = MONDAY) -> dict[str, tuple[str, str]]:
    return {m.text: (m.date.isoformat(), m.precision) for m in dates_in(text, published)}


def test_border_article_resolves_weekdays_by_tense() -> None:
    found = {m.text: m for m in dates_in(BORDER_ARTICLE)}
    assert found["Saturday"].date == dt.date(2019, 2, 23)
    assert found["Saturday"].relative
    # "will meet on Monday" in an article published on a Monday is the following Monday ...
    meetings = [m for m in dates_in(BORDER_ARTICLE) if m.text.startswith("Monday")]
    assert [m.date for m in meetings] == [dt.date(2019, 3, 4), dt.date(2019, 2, 25)]
    # ... and "met on Monday morning" is the publication day itself.
    assert meetings[1].text == "Monday morning"


def test_offsets_index_the_article_text() -> None:
    for mention in dates_in(BORDER_ARTICLE):
        assert BORDER_ARTICLE[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote was held on March 3.", {"March 3": ("2018-03-03", "day")}),
        ("It happened on 3 March 2025.", {"3 March 2025": ("2025-03-03", "day")}),
        ("The report is dated 2025-03-03.", {"2025-03-03": ("2025-03-03", "day")}),
        ("Police said on 1/27/2016 that he fled.", {"1/27/2016": ("2016-01-27", "day")}),
        ("Talks began Tuesday, Feb. 19, in Lima.", {"Tuesday, Feb. 19": ("2019-02-19", "day")}),
        ("Fighting resumed Dec. 2, 2015, near the town.", {"Dec. 2, 2015": ("2015-12-02", "day")}),
        ("The 27th of January was quiet.", {"27th of January": ("2019-01-27", "day")}),
        ("Protests began in January and spread.", {"January": ("2019-01-01", "month")}),
        ("The group was founded in 2015 by exiles.", {"2015": ("2015-01-01", "year")}),
    ],
)
def test_explicit_dates(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was arrested yesterday.", {"yesterday": ("2019-02-24", "day")}),
        ("Troops withdrew today.", {"today": ("2019-02-25", "day")}),
        ("Rebels attacked a base last week.", {"last week": ("2019-02-18", "week")}),
        ("Prices rose last month.", {"last month": ("2019-01-01", "month")}),
        ("The mayor resigned two days ago.", {"two days ago": ("2019-02-23", "day")}),
        ("Gunmen struck late on Thursday.", {"late on Thursday": ("2019-02-21", "day")}),
        ("Shelling continued overnight.", {"overnight": ("2019-02-25", "day")}),
        ("Clashes erupted earlier this week.", {"earlier this week": ("2019-02-25", "week")}),
        ("A bomb exploded Saturday night.", {"Saturday night": ("2019-02-23", "day")}),
        ("Police raided the camp this morning.", {"this morning": ("2019-02-25", "day")}),
        ("A curfew was imposed last night.", {"last night": ("2019-02-24", "day")}),
        ("The talks will resume next week.", {"next week": ("2019-03-04", "week")}),
        ("The court is due to rule on Friday.", {"Friday": ("2019-03-01", "day")}),
        ("He left last Monday.", {"last Monday": ("2019-02-18", "day")}),
        ("Soldiers defected over the weekend.", {"the weekend": ("2019-02-23", "week")}),
        ("Marchers gathered on Christmas Eve.", {"Christmas Eve": ("2018-12-24", "day")}),
    ],
)
def test_relative_dates(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert resolved(text) == expected


def test_without_publication_date_only_absolute_dates_are_kept() -> None:
    text = "On Saturday, a week after the March 3 vote and the 2025-03-04 deadline, talks resumed."
    assert resolved(text, published=None) == {"2025-03-04": ("2025-03-04", "day")}


@pytest.mark.parametrize(
    "text",
    [
        "the march on the capital may go ahead, they said",  # lowercase words, not months
        "we may see more protests soon",
        "Sun reporters and Mar-a-Lago guests",
        "police said 12 people 300 km away 45 percent",
        "Ã©tÃ© â€œ mojibake Ã¢â‚¬â„¢ text",
        "1 2 3 4\n5 6 7 8\n2019 2020 2021 2022\n31 30 29 28",
        "no punctuation at all here just words about monday night football results",
    ],
)
def test_bad_input_gives_no_invented_dates(text: str) -> None:
    found = dates_in(text)
    assert all(m.text.lower().startswith("monday") for m in found)


def _event(text: str, trigger: str, published: dt.date | None = MONDAY) -> tuple[dt.date | None, str, str | None]:
    doc = _parse(text)
    dates = dates_in(text, published)
    token = next(t for t in doc if t.text == trigger)
    when, precision, mention = event_date(doc, token.sent, token.i, dates, published)
    return when, precision, mention.text if mention else None


def test_event_date_prefers_the_trigger_clause() -> None:
    text = "Police arrested him on Wednesday for a shooting that killed two people on Saturday."
    assert _event(text, "killed") == (dt.date(2019, 2, 23), "day", "Saturday")
    assert _event(text, "arrested") == (dt.date(2019, 2, 20), "day", "Wednesday")


def test_event_date_looks_back_in_the_paragraph_then_falls_back_to_publication() -> None:
    text = "Gunmen attacked a village on Saturday. They burned houses.\n\nTroops arrived."
    assert _event(text, "burned") == (dt.date(2019, 2, 23), "day", "Saturday")
    assert _event(text, "arrived") == (MONDAY, "published", None)
    assert _event(text, "arrived", published=None) == (None, "published", None)
