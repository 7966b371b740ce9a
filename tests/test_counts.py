"""Counts of people and things affected, and the per-event and per-article figures."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest
from spacy.tokens import Doc

from eventwire.extract.context import ExtractionContext
from eventwire.extract.counts import article_casualties, event_size, extract_counts
from eventwire.nlp.model import load_model
from eventwire.records import Article, Count

BORDER_ARTICLE = (
    "BOGOTA, Colombia — Violence broke out at the Venezuelan border on Saturday as troops blocked "
    "aid convoys. Two people were killed and over 300 wounded, officials said.\n"
    "About 100 soldiers defected to Colombia over the weekend.\n"
    "Opposition leaders will meet on Monday in Bogotá with foreign ministers of the Lima Group."
)


@lru_cache(maxsize=128)
def _parse(text: str) -> Doc:
    return load_model()(text)


def counts_in(text: str) -> list[Count]:
    article = Article(id="t", text=text, published=dt.date(2019, 2, 25))
    return extract_counts(_parse(text), ExtractionContext(article=article))


def figures(text: str) -> list[tuple[str, int, str]]:
    return [(c.what, c.n, c.qualifier) for c in counts_in(text)]


def test_border_article_counts() -> None:
    assert figures(BORDER_ARTICLE) == [
        ("dead", 2, "exact"),
        ("injured", 300, "at_least"),
        ("defected", 100, "about"),
    ]
    for count in counts_in(BORDER_ARTICLE):
        assert BORDER_ARTICLE[count.start : count.end] == count.text
    assert [c.text for c in counts_in(BORDER_ARTICLE)] == [
        "Two people were killed",
        "over 300 wounded",
        "About 100 soldiers defected",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men were shot, one fatally.", [("injured", 2, "exact"), ("dead", 1, "exact")]),
        ("At least 156 people died.", [("dead", 156, "at_least")]),
        ("More than 1,000 were hurt.", [("injured", 1000, "at_least")]),
        ("Nearly 40 people are missing.", [("missing", 40, "about")]),
        ("Some 2,000 residents fled the fighting.", [("displaced", 2000, "about")]),
        ("1.5 million refugees have crossed the border.", [("displaced", 1500000, "exact")]),
        ("Tens of thousands of people fled.", [("displaced", 20000, "at_least")]),
        ("Police said dozens of protesters were arrested.", [("arrested", 24, "at_least")]),
        ("Hundreds were detained.", [("arrested", 200, "at_least")]),
        ("A dozen hostages were freed.", [("released", 12, "about")]),
        ("The gunmen kidnapped two aid workers.", [("kidnapped", 2, "exact")]),
        ("Militants torched 40 homes and 20 vehicles.", [("structures", 40, "exact"), ("vehicles", 20, "exact")]),
        ("The attack left two dead and three injured.", [("dead", 2, "exact"), ("injured", 3, "exact")]),
        ("The gunman opened fire, killing three.", [("dead", 3, "exact")]),
        ("The death toll rose to 12.", [("dead", 12, "exact")]),
        ("12 dead in market bombing", [("dead", 12, "exact")]),
        ("One person died.", [("dead", 1, "exact")]),
        ("A man was shot dead.", [("dead", 1, "exact")]),
        ("A woman was injured.", [("injured", 1, "exact")]),
        ("Two others were hospitalized.", [("injured", 2, "exact")]),
        ("Three police officers were among the dead.", [("dead", 3, "exact")]),
        ("A man and a woman were killed.", [("dead", 2, "exact")]),
        ("John Smith, 24, died at the scene.", [("dead", 1, "exact")]),
        ("No one was injured.", [("injured", 0, "exact")]),
        ("A rally of 5,000 people filled the square.", [("protesters", 5000, "exact")]),
        ("Some 5,000 troops were deployed.", [("troops", 5000, "about")]),
        ("Police make arrest in east side double murder.", [("dead", 2, "exact")]),
    ],
)
def test_count_patterns(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2015 the budget grew by 25 percent to $5,000 for 300,000 voters.",
        "A 3-year-old and a three-year-old were playing; his 45-year-old father watched.",
        "The shop at 1415 5th Avenue opened at 9:30 a.m. on Route 66 under Article 5.",
        "Call (555) 123-4567 or 555-1234 for tickets; the home team won 3-1.",
        "It was the second time; one of the largest crowds since the 10th march.",
        "They expect 20 vehicles in the parade.",
    ],
)
def test_numbers_that_are_not_counts_of_people_affected(text: str) -> None:
    assert [c for c in counts_in(text) if c.what != "vehicles"] == []


@pytest.mark.parametrize(
    "text",
    [
        "two people were killed and over 300 wounded at the border on saturday",
        "police said three men were arrested no one was hurt",
        "Ã©tÃ© â€œ 2 Ã¢â‚¬â„¢ were killÃ©d",
        "1 2 3 4\n5 6 7 8\n2019 2020 2021 2022\n31 30 29 28",
        "| 12 | 45 | 300 |\n| 1,000 | 2.5 | 7% |",
        "",
    ],
)
def test_bad_input_never_crashes_or_invents(text: str) -> None:
    for count in counts_in(text):
        assert count.what in {"dead", "injured", "arrested"}
        assert text[count.start : count.end] == count.text


def test_lowercase_text_still_reads_clear_counts() -> None:
    assert figures("two people were killed and over 300 wounded") == [
        ("dead", 2, "exact"),
        ("injured", 300, "at_least"),
    ]


def _size(text: str, trigger: str) -> dict[str, int | None]:
    doc = _parse(text)
    token = next(t for t in doc if t.text == trigger)
    return event_size(doc, token.sent, token.i, counts_in(text))


def test_event_size_takes_the_sentence_and_its_elaboration() -> None:
    text = "Gunmen attacked a market in the north on Friday. Two people died. Police arrested four suspects."
    assert _size(text, "attacked") == {"dead": 2, "injured": None, "arrested": None}
    assert _size(text, "arrested") == {"dead": None, "injured": None, "arrested": 4}


def test_event_size_does_not_add_up_repeated_figures() -> None:
    text = "Two people were killed in the attack, and police said the two people were killed by gunfire."
    assert _size(text, "attack") == {"dead": 2, "injured": None, "arrested": None}


@pytest.mark.parametrize(
    ("text", "dead", "injured"),
    [
        ("A man was shot and killed Sunday night. Police said the man was shot twice.", 1, 0),
        ("Two men were shot Saturday, one fatally.", 1, 1),
        ("A woman was shot in the leg on Main Street. She was taken to a hospital.", 0, 1),
        ("John Smith, 24, died at the scene. Mary Jones, 31, also died. A third man was wounded.", 2, 1),
        ("A man was shot on Friday. He died at the hospital on Saturday.", 1, 0),
        ("Three people were shot near the bar. Two of them died.", 2, 1),
        ("A gunman killed a man and wounded a woman outside the store.", 1, 1),
        ("The city has recorded 40 homicides this year. A teen was shot Monday and survived.", 0, 1),
        ("Police are investigating the shooting death of a 15-year-old boy.", 1, 0),
    ],
)
def test_article_casualties(text: str, dead: int, injured: int) -> None:
    assert article_casualties(counts_in(text), _parse(text)) == {"dead": dead, "injured": injured}
